// Smooth brush strokes: a stroke that pulls the density below it towards its local average
// (design.h, density_field.h). Properties: a hard step softens and keeps its mean, nothing changes
// beyond the stroke, pressure scales it, edits reuse the rasters, round trips, limits, and the
// same bits everywhere.
#include "core/density_field.h"
#include "core/design_diff.h"
#include "core/design_json.h"
#include "core/generator.h"
#include "core/presets.h"
#include "core/random.h"

#include "test_strokes.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

using smp::Design;
using smp::Vec2;

using smp::testing::Stroke;

namespace {

using Blend = smp::StrokeLayer::Blend;

// A flat field `left` dots/cm² left of x = width / 2 and `right` beyond: a hard step.
Design StepDesign(double left, double right, double width_mm = 100.0, double height_mm = 60.0) {
    Design design;
    design.seed = 7;
    design.template_spec.flat = {width_mm, height_mm};
    smp::GridLayer grid;
    grid.cell_mm = width_mm / 2.0;
    grid.cols = 2;
    grid.rows = static_cast<int>(std::ceil(height_mm / grid.cell_mm));
    for (int r = 0; r < grid.rows; ++r) {
        grid.per_cm2.push_back(left);
        grid.per_cm2.push_back(right);
    }
    design.layers = {grid};
    design.sessions = smp::DefaultSessions();
    return design;
}

smp::DensityField FieldOf(const Design& design, const smp::DensityField* previous = nullptr) {
    auto field = smp::DensityField::Compile(design, previous);
    REQUIRE_MESSAGE(field.ok(), field.status().message());
    return std::move(field).value();
}

// The largest change between samples 0.25 mm apart along y = const, per mm.
double MaxSlopePerMm(const smp::DensityField& field, double y, double x0, double x1) {
    double slope = 0.0;
    for (double x = x0; x + 0.25 <= x1; x += 0.25) slope = std::max(slope, std::fabs(field.PerCm2(Vec2(x + 0.25, y)) - field.PerCm2(Vec2(x, y))) / 0.25);
    return slope;
}

uint64_t Fingerprint(uint64_t h, double value) {
    uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    return smp::Mix64(h ^ bits);
}

// The field sampled every 0.37 mm, bit for bit.
uint64_t FieldFingerprint(const smp::DensityField& field) {
    uint64_t h = 0;
    const smp::RectMm frame = field.FrameMm();
    for (double y = 0.1; y < frame.max_mm.y(); y += 0.37) {
        for (double x = 0.1; x < frame.max_mm.x(); x += 0.37) h = Fingerprint(h, field.PerCm2(Vec2(x, y)));
    }
    return h;
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("smooth: a hard step under the stroke becomes a ramp, keeps its mean, and nothing changes beyond the stroke") {
    const Design step = StepDesign(30.0, 90.0);
    Design smoothed = step;
    smoothed.layers.push_back(Stroke({Vec2(50, 10), Vec2(50, 50)}, 10.0, Blend::kSmooth));
    const smp::DensityField before = FieldOf(step), after = FieldOf(smoothed);

    // Across the step, mid-stroke: from 240 per mm (one 0.25 mm sample to the next) to the slope
    // of a tent of half-width 5 mm over a step of 60: 12 per mm, a little more on the raster.
    CHECK(MaxSlopePerMm(before, 30.0, 40.0, 60.0) == doctest::Approx(240.0));
    const double slope = MaxSlopePerMm(after, 30.0, 40.0, 60.0);
    INFO("max slope after smoothing: " << slope << " per mm");
    CHECK(slope < 14.0);
    CHECK(slope > 8.0);   // ... and not flattened beyond the kernel either
    CHECK(after.PerCm2(Vec2(50.0, 30.0)) == doctest::Approx(60.0).epsilon(0.02));

    // The mean across the stroke's full-weight core stays (a symmetric kernel moves as much up as down).
    double mean_before = 0.0, mean_after = 0.0;
    int samples = 0;
    for (double y = 20.0; y <= 40.0; y += 1.0) {
        for (double x = 40.05; x < 60.0; x += 0.1, ++samples) {
            mean_before += before.PerCm2(Vec2(x, y));
            mean_after += after.PerCm2(Vec2(x, y));
        }
    }
    CHECK(mean_after / samples == doctest::Approx(mean_before / samples).epsilon(0.01));

    // An average never leaves the range of what it averages; beyond the radius nothing changes at all.
    for (double y = 0.25; y < 60.0; y += 0.5) {
        for (double x = 0.25; x < 100.0; x += 0.5) {
            const Vec2 p(x, y);
            const double value = after.PerCm2(p);
            CHECK(value >= 30.0 - 1e-9);
            CHECK(value <= 90.0 + 1e-9);
            const double distance_mm = smp::SegmentDistanceMm(p, Vec2(50, 10), Vec2(50, 50));
            if (distance_mm >= 10.0) CHECK(value == before.PerCm2(p));
            // Where everything nearby is one value, the average is that value.
            if (std::fabs(x - 50.0) > 7.0) CHECK(value == doctest::Approx(before.PerCm2(p)).epsilon(1e-12));
        }
    }
    CHECK(after.MaxPerCm2() == before.MaxPerCm2());   // smoothing never raises the bound
}

TEST_CASE("smooth: pressure scales the pull, a second pass smooths further, an edge of the frame is fine") {
    const Design step = StepDesign(30.0, 90.0);
    Design once = step;
    once.layers.push_back(Stroke({Vec2(50, 10), Vec2(50, 50)}, 10.0, Blend::kSmooth));
    Design half = step;
    half.layers.push_back(once.layers.back());
    std::get<smp::StrokeLayer>(half.layers.back()).pressure = {0.5, 0.5};
    Design twice = once;
    twice.layers.push_back(once.layers.back());
    const smp::DensityField below = FieldOf(step), full = FieldOf(once), halfway = FieldOf(half), again = FieldOf(twice);
    for (double x = 44.0; x <= 56.0; x += 0.5) {
        const Vec2 p(x, 30.0);
        CHECK(halfway.PerCm2(p) == doctest::Approx(0.5 * (below.PerCm2(p) + full.PerCm2(p))));
    }
    CHECK(MaxSlopePerMm(again, 30.0, 40.0, 60.0) < MaxSlopePerMm(full, 30.0, 40.0, 60.0) * 0.9);

    // A stroke along the frame's edge averages what is inside; one wholly off the frame changes nothing.
    Design edge = step;
    edge.layers.push_back(Stroke({Vec2(0, 0), Vec2(100, 0), Vec2(100, 60)}, 12.0, Blend::kSmooth));
    edge.layers.push_back(Stroke({Vec2(300, 300)}, 20.0, Blend::kSmooth));
    const smp::DensityField at_edge = FieldOf(edge);
    CHECK(at_edge.PerCm2(Vec2(1, 1)) == doctest::Approx(30.0));
    CHECK(at_edge.PerCm2(Vec2(99, 59)) == doctest::Approx(90.0));
    CHECK(at_edge.PerCm2(Vec2(50, 0.5)) > 35.0);
    CHECK(at_edge.PerCm2(Vec2(50, 0.5)) < 85.0);
}

TEST_CASE("smooth: smoothing sees every layer below it, set and add strokes and other smooth strokes, and none above") {
    Design design = StepDesign(40.0, 40.0);
    design.layers.push_back(Stroke({Vec2(20, 30), Vec2(80, 30)}, 4.0, Blend::kAdd, 40.0, 0.0));   // a hard band of 80
    design.layers.push_back(Stroke({Vec2(50, 10), Vec2(50, 50)}, 16.0, Blend::kSmooth));
    const smp::DensityField field = FieldOf(design);
    // The band's peak is lowered where the smooth stroke crosses it, its flanks raised.
    CHECK(field.PerCm2(Vec2(50, 30)) < 75.0);
    CHECK(field.PerCm2(Vec2(50, 35)) > 41.0);
    CHECK(field.PerCm2(Vec2(20, 30)) == 80.0);
    // A set stroke painted after the smooth one is not smoothed.
    design.layers.push_back(Stroke({Vec2(50, 30)}, 3.0, Blend::kSet, 100.0, 0.0));
    CHECK(FieldOf(design).PerCm2(Vec2(50, 30)) == 100.0);
}

TEST_CASE("smooth: compiling against the previous field reuses the rasters and gives the same bits") {
    Design design = StepDesign(30.0, 90.0, 160.0, 120.0);
    for (int k = 0; k < 5; ++k) {
        const double y = 15.0 + 20.0 * k;
        design.layers.push_back(Stroke({Vec2(60, y), Vec2(80, y + 5), Vec2(100, y)}, 8.0 + k, Blend::kSmooth));
        design.layers.push_back(Stroke({Vec2(20 + 10 * k, 10), Vec2(30 + 10 * k, 110)}, 5.0, Blend::kAdd, 10.0));
    }
    const smp::DensityField base = FieldOf(design);
    CHECK(base.SmoothCells() > 0);
    CHECK(base.SmoothCellsEvaluated() == base.SmoothCells());

    // Painting on top (as the designer does, one point at a time): no raster is evaluated again.
    Design painted = design;
    painted.layers.push_back(Stroke({Vec2(70, 40)}, 10.0, Blend::kSet, 70.0));
    const smp::DensityField reused = FieldOf(painted, &base);
    CHECK(reused.SmoothCellsEvaluated() == 0);
    CHECK(FieldFingerprint(reused) == FieldFingerprint(FieldOf(painted)));

    // Painting a smooth stroke: each new point evaluates only the cells it adds.
    Design smoothing = painted;
    smoothing.layers.push_back(Stroke({Vec2(40, 60)}, 10.0, Blend::kSmooth));
    smp::DensityField previous = FieldOf(smoothing, &reused);
    for (int k = 1; k <= 12; ++k) {
        auto& stroke = std::get<smp::StrokeLayer>(smoothing.layers.back());
        stroke.points_mm.push_back(Vec2(40 + 2.5 * k, 60 + std::sin(k * 0.5) * 4.0));
        stroke.pressure.push_back(1.0 - 0.03 * k);
        smp::DensityField next = FieldOf(smoothing, &previous);
        CHECK(next.SmoothCellsEvaluated() > 0);
        CHECK(next.SmoothCellsEvaluated() * 5 < next.SmoothCells() - base.SmoothCells());
        previous = std::move(next);
    }
    CHECK(FieldFingerprint(previous) == FieldFingerprint(FieldOf(smoothing)));

    // A change under the smooth strokes evaluates their rasters again, and still agrees.
    Design under = smoothing;
    std::get<smp::StrokeLayer>(under.layers[2]).strength = smp::DensityValue::Dots(25.0);
    const smp::DensityField changed = FieldOf(under, &previous);
    CHECK(changed.SmoothCellsEvaluated() > 0);
    CHECK(FieldFingerprint(changed) == FieldFingerprint(FieldOf(under)));
}

TEST_CASE("smooth: the same design gives the same bits, natively and in WebAssembly") {
    // Radii across the cell sizes (0.25 mm cells for thin strokes, 2 mm for wide ones), nested
    // strokes, pressure, a zig-zag and the frame's edge.
    Design design = StepDesign(20.0, 110.0, 120.0, 90.0);
    design.layers.push_back(Stroke({Vec2(10, 45), Vec2(110, 50)}, 6.0, Blend::kAdd, -15.0));
    design.layers.push_back(Stroke({Vec2(60, 5), Vec2(55, 45), Vec2(62, 85)}, 9.0, Blend::kSmooth, 0.0, 0.8));
    design.layers.push_back(Stroke({Vec2(30, 20), Vec2(90, 70)}, 1.5, Blend::kSmooth));
    design.layers.push_back(Stroke({Vec2(0, 90), Vec2(120, 0)}, 35.0, Blend::kSmooth, 0.0, 1.0));
    std::get<smp::StrokeLayer>(design.layers.back()).pressure = {0.3, 0.9};
    const uint64_t h = FieldFingerprint(FieldOf(design));
    CHECK(h == FieldFingerprint(FieldOf(design)));
    // Recorded from a native build (and the same under node). A change to the smoothing changes
    // it: update it then, after checking that native and WebAssembly agree.
    CHECK(h == 0x16ba6f9807801eb7ull);
}

TEST_CASE("smooth: JSON says \"blend\": \"smooth\" without a strength, and round-trips") {
    const std::string text = R"({"type":"smp.design","schema_version":2,"template":{"kind":"flat","width_mm":100,"height_mm":60},
        "density":{"layers":[{"kind":"grid","cell_mm":50,"cols":2,"rows":2,"per_cm2":[30,90,30,90]},
          {"kind":"stroke","points_mm":[[50,10],[50,50,0.5]],"radius_mm":10,"blend":"smooth"}]}})";
    const auto design = smp::RestoreDesign(text);
    REQUIRE_MESSAGE(design.ok(), design.status().message());
    const auto& stroke = std::get<smp::StrokeLayer>(design->layers.back());
    CHECK(stroke.blend == Blend::kSmooth);
    CHECK(stroke.pressure == std::vector<double>{1.0, 0.5});
    const std::string written = smp::DesignToJsonText(*design);
    CHECK_FALSE(Contains(written, "strength"));
    CHECK(Contains(written, "\"blend\":\"smooth\""));
    const auto again = smp::RestoreDesign(written);
    REQUIRE(again.ok());
    CHECK(smp::DesignToJsonText(*again) == written);
    CHECK(smp::Identical(again->layers.back(), design->layers.back()));

