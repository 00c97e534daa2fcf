#include "export/dot_palette.h"
#include "export/preview.h"

#include "core/design.h"

#include <doctest/doctest.h>

#include <set>

using smp::Dot;
using smp::DotColor;
using smp::PreviewMode;
using smp::PreviewSettings;

namespace {

smp::Design ThreeSessions() {
    smp::Design design;
    design.sessions = smp::DefaultSessions();
    return design;
}

Dot SessionDot(int session) {
    Dot dot;
    dot.position_mm = smp::Vec2::Zero();
    dot.session = session;
    return dot;
}

}  // namespace

TEST_CASE("plan colours: one opaque colour per session, eight distinct, repeating after eight") {
    std::set<int> seen;
    for (int session = 1; session <= 8; ++session) {
        const smp::Rgba c = smp::SessionRgba(session);
        CHECK(c.a == 255);
        seen.insert(c.r << 16 | c.g << 8 | c.b);
    }
    CHECK(seen.size() == 8);
    CHECK(smp::SessionRgba(9) == smp::SessionRgba(1));

    const smp::Design design = ThreeSessions();
    Dot dot = SessionDot(2);
    dot.hairline = true;   // the plan view colours by session only
    CHECK(DotColor(dot, design, {}) == smp::SessionRgba(2));
}

TEST_CASE("healed colours: the ink's darkness as mixed sets the opacity; hairline lighter, scatter darker") {
    smp::Design design = ThreeSessions();
    design.sessions[0].pigment = {100.0, 0.0};   // undiluted black
    design.sessions[1].pigment = {80.0, 50.0};
    const PreviewSettings healed{PreviewMode::kHealed, 0.0f};
    const Dot black = SessionDot(1);
    const smp::Rgba full = DotColor(black, design, healed);
    CHECK(full.a == 255);
    CHECK(full.r == smp::kHealedInk[0]);
    CHECK(full.g == smp::kHealedInk[1]);
    CHECK(full.b == smp::kHealedInk[2]);

    const Dot fill = SessionDot(2);
    Dot hairline = fill;
    hairline.hairline = true;
    Dot scatter = fill;
    scatter.dark_scatter = true;
    const int a_fill = DotColor(fill, design, healed).a;
    CHECK(a_fill == 140);   // 255 · (0.25 + 0.75 · 0.8 · 0.5), rounded
    CHECK(DotColor(hairline, design, healed).a < a_fill);
    CHECK(DotColor(scatter, design, healed).a > a_fill);
}

TEST_CASE("faded colours: lighter and bluer over the years; the plan and healed looks ignore the years") {
    const smp::Design design = ThreeSessions();
    const Dot dot = SessionDot(3);
    const smp::Rgba healed = DotColor(dot, design, {PreviewMode::kHealed, 10.0f});
    const smp::Rgba fresh_fade = DotColor(dot, design, {PreviewMode::kFaded, 0.0f});
    const smp::Rgba old_fade = DotColor(dot, design, {PreviewMode::kFaded, 10.0f});
    CHECK(healed == fresh_fade);
    CHECK(old_fade.a < healed.a);
    CHECK(old_fade.b > healed.b);
    CHECK(old_fade.b - old_fade.r > healed.b - healed.r);
}

TEST_CASE("skin tones: five, light to dark, out-of-range indices clamped") {
    REQUIRE(smp::kSkinToneCount == 5);
    for (int i = 1; i < smp::kSkinToneCount; ++i) {
        CHECK(smp::kSkinTones[i].r + smp::kSkinTones[i].g + smp::kSkinTones[i].b <
              smp::kSkinTones[i - 1].r + smp::kSkinTones[i - 1].g + smp::kSkinTones[i - 1].b);
    }
    CHECK(&smp::SkinToneAt(-3) == &smp::kSkinTones[0]);
    CHECK(&smp::SkinToneAt(99) == &smp::kSkinTones[4]);
}
