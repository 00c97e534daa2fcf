// smp core: fitting the template's head to a photo from a few markers a person places on it.
//
// A client's photo of their head is seen through an unknown camera. The person drags markers onto
// landmarks the photo shows (at least kMinFitMarks of: the glabella, the two frontotemporal
// points, the vertex, the tops of the ears' roots, the nape); FitHeadPose finds the pose and scale
// of the template's head (the same head and landmarks as every head view: scalp_template.h,
// head_camera.h) that puts its landmarks where the markers are, in the least-squares sense.
//
// The camera is weak-perspective: the head view's orthographic camera (yaw, pitch as in
// head_camera.h), a roll of the image, a scale (px per mm) and where the head's origin lands. A
// phone held 30-60 cm from a 20 cm head has 15-30 % perspective between the nearest and the
// farthest landmark; near the photo's own centre the landmarks a view shows are within a few
// millimetres of the same depth, so the weak-perspective error stays at a few pixels, which
// FitHeadPose reports instead of hiding (error_px).
//
// The fit: Levenberg-Marquardt on (yaw, pitch, roll, scale, origin), started from a spread of
// yaws and pitches (the markers alone do not say from which side a head is seen), keeping the
// best; the side the photo is filed under chooses among fits the markers cannot tell apart. The normal equations are summed in a fixed order in Eigen matrices and solved by a
// Cholesky factorisation written out here, so the same markers give the same bits natively and in
// WebAssembly (Eigen's own products and solvers may vectorise their sums differently per target).
//
// A poor fit says so and names the marker that fits worst: "the markers don't match a head from
// this side: check the left temple".
#pragma once

#include "core/head_camera.h"
#include "core/scalp_template.h"
#include "core/status.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smp {

enum class HeadLandmark : uint8_t {
    kGlabella = 0,
    kFrontotemporalLeft,
    kFrontotemporalRight,
    kVertex,
    kEarLeft,    // the top of the left ear's root
    kEarRight,
    kNape,       // the nape hairline on the midline
};
inline constexpr int kHeadLandmarkCount = 7;

// "glabella", "frontotemporal_left", "frontotemporal_right", "vertex", "ear_left", "ear_right", "nape"
std::string_view HeadLandmarkName(HeadLandmark landmark);
// For people: "the glabella", "the left temple", "the top of the left ear", ...
std::string_view HeadLandmarkLabel(HeadLandmark landmark);
std::optional<HeadLandmark> HeadLandmarkFromName(std::string_view name);
// Where a landmark is on the template's head, mm in head coordinates.
Vec3 HeadLandmarkMm(const ScalpTemplate& scalp, HeadLandmark landmark);

// Markers placed on a photo: pixel positions (x right, y down; pixel (i, j) covers [i, i + 1)).
struct PhotoMark {
    HeadLandmark landmark = HeadLandmark::kGlabella;
    Vec2 pixel = Vec2::Zero();
};
// The side a photo was taken from, as the person files it (front, left, ...): the fit's prior.
// With four or five markers the pose is barely determined (six unknowns), and noise can make a
// wrong pose fit better than the true one; the side the person says breaks that tie. Left = the
// client's left side is seen (yaw -90), top = from straight above.
enum class PhotoView : uint8_t { kUnknown = 0, kFront, kLeft, kRight, kBack, kTop };
std::string_view PhotoViewName(PhotoView view);   // "unknown", "front", "left", "right", "back", "top"
std::optional<PhotoView> PhotoViewFromName(std::string_view name);
// The camera a photo filed under `view` is taken from: front yaw 0, left -90, right +90, back 180,
// top pitch 90; kUnknown as the front.
HeadCamera PhotoViewCamera(PhotoView view);

struct PhotoMarks {
    int width_px = 0, height_px = 0;   // the photo's size
    PhotoView view = PhotoView::kUnknown;
    std::vector<PhotoMark> marks;
};
inline constexpr int kMinFitMarks = 4;
inline constexpr int kMaxPhotoSidePx = 20000;   // a photo's side the markers may refer to

// A head placed in a photo.
struct HeadPose {
    HeadCamera camera;            // yaw, pitch: head_camera.h's convention
    double roll_deg = 0.0;        // the image turned about the camera's axis; + = counter-clockwise on screen
                                  // (seen from the front: the client tilts towards their right shoulder)
    double px_per_mm = 1.0;       // the photo's scale at the head
    Vec2 origin_px = Vec2::Zero();   // where the head's origin (the ellipsoid's centre) lands

    Vec2 PixelFromHead(const Vec3& head_mm) const;
    // The head view's projection seen through this pose, without the roll (the renderers draw
    // unrolled and turn the image): right, up, toward and the scale.
    HeadProjection UnrolledProjection() const;
};

struct HeadFit {
    HeadPose pose;
    double error_px = 0.0;        // root mean square distance between the markers and the fitted landmarks (priors not counted)
    double worst_error_px = 0.0;  // the largest of those distances
    std::vector<double> residual_px;   // one per marker, in PhotoMarks::marks' order
    bool poor = false;            // the markers don't match a head seen from any side
    std::string message;          // empty for a good fit; otherwise what to check: the marker whose
                                  // removal helps the fit most (or fits worst, with only four)
    std::optional<HeadLandmark> landmark_to_check;   // a poor fit: that marker (for a UI's own words)
};

// Errors (kInvalidArgument, naming the problem): fewer than kMinFitMarks markers ("4 markers are
// needed; 3 are placed (glabella, vertex, nape)"), a landmark marked twice, a marker outside the
// photo or not finite, a photo size out of 1..kMaxPhotoSidePx.
Expected<HeadFit> FitHeadPose(const ScalpTemplate& scalp, const PhotoMarks& marks);

// The priors, as the angle that weighs as much as one pixel of marker error. The side the photo is
// filed under (yaw and pitch; none for kUnknown) chooses among fits whose markers' RMS errors are
// within kTieErrorPx of the best; an upright camera (roll) is a weak term in the fit itself, which
// settles only what the markers leave open (from straight above, a yaw is a roll).
inline constexpr double kViewPriorDegPerPx = 30.0;
inline constexpr double kRollPriorDegPerPx = 60.0;
inline constexpr double kTieErrorPx = 0.5;

// A fit is poor when the markers' RMS error is above this share of the head's width in the photo
// (or kPoorFitMinPx, whichever is larger): a marker a few degrees of the head off.
inline constexpr double kPoorFitShareOfHeadWidth = 0.03;
inline constexpr double kPoorFitMinPx = 3.0;
// A fit is poor too when it sees the head from more than this far off the side the photo is filed
// under (between the lines of sight): five markers with one misplaced can fit a "front" photo
// seen from above and rolled, a few pixels off, which is no answer for a front photo. 65° keeps
// every pose nearer to its side than to any other (NearestPhotoView) well inside.
inline constexpr double kMaxOffSideDeg = 65.0;

}  // namespace smp
