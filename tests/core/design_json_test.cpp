#include "core/density_field.h"
#include "core/design_json.h"

#include <doctest/doctest.h>

#include <cmath>
#include <variant>
#include <string>

namespace {

const char* kMinimalDesign = R"({"type":"smp.design","schema_version":1,"seed":7,
  "template":{"kind":"flat","width_mm":100,"height_mm":60},
  "density":{"layers":[{"kind":"grid","origin_mm":[0,0],"cell_mm":50,"cols":2,"rows":1,
                        "interpolation":"nearest","per_cm2":[20,90]}]}})";

std::string ErrorOf(std::string_view text) {
    const auto design = smp::RestoreDesign(text);
    REQUIRE_FALSE(design.ok());
    return design.status().message();
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a minimal design restores with defaults filled in") {
    const auto design = smp::RestoreDesign(kMinimalDesign);
    REQUIRE(design.ok());
    CHECK(design->seed == 7u);
    CHECK(design->template_spec.kind == smp::TemplateSpec::Kind::kFlat);
    CHECK(design->template_spec.flat.width_mm == 100.0);
    REQUIRE(design->layers.size() == 1);
    CHECK(std::get<smp::GridLayer>(design->layers[0]).per_cm2[1] == 90.0);
    CHECK(design->mode == smp::TreatmentMode::kShaved);
    // No sessions given: the default three, cumulative 30 / 70 / 100 %.
    REQUIRE(design->sessions.size() == 3);
    CHECK(design->sessions[0].cumulative_fraction == 0.30);
    CHECK(design->sessions[1].cumulative_fraction == 0.70);
    CHECK(design->sessions[2].cumulative_fraction == 1.00);
    CHECK(design->sessions[1].day == 14);
    // Needles: single point at the hairline, 3RL to fill; lighter pigment first, darker later.
    for (const smp::SessionSpec& session : design->sessions) {
        CHECK(session.fill_needle.needle == smp::Needle::k3RL);
        CHECK(session.fill_needle.dot_diameter_mm == 0.25);
        CHECK(session.hairline_needle.needle == smp::Needle::k1RL);
        CHECK(session.hairline_needle.dot_diameter_mm == 0.20);
    }
    CHECK(design->sessions[0].pigment.EffectiveDarkness() < design->sessions[1].pigment.EffectiveDarkness());
    CHECK(design->sessions[1].pigment.EffectiveDarkness() < design->sessions[2].pigment.EffectiveDarkness());
    CHECK(design->sessions[2].dark_scatter_percent > 0.0);
}

TEST_CASE("version 1 designs migrate: their one needle becomes every session's fill needle") {
    const auto single = smp::RestoreDesign(R"({"type":"smp.design","schema_version":1,"needle":"1RL"})");
    REQUIRE(single.ok());
    for (const smp::SessionSpec& session : single->sessions) CHECK(session.fill_needle.dot_diameter_mm == 0.20);
    const auto given = smp::RestoreDesign(R"({"type":"smp.design","schema_version":1,"needle":"1RL","dot_diameter_mm":0.18})");
    REQUIRE(given.ok());
    CHECK(given->sessions[2].fill_needle.dot_diameter_mm == 0.18);
    CHECK(Contains(ErrorOf(R"({"type":"smp.design","schema_version":1,"needle":"5RL"})"), "needle must be \"1RL\" or \"3RL\", got \"5RL\""));
    // Written back, it is a version 2 design with the needle per session.
    const std::string text = smp::DesignToJsonText(*given);
    CHECK(Contains(text, "\"schema_version\":2"));
    CHECK(Contains(text, "\"fill\":{\"dot_diameter_mm\":0.18,\"needle\":\"1RL\"}"));
}

TEST_CASE("version 2: needles for every session, or per session") {
    const auto design = smp::RestoreDesign(R"({"type":"smp.design","schema_version":2,
        "needles":{"fill":{"needle":"3RL","dot_diameter_mm":0.3}},
        "sessions":[{"day":0,"cumulative_fraction":0.4},
                    {"day":20,"cumulative_fraction":1,"needles":{"hairline":{"dot_diameter_mm":0.18}}}]})");
    REQUIRE_MESSAGE(design.ok(), design.status().message());
    CHECK(design->sessions[0].fill_needle.dot_diameter_mm == 0.3);
    CHECK(design->sessions[1].fill_needle.dot_diameter_mm == 0.3);
    CHECK(design->sessions[0].hairline_needle.dot_diameter_mm == 0.20);
    CHECK(design->sessions[1].hairline_needle.dot_diameter_mm == 0.18);
    CHECK(Contains(ErrorOf(R"({"type":"smp.design","schema_version":2,"needles":{"fill":{"needle":"9RL"}}})"),
                   "needles.fill.needle must be \"1RL\" or \"3RL\", got \"9RL\""));
}

