// smp core: the hairline zone, built from a HairlineSpec.
//
// The control points give a smooth base curve (centripetal Catmull-Rom, so no loops or cusps);
// the curve is then displaced along its normal by two octaves of seeded value noise: a large,
// slow swing (over ~3 cm) and small jags (over ~4 mm), so it never reads as a ruler edge, and
// its two halves never mirror each other exactly (the noise runs along the whole curve). From
// the displaced line, measured by signed distance s (mm, negative ahead of the line):
//   s < -kStrayBandMm        nothing;
//   -kStrayBandMm <= s < 0   a few stray single dots (stray_per_cm2, patchy along the line);
//   0 <= s < transition_mm   the transition zone: density ramps up from a style-dependent
//                            floor, with small (single point) and lighter dots;
//   s >= transition_mm       the density the layers give.
// "Ahead" is the side of the forehead: the region between the line and the front of the map.
#pragma once

#include "core/design.h"
#include "core/spatial_grid.h"
#include "core/status.h"

#include <string>
#include <vector>

namespace smp {

inline constexpr double kStrayBandMm = 5.0;
inline constexpr double kLargeIrregularityWavelengthMm = 30.0;
inline constexpr double kSmallIrregularityWavelengthMm = 4.0;

// What a style means when the spec leaves a value unset.
struct HairlineStyleDefaults {
    double transition_mm;          // depth of the soft zone, 5..10 mm (Shapiro 2004)
    double large_irregularity_mm;
    double small_irregularity_mm;
    double stray_per_cm2;
    double ramp_floor;             // density share right behind the line (0..1)
};
HairlineStyleDefaults StyleDefaults(HairlineStyle style);
const char* StyleName(HairlineStyle style);   // "soft", "broken", "faded", "defined"

// A warning a plan carries: a stable code for programs, a sentence for people.
struct DesignWarning {
    std::string code;
    std::string message;
};

// [SECTION] Mirroring
//
// With mirror on, the spec gives the client's left half (from the temple to the midline, either
// way round) and the right half is its mirror image, set back by up to asymmetry_mm: a natural
// hairline is never a mirror image.

// A given point this close to the midline (mm) sits on it: it is not mirrored.
inline constexpr double kHairlineOnMidlineMm = 0.5;

// Where a control point of the curve comes from.
struct HairlineControlSource {
    int given_index = -1;    // into HairlineSpec::points_mm
    bool mirrored = false;   // the mirror image of that point, not the point itself
};

// The control points the hairline's curve runs through, from its left end to its right end:
// exactly those HairlineGeometry::Build draws the curve through (it calls this). Units: mm.
//   Mirror off: spec.points_mm, reversed when the first lies right of the last.
//   Mirror on:  the given points, ordered outer end first (so the list ends at the midline), then
//               their mirror images from the midline out to the right temple, except the last
//               given point when it lies within kHairlineOnMidlineMm of the midline. A point
//               `lateral` mm left of the midline is mirrored to (midline_x_mm + lateral,
//               y + asymmetry_mm · lateral / L), L the largest lateral distance of any given point,
//               at least 1 mm (so the outermost image sits back by the whole asymmetry).
// It checks nothing: Build rejects given points right of the midline with mirror on, fewer than
// two control points and repeated ones; here such points come back as they are (mirrored or not).
// `sources`, when given, receives for each returned point the given point it is or mirrors.
std::vector<Vec2> MirroredControlPointsMm(const HairlineSpec& spec, double midline_x_mm,
                                          std::vector<HairlineControlSource>* sources = nullptr);

class HairlineGeometry {
public:
    // Errors: kInvalidArgument when the control points cannot make a curve (fewer than two
    // after mirroring, a point repeated, the mirror half crossing the midline).
    static Expected<HairlineGeometry> Build(const HairlineSpec& spec, uint32_t seed, double midline_x_mm);

    // Signed distance to the displaced line, mm: negative ahead (forehead side). Values beyond
    // the zone's reach (kStrayBandMm ahead, transition_mm behind, plus a margin) are clamped to
    // ±kFarMm; only their sign matters.
    double SignedDistanceMm(const Vec2& p_mm) const;
    // The density after the hairline, given what the layers put at p.
    double Apply(const Vec2& p_mm, double layers_per_cm2) const;
    // In the transition zone or the stray band: small, light dots there.
    bool InHairlineZone(const Vec2& p_mm) const;

    const std::vector<Vec2>& BaseCurveMm() const { return base_; }
    const std::vector<Vec2>& LineMm() const { return line_; }   // displaced, every ~0.5 mm
    double TransitionMm() const { return transition_mm_; }
    double StrayPerCm2() const { return stray_per_cm2_; }
    RectMm ReachMm() const { return reach_; }                    // where it changes anything

    // Where the line crosses the midline (its most forward crossing), and measures of how
    // natural it is: the bow of the base curve (how far its middle sits ahead of the chord
    // joining its ends), the RMS of the displacement, and the mean distance between the left
    // half and the mirrored right half.
    Vec2 MidlineCrossingMm() const { return midline_crossing_; }
    double BowMm() const { return bow_mm_; }
    double IrregularityRmsMm() const { return irregularity_rms_mm_; }
    double MirrorDeviationMm() const { return mirror_deviation_mm_; }

    static constexpr double kFarMm = 1000.0;

private:
    HairlineGeometry() = default;
    bool Ahead(const Vec2& p_mm) const;
    double Patchiness(const Vec2& p_mm) const;

    std::vector<Vec2> base_, line_;
    std::vector<double> line_arc_mm_;
    double transition_mm_ = 8.0, stray_per_cm2_ = 0.0, ramp_floor_ = 0.2;
    uint64_t patch_seed_ = 0;
    RectMm reach_;
    // Segments of line_ bucketed two ways: by 1 mm x-columns (the ahead test counts crossings
    // below the point) and by square cells (distance queries).
    SpatialGrid<uint32_t> columns_;   // one row of 1 mm cells from a whole millimetre
    double cell_mm_ = 4.0;
    SpatialGrid<uint32_t> cells_;     // each segment in every cell within the reach of it
    Vec2 midline_crossing_ = Vec2::Zero();
    double bow_mm_ = 0.0, irregularity_rms_mm_ = 0.0, mirror_deviation_mm_ = 0.0;
};

// Seeded smooth 1D value noise in [-1, 1] (quintic interpolation of hashed lattice values; only
// + - * /, so it is bit-identical everywhere). `x` in lattice units.
double ValueNoise1D(uint64_t seed, double x);

}  // namespace smp
