// The head render: where head points land (the projection's own pixel, the silhouette), what is
// hidden, determinism and errors.
#include "export/head_render.h"

#include "core/design_json.h"
#include "core/natural_hair.h"
#include "core/tone_model.h"
#include "core/scalp_template.h"
#include "test_designs.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <cstdio>
#include <optional>
#include <string>

using smp::HeadRenderOptions;
using smp::RgbaImage;
using smp::Vec2;
using smp::Vec3;

namespace {

// The default head with dots only where `zones` says (e.g. {"occipital": 70}), or none.
smp::Design ScalpDesign(const nlohmann::json& targets) {
    nlohmann::json document = nlohmann::json::parse(R"({"type":"smp.design","schema_version":2,"seed":3,"title":"zones",
        "template":{"kind":"scalp"},"mode":"density"})");
    if (!targets.empty()) document["density"]["layers"] = {{{"kind", "zones"}, {"blend_mm", 0}, {"targets", targets}}};
    smp::Expected<smp::Design> design = smp::RestoreDesign(document);
    REQUIRE_MESSAGE(design.ok(), design.status().message());
    return *design;
}

RgbaImage Render(const smp::Design& design, const smp::DotPattern& pattern, const HeadRenderOptions& options) {
    smp::Expected<RgbaImage> image = smp::RenderHead(design, pattern, options);
    REQUIRE_MESSAGE(image.ok(), image.status().message());
    return std::move(*image);
}

bool IsBackground(const RgbaImage& image, int x, int y) {
    const uint8_t* p = image.PixelAt(x, y);
    return p[0] == smp::kCanvasBackgroundRgba.r && p[1] == smp::kCanvasBackgroundRgba.g && p[2] == smp::kCanvasBackgroundRgba.b;
}

}  // namespace

TEST_CASE("head render: the mid-frontal point seen from the front lands where the projection says, within 1 px at 1200 px") {
    const smp::Design design = ScalpDesign({});
    const smp::DotPattern pattern = smp::test::Generate(design);
    const smp::ScalpTemplate& scalp = *pattern.field->Scalp();
    const Vec3 mid_frontal = *scalp.HeadFromMap(scalp.GetLandmarks().mid_frontal_mm);
    HeadRenderOptions options;
    options.width_px = 1200;
    const smp::Expected<smp::HeadProjection> view = smp::HeadRenderProjection(scalp, options);
    REQUIRE(view.ok());
    const Vec2 expected = view->PixelFromHead(mid_frontal);
    // On the midline, in the upper half of the head, on the head's own pixels.
    CHECK(expected.x() == doctest::Approx(600.0).epsilon(1e-12));
    const RgbaImage plain = Render(design, pattern, options);
    CHECK_FALSE(IsBackground(plain, static_cast<int>(expected.x()), static_cast<int>(expected.y())));
    // A marker drawn there by the renderer: the centroid of its pixels is the projection's point.
    options.markers.push_back({mid_frontal, smp::Rgba{255, 0, 0, 255}, 5.0});
    const RgbaImage marked = Render(design, pattern, options);
    double sx = 0.0, sy = 0.0;
    int n = 0;
    for (int y = 0; y < marked.height; ++y) {
        for (int x = 0; x < marked.width; ++x) {
            const uint8_t* p = marked.PixelAt(x, y);
            if (p[0] == 255 && p[1] == 0 && p[2] == 0) {
                sx += x + 0.5;
                sy += y + 0.5;
                ++n;
            }
        }
    }
    REQUIRE(n > 60);
    const double error_px = std::hypot(sx / n - expected.x(), sy / n - expected.y());
    CHECK(error_px < 1.0);
    // Independently of the projection: the top of the head (the vertex of the ellipsoid) is where
    // the ray-cast silhouette starts in the middle column, and the mid-frontal point is where an
    // orthographic front view puts it by hand.
    const Vec3 axes = scalp.HeadSemiAxesMm();
    const Vec2 top = view->PixelFromHead(Vec3(0.0, 0.0, axes.z()));
    int first_head_row = 0;
    while (first_head_row < plain.height && IsBackground(plain, 600, first_head_row)) ++first_head_row;
    CHECK(std::fabs(first_head_row - top.y()) < 1.0);
    const smp::HeadFrame frame = smp::DefaultHeadFrame(scalp);
    const double s = 1200.0 / frame.frame_mm;
    CHECK(expected.y() == doctest::Approx(600.0 - s * (mid_frontal.z() - frame.look_at_mm.z())).epsilon(1e-12));
    MESSAGE("mid-frontal point at (" << expected.x() << ", " << expected.y() << ") px, marker centroid off by " << error_px
                                     << " px; head top at row " << first_head_row << ", projected " << top.y());
}

