// smp ui: the sessions panel (how many, when, how far each goes, pigment and needles, with the
// plan's figures per session) and the client's head measurements.
#pragma once

#include "ui/app_state.h"

namespace smp {

void DrawSessionsPanel(AppState& app);

// The plan at a glance: per session its day, dots, minutes and the density reached, and the totals.
void DrawSessionFigures(AppState& app);

// Circumference, glabella to nape, ear to ear: the template and everything on it follow the head.
void DrawHeadPanel(AppState& app);

}  // namespace smp
