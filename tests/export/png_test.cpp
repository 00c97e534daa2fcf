#include "export/png.h"

#include "core/deflate.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <span>
#include <string>

namespace {

uint32_t BigEndian(const std::vector<uint8_t>& bytes, size_t at) {
    return uint32_t{bytes[at]} << 24 | uint32_t{bytes[at + 1]} << 16 | uint32_t{bytes[at + 2]} << 8 | bytes[at + 3];
}

smp::RgbaImage Gradient(int width, int height, uint8_t alpha) {
    smp::RgbaImage image;
    image.width = width;
    image.height = height;
    image.rgba.resize(static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            uint8_t* p = image.rgba.data() + (static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 4;
            p[0] = static_cast<uint8_t>(x * 7);
            p[1] = static_cast<uint8_t>(y * 5);
            p[2] = 128;
            p[3] = alpha;
        }
    }
    return image;
}

}  // namespace

TEST_CASE("PNG: the signature, then IHDR with the image's width and height; RGB when opaque, RGBA otherwise") {
    const std::vector<uint8_t> png = smp::EncodePng(Gradient(37, 21, 255));
    REQUIRE(png.size() > 33);
    const uint8_t signature[8] = {137, 80, 78, 71, 13, 10, 26, 10};
    CHECK(std::equal(signature, signature + 8, png.begin()));
    CHECK(BigEndian(png, 8) == 13);                                  // IHDR length
    CHECK(std::string(png.begin() + 12, png.begin() + 16) == "IHDR");
    CHECK(BigEndian(png, 16) == 37);
    CHECK(BigEndian(png, 20) == 21);
    CHECK(png[24] == 8);    // bit depth
    CHECK(png[25] == 2);    // colour type: RGB
    CHECK(std::string(png.end() - 8, png.end() - 4) == "IEND");

    const std::vector<uint8_t> translucent = smp::EncodePng(Gradient(5, 3, 128));
    REQUIRE(translucent.size() > 33);
    CHECK(translucent[25] == 6);   // RGBA
}

TEST_CASE("PNG: deterministic; an empty or inconsistent image gives no bytes") {
    CHECK(smp::EncodePng(Gradient(64, 48, 255)) == smp::EncodePng(Gradient(64, 48, 255)));
    CHECK(smp::EncodePng(smp::RgbaImage{}).empty());
    smp::RgbaImage wrong = Gradient(4, 4, 255);
    wrong.height = 5;
    CHECK(smp::EncodePng(wrong).empty());
}

TEST_CASE("base64: the RFC 4648 test vectors") {
    auto b64 = [](const std::string& text) { return smp::Base64(std::vector<uint8_t>(text.begin(), text.end())); };
    CHECK(b64("") == "");
    CHECK(b64("f") == "Zg==");
    CHECK(b64("fo") == "Zm8=");
    CHECK(b64("foo") == "Zm9v");
    CHECK(b64("foob") == "Zm9vYg==");
    CHECK(b64("fooba") == "Zm9vYmE=");
    CHECK(b64("foobar") == "Zm9vYmFy");
    CHECK(smp::Base64({0xFF, 0xFE, 0xFD}) == "//79");
}

namespace {

// CRC-32 bit by bit (the test's own, not the encoder's table).
uint32_t BitwiseCrc32(const uint8_t* data, size_t size) {
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < size; ++i) {
        crc ^= data[i];
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

struct Chunk {
    std::string type;
    std::vector<uint8_t> data;
    bool crc_ok = false;
};

std::vector<Chunk> ChunksOf(const std::vector<uint8_t>& png) {
    std::vector<Chunk> chunks;
    for (size_t at = 8; at + 12 <= png.size();) {
        const uint32_t length = BigEndian(png, at);
        REQUIRE(at + 12 + length <= png.size());
        Chunk chunk{std::string(png.begin() + static_cast<long>(at) + 4, png.begin() + static_cast<long>(at) + 8),
                    std::vector<uint8_t>(png.begin() + static_cast<long>(at) + 8, png.begin() + static_cast<long>(at + 8 + length))};
        chunk.crc_ok = BitwiseCrc32(png.data() + at + 4, length + 4) == BigEndian(png, at + 8 + length);
        chunks.push_back(std::move(chunk));
        at += 12 + length;
    }
    return chunks;
}

// A photo-like image: smooth shading, a hard edge, noise and a flat band, so that different rows
// are best served by different filters.
smp::RgbaImage Mixed(int width, int height) {
    smp::RgbaImage image = Gradient(width, height, 255);
    uint32_t state = 12345;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            uint8_t* p = image.rgba.data() + (static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 4;
            state = state * 1664525u + 1013904223u;
            if (y % 4 == 1) p[0] = static_cast<uint8_t>(state >> 24);   // noise
            if (y % 4 == 2) p[0] = p[1] = p[2] = 200;                      // flat
            if (x > width / 2) p[2] = static_cast<uint8_t>(40 + y);       // an edge
        }
    }
    return image;
}

}  // namespace

