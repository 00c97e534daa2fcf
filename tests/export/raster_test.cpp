#include "export/raster.h"

#include "core/tone_model.h"
#include "export/dot_palette.h"
#include "export/preview.h"
#include "test_designs.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <vector>

using smp::RenderDesign;
using smp::RenderOptions;
using smp::PreviewMode;
using smp::RgbaImage;

namespace {

constexpr int kWidthPx = 400;          // 20 px/mm over the 20 mm flat design
constexpr double kPxPerMm = 20.0;

bool Is(const RgbaImage& image, int x, int y, smp::Rgba c) {
    const uint8_t* p = image.PixelAt(x, y);
    return p[0] == c.r && p[1] == c.g && p[2] == c.b && p[3] == 255;
}

int Distance(const RgbaImage& image, int x, int y, smp::Rgba c) {
    const uint8_t* p = image.PixelAt(x, y);
    return std::abs(p[0] - c.r) + std::abs(p[1] - c.g) + std::abs(p[2] - c.b);
}

// The flat design's frame exactly (no margin), so that 1 mm is 20 px at 400 px wide.
RgbaImage Render(const smp::Design& design, const smp::DotPattern& pattern, RenderOptions options) {
    if (!options.crop_mm) options.crop_mm = pattern.field->FrameMm();
    smp::Expected<RgbaImage> image = RenderDesign(design, pattern, options);
    REQUIRE_MESSAGE(image.ok(), image.status().message());
    return std::move(*image);
}

// Connected groups (4-neighbour) of pixels far from `background`: the dots an eye would count.
int CountBlobs(const RgbaImage& image, smp::Rgba background, int threshold) {
    std::vector<uint8_t> seen(static_cast<size_t>(image.width) * static_cast<size_t>(image.height), 0);
    auto ink = [&](int x, int y) { return Distance(image, x, y, background) > threshold; };
    int blobs = 0;
    std::vector<std::pair<int, int>> stack;
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            const size_t i = static_cast<size_t>(y) * static_cast<size_t>(image.width) + static_cast<size_t>(x);
            if (seen[i] || !ink(x, y)) continue;
            ++blobs;
            stack.assign(1, {x, y});
            seen[i] = 1;
            while (!stack.empty()) {
                const auto [cx, cy] = stack.back();
                stack.pop_back();
                const int next[4][2] = {{cx + 1, cy}, {cx - 1, cy}, {cx, cy + 1}, {cx, cy - 1}};
                for (const auto& n : next) {
                    if (n[0] < 0 || n[1] < 0 || n[0] >= image.width || n[1] >= image.height) continue;
                    const size_t j = static_cast<size_t>(n[1]) * static_cast<size_t>(image.width) + static_cast<size_t>(n[0]);
                    if (seen[j] || !ink(n[0], n[1])) continue;
                    seen[j] = 1;
                    stack.push_back({n[0], n[1]});
                }
            }
        }
    }
    return blobs;
}

// The image with the frame's outline (2.5 px at the border) painted over with the background.
RgbaImage WithoutBorder(RgbaImage image, smp::Rgba background, int border_px) {
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            if (x >= border_px && y >= border_px && x < image.width - border_px && y < image.height - border_px) continue;
            uint8_t* p = image.rgba.data() + (static_cast<size_t>(y) * static_cast<size_t>(image.width) + static_cast<size_t>(x)) * 4;
            p[0] = background.r, p[1] = background.g, p[2] = background.b;
        }
    }
    return image;
}

struct Pixel {
    int x, y;
};
Pixel CenterPx(const smp::Dot& dot) {
    return {static_cast<int>(dot.position_mm.x() * kPxPerMm), static_cast<int>(dot.position_mm.y() * kPxPerMm)};
}

// Pixels more than `clear_px` from every dot centre and from the frame's edge.
std::vector<Pixel> ClearPixels(const std::vector<smp::Dot>& dots, double clear_px) {
    std::vector<Pixel> clear;
    for (int y = 6; y < kWidthPx - 6; y += 3) {
        for (int x = 6; x < kWidthPx - 6; x += 3) {
            bool near = false;
            for (const smp::Dot& dot : dots) {
                const double dx = x + 0.5 - dot.position_mm.x() * kPxPerMm, dy = y + 0.5 - dot.position_mm.y() * kPxPerMm;
                near = near || dx * dx + dy * dy < clear_px * clear_px;
            }
            if (!near) clear.push_back({x, y});
        }
    }
    return clear;
}

// Healed and faded dots reach no further: the healed disc (tone_model.h), its soft edge, a pixel.
double HealedClearPx() { return 0.5 * smp::HealedDotDiameterMm(0.25) * kPxPerMm * 1.2 + 1.5; }

}  // namespace

