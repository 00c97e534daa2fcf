// smp export: reading a PNG (see png_decode.h).
//
// [SECTION] Chunks
// [SECTION] Pixels
// [SECTION] Scaling
#include "export/png_decode.h"

#include "core/deflate.h"
#include "core/tone_model.h"
#include "export/png.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace smp {
namespace {

Status Bad(const std::string& message) { return {StatusCode::kParseError, message}; }

uint32_t ReadU32(const uint8_t* p) {
    return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) | (static_cast<uint32_t>(p[2]) << 8) | p[3];
}

struct Header {
    uint32_t width = 0, height = 0;
    int bit_depth = 0, color_type = 0, interlace = 0;
    int Channels() const {
        switch (color_type) {
            case 0: return 1;   // grey
            case 2: return 3;   // RGB
            case 3: return 1;   // palette index
            case 4: return 2;   // grey + alpha
            case 6: return 4;   // RGBA
            default: return 0;
        }
    }
    size_t RowBytes() const { return (static_cast<size_t>(width) * static_cast<size_t>(Channels()) * static_cast<size_t>(bit_depth) + 7) / 8; }
    size_t PixelBytes() const { return std::max<size_t>(1, static_cast<size_t>(Channels()) * static_cast<size_t>(bit_depth) / 8); }
};

Status CheckHeader(const Header& h) {
    static const int kAllowed[7][5] = {{1, 2, 4, 8, 16}, {0}, {8, 16}, {1, 2, 4, 8}, {8, 16}, {0}, {8, 16}};
    if (h.color_type < 0 || h.color_type > 6 || h.Channels() == 0) return Bad("the PNG has colour type " + std::to_string(h.color_type) + ", which PNG does not define");
    bool depth_ok = false;
    for (const int d : kAllowed[h.color_type]) depth_ok = depth_ok || (d != 0 && d == h.bit_depth);
    if (!depth_ok) {
        return Bad("the PNG has " + std::to_string(h.bit_depth) + "-bit samples in colour type " + std::to_string(h.color_type) +
                   ", which PNG does not allow");
    }
    if (h.interlace != 0) return Bad("the PNG is interlaced (Adam7), which is not read here: save it without interlacing");
    if (h.width == 0 || h.height == 0) return Bad("the PNG is " + std::to_string(h.width) + " x " + std::to_string(h.height) + " px: it has no pixels");
    const uint64_t pixels = static_cast<uint64_t>(h.width) * h.height;
    if (h.width > static_cast<uint32_t>(kMaxDecodeSidePx) || h.height > static_cast<uint32_t>(kMaxDecodeSidePx) ||
        pixels > static_cast<uint64_t>(kMaxDecodePixels)) {
        return {StatusCode::kLimitExceeded, "the image is " + std::to_string(h.width) + " x " + std::to_string(h.height) + " px; photos up to " +
                                                std::to_string(kMaxDecodeSidePx) + " px a side and " +
                                                std::to_string(kMaxDecodePixels / 1'000'000) + " megapixels are read: scale it down first"};
    }
    return Status::Ok();
}

uint8_t Paeth(int a, int b, int c) {
    const int p = a + b - c;
    const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
    if (pa <= pb && pa <= pc) return static_cast<uint8_t>(a);
    return static_cast<uint8_t>(pb <= pc ? b : c);
}

}  // namespace

// [SECTION] Chunks --------------------------------------------------------------------------------

