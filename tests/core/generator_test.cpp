// Property tests of the follicle engine: spacing, density, nesting, locality, determinism.
// Fields are a few centimetres across so the suite stays quick under WebAssembly too.
#include "core/design_json.h"
#include "core/generator.h"
#include "core/pattern_stats.h"

#include <variant>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

using smp::Design;
using smp::Dot;
using smp::Vec2;

namespace {

constexpr double kFieldMm = 40.0;

// The design's target density as the generator sees it (compiled once per design).
smp::DensityField FieldOf(const Design& design) {
    auto field = smp::DensityField::Compile(design);
    REQUIRE_MESSAGE(field.ok(), field.status().message());
    return std::move(field).value();
}

smp::GridLayer& Grid(Design& design) { return std::get<smp::GridLayer>(design.layers[0]); }

// Every session fills with this dot size (as a design with one needle for everything).
void SetDotDiameter(Design& design, double diameter_mm) {
    for (smp::SessionSpec& session : design.sessions) session.hairline_needle.dot_diameter_mm = session.fill_needle.dot_diameter_mm = diameter_mm;
}

Design UniformDesign(double density, uint32_t seed, double field_mm = kFieldMm) {
    Design design;
    design.seed = seed;
    design.template_spec.flat = {field_mm, field_mm};
    smp::GridLayer layer;
    layer.cell_mm = field_mm;
    layer.cols = layer.rows = 1;
    layer.per_cm2 = {density};
    design.layers = {layer};
    design.sessions = smp::DefaultSessions();
    return design;
}

// Left half `left`, right half `right`, as a 2-cell grid (nearest) or a ramp (bilinear), on a
// field `width_mm` wide and kFieldMm high.
Design TwoValueDesign(double left, double right, smp::Interpolation interpolation, uint32_t seed,
                      double width_mm = kFieldMm) {
    Design design = UniformDesign(left, seed);
    design.template_spec.flat.width_mm = width_mm;
    Grid(design).cols = 2;
    Grid(design).cell_mm = width_mm / 2.0;
    Grid(design).rows = 1;
    Grid(design).per_cm2 = {left, right};
    Grid(design).interpolation = interpolation;
    return design;
}

std::vector<Vec2> PositionsUpToSession(const std::vector<Dot>& dots, int session) {
    std::vector<Vec2> positions;
    for (const Dot& dot : dots) {
        if (dot.session <= session) positions.push_back(dot.position_mm);
    }
    return positions;
}

std::vector<double> NearestNeighbourMm(const std::vector<Vec2>& points) {
    std::vector<double> nearest(points.size(), 1e30);
    for (size_t i = 0; i < points.size(); ++i) {
        for (size_t j = i + 1; j < points.size(); ++j) {
            const double d = (points[i] - points[j]).norm();
            nearest[i] = std::min(nearest[i], d);
            nearest[j] = std::min(nearest[j], d);
        }
    }
    return nearest;
}

// Mean relative error of dot counts in 1 cm² cells whose target is >= 3 dots, away from the border.
// With `allowance`, also the mean allowed error: 4 % at 100 dots/cm² and above, growing as
// (100 / target)^0.75 below — the law the issue states for sessions (fewer dots per cell), applied
// to any cell whose target is sparser than full density.
double MeanCellDensityError(const std::vector<Vec2>& points, const Design& design, double fraction,
                            double* allowance = nullptr) {
    double total_error = 0.0, total_allowed = 0.0;
    int cells = 0;
    const double width_mm = design.template_spec.flat.width_mm, height_mm = design.template_spec.flat.height_mm;
    const smp::DensityField field = FieldOf(design);
    for (double y = 5.0; y + 10.0 <= height_mm - 5.0 + 1e-9; y += 10.0) {
        for (double x = 5.0; x + 10.0 <= width_mm - 5.0 + 1e-9; x += 10.0) {
            double target = 0.0;   // integrate the target over the cell on a 1 mm lattice
            for (double v = y + 0.5; v < y + 10.0; v += 1.0) {
                for (double u = x + 0.5; u < x + 10.0; u += 1.0) target += field.PerCm2(Vec2(u, v)) / 100.0;
            }
            target *= fraction;
            if (target < 3.0) continue;
            const auto count = std::count_if(points.begin(), points.end(), [&](const Vec2& p) {
                return p.x() >= x && p.x() < x + 10.0 && p.y() >= y && p.y() < y + 10.0;
            });
            total_error += std::fabs(static_cast<double>(count) - target) / target;
            total_allowed += 0.04 * std::pow(std::max(1.0, 100.0 / target), 0.75);
            ++cells;
        }
    }
    REQUIRE(cells > 0);
    if (allowance != nullptr) *allowance = total_allowed / cells;
    return total_error / cells;
}

// Largest periodogram value over the frequency plane (|f| from 2 / W up to f_max, cycles/mm),
// relative to the mean of its ring of equal |f|. A tiling period T puts energy at multiples of
// 1 / T in every copy at once, so it shows as a peak far above its ring; blue noise has none.
double MaxSpectralPeakRatio(const std::vector<Vec2>& points, double width_mm, double f_max) {
    const double df = 1.0 / width_mm;
    const int n_max = static_cast<int>(f_max / df);
    const int rings = n_max + 1;
    std::vector<double> ring_sum(static_cast<size_t>(rings), 0.0);
    std::vector<int> ring_count(static_cast<size_t>(rings), 0);
    struct Bin { int ring; double power; };
    std::vector<Bin> bins;
    for (int m = 0; m <= n_max; ++m) {               // half plane: P(-f) = P(f)
        for (int n = -n_max; n <= n_max; ++n) {
            if (m == 0 && n <= 0) continue;
            const double f = std::hypot(m, n) * df;
            if (f < 2.0 * df || f > f_max) continue;
            double re = 0.0, im = 0.0;
            const double kx = 2.0 * std::numbers::pi * m * df, ky = 2.0 * std::numbers::pi * n * df;
            for (const Vec2& p : points) {
                const double phase = kx * p.x() + ky * p.y();
                re += std::cos(phase);
                im += std::sin(phase);
            }
            const int ring = static_cast<int>(std::lround(f / df));
            const double power = (re * re + im * im) / static_cast<double>(points.size());
            ring_sum[static_cast<size_t>(ring)] += power;
            ++ring_count[static_cast<size_t>(ring)];
            bins.push_back({ring, power});
        }
    }
    double worst = 0.0;
    for (const Bin& bin : bins) {
        const double ring_mean = ring_sum[static_cast<size_t>(bin.ring)] / ring_count[static_cast<size_t>(bin.ring)];
        if (ring_count[static_cast<size_t>(bin.ring)] >= 8) worst = std::max(worst, bin.power / ring_mean);
    }
    return worst;
}

smp::DotPattern Generate(const Design& design) {
    auto pattern = smp::GenerateDots(design);
    REQUIRE_MESSAGE(pattern.ok(), pattern.status().message());
    return std::move(pattern).value();
}

}  // namespace

