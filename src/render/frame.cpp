#include "render/frame.h"

#include "render/gl.h"

namespace smp {
namespace {

uint64_t g_gpu_content_generation = 0;   // one GL context per app: one count

}  // namespace

void BeginFramebuffer(int width_px, int height_px, ColorRgba background) {
    glViewport(0, 0, width_px, height_px);
    glClearColor(background.r, background.g, background.b, background.a);
    glClear(GL_COLOR_BUFFER_BIT);
}

uint64_t GpuContentGeneration() { return g_gpu_content_generation; }

void NoteGpuContentChanged() { ++g_gpu_content_generation; }

}  // namespace smp
