// A measurement, not part of the product: could a nested set count more evenly than the engine's?
// (issue 19: the count error at 40 dots/cm²; `make bench`'s counts section runs it.)
//
// The engine ranks its n-th point n / area: a global clock. Recalibrated, a point's rank is that
// clock times how full its neighbourhood already is: the points before it (never after: growing
// the set must only append) within R mm, weighted by 2 (1 − r² / R²) so the weights integrate to
// π R², against what the clock says that disc should hold. A point where the set is ahead of the
// clock gets a higher rank (it arrives later as the density rises), one where it is behind a
// lower one. Any per-point rank keeps what the engine promises (a design's dots are those whose
// rank is at most the target where they are: local, nested, seed-pure), but it is a different
// set for the same seed: shipping it would be a second engine, kept apart by a version in the
// design, so that saved designs and half-done treatments keep their dots. This prints what it
// would give, exactly and on a 2 mm grid of counts (the way a build could afford it, timed);
// `smp bench`'s figures are the shipped engine's.
//
//   smp_rank_calibration_probe --seed N      one JSON object on stdout
#include "core/blue_noise.h"
#include "core/density_field.h"
#include "core/design_json.h"
#include "core/pattern_stats.h"
#include "core/spatial_grid.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

using smp::RankedPoint;

constexpr double kFieldMm = 280;            // the measured field: [0, 280) mm on both axes
constexpr double kBuildMarginMm = 40;       // the set is built beyond it, so every disc is full
constexpr double kCalibrationRadiusMm = 10;
constexpr double kRatioLimit = 1.1;         // a build for density d would run to 1.1 d
constexpr double kMinExpectedInDisc = 20;   // sparser than this, the disc's count is too noisy

struct Dot {
    double x_mm, y_mm, rank_per_cm2;
};

// Mean absolute relative error of the counts of dots ranked <= density in 1 cm² cells over the
// field, the cells' grid shifted by (shift_x, shift_y) mm (whole cells only).
double CellCountError(const std::vector<Dot>& dots, double density_per_cm2, double shift_x_mm, double shift_y_mm) {
    const int cells_per_side = shift_x_mm == 0 && shift_y_mm == 0 ? 28 : 27;
    std::vector<int> counts(cells_per_side * cells_per_side, 0);
    for (const Dot& dot : dots) {
        if (dot.rank_per_cm2 > density_per_cm2) continue;
        const double x = dot.x_mm - shift_x_mm, y = dot.y_mm - shift_y_mm;
        if (x < 0 || y < 0 || x >= cells_per_side * 10.0 || y >= cells_per_side * 10.0) continue;
        counts[static_cast<int>(y / 10) * cells_per_side + static_cast<int>(x / 10)]++;
    }
    double sum = 0;
    for (int count : counts) sum += std::fabs(count - density_per_cm2) / density_per_cm2;
    return sum / static_cast<double>(counts.size());
}

// What core's MeasurePattern says of the dots ranked <= density within the field (a uniform 28 cm
// design at that density, the same measure as `smp bench`'s): nearest neighbours and the largest
// empty circle, against r_t.
smp::PatternQuality MeasureSpacing(const std::vector<Dot>& all, double density_per_cm2) {
    char json[400];
    std::snprintf(json, sizeof json,
                  R"({"type": "smp.design", "schema_version": 1, "template": {"kind": "flat", "width_mm": %g, "height_mm": %g},)"
                  R"( "density": {"layers": [{"kind": "grid", "origin_mm": [0, 0], "cell_mm": %g, "cols": 1, "rows": 1, "per_cm2": [%g]}]}})",
                  kFieldMm, kFieldMm, kFieldMm, density_per_cm2);
    const smp::Expected<smp::DensityField> field = smp::DensityField::Compile(*smp::RestoreDesign(json));
    std::vector<smp::Vec2> dots_mm;
    for (const Dot& dot : all) {
        if (dot.rank_per_cm2 <= density_per_cm2 && dot.x_mm >= 0 && dot.y_mm >= 0 && dot.x_mm < kFieldMm && dot.y_mm < kFieldMm) dots_mm.emplace_back(dot.x_mm, dot.y_mm);
    }
    return smp::MeasurePattern(dots_mm, *field, 1.0, 0.2);
}

}  // namespace

