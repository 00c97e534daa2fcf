// smp core: a design compiled for evaluation: the target density and what kind of dot goes at
// any point of the map.
//
// Compile() does the geometry once (template, zone blends, hairline, scars, a bucket index of the
// layers, the rasters of smooth strokes), so that PerCm2() costs a handful of operations per
// point: the generator asks it for every point of the raw set. The order in which layers,
// hairline and scars combine is in design.h. Everything here is a pure function of the design
// (bit-identical everywhere).
//
// Smooth strokes. At a point p within a smooth stroke's reach the value becomes
//     below(p) + weight(p) · (average(p) - below(p)),
// below: what the layers before it give (unclamped, as the next layer sees it); weight: pressure ×
// brush profile, as for set and add; average: below averaged by a tent kernel (two box passes
// each way) of half-width about radius / 2, so a hard step under the brush's full-weight core
// turns into a ramp about as wide as that core. The average is taken on a raster that covers
// only the cells the stroke can need: cells of radius / 8 (clamped to 0.25..2 mm: finer is below
// the dot spacing, coarser would miss thin strokes below), aligned to the frame's origin, each
// holding below at its centre, then blurred and sampled bilinearly at p. The kernel only adds,
// multiplies and divides, and every window sums in a fixed order, so the raster is the same bits
// everywhere; a window the frame's border cuts averages what is inside. Each raster is built at
// Compile (its cells count towards DesignLimits::kMaxSmoothCells and kMaxLayerWork) and taken
// over from `previous` when the stroke and every layer below it are unchanged; while only the
// stroke changes (being painted), its cells' below values are taken over and only the new ones
// evaluated.
#pragma once

#include "core/design.h"
#include "core/hairline.h"
#include "core/scalp_template.h"
#include "core/scars.h"
#include "core/spatial_grid.h"
#include "core/status.h"

#include <memory>
#include <optional>
#include <vector>

namespace smp {

// What kind of dot a point gets, beyond how many.
struct PointKind {
    int zone = -1;           // ZoneId as int on the scalp template; -1 on a flat one
    bool hairline = false;   // in the hairline's transition zone or stray band: 1RL, lighter
    int scar = -1;           // the scar whose tissue the point is on, or -1
};

class DensityField {
public:
    // Errors: those of the template, hairline and scars (kInvalidArgument naming the field), a
    // zones layer on a flat template, and layers too costly to evaluate or smooth strokes too
    // large to rasterise (kLimitExceeded, naming the layer). `previous` (a field of an earlier
    // version of the same design) lends its template, zone blends and smooth strokes' rasters
    // when they did not change: edits stay cheap. The result never depends on `previous`.
    static Expected<DensityField> Compile(const Design& design, const DensityField* previous = nullptr);

    // Target density at p, dots/cm² (0 outside the template).
    double PerCm2(const Vec2& p_mm) const;
    PointKind KindAt(const Vec2& p_mm) const;

    // The template's frame, (0, 0) to (width, height) mm, and whether p is on the template.
    RectMm FrameMm() const { return {Vec2::Zero(), Vec2(width_mm_, height_mm_)}; }
    bool Inside(const Vec2& p_mm) const;
    double TemplateAreaCm2() const;
    // An upper bound of PerCm2 over the whole map.
    double MaxPerCm2() const { return max_per_cm2_; }
    // 1 on a flat template; the scalp map's worst shape distortion otherwise.
    double MaxAnisotropy() const;

    const ScalpTemplate* Scalp() const { return scalp_.get(); }
    const std::optional<HairlineGeometry>& Hairline() const { return hairline_; }
    const std::vector<ScarGeometry>& Scars() const { return scars_; }
    // Guides the plan carries: a hairline too low, too straight or too symmetric, and so on.
    const std::vector<DesignWarning>& Warnings() const { return warnings_; }
    // The cells of the smooth strokes' rasters, and how many of them this compile evaluated (the
    // others it took over from `previous`): what a compile during painting costs.
    int64_t SmoothCells() const { return smooth_cells_; }
    int64_t SmoothCellsEvaluated() const { return smooth_cells_evaluated_; }

private:
    DensityField() = default;
    struct ZoneBlend;     // per-zone weights blurred over a blend width (1 mm raster)
    struct SmoothRaster;  // a smooth stroke's average of the layers below it
    struct BucketEntry {
        uint32_t layer;
        uint32_t first_point, last_point;   // strokes: the chunk of points [first, last] near the bucket
    };
    double ApplyLayer(size_t layer, const BucketEntry* entries, size_t count, const Vec2& p, double value) const;
    // What layers [0, end_layer) give at p, unclamped (p >= 0; beyond the frame, its edge buckets).
    double LayersValue(const Vec2& p, size_t end_layer) const;
    double EntryWork(const BucketEntry& entry) const;
    Status BuildSmoothRasters(const DensityField* previous, double layer_work);

    double width_mm_ = 0.0, height_mm_ = 0.0;
    std::shared_ptr<const ScalpTemplate> scalp_;
    std::vector<DensityLayer> layers_;
    std::vector<std::shared_ptr<const ZoneBlend>> zone_blends_;   // per layer (zones layers only)
    std::vector<std::shared_ptr<const SmoothRaster>> smooth_rasters_;   // per layer (smooth strokes only)
    int64_t smooth_cells_ = 0, smooth_cells_evaluated_ = 0;
    std::optional<HairlineGeometry> hairline_;
    std::optional<HairlineSpec> hairline_spec_;   // what hairline_ was built from (for reuse)
    uint32_t seed_ = 0;
    std::vector<ScarGeometry> scars_;
    std::vector<double> scar_target_per_cm2_;
    double max_per_cm2_ = 0.0;
    std::vector<DesignWarning> warnings_;
    // Layers that can change a point, by bucket_mm_ cell over the frame, in layer order.
    double bucket_mm_ = 8.0;
    SpatialGrid<BucketEntry> buckets_;
};

// Where a layer can change the target density (its reach, clipped to nothing beyond `frame`).
RectMm LayerReachMm(const DensityLayer& layer, const RectMm& frame);

// When `after` is `before` with points appended (a stroke being painted: same settings, the same
// points and pressures first), the reach of what changed: the new segments, from before's last
// point, grown by the radius. A stroke's weight is the largest over its segments, so the old ones
// give the same values; a smooth stroke's average does not depend on its path. Otherwise empty.
std::optional<RectMm> AppendedStrokeReachMm(const DensityLayer& before, const DensityLayer& after);

// How far a smooth stroke carries a change in the layers below it, mm: a change inside a
// rectangle changes the stroke's average (within its reach) up to this much beyond the rectangle
// (the kernel's half-width plus a raster cell for the interpolation, and one cell to spare).
double SmoothSpreadMm(const StrokeLayer& stroke);

// The design on a head of other measurements: every position (grid origins, areas, strokes, the
// hairline, scars) carried to the same place on the new head (ScalpTemplate::CarryTo), lengths
// (stroke radii, grid cells) scaled with the head's linear size. A flat-template design is
// refused. Errors: the new template's (kInvalidArgument naming the measurement).
Expected<Design> ResizeHead(const Design& design, const HeadMeasurements& measurements);

}  // namespace smp
