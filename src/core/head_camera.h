// smp core: a camera on the template's head, and the projection from head points to pixels.
//
// One convention for every head view (the CPU render, the designer's head view, the photo
// overlay of issue 18):
//   - Head coordinates (scalp_template.h): mm, x the client's right, y forward (the face), z up,
//     origin at the head ellipsoid's centre on the plane of the circumference tape.
//   - yaw_deg: 0 = the client faces the camera (their right side on the image's left, as when you
//     face someone). Positive = the client turns to their left, so the camera sees more of their
//     right side: at +90 their right profile, the nose pointing to the image's right; at -90 their
//     left profile; at ±180 the back of the head. The head turns about its vertical axis (z).
//   - pitch_deg: positive = seen from above (the camera rises and looks down, the crown comes
//     into view, the forehead moves down the image); +90 = straight from above with the face at the
//     image's bottom; negative = from below.
//   - Orthographic projection (no perspective): a head seen from a few metres shows its
//     landmarks within a few per cent of where an orthographic view puts them, and the view's
//     scale is the same everywhere (px_per_mm), which keeps dot sizes true.
//   - Pixels: x to the right, y down; pixel (i, j) covers [i, i + 1) x [j, j + 1), so its centre
//     is (i + 0.5, j + 0.5), as in the map renderer.
// Pure maths with DetSin/DetCos (det_math.h): the same bits natively and in WebAssembly.
#pragma once

#include "core/geometry.h"
#include "core/scalp_template.h"
#include "core/status.h"

namespace smp {

inline constexpr double kMaxYawDeg = 180.0;     // yaw in -180..180
inline constexpr double kMaxPitchDeg = 90.0;    // pitch in -90..90

struct HeadCamera {
    double yaw_deg = 0.0;     // -180..180; 0 = facing the camera, + = the client turns to their left
    double pitch_deg = 0.0;   // -90..90; + = seen from above
    bool operator==(const HeadCamera&) const = default;
};

// kInvalidArgument naming the angle when yaw or pitch is out of range or not finite, e.g.
// "yaw 200° is outside -180..180 (0 = facing the camera, + = the client turns to their left)".
Status CheckHeadCamera(const HeadCamera& camera);

// A camera placed: where it looks and at what scale.
struct HeadProjection {
    Vec3 right = Vec3(-1.0, 0.0, 0.0);    // head-frame unit vector along the image's +x
    Vec3 up = Vec3(0.0, 0.0, 1.0);        // along the image's up (-y in pixels)
    Vec3 toward = Vec3(0.0, 1.0, 0.0);    // from the head towards the camera
    Vec3 look_at_mm = Vec3::Zero();       // the head point at the image's centre
    Vec2 centre_px = Vec2::Zero();        // the image's centre, px
    double px_per_mm = 1.0;

    // The pixel position of a head point (continuous; see the convention above).
    Vec2 PixelFromHead(const Vec3& head_mm) const;
    // How far in front of the look-at point a head point is, towards the camera, mm (larger is nearer).
    double DepthMm(const Vec3& head_mm) const;
    // The head point at a pixel position and a depth (the inverse of the two above).
    Vec3 HeadFromPixel(const Vec2& pixel, double depth_mm) const;
    // Whether a surface with this outward normal faces the camera (its front side is seen).
    bool FacesCamera(const Vec3& normal) const;
};

// The projection of `camera` onto an image of width_px x height_px showing `frame_mm` of the head
// across its width, centred on `look_at_mm`. Errors: CheckHeadCamera's, and kInvalidArgument for a
// size or frame that is not positive and finite.
Expected<HeadProjection> MakeHeadProjection(const HeadCamera& camera, const Vec3& look_at_mm, double frame_mm, int width_px,
                                            int height_px);

// The framing every head render uses: the whole stylised head (cranium, face, ears, the top of
// the neck) at any angle: centred kHeadFrameCentreZ · c below the tape plane, kHeadFrameShare ·
// the largest semi-axis across the image.
inline constexpr double kHeadFrameCentreZ = -0.12;
inline constexpr double kHeadFrameShare = 2.5;
struct HeadFrame {
    Vec3 look_at_mm;
    double frame_mm = 0.0;
};
HeadFrame DefaultHeadFrame(const ScalpTemplate& scalp);

}  // namespace smp
