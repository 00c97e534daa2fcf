// smp ui: the sessions panel (how many, when, how far each goes, pigment and needles, with the
// plan's figures per session) and the client's head measurements.
#pragma once

#include "ui/app_state.h"

#include <cstdint>
#include <string>
#include <vector>

namespace smp {

// The design in one line, for a phone's collapsed sheet: "21,790 dots · 3 sessions, up to about
// 2 h each" (once the figures are measured: the longest session, what a client books time for,
// not the plan's total minutes, which read as one sitting of five hours).
std::string PlanSummaryLine(AppState& app);

void DrawSessionsPanel(AppState& app);

// The plan at a glance: per session its day, dots, minutes and the density reached, and the totals.
void DrawSessionFigures(AppState& app);

// One row of that table as the panel shows it, e.g. {"1", "0", "7,037", "101", "13.2"}; minutes and
// density read "..." until the figures are measured for this revision. The page's screen-reader
// table (ui/accessibility.cpp) takes the same cells, so both say the same numbers.
struct SessionFigureCells {
    std::string session, day, dots, minutes, density;
};
std::vector<SessionFigureCells> SessionFigureTable(const AppState& app);

// Whether the plan's figures (minutes, density, treated area) are measured for this revision, and
// measuring them when nothing is being dragged or painted (a pass over the whole target).
bool FiguresCurrent(const AppState& app);
void RefreshFiguresWhenIdle(AppState& app);

// Circumference, glabella to nape, ear to ear: the template and everything on it follow the head.
void DrawHeadPanel(AppState& app);

}  // namespace smp
