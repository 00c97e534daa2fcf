#include "core/scalp_outline.h"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

using smp::Vec2;

TEST_CASE("default outline: real head size, plausible scalp area") {
    const auto outline = smp::MakeScalpOutline();
    REQUIRE(outline.ok());
    REQUIRE(outline->size() == 256);
    const smp::RectMm box = smp::BoundingBox(*outline);
    CHECK(box.min_mm.x() == doctest::Approx(0.0).epsilon(1e-9));
    CHECK(box.min_mm.y() == doctest::Approx(0.0).epsilon(1e-9));
    CHECK(box.WidthMm() == doctest::Approx(240.0));
    CHECK(box.HeightMm() == doctest::Approx(290.0));
    // DOMAIN.md: a whole scalp is about 500-520 cm². The placeholder must be in that neighbourhood.
    const double area_cm2 = std::fabs(smp::SignedAreaMm2(*outline)) / 100.0;
    CHECK(area_cm2 > 480.0);
    CHECK(area_cm2 < 560.0);
}

TEST_CASE("outline is symmetric about the midline and narrower at the front than the back") {
    const auto outline = smp::MakeScalpOutline();
    REQUIRE(outline.ok());
    const double mid_x = 120.0;
    // Every point has a mirror image across x = mid_x (up to floating-point rounding).
    for (const Vec2& p : *outline) {
        const Vec2 mirrored(2.0 * mid_x - p.x(), p.y());
        double nearest = 1e9;
        for (const Vec2& q : *outline) nearest = std::min(nearest, (q - mirrored).norm());
        REQUIRE(nearest < 1e-6);
    }
    // Half-width at 15 % and at 85 % of the length: the forehead side is the narrow one.
    auto width_at = [&](double y_mm) {
        double lo = 1e9, hi = -1e9;
        for (double x = 0.0; x <= 240.0; x += 0.25) {
            if (smp::PolygonContains(*outline, Vec2(x, y_mm))) { lo = std::min(lo, x); hi = std::max(hi, x); }
        }
        return hi - lo;
    };
    CHECK(width_at(0.15 * 290.0) < width_at(0.85 * 290.0) - 10.0);
}

TEST_CASE("outline parameters out of range are refused with a message naming the field") {
    smp::ScalpOutlineParams params;
    params.width_mm = -5.0;
    auto result = smp::MakeScalpOutline(params);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == smp::StatusCode::kInvalidArgument);
    CHECK(result.status().message().find("width_mm") != std::string::npos);

    params = {};
    params.length_mm = std::numeric_limits<double>::quiet_NaN();
    result = smp::MakeScalpOutline(params);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().message().find("length_mm") != std::string::npos);

    params = {};
    params.segments = 1000000;   // an absurd size must not allocate a million points
    result = smp::MakeScalpOutline(params);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().message().find("segments") != std::string::npos);
}
