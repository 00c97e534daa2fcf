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

}  // namespace smp
