#include "core/geometry.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

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

TEST_CASE("TriangulatePolygon covers a concave polygon exactly: n - 2 triangles, the same area, no overlap") {
    // An L shape and a notched ring, in both orientations.
    const smp::PolygonMm l_shape = {{0, 0}, {4, 0}, {4, 1}, {1, 1}, {1, 3}, {0, 3}};
    smp::PolygonMm notched;
    for (int i = 0; i < 64; ++i) {
        const double angle = 2.0 * 3.141592653589793 * i / 64.0;
        const double radius = (i % 16 == 0) ? 4.0 : 10.0;   // four deep notches
        notched.emplace_back(radius * std::cos(angle), radius * std::sin(angle));
    }
    for (smp::PolygonMm polygon : {l_shape, notched}) {
        for (int flip = 0; flip < 2; ++flip) {
            if (flip) std::reverse(polygon.begin(), polygon.end());
            const auto triangles = smp::TriangulatePolygon(polygon);
            REQUIRE(triangles.size() == polygon.size() - 2);
            double area = 0.0;
            for (const auto& t : triangles) {
                const smp::PolygonMm tri = {polygon[static_cast<size_t>(t[0])], polygon[static_cast<size_t>(t[1])], polygon[static_cast<size_t>(t[2])]};
                area += std::fabs(smp::SignedAreaMm2(tri));
                // Each triangle's centroid lies inside the polygon.
                CHECK(smp::PolygonContains(polygon, (tri[0] + tri[1] + tri[2]) / 3.0));
            }
            CHECK(area == doctest::Approx(std::fabs(smp::SignedAreaMm2(polygon))));
        }
    }
    CHECK(smp::TriangulatePolygon({{0, 0}, {1, 1}}).empty());
}

TEST_CASE("SimplifyPath keeps the shape within the tolerance with far fewer points") {
    // A traced arc with pointer jitter: 400 points along a quarter circle of 40 mm.
    std::vector<smp::Vec2> traced;
    for (int i = 0; i < 400; ++i) {
        const double angle = 1.5707963267948966 * i / 399.0;
        const double jitter = (i % 2 == 0 ? 0.05 : -0.05);
        traced.emplace_back((40.0 + jitter) * std::cos(angle), (40.0 + jitter) * std::sin(angle));
    }
    const std::vector<smp::Vec2> simplified = smp::SimplifyPath(traced, 0.3);
    CHECK(simplified.size() < 30);
    CHECK(simplified.size() >= 5);   // an arc is not a straight line
    CHECK(simplified.front() == traced.front());
    CHECK(simplified.back() == traced.back());
    // Every traced point is within the tolerance of the simplified path.
    for (const smp::Vec2& p : traced) {
        double nearest = 1e9;
        for (size_t k = 0; k + 1 < simplified.size(); ++k) nearest = std::min(nearest, smp::SegmentDistanceMm(p, simplified[k], simplified[k + 1]));
        CHECK(nearest <= 0.3 + 1e-9);
    }
    // A straight line keeps its two ends; short paths are returned as they are.
    CHECK(smp::SimplifyPath({{0, 0}, {1, 0}, {2, 0}, {3, 0}}, 0.1).size() == 2);
    CHECK(smp::SimplifyPath({{0, 0}, {1, 1}}, 0.1).size() == 2);
}
