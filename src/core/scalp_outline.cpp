#include "core/scalp_outline.h"

#include <cmath>
#include <numbers>
#include <string>

namespace smp {
namespace {

Status CheckRange(const char* name, double value, double lo, double hi) {
    if (!std::isfinite(value) || value < lo || value > hi) {
        return {StatusCode::kInvalidArgument, std::string("scalp outline: ") + name + " must be in [" +
                                                  std::to_string(lo) + ", " + std::to_string(hi) +
                                                  "], got " + std::to_string(value)};
    }
    return Status::Ok();
}

}  // namespace

Expected<PolygonMm> MakeScalpOutline(const ScalpOutlineParams& params) {
    for (const Status& s : {CheckRange("width_mm", params.width_mm, 100.0, 400.0),
                            CheckRange("length_mm", params.length_mm, 100.0, 400.0),
                            CheckRange("front_taper", params.front_taper, 0.0, 0.3),
                            CheckRange("segments", params.segments, 16, 4096)}) {
        if (!s.ok()) return s;
    }

    // Unit egg: the angle t runs from the front (t = 0) clockwise on screen; the half-width is
    // scaled by (1 - taper * cos t), so the front (cos t = 1) is narrower than the back.
    PolygonMm unit;
    unit.reserve(static_cast<size_t>(params.segments));
    for (int i = 0; i < params.segments; ++i) {
        const double t = 2.0 * std::numbers::pi * i / params.segments;
        unit.emplace_back(std::sin(t) * (1.0 - params.front_taper * std::cos(t)), -std::cos(t));
    }

    // Stretch the unit shape so its bounding box is exactly width × length with its corner at 0.
    const RectMm box = BoundingBox(unit);
    PolygonMm outline;
    outline.reserve(unit.size());
    for (const Vec2& p : unit) {
        outline.emplace_back((p.x() - box.min_mm.x()) / box.WidthMm() * params.width_mm,
                             (p.y() - box.min_mm.y()) / box.HeightMm() * params.length_mm);
    }
    return outline;
}

}  // namespace smp
