#include "ui/document.h"

#include "core/design_json.h"
#include "core/plan_json.h"
#include "core/presets.h"

#include <nlohmann/json.hpp>

namespace smp {
namespace {

// Everything the canvas draws besides the dots, from the compiled design.
void RebuildDrawing(DesignState& state) {
    const DensityField& field = *state.pattern.field;
    state.scalp_bounds_mm = field.FrameMm();
    state.zone_borders_mm.clear();
    state.landmarks_mm.clear();
    state.hairline_mm.clear();
    if (const ScalpTemplate* scalp = field.Scalp()) {
        state.scalp_outline_mm = scalp->Outline();
        for (const ZoneBorder& border : scalp->ZoneBorders()) state.zone_borders_mm.push_back(border.points_mm);
        const Landmarks& l = scalp->GetLandmarks();
        state.landmarks_mm = {l.mid_frontal_mm, l.frontotemporal_left_mm, l.frontotemporal_right_mm, l.temple_peak_left_mm,
                              l.temple_peak_right_mm, l.vertex_mm, l.crown_whorl_mm, l.ear_left_mm, l.ear_right_mm};
    } else {
        const RectMm frame = field.FrameMm();
        state.scalp_outline_mm = {frame.min_mm, Vec2(frame.max_mm.x(), frame.min_mm.y()), frame.max_mm,
                                  Vec2(frame.min_mm.x(), frame.max_mm.y())};
    }
    state.scalp_triangles = TriangulatePolygon(state.scalp_outline_mm);
    if (field.Hairline()) state.hairline_mm = field.Hairline()->LineMm();
}

}  // namespace

Status SetDesign(AppState& app, const Design& design) {
    Expected<DotPattern> pattern = GenerateDots(design);
    if (!pattern.ok()) return pattern.status();
    app.design.design = design;
    app.design.pattern = std::move(pattern).value();
    app.design.revision += 1;
    RebuildDrawing(app.design);
    return Status::Ok();
}

Status LoadDesignText(AppState& app, std::string_view text_or_preset) {
    std::string text(text_or_preset);
    if (text.find('{') == std::string::npos) {
        Expected<std::string> preset = PresetText(text_or_preset);
        if (!preset.ok()) return preset.status();
        text = std::move(preset).value();
    }
    Expected<Design> design = RestoreDesign(std::string_view(text));
    if (!design.ok()) return design.status();
    return SetDesign(app, *design);
}

std::string DesignJsonText(const AppState& app) { return DesignToJsonText(app.design.design); }

std::string PlanJsonText(const AppState& app) { return PlanToJsonText(app.design.design, app.design.pattern); }

std::string HandleApiCall(AppState& app, std::string_view command, std::string_view argument) {
    using nlohmann::json;
    if (command == "getDesign") return DesignJsonText(app);
    if (command == "getPlan") return PlanJsonText(app);
    if (command == "loadDesign") {
        const Status loaded = LoadDesignText(app, argument);
        return loaded.ok() ? json{{"ok", true}}.dump() : json{{"ok", false}, {"error", loaded.message()}}.dump();
    }
    if (command == "listPresets") {
        json list = json::array();
        for (const PresetInfo& preset : ListPresets()) list.push_back({{"name", preset.name}, {"title", preset.title}});
        return list.dump();
    }
    return json{{"ok", false}, {"error", "unknown command '" + std::string(command).substr(0, 40) + "'"}}.dump();
}

}  // namespace smp
