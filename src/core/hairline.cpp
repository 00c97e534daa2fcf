// smp core: the hairline zone.
//
// [SECTION] Styles and noise
// [SECTION] Building the line
// [SECTION] Queries
#include "core/hairline.h"

#include "core/random.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace smp {

// ---------------------------------------------------------------------------------------------
// [SECTION] Styles and noise
// ---------------------------------------------------------------------------------------------

HairlineStyleDefaults StyleDefaults(HairlineStyle style) {
    // Depths within Shapiro's 0.5-1 cm transition zone; amplitudes so that "defined" is still not
    // a ruler edge and "broken" is visibly jagged; strays thin enough to stay single dots.
    switch (style) {
        case HairlineStyle::kSoft: return {8.0, 2.0, 0.8, 3.0, 0.20};
        case HairlineStyle::kBroken: return {7.0, 3.0, 1.6, 4.0, 0.30};
        case HairlineStyle::kFaded: return {10.0, 1.5, 0.6, 2.0, 0.10};
        case HairlineStyle::kDefined: return {5.0, 1.5, 0.5, 1.0, 0.50};
    }
    return {8.0, 2.0, 0.8, 3.0, 0.20};
}

const char* StyleName(HairlineStyle style) {
    switch (style) {
        case HairlineStyle::kSoft: return "soft";
        case HairlineStyle::kBroken: return "broken";
        case HairlineStyle::kFaded: return "faded";
        case HairlineStyle::kDefined: return "defined";
    }
    return "soft";
}

namespace {

double LatticeValue(uint64_t seed, int64_t k) {
    return static_cast<double>(HashCoords(seed, k) >> 11) * 0x1.0p-52 - 1.0;   // [-1, 1)
}

}  // namespace

