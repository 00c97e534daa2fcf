// The tone model (core/tone_model.h) and its figures: the sRGB tables, the model's properties, and
// how much darker a 70 dots/cm² zone is than bare skin for each skin tone at the fitted zoom and
// at 1-3 m, measured on the CPU renderer's own pixels and checked against the model's prediction.
#include "core/tone_model.h"

#include "core/design_json.h"
#include "export/dot_palette.h"
#include "export/raster.h"
#include "test_designs.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <string>

namespace {

double ExactSrgbToLinear(double u) { return u <= 0.04045 ? u / 12.92 : std::pow((u + 0.055) / 1.055, 2.4); }
double ExactLinearToSrgb(double y) { return y <= 0.0031308 ? 12.92 * y : 1.055 * std::pow(y, 1.0 / 2.4) - 0.055; }
double Lightness(double y) { return y > 216.0 / 24389.0 ? 116.0 * std::cbrt(y) - 16.0 : y * 24389.0 / 27.0; }

// 100 x 60 mm: the left half at 70 dots/cm² (a shaved-look zone, DOMAIN.md), the right half bare.
smp::Design HalfDesign() {
    nlohmann::json document = nlohmann::json::parse(R"({"type":"smp.design","schema_version":2,"seed":5,"title":"half",
        "template":{"kind":"flat","width_mm":100,"height_mm":60},
        "density":{"layers":[{"kind":"grid","origin_mm":[0,0],"cell_mm":50,"cols":2,"rows":2,"interpolation":"nearest","per_cm2":[70,0,70,0]}]}})");
    smp::Expected<smp::Design> design = smp::RestoreDesign(document);
    REQUIRE(design.ok());
    return *design;
}

struct Means {
    double y = 0.0, luma = 0.0;
};
// Mean relative luminance (linear) and mean Rec. 709 luma of the bytes, over a rectangle in mm.
Means MeanOver(const smp::RgbaImage& image, double px_per_mm, double x0, double y0, double x1, double y1) {
    Means m;
    int n = 0;
    for (int y = static_cast<int>(y0 * px_per_mm); y < static_cast<int>(y1 * px_per_mm); ++y) {
        for (int x = static_cast<int>(x0 * px_per_mm); x < static_cast<int>(x1 * px_per_mm); ++x) {
            const uint8_t* p = image.PixelAt(x, y);
            m.y += smp::RelativeLuminance(smp::LinearFromSrgb(p[0], p[1], p[2]));
            m.luma += 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
            ++n;
        }
    }
    m.y /= n;
    m.luma /= n;
    return m;
}

}  // namespace

TEST_CASE("sRGB: exact tables, every byte round-trips, encoding is the nearest code") {
    for (int v = 0; v < 256; ++v) {
        const double linear = smp::SrgbToLinear(static_cast<uint8_t>(v));
        CHECK(linear == doctest::Approx(ExactSrgbToLinear(v / 255.0)).epsilon(1e-14));
        CHECK(smp::LinearToSrgb(linear) == v);
        if (v > 0) CHECK(linear > smp::SrgbToLinear(static_cast<uint8_t>(v - 1)));
    }
    for (int i = 0; i <= 100000; ++i) {
        const double y = i / 100000.0;
        const int code = smp::LinearToSrgb(y);
        CHECK(std::fabs(code - 255.0 * ExactLinearToSrgb(y)) <= 0.5 + 1e-9);
    }
    CHECK(smp::LinearToSrgb(-1.0) == 0);
    CHECK(smp::LinearToSrgb(2.0) == 255);
    CHECK(smp::LinearToSrgb(std::nan("")) == 0);
}

