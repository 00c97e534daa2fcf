// smp export: where the head's landmarks fall on a head render (`smp render --view head
// --marks-out`), so that a render can stand in for a client's photo in tests and demos: the
// markers a person would place on it, in the markers format (core/marks_json.h).
#pragma once

#include "core/head_fit.h"
#include "export/head_render.h"

namespace smp {

// The landmarks a render with these options shows (facing the camera, or on the silhouette; not
// behind the nose or the face; an ear's own landmark is where the ear meets the head, so the ear does not hide it), at
// their pixel positions, filed under the side nearest the camera (top from a pitch of 60°).
// Errors: HeadRenderProjection's.
Expected<PhotoMarks> HeadRenderMarks(const ScalpTemplate& scalp, const HeadRenderOptions& options);

// The side a camera is nearest: front, right (+yaw), back, left, or top from a pitch of 60°.
PhotoView NearestPhotoView(const HeadCamera& camera);

}  // namespace smp
