// smp render: per-frame framebuffer set-up.
#pragma once

namespace smp {

struct ColorRgba {
    float r = 0, g = 0, b = 0, a = 1;   // each 0..1, straight (not premultiplied) alpha
};

// Sets the viewport to the whole framebuffer and clears it to `background`.
void BeginFramebuffer(int width_px, int height_px, ColorRgba background);

}  // namespace smp