TEST_CASE("uniform field: never merged, blue-noise spacing, right density, for several seeds") {
    for (uint32_t seed : {1u, 2u, 99u}) {
        const Design design = UniformDesign(100.0, seed);
        const std::vector<Dot> dots = Generate(design).Dots();
        const std::vector<Vec2> points = PositionsUpToSession(dots, 3);
        const std::vector<double> nearest = NearestNeighbourMm(points);
        const double r_t = smp::TargetSpacingMm(100.0);
        const double closest = *std::min_element(nearest.begin(), nearest.end());
        CHECK(closest >= smp::LargestDotDiameterMm(design) + smp::kMinDotGapMm);
        CHECK(closest >= 0.8 * r_t);
        const double error = MeanCellDensityError(points, design, 1.0);
        INFO("seed " << seed << ": mean 1 cm² density error " << error);
        CHECK(error <= 0.04);
    }
}

TEST_CASE("nested sessions: sessions 1..k meet the spacing and density rules at their cumulative density") {
    const Design design = UniformDesign(90.0, 5);
    const std::vector<Dot> dots = Generate(design).Dots();
    for (int k = 1; k <= 3; ++k) {
        const double fraction = design.sessions[static_cast<size_t>(k - 1)].cumulative_fraction;
        const std::vector<Vec2> points = PositionsUpToSession(dots, k);
        const std::vector<double> nearest = NearestNeighbourMm(points);
        const double closest = *std::min_element(nearest.begin(), nearest.end());
        CHECK(closest >= 0.8 * smp::TargetSpacingMm(90.0 * fraction));
        const double error = MeanCellDensityError(points, design, fraction);
        INFO("session " << k << " cumulative density error " << error);
        CHECK(error <= 0.04 * std::pow(1.0 / fraction, 0.75));
    }
    // Each session only adds: every session has dots, and later ones fill the gaps of earlier ones.
    for (int k = 1; k <= 3; ++k) {
        CHECK(std::count_if(dots.begin(), dots.end(), [&](const Dot& d) { return d.session == k; }) > 0);
    }
}

