#include "core/head_camera.h"

#include "core/det_math.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace smp {
namespace {

// Dot products in a fixed order (Eigen may reorder its reductions between builds).
double Dot3(const Vec3& a, const Vec3& b) { return (a.x() * b.x() + a.y() * b.y()) + a.z() * b.z(); }

std::string Degrees(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

}  // namespace

Status CheckHeadCamera(const HeadCamera& camera) {
    if (!(camera.yaw_deg >= -kMaxYawDeg && camera.yaw_deg <= kMaxYawDeg)) {
        return {StatusCode::kInvalidArgument, "yaw " + Degrees(camera.yaw_deg) +
                                                  "° is outside -180..180 (0 = facing the camera, + = the client turns to their left)"};
    }
    if (!(camera.pitch_deg >= -kMaxPitchDeg && camera.pitch_deg <= kMaxPitchDeg)) {
        return {StatusCode::kInvalidArgument,
                "pitch " + Degrees(camera.pitch_deg) + "° is outside -90..90 (0 = level, + = seen from above)"};
    }
    return Status::Ok();
}

Vec2 HeadProjection::PixelFromHead(const Vec3& head_mm) const {
    const Vec3 d = head_mm - look_at_mm;
    return Vec2(centre_px.x() + Dot3(d, right) * px_per_mm, centre_px.y() - Dot3(d, up) * px_per_mm);
}

double HeadProjection::DepthMm(const Vec3& head_mm) const { return Dot3(head_mm - look_at_mm, toward); }

Vec3 HeadProjection::HeadFromPixel(const Vec2& pixel, double depth_mm) const {
    const double x_mm = (pixel.x() - centre_px.x()) / px_per_mm;
    const double y_mm = (centre_px.y() - pixel.y()) / px_per_mm;
    return look_at_mm + right * x_mm + up * y_mm + toward * depth_mm;
}

bool HeadProjection::FacesCamera(const Vec3& normal) const { return Dot3(normal, toward) > 0.0; }

Expected<HeadProjection> MakeHeadProjection(const HeadCamera& camera, const Vec3& look_at_mm, double frame_mm, int width_px,
                                            int height_px) {
    if (const Status status = CheckHeadCamera(camera); !status.ok()) return status;
    if (width_px <= 0 || height_px <= 0 || !(frame_mm > 0.0) || !std::isfinite(frame_mm) || !look_at_mm.allFinite()) {
        return Status(StatusCode::kInvalidArgument, "a head view needs a positive image size and frame");
    }
    // The camera before the client turns: in front (+y), level; its right is the client's left.
    // Pitch raises it about the x axis; the client's turn by yaw about z is the camera's by -yaw.
    const double yaw = camera.yaw_deg * kDetDegree, pitch = camera.pitch_deg * kDetDegree;
    const double cy = DetCos(yaw), sy = DetSin(yaw), cp = DetCos(pitch), sp = DetSin(pitch);
    // R_z(-yaw) (x, y, z) = (x cos + y sin, -x sin + y cos, z).
    auto turn = [&](const Vec3& v) { return Vec3(v.x() * cy + v.y() * sy, -v.x() * sy + v.y() * cy, v.z()); };
    HeadProjection p;
    p.right = turn(Vec3(-1.0, 0.0, 0.0));
    p.up = turn(Vec3(0.0, -sp, cp));
    p.toward = turn(Vec3(0.0, cp, sp));
    p.look_at_mm = look_at_mm;
    p.centre_px = Vec2(0.5 * width_px, 0.5 * height_px);
    p.px_per_mm = width_px / frame_mm;
    return p;
}

HeadFrame DefaultHeadFrame(const ScalpTemplate& scalp) {
    const Vec3 axes = scalp.HeadSemiAxesMm();
    HeadFrame frame;
    frame.look_at_mm = Vec3(0.0, 0.0, kHeadFrameCentreZ * axes.z());
    frame.frame_mm = kHeadFrameShare * std::max({axes.x(), axes.y(), axes.z()});
    return frame;
}

}  // namespace smp
