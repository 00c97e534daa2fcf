#include "ui/heatmap.h"

#include <algorithm>
#include <cmath>

namespace smp {

std::array<uint8_t, 4> HeatmapColor(double per_cm2) {
    if (!(per_cm2 > 0.0)) return {0, 0, 0, 0};
    // Stops of the ramp, evenly spaced over 0..kHeatmapMaxPerCm2 (colour-blind safe enough: it
    // runs light to dark as well as blue to red).
    static constexpr uint8_t kStops[][3] = {{198, 219, 239}, {107, 174, 214}, {65, 171, 93}, {254, 217, 118}, {240, 59, 32}, {128, 0, 38}};
    constexpr int kLast = 5;
    const double u = std::clamp(per_cm2 / kHeatmapMaxPerCm2, 0.0, 1.0) * kLast;
    const int i = std::min(static_cast<int>(u), kLast - 1);
    const double t = u - i;
    std::array<uint8_t, 4> color{};
    for (int c = 0; c < 3; ++c) {
        color[static_cast<size_t>(c)] = static_cast<uint8_t>(std::lround(kStops[i][c] + (kStops[i + 1][c] - kStops[i][c]) * t));
    }
    color[3] = static_cast<uint8_t>(std::lround(255.0 * std::clamp(0.45 + per_cm2 / 50.0, 0.0, 1.0)));
    return color;
}

HeatmapImage SampleHeatmap(const DensityField& field, double cell_mm) {
    HeatmapImage image;
    const RectMm frame = field.FrameMm();
    const double longest_mm = std::max(frame.WidthMm(), frame.HeightMm());
    image.cell_mm = std::max({cell_mm, longest_mm / kHeatmapMaxSide, 0.1});
    image.width = std::max(1, static_cast<int>(std::ceil(frame.WidthMm() / image.cell_mm)));
    image.height = std::max(1, static_cast<int>(std::ceil(frame.HeightMm() / image.cell_mm)));
    image.rgba.resize(static_cast<size_t>(image.width) * static_cast<size_t>(image.height) * 4);
    size_t at = 0;
    for (int row = 0; row < image.height; ++row) {
        for (int col = 0; col < image.width; ++col) {
            const Vec2 centre = frame.min_mm + Vec2((col + 0.5) * image.cell_mm, (row + 0.5) * image.cell_mm);
            const std::array<uint8_t, 4> color = HeatmapColor(field.PerCm2(centre));
            for (uint8_t channel : color) image.rgba[at++] = channel;
        }
    }
    return image;
}

}  // namespace smp
