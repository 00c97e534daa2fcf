// smp document: the design being worked on, its dots, and every way it changes.
//
// The document is what the designer holds of a person's work, without any screen: the design, the
// dots generated from it (kept in step with it), the undo history, a continuous edit in progress
// (a slider held, a handle dragged), a brush stroke in progress, and the client view of a design
// opened from a link. It is pure C++ over the core (library smp_document: no ImGui, GL, GLFW or
// emscripten), so every guarantee below is a unit test (tests/document/document_test.cpp), run
// natively, in WebAssembly and under the sanitizers.
//
// Guarantees:
//   - The dots always belong to the design: every change goes through SetDesign, which regenerates
//     what changed (a local update equals a full generation, generator.h) and bumps `revision`.
//   - Nothing that fails changes anything: a design that does not load, generate or fit leaves the
//     document exactly as it was (design, dots, history, client view), and the Status says why.
//   - Undo and redo are exact: undoing an edit gives back the design it started from, byte for byte,
//     and redoing it gives back the edited one.
//   - A continuous edit (ApplyLiveEdit ... EndLiveEdit) and a stroke (BeginStroke ... EndStroke)
//     are one undo step each, however many frames they last.
#pragma once

#include "core/design.h"
#include "core/edit_history.h"
#include "core/generator.h"
#include "core/geometry.h"
#include "core/plan_json.h"
#include "core/status.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smp {

// The densest the brush paints, dots/cm² (the slider's end; the core reserves headroom for it).
inline constexpr double kBrushMaxPerCm2 = kPaintingMaxPerCm2;

// The hairline height guides (Garg 2017): aggressive, usual, conservative, mm above the glabella.
inline constexpr double kGuideHeightsMm[] = {70.0, 80.0, 100.0};

// The design the app opens with: a shipped preset.
inline constexpr const char* kStartPreset = "norwood-4";

// What a screen draws besides the dots, derived from the compiled design, in mm on the template's
// frame (rebuilt with every new revision of the design).
struct DesignDrawing {
    PolygonMm scalp_outline_mm;
    std::vector<std::array<int, 3>> scalp_triangles;   // the outline filled (it is not convex)
    RectMm scalp_bounds_mm;                            // the template's frame
    std::vector<std::vector<Vec2>> zone_borders_mm;
    std::vector<Vec2> landmarks_mm;
    std::vector<Vec2> hairline_mm;
    // The midline points kGuideHeightsMm above the glabella (scalp only; found by bisection along
    // the surface, so once per template, not every frame).
    std::vector<Vec2> guide_points_mm;
    double midline_x_mm = 0.0;                         // the scalp's midline, or the flat area's middle
};

// Core time of the brush's local dot updates (UpdateDotsInRegion), for stats() and the benchmark.
struct StrokeTimings {
    double last_update_ms = 0.0;
    double max_update_ms = 0.0;
    double stroke_first_update_ms = 0.0;   // the update that starts the last stroke (a new layer)
    uint64_t updates = 0;
};

// Core time of the last full generation and of the painting headroom that follows it, for
// stats(): what a design's load costs this device (a phone's own figures, through remote debugging).
struct EngineTimings {
    double last_generate_ms = 0.0;         // GenerateDots, or an edit that regenerated everything
    double last_headroom_ms = 0.0;         // the painting headroom, all its frames (0 until it grew the set)
    double headroom_longest_frame_ms = 0.0;   // the most of it one frame did
    uint32_t headroom_frames = 0;          // the frames it was spread over (AdvancePaintingHeadroom)
    bool headroom_in_place = false;        // it grew the kept build (ProgressiveSetBuilder) in place
    uint64_t generations = 0;
};

