// smp ui: what the designer holds between frames.
//
// Saved state (what the practitioner designs) and view state (zoom, hover, panels) are separate
// structs, so saving a design never drags the view along and a view change never marks it dirty.
#pragma once

#include "core/geometry.h"
#include "core/scalp_outline.h"
#include "ui/canvas_transform.h"

#include <cstdint>

namespace smp {

// The design. The foundation only has the scalp outline; sessions, density and hairline follow.
struct DesignState {
    ScalpOutlineParams outline_params;   // head size of the placeholder template
    PolygonMm scalp_outline_mm;          // derived from outline_params by RebuildDerived()
    RectMm scalp_bounds_mm;              // bounding box of scalp_outline_mm
};

struct ViewState {
    CanvasTransform transform;
    bool follow_fit = true;          // refit when the canvas resizes, until the user pans or zooms
    bool show_grid = true;
    Vec2 canvas_size_px = Vec2::Zero();     // canvas region, framebuffer px
    Vec2 canvas_origin_px = Vec2::Zero();   // its top-left inside the window, framebuffer px
    bool hovering = false;
    Vec2 hover_mm = Vec2::Zero();           // pointer position on the scalp map while hovering
    bool show_about = false;
};

struct FrameStats {
    uint64_t frames = 0;
    double last_frame_ms = 0.0;      // CPU time from input to draw-list submission
};

struct AppState {
    DesignState design;
    ViewState view;
    FrameStats stats;
    float ui_scale = 0.0f;           // physical px per logical px the fonts are built for; 0 = not yet
};

}  // namespace smp
