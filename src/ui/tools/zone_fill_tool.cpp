// smp ui: zone fill. A click sets the scalp zone under it to the density, blended across its borders.
#include "core/scalp_template.h"
#include "document/document.h"
#include "ui/app_actions.h"
#include "ui/app_state.h"
#include "ui/canvas_frame.h"
#include "ui/theme.h"
#include "ui/tools/tools.h"

#include <cmath>
#include <string>

namespace smp {
namespace {

void FillZoneAt(AppState& app, const Vec2& p_mm) {
    const ScalpTemplate* scalp = app.doc.pattern.field->Scalp();
    if (!scalp) {
        app.screen.last_error = "zone fill needs the scalp template; this design is on a flat work area";
        return;
    }
    if (!app.doc.pattern.field->Inside(p_mm)) return;
    const ZoneId zone = scalp->ZoneAt(p_mm);
    ZonesLayer fill;
    fill.per_zone[static_cast<size_t>(zone)] = DensityValue::Dots(std::round(app.tools.strength_per_cm2));
    Design edited = app.doc.design;
    edited.layers.push_back(fill);
    const Status filled = EditDesign(app.doc, edited, "fill " + std::string(ZoneName(zone)));
    ReportEditStatus(app, filled);
    app.pointer.press_made_edit = filled.ok();   // a pinch starting from this press takes it back
}

bool ZoneFillPointer(AppState& app, const CanvasFrame& frame) {
    if (!(ImGui::IsItemActivated() && ImGui::IsMouseClicked(ImGuiMouseButton_Left))) return false;
    FillZoneAt(app, frame.ScreenToMm(ImGui::GetIO().MousePos));
    return true;
}

void ZoneFillSettings(AppState& app) {
    DensitySlider(app.tools);
    HintText("Click a zone to fill it; zone borders blend over 10 mm.");
}

}  // namespace

extern constinit const ToolDef kZoneFillTool = {
    "zone_fill", "Fill", "Click a zone to set it to the density (Z)", ImGuiKey_Z,
    /*in_client_mode=*/false, /*paints=*/false, kToolMarksNone, ZoneFillPointer, ZoneFillSettings, nullptr,
};

}  // namespace smp
