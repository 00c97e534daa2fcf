// smp ui: the photo view's logic (photo_session.h).
#include "ui/photo_session.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace smp {
namespace {

using L = HeadLandmark;
constexpr HeadLandmark kAll[] = {L::kGlabella, L::kFrontotemporalLeft, L::kFrontotemporalRight, L::kVertex, L::kEarLeft, L::kEarRight, L::kNape};
constexpr HeadLandmark kFront[] = {L::kGlabella, L::kFrontotemporalLeft, L::kFrontotemporalRight, L::kVertex, L::kEarLeft, L::kEarRight};
constexpr HeadLandmark kLeft[] = {L::kGlabella, L::kFrontotemporalLeft, L::kVertex, L::kEarLeft, L::kNape};
constexpr HeadLandmark kRight[] = {L::kGlabella, L::kFrontotemporalRight, L::kVertex, L::kEarRight, L::kNape};
constexpr HeadLandmark kBack[] = {L::kVertex, L::kEarLeft, L::kEarRight, L::kNape};

// The share of the photo's shorter side a typical photo's head spans, ear to ear.
constexpr double kGuessedHeadShare = 0.55;

bool Seen(PhotoView view, HeadLandmark landmark) {
    const std::span<const HeadLandmark> seen = LandmarksSeenFrom(view);
    return std::find(seen.begin(), seen.end(), landmark) != seen.end();
}

double Distance(const Vec2& a, const Vec2& b) { return std::hypot(a.x() - b.x(), a.y() - b.y()); }

}  // namespace

std::span<const HeadLandmark> LandmarksSeenFrom(PhotoView view) {
    switch (view) {
        case PhotoView::kFront:
        case PhotoView::kTop: return kFront;
        case PhotoView::kLeft: return kLeft;
        case PhotoView::kRight: return kRight;
        case PhotoView::kBack: return kBack;
        case PhotoView::kUnknown: break;
    }
    return kAll;
}

const char* MarkerLabel(HeadLandmark landmark) {
    switch (landmark) {
        case L::kGlabella: return "Between brows";   // the glabella, in a client's words
        case L::kFrontotemporalLeft: return "L temple";
        case L::kFrontotemporalRight: return "R temple";
        case L::kVertex: return "Top of head";   // the vertex
        case L::kEarLeft: return "L ear";
        case L::kEarRight: return "R ear";
        case L::kNape: return "Nape";
    }
    return "?";
}

const char* MarkerPlace(HeadLandmark landmark) {
    switch (landmark) {
        case L::kGlabella: return "the spot between the eyebrows";
        case L::kFrontotemporalLeft: return "the left temple, where the hairline turns back";
        case L::kFrontotemporalRight: return "the right temple, where the hairline turns back";
        case L::kVertex: return "the top of the head";
        case L::kEarLeft: return "the top of the left ear";
        case L::kEarRight: return "the top of the right ear";
        case L::kNape: return "the nape, where the neck meets the head";
    }
    return "?";
}

HeadPose GuessedPhotoPose(const ScalpTemplate& scalp, PhotoView view, int width_px, int height_px) {
    HeadPose pose;
    pose.camera = PhotoViewCamera(view);
    const double shorter_px = static_cast<double>(std::max(1, std::min(width_px, height_px)));
    pose.px_per_mm = kGuessedHeadShare * shorter_px / (2.0 * scalp.HeadSemiAxesMm().x());
    pose.origin_px = Vec2(0.5 * width_px, 0.5 * height_px);
    return pose;
}

int PhotoSession::PlacedCount() const {
    return static_cast<int>(std::count_if(placed_px.begin(), placed_px.end(), [](const std::optional<Vec2>& at) { return at.has_value(); }));
}

const HeadFit* PhotoSession::GoodFit() const {
    if (!fit || !fit->ok() || (*fit)->poor) return nullptr;
    return &**fit;
}

PhotoMarks PlacedPhotoMarks(const PhotoSession& session) {
    PhotoMarks marks;
    marks.width_px = session.shown.width_px;
    marks.height_px = session.shown.height_px;
    marks.view = session.shown.view;
    for (int i = 0; i < kHeadLandmarkCount; ++i) {
        if (session.placed_px[static_cast<size_t>(i)]) marks.marks.push_back({static_cast<HeadLandmark>(i), *session.placed_px[static_cast<size_t>(i)]});
    }
    return marks;
}

