// smp export: PNG encoding of an RgbaImage (stb_image_write, deflated in memory).
#pragma once

#include "export/raster.h"

#include <cstdint>
#include <string>
#include <vector>

namespace smp {

// The image as a PNG file's bytes: 8-bit RGB when every pixel is opaque (smaller), RGBA otherwise.
// Deterministic (stb's own deflate, integer only): the same image gives the same bytes natively and
// in WebAssembly. Empty only for an empty image or one whose size and buffer disagree.
std::vector<uint8_t> EncodePng(const RgbaImage& image);

// Standard base64 (RFC 4648, with padding), for data: URIs.
std::string Base64(const std::vector<uint8_t>& bytes);

}  // namespace smp
