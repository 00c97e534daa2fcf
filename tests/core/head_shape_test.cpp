// The stylised head (core/head_shape.h): within the shader's part budget, the scalp part is the
// template's own ellipsoid, the face, ears and neck hide no treatable scalp from the front, the
// sides, behind or above, and the proportions read as an adult head on every template size.
#include "core/head_shape.h"

#include "core/head_camera.h"
#include "core/scalp_template.h"

#include <doctest/doctest.h>

#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using smp::HeadPartRole;
using smp::HeadShape;
using smp::ScalpTemplate;
using smp::Vec2;
using smp::Vec3;

namespace {

// The share of the treatable scalp facing this camera (normal · toward > 0.2) that a part other
// than the scalp hides, on a 1 mm map lattice.
double HiddenScalpShare(const ScalpTemplate& scalp, const HeadShape& shape, const smp::HeadCamera& camera) {
    const smp::HeadFrame frame = smp::DefaultHeadFrame(scalp);
    const smp::Expected<smp::HeadProjection> view = smp::MakeHeadProjection(camera, frame.look_at_mm, frame.frame_mm, 600, 600);
    REQUIRE(view.ok());
    int facing = 0, hidden = 0;
    for (double y = 0.5; y < scalp.HeightMm(); y += 1.0) {
        for (double x = 0.5; x < scalp.WidthMm(); x += 1.0) {
            if (!scalp.Contains(Vec2(x, y))) continue;
            const std::optional<Vec3> head = scalp.HeadFromMap(Vec2(x, y));
            if (!head || !(scalp.HeadNormal(*head).dot(view->toward) > 0.2)) continue;
            ++facing;
            const smp::HeadHit hit = smp::CastHead(shape, view->HeadFromPixel(view->PixelFromHead(*head), 0.0), view->toward, 1);
            hidden += hit.depth > view->DepthMm(*head) + 1e-3 ? 1 : 0;
        }
    }
    REQUIRE(facing > 5000);
    return static_cast<double>(hidden) / facing;
}

// What a viewer far along `toward` sees on the line through `through`: the hit's depth is how far
// along `toward` from `through` it lies.
smp::HeadHit Cast(const HeadShape& shape, const Vec3& through, const Vec3& toward) { return smp::CastHead(shape, through, toward); }

}  // namespace

TEST_CASE("head shape: within the shader's budget, the scalp part is the template's ellipsoid, every frame orthonormal") {
    for (const smp::HeadMeasurements& m : {smp::HeadMeasurements{}, smp::HeadMeasurements{480.0, 300.0, 250.0},
                                           smp::HeadMeasurements{660.0, 430.0, 380.0}}) {
        const smp::Expected<ScalpTemplate> scalp = ScalpTemplate::Make(m);
        REQUIRE(scalp.ok());
        const HeadShape shape = smp::MakeHeadShape(scalp->HeadSemiAxesMm());
        REQUIRE(shape.parts.size() <= static_cast<size_t>(smp::kMaxHeadParts));
        CHECK(shape.parts[0].role == HeadPartRole::kScalp);
        CHECK(shape.parts[0].kind == smp::HeadPartKind::kEllipsoid);
        CHECK(shape.parts[0].radii_mm == scalp->HeadSemiAxesMm());
        CHECK(shape.parts[0].centre_mm == Vec3::Zero());
        CHECK(shape.parts[0].axes == Eigen::Matrix3d::Identity());
        for (const smp::HeadPart& part : shape.parts) {
            CHECK((part.axes.transpose() * part.axes - Eigen::Matrix3d::Identity()).cwiseAbs().maxCoeff() < 1e-12);
            CHECK(part.axes.determinant() > 0.0);
            CHECK(part.radii_mm.minCoeff() > 0.0);
            CHECK(part.albedo > 0.0);
            CHECK(part.albedo <= 1.0);
        }
        // The face, ears and neck leave the treatable scalp in view: from the front, both sides,
        // behind and above nothing; a few square millimetres at most at the ears' tops.
        for (const smp::HeadCamera camera : {smp::HeadCamera{0.0, 0.0}, smp::HeadCamera{90.0, 0.0}, smp::HeadCamera{-90.0, 0.0},
                                             smp::HeadCamera{180.0, 0.0}, smp::HeadCamera{0.0, 90.0}, smp::HeadCamera{0.0, 60.0}}) {
            const double share = HiddenScalpShare(*scalp, shape, camera);
            CHECK_MESSAGE(share < 5e-4, "yaw " << camera.yaw_deg << ", pitch " << camera.pitch_deg << ": " << share * 100.0 << " % hidden");
        }
    }
}