int main(int argc, char** argv) {
    uint64_t seed = 1;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            seed = std::strtoull(argv[++i], nullptr, 10);
        } else {
            std::fprintf(stderr, "usage: smp_rank_calibration_probe [--seed N]\n");
            return 2;
        }
    }
    const double built_side_mm = kFieldMm + 2 * kBuildMarginMm;
    smp::ProgressiveSetParams params;
    params.area_mm = smp::RectMm{smp::Vec2(-kBuildMarginMm, -kBuildMarginMm), smp::Vec2(kFieldMm + kBuildMarginMm, kFieldMm + kBuildMarginMm)};
    params.max_density_per_cm2 = 100 * kRatioLimit;
    params.seed = seed;
    const std::vector<RankedPoint> set = smp::MakeProgressiveSet(params);

    std::vector<Dot> engine, recalibrated;
    for (const RankedPoint& point : set) engine.push_back({point.position_mm.x(), point.position_mm.y(), point.rank_per_cm2});
    recalibrated = engine;
    const double disc_mm2 = M_PI * kCalibrationRadiusMm * kCalibrationRadiusMm;
    const double inner_lo = -kBuildMarginMm + kCalibrationRadiusMm, inner_hi = kFieldMm + kBuildMarginMm - kCalibrationRadiusMm;
    // The points before each one, by 2.5 mm cell, queried while the set is walked in rank order.
    const smp::GridShape shape = smp::GridShape::Covering(smp::Vec2(-kBuildMarginMm, -kBuildMarginMm), built_side_mm, built_side_mm, 2.5);
    smp::SpatialGrid<int>::Builder earlier(shape, engine.size());
    std::vector<double> ratios;
    for (int i = 0; i < static_cast<int>(engine.size()); ++i) {
        const Dot& dot = engine[i];
        const smp::Vec2 at(dot.x_mm, dot.y_mm);
        const double expected = dot.rank_per_cm2 * disc_mm2 / 100;   // the clock's count for the disc
        const bool disc_inside = dot.x_mm >= inner_lo && dot.y_mm >= inner_lo && dot.x_mm < inner_hi && dot.y_mm < inner_hi;
        if (disc_inside && expected >= kMinExpectedInDisc) {
            const smp::Vec2 reach(kCalibrationRadiusMm, kCalibrationRadiusMm);
            double weighted = 0;
            earlier.ForEachAdded(shape.Clamped(smp::RectMm{at - reach, at + reach}), [&](int j) {
                const double r2 = (smp::Vec2(engine[j].x_mm, engine[j].y_mm) - at).squaredNorm() / (kCalibrationRadiusMm * kCalibrationRadiusMm);
                if (r2 < 1) weighted += 2 * (1 - r2);
            });
            const double ratio = std::clamp(weighted / expected, 1 / kRatioLimit, kRatioLimit);
            recalibrated[i].rank_per_cm2 = dot.rank_per_cm2 * ratio;
            if (dot.rank_per_cm2 >= 20) ratios.push_back(ratio);   // the densities measured below
        }
        earlier.AddAt(at, i);
    }

    // What it would cost: the same weights on a 2 mm grid of counts (each point adds one to its
    // cell, and reads the 69 cells within R, weighed at their centres), timed.
    constexpr double kGridCellMm = 2.0;
    const int side = static_cast<int>(built_side_mm / kGridCellMm) + 1;
    std::vector<float> counts(static_cast<size_t>(side) * side, 0.0f);
    struct CellWeight { int offset; float weight; };
    std::vector<CellWeight> kernel;
    const int reach = static_cast<int>(kCalibrationRadiusMm / kGridCellMm);
    for (int dy = -reach; dy <= reach; ++dy) {
        for (int dx = -reach; dx <= reach; ++dx) {
            const double r2 = (dx * dx + dy * dy) * kGridCellMm * kGridCellMm / (kCalibrationRadiusMm * kCalibrationRadiusMm);
            if (r2 < 1) kernel.push_back({dy * side + dx, static_cast<float>(2 * (1 - r2))});
        }
    }
    std::vector<Dot> gridded = engine;
    const auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < engine.size(); ++i) {
        const Dot& dot = engine[i];
        const size_t cell = static_cast<size_t>((dot.y_mm + kBuildMarginMm) / kGridCellMm) * side + static_cast<size_t>((dot.x_mm + kBuildMarginMm) / kGridCellMm);
        const double expected = dot.rank_per_cm2 * disc_mm2 / 100;
        if (dot.x_mm >= inner_lo && dot.y_mm >= inner_lo && dot.x_mm < inner_hi && dot.y_mm < inner_hi && expected >= kMinExpectedInDisc) {
            float weighted = 0;
            for (const CellWeight& k : kernel) weighted += k.weight * counts[cell + k.offset];
            gridded[i].rank_per_cm2 = dot.rank_per_cm2 * std::clamp(weighted / expected, 1 / kRatioLimit, kRatioLimit);
        }
        counts[cell] += 1.0f;
    }
    const double gridded_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

    std::sort(ratios.begin(), ratios.end());
    const auto percentile = [&](double p) { return ratios[static_cast<size_t>(p * (ratios.size() - 1))]; };

    std::printf("{\"seed\": %llu, \"radius_mm\": %g, \"points\": %zu, \"gridded_ms\": %.2f, \"ratio\": {\"p0_1\": %.4f, \"p1\": %.4f, \"p50\": %.4f, \"p99\": %.4f, \"p99_9\": %.4f}, \"densities\": [",
                static_cast<unsigned long long>(seed), kCalibrationRadiusMm, engine.size(), gridded_ms, percentile(0.001), percentile(0.01), percentile(0.5),
                percentile(0.99), percentile(0.999));
    const double densities[] = {20, 30, 40, 60, 80, 100};
    for (size_t k = 0; k < std::size(densities); ++k) {
        const double d = densities[k];
        const smp::PatternQuality engine_spacing = MeasureSpacing(engine, d), spacing = MeasureSpacing(recalibrated, d), grid_spacing = MeasureSpacing(gridded, d);
        std::printf("%s\n  {\"per_cm2\": %g, \"engine\": {\"cell_error\": %.5f, \"cell_error_shifted\": %.5f, \"min_nn_over_r_t\": %.4f, \"largest_hole_over_r_t\": %.4f},"
                    " \"recalibrated\": {\"cell_error\": %.5f, \"cell_error_shifted\": %.5f, \"min_nn_over_r_t\": %.4f, \"share_nn_below_0_8\": %.6f, \"largest_hole_over_r_t\": %.4f},"
                    " \"gridded\": {\"cell_error\": %.5f, \"cell_error_shifted\": %.5f, \"min_nn_over_r_t\": %.4f, \"share_nn_below_0_8\": %.6f, \"largest_hole_over_r_t\": %.4f}}",
                    k ? "," : "", d, CellCountError(engine, d, 0, 0), CellCountError(engine, d, 3.7, 6.1), engine_spacing.min_nn_ratio,
                    engine_spacing.largest_hole_ratio, CellCountError(recalibrated, d, 0, 0), CellCountError(recalibrated, d, 3.7, 6.1),
                    spacing.min_nn_ratio, spacing.share_nn_below_0_8, spacing.largest_hole_ratio, CellCountError(gridded, d, 0, 0),
                    CellCountError(gridded, d, 3.7, 6.1), grid_spacing.min_nn_ratio, grid_spacing.share_nn_below_0_8, grid_spacing.largest_hole_ratio);
    }
    std::printf("]}\n");
    return 0;
}
