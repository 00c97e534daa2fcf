// smp core: from a design to dots, split into sessions.
//
// Guarantees (tested as properties in tests/core/generator_test.cpp):
//   - Never merged: any two dots are at least (d_i + d_j) / 2 + 0.2 mm apart, centre to centre,
//     on the map and on the head (the scalp map's shape distortion is allowed for); a design too
//     dense for its dot size is refused (kInvalidArgument), never drawn merged.
//   - Blue noise: on smooth fields no dot's nearest neighbour is closer than 0.8 · r_t(d); across
//     a step edge at most 0.5 % are; no empty circle is wider than 1.4 · r_t; no periodic peak in
//     the spectrum.
//   - Density: d dots per cm²; 1 cm² cells within 4 % on average at full density (the allowance
//     grows as (100 / d)^0.75 for sparser targets, as for sessions).
//   - Nested sessions: sessions 1..k together are the pattern at their cumulative fraction of
//     the target, with the same spacing guarantees at that density.
//   - Pure: the same design gives the same dots natively and in WebAssembly, to the bit.
//   - Local: a dot's presence depends only on the target density at its own position, so an edit
//     changes dots inside the edited region only; UpdateDotsInRegion() gives exactly what a full
//     GenerateDots() of the edited design gives.
#pragma once

#include "core/blue_noise.h"
#include "core/density_field.h"
#include "core/design.h"
#include "core/spatial_grid.h"
#include "core/status.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace smp {

inline constexpr double kMinDotGapMm = 0.2;          // clear skin between two dots' edges
inline constexpr int64_t kMaxDotsPerDesign = 400'000;
inline constexpr double kRawSetHeadroom = 1.25;      // raw set density / densest target, for painting
// The densest a designer's brush paints, dots/cm² (above natural scalps): the designer reserves
// headroom up to it after a design loads, so that no stroke regenerates everything.
inline constexpr double kPaintingMaxPerCm2 = 120.0;

struct Dot {
    Vec2 position_mm;
    double diameter_mm = 0.25;
    int session = 1;               // 1-based: the session that tattoos this dot
    int zone = -1;                 // ZoneId on the scalp template, -1 on a flat one
    bool hairline = false;         // hairline zone: the session's hairline needle, lighter pigment
    bool dark_scatter = false;     // one of the final scatter of darker dots
    int scar = -1;                 // on this scar's tissue, or -1
    // The pigment mix: 3 per session, (session - 1) * 3 + 0 fill, + 1 hairline, + 2 dark scatter.
    int PigmentIndex() const { return (session - 1) * 3 + (hairline ? 1 : dark_scatter ? 2 : 0); }
};

// What the generator decided for one ranked point.
struct PointState {
    uint8_t session = 0;           // 0 = no dot, k = added in session k
    int8_t zone = -1;
    int8_t scar = -1;
    bool hairline = false;
};

// The generated pattern plus what a local update needs (the ranked raw set and a spatial index).
struct DotPattern {
    Design design;                       // the design these dots are of (seed, sessions' dot sizes and
                                         // pigments; what an update compares against)
    double width_mm = 0.0, height_mm = 0.0;   // the template's frame
    double top_rank_per_cm2 = 0.0;
    std::vector<RankedPoint> ranked;     // the progressive set over the frame
    std::vector<PointState> state;       // per ranked point
    std::shared_ptr<const DensityField> field;   // the design as compiled for these dots
    // Ranked-point indices by kBucketMm cell over the frame, for region updates.
    static constexpr double kBucketMm = 5.0;
    SpatialGrid<uint32_t> buckets;
    // The raw set's build, kept from a full generation until ReserveHeadroom grows the set in
    // place (about 130 bytes a ranked point meanwhile), for patterns generated with
    // RawSetBuild::kKeepForHeadroom and their regenerations (keeps_raw_set_build). Copies share
    // it; it serves the one whose ranked list it matches.
    std::shared_ptr<ProgressiveSetBuilder> raw_set_builder;
    bool keeps_raw_set_build = false;

    std::vector<Dot> Dots() const;                 // every dot, in a fixed order
    Dot DotAt(size_t ranked_index) const;          // the dot of a point that has one
    int64_t DotCount() const;
    int64_t DotCountInSession(int session) const;  // dots added by that session
};

// Whether a generated pattern keeps its raw set's build for ReserveHeadroom: the designer's do
// (the headroom then costs the extra points only: 15 ms instead of 40 for 78,400 dots natively),
// one-off uses (the CLI, exports) need not hold the memory.
enum class RawSetBuild { kDrop, kKeepForHeadroom };

// Generates the whole pattern. Errors: kInvalidArgument (too dense for the dot size, naming both),
// kLimitExceeded (more than kMaxDotsPerDesign dots would be made).
Expected<DotPattern> GenerateDots(const Design& design, RawSetBuild keep = RawSetBuild::kDrop);

// Grows the pattern's raw set to kRawSetHeadroom x the design's densest target (at most the
// design limit), so that painting denser by up to that stays a local update. The dots do not
// change. Meant for idle time after a design loads (the canvas work will call it); edits that
// go beyond the headroom grow the set themselves (UpdateDotsInRegion).
// `up_to_per_cm2`, when larger, reserves for painting up to that density instead (the designer
// passes its brush's maximum, so no stroke ever regenerates everything).
// A pattern holding its raw set's build (RawSetBuild::kKeepForHeadroom) grows in place, making
// only the extra points, and lets the build go; any other is built again to the higher rank.
// `grew_in_place`, when given, says which it was (false too when nothing had to grow).
Status ReserveHeadroom(const Design& design, DotPattern& pattern, double up_to_per_cm2 = 0.0, bool* grew_in_place = nullptr);
// Part of that growth ahead of it, for an idle frame: a pattern that grows in place has its build
// make at most `max_new_points` of the extra points, held back until ReserveHeadroom hands them
// out with the rest (and evaluates them). The dots, the pattern and the set it ends with are
// exactly as without it. True when nothing is left to make ahead: the points are all made, or
// the pattern will be built again (ReserveHeadroom then does all of it), or has room already.
bool AdvanceHeadroom(const Design& design, DotPattern& pattern, double up_to_per_cm2, size_t max_new_points);

// Brings the pattern to the edited design, re-evaluating only what the edit can have changed:
// `region_mm` (where the caller changed something) together with the reach of every layer that
// differs from the pattern's design (grown, within the reach of each unchanged smooth stroke
// above it, by SmoothSpreadMm), of a moved hairline (old and new) and of changed scars;
// everything when the sessions or the mode changed. When the edit changed the seed or the
// template, or raised the density above what the ranked set covers, it regenerates everything.
// Either way the result is exactly what GenerateDots(edited) gives. Same errors as GenerateDots.
Status UpdateDotsInRegion(const Design& edited, const RectMm& region_mm, DotPattern& pattern);

// The densest target the design asks for, dots/cm² (an upper bound over its layers), or the
// error that keeps it from compiling.
Expected<double> MaxDensityPerCm2(const Design& design);

}  // namespace smp
