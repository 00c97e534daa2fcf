// smp ui: the scalp canvas (imgui_demo's "Canvas" pattern: an InvisibleButton that takes the
// pointer, a clip rect, and a draw list fed through CanvasTransform).
#pragma once

#include "ui/app_state.h"

namespace smp {

// Fills the remaining content region with the canvas: scalp outline, millimetre grid, midline and
// scale bar. Drag (left or middle button) pans, the wheel zooms about the cursor, a double-click
// fits the scalp to the view.
void DrawCanvas(AppState& app);

// Fits the whole scalp in the canvas and keeps it fitted across resizes until the next pan or zoom.
void FitScalpToView(AppState& app);

}  // namespace smp