TEST_CASE("head render: dots at the back are not drawn in a front view, and are in a back view") {
    const smp::Design empty = ScalpDesign({});
    const smp::Design back = ScalpDesign({{"occipital", 70}});
    const smp::DotPattern empty_pattern = smp::test::Generate(empty);
    const smp::DotPattern back_pattern = smp::test::Generate(back);
    REQUIRE(back_pattern.Dots().size() > 1000);
    HeadRenderOptions options;
    options.width_px = 300;
    CHECK(Render(back, back_pattern, options).rgba == Render(empty, empty_pattern, options).rgba);
    options.camera.yaw_deg = 180.0;
    CHECK(Render(back, back_pattern, options).rgba != Render(empty, empty_pattern, options).rgba);
    // Seen from the right, the back's dots show; a crown-only design from below shows nothing.
    options.camera = {90.0, 0.0};
    CHECK(Render(back, back_pattern, options).rgba != Render(empty, empty_pattern, options).rgba);
    const smp::Design crown = ScalpDesign({{"crown", 70}});
    const smp::DotPattern crown_pattern = smp::test::Generate(crown);
    options.camera = {0.0, -60.0};
    CHECK(Render(crown, crown_pattern, options).rgba == Render(empty, empty_pattern, options).rgba);
}

TEST_CASE("head render: deterministic, square, opaque; looks differ; a flat design and bad angles are refused") {
    const smp::Design design = smp::test::PresetDesign("norwood-4");
    const smp::DotPattern pattern = smp::test::Generate(design);
    HeadRenderOptions options;
    options.width_px = 256;
    options.camera = {35.0, 20.0};
    const RgbaImage a = Render(design, pattern, options);
    CHECK(a.width == 256);
    CHECK(a.height == 256);
    CHECK(a.rgba == Render(design, pattern, options).rgba);
    for (size_t i = 3; i < a.rgba.size(); i += 4) REQUIRE(a.rgba[i] == 255);
    options.look = smp::PreviewMode::kPlan;
    CHECK(Render(design, pattern, options).rgba != a.rgba);
    options.look = smp::PreviewMode::kFaded;
    CHECK(Render(design, pattern, options).rgba != a.rgba);

    options.camera = {200.0, 0.0};
    smp::Expected<RgbaImage> bad = smp::RenderHead(design, pattern, options);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().message() == "yaw 200° is outside -180..180 (0 = facing the camera, + = the client turns to their left)");
    options.camera = {0.0, -95.0};
    CHECK(smp::RenderHead(design, pattern, options).status().message().rfind("pitch -95° is outside -90..90", 0) == 0);
    options.camera = {};
    options.hair_colour = smp::kHairColourCount;
    CHECK(smp::RenderHead(design, pattern, options).status().message() == "hair colour 8 is outside 0..7");
    options.hair_colour = smp::kDefaultHairColour;
    options.width_px = 5000;
    CHECK(smp::RenderHead(design, pattern, options).status().message() == "width 5000 px is outside 16..4096 for a head view");
    const smp::Design flat = smp::test::FlatDesign();
    options.width_px = 64;
    CHECK(smp::RenderHead(flat, smp::test::Generate(flat), options).status().message() ==
          "a head view needs a scalp template; this design's template is flat");
}

