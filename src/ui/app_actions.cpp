#include "ui/app_actions.h"

#include "ui/app_state.h"
#include "ui/head_view.h"
#include "ui/tools/tools.h"

#include <utility>

namespace smp {
namespace {

// After a document action: when it left the client view, the person's own design returns in the
// plan preview.
void AfterClientView(AppState& app, bool was_client_view) {
    if (was_client_view && !app.doc.client_view) {
        app.view.preview.mode = PreviewMode::kPlan;
        app.view.canvas_view = CanvasView::kMap;   // the map, to work on
    }
}

}  // namespace

void ReportEditStatus(AppState& app, const Status& status) { app.screen.last_error = status.ok() ? "" : status.message(); }

void ReportFileDone(AppState& app, std::string message) {
    app.screen.last_error.clear();
    app.screen.status = std::move(message);
}

void ReportFileFailed(AppState& app, std::string message) {
    app.screen.status.clear();
    app.screen.last_error = std::move(message);
}

void ShowResultToClient(AppState& app) {
    app.view.preview.mode = PreviewMode::kHealed;
    app.view.preview.up_to_session = 0;
    ShowHeadToClient(app, CanvasView::kBoth);
}

void FinishPointerEdits(AppState& app) {
    if (const Status ended = FinishEdits(app.doc); !ended.ok()) app.screen.last_error = ended.message();
    app.pointer.press_made_edit = false;   // what the press did is now an ordinary step
    app.pointer.dragging_handle = {};
    app.pointer.scar_path_mm.clear();
}

void CancelPointerEdit(AppState& app) {
    TakeBackPress(app.doc, app.pointer.press_made_edit);
    app.pointer.press_made_edit = false;
    app.pointer.dragging_handle = {};
    app.pointer.scar_path_mm.clear();
}

bool Undo(AppState& app) {
    if (ReadOnly(app)) return false;
    FinishPointerEdits(app);
    return UndoEdit(app.doc);
}

bool Redo(AppState& app) {
    if (ReadOnly(app)) return false;
    FinishPointerEdits(app);
    return RedoEdit(app.doc);
}

Status LoadDesign(AppState& app, std::string_view text_or_preset) {
    FinishPointerEdits(app);
    const bool was_client_view = app.doc.client_view;
    const Status loaded = LoadDesignText(app.doc, text_or_preset);
    AfterClientView(app, was_client_view);
    return loaded;
}

Status Replace(AppState& app, const Design& design, const std::string& label) {
    FinishPointerEdits(app);
    const bool was_client_view = app.doc.client_view;
    const Status replaced = ReplaceDesign(app.doc, design, label);
    AfterClientView(app, was_client_view);
    return replaced;
}

Status OpenFile(AppState& app, std::string_view file_name, std::string_view text) {
    const bool was_client_view = app.doc.client_view;
    const Status opened = OpenFileText(app.doc, file_name, text);   // ends a stroke or drag when it opens
    if (opened.ok()) FinishPointerEdits(app);
    AfterClientView(app, was_client_view);
    if (opened.ok()) {
        ReportFileDone(app, "Opened " + (file_name.empty() ? std::string("the file") : std::string(file_name)));
    } else {
        ReportFileFailed(app, opened.message());
    }
    return opened;
}

Status RestoreAutosaved(AppState& app, std::string_view text) {
    FinishPointerEdits(app);
    return RestoreAutosave(app.doc, text);
}

Status OpenSharedLink(AppState& app, std::string_view link_text) {
    // A link that does not decode changes nothing, not even a stroke in progress.
    const Expected<Design> shared = DecodeLink(link_text);
    const Status opened = shared.ok() ? (FinishPointerEdits(app), OpenSharedDesign(app.doc, *shared)) : shared.status();
    if (!opened.ok()) {
        app.screen.last_error = opened.message();
        return opened;
    }
    app.tools.active = &HandTool();
    app.view.follow_fit = true;
    ShowResultToClient(app);
    app.screen.last_error.clear();
    return opened;
}

Status EditCopy(AppState& app) {
    const bool was_client_view = app.doc.client_view;
    const Status edited = EditSharedCopy(app.doc);
    AfterClientView(app, was_client_view);
    return edited;
}

Status BackToMyDesign(AppState& app) {
    const bool was_client_view = app.doc.client_view;
    const Status closed = CloseClientView(app.doc);
    if (!closed.ok()) {
        app.screen.last_error = closed.message();
        return closed;
    }
    AfterClientView(app, was_client_view);
    if (was_client_view) app.view.follow_fit = true;
    return closed;
}

ShareLink CurrentLink(const AppState& app) {
    return CurrentShareLink(app.doc, app.host.share_base_url ? app.host.share_base_url() : std::string());
}

}  // namespace smp
