// smp render: the head view on the GPU: the stylised head (core/head_shape.h) and a design's dots on
// it, seen through a HeadCamera (core/head_camera.h).
//
// STAND-IN (branch headui): this header is the interface agreed with branch gpuhead, which writes
// the real renderer; the merge takes gpuhead's head_renderer.h and head_renderer.cpp in place of
// these. Until then Draw only clears the view's rectangle to the skin colour.
#pragma once

#include "core/design.h"
#include "core/generator.h"
#include "core/head_camera.h"
#include "core/head_shape.h"
#include "core/scalp_template.h"
#include "core/status.h"
#include "export/preview.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace smp {

struct HeadDotInstance { float head_mm[3]; float normal[3]; float diameter_mm; uint8_t rgba[4]; };
struct HeadDrawView {
    HeadProjection projection;      // MakeHeadProjection (core/head_camera.h) for the viewport; px = framebuffer px of the viewport rect
    float viewport_px[4];           // x, y (top-left, y down), width, height in framebuffer px
    float framebuffer_px[2];
    float skin_srgb[3]; float background_srgb[3];
    bool tone = false; float blur_px = 0.0f, min_radius_px = 0.6f, softness = 0.0f;   // as DotView in render/dot_renderer.h
};
class HeadRenderer { public:
    Status Init(const char* version_line);
    void SetShape(const HeadShape& shape);                    // core/head_shape.h
    void Upload(const std::vector<HeadDotInstance>& dots);    // pattern or look changed; NOT on camera moves
    void Draw(const HeadDrawView& view) const;                // head then dots; handles depth; caller resets GL state
    size_t DotCount() const;
private:
    size_t count_ = 0;   // stand-in: the dots uploaded, for DotCount
};
std::vector<HeadDotInstance> MakeHeadDotInstances(const Design&, const DotPattern&, const ScalpTemplate&, PreviewMode look, float years, int up_to_session, int skin_tone);

}  // namespace smp