TEST_CASE("gradient field: every dot's nearest neighbour respects the local spacing") {
    // 20 -> 120 dots/cm² across 8 cm; the density error is averaged over the cells of three seeds.
    double error_sum = 0.0, allowed_sum = 0.0;
    const uint32_t seeds[] = {11u, 12u, 13u};
    for (uint32_t seed : seeds) {
        const Design design = TwoValueDesign(20.0, 120.0, smp::Interpolation::kBilinear, seed, 80.0);
        const std::vector<Vec2> points = PositionsUpToSession(Generate(design).Dots(), 3);
        const std::vector<double> nearest = NearestNeighbourMm(points);
        const smp::DensityField field = FieldOf(design);
        for (size_t i = 0; i < points.size(); ++i) {
            const double local = field.PerCm2(points[i]);
            REQUIRE(nearest[i] >= 0.8 * smp::TargetSpacingMm(local));
        }
        double allowed = 0.0;
        error_sum += MeanCellDensityError(points, design, 1.0, &allowed);
        allowed_sum += allowed;
    }
    INFO("mean 1 cm² density error over seeds " << error_sum / 3.0 << ", allowed " << allowed_sum / 3.0);
    CHECK(error_sum <= allowed_sum);
}

TEST_CASE("step edge: at most 0.5 % of dots are closer than 0.8 r_t to a neighbour") {
    // Only dots of the sparse side within about r_t of the edge can have a closer neighbour (from
    // the dense side), so the share depends on edge length against area. This field (16 × 4 cm,
    // the edge across its short side) has 4 cm of edge per 64 cm², a larger share than a scalp's
    // 28 cm edge over 784 cm²; make bench reports the full-size figure.
    for (uint32_t seed : {3u, 4u}) {
        const Design design = TwoValueDesign(30.0, 100.0, smp::Interpolation::kNearest, seed, 160.0);
        const std::vector<Vec2> points = PositionsUpToSession(Generate(design).Dots(), 3);
        const std::vector<double> nearest = NearestNeighbourMm(points);
        size_t close = 0;
        const smp::DensityField field = FieldOf(design);
        for (size_t i = 0; i < points.size(); ++i) {
            if (nearest[i] < 0.8 * smp::TargetSpacingMm(field.PerCm2(points[i]))) ++close;
        }
        INFO("seed " << seed << ": " << close << " of " << points.size() << " dots too close");
        CHECK(static_cast<double>(close) <= 0.005 * static_cast<double>(points.size()));
    }
}

TEST_CASE("no holes: the largest empty circle stays under 1.4 r_t, averaged over seeds") {
    // Uniform and smooth (gradient) fields; the hole is measured against r_t at its own centre.
    for (const bool gradient : {false, true}) {
        double sum = 0.0;
        const uint32_t seeds[] = {21u, 22u, 23u};
        for (uint32_t seed : seeds) {
            const Design design = gradient ? TwoValueDesign(20.0, 120.0, smp::Interpolation::kBilinear, seed, 80.0)
                                           : UniformDesign(80.0, seed);
            std::vector<Vec2> points = PositionsUpToSession(Generate(design).Dots(), 3);
            const smp::PatternQuality q = smp::MeasurePattern(points, FieldOf(design), 1.0, smp::LargestDotDiameterMm(design), 3.0);
            sum += q.largest_hole_ratio;
        }
        INFO(std::string(gradient ? "gradient" : "uniform") << ": largest empty circle / r_t, mean over seeds = " << sum / 3.0);
        CHECK(sum / 3.0 <= 1.4);
    }
}

TEST_CASE("no periodic structure: no frequency stands out of its ring in the spectrum") {
    // Periodogram values of a random pattern are roughly exponential around their ring's mean; the
    // largest of these ~5,000 bins is then about ln(5000) ~ 9 times it. A tiling shows far above.
    constexpr double kThreshold = 15.0;
    const double f_max = 1.2 / smp::TargetSpacingMm(100.0);
    for (uint32_t seed : {1u, 2u}) {
        const std::vector<Vec2> points = PositionsUpToSession(Generate(UniformDesign(100.0, seed)).Dots(), 3);
        const double ratio = MaxSpectralPeakRatio(points, kFieldMm, f_max);
        INFO("seed " << seed << ": largest peak / ring mean = " << ratio);
        CHECK(ratio < kThreshold);
    }
    // The detector does see a tiling: the same generator's 10 mm square repeated 4 x 4.
    const std::vector<Vec2> tile = PositionsUpToSession(Generate(UniformDesign(100.0, 3, 10.0)).Dots(), 3);
    std::vector<Vec2> tiled;
    for (int ty = 0; ty < 4; ++ty) {
        for (int tx = 0; tx < 4; ++tx) {
            for (const Vec2& p : tile) tiled.push_back(p + Vec2(10.0 * tx, 10.0 * ty));
        }
    }
    const double tiled_ratio = MaxSpectralPeakRatio(tiled, kFieldMm, f_max);
    INFO("tiled pattern: largest peak / ring mean = " << tiled_ratio);
    CHECK(tiled_ratio > 3.0 * kThreshold);
}

