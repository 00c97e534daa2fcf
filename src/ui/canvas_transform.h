// smp ui: the one mapping between millimetres on the scalp and pixels on the canvas.
//
// Pure and unit-tested (like ImPlot's PlotToPixels / PixelsToPlot): everything the canvas draws or
// picks goes through it, so pan, zoom and hit-testing can never disagree. Pixels here are canvas
// framebuffer pixels relative to the canvas' top-left corner, y down, like the millimetre frame.
#pragma once

#include "core/geometry.h"

namespace smp {

struct CanvasTransform {
    static constexpr double kMinPixelsPerMm = 0.05;   // a whole head in ~15 px: far enough out
    static constexpr double kMaxPixelsPerMm = 400.0;  // one needle dot over ~100 px: far enough in

    Vec2 origin_px = Vec2::Zero();   // where the millimetre origin lands on the canvas, px
    double pixels_per_mm = 2.0;      // zoom, px/mm, kept in [kMinPixelsPerMm, kMaxPixelsPerMm]

    Vec2 MmToPixels(const Vec2& p_mm) const { return origin_px + p_mm * pixels_per_mm; }
    Vec2 PixelsToMm(const Vec2& p_px) const { return (p_px - origin_px) / pixels_per_mm; }
    double LengthMmToPixels(double length_mm) const { return length_mm * pixels_per_mm; }

    // Moves the view by a pixel delta (the content follows the pointer).
    void PanPixels(const Vec2& delta_px) { origin_px += delta_px; }

    // Multiplies the zoom by `factor` (clamped to the limits) while the millimetre point under
    // `anchor_px` stays under it: zoom about the cursor. Non-finite or non-positive factors do nothing.
    void ZoomAbout(const Vec2& anchor_px, double factor);
};

// The transform that shows `content_mm` whole and centred in a viewport of `viewport_px`
// (width, height) with `margin_px` free on every side. A degenerate viewport or content keeps the
// zoom within limits and still centres what it can.
CanvasTransform FitToView(const RectMm& content_mm, const Vec2& viewport_px, double margin_px);

// Millimetre grid spacing for the current zoom: the smallest step of the 1-2-5 sequence
// (1, 2, 5, 10, 20, 50, 100 mm ...) whose lines are at least `min_gap_px` apart. Never below 1 mm.
double GridStepMm(double pixels_per_mm, double min_gap_px);

}  // namespace smp
