// smp ui: the scar tools (scar_tool.h).
#include "ui/tools/scar_tool.h"

#include "core/design_link.h"
#include "core/scars.h"
#include "document/document.h"
#include "ui/app_actions.h"
#include "ui/app_state.h"
#include "ui/theme.h"
#include "ui/tools/tools.h"
#include "ui/widget_edit.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace smp {
namespace {

constexpr double kTraceStepMm = 1.0;           // a pointer sample every millimetre
constexpr double kSimplifyToleranceMm = 0.3;   // well under a strip's width
constexpr double kMinStripLengthMm = 5.0;
constexpr double kMinFieldAreaMm2 = 100.0;     // 1 cm²

std::string ScarLabel(const ScarSpec& scar, size_t index) {
    if (!scar.label.empty()) return scar.label;
    return (scar.kind == ScarSpec::Kind::kFutStrip ? "FUT strip " : "FUE field ") + std::to_string(index + 1);
}

// A slider on the selected scar that applies live and becomes one undo step when let go.
template <typename Change>
void ScarSlider(AppState& app, bool changed, size_t index, const char* label, Change change) {
    LiveWidgetEdit(app, changed, label, [&](Design& edited) {
        if (index < edited.scars.size()) change(edited.scars[index]);
    });
}

}  // namespace

Expected<ScarSpec> ScarFromPath(const std::vector<Vec2>& path_mm, ScarSpec::Kind kind, double width_mm, int fue_count,
                                std::string* note) {
    ScarSpec scar;
    scar.kind = kind;
    std::vector<Vec2> points = SimplifyPath(path_mm, kSimplifyToleranceMm);
    if (points.size() > static_cast<size_t>(DesignLimits::kMaxPolygonPoints)) {
        points = SimplifyPath(path_mm, kSimplifyToleranceMm * 4.0);
        if (points.size() > static_cast<size_t>(DesignLimits::kMaxPolygonPoints)) {
            return Status(StatusCode::kLimitExceeded, "the traced path is too intricate for a scar (over " +
                                                          std::to_string(DesignLimits::kMaxPolygonPoints) + " points); trace it in parts");
        }
    }
    if (kind == ScarSpec::Kind::kFutStrip) {
        double length_mm = 0.0;
        for (size_t i = 0; i + 1 < points.size(); ++i) length_mm += (points[i + 1] - points[i]).norm();
        if (points.size() < 2 || length_mm < kMinStripLengthMm) {
            return Status(StatusCode::kInvalidArgument, "drag along the scar to trace it (at least 5 mm)");
        }
        scar.width_mm = std::clamp(width_mm, 0.5, 15.0);
        scar.points_mm = OnLinkGrid(points);
        return scar;
    }
    // A field: the outline closes itself; its last point need not meet the first.
    if (points.size() >= 2 && (points.back() - points.front()).norm() < kTraceStepMm * 2.0) points.pop_back();
    const double area_mm2 = points.size() >= 3 ? std::fabs(SignedAreaMm2(points)) : 0.0;
    if (area_mm2 < kMinFieldAreaMm2) {
        return Status(StatusCode::kInvalidArgument, "drag around the scarred area to outline it (at least 1 cm²)");
    }
    // As many punches as the outline holds (the core refuses more).
    const int fits = static_cast<int>(std::clamp<int64_t>(FueScarsThatFit(area_mm2, scar.scar_diameter_mm), 1, DesignLimits::kMaxFueScarsPerField));
    scar.count = std::clamp(fue_count, 1, fits);
    if (note && scar.count < fue_count) {
        *note = "the outlined area holds at most " + std::to_string(scar.count) + " punch scars; the field has that many";
    }
    scar.points_mm = OnLinkGrid(points);
    return scar;
}

extern const ToolDef kScarStripTool, kScarFieldTool;

