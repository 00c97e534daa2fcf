// Test helper shared by the core tests: a brush stroke layer from its path and settings, every
// point at full pressure (a mouse).
#pragma once

#include "core/design.h"

#include <utility>
#include <vector>

namespace smp::testing {

inline StrokeLayer Stroke(std::vector<Vec2> points, double radius_mm, StrokeLayer::Blend blend, double strength = 0.0,
                          double falloff = 0.5) {
    StrokeLayer stroke;
    stroke.points_mm = std::move(points);
    stroke.pressure.assign(stroke.points_mm.size(), 1.0);
    stroke.radius_mm = radius_mm;
    stroke.strength = DensityValue::Dots(strength);
    stroke.blend = blend;
    stroke.falloff = falloff;
    return stroke;
}

}  // namespace smp::testing
