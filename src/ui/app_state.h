// smp ui: what the designer holds between frames.
//
// Saved state (what the practitioner designs) and view state (zoom, hover, panels) are separate
// structs, so saving a design never drags the view along and a view change never marks it dirty.
#pragma once

#include "core/design.h"
#include "core/edit_history.h"
#include "core/generator.h"
#include "core/geometry.h"
#include "core/plan_json.h"
#include "export/preview.h"   // PreviewMode, PreviewSettings
#include "render/dot_renderer.h"
#include "render/texture.h"
#include "ui/canvas_transform.h"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace smp {

// The design being edited, and what is derived from it (document.h keeps them in step).
struct DesignState {
    Design design;
    DotPattern pattern;                  // its dots; pattern.field is the compiled design
    uint64_t revision = 0;               // bumped on every change of design or dots (CountDots too)
    uint64_t document_serial = 0;        // bumped when another design replaces this one (not by edits)
    std::vector<int64_t> dots_per_session;   // counted once per revision, not every frame
    int64_t total_dots = 0;
    // The plan's figures per session (minutes, mean density), measured when the pointer rests
    // (they take a pass over the target); figures_revision says which revision they are for.
    PlanFigures figures;
    uint64_t figures_revision = ~0ull;
    // Derived for drawing, in mm on the template's frame.
    PolygonMm scalp_outline_mm;
    std::vector<std::array<int, 3>> scalp_triangles;   // the outline filled (it is not convex)
    RectMm scalp_bounds_mm;              // the template's frame
    std::vector<std::vector<Vec2>> zone_borders_mm;
    std::vector<Vec2> landmarks_mm;
    std::vector<Vec2> hairline_mm;
    // Hairline height guides: the midline points 70, 80 and 100 mm above the glabella (scalp only;
    // found by bisection along the surface, so once per template, not every frame).
    std::vector<Vec2> guide_points_mm;
};

// The canvas tool and its settings (not part of the design).
enum class Tool {
    kPan,         // look around (a client opening a link starts here)
    kBrush,       // paint a target density
    kEraser,      // paint zero
    kSmooth,      // even out the painted density under the brush
    kZoneFill,    // a click sets a scalp zone to the target density
    kHairline,    // drag the hairline's control points
    kScarStrip,   // draw a FUT strip scar along its length
    kScarField,   // outline an FUE field of round scars
};

// A hairline control point under the pointer or being dragged.
struct HairlineHandle {
    int index = -1;         // into HairlineSpec::points_mm; -1 = none
    bool mirrored = false;  // the mirror image of that point (drawn, not dragged)
};

struct ToolState {
    Tool tool = Tool::kPan;           // a client opening a link looks first
    float radius_mm = 8.0f;           // brush radius
    float strength_per_cm2 = 70.0f;   // the density the brush paints
    bool strength_as_percent = false; // shown as % of natural density instead of dots/cm²
    float falloff = 0.5f;             // 0 hard edge .. 1 soft from the centre
    // A stroke in progress: the layer it appends to and the last point placed.
    bool stroking = false;
    Vec2 last_point_mm = Vec2::Zero();
    // The pointer drawing now (the page reports pens; a mouse or finger paints at full strength).
    bool pen = false;
    double pen_pressure = 1.0;
    // The page's count of quick successive clicks for the press under way (the browser knows the
    // system's double-click speed; ImGui's own timer counts frames, which can be slow).
    int page_click_count = 0;
    // Two fingers on the canvas (the page's gesture): the pointer's press is not a tool's.
    bool gesture_active = false;
    // The press under way made an edit of its own (a zone fill): a pinch takes it back.
    bool press_made_edit = false;
    // Hairline tool: the control point being dragged.
    HairlineHandle dragging_handle;
    // Scar tools: the path being drawn (mm), and the settings the next scar gets.
    std::vector<Vec2> scar_path_mm;
    float scar_width_mm = 2.0f;       // FUT strip width
    int fue_count = 400;              // round scars in an FUE field
    int selected_scar = -1;           // the scar the panel edits
    // Core time of the brush's dot updates (UpdateDotsInRegion), for stats() and the benchmark.
    double last_update_ms = 0.0;
    double max_update_ms = 0.0;
    double stroke_first_update_ms = 0.0;   // the update that starts the last stroke (a new layer)
    uint64_t updates = 0;
};

// One of the page's recent designs, as the File menu lists it.
struct RecentDesign {
    std::string title;
    std::string saved_at;   // as the page stored it (ISO 8601)
};

// What a clinic lets visitors do with an embedded designer (web/embed.js, data-mode):
//   full    the whole designer;
//   client  presets, the brush, eraser and hairline, previews and the session summary; no files
//           to save or export, and "Send to clinic" hands the design and its link to the page;
//   viewer  look only: previews and the session summary, nothing changes the design.
enum class EmbedMode { kFull, kClient, kViewer };

