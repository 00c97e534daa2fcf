// smp core: a progressive (ranked) Poisson-disk point set, the raw material of every pattern.
//
// Each point carries a rank in dots/cm². For any density d, the points whose rank is at most d
// form a blue-noise set of d points per cm² with no two closer than about kClearance · r_t(d),
// r_t(d) = sqrt(0.70 / d) cm, and no hole wider than about r_t(d). A pattern at a *varying*
// density field is then the set of points whose rank is at most the field's value at the point
// itself. That one rule is what makes the engine:
//   - local: a point's presence depends only on the density at its own position;
//   - nested: the points at 30 % of the target are a subset of those at 70 %, and so on;
//   - a pure function of the seed: the set does not depend on the density field at all.
#pragma once

#include "core/geometry.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace smp {

struct RankedPoint {
    Vec2 position_mm;
    double rank_per_cm2;   // present wherever the target density is >= this
};

struct ProgressiveSetParams {
    RectMm area_mm;                   // points lie in [min, max) on both axes
    double max_density_per_cm2 = 100; // ranks go up to at least this (more only appends points)
    uint64_t seed = 1;
};

// Ranks below this share the spacing of this density (the first points of a large area need no
// larger spacing than this).
inline constexpr double kFirstLevelPerCm2 = 2.0;
// Each new point keeps at least this · r_t(d) from every earlier point, d its own rank: so the
// points ranked <= d are never closer than kClearance · r_t(d).
inline constexpr double kClearance = 0.86;
// New points go at a random spot within this fraction of the gap's radius from its centre (tried
// kJitterAttempts times against kClearance, then the centre): organic, with even counts.
inline constexpr double kJitter = 0.3;
inline constexpr int kJitterAttempts = 2;
// The set is built over the area grown by this much on every side, and cut back: the border of
// the area fills exactly like its middle.
inline constexpr double kBorderMarginMm = 4.0;

// Builds the set, in rank order. Growing max_density_per_cm2 only appends points: the first n
// points are the same whatever the maximum (this is what keeps edits local).
std::vector<RankedPoint> MakeProgressiveSet(const ProgressiveSetParams& params);

// The same set built in steps: each Grow() appends to `ranked` the points up to the top level of
// a higher density, exactly those a build for that density has beyond the ones given so far. So
// the designer shows a design first and reserves its painting headroom a frame later for the
// price of the extra points only, not of a second build. Between steps it holds the build's
// triangulation and gap queue, about 130 bytes a ranked point on a 28 cm field (more on small
// areas, whose margin is a larger share; RetainedBytes): drop it once grown.
class ProgressiveSetBuilder {
public:
    ProgressiveSetBuilder(const RectMm& area_mm, uint64_t seed);
    ~ProgressiveSetBuilder();
    ProgressiveSetBuilder(const ProgressiveSetBuilder&) = delete;
    ProgressiveSetBuilder& operator=(const ProgressiveSetBuilder&) = delete;

    // `ranked` holds what earlier calls appended (RankedCount() points), or is empty at first.
    void Grow(double max_density_per_cm2, std::vector<RankedPoint>& ranked);
    // Part of the next Grow() to that density, ahead of it: at most `max_new_points` more points
    // of the area are made and held back; the Grow() hands them out with the rest. So a growth
    // can be spread over idle frames, and gives exactly the points one Grow() would. True when
    // the points up to that density are all made.
    bool Advance(double max_density_per_cm2, size_t max_new_points);
    // Room for growing up to that density without moving the triangulation (which would hold
    // both copies at once: a WebAssembly heap never shrinks back).
    void Reserve(double max_density_per_cm2);
    size_t RankedCount() const;
    size_t RetainedBytes() const;

private:
    struct Build;
    std::unique_ptr<Build> build_;
};

// The highest rank a set built for `max_density_per_cm2` holds (>= it).
double TopLevelRankPerCm2(double max_density_per_cm2);

}  // namespace smp
