// Reading a PNG photo (export/png_decode.h) and drawing a design on it (export/photo_render.h):
// every colour type round-trips, damaged, truncated, animated, foreign and oversized files are
// refused with a message naming the problem, scaling keeps a photo's look, and the design lands on
// the photo where the fitted head puts it, darkening only the scalp.
#include "export/photo_render.h"
#include "export/png.h"
#include "export/png_decode.h"
#include "export/head_marks.h"
#include "export/head_render.h"

#include "core/design_json.h"
#include "core/presets.h"
#include "test_designs.h"

#include <doctest/doctest.h>

#include <array>
#include <cstring>
#include <string>
#include <vector>

using smp::RgbaImage;

namespace {

uint32_t Crc(const uint8_t* data, size_t size) {
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < size; ++i) {
        crc ^= data[i];
        for (int k = 0; k < 8; ++k) crc = (crc & 1u) ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
    }
    return crc ^ 0xFFFFFFFFu;
}

void PutU32(std::vector<uint8_t>& out, size_t at, uint32_t v) {
    out[at] = static_cast<uint8_t>(v >> 24);
    out[at + 1] = static_cast<uint8_t>(v >> 16);
    out[at + 2] = static_cast<uint8_t>(v >> 8);
    out[at + 3] = static_cast<uint8_t>(v);
}

// A chunk with a correct CRC.
std::vector<uint8_t> Chunk(const std::string& type, const std::vector<uint8_t>& data) {
    std::vector<uint8_t> out(12 + data.size());
    PutU32(out, 0, static_cast<uint32_t>(data.size()));
    std::memcpy(out.data() + 4, type.data(), 4);
    std::copy(data.begin(), data.end(), out.begin() + 8);
    PutU32(out, 8 + data.size(), Crc(out.data() + 4, 4 + data.size()));
    return out;
}

RgbaImage Gradient(int width, int height, bool alpha) {
    RgbaImage image;
    image.width = width;
    image.height = height;
    image.rgba.resize(static_cast<size_t>(width) * height * 4);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            uint8_t* p = image.rgba.data() + (static_cast<size_t>(y) * width + x) * 4;
            p[0] = static_cast<uint8_t>(x * 7 + y);
            p[1] = static_cast<uint8_t>(y * 5);
            p[2] = static_cast<uint8_t>((x ^ y) * 3);
            p[3] = alpha ? static_cast<uint8_t>(255 - x) : 255;
        }
    }
    return image;
}

std::string DecodeError(const std::vector<uint8_t>& bytes) {
    const smp::Expected<RgbaImage> image = smp::DecodePng(bytes);
    return image.ok() ? std::string("ok") : image.status().message();
}

}  // namespace

TEST_CASE("PNG: what EncodePng writes, RGB and RGBA, reads back to the same pixels") {
    for (const bool alpha : {false, true}) {
        const RgbaImage image = Gradient(37, 23, alpha);
        const smp::Expected<RgbaImage> back = smp::DecodePng(smp::EncodePng(image));
        REQUIRE_MESSAGE(back.ok(), back.status().message());
        CHECK(back->width == 37);
        CHECK(back->height == 23);
        CHECK(back->rgba == image.rgba);
    }
}

