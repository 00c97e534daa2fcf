// smp ui: widgets that edit the design. A slider or drag field applies its change live, every
// frame it moves, and becomes one undo step when let go (document.h: ApplyLiveEdit/EndLiveEdit).
#pragma once

#include "imgui.h"
#include "ui/document.h"

namespace smp {

// Shows a failed edit in the side panel (or clears the last message when it worked).
inline void ReportEditStatus(AppState& app, const Status& status) { app.view.last_error = status.ok() ? "" : status.message(); }

// After the widget just drawn: when it `changed`, applies `change` to a copy of the design (the
// copy only then: designs hold every brush stroke); when it is let go, ends the edit as one step.
template <typename Change>
void LiveWidgetEdit(AppState& app, bool changed, const char* label, Change change) {
    if (changed) {
        Design edited = app.design.design;
        change(edited);
        ReportEditStatus(app, ApplyLiveEdit(app, edited, label));
    }
    if (ImGui::IsItemDeactivatedAfterEdit()) EndLiveEdit(app);
}

}  // namespace smp
