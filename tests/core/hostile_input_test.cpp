// Hostile and damaged input: designs and plans mutated at random (bit flips, truncations, spliced
// bytes, huge numbers) must be refused with a message or accepted as valid, never crash, hang or
// allocate without bound. Deterministic: the mutations come from a fixed seed.
#include "core/design_json.h"
#include "core/generator.h"
#include "core/plan_json.h"
#include "core/random.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

namespace {

const char* kDesign = R"({"type":"smp.design","schema_version":1,"seed":9,
  "template":{"kind":"flat","width_mm":20,"height_mm":15},
  "density":{"layers":[{"kind":"grid","origin_mm":[0,0],"cell_mm":5,"cols":4,"rows":3,"interpolation":"bilinear",
                        "per_cm2":[10,20,30,40,50,60,70,80,90,100,110,120]}]},
  "sessions":[{"day":0,"cumulative_fraction":0.3},{"day":14,"cumulative_fraction":0.7},{"day":28,"cumulative_fraction":1}],
  "needle":"3RL","dot_diameter_mm":0.25})";

// Every kind of layer, a hairline, both kinds of scar, sessions with pigments and needles.
const char* kTreatmentDesign = R"({"type":"smp.design","schema_version":2,"seed":4,"title":"t","mode":"shaved",
  "template":{"kind":"flat","width_mm":40,"height_mm":30},
  "density":{"layers":[{"kind":"grid","cell_mm":40,"cols":1,"rows":1,"per_cm2":[40]},
    {"kind":"area","points_mm":[[5,5],[20,5],[12,20]],"target":{"percent_natural":80},"feather_mm":4},
    {"kind":"stroke","points_mm":[[5,25],[30,20,0.5]],"radius_mm":4,"strength":-10,"blend":"add","falloff":0.7},
    {"kind":"stroke","points_mm":[[8,12],[28,15,0.8]],"radius_mm":6,"blend":"smooth","falloff":0.4}]},
  "hairline":{"points_mm":[[2,8],[10,5],[20,4]],"mirror":true,"asymmetry_mm":1,"style":"broken","transition_mm":6},
  "scars":[{"kind":"fut_strip","points_mm":[[5,26],[35,27]],"width_mm":2,"target":50,"blend_mm":4},
           {"kind":"fue_field","points_mm":[[25,10],[38,10],[38,18],[25,18]],"count":40,"scar_diameter_mm":0.8}],
  "sessions":[{"day":0,"cumulative_fraction":0.3,"pigment":{"tone_percent":80,"dilution_percent":50}},
              {"day":14,"cumulative_fraction":0.6},{"day":28,"cumulative_fraction":0.85,"dark_scatter_percent":5},
              {"day":50,"cumulative_fraction":1,"needles":{"fill":{"needle":"3RL","dot_diameter_mm":0.3}}}],
  "dots_per_minute":60})";

std::string Mutate(const std::string& text, smp::Rng& rng) {
    std::string out = text;
    const char* splices[] = {"1e308", "-1", "NaN", "null", "[]", "{}", "\"", "99999999999999999999", "0.0000001", "true", ","};
    switch (rng.NextBelow(5)) {
        case 0: {   // flip one bit
            const size_t at = rng.NextBelow(static_cast<uint32_t>(out.size()));
            out[at] = static_cast<char>(out[at] ^ (1 << rng.NextBelow(8)));
            break;
        }
        case 1:   // truncate
            out.resize(rng.NextBelow(static_cast<uint32_t>(out.size())));
            break;
        case 2: {   // splice a troublesome token somewhere
            const size_t at = rng.NextBelow(static_cast<uint32_t>(out.size()));
            out.insert(at, splices[rng.NextBelow(sizeof splices / sizeof *splices)]);
            break;
        }
        case 3: {   // replace a number with a huge or odd one
            const size_t at = out.find_first_of("0123456789", rng.NextBelow(static_cast<uint32_t>(out.size())));
            if (at != std::string::npos) out.replace(at, 1, splices[rng.NextBelow(sizeof splices / sizeof *splices)]);
            break;
        }
        default: {   // duplicate a slice
            const size_t from = rng.NextBelow(static_cast<uint32_t>(out.size()));
            const size_t length = rng.NextBelow(static_cast<uint32_t>(out.size() - from)) + 1;
            out.insert(rng.NextBelow(static_cast<uint32_t>(out.size())), out.substr(from, length));
            break;
        }
    }
    return out;
}

}  // namespace

