// smp ui: the hairline tool. Control points on the canvas (drag to move, double-click the line to
// add one, double-click a point to remove it) and the hairline's settings in the side panel
// (mirror and asymmetry, style, transition depth), with the core's warnings as they change.
#pragma once

#include "imgui.h"
#include "ui/app_state.h"
#include "ui/canvas_frame.h"

namespace smp {

// Pointer handling while the hairline tool is active, after the canvas' InvisibleButton.
// Returns true when it used the pointer (a handle grabbed or dragged): the canvas then does not pan.
bool HairlinePointer(AppState& app, const CanvasFrame& frame, const ImVec2& mouse);

// The control points (filled; their mirror images hollow) and the point under the pointer.
void DrawHairlineHandles(ImDrawList* draw, const AppState& app, const CanvasFrame& frame, const ImVec2& mouse);

// The hairline's settings, for the side panel.
void DrawHairlinePanel(AppState& app);

// The midline of the design's work area, mm (the scalp's, or the middle of a flat rectangle).
double DesignMidlineXMm(const AppState& app);

// The control points as the canvas shows them: the given ones, then (mirror on) the mirror images
// of all but a point on the midline, as the core builds them (with the asymmetry).
std::vector<Vec2> HairlineHandlePositionsMm(const HairlineSpec& spec, double midline_x_mm, std::vector<HairlineHandle>* handles);

}  // namespace smp
