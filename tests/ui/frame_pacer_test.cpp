#include "ui/frame_pacer.h"

#include <doctest/doctest.h>

namespace smp {
namespace {

// Frames drawn over `seconds` when asked every 1/60 s (a 60 Hz display), starting at `start_s`.
int FramesDrawn(FramePacer& pacer, double start_s, double seconds, bool busy = false) {
    int drawn = 0;
    for (int tick = 0; tick < static_cast<int>(seconds * 60.0); ++tick) drawn += pacer.ShouldDraw(start_s + tick / 60.0, busy) ? 1 : 0;
    return drawn;
}

TEST_CASE("frame pacer: idle draws a few frames a second, activity the display's rate for a while") {
    FramePacer pacer;
    // Idle from the start: 5 frames a second (one every 0.2 s), never none.
    const int idle = FramesDrawn(pacer, 0.0, 2.0);
    CHECK(idle >= 9);
    CHECK(idle <= 11);
    // Input at t = 10: every tick for the active window, then idle again.
    pacer.NoteActivity(10.0);
    CHECK(FramesDrawn(pacer, 10.0, FramePacer::kActiveWindowS - 0.05) >= static_cast<int>((FramePacer::kActiveWindowS - 0.05) * 60.0) - 1);
    const int after = FramesDrawn(pacer, 10.0 + FramePacer::kActiveWindowS + 0.05, 1.0);
    CHECK(after >= 4);
    CHECK(after <= 6);
}

TEST_CASE("frame pacer: work in progress (a held pointer, a field being edited) keeps the full rate") {
    FramePacer pacer;
    CHECK(FramesDrawn(pacer, 100.0, 3.0, /*busy=*/true) == 180);
}

TEST_CASE("frame pacer: how long a desktop loop may wait, and a clock that goes back") {
    FramePacer pacer;
    CHECK(pacer.ShouldDraw(5.0, false));
    CHECK(pacer.SecondsUntilDue(5.0) == doctest::Approx(FramePacer::kIdleIntervalS));
    CHECK(pacer.SecondsUntilDue(5.15) == doctest::Approx(0.05));
    CHECK(pacer.SecondsUntilDue(9.0) == 0.0);
    pacer.NoteActivity(9.0);
    CHECK(pacer.SecondsUntilDue(9.5) == 0.0);   // active: no waiting
    CHECK(pacer.ShouldDraw(1.0, false));         // earlier than the last frame: drawn, not stuck
}

}  // namespace
}  // namespace smp
