// smp render: an RGBA image on the GPU that ImGui draws (draw->AddImage): the density heat map.
#pragma once

#include <cstdint>
#include <vector>

namespace smp {

class RgbaTexture {
public:
    RgbaTexture() = default;
    RgbaTexture(const RgbaTexture&) = delete;
    RgbaTexture& operator=(const RgbaTexture&) = delete;
    ~RgbaTexture();

    // Replaces the image: width × height pixels, 4 bytes each, rows top to bottom. Linear
    // filtering, clamped at the edges. Needs a current GL context.
    void Upload(int width, int height, const std::vector<uint8_t>& rgba);
    // The GL texture name as ImGui's backends take it (0 before the first upload).
    uint64_t Id() const { return texture_; }

private:
    unsigned texture_ = 0;
};

}  // namespace smp
