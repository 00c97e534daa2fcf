#include "export/tone_layer.h"

#include <algorithm>
#include <cmath>

namespace smp {
namespace {

constexpr int kBandRows = 64;
// Beyond this reach a dot is normalised analytically (DotProfileAreaPx2), not on its pixels.
constexpr double kLargestSummedReachPx = 256.0;

// The dot's profile at the centre of pixel (x, y).
double ProfileAt(const ToneDot& dot, int x, int y) {
    const double dx = x + 0.5 - dot.cx, dy = y + 0.5 - dot.cy;
    const double along = dx * dot.ux + dy * dot.uy;
    const double across = (dy * dot.ux - dx * dot.uy) * dot.stretch;
    return DotProfile(dot.footprint, std::sqrt(along * along + across * across));
}

}  // namespace

void ToneLayer::Add(const ToneDot& dot) {
    if (!(dot.area_px2 > 0.0) || !(dot.footprint.radius > 0.0)) return;
    const double reach = dot.footprint.radius + 0.5 * dot.footprint.edge;
    if (!std::isfinite(dot.cx) || !std::isfinite(dot.cy) || !std::isfinite(reach)) return;
    const double fx0 = std::floor(dot.cx - reach), fx1 = std::floor(dot.cx + reach) + 1.0;
    const double fy0 = std::floor(dot.cy - reach), fy1 = std::floor(dot.cy + reach) + 1.0;
    if (fx1 <= 0.0 || fy1 <= 0.0 || fx0 >= width_ || fy0 >= height_) return;
    Prepared p;
    p.dot = dot;
    p.x0 = static_cast<int>(std::max(0.0, fx0));
    p.x1 = static_cast<int>(std::min(static_cast<double>(width_), fx1));
    p.y0 = static_cast<int>(std::max(0.0, fy0));
    p.y1 = static_cast<int>(std::min(static_cast<double>(height_), fy1));
    if (reach > kLargestSummedReachPx) {
        // A dot far wider than a pixel (an extreme close-up): the profile's own integral is exact
        // enough, and summing it would cost more than the image.
        p.scale = dot.area_px2 / DotProfileAreaPx2(dot.footprint);
    } else {
        // Normalised over the whole footprint, inside the image or not, so a dot at the edge keeps
        // its weight per pixel.
        const int bx0 = static_cast<int>(fx0), bx1 = static_cast<int>(fx1);
        const int by0 = static_cast<int>(fy0), by1 = static_cast<int>(fy1);
        double sum = 0.0;
        for (int y = by0; y < by1; ++y) {
            for (int x = bx0; x < bx1; ++x) sum += ProfileAt(dot, x, y);
        }
        if (!(sum > 0.0)) return;
        p.scale = dot.area_px2 / sum;
    }
    dots_.push_back(p);
}

void ToneLayer::Apply(uint8_t* rgba) const {
    if (dots_.empty() || width_ <= 0 || height_ <= 0) return;
    const int bands = (height_ + kBandRows - 1) / kBandRows;
    std::vector<std::vector<uint32_t>> in_band(static_cast<size_t>(bands));
    for (size_t i = 0; i < dots_.size(); ++i) {
        for (int b = dots_[i].y0 / kBandRows; b <= (dots_[i].y1 - 1) / kBandRows; ++b) in_band[static_cast<size_t>(b)].push_back(static_cast<uint32_t>(i));
    }
    const size_t w = static_cast<size_t>(width_);
    std::vector<double> mul(w * kBandRows * 3), add(w * kBandRows * 3);
    std::vector<uint8_t> touched(w * kBandRows);
    for (int b = 0; b < bands; ++b) {
        if (in_band[static_cast<size_t>(b)].empty()) continue;
        const int row0 = b * kBandRows, row1 = std::min(height_, row0 + kBandRows);
        std::fill(mul.begin(), mul.end(), 1.0);
        std::fill(add.begin(), add.end(), 0.0);
        std::fill(touched.begin(), touched.end(), uint8_t{0});
        for (uint32_t i : in_band[static_cast<size_t>(b)]) {
            const Prepared& p = dots_[i];
            const ToneDot& dot = p.dot;
            const double f[3] = {dot.darkening.r, dot.darkening.g, dot.darkening.b};
            const double c[3] = {dot.color.r, dot.color.g, dot.color.b};
            for (int y = std::max(p.y0, row0); y < std::min(p.y1, row1); ++y) {
                for (int x = p.x0; x < p.x1; ++x) {
                    const double a = std::min(1.0, ProfileAt(dot, x, y) * p.scale);
                    if (!(a > 0.0)) continue;
                    const size_t k = static_cast<size_t>(y - row0) * w + static_cast<size_t>(x);
                    touched[k] = 1;
                    for (int ch = 0; ch < 3; ++ch) {
                        const double keep = 1.0 - a * f[ch];
                        mul[k * 3 + ch] *= keep;
                        add[k * 3 + ch] = add[k * 3 + ch] * keep + a * c[ch];
                    }
                }
            }
        }
        for (int y = row0; y < row1; ++y) {
            for (int x = 0; x < width_; ++x) {
                const size_t k = static_cast<size_t>(y - row0) * w + static_cast<size_t>(x);
                if (!touched[k]) continue;
                uint8_t* px = rgba + (static_cast<size_t>(y) * w + static_cast<size_t>(x)) * 4;
                for (int ch = 0; ch < 3; ++ch) px[ch] = LinearToSrgb(SrgbToLinear(px[ch]) * mul[k * 3 + ch] + add[k * 3 + ch]);
            }
        }
    }
}

}  // namespace smp
