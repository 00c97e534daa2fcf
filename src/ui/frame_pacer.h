// smp ui: when to draw a frame. Pure (no ImGui, GL or GLFW), unit-tested.
//
// The designer is drawn by ImGui, which redraws everything every frame. Drawn at the display's
// rate while nothing happens, an open designer keeps a phone's GPU busy for a picture that does
// not change (a clinic's widget left open in a tab, a client reading the plan). So frames are drawn
// at the display's rate while something happens (input, a page command, a resize, a pointer held,
// a text field being edited, work the app left for the next frame) and for a short while after,
// which lets hovers, tooltips and ImGui's own settling finish; otherwise a few times a second, so
// the page's view of the app (stats, announcements) stays current and nothing waits for input.
#pragma once

namespace smp {

class FramePacer {
public:
    // Full rate this long after the last activity: ImGui's tooltip delay (0.5 s) and a double
    // click's window fit in it.
    static constexpr double kActiveWindowS = 1.5;
    // Idle: one frame this often.
    static constexpr double kIdleIntervalS = 0.2;

    // Something happened at `now_s` (seconds, any monotonic clock).
    void NoteActivity(double now_s);
    // Whether to draw at `now_s`; `busy`: the app has something in progress (see above). Drawing
    // is recorded: call once per opportunity and draw when it says so.
    bool ShouldDraw(double now_s, bool busy);
    // How long until the next idle frame is due (0 when one is due now): how long a desktop loop
    // may wait for events.
    double SecondsUntilDue(double now_s) const;

private:
    double last_activity_s_ = -1e300;
    double last_draw_s_ = -1e300;
};

}  // namespace smp