Expected<RgbaImage> DecodePng(std::span<const uint8_t> bytes) {
    static const uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (bytes.size() < 8 || !std::equal(kSignature, kSignature + 8, bytes.begin())) {
        char start[40] = "";
        if (bytes.size() >= 4) std::snprintf(start, sizeof start, " (it starts with %02x %02x %02x %02x)", bytes[0], bytes[1], bytes[2], bytes[3]);
        const bool jpeg = bytes.size() >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;
        return Bad(std::string("the file is not a PNG image") + (jpeg ? ": it is a JPEG, which the command line does not read (save it as PNG)" : start));
    }
    Header header;
    bool have_header = false, ended = false;
    std::vector<uint8_t> idat, palette, transparency;
    size_t at = 8;
    while (!ended) {
        if (bytes.size() - at < 12) return Bad(std::string("the PNG ends early (truncated?) ") + (have_header ? "before its IEND chunk" : "in its header"));
        const uint32_t length = ReadU32(bytes.data() + at);
        const uint8_t* type = bytes.data() + at + 4;
        const std::string name(reinterpret_cast<const char*>(type), 4);
        if (length > bytes.size() - at - 12) return Bad("the PNG ends early (truncated?) in its " + name + " chunk");
        const uint8_t* data = type + 4;
        if (PngCrc32(type, length + 4) != ReadU32(data + length)) return Bad("the PNG's " + name + " chunk is damaged (its CRC does not match)");
        if (!have_header && name != "IHDR") return Bad("the PNG does not start with its IHDR chunk");
        if (name == "IHDR") {
            if (length != 13) return Bad("the PNG's IHDR chunk is " + std::to_string(length) + " bytes, not 13");
            header.width = ReadU32(data);
            header.height = ReadU32(data + 4);
            header.bit_depth = data[8];
            header.color_type = data[9];
            header.interlace = data[12];
            if (data[10] != 0 || data[11] != 0) return Bad("the PNG uses an unknown compression or filter method");
            if (const Status s = CheckHeader(header); !s.ok()) return s;
            have_header = true;
        } else if (name == "acTL") {
            return Bad("an animated PNG (APNG): save one frame as a still image");
        } else if (name == "PLTE") {
            palette.assign(data, data + length);
        } else if (name == "tRNS") {
            transparency.assign(data, data + length);
        } else if (name == "IDAT") {
            // Compressed data can't exceed what the pixels need by much: refuse a file padded
            // with megabytes of IDAT before keeping it.
            const size_t raw = header.height * (1 + header.RowBytes());
            if (idat.size() + length > raw + raw / 2 + (1u << 20)) return Bad("the PNG's IDAT data is far larger than its pixels can need");
            idat.insert(idat.end(), data, data + length);
        } else if (name == "IEND") {
            ended = true;
        } else if ((type[0] & 0x20) == 0) {
            return Bad("the PNG has a critical chunk this reader does not know (" + name + ")");
        }
        at += 12 + length;
    }
    if (idat.size() < 6) return Bad("the PNG has no image data (IDAT)");
    if (header.color_type == 3 && (palette.empty() || palette.size() % 3 != 0)) return Bad("the PNG's palette (PLTE) is missing or damaged");

    // [SECTION] Pixels ----------------------------------------------------------------------------
    // A zlib stream: a 2-byte header (deflate, no preset dictionary), raw deflate, an Adler-32.
    if ((idat[0] & 0x0F) != 8 || ((idat[0] << 8) | idat[1]) % 31 != 0 || (idat[1] & 0x20) != 0) {
        return Bad("the PNG's image data is not a zlib stream");
    }
    const size_t row_bytes = header.RowBytes();
    const size_t expected = static_cast<size_t>(header.height) * (1 + row_bytes);
    const Expected<std::vector<uint8_t>> raw = InflateRaw(std::span<const uint8_t>(idat.data() + 2, idat.size() - 6), expected);
    if (!raw.ok()) {
        const std::string why = raw.status().message();
        return Bad(why.find("ends early") != std::string::npos ? "the PNG ends early (truncated?) in its IDAT data"
                                                               : "the PNG's image data is damaged (" + why + ")");
    }
    if (raw->size() != expected) {
        return Bad("the PNG's image data holds " + std::to_string(raw->size()) + " bytes, not the " + std::to_string(expected) +
                   " its size needs (truncated?)");
    }

    RgbaImage image;
    image.width = static_cast<int>(header.width);
    image.height = static_cast<int>(header.height);
    image.rgba.resize(static_cast<size_t>(header.width) * header.height * 4);
    std::vector<uint8_t> previous(row_bytes, 0), row(row_bytes);
    const size_t bpp = header.PixelBytes();
    const int depth = header.bit_depth;
    const int max_sample = (1 << depth) - 1;
    for (uint32_t y = 0; y < header.height; ++y) {
        const uint8_t* line = raw->data() + static_cast<size_t>(y) * (1 + row_bytes);
        const int filter = line[0];
        for (size_t i = 0; i < row_bytes; ++i) {
            const int x = line[1 + i];
            const int a = i >= bpp ? row[i - bpp] : 0, b = previous[i], c = i >= bpp ? previous[i - bpp] : 0;
            switch (filter) {
                case 0: row[i] = static_cast<uint8_t>(x); break;
                case 1: row[i] = static_cast<uint8_t>(x + a); break;
                case 2: row[i] = static_cast<uint8_t>(x + b); break;
                case 3: row[i] = static_cast<uint8_t>(x + (a + b) / 2); break;
                case 4: row[i] = static_cast<uint8_t>(x + Paeth(a, b, c)); break;
                default: return Bad("the PNG's row " + std::to_string(y) + " has filter " + std::to_string(filter) + ", which PNG does not define");
            }
        }
        // One sample (the high byte of 16-bit ones; sub-byte ones scaled to 0..255).
        auto sample = [&](size_t index) -> int {
            if (depth == 8) return row[index];
            if (depth == 16) return row[2 * index];
            const size_t bit = index * static_cast<size_t>(depth);
            const int value = (row[bit / 8] >> (8 - depth - static_cast<int>(bit % 8))) & max_sample;
            return header.color_type == 3 ? value : value * 255 / max_sample;
        };
        for (uint32_t x = 0; x < header.width; ++x) {
            uint8_t* out = image.rgba.data() + (static_cast<size_t>(y) * header.width + x) * 4;
            const size_t n = static_cast<size_t>(header.Channels());
            switch (header.color_type) {
                case 0:
                    out[0] = out[1] = out[2] = static_cast<uint8_t>(sample(x));
                    out[3] = 255;
                    break;
                case 2:
                    for (int k = 0; k < 3; ++k) out[k] = static_cast<uint8_t>(sample(x * n + static_cast<size_t>(k)));
                    out[3] = 255;
                    break;
                case 3: {
                    const size_t index = static_cast<size_t>(sample(x));
                    if (3 * index + 2 >= palette.size()) return Bad("the PNG's pixel (" + std::to_string(x) + ", " + std::to_string(y) + ") names a colour its palette lacks");
                    for (int k = 0; k < 3; ++k) out[k] = palette[3 * index + static_cast<size_t>(k)];
                    out[3] = index < transparency.size() ? transparency[index] : 255;
                    break;
                }
                case 4:
                    out[0] = out[1] = out[2] = static_cast<uint8_t>(sample(x * 2));
                    out[3] = static_cast<uint8_t>(sample(x * 2 + 1));
                    break;
                default:
                    for (int k = 0; k < 4; ++k) out[k] = static_cast<uint8_t>(sample(x * 4 + static_cast<size_t>(k)));
                    break;
            }
        }
        std::swap(previous, row);
    }
    return image;
}

