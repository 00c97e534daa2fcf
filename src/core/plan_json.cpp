#include "core/plan_json.h"

#include "core/design_json.h"
#include "core/json_reader.h"
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

namespace {

using nlohmann::json;
using namespace json_reader;

Status RestorePlanSession(const json& value, size_t i, const Design& design, int64_t& dots_so_far, PlanSession& out) {
    const std::string path = "sessions[" + std::to_string(i) + "]";
    if (Status s = RequireObject(value, path); !s.ok()) return s;
    int64_t index = 0, day = 0, dot_count = 0;
    if (Status s = ReadInteger(value, path, "index", 1, DesignLimits::kMaxSessions, index, true); !s.ok()) return s;
    if (index != static_cast<int64_t>(i + 1)) return Invalid(path + ".index", std::to_string(i + 1), &value["index"]);
    if (Status s = ReadInteger(value, path, "day", 0, DesignLimits::kMaxSessionDay, day, true); !s.ok()) return s;
    if (Status s = ReadNumber(value, path, "cumulative_fraction", 0.01, 1.0, out.cumulative_fraction, true); !s.ok()) return s;
    if (Status s = ReadInteger(value, path, "dot_count", 0, kMaxDotsPerDesign, dot_count, true); !s.ok()) return s;
    out.index = static_cast<int>(index);
    out.day = static_cast<int>(day);
    const auto dots = value.find("dots");
    if (dots == value.end() || !dots->is_array()) {
        return Invalid(path + ".dots", "an array of [x_mm, y_mm, diameter_mm]", dots == value.end() ? nullptr : &*dots);
    }
    if (static_cast<int64_t>(dots->size()) != dot_count) {
        return {StatusCode::kInvalidArgument, path + ".dot_count is " + std::to_string(dot_count) + " but " + path +
                                                  ".dots has " + std::to_string(dots->size())};
    }
    dots_so_far += dot_count;
    if (dots_so_far > kMaxDotsPerDesign) {
        return {StatusCode::kLimitExceeded, "the plan has more than " + std::to_string(kMaxDotsPerDesign) + " dots"};
    }
    out.dots.reserve(dots->size());
    const double width = design.flat_template.width_mm, height = design.flat_template.height_mm;
    for (size_t k = 0; k < dots->size(); ++k) {
        const json& dot = (*dots)[k];
        const std::string dot_path = path + ".dots[" + std::to_string(k) + "]";
        if (!dot.is_array() || dot.size() < 3 || !dot[0].is_number() || !dot[1].is_number() || !dot[2].is_number()) {
            return Invalid(dot_path, "[x_mm, y_mm, diameter_mm, ...]", &dot);
        }
        const double x = dot[0].get<double>(), y = dot[1].get<double>(), diameter = dot[2].get<double>();
        if (!(x >= 0.0 && x <= width && y >= 0.0 && y <= height)) {
            return Invalid(dot_path, "inside the " + FormatNumber(width) + " x " + FormatNumber(height) + " mm template",
                           &dot);
        }
        if (!(diameter >= 0.05 && diameter <= 1.0)) return Invalid(dot_path + "[2]", "a diameter from 0.05 to 1 mm", &dot[2]);
        out.dots.push_back({Vec2(x, y), diameter, out.index});
    }
    return Status::Ok();
}

}  // namespace

Expected<Plan> RestorePlan(std::string_view json_text) {
    Expected<json> parsed = ParseJsonText(json_text, kMaxPlanBytes, "plan");
    if (!parsed.ok()) return parsed.status();
    const json& document = *parsed;
    const Expected<int64_t> version = ReadHeader(document, "smp.plan", "plan", kPlanSchemaVersion);
    if (!version.ok()) return version.status();
    // Version 1 is the first: there is nothing to migrate yet.
    Plan plan;
    const auto design = document.find("design");
    if (design == document.end()) return Invalid("design", "the design the plan was made from", nullptr);
    Expected<Design> restored = RestoreDesign(*design);
    if (!restored.ok()) return Status(restored.status().code(), "design." + restored.status().message());
    plan.design = std::move(restored).value();

    const auto sessions = document.find("sessions");
    if (sessions == document.end() || !sessions->is_array() || sessions->empty()) {
        return Invalid("sessions", "a non-empty array", sessions == document.end() ? nullptr : &*sessions);
    }
    if (sessions->size() > static_cast<size_t>(DesignLimits::kMaxSessions)) {
        return Status(StatusCode::kLimitExceeded, "sessions has " + std::to_string(sessions->size()) +
                                                      " entries; the limit is " + std::to_string(DesignLimits::kMaxSessions));
    }
    int64_t dots_so_far = 0;
    for (size_t i = 0; i < sessions->size(); ++i) {
        PlanSession session;
        if (Status s = RestorePlanSession((*sessions)[i], i, plan.design, dots_so_far, session); !s.ok()) return s;
        if (!plan.sessions.empty() && session.day <= plan.sessions.back().day) {
            return Invalid("sessions[" + std::to_string(i) + "].day",
                           "later than the previous session's day " + std::to_string(plan.sessions.back().day),
                           &(*sessions)[i]["day"]);
        }
        plan.sessions.push_back(std::move(session));
    }
    const auto target = document.find("target_density");
    if (target == document.end()) return Invalid("target_density", "a grid layer", nullptr);
    if (Status s = RestoreGridLayer(*target, "target_density", plan.target_density); !s.ok()) return s;
    return plan;
}

}  // namespace smp
