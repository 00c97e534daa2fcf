#include "core/plan_json.h"

#include "core/design_json.h"
#include "core/version.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace smp {
namespace {

// 1 µm: far below what a needle can place, and it keeps plans compact and stable.
double RoundMicrons(double mm) { return std::round(mm * 1000.0) / 1000.0; }

}  // namespace

std::string PlanToJsonText(const Design& design, const DotPattern& pattern) {
    using nlohmann::json;
    const std::vector<Dot> dots = pattern.Dots();
    json sessions = json::array();
    for (size_t k = 0; k < design.sessions.size(); ++k) {
        json session_dots = json::array();
        for (const Dot& dot : dots) {
            if (dot.session != static_cast<int>(k + 1)) continue;
            session_dots.push_back({RoundMicrons(dot.position_mm.x()), RoundMicrons(dot.position_mm.y()),
                                    RoundMicrons(dot.diameter_mm)});
        }
        const size_t count = session_dots.size();
        sessions.push_back({{"index", k + 1},
                            {"day", design.sessions[k].day},
                            {"cumulative_fraction", design.sessions[k].cumulative_fraction},
                            {"dot_count", count},
                            {"dots", std::move(session_dots)}});
    }

    // The final target on a 5 mm grid (cell centres sampled), for checking a plan against its aim.
    const FlatTemplate& area = design.flat_template;
    const int cols = static_cast<int>(std::ceil(area.width_mm / kPlanTargetCellMm));
    const int rows = static_cast<int>(std::ceil(area.height_mm / kPlanTargetCellMm));
    json target = json::array();
    double treated_cells = 0.0, density_sum = 0.0;
    for (int row = 0; row < rows; ++row) {
        for (int col = 0; col < cols; ++col) {
            const double value = DensityAtPerCm2(design, Vec2((col + 0.5) * kPlanTargetCellMm, (row + 0.5) * kPlanTargetCellMm));
            target.push_back(std::round(value * 100.0) / 100.0);
            if (value > 0.0) { treated_cells += 1.0; density_sum += value; }
        }
    }
    const double cell_cm2 = kPlanTargetCellMm * kPlanTargetCellMm / 100.0;
    const double treated_cm2 = treated_cells * cell_cm2;
    const json plan = {
        {"type", "smp.plan"},
        {"schema_version", kPlanSchemaVersion},
        {"generator", std::string("smp ") + kVersion},
        {"disclaimer", kPreviewDisclaimer},
        {"design", DesignToJson(design)},
        {"sessions", std::move(sessions)},
        {"target_density", {{"kind", "grid"}, {"origin_mm", {0.0, 0.0}}, {"cell_mm", kPlanTargetCellMm},
                            {"cols", cols}, {"rows", rows}, {"interpolation", "nearest"}, {"per_cm2", std::move(target)}}},
        {"summary", {{"total_dots", dots.size()},
                     {"treated_area_cm2", std::round(treated_cm2 * 100.0) / 100.0},
                     {"mean_target_density_per_cm2", treated_cells > 0 ? std::round(density_sum / treated_cells * 100.0) / 100.0 : 0.0}}},
    };
    return plan.dump();
}

}  // namespace smp
