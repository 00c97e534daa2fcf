// smp export: PNG encoding of an RgbaImage (rows filtered as libpng does, deflated by the share
// links' compressor, core/deflate.h).
#pragma once

#include "export/raster.h"

#include <cstdint>
#include <string>
#include <vector>

namespace smp {

// The image as a PNG file's bytes: 8-bit RGB when every pixel is opaque (smaller), RGBA otherwise;
// one IDAT chunk, each row behind whichever of PNG's five filters leaves the smallest sum of
// absolute differences. Deterministic (integer only, core/deflate.h's deflater): the same image
// gives the same bytes natively and in WebAssembly. Empty only for an empty image or one whose
// size and buffer disagree.
std::vector<uint8_t> EncodePng(const RgbaImage& image);

// CRC-32 as PNG computes it (ISO 3309) over a chunk's type and data: the encoder's and the
// decoder's (png_decode.h).
uint32_t PngCrc32(const uint8_t* data, size_t size);

// Standard base64 (RFC 4648, with padding), for data: URIs.
std::string Base64(const std::vector<uint8_t>& bytes);

}  // namespace smp
