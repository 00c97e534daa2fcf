// smp render: every dot of a pattern in one draw call.
//
// Each dot is one triangle around its circle, which the fragment shader cuts out (shaders/dots.vert,
// shaders/dots.frag, compiled in; the same source for WebGL2 and desktop GL 3.3), so 100,000 dots
// cost one draw call and one upload when the pattern changes. (Not instanced quads: see dots.vert.)
#pragma once

#include "core/status.h"

#include <cstdint>
#include <vector>

namespace smp {

struct DotInstance {
    float x_mm = 0, y_mm = 0, diameter_mm = 0.25f;
    uint8_t rgba[4] = {0, 0, 0, 255};
};

// Where and how to draw, in framebuffer pixels (y down, origin top-left). Fingerprinted whole with
// each frame's picture (ui's FramePictureFingerprint): plain values only.
struct DotView {
    float origin_px[2] = {0, 0};      // the map's (0, 0) mm
    float px_per_mm = 1.0f;
    float framebuffer_px[2] = {1, 1};
    float clip_px[4] = {0, 0, 1, 1};  // min x, min y, max x, max y
    float min_radius_px = 0.6f;
    float softness = 0.0f;
    // The tone model (core/tone_model.h, healed and faded): each dot's rgb is the share F of the
    // skin it takes away, and the framebuffer is multiplied by 1 - aF (dots.frag); blur_px is
    // the eye's blur at the viewing distance. false: rgba colours blended over (the plan).
    bool tone = false;
    float blur_px = 0.0f;
    float skin_srgb[3] = {1, 1, 1};   // the tone model: the skin under the dots, sRGB 0..1
};

class DotRenderer {
public:
    DotRenderer() = default;
    DotRenderer(const DotRenderer&) = delete;
    DotRenderer& operator=(const DotRenderer&) = delete;
    ~DotRenderer();

    // Compiles the shaders for this platform's GLSL (`version_line`, e.g. "#version 300 es").
    // Errors: kUnsupported with the compiler's log.
    Status Init(const char* version_line);
    void Upload(const std::vector<DotInstance>& dots);
    // Draws with blending on, into the clip rectangle; leaves GL state for the caller to reset.
    void Draw(const DotView& view) const;
    size_t DotCount() const { return count_; }

private:
    unsigned program_ = 0, vao_ = 0, buffer_ = 0;
    int u_origin_ = -1, u_px_per_mm_ = -1, u_framebuffer_ = -1, u_min_radius_ = -1, u_softness_ = -1;
    int u_tone_ = -1, u_blur_ = -1, u_skin_ = -1;
    static constexpr size_t kVerticesPerDot = 3;
    std::vector<DotInstance> vertices_;   // the upload's staging copy, kept to reuse its memory
    size_t count_ = 0, capacity_ = 0;     // in dots
};

}  // namespace smp
