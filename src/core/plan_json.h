// smp core: the plan format, `{"type": "smp.plan", "schema_version": 2, ...}`: what a
// practitioner tattoos, session by session. Each session lists only the dots it adds, as
// [x_mm, y_mm, diameter_mm, pigment, zone] in the template's frame: pigment indexes the plan's
// "pigments" list (3 per session: fill, hairline, dark scatter), zone its "zones" list (-1 on a
// flat template). With them: per-session figures (dots per zone, minutes, pigment and needles,
// aftercare), the scars, the hairline's measures, warnings, a summary and the disclaimer.
#pragma once

#include "core/design.h"
#include "core/generator.h"
#include "core/status.h"

#include <string>
#include <string_view>
#include <vector>

namespace smp {

// Version 2: dots gained pigment and zone entries, and the plan its treatment figures.
inline constexpr int kPlanSchemaVersion = 2;
inline constexpr double kPlanTargetCellMm = 5.0;   // target_density grid resolution
inline constexpr size_t kMaxPlanBytes = 64u << 20;  // 400,000 dots at ~35 bytes each, with room

// What the seed documents ask of clients after every session (DOMAIN.md).
inline constexpr const char* kAftercare[] = {
    "Keep out of direct sun; cover the scalp or use sunscreen once healed.",
    "No swimming until your practitioner says the scalp has healed.",
    "No steam room or sauna for 28 days.",
    "Avoid heavy sweating and exercise for about a week.",
    "Moisturise as your practitioner told you.",
};

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

// The figures the plan reports per session, for live display (the designer's sessions panel):
// the same numbers as the JSON, without writing the dots out.
struct SessionFigures {
    int64_t dots = 0;                  // added by this session
    int64_t cumulative_dots = 0;       // on the scalp after it
    double minutes = 0.0;              // estimated_minutes: dots / dots_per_minute, rounded
    double mean_density_per_cm2 = 0.0; // cumulative dots over the treated area
};
struct PlanFigures {
    std::vector<SessionFigures> sessions;
    double treated_area_cm2 = 0.0;     // where the target is above zero (1 mm lattice)
    double total_minutes = 0.0;
};
PlanFigures MeasurePlan(const Design& design, const DotPattern& pattern);

// Minutes to tattoo `dots` at the design's working rate, rounded to whole minutes.
double EstimatedMinutes(int64_t dots, double dots_per_minute);

// The plan as JSON text (compact, keys in a fixed order, coordinates rounded to 1 µm): the same
// design gives the same bytes natively and in WebAssembly.
std::string PlanToJsonText(const Design& design, const DotPattern& pattern);

// Reads a plan back (a saved or exported file). Every field is checked and named in errors: the
// design inside (as RestoreDesign), sessions numbered 1..n with increasing days, each dot
// [x_mm, y_mm, diameter_mm, ...] finite, inside the template's frame and sized 0.05-1 mm,
// dot_count matching, at most kMaxDotsPerDesign dots and kMaxPlanBytes of text.
Expected<Plan> RestorePlan(std::string_view json_text);

}  // namespace smp
