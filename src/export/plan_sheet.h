// smp export: the printable plan sheet, one self-contained HTML page a clinic hands its client.
//
// The page carries everything inline (CSS, the maps as PNG data: URIs) and nothing active (no
// script, no external resource), so it opens offline, prints with a page per session, and can be
// mailed as one file. Design text (title, notes, scar labels) and the clinic's name are treated as
// hostile: every character that means something to HTML is escaped, control characters dropped.
// The figures are the plan JSON's (MeasurePlan, EstimatedMinutes, the per-zone counts of the
// dots), so the sheet and `smp plan` never disagree.
#pragma once

#include "core/design.h"
#include "core/generator.h"
#include "core/status.h"
#include "export/dot_palette.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace smp {

// [SECTION] Calendar dates (proleptic Gregorian)
struct CivilDate {
    int year = 1970;
    int month = 1;    // 1..12
    int day = 1;      // 1..days in that month

    bool operator==(const CivilDate&) const = default;
};

// "YYYY-MM-DD" exactly (years 1000..9999), a real day of the calendar (leap years included).
// Errors: kInvalidArgument naming the text ("start date '2027-02-29' is not a day: February 2027
// has 28 days").
Expected<CivilDate> ParseIsoDate(std::string_view text);
CivilDate AddDays(const CivilDate& date, int days);
std::string FormatIsoDate(const CivilDate& date);          // "2027-01-03"
std::string FormatLongDate(const CivilDate& date);         // "Sun 3 Jan 2027"
int DaysInMonth(int year, int month);

// [SECTION] The sheet
struct PlanSheetOptions {
    std::string start_date;          // "YYYY-MM-DD" of session 1; empty: sessions shown as "day N"
    std::string clinic_name;         // optional, shown at the top of every page
    int map_width_px = 640;          // each map image, kMinSheetMapWidthPx..kMaxSheetMapWidthPx
    int skin_tone = 1;               // the healed illustration's skin: index into kSkinTones
    int hair_colour = kDefaultHairColour;   // the client's own hair on the head views: index into kHairColours
};
inline constexpr int kMinSheetMapWidthPx = 160;
inline constexpr int kMaxSheetMapWidthPx = 2000;

// Per session: what the sheet reports (the plan JSON's numbers).
struct SheetSession {
    int index = 1;                          // 1-based
    int day = 0;                            // after session 1
    int64_t dots = 0;                       // added by this session
    double minutes = 0.0;                   // MeasurePlan's estimate
    std::vector<int64_t> dots_per_zone;     // kZoneCount entries on the scalp template, none on a flat one
    int64_t hairline_dots = 0, dark_scatter_dots = 0, scar_dots = 0;
};
std::vector<SheetSession> SheetSessions(const Design& design, const DotPattern& pattern);

// The page. A cover (title, notes, figures, schedule, the whole plan's map coloured by session, an
// illustration of the healed result close up and, on the scalp template, the healed result on the
// head from the front, the right side and the back: `<figure class="head-view" data-view="front">`,
// "side", "back", each RenderHead at 3/4 of the map width, 10° from above, with the natural hair
// the design leaves), then a section per session:
// `<section class="session" id="session-K" data-session-dots="N">` with its date as
// `<time datetime="YYYY-MM-DD">` (when there is a start date), each zone row's dots as
// `data-zone-dots="N"`, and its map: the plan up to that session, its own dots in colour and the
// earlier ones grey (what is already there and what this visit adds).
// Errors: kInvalidArgument for a bad start date (naming it), map width, skin tone or hair colour
// (naming the value), and those of RenderDesign.
Expected<std::string> PlanSheetHtml(const Design& design, const DotPattern& pattern, const PlanSheetOptions& options);

// Text made safe for HTML element content and attribute values: & < > " ' escaped, control
// characters other than tab and newline dropped.
std::string EscapeHtml(std::string_view text);

}  // namespace smp