TEST_CASE("PNG: grey, palette and 16-bit images read as their colours") {
    const std::vector<uint8_t> signature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    auto png = [&](uint8_t depth, uint8_t type, const std::vector<uint8_t>& raw_rows, const std::vector<uint8_t>& palette, int w, int h) {
        std::vector<uint8_t> ihdr(13, 0);
        PutU32(ihdr, 0, static_cast<uint32_t>(w));
        PutU32(ihdr, 4, static_cast<uint32_t>(h));
        ihdr[8] = depth;
        ihdr[9] = type;
        // A zlib stream of stored blocks: header 78 01, one final stored block, an Adler-32 (not checked).
        std::vector<uint8_t> z = {0x78, 0x01, 0x01, static_cast<uint8_t>(raw_rows.size()), static_cast<uint8_t>(raw_rows.size() >> 8),
                                  static_cast<uint8_t>(~raw_rows.size()), static_cast<uint8_t>(~raw_rows.size() >> 8)};
        z.insert(z.end(), raw_rows.begin(), raw_rows.end());
        z.insert(z.end(), {0, 0, 0, 0});
        std::vector<uint8_t> out = signature;
        for (const auto& c : {Chunk("IHDR", ihdr), palette.empty() ? std::vector<uint8_t>() : Chunk("PLTE", palette), Chunk("IDAT", z), Chunk("IEND", {})}) {
            out.insert(out.end(), c.begin(), c.end());
        }
        return out;
    };
    // 1-bit grey, 3 pixels: 1 0 1 (filter byte 0 then the bits).
    smp::Expected<RgbaImage> grey = smp::DecodePng(png(1, 0, {0, 0b10100000}, {}, 3, 1));
    REQUIRE_MESSAGE(grey.ok(), grey.status().message());
    CHECK(grey->PixelAt(0, 0)[0] == 255);
    CHECK(grey->PixelAt(1, 0)[0] == 0);
    CHECK(grey->PixelAt(2, 0)[1] == 255);
    // 2-bit palette: indices 2 1 against a three-colour palette.
    smp::Expected<RgbaImage> indexed = smp::DecodePng(png(2, 3, {0, 0b10010000}, {10, 20, 30, 40, 50, 60, 70, 80, 90}, 2, 1));
    REQUIRE_MESSAGE(indexed.ok(), indexed.status().message());
    CHECK(indexed->PixelAt(0, 0)[0] == 70);
    CHECK(indexed->PixelAt(1, 0)[2] == 60);
    // 16-bit RGB: the high bytes.
    smp::Expected<RgbaImage> deep = smp::DecodePng(png(16, 2, {0, 0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC}, {}, 1, 1));
    REQUIRE_MESSAGE(deep.ok(), deep.status().message());
    CHECK(deep->PixelAt(0, 0)[0] == 0x12);
    CHECK(deep->PixelAt(0, 0)[1] == 0x56);
    CHECK(deep->PixelAt(0, 0)[2] == 0x9A);
    // A palette index beyond the palette.
    CHECK(DecodeError(png(2, 3, {0, 0b11000000}, {10, 20, 30}, 1, 1)).find("names a colour its palette lacks") != std::string::npos);
}

TEST_CASE("PNG: damaged, truncated, animated, foreign and oversized files are refused by name") {
    const std::vector<uint8_t> good = smp::EncodePng(Gradient(64, 40, false));
    REQUIRE(DecodeError(good) == "ok");

    CHECK(DecodeError({'h', 'e', 'l', 'l', 'o'}).find("the file is not a PNG image (it starts with 68 65 6c 6c)") == 0);
    CHECK(DecodeError({0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10}).find("it is a JPEG") != std::string::npos);
    CHECK(DecodeError({}) .find("the file is not a PNG image") == 0);

    for (const size_t keep : {size_t{20}, size_t{40}, good.size() / 2, good.size() - 13, good.size() - 1}) {
        CAPTURE(keep);
        const std::string message = DecodeError(std::vector<uint8_t>(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(keep)));
        CHECK(message.find("the PNG ends early (truncated?)") == 0);
    }

    std::vector<uint8_t> damaged = good;
    damaged[good.size() / 2] ^= 0x40;
    CHECK(DecodeError(damaged).find("the PNG's IDAT chunk is damaged (its CRC does not match)") == 0);

    // An acTL chunk after IHDR: an APNG.
    std::vector<uint8_t> animated(good.begin(), good.begin() + 33);
    const std::vector<uint8_t> actl = Chunk("acTL", {0, 0, 0, 2, 0, 0, 0, 0});
    animated.insert(animated.end(), actl.begin(), actl.end());
    animated.insert(animated.end(), good.begin() + 33, good.end());
    CHECK(DecodeError(animated) == "an animated PNG (APNG): save one frame as a still image");

    // A header claiming 20,000 x 20,000 px is refused before anything is allocated.
    std::vector<uint8_t> huge = good;
    PutU32(huge, 16, 20000);
    PutU32(huge, 20, 20000);
    PutU32(huge, 29, Crc(huge.data() + 12, 17));
    const smp::Expected<RgbaImage> refused = smp::DecodePng(huge);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.status().code() == smp::StatusCode::kLimitExceeded);
    CHECK(refused.status().message() ==
          "the image is 20000 x 20000 px; photos up to 8192 px a side and 40 megapixels are read: scale it down first");

    std::vector<uint8_t> interlaced = good;
    interlaced[28] = 1;
    PutU32(interlaced, 29, Crc(interlaced.data() + 12, 17));
    CHECK(DecodeError(interlaced).find("the PNG is interlaced") == 0);
}

