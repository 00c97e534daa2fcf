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

}  // namespace smp
