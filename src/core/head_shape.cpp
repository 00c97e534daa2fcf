// smp core: the stylised head (see head_shape.h).
#include "core/head_shape.h"

#include "core/det_math.h"

#include <algorithm>
#include <cmath>

namespace smp {
namespace {

double Dot3(const Vec3& a, const Vec3& b) { return (a.x() * b.x() + a.y() * b.y()) + a.z() * b.z(); }
Vec3 Unit3(const Vec3& a) { return a * (1.0 / std::sqrt(Dot3(a, a))); }

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
        hit.depth = t;
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
    hit.part = index;
}

// The nearest hit's normal, once the nearest is known: a ray passes through several parts, and
// working out the normal of each nearer one took 8 % of a native head render. From the same point
// in the part's frame as the hit test computes it, so the normal's bits are what they were.
void SetHitNormal(const HeadPart& part, const Vec3& base, const Vec3& toward, HeadHit& hit) {
    const Vec3 o = ToPart(part, base - part.centre_mm), d = ToPart(part, toward);
    const Vec3& r = part.radii_mm;
    const Vec3 p = o + d * hit.depth;
    const double z = part.kind == HeadPartKind::kEllipsoid ? p.z() / (r.z() * r.z()) : 0.0;
    hit.normal = Unit3(FromPart(part, Vec3(p.x() / (r.x() * r.x()), p.y() / (r.y() * r.y()), z)));
}


// [SECTION] The parts --------------------------------------------------------------------------

// Rotations as the parts' own axes (columns) in head coordinates. RotX(+) tips a part's top back
// (its own z towards -y), RotZ(+) turns its front (own y) towards -x: the right side's parts turn
// in towards the midline with +, the left side's with -. Products in a fixed order (no Eigen
// reduction, which may vectorise differently in WebAssembly).
Eigen::Matrix3d RotX(double deg) {
    const double s = DetSin(deg * kDetDegree), c = DetCos(deg * kDetDegree);
    Eigen::Matrix3d m;
    m << 1.0, 0.0, 0.0, 0.0, c, -s, 0.0, s, c;
    return m;
}
Eigen::Matrix3d RotZ(double deg) {
    const double s = DetSin(deg * kDetDegree), c = DetCos(deg * kDetDegree);
    Eigen::Matrix3d m;
    m << c, -s, 0.0, s, c, 0.0, 0.0, 0.0, 1.0;
    return m;
}
Eigen::Matrix3d Mul3(const Eigen::Matrix3d& a, const Eigen::Matrix3d& b) {
    Eigen::Matrix3d m;
    for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j) m(i, j) = (a(i, 0) * b(0, j) + a(i, 1) * b(1, j)) + a(i, 2) * b(2, j);
    }
    return m;
}

// The parts are drawn on the default head (HeadMeasurements{}: semi-axes 79.2, 101.5, 110.5 mm)
// in millimetres, and stretched with the template's semi-axes for any other head, so a face keeps
// its place on a longer or wider skull.
constexpr double kDrawnA = 79.2, kDrawnB = 101.5, kDrawnC = 110.5;

struct PartMaker {
    Vec3 scale;   // the template's semi-axes over the drawn head's
    std::vector<HeadPart>* parts;