TEST_CASE("a pure function of the design: the same design gives the same dots, bit for bit") {
    const Design design = TwoValueDesign(40.0, 90.0, smp::Interpolation::kBilinear, 1234);
    const std::vector<Dot> a = Generate(design).Dots();
    const std::vector<Dot> b = Generate(design).Dots();
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        REQUIRE(a[i].position_mm == b[i].position_mm);
        REQUIRE(a[i].session == b[i].session);
    }
    Design other_seed = design;
    other_seed.seed = 1235;
    CHECK(Generate(other_seed).Dots().front().position_mm != a.front().position_mm);
}

TEST_CASE("local: an edit changes dots inside its region only, and a local update equals a full one") {
    // 85 stays within the raw set built for the 70 design (it covers kRawSetHeadroom x its
    // maximum): the update is local. 140 goes beyond it: the update regenerates. Both must match
    // a full run.
    for (double painted : {85.0, 140.0}) {
        const Design before = UniformDesign(70.0, 8);
        Design after = before;
        smp::GridLayer patch;   // a 10 mm square painted denser
        patch.origin_mm = Vec2(15.0, 12.0);
        patch.cell_mm = 10.0;
        patch.cols = patch.rows = 1;
        patch.per_cm2 = {painted};
        after.layers.push_back(patch);
        const smp::RectMm region = patch.ExtentMm();

        smp::DotPattern pattern = Generate(before);
        const std::vector<Dot> dots_generated = pattern.Dots();
        REQUIRE(smp::ReserveHeadroom(before, pattern).ok());   // as the designer will when idle
        // Growing the raw set keeps every dot exactly where it was.
        const std::vector<Dot> dots_with_headroom = pattern.Dots();
        REQUIRE(dots_with_headroom.size() == dots_generated.size());
        for (size_t i = 0; i < dots_generated.size(); ++i) REQUIRE(dots_with_headroom[i].position_mm == dots_generated[i].position_mm);
        const size_t raw_points_before = pattern.ranked.size();
        const std::vector<Dot> dots_before = pattern.Dots();
        const std::vector<Dot> dots_after = Generate(after).Dots();
        // Outside the region nothing moved; inside, the density rose.
        auto outside = [&](const std::vector<Dot>& dots) {
            std::vector<Vec2> kept;
            for (const Dot& d : dots) {
                if (!region.Contains(d.position_mm)) kept.push_back(d.position_mm);
            }
            return kept;
        };
        CHECK(outside(dots_before) == outside(dots_after));
        CHECK(dots_after.size() > dots_before.size());

        REQUIRE(smp::UpdateDotsInRegion(after, region, pattern).ok());
        CHECK((pattern.ranked.size() == raw_points_before) == (painted == 85.0));   // which path ran
        const std::vector<Dot> updated = pattern.Dots();
        REQUIRE(updated.size() == dots_after.size());
        for (size_t i = 0; i < updated.size(); ++i) {
            REQUIRE(updated[i].position_mm == dots_after[i].position_mm);
            REQUIRE(updated[i].session == dots_after[i].session);
        }
    }
}

TEST_CASE("MeasurePattern (used at full size and by make bench) agrees with the brute-force figures") {
    const Design design = TwoValueDesign(30.0, 90.0, smp::Interpolation::kBilinear, 4, 60.0);
    const std::vector<Vec2> points = PositionsUpToSession(Generate(design).Dots(), 3);
    const smp::DensityField field = FieldOf(design);
    const double diameter_mm = smp::LargestDotDiameterMm(design);
    const smp::PatternQuality q = smp::MeasurePattern(points, field, 1.0, diameter_mm);
    const std::vector<double> nearest = NearestNeighbourMm(points);
    double min_ratio = 1e30;
    for (size_t i = 0; i < points.size(); ++i) {
        min_ratio = std::min(min_ratio, nearest[i] / smp::TargetSpacingMm(field.PerCm2(points[i])));
    }
    CHECK(q.dots == static_cast<int64_t>(points.size()));
    CHECK(q.min_nn_ratio == doctest::Approx(min_ratio).epsilon(1e-12));
    CHECK(q.min_gap_mm == doctest::Approx(*std::min_element(nearest.begin(), nearest.end()) - diameter_mm));
    CHECK(q.mean_cell_density_error == doctest::Approx(MeanCellDensityError(points, design, 1.0)).epsilon(1e-9));
    // A dot moved onto its neighbour must show up in both figures.
    std::vector<Vec2> crowded = points;
    crowded[0] = crowded[1] + Vec2(0.1, 0.0);
    const smp::PatternQuality qc = smp::MeasurePattern(crowded, field, 1.0, diameter_mm);
    CHECK(qc.min_gap_mm < 0.0);
    CHECK(qc.share_nn_below_0_8 > 0.0);
}