TEST_CASE("head shape: reads as an adult head: the nose leads, the jaw is narrower than the cranium, the ears stand out, the neck is 3/4 as wide") {
    const ScalpTemplate scalp = *ScalpTemplate::Make();
    const Vec3 axes = scalp.HeadSemiAxesMm();
    const HeadShape shape = smp::MakeHeadShape(axes);
    auto role = [&](const smp::HeadHit& hit) { return hit.part < 0 ? HeadPartRole::kScalp : shape.parts[static_cast<size_t>(hit.part)].role; };
    // The profile's most forward point is the nose, ahead of the brow (the glabella on the cranium).
    double front_y = -1e9;
    HeadPartRole front_role = HeadPartRole::kScalp;
    for (double z = -0.05 * axes.z(); z > -1.3 * axes.z(); z -= 1.0) {
        const smp::HeadHit hit = Cast(shape, Vec3(0.0, 0.0, z), Vec3(0.0, 1.0, 0.0));
        if (hit.part >= 0 && hit.depth > front_y) {
            front_y = hit.depth;
            front_role = role(hit);
        }
    }
    CHECK(front_role == HeadPartRole::kNose);
    CHECK(front_y > axes.y() + 10.0);
    // From the front: the head's half-width at the jaw (0.9 c below the tape) is under 0.7 of the
    // cranium's, and the chin reaches below the cranium's ellipsoid.
    auto half_width = [&](double z) {
        double widest = 0.0;
        for (double y = -axes.y(); y < 1.2 * axes.y(); y += 1.0) {
            const smp::HeadHit hit = Cast(shape, Vec3(0.0, y, z), Vec3(1.0, 0.0, 0.0));
            if (hit.part >= 0 && role(hit) != HeadPartRole::kNeck && role(hit) != HeadPartRole::kEar) widest = std::max(widest, hit.depth);
        }
        return widest;
    };
    CHECK(half_width(-0.9 * axes.z()) < 0.7 * axes.x());
    CHECK(half_width(-0.9 * axes.z()) > 0.5 * axes.x());
    CHECK(Cast(shape, Vec3(0.0, 0.7 * axes.y(), -axes.z()), Vec3(0.0, 0.0, -1.0)).part > 0);
    // The ears stand out of the cranium's side; the neck is 0.72-0.8 of the cranium's width.
    double ear_x = 0.0;
    for (double z = 0.0; z > -0.6 * axes.z(); z -= 1.0) {
        for (double y = -0.4 * axes.y(); y < 0.1 * axes.y(); y += 1.0) {
            const smp::HeadHit hit = Cast(shape, Vec3(0.0, y, z), Vec3(1.0, 0.0, 0.0));
            if (role(hit) == HeadPartRole::kEar) ear_x = std::max(ear_x, hit.depth);
        }
    }
    CHECK(ear_x > axes.x() + 5.0);
    for (const smp::HeadPart& part : shape.parts) {
        if (part.role != HeadPartRole::kNeck) continue;
        CHECK(part.radii_mm.x() / axes.x() > 0.72);
        CHECK(part.radii_mm.x() / axes.x() < 0.8);
    }
}

TEST_CASE("head shape: the neck begins just under the nape line, so no bald underside of the skull shows below the fringe") {
    for (const smp::HeadMeasurements& m : {smp::HeadMeasurements{}, smp::HeadMeasurements{520.0, 320.0, 270.0}, smp::HeadMeasurements{640.0, 420.0, 360.0}}) {
        const ScalpTemplate scalp = *ScalpTemplate::Make(m);
        const HeadShape shape = smp::MakeHeadShape(scalp.HeadSemiAxesMm());
        CAPTURE(m.circumference_mm);
        auto role = [&](const smp::HeadHit& hit) { return hit.part < 0 ? HeadPartRole::kScalp : shape.parts[static_cast<size_t>(hit.part)].role; };
        // Seen from behind along the midline: the nape line's point is the skull's, and 25 mm of
        // skin below it (the bald band an ellipsoid leaves before any neck) is the neck's already.
        const std::vector<Vec2>& nape = scalp.GetLandmarks().nape_line_mm;
        const Vec3 nape_mid = *scalp.HeadFromMap(nape[nape.size() / 2]);
        const Vec3 from_behind(0.0, -1.0, 0.0);
        CHECK(role(Cast(shape, Vec3(nape_mid.x(), 0.0, nape_mid.z() + 1.0), from_behind)) == HeadPartRole::kScalp);
        double neck_from_z = 1e9;
        for (double z = nape_mid.z(); z > nape_mid.z() - 80.0; z -= 0.5) {
            if (role(Cast(shape, Vec3(nape_mid.x(), 0.0, z), from_behind)) == HeadPartRole::kNeck) {
                neck_from_z = z;
                break;
            }
        }
        MESSAGE("the neck shows from behind " << nape_mid.z() - neck_from_z << " mm below the nape line");
        CHECK(nape_mid.z() - neck_from_z < 25.0);
        // From above, nothing of the neck shows: it leans, but its top stays inside the skull.
        for (double y = -1.3 * scalp.HeadSemiAxesMm().y(); y < 1.3 * scalp.HeadSemiAxesMm().y(); y += 2.0) {
            for (double x = -1.3 * scalp.HeadSemiAxesMm().x(); x < 1.3 * scalp.HeadSemiAxesMm().x(); x += 2.0) {
                const smp::HeadHit hit = Cast(shape, Vec3(x, y, 0.0), Vec3(0.0, 0.0, 1.0));
                if (hit.part >= 0 && role(hit) == HeadPartRole::kNeck) {
                    FAIL_CHECK("the neck shows from above at " << x << ", " << y);
                    return;
                }
            }
        }
    }
}

