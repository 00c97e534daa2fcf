// smp ui: the scar tools. Drag along a strip scar to trace it (FUT: a centre line with a width),
// or around an area of punch scars to outline it (FUE: a field of round scars); the side panel
// lists the scars and edits the selected one.
#pragma once

#include "imgui.h"
#include "ui/app_state.h"
#include "ui/canvas_frame.h"

namespace smp {

// The design's scars (the selected one highlighted) and a path being traced: planning marks the
// canvas draws in the plan view and while a scar tool is in hand (the tools' rows: scar_tool.cpp).
void DrawScars(ImDrawList* draw, const AppState& app, const CanvasFrame& frame);

// The scar list and the selected scar's settings, for the side panel's Scars section.
void DrawScarPanel(AppState& app);

// The scar a traced path makes: a FUT strip of the tool's width, or an FUE field of the tool's
// count (fewer when the outline holds fewer; `note` says so). The path is simplified to 0.3 mm.
// Errors name what is wrong (too short, too small an area).
Expected<ScarSpec> ScarFromPath(const std::vector<Vec2>& path_mm, ScarSpec::Kind kind, double width_mm, int fue_count,
                                std::string* note);

}  // namespace smp
