#include "core/design.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace smp {

double DefaultDotDiameterMm(Needle needle) { return needle == Needle::k1RL ? 0.20 : 0.25; }

std::vector<SessionSpec> DefaultSessions() { return {{0, 0.30}, {14, 0.70}, {28, 1.00}}; }

namespace {

double GridValue(const GridLayer& layer, int col, int row) {
    col = std::clamp(col, 0, layer.cols - 1);
    row = std::clamp(row, 0, layer.rows - 1);
    return layer.per_cm2[static_cast<size_t>(row) * static_cast<size_t>(layer.cols) + static_cast<size_t>(col)];
}

double SampleGrid(const GridLayer& layer, const Vec2& p_mm) {
    const double u = (p_mm.x() - layer.origin_mm.x()) / layer.cell_mm;
    const double v = (p_mm.y() - layer.origin_mm.y()) / layer.cell_mm;
    if (layer.interpolation == Interpolation::kNearest) {
        return GridValue(layer, static_cast<int>(std::floor(u)), static_cast<int>(std::floor(v)));
    }
    // Bilinear between cell centres.
    const double fu = u - 0.5, fv = v - 0.5;
    const int c0 = static_cast<int>(std::floor(fu)), r0 = static_cast<int>(std::floor(fv));
    const double tu = fu - c0, tv = fv - r0;
    const double top = GridValue(layer, c0, r0) * (1.0 - tu) + GridValue(layer, c0 + 1, r0) * tu;
    const double bottom = GridValue(layer, c0, r0 + 1) * (1.0 - tu) + GridValue(layer, c0 + 1, r0 + 1) * tu;
    return top * (1.0 - tv) + bottom * tv;
}

}  // namespace

double DensityAtPerCm2(const Design& design, const Vec2& p_mm) {
    const FlatTemplate& area = design.flat_template;
    if (!(p_mm.x() >= 0.0 && p_mm.y() >= 0.0 && p_mm.x() < area.width_mm && p_mm.y() < area.height_mm)) {
        return 0.0;
    }
    for (auto layer = design.layers.rbegin(); layer != design.layers.rend(); ++layer) {
        const RectMm extent = layer->ExtentMm();
        if (p_mm.x() >= extent.min_mm.x() && p_mm.x() < extent.max_mm.x() && p_mm.y() >= extent.min_mm.y() &&
            p_mm.y() < extent.max_mm.y()) {
            return SampleGrid(*layer, p_mm);
        }
    }
    return 0.0;
}

double TargetSpacingMm(double density_per_cm2) {
    if (!(density_per_cm2 > 0.0)) return std::numeric_limits<double>::infinity();
    return 10.0 * std::sqrt(0.70 / density_per_cm2);
}

}  // namespace smp
