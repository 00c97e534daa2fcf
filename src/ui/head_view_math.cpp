#include "ui/head_view_math.h"

#include "core/density_field.h"
#include "core/generator.h"

#include <algorithm>
#include <cmath>

namespace smp {

const char* CanvasViewName(CanvasView view) {
    for (const CanvasViewInfo& info : kCanvasViews) {
        if (info.view == view) return info.name;
    }
    return "map";
}

std::optional<CanvasView> FindCanvasView(std::string_view name) {
    for (const CanvasViewInfo& info : kCanvasViews) {
        if (name == info.name) return info.view;
    }
    return std::nullopt;
}

CanvasView EffectiveCanvasView(CanvasView chosen, bool has_head, double canvas_logical_px) {
    if (!has_head) return CanvasView::kMap;
    if (chosen == CanvasView::kBoth && !(canvas_logical_px >= kSideBySideFromLogicalPx)) return CanvasView::kHead;
    return chosen;
}

double WrapYawDeg(double yaw_deg) {
    if (!std::isfinite(yaw_deg)) return 0.0;
    if (yaw_deg >= -kMaxYawDeg && yaw_deg <= kMaxYawDeg) return yaw_deg;
    // fmod keeps the sign of the dividend: shift into 0..360, then back to -180..180.
    double wrapped = std::fmod(yaw_deg + kMaxYawDeg, 2.0 * kMaxYawDeg);
    if (wrapped < 0.0) wrapped += 2.0 * kMaxYawDeg;
    return wrapped - kMaxYawDeg;
}

double ClampPitchDeg(double pitch_deg) { return std::isfinite(pitch_deg) ? std::clamp(pitch_deg, -kMaxPitchDeg, kMaxPitchDeg) : 0.0; }

double ClampHeadZoom(double zoom) { return std::isfinite(zoom) && zoom > 0.0 ? std::clamp(zoom, kMinHeadZoom, kMaxHeadZoom) : 1.0; }

HeadCamera OrbitHeadCamera(const HeadCamera& camera, const Vec2& drag_logical_px) {
    HeadCamera moved;
    moved.yaw_deg = WrapYawDeg(camera.yaw_deg + drag_logical_px.x() * kOrbitDegPerLogicalPx);
    moved.pitch_deg = ClampPitchDeg(camera.pitch_deg + drag_logical_px.y() * kOrbitDegPerLogicalPx);
    return moved;
}

double PinchHeadZoom(double zoom, double factor) {
    // A finger lifted mid-move can report a wild spread: one move zooms by at most 2x.
    const double step = std::isfinite(factor) && factor > 0.0 ? std::clamp(factor, 0.5, 2.0) : 1.0;
    return ClampHeadZoom(ClampHeadZoom(zoom) * step);
}

double CrownClearanceMm(const HeadProjection& projection, const Vec3& semi_axes_mm, double clear_below_px, double overlay_left_px,
                        double overlay_right_px) {
    // The ellipsoid reaches |A u| from its centre along a unit direction u (A the semi-axes).
    const auto reach_mm = [&](const Vec3& u) { return semi_axes_mm.cwiseProduct(u).norm(); };
    const Vec3 centre_rel = -projection.look_at_mm;   // the cranium's centre from the image's centre
    const double top_px = projection.centre_px.y() - (centre_rel.dot(projection.up) + reach_mm(projection.up)) * projection.px_per_mm;
    const double middle_px = projection.centre_px.x() + centre_rel.dot(projection.right) * projection.px_per_mm;
    const double half_width_px = reach_mm(projection.right) * projection.px_per_mm;
    const bool beside = !(overlay_right_px > middle_px - half_width_px) || !(overlay_left_px < middle_px + half_width_px);
    if (beside || !(clear_below_px > top_px) || !(projection.px_per_mm > 0.0)) return 0.0;
    return (clear_below_px - top_px) / projection.px_per_mm;
}

double HeadSplitAt(double x_px, double min_x_px, double width_px) {
    if (!(width_px > 0.0) || !std::isfinite(x_px) || !std::isfinite(min_x_px)) return 0.5;
    return std::clamp((x_px - min_x_px) / width_px, 0.0, 1.0);
}

double WheelHeadZoom(double zoom, double notches) {
    const double n = std::isfinite(notches) ? std::clamp(notches, -10.0, 10.0) : 0.0;
    return ClampHeadZoom(ClampHeadZoom(zoom) * std::pow(kHeadWheelZoomPerNotch, n));
}

HeadCamera ClientHeadCameraFor(const std::vector<Vec3>& dot_normals) {
    // The front first: it wins ties, and whatever the others show, unless they show five times more.
    HeadCamera best = kClientHeadCamera;
    double front_shows = 0.0, best_shows = 0.0;
    for (const double yaw_deg : {0.0, 180.0, -90.0, 90.0}) {
        const HeadCamera camera{yaw_deg, kClientHeadCamera.pitch_deg};
        const Vec3 toward = MakeHeadProjection(camera, Vec3::Zero(), 1.0, 1, 1)->toward;
        double shows = 0.0;
        for (const Vec3& normal : dot_normals) shows += std::max(0.0, normal.dot(toward));
        if (yaw_deg == 0.0) front_shows = shows;
        else if (shows > best_shows) best = camera, best_shows = shows;
    }
    return best_shows > 5.0 * front_shows ? best : kClientHeadCamera;
}

HeadCamera ClientHeadCameraFor(const DotPattern& pattern) {
    std::vector<Vec3> dot_normals;
    if (const ScalpTemplate* scalp = pattern.field ? pattern.field->Scalp() : nullptr) {
        for (size_t i = 0; i < pattern.state.size(); i += 8) {
            if (pattern.state[i].session == 0) continue;
            if (const std::optional<Vec3> on_head = scalp->HeadFromMap(pattern.ranked[i].position_mm)) dot_normals.push_back(scalp->HeadNormal(*on_head));
        }
    }
    return ClientHeadCameraFor(dot_normals);
}

}  // namespace smp
