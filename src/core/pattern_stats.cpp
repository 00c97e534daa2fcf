#include "core/pattern_stats.h"

#include "core/spatial_grid.h"

#include <algorithm>
#include <cmath>

namespace smp {
namespace {

// Dot indices by square cell, for nearest-neighbour queries.
class DotIndex {
public:
    DotIndex(const std::vector<Vec2>& dots, double width_mm, double height_mm, double bucket_mm) : dots_(dots) {
        SpatialGrid<uint32_t>::Builder builder(GridShape::Covering(Vec2::Zero(), width_mm, height_mm, bucket_mm), dots.size());
        for (size_t i = 0; i < dots.size(); ++i) builder.AddAt(dots[i], static_cast<uint32_t>(i));
        grid_ = std::move(builder).Build();
    }

    // Distance from p to the nearest dot other than `skip`, searching rings until it is settled,
    // or `cap` when no dot is nearer than that.
    double Nearest(const Vec2& p, int skip, double cap = 1e30) const {
        const GridShape& shape = grid_.Shape();
        const GridCell centre = shape.CellOf(p);
        double best = cap;
        for (int ring = 0; ring < std::max(shape.cols, shape.rows); ++ring) {
            // Every dot in ring r is at least (r - 1) * bucket away; stop once that exceeds best.
            if ((ring - 1) * shape.cell_mm > best) break;
            for (int y = centre.row - ring; y <= centre.row + ring; ++y) {
                for (int x = centre.col - ring; x <= centre.col + ring; ++x) {
                    if (std::max(std::abs(x - centre.col), std::abs(y - centre.row)) != ring) continue;
                    if (!shape.Inside(GridCell{x, y})) continue;
                    for (uint32_t i : grid_.Items(shape.IndexOf(GridCell{x, y}))) {
                        if (static_cast<int>(i) != skip) best = std::min(best, (dots_[i] - p).norm());
                    }
                }
            }
        }
        return best;
    }

private:
    const std::vector<Vec2>& dots_;
    SpatialGrid<uint32_t> grid_;
};

}  // namespace

PatternQuality MeasurePattern(const std::vector<Vec2>& dots, const DensityField& field, double fraction,
                              double dot_diameter_mm, double margin_mm) {
    PatternQuality quality;
    quality.dots = static_cast<int64_t>(dots.size());
    if (dots.size() < 2) return quality;
    const double width = field.FrameMm().WidthMm(), height = field.FrameMm().HeightMm();
    const DotIndex index(dots, width, height, 2.0);

    quality.min_nn_ratio = 1e30;
    quality.min_gap_mm = 1e30;
    int64_t below = 0;
    for (size_t i = 0; i < dots.size(); ++i) {
        const double nearest = index.Nearest(dots[i], static_cast<int>(i));
        const double r_t = TargetSpacingMm(fraction * field.PerCm2(dots[i]));
        const double ratio = nearest / r_t;
        quality.min_nn_ratio = std::min(quality.min_nn_ratio, ratio);
        quality.min_gap_mm = std::min(quality.min_gap_mm, nearest - dot_diameter_mm);
        if (ratio < 0.8) ++below;
    }
    quality.share_nn_below_0_8 = static_cast<double>(below) / static_cast<double>(dots.size());

    // 1 cm² cells away from the border; the target integrated on a 1 mm lattice.
    double error_sum = 0.0, allowed_sum = 0.0;
    int cells = 0;
    const int cols = static_cast<int>((width - 2.0 * margin_mm) / 10.0);
    const int rows = static_cast<int>((height - 2.0 * margin_mm) / 10.0);
    std::vector<int> counts(static_cast<size_t>(std::max(cols, 0)) * static_cast<size_t>(std::max(rows, 0)), 0);
    for (const Vec2& p : dots) {
        const int cx = static_cast<int>(std::floor((p.x() - margin_mm) / 10.0));
        const int cy = static_cast<int>(std::floor((p.y() - margin_mm) / 10.0));
        if (cx >= 0 && cy >= 0 && cx < cols && cy < rows) ++counts[static_cast<size_t>(cy) * static_cast<size_t>(cols) + static_cast<size_t>(cx)];
    }
    for (int cy = 0; cy < rows; ++cy) {
        for (int cx = 0; cx < cols; ++cx) {
            double target = 0.0;
            for (int v = 0; v < 10; ++v) {
                for (int u = 0; u < 10; ++u) {
                    target += fraction * field.PerCm2(Vec2(margin_mm + cx * 10.0 + u + 0.5, margin_mm + cy * 10.0 + v + 0.5)) / 100.0;
                }
            }
            if (target < 3.0) continue;
            error_sum += std::fabs(counts[static_cast<size_t>(cy) * static_cast<size_t>(cols) + static_cast<size_t>(cx)] - target) / target;
            allowed_sum += 0.04 * std::pow(std::max(1.0, 100.0 / target), 0.75);
            ++cells;
        }
    }
    quality.mean_cell_density_error = cells > 0 ? error_sum / cells : 0.0;
    quality.mean_cell_density_allowance = cells > 0 ? allowed_sum / cells : 0.0;

    // Largest empty circle, approximated on a 0.2 mm lattice, relative to the local spacing.
    for (double y = margin_mm; y <= height - margin_mm; y += 0.2) {
        for (double x = margin_mm; x <= width - margin_mm; x += 0.2) {
            const double density = fraction * field.PerCm2(Vec2(x, y));
            if (density < 3.0) continue;
            quality.largest_hole_ratio = std::max(quality.largest_hole_ratio, index.Nearest(Vec2(x, y), -1) / TargetSpacingMm(density));
        }
    }
    return quality;
}

EdgeQuality MeasureEdge(const std::vector<Vec2>& dots, const DensityField& field, double step_mm) {
    EdgeQuality edge;
    const double width = field.FrameMm().WidthMm(), height = field.FrameMm().HeightMm();
    const int cols = static_cast<int>(width / step_mm), rows = static_cast<int>(height / step_mm);
    if (dots.empty() || cols < 3 || rows < 3) return edge;
    auto sample = [&](int x, int y) { return Vec2((x + 0.5) * step_mm, (y + 0.5) * step_mm); };
    std::vector<double> density(static_cast<size_t>(cols) * static_cast<size_t>(rows));
    for (int y = 0; y < rows; ++y) {
        for (int x = 0; x < cols; ++x) density[static_cast<size_t>(y) * static_cast<size_t>(cols) + static_cast<size_t>(x)] = field.PerCm2(sample(x, y));
    }
    auto treated = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < cols && y < rows && density[static_cast<size_t>(y) * static_cast<size_t>(cols) + static_cast<size_t>(x)] > 0.0;
    };
    // The edge: treated samples with an untreated neighbour (or the frame's border beside them).
    std::vector<Vec2> edge_points;
    std::vector<double> edge_density;
    for (int y = 0; y < rows; ++y) {
        for (int x = 0; x < cols; ++x) {
            if (treated(x, y) && !(treated(x - 1, y) && treated(x + 1, y) && treated(x, y - 1) && treated(x, y + 1))) {
                edge_points.push_back(sample(x, y));
                edge_density.push_back(density[static_cast<size_t>(y) * static_cast<size_t>(cols) + static_cast<size_t>(x)]);
            }
        }
    }
    if (edge_points.empty()) return edge;
    const DotIndex dot_index(dots, width, height, 2.0);
    const DotIndex edge_index(edge_points, width, height, 2.0);
    const double far_mm = EdgeQuality::kBandStartMm[EdgeQuality::kBands - 1] + 1.0;   // beyond it: the last band
    for (int y = 0; y < rows; ++y) {
        for (int x = 0; x < cols; ++x) {
            if (!treated(x, y)) continue;
            const Vec2 p = sample(x, y);
            const double r_t = TargetSpacingMm(density[static_cast<size_t>(y) * static_cast<size_t>(cols) + static_cast<size_t>(x)]);
            const double to_edge = edge_index.Nearest(p, -1, far_mm);
            const double hole = dot_index.Nearest(p, -1, 10.0 * r_t);
            int band = EdgeQuality::kBands - 1;
            while (band > 0 && to_edge < EdgeQuality::kBandStartMm[band]) --band;
            edge.hole_crossing_ratio[band] = std::max(edge.hole_crossing_ratio[band], hole / r_t);
            const double within = to_edge >= far_mm ? hole : std::min(hole, to_edge);   // (to_edge is capped)
            edge.hole_within_ratio[band] = std::max(edge.hole_within_ratio[band], within / r_t);
        }
    }
    std::vector<double> reach(edge_points.size());
    for (size_t i = 0; i < edge_points.size(); ++i) {
        const double r_t = TargetSpacingMm(edge_density[i]);
        reach[i] = dot_index.Nearest(edge_points[i], -1, 10.0 * r_t) / r_t;
    }
    std::sort(reach.begin(), reach.end());
    edge.edge_samples = static_cast<int64_t>(reach.size());
    edge.edge_reach_median_ratio = reach[reach.size() / 2];
    edge.edge_reach_p95_ratio = reach[reach.size() * 95 / 100];
    edge.edge_reach_max_ratio = reach.back();
    return edge;
}

}  // namespace smp
