// smp ui: widgets that edit the design. A slider or drag field applies its change live, every
// frame it moves, and becomes one undo step when let go (document.h: ApplyLiveEdit/EndLiveEdit).
#pragma once

#include "document/document.h"
#include "imgui.h"
#include "ui/app_actions.h"
#include "ui/app_state.h"

namespace smp {

// After the widget just drawn: when it `changed`, applies `change` to a copy of the design (the
// copy only then: designs hold every brush stroke); when it is let go, ends the edit as one step.
template <typename Change>
void LiveWidgetEdit(AppState& app, bool changed, const char* label, Change change) {
    if (changed) {
        Design edited = app.doc.design;
        change(edited);
        ReportEditStatus(app, ApplyLiveEdit(app.doc, edited, label));
    }
    if (ImGui::IsItemDeactivatedAfterEdit()) EndLiveEdit(app.doc);
}

}  // namespace smp
