#include "ui/canvas_transform.h"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

using smp::CanvasTransform;
using smp::Vec2;

namespace {
bool Near(const Vec2& a, const Vec2& b, double tolerance = 1e-9) { return (a - b).norm() <= tolerance; }
}  // namespace

TEST_CASE("millimetres to pixels and back is the identity") {
    CanvasTransform view;
    view.origin_px = Vec2(37.5, -12.0);
    view.pixels_per_mm = 3.7;
    for (const Vec2& p_mm : {Vec2(0, 0), Vec2(120, 145), Vec2(-3.25, 999.5)}) {
        CHECK(Near(view.PixelsToMm(view.MmToPixels(p_mm)), p_mm));
    }
    CHECK(Near(view.MmToPixels(Vec2(10, 0)), Vec2(37.5 + 37.0, -12.0)));
    CHECK(view.LengthMmToPixels(10.0) == doctest::Approx(37.0));
}

TEST_CASE("zoom about the cursor keeps the millimetre point under it") {
    CanvasTransform view;
    view.origin_px = Vec2(100, 50);
    view.pixels_per_mm = 2.0;
    const Vec2 cursor_px(412.0, 233.0);
    const Vec2 under_cursor_mm = view.PixelsToMm(cursor_px);
    for (double factor : {1.15, 1.15, 0.5, 3.0, 0.9}) {
        view.ZoomAbout(cursor_px, factor);
        CHECK(Near(view.PixelsToMm(cursor_px), under_cursor_mm, 1e-9));
    }
    CHECK(view.pixels_per_mm == doctest::Approx(2.0 * 1.15 * 1.15 * 0.5 * 3.0 * 0.9));
}

TEST_CASE("zoom is clamped and ignores nonsense factors") {
    CanvasTransform view;
    view.ZoomAbout(Vec2(10, 10), 1e9);
    CHECK(view.pixels_per_mm == CanvasTransform::kMaxPixelsPerMm);
    view.ZoomAbout(Vec2(10, 10), 1e-12);
    CHECK(view.pixels_per_mm == CanvasTransform::kMinPixelsPerMm);
    const CanvasTransform before = view;
    view.ZoomAbout(Vec2(10, 10), std::numeric_limits<double>::quiet_NaN());
    view.ZoomAbout(Vec2(10, 10), -2.0);
    view.ZoomAbout(Vec2(10, 10), 0.0);
    CHECK(view.pixels_per_mm == before.pixels_per_mm);
    CHECK(Near(view.origin_px, before.origin_px));
}

TEST_CASE("pan moves the content with the pointer") {
    CanvasTransform view;
    const Vec2 p_mm(50, 60);
    const Vec2 before_px = view.MmToPixels(p_mm);
    view.PanPixels(Vec2(15, -7));
    CHECK(Near(view.MmToPixels(p_mm), before_px + Vec2(15, -7)));
}

TEST_CASE("fit to view shows the content whole and centred") {
    const smp::RectMm scalp{Vec2(0, 0), Vec2(240, 290)};
    const Vec2 viewport(1000, 700);
    const double margin = 20;
    const CanvasTransform view = smp::FitToView(scalp, viewport, margin);
    const Vec2 lo = view.MmToPixels(scalp.min_mm);
    const Vec2 hi = view.MmToPixels(scalp.max_mm);
    CHECK(lo.x() >= margin - 1e-9);
    CHECK(lo.y() >= margin - 1e-9);
    CHECK(hi.x() <= viewport.x() - margin + 1e-9);
    CHECK(hi.y() <= viewport.y() - margin + 1e-9);
    // The limiting side (height here) touches the margins exactly.
    CHECK(lo.y() == doctest::Approx(margin));
    CHECK(hi.y() == doctest::Approx(viewport.y() - margin));
    CHECK(Near(view.MmToPixels(scalp.CenterMm()), viewport * 0.5, 1e-9));

    // A viewport smaller than its margins still yields a usable, finite transform.
    const CanvasTransform tiny = smp::FitToView(scalp, Vec2(10, 10), 20);
    CHECK(std::isfinite(tiny.pixels_per_mm));
    CHECK(tiny.pixels_per_mm >= CanvasTransform::kMinPixelsPerMm);
}

TEST_CASE("grid step follows the 1-2-5 sequence and keeps lines apart") {
    CHECK(smp::GridStepMm(20.0, 9.0) == 1.0);     // 20 px per mm: every millimetre
    CHECK(smp::GridStepMm(4.0, 9.0) == 5.0);      // 2 mm = 8 px is too tight; 5 mm = 20 px
    CHECK(smp::GridStepMm(2.0, 9.0) == 5.0);
    CHECK(smp::GridStepMm(1.0, 9.0) == 10.0);
    CHECK(smp::GridStepMm(0.3, 9.0) == 50.0);
    // Over the whole zoom range: lines at least 9 px apart, and the next finer step would not be.
    auto finer_step = [](double step) {
        const double decade = std::pow(10.0, std::floor(std::log10(step) + 1e-9));
        return step / decade == 5.0 ? step / 2.5 : step / 2.0;   // 5 -> 2, 2 -> 1, 1 -> 0.5 (of the decade)
    };
    for (double ppm = 0.05; ppm < 400.0; ppm *= 1.37) {
        const double step = smp::GridStepMm(ppm, 9.0);
        CHECK(step * ppm >= 9.0);
        if (step > 1.0) CHECK(finer_step(step) * ppm < 9.0);
    }
}