void RefitPhoto(PhotoSession& session, const ScalpTemplate& scalp) {
    session.fit_serial += 1;
    if (!session.HasPhoto() || session.PlacedCount() < kMinFitMarks) {
        session.fit.reset();
        return;
    }
    session.fit = FitHeadPose(scalp, PlacedPhotoMarks(session));
}

void ShowPhoto(PhotoSession& session, const ScalpTemplate& scalp, const PhotoInfo& photo,
               const std::array<std::optional<Vec2>, kHeadLandmarkCount>& placed_px) {
    session.shown = photo;
    for (int i = 0; i < kHeadLandmarkCount; ++i) {
        const std::optional<Vec2>& at = placed_px[static_cast<size_t>(i)];
        const bool inside = at && at->allFinite() && at->x() >= 0.0 && at->y() >= 0.0 && at->x() <= photo.width_px && at->y() <= photo.height_px;
        session.placed_px[static_cast<size_t>(i)] = inside && Seen(photo.view, static_cast<HeadLandmark>(i)) ? at : std::nullopt;
    }
    RefitPhoto(session, scalp);
}

void PlaceMarker(PhotoSession& session, const ScalpTemplate& scalp, HeadLandmark landmark, const Vec2& photo_px) {
    if (!session.HasPhoto() || !photo_px.allFinite()) return;
    session.placed_px[static_cast<size_t>(landmark)] =
        Vec2(std::clamp(photo_px.x(), 0.0, static_cast<double>(session.shown.width_px)),
             std::clamp(photo_px.y(), 0.0, static_cast<double>(session.shown.height_px)));
    RefitPhoto(session, scalp);
}

void UnplaceMarker(PhotoSession& session, const ScalpTemplate& scalp, HeadLandmark landmark) {
    session.placed_px[static_cast<size_t>(landmark)].reset();
    RefitPhoto(session, scalp);
}

Vec2 MarkerPositionPx(const PhotoSession& session, const ScalpTemplate& scalp, HeadLandmark landmark) {
    if (const std::optional<Vec2>& at = session.placed_px[static_cast<size_t>(landmark)]) return *at;
    const HeadFit* fit = session.GoodFit();
    const HeadPose pose = fit ? fit->pose : GuessedPhotoPose(scalp, session.shown.view, session.shown.width_px, session.shown.height_px);
    const Vec2 at = pose.PixelFromHead(HeadLandmarkMm(scalp, landmark));
    // A suggestion stays on the photo, where it can be picked up.
    return Vec2(std::clamp(at.x(), 0.0, static_cast<double>(session.shown.width_px)),
                std::clamp(at.y(), 0.0, static_cast<double>(session.shown.height_px)));
}

std::optional<HeadLandmark> MarkerNear(const PhotoSession& session, const ScalpTemplate& scalp, const Vec2& photo_px, double radius_px) {
    std::optional<HeadLandmark> nearest;
    double nearest_px = radius_px;
    // Placed markers first: one dragged onto a waiting marker must stay the one picked up.
    for (const bool placed : {true, false}) {
        for (const HeadLandmark landmark : LandmarksSeenFrom(session.shown.view)) {
            if (session.placed_px[static_cast<size_t>(landmark)].has_value() != placed) continue;
            const double d = Distance(MarkerPositionPx(session, scalp, landmark), photo_px);
            if (d <= nearest_px) {
                nearest_px = d;
                nearest = landmark;
            }
        }
        if (nearest) return nearest;
    }
    return nearest;
}

std::string PhotoFitSummary(const PhotoSession& session) {
    if (!session.HasPhoto()) return "";
    const int placed = session.PlacedCount();
    if (placed < kMinFitMarks) {
        return "Drag at least " + std::to_string(kMinFitMarks) + " markers onto the spots they name (" + std::to_string(placed) +
               " placed); skip any your photo does not show";
    }
    if (!session.fit) return "";
    if (!session.fit->ok()) return session.fit->status().message();
    const HeadFit& fit = **session.fit;
    // The client's words, not the fit's (anatomy, pixels): which marker, and where it goes.
    if (fit.poor && fit.landmark_to_check) {
        return std::string("Check \"") + MarkerLabel(*fit.landmark_to_check) + "\": it does not fit the other markers. It goes on " + MarkerPlace(*fit.landmark_to_check) + ".";
    }
    if (fit.poor) return fit.message;
    char text[160];
    // What to do next too: the slider is on the photo from now on. How close the fit is shows on
    // the photo (each marker's line to its fitted landmark); pixels mean nothing to a client.
    std::snprintf(text, sizeof text, "Fitted to %d markers: drag the line to compare before and after", placed);
    return text;
}

}  // namespace smp
