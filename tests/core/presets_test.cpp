// The shipped presets: every one loads, generates a plausible plan by DOMAIN.md's figures, keeps
// the engine's guarantees, and the hair-loss stages are ordered as the patterns are.
#include "core/design_json.h"
#include "core/generator.h"
#include "core/pattern_stats.h"
#include "core/plan_json.h"
#include "core/presets.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace {

struct Generated {
    smp::Design design;
    smp::DotPattern pattern;
    nlohmann::json plan;
};

const Generated& Preset(const std::string& name) {
    static std::map<std::string, Generated> cache;
    auto it = cache.find(name);
    if (it != cache.end()) return it->second;
    const auto text = smp::PresetText(name);
    REQUIRE_MESSAGE(text.ok(), text.status().message());
    auto design = smp::RestoreDesign(std::string_view(*text));
    REQUIRE_MESSAGE(design.ok(), name << ": " << design.status().message());
    auto pattern = smp::GenerateDots(*design);
    REQUIRE_MESSAGE(pattern.ok(), name << ": " << pattern.status().message());
    Generated g{*design, std::move(pattern).value(), {}};
    g.plan = nlohmann::json::parse(smp::PlanToJsonText(g.design, g.pattern));
    return cache.emplace(name, std::move(g)).first->second;
}

// Nearest-neighbour figures split by where the field is smooth (changes by under 10 % over one
// spacing around the dot) or steep.
struct SmoothShare {
    int64_t smooth = 0, smooth_close = 0, steep = 0, steep_close = 0;
};

SmoothShare NearNeighbourShares(const std::vector<smp::Vec2>& points, const smp::DensityField& field) {
    constexpr double kCellMm = 4.0;
    const int cols = static_cast<int>(field.FrameMm().WidthMm() / kCellMm) + 1;
    const int rows = static_cast<int>(field.FrameMm().HeightMm() / kCellMm) + 1;
    std::vector<std::vector<int>> grid(static_cast<size_t>(cols) * static_cast<size_t>(rows));
    auto cell = [&](const smp::Vec2& p) {
        return static_cast<size_t>(std::clamp(static_cast<int>(p.y() / kCellMm), 0, rows - 1)) * static_cast<size_t>(cols) +
               static_cast<size_t>(std::clamp(static_cast<int>(p.x() / kCellMm), 0, cols - 1));
    };
    for (size_t i = 0; i < points.size(); ++i) grid[cell(points[i])].push_back(static_cast<int>(i));
    SmoothShare share;
    for (size_t i = 0; i < points.size(); ++i) {
        const smp::Vec2& p = points[i];
        const double density = field.PerCm2(p);
        const double r_t = smp::TargetSpacingMm(density);
        bool smooth = true;
        for (const smp::Vec2& step : {smp::Vec2(r_t, 0), smp::Vec2(-r_t, 0), smp::Vec2(0, r_t), smp::Vec2(0, -r_t)}) {
            if (std::fabs(field.PerCm2(p + step) - density) > 0.1 * density) smooth = false;
        }
        double nearest = 1e9;
        const int cx = static_cast<int>(p.x() / kCellMm), cy = static_cast<int>(p.y() / kCellMm);
        for (int y = std::max(cy - 2, 0); y <= std::min(cy + 2, rows - 1); ++y) {
            for (int x = std::max(cx - 2, 0); x <= std::min(cx + 2, cols - 1); ++x) {
                for (int j : grid[static_cast<size_t>(y) * static_cast<size_t>(cols) + static_cast<size_t>(x)]) {
                    if (j != static_cast<int>(i)) nearest = std::min(nearest, (points[static_cast<size_t>(j)] - p).norm());
                }
            }
        }
        const bool close = nearest < 0.8 * r_t && nearest < 8.0;   // beyond 8 mm the search radius ends
        (smooth ? share.smooth : share.steep) += 1;
        (smooth ? share.smooth_close : share.steep_close) += close ? 1 : 0;
    }
    return share;
}

int64_t TotalDots(const std::string& name) { return Preset(name).plan["summary"]["total_dots"]; }

const char* kRequired[] = {"norwood-2", "norwood-3", "norwood-3-vertex", "norwood-4", "norwood-5", "norwood-6", "norwood-7",
                           "ludwig-1", "ludwig-2", "ludwig-3", "fut-strip-scar", "fue-field-scars",
                           "hairline-soft", "hairline-broken", "hairline-faded", "hairline-defined"};

}  // namespace

TEST_CASE("every required preset ships, with a title and notes") {
    std::vector<std::string> names;
    for (const smp::PresetInfo& preset : smp::ListPresets()) {
        names.push_back(preset.name);
        CHECK_FALSE(preset.title.empty());
        CHECK_FALSE(preset.description.empty());
    }
    for (const char* name : kRequired) CHECK_MESSAGE(std::find(names.begin(), names.end(), name) != names.end(), name);
    const auto missing = smp::PresetText("norwood-9");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.status().message().find("no preset named 'norwood-9'; presets are: ") == 0);
}

