#include "render/capture.h"

#include "render/gl.h"

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#include <stb/stb_image_write.h>

#include <cstdint>
#include <vector>

namespace smp {

Status SaveFramebufferPng(const std::string& path, int width_px, int height_px) {
    if (width_px <= 0 || height_px <= 0) {
        return {StatusCode::kInvalidArgument, "screenshot: framebuffer size " + std::to_string(width_px) + " x " +
                                                  std::to_string(height_px) + " is empty"};
    }
    const size_t row_bytes = static_cast<size_t>(width_px) * 4;
    std::vector<uint8_t> pixels(row_bytes * static_cast<size_t>(height_px));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width_px, height_px, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // GL rows run bottom-up and alpha is whatever blending left there: write top-down opaque RGB.
    std::vector<uint8_t> rgb(static_cast<size_t>(width_px) * 3 * static_cast<size_t>(height_px));
    for (int y = 0; y < height_px; ++y) {
        const uint8_t* src = pixels.data() + row_bytes * static_cast<size_t>(height_px - 1 - y);
        uint8_t* dst = rgb.data() + static_cast<size_t>(width_px) * 3 * static_cast<size_t>(y);
        for (int x = 0; x < width_px; ++x) {
            dst[x * 3 + 0] = src[x * 4 + 0];
            dst[x * 3 + 1] = src[x * 4 + 1];
            dst[x * 3 + 2] = src[x * 4 + 2];
        }
    }
    if (!stbi_write_png(path.c_str(), width_px, height_px, 3, rgb.data(), width_px * 3)) {
        return {StatusCode::kIoError, "screenshot: cannot write " + path};
    }
    return Status::Ok();
}

}  // namespace smp