struct Document {
    Design design;
    DotPattern pattern;                    // its dots; pattern.field is the compiled design
    uint64_t revision = 0;                 // bumped on every change of design or dots
    uint64_t document_serial = 0;          // bumped when another design replaces this one (not by edits)
    std::vector<int64_t> dots_per_session; // counted once per revision
    int64_t total_dots = 0;
    DesignDrawing drawing;
    // The plan's figures per session (minutes, mean density): a pass over the target, so measured
    // when asked (RefreshFigures), not with every revision; figures_revision says which.
    PlanFigures figures;
    uint64_t figures_revision = ~0ull;

    EditHistory history;
    // A continuous edit in progress: the design it started from and what its undo step is called.
    std::optional<Design> live_edit_before;
    std::string live_edit_label;
    // A brush stroke in progress: it appends to the last layer; the last point placed.
    bool stroking = false;
    Vec2 last_stroke_point_mm = Vec2::Zero();
    StrokeTimings timings;
    EngineTimings engine_timings;

    // A shared design opened from a link is shown read-only (the client view) until "Edit a copy";
    // the design open before it waits here, untouched, for "Back to my design".
    bool client_view = false;
    std::optional<Design> design_before_link;
    bool opened_own_work = false;          // the design came from storage, a file or a copy, not the start preset
    bool view_only = false;                // an embedded viewer: nothing may change the design
    bool painting_headroom = false;        // the raw set covers the brush's densest (ReservePaintingHeadroom)
    // The headroom's parts made ahead so far (AdvancePaintingHeadroom), for EngineTimings.
    struct HeadroomProgress {
        double ms = 0.0;
        double longest_frame_ms = 0.0;
        uint32_t frames = 0;
    } headroom_progress;
};

// Nothing may change the design: a shared design in the client view, or an embedded viewer.
inline bool ReadOnly(const Document& doc) { return doc.client_view || doc.view_only; }

// --- [SECTION] Changing the design ---------------------------------------------------------------

// Replaces the design with `design` and its dots, with no undo step. On an error, nothing changes.
Status SetDesign(Document& doc, const Design& design);

// Grows the raw set so that painting up to kBrushMaxPerCm2 stays a local update (a design too
// large for that keeps the ordinary headroom); the dots do not change. SetDesign leaves this for
// later, so that a design is on screen before it (it costs about as much as generating the design
// again): the app calls it at the start of the frame after the one that showed the design, and
// BeginStroke first thing. Does nothing once done for the design's dots, nor while the design is
// read-only (ReadOnly: nothing can paint it; "Edit a copy" makes it paintable, and the next call
// grows it).
void ReservePaintingHeadroom(Document& doc);
// The same spread over frames, so that no frame after a design shows stalls for it (on a phone
// the whole headroom took a frame of 170-390 ms): each call makes at most kHeadroomPointsPerFrame
// of its points ahead, and the call that finds them all made finishes it (ReservePaintingHeadroom,
// which evaluates them all for the design and indexes the set again: the longest of the frames,
// about 4 ms natively for Norwood IV against 1-2 ms for each before it). The points, and so the
// dots of every later edit, are exactly those of one ReservePaintingHeadroom. The app calls it
// once a frame, from the frame after the one that showed the design; a stroke that begins
// meanwhile finishes it at once.
void AdvancePaintingHeadroom(Document& doc);
inline constexpr size_t kHeadroomPointsPerFrame = 2000;
// Whether ReservePaintingHeadroom has work left: a frame is due for it (never while read-only).
inline bool PaintingHeadroomPending(const Document& doc) { return !doc.painting_headroom && doc.pattern.field && !ReadOnly(doc); }

// Replaces the design as an edit that can be undone (`label` names it in the menu).
Status EditDesign(Document& doc, const Design& design, const std::string& label);

// Continuous edits: each frame applies the design as it is now; EndLiveEdit records one undo step
// for the whole gesture (none when it ended where it began). CancelLiveEdit takes it back.
Status ApplyLiveEdit(Document& doc, const Design& design, const std::string& label);
void EndLiveEdit(Document& doc);
void CancelLiveEdit(Document& doc);

// Ends a stroke or live edit in progress (what Undo, a new design or another tool must do first).
// An error: the stroke could not be settled onto the link grid (it stays as painted).
Status FinishEdits(Document& doc);

