// smp export: the plan sheet.
//
// [SECTION] Calendar
// [SECTION] Text and numbers
// [SECTION] Figures
// [SECTION] Page style
// [SECTION] The page
#include "export/plan_sheet.h"

#include "core/plan_json.h"
#include "core/scalp_template.h"
#include "core/version.h"
#include "export/dot_palette.h"
#include "export/head_render.h"
#include "export/png.h"
#include "export/preview.h"
#include "export/raster.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <optional>

namespace smp {
namespace {

// [SECTION] Calendar ----------------------------------------------------------------------------

// Days since 1970-01-01 and back (H. Hinnant's civil-from-days algorithms, integers only).
int64_t DaysFromCivil(const CivilDate& date) {
    const int64_t y = date.year - (date.month <= 2 ? 1 : 0);
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t mp = (date.month + 9) % 12;
    const int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t z) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0)), month, day};
}

constexpr const char* kMonthNames[] = {"January", "February", "March", "April", "May", "June", "July",
                                       "August", "September", "October", "November", "December"};
constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

// [SECTION] Text and numbers --------------------------------------------------------------------

std::string Format(const char* format, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

// 12345 -> "12 345", with a narrow no-break space (no locale's comma or point to confuse).
std::string Count(int64_t value) {
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202F";
        out += digits[i];
    }
    return value < 0 ? "-" + out : out;
}

std::string Minutes(double minutes) {
    const int64_t total = static_cast<int64_t>(minutes);
    if (total < 60) return std::to_string(total) + " min";
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%" PRId64 " h %02" PRId64 " min", total / 60, total % 60);
    return buffer;
}

// Numbers to a tenth, without trailing zeros ("30", "12.5").
std::string Number(double value) {
    std::string text = Format("%.1f", value);
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
}

std::string HexColor(Rgba c) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", c.r, c.g, c.b);
    return buffer;
}

std::string ZoneLabel(ZoneId zone) {
    switch (zone) {
        case ZoneId::kFrontal: return "Frontal";
        case ZoneId::kMidScalp: return "Mid-scalp";
        case ZoneId::kCrown: return "Crown";
        case ZoneId::kTemporalLeft: return "Temporal, left";
        case ZoneId::kTemporalRight: return "Temporal, right";
        case ZoneId::kParietalLeft: return "Parietal, left";
        case ZoneId::kParietalRight: return "Parietal, right";
        case ZoneId::kOccipital: return "Occipital";
    }
    return std::string(ZoneName(zone));
}

const char* NeedleLabel(Needle needle) { return needle == Needle::k1RL ? "1RL (single point)" : "3RL (three-point round liner)"; }

const char* StyleLabel(HairlineStyle style) {
    switch (style) {
        case HairlineStyle::kSoft: return "soft";
        case HairlineStyle::kBroken: return "broken";
        case HairlineStyle::kFaded: return "faded";
        case HairlineStyle::kDefined: return "defined";
    }
    return "";
}

// [SECTION] Page style --------------------------------------------------------------------------

