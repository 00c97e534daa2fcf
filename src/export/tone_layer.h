// smp export: dots composited in linear light over an sRGB image (the tone model's step 4).
//
// Shared by the map renderer (raster.cpp) and the head renderer (head_render.cpp). Each dot is a
// disc or, on the head, the ellipse a disc becomes when seen at an angle, with the tone model's
// smooth edge (DotFootprint). Its coverage is normalised on the pixels it touches, so that the
// coverage it spreads sums to exactly `area_px2` whatever its size against a pixel: a zone's mean
// is exact at any zoom and any blur. Per pixel and channel, in the order dots were added:
//
//     p ← p · (1 − a · F) + a · C
//
// with a the dot's coverage of the pixel: F = the tone model's darkening and C = 0 for pigment in
// skin (the shadow multiplies), F = 1 and C = a colour for a plain mix (the head's plan look).
// Only + - * / and sqrt in double precision, in a fixed order, and table-based sRGB conversions:
// the same bytes natively and in WebAssembly. Memory: one band of rows at a time.
#pragma once

#include "core/tone_model.h"

#include <cstdint>
#include <vector>

namespace smp {

struct ToneDot {
    double cx = 0.0, cy = 0.0;   // centre, px (pixel (i, j) covers [i, i + 1) x [j, j + 1))
    // The footprint's long axis as a unit vector, and how much longer it is than the short one
    // (1: a circle). The profile is DotProfile of the distance with the short axis stretched.
    double ux = 1.0, uy = 0.0;
    double stretch = 1.0;
    DotFootprint footprint;      // radius and edge along the long axis, px
    double area_px2 = 0.0;       // the coverage the dot spreads in all (its true area on the image)
    LinearRgb darkening;         // F per channel, 0..1
    LinearRgb color;             // C per channel, linear
};

class ToneLayer {
public:
    ToneLayer(int width, int height) : width_(width), height_(height) {}
    // Adds a dot (nothing when it falls wholly outside the image or spreads no coverage).
    void Add(const ToneDot& dot);
    // Composites every dot added, in order, onto `rgba` (width x height, 4 bytes a pixel, sRGB;
    // alpha untouched). Pixels no dot touches keep their bytes.
    void Apply(uint8_t* rgba) const;
    size_t DotCount() const { return dots_.size(); }

private:
    struct Prepared {
        ToneDot dot;
        double scale = 0.0;   // area_px2 / Σ profile over the pixels
        int x0 = 0, y0 = 0, x1 = 0, y1 = 0;   // pixel box [x0, x1) x [y0, y1), clamped to the image
    };
    int width_ = 0, height_ = 0;
    std::vector<Prepared> dots_;
};

}  // namespace smp
