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

namespace {

constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;   // 2^64 / golden ratio

uint64_t Mix(uint64_t state, uint64_t word) {
    state ^= word * kMultiplier;
    state = (state << 27) | (state >> 37);
    return state * 0xC2B2AE3D27D4EB4Full + 0x165667B19E3779F9ull;
}

}  // namespace

void PictureFingerprint::AddBytes(const void* data, size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    length_ += size;
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        uint64_t word = 0;
        for (int b = 0; b < 8; ++b) word |= static_cast<uint64_t>(bytes[i + b]) << (8 * b);
        state_ = Mix(state_, word);
    }
    if (i < size) {
        uint64_t word = 0;
        for (int b = 0; i + b < size; ++b) word |= static_cast<uint64_t>(bytes[i + b]) << (8 * b);
        state_ = Mix(state_, word ^ (uint64_t{1} << 63));   // a short tail differs from its zero-padded word
    }
}

uint64_t PictureFingerprint::Value() const {
    uint64_t h = Mix(state_, length_);
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    return h;
}

bool RedrawGate::ShouldRender(uint64_t picture, double now_s, bool forced) {
    // A clock that went backwards counts as due, as in FramePacer.
    const bool due = now_s - last_render_s_ >= kRedrawAtLeastEveryS || now_s < last_render_s_;
    if (drawn_ && picture == last_picture_ && !forced && !due) return false;
    drawn_ = true;
    last_picture_ = picture;
    last_render_s_ = now_s;
    return true;
}

}  // namespace smp
