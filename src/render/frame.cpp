#include "render/frame.h"

#include "render/gl.h"

namespace smp {

void BeginFramebuffer(int width_px, int height_px, ColorRgba background) {
    glViewport(0, 0, width_px, height_px);
    glClearColor(background.r, background.g, background.b, background.a);
    glClear(GL_COLOR_BUFFER_BIT);
}

}  // namespace smp
