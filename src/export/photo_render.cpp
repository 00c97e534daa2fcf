// smp export: the design on a photo (see photo_render.h).
#include "export/photo_render.h"

#include "export/head_render.h"

#include "core/det_math.h"
#include "core/head_shape.h"
#include "core/tone_model.h"
#include "export/tone_layer.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

namespace smp {
namespace {

double Dot3(const Vec3& a, const Vec3& b) { return (a.x() * b.x() + a.y() * b.y()) + a.z() * b.z(); }

Status Invalid(const std::string& message) { return {StatusCode::kInvalidArgument, message}; }

}  // namespace

Expected<RgbaImage> RenderOnPhoto(const Design& design, const DotPattern& pattern, const RgbaImage& photo, const PhotoRenderOptions& options) {
    if (!pattern.field) return Invalid("the dots have no compiled design (generate them first)");
    const ScalpTemplate* scalp = pattern.field->Scalp();
    if (!scalp) return Invalid("a photo view needs a scalp template; this design's template is flat");
    if (pattern.design.sessions.size() != design.sessions.size()) return Invalid("the dots are of another design");
    if (photo.width <= 0 || photo.height <= 0 || photo.rgba.size() != static_cast<size_t>(photo.width) * static_cast<size_t>(photo.height) * 4) {
        return Invalid("the photo has no pixels");
    }
    if (!Preview(options.look).skin) return Invalid("a photo shows the healed or faded look, not the plan");
    if (options.up_to_session < 0 || static_cast<size_t>(options.up_to_session) > design.sessions.size()) {
        return Invalid("session " + std::to_string(options.up_to_session) + " is outside 0.." + std::to_string(design.sessions.size()));
    }
    if (!(options.years >= 0.0f && options.years <= kMaxFadedYears)) return Invalid("years " + std::to_string(options.years) + " is out of range");
    if (!(options.viewing_distance_m >= 0.0f && options.viewing_distance_m <= kMaxViewingDistanceM)) {
        return Invalid("viewing distance " + std::to_string(options.viewing_distance_m) + " m is out of range");
    }
    const HeadPose& pose = options.pose;
    if (!(pose.px_per_mm > 0.0) || !std::isfinite(pose.px_per_mm) || !pose.origin_px.allFinite()) return Invalid("the pose has no scale");
    if (const Status camera = CheckHeadCamera(pose.camera); !camera.ok()) return camera;

    const PreviewRow& look = Preview(options.look);
    const HeadProjection view = pose.UnrolledProjection();   // right, up, toward and the scale; no roll
    const double roll = pose.roll_deg * kDetDegree, cr = DetCos(roll), sr = DetSin(roll);
    const HeadShape shape = MakeHeadShape(scalp->HeadSemiAxesMm());
    const double years = look.uses_years ? static_cast<double>(options.years) : 0.0;
    const double blur_px = ViewingBlurRadiusMm(options.viewing_distance_m) * pose.px_per_mm;

    RgbaImage after = photo;
    ToneLayer layer(photo.width, photo.height);
    for (size_t i = 0; i < pattern.ranked.size(); ++i) {
        const int session = pattern.state[i].session;
        if (session == 0 || (options.up_to_session > 0 && session > options.up_to_session)) continue;
        const Dot dot = pattern.DotAt(i);
        const std::optional<Vec3> on_head = scalp->HeadFromMap(dot.position_mm);
        if (!on_head) continue;
        const Vec3 normal = scalp->HeadNormal(*on_head);
        const double facing = Dot3(normal, view.toward);
        if (!(facing > 0.0)) continue;
        // Behind the nose, an ear or the brow: the face parts' ray cast, in the unrolled frame
        // (a roll turns the image, not what hides what).
        const Vec2 unrolled = view.PixelFromHead(*on_head);
        if (CastHead(shape, view.HeadFromPixel(unrolled, 0.0), view.toward, 1).depth > view.DepthMm(*on_head) + 1e-3) continue;
        const Vec2 centre = pose.PixelFromHead(*on_head);
        if (!(centre.x() > -8.0 && centre.y() > -8.0 && centre.x() < photo.width + 8.0 && centre.y() < photo.height + 8.0)) continue;
        // The normal's direction on the image, turned by the roll.
        const double nx0 = Dot3(normal, view.right), ny0 = -Dot3(normal, view.up);
        const double radius_px = 0.5 * HealedDotDiameterMm(dot.diameter_mm) * pose.px_per_mm;
        ToneDot d = ObliqueDiscToneDot(centre, nx0 * cr + ny0 * sr, -nx0 * sr + ny0 * cr, facing, radius_px, blur_px, look.dot_softness);
        // The skin is the photo's own under the dot; near the silhouette the dot fades out.
        const int px = std::clamp(static_cast<int>(centre.x()), 0, photo.width - 1), py = std::clamp(static_cast<int>(centre.y()), 0, photo.height - 1);
        const uint8_t* under = photo.PixelAt(px, py);
        const LinearRgb skin = LinearFromSrgb(under[0], under[1], under[2]);
        const LinearRgb darkening = DotDarkening(DotPigmentConcentration(dot, design), years, skin);
        const double t = std::clamp(facing / kSilhouetteFadeFacing, 0.0, 1.0);
        const double fade = t * t * (3.0 - 2.0 * t);
        d.darkening = {darkening.r * fade, darkening.g * fade, darkening.b * fade};
        layer.Add(d);
    }
    layer.Apply(after.rgba.data());
    if (!options.before_after) return after;

    return SideBySide(photo, after);   // before on the left, after on the right
}

}  // namespace smp