    // A strength given anyway is checked, then dropped: the same design as without it.
    std::string with_strength = text;
    with_strength.replace(with_strength.find("\"blend\":\"smooth\""), 16, "\"blend\":\"smooth\",\"strength\":40");
    const auto dropped = smp::RestoreDesign(with_strength);
    REQUIRE(dropped.ok());
    CHECK(smp::DesignToJsonText(*dropped) == written);
    std::string bad_strength = text;
    bad_strength.replace(bad_strength.find("\"blend\":\"smooth\""), 16, "\"blend\":\"smooth\",\"strength\":\"lots\"");
    const auto refused = smp::RestoreDesign(bad_strength);
    REQUIRE_FALSE(refused.ok());
    CHECK(Contains(refused.status().message(), "density.layers[1].strength must be a density"));

    // An unknown blend names the three there are; set and add still need their strength.
    std::string blur = text;
    blur.replace(blur.find("\"smooth\""), 8, "\"blur\"");
    const auto unknown = smp::RestoreDesign(blur);
    REQUIRE_FALSE(unknown.ok());
    CHECK(Contains(unknown.status().message(), "density.layers[1].blend must be \"set\", \"add\" or \"smooth\", got \"blur\""));
    std::string set = text;
    set.replace(set.find("\"smooth\""), 8, "\"set\"");
    const auto no_strength = smp::RestoreDesign(set);
    REQUIRE_FALSE(no_strength.ok());
    CHECK(Contains(no_strength.status().message(), "density.layers[1].strength"));
}

