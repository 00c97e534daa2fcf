// smp core: the client's own hair that a design leaves (see natural_hair.h).
#include "core/natural_hair.h"

#include "core/det_math.h"
#include "core/random.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <variant>

namespace smp {
namespace {

// Keeps the hair's random numbers apart from the generator's, which key on the same seed.
constexpr int64_t kHairStream = 0x4E48;   // "NH"

bool IsFringe(ZoneId zone) {
    switch (zone) {
        case ZoneId::kTemporalLeft:
        case ZoneId::kTemporalRight:
        case ZoneId::kParietalLeft:
        case ZoneId::kParietalRight:
        case ZoneId::kOccipital: return true;
        case ZoneId::kFrontal:
        case ZoneId::kMidScalp:
        case ZoneId::kCrown: return false;
    }
    return false;
}

// Where the fringe's edge is sampled around a point: the point and two rings of kFringeEdgeRays
// points, at half and all of kFringeEdgeMm. Across a straight border the share of them on the
// fringe's side falls smoothly from 1 to 0 over 2 kFringeEdgeMm, half at the border itself. The
// outline (the nape line, the line around the ears) is a border too, seen from inside only: the
// hair thins to about half at it, as a natural nape hairline does, and stops there.
constexpr int kFringeEdgeRays = 12;
constexpr int kFringeEdgeSamples = 1 + 2 * kFringeEdgeRays;

struct FringeEdgeSampler {
    Vec2 offsets_mm[kFringeEdgeSamples];
    FringeEdgeSampler() {
        offsets_mm[0] = Vec2(0.0, 0.0);
        for (int i = 0; i < kFringeEdgeRays; ++i) {
            const double angle = (2.0 * kDetPi * i) / kFringeEdgeRays;
            const Vec2 unit(DetCos(angle), DetSin(angle));
            offsets_mm[1 + 2 * i] = unit * (0.5 * kFringeEdgeMm);
            offsets_mm[2 + 2 * i] = unit * kFringeEdgeMm;
        }
    }
    static bool IsFringeAt(const ScalpTemplate& scalp, const Vec2& q) { return IsFringe(scalp.ZoneAt(q)) && scalp.InsideOnRaster(q); }
    double Share(const ScalpTemplate& scalp, const Vec2& p) const {
        int fringe = 0;
        for (const Vec2& offset : offsets_mm) fringe += IsFringeAt(scalp, p + offset) ? 1 : 0;
        return static_cast<double>(fringe) / kFringeEdgeSamples;
    }
    // Share(scalp, p) > `share`, looking at only as many samples as it takes to know (about half
    // on average: the hair's generation asks this of every candidate).
    bool ShareExceeds(const ScalpTemplate& scalp, const Vec2& p, double share) const {
        int fringe = 0;
        for (int i = 0; i < kFringeEdgeSamples; ++i) {
            fringe += IsFringeAt(scalp, p + offsets_mm[i]) ? 1 : 0;
            if (static_cast<double>(fringe) / kFringeEdgeSamples > share) return true;
            if (static_cast<double>(fringe + (kFringeEdgeSamples - 1 - i)) / kFringeEdgeSamples <= share) return false;
        }
        return false;
    }
};

const FringeEdgeSampler& FringeEdge() {
    static const FringeEdgeSampler sampler;
    return sampler;
}

// The look a shaved design gives where the scalp is bare: its zones' highest target, at most
// natural density (natural_hair.h: the top's rule). 0 without a zones layer.
double FullLookPerCm2(const Design& design) {
    double full = 0.0;
    for (const DensityLayer& layer : design.layers) {
        if (const ZonesLayer* zones = std::get_if<ZonesLayer>(&layer)) {
            for (const std::optional<DensityValue>& target : zones->per_zone) {
                if (target) full = std::max(full, target->PerCm2());
            }
        }
    }
    return std::min(full, kNaturalDensityPerCm2);
}

// The full look at p as the design's hairline lets it reach there (none ahead of the line, its
// ramp through the transition zone), so the top's hair keeps the designed hairline.
double TopCeilingPerCm2(const DensityField& field, double full_per_cm2, const Vec2& p) {
    return field.Hairline() ? field.Hairline()->Apply(p, full_per_cm2) : full_per_cm2;
}

double RulePerCm2(const Design& design, const DensityField& field, const ScalpTemplate& scalp, const Vec2& p) {
    if (!scalp.Contains(p) || field.KindAt(p).scar >= 0) return 0.0;
    if (design.mode == TreatmentMode::kDensity) return kThinningHairShare * kNaturalDensityPerCm2;
    const double fringe_share = FringeEdge().Share(scalp, p);
    const double top = (1.0 - fringe_share) * TopCeilingPerCm2(field, FullLookPerCm2(design), p);
    return std::max(0.0, std::max(fringe_share * kNaturalDensityPerCm2, top) - field.PerCm2(p));
}

std::vector<NaturalHair> HairOf(const Design& design, const DensityField& field, const ScalpTemplate& scalp, size_t max_count) {
    std::vector<NaturalHair> hair;
    if (max_count == 0) return hair;
    const bool shaved = design.mode == TreatmentMode::kShaved;
    // A jittered grid with one candidate per cell at the highest density the rule can give: the
    // cells' own randomness (keyed by the cell, not by the order of the loop) keeps the result
    // independent of how the frame is walked.
    const double max_per_cm2 = shaved ? kNaturalDensityPerCm2 : kThinningHairShare * kNaturalDensityPerCm2;
    const double cell_mm = std::sqrt(100.0 / max_per_cm2);
    const int cols = static_cast<int>(std::ceil(scalp.WidthMm() / cell_mm));
    const int rows = static_cast<int>(std::ceil(scalp.HeightMm() / cell_mm));
    const Vec2 glabella = scalp.GetLandmarks().glabella_mm;
    const double full_look_per_cm2 = shaved ? FullLookPerCm2(design) : 0.0;
    const double min_length = shaved ? kShavedHairMinLengthMm : kThinningHairMinLengthMm;
    const double max_length = shaved ? kShavedHairMaxLengthMm : kThinningHairMaxLengthMm;
    for (int row = 0; row < rows; ++row) {
        for (int col = 0; col < cols; ++col) {
            Rng rng(HashCoords(design.seed, col, row, kHairStream));
            // One draw a statement: the order in which a call's arguments are evaluated is not
            // fixed (GCC and Clang differ), and the draws must come in the same order everywhere.
            const double u = rng.NextUnit();
            const double v = rng.NextUnit();
            const Vec2 p((col + u) * cell_mm, (row + v) * cell_mm);
            const double keep = rng.NextUnit();
            const double turn = (2.0 * rng.NextUnit() - 1.0) * kHairDirectionJitterDeg * kDetDegree;
            const double length = min_length + (max_length - min_length) * rng.NextUnit();
            if (shaved) {
                // Kept where keep x 80 + target < max(share x 80, (1 − share) x top ceiling)
                // (RulePerCm2's shaved rule). The fringe's part holds where its share exceeds
                // (keep x 80 + target) / 80, found with only as many samples as it takes to know;
                // the top's part needs the whole share, and only where its ceiling is above that.
                if (!scalp.Contains(p) || field.KindAt(p).scar >= 0) continue;
                const double need_per_cm2 = keep * max_per_cm2 + field.PerCm2(p);
                const double need = need_per_cm2 / kNaturalDensityPerCm2;
                const bool fringe_hair = need < 1.0 && FringeEdge().ShareExceeds(scalp, p, need);
                if (!fringe_hair) {
                    const double ceiling = full_look_per_cm2 > 0.0 ? TopCeilingPerCm2(field, full_look_per_cm2, p) : 0.0;
                    if (!(ceiling > need_per_cm2) || !((1.0 - FringeEdge().Share(scalp, p)) * ceiling > need_per_cm2)) continue;
                }
            } else if (!(keep * max_per_cm2 < RulePerCm2(design, field, scalp, p))) {
                continue;
            }
            // Combed away from the forehead: from the glabella outwards on the map.
            Vec2 away = p - glabella;
            const double away_len = std::sqrt(away.x() * away.x() + away.y() * away.y());
            away = away_len > 1e-9 ? Vec2(away.x() / away_len, away.y() / away_len) : Vec2(0.0, 1.0);
            const double s = DetSin(turn), c = DetCos(turn);
            NaturalHair h;
            h.map_mm = p;
            h.along_map = Vec2(c * away.x() - s * away.y(), s * away.x() + c * away.y());
            h.length_mm = length;
            h.width_mm = kHairShaftWidthMm;
            hair.push_back(h);
        }
    }
    if (hair.size() > max_count) {
        // Thinned evenly over the list (row by row, so evenly over the map), never truncated.
        std::vector<NaturalHair> kept(max_count);
        for (size_t j = 0; j < max_count; ++j) kept[j] = hair[static_cast<size_t>((static_cast<uint64_t>(j) * hair.size()) / max_count)];
        hair = std::move(kept);
    }
    return hair;
}

}  // namespace

std::vector<NaturalHair> NaturalHairOf(const Design& design, const ScalpTemplate& scalp, size_t max_count) {
    const Expected<DensityField> field = DensityField::Compile(design);
    if (!field.ok() || !field->Scalp()) return {};
    return HairOf(design, *field, scalp, max_count);
}

std::vector<NaturalHair> NaturalHairOf(const Design& design, const DensityField& field, size_t max_count) {
    if (!field.Scalp()) return {};
    return HairOf(design, field, *field.Scalp(), max_count);
}

double NaturalHairPerCm2(const Design& design, const DensityField& field, const Vec2& map_mm) {
    if (!field.Scalp()) return 0.0;
    return RulePerCm2(design, field, *field.Scalp(), map_mm);
}

}  // namespace smp