TEST_CASE("tone model: its figures behave as documented") {
    // The eye resolves 1′: 0.29 mm per metre.
    CHECK(smp::ViewingBlurRadiusMm(1.0) == doctest::Approx(std::tan(3.14159265358979323846 / 180.0 / 60.0) * 1000.0).epsilon(1e-12));
    CHECK(smp::ViewingBlurRadiusMm(0.0) == 0.0);
    CHECK(smp::HealedDotDiameterMm(0.25) == doctest::Approx(0.5));
    // Beer-Lambert: more pigment, more opacity, never complete.
    CHECK(smp::PigmentOpacity(0.0) == 0.0);
    CHECK(smp::PigmentOpacity(0.425) < smp::PigmentOpacity(0.6375));
    CHECK(smp::PigmentOpacity(1.0) == doctest::Approx(1.0 - std::exp(-3.0)).epsilon(1e-15));
    for (int tone = 0; tone < smp::kSkinToneCount; ++tone) {
        const smp::SkinTone& s = smp::kSkinTones[tone];
        const smp::LinearRgb skin = smp::LinearFromSrgb(s.r, s.g, s.b);
        const smp::LinearRgb f = smp::DotDarkening(0.6, 0.0, skin);
        // Greyed, never black; a blue-grey shadow: blue loses the least.
        CHECK(f.r < 1.0);
        CHECK(f.g > 0.0);
        CHECK(f.b < f.g);
        CHECK(f.g < f.r);
        // Years later: fainter and bluer.
        const smp::LinearRgb faded = smp::DotDarkening(0.6, 8.0, skin);
        CHECK(faded.g < f.g);
        if (f.b > 0.0) CHECK(faded.b / faded.r < f.b / f.r);   // (dark skin: its blue is below the surface reflection)
        // Darker skin: the surface's reflection is a larger share, so the dot shows less.
        if (tone > 0) {
            const smp::SkinTone& lighter = smp::kSkinTones[tone - 1];
            CHECK(f.g < smp::DotDarkening(0.6, 0.0, smp::LinearFromSrgb(lighter.r, lighter.g, lighter.b)).g);
        }
    }
    // The footprint's analytic area is its integral (what a shader uses instead of a pixel sum).
    for (const double healed : {0.3, 1.0, 2.5, 8.0}) {
        for (const double blur : {0.0, 1.2, 4.0}) {
            const smp::DotFootprint f = smp::DotFootprintPx(healed, blur, 0.6, 0.35);
            double sum = 0.0;
            constexpr double kStep = 0.01;
            for (double x = -f.radius - f.edge; x <= f.radius + f.edge; x += kStep) {
                for (double y = -f.radius - f.edge; y <= f.radius + f.edge; y += kStep) sum += smp::DotProfile(f, std::sqrt(x * x + y * y));
            }
            CHECK(sum * kStep * kStep == doctest::Approx(smp::DotProfileAreaPx2(f)).epsilon(0.01));
            CHECK(f.opacity * smp::DotProfileAreaPx2(f) == doctest::Approx(3.14159265358979323846 * healed * healed).epsilon(1e-12));
        }
    }
}

TEST_CASE("tone model: a 70 dots/cm² zone against bare skin, per skin tone, at the fitted zoom and at 1-3 m") {
    const smp::Design design = HalfDesign();
    const smp::DotPattern pattern = smp::test::Generate(design);
    // The prediction: Σ over the window's dots of their healed area × the luminance they take away.
    const double x0 = 5.0, y0 = 5.0, x1 = 45.0, y1 = 55.0;
    // About the fitted zoom of a whole scalp (1200 px over its 320 mm frame: 3.8 px/mm).
    constexpr int kWidthPx = 400;
    constexpr double kPxPerMm = kWidthPx / 100.0;
    const double minimum_drop[smp::kSkinToneCount] = {0.085, 0.085, 0.08, 0.07, 0.04};
    double previous = 1.0;
    std::string table = "\nskin          distance  Y drop (model)  luma drop  ΔL*\n";
    for (int tone = 0; tone < smp::kSkinToneCount; ++tone) {
        const smp::SkinTone& s = smp::kSkinTones[tone];
        const smp::LinearRgb skin = smp::LinearFromSrgb(s.r, s.g, s.b);
        const double skin_y = smp::RelativeLuminance(skin);
        double taken = 0.0;
        for (const smp::Dot& dot : pattern.Dots()) {
            if (dot.position_mm.x() < x0 || dot.position_mm.x() >= x1 || dot.position_mm.y() < y0 || dot.position_mm.y() >= y1) continue;
            const smp::LinearRgb f = smp::DotDarkening(smp::DotPigmentConcentration(dot, design), 0.0, skin);
            const double r = 0.5 * smp::HealedDotDiameterMm(dot.diameter_mm);
            taken += 3.14159265358979323846 * r * r * smp::RelativeLuminance({skin.r * f.r, skin.g * f.g, skin.b * f.b});
        }
        const double predicted = taken / ((x1 - x0) * (y1 - y0)) / skin_y;
        for (const float distance_m : {0.0f, 1.0f, 2.0f, 3.0f}) {
            smp::RenderOptions options;
            options.view = smp::PreviewMode::kHealed;
            options.skin_tone = tone;
            options.width_px = kWidthPx;
            options.viewing_distance_m = distance_m;
            options.crop_mm = pattern.field->FrameMm();
            const smp::Expected<smp::RgbaImage> image = smp::RenderDesign(design, pattern, options);
            REQUIRE(image.ok());
            const Means inked = MeanOver(*image, kPxPerMm, x0, y0, x1, y1);
            const Means bare = MeanOver(*image, kPxPerMm, 55.0, y0, 95.0, y1);
            CHECK(bare.y == doctest::Approx(skin_y).epsilon(1e-9));
            const double drop = 1.0 - inked.y / bare.y;
            // The pixels say what the model says, at any distance, to the rounding of the sRGB
            // bytes: where the tone is even (far away), every pixel rounds alike, by up to half a
            // code, 0.45 % of the luminance at these levels.
            CHECK(std::fabs(drop - predicted) < 0.005);
            CHECK(drop >= minimum_drop[tone]);
            CHECK(drop <= previous + 0.004);
            char line[160];
            std::snprintf(line, sizeof line, "%-13s %4.0f m    %5.2f %% (%5.2f)   %5.2f %%    %4.2f\n", s.name, distance_m, 100.0 * drop,
                          100.0 * predicted, 100.0 * (1.0 - inked.luma / bare.luma), Lightness(bare.y) - Lightness(inked.y));
            table += line;
        }
        previous = predicted;
    }
    MESSAGE(table);
}

