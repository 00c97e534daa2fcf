// smp export: reading a PNG photo (`smp render --view photo --photo IMAGE.png`), with the limits
// and messages a client's file needs.
//
// The browser decodes photos itself (any format it knows, scaled while decoding); the command line
// reads PNG, every colour type and bit depth the standard has, without interlacing. The inflater is
// the core's own (core/deflate.h): bounded by the image's declared size, so a hostile file cannot
// make it allocate more than the pixels it claims, and the claim is checked against kMaxDecodePixels
// before anything is allocated.
#pragma once

#include "core/status.h"
#include "export/raster.h"

#include <cstdint>
#include <span>

namespace smp {

inline constexpr int kMaxDecodeSidePx = 8192;                  // a side read at all
inline constexpr int64_t kMaxDecodePixels = 40'000'000;        // 40 megapixels (a 160 MB RGBA buffer)
inline constexpr int kPhotoSidePx = 2048;                      // photos are kept at most this wide and tall

// Errors (kParseError unless said): not a PNG ("the file is not a PNG image (it starts with ...)"),
// truncated ("the PNG ends early (truncated?) in its IDAT data"), a bad CRC, animated ("an
// animated PNG (APNG): save one frame as a still image"), interlaced, a colour type or bit depth
// the standard lacks; kLimitExceeded for an image over kMaxDecodeSidePx or kMaxDecodePixels
// ("the image is 20000 x 20000 px; photos up to 8192 px a side and 40 megapixels are read: scale
// it down first").
Expected<RgbaImage> DecodePng(std::span<const uint8_t> bytes);

// The image scaled down (box filter in linear light) so that neither side exceeds max_side_px;
// unchanged when it already fits. Deterministic.
RgbaImage ScaleToFit(const RgbaImage& image, int max_side_px);

}  // namespace smp
