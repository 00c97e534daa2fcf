// smp core: the client's own hair that a design leaves, for the head views to draw under the dots.
//
// SMP is rarely done on a bare scalp: in the shaved look the fringe that male pattern loss keeps
// (temples, sides, back) still grows hair, shaved to stubble; in density mode the dots go between
// the client's existing, thinning hair. A preview that shows only the dots shows neither, and
// misleads about how dense a zone looks. This file says where that hair is, as a plain list the
// CPU head render draws (export/head_render.h) and the GPU head view can upload.
//
// The rule (DOMAIN.md's figures):
//   - shaved look: stubble in the fringe zones (temporal, parietal, occipital: the hair
//     Hamilton-Norwood loss leaves), at max(0, kNaturalDensityPerCm2 − the design's target there)
//     follicular units per cm² (natural scalps: about 80 FU/cm²). A design that paints less where
//     hair remains is shown with the hair making up the rest; where it paints the full 80, none.
//     The fringe's upper edge is soft, as a horseshoe's edge thins out rather than stopping at a
//     line: the 80 is scaled by the share of the fringe within kFringeEdgeMm (sampled on two
//     rings), so it ramps from 80 to 0 over kFringeEdgeMm either side of the zones' border. Points
//     outside the outline are not fringe, so the hair also thins out towards the nape line and
//     around the ears (to about half at the outline, where it stops), as natural hairlines do.
//     On the top (frontal, mid-scalp, crown) the client keeps hair where the design paints less
//     than its full look: the presets fill bare areas at the design's highest zone target (70
//     dots/cm²) and paint less where hair remains, "blended with the shaved hair" (Norwood II's
//     mid-scalp at 35, III vertex's at 40). So the top's hair makes up the target to that full
//     look, max(0, full − target), as far as the design's hairline lets the full look reach (none
//     ahead of the line, its ramp through the transition zone, so the designed hairline stays
//     soft), and fades where the fringe's share takes over: the rule is max(share × 80, (1 −
//     share) × full there) − target. A design with every top zone at its full look (Norwood VI,
//     VII) keeps a bare top; one without a zones layer has no full look and no hair on top.
//     Each unit is a short shaft at the shaved length: 0.02-0.35 mm, anywhere in the day after a
//     shave (scalp hair grows about 0.35 mm a day, a centimetre a month), as a client with the
//     shaved look keeps the fringe (shaved daily, so that it matches the dots),
//     0.08 mm wide (a Caucasian shaft, about 80 µm). How it looks, its hairs' shafts under the
//     skin included, is the tone model's (core/tone_model.h, ShavedUnitMarkOf).
//   - density mode: the client's thinning hair everywhere inside the outline, at
//     kThinningHairShare of natural density (30 %: under the 50 % that already looks full, so it
//     reads as thin), as strands 3-6 mm long lying along the way hair is combed: away from the
//     forehead (from the glabella outwards on the map: back over the top, down at the sides and
//     the back), within ±15°.
//   - never outside the template's outline, nor on scar tissue (scars grow no hair).
//
// Guarantees (tests/core/natural_hair_test.cpp): the same design gives the same hair, bit for bit,
// natively and in WebAssembly (randomness from random.h keyed by the design's seed and the cell,
// geometry with + - * / sqrt and DetSin/DetCos); the density in any zone is the rule's within
// sampling noise (one candidate per cell of a jittered grid sized for the highest density, kept
// with probability density / highest); at most `max_count` entries (thinned evenly beyond it).
#pragma once

#include "core/density_field.h"
#include "core/design.h"
#include "core/scalp_template.h"

#include <cstddef>
#include <vector>

namespace smp {

struct NaturalHair {
    Vec2 map_mm;          // where the hair leaves the skin, map mm (template frame)
    Vec2 along_map;       // unit direction of the strand on the map: the way it lies
    double length_mm = 0.0;   // visible length along the skin, mm
    double width_mm = 0.0;    // shaft diameter, mm
};

inline constexpr size_t kMaxNaturalHairs = 60'000;
inline constexpr double kHairShaftWidthMm = 0.08;          // DOMAIN.md: about 80 µm (Caucasian)
inline constexpr double kShavedHairMinLengthMm = 0.02;     // stubble, from just after a shave
inline constexpr double kShavedHairMaxLengthMm = 0.35;     // to a day's growth
inline constexpr double kThinningHairShare = 0.3;          // density mode: of kNaturalDensityPerCm2
inline constexpr double kThinningHairMinLengthMm = 3.0;
inline constexpr double kThinningHairMaxLengthMm = 6.0;
inline constexpr double kHairDirectionJitterDeg = 15.0;
inline constexpr double kFringeEdgeMm = 10.0;              // shaved: the fringe thins out over this either side of its border

// The hair of `design` on `scalp` (the design's target density comes from compiling it; the
// geometry, outline and zones from `scalp`). Empty when the design does not compile (its errors
// are the generator's to report) or has no hair by the rule (a shaved design at 80/cm² or more
// over the whole fringe).
std::vector<NaturalHair> NaturalHairOf(const Design& design, const ScalpTemplate& scalp, size_t max_count = kMaxNaturalHairs);
// The same from a field already compiled from `design` (what a DotPattern holds); empty on a flat
// template (no head, no hair).
std::vector<NaturalHair> NaturalHairOf(const Design& design, const DensityField& field, size_t max_count = kMaxNaturalHairs);

// The density of natural hair the rule gives at a map point, follicular units per cm² (0 outside
// the outline): what the tests measure against.
double NaturalHairPerCm2(const Design& design, const DensityField& field, const Vec2& map_mm);

}  // namespace smp