TEST_CASE("full-scalp-sized field (28 x 28 cm): every guarantee at full size") {
    // Uniform 100 dots/cm² (~78,000 dots) and a step from 30 to 100 across the middle.
    const Design uniform = UniformDesign(100.0, 1, 280.0);
    const smp::DotPattern pattern = Generate(uniform);
    std::vector<Vec2> points;
    for (const Dot& dot : pattern.Dots()) points.push_back(dot.position_mm);
    const smp::PatternQuality q = smp::MeasurePattern(points, FieldOf(uniform), 1.0, smp::LargestDotDiameterMm(uniform));
    INFO("uniform: dots " << q.dots << ", min NN/r_t " << q.min_nn_ratio << ", gap " << q.min_gap_mm
                          << " mm, density error " << q.mean_cell_density_error << ", hole/r_t " << q.largest_hole_ratio);
    CHECK(q.dots > 0.97 * 78400);
    CHECK(q.dots < 1.03 * 78400);
    CHECK(q.min_gap_mm >= smp::kMinDotGapMm);
    CHECK(q.min_nn_ratio >= 0.8);
    CHECK(q.mean_cell_density_error <= 0.04);
    CHECK(q.largest_hole_ratio <= 1.4);

    Design step = TwoValueDesign(30.0, 100.0, smp::Interpolation::kNearest, 2, 280.0);
    step.template_spec.flat.height_mm = 280.0;
    points.clear();
    for (const Dot& dot : Generate(step).Dots()) points.push_back(dot.position_mm);
    const smp::PatternQuality qs = smp::MeasurePattern(points, FieldOf(step), 1.0, smp::LargestDotDiameterMm(step));
    INFO("step: share of dots closer than 0.8 r_t " << qs.share_nn_below_0_8 << ", density error "
                                                      << qs.mean_cell_density_error << " (allowed " << qs.mean_cell_density_allowance << ")");
    CHECK(qs.share_nn_below_0_8 <= 0.005);
    // Half the cells at 30 dots/cm²: the allowance grows there as for sparser sessions.
    CHECK(qs.mean_cell_density_error <= qs.mean_cell_density_allowance);
    CHECK(qs.min_gap_mm >= smp::kMinDotGapMm);
}

TEST_CASE("the raw set fills any area shape completely, for any seed") {
    // Thin and odd areas are where a triangulation-based fill could stall at the border.
    const double shapes[][2] = {{7.0, 90.0}, {90.0, 7.0}, {33.0, 12.0}, {160.0, 40.0}, {5.0, 5.0}};
    for (uint32_t seed = 1; seed <= 12; ++seed) {
        for (const auto& shape : shapes) {
            smp::ProgressiveSetParams params;
            params.area_mm = {Vec2::Zero(), Vec2(shape[0], shape[1])};
            params.max_density_per_cm2 = 60.0;
            params.seed = seed;
            const auto points = smp::MakeProgressiveSet(params);
            const double expected = std::ceil(60.0 * shape[0] * shape[1] / 100.0);
            INFO("seed " << seed << ", " << shape[0] << " x " << shape[1] << " mm");
            CHECK(static_cast<double>(points.size()) == expected);
            for (size_t i = 1; i < points.size(); ++i) REQUIRE(points[i].rank_per_cm2 > points[i - 1].rank_per_cm2);
        }
    }
}

