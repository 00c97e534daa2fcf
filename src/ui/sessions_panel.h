// smp ui: the sessions panel (how many, when, how far each goes, pigment and needles, with the
// plan's figures per session) and the client's head measurements.
#pragma once

#include "ui/app_state.h"

#include <cstdint>
#include <string>

namespace smp {

// 12345 -> "12,345": dot counts are read across a treatment room.
std::string Thousands(int64_t value);

// The design in one line, for a phone's collapsed sheet: "21,790 dots · 3 sessions · 311 min"
// (the minutes once the figures are measured).
std::string PlanSummaryLine(AppState& app);

void DrawSessionsPanel(AppState& app);

// The plan at a glance: per session its day, dots, minutes and the density reached, and the totals.
void DrawSessionFigures(AppState& app);

// Circumference, glabella to nape, ear to ear: the template and everything on it follow the head.
void DrawHeadPanel(AppState& app);

}  // namespace smp