TEST_CASE("plan view: every dot centre has its session's colour; the scalp shows everywhere else") {
    const smp::Design design = smp::test::FlatDesign();
    const smp::DotPattern pattern = smp::test::Generate(design);
    const std::vector<smp::Dot> dots = pattern.Dots();
    REQUIRE(dots.size() >= 30);
    RenderOptions options;
    options.width_px = kWidthPx;
    const RgbaImage image = Render(design, pattern, options);
    CHECK(image.width == kWidthPx);
    CHECK(image.height == kWidthPx);   // a square frame
    REQUIRE(image.rgba.size() == 400u * 400u * 4u);
    for (const smp::Dot& dot : dots) {
        const Pixel c = CenterPx(dot);
        CHECK_MESSAGE(Is(image, c.x, c.y, smp::SessionRgba(dot.session)), "dot at ", c.x, ",", c.y);
    }
    const std::vector<Pixel> clear = ClearPixels(dots, 0.5 * 0.25 * kPxPerMm + 1.5);
    REQUIRE(clear.size() > 10000);
    int wrong = 0;
    for (const Pixel& p : clear) wrong += Is(image, p.x, p.y, smp::kScalpFillRgba) ? 0 : 1;
    CHECK(wrong == 0);
    // The outline runs along the frame's edge, over the scalp.
    CHECK(Distance(image, 0, kWidthPx / 2, smp::kScalpOutlineRgba) < 30);
    CHECK(Distance(image, kWidthPx / 2, kWidthPx - 1, smp::kScalpOutlineRgba) < 30);
}

TEST_CASE("plan view: the dots counted on the image are the pattern's dots") {
    const smp::Design design = smp::test::FlatDesign();
    const smp::DotPattern pattern = smp::test::Generate(design);
    RenderOptions options;
    options.width_px = kWidthPx;
    const RgbaImage image = WithoutBorder(Render(design, pattern, options), smp::kScalpFillRgba, 8);
    CHECK(CountBlobs(image, smp::kScalpFillRgba, 60) == pattern.DotCount());
}

TEST_CASE("session filter: sessions after the chosen one are hidden, in the plan view as in the healed one") {
    const smp::Design design = smp::test::FlatDesign();
    const smp::DotPattern pattern = smp::test::Generate(design);
    REQUIRE(pattern.DotCountInSession(1) > 0);
    REQUIRE(pattern.DotCountInSession(3) > 0);
    RenderOptions options;
    options.width_px = kWidthPx;
    options.up_to_session = 1;
    const RgbaImage first = Render(design, pattern, options);
    for (const smp::Dot& dot : pattern.Dots()) {
        const Pixel c = CenterPx(dot);
        if (dot.session == 1) CHECK(Is(first, c.x, c.y, smp::SessionRgba(1)));
        else CHECK(Is(first, c.x, c.y, smp::kScalpFillRgba));
    }
    CHECK(CountBlobs(WithoutBorder(first, smp::kScalpFillRgba, 8), smp::kScalpFillRgba, 60) == pattern.DotCountInSession(1));

    options.view = PreviewMode::kHealed;
    const smp::SkinTone& skin = smp::kSkinTones[options.skin_tone];
    const smp::Rgba skin_rgba{skin.r, skin.g, skin.b, 255};
    const RgbaImage healed_first = WithoutBorder(Render(design, pattern, options), skin_rgba, 8);
    CHECK(CountBlobs(healed_first, skin_rgba, 30) == pattern.DotCountInSession(1));
}

TEST_CASE("highlight: the chosen session in its colour, the others grey") {
    const smp::Design design = smp::test::FlatDesign();
    const smp::DotPattern pattern = smp::test::Generate(design);
    RenderOptions options;
    options.width_px = kWidthPx;
    options.up_to_session = 2;
    options.highlight_session = 2;
    const RgbaImage image = Render(design, pattern, options);
    const smp::Rgba muted{smp::kMutedDotRgb[0], smp::kMutedDotRgb[1], smp::kMutedDotRgb[2], 255};
    for (const smp::Dot& dot : pattern.Dots()) {
        const Pixel c = CenterPx(dot);
        CHECK(Is(image, c.x, c.y, dot.session == 1 ? muted : dot.session == 2 ? smp::SessionRgba(2) : smp::kScalpFillRgba));
    }
}

