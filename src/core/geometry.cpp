#include "core/geometry.h"

#include <algorithm>

namespace smp {

double SignedAreaMm2(const PolygonMm& polygon) {
    const size_t n = polygon.size();
    if (n < 3) return 0.0;
    double twice_area = 0.0;
    for (size_t i = 0, j = n - 1; i < n; j = i++) {
        twice_area += polygon[j].x() * polygon[i].y() - polygon[i].x() * polygon[j].y();
    }
    return 0.5 * twice_area;
}

RectMm BoundingBox(const PolygonMm& polygon) {
    if (polygon.empty()) return {};
    RectMm box{polygon.front(), polygon.front()};
    for (const Vec2& p : polygon) {
        box.min_mm = box.min_mm.cwiseMin(p);
        box.max_mm = box.max_mm.cwiseMax(p);
    }
    return box;
}

bool PolygonContains(const PolygonMm& polygon, const Vec2& p_mm) {
    bool inside = false;
    const size_t n = polygon.size();
    for (size_t i = 0, j = n - 1; i < n; j = i++) {
        const Vec2& a = polygon[i];
        const Vec2& b = polygon[j];
        if ((a.y() > p_mm.y()) != (b.y() > p_mm.y())) {
            const double x_cross = a.x() + (p_mm.y() - a.y()) * (b.x() - a.x()) / (b.y() - a.y());
            if (p_mm.x() < x_cross) inside = !inside;
        }
    }
    return inside;
}

double SegmentDistanceMm(const Vec2& p, const Vec2& a, const Vec2& b, double* t_out) {
    const Vec2 ab = b - a;
    const double length2 = ab.squaredNorm();
    const double t = length2 > 0.0 ? std::clamp((p - a).dot(ab) / length2, 0.0, 1.0) : 0.0;
    if (t_out) *t_out = t;
    return (p - (a + ab * t)).norm();
}

double SmoothStep(double u) {
    u = std::clamp(u, 0.0, 1.0);
    return u * u * (3.0 - 2.0 * u);
}

std::vector<std::array<int, 3>> TriangulatePolygon(const PolygonMm& polygon) {
    std::vector<std::array<int, 3>> triangles;
    const int n = static_cast<int>(polygon.size());
    if (n < 3) return triangles;
    // Work counter-clockwise in the y-up sense (positive signed area here means the other way).
    std::vector<int> ring(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) ring[static_cast<size_t>(i)] = SignedAreaMm2(polygon) > 0.0 ? n - 1 - i : i;
    auto cross = [&](int a, int b, int c) {
        const Vec2 &pa = polygon[static_cast<size_t>(a)], &pb = polygon[static_cast<size_t>(b)], &pc = polygon[static_cast<size_t>(c)];
        return (pb.x() - pa.x()) * (pc.y() - pa.y()) - (pb.y() - pa.y()) * (pc.x() - pa.x());
    };
    auto inside = [&](int p, int a, int b, int c) {
        return cross(a, b, p) >= 0.0 && cross(b, c, p) >= 0.0 && cross(c, a, p) >= 0.0;
    };
    triangles.reserve(static_cast<size_t>(n - 2));
    size_t guard = 0;
    while (ring.size() > 3 && guard < ring.size()) {
        bool clipped = false;
        const size_t m = ring.size();
        for (size_t k = 0; k < m; ++k) {
            const int a = ring[(k + m - 1) % m], b = ring[k], c = ring[(k + 1) % m];
            // y is down on screen, so a convex corner of a clockwise-on-screen ring turns negative.
            if (cross(a, b, c) >= 0.0) continue;
            bool empty = true;
            for (size_t j = 0; j < m && empty; ++j) {
                const int p = ring[j];
                if (p != a && p != b && p != c && inside(p, c, b, a)) empty = false;
            }
            if (!empty) continue;
            triangles.push_back({a, b, c});
            ring.erase(ring.begin() + static_cast<std::ptrdiff_t>(k));
            clipped = true;
            break;
        }
        // A degenerate ring (collinear or touching points) can have no proper ear: clip any corner
        // so the loop always ends; the shape was not drawable exactly anyway.
        if (!clipped) {
            triangles.push_back({ring[m - 1], ring[0], ring[1]});
            ring.erase(ring.begin());
            ++guard;
        }
    }
    if (ring.size() == 3) triangles.push_back({ring[0], ring[1], ring[2]});
    return triangles;
}

std::vector<bool> DouglasPeuckerKeep(size_t count, double tolerance,
                                     const std::function<double(size_t i, size_t first, size_t last)>& distance) {
    std::vector<bool> keep(count, count < 3);
    if (count < 3) return keep;
    keep.front() = keep.back() = true;
    std::vector<std::pair<size_t, size_t>> spans = {{0, count - 1}};
    while (!spans.empty()) {
        const auto [first, last] = spans.back();
        spans.pop_back();
        double farthest = -1.0;
        size_t farthest_index = first;
        for (size_t i = first + 1; i < last; ++i) {
            const double d = distance(i, first, last);
            if (d > farthest) {
                farthest = d;
                farthest_index = i;
            }
        }
        if (farthest > tolerance) {
            keep[farthest_index] = true;
            spans.push_back({first, farthest_index});
            spans.push_back({farthest_index, last});
        }
    }
    return keep;
}

std::vector<Vec2> SimplifyPath(const std::vector<Vec2>& path_mm, double tolerance_mm) {
    const std::vector<bool> keep = DouglasPeuckerKeep(path_mm.size(), tolerance_mm, [&](size_t i, size_t first, size_t last) {
        return SegmentDistanceMm(path_mm[i], path_mm[first], path_mm[last]);
    });
    std::vector<Vec2> simplified;
    for (size_t i = 0; i < path_mm.size(); ++i) {
        if (keep[i]) simplified.push_back(path_mm[i]);
    }
    return simplified;
}

}  // namespace smp
