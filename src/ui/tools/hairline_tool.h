// smp ui: the hairline tool. Control points on the canvas (drag to move, double-click the line to
// add one, double-click a point to remove it) and the hairline's settings in the side panel
// (mirror and asymmetry, style, transition depth), with the core's warnings as they change.
#pragma once

#include "core/design.h"
#include "core/hairline.h"
#include "imgui.h"
#include "ui/app_state.h"
#include "ui/canvas_frame.h"

#include <vector>

namespace smp {

// The tool's row (tools.h): its pointer handling after the canvas' InvisibleButton (true when it
// used the pointer: a handle grabbed or dragged), the control points drawn over the canvas
// (filled; their mirror images hollow; the one under the pointer larger) and its side panel.
bool HairlinePointer(AppState& app, const CanvasFrame& frame);
void DrawHairlineHandles(ImDrawList* draw, const AppState& app, const CanvasFrame& frame);
void DrawHairlinePanel(AppState& app);

// The control points as the canvas shows them, left to right: exactly those the core draws the
// curve through (hairline.h: MirroredControlPointsMm), each with the given point it is or mirrors.
std::vector<Vec2> HairlineHandlePositionsMm(const HairlineSpec& spec, double midline_x_mm, std::vector<HairlineHandle>* handles);

}  // namespace smp