TEST_CASE("PNG: IHDR, IDAT, IEND with right CRCs, and a zlib stream whose Adler-32 matches the rows (what other readers check)") {
    const std::vector<uint8_t> png = smp::EncodePng(Mixed(53, 29));
    const std::vector<Chunk> chunks = ChunksOf(png);
    REQUIRE(chunks.size() == 3);
    CHECK(chunks[0].type == "IHDR");
    CHECK(chunks[1].type == "IDAT");
    CHECK(chunks[2].type == "IEND");
    for (const Chunk& chunk : chunks) CHECK_MESSAGE(chunk.crc_ok, chunk.type);
    const std::vector<uint8_t>& zlib = chunks[1].data;
    REQUIRE(zlib.size() > 6);
    CHECK((zlib[0] * 256 + zlib[1]) % 31 == 0);   // a valid zlib header
    CHECK((zlib[0] & 0x0f) == 8);                 // deflate
    const smp::Expected<std::vector<uint8_t>> rows =
        smp::InflateRaw(std::span<const uint8_t>(zlib.data() + 2, zlib.size() - 6), size_t{1} << 20);
    REQUIRE_MESSAGE(rows.ok(), rows.status().message());
    CHECK(rows->size() == (53u * 3u + 1u) * 29u);
    uint32_t a = 1, b = 0;
    for (const uint8_t byte : *rows) {
        a = (a + byte) % 65521u;
        b = (b + a) % 65521u;
    }
    CHECK(BigEndian(zlib, zlib.size() - 4) == (b << 16 | a));
}

TEST_CASE("PNG: each row goes behind the filter that leaves the smallest sum of absolute differences (the first of equals)") {
    const int width = 61, height = 40, channels = 3;
    const smp::RgbaImage image = Mixed(width, height);
    const std::vector<Chunk> chunks = ChunksOf(smp::EncodePng(image));
    REQUIRE(chunks.size() == 3);
    const smp::Expected<std::vector<uint8_t>> rows =
        smp::InflateRaw(std::span<const uint8_t>(chunks[1].data.data() + 2, chunks[1].data.size() - 6), size_t{1} << 20);
    REQUIRE(rows.ok());
    const size_t stride = static_cast<size_t>(width * channels) + 1;
    std::vector<int> used(5, 0);
    for (int y = 0; y < height; ++y) {
        auto byte = [&](int row, int i) -> int {   // the image's byte i of `row` (RGB), 0 outside
            if (row < 0 || i < 0) return 0;
            return image.rgba[(static_cast<size_t>(row) * static_cast<size_t>(width) + static_cast<size_t>(i / channels)) * 4 + static_cast<size_t>(i % channels)];
        };
        long sums[5] = {};
        for (int i = 0; i < width * channels; ++i) {
            const int x = byte(y, i), left = byte(y, i - channels), up = byte(y - 1, i), corner = byte(y - 1, i - channels);
            const int paeth_p = left + up - corner, pa = std::abs(paeth_p - left), pb = std::abs(paeth_p - up), pc = std::abs(paeth_p - corner);
            const int paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : corner;
            const int predicted[5] = {0, left, up, (left + up) / 2, paeth};
            for (int f = 0; f < 5; ++f) sums[f] += std::abs(static_cast<int8_t>(static_cast<uint8_t>(x - predicted[f])));
        }
        const int chosen = (*rows)[static_cast<size_t>(y) * stride];
        REQUIRE(chosen >= 0);
        REQUIRE(chosen < 5);
        const long best = *std::min_element(sums, sums + 5);
        CHECK_MESSAGE(sums[chosen] == best, "row " << y);
        CHECK_MESSAGE(std::find(sums, sums + 5, best) - sums == chosen, "row " << y);
        used[static_cast<size_t>(chosen)] += 1;
    }
    // The image asks for more than one filter, so the choice is exercised.
    CHECK(std::count_if(used.begin(), used.end(), [](int n) { return n > 0; }) >= 3);
}
