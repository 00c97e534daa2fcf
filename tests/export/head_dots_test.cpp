// The dots on the head for the GPU head view (export/head_dots.h): RenderHead's rules, on the head.
#include "export/head_dots.h"

#include "core/det_math.h"
#include "core/natural_hair.h"
#include "core/tone_model.h"
#include "export/dot_palette.h"
#include "export/head_render.h"
#include "test_designs.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <optional>

TEST_CASE("head dots: every placed dot the head has, on the head, with its unit normal; sessions and looks as RenderHead") {
    const smp::Design design = smp::test::PresetDesign("norwood-4");
    const smp::DotPattern pattern = smp::test::Generate(design);
    const smp::ScalpTemplate& scalp = *pattern.field->Scalp();
    const smp::Vec3 axes = scalp.HeadSemiAxesMm();

    const auto plan = smp::MakeHeadDotInstances(design, pattern, scalp, smp::PreviewMode::kPlan, 5.0f, 0, smp::kDefaultSkinTone);
    size_t lifted = 0, lifted_session_1 = 0;
    for (size_t i = 0; i < pattern.ranked.size(); ++i) {
        if (pattern.state[i].session == 0 || !scalp.HeadFromMap(pattern.DotAt(i).position_mm)) continue;
        ++lifted;
        lifted_session_1 += pattern.state[i].session == 1;
    }
    REQUIRE(lifted > 1000);
    CHECK(plan.size() == lifted);
    CHECK(lifted <= static_cast<size_t>(pattern.DotCount()));

    // On the ellipsoid, the normal a unit vector pointing out; the plan's colours are the sessions'.
    // (Counted, not checked dot by dot: one line for thousands of dots.)
    size_t k = 0, off_head = 0, bad_normal = 0, inward = 0, bad_diameter = 0, bad_colour = 0;
    for (size_t i = 0; i < pattern.ranked.size(); ++i) {
        const int session = pattern.state[i].session;
        if (session == 0) continue;   // DotAt is for placed dots only
        const smp::Dot dot = pattern.DotAt(i);
        if (!scalp.HeadFromMap(dot.position_mm)) continue;
        const smp::HeadDotInstance& d = plan[k++];
        const double x = d.head_mm[0] / axes.x(), y = d.head_mm[1] / axes.y(), z = d.head_mm[2] / axes.z();
        off_head += !(std::fabs(x * x + y * y + z * z - 1.0) < 1e-5);
        const double n_len = std::sqrt(d.normal[0] * d.normal[0] + d.normal[1] * d.normal[1] + d.normal[2] * d.normal[2]);
        bad_normal += !(std::fabs(n_len - 1.0) < 1e-5);
        inward += !(d.normal[0] * d.head_mm[0] + d.normal[1] * d.head_mm[1] + d.normal[2] * d.head_mm[2] > 0.0f);
        bad_diameter += !(std::fabs(d.diameter_mm - dot.diameter_mm) < 1e-6 * dot.diameter_mm);
        const smp::Rgba c = smp::SessionRgba(session);
        bad_colour += !(d.rgba[0] == c.r && d.rgba[1] == c.g && d.rgba[2] == c.b && d.rgba[3] == c.a);
    }
    CHECK(off_head == 0);
    CHECK(bad_normal == 0);
    CHECK(inward == 0);
    CHECK(bad_diameter == 0);
    CHECK(bad_colour == 0);

    // Sessions up to one: only its dots.
    const auto first = smp::MakeHeadDotInstances(design, pattern, scalp, smp::PreviewMode::kPlan, 5.0f, 1, smp::kDefaultSkinTone);
    CHECK(first.size() == lifted_session_1);
    CHECK(first.size() < plan.size());

    // The tone looks: healed diameters and the darkening F (0..255, opaque); faded later is lighter,
    // healed ignores the years; the same every time.
    const auto healed = smp::MakeHeadDotInstances(design, pattern, scalp, smp::PreviewMode::kHealed, 5.0f, 0, smp::kDefaultSkinTone);
    const auto healed_other_years = smp::MakeHeadDotInstances(design, pattern, scalp, smp::PreviewMode::kHealed, 9.0f, 0, smp::kDefaultSkinTone);
    const auto faded = smp::MakeHeadDotInstances(design, pattern, scalp, smp::PreviewMode::kFaded, 9.0f, 0, smp::kDefaultSkinTone);
    REQUIRE(healed.size() == plan.size());
    REQUIRE(faded.size() == plan.size());
    double healed_f = 0.0, faded_f = 0.0;
    size_t bad_healed = 0;
    for (size_t i = 0; i < healed.size(); ++i) {
        bad_healed += !(std::fabs(healed[i].diameter_mm - smp::HealedDotDiameterMm(plan[i].diameter_mm)) < 1e-6 * healed[i].diameter_mm) ||
                      healed[i].rgba[3] != 255 || healed[i].rgba[1] == 0;
        healed_f += healed[i].rgba[1];
        faded_f += faded[i].rgba[1];
    }
    CHECK(bad_healed == 0);
    CHECK(faded_f < healed_f);
    CHECK(std::memcmp(healed.data(), healed_other_years.data(), healed.size() * sizeof(smp::HeadDotInstance)) == 0);
    const auto again = smp::MakeHeadDotInstances(design, pattern, scalp, smp::PreviewMode::kHealed, 5.0f, 0, smp::kDefaultSkinTone);
    CHECK(std::memcmp(healed.data(), again.data(), healed.size() * sizeof(smp::HeadDotInstance)) == 0);
}

