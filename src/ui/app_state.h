// smp ui: what the designer holds between frames, split by owner.
//
//   Document       the design, its dots, undo, live edits, strokes, the client view
//                  (document/document.h: no ImGui, unit-tested)
//   ViewSettings   how the design is shown: exactly what the autosave keeps (page_api.cpp: getView,
//                  setView), so a view change never marks the design dirty and saving a design never
//                  drags the view along
//   ToolSettings   the tool in hand and its settings (ui/tools/tools.h)
//   PointerInput   what the pointer is doing now: the page's pen and gesture reports, the press under
//                  way, the hover
//   PageSettings   what the embedding page or the host set: embed mode, clinic, recent designs
//   ScreenState    messages and the dialogs asked for
//   CanvasState, ShareWindowState, AccessibilityState
//                  caches of the canvas, the share window and the page's accessible text, owned by
//                  the files that draw or post them
#pragma once

#include "core/geometry.h"
#include "core/scalp_template.h"
#include "document/document.h"
#include "export/preview.h"
#include "ui/accessibility.h"
#include "ui/canvas.h"
#include "ui/canvas_transform.h"
#include "ui/head_view_math.h"
#include "ui/photo_view.h"
#include "ui/share_panel.h"

#include <cstdint>
#include <functional>
#include <string>
#include <deque>
#include <vector>

