// smp ui: the design document: loading, generating, and what the page API hands out.
//
// Every change goes through here, so the dots, the drawing geometry and the revision counter stay
// in step with the design. A design that does not load or generate never replaces the current one:
// the user's work is never lost to a bad file or link.
#pragma once

#include "core/status.h"
#include "ui/app_state.h"

#include <string>
#include <string_view>

namespace smp {

// The densest the brush paints, dots/cm² (the slider's end; the core reserves headroom for it).
inline constexpr double kBrushMaxPerCm2 = kPaintingMaxPerCm2;

// The hairline height guides on the canvas (Garg 2017): aggressive, usual, conservative, mm above
// the glabella.
inline constexpr double kGuideHeightsMm[] = {70.0, 80.0, 100.0};

// The design the app opens with: a shipped preset.
inline constexpr const char* kStartPreset = "norwood-4";

// Replaces the design with `design` and its dots. On an error, nothing changes.
Status SetDesign(AppState& app, const Design& design);

// Replaces the design as an edit that can be undone (`label` names it in the menu).
Status EditDesign(AppState& app, const Design& design, const std::string& label);

// Continuous edits (a slider held, a control point dragged, a session's day typed): each frame
// applies the design as it is now, and letting go records one undo step for the whole gesture.
// ApplyLiveEdit remembers the design it started from on its first call; EndLiveEdit records it
// (when anything changed) under `label`. An error leaves the design as the last frame had it.
// The screen ends an edit left open (its widget gone mid-drag) once nothing is held any more.
Status ApplyLiveEdit(AppState& app, const Design& design, const std::string& label);
void EndLiveEdit(AppState& app);

// Changes the canvas tool. Whatever the pointer was doing (a stroke, a drag, a trace) ends first.
void SetTool(AppState& app, Tool tool);

// Ends what the pointer was doing: a stroke ends, a drag is recorded, a trace is dropped.
void FinishPointerEdits(AppState& app);

// Undo / redo the last edit; false when there is nothing to undo / redo.
bool UndoEdit(AppState& app);
bool RedoEdit(AppState& app);

// Brush strokes, live: BeginStroke records the design for undo and starts a stroke layer at p;
// ExtendStroke adds a point and regenerates only the dots near the new segment. EndStroke ends it.
// Errors (a stroke too dense for the dots) leave the design as it was before the stroke.
Status BeginStroke(AppState& app, const Vec2& p_mm, double pressure);
Status ExtendStroke(AppState& app, const Vec2& p_mm, double pressure);
void EndStroke(AppState& app);

// A touch that becomes a two-finger gesture: whatever it started (a stroke, a handle dragged, a
// zone filled, a scar being traced) is taken back as if it never happened, with no redo step.
void CancelPointerEdit(AppState& app);

// Parses and loads design JSON text (or a preset name), as an undoable edit. Errors name the
// problem; the current design stays.
Status LoadDesignText(AppState& app, std::string_view text_or_preset);

// --- Links and files ----------------------------------------------------------------------------

// The current design's share link (design_link.h) on the host's address.
struct ShareLink {
    std::string url;                 // e.g. http://127.0.0.1:8080/#d=1.AbC...
    std::string fragment;            // "d=1.AbC..."
    bool within_budget = true;       // at most kLinkBudgetChars: safe in any app and QR code
};
ShareLink CurrentShareLink(const AppState& app);

// Opens a shared design from a link in the client view (read-only: previews, session summary,
// disclaimer). The design open before waits for "Back to my design". Errors (a damaged, foreign or
// future link) change nothing; their message says what is wrong and that the design is unchanged.
Status OpenLink(AppState& app, std::string_view link_text);
// "Edit a copy": the shared design becomes the working design, as an edit of the one open before
// (so it can be undone). "Back to my design": the client view closes and the earlier design returns.
Status EditSharedCopy(AppState& app);
void CloseClientView(AppState& app);

// Replaces the design with another one (a preset, a file, a recent design) as an undoable edit;
// over a shared design in the client view, Undo goes back to the person's own design. Errors
// change nothing.
Status ReplaceDesign(AppState& app, const Design& design, const std::string& label);

// Opens a file the person picked: a design, or a plan (its design is opened). Errors name the
// file and the problem, and the current design stays.
Status OpenFileText(AppState& app, std::string_view file_name, std::string_view text);

// File names for downloads, from the design's title ("Norwood IV" -> "norwood-iv").
std::string DesignFileStem(const Design& design);

// The current design and plan as JSON text (the same bytes `smp plan` writes for that design).
std::string DesignJsonText(const AppState& app);
std::string PlanJsonText(const AppState& app);

// The page API (window.smp in the browser): a command and its argument, JSON text back:
//   getDesign          -> the design
//   loadDesign <json>  -> {"ok": true} or {"ok": false, "error": "..."}
//   restoreDesign <json> -> {"ok": true} or {"ok": false, "error"}: an autosaved design, on
//                         opening (replaces the design with no undo step; the history starts empty)
//   getPlan            -> the plan
//   listPresets        -> [{"name", "title"}, ...]
//   undo, redo         -> {"ok": true}, or {"ok": false} with nothing to undo / redo
//   pointer <json>     -> {"ok": true}: {"type": "mouse"|"pen"|"touch", "pressure": 0..1,
//                         "clicks": n}, each optional, from the page's pointer events (pen
//                         pressure for the brush; the browser's click count for double-clicks)
//   gesture <json>     -> {"ok": true}: two-finger pan and pinch from the page, {"phase": "begin"|
//                         "move"|"end", "dx", "dy" (CSS px moved), "scale" (spread ratio since the
//                         last move), "x", "y" (the fingers' centre, CSS px in the canvas)}
//   getLink            -> {"ok": true, "link", "fragment", "chars", "within_budget", "budget"}
//   openLink <text>    -> {"ok": true} (the client view) or {"ok": false, "error"}; nothing changes on an error
//   editCopy, closeClientView -> {"ok": true} or {"ok": false, "error"}
//   openFile <json>    -> {"name", "text"} or {"name", "error"} from the page's file picker:
//                         {"ok": true} or {"ok": false, "error"} (the design stays)
//   clipboardResult <json> -> {"ok": bool, "error"}: whether the browser copied the link
//   setRecent <json>   -> {"ok": true}: the page's recent designs, [{"title", "saved_at"}], newest first
//   getView            -> {"preview": {...}, "fit", "show": {...}, "pixels_per_mm", "origin"}: the view to
//                         keep with the autosave (zoom and origin in CSS px, absent while fitted)
//   setView <json>     -> {"ok": true}: takes that back; missing or out-of-range values are left as they are
//   setPreview <json>  -> {"ok": true}: {"mode": "plan"|"healed"|"faded", "up_to_session",
//                         "skin_tone" (0..4), "years" (0..10), "viewing_distance_m" (0..3)}
std::string HandleApiCall(AppState& app, std::string_view command, std::string_view argument);

}  // namespace smp