namespace {

bool ScarPointer(AppState& app, const CanvasFrame& frame) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    PointerInput& tool = app.pointer;
    // On the work area: a scar off the template's frame is nowhere on the head.
    const RectMm frame_mm = app.doc.pattern.field->FrameMm();
    const Vec2 p_mm = frame.ScreenToMm(mouse).cwiseMax(frame_mm.min_mm).cwiseMin(frame_mm.max_mm);
    if (ImGui::IsItemActivated() && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        tool.scar_path_mm = {p_mm};
        return true;
    }
    if (tool.scar_path_mm.empty()) return false;
    if (ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        if ((p_mm - tool.scar_path_mm.back()).norm() >= kTraceStepMm && tool.scar_path_mm.size() < 100'000) {
            tool.scar_path_mm.push_back(p_mm);
        }
        return true;
    }
    // Let go: the traced path becomes a scar.
    const ScarSpec::Kind kind = app.tools.active == &kScarStripTool ? ScarSpec::Kind::kFutStrip : ScarSpec::Kind::kFueField;
    std::string note;
    Expected<ScarSpec> scar = ScarFromPath(tool.scar_path_mm, kind, app.tools.scar_width_mm, app.tools.fue_count, &note);
    tool.scar_path_mm.clear();
    if (!scar.ok()) {
        app.screen.last_error = scar.status().message();
        return true;
    }
    Design edited = app.doc.design;
    if (edited.scars.size() >= static_cast<size_t>(DesignLimits::kMaxScars)) {
        app.screen.last_error = "a design holds at most " + std::to_string(DesignLimits::kMaxScars) + " scars";
        return true;
    }
    edited.scars.push_back(std::move(scar).value());
    // Scar tissue needs a session more (DOMAIN.md): a design on the default three sessions gets
    // the default four with scars; sessions the practitioner set stay as they are.
    if (edited.sessions.size() == DefaultSessions(false).size() && app.doc.design.scars.empty()) {
        bool defaults = true;
        const std::vector<SessionSpec> plain = DefaultSessions(false);
        for (size_t k = 0; k < plain.size(); ++k) {
            defaults = defaults && plain[k].day == edited.sessions[k].day && plain[k].cumulative_fraction == edited.sessions[k].cumulative_fraction;
        }
        if (defaults) edited.sessions = DefaultSessions(true);
    }
    const Status added = EditDesign(app.doc, edited, kind == ScarSpec::Kind::kFutStrip ? "add strip scar" : "add FUE field");
    ReportEditStatus(app, added);
    if (added.ok()) {
        app.tools.selected_scar = static_cast<int>(edited.scars.size()) - 1;
        if (!note.empty()) app.screen.last_error = note;
    }
    return true;
}

}  // namespace

void DrawScars(ImDrawList* draw, const AppState& app, const CanvasFrame& frame) {
    const float scale = app.ui_scale;
    const std::vector<ScarSpec>& scars = app.doc.design.scars;
    for (size_t i = 0; i < scars.size(); ++i) {
        const ScarSpec& scar = scars[i];
        const bool selected = static_cast<int>(i) == app.tools.selected_scar;
        const ImU32 color = selected ? theme::kScarSelected : theme::kScar;
        std::vector<ImVec2> points;
        for (const Vec2& p : scar.points_mm) points.push_back(frame.MmToScreen(p));
        if (points.size() < 2) continue;
        if (scar.kind == ScarSpec::Kind::kFutStrip) {
            // The strip at its real width, translucent, with its centre line.
            const float width_px = std::max(2.0f * scale, static_cast<float>(frame.view->LengthMmToPixels(scar.width_mm)));
            draw->AddPolyline(points.data(), static_cast<int>(points.size()), (color & 0x00FFFFFF) | 0x50000000, ImDrawFlags_None, width_px);
            draw->AddPolyline(points.data(), static_cast<int>(points.size()), color, ImDrawFlags_None, (selected ? 2.0f : 1.0f) * scale);
        } else {
            draw->AddPolyline(points.data(), static_cast<int>(points.size()), color, ImDrawFlags_Closed, (selected ? 2.5f : 1.5f) * scale);
        }
    }
    if (app.pointer.scar_path_mm.size() >= 2) {
        std::vector<ImVec2> points;
        for (const Vec2& p : app.pointer.scar_path_mm) points.push_back(frame.MmToScreen(p));
        const bool strip = app.tools.active == &kScarStripTool;
        const float width_px = strip ? std::max(2.0f * scale, static_cast<float>(frame.view->LengthMmToPixels(app.tools.scar_width_mm)))
                                     : 2.0f * scale;
        draw->AddPolyline(points.data(), static_cast<int>(points.size()), theme::kScarDrawing, ImDrawFlags_None, width_px);
    }
}