TEST_CASE("healed view: the skin over the scalp, dark ink at the dots, no session colours, no planning marks") {
    const smp::Design design = smp::test::FlatDesign();
    const smp::DotPattern pattern = smp::test::Generate(design);
    const std::vector<smp::Dot> dots = pattern.Dots();
    RenderOptions options;
    options.width_px = kWidthPx;
    options.view = PreviewMode::kHealed;
    for (int tone : {0, 4}) {
        options.skin_tone = tone;
        const RgbaImage image = Render(design, pattern, options);
        const smp::Rgba skin{smp::kSkinTones[tone].r, smp::kSkinTones[tone].g, smp::kSkinTones[tone].b, 255};
        for (const Pixel& p : ClearPixels(dots, HealedClearPx())) CHECK(Is(image, p.x, p.y, skin));
        for (const smp::Dot& dot : dots) {
            const Pixel c = CenterPx(dot);
            const uint8_t* px = image.PixelAt(c.x, c.y);
            CHECK(px[0] + px[1] + px[2] < skin.r + skin.g + skin.b);   // darker than the skin
            CHECK(!Is(image, c.x, c.y, smp::SessionRgba(dot.session)));
        }
    }
    RenderOptions plan;
    plan.width_px = kWidthPx;
    CHECK(Render(design, pattern, plan).rgba != Render(design, pattern, options).rgba);
}

TEST_CASE("faded view: the skin as healed, each dot centre lighter and bluer than healed; not the healed picture") {
    const smp::Design design = smp::test::FlatDesign();
    const smp::DotPattern pattern = smp::test::Generate(design);
    const std::vector<smp::Dot> dots = pattern.Dots();
    RenderOptions options;
    options.width_px = kWidthPx;
    options.view = PreviewMode::kHealed;
    const RgbaImage healed = Render(design, pattern, options);
    options.view = PreviewMode::kFaded;
    options.years = 8.0f;
    const RgbaImage faded = Render(design, pattern, options);
    CHECK(faded.rgba != healed.rgba);
    const smp::SkinTone& skin = smp::kSkinTones[options.skin_tone];
    const smp::Rgba skin_rgba{skin.r, skin.g, skin.b, 255};
    for (const Pixel& p : ClearPixels(dots, HealedClearPx())) CHECK(Is(faded, p.x, p.y, skin_rgba));
    // The tone model (tone_model.h): after years the pigment is fainter and its shadow bluer.
    for (const smp::Dot& dot : dots) {
        const Pixel c = CenterPx(dot);
        const uint8_t* f = faded.PixelAt(c.x, c.y);
        const uint8_t* h = healed.PixelAt(c.x, c.y);
        CHECK_MESSAGE(f[0] + f[1] + f[2] > h[0] + h[1] + h[2], "dot at ", c.x, ",", c.y);
        CHECK_MESSAGE(f[0] + f[1] + f[2] < skin.r + skin.g + skin.b, "dot at ", c.x, ",", c.y);
        // Bluer: blue loses less of its light than red, more so than when healed.
        auto blue_over_red_loss = [&](const uint8_t* p) {
            return (smp::SrgbToLinear(skin.b) - smp::SrgbToLinear(p[2])) / (smp::SrgbToLinear(skin.r) - smp::SrgbToLinear(p[0]));
        };
        CHECK(blue_over_red_loss(f) < blue_over_red_loss(h));
    }
    // No years, no fading: the faded view at 0 years is the healed picture.
    options.years = 0.0f;
    CHECK(Render(design, pattern, options).rgba == healed.rgba);
}

TEST_CASE("views: years outside 0..10 and a view that is not a preview are errors naming them") {
    const smp::Design design = smp::test::FlatDesign();
    const smp::DotPattern pattern = smp::test::Generate(design);
    RenderOptions options;
    options.width_px = 64;
    options.view = PreviewMode::kFaded;
    options.years = 11.0f;
    smp::Expected<RgbaImage> image = RenderDesign(design, pattern, options);
    REQUIRE(!image.ok());
    CHECK(image.status().message().find("years") != std::string::npos);
    options.years = 5.0f;
    options.view = static_cast<PreviewMode>(7);
    image = RenderDesign(design, pattern, options);
    REQUIRE(!image.ok());
    CHECK(image.status().message() == "view 7 is not a preview");
}

TEST_CASE("small images: no dot vanishes below the minimum radius") {
    const smp::Design design = smp::test::FlatDesign();
    const smp::DotPattern pattern = smp::test::Generate(design);
    RenderOptions options;
    options.width_px = 40;   // 2 px/mm: a 0.25 mm dot would be half a pixel across
    for (PreviewMode view : {PreviewMode::kPlan, PreviewMode::kHealed}) {
        options.view = view;
        const RgbaImage image = Render(design, pattern, options);
        const smp::SkinTone& skin = smp::kSkinTones[options.skin_tone];
        const smp::Rgba ground = view == PreviewMode::kPlan ? smp::kScalpFillRgba : smp::Rgba{skin.r, skin.g, skin.b, 255};
        for (const smp::Dot& dot : pattern.Dots()) {
            const int x = static_cast<int>(dot.position_mm.x() * 2.0), y = static_cast<int>(dot.position_mm.y() * 2.0);
            CHECK(Distance(image, x, y, ground) > 0);
        }
    }
}

