#include "app/paint_benchmark.h"

#include "imgui.h"
#include "ui/app_state.h"
#include "ui/tools/tools.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace smp {
namespace {

double Median(std::vector<double> values) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double Max(const std::vector<double>& values) { return values.empty() ? 0.0 : *std::max_element(values.begin(), values.end()); }

}  // namespace

bool PaintBenchmark::BeforeFrame(AppState& app) {
    ImGuiIO& io = ImGui::GetIO();
    const int stroke_frame = frame_ - kSettleFrames;
    frame_ += 1;
    if (stroke_frame < 0) return true;
    // A wavy stroke across the middle of the design, left to right, a step per frame (about 1.5 mm
    // at the fitted zoom: the pace of a quick hand).
    const RectMm& bounds = app.doc.drawing.scalp_bounds_mm;
    const double t = std::min(1.0, static_cast<double>(stroke_frame) / kStrokeFrames);
    const Vec2 p_mm(bounds.min_mm.x() + bounds.WidthMm() * (0.15 + 0.7 * t),
                    bounds.min_mm.y() + bounds.HeightMm() * (0.6 + 0.08 * std::sin(t * 12.0)));
    const Vec2 p_px = app.canvas.origin_px + app.view.transform.MmToPixels(p_mm);
    if (stroke_frame == 0) {
        app.tools.active = FindTool("brush");
        app.tools.strength_per_cm2 = 60.0f;
        app.doc.timings.max_update_ms = 0.0;
        app.doc.timings.updates = 0;
        updates_seen_ = 0;
        update_ms_.clear();
    }
    io.AddMousePosEvent(static_cast<float>(p_px.x()), static_cast<float>(p_px.y()));
    if (stroke_frame == 1) io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
    if (stroke_frame == kStrokeFrames + 1) io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
    measuring_ = stroke_frame >= 2 && stroke_frame <= kStrokeFrames;
    return stroke_frame <= kStrokeFrames + 3;
}

void PaintBenchmark::AfterFrame(const AppState& app, double frame_cpu_ms, double frame_interval_ms) {
    if (app.doc.timings.updates != updates_seen_) {
        updates_seen_ = app.doc.timings.updates;
        update_ms_.push_back(app.doc.timings.last_update_ms);
    }
    if (!measuring_) return;
    cpu_ms_.push_back(frame_cpu_ms);
    interval_ms_.push_back(frame_interval_ms);
}

std::string PaintBenchmark::Report(const AppState& app) const {
    char line[512];
    std::snprintf(line, sizeof line,
                  "painting %lld dots, %zu frames: frame CPU median %.2f ms, max %.2f ms; frame interval median %.2f ms "
                  "(%.0f fps), max %.2f ms; %llu brush updates, core time median %.2f ms, max %.2f ms",
                  static_cast<long long>(app.doc.total_dots), cpu_ms_.size(), Median(cpu_ms_), Max(cpu_ms_), Median(interval_ms_),
                  Median(interval_ms_) > 0.0 ? 1000.0 / Median(interval_ms_) : 0.0, Max(interval_ms_),
                  static_cast<unsigned long long>(app.doc.timings.updates), Median(update_ms_), app.doc.timings.max_update_ms);
    return line;
}

}  // namespace smp
