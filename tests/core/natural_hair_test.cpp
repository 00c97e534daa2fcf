// The client's own hair a design leaves (core/natural_hair.h): the same hair for the same design,
// the rule's density in the fringe, none where the rule gives none, never outside the outline, and
// the cap.
#include "core/natural_hair.h"

#include "core/design_json.h"
#include "core/det_math.h"
#include "core/hairline.h"
#include "core/presets.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <cstring>
#include <string>
#include <vector>

using smp::NaturalHair;
using smp::Vec2;
using smp::ZoneId;

namespace {

// The default head, hard-edged zone targets (e.g. {"occipital": 30}), in `mode`.
smp::Design ZonesDesign(const nlohmann::json& targets, const char* mode, uint32_t seed = 7) {
    nlohmann::json document = nlohmann::json::parse(R"({"type":"smp.design","schema_version":2,"title":"hair","template":{"kind":"scalp"}})");
    document["seed"] = seed;
    document["mode"] = mode;
    if (!targets.empty()) document["density"]["layers"] = {{{"kind", "zones"}, {"blend_mm", 0}, {"targets", targets}}};
    smp::Expected<smp::Design> design = smp::RestoreDesign(document);
    REQUIRE_MESSAGE(design.ok(), design.status().message());
    return *design;
}

smp::DensityField Compile(const smp::Design& design) {
    smp::Expected<smp::DensityField> field = smp::DensityField::Compile(design);
    REQUIRE_MESSAGE(field.ok(), field.status().message());
    return std::move(*field);
}

bool SameBits(const std::vector<NaturalHair>& a, const std::vector<NaturalHair>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const double x[6] = {a[i].map_mm.x(), a[i].map_mm.y(), a[i].along_map.x(), a[i].along_map.y(), a[i].length_mm, a[i].width_mm};
        const double y[6] = {b[i].map_mm.x(), b[i].map_mm.y(), b[i].along_map.x(), b[i].along_map.y(), b[i].length_mm, b[i].width_mm};
        if (std::memcmp(x, y, sizeof x) != 0) return false;
    }
    return true;
}

bool IsFringe(ZoneId zone) { return zone != ZoneId::kFrontal && zone != ZoneId::kMidScalp && zone != ZoneId::kCrown; }

