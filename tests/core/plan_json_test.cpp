#include "core/plan_json.h"

#include "core/design_json.h"
#include "core/presets.h"

#include <nlohmann/json.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace {

smp::Design SmallDesign() {
    auto design = smp::RestoreDesign(std::string_view(R"({"type":"smp.design","schema_version":1,"seed":5,
        "template":{"kind":"flat","width_mm":30,"height_mm":20},
        "density":{"layers":[{"kind":"grid","cell_mm":10,"cols":3,"rows":2,"per_cm2":[40,60,80,50,70,90]}]}})"));
    REQUIRE(design.ok());
    return *design;
}

std::string PlanText(const smp::Design& design) {
    auto pattern = smp::GenerateDots(design);
    REQUIRE(pattern.ok());
    return smp::PlanToJsonText(design, *pattern);
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string ErrorOf(const std::string& text) {
    const auto plan = smp::RestorePlan(text);
    REQUIRE_FALSE(plan.ok());
    return plan.status().message();
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a written plan reads back: same design, same dots to the micrometre") {
    const smp::Design design = SmallDesign();
    const auto pattern = smp::GenerateDots(design);
    REQUIRE(pattern.ok());
    const auto plan = smp::RestorePlan(smp::PlanToJsonText(design, *pattern));
    REQUIRE_MESSAGE(plan.ok(), plan.status().message());
    CHECK(smp::DesignToJsonText(plan->design) == smp::DesignToJsonText(design));
    REQUIRE(plan->sessions.size() == 3);
    const std::vector<smp::Dot> dots = pattern->Dots();
    size_t matched = 0;
    for (const smp::PlanSession& session : plan->sessions) {
        for (const smp::Dot& dot : session.dots) {
            // Dots come session by session in the pattern's own order.
            const auto it = std::find_if(dots.begin(), dots.end(), [&](const smp::Dot& d) {
                return d.session == session.index && (d.position_mm - dot.position_mm).norm() < 0.001;
            });
            matched += it != dots.end();
        }
    }
    CHECK(matched == dots.size());
    CHECK(plan->target_density.cell_mm == smp::kPlanTargetCellMm);
}

TEST_CASE("bad plans are refused with a message naming the field") {
    const std::string good = PlanText(SmallDesign());
    CHECK(Contains(ErrorOf(Replace(good, "\"type\":\"smp.plan\"", "\"type\":\"smp.design\"")), "type must be \"smp.plan\""));
    CHECK(Contains(ErrorOf(Replace(good, "\"scars\":[],\"schema_version\":2", "\"scars\":[],\"schema_version\":7")),
                   "schema_version 7 is newer"));
    CHECK(Contains(ErrorOf(Replace(good, "\"index\":2", "\"index\":5")), "sessions[1].index must be 2, got 5"));
    CHECK(Contains(ErrorOf(Replace(good, "\"dots\":[[", "\"dots\":[[-3,")), "sessions[0].dots[0] must be inside the 30 x 20 mm template"));
    CHECK(Contains(ErrorOf(Replace(good, ",0.25,0,-1]", ",7.0,0,-1]")), "sessions[0].dots[0][2] must be a diameter from 0.05 to 1 mm, got 7"));
    CHECK(Contains(ErrorOf(Replace(good, "\"dots\":[[", "\"dots\":[[9,1,0.25],[")), "sessions[0].dot_count is"));
    CHECK(Contains(ErrorOf(Replace(good, "\"width_mm\":30.0", "\"width_mm\":\"x\"")), "design.template.width_mm must be a number"));
    CHECK(Contains(ErrorOf(good.substr(0, good.size() / 2)), "the plan is not valid JSON"));
    CHECK(Contains(ErrorOf(Replace(good, ",0.25,0,-1]", ",0.25,0,9]")), "sessions[0].dots[0][4] must be a zone from -1 (none) to 7, got 9"));
    CHECK(Contains(ErrorOf(Replace(good, ",0.25,0,-1]", ",0.25,5,-1]")), "sessions[0].dots[0][3] must be this session's pigment, 0 to 2, got 5"));
    CHECK(Contains(ErrorOf("[]"), "a plan must be a JSON object"));
}

TEST_CASE("MeasurePlan gives the plan's own figures per session") {
    auto text = smp::PresetText("norwood-4");
    REQUIRE(text.ok());
    auto preset = smp::RestoreDesign(std::string_view(*text));
    REQUIRE(preset.ok());
    auto pattern = smp::GenerateDots(*preset);
    REQUIRE(pattern.ok());
    const smp::PlanFigures figures = smp::MeasurePlan(*preset, *pattern);
    const auto plan = nlohmann::json::parse(smp::PlanToJsonText(*preset, *pattern));
    REQUIRE(figures.sessions.size() == plan["sessions"].size());
    int64_t cumulative = 0;
    for (size_t k = 0; k < figures.sessions.size(); ++k) {
        const auto& session = plan["sessions"][k];
        CHECK(figures.sessions[k].dots == session["dot_count"].get<int64_t>());
        CHECK(figures.sessions[k].minutes == session["estimated_minutes"].get<double>());
        cumulative += figures.sessions[k].dots;
        CHECK(figures.sessions[k].cumulative_dots == cumulative);
        CHECK(figures.sessions[k].mean_density_per_cm2 > (k == 0 ? 0.0 : figures.sessions[k - 1].mean_density_per_cm2));
    }
    CHECK(figures.treated_area_cm2 == plan["summary"]["treated_area_cm2"].get<double>());
    CHECK(figures.total_minutes == plan["summary"]["estimated_minutes"].get<double>());
    CHECK(figures.sessions.back().mean_density_per_cm2 == doctest::Approx(plan["summary"]["mean_density_per_cm2"].get<double>()).epsilon(0.001));
}
