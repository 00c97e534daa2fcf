// smp render: per-frame framebuffer set-up.
#pragma once

#include <cstdint>

namespace smp {

struct ColorRgba {
    float r = 0, g = 0, b = 0, a = 1;   // each 0..1, straight (not premultiplied) alpha
};

// Sets the viewport to the whole framebuffer and clears it to `background`.
void BeginFramebuffer(int width_px, int height_px, ColorRgba background);

// Counts the changes to what the GPU holds for drawing (the dots, the head's mesh, textures): two
// frames with the same draw lists show the same picture only while this stays the same (the app
// skips drawing a picture already on the screen: ui/frame_pacer.h). Every upload calls
// NoteGpuContentChanged.
uint64_t GpuContentGeneration();
void NoteGpuContentChanged();

}  // namespace smp