TEST_CASE("head dots: the natural hair a design leaves, as discs of its area in the hair's colour; shaved units whole in the tone looks") {
    const smp::Design design = smp::test::PresetDesign("norwood-6");   // shaved: stubble in the fringe
    const smp::DotPattern pattern = smp::test::Generate(design);
    const smp::ScalpTemplate& scalp = *pattern.field->Scalp();
    const std::vector<smp::NaturalHair> hair = smp::NaturalHairOf(design, *pattern.field);
    REQUIRE(hair.size() > 1000);
    const std::vector<smp::HeadDotInstance> plan = smp::MakeNaturalHairInstances(design, pattern, scalp, smp::PreviewMode::kPlan, 1);
    const std::vector<smp::HeadDotInstance> healed = smp::MakeNaturalHairInstances(design, pattern, scalp, smp::PreviewMode::kHealed, 1);
    CHECK(plan.size() == hair.size());   // every hair is inside the outline, so on the head
    REQUIRE(healed.size() == plan.size());
    for (size_t i = 0; i < plan.size(); i += 97) {
        const double area_mm2 = std::max(hair[i].length_mm, hair[i].width_mm) * hair[i].width_mm;
        const double disc_mm2 = 0.25 * smp::kDetPi * plan[i].diameter_mm * plan[i].diameter_mm;
        CHECK(std::fabs(disc_mm2 / area_mm2 - 1.0) < 1e-5);
        const smp::HairColour& dark_brown = smp::HairColourAt(smp::kDefaultHairColour);
        CHECK(plan[i].rgba[0] == dark_brown.r);
        CHECK(plan[i].rgba[2] == dark_brown.b);
        // Healed: the follicular unit's whole mark (its hairs' stubble and their shafts under the
        // skin), a disc of the mark's area with its darkening, darkest in red as skin shadows are.
        const smp::SkinTone& skin = smp::SkinToneAt(1);
        const smp::ShavedUnitMark mark = smp::ShavedUnitMarkOf(hair[i].length_mm, hair[i].width_mm,
                                                               smp::LinearFromSrgb(dark_brown.r, dark_brown.g, dark_brown.b),
                                                               smp::LinearFromSrgb(skin.r, skin.g, skin.b));
        CHECK(0.25 * smp::kDetPi * healed[i].diameter_mm * healed[i].diameter_mm == doctest::Approx(mark.area_mm2).epsilon(1e-5));
        CHECK(healed[i].diameter_mm > 2.5f * plan[i].diameter_mm);   // over six times the stubble's area
        CHECK(healed[i].rgba[0] == std::lround(255.0 * mark.darkening.r));
        CHECK(healed[i].rgba[2] == std::lround(255.0 * mark.darkening.b));
        CHECK(healed[i].rgba[0] > healed[i].rgba[2]);
        CHECK(healed[i].rgba[2] > 150);
        const double n = std::sqrt(double{healed[i].normal[0]} * healed[i].normal[0] + double{healed[i].normal[1]} * healed[i].normal[1] +
                                   double{healed[i].normal[2]} * healed[i].normal[2]);
        CHECK(std::fabs(n - 1.0) < 1e-5);
    }
    // Density mode: the client's thinning hair as strands, each a larger disc than stubble.
    const smp::Design thinning = smp::test::PresetDesign("ludwig-2");
    const smp::DotPattern thinning_pattern = smp::test::Generate(thinning);
    const std::vector<smp::HeadDotInstance> strands =
        smp::MakeNaturalHairInstances(thinning, thinning_pattern, *thinning_pattern.field->Scalp(), smp::PreviewMode::kHealed, 1);
    REQUIRE(strands.size() > 1000);
    CHECK(strands.front().diameter_mm > 2.0f * plan.front().diameter_mm);
}

