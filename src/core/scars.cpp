#include "core/scars.h"

#include "core/random.h"

#include <algorithm>
#include <cmath>

namespace smp {
namespace {

RectMm BoxOf(const std::vector<Vec2>& points) {
    RectMm box{points.front(), points.front()};
    for (const Vec2& p : points) {
        box.min_mm = box.min_mm.cwiseMin(p);
        box.max_mm = box.max_mm.cwiseMax(p);
    }
    return box;
}

}  // namespace

double PolylineDistanceMm(const std::vector<Vec2>& points, bool closed, const Vec2& p) {
    double nearest = 1e30;
    for (size_t i = 0; i + 1 < points.size(); ++i) nearest = std::min(nearest, SegmentDistanceMm(p, points[i], points[i + 1]));
    if (closed && points.size() > 2) nearest = std::min(nearest, SegmentDistanceMm(p, points.back(), points.front()));
    return nearest;
}

int64_t FueScarsThatFit(double field_mm2, double scar_diameter_mm) {
    const double disc_mm2 = 0.7853981633974483 * scar_diameter_mm * scar_diameter_mm;
    return disc_mm2 > 0.0 && field_mm2 > 0.0 ? static_cast<int64_t>(std::floor(field_mm2 / (3.0 * disc_mm2))) : 0;
}

Expected<ScarGeometry> ScarGeometry::Build(const ScarSpec& spec, size_t index, uint32_t seed) {
    const std::string path = "scars[" + std::to_string(index) + "]";
    ScarGeometry g;
    g.spec_ = spec;
    const bool strip = spec.kind == ScarSpec::Kind::kFutStrip;
    if (spec.points_mm.size() < (strip ? 2u : 3u)) {
        return Status(StatusCode::kInvalidArgument, path + ".points_mm needs at least " + (strip ? "two points (the strip's centre line)" : "three points (the field's outline)"));
    }
    const RectMm box = BoxOf(spec.points_mm);
    const double grow_mm = spec.blend_mm + (strip ? spec.width_mm * 0.5 : 0.0) + 1.0;
    g.reach_ = {box.min_mm - Vec2(grow_mm, grow_mm), box.max_mm + Vec2(grow_mm, grow_mm)};
    if (strip) {
        for (size_t i = 0; i + 1 < spec.points_mm.size(); ++i) g.length_mm_ += (spec.points_mm[i + 1] - spec.points_mm[i]).norm();
        g.tissue_area_cm2_ = g.length_mm_ * spec.width_mm / 100.0;
        return g;
    }

    // FUE: punches spread over the field by dart throwing with a spacing that the count allows
    // (never overlapping), from the design's seed. A field too small for its count is refused.
    const double field_mm2 = std::fabs(SignedAreaMm2(spec.points_mm));
    const double disc_mm2 = 0.7853981633974483 * spec.scar_diameter_mm * spec.scar_diameter_mm;
    if (spec.count > FueScarsThatFit(field_mm2, spec.scar_diameter_mm)) {
        return Status(StatusCode::kInvalidArgument, path + ": " + std::to_string(spec.count) + " scars of " +
                                                        std::to_string(spec.scar_diameter_mm).substr(0, 4) +
                                                        " mm do not fit in a field of " + std::to_string(static_cast<int>(field_mm2)) + " mm²");
    }
    // A spacing a little under that of an even spread, floored at touching discs.
    const double spacing_mm = std::max(spec.scar_diameter_mm * 1.05, 0.7 * std::sqrt(field_mm2 / spec.count));
    GridShape shape;
    shape.origin_mm = box.min_mm;
    shape.cell_mm = std::max(spacing_mm, 1.0);
    shape.cols = static_cast<int>(std::ceil(box.WidthMm() / shape.cell_mm)) + 1;
    shape.rows = static_cast<int>(std::ceil(box.HeightMm() / shape.cell_mm)) + 1;
    SpatialGrid<uint32_t>::Builder centres(shape);
    Rng rng(HashCoords(seed, 0x5CA2, static_cast<int64_t>(index)));
    const int64_t max_attempts = 60LL * spec.count;   // bounded work, whatever the input
    for (int64_t attempt = 0; attempt < max_attempts && static_cast<int>(g.fue_centres_.size()) < spec.count; ++attempt) {
        const double u = rng.NextUnit();
        const double v = rng.NextUnit();
        const Vec2 p(box.min_mm.x() + u * box.WidthMm(), box.min_mm.y() + v * box.HeightMm());
        if (!PolygonContains(spec.points_mm, p)) continue;
        const GridCell cell = shape.CellOf(p);
        if (centres.AnyAdded(shape.Around(cell, 1), [&](uint32_t j) { return (g.fue_centres_[j] - p).norm() < spacing_mm; })) continue;
        centres.Add(shape.IndexOf(cell), static_cast<uint32_t>(g.fue_centres_.size()));
        g.fue_centres_.push_back(p);
    }
    g.centres_ = std::move(centres).Build();
    g.tissue_area_cm2_ = static_cast<double>(g.fue_centres_.size()) * disc_mm2 / 100.0;
    return g;
}

double ScarGeometry::DistanceToScarMm(const Vec2& p) const {
    if (spec_.kind == ScarSpec::Kind::kFutStrip) {
        return std::max(0.0, PolylineDistanceMm(spec_.points_mm, false, p) - spec_.width_mm * 0.5);
    }
    // The whole field is treated as scar for blending: punches sit everywhere in it.
    if (PolygonContains(spec_.points_mm, p)) return 0.0;
    return PolylineDistanceMm(spec_.points_mm, true, p);
}

double ScarGeometry::WeightAt(const Vec2& p) const {
    if (!reach_.Contains(p)) return 0.0;
    const double d = DistanceToScarMm(p);
    // Full weight for 1 mm past the scar's edge, then easing out over the blend.
    if (d <= 1.0) return 1.0;
    if (spec_.blend_mm <= 0.0) return 0.0;
    return 1.0 - SmoothStep((d - 1.0) / spec_.blend_mm);
}

bool ScarGeometry::OnScarTissue(const Vec2& p) const {
    if (!reach_.Contains(p)) return false;
    if (spec_.kind == ScarSpec::Kind::kFutStrip) return PolylineDistanceMm(spec_.points_mm, false, p) <= spec_.width_mm * 0.5;
    // (A cell is wider than a scar, so the cells around p's hold every centre within its radius.)
    const double radius_mm = spec_.scar_diameter_mm * 0.5;
    return centres_.AnyOf(centres_.Shape().Around(centres_.Shape().Locate(p), 1),
                          [&](uint32_t i) { return (fue_centres_[i] - p).norm() <= radius_mm; });
}

}  // namespace smp
