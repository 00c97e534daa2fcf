// smp export: the design drawn onto a client's photo through the head's fitted pose
// (`smp render --view photo`; the designer's photo view in the browser does the same).
//
// The photo is the skin: each healed dot darkens the photo's own pixels with the tone model
// (core/tone_model.h), its shadow computed against the skin colour the photo has under it, so the
// photo's tone and light show through (a multiply, as ink under skin is). A dot is placed where
// the fitted pose (core/head_fit.h) puts its point on the template's head, seen as the ellipse a
// disc becomes at its angle; dots facing away or behind the face are left out, and dots fade out
// over the last kSilhouetteFadeFacing of the way to the silhouette, where a fit is least sure.
//
// Deterministic: the same photo, design and pose give the same bytes natively and in WebAssembly.
#pragma once

#include "core/design.h"
#include "core/generator.h"
#include "core/head_fit.h"
#include "core/status.h"
#include "export/preview.h"
#include "export/raster.h"

namespace smp {

struct PhotoRenderOptions {
    HeadPose pose;                       // from FitHeadPose on the photo's markers
    PreviewMode look = PreviewMode::kHealed;   // healed or faded: a photo shows skin, not a plan
    float years = kDefaultFadedYears;
    int up_to_session = 0;               // 0 = all sessions
    float viewing_distance_m = 0.0f;     // the eye's blur, as for the other views
    bool before_after = false;           // the photo and the result side by side, one image
};

// The cosine of the angle to the camera below which dots start to fade, reaching nothing at the
// silhouette (cos 0).
inline constexpr double kSilhouetteFadeFacing = 0.35;

// Errors (kInvalidArgument, naming the value): a flat template, the plan look, an empty photo, a
// session, years or distance out of range, a pattern that is not of this design.
Expected<RgbaImage> RenderOnPhoto(const Design& design, const DotPattern& pattern, const RgbaImage& photo, const PhotoRenderOptions& options);

}  // namespace smp
