#include "core/generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace smp {
namespace {

// Which session adds the point: the first whose cumulative target reaches the point's rank.
uint8_t SessionFor(const RankedPoint& point, const Design& design) {
    const double density = DensityAtPerCm2(design, point.position_mm);
    if (!(density > 0.0)) return 0;
    for (size_t k = 0; k < design.sessions.size(); ++k) {
        if (point.rank_per_cm2 <= design.sessions[k].cumulative_fraction * density) return static_cast<uint8_t>(k + 1);
    }
    return 0;
}

// Whether any two dots present come closer than their diameter plus the gap (grid, O(n)).
// Returns the closest distance found when they do.
Status CheckDotsDoNotMerge(const Design& design, const DotPattern& pattern) {
    const double needed_mm = design.dot_diameter_mm + kMinDotGapMm;
    // Points ranked <= d keep about kClearance · r_t(d) apart (2 % spare for how the fill counts
    // its density), and every dot's rank is at most the design's densest target: when that
    // spacing covers the dots, there is nothing to check.
    if (needed_mm <= 0.98 * kClearance * TargetSpacingMm(TopLevelRankPerCm2(MaxDensityPerCm2(design)))) {
        return Status::Ok();
    }
    const double cell_mm = needed_mm;
    const int cols = std::max(1, static_cast<int>(std::ceil(pattern.area.width_mm / cell_mm)));
    const int rows = std::max(1, static_cast<int>(std::ceil(pattern.area.height_mm / cell_mm)));
    std::vector<int> head(static_cast<size_t>(cols) * static_cast<size_t>(rows), -1);
    std::vector<int> next(pattern.ranked.size(), -1);
    double closest_mm = 1e30;
    for (size_t i = 0; i < pattern.ranked.size(); ++i) {
        if (pattern.session_of[i] == 0) continue;
        const Vec2& p = pattern.ranked[i].position_mm;
        const int cx = std::clamp(static_cast<int>(p.x() / cell_mm), 0, cols - 1);
        const int cy = std::clamp(static_cast<int>(p.y() / cell_mm), 0, rows - 1);
        for (int y = std::max(0, cy - 1); y <= std::min(rows - 1, cy + 1); ++y) {
            for (int x = std::max(0, cx - 1); x <= std::min(cols - 1, cx + 1); ++x) {
                for (int j = head[static_cast<size_t>(y) * static_cast<size_t>(cols) + static_cast<size_t>(x)]; j >= 0;
                     j = next[static_cast<size_t>(j)]) {
                    closest_mm = std::min(closest_mm, (pattern.ranked[static_cast<size_t>(j)].position_mm - p).norm());
                }
            }
        }
        const size_t cell = static_cast<size_t>(cy) * static_cast<size_t>(cols) + static_cast<size_t>(cx);
        next[i] = head[cell];
        head[cell] = static_cast<int>(i);
    }
    if (closest_mm < needed_mm) {
        char message[256];
        std::snprintf(message, sizeof message,
                      "a target density of %.0f dots/cm2 is too dense for %.2f mm dots: dots would come %.2f mm "
                      "apart and merge (they need %.2f mm)",
                      MaxDensityPerCm2(design), design.dot_diameter_mm, closest_mm, needed_mm);
        return {StatusCode::kInvalidArgument, message};
    }
    return Status::Ok();
}

// The raw set holds about its top density in points per cm² of template.
Status CheckRawSetSize(const Design& design, double top_per_cm2) {
    const double area_cm2 = design.flat_template.width_mm * design.flat_template.height_mm / 100.0;
    const double expected_points = top_per_cm2 * area_cm2;
    if (expected_points > static_cast<double>(kMaxDotsPerDesign)) {
        return {StatusCode::kLimitExceeded, "the design would need about " + std::to_string(static_cast<int64_t>(expected_points)) +
                                                " dots; the limit is " + std::to_string(kMaxDotsPerDesign)};
    }
    return Status::Ok();
}

void BuildBuckets(DotPattern& pattern) {
    pattern.bucket_cols = std::max(1, static_cast<int>(std::ceil(pattern.area.width_mm / pattern.bucket_mm)));
    pattern.bucket_rows = std::max(1, static_cast<int>(std::ceil(pattern.area.height_mm / pattern.bucket_mm)));
    const size_t buckets = static_cast<size_t>(pattern.bucket_cols) * static_cast<size_t>(pattern.bucket_rows);
    auto bucket_of = [&](const Vec2& p) {
        const int col = std::clamp(static_cast<int>(p.x() / pattern.bucket_mm), 0, pattern.bucket_cols - 1);
        const int row = std::clamp(static_cast<int>(p.y() / pattern.bucket_mm), 0, pattern.bucket_rows - 1);
        return static_cast<size_t>(row) * static_cast<size_t>(pattern.bucket_cols) + static_cast<size_t>(col);
    };
    pattern.bucket_start.assign(buckets + 1, 0);
    for (const RankedPoint& point : pattern.ranked) ++pattern.bucket_start[bucket_of(point.position_mm) + 1];
    for (size_t b = 0; b < buckets; ++b) pattern.bucket_start[b + 1] += pattern.bucket_start[b];
    pattern.bucket_items.assign(pattern.ranked.size(), 0);
    std::vector<uint32_t> fill(pattern.bucket_start.begin(), pattern.bucket_start.end() - 1);
    for (size_t i = 0; i < pattern.ranked.size(); ++i) {
        pattern.bucket_items[fill[bucket_of(pattern.ranked[i].position_mm)]++] = static_cast<uint32_t>(i);
    }
}

}  // namespace

double MaxDensityPerCm2(const Design& design) {
    double max_density = 0.0;
    for (const GridLayer& layer : design.layers) {
        for (double value : layer.per_cm2) max_density = std::max(max_density, value);
    }
    return max_density;
}

