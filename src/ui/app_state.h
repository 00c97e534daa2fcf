// smp ui: what the designer holds between frames.
//
// Saved state (what the practitioner designs) and view state (zoom, hover, panels) are separate
// structs, so saving a design never drags the view along and a view change never marks it dirty.
#pragma once

#include "core/design.h"
#include "core/edit_history.h"
#include "core/generator.h"
#include "core/geometry.h"
#include "render/dot_renderer.h"
#include "ui/canvas_transform.h"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace smp {

// The design being edited, and what is derived from it (document.h keeps them in step).
struct DesignState {
    Design design;
    DotPattern pattern;                  // its dots; pattern.field is the compiled design
    uint64_t revision = 0;               // bumped on every change of design or dots (CountDots too)
    std::vector<int64_t> dots_per_session;   // counted once per revision, not every frame
    int64_t total_dots = 0;
    // Derived for drawing, in mm on the template's frame.
    PolygonMm scalp_outline_mm;
    std::vector<std::array<int, 3>> scalp_triangles;   // the outline filled (it is not convex)
    RectMm scalp_bounds_mm;              // the template's frame
    std::vector<std::vector<Vec2>> zone_borders_mm;
    std::vector<Vec2> landmarks_mm;
    std::vector<Vec2> hairline_mm;
};

// The canvas tool and its settings (not part of the design).
enum class Tool { kPan, kBrush, kEraser };

struct ToolState {
    Tool tool = Tool::kPan;           // a client opening a link looks first
    float radius_mm = 8.0f;           // brush radius
    float strength_per_cm2 = 70.0f;   // the density the brush paints
    float falloff = 0.5f;             // 0 hard edge .. 1 soft from the centre
    // A stroke in progress: the layer it appends to and the last point placed.
    bool stroking = false;
    Vec2 last_point_mm = Vec2::Zero();
    // The pointer drawing now (the page reports pens; a mouse or finger paints at full strength).
    bool pen = false;
    double pen_pressure = 1.0;
    // Core time of the brush's dot updates (UpdateDotsInRegion), for stats() and the benchmark.
    double last_update_ms = 0.0;
    double max_update_ms = 0.0;
    uint64_t updates = 0;
};

// How dots are shown. None of these regenerates a dot: only their colours and softness change.
enum class ViewMode { kPlan, kHealed, kFaded };

struct PreviewSettings {
    ViewMode mode = ViewMode::kPlan;
    int up_to_session = 0;            // healed/faded: cumulative up to this session (0 = all)
    int skin_tone = 1;                // index into theme::kSkinTones
    float years = 5.0f;               // faded: years after the last session (0..10)
    float viewing_distance_m = 0.0f;  // 0 = close up; at arm's length and beyond dots blur into tone

    bool operator==(const PreviewSettings&) const = default;
};

struct ViewState {
    CanvasTransform transform;
    PreviewSettings preview;
    bool follow_fit = true;          // refit when the canvas resizes, until the user pans or zooms
    bool show_grid = true;
    Vec2 canvas_size_px = Vec2::Zero();     // canvas region, framebuffer px
    Vec2 canvas_origin_px = Vec2::Zero();   // its top-left inside the window, framebuffer px
    bool hovering = false;
    Vec2 hover_mm = Vec2::Zero();           // pointer position on the scalp map while hovering
    bool show_about = false;
    bool show_zones = true;
    std::string last_error;                 // the last failed load, shown until the next one
    std::string pending_preset;             // a preset waiting for "replace your design?"
    bool show_dots = true;
};

struct FrameStats {
    uint64_t frames = 0;
    double last_frame_ms = 0.0;      // CPU time from input to draw-list submission
    double frame_interval_ms = 0.0;  // wall time since the previous frame began (what a person sees)
};

struct AppState {
    DesignState design;
    EditHistory history;
    ToolState tool;
    std::unique_ptr<DotRenderer> dots;   // created once GL is up (InitRenderer)
    uint64_t uploaded_revision = ~0ull;  // the design revision the renderer holds
    PreviewSettings uploaded_preview;    // and the preview its colours were made for
    DotView dot_view;                    // this frame's placement, read when ImGui renders
    ViewState view;
    FrameStats stats;
    float ui_scale = 0.0f;           // physical px per logical px the fonts are built for; 0 = not yet
};

}  // namespace smp