double ValueNoise1D(uint64_t seed, double x) {
    const double cell = std::floor(x);
    const double f = x - cell;
    const int64_t k = static_cast<int64_t>(cell);
    const double fade = f * f * f * (f * (f * 6.0 - 15.0) + 10.0);
    const double a = LatticeValue(seed, k);
    const double b = LatticeValue(seed, k + 1);
    return a + (b - a) * fade;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Building the line
// ---------------------------------------------------------------------------------------------

namespace {

constexpr double kSampleMm = 0.5;   // spacing of the line's samples: far below any dot spacing

// Centripetal Catmull-Rom (Barry-Goldman pyramid) through p1..p2 with neighbours p0, p3: never
// loops or overshoots into a cusp, whatever the spacing of the control points.
Vec2 CatmullRom(const Vec2& p0, const Vec2& p1, const Vec2& p2, const Vec2& p3, double u) {
    auto knot = [](const Vec2& a, const Vec2& b) { return std::sqrt(std::max((b - a).norm(), 1e-9)); };
    const double t0 = 0.0, t1 = t0 + knot(p0, p1), t2 = t1 + knot(p1, p2), t3 = t2 + knot(p2, p3);
    const double t = t1 + (t2 - t1) * u;
    const Vec2 a1 = p0 * ((t1 - t) / (t1 - t0)) + p1 * ((t - t0) / (t1 - t0));
    const Vec2 a2 = p1 * ((t2 - t) / (t2 - t1)) + p2 * ((t - t1) / (t2 - t1));
    const Vec2 a3 = p2 * ((t3 - t) / (t3 - t2)) + p3 * ((t - t2) / (t3 - t2));
    const Vec2 b1 = a1 * ((t2 - t) / (t2 - t0)) + a2 * ((t - t0) / (t2 - t0));
    const Vec2 b2 = a2 * ((t3 - t) / (t3 - t1)) + a3 * ((t - t1) / (t3 - t1));
    return b1 * ((t2 - t) / (t2 - t1)) + b2 * ((t - t1) / (t2 - t1));
}

// A polyline resampled at equal arc steps (the last sample is the end point).
std::vector<Vec2> ResampleByArc(const std::vector<Vec2>& dense, double step_mm) {
    std::vector<Vec2> out{dense.front()};
    double carried = 0.0;   // arc walked since the last sample
    for (size_t i = 1; i < dense.size(); ++i) {
        Vec2 a = dense[i - 1];
        const Vec2 b = dense[i];
        double length = (b - a).norm();
        while (carried + length >= step_mm) {
            const double take = step_mm - carried;
            a = a + (b - a) * (take / length);
            out.push_back(a);
            length -= take;
            carried = 0.0;
        }
        carried += length;
    }
    if ((out.back() - dense.back()).norm() > 1e-6) out.push_back(dense.back());
    return out;
}

std::string PointPath(size_t i) { return "hairline.points_mm[" + std::to_string(i) + "]"; }

}  // namespace

std::vector<Vec2> MirroredControlPointsMm(const HairlineSpec& spec, double midline_x_mm, std::vector<HairlineControlSource>* sources) {
    std::vector<Vec2> control = spec.points_mm;
    std::vector<HairlineControlSource> from(control.size());
    for (size_t i = 0; i < from.size(); ++i) from[i] = {static_cast<int>(i), false};
    const auto reverse = [&] {
        std::reverse(control.begin(), control.end());
        std::reverse(from.begin(), from.end());
    };
    // Given from the midline outwards: the same half, in the order the mirroring expects.
    if (spec.mirror && control.size() > 1 && control.front().x() > control.back().x()) reverse();
    if (spec.mirror && !control.empty()) {
        double max_lateral_mm = 1.0;
        for (const Vec2& p : control) max_lateral_mm = std::max(max_lateral_mm, midline_x_mm - p.x());
        const size_t left_count = control.size();
        const bool ends_on_midline = midline_x_mm - control.back().x() <= kHairlineOnMidlineMm;
        for (size_t i = left_count - (ends_on_midline ? 1 : 0); i-- > 0;) {
            const double lateral_mm = midline_x_mm - control[i].x();
            const Vec2 image(midline_x_mm + lateral_mm, control[i].y() + spec.asymmetry_mm * (lateral_mm / max_lateral_mm));
            control.push_back(image);
            from.push_back({from[i].given_index, true});
        }
    }
    if (control.size() > 1 && control.front().x() > control.back().x()) reverse();
    if (sources) *sources = std::move(from);
    return control;
}

Expected<HairlineGeometry> HairlineGeometry::Build(const HairlineSpec& spec, uint32_t seed, double midline_x_mm) {
    const HairlineStyleDefaults defaults = StyleDefaults(spec.style);
    HairlineGeometry g;
    g.transition_mm_ = spec.transition_mm.value_or(defaults.transition_mm);
    g.stray_per_cm2_ = spec.stray_per_cm2.value_or(defaults.stray_per_cm2);
    g.ramp_floor_ = defaults.ramp_floor;
    const double large_mm = spec.large_irregularity_mm.value_or(defaults.large_irregularity_mm);
    const double small_mm = spec.small_irregularity_mm.value_or(defaults.small_irregularity_mm);

    // 1. Control points across the whole front. A hairline runs from temple to temple: a curve
    // much longer than any head is a mistake (and would cost time quadratic in its length).
    double chord_mm = 0.0;
    for (size_t i = 1; i < spec.points_mm.size(); ++i) chord_mm += (spec.points_mm[i] - spec.points_mm[i - 1]).norm();
    constexpr double kMaxHairlineChordMm = 600.0;   // twice the widest head's temple-to-temple arc
    if (chord_mm * (spec.mirror ? 2.0 : 1.0) > kMaxHairlineChordMm) {
        return Status(StatusCode::kInvalidArgument, "hairline.points_mm makes a line " + std::to_string(static_cast<int>(chord_mm * (spec.mirror ? 2.0 : 1.0))) +
                                                        " mm long; a hairline is at most " + std::to_string(static_cast<int>(kMaxHairlineChordMm)) + " mm");
    }
    if (spec.mirror) {
        for (size_t i = 0; i < spec.points_mm.size(); ++i) {
            if (spec.points_mm[i].x() > midline_x_mm + kHairlineOnMidlineMm) {
                return Status(StatusCode::kInvalidArgument,
                              PointPath(i) + " lies right of the midline (x " + std::to_string(midline_x_mm) +
                                  " mm); with mirror on, give the client's left half only");
            }
        }
    }
    const std::vector<Vec2> control = MirroredControlPointsMm(spec, midline_x_mm);
    if (control.size() < 2) {
        return Status(StatusCode::kInvalidArgument, "hairline.points_mm needs at least two points across the front (" +
                                                        std::to_string(spec.points_mm.size()) + " given)");
    }
    for (size_t i = 1; i < control.size(); ++i) {
        if ((control[i] - control[i - 1]).norm() < 0.1) {
            return Status(StatusCode::kInvalidArgument, "hairline.points_mm has two points within 0.1 mm of each other near (" +
                                                            std::to_string(control[i].x()) + ", " + std::to_string(control[i].y()) + ") mm");
        }
    }

    // 2. The smooth base curve, sampled every kSampleMm of arc.
    std::vector<Vec2> dense;
    const size_t n = control.size();
    for (size_t i = 0; i + 1 < n; ++i) {
        const Vec2 p0 = i > 0 ? control[i - 1] : control[0] * 2.0 - control[1];
        const Vec2 p3 = i + 2 < n ? control[i + 2] : control[n - 1] * 2.0 - control[n - 2];
        const int steps = std::clamp(static_cast<int>(std::ceil((control[i + 1] - control[i]).norm() / 0.1)), 1, 20000);
        for (int k = (i == 0 ? 0 : 1); k <= steps; ++k) {
            dense.push_back(CatmullRom(p0, control[i], control[i + 1], p3, static_cast<double>(k) / steps));
        }
    }
    g.base_ = ResampleByArc(dense, kSampleMm);
    const size_t m = g.base_.size();
    if (m < 3) return Status(StatusCode::kInvalidArgument, "hairline.points_mm spans less than 1 mm");

    // 3. Displaced along the normal (towards the back of the head for positive noise).
    const uint64_t large_seed = HashCoords(seed, 0x4A11, 1), small_seed = HashCoords(seed, 0x4A11, 2);
    g.patch_seed_ = HashCoords(seed, 0x4A11, 3);
    g.line_.resize(m);
    g.line_arc_mm_.resize(m);
    double sum_sq = 0.0;
    for (size_t k = 0; k < m; ++k) {
        const Vec2 tangent = (g.base_[std::min(k + 1, m - 1)] - g.base_[k > 0 ? k - 1 : 0]).normalized();
        const Vec2 back(-tangent.y(), tangent.x());
        const double arc_mm = static_cast<double>(k) * kSampleMm;
        const double offset_mm = large_mm * ValueNoise1D(large_seed, arc_mm / kLargeIrregularityWavelengthMm) +
                                 small_mm * ValueNoise1D(small_seed, arc_mm / kSmallIrregularityWavelengthMm);
        g.line_[k] = g.base_[k] + back * offset_mm;
        g.line_arc_mm_[k] = arc_mm;
        sum_sq += offset_mm * offset_mm;
    }
    g.irregularity_rms_mm_ = std::sqrt(sum_sq / static_cast<double>(m));

    // 4. Buckets for the queries.
    const double reach_mm = std::max(g.transition_mm_, kStrayBandMm) + 1.0;
    RectMm box{g.line_[0], g.line_[0]};
    for (const Vec2& p : g.line_) {
        box.min_mm = box.min_mm.cwiseMin(p);
        box.max_mm = box.max_mm.cwiseMax(p);
    }
    GridShape strips;
    strips.origin_mm = Vec2(std::floor(box.min_mm.x()), 0.0);
    strips.cell_mm = 1.0;
    strips.cols = static_cast<int>(std::ceil(box.max_mm.x() - strips.origin_mm.x())) + 1;
    strips.rows = 1;
    g.reach_ = {box.min_mm - Vec2(reach_mm, reach_mm), box.max_mm + Vec2(reach_mm, reach_mm)};
    GridShape squares;
    squares.origin_mm = g.reach_.min_mm;
    squares.cell_mm = g.cell_mm_;
    squares.cols = static_cast<int>(std::ceil(g.reach_.WidthMm() / g.cell_mm_)) + 1;
    squares.rows = static_cast<int>(std::ceil(g.reach_.HeightMm() / g.cell_mm_)) + 1;
    SpatialGrid<uint32_t>::Builder by_column(strips), by_cell(squares);
    for (size_t k = 0; k + 1 < m; ++k) {
        const Vec2 lo = g.line_[k].cwiseMin(g.line_[k + 1]), hi = g.line_[k].cwiseMax(g.line_[k + 1]);
        for (int c = strips.LocateCol(lo.x()); c <= strips.LocateCol(hi.x()); ++c) by_column.Add(static_cast<size_t>(c), static_cast<uint32_t>(k));
        by_cell.AddBox({lo - Vec2(reach_mm, reach_mm), hi + Vec2(reach_mm, reach_mm)}, static_cast<uint32_t>(k));
    }
    g.columns_ = std::move(by_column).Build();
    g.cells_ = std::move(by_cell).Build();

    // 5. How natural it is: departure of the base curve from the chord between its ends, the
    // most forward crossing of the midline, and how far the right half is from mirroring the left.
    const Vec2 chord = g.base_.back() - g.base_.front();
    const Vec2 chord_normal = Vec2(-chord.y(), chord.x()).normalized();
    for (const Vec2& p : g.base_) g.bow_mm_ = std::max(g.bow_mm_, std::fabs((p - g.base_.front()).dot(chord_normal)));
    bool crossed = false;
    for (size_t k = 0; k + 1 < m; ++k) {
        const Vec2 &a = g.line_[k], &b = g.line_[k + 1];
        if ((a.x() - midline_x_mm) * (b.x() - midline_x_mm) <= 0.0 && a.x() != b.x()) {
            const double t = (midline_x_mm - a.x()) / (b.x() - a.x());
            const Vec2 crossing = a + (b - a) * t;
            if (!crossed || crossing.y() < g.midline_crossing_.y()) g.midline_crossing_ = crossing;
            crossed = true;
        }
    }
    if (!crossed) g.midline_crossing_ = g.line_[m / 2];
    double deviation_sum = 0.0;
    int deviation_count = 0;
    for (const Vec2& q : g.line_) {
        if (q.x() >= midline_x_mm - 1.0) continue;
        const Vec2 mirrored(2.0 * midline_x_mm - q.x(), q.y());
        double nearest = 1e30;
        for (size_t k = 0; k + 1 < m; ++k) {
            if (g.line_[k].x() < midline_x_mm && g.line_[k + 1].x() < midline_x_mm) continue;
            nearest = std::min(nearest, SegmentDistanceMm(mirrored, g.line_[k], g.line_[k + 1]));
        }
        if (nearest < 1e29) {
            deviation_sum += nearest;
            ++deviation_count;
        }
    }
    g.mirror_deviation_mm_ = deviation_count > 0 ? deviation_sum / deviation_count : 0.0;
    return g;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Queries
// ---------------------------------------------------------------------------------------------

// Ahead = inside the region bounded by the line and the front of the map: a ray from p towards
// the back crosses the line an odd number of times.
bool HairlineGeometry::Ahead(const Vec2& p) const {
    const int column = columns_.Shape().LocateCol(p.x());
    if (column < 0 || column >= columns_.Shape().cols) return false;
    int crossings = 0;
    for (uint32_t k : columns_.Items(static_cast<size_t>(column))) {
        const Vec2 &a = line_[k], &b = line_[k + 1];
        // Half-open in x so a ray through a shared vertex counts once.
        if ((a.x() <= p.x()) == (b.x() <= p.x())) continue;
        const double y = a.y() + (b.y() - a.y()) * ((p.x() - a.x()) / (b.x() - a.x()));
        if (y > p.y()) ++crossings;
    }
    return (crossings & 1) != 0;
}

double HairlineGeometry::SignedDistanceMm(const Vec2& p) const {
    double nearest = kFarMm;
    if (const GridCell cell = cells_.Shape().Locate(p); cells_.Shape().Inside(cell)) {
        for (uint32_t k : cells_.Items(cells_.Shape().IndexOf(cell))) nearest = std::min(nearest, SegmentDistanceMm(p, line_[k], line_[k + 1]));
    }
    return Ahead(p) ? -nearest : nearest;
}

double HairlineGeometry::Patchiness(const Vec2& p) const {
    // Strays come in loose groups along the line, not as an even row: 0 over some stretches,
    // up to 2.5x over others, 1 on average.
    return std::clamp(1.0 + 1.5 * ValueNoise1D(patch_seed_, p.x() / 12.0), 0.0, 2.5);
}

double HairlineGeometry::Apply(const Vec2& p, double layers_per_cm2) const {
    const double s = SignedDistanceMm(p);
    if (s >= transition_mm_) return layers_per_cm2;
    if (s >= 0.0) {
        const double u = s / transition_mm_;
        return layers_per_cm2 * (ramp_floor_ + (1.0 - ramp_floor_) * SmoothStep(u));
    }
    if (s >= -kStrayBandMm) {
        const double strays = stray_per_cm2_ * Patchiness(p) * (1.0 + s / kStrayBandMm);
        return std::min(layers_per_cm2, strays);
    }
    return 0.0;
}

bool HairlineGeometry::InHairlineZone(const Vec2& p) const {
    const double s = SignedDistanceMm(p);
    return s >= -kStrayBandMm && s < transition_mm_;
}

}  // namespace smp