// Calm, print-first: system fonts (no download), a page per session, colour kept when printed.
constexpr const char* kStyle = R"css(
:root { --ink: #1f2328; --muted: #5b6470; --rule: #d5d9de; --soft: #f4f5f7; --accent: #54372a; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 3rem; color: var(--ink); background: #fff;
       font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.page-head { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem;
                   border-bottom: 2px solid var(--accent); padding-bottom: .35rem; margin-bottom: 1.2rem; }
.clinic { font-weight: 600; color: var(--accent); letter-spacing: .02em; }
.kind { color: var(--muted); font-size: .85rem; text-align: right; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; line-height: 1.2; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .6rem; }
h3 { font-size: .95rem; margin: 1.1rem 0 .4rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
p { margin: .4rem 0; }
.lede { color: var(--muted); margin-bottom: 1rem; }
.notes { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--soft); border-left: 3px solid var(--rule);
         padding: .6rem .8rem; margin: .8rem 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .6rem; margin: 1rem 0; }
.figure { border: 1px solid var(--rule); border-radius: 6px; padding: .55rem .75rem; }
.figure b { display: block; font-size: 1.35rem; font-variant-numeric: tabular-nums; }
.figure span { color: var(--muted); font-size: .85rem; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-weight: 600; font-size: .85rem; color: var(--muted); }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: 600; border-top: 1.5px solid var(--ink); border-bottom: none; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 50%; margin-right: .45em; vertical-align: -.05em; }
.overview { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; align-items: start; }
.heads { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1rem; align-items: start; margin-top: 1rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0 1.5rem; }
.session-body { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.05fr); gap: 1.5rem; align-items: start; }
figure { margin: 0; }
figure img { width: 100%; height: auto; display: block; border: 1px solid var(--rule); border-radius: 4px; }
figcaption { color: var(--muted); font-size: .8rem; margin-top: .35rem; }
.legend { list-style: none; padding: 0; margin: .4rem 0 0; font-size: .85rem; }
.legend li { display: inline-block; margin-right: 1rem; }
.aftercare { padding-left: 1.2rem; margin: .3rem 0; }
.aftercare li { margin: .15rem 0; }
.disclaimer { color: var(--muted); font-size: .8rem; border-top: 1px solid var(--rule); padding-top: .5rem; margin-top: 1.4rem; }
section.session h2 { font-size: 1.45rem; margin-top: 0; }
section.session .when { color: var(--muted); font-weight: 400; font-size: 1.05rem; }
section.session { margin-top: 2.5rem; }
footer { color: var(--muted); font-size: .75rem; margin-top: 2rem; }
@media (max-width: 40rem) { .overview, .session-body { grid-template-columns: 1fr; } }
@page { size: A4; margin: 14mm 14mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.35; }
  h1 { font-size: 17pt; }
  h2 { font-size: 12pt; margin: 9pt 0 4pt; }
  h3 { margin: 7pt 0 3pt; }
  section.session h2 { font-size: 14pt; }
  header.page-head { margin-bottom: 8pt; }
  .figures { margin: 6pt 0; gap: 6pt; }
  .figure { padding: 4pt 6pt; }
  .figure b { font-size: 13pt; }
  .notes { margin: 6pt 0; padding: 4pt 8pt; }
  th, td { padding: 2pt 4pt; }
  .disclaimer { margin-top: 8pt; }
  figure img { max-height: 105mm; width: auto; max-width: 100%; }
  .overview figure img { max-height: 88mm; }
  section.session { break-before: page; page-break-before: always; margin-top: 0; }
  table, figure, .figures, .aftercare { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .overview, .session-body { grid-template-columns: 1fr 1fr; }
  .heads { gap: 6pt; }
  .heads figure img { max-height: 60mm; }
}
)css";

// [SECTION] The page ----------------------------------------------------------------------------

// A map image as an <img> with its PNG inline.
Expected<std::string> MapImage(const Design& design, const DotPattern& pattern, const RenderOptions& options, const std::string& alt) {
    const Expected<RgbaImage> image = RenderDesign(design, pattern, options);
    if (!image.ok()) return image.status();
    const std::vector<uint8_t> png = EncodePng(*image);
    if (png.empty()) return Status(StatusCode::kInvalidArgument, "the map image could not be encoded");
    return "<img src=\"data:image/png;base64," + Base64(png) + "\" width=\"" + std::to_string(image->width) + "\" height=\"" +
           std::to_string(image->height) + "\" alt=\"" + EscapeHtml(alt) + "\">";
}

// A head view as an <img> with its PNG inline.
Expected<std::string> HeadImage(const Design& design, const DotPattern& pattern, const HeadRenderOptions& options, const std::string& alt) {
    const Expected<RgbaImage> image = RenderHead(design, pattern, options);
    if (!image.ok()) return image.status();
    const std::vector<uint8_t> png = EncodePng(*image);
    if (png.empty()) return Status(StatusCode::kInvalidArgument, "the head image could not be encoded");
    return "<img src=\"data:image/png;base64," + Base64(png) + "\" width=\"" + std::to_string(image->width) + "\" height=\"" +
           std::to_string(image->height) + "\" alt=\"" + EscapeHtml(alt) + "\">";
}

