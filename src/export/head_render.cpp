// smp export: the head render (see head_render.h).
//
// [SECTION] The stylised head: ellipsoids and a neck, ray cast
// [SECTION] Dots on the head
// [SECTION] RenderHead
#include "export/head_render.h"

#include "core/det_math.h"
#include "core/tone_model.h"
#include "export/tone_layer.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

namespace smp {
namespace {

double Dot3(const Vec3& a, const Vec3& b) { return (a.x() * b.x() + a.y() * b.y()) + a.z() * b.z(); }
Vec3 Unit3(const Vec3& a) { return a * (1.0 / std::sqrt(Dot3(a, a))); }

// [SECTION] The stylised head ---------------------------------------------------------------------
// Proportions of a neutral adult head as shares of the template's semi-axes (a half-width, b
// half-length, c height above the tape plane): drawn so the head reads as one, not measured.

struct Ellipsoid {
    Vec3 centre, radii;   // axis-aligned, mm
};

struct HeadShape {
    Ellipsoid cranium;           // the template's own ellipsoid: the scalp the dots are on
    Ellipsoid nose, ear_left, ear_right, brow, eye_left, eye_right;
    double neck_x = 0.0, neck_y = 0.0, neck_rx = 0.0, neck_ry = 0.0, neck_top_z = 0.0;   // elliptic cylinder below neck_top_z
};

HeadShape MakeHeadShape(const Vec3& axes) {
    const double a = axes.x(), b = axes.y(), c = axes.z();
    HeadShape s;
    s.cranium = {Vec3::Zero(), axes};
    // The nose: from the brow line (the tape plane) down to about 0.5 c, standing out of the face.
    const double nose_z = -0.36 * c;
    const double face_y = b * std::sqrt(1.0 - (nose_z / c) * (nose_z / c));
    s.nose = {Vec3(0.0, face_y - 0.02 * b, nose_z), Vec3(0.12 * a, 0.16 * b, 0.2 * c)};
    // Ears: their roots' tops on the tape plane (as the template has them), about 60 mm tall.
    const double ear_z = -0.24 * c;
    const double side_x = a * std::sqrt(1.0 - (ear_z / c) * (ear_z / c));
    s.ear_right = {Vec3(side_x + 0.02 * a, -0.08 * b, ear_z), Vec3(0.1 * a, 0.17 * b, 0.27 * c)};
    s.ear_left = {Vec3(-(side_x + 0.02 * a), -0.08 * b, ear_z), Vec3(0.1 * a, 0.17 * b, 0.27 * c)};
    // A brow ridge just below the tape plane (which runs above the brows), and the eyes under it,
    // each just standing out of the face.
    auto on_face = [&](double x, double z, double rise) {
        const double u = x / a, v = z / c;
        return Vec3(x, b * std::sqrt(std::max(0.0, 1.0 - u * u - v * v)) + rise, z);
    };
    s.brow = {on_face(0.0, -0.07 * c, -0.08 * b), Vec3(0.55 * a, 0.105 * b, 0.05 * c)};
    s.eye_right = {on_face(0.36 * a, -0.2 * c, -0.07 * b), Vec3(0.16 * a, 0.1 * b, 0.055 * c)};
    s.eye_left = {on_face(-0.36 * a, -0.2 * c, -0.07 * b), Vec3(0.16 * a, 0.1 * b, 0.055 * c)};
    // The neck rises into the head from behind the chin; its top stays inside the head.
    s.neck_x = 0.0;
    s.neck_y = -0.25 * b;
    s.neck_rx = 0.6 * a;
    s.neck_ry = 0.45 * b;
    s.neck_top_z = -0.55 * c;
    return s;
}

// A ray: the points base + toward · t (t = depth towards the camera); the nearest hit has the
// largest t.
struct Ray {
    Vec3 base, toward;
};

struct Hit {
    double depth = -HUGE_VAL;
    Vec3 normal = Vec3::Zero();
    int part = -1;   // kCranium, kNose, ...
};

enum Part { kCranium = 0, kNose, kEar, kNeck, kBrow, kEye };
// Each part's shade of the skin: the eyes read as shadowed sockets.
double PartAlbedo(int part) { return part == kEye ? 0.45 : 1.0; }

void HitEllipsoid(const Ray& ray, const Ellipsoid& e, int part, Hit& hit) {
    const Vec3 q((ray.base.x() - e.centre.x()) / e.radii.x(), (ray.base.y() - e.centre.y()) / e.radii.y(),
                 (ray.base.z() - e.centre.z()) / e.radii.z());
    const Vec3 w(ray.toward.x() / e.radii.x(), ray.toward.y() / e.radii.y(), ray.toward.z() / e.radii.z());
    const double A = Dot3(w, w), B = Dot3(q, w), C = Dot3(q, q) - 1.0;
    const double disc = B * B - A * C;
    if (!(disc >= 0.0)) return;
    const double t = (-B + std::sqrt(disc)) / A;
    if (!(t > hit.depth)) return;
    const Vec3 p = ray.base + ray.toward * t - e.centre;
    hit.depth = t;
    hit.normal = Unit3(Vec3(p.x() / (e.radii.x() * e.radii.x()), p.y() / (e.radii.y() * e.radii.y()), p.z() / (e.radii.z() * e.radii.z())));
    hit.part = part;
}

void HitNeck(const Ray& ray, const HeadShape& s, Hit& hit) {
    const double qx = (ray.base.x() - s.neck_x) / s.neck_rx, qy = (ray.base.y() - s.neck_y) / s.neck_ry;
    const double wx = ray.toward.x() / s.neck_rx, wy = ray.toward.y() / s.neck_ry;
    const double A = wx * wx + wy * wy, B = qx * wx + qy * wy, C = qx * qx + qy * qy - 1.0;
    if (!(A > 1e-12)) return;   // looking along the neck
    const double disc = B * B - A * C;
    if (!(disc >= 0.0)) return;
    const double t = (-B + std::sqrt(disc)) / A;
    const Vec3 p = ray.base + ray.toward * t;
    if (!(p.z() <= s.neck_top_z) || !(t > hit.depth)) return;
    hit.depth = t;
    hit.normal = Unit3(Vec3((p.x() - s.neck_x) / (s.neck_rx * s.neck_rx), (p.y() - s.neck_y) / (s.neck_ry * s.neck_ry), 0.0));
    hit.part = kNeck;
}

Hit CastParts(const Ray& ray, const HeadShape& s, bool with_cranium) {
    Hit hit;
    if (with_cranium) HitEllipsoid(ray, s.cranium, kCranium, hit);
    HitEllipsoid(ray, s.nose, kNose, hit);
    HitEllipsoid(ray, s.ear_left, kEar, hit);
    HitEllipsoid(ray, s.ear_right, kEar, hit);
    HitEllipsoid(ray, s.brow, kBrow, hit);
    HitEllipsoid(ray, s.eye_left, kEye, hit);
    HitEllipsoid(ray, s.eye_right, kEye, hit);
    HitNeck(ray, s, hit);
    return hit;
}

// One light from the camera's upper left front, and ambient light, so that the head's form reads.
constexpr double kAmbient = 0.38, kDiffuse = 0.62;

// [SECTION] Dots on the head ----------------------------------------------------------------------

// The smallest share of a disc's width seen edge-on that is still drawn (a dot at the silhouette).
constexpr double kMaxStretch = 40.0;

Status Invalid(const std::string& message) { return {StatusCode::kInvalidArgument, message}; }

}  // namespace

// [SECTION] RenderHead ----------------------------------------------------------------------------

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
    const Vec3 light = Unit3(view.right * -0.45 + view.up * 0.55 + view.toward * 0.7);
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x) {
            LinearRgb sum;
            for (int sample = 0; sample < 4; ++sample) {
                const Vec2 at(x + 0.25 + 0.5 * (sample & 1), y + 0.25 + 0.5 * (sample >> 1));
                const Hit hit = CastParts({view.HeadFromPixel(at, 0.0), view.toward}, shape, true);
                LinearRgb c = background;
                if (hit.part >= 0) {
                    const double shade = (kAmbient + kDiffuse * std::max(0.0, Dot3(hit.normal, light))) * PartAlbedo(hit.part);
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
    ToneLayer layer(size, size);
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
        const double depth = view.DepthMm(*on_head);
        if (CastParts({view.HeadFromPixel(centre, 0.0), view.toward}, shape, false).depth > depth + 1e-3) continue;
        ToneDot d;
        d.cx = centre.x();
        d.cy = centre.y();
        // Seen at an angle, the disc is an ellipse: short along the normal's image direction.
        const double nx = Dot3(normal, view.right), ny = -Dot3(normal, view.up);
        const double n_len = std::sqrt(nx * nx + ny * ny);
        if (n_len > 1e-12) {
            d.ux = -ny / n_len;
            d.uy = nx / n_len;
        }
        const double radius_px = 0.5 * (tone ? HealedDotDiameterMm(dot.diameter_mm) : dot.diameter_mm) * view.px_per_mm;
        d.footprint = DotFootprintPx(radius_px, blur_px, kMinDotRadiusPx, look.dot_softness);
        const double short_px = radius_px * facing;
        const double short_radius = std::max(std::sqrt(short_px * short_px + blur_px * blur_px), kMinDotRadiusPx);
        d.stretch = std::clamp(d.footprint.radius / short_radius, 1.0, kMaxStretch);
        d.area_px2 = kDetPi * radius_px * radius_px * facing;
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
    return image;
}

}  // namespace smp