TEST_CASE("the treatment design used below is valid and generates") {
    const auto design = smp::RestoreDesign(kTreatmentDesign);
    REQUIRE_MESSAGE(design.ok(), design.status().message());
    const auto pattern = smp::GenerateDots(*design);
    REQUIRE_MESSAGE(pattern.ok(), pattern.status().message());
    CHECK(pattern->DotCount() > 100);
    // Every feature round-trips: restore(write(d)) writes the same text.
    const std::string written = smp::DesignToJsonText(*design);
    const auto again = smp::RestoreDesign(std::string_view(written));
    REQUIRE_MESSAGE(again.ok(), again.status().message());
    CHECK(smp::DesignToJsonText(*again) == written);
    CHECK(written.find("\"style\":\"broken\"") != std::string::npos);
    CHECK(written.find("[30.0,20.0,0.5]") != std::string::npos);   // the pen pressure survives
    CHECK(written.find("\"blend\":\"smooth\"") != std::string::npos);
}

TEST_CASE("mutated designs are refused with a message, or are valid designs that generate") {
    smp::Rng rng(2024);
    int refused = 0, accepted = 0;
    for (int i = 0; i < 3000; ++i) {
        // Half the runs break the plain engine design, half the one with every treatment feature.
        std::string text = i % 2 == 0 ? kDesign : kTreatmentDesign;
        const int mutations = 1 + static_cast<int>(rng.NextBelow(3));
        for (int m = 0; m < mutations; ++m) text = Mutate(text, rng);
        const auto design = smp::RestoreDesign(text);
        if (!design.ok()) {
            ++refused;
            REQUIRE_FALSE(design.status().message().empty());
            continue;
        }
        ++accepted;
        // Whatever was accepted is within the limits, so generating it is bounded too.
        const auto pattern = smp::GenerateDots(*design);
        if (pattern.ok()) REQUIRE(pattern->DotCount() <= smp::kMaxDotsPerDesign);
        else REQUIRE_FALSE(pattern.status().message().empty());
    }
    INFO("refused " << refused << ", accepted " << accepted);
    CHECK(refused > 1000);   // the mutations do break things
    CHECK(accepted > 10);    // and some keep a valid design (e.g. a changed seed or density)
}

TEST_CASE("mutated plans are refused with a message, or read back within the limits") {
    const auto design = smp::RestoreDesign(kDesign);
    REQUIRE(design.ok());
    const auto pattern = smp::GenerateDots(*design);
    REQUIRE(pattern.ok());
    const std::string plan = smp::PlanToJsonText(*design, *pattern);
    smp::Rng rng(7);
    int refused = 0;
    for (int i = 0; i < 600; ++i) {
        const auto restored = smp::RestorePlan(Mutate(plan, rng));
        if (!restored.ok()) {
            ++refused;
            REQUIRE_FALSE(restored.status().message().empty());
            continue;
        }
        size_t dots = 0;
        for (const smp::PlanSession& session : restored->sessions) dots += session.dots.size();
        REQUIRE(dots <= static_cast<size_t>(smp::kMaxDotsPerDesign));
    }
    CHECK(refused > 200);
}

TEST_CASE("valid but costly designs are refused quickly with a message, not evaluated for minutes") {
    // Eight full-frame areas with the most edges allowed (a many-sided polygon just inside the frame).
    std::string points;
    for (int i = 0; i < smp::DesignLimits::kMaxPolygonPoints; ++i) {
        const double angle = 6.283185307179586 * i / smp::DesignLimits::kMaxPolygonPoints;
        if (i > 0) points += ',';
        points += '[';
        points += std::to_string(250 + 240 * std::cos(angle));
        points += ',';
        points += std::to_string(250 + 240 * std::sin(angle));
        points += ']';
    }
    std::string layers;
    for (int k = 0; k < 8; ++k) layers += std::string(k ? "," : "") + R"({"kind":"area","target":100,"points_mm":[)" + points + "]}";
    const std::string text = R"({"type":"smp.design","schema_version":2,"template":{"kind":"flat","width_mm":500,"height_mm":500},
        "density":{"layers":[)" + layers + "]}}";
    const auto design = smp::RestoreDesign(text);
    REQUIRE_MESSAGE(design.ok(), design.status().message());
    const auto generated = smp::GenerateDots(*design);
    REQUIRE_FALSE(generated.ok());
    CHECK(generated.status().code() == smp::StatusCode::kLimitExceeded);
    CHECK(generated.status().message().find("too complex to evaluate") != std::string::npos);
    // A hairline zig-zagging across the whole template is refused before any curve is built.
    const auto zigzag = smp::RestoreDesign(R"({"type":"smp.design","schema_version":2,"mode":"shaved",
        "template":{"kind":"flat","width_mm":500,"height_mm":500},
        "hairline":{"mirror":false,"points_mm":[[0,500],[500,0],[0,500],[500,0]]}})");
    REQUIRE(zigzag.ok());
    const auto refused = smp::GenerateDots(*zigzag);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.status().message().find("a hairline is at most 600 mm") != std::string::npos);
}