TEST_CASE("a raw set grown in steps (some made ahead in small parts) is exactly the set built at once, and a lower top is its prefix") {
    const double shapes[][2] = {{40.0, 40.0}, {7.0, 90.0}, {33.0, 12.0}};
    for (uint32_t seed = 1; seed <= 4; ++seed) {
        for (const auto& shape : shapes) {
            INFO("seed " << seed << ", " << shape[0] << " x " << shape[1] << " mm");
            smp::ProgressiveSetParams params;
            params.area_mm = {Vec2::Zero(), Vec2(shape[0], shape[1])};
            params.seed = seed;
            params.max_density_per_cm2 = 150.0;
            const std::vector<smp::RankedPoint> at_once = smp::MakeProgressiveSet(params);
            params.max_density_per_cm2 = 60.0;
            const std::vector<smp::RankedPoint> lower = smp::MakeProgressiveSet(params);
            smp::ProgressiveSetBuilder builder(params.area_mm, seed);
            std::vector<smp::RankedPoint> grown;
            double reached = 0.0;
            for (double top : {1.0, 30.0, 30.0, 100.0, 60.0, 150.0}) {   // a lower top adds nothing
                // Part of the growth made ahead, a few points at a time (as over idle frames),
                // changes nothing: the points are held back until the Grow() hands them out.
                if (top == 100.0 || top == 150.0) {
                    int steps = 0;
                    while (!builder.Advance(top, 37)) {
                        CHECK(builder.RankedCount() == grown.size());
                        ++steps;
                    }
                    CHECK(steps >= 2);   // in parts
                    CHECK(builder.Advance(top, 37));   // nothing left: stays done
                }
                // Points made ahead for a higher top stay back from a lower one's Grow().
                if (top == 60.0) CHECK_FALSE(builder.Advance(150.0, 50));
                builder.Grow(top, grown);
                reached = std::max(reached, smp::TopLevelRankPerCm2(top));
                CHECK(builder.RankedCount() == grown.size());
                CHECK(static_cast<double>(grown.size()) == std::ceil(reached * shape[0] * shape[1] / 100.0));
            }
            REQUIRE(grown.size() == at_once.size());
            REQUIRE(lower.size() < at_once.size());
            for (size_t i = 0; i < at_once.size(); ++i) {
                REQUIRE(grown[i].position_mm == at_once[i].position_mm);
                REQUIRE(grown[i].rank_per_cm2 == at_once[i].rank_per_cm2);
                if (i < lower.size()) REQUIRE((lower[i].position_mm == at_once[i].position_mm && lower[i].rank_per_cm2 == at_once[i].rank_per_cm2));
            }
        }
    }
}

TEST_CASE("a kept build holds about 130 bytes a ranked point on a 28 cm field, as documented") {
    smp::ProgressiveSetBuilder builder({Vec2::Zero(), Vec2(280.0, 280.0)}, 3);
    std::vector<smp::RankedPoint> ranked;
    builder.Grow(100.0, ranked);
    REQUIRE(ranked.size() == 78400);
    const double bytes_per_point = static_cast<double>(builder.RetainedBytes()) / static_cast<double>(ranked.size());
    CHECK(bytes_per_point > 100.0);
    CHECK(bytes_per_point < 160.0);
}

TEST_CASE("painting headroom grown in place gives the pattern a rebuild gives, and lets the build go") {
    Design design = TwoValueDesign(30.0, 90.0, smp::Interpolation::kBilinear, 7);
    auto kept = smp::GenerateDots(design, smp::RawSetBuild::kKeepForHeadroom);
    auto dropped = smp::GenerateDots(design);
    REQUIRE(kept.ok());
    REQUIRE(dropped.ok());
    CHECK(kept->raw_set_builder != nullptr);
    CHECK(dropped->raw_set_builder == nullptr);
    smp::DotPattern copy = *kept;   // shares the build, which serves whichever grows first
    bool in_place[3] = {false, true, true};
    REQUIRE(smp::ReserveHeadroom(design, *kept, smp::kPaintingMaxPerCm2, &in_place[0]).ok());
    REQUIRE(smp::ReserveHeadroom(design, *dropped, smp::kPaintingMaxPerCm2, &in_place[1]).ok());
    REQUIRE(smp::ReserveHeadroom(design, copy, smp::kPaintingMaxPerCm2, &in_place[2]).ok());   // no longer matches: rebuilt
    CHECK(in_place[0]);
    CHECK_FALSE(in_place[1]);
    CHECK_FALSE(in_place[2]);
    CHECK(kept->raw_set_builder == nullptr);
    CHECK(kept->keeps_raw_set_build);
    for (const smp::DotPattern* other : {&*dropped, &copy}) {
        CHECK(other->top_rank_per_cm2 == kept->top_rank_per_cm2);
        REQUIRE(other->ranked.size() == kept->ranked.size());
        size_t differing = 0;
        for (size_t i = 0; i < kept->ranked.size(); ++i) {
            differing += !(other->ranked[i].position_mm == kept->ranked[i].position_mm) || other->ranked[i].rank_per_cm2 != kept->ranked[i].rank_per_cm2 ||
                         other->state[i].session != kept->state[i].session || other->state[i].zone != kept->state[i].zone;
        }
        CHECK(differing == 0);
        CHECK(other->buckets.ItemCount() == kept->buckets.ItemCount());
    }
    // A template change regenerates, and the designer's pattern keeps its new build for the
    // next headroom; the one-off pattern does not.
    Design wider = design;
    wider.template_spec.flat.width_mm += 10.0;
    REQUIRE(smp::UpdateDotsInRegion(wider, smp::RectMm{}, *kept).ok());
    REQUIRE(smp::UpdateDotsInRegion(wider, smp::RectMm{}, *dropped).ok());
    CHECK(kept->raw_set_builder != nullptr);
    CHECK(dropped->raw_set_builder == nullptr);
}

