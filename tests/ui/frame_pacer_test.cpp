#include "ui/frame_pacer.h"

#include <doctest/doctest.h>

#include <set>
#include <vector>

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

TEST_CASE("picture fingerprint: the same bytes give the same value; any change, a split or a length gives another") {
    std::vector<unsigned char> bytes(1000);
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(i * 37 + 11);
    const auto of = [](const std::vector<unsigned char>& data) {
        PictureFingerprint f;
        f.AddBytes(data.data(), data.size());
        return f.Value();
    };
    const uint64_t base = of(bytes);
    CHECK(of(bytes) == base);
    // Every single-bit flip anywhere gives a value of its own.
    std::set<uint64_t> seen{base};
    for (size_t i = 0; i < bytes.size(); i += 7) {
        for (int bit = 0; bit < 8; bit += 3) {
            std::vector<unsigned char> flipped = bytes;
            flipped[i] ^= static_cast<unsigned char>(1u << bit);
            CHECK(seen.insert(of(flipped)).second);
        }
    }
    // Trailing zeros are not nothing: 999 bytes, 1000 and 1001 (the tail's word) differ.
    std::vector<unsigned char> shorter(bytes.begin(), bytes.end() - 1), longer = bytes;
    longer.push_back(0);
    CHECK(of(shorter) != base);
    CHECK(of(longer) != base);
    CHECK(of(std::vector<unsigned char>(8, 0)) != of(std::vector<unsigned char>(16, 0)));
    // The order of the pieces counts.
    PictureFingerprint ab, ba;
    ab.Add(uint32_t{1});
    ab.Add(uint32_t{2});
    ba.Add(uint32_t{2});
    ba.Add(uint32_t{1});
    CHECK(ab.Value() != ba.Value());
}

TEST_CASE("redraw gate: a picture already on the screen is not drawn again, a new one is, and a second at most goes by") {
    RedrawGate gate;
    CHECK(gate.ShouldRender(7, 10.0, false));        // the first frame
    CHECK_FALSE(gate.ShouldRender(7, 10.016, false));
    CHECK_FALSE(gate.ShouldRender(7, 10.5, false));
    CHECK(gate.ShouldRender(8, 10.52, false));       // something changed
    CHECK_FALSE(gate.ShouldRender(8, 10.54, false));
    CHECK(gate.ShouldRender(8, 10.56, true));        // forced (a resize, a screenshot)
    CHECK(gate.ShouldRender(7, 10.58, false));       // back to the earlier picture: drawn, it is not the one shown
    // Idle for long: drawn again once a second, so a desktop window that lost its picture gets it back.
    int drawn = 0;
    for (int tick = 1; tick <= 180; ++tick) drawn += gate.ShouldRender(7, 10.58 + tick / 60.0, false) ? 1 : 0;
    CHECK(drawn == 3);
    CHECK(gate.ShouldRender(7, 1.0, false));         // a clock that went back: drawn, not stuck
}

}  // namespace
}  // namespace smp
