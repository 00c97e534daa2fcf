// smp core: quality figures of a dot pattern, for `smp bench` and the full-size tests.
// They measure the guarantees stated in generator.h on patterns of any size (grid-accelerated).
#pragma once

#include "core/density_field.h"

#include <vector>

namespace smp {

struct PatternQuality {
    int64_t dots = 0;
    double min_nn_ratio = 0.0;            // min over dots of nearest-neighbour / r_t(d at the dot)
    double share_nn_below_0_8 = 0.0;      // share of dots whose NN < 0.8 r_t(d at the dot)
    double min_gap_mm = 0.0;              // min over pairs of distance - (d_i + d_j) / 2 (equal sizes)
    double mean_cell_density_error = 0.0; // mean |count - target| / target over 1 cm² cells, target >= 3
    // Mean allowed error over the same cells: 4 % at >= 100 dots/cm², x (100 / d)^0.75 below (blue
    // noise count error grows as dots per cell fall; the same law as for sparser sessions).
    double mean_cell_density_allowance = 0.0;
    double largest_hole_ratio = 0.0;      // largest empty circle radius / r_t(d there), inside the field
};

// `dot_diameter_mm` is the (common) dot size; `fraction` scales the design's target (a session's
// cumulative fraction). Cells and holes stay `margin_mm` away from the frame's border.
PatternQuality MeasurePattern(const std::vector<Vec2>& dots_mm, const DensityField& field, double fraction,
                              double dot_diameter_mm, double margin_mm = 5.0);

// How dots meet the edge of the treated area, where the design's target falls to 0 (the scalp
// outline, a flat field's border), relative to the local spacing r_t; sampled on a `step_mm`
// lattice over the frame. A cut through a blue-noise set leaves empty circles that reach past
// it (the crossing figures near the edge); what the skin shows are the circles within the area.
struct EdgeQuality {
    static constexpr int kBands = 4;   // by distance from the edge: [0, 1), [1, 2), [2, 4), >= 4 mm
    static constexpr double kBandStartMm[kBands] = {0.0, 1.0, 2.0, 4.0};
    double hole_crossing_ratio[kBands] = {};   // largest empty circle centred in the band / r_t
    double hole_within_ratio[kBands] = {};     // the same, each circle kept within the treated area
    // From a point of the edge to its nearest dot / r_t: how evenly the dots reach the edge.
    double edge_reach_median_ratio = 0.0, edge_reach_p95_ratio = 0.0, edge_reach_max_ratio = 0.0;
    int64_t edge_samples = 0;
};

EdgeQuality MeasureEdge(const std::vector<Vec2>& dots_mm, const DensityField& field, double step_mm = 0.2);

}  // namespace smp
