// smp core: plane geometry on the scalp map, in millimetres.
//
// The core works in millimetres in the template's frame: x to the client's right, y from the front
// (forehead) towards the nape, origin at the top-left corner of the template's bounding box.
#pragma once

#include <Eigen/Core>
#include <array>
#include <functional>
#include <vector>

namespace smp {

using Vec2 = Eigen::Vector2d;   // a point or a vector, mm

struct RectMm {
    Vec2 min_mm = Vec2::Zero();
    Vec2 max_mm = Vec2::Zero();

    double WidthMm() const { return max_mm.x() - min_mm.x(); }
    double HeightMm() const { return max_mm.y() - min_mm.y(); }
    Vec2 CenterMm() const { return (min_mm + max_mm) * 0.5; }
    bool Contains(const Vec2& p_mm) const {
        return p_mm.x() >= min_mm.x() && p_mm.x() <= max_mm.x() && p_mm.y() >= min_mm.y() &&
               p_mm.y() <= max_mm.y();
    }
};

// A closed polygon: the last point connects back to the first (it is not repeated).
using PolygonMm = std::vector<Vec2>;

// Signed area by the shoelace formula, mm². Positive when the points run clockwise on screen
// (y down), i.e. counter-clockwise in the usual y-up convention.
double SignedAreaMm2(const PolygonMm& polygon);

// Axis-aligned bounding box; an empty polygon gives a zero rectangle at the origin.
RectMm BoundingBox(const PolygonMm& polygon);

// Even-odd point-in-polygon test. Points exactly on an edge may go either way.
bool PolygonContains(const PolygonMm& polygon, const Vec2& p_mm);

// Distance from p to the segment a-b, mm; `t` (if given) receives where the nearest point lies
// along it, 0 at a .. 1 at b.
double SegmentDistanceMm(const Vec2& p_mm, const Vec2& a_mm, const Vec2& b_mm, double* t = nullptr);

// 3u² - 2u³ on u clamped to [0, 1]: the soft edge of brushes, areas, ramps and blends.
double SmoothStep(double u);

// Triangles covering a simple polygon (ear clipping; any orientation, concave allowed), as index
// triples into `polygon`: n - 2 of them. Empty for fewer than three points. For drawing filled
// shapes that are not convex (the scalp outline has notches at the ears).
std::vector<std::array<int, 3>> TriangulatePolygon(const PolygonMm& polygon);

// Douglas-Peucker over `count` points: which to keep (the first and last always) so that every
// dropped point lies within `tolerance` of the span kept around it, as `distance(i, first, last)`
// measures point i against the span first..last. Iterative: a long path cannot exhaust the stack.
std::vector<bool> DouglasPeuckerKeep(size_t count, double tolerance,
                                     const std::function<double(size_t i, size_t first, size_t last)>& distance);

// The path with the fewest points that stays within `tolerance_mm` of it (Douglas-Peucker; the
// first and last points kept): a traced scar or outline keeps its shape without hundreds of
// points from the pointer. Iterative, so a long path cannot exhaust the stack.
std::vector<Vec2> SimplifyPath(const std::vector<Vec2>& path_mm, double tolerance_mm);

}  // namespace smp
