// smp ui: the scalp canvas (imgui_demo's "Canvas" pattern: an InvisibleButton that takes the
// pointer, a clip rect, and a draw list fed through CanvasTransform).
#pragma once

#include "core/geometry.h"
#include "export/preview.h"
#include "render/dot_renderer.h"
#include "render/texture.h"

#include <cstdint>
#include <memory>

namespace smp {

struct AppState;

// What the canvas keeps between frames: where it sits, and the GPU copies of what it draws.
struct CanvasState {
    Vec2 size_px = Vec2::Zero();          // canvas region, framebuffer px
    Vec2 origin_px = Vec2::Zero();        // its top-left inside the window, framebuffer px
    RectMm fitted_bounds_mm;              // the template frame the last fit was for
    std::unique_ptr<DotRenderer> dots;    // created once GL is up (InitRenderer)
    uint64_t uploaded_revision = ~0ull;   // the design revision the renderer holds
    PreviewSettings uploaded_preview;     // and the preview its colours were made for
    DotView dot_view;                     // this frame's placement, read when ImGui renders
    std::unique_ptr<RgbaTexture> heatmap; // the target density overlay (ui/heatmap.h)
    uint64_t heatmap_revision = ~0ull;
    double heatmap_time_s = 0.0;          // when it was last sampled (ImGui time)
    Vec2 heatmap_size_mm = Vec2::Zero();
};

// Fills the remaining content region with the canvas: scalp outline, millimetre grid, midline and
// scale bar. Drag (left or middle button) pans, the wheel zooms about the cursor, a double-click
// fits the scalp to the view.
void DrawCanvas(AppState& app);

// Fits the whole scalp in the canvas and keeps it fitted across resizes until the next pan or zoom.
void FitScalpToView(AppState& app);

}  // namespace smp
