// smp ui: the scalp canvas (imgui_demo's "Canvas" pattern: an InvisibleButton that takes the
// pointer, a clip rect, and a draw list fed through CanvasTransform).
#pragma once

#include "core/design.h"
#include "core/geometry.h"
#include "imgui.h"
#include "export/preview.h"
#include "render/dot_renderer.h"
#include "render/head_renderer.h"
#include "ui/head_view_math.h"
#include "render/texture.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace smp {

struct AppState;
struct PointerInput;

// What the canvas keeps between frames: where it sits, and the GPU copies of what it draws.
struct CanvasState {
    Vec2 size_px = Vec2::Zero();          // canvas region, framebuffer px
    Vec2 origin_px = Vec2::Zero();        // its top-left inside the window, framebuffer px
    RectMm fitted_bounds_mm;              // the template frame the last fit was for
    std::unique_ptr<DotRenderer> dots;    // created once GL is up (InitRenderer)
    uint64_t uploaded_revision = ~0ull;   // the design revision the renderer holds
    PreviewSettings uploaded_preview;     // and the preview its colours were made for (viewing distance 0: a blur when drawn)
    uint64_t dot_uploads = 0;             // uploads so far (stats: panning, zooming and the viewing distance add none)
    DotView dot_view;                     // this frame's placement, read when ImGui renders
    std::unique_ptr<RgbaTexture> heatmap; // the target density overlay (ui/heatmap.h)
    uint64_t heatmap_revision = ~0ull;
    double heatmap_time_s = 0.0;          // when it was last sampled (ImGui time)
    Vec2 heatmap_size_mm = Vec2::Zero();
    // The whole canvas area (the map, the head view, or both side by side), framebuffer px; the
    // map's own rectangle is origin_px, size_px (the whole area while the map is not shown, so
    // its fit carries over when it returns).
    Vec2 area_origin_px = Vec2::Zero();
    Vec2 area_size_px = Vec2::Zero();
    CanvasView shown_view = CanvasView::kMap;   // what this frame shows (EffectiveCanvasView)
    // The head view (ui/head_view.cpp): its rectangle, the GPU's copy of the head and the dots on it.
    Vec2 head_origin_px = Vec2::Zero();
    Vec2 head_size_px = Vec2::Zero();
    std::unique_ptr<HeadRenderer> head;              // created once GL is up (InitRenderer)
    bool head_shape_set = false;
    HeadMeasurements head_shape_measurements;        // the head the renderer's shape is of
    // What the uploaded dots were made for: the design's revision and the look's settings. The
    // camera and the viewing distance are not in it: moving the view never uploads.
    uint64_t head_uploaded_revision = ~0ull;
    PreviewSettings head_uploaded_preview;
    uint64_t head_uploads = 0;                       // uploads so far (stats: camera moves add none)
    size_t head_hair_count = 0;                      // of the uploaded instances, the natural hair drawn under the dots
    // The natural hair (MakeNaturalHairInstances) and what it was made for, kept between uploads:
    // it costs more than the dots, and many uploads leave it as it was (SameNaturalHair).
    std::vector<HeadDotInstance> head_hair;
    std::optional<Design> head_hair_design;          // none: no hair made yet
    PreviewMode head_hair_look = PreviewMode::kPlan;
    int head_hair_skin_tone = 0;
    int head_hair_colour = 0;
    HeadDrawView head_draw_view{};                   // this frame's placement, read when ImGui renders
    bool head_dragging_split = false;                // the press under way moves the before/after line
};

// Fills the remaining content region with the canvas area: the map, the head view
// (ui/head_view.h) or both side by side, with the toggle between them over its top-left corner.
void DrawCanvasArea(AppState& app);

// The map at the cursor, `size` big: scalp outline, millimetre grid, midline and scale bar. Drag
// (left or middle button) pans, the wheel zooms about the cursor, a double-click fits the scalp to
// the view.
void DrawCanvas(AppState& app, const ImVec2& size);

// Pairs this frame's press with the page's count of clicks (PointerInput::page_clicks): once a frame,
// before the map or the head view reads it.
void TakePageClickCount(PointerInput& pointer);

// Fits the whole scalp in the canvas and keeps it fitted across resizes until the next pan or zoom.
void FitScalpToView(AppState& app);

// The fingerprint of the picture this frame's draw data makes (ui/frame_pacer.h says why): ImGui's
// draw lists, and what the dots' and the head's callbacks draw from outside them (their views and
// what the GPU holds). Call after ImGui::Render().
uint64_t FramePictureFingerprint(const AppState& app, const ImDrawData& draw_data);

}  // namespace smp
