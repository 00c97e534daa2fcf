#include "export/png.h"

#include <doctest/doctest.h>

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
