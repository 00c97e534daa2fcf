// smp core: the plan format, `{"type": "smp.plan", "schema_version": 1, ...}`: what a
// practitioner tattoos, session by session. Each session lists only the dots it adds, as
// [x_mm, y_mm, diameter_mm] in the template's frame.
#pragma once

#include "core/design.h"
#include "core/generator.h"
#include "core/status.h"

#include <string>
#include <string_view>
#include <vector>

namespace smp {

inline constexpr int kPlanSchemaVersion = 1;
inline constexpr double kPlanTargetCellMm = 5.0;   // target_density grid resolution
inline constexpr size_t kMaxPlanBytes = 64u << 20;  // 400,000 dots at ~25 bytes each, with room

struct PlanSession {
    int index = 1;                     // 1-based
    int day = 0;
    double cumulative_fraction = 1.0;
    std::vector<Dot> dots;             // the dots this session adds
};

struct Plan {
    Design design;
    std::vector<PlanSession> sessions;
    GridLayer target_density;
};

// The plan as JSON text (compact, keys in a fixed order, coordinates rounded to 1 µm): the same
// design gives the same bytes natively and in WebAssembly.
std::string PlanToJsonText(const Design& design, const DotPattern& pattern);

// Reads a plan back (a saved or exported file). Every field is checked and named in errors: the
// design inside (as RestoreDesign), sessions numbered 1..n with increasing days, each dot
// [x_mm, y_mm, diameter_mm, ...] finite, inside the template and sized 0.05-1 mm, dot_count
// matching, at most kMaxDotsPerDesign dots and kMaxPlanBytes of text.
Expected<Plan> RestorePlan(std::string_view json_text);

}  // namespace smp