namespace smp {

struct ToolDef;   // a row of the tool table (ui/tools/tools.h)

// How the design is shown. None of these regenerates a dot. Everything here is what the page keeps
// with the autosave (ViewSettingsJson / RestoreViewSettings in page_api.cpp), and nothing else.
struct ViewSettings {
    PreviewSettings preview;             // plan, healed or faded, and their settings (export/preview.h)
    CanvasTransform transform;           // zoom and position, canvas px
    bool follow_fit = true;              // refit when the canvas resizes, until the person pans or zooms
    bool show_grid = true;
    bool show_zones = true;
    bool show_dots = true;
    bool show_guides = true;             // midline and hairline height marks (7, 8, 10 cm)
    bool show_heatmap = false;           // the target density as a colour overlay
    float heatmap_opacity = 0.55f;       // 0.1 .. 1
    CanvasView canvas_view = CanvasView::kMap;   // the map, the head, or both (ui/head_view_math.h)
    HeadViewState head;                  // the head view's camera and zoom
};

struct ToolSettings {
    const ToolDef* active = nullptr;     // the tool in hand; InitApp sets the hand (a client looks first)
    float radius_mm = 8.0f;              // brush radius, 1 .. 40
    float strength_per_cm2 = 70.0f;      // the density the brush and zone fill set, 0 .. kBrushMaxPerCm2
    bool strength_as_percent = false;    // shown as % of natural density instead of dots/cm²
    float falloff = 0.5f;                // 0 hard edge .. 1 soft from the centre
    float scar_width_mm = 2.0f;          // the next FUT strip's width
    int fue_count = 400;                 // round scars in the next FUE field
    int selected_scar = -1;              // the scar the panel edits
};

// A hairline control point under the pointer or being dragged.
struct HairlineHandle {
    int index = -1;         // into HairlineSpec::points_mm; -1 = none
    bool mirrored = false;  // the mirror image of that point (drawn, not dragged)
};

struct PointerInput {
    // The pointer drawing now (the page reports pens; a mouse or finger paints at full strength).
    bool pen = false;
    double pen_pressure = 1.0;           // 0 .. 1
    bool finger = false;                 // the page's last pointer was a finger (a touch screen)
    // A finger has touched the page since a mouse last moved over it: the controls are finger-sized
    // even where the main pointer is fine (a touch-screen laptop, a tablet asking for the desktop
    // site), until the mouse is used again (ApplyPointerKind).
    bool finger_seen = false;
    // The page's counts of quick successive clicks, one per press in the order the browser saw
    // them (it knows the system's double-click speed; ImGui's own timer counts frames, which can be
    // slow). Several presses can arrive within one frame, and ImGui hands them out one per frame,
    // so each press takes its own count: the first click of a double-click must not see the second's.
    struct PageClick {
        int count = 0;
        double reported_s = 0;           // ImGui::GetTime() when the page reported it
    };
    std::deque<PageClick> page_clicks;
    int press_click_count = 0;           // the count of the press that landed this frame (0: none known)
    // Two fingers on the canvas (the page's gesture): the pointer's press is not a tool's.
    bool gesture_active = false;
    // The press under way made an edit of its own (a zone fill): a pinch takes it back.
    bool press_made_edit = false;
    HairlineHandle dragging_handle;      // hairline tool: the control point being dragged
    std::vector<Vec2> scar_path_mm;      // scar tools: the path being traced
    bool hovering = false;
    Vec2 hover_mm = Vec2::Zero();        // the pointer on the map while hovering
};

// What a clinic lets visitors do with an embedded designer (web/embed.js, data-mode):
//   full    the whole designer;
//   client  presets, the brush, eraser and hairline, previews and the session summary; no files
//           to save or export, and "Send to clinic" hands the design and its link to the page;
//   viewer  look only: previews and the session summary, nothing changes the design.
enum class EmbedMode { kFull, kClient, kViewer };
struct EmbedModeInfo {
    EmbedMode mode;
    const char* name;   // in setMode and stats()
};
inline constexpr EmbedModeInfo kEmbedModes[] = {{EmbedMode::kFull, "full"}, {EmbedMode::kClient, "client"}, {EmbedMode::kViewer, "viewer"}};

// One of the page's recent designs, as the File menu lists it.
struct RecentDesign {
    std::string title;
    std::string saved_at;   // as the page stored it (ISO 8601)
};

struct PageSettings {
    EmbedMode embed_mode = EmbedMode::kFull;
    std::string clinic_name;             // the embedding clinic's, for exports (setTheme)
    std::vector<RecentDesign> recent;    // the page's recent designs, newest first (setRecent)
    bool touch = false;                  // a coarse pointer (a finger): finger-sized controls
};

struct ScreenState {
    std::string last_error;              // the last failed action, shown until the next one
    std::string status;                  // the last file action ("saved ...", "opened ...")
    std::string dialog_error;            // what is wrong in the open dialog's fields (the plan sheet's date), this frame
    std::string pending_preset;          // a preset waiting for "replace your design?"
    bool pending_new_design = false;     // "start a new design?" waiting for an answer
    bool show_about = false;
    bool show_share = false;             // the share window (link, copy, QR code)
    bool show_sheet = false;             // the plan sheet's options
    bool show_open_path = false;         // desktop: the "open a file" path field
    // Frames until the head's picture is made (RequestHeadPicture): its "Saving the picture" dialog
    // is shown first, since a phone takes seconds over it. 0: none asked for.
    int head_picture_frames = 0;
    // What became of the last head picture ("downloaded NAME.png", or why not), shown under the
    // button that asked for it: the summary that also says it may be out of sight on a phone.
    std::string head_picture_outcome;
    bool head_picture_failed = false;
    HeadMeasurements head_draft;         // the head panel's values while one is being edited
    Vec2 send_button_px = Vec2(-1.0, -1.0);   // where "Send to clinic" was drawn (client mode, for automation)
    // A phone's bottom sheet: expanded or not, and the section it shows (a PanelSection's label).
    bool sheet_expanded = false;
    std::string sheet_section;
    bool finger_scrolling = false;       // a finger is dragging a panel's content
    bool finger_press_pending = false;   // a finger just landed on a panel: a control under it or not, next frame
    bool bottom_sheet = false;           // this frame's layout: the sheet (narrow) or the side panel
    float sheet_collapsed_px = 0.0f;     // the collapsed sheet's height, measured as it was drawn
    // The design's title and notes as their fields hold them (the design's own while not being
    // edited); bytes as the design allows (design_json.cpp) and the terminating zero.
    char title_field[81] = "";
    char notes_field[2001] = "";
};

// What the app asks of the platform it runs on (files, clipboard, page address), wired by main.cpp
// from platform.h: the UI never calls the platform itself. The browser answers some of them later,
// through the page API (page_api.h).
struct HostServices {
    std::function<std::string(const std::string& file_name, const std::string& mime_type, const std::string& bytes)> offer_download;
    std::function<bool(const std::string& text)> copy_to_clipboard;   // true: done at once
    // The system's share sheet with a link (title, text, url); answered later through the page API
    // ("shareResult"). Null where there is none (the desktop, a browser without Web Share, a widget).
    std::function<void(const std::string& title, const std::string& text, const std::string& url)> share_natively;
    std::function<bool()> pick_file_to_open;                          // false: no picker here
    std::function<bool(const std::string& path, size_t max_bytes, std::string& text, std::string& error)> read_file_text;
    std::function<std::string()> share_base_url;
    std::function<bool(int index)> open_recent_design;                // the page's recent designs
    std::function<void(const std::string& event_json)> post_page_event;   // e.g. "Send to clinic"
    // The page's photo store (ui/photo_view.h): a request as JSON text, answered later through the
    // page API; null on the desktop. The bytes the page staged for the command it calls (a photo's pixels).
    std::function<bool(const std::string& request_json)> photo_request;
    std::function<std::vector<uint8_t>()> take_page_bytes;
    // Desktop: a photo file decoded (platform.h ReadPhotoFile); null in the browser.
    std::function<bool(const std::string& path, int max_side_px, int& width_px, int& height_px, std::vector<uint8_t>& rgba, std::string& error)>
        read_photo_file;
};

struct FrameStats {
    uint64_t frames = 0;
    uint64_t frames_drawn = 0;       // of them, the frames whose picture went to the GPU (a new picture)
    // Input events ImGui has queued for later frames (it takes a key or a character a frame while a
    // text field is edited): what a script has typed is all in once this is 0.
    int input_events_pending = 0;
    double last_frame_ms = 0.0;      // CPU time from input to draw-list submission
    double frame_interval_ms = 0.0;  // wall time since the previous frame began (what a person sees)
};

struct AppState {
    Document doc;
    ViewSettings view;
    ToolSettings tools;
    PointerInput pointer;
    PageSettings page;
    ScreenState screen;
    CanvasState canvas;              // ui/canvas.h
    ShareWindowState share;          // ui/share_panel.h
    PhotoViewState photo;            // ui/photo_view.h: the client's photo, its markers and fit
    AccessibilityState access;       // ui/accessibility.h: keyboard, page announcements, appearance
    HostServices host;
    FrameStats stats;
    float ui_scale = 0.0f;           // physical px per logical px the fonts are built for; 0 = not yet
};

inline bool ReadOnly(const AppState& app) { return ReadOnly(app.doc); }

}  // namespace smp
