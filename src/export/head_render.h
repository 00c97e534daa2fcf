// smp export: a design's dots on the template's own head, drawn on the CPU (`smp render --view head`).
//
// The head is the scalp template's ellipsoid (scalp_template.h), every dot lifted onto it by
// HeadFromMap, seen through a HeadCamera (core/head_camera.h: yaw 0 = facing the camera, + = the
// client turns to their left; pitch + = from above; orthographic). A neutral, stylised head so it
// reads as one: the ellipsoid in the skin tone with Lambert shading under one light from the
// upper left front (plus ambient), a brow ridge, eye sockets, a nose, two ears and a neck;
// silhouettes antialiased with 2 x 2 samples a pixel. Under the dots, the client's own hair the
// design leaves (core/natural_hair.h: stubble in the fringe of a shaved design, thinning strands
// in density mode), each strand a thin ellipse along the way it lies, in the client's hair colour
// (kHairColours), in every look (it is the client's head); in the healed and faded looks a shaved
// unit is its whole mark instead (tone_model.h, ShavedUnitMarkOf: its hairs' shafts seen under the
// skin behind it, with their stubble), the same shadow as the dots that imitate it. Hair and dots are flat on the skin: their area on the
// image is their area on the head times how squarely they face the camera.
// Dots and hair on the side facing away, or behind the ears or the nose, are hidden. A dot
// is the disc it is on the head, seen at its angle (an ellipse), drawn with the tone model
// (core/tone_model.h, export/tone_layer.h) for the healed and faded looks, or in its session's
// colour for the plan look.
//
// Guarantees (tests/export/head_render_test.cpp): deterministic, the same bytes natively and in
// WebAssembly (only + - * / sqrt, DetSin/DetCos, table sRGB); a head point appears where
// HeadProjection::PixelFromHead puts it; the image is opaque and square.
#pragma once

#include "core/design.h"
#include "core/generator.h"
#include "core/head_camera.h"
#include "core/status.h"
#include "export/dot_palette.h"
#include "export/preview.h"
#include "export/raster.h"
#include "export/tone_layer.h"

#include <vector>

namespace smp {

// A mark drawn over the render at a head point (for tests and for landmarks), whether or not the
// point is hidden: a crisp disc of `radius_px`.
struct HeadMarker {
    Vec3 head_mm = Vec3::Zero();
    Rgba color{255, 0, 0, 255};
    double radius_px = 3.0;
};

struct HeadRenderOptions {
    HeadCamera camera;
    // How dots look: plan (each session's colour), healed or faded (the tone model). The head is
    // always the skin tone: it is a person, not a map.
    PreviewMode look = PreviewMode::kHealed;
    float years = kDefaultFadedYears;   // faded: years after the last session, 0..kMaxFadedYears
    int up_to_session = 0;              // sessions 1..this (0 = all)
    int skin_tone = kDefaultSkinTone;   // index into kSkinTones
    int hair_colour = kDefaultHairColour;   // the client's own hair: index into kHairColours
    float viewing_distance_m = 0.0f;    // healed, faded: the eye's blur (0..kMaxViewingDistanceM)
    int width_px = 1200;                // the image is square; kMinRenderWidthPx..4096
    bool natural_hair = true;           // the client's own hair the design leaves (core/natural_hair.h), under the dots
    // Before and after side by side, one image twice as wide: the head with the client's own hair
    // alone on the left, the same with the design on the right (the markers on the right only).
    bool before_after = false;
    std::vector<HeadMarker> markers;
};

inline constexpr int kMaxHeadRenderWidthPx = 4096;

// A disc of radius_px on the head whose outward unit normal points along (normal_x, normal_y) on
// the image (px directions, y down) and faces the camera by `facing` (n · toward, > 0): the
// ellipse it is seen as, with the tone model's footprint (blur_px, the smallest radius, `softness`)
// and its true area on the image. The head render and the photo render place dots with it; the
// caller sets darkening and colour.
ToneDot ObliqueDiscToneDot(const Vec2& centre, double normal_x, double normal_y, double facing, double radius_px, double blur_px,
                           double softness);

// The projection RenderHead uses for these options (DefaultHeadFrame of the template, the square
// image): the function tests and the UI share to find a head point on the render.
Expected<HeadProjection> HeadRenderProjection(const ScalpTemplate& scalp, const HeadRenderOptions& options);

// The image is width_px square (twice as wide with before_after). Errors (kInvalidArgument,
// naming the value): a flat template (no head), yaw or pitch out of
// range (CheckHeadCamera's message), a width, skin tone, session, years or distance out of range,
// a pattern that is not of this design.
Expected<RgbaImage> RenderHead(const Design& design, const DotPattern& pattern, const HeadRenderOptions& options);

}  // namespace smp