// The head views of the cover: front, the client's right side and back, a little from above so
// the hairline, the crown and the fringe all show.
struct SheetHeadView {
    const char* name;      // data-view
    const char* caption;
    HeadCamera camera;
};
constexpr SheetHeadView kSheetHeadViews[] = {
    {"front", "Front", {0.0, 10.0}},
    {"side", "Right side", {90.0, 10.0}},
    {"back", "Back", {180.0, 10.0}},
};

// "Sun 20 Dec 2026" in a <time>, or "Day 14" without a start date.
std::string When(const std::optional<CivilDate>& start, int day) {
    if (!start) return "day " + std::to_string(day);
    const CivilDate date = AddDays(*start, day);
    return "<time datetime=\"" + FormatIsoDate(date) + "\">" + FormatLongDate(date) + "</time>";
}

std::string Lowercase(std::string text) {
    for (char& c : text) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return text;
}

// The healed close-up: kCloseUpWidthMm across, `height_mm` high, where the plan has the most to
// show: just behind the middle of the hairline (its transition zone and the density behind it), or
// else the window with the most dots (found on a 5 mm grid, in integers: the same everywhere).
constexpr double kCloseUpWidthMm = 40.0;
struct CloseUp {
    RectMm crop_mm;
    std::string where;
};
CloseUp CloseUpOf(const DotPattern& pattern, double height_mm) {
    const DensityField& field = *pattern.field;
    const RectMm frame = field.FrameMm();
    const Vec2 half(0.5 * kCloseUpWidthMm, 0.5 * height_mm);
    if (field.Hairline() && !field.Hairline()->LineMm().empty()) {
        const std::vector<Vec2>& line = field.Hairline()->LineMm();
        const double mid_x = frame.CenterMm().x();
        Vec2 middle = line.front();
        for (const Vec2& p : line) {
            if (std::abs(p.x() - mid_x) < std::abs(middle.x() - mid_x)) middle = p;
        }
        const Vec2 center = middle + Vec2(0.0, 0.3 * height_mm);
        return {{center - half, center + half}, "at the middle of the hairline"};
    }
    constexpr double kCellMm = 5.0;
    const int cols = std::max(1, static_cast<int>(std::ceil(frame.WidthMm() / kCellMm)));
    const int rows = std::max(1, static_cast<int>(std::ceil(frame.HeightMm() / kCellMm)));
    std::vector<int64_t> counts(static_cast<size_t>(cols) * static_cast<size_t>(rows), 0);
    for (size_t i = 0; i < pattern.ranked.size(); ++i) {
        if (pattern.state[i].session == 0) continue;
        const Vec2& p = pattern.ranked[i].position_mm;
        const int col = std::clamp(static_cast<int>(p.x() / kCellMm), 0, cols - 1);
        const int row = std::clamp(static_cast<int>(p.y() / kCellMm), 0, rows - 1);
        counts[static_cast<size_t>(row) * static_cast<size_t>(cols) + static_cast<size_t>(col)] += 1;
    }
    const int window_cols = std::min(cols, std::max(1, static_cast<int>(kCloseUpWidthMm / kCellMm)));
    const int window_rows = std::min(rows, std::max(1, static_cast<int>(height_mm / kCellMm)));
    int64_t best = -1;
    Vec2 center = frame.CenterMm();
    for (int row = 0; row + window_rows <= rows; ++row) {
        for (int col = 0; col + window_cols <= cols; ++col) {
            int64_t sum = 0;
            for (int r = row; r < row + window_rows; ++r) {
                for (int c = col; c < col + window_cols; ++c) sum += counts[static_cast<size_t>(r) * static_cast<size_t>(cols) + static_cast<size_t>(c)];
            }
            if (sum > best) {
                best = sum;
                center = Vec2((col + 0.5 * window_cols) * kCellMm, (row + 0.5 * window_rows) * kCellMm);
            }
        }
    }
    const std::string where = field.Scalp() ? "on the " + Lowercase(ZoneLabel(field.Scalp()->ZoneAt(center))) + " zone" : "on the work area";
    return {{center - half, center + half}, where + ", where the most dots go"};
}

std::string Capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

}  // namespace

// [SECTION] Calendar (public) -------------------------------------------------------------------

int DaysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

