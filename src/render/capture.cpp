#include "render/capture.h"

#include "export/png.h"
#include "render/gl.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace smp {

Status SaveFramebufferPng(const std::string& path, int width_px, int height_px) {
    if (width_px <= 0 || height_px <= 0) {
        return {StatusCode::kInvalidArgument, "screenshot: framebuffer size " + std::to_string(width_px) + " x " +
                                                  std::to_string(height_px) + " is empty"};
    }
    const size_t row_bytes = static_cast<size_t>(width_px) * 4;
    RgbaImage image{width_px, height_px, std::vector<uint8_t>(row_bytes * static_cast<size_t>(height_px))};
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width_px, height_px, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());
    // GL rows run bottom-up and alpha is whatever blending left there: top-down and opaque.
    for (int y = 0; y < height_px / 2; ++y) {
        std::swap_ranges(image.rgba.begin() + static_cast<std::ptrdiff_t>(row_bytes * static_cast<size_t>(y)),
                         image.rgba.begin() + static_cast<std::ptrdiff_t>(row_bytes * static_cast<size_t>(y + 1)),
                         image.rgba.begin() + static_cast<std::ptrdiff_t>(row_bytes * static_cast<size_t>(height_px - 1 - y)));
    }
    for (size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 255;
    const std::vector<uint8_t> png = EncodePng(image);
    std::FILE* file = std::fopen(path.c_str(), "wb");
    const bool written = file && std::fwrite(png.data(), 1, png.size(), file) == png.size();
    const bool closed = file && std::fclose(file) == 0;
    if (png.empty() || !written || !closed) return {StatusCode::kIoError, "screenshot: cannot write " + path};
    return Status::Ok();
}

}  // namespace smp