TEST_CASE("smooth: rasters are bounded; a stroke too large to average is refused at once, by name") {
    // The widest brush over the whole largest frame: a few thousand 2 mm cells, quickly.
    Design wide = StepDesign(30.0, 90.0, 500.0, 500.0);
    wide.layers.push_back(Stroke({Vec2(0, 0), Vec2(500, 500), Vec2(0, 500), Vec2(500, 0)}, 100.0, Blend::kSmooth));
    const auto start = std::chrono::steady_clock::now();
    const smp::DensityField field = FieldOf(wide);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    CHECK(field.SmoothCells() <= 250 * 250);
    MESSAGE("a 100 mm smooth stroke over a 500 mm frame: " << field.SmoothCells() << " cells, compiled in " << ms << " ms");
    CHECK(field.PerCm2(Vec2(250, 250)) == doctest::Approx(60.0).epsilon(0.05));

    // The thinnest brush zig-zagging over it: millions of 0.25 mm cells. Refused before any is evaluated.
    Design thin = StepDesign(30.0, 90.0, 500.0, 500.0);
    smp::StrokeLayer zigzag = Stroke({}, 0.5, Blend::kSmooth);
    for (int k = 0; k < 400; ++k) zigzag.points_mm.push_back(Vec2(1.0 + k * 1.2, k % 2 == 0 ? 1.0 : 499.0));
    zigzag.pressure.assign(zigzag.points_mm.size(), 1.0);
    thin.layers.push_back(zigzag);
    const auto refuse_start = std::chrono::steady_clock::now();
    const auto refused = smp::DensityField::Compile(thin);
    const double refuse_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - refuse_start).count();
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.status().code() == smp::StatusCode::kLimitExceeded);
    CHECK(Contains(refused.status().message(), "density.layers[1] is a smooth stroke too large to average"));
    MESSAGE("refused in " << refuse_ms << " ms: " << refused.status().message());
    CHECK(refuse_ms < 2000.0);   // (a generous bound: it scans rows, it evaluates nothing)

    // Many ordinary smooth strokes together run into the design-wide budget, naming the first one over it.
    Design many = StepDesign(30.0, 90.0, 400.0, 400.0);
    for (int k = 0; k < 30; ++k) {
        smp::StrokeLayer stroke = Stroke({}, 2.0, Blend::kSmooth);
        for (int i = 0; i <= 400; ++i) stroke.points_mm.push_back(Vec2(i * 1.0, 10.0 + 13.0 * k));
        stroke.pressure.assign(stroke.points_mm.size(), 1.0);
        many.layers.push_back(stroke);
    }
    const auto too_many = smp::DensityField::Compile(many);
    REQUIRE_FALSE(too_many.ok());
    CHECK(Contains(too_many.status().message(), " is a smooth stroke too large to average"));
    CHECK(Contains(too_many.status().message(), "the design's smooth strokes may use 1000000 in all"));
}