// A 20 mm square wholly inside `zone` and the outline, and `margin_mm` around it too (checked on a
// 2.5 mm lattice), or none.
std::optional<smp::RectMm> SquareIn(const smp::ScalpTemplate& scalp, ZoneId zone, double margin_mm = 0.0) {
    constexpr double kSideMm = 20.0;
    for (double y = 0.0; y + kSideMm <= scalp.HeightMm(); y += 5.0) {
        for (double x = 0.0; x + kSideMm <= scalp.WidthMm(); x += 5.0) {
            bool inside = true;
            for (double v = -margin_mm; v <= kSideMm + margin_mm && inside; v += 2.5) {
                for (double u = -margin_mm; u <= kSideMm + margin_mm && inside; u += 2.5) {
                    const Vec2 p(x + u, y + v);
                    inside = scalp.Contains(p) && scalp.ZoneAt(p) == zone;
                }
            }
            if (inside) return smp::RectMm{Vec2(x, y), Vec2(x + kSideMm, y + kSideMm)};
        }
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("natural hair: the same design gives the same hair, bit for bit; another seed other hair") {
    const smp::Design design = ZonesDesign({{"occipital", 30}, {"parietal_left", 50}}, "shaved");
    const smp::DensityField field = Compile(design);
    const std::vector<NaturalHair> a = smp::NaturalHairOf(design, field);
    const std::vector<NaturalHair> b = smp::NaturalHairOf(design, *field.Scalp());
    REQUIRE(a.size() > 1000);
    CHECK(SameBits(a, b));
    const smp::Design other = ZonesDesign({{"occipital", 30}, {"parietal_left", 50}}, "shaved", 8);
    CHECK_FALSE(SameBits(a, smp::NaturalHairOf(other, Compile(other))));
    for (const NaturalHair& h : a) {
        CHECK(std::fabs(std::sqrt(h.along_map.squaredNorm()) - 1.0) < 1e-12);
        CHECK(h.length_mm >= smp::kShavedHairMinLengthMm);
        CHECK(h.length_mm <= smp::kShavedHairMaxLengthMm);
        CHECK(h.width_mm == smp::kHairShaftWidthMm);
    }
}

// A fringe zone at p, or on one of the rings `reaches_mm` around it (24 rays each).
bool NearFringe(const smp::ScalpTemplate& scalp, const Vec2& p, std::initializer_list<double> reaches_mm) {
    if (IsFringe(scalp.ZoneAt(p))) return true;
    for (int i = 0; i < 24; ++i) {
        const double a = 2.0 * smp::kDetPi * i / 24.0;
        for (double reach : reaches_mm) {
            if (IsFringe(scalp.ZoneAt(p + Vec2(std::cos(a), std::sin(a)) * reach))) return true;
        }
    }
    return false;
}

TEST_CASE("natural hair, shaved: 80/cm² less the design's target in the fringe, none on a top painted at the design's full look, none outside the outline") {
    // Occipital painted at 30: 50 hairs/cm² left; parietal at 80 and temporal unset (0): none and
    // 80. The top is painted at 80, the design's full look: bare, as a Norwood VI's is.
    const smp::Design design = ZonesDesign({{"occipital", 30}, {"parietal_left", 80}, {"parietal_right", 80}, {"frontal", 80}, {"mid_scalp", 80}, {"crown", 80}},
                                           "shaved");
    const smp::DensityField field = Compile(design);
    const smp::ScalpTemplate& scalp = *field.Scalp();
    const std::vector<NaturalHair> hair = smp::NaturalHairOf(design, field);
    // Within the fringe's soft edge of a fringe zone: one of 24 points kFringeEdgeMm away is one.
    auto near_fringe = [&](const Vec2& p) { return NearFringe(scalp, p, {smp::kFringeEdgeMm}); };
    std::array<int, smp::kZoneCount> per_zone{};
    for (const NaturalHair& h : hair) {
        REQUIRE(scalp.Contains(h.map_mm));
        CHECK(near_fringe(h.map_mm));
        per_zone[static_cast<size_t>(scalp.ZoneAt(h.map_mm))] += 1;
    }
    CHECK(per_zone[static_cast<size_t>(ZoneId::kParietalLeft)] == 0);
    CHECK(per_zone[static_cast<size_t>(ZoneId::kParietalRight)] == 0);
    // Over whole zones (thousands of hairs) the rule's own integral within 3 % (its soft edge
    // included: the rule summed on a 1 mm lattice); in one 20 mm square clear of the edge within 15 %.
    auto rule_count = [&](ZoneId zone) {
        double sum = 0.0;
        for (double y = 0.5; y < scalp.HeightMm(); y += 1.0) {
            for (double x = 0.5; x < scalp.WidthMm(); x += 1.0) {
                const Vec2 p(x, y);
                if (scalp.ZoneAt(p) == zone) sum += smp::NaturalHairPerCm2(design, field, p) / 100.0;
            }
        }
        return sum;
    };
    const double occipital = per_zone[static_cast<size_t>(ZoneId::kOccipital)], temporal = per_zone[static_cast<size_t>(ZoneId::kTemporalLeft)];
    CHECK(occipital == doctest::Approx(rule_count(ZoneId::kOccipital)).epsilon(0.03));
    CHECK(temporal == doctest::Approx(rule_count(ZoneId::kTemporalLeft)).epsilon(0.03));
    const std::optional<smp::RectMm> square = SquareIn(scalp, ZoneId::kOccipital, smp::kFringeEdgeMm);
    REQUIRE(square.has_value());
    int in_square = 0;
    for (const NaturalHair& h : hair) in_square += square->Contains(h.map_mm) ? 1 : 0;
    const double square_per_cm2 = in_square / (square->WidthMm() * square->HeightMm() / 100.0);
    CHECK(square_per_cm2 == doctest::Approx(50.0).epsilon(0.15));
    MESSAGE("occipital " << occipital / scalp.ZoneAreaCm2(ZoneId::kOccipital) << "/cm², temporal " << temporal / scalp.ZoneAreaCm2(ZoneId::kTemporalLeft)
                         << "/cm², a 20 mm square clear of the edge " << square_per_cm2 << "/cm²");

    // A design at 80 or more over the whole scalp leaves no stubble.
    const smp::Design full = ZonesDesign({{"frontal", 80}, {"mid_scalp", 80}, {"crown", 80}, {"temporal_left", 90}, {"temporal_right", 90},
                                          {"parietal_left", 80}, {"parietal_right", 80}, {"occipital", 100}},
                                         "shaved");
    CHECK(smp::NaturalHairOf(full, Compile(full)).empty());
}

TEST_CASE("natural hair, shaved: the fringe thins out over its edge instead of stopping at the zones' border, and towards the nape line") {
    const smp::Design design = ZonesDesign({}, "shaved");   // nothing painted: 80 in the fringe, 0 on top
    const smp::DensityField field = Compile(design);
    const smp::ScalpTemplate& scalp = *field.Scalp();
    // Down the midline from the crown into the occipital zone: the border is where the zone changes.
    const double x = scalp.MidlineXMm();
    double border_y = -1.0;
    for (double y = scalp.GetLandmarks().crown_whorl_mm.y(); y < scalp.HeightMm(); y += 0.25) {
        if (scalp.ZoneAt(Vec2(x, y)) == ZoneId::kOccipital) {
            border_y = y;
            break;
        }
    }
    REQUIRE(border_y > 0.0);
    std::string profile = "\nmm from the border   FU/cm²\n";
    double previous = -1.0, largest_step = 0.0;
    for (double d = -1.5 * smp::kFringeEdgeMm; d <= 1.5 * smp::kFringeEdgeMm; d += 1.0) {
        const double per_cm2 = smp::NaturalHairPerCm2(design, field, Vec2(x, border_y + d));
        if (previous >= 0.0) {
            CHECK(per_cm2 >= previous - 1e-9);   // never thicker towards the top
            largest_step = std::max(largest_step, per_cm2 - previous);
        }
        previous = per_cm2;
        if (std::fmod(d + 15.0, 5.0) == 0.0) profile += std::to_string(static_cast<int>(d)) + "   " + std::to_string(per_cm2) + "\n";
    }
    // None on the top beyond the edge, the whole 80 beyond it in the fringe, about half at the border.
    CHECK(smp::NaturalHairPerCm2(design, field, Vec2(x, border_y - 1.2 * smp::kFringeEdgeMm)) == 0.0);
    CHECK(smp::NaturalHairPerCm2(design, field, Vec2(x, border_y + 1.2 * smp::kFringeEdgeMm)) == doctest::Approx(smp::kNaturalDensityPerCm2));
    CHECK(smp::NaturalHairPerCm2(design, field, Vec2(x, border_y)) == doctest::Approx(0.5 * smp::kNaturalDensityPerCm2).epsilon(0.2));
    // No jump: a millimetre changes it by at most 80 x 4/25 (the two rings' points that cross).
    CHECK(largest_step <= 0.17 * smp::kNaturalDensityPerCm2);
    MESSAGE(profile << "largest step over 1 mm: " << largest_step);

    // Towards the nape line (the outline) it thins too, to about half at the line, and stops there.
    const std::vector<Vec2>& nape = scalp.GetLandmarks().nape_line_mm;
    const Vec2 nape_mid = nape[nape.size() / 2];
    const Vec2 inward = (scalp.GetLandmarks().crown_whorl_mm - nape_mid).normalized();
    REQUIRE(scalp.Contains(nape_mid + inward * 0.5));
    CHECK(smp::NaturalHairPerCm2(design, field, nape_mid + inward * 0.5) == doctest::Approx(0.5 * smp::kNaturalDensityPerCm2).epsilon(0.25));
    CHECK(smp::NaturalHairPerCm2(design, field, nape_mid + inward * (1.2 * smp::kFringeEdgeMm)) == doctest::Approx(smp::kNaturalDensityPerCm2));
    CHECK(smp::NaturalHairPerCm2(design, field, nape_mid - inward * 1.0) == 0.0);
}

// No fringe zone at p or on two rings around it (half and all of the fringe's edge, 24 rays): the
// fringe's part of the shaved rule gives nothing there.
bool ClearOfFringe(const smp::ScalpTemplate& scalp, const Vec2& p) { return !NearFringe(scalp, p, {0.5 * smp::kFringeEdgeMm, smp::kFringeEdgeMm}); }

// Hairs of `hair` in `square`, per cm².
double PerCm2In(const std::vector<NaturalHair>& hair, const smp::RectMm& square) {
    int inside = 0;
    for (const NaturalHair& h : hair) inside += square.Contains(h.map_mm) ? 1 : 0;
    return inside / (square.WidthMm() * square.HeightMm() / 100.0);
}

TEST_CASE("natural hair, shaved: on the top the client's own hair makes up what the design paints to its full look, behind its hairline only") {
    // Norwood III vertex's zones: the crown and the temples bare and filled at 70, the design's
    // full look; the mid-scalp keeps hair and is painted at 40, "blended with the shaved hair".
    const smp::Design design = ZonesDesign({{"frontal", 70}, {"mid_scalp", 40}, {"crown", 70}, {"temporal_left", 70}, {"temporal_right", 70},
                                            {"parietal_left", 35}, {"parietal_right", 35}, {"occipital", 35}},
                                           "shaved");
    const smp::DensityField field = Compile(design);
    const smp::ScalpTemplate& scalp = *field.Scalp();
    const std::vector<NaturalHair> hair = smp::NaturalHairOf(design, field);
    const std::optional<smp::RectMm> mid = SquareIn(scalp, ZoneId::kMidScalp, smp::kFringeEdgeMm);
    const std::optional<smp::RectMm> crown = SquareIn(scalp, ZoneId::kCrown, smp::kFringeEdgeMm);
    REQUIRE(mid.has_value());
    REQUIRE(crown.has_value());
    const Vec2 mid_centre = 0.5 * (mid->min_mm + mid->max_mm), crown_centre = 0.5 * (crown->min_mm + crown->max_mm);
    CHECK(smp::NaturalHairPerCm2(design, field, mid_centre) == doctest::Approx(30.0));
    CHECK(smp::NaturalHairPerCm2(design, field, crown_centre) == 0.0);
    // The generated hair follows the rule: 30/cm² in the mid-scalp (a 20 mm square, 120 hairs
    // expected), none on the bare crown; hair and dots together are the full look in both.
    CHECK(PerCm2In(hair, *mid) == doctest::Approx(30.0).epsilon(0.2));
    CHECK(PerCm2In(hair, *crown) == 0.0);
    CHECK(PerCm2In(hair, *mid) + field.PerCm2(mid_centre) == doctest::Approx(PerCm2In(hair, *crown) + field.PerCm2(crown_centre)).epsilon(0.1));
    MESSAGE("mid-scalp painted at 40: " << PerCm2In(hair, *mid) << " hairs/cm²; crown at 70: " << PerCm2In(hair, *crown));

    // The same design with every zone at its full look leaves the top bare (the rule before the
    // top's part, as Norwood VI): no hair farther than the fringe's edge from the fringe.
    const smp::Design bare = ZonesDesign({{"frontal", 70}, {"mid_scalp", 70}, {"crown", 70}, {"temporal_left", 70}, {"temporal_right", 70},
                                          {"parietal_left", 35}, {"parietal_right", 35}, {"occipital", 35}},
                                         "shaved");
    const smp::DensityField bare_field = Compile(bare);
    CHECK(PerCm2In(smp::NaturalHairOf(bare, bare_field), *mid) == 0.0);
    CHECK(smp::NaturalHairPerCm2(bare, bare_field, mid_centre) == 0.0);

    // Norwood II (its top kept and painted lightly, its hairline designed): behind the hairline's
    // transition the hair makes up the target to 70; ahead of the line, where the design has no
    // dots, no hair either: the forehead stays bare; through the transition it ramps as the dots do.
    const smp::Expected<std::string> preset = smp::PresetText("norwood-2");
    REQUIRE(preset.ok());
    const smp::Expected<smp::Design> norwood = smp::RestoreDesign(std::string_view(*preset));
    REQUIRE(norwood.ok());
    const smp::DensityField norwood_field = Compile(*norwood);
    REQUIRE(norwood_field.Hairline().has_value());
    const smp::HairlineGeometry& line = *norwood_field.Hairline();
    int ahead = 0, behind = 0, ramped = 0;
    for (double y = 0.5; y < scalp.HeightMm(); y += 1.0) {
        for (double x = 0.5; x < scalp.WidthMm(); x += 1.0) {
            const Vec2 p(x, y);
            if (!scalp.Contains(p) || !ClearOfFringe(scalp, p)) continue;
            const double hair_per_cm2 = smp::NaturalHairPerCm2(*norwood, norwood_field, p);
            const double signed_mm = line.SignedDistanceMm(p);
            if (signed_mm < 0.0) {
                ++ahead;
                CHECK(hair_per_cm2 == 0.0);
            } else if (signed_mm >= line.TransitionMm()) {
                ++behind;
                CHECK(hair_per_cm2 + norwood_field.PerCm2(p) == doctest::Approx(70.0));
            } else {
                ++ramped;
                CHECK(hair_per_cm2 + norwood_field.PerCm2(p) <= 70.0 + 1e-9);
            }
        }
    }
    CHECK(ahead > 100);
    CHECK(behind > 100);
    CHECK(ramped > 100);
    MESSAGE("Norwood II's top, 1 mm points clear of the fringe: " << ahead << " ahead of the hairline, " << ramped << " in its transition, " << behind << " behind it");
}

TEST_CASE("natural hair, density mode: thinning strands everywhere inside the outline, combed away from the forehead") {
    const smp::Design design = ZonesDesign({{"crown", 60}}, "density");
    const smp::DensityField field = Compile(design);
    const smp::ScalpTemplate& scalp = *field.Scalp();
    const std::vector<NaturalHair> hair = smp::NaturalHairOf(design, field);
    std::array<int, smp::kZoneCount> per_zone{};
    const Vec2 glabella = scalp.GetLandmarks().glabella_mm;
    for (const NaturalHair& h : hair) {
        REQUIRE(scalp.Contains(h.map_mm));
        per_zone[static_cast<size_t>(scalp.ZoneAt(h.map_mm))] += 1;
        CHECK(h.length_mm >= smp::kThinningHairMinLengthMm);
        CHECK(h.length_mm <= smp::kThinningHairMaxLengthMm);
        // Within 15° of the way away from the glabella: cos 15° = 0.966.
        const Vec2 away = (h.map_mm - glabella).normalized();
        CHECK(away.dot(h.along_map) > 0.965);
    }
    const double expected = smp::kThinningHairShare * smp::kNaturalDensityPerCm2;
    for (int z = 0; z < smp::kZoneCount; ++z) {
        const ZoneId zone = static_cast<ZoneId>(z);
        CHECK_MESSAGE(per_zone[static_cast<size_t>(z)] / scalp.ZoneAreaCm2(zone) == doctest::Approx(expected).epsilon(0.06), smp::ZoneName(zone));
    }
}

TEST_CASE("natural hair: at most max_count, thinned evenly; a flat design has none") {
    const smp::Design design = ZonesDesign({}, "density");
    const smp::DensityField field = Compile(design);
    const std::vector<NaturalHair> all = smp::NaturalHairOf(design, field);
    REQUIRE(all.size() > 5000);
    CHECK(all.size() <= smp::kMaxNaturalHairs);
    const std::vector<NaturalHair> few = smp::NaturalHairOf(design, field, 1000);
    CHECK(few.size() == 1000);
    // Evenly: both halves of the head and its front and back keep their share.
    const smp::ScalpTemplate& scalp = *field.Scalp();
    int left = 0, front = 0;
    for (const NaturalHair& h : few) {
        left += h.map_mm.x() < scalp.MidlineXMm() ? 1 : 0;
        front += h.map_mm.y() < 0.5 * scalp.HeightMm() ? 1 : 0;
    }
    int all_front = 0;
    for (const NaturalHair& h : all) all_front += h.map_mm.y() < 0.5 * scalp.HeightMm() ? 1 : 0;
    CHECK(left == doctest::Approx(500).epsilon(0.1));
    CHECK(front / 1000.0 == doctest::Approx(static_cast<double>(all_front) / static_cast<double>(all.size())).epsilon(0.02));
    CHECK(smp::NaturalHairOf(design, field, 0).empty());

    nlohmann::json flat = nlohmann::json::parse(R"({"type":"smp.design","schema_version":2,"template":{"kind":"flat","width_mm":50,"height_mm":50},"mode":"density"})");
    const smp::Expected<smp::Design> flat_design = smp::RestoreDesign(flat);
    REQUIRE(flat_design.ok());
    CHECK(smp::NaturalHairOf(*flat_design, Compile(*flat_design)).empty());
}
