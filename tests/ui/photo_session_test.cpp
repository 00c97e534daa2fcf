// The photo view's logic (ui/photo_session.h): where the markers wait, how they are picked up,
// and the fit that follows them, on markers projected from a known pose.
#include "ui/photo_session.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

using smp::HeadLandmark;
using smp::HeadPose;
using smp::PhotoInfo;
using smp::PhotoSession;
using smp::PhotoView;
using smp::ScalpTemplate;
using smp::Vec2;

namespace {

const ScalpTemplate& Scalp() {
    static const ScalpTemplate scalp = *ScalpTemplate::Make();
    return scalp;
}

// A 1200 x 900 photo from the front with the client turned 12 degrees to their left, looking a
// little down on the camera.
HeadPose TruePose() {
    HeadPose pose;
    pose.camera = smp::HeadCamera{12.0, 8.0};
    pose.roll_deg = 3.0;
    pose.px_per_mm = 2.6;
    pose.origin_px = Vec2(610.0, 470.0);
    return pose;
}

Vec2 Truth(HeadLandmark landmark) { return TruePose().PixelFromHead(smp::HeadLandmarkMm(Scalp(), landmark)); }

PhotoSession FrontPhoto() {
    PhotoSession session;
    smp::ShowPhoto(session, Scalp(), PhotoInfo{"photo-1", PhotoView::kFront, 1200, 900}, {});
    return session;
}

}  // namespace

TEST_CASE("photo session: each side shows its landmarks, at least the four a fit needs") {
    for (const PhotoView view : {PhotoView::kFront, PhotoView::kLeft, PhotoView::kRight, PhotoView::kBack, PhotoView::kTop}) {
        CAPTURE(smp::PhotoViewName(view));
        CHECK(static_cast<int>(smp::LandmarksSeenFrom(view).size()) >= smp::kMinFitMarks);
    }
    const auto left = smp::LandmarksSeenFrom(PhotoView::kLeft);
    CHECK(std::find(left.begin(), left.end(), HeadLandmark::kEarLeft) != left.end());
    CHECK(std::find(left.begin(), left.end(), HeadLandmark::kEarRight) == left.end());
    const auto back = smp::LandmarksSeenFrom(PhotoView::kBack);
    CHECK(std::find(back.begin(), back.end(), HeadLandmark::kGlabella) == back.end());
    CHECK(smp::LandmarksSeenFrom(PhotoView::kUnknown).size() == static_cast<size_t>(smp::kHeadLandmarkCount));
}

TEST_CASE("photo session: markers wait on the photo where a typical head has them, the client's left on the image's right") {
    const PhotoSession session = FrontPhoto();
    CHECK(session.PlacedCount() == 0);
    CHECK_FALSE(session.fit.has_value());
    for (const HeadLandmark landmark : smp::LandmarksSeenFrom(PhotoView::kFront)) {
        const Vec2 at = smp::MarkerPositionPx(session, Scalp(), landmark);
        CHECK(at.x() > 0.0);
        CHECK(at.x() < 1200.0);
        CHECK(at.y() > 0.0);
        CHECK(at.y() < 900.0);
    }
    const Vec2 left = smp::MarkerPositionPx(session, Scalp(), HeadLandmark::kEarLeft);
    const Vec2 right = smp::MarkerPositionPx(session, Scalp(), HeadLandmark::kEarRight);
    CHECK(left.x() > right.x());
    // Ear to ear about the guessed share of the shorter side (the ears' roots sit inside the widest part).
    CHECK((left.x() - right.x()) > 0.3 * 900.0);
    CHECK((left.x() - right.x()) < 0.6 * 900.0);
    CHECK(smp::MarkerPositionPx(session, Scalp(), HeadLandmark::kVertex).y() < smp::MarkerPositionPx(session, Scalp(), HeadLandmark::kGlabella).y());
    CHECK(smp::PhotoFitSummary(session) == "Drag at least 4 markers onto the spots they name (0 placed); skip any your photo does not show");
}

TEST_CASE("photo session: dragging four or more markers to a head fits its pose, and the rest follow the fit") {
    PhotoSession session = FrontPhoto();
    const HeadLandmark order[] = {HeadLandmark::kGlabella, HeadLandmark::kFrontotemporalLeft, HeadLandmark::kFrontotemporalRight, HeadLandmark::kEarLeft,
                                  HeadLandmark::kEarRight};
    int placed = 0;
    for (const HeadLandmark landmark : order) {
        smp::PlaceMarker(session, Scalp(), landmark, Truth(landmark));
        ++placed;
        CHECK(session.PlacedCount() == placed);
        CHECK(session.fit.has_value() == (placed >= smp::kMinFitMarks));
    }
    REQUIRE(session.GoodFit() != nullptr);
    const smp::HeadFit& fit = *session.GoodFit();
    CHECK(fit.error_px < 0.05);
    CHECK(fit.pose.camera.yaw_deg == doctest::Approx(12.0).epsilon(0.001));
    CHECK(fit.pose.camera.pitch_deg == doctest::Approx(8.0).epsilon(0.001));
    CHECK(fit.pose.roll_deg == doctest::Approx(3.0).epsilon(0.001));
    CHECK(fit.pose.px_per_mm == doctest::Approx(2.6).epsilon(0.0001));
    // The vertex was never placed: it waits where the fitted head has it.
    const Vec2 vertex = smp::MarkerPositionPx(session, Scalp(), HeadLandmark::kVertex);
    CHECK(std::hypot(vertex.x() - Truth(HeadLandmark::kVertex).x(), vertex.y() - Truth(HeadLandmark::kVertex).y()) < 0.1);
    CHECK(smp::PhotoFitSummary(session) == "Fitted to 5 markers: drag the line to compare before and after");
    // Each refit counts: the design on the photo follows.
    const uint64_t serial = session.fit_serial;
    smp::PlaceMarker(session, Scalp(), HeadLandmark::kVertex, Truth(HeadLandmark::kVertex));
    CHECK(session.fit_serial == serial + 1);
}

