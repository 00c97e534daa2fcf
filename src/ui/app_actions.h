// smp ui: what the screen does to the document, with its consequences for the view and the
// pointer. The document (document/document.h) knows nothing of previews, tools or messages; these
// are the few places where a document change also changes what the person sees: a shared design
// opens in the healed preview with the hand, leaving the client view returns to the plan, a
// pointer gesture in progress ends before an undo.
#pragma once

#include "core/status.h"

#include <string>
#include <string_view>

namespace smp {

struct AppState;
struct Design;

// Shows a failed action in the side panel (or clears the last message when it worked).
void ReportEditStatus(AppState& app, const Status& status);

// One message per file action on the panel: what it did, or why it failed; either one replaces
// whatever an earlier action left (a download after a failed one must not leave the failure up).
void ReportFileDone(AppState& app, std::string message);
void ReportFileFailed(AppState& app, std::string message);

// What a client comes to see: the healed result after every session, on the head from the front
// and a little above (the map beside it where there is room). A shared link and the widget's
// client and viewer modes open on it; the Plan look's session colours are a planner's.
void ShowResultToClient(AppState& app);

// Ends what the pointer was doing: a stroke ends, a drag is recorded, a trace is dropped.
void FinishPointerEdits(AppState& app);

// A touch that becomes a two-finger gesture: whatever it started (a stroke, a handle dragged, a
// zone filled, a scar being traced) is taken back as if it never happened, with no redo step.
void CancelPointerEdit(AppState& app);

// Undo / redo (after ending the pointer's gesture); false when there is nothing to undo / redo.
bool Undo(AppState& app);
bool Redo(AppState& app);

// Design JSON text or a preset's name, as an undoable edit (errors change nothing).
Status LoadDesign(AppState& app, std::string_view text_or_preset);
// Another design in place of this one (a new design, a file), as an undoable edit.
Status Replace(AppState& app, const Design& design, const std::string& label);
// A file the person picked (a design or a plan); its name appears as the status when it opened.
Status OpenFile(AppState& app, std::string_view file_name, std::string_view text);
// The page's autosaved design, on opening (no undo step).
Status RestoreAutosaved(AppState& app, std::string_view text);

// A shared design from a link: the client view, in the healed preview after every session, on the
// head from the front (and the map, fitted, beside it when the canvas is wide), with the hand. Errors (shown in the panel too) change nothing.
Status OpenSharedLink(AppState& app, std::string_view link_text);
// "Edit a copy" and "Back to my design": the client view closes; the plan preview and the map return.
Status EditCopy(AppState& app);
Status BackToMyDesign(AppState& app);

// The design's share link on the host's address.
struct ShareLink;
ShareLink CurrentLink(const AppState& app);

}  // namespace smp