// [SECTION] Scaling -------------------------------------------------------------------------------

RgbaImage ScaleToFit(const RgbaImage& image, int max_side_px) {
    if (image.width <= max_side_px && image.height <= max_side_px) return image;
    // One factor for both sides, the smallest that fits: each output pixel averages the source
    // pixels its box covers (weights by overlap), in linear light so edges keep their brightness.
    const double factor = std::max(static_cast<double>(image.width) / max_side_px, static_cast<double>(image.height) / max_side_px);
    RgbaImage out;
    out.width = std::max(1, static_cast<int>(image.width / factor));
    out.height = std::max(1, static_cast<int>(image.height / factor));
    out.rgba.resize(static_cast<size_t>(out.width) * static_cast<size_t>(out.height) * 4);
    const double sx = static_cast<double>(image.width) / out.width, sy = static_cast<double>(image.height) / out.height;
    for (int y = 0; y < out.height; ++y) {
        const double y0 = y * sy, y1 = (y + 1) * sy;
        for (int x = 0; x < out.width; ++x) {
            const double x0 = x * sx, x1 = (x + 1) * sx;
            double sum[4] = {0, 0, 0, 0}, weight = 0.0;
            for (int j = static_cast<int>(y0); j < image.height && j < y1; ++j) {
                const double wy = std::min<double>(j + 1, y1) - std::max<double>(j, y0);
                for (int i = static_cast<int>(x0); i < image.width && i < x1; ++i) {
                    const double w = wy * (std::min<double>(i + 1, x1) - std::max<double>(i, x0));
                    const uint8_t* p = image.PixelAt(i, j);
                    for (int k = 0; k < 3; ++k) sum[k] += w * SrgbToLinear(p[k]);
                    sum[3] += w * p[3];
                    weight += w;
                }
            }
            uint8_t* q = out.rgba.data() + (static_cast<size_t>(y) * static_cast<size_t>(out.width) + static_cast<size_t>(x)) * 4;
            for (int k = 0; k < 3; ++k) q[k] = LinearToSrgb(sum[k] / weight);
            q[3] = static_cast<uint8_t>(std::clamp(sum[3] / weight + 0.5, 0.0, 255.0));
        }
    }
    return out;
}

}  // namespace smp