namespace {

bool SameInstances(const std::vector<smp::HeadDotInstance>& a, const std::vector<smp::HeadDotInstance>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(smp::HeadDotInstance)) == 0;
}

// The natural hair of `design` in the healed look, from its own pattern.
std::vector<smp::HeadDotInstance> HealedHair(const smp::Design& design) {
    const smp::DotPattern pattern = smp::test::Generate(design);
    return smp::MakeNaturalHairInstances(design, pattern, *pattern.field->Scalp(), smp::PreviewMode::kHealed, 1);
}

// A stroke that sets `per_cm2` within 15 mm of `at_mm`.
smp::StrokeLayer Stroke(const smp::Vec2& at_mm, double per_cm2) {
    smp::StrokeLayer stroke;
    stroke.points_mm = {at_mm, at_mm + smp::Vec2(10.0, 0.0)};
    stroke.pressure = {1.0, 1.0};
    stroke.radius_mm = 15.0;
    stroke.strength = smp::DensityValue::Dots(per_cm2);
    return stroke;
}

}  // namespace

TEST_CASE("head dots: SameNaturalHair holds only where the natural hair is the same, instance for instance") {
    // Shaved (norwood-4): sessions and the title leave the hair; painting the fringe does not.
    const smp::Design shaved = smp::test::PresetDesign("norwood-4");
    const std::vector<smp::HeadDotInstance> shaved_hair = HealedHair(shaved);
    REQUIRE(shaved_hair.size() > 1000);
    smp::Design sessions_edited = shaved;
    sessions_edited.sessions = smp::WithSessionCount(smp::DefaultSessions(), 5, false);
    sessions_edited.title = "Another title";
    CHECK(smp::SameNaturalHair(shaved, sessions_edited));
    CHECK(SameInstances(HealedHair(sessions_edited), shaved_hair));
    const smp::DotPattern shaved_pattern = smp::test::Generate(shaved);
    const smp::ScalpTemplate& scalp = *shaved_pattern.field->Scalp();
    std::optional<smp::Vec2> occipital;   // a point of the fringe (35 dots/cm² in norwood-4: hair makes up the rest)
    for (double y = 0.0; y < scalp.HeightMm() && !occipital; y += 5.0) {
        for (double x = 0.0; x < scalp.WidthMm() && !occipital; x += 5.0) {
            if (scalp.Contains(smp::Vec2(x, y)) && scalp.ZoneAt(smp::Vec2(x, y)) == smp::ZoneId::kOccipital) occipital = smp::Vec2(x, y);
        }
    }
    REQUIRE(occipital);
    smp::Design painted = shaved;
    painted.layers.push_back(Stroke(*occipital, 80.0));
    CHECK_FALSE(smp::SameNaturalHair(shaved, painted));
    CHECK_FALSE(SameInstances(HealedHair(painted), shaved_hair));
    smp::Design reseeded = shaved;
    reseeded.seed += 1;
    CHECK_FALSE(smp::SameNaturalHair(shaved, reseeded));

    // Density mode (ludwig-2): the thinning hair is the same whatever is painted.
    const smp::Design thinning = smp::test::PresetDesign("ludwig-2");
    REQUIRE(thinning.mode == smp::TreatmentMode::kDensity);
    smp::Design thinning_painted = thinning;
    thinning_painted.layers.push_back(Stroke(smp::test::Generate(thinning).field->Scalp()->GetLandmarks().vertex_mm, 60.0));
    CHECK(smp::SameNaturalHair(thinning, thinning_painted));
    CHECK(SameInstances(HealedHair(thinning_painted), HealedHair(thinning)));
}