TEST_CASE("tone model: a shaved follicular unit's mark: its hairs' stubble in their colour and their shafts under the skin, integral exact") {
    const smp::LinearRgb hair = smp::LinearFromSrgb(58, 46, 40);
    for (int tone = 0; tone < smp::kSkinToneCount; ++tone) {
        const smp::SkinTone& s = smp::kSkinTones[tone];
        const smp::LinearRgb skin = smp::LinearFromSrgb(s.r, s.g, s.b);
        const double n = smp::kHairsPerFollicularUnit, w = 0.08;
        const smp::ShavedUnitMark fresh = smp::ShavedUnitMarkOf(0.0, w, hair, skin);
        const smp::ShavedUnitMark grown = smp::ShavedUnitMarkOf(0.4, w, hair, skin);
        // Razor-fresh: only the shafts, as wide as the dermis spreads them, darkened as undiluted pigment.
        const double shaft_mm2 = n * smp::kShaftSeenLengthMm * smp::kHealedSpread * w;
        CHECK(fresh.area_mm2 == doctest::Approx(shaft_mm2).epsilon(1e-12));
        CHECK(fresh.darkening.g == doctest::Approx(smp::DotDarkening(1.0, 0.0, skin).g).epsilon(1e-12));
        CHECK(fresh.length_mm == doctest::Approx(smp::kShaftSeenLengthMm));
        CHECK(fresh.behind_mm == doctest::Approx(smp::kShaftSeenLengthMm));
        // With stubble: the areas add and the darkening integral is the sum of both, channel by channel.
        const double stubble_mm2 = n * 0.4 * w;
        CHECK(grown.area_mm2 == doctest::Approx(shaft_mm2 + stubble_mm2).epsilon(1e-12));
        CHECK(grown.length_mm == doctest::Approx(smp::kShaftSeenLengthMm + 0.4));
        const double stubble_f[3] = {1.0 - hair.r / skin.r, 1.0 - hair.g / skin.g, 1.0 - hair.b / skin.b};
        const double shaft_f[3] = {fresh.darkening.r, fresh.darkening.g, fresh.darkening.b};
        const double grown_f[3] = {grown.darkening.r, grown.darkening.g, grown.darkening.b};
        for (int c = 0; c < 3; ++c) {
            const double expected = stubble_mm2 * std::clamp(stubble_f[c], 0.0, 1.0) + shaft_mm2 * shaft_f[c];
            CHECK(grown.area_mm2 * grown_f[c] == doctest::Approx(expected).epsilon(1e-12));
            CHECK(grown_f[c] >= 0.0);
            CHECK(grown_f[c] < 1.0);
        }
        // Stubble takes away more light than the razor-fresh unit alone.
        CHECK(grown.area_mm2 * grown.darkening.g > fresh.area_mm2 * fresh.darkening.g);
    }
}

