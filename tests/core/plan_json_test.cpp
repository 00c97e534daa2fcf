#include "core/plan_json.h"

#include "core/design_json.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace {

smp::Design SmallDesign() {
    auto design = smp::RestoreDesign(R"({"type":"smp.design","schema_version":1,"seed":5,
        "template":{"kind":"flat","width_mm":30,"height_mm":20},
        "density":{"layers":[{"kind":"grid","cell_mm":10,"cols":3,"rows":2,"per_cm2":[40,60,80,50,70,90]}]}})");
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
