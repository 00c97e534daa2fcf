// smp export: the head render (see head_render.h).
//
// [SECTION] Dots on the head
// [SECTION] RenderHead
#include "export/head_render.h"

#include "core/det_math.h"
#include "core/head_shape.h"
#include "core/natural_hair.h"
#include "core/tone_model.h"
#include "export/tone_layer.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

namespace smp {
namespace {

double Dot3(const Vec3& a, const Vec3& b) { return (a.x() * b.x() + a.y() * b.y()) + a.z() * b.z(); }
// a x b, each term written out (as Dot3: a fixed order of operations, the same bytes everywhere).
Vec3 Cross3(const Vec3& a, const Vec3& b) {
    return Vec3(a.y() * b.z() - a.z() * b.y(), a.z() * b.x() - a.x() * b.z(), a.x() * b.y() - a.y() * b.x());
}

// [SECTION] Dots on the head ----------------------------------------------------------------------

// The smallest share of a disc's width seen edge-on that is still drawn (a dot at the silhouette).
constexpr double kMaxStretch = 40.0;
// A strand of hair is up to 6 mm long and 0.08 mm wide: up to 75 times longer than wide.
constexpr double kMaxHairStretch = 100.0;
// Hair seen this obliquely or more is left out: near the silhouette a strand lying on the skin
// would only smudge the outline (a share of the head's radius of 3 % at most).
constexpr double kMinHairFacing = 0.25;

// Whether a head point is hidden by a face part, an ear or the neck from this view.
bool HiddenByFace(const HeadShape& shape, const HeadProjection& view, const Vec3& head_mm, const Vec2& pixel) {
    return CastHead(shape, view.HeadFromPixel(pixel, 0.0), view.toward, 1).depth > view.DepthMm(head_mm) + 1e-3;
}

// The hair as thin ellipses on the image, in the layer before the dots: each strand or stubble in
// the hair's colour; in the tone looks (`skin` given), a shaved design's stubble as its follicular
// unit's whole mark (tone_model.h, ShavedUnitMarkOf), from the shafts under the skin behind the
// point the hair leaves it to the stubble's tip.
void AddNaturalHair(const std::vector<NaturalHair>& hair, const LinearRgb& color, bool stubble, const std::optional<LinearRgb>& skin,
                    const ScalpTemplate& scalp, const HeadShape& shape, const HeadProjection& view, double blur_px, double softness, ToneLayer& layer) {
    const std::optional<ShavedUnitColours> unit_colours = skin && stubble ? std::optional(ShavedUnitColoursOf(color, *skin)) : std::nullopt;
    for (const NaturalHair& h : hair) {
        const std::optional<ShavedUnitMark> mark = unit_colours ? std::optional(ShavedUnitMarkOf(h.length_mm, h.width_mm, *unit_colours)) : std::nullopt;
        const double behind_mm = mark ? mark->behind_mm : 0.0;
        const std::optional<Vec3> root = scalp.HeadFromMap(h.map_mm);
        const std::optional<Vec3> start = scalp.HeadFromMap(h.map_mm - h.along_map * behind_mm);
        const std::optional<Vec3> tip = scalp.HeadFromMap(h.map_mm + h.along_map * h.length_mm);
        if (!root || !start || !tip) continue;
        const Vec3 middle = (*start + *tip) * 0.5;
        const Vec3 normal = scalp.HeadNormal(*root);
        if (!(Dot3(normal, view.toward) > kMinHairFacing)) continue;
        const Vec2 a = view.PixelFromHead(*start), b = view.PixelFromHead(*tip), centre = view.PixelFromHead(middle);
        if (HiddenByFace(shape, view, middle, centre)) continue;
        const double vx = b.x() - a.x(), vy = b.y() - a.y();
        const double length_px = std::sqrt(vx * vx + vy * vy);
        // The mark is flat on the skin: its length and its width (the shaft's, or what spreads a
        // unit's area over its length) both foreshortened, so that its area on the image is its
        // area on the head times how squarely it faces the camera, as a dot's is.
        const double width_mm = mark ? mark->area_mm2 / mark->length_mm : h.width_mm;
        const Vec3 side_dir = Cross3(normal, *tip - *start);
        const double side_len = std::sqrt(Dot3(side_dir, side_dir));
        if (!(side_len > 1e-12)) continue;
        const Vec3 side = side_dir * (width_mm / side_len);
        const Vec2 across = view.PixelFromHead(middle + side) - centre;
        const double area_on_image_px2 = std::fabs(vx * across.y() - vy * across.x());
        const double width_px = length_px > 1e-9 ? area_on_image_px2 / length_px : width_mm * view.px_per_mm;
        ToneDot d;
        d.cx = centre.x();
        d.cy = centre.y();
        if (length_px > 1e-9) {
            d.ux = vx / length_px;
            d.uy = vy / length_px;
        }
        const double long_px = 0.5 * std::max(length_px, width_px), short_px = 0.5 * width_px;
        d.footprint = DotFootprintPx(long_px, blur_px, kMinDotRadiusPx, softness);
        const double short_radius = std::max(std::sqrt(short_px * short_px + blur_px * blur_px), kMinDotRadiusPx);
        d.stretch = std::clamp(d.footprint.radius / short_radius, 1.0, kMaxHairStretch);
        d.area_px2 = std::max(length_px, width_px) * width_px;   // length x width, or a disc's worth for a stub shorter than wide
        if (mark) {
            d.darkening = mark->darkening;   // the shadow multiplies the lit skin; C = 0
        } else {
            d.darkening = {1.0, 1.0, 1.0};
            d.color = color;
        }
        layer.Add(d);
    }
}

Status Invalid(const std::string& message) { return {StatusCode::kInvalidArgument, message}; }

}  // namespace

// [SECTION] RenderHead ----------------------------------------------------------------------------

ToneDot ObliqueDiscToneDot(const Vec2& centre, double normal_x, double normal_y, double facing, double radius_px, double blur_px,
                           double softness) {
    ToneDot d;
    d.cx = centre.x();
    d.cy = centre.y();
    // Seen at an angle, the disc is an ellipse: short along the normal's image direction.
    const double n_len = std::sqrt(normal_x * normal_x + normal_y * normal_y);
    if (n_len > 1e-12) {
        d.ux = -normal_y / n_len;
        d.uy = normal_x / n_len;
    }
    d.footprint = DotFootprintPx(radius_px, blur_px, kMinDotRadiusPx, softness);
    const double short_px = radius_px * facing;
    const double short_radius = std::max(std::sqrt(short_px * short_px + blur_px * blur_px), kMinDotRadiusPx);
    d.stretch = std::clamp(d.footprint.radius / short_radius, 1.0, kMaxStretch);
    d.area_px2 = kDetPi * radius_px * radius_px * facing;
    return d;
}

Expected<HeadProjection> HeadRenderProjection(const ScalpTemplate& scalp, const HeadRenderOptions& options) {
    const HeadFrame frame = DefaultHeadFrame(scalp);
    return MakeHeadProjection(options.camera, frame.look_at_mm, frame.frame_mm, options.width_px, options.width_px);
}

Expected<RgbaImage> RenderHead(const Design& design, const DotPattern& pattern, const HeadRenderOptions& options) {
    if (!pattern.field) return Invalid("the dots have no compiled design (generate them first)");
    const ScalpTemplate* scalp = pattern.field->Scalp();
    if (!scalp) return Invalid("a head view needs a scalp template; this design's template is flat");
    const size_t session_count = design.sessions.size();
    if (pattern.design.sessions.size() != session_count) {
        return Invalid("the dots are of another design (" + std::to_string(pattern.design.sessions.size()) + " sessions, not " +
                       std::to_string(session_count) + ")");
    }
    if (const Status camera = CheckHeadCamera(options.camera); !camera.ok()) return camera;
    if (options.width_px < kMinRenderWidthPx || options.width_px > kMaxHeadRenderWidthPx) {
        return Invalid("width " + std::to_string(options.width_px) + " px is outside " + std::to_string(kMinRenderWidthPx) + ".." +
                       std::to_string(kMaxHeadRenderWidthPx) + " for a head view");
    }
    if (options.up_to_session < 0 || static_cast<size_t>(options.up_to_session) > session_count) {
        return Invalid("session " + std::to_string(options.up_to_session) + " is outside 0.." + std::to_string(session_count));
    }
    if (options.skin_tone < 0 || options.skin_tone >= kSkinToneCount) {
        return Invalid("skin tone " + std::to_string(options.skin_tone) + " is outside 0.." + std::to_string(kSkinToneCount - 1));
    }
    if (options.hair_colour < 0 || options.hair_colour >= kHairColourCount) {
        return Invalid("hair colour " + std::to_string(options.hair_colour) + " is outside 0.." + std::to_string(kHairColourCount - 1));
    }
    if (!(options.years >= 0.0f && options.years <= kMaxFadedYears)) {
        return Invalid("years " + std::to_string(options.years) + " is outside 0.." + std::to_string(static_cast<int>(kMaxFadedYears)));
    }
    if (!(options.viewing_distance_m >= 0.0f && options.viewing_distance_m <= kMaxViewingDistanceM)) {
        return Invalid("viewing distance " + std::to_string(options.viewing_distance_m) + " m is outside 0.." +
                       std::to_string(static_cast<int>(kMaxViewingDistanceM)));
    }
    const int look_index = static_cast<int>(options.look);
    if (look_index < 0 || look_index >= kPreviewModeCount) return Invalid("look " + std::to_string(look_index) + " is not a preview");
    const PreviewRow& look = Preview(options.look);
    const Expected<HeadProjection> projection = HeadRenderProjection(*scalp, options);
    if (!projection.ok()) return projection.status();
    const HeadProjection& view = *projection;
    const HeadShape shape = MakeHeadShape(scalp->HeadSemiAxesMm());

    // The head: 2 x 2 samples a pixel, shaded in linear light.
    const int size = options.width_px;
    RgbaImage image;
    image.width = image.height = size;
    image.rgba.resize(static_cast<size_t>(size) * static_cast<size_t>(size) * 4);
    const SkinTone& skin = SkinToneAt(options.skin_tone);
    const LinearRgb skin_linear = LinearFromSrgb(skin.r, skin.g, skin.b);
    const LinearRgb background = LinearFromSrgb(kCanvasBackgroundRgba.r, kCanvasBackgroundRgba.g, kCanvasBackgroundRgba.b);
    const Vec3 light = HeadLightDirection(view);
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x) {
            LinearRgb sum;
            for (int sample = 0; sample < 4; ++sample) {
                const Vec2 at(x + 0.25 + 0.5 * (sample & 1), y + 0.25 + 0.5 * (sample >> 1));
                const Vec3 base = view.HeadFromPixel(at, 0.0);
                const HeadHit hit = CastHead(shape, base, view.toward);
                LinearRgb c = background;
                if (hit.part >= 0) {
                    const HeadShading skin_at = ShadeHead(shape, base + view.toward * hit.depth, hit.part);
                    const double shade = (kHeadAmbient + kHeadDiffuse * std::max(0.0, Dot3(skin_at.normal, light))) * skin_at.albedo;
                    c = {skin_linear.r * shade, skin_linear.g * shade, skin_linear.b * shade};
                }
                sum.r += c.r;
                sum.g += c.g;
                sum.b += c.b;
            }
            uint8_t* p = image.rgba.data() + (static_cast<size_t>(y) * static_cast<size_t>(size) + static_cast<size_t>(x)) * 4;
            p[0] = LinearToSrgb(0.25 * sum.r);
            p[1] = LinearToSrgb(0.25 * sum.g);
            p[2] = LinearToSrgb(0.25 * sum.b);
            p[3] = 255;
        }
    }

    // The dots facing the camera and not behind the nose or an ear, in the pattern's fixed order.
    const bool tone = look.skin;
    const double years = look.uses_years ? static_cast<double>(options.years) : 0.0;
    const double blur_px = tone ? ViewingBlurRadiusMm(options.viewing_distance_m) * view.px_per_mm : 0.0;
    std::vector<NaturalHair> hair;
    if (options.natural_hair) hair = NaturalHairOf(design, *pattern.field);
    const bool stubble = design.mode == TreatmentMode::kShaved;
    const std::optional<LinearRgb> hair_skin = tone ? std::optional(skin_linear) : std::nullopt;
    const HairColour& hair_srgb = HairColourAt(options.hair_colour);
    const LinearRgb hair_linear = LinearFromSrgb(hair_srgb.r, hair_srgb.g, hair_srgb.b);
    // Before: the head and the client's own hair, without the design.
    RgbaImage before;
    if (options.before_after) {
        before = image;
        ToneLayer hair_only(size, size);
        AddNaturalHair(hair, hair_linear, stubble, hair_skin, *scalp, shape, view, blur_px, look.dot_softness, hair_only);
        hair_only.Apply(before.rgba.data());
    }
    ToneLayer layer(size, size);
    AddNaturalHair(hair, hair_linear, stubble, hair_skin, *scalp, shape, view, blur_px, look.dot_softness, layer);
    for (size_t i = 0; i < pattern.ranked.size(); ++i) {
        const int session = pattern.state[i].session;
        if (session == 0 || (options.up_to_session > 0 && session > options.up_to_session)) continue;
        const Dot dot = pattern.DotAt(i);
        const std::optional<Vec3> on_head = scalp->HeadFromMap(dot.position_mm);
        if (!on_head) continue;
        const Vec3 normal = scalp->HeadNormal(*on_head);
        const double facing = Dot3(normal, view.toward);
        if (!(facing > 0.0)) continue;
        const Vec2 centre = view.PixelFromHead(*on_head);
        if (HiddenByFace(shape, view, *on_head, centre)) continue;
        const double radius_px = 0.5 * (tone ? HealedDotDiameterMm(dot.diameter_mm) : dot.diameter_mm) * view.px_per_mm;
        ToneDot d = ObliqueDiscToneDot(centre, Dot3(normal, view.right), -Dot3(normal, view.up), facing, radius_px, blur_px, look.dot_softness);
        if (tone) {
            d.darkening = DotDarkening(DotPigmentConcentration(dot, design), years, skin_linear);
        } else {
            const Rgba c = SessionRgba(session);
            d.darkening = {1.0, 1.0, 1.0};
            d.color = LinearFromSrgb(c.r, c.g, c.b);
        }
        layer.Add(d);
    }
    layer.Apply(image.rgba.data());

    for (const HeadMarker& marker : options.markers) {
        const Vec2 c = view.PixelFromHead(marker.head_mm);
        if (!c.allFinite() || !(std::fabs(c.x()) < 1e6 && std::fabs(c.y()) < 1e6 && marker.radius_px < 1e4)) continue;
        const double r = marker.radius_px;
        const int x0 = std::max(0, static_cast<int>(std::floor(c.x() - r))), x1 = std::min(size, static_cast<int>(std::floor(c.x() + r)) + 1);
        const int y0 = std::max(0, static_cast<int>(std::floor(c.y() - r))), y1 = std::min(size, static_cast<int>(std::floor(c.y() + r)) + 1);
        for (int y = y0; y < y1; ++y) {
            for (int x = x0; x < x1; ++x) {
                const double dx = x + 0.5 - c.x(), dy = y + 0.5 - c.y();
                if (dx * dx + dy * dy > r * r) continue;
                uint8_t* p = image.rgba.data() + (static_cast<size_t>(y) * static_cast<size_t>(size) + static_cast<size_t>(x)) * 4;
                p[0] = marker.color.r;
                p[1] = marker.color.g;
                p[2] = marker.color.b;
            }
        }
    }
    if (options.before_after) return SideBySide(before, image);
    return image;
}

}  // namespace smp