TEST_CASE("presets give plausible plans: scalp area, dots per session, densities within natural") {
    for (const char* name : kRequired) {
        const Generated& g = Preset(name);
        const nlohmann::json& plan = g.plan;
        INFO(name << ": " << plan["summary"].dump());
        // DOMAIN.md: a whole scalp is about 500-520 cm².
        CHECK(plan["template"]["area_cm2"].get<double>() >= 470.0);
        CHECK(plan["template"]["area_cm2"].get<double>() <= 560.0);
        // "About 14,000 dots per session" (one practitioner); sessions of 2-5 hours.
        for (const auto& session : plan["sessions"]) {
            CHECK(session["dot_count"].get<int64_t>() > 0);
            CHECK(session["dot_count"].get<int64_t>() <= 20000);
            CHECK(session["estimated_minutes"].get<double>() <= 300.0);
        }
        // No zone denser than a natural scalp (65-110 FU/cm²).
        for (const auto& zone : plan["zones"]) CHECK(zone["density_per_cm2"].get<double>() <= 110.0);
        CHECK(plan["summary"]["mean_density_per_cm2"].get<double>() <= smp::kNaturalDensityPerCm2);
        // Shipped presets are good examples: no guide warns about them.
        CHECK_MESSAGE(plan["warnings"].empty(), plan["warnings"].dump());
    }
}

TEST_CASE("hair-loss stages are ordered: more loss, more dots") {
    const char* norwood[] = {"norwood-2", "norwood-3", "norwood-3-vertex", "norwood-4", "norwood-5", "norwood-6", "norwood-7"};
    for (size_t i = 1; i < std::size(norwood); ++i) {
        // (INFO is evaluated lazily, inside doctest's reporter: give it plain values.)
        const int64_t before = TotalDots(norwood[i - 1]), after = TotalDots(norwood[i]);
        INFO(norwood[i - 1] << " " << before << " vs " << norwood[i] << " " << after);
        CHECK(before < after);
    }
    CHECK(TotalDots("ludwig-1") < TotalDots("ludwig-2"));
    CHECK(TotalDots("ludwig-2") < TotalDots("ludwig-3"));
    // Between existing hair is a lighter touch than a shaved look.
    CHECK(TotalDots("ludwig-3") < TotalDots("norwood-4"));
    // Norwood VII: most of the scalp at full shaved-look density.
    CHECK(TotalDots("norwood-7") > 25000);
}

TEST_CASE("hairline presets: a natural hairline at a sensible height; scar presets: four sessions on the scar") {
    for (const char* name : {"norwood-4", "hairline-soft", "hairline-broken", "hairline-faded", "hairline-defined"}) {
        const nlohmann::json& hairline = Preset(name).plan["hairline"];
        INFO(name << ": " << hairline.dump().substr(0, 300));
        const double height_mm = hairline["mid_frontal_height_mm"];
        CHECK(height_mm >= 70.0);   // Garg 2017: 7 cm aggressive, 8 usual, 10 conservative
        CHECK(height_mm <= 100.0);
        CHECK(hairline["dots"].get<int64_t>() > 100);
    }
    for (const char* name : {"fut-strip-scar", "fue-field-scars"}) {
        const nlohmann::json& plan = Preset(name).plan;
        CHECK(plan["sessions"].size() == 4);
        for (const auto& n : plan["scars"][0]["dots_on_scar_per_session"]) CHECK(n.get<int64_t>() > 0);
    }
}

TEST_CASE("the engine's guarantees hold on every preset") {
    for (const char* name : kRequired) {
        const Generated& g = Preset(name);
        std::vector<smp::Vec2> points;
        for (const smp::Dot& dot : g.pattern.Dots()) points.push_back(dot.position_mm);
        const smp::PatternQuality q = smp::MeasurePattern(points, *g.pattern.field, 1.0, smp::LargestDotDiameterMm(g.design));
        INFO(name << ": dots " << q.dots << ", gap " << q.min_gap_mm << " mm, NN<0.8 share " << q.share_nn_below_0_8
                  << ", density error " << q.mean_cell_density_error << " (allowed " << q.mean_cell_density_allowance
                  << "), hole/r_t " << q.largest_hole_ratio << ", anisotropy " << g.pattern.field->MaxAnisotropy());
        // Never merged, on the head too: the map's worst shape distortion shrinks a gap by at most sqrt(anisotropy).
        const double diameter_mm = smp::LargestDotDiameterMm(g.design);
        const double closest_on_head_mm = (q.min_gap_mm + diameter_mm) / std::sqrt(g.pattern.field->MaxAnisotropy());
        CHECK(closest_on_head_mm - diameter_mm >= smp::kMinDotGapMm);
        // Blue noise where the field is smooth at the scale of the spacing (it changes by under
        // 10 % over r_t around the dot): no neighbour closer than 0.8 r_t. Zone blends count as
        // smooth; hairline ramps and scar blends falling to nothing are steps, where the step-edge
        // rule applies to the dots near them.
        const SmoothShare share = NearNeighbourShares(points, *g.pattern.field);
        INFO("smooth dots " << share.smooth << ", too close there " << share.smooth_close << "; steep dots " << share.steep
                            << ", too close there " << share.steep_close);
        CHECK(share.smooth_close == 0);
        CHECK(q.mean_cell_density_error <= q.mean_cell_density_allowance);
    }
}

