#include "export/caption.h"

#include "core/version.h"

#include <doctest/doctest.h>

#include <string>

namespace {

using smp::PictureCaption;
using smp::RgbaImage;

// A picture in two shades, left and right halves, so that any pixel the caption touches shows.
RgbaImage TwoShades(int width, int height) {
    RgbaImage image;
    image.width = width;
    image.height = height;
    image.rgba.resize(static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            uint8_t* p = image.rgba.data() + (static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 4;
            const uint8_t shade = x < width / 2 ? 210 : 190;
            p[0] = shade, p[1] = static_cast<uint8_t>(shade + 10), p[2] = static_cast<uint8_t>(shade + 20), p[3] = 255;
        }
    }
    return image;
}

bool SamePixel(const RgbaImage& a, const RgbaImage& b, int x, int y) { return std::equal(a.PixelAt(x, y), a.PixelAt(x, y) + 4, b.PixelAt(x, y)); }

// Ink: a pixel darker than anything the picture or the strip's white holds.
bool Ink(const RgbaImage& image, int x, int y) { return image.PixelAt(x, y)[0] < 150; }

// The strip's rows with ink in them, grouped into runs: its lines of text.
int LinesOfText(const RgbaImage& image, int strip_top) {
    int lines = 0;
    bool in_line = false;
    for (int y = strip_top; y < image.height; ++y) {
        bool ink = false;
        for (int x = 0; x < image.width && !ink; ++x) ink = Ink(image, x, y);
        if (ink && !in_line) ++lines;
        in_line = ink;
    }
    return lines;
}

// The pixels where `a` and `b` differ above row `rows`: their bounding box [x0, x1) x [y0, y1).
struct Box {
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
    bool Empty() const { return x1 < 0; }
};
Box Changed(const RgbaImage& a, const RgbaImage& b, int x_from, int x_to, int rows) {
    Box box;
    for (int y = 0; y < rows; ++y) {
        for (int x = x_from; x < x_to; ++x) {
            if (SamePixel(a, b, x, y)) continue;
            box.x0 = std::min(box.x0, x), box.y0 = std::min(box.y0, y);
            box.x1 = std::max(box.x1, x + 1), box.y1 = std::max(box.y1, y + 1);
        }
    }
    return box;
}

}  // namespace

TEST_CASE("caption: what exported pictures say: Before and After on a before / after, the preview's disclaimer under every one") {
    const PictureCaption both = smp::ExportCaption(true);
    CHECK(both.panel_labels == std::vector<std::string>{"Before", "After"});
    CHECK(both.note == smp::kPreviewDisclaimer);
    const PictureCaption one = smp::ExportCaption(false);
    CHECK(one.panel_labels.empty());
    CHECK(one.note == smp::kPreviewDisclaimer);
}

TEST_CASE("caption: the note goes in a strip added under the picture, which is left as it was; its lines are centred within margins") {
    const RgbaImage picture = TwoShades(1080, 600);
    const RgbaImage out = smp::WithCaption(picture, smp::ExportCaption(false));
    REQUIRE(out.width == 1080);
    REQUIRE(out.height > 600);
    CHECK(out.rgba.size() == static_cast<size_t>(out.width) * static_cast<size_t>(out.height) * 4);
    CHECK(std::equal(picture.rgba.begin(), picture.rgba.end(), out.rgba.begin()));   // no tag: the picture untouched
    // A 1080 px picture, 26 px type: the disclaimer (about 190 characters) in two or three lines.
    const int lines = LinesOfText(out, 600);
    CHECK(lines >= 2);
    CHECK(lines <= 3);
    CHECK(out.height - 600 < 8 * 26);
    int ink_left = out.width, ink_right = -1;
    bool opaque = true;
    for (int y = 600; y < out.height; ++y) {
        for (int x = 0; x < out.width; ++x) {
            opaque = opaque && out.PixelAt(x, y)[3] == 255;
            if (Ink(out, x, y)) ink_left = std::min(ink_left, x), ink_right = std::max(ink_right, x);
        }
    }
    CHECK(opaque);
    CHECK(ink_left >= 26);                       // within the margins
    CHECK(ink_right <= out.width - 1 - 26);
    CHECK(std::abs((ink_left + ink_right) - (out.width - 1)) < 60);   // and centred (the widest line's ends)
}