namespace {

// The ranks a design's dots can have: up to its densest target.
double NeededTop(const Design& design) { return TopLevelRankPerCm2(MaxDensityPerCm2(design)); }

// The ranks a raw set built for painting covers: kRawSetHeadroom more, within the design limit.
double HeadroomTop(const Design& design) {
    return std::max(NeededTop(design), std::min(kRawSetHeadroom * NeededTop(design), DesignLimits::kMaxDensityPerCm2));
}

// Builds the raw set up to `top` ranks (at least what the design needs) and evaluates every point.
Expected<DotPattern> BuildPattern(const Design& design, double top) {
    if (Status s = CheckRawSetSize(design, NeededTop(design)); !s.ok()) return s;
    DotPattern pattern;
    pattern.seed = design.seed;
    pattern.area = design.flat_template;
    pattern.top_rank_per_cm2 = TopLevelRankPerCm2(top);
    pattern.dot_diameter_mm = design.dot_diameter_mm;
    ProgressiveSetParams params;
    params.area_mm = {Vec2::Zero(), Vec2(design.flat_template.width_mm, design.flat_template.height_mm)};
    params.max_density_per_cm2 = pattern.top_rank_per_cm2;
    params.seed = design.seed;
    pattern.ranked = MakeProgressiveSet(params);
    pattern.session_of.resize(pattern.ranked.size());
    for (size_t i = 0; i < pattern.ranked.size(); ++i) pattern.session_of[i] = SessionFor(pattern.ranked[i], design);
    if (Status s = CheckDotsDoNotMerge(design, pattern); !s.ok()) return s;
    BuildBuckets(pattern);
    return pattern;
}

}  // namespace

Expected<DotPattern> GenerateDots(const Design& design) { return BuildPattern(design, NeededTop(design)); }

Status ReserveHeadroom(const Design& design, DotPattern& pattern) {
    if (HeadroomTop(design) <= pattern.top_rank_per_cm2) return Status::Ok();
    // The set grown to a higher rank starts with exactly the points it had, so the dots stay.
    Expected<DotPattern> grown = BuildPattern(design, HeadroomTop(design));
    if (!grown.ok()) return grown.status();
    pattern = std::move(grown).value();
    return Status::Ok();
}

Status UpdateDotsInRegion(const Design& edited, const RectMm& region_mm, DotPattern& pattern) {
    const bool same_raw_material = edited.seed == pattern.seed &&
                                   edited.flat_template.width_mm == pattern.area.width_mm &&
                                   edited.flat_template.height_mm == pattern.area.height_mm &&
                                   NeededTop(edited) <= pattern.top_rank_per_cm2;
    if (!same_raw_material) {
        // A denser edit grows the raw set (with headroom for the strokes that follow); a new seed
        // or template starts over. Either way the result is what GenerateDots would give.
        Expected<DotPattern> full = BuildPattern(edited, HeadroomTop(edited));
        if (!full.ok()) return full.status();
        pattern = std::move(full).value();
        return Status::Ok();
    }
    // Remember what changes, so a refused edit leaves the pattern as it was.
    std::vector<std::pair<uint32_t, uint8_t>> previous;
    const int col0 = std::clamp(static_cast<int>(std::floor(region_mm.min_mm.x() / pattern.bucket_mm)), 0, pattern.bucket_cols - 1);
    const int col1 = std::clamp(static_cast<int>(std::floor(region_mm.max_mm.x() / pattern.bucket_mm)), 0, pattern.bucket_cols - 1);
    const int row0 = std::clamp(static_cast<int>(std::floor(region_mm.min_mm.y() / pattern.bucket_mm)), 0, pattern.bucket_rows - 1);
    const int row1 = std::clamp(static_cast<int>(std::floor(region_mm.max_mm.y() / pattern.bucket_mm)), 0, pattern.bucket_rows - 1);
    for (int row = row0; row <= row1; ++row) {
        for (int col = col0; col <= col1; ++col) {
            const size_t bucket = static_cast<size_t>(row) * static_cast<size_t>(pattern.bucket_cols) + static_cast<size_t>(col);
            for (uint32_t k = pattern.bucket_start[bucket]; k < pattern.bucket_start[bucket + 1]; ++k) {
                const uint32_t i = pattern.bucket_items[k];
                if (!region_mm.Contains(pattern.ranked[i].position_mm)) continue;
                previous.emplace_back(i, pattern.session_of[i]);
                pattern.session_of[i] = SessionFor(pattern.ranked[i], edited);
            }
        }
    }
    // Denser or larger dots may now come too close (the check is free when the spacing covers
    // them); a refused edit leaves the pattern as it was.
    const double old_diameter = pattern.dot_diameter_mm;
    pattern.dot_diameter_mm = edited.dot_diameter_mm;
    if (Status s = CheckDotsDoNotMerge(edited, pattern); !s.ok()) {
        for (const auto& [i, session] : previous) pattern.session_of[i] = session;
        pattern.dot_diameter_mm = old_diameter;
        return s;
    }
    return Status::Ok();
}

std::vector<Dot> DotPattern::Dots() const {
    std::vector<Dot> dots;
    dots.reserve(static_cast<size_t>(DotCount()));
    for (size_t i = 0; i < ranked.size(); ++i) {
        if (session_of[i] != 0) dots.push_back({ranked[i].position_mm, dot_diameter_mm, session_of[i]});
    }
    return dots;
}

int64_t DotPattern::DotCount() const {
    return std::count_if(session_of.begin(), session_of.end(), [](uint8_t s) { return s != 0; });
}

int64_t DotPattern::DotCountInSession(int session) const {
    return std::count(session_of.begin(), session_of.end(), static_cast<uint8_t>(session));
}

}  // namespace smp