TEST_CASE("scaling a photo to fit keeps its size ratio and its colours") {
    const RgbaImage image = Gradient(300, 120, false);
    const RgbaImage same = smp::ScaleToFit(image, 300);
    CHECK(same.rgba == image.rgba);
    const RgbaImage half = smp::ScaleToFit(image, 150);
    CHECK(half.width == 150);
    CHECK(half.height == 60);
    RgbaImage flat = Gradient(64, 64, false);
    for (size_t i = 0; i < flat.rgba.size(); i += 4) {
        flat.rgba[i] = 200;
        flat.rgba[i + 1] = 150;
        flat.rgba[i + 2] = 120;
    }
    const RgbaImage small = smp::ScaleToFit(flat, 20);
    CHECK(small.width == 20);
    for (size_t i = 0; i < small.rgba.size(); i += 4) {
        CHECK(small.rgba[i] == 200);
        CHECK(small.rgba[i + 1] == 150);
        CHECK(small.rgba[i + 2] == 120);
    }
    CHECK(smp::ScaleToFit(image, 77).rgba == smp::ScaleToFit(image, 77).rgba);
}

TEST_CASE("the design lands on a photo where the fitted head puts it, and nowhere else") {
    // The photo: a head render of a design with no dots, and its landmarks as a person would mark them.
    smp::Expected<smp::Design> bare = smp::RestoreDesign(nlohmann::json::parse(
        R"({"type":"smp.design","schema_version":2,"seed":3,"title":"bare","template":{"kind":"scalp"},"mode":"density"})"));
    REQUIRE(bare.ok());
    const smp::DotPattern bare_dots = smp::test::Generate(*bare);
    smp::HeadRenderOptions head;
    head.camera = {20.0, 15.0};
    head.width_px = 400;
    const smp::Expected<RgbaImage> photo = smp::RenderHead(*bare, bare_dots, head);
    REQUIRE(photo.ok());
    const smp::Expected<smp::PhotoMarks> marks = smp::HeadRenderMarks(*bare_dots.field->Scalp(), head);
    REQUIRE(marks.ok());
    const smp::Expected<smp::HeadFit> fit = smp::FitHeadPose(*bare_dots.field->Scalp(), *marks);
    REQUIRE(fit.ok());
    CHECK(fit->error_px < 0.01);

    const smp::Expected<std::string> preset = smp::PresetText("norwood-6");
    REQUIRE(preset.ok());
    const smp::Expected<smp::Design> design = smp::RestoreDesign(std::string_view(*preset));
    REQUIRE(design.ok());
    const smp::DotPattern dots = smp::test::Generate(*design);
    smp::PhotoRenderOptions options;
    options.pose = fit->pose;
    const smp::Expected<RgbaImage> after = smp::RenderOnPhoto(*design, dots, *photo, options);
    REQUIRE_MESSAGE(after.ok(), after.status().message());
    REQUIRE(after->width == 400);

    // The vertex (a 70/cm² zone) darkens; the background, the face and the neck don't change.
    const smp::Vec2 vertex = fit->pose.PixelFromHead(smp::HeadLandmarkMm(*dots.field->Scalp(), smp::HeadLandmark::kVertex));
    double before_sum = 0.0, after_sum = 0.0;
    for (int y = static_cast<int>(vertex.y()) + 8; y < static_cast<int>(vertex.y()) + 28; ++y) {
        for (int x = static_cast<int>(vertex.x()) - 10; x < static_cast<int>(vertex.x()) + 10; ++x) {
            before_sum += photo->PixelAt(x, y)[1];
            after_sum += after->PixelAt(x, y)[1];
        }
    }
    CHECK(after_sum < before_sum * 0.97);
    const smp::Vec2 glabella = fit->pose.PixelFromHead(smp::HeadLandmarkMm(*dots.field->Scalp(), smp::HeadLandmark::kGlabella));
    for (int y = static_cast<int>(glabella.y()) + 10; y < 400; ++y) {   // below the brows: no scalp
        for (int x = 0; x < 400; ++x) {
            const uint8_t* a = photo->PixelAt(x, y);
            const uint8_t* b = after->PixelAt(x, y);
            REQUIRE(std::memcmp(a, b, 4) == 0);
        }
    }

    options.before_after = true;
    const smp::Expected<RgbaImage> both = smp::RenderOnPhoto(*design, dots, *photo, options);
    REQUIRE(both.ok());
    CHECK(both->width == 800);
    for (int y = 0; y < 400; y += 7) {
        CHECK(std::memcmp(both->PixelAt(0, y), photo->PixelAt(0, y), 400 * 4) == 0);
        CHECK(std::memcmp(both->PixelAt(400, y), after->PixelAt(0, y), 400 * 4) == 0);
    }

    options.before_after = false;
    options.look = smp::PreviewMode::kPlan;
    CHECK(smp::RenderOnPhoto(*design, dots, *photo, options).status().message() == "a photo shows the healed or faded look, not the plan");
}

