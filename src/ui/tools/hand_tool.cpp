// smp ui: the hand. Drag to move the view, double-click to fit (the canvas pans and zooms for every
// tool; this one only adds the double-click). A client opening a link starts with it.
#include "ui/app_state.h"
#include "ui/canvas.h"
#include "ui/canvas_frame.h"
#include "ui/theme.h"
#include "ui/tools/tools.h"

namespace smp {
namespace {

bool HandPointer(AppState& app, const CanvasFrame&) {
    if (ImGui::IsItemHovered() && LeftDoubleClicked(app.pointer.press_click_count)) FitScalpToView(app);
    return false;   // the left button pans
}

void HandSettings(AppState&) {
    HintText(theme::Touch() ? "Drag to move, pinch to zoom, double-tap to fit." : "Drag to move, wheel or pinch to zoom, double-click to fit.");
}

}  // namespace

extern constinit const ToolDef kHandTool = {
    "pan", "Pan", "Look around: drag to move the view (H). The middle button or Space pans with any tool", ImGuiKey_H,
    /*in_client_mode=*/true, /*paints=*/false, kToolMarksNone, HandPointer, HandSettings, nullptr,
    /*on_phone_bar=*/true,
};

}  // namespace smp
