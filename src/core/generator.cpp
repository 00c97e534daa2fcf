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

Status CheckDesignIsDrawable(const Design& design, double top_rank) {
    // Two present points are at least the spacing of the higher of their ranks apart, hence at
    // least the spacing at the top level. It must leave the required gap between the dots.
    const double closest_mm = kSpacingFactor * TargetSpacingMm(top_rank);
    const double needed_mm = design.dot_diameter_mm + kMinDotGapMm;
    if (closest_mm < needed_mm) {
        char message[256];
        std::snprintf(message, sizeof message,
                      "a target density of %.0f dots/cm2 is too dense for %.2f mm dots: dots would come %.2f mm "
                      "apart and merge (they need %.2f mm)",
                      MaxDensityPerCm2(design), design.dot_diameter_mm, closest_mm, needed_mm);
        return {StatusCode::kInvalidArgument, message};
    }
    const double area_cm2 = design.flat_template.width_mm * design.flat_template.height_mm / 100.0;
    const double expected_points = top_rank * area_cm2;
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

// The raw set covers half as much again as the densest target (at most the design limit), so
// painting a region denser by up to that needs no regeneration.
double RawSetDensityPerCm2(const Design& design) {
    return std::min(1.5 * std::max(MaxDensityPerCm2(design), kFirstLevelPerCm2), DesignLimits::kMaxDensityPerCm2);
}

}  // namespace

Expected<DotPattern> GenerateDots(const Design& design) {
    const double needed = TopLevelRankPerCm2(std::max(MaxDensityPerCm2(design), kFirstLevelPerCm2));
    if (Status s = CheckDesignIsDrawable(design, needed); !s.ok()) return s;
    const double top = TopLevelRankPerCm2(RawSetDensityPerCm2(design));
    DotPattern pattern;
    pattern.seed = design.seed;
    pattern.area = design.flat_template;
    pattern.top_rank_per_cm2 = top;
    pattern.dot_diameter_mm = design.dot_diameter_mm;
    ProgressiveSetParams params;
    params.area_mm = {Vec2::Zero(), Vec2(design.flat_template.width_mm, design.flat_template.height_mm)};
    params.max_density_per_cm2 = RawSetDensityPerCm2(design);
    params.seed = design.seed;
    pattern.ranked = MakeProgressiveSet(params);
    pattern.session_of.resize(pattern.ranked.size());
    for (size_t i = 0; i < pattern.ranked.size(); ++i) pattern.session_of[i] = SessionFor(pattern.ranked[i], design);
    BuildBuckets(pattern);
    return pattern;
}

Status UpdateDotsInRegion(const Design& edited, const RectMm& region_mm, DotPattern& pattern) {
    const double needed = TopLevelRankPerCm2(std::max(MaxDensityPerCm2(edited), kFirstLevelPerCm2));
    const bool same_raw_material = edited.seed == pattern.seed &&
                                   edited.flat_template.width_mm == pattern.area.width_mm &&
                                   edited.flat_template.height_mm == pattern.area.height_mm &&
                                   needed <= pattern.top_rank_per_cm2 && edited.dot_diameter_mm == pattern.dot_diameter_mm;
    if (!same_raw_material) {
        Expected<DotPattern> full = GenerateDots(edited);
        if (!full.ok()) return full.status();
        pattern = std::move(full).value();
        return Status::Ok();
    }
    if (Status s = CheckDesignIsDrawable(edited, needed); !s.ok()) return s;
    const int col0 = std::clamp(static_cast<int>(std::floor(region_mm.min_mm.x() / pattern.bucket_mm)), 0, pattern.bucket_cols - 1);
    const int col1 = std::clamp(static_cast<int>(std::floor(region_mm.max_mm.x() / pattern.bucket_mm)), 0, pattern.bucket_cols - 1);
    const int row0 = std::clamp(static_cast<int>(std::floor(region_mm.min_mm.y() / pattern.bucket_mm)), 0, pattern.bucket_rows - 1);
    const int row1 = std::clamp(static_cast<int>(std::floor(region_mm.max_mm.y() / pattern.bucket_mm)), 0, pattern.bucket_rows - 1);
    for (int row = row0; row <= row1; ++row) {
        for (int col = col0; col <= col1; ++col) {
            const size_t bucket = static_cast<size_t>(row) * static_cast<size_t>(pattern.bucket_cols) + static_cast<size_t>(col);
            for (uint32_t k = pattern.bucket_start[bucket]; k < pattern.bucket_start[bucket + 1]; ++k) {
                const uint32_t i = pattern.bucket_items[k];
                if (region_mm.Contains(pattern.ranked[i].position_mm)) pattern.session_of[i] = SessionFor(pattern.ranked[i], edited);
            }
        }
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
