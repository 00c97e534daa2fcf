// smp core: scars on the map, built from ScarSpecs.
//
// A FUT strip is its centre line with a width; an FUE field is a polygon holding `count` round
// scars about 1 mm across, placed from the design's seed (spread out, never overlapping, as
// punches are). The generator asks each scar how much it weighs at a point (1 on and next to
// the scar, easing to 0 over blend_mm: scar tissue takes pigment unevenly, so a wider area is
// blended) and whether a point is on scar tissue (for the plan's per-session counts).
#pragma once

#include <cstdint>

#include "core/design.h"
#include "core/spatial_grid.h"
#include "core/status.h"

#include <vector>

namespace smp {

class ScarGeometry {
public:
    // Errors: kInvalidArgument naming scars[index] (a strip needs two points, a field three).
    static Expected<ScarGeometry> Build(const ScarSpec& spec, size_t index, uint32_t seed);

    const ScarSpec& Spec() const { return spec_; }
    // Blend weight at p, 0..1.
    double WeightAt(const Vec2& p_mm) const;
    bool OnScarTissue(const Vec2& p_mm) const;
    // Where it changes anything (the scar grown by its blend).
    const RectMm& ReachMm() const { return reach_; }
    // FUE: the round scars' centres. FUT: empty.
    const std::vector<Vec2>& FueCentresMm() const { return fue_centres_; }
    // Scar tissue area, cm² (strip length × width, or count × disc area).
    double TissueAreaCm2() const { return tissue_area_cm2_; }
    double LengthMm() const { return length_mm_; }   // FUT strip length

private:
    ScarGeometry() = default;
    double DistanceToScarMm(const Vec2& p_mm) const;   // 0 on the scar

    ScarSpec spec_;
    RectMm reach_;
    std::vector<Vec2> fue_centres_;
    double tissue_area_cm2_ = 0.0, length_mm_ = 0.0;
    // FUE centres (indices into fue_centres_) by cell, each cell wider than a scar.
    SpatialGrid<uint32_t> centres_;
};

// Distance from p to a polyline (open) or polygon edge loop (closed), mm.
double PolylineDistanceMm(const std::vector<Vec2>& points_mm, bool closed, const Vec2& p_mm);

// How many round FUE scars of `scar_diameter_mm` a field of `field_mm2` holds: random placement
// jams at about 55 % coverage; at a third every punch finds its place. A field given more is refused.
int64_t FueScarsThatFit(double field_mm2, double scar_diameter_mm);

}  // namespace smp