TEST_CASE("smooth: a design with smooth strokes follows the head when the measurements change") {
    auto restored = smp::RestoreDesign(std::string_view(R"({"type":"smp.design","schema_version":2,"template":{"kind":"scalp"},
        "density":{"layers":[{"kind":"zones","blend_mm":0,"targets":{"frontal":30,"mid_scalp":90,"crown":90,"temporal_left":90,
          "temporal_right":90,"parietal_left":90,"parietal_right":90,"occipital":90}}]}})"));
    REQUIRE_MESSAGE(restored.ok(), restored.status().message());
    Design design = *restored;
    const smp::DensityField hard = FieldOf(design);
    const smp::Landmarks& l = hard.Scalp()->GetLandmarks();
    // Along the hard border between the frontal zone and the mid-scalp, around the midline.
    const Vec2 mid = l.mid_frontal_mm + (l.vertex_mm - l.mid_frontal_mm) * 0.5;
    double y_step = mid.y();
    for (double y = l.mid_frontal_mm.y(); y < l.vertex_mm.y(); y += 0.1) {
        if (hard.PerCm2(Vec2(mid.x(), y)) > 60.0) {
            y_step = y;
            break;
        }
    }
    design.layers.push_back(Stroke({Vec2(mid.x() - 20, y_step), Vec2(mid.x() + 20, y_step)}, 12.0, Blend::kSmooth));
    const smp::DensityField soft = FieldOf(design);
    auto slope_across = [&](const smp::DensityField& field, const Vec2& at) {
        double slope = 0.0;
        for (double dy = -8.0; dy < 8.0; dy += 0.25) {
            slope = std::max(slope, std::fabs(field.PerCm2(at + Vec2(0, dy + 0.25)) - field.PerCm2(at + Vec2(0, dy))) / 0.25);
        }
        return slope;
    };
    CHECK(slope_across(hard, Vec2(mid.x(), y_step)) > 100.0);
    CHECK(slope_across(soft, Vec2(mid.x(), y_step)) < 20.0);

    smp::HeadMeasurements larger;
    larger.circumference_mm = 610;
    larger.glabella_to_nape_mm = 385;
    larger.ear_to_ear_mm = 330;
    const auto resized = smp::ResizeHead(design, larger);
    REQUIRE_MESSAGE(resized.ok(), resized.status().message());
    const auto& stroke = std::get<smp::StrokeLayer>(resized->layers.back());
    CHECK(stroke.blend == Blend::kSmooth);
    CHECK(stroke.radius_mm > 12.0);
    const smp::DensityField moved = FieldOf(*resized);
    const Vec2 centre = (stroke.points_mm.front() + stroke.points_mm.back()) * 0.5;
    CHECK(slope_across(moved, centre) < 20.0);   // still soft where the border was smoothed
    CHECK(moved.PerCm2(centre) > 35.0);
    CHECK(moved.PerCm2(centre) < 85.0);
}