TEST_CASE("deterministic: the same design and options give the same bytes") {
    const smp::Design design = smp::test::FlatDesign();
    const smp::DotPattern pattern = smp::test::Generate(design);
    RenderOptions options;
    options.width_px = 333;
    CHECK(Render(design, pattern, options).rgba == Render(design, pattern, options).rgba);
}

TEST_CASE("crop: a part of the frame at the requested width, its aspect kept") {
    const smp::Design design = smp::test::FlatDesign();
    const smp::DotPattern pattern = smp::test::Generate(design);
    RenderOptions options;
    options.width_px = 200;
    options.crop_mm = smp::RectMm{smp::Vec2(5.0, 5.0), smp::Vec2(15.0, 10.0)};
    const RgbaImage image = Render(design, pattern, options);
    CHECK(image.width == 200);
    CHECK(image.height == 100);
    for (const smp::Dot& dot : pattern.Dots()) {
        const int x = static_cast<int>((dot.position_mm.x() - 5.0) * 20.0), y = static_cast<int>((dot.position_mm.y() - 5.0) * 20.0);
        if (x < 0 || y < 0 || x >= 200 || y >= 100) continue;
        CHECK(Is(image, x, y, smp::SessionRgba(dot.session)));
    }
}

TEST_CASE("limits: width, height, skin tone, session and crop out of range are refused, naming the value") {
    const smp::Design design = smp::test::FlatDesign();
    const smp::DotPattern pattern = smp::test::Generate(design);
    auto error = [&](const RenderOptions& options) {
        const smp::Expected<RgbaImage> image = RenderDesign(design, pattern, options);
        REQUIRE(!image.ok());
        CHECK(image.status().code() == smp::StatusCode::kInvalidArgument);
        return image.status().message();
    };
    RenderOptions options;
    options.width_px = 15;
    CHECK(error(options).find("width 15 px") != std::string::npos);
    options.width_px = 8193;
    CHECK(error(options).find("8193") != std::string::npos);
    options.width_px = 0;
    CHECK(error(options).find("width 0 px") != std::string::npos);
    options.width_px = 16;
    CHECK(RenderDesign(design, pattern, options).ok());
    options.width_px = 8192;
    options.crop_mm = smp::RectMm{smp::Vec2(0.0, 0.0), smp::Vec2(1.0, 3.0)};   // 24576 px high
    CHECK(error(options).find("24576") != std::string::npos);
    options.crop_mm = smp::RectMm{smp::Vec2(5.0, 5.0), smp::Vec2(5.0, 9.0)};
    CHECK(error(options).find("crop") != std::string::npos);
    options = RenderOptions{};
    options.skin_tone = 5;
    CHECK(error(options).find("skin tone 5") != std::string::npos);
    options = RenderOptions{};
    options.up_to_session = 4;
    CHECK(error(options).find("session 4") != std::string::npos);
    options = RenderOptions{};
    options.up_to_session = -1;
    CHECK(error(options).find("session -1") != std::string::npos);

    smp::Design other = design;
    other.sessions.pop_back();
    CHECK(!RenderDesign(other, pattern, RenderOptions{}).ok());
}

TEST_CASE("scalp template: the map's aspect, outline and planning marks") {
    const smp::Design design = smp::test::PresetDesign("norwood-4");
    const smp::DotPattern pattern = smp::test::Generate(design);
    RenderOptions options;
    options.width_px = 300;
    options.up_to_session = 1;   // blue dots only: what is red is the hairline
    const smp::Expected<RgbaImage> rendered = RenderDesign(design, pattern, options);
    REQUIRE(rendered.ok());
    const RgbaImage& image = *rendered;
    // The frame with a margin of 3 % of its width on every side.
    const smp::RectMm frame = pattern.field->FrameMm();
    const double margin_mm = frame.WidthMm() * smp::kDefaultMarginShare;
    CHECK(image.height == static_cast<int>(std::round((frame.HeightMm() + 2 * margin_mm) * 300.0 / (frame.WidthMm() + 2 * margin_mm))));
    // The corners are off the head; the middle of the crown is scalp with dots on it.
    CHECK(Is(image, 0, 0, smp::kCanvasBackgroundRgba));
    CHECK(Is(image, image.width - 1, image.height - 1, smp::kCanvasBackgroundRgba));
    int hairline_px = 0;
    for (size_t i = 0; i < image.rgba.size(); i += 4) {
        hairline_px += image.rgba[i] > 150 && image.rgba[i + 1] < 110 && image.rgba[i + 2] < 90 ? 1 : 0;
    }
    CHECK(hairline_px > 100);
}
