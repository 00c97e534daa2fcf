// smp ui: the photo view's logic (issue 18): the client's photo on screen, the markers placed on
// it, and the head fitted to them. Pure (no ImGui, GL or page), unit-tested
// (tests/ui/photo_session_test.cpp); ui/photo_view.cpp draws it and takes the pointer.
//
// A person places markers by dragging them: every landmark the photo's side shows (front, left,
// ...) waits on the photo where a typical head would have it (GuessedPhotoPose), hollow until it
// is dragged. From kMinFitMarks placed markers on, the core fits the head (core/head_fit.h) and
// the markers not yet placed move to where the fitted head puts them, which is where they most
// likely belong; a poor fit says which marker to check.
//
// The photo's pixels stay on the device: the page keeps them in IndexedDB (web/js/photos.js); the
// app holds the one on screen, and only its markers go back to the page.
#pragma once

#include "core/geometry.h"
#include "core/head_fit.h"
#include "core/scalp_template.h"
#include "core/status.h"

#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace smp {

// A photo of the open design kept on this device, as the page lists it.
struct PhotoInfo {
    std::string id;                  // the page's key ("photo-…"); on the desktop, the file's path
    PhotoView view = PhotoView::kFront;
    int width_px = 0;
    int height_px = 0;
    bool operator==(const PhotoInfo&) const = default;
};

// The landmarks a photo from `view` shows, in HeadLandmark order: from the front the glabella,
// both temples, the vertex and both ears; from a side the glabella, that side's temple and ear,
// the vertex and the nape; from the back the vertex, both ears and the nape; from above all but
// the nape. kUnknown: all seven.
std::span<const HeadLandmark> LandmarksSeenFrom(PhotoView view);

// A marker's short name on the photo, in a client's words: "Between brows", "L temple", "R ear",
// "Top of head", ... (L and R: the client's left and right).
const char* MarkerLabel(HeadLandmark landmark);
// Where on the head that marker goes, in a client's words: "the top of the right ear".
const char* MarkerPlace(HeadLandmark landmark);

// Where a typical head sits in a photo of `width_px` x `height_px` from `view`: centred, its
// ear-to-ear width 55 % of the photo's shorter side. The markers wait there until placed.
HeadPose GuessedPhotoPose(const ScalpTemplate& scalp, PhotoView view, int width_px, int height_px);

// The photo on screen, its markers and their fit.
struct PhotoSession {
    PhotoInfo shown;                                            // id empty: no photo on screen
    std::array<std::optional<Vec2>, kHeadLandmarkCount> placed_px{};   // the markers dragged so far, photo px
    // The last fit of the placed markers: nullopt with fewer than kMinFitMarks, else the core's
    // answer (an error names what is wrong with the markers).
    std::optional<Expected<HeadFit>> fit;
    uint64_t fit_serial = 0;                                    // +1 at every refit: the overlay follows it

    bool HasPhoto() const { return !shown.id.empty(); }
    int PlacedCount() const;
    // The fit, when there is one and it is good enough to draw the design through.
    const HeadFit* GoodFit() const;
};

// Shows a photo with the markers it was saved with (any outside it or not seen from its side are
// dropped), and fits them.
void ShowPhoto(PhotoSession& session, const ScalpTemplate& scalp, const PhotoInfo& photo,
               const std::array<std::optional<Vec2>, kHeadLandmarkCount>& placed_px);

// Fits the head to the placed markers again (after a marker moved, or the head's measurements).
void RefitPhoto(PhotoSession& session, const ScalpTemplate& scalp);

// Places (or moves) a marker, clamped into the photo, and refits.
void PlaceMarker(PhotoSession& session, const ScalpTemplate& scalp, HeadLandmark landmark, const Vec2& photo_px);
// Takes a marker back off the photo and refits.
void UnplaceMarker(PhotoSession& session, const ScalpTemplate& scalp, HeadLandmark landmark);

// Where a marker is drawn, photo px: where it was placed, else where the good fit (or, without
// one, the guessed head) puts its landmark.
Vec2 MarkerPositionPx(const PhotoSession& session, const ScalpTemplate& scalp, HeadLandmark landmark);

// The marker of the photo's side nearest `photo_px` within `radius_px`, placed ones first.
std::optional<HeadLandmark> MarkerNear(const PhotoSession& session, const ScalpTemplate& scalp, const Vec2& photo_px, double radius_px);

// One line for the person about the markers and the fit: what to do next, how good the fit is, or
// what to check.
std::string PhotoFitSummary(const PhotoSession& session);

// The placed markers as the core's fitting input.
PhotoMarks PlacedPhotoMarks(const PhotoSession& session);

}  // namespace smp