TEST_CASE("smooth: a change below moves the smoothed value within SmoothSpreadMm of it, not beyond") {
    Design design = StepDesign(40.0, 40.0, 120.0, 60.0);
    const smp::StrokeLayer smooth = Stroke({Vec2(10, 30), Vec2(110, 30)}, 12.0, Blend::kSmooth);
    design.layers.push_back(smooth);
    Design edited = design;
    const Vec2 dab_mm(47.3, 26.1);
    edited.layers.insert(edited.layers.begin() + 1, Stroke({dab_mm}, 3.0, Blend::kAdd, 50.0, 0.0));
    const smp::DensityField before = FieldOf(design), after = FieldOf(edited);
    const double spread_mm = smp::SmoothSpreadMm(smooth);
    const smp::RectMm dab_reach = smp::LayerReachMm(edited.layers[1], before.FrameMm());
    double farthest_mm = 0.0;   // Chebyshev distance beyond the dab's reach of a changed value
    for (double y = 0.05; y < 60.0; y += 0.1) {
        for (double x = 0.05; x < 120.0; x += 0.1) {
            const Vec2 p(x, y);
            if (before.PerCm2(p) == after.PerCm2(p)) continue;
            const Vec2 beyond = (dab_reach.min_mm - p).cwiseMax(p - dab_reach.max_mm).cwiseMax(Vec2::Zero());
            farthest_mm = std::max(farthest_mm, beyond.maxCoeff());
        }
    }
    INFO("changed up to " << farthest_mm << " mm beyond the dab's reach; SmoothSpreadMm = " << spread_mm);
    CHECK(farthest_mm <= spread_mm);
    CHECK(farthest_mm > spread_mm - 2.0 * 1.5);   // tight: within two cells (1.5 mm at radius 12)
}

