// smp render: the designer's head view on the GPU: the stylised head (core/head_shape.h) and a
// design's dots on it, seen through a HeadCamera (core/head_camera.h), in two draw calls.
//
// The same picture as the CPU render (export/head_render.h), drawn fast enough to orbit:
//  - The head: the parts (any list that fits kMaxHeadParts: ellipsoids and cut cylinders,
//    rotated) as one triangle mesh, built when the head changes (SetShape) and drawn with the
//    depth test, so the nearest part wins per pixel as CastHead's nearest hit does; shaded in linear
//    light (ambient 0.38 + Lambert 0.62 under the light from the camera's upper left front, times
//    the part's albedo, times the skin) with the parts' exact normals interpolated (shaders/
//    head.vert, head.frag). A mesh, not a per-pixel ray cast: a ray cast costs every pixel every
//    part (about 1 s a frame at 1280 x 800 in SwiftShader, and heavy on a phone's 3x screen); the
//    mesh costs a few thousand triangles. Its silhouette is not antialiased.
//  - The dots: one triangle per dot (shaders/head_dots.vert, as dots.vert), the disc on the head
//    as the ellipse it is seen as, with the tone model's footprint (blur, smallest radius, the
//    darkening integral kept, area scaled by how squarely the dot faces the camera), culled when it
//    faces away, depth-tested against the head so that the ears and the nose hide what is behind
//    them. Plan: the sessions' colours blended over; tone looks: the skin multiplied by the exact
//    sRGB factor of the tone model over the shaded skin under each dot.
// Moving the camera changes uniforms only: nothing is uploaded or allocated per frame.
#pragma once

#include "core/head_camera.h"
#include "core/head_shape.h"
#include "core/status.h"
#include "export/head_dots.h"   // HeadDotInstance, MakeHeadDotInstances (pure, no GL)

#include <cstddef>
#include <cstdint>
#include <vector>

namespace smp {

// One vertex of the head's mesh (render/head_renderer.cpp builds it from the parts).
struct HeadMeshVertex {
    float position_mm[3] = {0, 0, 0};   // head coordinates
    float normal[3] = {0, 0, 1};        // the part's outward unit normal there
    float albedo = 1.0f;                // the part's share of the skin's colour
};

// Where and how to draw one head view, in framebuffer pixels (y down, origin top-left). Every
// field is in ui's FramePictureFingerprint (a frame is redrawn only when its picture changed): a new
// field goes there too.
struct HeadDrawView {
    HeadProjection projection;           // MakeHeadProjection for the viewport's size: its px are relative to the viewport's top-left
    float viewport_px[4] = {0, 0, 1, 1}; // x, y (top-left, y down), width, height, framebuffer px
    float framebuffer_px[2] = {1, 1};    // the whole framebuffer's size
    float skin_srgb[3] = {1, 1, 1};      // the skin tone, sRGB 0..1
    float background_srgb[3] = {0, 0, 0};// what the viewport is cleared to, sRGB 0..1
    bool tone = false;                   // as DotView::tone: true = the tone model (healed, faded), false = the plan's colours
    float blur_px = 0.0f;                // tone model: the eye's blur radius, px (ViewingBlurRadiusMm · px_per_mm)
    float min_radius_px = 0.6f;          // the smallest disc drawn, px (fainter by the area it borrows)
    float softness = 0.0f;               // the dots' edge as a share of their radius (PreviewRow::dot_softness)
    // Before and after side by side: left of this framebuffer x only the first `before_dots` of the
    // uploaded dots are drawn (the client's own hair, which the upload puts first), right of it all
    // of them. At or left of the viewport (the default): all of them everywhere.
    float split_px = -1.0f;
    size_t before_dots = 0;
    // The light from straight above the camera (HeadLightDirection's even light): for before and
    // after, so that neither side of the line is the one in the shade.
    bool even_light = false;
};

class HeadRenderer {
public:
    HeadRenderer() = default;
    HeadRenderer(const HeadRenderer&) = delete;
    HeadRenderer& operator=(const HeadRenderer&) = delete;
    ~HeadRenderer();

    // Compiles both programs for this platform's GLSL (`version_line`, e.g. "#version 300 es").
    // Errors: kUnsupported with the compiler's or linker's log.
    Status Init(const char* version_line);
    // The head's parts (the first kMaxHeadParts) as a triangle mesh, built and uploaded here (about
    // 43,000 vertices): call when the template changes, not per frame.
    void SetShape(const HeadShape& shape);
    // The dots, uploaded once: when the pattern or the look changes, not when the camera moves.
    void Upload(const std::vector<HeadDotInstance>& dots);
    // Clears the viewport rectangle (colour: background_srgb; depth) under a scissor, draws the
    // head, then the dots, into the bound framebuffer (which needs a depth buffer); with a split
    // (HeadDrawView::split_px), the two sides one after the other. Leaves GL state (blend, depth
    // test, scissor, program, viewport) for the caller to reset.
    void Draw(const HeadDrawView& view) const;
    size_t DotCount() const { return count_; }

private:
    // One side of the view: framebuffer columns x0..x1 (rows y0..y1 from the top), `dots` of the dots.
    void DrawPart(const HeadDrawView& view, int x0, int y0, int x1, int y1, size_t dots) const;
    struct HeadUniforms {
        int origin = -1, framebuffer = -1, right = -1, up = -1, toward = -1, look_at = -1, px_per_mm = -1, depth_span = -1;
        int light = -1, skin = -1, skin_root = -1;
    };
    struct DotUniforms {
        int origin = -1, framebuffer = -1, right = -1, up = -1, toward = -1, look_at = -1, px_per_mm = -1;
        int min_radius = -1, softness = -1, tone = -1, blur = -1, light = -1, skin = -1, depth_span = -1, depth_bias = -1;
    };
    unsigned head_program_ = 0, dot_program_ = 0, dot_vao_ = 0, buffer_ = 0;
    unsigned mesh_vao_ = 0, mesh_vertices_ = 0, mesh_indices_ = 0;
    size_t mesh_index_count_ = 0;
    HeadUniforms head_u_;
    DotUniforms dot_u_;
    static constexpr size_t kVerticesPerDot = 3;
    std::vector<HeadDotInstance> vertices_;   // the upload's staging copy, kept to reuse its memory
    size_t count_ = 0, capacity_ = 0;         // in dots
};

}  // namespace smp