    // An ellipsoid of the drawn head: centre and radii mm, turned by RotZ(turn_deg) · RotX(tilt_deg).
    HeadPart& Add(HeadPartRole role, const Vec3& centre_mm, const Vec3& radii_mm, double tilt_deg = 0.0, double turn_deg = 0.0,
                  double albedo = 1.0) {
        HeadPart part;
        part.role = role;
        part.albedo = albedo;
        part.axes = Mul3(RotZ(turn_deg), RotX(tilt_deg));
        part.centre_mm = Vec3(centre_mm.x() * scale.x(), centre_mm.y() * scale.y(), centre_mm.z() * scale.z());
        for (int i = 0; i < 3; ++i) {
            // A radius stretches as the direction it lies along does.
            const double sx = part.axes(0, i) * scale.x(), sy = part.axes(1, i) * scale.y(), sz = part.axes(2, i) * scale.z();
            part.radii_mm[i] = radii_mm[i] * std::sqrt((sx * sx + sy * sy) + sz * sz);
        }
        parts->push_back(part);
        return parts->back();
    }
    // The same part on both sides: `right` as drawn for the client's right (x > 0), mirrored.
    void AddPair(HeadPartRole role, const Vec3& right_mm, const Vec3& radii_mm, double tilt_deg = 0.0, double turn_deg = 0.0,
                 double albedo = 1.0) {
        for (const double side : {1.0, -1.0}) {
            Add(role, Vec3(side * right_mm.x(), right_mm.y(), right_mm.z()), radii_mm, tilt_deg, side * turn_deg, albedo);
        }
    }
};

}  // namespace

// Landmarks of the drawn head (mm; the tape plane at z = 0, just above the brows): glabella
// (0, 101, -10) as the template has it, the nose tip about 112 forward at -57, mouth -86, chin
// -130 (glabella to chin about 12 cm, an adult's); the jaw 0.5-0.7 of the cranium's width 0.9 c
// below the tape (tests/core/head_shape_test.cpp); ears about 62 mm long with their top just
// below the ear's root (the template's outline passes 15 mm above it), their centre 12 mm behind
// it, tilted back 15° and turned 10° out at the back, close to the head; the neck 0.78 of the
// cranium's width, upright (one leaning forward, as a neck does, would show beside the jaw
// seen from above), its back meeting the skull just under the template's nape line (about 30 mm
// below the tape plane), so the fringe's lower edge is where the neck begins and no bald underside
// of the ellipsoid shows below it; its top rim stays inside the skull. The sizes were set by
// looking at renders from every side (tools/head_views.sh) and by the profiles they give, so that
// each part stands only a few millimetres proud of what is below it: the joins stay soft creases,
// and the head reads as a display mannequin's, calm rather than a caricature.
HeadShape MakeHeadShape(const Vec3& axes) {
    HeadShape s;
    s.parts.push_back(HeadPart{});
    s.parts[0].kind = HeadPartKind::kEllipsoid;
    s.parts[0].role = HeadPartRole::kScalp;
    s.parts[0].radii_mm = axes;
    PartMaker m{Vec3(axes.x() / kDrawnA, axes.y() / kDrawnB, axes.z() / kDrawnC), &s.parts};
    using R = HeadPartRole;

    // The face: one broad mass under the cranium's front (brow, cheeks, mouth and jaw), tipped 24°
    // so its lower front comes forward towards the chin, and four shells stepping from it back to
    // the cranium (centre, radii and tilt a fifth of the way each). An ellipsoid leaving another
    // makes a crease as sharp as the angle between their surfaces; the shells split the one hard
    // crease from the ear to the chin into five faint ones, so the face flows out of the cranium.
    m.Add(R::kFace, Vec3(0.0, 14.0, -50.0), Vec3(60.0, 88.0, 86.0), 24.0);
    m.Add(R::kFace, Vec3(0.0, 11.2, -40.0), Vec3(63.8, 90.7, 90.9), 19.2);
    m.Add(R::kFace, Vec3(0.0, 8.4, -30.0), Vec3(67.7, 93.4, 95.8), 14.4);
    m.Add(R::kFace, Vec3(0.0, 5.6, -20.0), Vec3(71.5, 96.1, 100.7), 9.6);
    m.Add(R::kFace, Vec3(0.0, 2.8, -10.0), Vec3(75.4, 98.8, 105.6), 4.8);
    // The chin and the mass of the mouth in front of the face's lower end, and a shell halfway
    // between them and the face.
    m.Add(R::kFace, Vec3(0.0, 49.0, -101.0), Vec3(38.0, 37.0, 30.0));
    m.Add(R::kFace, Vec3(0.0, 38.0, -88.0), Vec3(45.0, 52.0, 46.0), 9.0);
    // Shallow eye sockets: flat, a shade darker, a millimetre or two proud of the face.
    m.AddPair(R::kEye, Vec3(30.0, 83.5, -38.0), Vec3(15.5, 8.0, 10.5), 0.0, -38.0, 0.83);
    // The nose: one narrow ridge from the nasion leaning out 30° to a rounded tip.
    m.Add(R::kNose, Vec3(0.0, 98.0, -45.0), Vec3(6.5, 9.0, 23.0), 30.0);
    // The mouth: a faint, flat lip mass a shade darker, 2 mm proud.
    m.Add(R::kLip, Vec3(0.0, 78.0, -86.0), Vec3(22.0, 16.0, 7.0), 0.0, 0.0, 0.92);
    // Ears: the pinna lying close to the head, and in it the bowl (concha) a shade darker, so the rim
    // reads around it.
    for (const double side : {1.0, -1.0}) {
        const HeadPart pinna = m.Add(R::kEar, Vec3(side * 80.0, -12.0, -30.0), Vec3(4.5, 16.0, 30.0), 15.0, side * 10.0);
        // The bowl sits just proud of the pinna's outer face (own x, outwards), forward and low.
        const Vec3 own(side * 3.2, 2.5, -4.0);
        const Vec3 at = pinna.centre_mm + FromPart(pinna, own);
        m.Add(R::kEar, Vec3(at.x() / m.scale.x(), at.y() / m.scale.y(), at.z() / m.scale.z()), Vec3(1.8, 9.0, 12.5), 15.0, side * 10.0, 0.85);
    }
    // The neck rises into the head from under the jaw and the occiput; its top stays inside. Its
    // axis passes 37.7 mm behind the centre: with 60 mm of depth behind the axis, its back is the
    // skull's 30 mm below the tape plane (97.7 mm behind the centre).
    HeadPart& neck = m.Add(R::kNeck, Vec3(0.0, -37.7, -30.0), Vec3(62.0, 60.0, 1.0));
    neck.kind = HeadPartKind::kCylinder;
    neck.cut_z_mm = 15.0 * m.scale.z();
    // Rounded joins (ShadeHead): the face, cranium and neck flow into each other over about a
    // centimetre; the small features keep an edge a few millimetres soft, so they still read.
    for (HeadPart& part : s.parts) {
        switch (part.role) {
            case R::kEye: part.crease_blend_mm = 4.0; break;
            case R::kLip: part.crease_blend_mm = 4.0; break;
            case R::kNose: part.crease_blend_mm = 5.0; break;
            case R::kEar: part.crease_blend_mm = part.albedo < 1.0 ? 2.0 : 4.0; break;   // the bowl, the pinna
            default: part.crease_blend_mm = 9.0; break;
        }
    }
    return s;
}