TEST_CASE("smooth: painting smooth strokes point by point, updated locally, gives exactly the full generation (times printed)") {
    const auto text = smp::PresetText("norwood-4");
    REQUIRE(text.ok());
    auto loaded = smp::RestoreDesign(*text);
    REQUIRE_MESSAGE(loaded.ok(), loaded.status().message());
    Design design = *loaded;
    auto generated = smp::GenerateDots(design);
    REQUIRE_MESSAGE(generated.ok(), generated.status().message());
    smp::DotPattern pattern = std::move(generated).value();
    REQUIRE(smp::ReserveHeadroom(design, pattern, smp::kPaintingMaxPerCm2).ok());
    const smp::Landmarks& l = pattern.field->Scalp()->GetLandmarks();

    using Clock = std::chrono::steady_clock;
    auto ms_since = [](Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); };
    // As the designer paints: a layer with the first point, then a point every quarter radius,
    // each followed by a local update near the new segment.
    auto paint = [&](smp::StrokeLayer stroke, const Vec2& from, const Vec2& to, std::vector<double>& update_ms) {
        const int steps = static_cast<int>((to - from).norm() / (stroke.radius_mm * 0.25));
        stroke.points_mm = {from};
        stroke.pressure = {1.0};
        design.layers.push_back(stroke);
        for (int k = 0; k <= steps; ++k) {
            auto& painted = std::get<smp::StrokeLayer>(design.layers.back());
            const Vec2 a = painted.points_mm.back();
            if (k > 0) {
                painted.points_mm.push_back(from + (to - from) * (static_cast<double>(k) / steps));
                painted.pressure.push_back(1.0);
            }
            const Vec2 b = painted.points_mm.back();
            const Vec2 r = Vec2::Constant(painted.radius_mm);
            const Clock::time_point start = Clock::now();
            const smp::Status updated = smp::UpdateDotsInRegion(design, smp::RectMm{a.cwiseMin(b) - r, a.cwiseMax(b) + r}, pattern);
            update_ms.push_back(ms_since(start));
            REQUIRE_MESSAGE(updated.ok(), updated.message());
        }
    };
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };

    // Five smooth strokes across zone borders, 100 mm each at a 10 mm radius.
    std::vector<double> smooth_ms;
    const Vec2 across(50, 0), down(0, 14);
    for (int k = 0; k < 5; ++k) {
        const Vec2 start = l.vertex_mm - across + down * (k - 2);
        paint(Stroke({}, 10.0, Blend::kSmooth), start, start + across * 2.0, smooth_ms);
    }
    const int64_t smooth_cells = pattern.field->SmoothCells();

    // A set stroke on top of them: nothing is rasterised again.
    std::vector<double> set_ms;
    paint(Stroke({}, 8.0, Blend::kSet, 80.0), l.crown_whorl_mm - across, l.crown_whorl_mm + across, set_ms);
    CHECK(pattern.field->SmoothCellsEvaluated() == 0);

    // A compile during painting on top, and a compile from nothing.
    Design one_more = design;
    std::get<smp::StrokeLayer>(one_more.layers.back()).points_mm.push_back(l.crown_whorl_mm + across * 1.05);
    std::get<smp::StrokeLayer>(one_more.layers.back()).pressure.push_back(1.0);
    std::vector<double> compile_previous_ms, compile_fresh_ms;
    for (int run = 0; run < 9; ++run) {
        Clock::time_point start = Clock::now();
        const auto with_previous = smp::DensityField::Compile(one_more, pattern.field.get());
        compile_previous_ms.push_back(ms_since(start));
        REQUIRE(with_previous.ok());
        CHECK(with_previous->SmoothCellsEvaluated() == 0);
        start = Clock::now();
        const auto fresh = smp::DensityField::Compile(one_more);
        compile_fresh_ms.push_back(ms_since(start));
        REQUIRE(fresh.ok());
        CHECK(fresh->SmoothCellsEvaluated() == fresh->SmoothCells());
    }

    const std::vector<smp::Dot> updated = pattern.Dots(), full = smp::GenerateDots(design)->Dots();
    REQUIRE(updated.size() == full.size());
    size_t differing = 0;
    for (size_t i = 0; i < full.size(); ++i) {
        differing += !(updated[i].position_mm == full[i].position_mm && updated[i].session == full[i].session &&
                       updated[i].hairline == full[i].hairline && updated[i].diameter_mm == full[i].diameter_mm);
    }
    CHECK(differing == 0);
    MESSAGE("norwood-4 with 5 smooth strokes (" << smooth_cells << " raster cells): painting a smooth stroke, median update "
            << median(smooth_ms) << " ms (max " << *std::max_element(smooth_ms.begin(), smooth_ms.end()) << "); painting a set stroke on top, median update "
            << median(set_ms) << " ms (max " << *std::max_element(set_ms.begin(), set_ms.end()) << "); compile with the previous field "
            << median(compile_previous_ms) << " ms, from nothing " << median(compile_fresh_ms) << " ms");
}