TEST_CASE("head render: the client's own hair shows under the dots where the design leaves it, and only there") {
    // Density mode: thinning hair everywhere, seen from any side.
    const smp::Design thinning = ScalpDesign({{"crown", 40}});
    const smp::DotPattern thinning_pattern = smp::test::Generate(thinning);
    HeadRenderOptions options;
    options.width_px = 300;
    options.camera = {180.0, 20.0};
    const RgbaImage with_hair = Render(thinning, thinning_pattern, options);
    options.natural_hair = false;
    const RgbaImage bare = Render(thinning, thinning_pattern, options);
    // Hair darkens: the mean of the head's pixels falls.
    double sum_with = 0.0, sum_bare = 0.0;
    size_t differing = 0;
    for (size_t i = 0; i < bare.rgba.size(); i += 4) {
        sum_with += with_hair.rgba[i + 1];
        sum_bare += bare.rgba[i + 1];
        differing += with_hair.rgba[i + 1] != bare.rgba[i + 1] ? 1 : 0;
    }
    CHECK(differing > 5000);
    CHECK(sum_with < sum_bare);
    // Shaved at the full natural density over the whole scalp: no stubble is left to draw.
    nlohmann::json document = nlohmann::json::parse(R"({"type":"smp.design","schema_version":2,"seed":3,"template":{"kind":"scalp"},"mode":"shaved",
        "density":{"layers":[{"kind":"grid","origin_mm":[0,0],"cell_mm":400,"cols":1,"rows":1,"per_cm2":[80]}]}})");
    const smp::Expected<smp::Design> full = smp::RestoreDesign(document);
    REQUIRE_MESSAGE(full.ok(), full.status().message());
    const smp::DotPattern full_pattern = smp::test::Generate(*full);
    options.natural_hair = true;
    const RgbaImage full_with = Render(*full, full_pattern, options);
    options.natural_hair = false;
    CHECK(full_with.rgba == Render(*full, full_pattern, options).rgba);
}

TEST_CASE("head render: before and after side by side: the same head, the client's own hair alone on the left, the design over it on the right") {
    const smp::Design design = smp::test::PresetDesign("norwood-6");   // shaved: stubble left in the fringe
    const smp::DotPattern pattern = smp::test::Generate(design);
    HeadRenderOptions options;
    options.width_px = 240;
    options.camera = {-30.0, 25.0};
    const RgbaImage after = Render(design, pattern, options);
    options.before_after = true;
    const RgbaImage both = Render(design, pattern, options);
    REQUIRE(both.width == 2 * after.width);
    REQUIRE(both.height == after.height);
    const size_t row = static_cast<size_t>(after.width) * 4;
    size_t lighter = 0, darker = 0;
    for (int y = 0; y < after.height; ++y) {
        const uint8_t* before_row = both.PixelAt(0, y);
        const uint8_t* after_row = both.PixelAt(after.width, y);
        // The right half is the render without the comparison, to the byte.
        REQUIRE(std::equal(after_row, after_row + row, after.PixelAt(0, y)));
        // Ink only darkens: without the design every pixel is as light or lighter.
        for (size_t i = 0; i < row; ++i) {
            if (before_row[i] > after_row[i]) ++lighter;
            if (before_row[i] < after_row[i]) ++darker;
        }
    }
    CHECK(lighter > 1000);
    CHECK(darker == 0);
    // The left half keeps the client's own hair: without it, it is lighter still.
    options.natural_hair = false;
    const RgbaImage bare = Render(design, pattern, options);
    size_t hair_pixels = 0;
    for (int y = 0; y < after.height; ++y) {
        for (int x = 0; x < after.width; ++x) hair_pixels += bare.PixelAt(x, y)[1] != both.PixelAt(x, y)[1] ? 1 : 0;
    }
    CHECK(hair_pixels > 200);
}

namespace {

// Mean relative luminance of `image` over the pixels where the head points of `zone` (a 2 mm grid
// on the map) land, facing the camera squarely (n · toward > 0.6) and away from the outline.
double ZoneLuminance(const RgbaImage& image, const smp::ScalpTemplate& scalp, const smp::HeadProjection& view, smp::ZoneId zone) {
    double sum = 0.0;
    int count = 0;
    for (double y = 0.0; y < scalp.HeightMm(); y += 2.0) {
        for (double x = 0.0; x < scalp.WidthMm(); x += 2.0) {
            const Vec2 p(x, y);
            if (scalp.ZoneAt(p) != zone || !scalp.Contains(p) || !scalp.Contains(p + Vec2(12.0, 0.0)) || !scalp.Contains(p - Vec2(12.0, 0.0)) ||
                !scalp.Contains(p + Vec2(0.0, 12.0)) || !scalp.Contains(p - Vec2(0.0, 12.0)))
                continue;
            const std::optional<Vec3> head = scalp.HeadFromMap(p);
            if (!head || !(scalp.HeadNormal(*head).dot(view.toward) > 0.6)) continue;
            const Vec2 pixel = view.PixelFromHead(*head);
            const uint8_t* rgb = image.PixelAt(static_cast<int>(pixel.x()), static_cast<int>(pixel.y()));
            sum += smp::RelativeLuminance(smp::LinearFromSrgb(rgb[0], rgb[1], rgb[2]));
            ++count;
        }
    }
    REQUIRE(count > 100);
    return sum / count;
}

// Shaved, nothing painted: the fringe keeps the natural 80 follicular units a cm², the top none.
nlohmann::json BareShavedDocument() {
    return nlohmann::json::parse(R"({"type":"smp.design","schema_version":2,"seed":3,"template":{"kind":"scalp"},"mode":"shaved"})");
}

// The back of the head, seen from 1 m, `width_px` square: the occipital fringe.
HeadRenderOptions BackAtOneMetre(int width_px) {
    HeadRenderOptions options;
    options.width_px = width_px;
    options.camera = {180.0, 0.0};
    options.viewing_distance_m = 1.0f;
    return options;
}

}  // namespace