// Whether every value in `source` is in `written` at the same place (the writer adds defaults).
bool Keeps(const nlohmann::json& source, const nlohmann::json& written, std::string& where) {
    if (source.is_object()) {
        if (!written.is_object()) return false;
        for (const auto& [key, value] : source.items()) {
            if (!written.contains(key) || !Keeps(value, written[key], where)) {
                where = key + (where.empty() ? "" : "." + where);
                return false;
            }
        }
        return true;
    }
    if (source.is_array()) {
        if (!written.is_array() || written.size() != source.size()) return false;
        for (size_t i = 0; i < source.size(); ++i) {
            if (!Keeps(source[i], written[i], where)) {
                where = "[" + std::to_string(i) + "]" + (where.empty() ? "" : "." + where);
                return false;
            }
        }
        return true;
    }
    if (source.is_number()) return written.is_number() && source.get<double>() == written.get<double>();
    return source == written;
}

TEST_CASE("every preset round-trips through the design JSON: nothing it says is lost, restore(write(d)) writes the same text") {
    for (const smp::PresetInfo& preset : smp::ListPresets()) {
        const auto text = smp::PresetText(preset.name);
        REQUIRE(text.ok());
        const auto design = smp::RestoreDesign(std::string_view(*text));
        REQUIRE_MESSAGE(design.ok(), preset.name << ": " << design.status().message());
        const std::string written = smp::DesignToJsonText(*design);
        std::string where;
        CHECK_MESSAGE(Keeps(nlohmann::json::parse(*text), nlohmann::json::parse(written), where), preset.name << ": " << where);
        const auto again = smp::RestoreDesign(std::string_view(written));
        REQUIRE_MESSAGE(again.ok(), preset.name << ": " << again.status().message());
        CHECK_MESSAGE(smp::DesignToJsonText(*again) == written, preset.name);
    }
}

TEST_CASE("preset name or something else: one rule, and a bare word is never read as a file") {
    for (const smp::PresetInfo& preset : smp::ListPresets()) CHECK(smp::IsPresetName(preset.name));
    CHECK(smp::IsPresetName("norwood-9"));   // a name, even if no preset has it
    CHECK(smp::IsPresetName("My_Design2"));
    CHECK_FALSE(smp::IsPresetName(""));
    CHECK_FALSE(smp::IsPresetName("norwood-4.design.json"));
    CHECK_FALSE(smp::IsPresetName("designs/norwood-4"));
    CHECK_FALSE(smp::IsPresetName("C:\\designs\\mine"));
    CHECK_FALSE(smp::IsPresetName("./norwood-4"));
    CHECK_FALSE(smp::IsPresetName("my design"));
    CHECK_FALSE(smp::IsPresetName("{}"));
    CHECK_FALSE(smp::IsPresetName(R"({"type":"smp.design"})"));
    CHECK_FALSE(smp::IsPresetName(std::string(smp::kMaxPresetNameChars + 1, 'a')));
    CHECK(smp::IsPresetName(std::string(smp::kMaxPresetNameChars, 'a')));

    std::vector<std::string> asked;
    const smp::DesignTextFallback read = [&](std::string_view source) -> smp::Expected<std::string> {
        asked.emplace_back(source);
        return std::string("{\"from\": \"file\"}");
    };
    const smp::Expected<std::string> preset = smp::DesignSourceText("norwood-4", read);
    REQUIRE(preset.ok());
    CHECK(*preset == *smp::PresetText("norwood-4"));
    const smp::Expected<std::string> unknown = smp::DesignSourceText("norwood-9", read);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.status().code() == smp::StatusCode::kInvalidArgument);
    CHECK(unknown.status().message().find("no preset named 'norwood-9'; presets are: ") == 0);
    CHECK(asked.empty());
    const smp::Expected<std::string> file = smp::DesignSourceText("mine.design.json", read);
    REQUIRE(file.ok());
    CHECK(*file == "{\"from\": \"file\"}");
    CHECK(asked == std::vector<std::string>{"mine.design.json"});
    // The fallback's error comes back as it is.
    const smp::Expected<std::string> failed =
        smp::DesignSourceText("/nope.json", [](std::string_view) -> smp::Expected<std::string> { return smp::Status(smp::StatusCode::kIoError, "cannot open"); });
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.status().code() == smp::StatusCode::kIoError);
}