TEST_CASE("caption: a narrower picture or a longer note takes more lines; no note, no strip") {
    PictureCaption caption = smp::ExportCaption(false);
    const RgbaImage wide = smp::WithCaption(TwoShades(1080, 200), caption);
    const RgbaImage narrow = smp::WithCaption(TwoShades(400, 200), caption);
    CHECK(LinesOfText(narrow, 200) > LinesOfText(wide, 200));
    caption.note += " " + caption.note;
    const RgbaImage longer = smp::WithCaption(TwoShades(1080, 200), caption);
    CHECK(LinesOfText(longer, 200) > LinesOfText(wide, 200));
    CHECK(longer.height > wide.height);
    caption.note.clear();
    CHECK(smp::WithCaption(TwoShades(300, 100), caption).rgba == TwoShades(300, 100).rgba);
    CHECK(smp::WithCaption(RgbaImage{}, smp::ExportCaption(true)).rgba.empty());   // nothing to caption
}

TEST_CASE("caption: a tag in each panel's top-left corner, dark with light letters; nothing else of the picture changes") {
    const RgbaImage picture = TwoShades(2160, 1080);
    const RgbaImage out = smp::WithCaption(picture, smp::ExportCaption(true));
    REQUIRE(out.height > 1080);
    const Box before = Changed(picture, out, 0, 1080, 1080), after = Changed(picture, out, 1080, 2160, 1080);
    REQUIRE(!before.Empty());
    REQUIRE(!after.Empty());
    // Near each panel's corner, 64 px type (2160 px wide): a tag a few letters wide and a line tall.
    CHECK(before.x0 >= 20);
    CHECK(before.x0 <= 60);
    CHECK(before.y0 <= 60);
    CHECK(after.x0 - 1080 == before.x0);   // the same inset in the second panel
    CHECK(before.y1 < 170);
    CHECK(before.x1 - before.x0 > 180);    // "Before": wider than
    CHECK(after.x1 - after.x0 < before.x1 - before.x0);   // "After"
    CHECK(after.x1 < 1080 + 330);
    int dark = 0, light = 0;
    for (int y = before.y0; y < before.y1; ++y) {
        for (int x = before.x0; x < before.x1; ++x) {
            const uint8_t* p = out.PixelAt(x, y);
            dark += p[0] < 90 ? 1 : 0;
            light += p[0] > 235 ? 1 : 0;
        }
    }
    CHECK(dark > (before.x1 - before.x0) * (before.y1 - before.y0) / 2);   // mostly the tag
    CHECK(light > 100);                                                     // the letters
}

TEST_CASE("caption: the words are the same share of the picture's width whatever it holds, so a phone showing it whole shows them as large") {
    // A phone shows a picture across its 390 CSS px: the note's letters must not shrink there
    // because the picture holds two panels. One head 1080 px wide, a before / after 2160 px wide:
    // the same lines, a strip twice as tall, tags twice as tall.
    const RgbaImage one = smp::WithCaption(TwoShades(1080, 400), smp::ExportCaption(false));
    const RgbaImage two = smp::WithCaption(TwoShades(2160, 800), smp::ExportCaption(true));
    const int one_strip = one.height - 400, two_strip = two.height - 800;
    CHECK(LinesOfText(two, 800) == LinesOfText(one, 400));
    CHECK(std::abs(two_strip - 2 * one_strip) <= 4);
    // On a 390 px screen: the note's strip, of three lines or so, at least 40 CSS px tall, and a
    // tag's letters about 10 px or more (the tag at least 15 px tall).
    CHECK(two_strip * 390.0 / 2160.0 >= 40.0);
    const Box tag = Changed(TwoShades(2160, 800), two, 0, 1080, 800);
    REQUIRE(!tag.Empty());
    CHECK((tag.y1 - tag.y0) * 390.0 / 2160.0 >= 15.0);
}

TEST_CASE("caption: the same picture and words, the same pixels; a small picture keeps legible type and its words inside it") {
    const RgbaImage a = smp::WithCaption(TwoShades(640, 320), smp::ExportCaption(true));
    const RgbaImage b = smp::WithCaption(TwoShades(640, 320), smp::ExportCaption(true));
    CHECK(a.rgba == b.rgba);
    // 40 px wide, two panels of 20: type at kMinCaptionTextPx, the note wrapped a word a line.
    const RgbaImage tiny = smp::WithCaption(TwoShades(40, 30), smp::ExportCaption(true));
    CHECK(tiny.width == 40);
    CHECK(LinesOfText(tiny, 30) > 10);
    CHECK(tiny.rgba.size() == static_cast<size_t>(tiny.width) * static_cast<size_t>(tiny.height) * 4);
}
