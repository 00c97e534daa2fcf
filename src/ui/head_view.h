// smp ui: the head view: the design on the client's head, turned and zoomed with the pointer.
//
// A look, not an edit surface: no tool works on it. One finger or the left button turns the head
// (ui/head_view_math.h), the wheel or two fingers zoom, a double-click or double-tap returns to the
// front. Buttons over its bottom-right corner show the named views (front, left, right, back, top),
// or one "Views" menu of them where their row would cover the face (a short view); "Before / after"
// over its top-right corner shows the head without the design beside the head with it.
// The head and its dots are drawn by render/head_renderer.h in an ImGui draw callback, as the map's
// dots are; the dots are uploaded when the design or the look changes, never when the view moves.
#pragma once

#include "imgui.h"
#include "ui/head_view_math.h"

namespace smp {

struct AppState;

// Whether the design has a head to show (a scalp template; a flat work area has none).
bool HasHead(const AppState& app);

// The sentence shown where the head would be on a flat work area.
inline constexpr const char* kNoHeadMessage = "This design is on a flat work area: there is no head to show";

// The head view at the cursor, `size` big (window px).
void DrawHeadView(AppState& app, const ImVec2& size);

// The row of buttons over the canvas area's top-left corner (`at`, window px) that choose the map,
// the head, or (`wide`) both; on a flat work area the head's are disabled, saying why.
void DrawCanvasViewToggle(AppState& app, const ImVec2& at, bool wide);

// Shows the head a little from above, at the default zoom, from where the design shows
// (ClientHeadCameraFor: the front, unless the design is at the back or a side): how a client view
// opens.
void ShowHeadToClient(AppState& app, CanvasView view);

}  // namespace smp