TEST_CASE("photo session: a misplaced marker makes a poor fit that names it; taking markers off goes back below four") {
    PhotoSession session = FrontPhoto();
    for (const HeadLandmark landmark : {HeadLandmark::kGlabella, HeadLandmark::kFrontotemporalLeft, HeadLandmark::kFrontotemporalRight,
                                        HeadLandmark::kVertex, HeadLandmark::kEarRight}) {
        smp::PlaceMarker(session, Scalp(), landmark, Truth(landmark));
    }
    // The left ear dragged up onto the temple's height, far from any head's ear.
    smp::PlaceMarker(session, Scalp(), HeadLandmark::kEarLeft, Truth(HeadLandmark::kEarLeft) + Vec2(40.0, -150.0));
    REQUIRE(session.fit.has_value());
    REQUIRE(session.fit->ok());
    CHECK((*session.fit)->poor);
    CHECK(session.GoodFit() == nullptr);
    const std::string summary = smp::PhotoFitSummary(session);
    // In the marker's own label and where it goes, not the fit's anatomy and pixels.
    CHECK(summary == "Check \"L ear\": it does not fit the other markers. It goes on the top of the left ear.");
    CHECK((*session.fit)->landmark_to_check == HeadLandmark::kEarLeft);
    // Unplaced suggestions fall back to the guessed head while the fit is poor: still on the photo.
    smp::UnplaceMarker(session, Scalp(), HeadLandmark::kEarLeft);
    CHECK(session.GoodFit() != nullptr);
    for (const HeadLandmark landmark : {HeadLandmark::kGlabella, HeadLandmark::kVertex}) smp::UnplaceMarker(session, Scalp(), landmark);
    CHECK(session.PlacedCount() == 3);
    CHECK_FALSE(session.fit.has_value());
    CHECK(smp::PhotoFitSummary(session) == "Drag at least 4 markers onto the spots they name (3 placed); skip any your photo does not show");
}

TEST_CASE("photo session: markers are picked up within reach, placed ones first; placing clamps into the photo") {
    PhotoSession session = FrontPhoto();
    const Vec2 glabella = smp::MarkerPositionPx(session, Scalp(), HeadLandmark::kGlabella);
    CHECK(smp::MarkerNear(session, Scalp(), glabella + Vec2(5.0, 5.0), 20.0) == HeadLandmark::kGlabella);
    CHECK_FALSE(smp::MarkerNear(session, Scalp(), glabella + Vec2(300.0, 300.0), 20.0).has_value());
    // The vertex dropped onto the waiting glabella: a press there picks the placed vertex up.
    smp::PlaceMarker(session, Scalp(), HeadLandmark::kVertex, glabella + Vec2(3.0, 0.0));
    CHECK(smp::MarkerNear(session, Scalp(), glabella, 20.0) == HeadLandmark::kVertex);
    smp::PlaceMarker(session, Scalp(), HeadLandmark::kNape, Vec2(-50.0, 5000.0));   // not seen from the front, but still clamped
    CHECK(session.placed_px[static_cast<size_t>(HeadLandmark::kNape)] == Vec2(0.0, 900.0));
}

TEST_CASE("photo session: a photo's saved markers come back; those outside it or not seen from its side are dropped") {
    std::array<std::optional<Vec2>, smp::kHeadLandmarkCount> saved{};
    saved[static_cast<size_t>(HeadLandmark::kGlabella)] = Truth(HeadLandmark::kGlabella);
    saved[static_cast<size_t>(HeadLandmark::kVertex)] = Vec2(600.0, 1200.0);   // below a 900 px photo
    saved[static_cast<size_t>(HeadLandmark::kNape)] = Vec2(600.0, 800.0);      // not seen from the front
    saved[static_cast<size_t>(HeadLandmark::kEarLeft)] = Vec2(std::nan(""), 10.0);
    PhotoSession session;
    smp::ShowPhoto(session, Scalp(), PhotoInfo{"photo-2", PhotoView::kFront, 1200, 900}, saved);
    CHECK(session.PlacedCount() == 1);
    CHECK(session.placed_px[static_cast<size_t>(HeadLandmark::kGlabella)] == Truth(HeadLandmark::kGlabella));
    CHECK(smp::PlacedPhotoMarks(session).marks.size() == 1);
    CHECK(smp::PlacedPhotoMarks(session).view == PhotoView::kFront);
}
