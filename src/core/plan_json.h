// smp core: the plan format, `{"type": "smp.plan", "schema_version": 1, ...}`: what a
// practitioner tattoos, session by session. Each session lists only the dots it adds, as
// [x_mm, y_mm, diameter_mm] in the template's frame.
#pragma once

#include "core/design.h"
#include "core/generator.h"

#include <string>

namespace smp {

inline constexpr int kPlanSchemaVersion = 1;
inline constexpr double kPlanTargetCellMm = 5.0;   // target_density grid resolution

// The plan as JSON text (compact, keys in a fixed order, coordinates rounded to 1 µm): the same
// design gives the same bytes natively and in WebAssembly.
std::string PlanToJsonText(const Design& design, const DotPattern& pattern);

}  // namespace smp