TEST_CASE("design JSON round-trips: restore(write(d)) writes the same text") {
    const auto design = smp::RestoreDesign(kMinimalDesign);
    REQUIRE(design.ok());
    const std::string text = smp::DesignToJsonText(*design);
    const auto again = smp::RestoreDesign(text);
    REQUIRE(again.ok());
    CHECK(smp::DesignToJsonText(*again) == text);
}

TEST_CASE("density: nearest takes the cell's value, bilinear blends between centres, 0 outside") {
    auto design = smp::RestoreDesign(kMinimalDesign);
    REQUIRE(design.ok());
    const auto field = smp::DensityField::Compile(*design);
    REQUIRE(field.ok());
    CHECK(field->PerCm2(smp::Vec2(10, 10)) == 20.0);
    CHECK(field->PerCm2(smp::Vec2(60, 10)) == 90.0);
    CHECK(field->PerCm2(smp::Vec2(-1, 10)) == 0.0);
    CHECK(field->PerCm2(smp::Vec2(10, 70)) == 0.0);   // below the template
    smp::Design bilinear = *design;
    std::get<smp::GridLayer>(bilinear.layers[0]).interpolation = smp::Interpolation::kBilinear;
    const auto blended = smp::DensityField::Compile(bilinear);
    REQUIRE(blended.ok());
    CHECK(blended->PerCm2(smp::Vec2(25, 30)) == doctest::Approx(20.0));    // a cell centre
    CHECK(blended->PerCm2(smp::Vec2(50, 30)) == doctest::Approx(55.0));    // halfway
    CHECK(blended->PerCm2(smp::Vec2(5, 30)) == doctest::Approx(20.0));     // clamped border
}

TEST_CASE("target spacing r_t(d) = sqrt(0.70 / d) cm") {
    CHECK(smp::TargetSpacingMm(100.0) == doctest::Approx(0.83666).epsilon(1e-4));
    CHECK(smp::TargetSpacingMm(70.0) == doctest::Approx(1.0));
    CHECK(std::isinf(smp::TargetSpacingMm(0.0)));
}

TEST_CASE("bad designs are refused with a message naming the field") {
    CHECK(Contains(ErrorOf("{not json"), "not valid JSON: parse error at line 1, column 3"));
    CHECK(Contains(ErrorOf(""), "not valid JSON"));
    CHECK(Contains(ErrorOf("[1,2]"), "must be a JSON object"));
    CHECK(Contains(ErrorOf(R"({"type":"smp.plan","schema_version":1})"), "type must be \"smp.design\""));
    CHECK(Contains(ErrorOf(R"({"type":"smp.design"})"), "schema_version must be a whole number"));
    CHECK(Contains(ErrorOf(R"({"type":"smp.design","schema_version":1,"seed":-3})"), "seed must be a whole number"));
    CHECK(Contains(ErrorOf(R"({"type":"smp.design","schema_version":1,"template":{"kind":"flat","width_mm":"wide","height_mm":10}})"),
                   "template.width_mm must be a number from 1 to 500, got \"wide\""));
    const std::string negative = R"({"type":"smp.design","schema_version":1,"density":{"layers":[
        {"kind":"grid","cell_mm":5,"cols":2,"rows":1,"per_cm2":[10,-4]}]}})";
    CHECK(Contains(ErrorOf(negative), "density.layers[0].per_cm2[1] must be a density from 0 to 150"));
    CHECK(Contains(ErrorOf(negative), "got -4"));
    const std::string wrong_count = R"({"type":"smp.design","schema_version":1,"density":{"layers":[
        {"kind":"grid","cell_mm":5,"cols":3,"rows":2,"per_cm2":[1,2,3]}]}})";
    CHECK(Contains(ErrorOf(wrong_count), "per_cm2 must have rows x cols = 6 values, got 3"));
    const std::string bad_cell = R"({"type":"smp.design","schema_version":1,"density":{"layers":[
        {"kind":"grid","cell_mm":-2,"cols":1,"rows":1,"per_cm2":[1]}]}})";
    CHECK(Contains(ErrorOf(bad_cell), "density.layers[0].cell_mm must be a number from 0.5"));
    const std::string sessions = R"({"type":"smp.design","schema_version":1,"sessions":[
        {"day":0,"cumulative_fraction":0.5},{"day":0,"cumulative_fraction":1}]})";
    CHECK(Contains(ErrorOf(sessions), "sessions[1].day must be 10 to 30 days after the previous session's day 0, got 0"));
    const std::string far_apart = R"({"type":"smp.design","schema_version":2,"sessions":[
        {"day":0,"cumulative_fraction":0.5},{"day":45,"cumulative_fraction":1}]})";
    CHECK(Contains(ErrorOf(far_apart), "sessions[1].day must be 10 to 30 days after the previous session's day 0, got 45"));
    const std::string unfinished = R"({"type":"smp.design","schema_version":1,"sessions":[
        {"day":0,"cumulative_fraction":0.5}]})";
    CHECK(Contains(ErrorOf(unfinished), "sessions[0].cumulative_fraction must be 1"));
}

