#include "core/generator.h"

#include "core/design_diff.h"
#include "core/random.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <unordered_map>
#include <utility>
#include <string>

namespace smp {
namespace {

// What the design puts at a ranked point: the first session whose cumulative target reaches the
// point's rank, and the kind of dot there.
PointState StateFor(const RankedPoint& point, const DensityField& field, const std::vector<SessionSpec>& sessions) {
    PointState state;
    // A point ranked above the design's densest target has no dot anywhere (sessions take a
    // fraction <= 1 of the density): the density need not be looked up. Such are the painting
    // headroom's points, a fifth of a regenerated set's. The margin keeps the shortcut clear of any
    // rounding in a value interpolated between targets.
    if (point.rank_per_cm2 > field.MaxPerCm2() * (1.0 + 1e-9)) return state;
    const double density = field.PerCm2(point.position_mm);
    if (!(density > 0.0)) return state;
    for (size_t k = 0; k < sessions.size(); ++k) {
        if (point.rank_per_cm2 <= sessions[k].cumulative_fraction * density) {
            state.session = static_cast<uint8_t>(k + 1);
            break;
        }
    }
    if (state.session == 0) return state;
    const PointKind kind = field.KindAt(point.position_mm);
    state.zone = static_cast<int8_t>(kind.zone);
    state.scar = static_cast<int8_t>(kind.scar);
    state.hairline = kind.hairline;
    return state;
}

double DiameterOf(const PointState& state, const std::vector<SessionSpec>& sessions) {
    const SessionSpec& session = sessions[static_cast<size_t>(state.session - 1)];
    return state.hairline ? session.hairline_needle.dot_diameter_mm : session.fill_needle.dot_diameter_mm;
}

// Whether any two dots come closer than their mean diameter plus the gap: on the map, and on the
// head too. The scalp map keeps areas but not shapes, so a map distance can shrink on the head by
// up to sqrt(anisotropy); when that could matter, the close pairs are measured on the head itself.
//
// With `changed` (a local update), only pairs with a changed point are measured: the rest were
// measured before, so an edit costs its own neighbourhood, not the whole head.
Status CheckDotsDoNotMerge(const DotPattern& pattern, const std::vector<uint32_t>* changed = nullptr) {
    const DensityField& field = *pattern.field;
    const double distortion = std::sqrt(field.MaxAnisotropy());
    double largest_mm = 0.0;
    for (const SessionSpec& s : pattern.design.sessions) {
        largest_mm = std::max({largest_mm, s.hairline_needle.dot_diameter_mm, s.fill_needle.dot_diameter_mm});
    }
    const double widest_need_mm = (largest_mm + kMinDotGapMm) * distortion;
    // Points ranked <= d keep about kClearance · r_t(d) apart (2 % spare for how the fill counts
    // its density), and every dot's rank is at most the design's densest target: when that
    // spacing covers the largest dots however the map distorts, there is nothing to check.
    if (widest_need_mm <= 0.98 * kClearance * TargetSpacingMm(TopLevelRankPerCm2(field.MaxPerCm2()))) {
        return Status::Ok();
    }
    const ScalpTemplate* scalp = field.Scalp();
    // Lifted positions, filled as pairs need them (a local update lifts only its neighbourhood).
    std::unordered_map<size_t, std::optional<Vec3>> on_head;
    // The distance that counts: on the head where the map is the scalp's (chords: at a millimetre
    // the head's curvature makes no difference), on the map otherwise.
    auto distance_mm = [&](size_t i, size_t j) {
        if (scalp) {
            auto lift = [&](size_t k) -> const std::optional<Vec3>& {
                auto it = on_head.find(k);
                if (it == on_head.end()) it = on_head.emplace(k, scalp->HeadFromMap(pattern.ranked[k].position_mm)).first;
                return it->second;
            };
            const std::optional<Vec3>& a = lift(i);
            const std::optional<Vec3>& b = lift(j);
            if (a && b) return (*a - *b).norm();
        }
        return (pattern.ranked[i].position_mm - pattern.ranked[j].position_mm).norm();
    };
    double worst_shortfall = 0.0, worst_distance_mm = 0.0, worst_need_mm = 0.0;
    auto measure = [&](size_t i, size_t other, double diameter_i) {
        const double need_mm = (diameter_i + DiameterOf(pattern.state[other], pattern.design.sessions)) * 0.5 + kMinDotGapMm;
        if ((pattern.ranked[other].position_mm - pattern.ranked[i].position_mm).norm() >= need_mm * distortion) return;
        const double d = distance_mm(i, other);
        if (need_mm - d > worst_shortfall) {
            worst_shortfall = need_mm - d;
            worst_distance_mm = d;
            worst_need_mm = need_mm;
        }
    };
    if (changed) {
        // Neighbours from the pattern's own buckets (kBucketMm is far wider than any need).
        const GridShape& buckets = pattern.buckets.Shape();
        for (uint32_t i : *changed) {
            if (pattern.state[i].session == 0) continue;
            const double diameter_i = DiameterOf(pattern.state[i], pattern.design.sessions);
            pattern.buckets.ForEach(buckets.Around(buckets.CellOf(pattern.ranked[i].position_mm), 1), [&](uint32_t j) {
                if (j != i && pattern.state[j].session != 0) measure(i, j, diameter_i);
            });
        }
    } else {
        // Each pair once: every dot against the dots before it in cells of the widest need.
        const GridShape shape = GridShape::Covering(Vec2::Zero(), pattern.width_mm, pattern.height_mm, widest_need_mm);
        SpatialGrid<uint32_t>::Builder earlier(shape, pattern.ranked.size());
        for (size_t i = 0; i < pattern.ranked.size(); ++i) {
            if (pattern.state[i].session == 0) continue;
            const GridCell cell = shape.CellOf(pattern.ranked[i].position_mm);
            const double diameter_i = DiameterOf(pattern.state[i], pattern.design.sessions);
            earlier.ForEachAdded(shape.Around(cell, 1), [&](uint32_t j) { measure(i, j, diameter_i); });
            earlier.Add(shape.IndexOf(cell), static_cast<uint32_t>(i));
        }
    }
    if (worst_shortfall > 0.0) {
        char message[320];
        std::snprintf(message, sizeof message,
                      "a target density of %.0f dots/cm2 is too dense for %.2f mm dots: dots would come %.2f mm "
                      "apart%s and merge (they need %.2f mm)",
                      field.MaxPerCm2(), largest_mm, worst_distance_mm, scalp ? " on the head" : "", worst_need_mm);
        return {StatusCode::kInvalidArgument, message};
    }
    return Status::Ok();
}

// The raw set holds about its top density in points per cm² of the frame.
Status CheckRawSetSize(const DensityField& field, double top_per_cm2) {
    const double area_cm2 = field.FrameMm().WidthMm() * field.FrameMm().HeightMm() / 100.0;
    const double expected_points = top_per_cm2 * area_cm2;
    if (expected_points > static_cast<double>(kMaxDotsPerDesign)) {
        return {StatusCode::kLimitExceeded, "the design would need about " + std::to_string(static_cast<int64_t>(expected_points)) +
                                                " dots; the limit is " + std::to_string(kMaxDotsPerDesign)};
    }
    return Status::Ok();
}

void BuildBuckets(DotPattern& pattern) {
    const GridShape shape = GridShape::Covering(Vec2::Zero(), pattern.width_mm, pattern.height_mm, DotPattern::kBucketMm);
    SpatialGrid<uint32_t>::Builder buckets(shape, pattern.ranked.size());
    for (size_t i = 0; i < pattern.ranked.size(); ++i) buckets.AddAt(pattern.ranked[i].position_mm, static_cast<uint32_t>(i));
    pattern.buckets = std::move(buckets).Build();
}

// What the design puts at the ranked points from `first` on (the ones before are evaluated).
void EvaluatePointsFrom(DotPattern& pattern, size_t first) {
    pattern.state.resize(pattern.ranked.size());
    for (size_t i = first; i < pattern.ranked.size(); ++i) pattern.state[i] = StateFor(pattern.ranked[i], *pattern.field, pattern.design.sessions);
}

// The ranks a design's dots can have: up to its densest target.
double NeededTop(const DensityField& field) { return TopLevelRankPerCm2(field.MaxPerCm2()); }

// The ranks a raw set built for painting covers: kRawSetHeadroom more, within the design limit.
double HeadroomTop(const DensityField& field) {
    return std::max(NeededTop(field), std::min(kRawSetHeadroom * NeededTop(field), DesignLimits::kMaxDensityPerCm2));
}

// Builds the raw set up to `top` ranks (at least what the design needs) and evaluates every point.
// With `keep_build`, the set's build stays with the pattern (see DotPattern::raw_set_builder).
Expected<DotPattern> BuildPattern(const Design& design, std::shared_ptr<const DensityField> field, double top, bool keep_build) {
    if (Status s = CheckRawSetSize(*field, NeededTop(*field)); !s.ok()) return s;
    DotPattern pattern;
    pattern.width_mm = field->FrameMm().WidthMm();
    pattern.height_mm = field->FrameMm().HeightMm();
    pattern.top_rank_per_cm2 = TopLevelRankPerCm2(top);
    pattern.design = design;
    pattern.field = std::move(field);
    auto builder = std::make_shared<ProgressiveSetBuilder>(pattern.field->FrameMm(), design.seed);
    // A kept build will grow to the designer's painting headroom (ReserveHeadroom up to the
    // brush's densest): room for that now, when the limits allow it. (Reserving for the exact
    // headroom, up to 1.25x the design's densest, measured no better: 40.0 MiB of heap under node
    // for uniform-100 against 35.1.)
    const double painting_top = std::min(std::max(top, kPaintingMaxPerCm2), DesignLimits::kMaxDensityPerCm2);
    if (keep_build && CheckRawSetSize(*pattern.field, painting_top).ok()) builder->Reserve(painting_top);
    builder->Grow(pattern.top_rank_per_cm2, pattern.ranked);
    pattern.keeps_raw_set_build = keep_build;
    if (keep_build) pattern.raw_set_builder = std::move(builder);
    EvaluatePointsFrom(pattern, 0);
    if (Status s = CheckDotsDoNotMerge(pattern); !s.ok()) return s;
    BuildBuckets(pattern);
    return pattern;
}

Expected<std::shared_ptr<const DensityField>> CompileShared(const Design& design, const DensityField* previous) {
    if (design.sessions.empty()) return Status(StatusCode::kInvalidArgument, "the design has no sessions");
    Expected<DensityField> field = DensityField::Compile(design, previous);
    if (!field.ok()) return field.status();
    return std::make_shared<const DensityField>(std::move(field).value());
}

RectMm Union(const RectMm& a, const RectMm& b) {
    if (a.WidthMm() < 0.0 || a.HeightMm() < 0.0) return b;
    if (b.WidthMm() < 0.0 || b.HeightMm() < 0.0) return a;
    return {a.min_mm.cwiseMin(b.min_mm), a.max_mm.cwiseMax(b.max_mm)};
}

// Where an edit from the pattern's design to `edited` (what differs: `diff`) can have changed a
// dot (see the header).
RectMm RegionToUpdate(const DotPattern& pattern, const Design& edited, const DesignDiff& diff, const DensityField& field, const RectMm& given) {
    const Design& before = pattern.design;
    const RectMm frame = field.FrameMm();
    // The sessions' count and cumulative fractions decide every dot's session (StateFor).
    const bool everywhere = diff.mode || diff.session_fractions || before.scars.size() != edited.scars.size() ||
                            before.hairline.has_value() != edited.hairline.has_value();
    if (everywhere) return frame;
    RectMm region = given;
    // Layers: the reach of every layer that is new, gone or different (old and new). An unchanged
    // smooth stroke above a change averages it: within its own reach, the change spreads by the
    // stroke's kernel (and on to the smooth strokes above that one).
    const size_t layers = std::max(before.layers.size(), edited.layers.size());
    std::vector<RectMm> changed;   // where the layers so far give other values than before
    for (size_t i = 0; i < layers; ++i) {
        const bool in_before = i < before.layers.size(), in_edited = i < edited.layers.size();
        if (in_before && in_edited && !diff.layer_changed[i]) {
            const auto* stroke = std::get_if<StrokeLayer>(&edited.layers[i]);
            if (!stroke || stroke->blend != StrokeLayer::Blend::kSmooth || changed.empty()) continue;
            const RectMm reach = LayerReachMm(edited.layers[i], frame);
            const Vec2 spread = Vec2::Constant(SmoothSpreadMm(*stroke));
            const size_t count = changed.size();
            for (size_t k = 0; k < count; ++k) {
                const RectMm spread_change{(changed[k].min_mm - spread).cwiseMax(reach.min_mm), (changed[k].max_mm + spread).cwiseMin(reach.max_mm)};
                if (spread_change.WidthMm() < 0.0 || spread_change.HeightMm() < 0.0) continue;
                changed.push_back(spread_change);
                region = Union(region, spread_change);
            }
        } else if (in_before && in_edited) {
            // A stroke being painted changes only near its new segments; anything else, everywhere
            // it reaches, old and new.
            const std::optional<RectMm> appended = AppendedStrokeReachMm(before.layers[i], edited.layers[i]);
            for (bool old_one : {true, false}) {
                if (appended && !old_one) break;
                const RectMm reach = appended ? *appended : LayerReachMm(old_one ? before.layers[i] : edited.layers[i], frame);
                changed.push_back(reach);
                region = Union(region, reach);
            }
        } else {
            for (bool old_one : {true, false}) {
                if (old_one ? !in_before : !in_edited) continue;
                const RectMm reach = LayerReachMm(old_one ? before.layers[i] : edited.layers[i], frame);
                changed.push_back(reach);
                region = Union(region, reach);
            }
        }
        // Many scattered changes under many smooth strokes: one rectangle round them all will do.
        if (changed.size() > 64) {
            RectMm all = changed.front();
            for (const RectMm& rect : changed) all = Union(all, rect);
            changed.assign(1, all);
        }
    }
    // A moved hairline changes dots within its reach, old and new.
    if (before.hairline && diff.hairline) {
        if (pattern.field && pattern.field->Hairline()) region = Union(region, pattern.field->Hairline()->ReachMm());
        if (field.Hairline()) region = Union(region, field.Hairline()->ReachMm());
    }
    for (size_t i = 0; i < edited.scars.size(); ++i) {
        if (!diff.scar_changed[i]) continue;
        if (pattern.field && i < pattern.field->Scars().size()) region = Union(region, pattern.field->Scars()[i].ReachMm());
        if (i < field.Scars().size()) region = Union(region, field.Scars()[i].ReachMm());
    }
    return region;
}

}  // namespace

Expected<double> MaxDensityPerCm2(const Design& design) {
    Expected<DensityField> field = DensityField::Compile(design);
    if (!field.ok()) return field.status();
    return field->MaxPerCm2();
}

Expected<DotPattern> GenerateDots(const Design& design, RawSetBuild keep) {
    Expected<std::shared_ptr<const DensityField>> field = CompileShared(design, nullptr);
    if (!field.ok()) return field.status();
    const double top = NeededTop(**field);
    return BuildPattern(design, std::move(field).value(), top, keep == RawSetBuild::kKeepForHeadroom);
}

namespace {

// The rank ReserveHeadroom grows the set to.
double ReservedTop(const DotPattern& pattern, double up_to_per_cm2) {
    return std::max(HeadroomTop(*pattern.field), std::min(up_to_per_cm2, DesignLimits::kMaxDensityPerCm2));
}

// The pattern's own build, when it still matches the pattern (a copy may have grown it) and the
// design is the pattern's: it can carry on from where it stopped.
bool CanGrowInPlace(const Design& design, const DotPattern& pattern) {
    return pattern.raw_set_builder && pattern.raw_set_builder->RankedCount() == pattern.ranked.size() &&
           IdenticalDesigns(design, pattern.design);
}

}  // namespace

bool AdvanceHeadroom(const Design& design, DotPattern& pattern, double up_to_per_cm2, size_t max_new_points) {
    if (!pattern.field || !CanGrowInPlace(design, pattern)) return true;
    const double top = ReservedTop(pattern, up_to_per_cm2);
    if (TopLevelRankPerCm2(top) <= pattern.top_rank_per_cm2) return true;
    return pattern.raw_set_builder->Advance(top, max_new_points);
}

Status ReserveHeadroom(const Design& design, DotPattern& pattern, double up_to_per_cm2, bool* grew_in_place) {
    if (grew_in_place) *grew_in_place = false;
    if (!pattern.field) return Status::Ok();
    const double top = ReservedTop(pattern, up_to_per_cm2);
    if (TopLevelRankPerCm2(top) <= pattern.top_rank_per_cm2) {
        // Room enough already (a regeneration builds with headroom): the kept build goes too.
        pattern.raw_set_builder.reset();
        return Status::Ok();
    }
    // The set grown to a higher rank starts with exactly the points it had, so the dots stay.
    // The pattern's own build, when it still matches (a copy may have grown it), carries on from
    // where it stopped: only the extra points are made, and nothing else changes. Either way the
    // build is let go afterwards: the headroom is the last growth a design normally needs.
    const bool in_place = CanGrowInPlace(design, pattern);
    std::shared_ptr<ProgressiveSetBuilder> builder = std::move(pattern.raw_set_builder);
    if (in_place) {
        const size_t before = pattern.ranked.size();
        builder->Grow(top, pattern.ranked);
        pattern.top_rank_per_cm2 = TopLevelRankPerCm2(top);
        EvaluatePointsFrom(pattern, before);
        BuildBuckets(pattern);
        if (grew_in_place) *grew_in_place = true;
        return Status::Ok();
    }
    Expected<DotPattern> grown = BuildPattern(design, pattern.field, top, false);
    if (!grown.ok()) return grown.status();
    grown->keeps_raw_set_build = pattern.keeps_raw_set_build;
    pattern = std::move(grown).value();
    return Status::Ok();
}

Status UpdateDotsInRegion(const Design& edited, const RectMm& region_mm, DotPattern& pattern) {
    Expected<std::shared_ptr<const DensityField>> compiled = CompileShared(edited, pattern.field.get());
    if (!compiled.ok()) return compiled.status();
    std::shared_ptr<const DensityField> field = std::move(compiled).value();
    const DesignDiff diff = DiffDesigns(pattern.design, edited);
    const bool same_raw_material = !diff.seed && !diff.template_spec &&
                                   field->FrameMm().WidthMm() == pattern.width_mm &&
                                   field->FrameMm().HeightMm() == pattern.height_mm &&
                                   NeededTop(*field) <= pattern.top_rank_per_cm2;
    if (!same_raw_material) {
        // A denser edit grows the raw set (with headroom for the strokes that follow); a new seed
        // or template starts over. Either way the result is what GenerateDots would give.
        const double top = HeadroomTop(*field);
        Expected<DotPattern> full = BuildPattern(edited, std::move(field), top, pattern.keeps_raw_set_build);
        if (!full.ok()) return full.status();
        pattern = std::move(full).value();
        return Status::Ok();
    }
    const RectMm region_to_update = RegionToUpdate(pattern, edited, diff, *field, region_mm);
    // Remember what changes, so a refused edit leaves the pattern as it was.
    std::vector<std::pair<uint32_t, PointState>> previous;
    // (One copy of the design per update: the previous one moves aside, it is not copied.)
    std::shared_ptr<const DensityField> previous_field = std::exchange(pattern.field, field);
    Design previous_design = std::exchange(pattern.design, edited);
    const RectMm& update = region_to_update;
    pattern.buckets.ForEach(pattern.buckets.Shape().Clamped(update), [&](uint32_t i) {
        if (!update.Contains(pattern.ranked[i].position_mm)) return;
        previous.emplace_back(i, pattern.state[i]);
        pattern.state[i] = StateFor(pattern.ranked[i], *field, pattern.design.sessions);
    });
    // Denser or larger dots may now come too close (the check is free when the spacing covers
    // them); a refused edit leaves the pattern as it was.
    std::vector<uint32_t> changed;
    changed.reserve(previous.size());
    for (const auto& [i, state] : previous) {
        if (pattern.state[i].session != state.session || pattern.state[i].hairline != state.hairline) changed.push_back(i);
    }
    // New sessions (other needles) can change every dot's size: then everything is measured.
    const bool same_sizes = !diff.dot_sizes;
    if (Status s = CheckDotsDoNotMerge(pattern, same_sizes ? &changed : nullptr); !s.ok()) {
        for (const auto& [i, state] : previous) pattern.state[i] = state;
        pattern.field = std::move(previous_field);
        pattern.design = std::move(previous_design);
        return s;
    }
    return Status::Ok();
}

Dot DotPattern::DotAt(size_t i) const {
    const PointState& s = state[i];
    Dot dot;
    dot.position_mm = ranked[i].position_mm;
    dot.session = s.session;
    dot.zone = s.zone;
    dot.scar = s.scar;
    dot.hairline = s.hairline;
    dot.diameter_mm = DiameterOf(s, design.sessions);
    const SessionSpec& session = design.sessions[static_cast<size_t>(s.session - 1)];
    if (!s.hairline && session.dark_scatter_percent > 0.0) {
        // Which dots are the darker scatter: a hash of the point, so the choice is local and stable.
        const double draw = static_cast<double>(HashCoords(design.seed, 0xDA4C, static_cast<int64_t>(i)) >> 11) * 0x1.0p-53;
        dot.dark_scatter = draw * 100.0 < session.dark_scatter_percent;
    }
    return dot;
}

std::vector<Dot> DotPattern::Dots() const {
    std::vector<Dot> dots;
    dots.reserve(static_cast<size_t>(DotCount()));
    for (size_t i = 0; i < ranked.size(); ++i) {
        if (state[i].session != 0) dots.push_back(DotAt(i));
    }
    return dots;
}

int64_t DotPattern::DotCount() const {
    return std::count_if(state.begin(), state.end(), [](const PointState& s) { return s.session != 0; });
}

int64_t DotPattern::DotCountInSession(int session) const {
    return std::count_if(state.begin(), state.end(), [session](const PointState& s) { return s.session == session; });
}

}  // namespace smp
