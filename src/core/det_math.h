// smp core: deterministic elementary functions.
//
// libm's sin, cos and atan2 may differ in the last bit between glibc (native) and musl
// (Emscripten), and anything that decides a dot must agree bit for bit on both. These use only
// + - * / and std::sqrt, which IEEE 754 rounds exactly on every platform, evaluated in a fixed
// order (the build has no FP contraction and no fast-math), so they return the same bits
// everywhere. Accuracy: a few units in the last place, well under 1e-14 relative, for the
// arguments the core uses (|x| < 1e5 for the trigonometric functions).
//
// [SECTION] Constants
// [SECTION] Sine and cosine (Cody-Waite reduction by π/2, Taylor polynomials on [-π/4, π/4])
// [SECTION] Arc tangent (reduction to [0, 1], then to |x| <= 1/16 round a multiple of 1/8)
// [SECTION] Exponential (reduction by ln 2, Taylor polynomial on [-ln 2 / 2, ln 2 / 2])
#pragma once

#include <cmath>

namespace smp {

// [SECTION] Constants --------------------------------------------------------------------------

inline constexpr double kDetPi = 0x1.921fb54442d18p+1;       // π rounded to double
inline constexpr double kDetHalfPi = 0x1.921fb54442d18p+0;   // π/2 rounded to double
inline constexpr double kDetDegree = kDetPi / 180.0;         // one degree in radians

namespace det_math_internal {

// π/2 = kPio2A + kPio2B + kPio2C to about 2^-123. A and B have 33 significant bits, so k·A and
// k·B are exact for |k| < 2^20 and x - k·A - k·B loses nothing (Cody and Waite).
inline constexpr double kPio2A = 0x1.921fb544p+0;
inline constexpr double kPio2B = 0x1.0b4611a6p-34;
inline constexpr double kPio2C = 0x1.3198a2e037073p-69;
inline constexpr double kTwoOverPi = 0x1.45f306dc9c883p-1;

// sin r and cos r for |r| <= π/4 (a little beyond is fine): Taylor series to r^19 and r^20,
// whose first omitted terms are below 1e-19. Horner order is fixed.
inline double SinKernel(double r) {
    const double r2 = r * r;
    const double p =
        -1.0 / 6.0 +
        r2 * (1.0 / 120.0 +
              r2 * (-1.0 / 5040.0 +
                    r2 * (1.0 / 362880.0 +
                          r2 * (-1.0 / 39916800.0 +
                                r2 * (1.0 / 6227020800.0 +
                                      r2 * (-1.0 / 1307674368000.0 +
                                            r2 * (1.0 / 355687428096000.0 +
                                                  r2 * (-1.0 / 121645100408832000.0))))))));
    return r + (r * r2) * p;
}

inline double CosKernel(double r) {
    const double r2 = r * r;
    const double p =
        1.0 / 24.0 +
        r2 * (-1.0 / 720.0 +
              r2 * (1.0 / 40320.0 +
                    r2 * (-1.0 / 3628800.0 +
                          r2 * (1.0 / 479001600.0 +
                                r2 * (-1.0 / 87178291200.0 +
                                      r2 * (1.0 / 20922789888000.0 +
                                            r2 * (-1.0 / 6402373705728000.0 +
                                                  r2 * (1.0 / 2432902008176640000.0))))))));
    return 1.0 - (0.5 * r2 - (r2 * r2) * p);
}

// x = k·π/2 + r with |r| <= π/4 (about), and k mod 4 as 0..3.
inline double ReduceHalfPi(double x, int* quadrant) {
    const double k = std::round(x * kTwoOverPi);
    const double r = ((x - k * kPio2A) - k * kPio2B) - k * kPio2C;
    const double k_mod4 = k - 4.0 * std::floor(k * 0.25);   // exact for |k| < 2^52
    *quadrant = static_cast<int>(k_mod4);
    return r;
}

// atan(k/8), k = 0..8, correctly rounded (computed to 60 digits).
inline constexpr double kAtanEighths[9] = {
    0.0,
    0x1.fd5ba9aac2f6ep-4,   // 0.12435499454676143503
    0x1.f5b75f92c80ddp-3,   // 0.24497866312686415417
    0x1.6f61941e4def1p-2,   // 0.35877067027057222040
    0x1.dac670561bb4fp-2,   // 0.46364760900080611621
    0x1.1e00babdefeb4p-1,   // 0.55859931534356243597
    0x1.4978fa3269ee1p-1,   // 0.64350110879328438680
    0x1.700a7c5784634p-1,   // 0.71882999962162450542
    0x1.921fb54442d18p-1,   // 0.78539816339744830962 (π/4)
};

// atan t for 0 <= t <= 1: atan t = atan c + atan((t - c) / (1 + t c)) with c the nearest
// multiple of 1/8, which leaves |x| <= 1/16, where the series to x^19 is exact to 1e-24.
inline double AtanUnit(double t) {
    const double k = std::floor(t * 8.0 + 0.5);
    const double c = k * 0.125;
    const double x = (t - c) / (1.0 + t * c);
    const double x2 = x * x;
    const double p =
        -1.0 / 3.0 +
        x2 * (1.0 / 5.0 +
              x2 * (-1.0 / 7.0 +
                    x2 * (1.0 / 9.0 +
                          x2 * (-1.0 / 11.0 +
                                x2 * (1.0 / 13.0 + x2 * (-1.0 / 15.0 + x2 * (1.0 / 17.0 + x2 * (-1.0 / 19.0))))))));
    return kAtanEighths[static_cast<int>(k)] + (x + (x * x2) * p);
}

// ln 2 = kLn2Hi + kLn2Lo (fdlibm's split: kLn2Hi has 32 trailing zero bits, so k·kLn2Hi is exact
// for |k| < 2^20).
inline constexpr double kLn2Hi = 0x1.62e42feep-1;
inline constexpr double kLn2Lo = 0x1.a39ef35793c76p-33;
inline constexpr double kInvLn2 = 0x1.71547652b82fep+0;

}  // namespace det_math_internal

// [SECTION] Sine and cosine --------------------------------------------------------------------

inline double DetSin(double x) {
    int quadrant = 0;
    const double r = det_math_internal::ReduceHalfPi(x, &quadrant);
    switch (quadrant) {
        case 0: return det_math_internal::SinKernel(r);
        case 1: return det_math_internal::CosKernel(r);
        case 2: return -det_math_internal::SinKernel(r);
        default: return -det_math_internal::CosKernel(r);
    }
}

inline double DetCos(double x) {
    int quadrant = 0;
    const double r = det_math_internal::ReduceHalfPi(x, &quadrant);
    switch (quadrant) {
        case 0: return det_math_internal::CosKernel(r);
        case 1: return -det_math_internal::SinKernel(r);
        case 2: return -det_math_internal::CosKernel(r);
        default: return det_math_internal::SinKernel(r);
    }
}

// [SECTION] Arc tangent ------------------------------------------------------------------------

inline double DetAtan(double x) {
    if (std::isnan(x)) return x;
    const double t = std::fabs(x);
    const double a = t <= 1.0 ? det_math_internal::AtanUnit(t)
                              : kDetHalfPi - det_math_internal::AtanUnit(1.0 / t);
    return std::copysign(a, x);
}

// Angle of (x, y) in [-π, π], with std::atan2's signs for zeros. Both zero gives ±0 or ±π.
inline double DetAtan2(double y, double x) {
    if (std::isnan(x) || std::isnan(y)) return x + y;
    const double ax = std::fabs(x), ay = std::fabs(y);
    double a;
    if (ax == 0.0 && ay == 0.0) {
        a = 0.0;
    } else if (ay <= ax) {
        a = det_math_internal::AtanUnit(ay / ax);
    } else {
        a = kDetHalfPi - det_math_internal::AtanUnit(ax / ay);
    }
    if (std::signbit(x)) a = kDetPi - a;
    return std::copysign(a, y);
}

// asin and acos for |x| <= 1 (NaN outside), through atan2 so they stay accurate near ±1.
inline double DetAsin(double x) { return DetAtan2(x, std::sqrt((1.0 - x) * (1.0 + x))); }
inline double DetAcos(double x) { return DetAtan2(std::sqrt((1.0 - x) * (1.0 + x)), x); }

// [SECTION] Exponential ------------------------------------------------------------------------

// e^x: x = k ln 2 + r with |r| <= ln 2 / 2, e^r by its Taylor series to r^16 (the first omitted
// term is below 1e-19 relative), then scaled by 2^k with ldexp, which is exact. 0 below -745,
// infinity above 709.78, NaN for NaN.
inline double DetExp(double x) {
    if (std::isnan(x)) return x;
    if (x > 709.78) return HUGE_VAL;
    if (x < -745.2) return 0.0;
    const double k = std::round(x * det_math_internal::kInvLn2);
    const double r = (x - k * det_math_internal::kLn2Hi) - k * det_math_internal::kLn2Lo;
    double term = 1.0, sum = 1.0;
    for (int n = 1; n <= 16; ++n) {
        term = term * r / n;
        sum += term;
    }
    return std::ldexp(sum, static_cast<int>(k));
}

}  // namespace smp
