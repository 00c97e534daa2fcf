#include "export/plan_sheet.h"

#include "core/plan_json.h"
#include "core/version.h"
#include "export/head_render.h"
#include "export/png.h"
#include "test_designs.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <string>

using smp::CivilDate;
using smp::PlanSheetHtml;
using smp::PlanSheetOptions;

namespace {

std::string Sheet(const smp::Design& design, const smp::DotPattern& pattern, const PlanSheetOptions& options) {
    smp::Expected<std::string> html = PlanSheetHtml(design, pattern, options);
    REQUIRE_MESSAGE(html.ok(), html.status().message());
    return std::move(*html);
}

// The HTML of session k's section (up to the next section or the end).
std::string SessionSection(const std::string& html, int k) {
    const size_t start = html.find("<section class=\"session\" id=\"session-" + std::to_string(k) + "\"");
    if (start == std::string::npos) return "";
    const size_t end = html.find("<section", start + 1);
    return html.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Every value of attribute `name` ("data-zone-dots") in `html`, as integers.
std::vector<int64_t> Attributes(const std::string& html, const std::string& name) {
    std::vector<int64_t> values;
    const std::string key = name + "=\"";
    for (size_t at = html.find(key); at != std::string::npos; at = html.find(key, at + 1)) {
        values.push_back(std::stoll(html.substr(at + key.size(), 20)));
    }
    return values;
}

size_t Occurrences(const std::string& text, const std::string& needle) {
    size_t count = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
    return count;
}

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

}  // namespace

TEST_CASE("dates: YYYY-MM-DD only, real days of the calendar, leap years included") {
    CHECK(smp::ParseIsoDate("2026-12-20").ok());
    CHECK(*smp::ParseIsoDate("2028-02-29") == CivilDate{2028, 2, 29});
    CHECK(smp::ParseIsoDate("2000-02-29").ok());    // divisible by 400
    for (const char* bad : {"2026-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-01",
                            "26-01-01", "2026/01/01", "2026-01-01x", "", "tomorrow", "0999-01-01"}) {
        const smp::Expected<CivilDate> date = smp::ParseIsoDate(bad);
        REQUIRE_MESSAGE(!date.ok(), bad);
        CHECK(date.status().code() == smp::StatusCode::kInvalidArgument);
        std::string quoted = "'";
        quoted.append(bad).append("'");
        CHECK_MESSAGE(date.status().message().find(quoted) != std::string::npos, date.status().message());
    }
    CHECK(smp::ParseIsoDate("2027-02-29").status().message().find("February 2027 has 28 days") != std::string::npos);
    CHECK(smp::DaysInMonth(2024, 2) == 29);
    CHECK(smp::DaysInMonth(1900, 2) == 28);
}

TEST_CASE("dates: adding days crosses months, years and leap days") {
    CHECK(smp::AddDays({2026, 12, 20}, 14) == CivilDate{2027, 1, 3});
    CHECK(smp::AddDays({2028, 2, 15}, 14) == CivilDate{2028, 2, 29});
    CHECK(smp::AddDays({2027, 2, 15}, 14) == CivilDate{2027, 3, 1});
    CHECK(smp::AddDays({2024, 1, 1}, 366) == CivilDate{2025, 1, 1});
    CHECK(smp::AddDays({2026, 3, 14}, 0) == CivilDate{2026, 3, 14});
    CHECK(smp::AddDays({2026, 3, 14}, 3650) == CivilDate{2036, 3, 11});
    CHECK(smp::FormatIsoDate({2027, 1, 3}) == "2027-01-03");
    CHECK(smp::FormatLongDate({2026, 12, 20}) == "Sun 20 Dec 2026");
    CHECK(smp::FormatLongDate({2028, 2, 29}) == "Tue 29 Feb 2028");
    CHECK(smp::FormatLongDate({1970, 1, 1}) == "Thu 1 Jan 1970");
}

TEST_CASE("sheet: every session has its page and its date, start + day, across the new year") {
    const smp::Design design = smp::test::FlatDesign();
    const smp::DotPattern pattern = smp::test::Generate(design);
    REQUIRE(design.sessions.size() == 3);
    PlanSheetOptions options;
    options.start_date = "2026-12-20";
    const std::string html = Sheet(design, pattern, options);
    const char* expected[] = {"2026-12-20", "2027-01-03", "2027-01-17"};
    for (int k = 1; k <= 3; ++k) {
        const std::string section = SessionSection(html, k);
        REQUIRE_MESSAGE(!section.empty(), "session ", k);
        CHECK(section.find("<time datetime=\"" + std::string(expected[k - 1]) + "\">") != std::string::npos);
        CHECK(section.find("Session " + std::to_string(k) + " of 3") != std::string::npos);
    }
    CHECK(SessionSection(html, 4).empty());
    CHECK(html.find("Sun 3 Jan 2027") != std::string::npos);

    options.start_date = "2028-02-15";
    CHECK(SessionSection(Sheet(design, pattern, options), 2).find("<time datetime=\"2028-02-29\">") != std::string::npos);

    options.start_date.clear();   // no dates: days after the first session
    const std::string undated = Sheet(design, pattern, options);
    CHECK(undated.find("<time") == std::string::npos);
    CHECK(SessionSection(undated, 2).find("day 14") != std::string::npos);
}

TEST_CASE("sheet: the figures agree with the plan (dots per session, per zone, in all)") {
    const smp::Design design = smp::test::PresetDesign("norwood-4");
    const smp::DotPattern pattern = smp::test::Generate(design);
    PlanSheetOptions options;
    options.map_width_px = 200;
    const std::string html = Sheet(design, pattern, options);
    const smp::PlanFigures figures = smp::MeasurePlan(design, pattern);
    REQUIRE(figures.sessions.size() == design.sessions.size());
    for (size_t k = 0; k < figures.sessions.size(); ++k) {
        const std::string section = SessionSection(html, static_cast<int>(k) + 1);
        REQUIRE(!section.empty());
        const std::vector<int64_t> session_dots = Attributes(section, "data-session-dots");
        REQUIRE(session_dots.size() == 1);
        CHECK(session_dots[0] == figures.sessions[k].dots);
        const std::vector<int64_t> zones = Attributes(section, "data-zone-dots");
        CHECK(zones.size() >= 2);   // a full scalp: several zones
        int64_t sum = 0;
        for (int64_t z : zones) sum += z;
        CHECK(sum == figures.sessions[k].dots);
        CHECK(section.find("<img src=\"data:image/png;base64,iVBORw0KGgo") != std::string::npos);   // a PNG
    }
    const std::vector<int64_t> total = Attributes(html, "data-total-dots");
    REQUIRE(total.size() == 1);
    CHECK(total[0] == pattern.DotCount());
    // Aftercare on every session's page, and the disclaimer.
    CHECK(Occurrences(html, "No steam room or sauna for 28 days.") == design.sessions.size());
    CHECK(html.find(smp::kPreviewDisclaimer) != std::string::npos);
}

TEST_CASE("sheet: a flat work area reports its sessions' totals") {
    const smp::Design design = smp::test::FlatDesign();
    const smp::DotPattern pattern = smp::test::Generate(design);
    const std::string html = Sheet(design, pattern, {});
    for (int k = 1; k <= 3; ++k) {
        const std::vector<int64_t> zones = Attributes(SessionSection(html, k), "data-zone-dots");
        REQUIRE(zones.size() == 1);
        CHECK(zones[0] == pattern.DotCountInSession(k));
    }
}

TEST_CASE("sheet: design text and the clinic's name are escaped, never markup") {
    smp::Design design = smp::test::FlatDesign("<script>alert(1)</script>");
    design.notes = "\"><img src=x onerror=alert(2)> & 'quotes'\nsecond line\x01";
    design.scars.clear();
    const smp::DotPattern pattern = smp::test::Generate(design);
    PlanSheetOptions options;
    options.clinic_name = "</title><script>alert(3)</script>";
    const std::string html = Sheet(design, pattern, options);
    CHECK(Lower(html).find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("<img src=x") == std::string::npos);
    CHECK(html.find("&quot;&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &#39;quotes&#39;\nsecond line") != std::string::npos);
    CHECK(html.find('\x01') == std::string::npos);
    CHECK(html.find("&lt;/title&gt;&lt;script&gt;alert(3)") != std::string::npos);
    // Self-contained: nothing fetched, nothing run.
    CHECK(html.find("http:") == std::string::npos);
    CHECK(html.find("https:") == std::string::npos);
    CHECK(Occurrences(html, "onerror") == 1);   // the escaped notes only
    CHECK(Occurrences(html, "src=\"data:image/png;base64,") == 5);   // the plan, healed, one per session
    CHECK(html.find("@media print") != std::string::npos);
    CHECK(html.find("@page") != std::string::npos);
}

TEST_CASE("sheet: a bad start date or map width is refused, naming it") {
    const smp::Design design = smp::test::FlatDesign();
    const smp::DotPattern pattern = smp::test::Generate(design);
    PlanSheetOptions options;
    options.start_date = "2026-02-30";
    smp::Expected<std::string> html = PlanSheetHtml(design, pattern, options);
    REQUIRE(!html.ok());
    CHECK(html.status().message().find("'2026-02-30'") != std::string::npos);
    options.start_date = "20.12.2026";
    html = PlanSheetHtml(design, pattern, options);
    REQUIRE(!html.ok());
    CHECK(html.status().message().find("'20.12.2026'") != std::string::npos);
    options.start_date.clear();
    options.map_width_px = 100000;
    html = PlanSheetHtml(design, pattern, options);
    REQUIRE(!html.ok());
    CHECK(html.status().message().find("100000") != std::string::npos);
    options.map_width_px = 640;
    options.hair_colour = -1;
    html = PlanSheetHtml(design, pattern, options);
    REQUIRE(!html.ok());
    CHECK(html.status().message() == "hair colour -1 is outside 0..7");
}

TEST_CASE("sheet: deterministic") {
    const smp::Design design = smp::test::FlatDesign();
    const smp::DotPattern pattern = smp::test::Generate(design);
    PlanSheetOptions options;
    options.start_date = "2026-03-01";
    options.clinic_name = "Clinic";
    CHECK(Sheet(design, pattern, options) == Sheet(design, pattern, options));
}

TEST_CASE("sheet: the cover shows the healed result on the head from the front, the side and the back") {
    const smp::Design design = smp::test::PresetDesign("norwood-4");
    const smp::DotPattern pattern = smp::test::Generate(design);
    PlanSheetOptions options;
    options.map_width_px = 320;
    const std::string html = Sheet(design, pattern, options);
    // Three figures, in this order, on the cover (before the first session's page).
    const size_t front = html.find("<figure class=\"head-view\" data-view=\"front\">");
    const size_t side = html.find("<figure class=\"head-view\" data-view=\"side\">");
    const size_t back = html.find("<figure class=\"head-view\" data-view=\"back\">");
    REQUIRE(front != std::string::npos);
    REQUIRE(side != std::string::npos);
    REQUIRE(back != std::string::npos);
    CHECK(front < side);
    CHECK(side < back);
    CHECK(back < html.find("<section class=\"session\""));
    CHECK(Occurrences(html, "class=\"head-view\"") == 3);
    // Each is its own PNG, of the head render's size (3/4 of the map width), and they differ.
    auto image_of = [&](size_t at) {
        const size_t src = html.find("src=\"data:image/png;base64,", at);
        const size_t end = html.find('"', src + 5);
        return html.substr(src, end - src);
    };
    CHECK(image_of(front) != image_of(side));
    CHECK(image_of(side) != image_of(back));
    CHECK(html.find("width=\"240\" height=\"240\" alt=\"Front of the head", front) != std::string::npos);
    // The images are RenderHead's, byte for byte: the front view matches a render of its own.
    smp::HeadRenderOptions head;
    head.width_px = 240;
    head.camera = {0.0, 10.0};
    head.skin_tone = options.skin_tone;
    const smp::Expected<smp::RgbaImage> render = smp::RenderHead(design, pattern, head);
    REQUIRE(render.ok());
    CHECK(image_of(front) == "src=\"data:image/png;base64," + smp::Base64(smp::EncodePng(*render)));
    CHECK(html.find("with the fringe's own dark brown stubble") != std::string::npos);
    // In the client's hair colour (the app passes the one its view shows): another front view,
    // RenderHead's with that colour, and the words say it.
    options.hair_colour = smp::kHairColourCount - 1;   // white
    const std::string white = Sheet(design, pattern, options);
    const size_t white_front = white.find("<figure class=\"head-view\" data-view=\"front\">");
    head.hair_colour = options.hair_colour;
    const smp::Expected<smp::RgbaImage> white_render = smp::RenderHead(design, pattern, head);
    REQUIRE(white_render.ok());
    CHECK(white_render->rgba != render->rgba);
    const size_t src = white.find("src=\"data:image/png;base64,", white_front);
    CHECK(white.substr(src, white.find('"', src + 5) - src) == "src=\"data:image/png;base64," + smp::Base64(smp::EncodePng(*white_render)));
    CHECK(white.find("with the fringe's own white stubble") != std::string::npos);
    // A flat work area has no head to show.
    const smp::Design flat = smp::test::FlatDesign();
    CHECK(Occurrences(Sheet(flat, smp::test::Generate(flat), {}), "head-view") == 0);
}
