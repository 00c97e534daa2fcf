// smp export: the CPU renderer.
//
// [SECTION] Canvas: an RGBA image and integer blending
// [SECTION] Shapes: filled polygons (4 sub-scanlines, exact horizontal coverage), strokes
// [SECTION] Dots: the GL renderer's discs (plan); the tone model (healed, faded: tone_layer.h)
// [SECTION] RenderDesign
#include "export/raster.h"

#include "core/det_math.h"
#include "core/tone_model.h"
#include "export/dot_palette.h"
#include "export/preview.h"
#include "export/tone_layer.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace smp {
namespace {

// [SECTION] Canvas ------------------------------------------------------------------------------

struct Canvas {
    int width = 0, height = 0;
    std::vector<uint8_t> rgba;
    std::vector<float> mask;   // stroke coverage, kept at 0 between strokes

    void Clear(Rgba color) {
        rgba.resize(static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
        for (size_t i = 0; i < rgba.size(); i += 4) {
            rgba[i] = color.r;
            rgba[i + 1] = color.g;
            rgba[i + 2] = color.b;
            rgba[i + 3] = 255;
        }
    }

    // Source-over with `opacity` (0..1) of `color` (its own alpha included). Opacity is quantised
    // to 1/65535 and the mix done in integers, so rounding is the same everywhere.
    void Blend(int x, int y, Rgba color, double opacity) {
        const double a = opacity * color.a / 255.0;
        if (!(a > 0.0)) return;
        const uint32_t a16 = a >= 1.0 ? 65535u : static_cast<uint32_t>(a * 65535.0 + 0.5);
        if (a16 == 0) return;
        uint8_t* p = rgba.data() + (static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 4;
        const uint32_t keep = 65535u - a16;
        p[0] = static_cast<uint8_t>((color.r * a16 + p[0] * keep + 32767u) / 65535u);
        p[1] = static_cast<uint8_t>((color.g * a16 + p[1] * keep + 32767u) / 65535u);
        p[2] = static_cast<uint8_t>((color.b * a16 + p[2] * keep + 32767u) / 65535u);
    }
};

// A pixel range [lo, hi) covering [min_px, max_px], clamped to [0, limit). Empty when outside.
struct Span {
    int lo = 0, hi = 0;
};
Span PixelSpan(double min_px, double max_px, int limit) {
    const double lo = std::max(0.0, std::floor(min_px));
    const double hi = std::min(static_cast<double>(limit), std::floor(max_px) + 1.0);
    if (!(lo < hi)) return {};
    return {static_cast<int>(lo), static_cast<int>(hi)};
}

// Millimetres on the template to pixels of the image.
struct MapToImage {
    Vec2 origin_mm;
    double px_per_mm = 1.0;
    Vec2 operator()(const Vec2& p_mm) const { return (p_mm - origin_mm) * px_per_mm; }
};

// [SECTION] Shapes ------------------------------------------------------------------------------

// Even-odd fill. Each pixel row is sampled on 4 sub-scanlines; along each, the spans between edge
// crossings cover pixels exactly (fractions at their ends), so edges are antialiased both ways.
void FillPolygon(Canvas& canvas, const std::vector<Vec2>& polygon_px, Rgba color) {
    if (polygon_px.size() < 3) return;
    double min_y = polygon_px[0].y(), max_y = min_y;
    for (const Vec2& p : polygon_px) {
        min_y = std::min(min_y, p.y());
        max_y = std::max(max_y, p.y());
    }
    const Span rows = PixelSpan(min_y, max_y, canvas.height);
    constexpr int kSubRows = 4;
    std::vector<double> coverage(static_cast<size_t>(canvas.width), 0.0);
    std::vector<double> crossings;
    for (int y = rows.lo; y < rows.hi; ++y) {
        int touched_lo = canvas.width, touched_hi = 0;
        for (int s = 0; s < kSubRows; ++s) {
            const double sy = y + (s + 0.5) / kSubRows;
            crossings.clear();
            for (size_t i = 0; i < polygon_px.size(); ++i) {
                const Vec2& a = polygon_px[i];
                const Vec2& b = polygon_px[(i + 1) % polygon_px.size()];
                if ((a.y() <= sy) == (b.y() <= sy)) continue;
                crossings.push_back(a.x() + (sy - a.y()) * (b.x() - a.x()) / (b.y() - a.y()));
            }
            std::sort(crossings.begin(), crossings.end());
            for (size_t k = 0; k + 1 < crossings.size(); k += 2) {
                const double x0 = std::max(0.0, crossings[k]);
                const double x1 = std::min(static_cast<double>(canvas.width), crossings[k + 1]);
                if (!(x0 < x1)) continue;
                const int first = static_cast<int>(x0), last = std::min(canvas.width - 1, static_cast<int>(x1));
                for (int x = first; x <= last; ++x) {
                    const double covered = std::min(x1, x + 1.0) - std::max(x0, static_cast<double>(x));
                    if (covered > 0.0) coverage[static_cast<size_t>(x)] += covered / kSubRows;
                }
                touched_lo = std::min(touched_lo, first);
                touched_hi = std::max(touched_hi, last + 1);
            }
        }
        for (int x = touched_lo; x < touched_hi; ++x) {
            double& c = coverage[static_cast<size_t>(x)];
            canvas.Blend(x, y, color, std::min(1.0, c));
            c = 0.0;
        }
    }
}

// Strokes go into the mask first (the largest coverage of any segment per pixel), then blend once:
// a translucent line stays even where its segments meet.
struct StrokeMask {
    Canvas& canvas;
    int lo_x, lo_y, hi_x = 0, hi_y = 0;

    explicit StrokeMask(Canvas& c) : canvas(c), lo_x(c.width), lo_y(c.height) {
        canvas.mask.resize(static_cast<size_t>(canvas.width) * static_cast<size_t>(canvas.height), 0.0f);
    }

    void Segment(const Vec2& a, const Vec2& b, double width_px) {
        const double half = 0.5 * width_px;
        const double reach = half + 1.0;
        const Span xs = PixelSpan(std::min(a.x(), b.x()) - reach, std::max(a.x(), b.x()) + reach, canvas.width);
        const Span ys = PixelSpan(std::min(a.y(), b.y()) - reach, std::max(a.y(), b.y()) + reach, canvas.height);
        if (xs.lo >= xs.hi || ys.lo >= ys.hi) return;
        lo_x = std::min(lo_x, xs.lo);
        hi_x = std::max(hi_x, xs.hi);
        lo_y = std::min(lo_y, ys.lo);
        hi_y = std::max(hi_y, ys.hi);
        for (int y = ys.lo; y < ys.hi; ++y) {
            for (int x = xs.lo; x < xs.hi; ++x) {
                const double d = SegmentDistanceMm(Vec2(x + 0.5, y + 0.5), a, b);
                const double c = std::clamp(half + 0.5 - d, 0.0, 1.0);
                float& m = canvas.mask[static_cast<size_t>(y) * static_cast<size_t>(canvas.width) + static_cast<size_t>(x)];
                m = std::max(m, static_cast<float>(c));
            }
        }
    }

    void Path(const std::vector<Vec2>& points_px, double width_px, bool closed) {
        if (points_px.size() < 2) return;
        for (size_t i = 0; i + 1 < points_px.size(); ++i) Segment(points_px[i], points_px[i + 1], width_px);
        if (closed) Segment(points_px.back(), points_px.front(), width_px);
    }

    void Blend(Rgba color) {
        for (int y = lo_y; y < hi_y; ++y) {
            for (int x = lo_x; x < hi_x; ++x) {
                float& m = canvas.mask[static_cast<size_t>(y) * static_cast<size_t>(canvas.width) + static_cast<size_t>(x)];
                if (m > 0.0f) canvas.Blend(x, y, color, m);
                m = 0.0f;
            }
        }
        lo_x = canvas.width;
        lo_y = canvas.height;
        hi_x = hi_y = 0;
    }
};

std::vector<Vec2> ToImage(const std::vector<Vec2>& points_mm, const MapToImage& map) {
    std::vector<Vec2> points;
    points.reserve(points_mm.size());
    for (const Vec2& p : points_mm) points.push_back(map(p));
    return points;
}

// [SECTION] Dots --------------------------------------------------------------------------------

// shaders/dots.vert + dots.frag on the CPU: the disc at least kMinDotRadiusPx wide (fainter by the
// area it borrows), coverage 1 - smoothstep over an edge max(1 px, softness · radius) wide.
void DrawDot(Canvas& canvas, const Vec2& center_px, double diameter_px, Rgba color, double softness, bool fade_tiny) {
    const double true_radius = 0.5 * diameter_px;
    const double radius = std::max(true_radius, kMinDotRadiusPx);
    const double area_share = fade_tiny ? (true_radius * true_radius) / (radius * radius) : 1.0;
    const double edge = std::max(1.0, softness * radius);
    const double inner = radius - 0.5 * edge, outer = radius + 0.5 * edge;
    const Span xs = PixelSpan(center_px.x() - outer, center_px.x() + outer, canvas.width);
    const Span ys = PixelSpan(center_px.y() - outer, center_px.y() + outer, canvas.height);
    for (int y = ys.lo; y < ys.hi; ++y) {
        const double dy = y + 0.5 - center_px.y();
        for (int x = xs.lo; x < xs.hi; ++x) {
            const double dx = x + 0.5 - center_px.x();
            const double d2 = dx * dx + dy * dy;
            if (d2 >= outer * outer) continue;
            const double coverage = 1.0 - SmoothStep((std::sqrt(d2) - inner) / (outer - inner));
            canvas.Blend(x, y, color, coverage * area_share);
        }
    }
}

Status Invalid(const std::string& message) { return {StatusCode::kInvalidArgument, message}; }

}  // namespace

// [SECTION] RenderDesign ------------------------------------------------------------------------

RgbaImage SideBySide(const RgbaImage& left, const RgbaImage& right) {
    RgbaImage both;
    both.width = left.width + right.width;
    both.height = std::min(left.height, right.height);
    both.rgba.resize(static_cast<size_t>(both.width) * static_cast<size_t>(both.height) * 4);
    const size_t left_row = static_cast<size_t>(left.width) * 4, right_row = static_cast<size_t>(right.width) * 4;
    for (int y = 0; y < both.height; ++y) {
        uint8_t* out = both.rgba.data() + static_cast<size_t>(y) * (left_row + right_row);
        std::copy_n(left.PixelAt(0, y), left_row, out);
        std::copy_n(right.PixelAt(0, y), right_row, out + left_row);
    }
    return both;
}

Expected<ImageSize> RenderSize(const RectMm& frame_mm, int width_px) {
    if (width_px < kMinRenderWidthPx || width_px > kMaxRenderWidthPx) {
        return Invalid("width " + std::to_string(width_px) + " px is outside " + std::to_string(kMinRenderWidthPx) + ".." +
                       std::to_string(kMaxRenderWidthPx));
    }
    const double w_mm = frame_mm.WidthMm(), h_mm = frame_mm.HeightMm();
    if (!std::isfinite(frame_mm.min_mm.x()) || !std::isfinite(frame_mm.min_mm.y()) || !std::isfinite(w_mm) ||
        !std::isfinite(h_mm) || !(w_mm > 0.0) || !(h_mm > 0.0)) {
        return Invalid("crop must be a finite rectangle of positive size, got " + std::to_string(w_mm) + " x " +
                       std::to_string(h_mm) + " mm");
    }
    ImageSize size;
    size.width = width_px;
    size.px_per_mm = width_px / w_mm;
    const double height = std::round(h_mm * size.px_per_mm);
    if (!(height <= kMaxRenderHeightPx)) {
        return Invalid("width " + std::to_string(width_px) + " px gives a height of " + std::to_string(static_cast<long long>(std::min(height, 1e15))) +
                       " px for this crop; the limit is " + std::to_string(kMaxRenderHeightPx));
    }
    size.height = std::max(1, static_cast<int>(height));
    return size;
}

Expected<RgbaImage> RenderDesign(const Design& design, const DotPattern& pattern, const RenderOptions& options) {
    if (!pattern.field) return Invalid("the dots have no compiled design (generate them first)");
    const size_t session_count = design.sessions.size();
    if (pattern.design.sessions.size() != session_count) {
        return Invalid("the dots are of another design (" + std::to_string(pattern.design.sessions.size()) + " sessions, not " +
                       std::to_string(session_count) + ")");
    }
    if (options.up_to_session < 0 || static_cast<size_t>(options.up_to_session) > session_count) {
        return Invalid("session " + std::to_string(options.up_to_session) + " is outside 0.." + std::to_string(session_count) +
                       " (the design has " + std::to_string(session_count) + " sessions)");
    }
    if (options.highlight_session < 0 || static_cast<size_t>(options.highlight_session) > session_count) {
        return Invalid("highlighted session " + std::to_string(options.highlight_session) + " is outside 0.." + std::to_string(session_count));
    }
    if (options.skin_tone < 0 || options.skin_tone >= kSkinToneCount) {
        return Invalid("skin tone " + std::to_string(options.skin_tone) + " is outside 0.." + std::to_string(kSkinToneCount - 1));
    }
    if (!(options.viewing_distance_m >= 0.0f && options.viewing_distance_m <= kMaxViewingDistanceM)) {
        return Invalid("viewing distance " + std::to_string(options.viewing_distance_m) + " m is outside 0.." +
                       std::to_string(static_cast<int>(kMaxViewingDistanceM)));
    }
    if (!(options.years >= 0.0f && options.years <= kMaxFadedYears)) {
        return Invalid("years " + std::to_string(options.years) + " is outside 0.." + std::to_string(static_cast<int>(kMaxFadedYears)));
    }
    const int view_index = static_cast<int>(options.view);
    if (view_index < 0 || view_index >= kPreviewModeCount) return Invalid("view " + std::to_string(view_index) + " is not a preview");
    const PreviewRow& preview = Preview(options.view);
    const DensityField& field = *pattern.field;
    RectMm frame = field.FrameMm();
    const Vec2 margin_mm = Vec2::Constant(frame.WidthMm() * kDefaultMarginShare);
    frame = options.crop_mm.value_or(RectMm{frame.min_mm - margin_mm, frame.max_mm + margin_mm});
    const Expected<ImageSize> size = RenderSize(frame, options.width_px);
    if (!size.ok()) return size.status();

    Canvas canvas;
    canvas.width = size->width;
    canvas.height = size->height;
    canvas.Clear(kCanvasBackgroundRgba);
    const MapToImage map{frame.min_mm, size->px_per_mm};
    // Lines as the canvas draws them at 1x up to about 1000 px wide, thicker on larger images.
    const double line_scale = std::max(1.0, size->width / 1000.0);

    const ScalpTemplate* scalp = field.Scalp();
    const RectMm field_frame = field.FrameMm();
    const PolygonMm outline_mm = scalp ? scalp->Outline()
                                       : PolygonMm{field_frame.min_mm, Vec2(field_frame.max_mm.x(), field_frame.min_mm.y()),
                                                   field_frame.max_mm, Vec2(field_frame.min_mm.x(), field_frame.max_mm.y())};
    const std::vector<Vec2> outline_px = ToImage(outline_mm, map);
    const SkinTone& skin = SkinToneAt(options.skin_tone);
    FillPolygon(canvas, outline_px, preview.skin ? Rgba{skin.r, skin.g, skin.b, 255} : kScalpFillRgba);

    StrokeMask strokes(canvas);
    if (preview.planning_marks && scalp) {
        for (const ZoneBorder& border : scalp->ZoneBorders()) strokes.Path(ToImage(border.points_mm, map), 1.0 * line_scale, false);
        strokes.Blend(kZoneBorderRgba);
    }

    // Dots, in the pattern's fixed order. Pigment in skin (healed, faded): the tone model, in linear
    // light; the plan: the canvas' discs.
    const bool by_session = options.view == PreviewMode::kPlan;   // the highlight mutes other sessions' colours
    const bool tone = preview.skin;
    ToneLayer layer(canvas.width, canvas.height);
    const LinearRgb skin_linear = LinearFromSrgb(skin.r, skin.g, skin.b);
    const double years = preview.uses_years ? static_cast<double>(options.years) : 0.0;
    const double blur_px = ViewingBlurRadiusMm(options.viewing_distance_m) * size->px_per_mm;
    for (size_t i = 0; i < pattern.ranked.size(); ++i) {
        const int session = pattern.state[i].session;
        if (session == 0 || (options.up_to_session > 0 && session > options.up_to_session)) continue;
        const Dot dot = pattern.DotAt(i);
        if (tone) {
            ToneDot tone_dot;
            const Vec2 center = map(dot.position_mm);
            tone_dot.cx = center.x();
            tone_dot.cy = center.y();
            const double healed_radius_px = 0.5 * HealedDotDiameterMm(dot.diameter_mm) * size->px_per_mm;
            tone_dot.footprint = DotFootprintPx(healed_radius_px, blur_px, kMinDotRadiusPx, preview.dot_softness);
            tone_dot.area_px2 = kDetPi * healed_radius_px * healed_radius_px;
            tone_dot.darkening = DotDarkening(DotPigmentConcentration(dot, design), years, skin_linear);
            layer.Add(tone_dot);
            continue;
        }
        Rgba color = preview.dot_color(dot, design, options.years);
        if (by_session && options.highlight_session > 0 && session != options.highlight_session) {
            color = Rgba{kMutedDotRgb[0], kMutedDotRgb[1], kMutedDotRgb[2], 255};
        }
        DrawDot(canvas, map(dot.position_mm), dot.diameter_mm * size->px_per_mm, color, preview.dot_softness, options.fade_tiny_dots);
    }
    layer.Apply(canvas.rgba.data());

    strokes.Path(outline_px, 2.5 * line_scale, true);
    strokes.Blend(kScalpOutlineRgba);
    if (preview.planning_marks) {
        if (field.Hairline()) {
            strokes.Path(ToImage(field.Hairline()->LineMm(), map), 1.5 * line_scale, false);
            strokes.Blend(kHairlineRgba);
        }
        for (const ScarSpec& scar : design.scars) {
            const std::vector<Vec2> points = ToImage(scar.points_mm, map);
            if (scar.kind == ScarSpec::Kind::kFutStrip) {
                // The strip at its real width, translucent, with its centre line.
                strokes.Path(points, std::max(2.0 * line_scale, scar.width_mm * size->px_per_mm), false);
                strokes.Blend(kScarStripFillRgba);
                strokes.Path(points, 1.0 * line_scale, false);
            } else {
                strokes.Path(points, 1.5 * line_scale, true);
            }
            strokes.Blend(kScarRgba);
        }
    }

    RgbaImage image;
    image.width = canvas.width;
    image.height = canvas.height;
    image.rgba = std::move(canvas.rgba);
    return image;
}

}  // namespace smp
