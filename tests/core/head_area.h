// Tests' measure of areas on the template's head: what the map's equal-area promise is checked
// against (scalp_template_test, head_geometry_test).
#pragma once

#include "core/scalp_template.h"

#include <vector>

namespace smp::test {

inline double TriangleAreaMm2(const Vec3& a, const Vec3& b, const Vec3& c) { return 0.5 * (b - a).cross(c - a).norm(); }

// The area on the head of the map's square [origin, origin + side_mm]², mm²: the square cut into
// subdivisions² cells, each carried to the head by HeadFromMap and measured as two triangles.
// The square must lie in the mapped part of the head (HeadFromMap's value() throws otherwise).
inline double HeadAreaOfMapSquareMm2(const ScalpTemplate& t, const Vec2& origin, double side_mm, int subdivisions) {
    const int n = subdivisions;
    std::vector<Vec3> grid;
    grid.reserve(static_cast<size_t>((n + 1) * (n + 1)));
    for (int j = 0; j <= n; ++j) {
        for (int i = 0; i <= n; ++i) grid.push_back(t.HeadFromMap(origin + Vec2(side_mm * i / n, side_mm * j / n)).value());
    }
    double area = 0.0;
    for (int j = 0; j < n; ++j) {
        for (int i = 0; i < n; ++i) {
            const Vec3& a = grid[j * (n + 1) + i];
            const Vec3& b = grid[j * (n + 1) + i + 1];
            const Vec3& c = grid[(j + 1) * (n + 1) + i];
            const Vec3& d = grid[(j + 1) * (n + 1) + i + 1];
            area += TriangleAreaMm2(a, b, d) + TriangleAreaMm2(a, d, c);
        }
    }
    return area;
}

}  // namespace smp::test
