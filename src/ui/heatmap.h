// smp ui: the density heat map: the design's target density sampled on a raster and coloured,
// for the canvas to draw as one texture over the scalp. Pure (no GL, no ImGui), so it is tested.
#pragma once

#include "core/density_field.h"

#include <array>
#include <cstdint>
#include <vector>

namespace smp {

// Colour of a target density: clear at 0, then a ramp from pale blue (sparse) through green and
// yellow to deep red at kHeatmapMaxPerCm2 and above; alpha rises quickly so thin painting shows.
inline constexpr double kHeatmapMaxPerCm2 = 150.0;
std::array<uint8_t, 4> HeatmapColor(double per_cm2);

struct HeatmapImage {
    int width = 0, height = 0;       // pixels; pixel (0, 0) covers [0, cell_mm) on both axes
    double cell_mm = 2.0;
    std::vector<uint8_t> rgba;       // width × height × 4, rows top (front) to bottom (nape)
};

// The field's target at each cell centre. `cell_mm` is raised as needed to keep the image at most
// kHeatmapMaxSide pixels a side (bounded work: ~40,000 field samples at most).
inline constexpr int kHeatmapMaxSide = 200;
HeatmapImage SampleHeatmap(const DensityField& field, double cell_mm);

}  // namespace smp