TEST_CASE("MeasureEdge: a square lattice's figures, worked out by hand") {
    // Dots 2 mm apart from (0.9, 0.9) on a 20 mm field at 25 dots/cm² (r_t 1.673 mm), sampled
    // every 0.2 mm from 0.1 mm: the squares' centres are samples, and the edge samples lie
    // 0.1 mm in from the border, 0.8 mm from the first column and 1 mm from the last.
    const Design design = UniformDesign(25.0, 1, 20.0);
    std::vector<Vec2> dots;
    for (int y = 0; y < 10; ++y) {
        for (int x = 0; x < 10; ++x) dots.emplace_back(0.9 + 2.0 * x, 0.9 + 2.0 * y);
    }
    const smp::EdgeQuality edge = smp::MeasureEdge(dots, FieldOf(design), 0.2);
    const double r_t = smp::TargetSpacingMm(25.0);
    // Inside, the widest empty circle is a square's: sqrt(2) mm; so is the furthest edge point's
    // (1 mm from the last column, between two rows). Along an edge the distances repeat every
    // 2 mm, from sqrt(0.8²) to sqrt(1² + 1²): their median is sqrt(1² + 0.4²).
    CHECK(edge.hole_crossing_ratio[3] == doctest::Approx(std::sqrt(2.0) / r_t).epsilon(0.01));
    CHECK(edge.hole_within_ratio[3] == doctest::Approx(std::sqrt(2.0) / r_t).epsilon(0.01));
    CHECK(edge.edge_reach_max_ratio == doctest::Approx(std::sqrt(2.0) / r_t).epsilon(0.01));
    CHECK(edge.edge_reach_median_ratio == doctest::Approx(std::hypot(1.0, 0.4) / r_t).epsilon(0.03));
    CHECK(edge.edge_samples == 4 * 99);
    // Near the edge a circle within the area is bounded by the edge itself.
    for (int band = 0; band < smp::EdgeQuality::kBands; ++band) CHECK(edge.hole_within_ratio[band] <= edge.hole_crossing_ratio[band]);
    CHECK(edge.hole_within_ratio[0] * r_t < 1.0);
}

TEST_CASE("dots reach the scalp outline as they reach any cut: no wider holes near it than inside") {
    // The whole scalp at 80 dots/cm²: the outline cuts the raw set as a flat field's border does.
    const auto scalp = smp::RestoreDesign(R"({"type": "smp.design", "schema_version": 2, "seed": 11, "template": {"kind": "scalp"},
        "density": {"layers": [{"kind": "zones", "blend_mm": 15, "targets": {"crown": 80, "frontal": 80, "mid_scalp": 80,
        "occipital": 80, "parietal_left": 80, "parietal_right": 80, "temporal_left": 80, "temporal_right": 80}}]}})");
    REQUIRE_MESSAGE(scalp.ok(), scalp.status().message());
    const Design flat = UniformDesign(80.0, 11, 120.0);
    smp::EdgeQuality figures[2];
    for (int i = 0; i < 2; ++i) {
        const smp::DotPattern pattern = Generate(i == 0 ? *scalp : flat);
        std::vector<Vec2> dots;
        for (const Dot& dot : pattern.Dots()) dots.push_back(dot.position_mm);
        figures[i] = smp::MeasureEdge(dots, *pattern.field, 0.25);
    }
    const smp::EdgeQuality& outline = figures[0];
    const smp::EdgeQuality& cut = figures[1];
    INFO("outline: within " << outline.hole_within_ratio[0] << " " << outline.hole_within_ratio[1] << " inside " << outline.hole_within_ratio[3]
                            << ", reach median " << outline.edge_reach_median_ratio << " p95 " << outline.edge_reach_p95_ratio << " max "
                            << outline.edge_reach_max_ratio << "; flat cut: p95 " << cut.edge_reach_p95_ratio);
    CHECK(outline.edge_samples > 1000);
    // Within the treated skin, no hole near the outline is wider than inside (nor than r_t).
    for (int band = 0; band < 3; ++band) CHECK(outline.hole_within_ratio[band] <= std::max(outline.hole_within_ratio[3], 1.0));
    // The outline meets the dots as a straight cut does: its points lie as far from them.
    CHECK(outline.edge_reach_median_ratio == doctest::Approx(cut.edge_reach_median_ratio).epsilon(0.1));
    CHECK(outline.edge_reach_p95_ratio <= 1.1 * cut.edge_reach_p95_ratio);
    CHECK(outline.edge_reach_max_ratio <= 1.7);
}