HeadHit CastHead(const HeadShape& shape, const Vec3& base_mm, const Vec3& toward, int first_part) {
    HeadHit hit;
    const double toward2 = Dot3(toward, toward);
    for (size_t i = static_cast<size_t>(std::max(first_part, 0)); i < shape.parts.size(); ++i) {
        const HeadPart& part = shape.parts[i];
        if (part.kind == HeadPartKind::kEllipsoid) {
            // An ellipsoid lies within the sphere of its largest semi-axis: a ray's line that passes
            // that sphere by cannot hit it, so its quadratic is skipped (most rays pass most parts:
            // a CPU render of the head took half its time in them). The margin (a micrometre and
            // far more than the rounding) keeps every hit the full test finds.
            const Vec3 c = part.centre_mm - base_mm;
            const double along = Dot3(c, toward);
            const double reach = std::max({part.radii_mm.x(), part.radii_mm.y(), part.radii_mm.z()}) * (1.0 + 1e-9) + 1e-3;
            if (Dot3(c, c) * toward2 - along * along > reach * reach * toward2) continue;
        }
        HitPart(part, static_cast<int>(i), base_mm, toward, hit);
    }
    if (hit.part >= 0) SetHitNormal(shape.parts[static_cast<size_t>(hit.part)], base_mm, toward, hit);
    return hit;
}

