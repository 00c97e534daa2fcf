// smp core: deterministic randomness.
//
// Every random choice in the core comes from these integer-only functions, so the same seed gives
// the same bits natively and in WebAssembly (std:: distributions differ between standard libraries;
// these do not). Floating-point results are formed from integers by exact scaling.
#pragma once

#include <cstdint>

namespace smp {

// SplitMix64 finaliser: a strong 64-bit mix. Pure function; good for hashing coordinates and seeds.
constexpr uint64_t Mix64(uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// Hash of a seed and up to three integer coordinates (e.g. a grid cell and a stream number).
constexpr uint64_t HashCoords(uint64_t seed, int64_t a, int64_t b = 0, int64_t c = 0) {
    uint64_t h = Mix64(seed);
    h = Mix64(h ^ static_cast<uint64_t>(a));
    h = Mix64(h ^ static_cast<uint64_t>(b));
    return Mix64(h ^ static_cast<uint64_t>(c));
}

// A small sequential generator (SplitMix64 stream) for loops that need many numbers.
class Rng {
public:
    explicit constexpr Rng(uint64_t seed) : state_(seed) {}

    constexpr uint64_t NextU64() {
        state_ += 0x9E3779B97F4A7C15ull;
        uint64_t z = state_;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1) with 53 random bits: exact on every platform.
    constexpr double NextUnit() { return static_cast<double>(NextU64() >> 11) * 0x1.0p-53; }
    // Uniform integer in [0, n) for n > 0 (multiply-shift; the bias is below 2^-32 for our n).
    constexpr uint32_t NextBelow(uint32_t n) {
        return static_cast<uint32_t>(((NextU64() >> 32) * static_cast<uint64_t>(n)) >> 32);
    }

private:
    uint64_t state_;
};

}  // namespace smp
