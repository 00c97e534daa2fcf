#include "core/blue_noise.h"

#include "core/design.h"
#include "core/random.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace smp {
namespace {

// Uniform grid over the area with cells small enough that no two points at the current level
// share one (cell side = radius / sqrt 2), so a disk test looks at 5 × 5 cells.
class PointGrid {
public:
    PointGrid(const RectMm& area, double radius_mm) : area_(area) {
        cell_mm_ = radius_mm / std::numbers::sqrt2;
        cols_ = std::max(1, static_cast<int>(std::ceil(area.WidthMm() / cell_mm_)));
        rows_ = std::max(1, static_cast<int>(std::ceil(area.HeightMm() / cell_mm_)));
        cells_.assign(static_cast<size_t>(cols_) * static_cast<size_t>(rows_), -1);
    }

    void Insert(const Vec2& p, int index) { cells_[CellOf(p)] = index; }

    // True when no stored point lies closer than `radius_mm` to p.
    bool IsFree(const Vec2& p, double radius_mm, const std::vector<RankedPoint>& points) const {
        const int cx = ColOf(p.x()), cy = RowOf(p.y());
        const double r2 = radius_mm * radius_mm;
        for (int y = std::max(0, cy - 2); y <= std::min(rows_ - 1, cy + 2); ++y) {
            for (int x = std::max(0, cx - 2); x <= std::min(cols_ - 1, cx + 2); ++x) {
                const int index = cells_[static_cast<size_t>(y) * static_cast<size_t>(cols_) + static_cast<size_t>(x)];
                if (index >= 0 && (points[static_cast<size_t>(index)].position_mm - p).squaredNorm() < r2) return false;
            }
        }
        return true;
    }

private:
    int ColOf(double x) const { return std::clamp(static_cast<int>((x - area_.min_mm.x()) / cell_mm_), 0, cols_ - 1); }
    int RowOf(double y) const { return std::clamp(static_cast<int>((y - area_.min_mm.y()) / cell_mm_), 0, rows_ - 1); }
    size_t CellOf(const Vec2& p) const {
        return static_cast<size_t>(RowOf(p.y())) * static_cast<size_t>(cols_) + static_cast<size_t>(ColOf(p.x()));
    }

    RectMm area_;
    double cell_mm_ = 1.0;
    int cols_ = 1, rows_ = 1;
    std::vector<int> cells_;
};

// Tries per active point; about 59 % of them land in the annulus, so ~24 are real candidates.
constexpr int kTriesPerActivePoint = 40;

}  // namespace

double TopLevelRankPerCm2(double max_density_per_cm2) {
    double level = kFirstLevelPerCm2;
    while (level < max_density_per_cm2) level *= kLevelRatio;
    return level;
}

std::vector<RankedPoint> MakeProgressiveSet(const ProgressiveSetParams& params) {
    const RectMm& area = params.area_mm;
    std::vector<RankedPoint> points;
    if (!(area.WidthMm() > 0.0 && area.HeightMm() > 0.0)) return points;
    const double top = TopLevelRankPerCm2(params.max_density_per_cm2);
    const double area_cm2 = area.WidthMm() * area.HeightMm() / 100.0;
    points.reserve(static_cast<size_t>(top * area_cm2 * 1.1) + 16);

    double previous_level = 0.0;
    int level_index = 0;
    for (double level = kFirstLevelPerCm2; previous_level < top; previous_level = level, level *= kLevelRatio, ++level_index) {
        const double radius_mm = kSpacingFactor * TargetSpacingMm(level);
        Rng rng(HashCoords(params.seed, level_index, 0x5eed));
        PointGrid grid(area, radius_mm);
        for (size_t i = 0; i < points.size(); ++i) grid.Insert(points[i].position_mm, static_cast<int>(i));

        // Ranks of this level's new points spread over (previous_level, level]: any threshold
        // between two levels takes a random part of the new points, never a spatial block.
        auto add = [&](const Vec2& p) {
            const double rank = previous_level + (level - previous_level) * (1.0 - rng.NextUnit());
            points.push_back({p, rank});
            grid.Insert(p, static_cast<int>(points.size() - 1));
        };

        // Dart throwing seeds the level when it is empty; Bridson's active list fills it up.
        if (points.empty()) {
            // Draws in separate statements: the order of evaluating function arguments is
            // unspecified, and GCC and Clang (native vs WebAssembly) really do differ.
            const double u = rng.NextUnit();
            const double v = rng.NextUnit();
            add(Vec2(area.min_mm.x() + u * area.WidthMm(), area.min_mm.y() + v * area.HeightMm()));
        }
        std::vector<int> active(points.size());
        for (size_t i = 0; i < active.size(); ++i) active[i] = static_cast<int>(i);
        // Fisher-Yates with our own RNG: the visiting order is part of the deterministic result.
        for (size_t i = active.size(); i > 1; --i) std::swap(active[i - 1], active[rng.NextBelow(static_cast<uint32_t>(i))]);

        while (!active.empty()) {
            const size_t pick = rng.NextBelow(static_cast<uint32_t>(active.size()));
            const Vec2 center = points[static_cast<size_t>(active[pick])].position_mm;
            bool placed = false;
            for (int attempt = 0; attempt < kTriesPerActivePoint; ++attempt) {
                // Uniform in the annulus [R, 2R] by rejection from the square around it: only +, *
                // and compares, so native and WebAssembly agree to the bit (no libm sin/cos).
                const double u = rng.NextUnit();   // separate statements: see above
                const double v = rng.NextUnit();
                const Vec2 offset((u * 4.0 - 2.0) * radius_mm, (v * 4.0 - 2.0) * radius_mm);
                const double d2 = offset.squaredNorm();
                if (d2 < radius_mm * radius_mm || d2 >= 4.0 * radius_mm * radius_mm) continue;
                const Vec2 candidate = center + offset;
                if (candidate.x() < area.min_mm.x() || candidate.y() < area.min_mm.y() ||
                    candidate.x() >= area.max_mm.x() || candidate.y() >= area.max_mm.y()) {
                    continue;
                }
                if (!grid.IsFree(candidate, radius_mm, points)) continue;
                add(candidate);
                active.push_back(static_cast<int>(points.size() - 1));
                placed = true;
                break;
            }
            if (!placed) {
                active[pick] = active.back();
                active.pop_back();
            }
        }
    }
    return points;
}

}  // namespace smp
