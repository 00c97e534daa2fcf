#include "ui/canvas_transform.h"

#include <algorithm>
#include <cmath>

namespace smp {

void CanvasTransform::ZoomAbout(const Vec2& anchor_px, double factor) {
    if (!std::isfinite(factor) || factor <= 0.0) return;
    const Vec2 anchor_mm = PixelsToMm(anchor_px);
    pixels_per_mm = std::clamp(pixels_per_mm * factor, kMinPixelsPerMm, kMaxPixelsPerMm);
    origin_px = anchor_px - anchor_mm * pixels_per_mm;
}

CanvasTransform FitToView(const RectMm& content_mm, const Vec2& viewport_px, double margin_px) {
    CanvasTransform view;
    const double usable_w = std::max(viewport_px.x() - 2.0 * margin_px, 1.0);
    const double usable_h = std::max(viewport_px.y() - 2.0 * margin_px, 1.0);
    const double content_w = std::max(content_mm.WidthMm(), 1e-6);
    const double content_h = std::max(content_mm.HeightMm(), 1e-6);
    view.pixels_per_mm = std::clamp(std::min(usable_w / content_w, usable_h / content_h),
                                    CanvasTransform::kMinPixelsPerMm, CanvasTransform::kMaxPixelsPerMm);
    view.origin_px = viewport_px * 0.5 - content_mm.CenterMm() * view.pixels_per_mm;
    return view;
}

double GridStepMm(double pixels_per_mm, double min_gap_px) {
    static constexpr double kMantissas[] = {1.0, 2.0, 5.0};
    if (!(pixels_per_mm > 0.0)) return 1000.0;
    for (double decade = 1.0; decade < 1e6; decade *= 10.0) {
        for (double m : kMantissas) {
            if (m * decade * pixels_per_mm >= min_gap_px) return m * decade;
        }
    }
    return 1e6;
}

}  // namespace smp