TEST_CASE("a design from the future and oversized designs are refused without work") {
    const auto future = smp::RestoreDesign(R"({"type":"smp.design","schema_version":99})");
    REQUIRE_FALSE(future.ok());
    CHECK(future.status().code() == smp::StatusCode::kUnsupported);
    CHECK(Contains(future.status().message(), "schema_version 99 is newer"));

    // A grid whose declared size is absurd fails on the declaration, before any value is read.
    const auto huge = smp::RestoreDesign(R"({"type":"smp.design","schema_version":1,"density":{"layers":[
        {"kind":"grid","cell_mm":1,"cols":100000,"rows":100000,"per_cm2":[]}]}})");
    REQUIRE_FALSE(huge.ok());
    CHECK(huge.status().code() == smp::StatusCode::kLimitExceeded);

    const std::string too_long(smp::DesignLimits::kMaxDesignBytes + 1, ' ');
    const auto long_text = smp::RestoreDesign(too_long);
    REQUIRE_FALSE(long_text.ok());
    CHECK(long_text.status().code() == smp::StatusCode::kLimitExceeded);

    // 1e400 overflows a double: it must be refused, not become infinity; the message says where.
    const std::string overflow = ErrorOf(R"({"type":"smp.design","schema_version":1,"dot_diameter_mm":1e400})");
    CHECK(Contains(overflow, "not valid JSON"));
    CHECK(Contains(overflow, "1e400"));
}

TEST_CASE("WithSessionCount gives valid plans of 1..8 sessions that keep what the practitioner chose") {
    std::vector<smp::SessionSpec> chosen = smp::DefaultSessions(false);
    chosen[0].pigment.tone_percent = 70.0;
    chosen[1].fill_needle = {smp::Needle::k1RL, 0.22};
    chosen[2].day = 35;   // a 21-day gap
    for (int count = 1; count <= smp::DesignLimits::kMaxSessions; ++count) {
        CAPTURE(count);
        smp::Design design;
        design.sessions = smp::WithSessionCount(chosen, count, false);
        REQUIRE(design.sessions.size() == static_cast<size_t>(count));
        // Whatever comes out opens again: days 10-30 apart, fractions rising to 1.
        const auto reopened = smp::RestoreDesign(smp::DesignToJsonText(design));
        REQUIRE_MESSAGE(reopened.ok(), reopened.status().message());
        CHECK(design.sessions.back().cumulative_fraction == 1.0);
        CHECK(design.sessions[0].pigment.tone_percent == 70.0);
        if (count >= 2) CHECK(design.sessions[1].fill_needle.dot_diameter_mm == 0.22);
        if (count >= 3) CHECK(design.sessions[2].day == 35);
        // The darker scatter stays with the last session.
        for (int k = 0; k + 1 < count; ++k) CHECK(design.sessions[static_cast<size_t>(k)].dark_scatter_percent == 0.0);
        CHECK(design.sessions.back().dark_scatter_percent == 10.0);
    }
    // Three sessions keep the default fractions; four with scars get the scar defaults.
    CHECK(smp::WithSessionCount(chosen, 3, false)[0].cumulative_fraction == 0.3);
    CHECK(smp::WithSessionCount(chosen, 4, true)[1].cumulative_fraction == 0.55);
    CHECK(smp::WithSessionCount(chosen, 99, false).size() == static_cast<size_t>(smp::DesignLimits::kMaxSessions));
}
