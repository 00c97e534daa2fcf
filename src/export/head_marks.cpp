// smp export: the landmarks on a head render (see head_marks.h).
#include "export/head_marks.h"

#include "core/head_shape.h"

#include <cmath>

namespace smp {
namespace {

// A face part in front of a landmark by less than this is the landmark's own skin (the brow ridge
// over the glabella), not something hiding it: the nose stands 20 mm and more out of the face.
constexpr double kLandmarkOcclusionMm = 12.0;
// A landmark on the silhouette is marked on the head's outline in a photo (the vertex from the
// front, the glabella in profile): up to about 6° beyond it still counts as shown.
constexpr double kLandmarkMinFacing = -0.1;
constexpr double kLandmarkOutlineFacing = 0.25;   // within about 15° of the silhouette

}  // namespace

PhotoView NearestPhotoView(const HeadCamera& camera) {
    if (camera.pitch_deg >= 60.0) return PhotoView::kTop;
    const double yaw = std::fmod(camera.yaw_deg + 405.0, 360.0);   // 0..360 from -45°
    if (yaw < 90.0) return PhotoView::kFront;
    if (yaw < 180.0) return PhotoView::kRight;
    if (yaw < 270.0) return PhotoView::kBack;
    return PhotoView::kLeft;
}

Expected<PhotoMarks> HeadRenderMarks(const ScalpTemplate& scalp, const HeadRenderOptions& options) {
    const Expected<HeadProjection> projection = HeadRenderProjection(scalp, options);
    if (!projection.ok()) return projection.status();
    const HeadProjection& view = *projection;
    const HeadShape shape = MakeHeadShape(scalp.HeadSemiAxesMm());
    PhotoMarks marks;
    marks.width_px = marks.height_px = options.width_px;
    marks.view = NearestPhotoView(options.camera);
    for (int i = 0; i < kHeadLandmarkCount; ++i) {
        const auto landmark = static_cast<HeadLandmark>(i);
        const Vec3 at = HeadLandmarkMm(scalp, landmark);
        const double facing = scalp.HeadNormal(at).dot(view.toward);
        if (facing < kLandmarkMinFacing) continue;
        const Vec2 pixel = view.PixelFromHead(at);
        const HeadHit hit = CastHead(shape, view.HeadFromPixel(pixel, 0.0), view.toward, 1);
        const bool own_ear = (landmark == HeadLandmark::kEarLeft || landmark == HeadLandmark::kEarRight) && hit.part >= 0 &&
                             shape.parts[static_cast<size_t>(hit.part)].role == HeadPartRole::kEar;
        // On the silhouette (the glabella in profile) the face beside the point lies along the
        // ray without hiding it: the point is on the outline.
        const bool on_outline = facing < kLandmarkOutlineFacing;
        if (hit.depth > view.DepthMm(at) + kLandmarkOcclusionMm && !own_ear && !on_outline) continue;
        if (!(pixel.x() >= 0.0 && pixel.y() >= 0.0 && pixel.x() <= options.width_px && pixel.y() <= options.width_px)) continue;
        marks.marks.push_back({landmark, pixel});
    }
    return marks;
}

}  // namespace smp