TEST_CASE("designs too dense for their dots, or too large, are refused with a clear message") {
    Design design = UniformDesign(150.0, 1, 20.0);
    SetDotDiameter(design, 0.6);
    const auto merged = smp::GenerateDots(design);
    REQUIRE_FALSE(merged.ok());
    CHECK(merged.status().code() == smp::StatusCode::kInvalidArgument);
    CHECK(merged.status().message().find("too dense for 0.60 mm dots") != std::string::npos);
    // A local edit that would make large dots merge is refused, and the pattern stays as it was.
    Design big_dots = UniformDesign(40.0, 3, 30.0);
    SetDotDiameter(big_dots, 0.9);   // needs 1.1 mm: fine at 40 dots/cm² (r_t 1.32 mm)
    auto pattern = smp::GenerateDots(big_dots);
    REQUIRE(pattern.ok());
    REQUIRE(smp::ReserveHeadroom(big_dots, *pattern).ok());
    const std::vector<Dot> before = pattern->Dots();
    Design painted = big_dots;
    Grid(painted).per_cm2 = {50.0};   // within the headroom (1.25 x 40), but too dense for 0.9 mm
    const smp::Status refused = smp::UpdateDotsInRegion(painted, smp::RectMm{Vec2(0, 0), Vec2(30, 30)}, *pattern);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.message().find("too dense for 0.90 mm dots") != std::string::npos);
    const std::vector<Dot> after = pattern->Dots();
    REQUIRE(after.size() == before.size());
    for (size_t i = 0; i < after.size(); ++i) CHECK(after[i].position_mm == before[i].position_mm);
    // (The dot limit, kMaxDotsPerDesign, is kept by the format's limits: a 500 x 500 mm template
    // at 150 dots/cm² is 375,000 dots. Those limits are tested in design_json_test.cpp.)
}

TEST_CASE("a stroke being painted changes only near its new segments (AppendedStrokeReachMm)") {
    smp::StrokeLayer before;
    before.points_mm = {smp::Vec2(10, 10), smp::Vec2(100, 10), smp::Vec2(100, 100)};
    before.pressure = {1.0, 1.0, 0.5};
    before.radius_mm = 5.0;
    before.strength = smp::DensityValue::Dots(60.0);
    smp::StrokeLayer after = before;
    after.points_mm.push_back(smp::Vec2(104, 103));
    after.pressure.push_back(0.7);
    const auto reach = smp::AppendedStrokeReachMm(before, after);
    REQUIRE(reach);
    // The last old point to the new one, grown by the radius: not the whole stroke's box.
    CHECK(reach->min_mm == smp::Vec2(95, 95));
    CHECK(reach->max_mm == smp::Vec2(109, 108));
    // Anything else is not an extension: the whole reach changes.
    smp::StrokeLayer moved = after;
    moved.points_mm[0].x() += 1.0;
    CHECK_FALSE(smp::AppendedStrokeReachMm(before, moved));
    smp::StrokeLayer pressed = after;
    pressed.pressure[1] = 0.9;
    CHECK_FALSE(smp::AppendedStrokeReachMm(before, pressed));
    smp::StrokeLayer wider = after;
    wider.radius_mm = 6.0;
    CHECK_FALSE(smp::AppendedStrokeReachMm(before, wider));
    smp::StrokeLayer stronger = after;
    stronger.strength = smp::DensityValue::Dots(61.0);
    CHECK_FALSE(smp::AppendedStrokeReachMm(before, stronger));
    CHECK_FALSE(smp::AppendedStrokeReachMm(before, before));   // nothing appended
    CHECK_FALSE(smp::AppendedStrokeReachMm(after, before));    // points taken away
    CHECK_FALSE(smp::AppendedStrokeReachMm(smp::ZonesLayer{}, after));
}