// Undo / redo the last edit; false when there is nothing to undo / redo, or the design is read-only.
bool UndoEdit(Document& doc);
bool RedoEdit(Document& doc);

// Brush strokes, live: BeginStroke appends `stroke` (its first point, radius, strength, blend) as a
// new layer, regenerates only the dots in its reach and records the undo step `label`;
// ExtendStroke adds a point (one every quarter radius) and regenerates only near the new segment;
// EndStroke settles the stroke onto the share link's grid (design_link.h). A stroke too dense for
// the dots is refused and leaves the design as it was.
Status BeginStroke(Document& doc, const StrokeLayer& stroke, const std::string& label);
Status ExtendStroke(Document& doc, const Vec2& p_mm, double pressure);
Status EndStroke(Document& doc);

// A press that became a two-finger gesture: whatever it started (a stroke; with
// `press_made_edit`, the edit it made, e.g. a zone fill; a live edit) is taken back as if it never
// happened, with no redo step.
void TakeBackPress(Document& doc, bool press_made_edit);

// The plan's figures for the current revision (a pass over the target).
void RefreshFigures(Document& doc);

// --- [SECTION] Opening and replacing ---------------------------------------------------------------

// Replaces the design with another one (a preset, a file, a recent design, a new design) as an
// undoable edit; over a shared design in the client view, Undo goes back to the person's own
// design and the client view closes. Errors change nothing.
Status ReplaceDesign(Document& doc, const Design& design, const std::string& label);

// Design JSON text, or a preset's name (presets.h: DesignSourceText), as an undoable edit.
Status LoadDesignText(Document& doc, std::string_view text_or_preset);

// The page's autosaved design on opening: replaces the design with no undo step and an empty
// history (nothing was edited yet in this visit). Errors name the problem; the design stays.
Status RestoreAutosave(Document& doc, std::string_view text);

// A file the person picked: a design, or a plan (its design is opened). Errors name the file and
// the problem, and end "Your design is unchanged."
Status OpenFileText(Document& doc, std::string_view file_name, std::string_view text);

// "<what> could not be opened: <why>. <outcome>", with one full stop whatever `why` ends with.
std::string Refusal(const std::string& what, const std::string& why, const char* outcome);

// --- [SECTION] Links and the client view ---------------------------------------------------------

struct ShareLink {
    std::string url;                 // e.g. http://127.0.0.1:8080/#d=1.AbC...
    std::string fragment;            // "d=1.AbC..."
    bool within_budget = true;       // at most kLinkBudgetChars: safe in any app and QR code
};
// The current design's share link on `base_url` (the page's address without its fragment).
ShareLink CurrentShareLink(const Document& doc, std::string_view base_url);

// The design a link carries. Errors (a damaged, foreign or future link) say what is wrong and end
// "Nothing was changed."
Expected<Design> DecodeLink(std::string_view link_text);
// Opens a shared design in the client view (read-only). The design open before waits for "Back to
// my design" (unless it was the untouched start preset: nobody's work). Errors (it does not
// generate) change nothing.
Status OpenSharedDesign(Document& doc, const Design& shared);
// DecodeLink, then OpenSharedDesign.
Status OpenLink(Document& doc, std::string_view link_text);
// "Edit a copy": the shared design becomes the working design, as an edit of the one open before
// (Undo brings that back); nothing regenerates.
Status EditSharedCopy(Document& doc);
// "Back to my design": the client view closes and the earlier design returns. An error (that
// design no longer generates) keeps the client view as it was.
Status CloseClientView(Document& doc);

// --- [SECTION] What the document hands out -------------------------------------------------------

// File names for downloads, from the design's title ("Norwood IV" -> "norwood-iv").
std::string DesignFileStem(const Design& design);

// The current design and plan as JSON text (the same bytes `smp plan` writes for that design).
std::string DesignJsonText(const Document& doc);
std::string PlanJsonText(const Document& doc);

}  // namespace smp
