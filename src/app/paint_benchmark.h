// smp-designer --paint-benchmark: paints one brush stroke across a loaded design through the real
// input path (ImGui's mouse events, the canvas, the brush, the renderer) and reports frame times
// and the core's time per brush update. For `make bench` and the "painting feels live".
#pragma once

#include "ui/app_state.h"

#include <string>
#include <vector>

namespace smp {

class PaintBenchmark {
public:
    // Before ImGui::NewFrame, after the platform backend's: queues this frame's scripted input.
    // Returns false once the stroke is done and the figures are ready.
    bool BeforeFrame(AppState& app);
    // After the frame was drawn and presented: its CPU time and the time since the previous one.
    void AfterFrame(const AppState& app, double frame_cpu_ms, double frame_interval_ms);
    // One line of figures: dots, frames, medians and maxima.
    std::string Report(const AppState& app) const;

private:
    static constexpr int kSettleFrames = 10;    // the first upload and font atlas before measuring
    static constexpr int kStrokeFrames = 120;   // two seconds of painting at 60 frames per second
    int frame_ = 0;
    bool measuring_ = false;
    std::vector<double> cpu_ms_, interval_ms_, update_ms_;
    uint64_t updates_seen_ = 0;
};

}  // namespace smp
