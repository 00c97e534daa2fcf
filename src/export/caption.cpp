#include "export/caption.h"

#include "core/version.h"
#include "export/embedded_fonts.h"

#include <imstb_truetype.h>   // declarations only: the implementation is export/stb_truetype.cpp

#include <algorithm>
#include <cassert>
#include <cmath>
#include <string_view>

namespace smp {
namespace {

// A font at one size: what laying out and drawing a line needs.
struct Face {
    stbtt_fontinfo info{};
    float scale = 0.0f;   // px per font unit
    float ascent_px = 0.0f;
    float line_px = 0.0f;   // baseline to baseline

    Face(const unsigned char* data, float size_px) {
        [[maybe_unused]] const int ok = stbtt_InitFont(&info, data, 0);
        assert(ok && "the embedded font is a font");
        scale = stbtt_ScaleForPixelHeight(&info, size_px);
        int ascent = 0, descent = 0, gap = 0;
        stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
        ascent_px = static_cast<float>(ascent) * scale;
        line_px = static_cast<float>(ascent - descent + gap) * scale;
    }

    // How far the pen moves over `text` (ASCII: a byte a character).
    float Width(std::string_view text) const {
        float width = 0.0f;
        for (const char c : text) width += Advance(c);
        return width;
    }
    float Advance(char c) const {
        int advance = 0, left_bearing = 0;
        stbtt_GetCodepointHMetrics(&info, static_cast<unsigned char>(c), &advance, &left_bearing);
        return static_cast<float>(advance) * scale;
    }
};

// Blends `rgb` over the pixel by `coverage` (0..255), in integers.
void Blend(RgbaImage& image, int x, int y, const uint8_t rgb[3], int coverage) {
    if (x < 0 || y < 0 || x >= image.width || y >= image.height || coverage <= 0) return;
    uint8_t* pixel = image.rgba.data() + (static_cast<size_t>(y) * static_cast<size_t>(image.width) + static_cast<size_t>(x)) * 4;
    for (int c = 0; c < 3; ++c) pixel[c] = static_cast<uint8_t>((pixel[c] * (255 - coverage) + rgb[c] * coverage + 127) / 255);
}

// Draws `text` with the pen starting at x and the baseline at `baseline_y`, each character at its
// sub-pixel position. The words are the app's own, in ASCII: each byte is a character.
void DrawText(RgbaImage& image, const Face& face, float x, float baseline_y, std::string_view text, const uint8_t rgb[3]) {
    const int baseline = static_cast<int>(std::floor(baseline_y));
    std::vector<unsigned char> coverage;
    for (const char c : text) {
        const int glyph = stbtt_FindGlyphIndex(&face.info, static_cast<unsigned char>(c));
        const float pen = std::floor(x), shift = x - pen;
        int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        stbtt_GetGlyphBitmapBoxSubpixel(&face.info, glyph, face.scale, face.scale, shift, 0.0f, &x0, &y0, &x1, &y1);
        const int w = x1 - x0, h = y1 - y0;
        if (glyph != 0 && w > 0 && h > 0) {
            coverage.assign(static_cast<size_t>(w) * static_cast<size_t>(h), 0);
            stbtt_MakeGlyphBitmapSubpixel(&face.info, coverage.data(), w, h, w, face.scale, face.scale, shift, 0.0f, glyph);
            for (int i = 0; i < w * h; ++i) Blend(image, static_cast<int>(pen) + x0 + i % w, baseline + y0 + i / w, rgb, coverage[static_cast<size_t>(i)]);
        }
        x += face.Advance(c);
    }
}

// `text` broken into lines no wider than `width_px` at spaces (a word wider than that gets a line
// of its own).
std::vector<std::string> WrapLines(const Face& face, std::string_view text, float width_px) {
    std::vector<std::string> lines;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view word = text.substr(start, end - start);
        start = end + 1;
        if (word.empty()) continue;
        if (!lines.empty() && face.Width(lines.back()) + face.Advance(' ') + face.Width(word) <= width_px) {
            lines.back() += ' ';
            lines.back() += word;
        } else {
            lines.emplace_back(word);
        }
    }
    return lines;
}

constexpr uint8_t kStripRgb[3] = {255, 255, 255};
constexpr uint8_t kRuleRgb[3] = {214, 218, 224};
constexpr uint8_t kNoteRgb[3] = {78, 84, 94};
constexpr uint8_t kTagRgb[3] = {34, 38, 46};
constexpr int kTagCoverage = 190;   // of 255: the picture shows a little through the tag
constexpr uint8_t kTagTextRgb[3] = {255, 255, 255};

// A tag's dark rounded rectangle, its corners antialiased.
void DrawTag(RgbaImage& image, int left, int top, int width, int height, float radius) {
    for (int y = top; y < top + height; ++y) {
        for (int x = left; x < left + width; ++x) {
            // Distance beyond the rounded corner's arc, from the pixel's centre.
            const float dx = std::max({static_cast<float>(left) + radius - (static_cast<float>(x) + 0.5f), 0.0f,
                                       static_cast<float>(x) + 0.5f - (static_cast<float>(left + width) - radius)});
            const float dy = std::max({static_cast<float>(top) + radius - (static_cast<float>(y) + 0.5f), 0.0f,
                                       static_cast<float>(y) + 0.5f - (static_cast<float>(top + height) - radius)});
            const float outside = std::sqrt(dx * dx + dy * dy) - radius + 0.5f;   // 0..1 across the edge
            const float inside = std::clamp(1.0f - outside, 0.0f, 1.0f);
            Blend(image, x, y, kTagRgb, static_cast<int>(std::lround(inside * kTagCoverage)));
        }
    }
}

}  // namespace