TEST_CASE("head shape: the skin's shading rounds the joins: continuous across the face's creases, the parts' own far from them") {
    const ScalpTemplate scalp = *ScalpTemplate::Make();
    const Vec3 axes = scalp.HeadSemiAxesMm();
    const HeadShape shape = smp::MakeHeadShape(axes);
    auto angle_deg = [](const Vec3& a, const Vec3& b) { return std::acos(std::clamp(a.dot(b), -1.0, 1.0)) * 180.0 / 3.14159265358979; };
    // Across the front of the face (brow to chin on the midline; cheek to cheek at the eyes and at
    // the mouth), seen from the front, the largest turn of the normal between neighbouring
    // samples: the parts' own normals jump where one part takes over from another (the face's
    // shells, the nose, the lips, the chin), so their largest turn stays as large at half the
    // spacing; the skin's turn smoothly, so theirs halves with it.
    struct Turns {
        double part_deg = 0.0, skin_deg = 0.0;
        int part_changes = 0, samples = 0;
    };
    auto sweep = [&](const Vec3& from, const Vec3& direction, double spacing_mm, double length_mm) {
        Turns turns;
        smp::HeadHit previous;
        smp::HeadShading previous_skin;
        for (double s = 0.0; s <= length_mm; s += spacing_mm) {
            const Vec3 base = from + direction * s;
            const smp::HeadHit hit = smp::CastHead(shape, base, Vec3(0.0, 1.0, 0.0));
            if (hit.part < 0) continue;
            ++turns.samples;
            const smp::HeadShading skin = smp::ShadeHead(shape, base + Vec3(0.0, hit.depth, 0.0), hit.part);
            CHECK(std::fabs(skin.normal.norm() - 1.0) < 1e-9);
            CHECK(skin.albedo > 0.0);
            CHECK(skin.albedo <= 1.0);
            // Not over a step in depth (an edge the eye cannot see across), nor where the surface
            // turns away towards an outline (under the nose: there any normal turns fast on screen).
            const bool facing = hit.normal.y() > 0.7 && previous.normal.y() > 0.7;
            if (previous.part >= 0 && facing && std::fabs(hit.depth - previous.depth) < 0.5) {
                turns.part_changes += hit.part != previous.part ? 1 : 0;
                turns.part_deg = std::max(turns.part_deg, angle_deg(hit.normal, previous.normal));
                turns.skin_deg = std::max(turns.skin_deg, angle_deg(skin.normal, previous_skin.normal));
            }
            previous = hit;
            previous_skin = skin;
        }
        return turns;
    };
    struct Line {
        Vec3 from, direction;
        double length_mm;
    };
    const Line lines[] = {
        {Vec3(0.0, -1000.0, -0.05 * axes.z()), Vec3(0.0, 0.0, -1.0), 1.2 * axes.z()},   // down the midline
        {Vec3(-0.8 * axes.x(), -1000.0, -0.33 * axes.z()), Vec3(1.0, 0.0, 0.0), 1.6 * axes.x()},   // across the eyes
        {Vec3(-0.6 * axes.x(), -1000.0, -0.78 * axes.z()), Vec3(1.0, 0.0, 0.0), 1.2 * axes.x()},   // across the mouth
    };
    for (const Line& line : lines) {
        CAPTURE(line.from);
        const Turns coarse = sweep(line.from, line.direction, 0.25, line.length_mm);
        const Turns fine = sweep(line.from, line.direction, 0.125, line.length_mm);
        MESSAGE("largest turn at 0.25 / 0.125 mm: parts' ", coarse.part_deg, " / ", fine.part_deg, " deg, skin's ", coarse.skin_deg, " / ",
                fine.skin_deg, " deg");
        CHECK(coarse.samples > 200);
        CHECK(coarse.part_changes >= 2);
        CHECK(fine.part_deg > 5.0);                        // the creases are there in the geometry
        CHECK(fine.part_deg > 0.8 * coarse.part_deg);      // (a jump: as large however close the samples)
        CHECK(fine.skin_deg < 0.6 * coarse.skin_deg);      // and not in the shading: it turns smoothly
        CHECK(coarse.skin_deg < 0.5 * coarse.part_deg);
    }
    // Far from every join (the top of the scalp), the skin is the part's own.
    const smp::HeadHit crown = smp::CastHead(shape, Vec3(0.0, 0.0, -1000.0), Vec3(0.0, 0.0, 1.0));
    REQUIRE(crown.part == 0);
    const smp::HeadShading crown_skin = smp::ShadeHead(shape, Vec3(0.0, 0.0, -1000.0 + crown.depth), 0);
    CHECK(angle_deg(crown_skin.normal, crown.normal) < 1e-6);
    CHECK(crown_skin.albedo == shape.parts[0].albedo);
}
