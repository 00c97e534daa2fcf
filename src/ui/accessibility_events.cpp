// smp ui: what the accessibility layer (accessibility.h) sends the page, as JSON: the
// announcements, the theme chosen, the appearance and the focus. Apart from accessibility.cpp so
// that only this file is compiled with exceptions in the browser (web/web.cmake: nlohmann's throws
// must stay throws), and the keyboard code is not.
#include "ui/accessibility.h"

#include "document/document.h"
#include "ui/app_state.h"
#include "ui/numbers_text.h"
#include "ui/sessions_panel.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace smp {

std::optional<std::string> AnnouncementJson(const AppState& app) {
    // Minutes, density and area are measured once a gesture ends; until then the panel shows "...".
    if (!FiguresCurrent(app)) return std::nullopt;
    const Document& doc = app.doc;
    const Design& design = doc.design;
    const size_t sessions = design.sessions.size();
    char figures[200];
    std::snprintf(figures, sizeof figures, ": %s dots over %zu session%s, %.0f minutes of needle work in all, on %.0f cm\xC2\xB2 of scalp.",
                  Thousands(doc.total_dots).c_str(), sessions, sessions == 1 ? "" : "s", doc.figures.total_minutes,
                  doc.figures.treated_area_cm2);
    const std::string title = design.title.empty() ? std::string("Untitled design") : design.title;
    // A shared design cannot be changed here: said first, as the panel says it at the top.
    const std::string summary = (doc.client_view ? "Shared design, read-only. " : "") + title + figures;

    nlohmann::json warnings = nlohmann::json::array();
    for (const DesignWarning& warning : doc.pattern.field->Warnings()) warnings.push_back(warning.message);
    nlohmann::json rows = nlohmann::json::array();
    for (const SessionFigureCells& row : SessionFigureTable(app)) rows.push_back({row.session, row.day, row.dots, row.minutes, row.density});
    const nlohmann::json event = {
        {"type", "announce"},
        {"summary", summary},
        {"warnings", warnings},
        // The panel's columns, spelled out further: "#" and "Dots/cm²" are read badly aloud.
        {"columns", {"Session", "Day", "Dots", "Minutes", "Density after it (dots/cm\xC2\xB2)"}},
        {"rows", rows},
        {"error", app.screen.last_error.empty() ? app.screen.dialog_error : app.screen.last_error},
        {"status", app.screen.status},
        {"share_status", app.share.status},
    };
    return event.dump();
}

std::string ThemeChoiceEventJson(const char* choice) { return nlohmann::json{{"type", "themeChoice"}, {"choice", choice}}.dump(); }
std::string AppearanceEventJson(bool dark) { return nlohmann::json{{"type", "appearance"}, {"dark", dark}}.dump(); }
std::string FocusEventJson(const std::string& text) { return nlohmann::json{{"type", "focus"}, {"text", text}}.dump(); }

}  // namespace smp