TEST_CASE("tone model: a lighter hair's shaft shows less under the skin, by its own stubble's share of dark hair's; none where it is no darker than the skin") {
    const smp::HairColour& dark = smp::HairColourAt(smp::kDefaultHairColour);
    CHECK(dark.r == smp::kDarkHairSrgb[0]);   // the default is the dark hair the shaft is set for
    auto linear = [](const smp::HairColour& c) { return smp::LinearFromSrgb(c.r, c.g, c.b); };
    for (int tone = 0; tone < smp::kSkinToneCount; ++tone) {
        const smp::SkinTone& s = smp::kSkinTones[tone];
        const smp::LinearRgb skin = smp::LinearFromSrgb(s.r, s.g, s.b);
        const smp::LinearRgb ink = smp::DotDarkening(1.0, 0.0, skin);
        const smp::LinearRgb dark_cover = smp::CoverDarkening(linear(dark), skin);
        // Dark brown and black: the shaft as undiluted pigment, exactly.
        for (const int k : {0, smp::kDefaultHairColour}) {
            const smp::ShavedUnitMark fresh = smp::ShavedUnitMarkOf(0.0, 0.08, linear(smp::kHairColours[k]), skin);
            CHECK(fresh.darkening.r == doctest::Approx(ink.r).epsilon(1e-12));
            CHECK(fresh.darkening.b == doctest::Approx(ink.b).epsilon(1e-12));
        }
        double previous_g = 2.0;
        for (const char* name : {"Dark brown", "Brown", "Light brown", "Blond", "White"}) {
            const smp::HairColour* hair = std::find_if(std::begin(smp::kHairColours), std::end(smp::kHairColours),
                                                       [&](const smp::HairColour& c) { return std::string(c.name) == name; });
            REQUIRE(hair != std::end(smp::kHairColours));
            const smp::LinearRgb cover = smp::CoverDarkening(linear(*hair), skin);
            const smp::ShavedUnitMark fresh = smp::ShavedUnitMarkOf(0.0, 0.08, linear(*hair), skin);
            const double own[3] = {cover.r, cover.g, cover.b}, of_dark[3] = {dark_cover.r, dark_cover.g, dark_cover.b};
            const double ink_f[3] = {ink.r, ink.g, ink.b}, shaft[3] = {fresh.darkening.r, fresh.darkening.g, fresh.darkening.b};
            for (int c = 0; c < 3; ++c) CHECK(shaft[c] == doctest::Approx(ink_f[c] * std::min(1.0, own[c] / of_dark[c])).epsilon(1e-12));
            // Lighter hair, lighter shaft: strictly, in green (the eye's channel), on every skin
            // where the hair is still darker than the skin.
            if (cover.g > 0.0) CHECK(fresh.darkening.g < previous_g);
            if (cover.g == 0.0) CHECK(fresh.darkening.g == 0.0);
            previous_g = fresh.darkening.g;
        }
    }
    // White hair on dark skin is no darker than the skin: nothing shows, stubble or shaft.
    const smp::SkinTone& dark_skin = smp::kSkinTones[smp::kSkinToneCount - 1];
    const smp::ShavedUnitMark white = smp::ShavedUnitMarkOf(0.3, 0.08, linear(smp::kHairColours[smp::kHairColourCount - 1]),
                                                            smp::LinearFromSrgb(dark_skin.r, dark_skin.g, dark_skin.b));
    CHECK(white.darkening.r == 0.0);
    CHECK(white.darkening.g == 0.0);
    CHECK(white.darkening.b == 0.0);
    // On light skin a white fringe all but vanishes: under a fifth of dark brown's darkening in
    // every channel (it is lighter than the skin in green and blue).
    const smp::LinearRgb light = smp::LinearFromSrgb(smp::kSkinTones[0].r, smp::kSkinTones[0].g, smp::kSkinTones[0].b);
    const smp::ShavedUnitMark white_on_light = smp::ShavedUnitMarkOf(0.2, 0.08, linear(smp::kHairColours[smp::kHairColourCount - 1]), light);
    const smp::ShavedUnitMark dark_on_light = smp::ShavedUnitMarkOf(0.2, 0.08, linear(dark), light);
    CHECK(white_on_light.darkening.r > 0.0);
    CHECK(white_on_light.darkening.r < 0.2 * dark_on_light.darkening.r);
    CHECK(white_on_light.darkening.g < 0.2 * dark_on_light.darkening.g);
    CHECK(white_on_light.darkening.b < 0.2 * dark_on_light.darkening.b);
}