struct ViewState {
    CanvasTransform transform;
    PreviewSettings preview;
    bool follow_fit = true;          // refit when the canvas resizes, until the user pans or zooms
    RectMm fitted_bounds_mm;         // the template frame the last fit was for
    bool show_grid = true;
    Vec2 canvas_size_px = Vec2::Zero();     // canvas region, framebuffer px
    Vec2 canvas_origin_px = Vec2::Zero();   // its top-left inside the window, framebuffer px
    bool hovering = false;
    Vec2 hover_mm = Vec2::Zero();           // pointer position on the scalp map while hovering
    bool show_about = false;
    bool show_zones = true;
    std::string last_error;                 // the last failed load, shown until the next one
    std::string pending_preset;             // a preset waiting for "replace your design?"
    bool pending_new_design = false;        // "start a new design?" waiting for an answer
    bool show_dots = true;
    bool show_guides = true;                // midline and hairline height marks (7, 8, 10 cm)
    bool show_heatmap = false;              // the target density as a colour overlay
    float heatmap_opacity = 0.55f;
    HeadMeasurements head_draft;            // the head panel's values while one is being edited
    // A shared design opened from a link is shown read-only (the client view) until "Edit a copy";
    // the design open before it waits here, untouched, for "Back to my design".
    bool client_view = false;
    EmbedMode embed_mode = EmbedMode::kFull;
    std::string clinic_name;                // the embedding clinic's, for exports (setTheme)
    std::optional<Design> design_before_link;
    bool opened_own_work = false;           // the design came from storage or a file, not the start preset
    bool show_share = false;                // the share window (link, copy, QR code)
    std::string share_status;               // "Link copied", or why it was not
    uint64_t share_link_revision = ~0ull;   // the design revision share_link_url was made for
    std::string share_link_url;             // the share window's link (made once per revision)
    bool share_link_within_budget = true;   // and whether it fits kLinkBudgetChars
    std::string share_qr_text;              // the link the share window's QR code was made for
    std::vector<uint8_t> share_qr_modules;  // its modules (row-major, 1 = dark); empty when it does not fit
    int share_qr_size = 0;                  // modules per side
    Vec2 share_copy_button_px = Vec2(-1.0, -1.0);   // where "Copy link" was drawn (for automation)
    Vec2 send_button_px = Vec2(-1.0, -1.0);         // where "Send to clinic" was drawn (client mode)
    bool show_sheet = false;                // the plan sheet's options
    bool show_open_path = false;            // desktop: the "open a file" path field
    std::string status;                     // the last file action ("saved ...", "opened ...")
    std::vector<RecentDesign> recent;       // the page's recent designs, newest first ("setRecent")
};

// What the app asks of the platform it runs on (files, clipboard, page address), wired by main.cpp
// from platform.h: the UI never calls the platform itself. The browser answers some of them later,
// through the page API (document.h).
struct HostServices {
    std::function<std::string(const std::string& file_name, const std::string& mime_type, const std::string& bytes)> offer_download;
    std::function<bool(const std::string& text)> copy_to_clipboard;   // true: done at once
    std::function<bool()> pick_file_to_open;                          // false: no picker here
    std::function<bool(const std::string& path, size_t max_bytes, std::string& text, std::string& error)> read_file_text;
    std::function<std::string()> share_base_url;
    std::function<bool(int index)> open_recent_design;                // the page's recent designs
    std::function<void(const std::string& event_json)> post_page_event;   // e.g. "Send to clinic"
};


struct FrameStats {
    uint64_t frames = 0;
    double last_frame_ms = 0.0;      // CPU time from input to draw-list submission
    double frame_interval_ms = 0.0;  // wall time since the previous frame began (what a person sees)
};

struct AppState;
// Nothing may change the design: a shared design in the client view, or an embedded viewer.
bool ReadOnly(const AppState& app);

struct AppState {
    DesignState design;
    EditHistory history;
    // A continuous edit in progress (a slider held, a handle dragged): the design it started from.
    // It applies live every frame and becomes one undo step when let go (document.h).
    std::optional<Design> live_edit_before;
    std::string live_edit_label;         // what the undo step will be called
    ToolState tool;
    std::unique_ptr<DotRenderer> dots;   // created once GL is up (InitRenderer)
    uint64_t uploaded_revision = ~0ull;  // the design revision the renderer holds
    PreviewSettings uploaded_preview;    // and the preview its colours were made for
    DotView dot_view;                    // this frame's placement, read when ImGui renders
    std::unique_ptr<RgbaTexture> heatmap;   // the target density overlay (ui/heatmap.h)
    uint64_t heatmap_revision = ~0ull;
    double heatmap_time_s = 0.0;         // when it was last sampled (ImGui time)
    Vec2 heatmap_size_mm = Vec2::Zero();
    ViewState view;
    FrameStats stats;
    HostServices host;
    float ui_scale = 0.0f;           // physical px per logical px the fonts are built for; 0 = not yet
};

inline bool ReadOnly(const AppState& app) { return app.view.client_view || app.view.embed_mode == EmbedMode::kViewer; }

}  // namespace smp