Expected<CivilDate> ParseIsoDate(std::string_view text) {
    const std::string quoted = "start date '" + std::string(text.substr(0, 40)) + (text.size() > 40 ? "...'" : "'");
    bool shaped = text.size() == 10;
    for (size_t i = 0; i < text.size() && shaped; ++i) shaped = (i == 4 || i == 7) ? text[i] == '-' : text[i] >= '0' && text[i] <= '9';
    if (!shaped) return Status(StatusCode::kInvalidArgument, quoted + " must be YYYY-MM-DD (e.g. 2026-03-14)");
    auto number = [&](size_t from, size_t count) {
        int value = 0;
        for (size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
        return value;
    };
    CivilDate date{number(0, 4), number(5, 2), number(8, 2)};
    if (date.year < 1000) return Status(StatusCode::kInvalidArgument, quoted + ": the year must be 1000..9999");
    if (date.month < 1 || date.month > 12) {
        return Status(StatusCode::kInvalidArgument, quoted + ": there is no month " + std::to_string(date.month));
    }
    const int days = DaysInMonth(date.year, date.month);
    if (date.day < 1 || date.day > days) {
        return Status(StatusCode::kInvalidArgument, quoted + " is not a day: " + kMonthNames[date.month - 1] + " " +
                                                        std::to_string(date.year) + " has " + std::to_string(days) + " days");
    }
    return date;
}

CivilDate AddDays(const CivilDate& date, int days) { return CivilFromDays(DaysFromCivil(date) + days); }

std::string FormatIsoDate(const CivilDate& date) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buffer;
}

std::string FormatLongDate(const CivilDate& date) {
    const int64_t z = DaysFromCivil(date);
    const int64_t weekday = z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6;   // 0 = Sunday (1970-01-01 was a Thursday)
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s %d %.3s %04d", kWeekdays[weekday], date.day, kMonthNames[date.month - 1], date.year);
    return buffer;
}

std::string EscapeHtml(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default:
                if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7F) break;
                out += c;
        }
    }
    return out;
}

// [SECTION] Figures -----------------------------------------------------------------------------

std::vector<SheetSession> SheetSessions(const Design& design, const DotPattern& pattern) {
    const PlanFigures figures = MeasurePlan(design, pattern);
    const bool scalp = pattern.field && pattern.field->Scalp();
    std::vector<SheetSession> sessions(design.sessions.size());
    for (size_t k = 0; k < sessions.size(); ++k) {
        sessions[k].index = static_cast<int>(k) + 1;
        sessions[k].day = design.sessions[k].day;
        sessions[k].dots = figures.sessions[k].dots;
        sessions[k].minutes = figures.sessions[k].minutes;
        if (scalp) sessions[k].dots_per_zone.assign(kZoneCount, 0);
    }
    for (size_t i = 0; i < pattern.ranked.size(); ++i) {
        if (pattern.state[i].session == 0) continue;
        const Dot dot = pattern.DotAt(i);
        SheetSession& session = sessions[static_cast<size_t>(dot.session - 1)];
        if (scalp && dot.zone >= 0 && dot.zone < kZoneCount) session.dots_per_zone[static_cast<size_t>(dot.zone)] += 1;
        if (dot.hairline) session.hairline_dots += 1;
        if (dot.dark_scatter) session.dark_scatter_dots += 1;
        if (dot.scar >= 0) session.scar_dots += 1;
    }
    return sessions;
}

