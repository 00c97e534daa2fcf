#include "ui/head_view_math.h"

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

double WheelHeadZoom(double zoom, double notches) {
    const double n = std::isfinite(notches) ? std::clamp(notches, -10.0, 10.0) : 0.0;
    return ClampHeadZoom(ClampHeadZoom(zoom) * std::pow(kHeadWheelZoomPerNotch, n));
}

}  // namespace smp