TEST_CASE("head render: a shaved fringe shows as the tone model says: its stubble and its shafts under the skin, a little darker than SMP at the same count") {
    nlohmann::json document = BareShavedDocument();
    const smp::Expected<smp::Design> bare = smp::RestoreDesign(document);
    REQUIRE(bare.ok());
    // Shaved, painted at the natural density everywhere: dots everywhere, no hair left.
    document["density"]["layers"] = nlohmann::json::parse(R"([{"kind":"grid","origin_mm":[0,0],"cell_mm":400,"cols":1,"rows":1,"per_cm2":[80]}])");
    const smp::Expected<smp::Design> full = smp::RestoreDesign(document);
    REQUIRE(full.ok());
    const smp::DotPattern bare_pattern = smp::test::Generate(*bare), full_pattern = smp::test::Generate(*full);
    const smp::ScalpTemplate& scalp = *bare_pattern.field->Scalp();
    HeadRenderOptions options = BackAtOneMetre(500);
    const smp::Expected<smp::HeadProjection> view = smp::HeadRenderProjection(scalp, options);
    REQUIRE(view.ok());
    const smp::HairColour& h = smp::HairColourAt(smp::kDefaultHairColour);
    const smp::LinearRgb hair = smp::LinearFromSrgb(h.r, h.g, h.b);
    std::string table = "\nluminance drop in the occipital zone, seen from the back at 1 m (model in brackets)\n"
                        "skin          fringe, 80 FU/cm²   razor-fresh (model)   SMP, 80 dots/cm²\n";
    for (int tone = 0; tone < smp::kSkinToneCount; ++tone) {
        options.skin_tone = tone;
        options.natural_hair = false;
        const double skin_y = ZoneLuminance(Render(*bare, bare_pattern, options), scalp, *view, smp::ZoneId::kOccipital);
        options.natural_hair = true;
        const double fringe_y = ZoneLuminance(Render(*bare, bare_pattern, options), scalp, *view, smp::ZoneId::kOccipital);
        const double design_y = ZoneLuminance(Render(*full, full_pattern, options), scalp, *view, smp::ZoneId::kOccipital);
        const double fringe_drop = 1.0 - fringe_y / skin_y, design_drop = 1.0 - design_y / skin_y;
        // The model's figure: 0.8 units a mm², each taking away its mark's share of the luminance
        // over its area. The stubble's length is uniform over its range and the mark linear in
        // it, so the mean length gives the mean mark.
        const smp::SkinTone& s = smp::kSkinTones[tone];
        const smp::LinearRgb skin = smp::LinearFromSrgb(s.r, s.g, s.b);
        auto drop_of = [&](double stubble_mm) {
            const smp::ShavedUnitMark mark = smp::ShavedUnitMarkOf(stubble_mm, smp::kHairShaftWidthMm, hair, skin);
            return 0.8 * mark.area_mm2 * smp::RelativeLuminance({skin.r * mark.darkening.r, skin.g * mark.darkening.g, skin.b * mark.darkening.b}) /
                   smp::RelativeLuminance(skin);
        };
        const double predicted = drop_of(0.5 * (smp::kShavedHairMinLengthMm + smp::kShavedHairMaxLengthMm));
        const double razor_fresh = drop_of(0.0);
        char line[160];
        std::snprintf(line, sizeof line, "%-13s %6.2f %% (%5.2f)     (%5.2f)              %6.2f %%\n", s.name, 100.0 * fringe_drop, 100.0 * predicted,
                      100.0 * razor_fresh, 100.0 * design_drop);
        table += line;
        // The pixels say what the model says, to the sampling of a few hundred pixels.
        CHECK(std::fabs(fringe_drop - predicted) < 0.1 * predicted);
        // The day's stubble darkens the fringe beyond its shafts, but it stays within a third or
        // so of SMP at the natural density; kept razor-fresh it is as dark: what the dots imitate.
        CHECK(fringe_drop > 1.15 * razor_fresh);
        CHECK(fringe_drop > design_drop);
        CHECK(fringe_drop < 1.5 * design_drop);
        CHECK(std::fabs(razor_fresh / design_drop - 1.0) < 0.35);
    }
    MESSAGE(table);
}