TEST_CASE("PNG: thousands of damaged files are refused or read, never more") {
    // Byte flips, cuts and length fields set to extremes on a real file, with the CRCs mended so
    // the damage reaches the decoder's inner parts (the sanitizer lane runs this too).
    const std::vector<uint8_t> good = smp::EncodePng(Gradient(48, 31, true));
    uint64_t state = 12345;
    auto next = [&state] {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<uint32_t>(state >> 33);
    };
    int refused = 0;
    for (int round = 0; round < 3000; ++round) {
        std::vector<uint8_t> bytes = good;
        const int flips = 1 + static_cast<int>(next() % 4);
        for (int k = 0; k < flips; ++k) bytes[8 + next() % (bytes.size() - 8)] = static_cast<uint8_t>(next());
        if (round % 3 == 0) {
            // Mend every chunk's CRC that still parses as a chunk.
            size_t at = 8;
            while (at + 12 <= bytes.size()) {
                const uint32_t length = (uint32_t{bytes[at]} << 24) | (uint32_t{bytes[at + 1]} << 16) | (uint32_t{bytes[at + 2]} << 8) | bytes[at + 3];
                if (length > bytes.size() - at - 12) break;
                PutU32(bytes, at + 8 + length, Crc(bytes.data() + at + 4, length + 4));
                at += 12 + length;
            }
        }
        if (round % 5 == 0) bytes.resize(8 + next() % (bytes.size() - 8));
        const smp::Expected<RgbaImage> image = smp::DecodePng(bytes);
        if (!image.ok()) {
            ++refused;
            CHECK_FALSE(image.status().message().empty());
        } else {
            CHECK(image->rgba.size() == static_cast<size_t>(image->width) * image->height * 4);
            CHECK(image->width * image->height <= 48 * 31 * 4);
        }
    }
    CHECK(refused > 2000);
}
