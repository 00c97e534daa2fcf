// smp core: a progressive (ranked) Poisson-disk point set, the raw material of every pattern.
//
// Each point carries a rank in dots/cm². For any density d, the points whose rank is at most d
// form a blue-noise set of about d points per cm² with no two closer than
// kSpacingFactor · r_t(d), r_t(d) = sqrt(0.70 / d) cm. A pattern at a *varying* density field is
// then the set of points whose rank is at most the field's value at the point itself. That one
// rule is what makes the engine:
//   - local: a point's presence depends only on the density at its own position;
//   - nested: the points at 30 % of the target are a subset of those at 70 %, and so on;
//   - a pure function of the seed: the set does not depend on the density field at all.
#pragma once

#include "core/geometry.h"

#include <cstdint>
#include <vector>

namespace smp {

struct RankedPoint {
    Vec2 position_mm;
    double rank_per_cm2;   // present wherever the target density is >= this
};

struct ProgressiveSetParams {
    RectMm area_mm;                   // points lie in [min, max) on both axes
    double max_density_per_cm2 = 100; // ranks go up to at least this
    uint64_t seed = 1;
};

// The density levels the set is built in: a fixed geometric sequence (independent of the
// field), so raising the maximum density only appends levels and never moves existing points.
inline constexpr double kFirstLevelPerCm2 = 2.0;
inline constexpr double kLevelRatio = 1.08;
// Minimum distance at level density d, as a fraction of r_t(d). Calibrated so that the count of
// points with rank <= d matches d per cm²: this level-by-level dart throwing leaves ~0.59 points
// per R² at radius R, against the 0.70 / r_t² that defines r_t.
inline constexpr double kSpacingFactor = 0.915;

// Builds the set. Points come in build order (level by level); the order is part of the result.
std::vector<RankedPoint> MakeProgressiveSet(const ProgressiveSetParams& params);

// Rank of the last level needed for `max_density_per_cm2` (>= it).
double TopLevelRankPerCm2(double max_density_per_cm2);

}  // namespace smp