TEST_CASE("designs edited in code are held to the loader's limits: what generates also opens again from its JSON") {
    smp::Design design;
    design.template_spec.kind = smp::TemplateSpec::Kind::kFlat;
    design.sessions = smp::DefaultSessions();
    smp::StrokeLayer stroke;
    stroke.points_mm = {smp::Vec2(10, 10), smp::Vec2(600, 10)};   // beyond any frame
    stroke.pressure = {1.0, 1.0};
    stroke.strength = smp::DensityValue::Dots(40.0);
    design.layers.push_back(stroke);
    auto far = smp::GenerateDots(design);
    REQUIRE_FALSE(far.ok());
    CHECK(far.status().message() == "density.layers[0].points_mm has a point outside ±500 mm");

    std::get<smp::StrokeLayer>(design.layers[0]).points_mm[1] = smp::Vec2(std::nan(""), 10);
    CHECK_FALSE(smp::GenerateDots(design).ok());

    // Hours of painting: 60 strokes of 4,000 points pass the per-stroke limit, not the total.
    design.layers.clear();
    smp::StrokeLayer long_stroke = stroke;
    long_stroke.points_mm.assign(4000, smp::Vec2(20, 20));
    long_stroke.pressure.assign(4000, 1.0);
    design.layers.assign(60, long_stroke);
    auto many = smp::GenerateDots(design);
    REQUIRE_FALSE(many.ok());
    CHECK(many.status().message().find("240000 path points in all; the limit is 200000") != std::string::npos);
    // And a design within the limits round-trips through its JSON.
    design.layers.assign(1, stroke);
    std::get<smp::StrokeLayer>(design.layers[0]).points_mm[1] = smp::Vec2(200, 10);
    REQUIRE(smp::GenerateDots(design).ok());
    CHECK(smp::RestoreDesign(smp::DesignToJsonText(design)).ok());
}

TEST_CASE("random bytes, deep nesting and oversized files are refused with a message, never a crash") {
    smp::Rng rng(31);
    for (int i = 0; i < 500; ++i) {
        std::string bytes(rng.NextBelow(400), '\0');
        for (char& c : bytes) c = static_cast<char>(rng.NextBelow(256));
        const auto design = smp::RestoreDesign(std::string_view(bytes));
        REQUIRE_FALSE(design.ok());
        CHECK_FALSE(design.status().message().empty());
    }
    // A million nested arrays (2 MB): the parser and the document it builds must not recurse on it.
    const std::string nested = std::string(1'000'000, '[') + std::string(1'000'000, ']');
    const auto deep = smp::RestoreDesign(std::string_view(nested));
    REQUIRE_FALSE(deep.ok());
    CHECK(deep.status().code() == smp::StatusCode::kParseError);
    // Nested inside a field the loader reads.
    const std::string deep_field = R"({"type":"smp.design","schema_version":2,"title":)" + std::string(200'000, '[') + std::string(200'000, ']') + "}";
    const auto refused = smp::RestoreDesign(std::string_view(deep_field));
    REQUIRE_FALSE(refused.ok());
    CHECK_MESSAGE(refused.status().message().find("title") != std::string::npos, refused.status().message());
    const std::string huge(smp::DesignLimits::kMaxDesignBytes + 1, ' ');
    const auto too_large = smp::RestoreDesign(std::string_view(huge));
    REQUIRE_FALSE(too_large.ok());
    CHECK(too_large.status().code() == smp::StatusCode::kLimitExceeded);
}
