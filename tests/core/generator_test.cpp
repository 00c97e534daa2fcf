// Property tests of the follicle engine: spacing, density, nesting, locality, determinism.
// Fields are a few centimetres across so the suite stays quick under WebAssembly too.
#include "core/generator.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

using smp::Design;
using smp::Dot;
using smp::Vec2;

namespace {

constexpr double kFieldMm = 40.0;

Design UniformDesign(double density, uint32_t seed, double field_mm = kFieldMm) {
    Design design;
    design.seed = seed;
    design.flat_template = {field_mm, field_mm};
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
    design.flat_template.width_mm = width_mm;
    design.layers[0].cols = 2;
    design.layers[0].cell_mm = width_mm / 2.0;
    design.layers[0].rows = 1;
    design.layers[0].per_cm2 = {left, right};
    design.layers[0].interpolation = interpolation;
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
double MeanCellDensityError(const std::vector<Vec2>& points, const Design& design, double fraction) {
    double total_error = 0.0;
    int cells = 0;
    const double width_mm = design.flat_template.width_mm, height_mm = design.flat_template.height_mm;
    for (double y = 5.0; y + 10.0 <= height_mm - 5.0 + 1e-9; y += 10.0) {
        for (double x = 5.0; x + 10.0 <= width_mm - 5.0 + 1e-9; x += 10.0) {
            double target = 0.0;   // integrate the target over the cell on a 1 mm lattice
            for (double v = y + 0.5; v < y + 10.0; v += 1.0) {
                for (double u = x + 0.5; u < x + 10.0; u += 1.0) target += smp::DensityAtPerCm2(design, Vec2(u, v)) / 100.0;
            }
            target *= fraction;
            if (target < 3.0) continue;
            const auto count = std::count_if(points.begin(), points.end(), [&](const Vec2& p) {
                return p.x() >= x && p.x() < x + 10.0 && p.y() >= y && p.y() < y + 10.0;
            });
            total_error += std::fabs(static_cast<double>(count) - target) / target;
            ++cells;
        }
    }
    REQUIRE(cells > 0);
    return total_error / cells;
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
        CHECK(closest >= design.dot_diameter_mm + smp::kMinDotGapMm);
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
    double error_sum = 0.0;
    const uint32_t seeds[] = {11u, 12u, 13u};
    for (uint32_t seed : seeds) {
        const Design design = TwoValueDesign(20.0, 120.0, smp::Interpolation::kBilinear, seed, 80.0);
        const std::vector<Vec2> points = PositionsUpToSession(Generate(design).Dots(), 3);
        const std::vector<double> nearest = NearestNeighbourMm(points);
        for (size_t i = 0; i < points.size(); ++i) {
            const double local = smp::DensityAtPerCm2(design, points[i]);
            REQUIRE(nearest[i] >= 0.8 * smp::TargetSpacingMm(local));
        }
        error_sum += MeanCellDensityError(points, design, 1.0);
    }
    INFO("mean 1 cm² density error over seeds " << error_sum / 3.0);
    CHECK(error_sum / 3.0 <= 0.04);
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
        for (size_t i = 0; i < points.size(); ++i) {
            if (nearest[i] < 0.8 * smp::TargetSpacingMm(smp::DensityAtPerCm2(design, points[i]))) ++close;
        }
        INFO("seed " << seed << ": " << close << " of " << points.size() << " dots too close");
        CHECK(static_cast<double>(close) <= 0.005 * static_cast<double>(points.size()));
    }
}

TEST_CASE("no holes: the largest empty circle stays under 1.4 r_t") {
    const Design design = UniformDesign(80.0, 21);
    const std::vector<Vec2> points = PositionsUpToSession(Generate(design).Dots(), 3);
    double largest_empty_mm = 0.0;
    for (double y = 3.0; y <= kFieldMm - 3.0; y += 0.25) {
        for (double x = 3.0; x <= kFieldMm - 3.0; x += 0.25) {
            double nearest = 1e30;
            for (const Vec2& p : points) nearest = std::min(nearest, (p - Vec2(x, y)).squaredNorm());
            largest_empty_mm = std::max(largest_empty_mm, std::sqrt(nearest));
        }
    }
    INFO("largest empty circle radius " << largest_empty_mm << " mm, r_t " << smp::TargetSpacingMm(80.0));
    CHECK(largest_empty_mm <= 1.4 * smp::TargetSpacingMm(80.0));
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
    // 95 stays within the raw set built for the 70 design (it covers 1.5 x its maximum): the
    // update is local. 140 goes beyond it: the update regenerates. Both must match a full run.
    for (double painted : {95.0, 140.0}) {
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
        CHECK((pattern.ranked.size() == raw_points_before) == (painted == 95.0));   // which path ran
        const std::vector<Dot> updated = pattern.Dots();
        REQUIRE(updated.size() == dots_after.size());
        for (size_t i = 0; i < updated.size(); ++i) {
            REQUIRE(updated[i].position_mm == dots_after[i].position_mm);
            REQUIRE(updated[i].session == dots_after[i].session);
        }
    }
}

TEST_CASE("designs too dense for their dots, or too large, are refused with a clear message") {
    Design design = UniformDesign(150.0, 1, 20.0);
    design.dot_diameter_mm = 0.6;
    const auto merged = smp::GenerateDots(design);
    REQUIRE_FALSE(merged.ok());
    CHECK(merged.status().code() == smp::StatusCode::kInvalidArgument);
    CHECK(merged.status().message().find("too dense for 0.60 mm dots") != std::string::npos);

    Design huge = UniformDesign(150.0, 1, 500.0);
    const auto too_many = smp::GenerateDots(huge);
    REQUIRE_FALSE(too_many.ok());
    CHECK(too_many.status().code() == smp::StatusCode::kLimitExceeded);
}
