#include "ui/frame_pacer.h"

#include <algorithm>

namespace smp {

void FramePacer::NoteActivity(double now_s) { last_activity_s_ = std::max(last_activity_s_, now_s); }

bool FramePacer::ShouldDraw(double now_s, bool busy) {
    const bool active = busy || now_s - last_activity_s_ < kActiveWindowS;
    // A clock that went backwards (a suspended machine, a test's clock) counts as due.
    const bool due = now_s - last_draw_s_ >= kIdleIntervalS || now_s < last_draw_s_;
    if (!active && !due) return false;
    last_draw_s_ = now_s;
    return true;
}

double FramePacer::SecondsUntilDue(double now_s) const {
    if (now_s - last_activity_s_ < kActiveWindowS) return 0.0;
    return std::clamp(last_draw_s_ + kIdleIntervalS - now_s, 0.0, kIdleIntervalS);
}

}  // namespace smp