PictureCaption ExportCaption(bool before_after) {
    PictureCaption caption;
    if (before_after) caption.panel_labels = {"Before", "After"};
    caption.note = kPreviewDisclaimer;
    return caption;
}

RgbaImage WithCaption(RgbaImage picture, const PictureCaption& caption) {
    if (picture.width <= 0 || picture.height <= 0) return picture;
    const int panels = std::max(1, static_cast<int>(caption.panel_labels.size()));
    const float panel_px = static_cast<float>(picture.width / panels);
    const float width_px = static_cast<float>(picture.width);
    const float tag_px = std::max(static_cast<float>(kMinCaptionTextPx), std::round(width_px * static_cast<float>(kCaptionTagPxPer1080) / 1080.0f));
    const float note_px = std::max(static_cast<float>(kMinCaptionTextPx), std::round(width_px * static_cast<float>(kCaptionNotePxPer1080) / 1080.0f));

    // The note's strip: a rule, then the lines centred, with a line's height of room above and
    // below them.
    RgbaImage out;
    std::vector<std::string> lines;
    const Face note_face(embedded::kInterRegularOtf, note_px);
    const float margin_px = note_px * 1.2f;
    if (!caption.note.empty()) lines = WrapLines(note_face, caption.note, static_cast<float>(picture.width) - 2.0f * margin_px);
    const int strip_px = lines.empty() ? 0 : static_cast<int>(std::ceil(2.0f * margin_px + static_cast<float>(lines.size()) * note_face.line_px));
    out.width = picture.width;
    out.height = picture.height + strip_px;
    out.rgba = std::move(picture.rgba);
    out.rgba.resize(static_cast<size_t>(out.width) * static_cast<size_t>(out.height) * 4, 255);
    for (int y = picture.height; y < out.height; ++y) {
        for (int x = 0; x < out.width; ++x) Blend(out, x, y, y == picture.height ? kRuleRgb : kStripRgb, 255);
    }
    float baseline = static_cast<float>(picture.height) + margin_px + note_face.ascent_px;
    for (const std::string& line : lines) {
        const float x = std::floor((static_cast<float>(out.width) - note_face.Width(line)) / 2.0f);
        DrawText(out, note_face, x, baseline, line, kNoteRgb);
        baseline += note_face.line_px;
    }

    // Each panel's tag in its top-left corner.
    const Face tag_face(embedded::kInterSemiBoldOtf, tag_px);
    const float pad_px = std::round(tag_px * 0.45f), inset_px = std::round(tag_px * 0.6f);
    for (size_t i = 0; i < caption.panel_labels.size(); ++i) {
        const std::string& label = caption.panel_labels[i];
        if (label.empty()) continue;
        const int left = static_cast<int>(static_cast<float>(i) * panel_px + inset_px), top = static_cast<int>(inset_px);
        const int width = static_cast<int>(std::ceil(tag_face.Width(label) + 2.0f * pad_px));
        const int height = static_cast<int>(std::ceil(tag_face.line_px + pad_px));
        DrawTag(out, left, top, width, height, pad_px * 0.6f);
        DrawText(out, tag_face, static_cast<float>(left) + pad_px, static_cast<float>(top) + pad_px * 0.5f + tag_face.ascent_px, label, kTagTextRgb);
    }
    return out;
}

}  // namespace smp