namespace {

void DrawScarToolSettings(AppState& app) {
    ToolSettings& tool = app.tools;
    if (tool.active == &kScarStripTool) {
        ImGui::SliderFloat("Strip width##next", &tool.scar_width_mm, 0.5f, 15.0f, "%.1f mm");
        ImGui::SetItemTooltip("The width of the next strip you trace");
        HintText("Drag along the scar to trace it. The scars are listed under Scars.");
    } else if (tool.active == &kScarFieldTool) {
        ImGui::SliderInt("Punch scars##next", &tool.fue_count, 10, 2000);
        ImGui::SetItemTooltip("How many round FUE scars the next field holds (fewer if the area is small)");
        HintText("Drag around the scarred area to outline it. The scars are listed under Scars.");
    }
}

}  // namespace

void DrawScarPanel(AppState& app) {
    ToolSettings& tool = app.tools;
    const std::vector<ScarSpec>& scars = app.doc.design.scars;
    if (scars.empty()) {
        ImGui::TextDisabled("No scars in this design.");
        return;
    }
    if (tool.selected_scar >= static_cast<int>(scars.size())) tool.selected_scar = -1;
    for (size_t i = 0; i < scars.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Selectable(ScarLabel(scars[i], i).c_str(), tool.selected_scar == static_cast<int>(i))) {
            tool.selected_scar = tool.selected_scar == static_cast<int>(i) ? -1 : static_cast<int>(i);
        }
        ImGui::PopID();
    }
    if (tool.selected_scar < 0) return;
    const size_t index = static_cast<size_t>(tool.selected_scar);
    const ScarSpec scar = scars[index];   // a copy: the sliders below replace the design
    if (scar.kind == ScarSpec::Kind::kFutStrip) {
        float width = static_cast<float>(scar.width_mm);
        const bool changed = ImGui::SliderFloat("Width##selected", &width, 0.5f, 15.0f, "%.1f mm");
        ScarSlider(app, changed, index, "scar width", [&](ScarSpec& s) { s.width_mm = std::round(width * 10.0f) / 10.0; });
    } else {
        int count = scar.count;
        const bool changed = ImGui::SliderInt("Punch scars##selected", &count, 1, DesignLimits::kMaxFueScarsPerField);
        ScarSlider(app, changed, index, "scar count", [&](ScarSpec& s) { s.count = count; });
    }
    float target = static_cast<float>(scar.target ? scar.target->PerCm2() : kDefaultScarTargetPerCm2);
    const bool target_changed = ImGui::SliderFloat("Scar density", &target, 20.0f, 120.0f, "%.0f dots/cm\xC2\xB2");
    ImGui::SetItemTooltip("At least this density on the scar tissue");
    ScarSlider(app, target_changed, index, "scar density", [&](ScarSpec& s) { s.target = DensityValue::Dots(std::round(target)); });
    float blend = static_cast<float>(scar.blend_mm);
    const bool blend_changed = ImGui::SliderFloat("Blend", &blend, 0.0f, 40.0f, "%.0f mm");
    ImGui::SetItemTooltip("How far around the scar the density eases back to the surrounding design");
    ScarSlider(app, blend_changed, index, "scar blend", [&](ScarSpec& s) { s.blend_mm = std::round(blend); });
    if (ImGui::Button("Delete scar")) {
        Design edited = app.doc.design;
        edited.scars.erase(edited.scars.begin() + static_cast<std::ptrdiff_t>(index));
        ReportEditStatus(app, EditDesign(app.doc, edited, "delete scar"));
        tool.selected_scar = -1;
    }
}

extern constinit const ToolDef kScarStripTool = {
    "scar_strip", "Strip", "Trace a linear FUT scar (T)", ImGuiKey_T,
    /*in_client_mode=*/false, /*paints=*/false, kToolMarksScars, ScarPointer, DrawScarToolSettings, nullptr,
};
extern constinit const ToolDef kScarFieldTool = {
    "scar_field", "FUE", "Outline an area of FUE punch scars (U)", ImGuiKey_U,
    /*in_client_mode=*/false, /*paints=*/false, kToolMarksScars, ScarPointer, DrawScarToolSettings, nullptr,
};

}  // namespace smp