TEST_CASE("head render: the client's hair colour: the lighter their hair, the lighter their fringe; none on dark skin when it is lighter than the skin") {
    const smp::Expected<smp::Design> bare = smp::RestoreDesign(BareShavedDocument());
    REQUIRE(bare.ok());
    const smp::DotPattern pattern = smp::test::Generate(*bare);
    const smp::ScalpTemplate& scalp = *pattern.field->Scalp();
    HeadRenderOptions options = BackAtOneMetre(300);
    const smp::Expected<smp::HeadProjection> view = smp::HeadRenderProjection(scalp, options);
    REQUIRE(view.ok());
    // Each render once (the sanitizer build draws slowly): the skin alone per skin tone, then the
    // fringe in each hair colour over it.
    std::map<int, double> skin_y;
    std::map<std::pair<int, int>, double> drops;
    auto drop = [&](int skin_tone, int hair_colour) {
        if (const auto known = drops.find({skin_tone, hair_colour}); known != drops.end()) return known->second;
        options.skin_tone = skin_tone;
        options.hair_colour = hair_colour;
        if (!skin_y.count(skin_tone)) {
            options.natural_hair = false;
            skin_y[skin_tone] = ZoneLuminance(Render(*bare, pattern, options), scalp, *view, smp::ZoneId::kOccipital);
            options.natural_hair = true;
        }
        const double d = 1.0 - ZoneLuminance(Render(*bare, pattern, options), scalp, *view, smp::ZoneId::kOccipital) / skin_y[skin_tone];
        drops[{skin_tone, hair_colour}] = d;
        return d;
    };
    auto index_of = [](const char* name) {
        for (int k = 0; k < smp::kHairColourCount; ++k) {
            if (std::string(smp::kHairColours[k].name) == name) return k;
        }
        FAIL("no hair colour " << name);
        return 0;
    };
    std::string table = "\nfringe's luminance drop at the back, 1 m, light-medium skin:";
    double previous = 1.0;
    for (const char* name : {"Black", "Dark brown", "Brown", "Light brown", "Blond", "White"}) {
        const double d = drop(1, index_of(name));
        table += std::string("  ") + name + " " + std::to_string(100.0 * d).substr(0, 5) + " %";
        CHECK(d <= previous);   // lighter hair, lighter fringe
        previous = d;
    }
    MESSAGE(table);
    // The default is dark brown, what the fringe test above measures; white hair on light-medium
    // skin all but vanishes; grey and red sit in between.
    const double dark_brown = drop(1, smp::kDefaultHairColour), white = drop(1, index_of("White"));
    CHECK(dark_brown > 0.1);
    CHECK(white < 0.15 * dark_brown);
    for (const char* name : {"Grey", "Red"}) {
        const double d = drop(1, index_of(name));
        CHECK(d > white);
        CHECK(d < dark_brown);
    }
    // On dark skin, grey and white hair are lighter than the skin: no fringe shows at all.
    CHECK(drop(smp::kSkinToneCount - 1, index_of("White")) == doctest::Approx(0.0).epsilon(1e-9));
    CHECK(drop(smp::kSkinToneCount - 1, index_of("Grey")) == doctest::Approx(0.0).epsilon(1e-9));
    CHECK(drop(smp::kSkinToneCount - 1, index_of("Black")) > 0.03);
}