Expected<std::string> PlanSheetHtml(const Design& design, const DotPattern& pattern, const PlanSheetOptions& options) {
    std::optional<CivilDate> start;
    if (!options.start_date.empty()) {
        const Expected<CivilDate> parsed = ParseIsoDate(options.start_date);
        if (!parsed.ok()) return parsed.status();
        start = *parsed;
    }
    if (options.skin_tone < 0 || options.skin_tone >= kSkinToneCount) {
        return Status(StatusCode::kInvalidArgument, "skin tone " + std::to_string(options.skin_tone) + " is outside 0.." + std::to_string(kSkinToneCount - 1));
    }
    if (options.hair_colour < 0 || options.hair_colour >= kHairColourCount) {
        return Status(StatusCode::kInvalidArgument,
                      "hair colour " + std::to_string(options.hair_colour) + " is outside 0.." + std::to_string(kHairColourCount - 1));
    }
    if (options.map_width_px < kMinSheetMapWidthPx || options.map_width_px > kMaxSheetMapWidthPx) {
        return Status(StatusCode::kInvalidArgument, "map width " + std::to_string(options.map_width_px) + " px is outside " +
                                                        std::to_string(kMinSheetMapWidthPx) + ".." + std::to_string(kMaxSheetMapWidthPx));
    }
    if (!pattern.field || pattern.design.sessions.size() != design.sessions.size()) {
        return Status(StatusCode::kInvalidArgument, "the dots are not of this design (generate them from it)");
    }
    const PlanFigures figures = MeasurePlan(design, pattern);
    const std::vector<SheetSession> sessions = SheetSessions(design, pattern);
    const ScalpTemplate* scalp = pattern.field->Scalp();
    int64_t total_dots = 0;
    for (const SheetSession& s : sessions) total_dots += s.dots;

    const std::string title = design.title.empty() ? std::string("Untitled design") : design.title;
    const std::string clinic = EscapeHtml(options.clinic_name);
    const std::string head = "<header class=\"page-head\"><div class=\"clinic\">" + (clinic.empty() ? std::string("&nbsp;") : clinic) +
                             "</div><div class=\"kind\">Scalp micropigmentation &middot; treatment plan</div></header>\n";
    std::string html;
    html.reserve(1 << 20);
    html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    html += "<meta name=\"generator\" content=\"" + std::string(kProductName) + " " + kVersion + "\">\n";
    html += "<title>" + EscapeHtml(title) + " &middot; treatment plan</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";

    // Cover: the design, its figures, the schedule and the whole plan's map.
    html += "<section class=\"cover\">\n" + head;
    html += "<h1>" + EscapeHtml(title) + "</h1>\n";
    std::string lede = std::to_string(sessions.size()) + (sessions.size() == 1 ? " session" : " sessions");
    lede += design.mode == TreatmentMode::kShaved ? " &middot; shaved look" : " &middot; added density between existing hair";
    if (design.hairline && design.mode == TreatmentMode::kShaved) lede += std::string(" &middot; ") + StyleLabel(design.hairline->style) + " hairline";
    if (!design.scars.empty()) lede += " &middot; " + std::to_string(design.scars.size()) + (design.scars.size() == 1 ? " scar" : " scars") + " to camouflage";
    if (start) lede += " &middot; from " + FormatLongDate(*start);
    html += "<p class=\"lede\">" + lede + "</p>\n";
    if (!design.notes.empty()) html += "<div class=\"notes\">" + EscapeHtml(design.notes) + "</div>\n";

    html += "<div class=\"figures\">";
    html += "<div class=\"figure\"><b data-total-dots=\"" + std::to_string(total_dots) + "\">" + Count(total_dots) + "</b><span>dots in all</span></div>";
    html += "<div class=\"figure\"><b>" + Format("%.0f", figures.treated_area_cm2) + " cm&sup2;</b><span>treated area</span></div>";
    html += "<div class=\"figure\"><b>" + Minutes(figures.total_minutes) + "</b><span>estimated needle time at " +
            Number(design.dots_per_minute) + " dots/min</span></div>";
    const int last_day = design.sessions.empty() ? 0 : design.sessions.back().day;
    html += "<div class=\"figure\"><b>" + std::to_string(last_day / 7) + (last_day / 7 == 1 ? " week" : " weeks") +
            (last_day % 7 ? " " + std::to_string(last_day % 7) + (last_day % 7 == 1 ? " day" : " days") : std::string()) +
            "</b><span>first to last session</span></div>";
    html += "</div>\n";

    html += "<h2>Schedule</h2>\n<table class=\"schedule\"><thead><tr><th>Session</th><th>" + std::string(start ? "Date" : "When") +
            "</th><th class=\"num\">Gap</th><th class=\"num\">Dots added</th><th class=\"num\">Time</th><th class=\"num\">Of the target</th>"
            "<th class=\"num\">Density after</th></tr></thead><tbody>\n";
    for (size_t k = 0; k < sessions.size(); ++k) {
        const SheetSession& s = sessions[k];
        const SessionSpec& spec = design.sessions[k];
        html += "<tr><td><span class=\"swatch\" style=\"background:" + HexColor(SessionRgba(s.index)) + "\"></span>" +
                std::to_string(s.index) + "</td><td>" + Capitalised(When(start, s.day)) + "</td><td class=\"num\">" +
                (k == 0 ? std::string("&ndash;") : std::to_string(s.day - sessions[k - 1].day) + " days") + "</td><td class=\"num\">" +
                Count(s.dots) + "</td><td class=\"num\">" + Minutes(s.minutes) + "</td><td class=\"num\">" +
                Format("%.0f", spec.cumulative_fraction * 100.0) + " %</td><td class=\"num\">" +
                Format("%.1f", figures.sessions[k].mean_density_per_cm2) + " /cm&sup2;</td></tr>\n";
    }
    html += "</tbody></table>\n";

    RenderOptions overview;
    overview.view = PreviewMode::kPlan;
    overview.width_px = options.map_width_px;
    overview.fade_tiny_dots = false;   // a map of where dots go: each at least a visible speck
    const Expected<std::string> overview_img = MapImage(design, pattern, overview, "Map of the whole plan, dots coloured by session");
    if (!overview_img.ok()) return overview_img.status();
    // The healed result close up, at a size where single dots show: the whole head at this width
    // would be a faint tint (seen from afar, dots blur into tone, which is the point of SMP).
    const RectMm frame_mm = pattern.field->FrameMm();
    const double margin_mm = 2.0 * kDefaultMarginShare * frame_mm.WidthMm();   // the plan map's aspect, margins included
    const CloseUp close_up = CloseUpOf(pattern, kCloseUpWidthMm * (frame_mm.HeightMm() + margin_mm) / (frame_mm.WidthMm() + margin_mm));
    RenderOptions healed;
    healed.width_px = options.map_width_px;
    healed.view = PreviewMode::kHealed;
    healed.skin_tone = options.skin_tone;
    healed.crop_mm = close_up.crop_mm;
    const SkinTone& skin = SkinToneAt(options.skin_tone);
    const Expected<std::string> healed_img = MapImage(design, pattern, healed, "Close-up illustration of the healed result after the last session");
    if (!healed_img.ok()) return healed_img.status();
    html += "<h2>The plan</h2>\n<div class=\"overview\"><figure>" + *overview_img + "<figcaption>";
    html += scalp ? "Seen from above, forehead at the top. " : "The work area. ";
    html += "Every dot of the plan, coloured by the session that places it.<ul class=\"legend\">";
    for (const SheetSession& s : sessions) {
        html += "<li><span class=\"swatch\" style=\"background:" + HexColor(SessionRgba(s.index)) + "\"></span>Session " + std::to_string(s.index) + "</li>";
    }
    html += "</ul></figcaption></figure>\n<figure>" + *healed_img + "<figcaption>Close up, " + Format("%.0f", kCloseUpWidthMm / 10.0) +
            " cm across, " + close_up.where + ": healed after the last session, on " + Lowercase(skin.name) +
            " skin. An illustration, not a promise (see below).</figcaption></figure></div>\n";
    if (scalp) {
        // The healed result on the client's head, from three sides; the hair the design leaves
        // (the fringe, or thinning hair in density mode) is drawn under the dots.
        HeadRenderOptions head_view;
        head_view.look = PreviewMode::kHealed;
        head_view.skin_tone = options.skin_tone;
        head_view.hair_colour = options.hair_colour;
        head_view.width_px = std::clamp(options.map_width_px * 3 / 4, kMinRenderWidthPx, kMaxHeadRenderWidthPx);
        html += "<div class=\"heads\">";
        for (const SheetHeadView& view : kSheetHeadViews) {
            head_view.camera = view.camera;
            const Expected<std::string> img =
                HeadImage(design, pattern, head_view, std::string(view.caption) + " of the head: the healed result after the last session");
            if (!img.ok()) return img.status();
            html += "<figure class=\"head-view\" data-view=\"" + std::string(view.name) + "\">" + *img + "<figcaption>" + view.caption +
                    "</figcaption></figure>";
        }
        html += "</div>\n<p class=\"lede\">On a neutral head at this client's measurements, healed after the last session, on " +
                Lowercase(skin.name) + " skin" +
                (design.mode == TreatmentMode::kShaved
                     ? ", with the fringe's own " + Lowercase(HairColourAt(options.hair_colour).name) + " stubble where the design leaves natural hair"
                     : ", between the client's thinning " + Lowercase(HairColourAt(options.hair_colour).name) + " hair (suggested)") +
                ".</p>\n";
    }
    html += "<div class=\"facts\">";
    if (scalp) {
        const HeadMeasurements& head_mm = scalp->Measurements();
        html += "<div><h3>Head</h3><p>" + Format("%.0f", head_mm.circumference_mm) + " mm around, " + Format("%.0f", head_mm.glabella_to_nape_mm) +
                " mm from the brows to the nape, " + Format("%.0f", head_mm.ear_to_ear_mm) + " mm from ear to ear.</p></div>\n";
    } else {
        const RectMm frame = pattern.field->FrameMm();
        html += "<div><h3>Work area</h3><p>" + Format("%.0f", frame.WidthMm()) + " &times; " + Format("%.0f", frame.HeightMm()) + " mm.</p></div>\n";
    }
    if (design.mode == TreatmentMode::kShaved && design.hairline) {
        html += "<div><h3>Hairline</h3><p>A " + std::string(StyleLabel(design.hairline->style)) +
                " hairline drawn as a zone, not a line: smaller, lighter dots in its transition zone.</p></div>\n";
    }
    if (!design.scars.empty()) {
        html += "<div><h3>Scars</h3><ul class=\"aftercare\">";
        for (const ScarSpec& scar : design.scars) {
            const std::string label = scar.label.empty() ? std::string() : " &ldquo;" + EscapeHtml(scar.label) + "&rdquo;";
            html += scar.kind == ScarSpec::Kind::kFutStrip ? "<li>Strip scar" + label + ", " + Number(scar.width_mm) + " mm wide</li>"
                                                           : "<li>Punch (FUE) scars" + label + ", about " + std::to_string(scar.count) + "</li>";
        }
        html += "</ul><p>Scar tissue takes pigment unevenly: the plan blends a wider area around each scar and expects more fading there.</p></div>\n";
    }
    html += "</div>\n";
    html += "<p class=\"disclaimer\">" + EscapeHtml(kPreviewDisclaimer) + "</p>\n</section>\n";

    // One page per session.
    for (size_t k = 0; k < sessions.size(); ++k) {
        const SheetSession& s = sessions[k];
        const SessionSpec& spec = design.sessions[k];
        const std::string n = std::to_string(s.index);
        html += "<section class=\"session\" id=\"session-" + n + "\" data-session-dots=\"" + std::to_string(s.dots) + "\">\n" + head;
        html += "<h2><span class=\"swatch\" style=\"background:" + HexColor(SessionRgba(s.index)) + "\"></span>Session " + n + " of " +
                std::to_string(sessions.size()) + " <span class=\"when\">&middot; " + When(start, s.day) + "</span></h2>\n";
        std::string meta = k == 0 ? std::string("The first session") : std::to_string(s.day - sessions[k - 1].day) + " days after session " + std::to_string(s.index - 1);
        meta += ": " + Count(s.dots) + " dots, about " + Minutes(s.minutes) + " of needle work, bringing the scalp to " +
                Format("%.0f", spec.cumulative_fraction * 100.0) + " % of the target density.";
        if (k == 0 && sessions.size() > 1) meta += " Lighter pigment first: this session is also the colour test.";
        html += "<p class=\"lede\">" + meta + "</p>\n";

        RenderOptions map;
        map.view = PreviewMode::kPlan;
        map.width_px = options.map_width_px;
        map.up_to_session = s.index;
        map.highlight_session = s.index;
        map.fade_tiny_dots = false;
        const Expected<std::string> img = MapImage(design, pattern, map, "Map of session " + n + ": its dots in colour, the earlier sessions' in grey");
        if (!img.ok()) return img.status();
        html += "<div class=\"session-body\"><figure>" + *img + "<figcaption>In colour: the " + Count(s.dots) + " dots of this session." +
                (k > 0 ? " Grey: the dots already placed." : std::string()) + "</figcaption></figure>\n<div>";

        html += "<h3>Dots by zone</h3><table><thead><tr><th>Zone</th><th class=\"num\">Dots</th><th class=\"num\">Time</th></tr></thead><tbody>\n";
        for (size_t z = 0; z < s.dots_per_zone.size(); ++z) {
            const int64_t dots = s.dots_per_zone[z];
            if (dots == 0) continue;
            html += "<tr><td>" + ZoneLabel(static_cast<ZoneId>(z)) + "</td><td class=\"num\" data-zone-dots=\"" + std::to_string(dots) + "\">" +
                    Count(dots) + "</td><td class=\"num\">" + Minutes(EstimatedMinutes(dots, design.dots_per_minute)) + "</td></tr>\n";
        }
        html += "<tr class=\"total\"><td>" + std::string(s.dots_per_zone.empty() ? "Work area" : "Total") + "</td><td class=\"num\"" +
                (s.dots_per_zone.empty() ? " data-zone-dots=\"" + std::to_string(s.dots) + "\"" : std::string()) + ">" + Count(s.dots) +
                "</td><td class=\"num\">" + Minutes(s.minutes) + "</td></tr>\n</tbody></table>\n";
        std::vector<std::string> of_these;
        if (s.hairline_dots > 0) of_these.push_back(Count(s.hairline_dots) + " in the hairline zone");
        if (s.dark_scatter_dots > 0) of_these.push_back(Count(s.dark_scatter_dots) + " darker scatter dots");
        if (s.scar_dots > 0) of_these.push_back(Count(s.scar_dots) + " on scar tissue");
        if (!of_these.empty()) {
            html += "<p>Of these: ";
            for (size_t i = 0; i < of_these.size(); ++i) html += (i ? (i + 1 == of_these.size() ? " and " : ", ") : "") + of_these[i];
            html += ".</p>\n";
        }

        const Pigment fill = spec.pigment;
        const Pigment hairline{fill.tone_percent, std::min(90.0, fill.dilution_percent + kHairlineExtraDilution)};
        const Pigment scatter{fill.tone_percent, std::max(0.0, fill.dilution_percent - kDarkScatterDilutionDrop)};
        html += "<h3>Pigment</h3><table><thead><tr><th>Mix</th><th class=\"num\">Tone</th><th class=\"num\">Dilution</th></tr></thead><tbody>\n";
        html += "<tr><td>Fill</td><td class=\"num\">" + Number(fill.tone_percent) + " %</td><td class=\"num\">" + Number(fill.dilution_percent) + " %</td></tr>\n";
        if (s.hairline_dots > 0) {
            html += "<tr><td>Hairline (lighter)</td><td class=\"num\">" + Number(hairline.tone_percent) + " %</td><td class=\"num\">" +
                    Number(hairline.dilution_percent) + " %</td></tr>\n";
        }
        if (spec.dark_scatter_percent > 0.0) {
            html += "<tr><td>Dark scatter, " + Number(spec.dark_scatter_percent) + " % of the dots</td><td class=\"num\">" + Number(scatter.tone_percent) +
                    " %</td><td class=\"num\">" + Number(scatter.dilution_percent) + " %</td></tr>\n";
        }
        html += "</tbody></table>\n";

        html += "<h3>Needles</h3><table><tbody>\n";
        if (s.hairline_dots > 0) {
            html += "<tr><td>Hairline</td><td>" + std::string(NeedleLabel(spec.hairline_needle.needle)) + "</td><td class=\"num\">" +
                    Format("%.2f", spec.hairline_needle.dot_diameter_mm) + " mm dots</td></tr>\n";
        }
        html += "<tr><td>Fill</td><td>" + std::string(NeedleLabel(spec.fill_needle.needle)) + "</td><td class=\"num\">" +
                Format("%.2f", spec.fill_needle.dot_diameter_mm) + " mm dots</td></tr>\n</tbody></table>\n";
        html += "</div></div>\n";

        html += "<h3>Aftercare</h3><ul class=\"aftercare\">";
        for (const char* line : kAftercare) html += "<li>" + EscapeHtml(line) + "</li>";
        html += "</ul>\n";
        html += "<p class=\"disclaimer\">" + EscapeHtml(kPreviewDisclaimer) + "</p>\n</section>\n";
    }
    html += "<footer>" + std::string(kProductName) + " " + kVersion + "</footer>\n</body>\n</html>\n";
    return html;
}

}  // namespace smp
