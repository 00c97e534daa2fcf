#include "core/geometry.h"

#include <doctest/doctest.h>

using smp::PolygonMm;
using smp::Vec2;

TEST_CASE("shoelace area of a rectangle, sign follows the winding") {
    const PolygonMm clockwise_on_screen = {Vec2(0, 0), Vec2(30, 0), Vec2(30, 20), Vec2(0, 20)};
    CHECK(smp::SignedAreaMm2(clockwise_on_screen) == doctest::Approx(600.0));
    const PolygonMm reversed(clockwise_on_screen.rbegin(), clockwise_on_screen.rend());
    CHECK(smp::SignedAreaMm2(reversed) == doctest::Approx(-600.0));
    CHECK(smp::SignedAreaMm2({Vec2(0, 0), Vec2(1, 1)}) == 0.0);
}

TEST_CASE("bounding box and containment") {
    const PolygonMm triangle = {Vec2(10, 10), Vec2(50, 10), Vec2(10, 40)};
    const smp::RectMm box = smp::BoundingBox(triangle);
    CHECK(box.min_mm == Vec2(10, 10));
    CHECK(box.max_mm == Vec2(50, 40));
    CHECK(box.WidthMm() == 40.0);
    CHECK(box.HeightMm() == 30.0);
    CHECK(smp::PolygonContains(triangle, Vec2(15, 15)));
    CHECK_FALSE(smp::PolygonContains(triangle, Vec2(45, 35)));   // inside the box, outside the triangle
    CHECK_FALSE(smp::PolygonContains(triangle, Vec2(5, 5)));
    CHECK(smp::BoundingBox({}).WidthMm() == 0.0);
}
