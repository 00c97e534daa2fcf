// smp core: the stylised head (see head_shape.h).
#include "core/head_shape.h"

#include <algorithm>
#include <cmath>

namespace smp {
namespace {

double Dot3(const Vec3& a, const Vec3& b) { return (a.x() * b.x() + a.y() * b.y()) + a.z() * b.z(); }
Vec3 Unit3(const Vec3& a) { return a * (1.0 / std::sqrt(Dot3(a, a))); }

HeadPart Ellipsoid(HeadPartRole role, const Vec3& centre, const Vec3& radii, double albedo = 1.0) {
    HeadPart part;
    part.kind = HeadPartKind::kEllipsoid;
    part.role = role;
    part.centre_mm = centre;
    part.radii_mm = radii;
    part.albedo = albedo;
    return part;
}

// A point and a direction in the part's own frame (the transpose of its orthonormal axes).
Vec3 ToPart(const HeadPart& part, const Vec3& v) {
    return Vec3(Dot3(part.axes.col(0), v), Dot3(part.axes.col(1), v), Dot3(part.axes.col(2), v));
}
Vec3 FromPart(const HeadPart& part, const Vec3& v) {
    return (part.axes.col(0) * v.x() + part.axes.col(1) * v.y()) + part.axes.col(2) * v.z();
}

void HitPart(const HeadPart& part, int index, const Vec3& base, const Vec3& toward, HeadHit& hit) {
    const Vec3 o = ToPart(part, base - part.centre_mm), d = ToPart(part, toward);
    const Vec3& r = part.radii_mm;
    if (part.kind == HeadPartKind::kEllipsoid) {
        const Vec3 q(o.x() / r.x(), o.y() / r.y(), o.z() / r.z()), w(d.x() / r.x(), d.y() / r.y(), d.z() / r.z());
        const double A = Dot3(w, w), B = Dot3(q, w), C = Dot3(q, q) - 1.0;
        const double disc = B * B - A * C;
        if (!(disc >= 0.0)) return;
        const double t = (-B + std::sqrt(disc)) / A;
        if (!(t > hit.depth)) return;
        const Vec3 p = o + d * t;
        hit.depth = t;
        hit.normal = Unit3(FromPart(part, Vec3(p.x() / (r.x() * r.x()), p.y() / (r.y() * r.y()), p.z() / (r.z() * r.z()))));
        hit.part = index;
        return;
    }
    // The cylinder: its side below the cut (seen from outside: the far root of the quadratic).
    const double qx = o.x() / r.x(), qy = o.y() / r.y(), wx = d.x() / r.x(), wy = d.y() / r.y();
    const double A = wx * wx + wy * wy, B = qx * wx + qy * wy, C = qx * qx + qy * qy - 1.0;
    if (!(A > 1e-12)) return;   // looking along the cylinder
    const double disc = B * B - A * C;
    if (!(disc >= 0.0)) return;
    const double t = (-B + std::sqrt(disc)) / A;
    const Vec3 p = o + d * t;
    if (!(p.z() <= part.cut_z_mm) || !(t > hit.depth)) return;
    hit.depth = t;
    hit.normal = Unit3(FromPart(part, Vec3(p.x() / (r.x() * r.x()), p.y() / (r.y() * r.y()), 0.0)));
    hit.part = index;
}

}  // namespace

HeadShape MakeHeadShape(const Vec3& axes) {
    const double a = axes.x(), b = axes.y(), c = axes.z();
    HeadShape s;
    s.parts.push_back(Ellipsoid(HeadPartRole::kScalp, Vec3::Zero(), axes));
    // The nose: from the brow line (the tape plane) down to about 0.5 c, standing out of the face.
    const double nose_z = -0.36 * c;
    const double face_y = b * std::sqrt(1.0 - (nose_z / c) * (nose_z / c));
    s.parts.push_back(Ellipsoid(HeadPartRole::kNose, Vec3(0.0, face_y - 0.02 * b, nose_z), Vec3(0.12 * a, 0.16 * b, 0.2 * c)));
    // Ears: their roots' tops on the tape plane (as the template has them), about 60 mm tall.
    const double ear_z = -0.24 * c;
    const double side_x = a * std::sqrt(1.0 - (ear_z / c) * (ear_z / c));
    for (const double side : {-1.0, 1.0}) {
        s.parts.push_back(Ellipsoid(HeadPartRole::kEar, Vec3(side * (side_x + 0.02 * a), -0.08 * b, ear_z), Vec3(0.1 * a, 0.17 * b, 0.27 * c)));
    }
    // A brow ridge just below the tape plane (which runs above the brows), and the eyes under it,
    // each just standing out of the face.
    auto on_face = [&](double x, double z, double rise) {
        const double u = x / a, v = z / c;
        return Vec3(x, b * std::sqrt(std::max(0.0, 1.0 - u * u - v * v)) + rise, z);
    };
    s.parts.push_back(Ellipsoid(HeadPartRole::kBrow, on_face(0.0, -0.07 * c, -0.08 * b), Vec3(0.55 * a, 0.105 * b, 0.05 * c)));
    for (const double side : {-1.0, 1.0}) {
        s.parts.push_back(Ellipsoid(HeadPartRole::kEye, on_face(side * 0.36 * a, -0.2 * c, -0.07 * b), Vec3(0.16 * a, 0.1 * b, 0.055 * c), 0.45));
    }
    // The neck rises into the head from behind the chin; its top stays inside the head.
    HeadPart neck;
    neck.kind = HeadPartKind::kCylinder;
    neck.role = HeadPartRole::kNeck;
    neck.centre_mm = Vec3(0.0, -0.25 * b, 0.0);
    neck.radii_mm = Vec3(0.6 * a, 0.45 * b, 1.0);
    neck.cut_z_mm = -0.55 * c;
    s.parts.push_back(neck);
    return s;
}

HeadHit CastHead(const HeadShape& shape, const Vec3& base_mm, const Vec3& toward, int first_part) {
    HeadHit hit;
    for (size_t i = static_cast<size_t>(std::max(first_part, 0)); i < shape.parts.size(); ++i) {
        HitPart(shape.parts[i], static_cast<int>(i), base_mm, toward, hit);
    }
    return hit;
}

HeadShapeUniforms MakeHeadShapeUniforms(const HeadShape& shape) {
    HeadShapeUniforms u;
    u.count = static_cast<int>(std::min<size_t>(shape.parts.size(), kMaxHeadParts));
    for (int i = 0; i < u.count; ++i) {
        const HeadPart& p = shape.parts[static_cast<size_t>(i)];
        auto put = [](float* out, const Vec3& v, double w) {
            out[0] = static_cast<float>(v.x());
            out[1] = static_cast<float>(v.y());
            out[2] = static_cast<float>(v.z());
            out[3] = static_cast<float>(w);
        };
        put(u.centre_kind[i], p.centre_mm, static_cast<double>(p.kind));
        put(u.radii_cut[i], p.radii_mm, p.cut_z_mm);
        put(u.axis_x[i], p.axes.col(0), p.albedo);
        put(u.axis_y[i], p.axes.col(1), static_cast<double>(p.role));
        put(u.axis_z[i], p.axes.col(2), 0.0);
    }
    return u;
}

}  // namespace smp
