// smp ui: when to draw a frame. Pure (no ImGui, GL or GLFW), unit-tested.
//
// The designer is drawn by ImGui, which redraws everything every frame. Drawn at the display's
// rate while nothing happens, an open designer keeps a phone's GPU busy for a picture that does
// not change (a clinic's widget left open in a tab, a client reading the plan). So frames are drawn
// at the display's rate while something happens (input, a page command, a resize, a pointer held,
// a text field being edited, work the app left for the next frame) and for a short while after,
// which lets hovers, tooltips and ImGui's own settling finish; otherwise a few times a second, so
// the page's view of the app (stats, announcements) stays current and nothing waits for input.
//
// Of the frames drawn, most show the picture already on the screen: ImGui builds each frame's draw
// lists on the CPU (a millisecond or two), and rasterising them is the GPU's share, which on a
// phone's 3x screen (3 million pixels) or a software renderer is nearly all of a frame's cost. So
// each frame's picture is fingerprinted (the draw lists, the framebuffer's size, what the GPU
// holds for the custom renderers) and a frame whose picture is the one on screen is not drawn
// again (RedrawGate). In the browser the canvas keeps showing its last picture; a desktop window
// that lost its picture (uncovered, without a compositor) gets it back within a second.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

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

// A 64-bit fingerprint of bytes fed in order: equal input, equal value, on every platform (words
// are read little-endian). Not cryptographic: a collision costs a stale picture for at most
// RedrawGate::kRedrawAtLeastEveryS.
class PictureFingerprint {
public:
    void AddBytes(const void* data, size_t size);
    // Each object's bytes in turn, padding included (which only ever makes two equal pictures
    // differ, never two different pictures equal).
    template <typename... Ts>
    void Add(const Ts&... values) {
        static_assert((std::is_trivially_copyable_v<Ts> && ...));
        (AddBytes(&values, sizeof(Ts)), ...);
    }
    uint64_t Value() const;

private:
    uint64_t state_ = 0x243F6A8885A308D3ull;   // the digits of pi: any non-zero start
    uint64_t length_ = 0;
};

// Whether a frame's picture must go to the GPU: when it differs from the last one drawn, when
// `forced` (a resize, a screenshot, a benchmark, a rebuilt font texture), and at least every
// kRedrawAtLeastEveryS whatever happens.
class RedrawGate {
public:
    static constexpr double kRedrawAtLeastEveryS = 1.0;

    // Call once per frame built; draw when it says so (the drawing is recorded).
    bool ShouldRender(uint64_t picture, double now_s, bool forced);

private:
    bool drawn_ = false;
    uint64_t last_picture_ = 0;
    double last_render_s_ = 0.0;
};

}  // namespace smp
