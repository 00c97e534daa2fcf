#include "export/png.h"

#include "core/deflate.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>

namespace smp {
namespace {

void PutU32(std::vector<uint8_t>& out, uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(value >> shift));
}

// A chunk: its length, type, data and the CRC of type and data.
void PutChunk(std::vector<uint8_t>& out, const char (&type)[5], const std::vector<uint8_t>& data) {
    PutU32(out, static_cast<uint32_t>(data.size()));
    const size_t start = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data.begin(), data.end());
    PutU32(out, PngCrc32(out.data() + start, out.size() - start));
}

// What PNG's five filters (none, sub, up, average, Paeth) predict for a byte from the bytes left
// of it (a), above it (b) and above-left (c).
struct Predictions {
    int of[5];
    Predictions(int a, int b, int c) : of{0, a, b, (a + b) / 2, 0} {
        const int pa = std::abs(b - c), pb = std::abs(a - c), pc = std::abs(a + b - 2 * c);
        of[4] = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
};

}  // namespace

uint32_t PngCrc32(const uint8_t* data, size_t size) {
    static const std::array<uint32_t, 256> table = [] {
        std::array<uint32_t, 256> t{};
        for (uint32_t n = 0; n < 256; ++n) {
            uint32_t c = n;
            for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < size; ++i) crc = table[(crc ^ data[i]) & 0xFFu] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

std::vector<uint8_t> EncodePng(const RgbaImage& image) {
    if (image.width <= 0 || image.height <= 0 ||
        image.rgba.size() != static_cast<size_t>(image.width) * static_cast<size_t>(image.height) * 4) {
        return {};
    }
    bool opaque = true;
    for (size_t i = 3; i < image.rgba.size() && opaque; i += 4) opaque = image.rgba[i] == 255;
    const int channels = opaque ? 3 : 4;
    const size_t row_bytes = static_cast<size_t>(image.width) * static_cast<size_t>(channels);
    // Each row behind the filter that leaves the smallest sum of absolute differences (as signed
    // bytes): the heuristic libpng and stb_image_write use.
    std::vector<uint8_t> filtered;
    filtered.reserve((row_bytes + 1) * static_cast<size_t>(image.height));
    std::vector<uint8_t> above(row_bytes, 0), row(row_bytes);
    const size_t left = static_cast<size_t>(channels);
    for (int y = 0; y < image.height; ++y) {
        const uint8_t* pixels = image.PixelAt(0, y);
        for (size_t x = 0, i = 0; x < static_cast<size_t>(image.width); ++x) {
            for (int c = 0; c < channels; ++c) row[i++] = pixels[x * 4 + static_cast<size_t>(c)];
        }
        // One pass sums every filter's residuals, a second writes the best one's (the first of
        // equals).
        long sums[5] = {};
        for (size_t i = 0; i < row_bytes; ++i) {
            const Predictions predicted(i >= left ? row[i - left] : 0, above[i], i >= left ? above[i - left] : 0);
            for (int f = 0; f < 5; ++f) sums[f] += std::abs(static_cast<int8_t>(static_cast<uint8_t>(row[i] - predicted.of[f])));
        }
        const int best = static_cast<int>(std::min_element(sums, sums + 5) - sums);
        filtered.push_back(static_cast<uint8_t>(best));
        for (size_t i = 0; i < row_bytes; ++i) {
            const Predictions predicted(i >= left ? row[i - left] : 0, above[i], i >= left ? above[i - left] : 0);
            filtered.push_back(static_cast<uint8_t>(row[i] - predicted.of[best]));
        }
        above.swap(row);
    }
    uint32_t a = 1, b = 0;   // the rows' Adler-32
    for (size_t i = 0; i < filtered.size();) {
        // 5,552 bytes at most between reductions keep b below 2^32 (zlib's NMAX).
        for (const size_t end = std::min(filtered.size(), i + 5552); i < end; ++i) {
            a += filtered[i];
            b += a;
        }
        a %= 65521u;
        b %= 65521u;
    }
    const std::vector<uint8_t> deflated = DeflateRaw(filtered);
    filtered = {};   // a big picture's rows go before the file is put together

    std::vector<uint8_t> out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::vector<uint8_t> header;
    PutU32(header, static_cast<uint32_t>(image.width));
    PutU32(header, static_cast<uint32_t>(image.height));
    header.insert(header.end(), {8, static_cast<uint8_t>(opaque ? 2 : 6), 0, 0, 0});   // 8 bits, RGB or RGBA, no interlace
    PutChunk(out, "IHDR", header);
    // One IDAT, written in place: a zlib stream (header, the share links' raw DEFLATE of the rows,
    // core/deflate.h, then their Adler-32), not copied on its way.
    out.reserve(out.size() + deflated.size() + 18 + 12);
    PutU32(out, static_cast<uint32_t>(deflated.size() + 6));
    const size_t idat = out.size();
    out.insert(out.end(), {'I', 'D', 'A', 'T', 0x78, 0x01});
    out.insert(out.end(), deflated.begin(), deflated.end());
    PutU32(out, (b << 16) | a);
    PutU32(out, PngCrc32(out.data() + idat, out.size() - idat));
    PutChunk(out, "IEND", {});
    return out;
}

std::string Base64(const std::vector<uint8_t>& bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const uint32_t v = (uint32_t{bytes[i]} << 16) | (uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    if (i < bytes.size()) {
        const bool two = i + 1 < bytes.size();
        const uint32_t v = (uint32_t{bytes[i]} << 16) | (two ? uint32_t{bytes[i + 1]} << 8 : 0u);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += two ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

}  // namespace smp