namespace {

// The distance from p to the part's surface, approximately (first order: the implicit function
// over its gradient's length; exact on a sphere, within a few per cent near an ellipsoid's
// surface, which is all the blend needs), signed (inside < 0), and the part's outward normal there.
// The cylinder's distance is its side's (its cut lies inside the head) below its cut, and at least
// how far beyond the cut a point is above it: a neck that leans does not reach up to the crown.
double PartDistanceMm(const HeadPart& part, const Vec3& p, Vec3& normal) {
    const Vec3 o = ToPart(part, p - part.centre_mm);
    const Vec3& r = part.radii_mm;
    const bool cylinder = part.kind == HeadPartKind::kCylinder;
    const Vec3 q(o.x() / r.x(), o.y() / r.y(), cylinder ? 0.0 : o.z() / r.z());
    const Vec3 g(q.x() / r.x(), q.y() / r.y(), cylinder ? 0.0 : q.z() / r.z());
    const double k0 = std::sqrt(Dot3(q, q)), k1 = std::sqrt(Dot3(g, g));
    if (!(k1 > 0.0)) {   // at the centre (or on the cylinder's axis): deep inside
        normal = Vec3::UnitZ();
        return -HUGE_VAL;
    }
    normal = FromPart(part, g * (1.0 / k1));
    const double distance = k0 * (k0 - 1.0) / k1;
    return cylinder ? std::max(distance, o.z() - part.cut_z_mm) : distance;
}

}  // namespace

HeadShading ShadeHead(const HeadShape& shape, const Vec3& at_mm, int part) {
    HeadShading shading;
    if (part < 0 || part >= static_cast<int>(shape.parts.size())) return shading;
    Vec3 sum = Vec3::Zero();
    double weights = 0.0, albedo = 0.0;
    for (size_t k = 0; k < shape.parts.size(); ++k) {
        const HeadPart& other = shape.parts[k];
        const double blend_mm = other.crease_blend_mm;
        if (static_cast<int>(k) != part && other.kind == HeadPartKind::kEllipsoid) {   // out of its bounding sphere's reach (most parts)
            const Vec3 d = at_mm - other.centre_mm;
            const double reach = std::max({other.radii_mm.x(), other.radii_mm.y(), other.radii_mm.z()}) + blend_mm;
            if (Dot3(d, d) >= reach * reach) continue;
        }
        Vec3 normal;
        const double distance = PartDistanceMm(other, at_mm, normal);
        // Each part weighs as much as its surface is near: 1 on it (the part hit), falling smoothly
        // to 0 at its blend's width, on either side of it (a mesh vertex may lie inside another
        // part). The weights depend on the point alone, never on which part was hit, so the
        // shading is continuous where one part takes over from another.
        const double near = 1.0 - std::fabs(distance) / blend_mm;
        if (!(near > 0.0)) continue;
        const double weight = near * near * (3.0 - 2.0 * near);
        sum = sum + normal * weight;
        weights += weight;
        albedo += other.albedo * weight;
    }
    const double length = std::sqrt(Dot3(sum, sum));
    if (!(length > 1e-9) || !(weights > 0.0)) {   // cancelling normals (never on a head's surface): the part's own
        Vec3 normal;
        PartDistanceMm(shape.parts[static_cast<size_t>(part)], at_mm, normal);
        shading.normal = normal;
        shading.albedo = shape.parts[static_cast<size_t>(part)].albedo;
        return shading;
    }
    shading.normal = sum * (1.0 / length);
    shading.albedo = albedo / weights;
    return shading;
}

Vec3 HeadLightDirection(const HeadProjection& view, bool even) {
    return Unit3((view.right * (even ? 0.0 : -0.45) + view.up * 0.55) + view.toward * 0.7);
}

}  // namespace smp
