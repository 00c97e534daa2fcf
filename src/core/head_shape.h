// smp core: the stylised head the designs are shown on: the scalp template's own ellipsoid (the
// surface the dots are on) and, around it, a neutral face, ears and neck so it reads as a head.
//
// One description for every head view: the CPU render (export/head_render.h) ray-casts these
// parts; the designer's GPU head view (render/head_renderer.h) draws the same parts as a triangle
// mesh with the depth test, so the two show the same head (smp_head_gl_check compares them).
//
// Each part is a simple analytic solid in its own frame (centre + rotation), so a ray meets it in
// closed form: an ellipsoid, or an elliptic cylinder along its own z that is cut off above
// `cut_z_mm` (the neck, which rises into the head). The parts are unioned (the nearest hit wins);
// the joins are rounded in the shading only (ShadeHead), as clay smoothed by a thumb. The
// proportions are shares of the template's semi-axes: drawn so the head reads as one, not measured.
//
// Coordinates: head coordinates of scalp_template.h (mm; x the client's right, y forward, z up,
// origin at the ellipsoid's centre on the tape plane). Pure maths with + - * / sqrt: the same bits
// natively and in WebAssembly.
#pragma once

#include "core/head_camera.h"
#include "core/scalp_template.h"

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace smp {

enum class HeadPartKind : uint8_t {
    kEllipsoid = 0,
    kCylinder = 1,   // elliptic, along the part's own z, the solid below its own z = cut_z_mm
};

// What a part is, for shading and for tests (landmarks).
enum class HeadPartRole : uint8_t { kScalp = 0, kFace, kNose, kEar, kNeck, kBrow, kEye, kLip };

struct HeadPart {
    HeadPartKind kind = HeadPartKind::kEllipsoid;
    HeadPartRole role = HeadPartRole::kFace;
    Vec3 centre_mm = Vec3::Zero();
    Vec3 radii_mm = Vec3::Ones();                     // semi-axes along the part's own x, y, z (cylinder: z unused)
    Eigen::Matrix3d axes = Eigen::Matrix3d::Identity();   // columns: the part's own x, y, z in head coordinates (orthonormal)
    double cut_z_mm = 0.0;                            // cylinder: kept where own z <= this (in the part's frame)
    double albedo = 1.0;                              // share of the skin's colour (shadowed sockets are darker)
    double crease_blend_mm = 9.0;                     // how far from its surface it shades the skin (ShadeHead)
};

inline constexpr int kMaxHeadParts = 24;   // a bound on the head's cost: the CPU ray cast tries every part per sample

struct HeadShape {
    std::vector<HeadPart> parts;   // parts[0] is the scalp: the template's ellipsoid, unrotated
};

// The stylised head around a template's ellipsoid (ScalpTemplate::HeadSemiAxesMm()).
HeadShape MakeHeadShape(const Vec3& semi_axes_mm);

// The nearest hit of the ray base + toward · t with the largest t (t grows towards the camera).
struct HeadHit {
    double depth = -HUGE_VAL;   // t at the hit; -HUGE_VAL when nothing is hit
    Vec3 normal = Vec3::Zero(); // outward unit normal at the hit, head coordinates
    int part = -1;              // index into HeadShape::parts
};
// `first_part` = 1 leaves the scalp out (for "is this dot behind an ear or the nose?").
HeadHit CastHead(const HeadShape& shape, const Vec3& base_mm, const Vec3& toward, int first_part = 0);

// How the head's skin is shaded at a point of its surface: where two parts meet, the joins would
// be creases as sharp as the angle between their surfaces (the face's shells, the eyes, nose and
// lips, the ears and the neck all meet something). Instead the normal and the albedo are a blend
// of every part whose surface passes within its crease_blend_mm, weighted by how near, so a join
// reads as a rounded fillet (clay smoothed by a thumb) while the outline stays the parts' union.
// Both head views shade with this: the CPU render per sample, the GPU's mesh per vertex.
struct HeadShading {
    Vec3 normal = Vec3::UnitZ();   // unit, head coordinates
    double albedo = 1.0;
};
// `at_mm` on part `part`'s surface (a CastHead hit, or a vertex of the part's mesh).
HeadShading ShadeHead(const HeadShape& shape, const Vec3& at_mm, int part);

// The light every head view uses: ambient plus one directional light from the camera's upper
// left front, fixed to the camera (not the head), so the form reads the same from every side.
// A surface of albedo A with unit normal n is lit A · (kHeadAmbient + kHeadDiffuse · max(0, n · L)).
inline constexpr double kHeadAmbient = 0.38;
inline constexpr double kHeadDiffuse = 0.62;
// L: the unit vector towards the light, head coordinates: right · -0.45 + up · 0.55 + toward · 0.7,
// normalised (the shader gets it as a uniform, so both views light the head alike). `even`: from
// straight above the camera (up · 0.55 + toward · 0.7), lighting both sides of the picture alike:
// for a before / after line down its middle, where the usual light would leave the after side in
// the shade and make it look darker than the design does.
Vec3 HeadLightDirection(const HeadProjection& view, bool even = false);

}  // namespace smp
