// smp export: a design's map drawn on the CPU into an RGBA image (for PNG files and plan sheets).
//
// The same picture as the designer's canvas, without a GPU: each preview as its row of preview.h
// says (planning marks, skin, dot colours and edge softness), the colours from dot_palette.h.
// Plan view: dots drawn as the GL renderer draws them (shaders/dots.vert, dots.frag): discs with
// an antialiased edge one pixel wide, never smaller than kMinDotRadiusPx, fainter by the area they
// borrow, alpha-blended in the pattern's fixed order. Views that show the skin (healed, faded):
// the tone model (core/tone_model.h): each dot's healed disc, widened by the eye's blur at the
// viewing distance, darkens the skin in linear light by its pigment's shadow, keeping its
// darkening integral exactly on the pixels (so a zone's mean tone does not depend on the zoom or
// the distance).
//
// Guarantees (tests/export/raster_test.cpp):
//   - Deterministic: only + - * / and sqrt in double precision (no libm transcendental, no FMA:
//     the build has -ffp-contract=off) and integer blending, so the same design gives the same
//     bytes natively and in WebAssembly.
//   - Every dot is visible: a dot smaller than a pixel still darkens its pixel (by its area share).
//   - Healed and faded: a zone's mean relative luminance is the skin's times (1 − coverage × the
//     mean darkening F of its dots) (tone_model.h), at any zoom and viewing distance.
//   - The image is opaque (alpha 255 everywhere).
#pragma once

#include "core/design.h"
#include "core/generator.h"
#include "core/geometry.h"
#include "core/status.h"
#include "export/preview.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace smp {

inline constexpr int kMinRenderWidthPx = 16;
inline constexpr int kMaxRenderWidthPx = 8192;
inline constexpr int kMaxRenderHeightPx = 16384;   // a tall crop at the widest width
inline constexpr double kMinDotRadiusPx = 0.6;     // as the designer's canvas at 1x

// Pixels row-major from the top-left, 4 bytes each (R, G, B, A).
struct RgbaImage {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> rgba;

    const uint8_t* PixelAt(int x, int y) const { return rgba.data() + (static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 4; }
};

// `left` and `right` (the same height) side by side in one image: a before and its after.
RgbaImage SideBySide(const RgbaImage& left, const RgbaImage& right);

struct RenderOptions {
    // Plan: canvas background, scalp, outline, zone borders, hairline, scars; dots by session.
    // Healed: the skin over the scalp and the healed ink; no planning marks. Faded: healed, `years`
    // later. (preview.h's rows.)
    PreviewMode view = PreviewMode::kPlan;
    float years = kDefaultFadedYears;   // faded: years after the last session, 0..kMaxFadedYears
    int up_to_session = 0;           // show sessions 1..this (0 = all), in every view
    // Plan view: this session's dots in their colour, the earlier ones muted grey (0 = none: every
    // session in its own colour). What a session's page of a plan sheet shows.
    int highlight_session = 0;
    // Dots below kMinDotRadiusPx are drawn at that radius, fainter by the area they borrow (true to
    // the ink's tone, as the canvas does). false: at full opacity, for small maps where where the
    // dots go matters more than their tone (the plan sheet's). Plan view only: the tone model
    // (healed, faded) always keeps each dot's true area, its tone being the point.
    bool fade_tiny_dots = true;
    int skin_tone = 1;               // healed: index into kSkinTones (0 light .. 4 dark)
    // Healed and faded: seen from this far, metres (0 = close up, no blur; 0..kMaxViewingDistanceM).
    float viewing_distance_m = 0.0f;
    int width_px = 1200;             // kMinRenderWidthPx..kMaxRenderWidthPx; the height follows the crop's aspect
    // The part of the map to draw, mm. Default: the template's frame with kDefaultMarginShare of its
    // width around it (the outline runs along the frame's edges).
    std::optional<RectMm> crop_mm;
};

inline constexpr double kDefaultMarginShare = 0.03;
inline constexpr float kMaxViewingDistanceM = 10.0f;

// Muted earlier sessions under a highlighted one.
inline constexpr uint8_t kMutedDotRgb[3] = {165, 155, 148};

// The pixel size of the image RenderDesign makes for `frame_mm` (the crop or the whole frame), or
// kInvalidArgument naming the width, the height or the crop.
struct ImageSize {
    int width = 0, height = 0;
    double px_per_mm = 0.0;
};
Expected<ImageSize> RenderSize(const RectMm& frame_mm, int width_px);

// Draws the pattern of `design` (the dots of GenerateDots(design); the template, hairline and scars
// from the pattern's compiled field). Errors (kInvalidArgument, naming the value): width outside
// kMinRenderWidthPx..kMaxRenderWidthPx, a height beyond kMaxRenderHeightPx, an empty or non-finite
// crop, a skin tone outside 0..kSkinToneCount-1, years outside 0..kMaxFadedYears, a viewing
// distance outside 0..kMaxViewingDistanceM, a view that is not a PreviewMode, a session outside 0..the design's sessions, a
// pattern that is not of this design (another session count, no compiled field).
Expected<RgbaImage> RenderDesign(const Design& design, const DotPattern& pattern, const RenderOptions& options);

}  // namespace smp
