// det_math against the standard library: the deterministic functions must agree with libm to
// well under 1e-14 wherever the core uses them.
#include "core/det_math.h"
#include "core/random.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>

namespace {

// Relative error, with an absolute floor of 1e-300 so that exact zeros compare.
double RelativeError(double value, double reference) {
    return std::fabs(value - reference) / std::max(std::fabs(reference), 1e-300);
}

// A random double of random magnitude: sign, and 10^u with u uniform in [lo, hi].
double RandomMagnitude(smp::Rng& rng, double lo_exp10, double hi_exp10) {
    const double sign = rng.NextUnit() < 0.5 ? -1.0 : 1.0;
    const double exponent = lo_exp10 + (hi_exp10 - lo_exp10) * rng.NextUnit();
    return sign * std::pow(10.0, exponent);
}

}  // namespace

TEST_CASE("det_math: sin and cos match std:: to 1e-14 over many arguments") {
    smp::Rng rng(7);
    double worst_sin = 0.0, worst_cos = 0.0;
    for (int i = 0; i < 200000; ++i) {
        const double x = RandomMagnitude(rng, -8.0, 4.0);
        worst_sin = std::max(worst_sin, RelativeError(smp::DetSin(x), std::sin(x)));
        worst_cos = std::max(worst_cos, RelativeError(smp::DetCos(x), std::cos(x)));
    }
    // Near multiples of π/2, where one of them is tiny and range reduction must not lose bits.
    for (int k = -64; k <= 64; ++k) {
        for (const double offset : {0.0, 1e-12, -1e-9, 3e-6, 0.25, -0.7}) {
            const double x = k * smp::kDetHalfPi + offset;
            worst_sin = std::max(worst_sin, RelativeError(smp::DetSin(x), std::sin(x)));
            worst_cos = std::max(worst_cos, RelativeError(smp::DetCos(x), std::cos(x)));
        }
    }
    CHECK(worst_sin < 1e-14);
    CHECK(worst_cos < 1e-14);
    CHECK(smp::DetSin(0.0) == 0.0);
    CHECK(smp::DetCos(0.0) == 1.0);
}

TEST_CASE("det_math: atan2, atan, asin and acos match std:: to 1e-14") {
    smp::Rng rng(11);
    double worst_atan2 = 0.0, worst_atan = 0.0, worst_asin = 0.0, worst_acos = 0.0;
    for (int i = 0; i < 200000; ++i) {
        const double y = RandomMagnitude(rng, -6.0, 6.0), x = RandomMagnitude(rng, -6.0, 6.0);
        worst_atan2 = std::max(worst_atan2, RelativeError(smp::DetAtan2(y, x), std::atan2(y, x)));
        worst_atan = std::max(worst_atan, RelativeError(smp::DetAtan(x), std::atan(x)));
        const double u = 2.0 * rng.NextUnit() - 1.0;
        worst_asin = std::max(worst_asin, RelativeError(smp::DetAsin(u), std::asin(u)));
        worst_acos = std::max(worst_acos, RelativeError(smp::DetAcos(u), std::acos(u)));
    }
    // Axes, diagonals and the breakpoints of the reduction (multiples of 1/8).
    for (int k = -16; k <= 16; ++k) {
        for (const double x : {1.0, -1.0, 1e-300, -1e-300, 1e300}) {
            const double y = k * 0.125 * x + (k % 3) * 1e-17;
            worst_atan2 = std::max(worst_atan2, RelativeError(smp::DetAtan2(y, x), std::atan2(y, x)));
            worst_atan2 = std::max(worst_atan2, RelativeError(smp::DetAtan2(x, y), std::atan2(x, y)));
        }
    }
    CHECK(worst_atan2 < 1e-14);
    CHECK(worst_atan < 1e-14);
    CHECK(worst_asin < 1e-14);
    CHECK(worst_acos < 1e-14);
    CHECK(smp::DetAsin(1.0) == smp::kDetHalfPi);
    CHECK(smp::DetAcos(1.0) == 0.0);
}

TEST_CASE("det_math: signs of zeros and special values follow std::atan2") {
    for (const double y : {0.0, -0.0}) {
        for (const double x : {0.0, -0.0, 1.0, -1.0}) {
            const double ours = smp::DetAtan2(y, x), theirs = std::atan2(y, x);
            CHECK(ours == theirs);
            CHECK(std::signbit(ours) == std::signbit(theirs));
        }
    }
    CHECK(smp::DetAtan2(1.0, 0.0) == smp::kDetHalfPi);
    CHECK(smp::DetAtan2(-1.0, -0.0) == -smp::kDetHalfPi);
    CHECK(smp::DetAtan(std::numeric_limits<double>::infinity()) == smp::kDetHalfPi);
    CHECK(std::isnan(smp::DetAtan2(std::nan(""), 1.0)));
    CHECK(std::isnan(smp::DetAsin(1.5)));
}

TEST_CASE("det_math: exp matches std::exp to 1e-15 and keeps its limits") {
    smp::Rng rng(11);
    double worst = 0.0;
    for (int i = 0; i < 200000; ++i) {
        const double x = -700.0 + 1400.0 * rng.NextUnit();
        worst = std::max(worst, RelativeError(smp::DetExp(x), std::exp(x)));
    }
    for (const double x : {0.0, 1e-300, -1e-12, 0.5, -3.0, 1.0, 10.0, -20.0}) worst = std::max(worst, RelativeError(smp::DetExp(x), std::exp(x)));
    CHECK(worst < 1e-15);
    CHECK(smp::DetExp(0.0) == 1.0);
    CHECK(smp::DetExp(800.0) == HUGE_VAL);
    CHECK(smp::DetExp(-800.0) == 0.0);
    CHECK(std::isnan(smp::DetExp(std::nan(""))));
    MESSAGE("DetExp: worst relative error " << worst);
}
