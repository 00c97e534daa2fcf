// smp core: fitting the template's head to a photo's markers (see head_fit.h).
//
// [SECTION] Landmarks
// [SECTION] The weak-perspective camera
// [SECTION] Levenberg-Marquardt
// [SECTION] FitHeadPose
#include "core/head_fit.h"

#include "core/det_math.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdio>

namespace smp {
namespace {

double Dot3(const Vec3& a, const Vec3& b) { return (a.x() * b.x() + a.y() * b.y()) + a.z() * b.z(); }
double SquaredDistance(const Vec2& a, const Vec2& b) { return (a.x() - b.x()) * (a.x() - b.x()) + (a.y() - b.y()) * (a.y() - b.y()); }

std::string Pixels(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", v);
    return text;
}

struct LandmarkRow {
    HeadLandmark landmark;
    const char* name;
    const char* label;
};
constexpr LandmarkRow kLandmarks[kHeadLandmarkCount] = {
    {HeadLandmark::kGlabella, "glabella", "the glabella"},
    {HeadLandmark::kFrontotemporalLeft, "frontotemporal_left", "the left temple"},
    {HeadLandmark::kFrontotemporalRight, "frontotemporal_right", "the right temple"},
    {HeadLandmark::kVertex, "vertex", "the vertex"},
    {HeadLandmark::kEarLeft, "ear_left", "the top of the left ear"},
    {HeadLandmark::kEarRight, "ear_right", "the top of the right ear"},
    {HeadLandmark::kNape, "nape", "the nape"},
};

}  // namespace

// [SECTION] Landmarks -----------------------------------------------------------------------------

std::string_view HeadLandmarkName(HeadLandmark landmark) { return kLandmarks[static_cast<int>(landmark)].name; }
std::string_view HeadLandmarkLabel(HeadLandmark landmark) { return kLandmarks[static_cast<int>(landmark)].label; }

std::optional<HeadLandmark> HeadLandmarkFromName(std::string_view name) {
    for (const LandmarkRow& row : kLandmarks) {
        if (name == row.name) return row.landmark;
    }
    return std::nullopt;
}

Vec3 HeadLandmarkMm(const ScalpTemplate& scalp, HeadLandmark landmark) {
    const Landmarks& marks = scalp.GetLandmarks();
    Vec2 on_map = marks.glabella_mm;
    switch (landmark) {
        case HeadLandmark::kGlabella: on_map = marks.glabella_mm; break;
        case HeadLandmark::kFrontotemporalLeft: on_map = marks.frontotemporal_left_mm; break;
        case HeadLandmark::kFrontotemporalRight: on_map = marks.frontotemporal_right_mm; break;
        case HeadLandmark::kVertex: on_map = marks.vertex_mm; break;
        case HeadLandmark::kEarLeft: on_map = marks.ear_left_mm; break;
        case HeadLandmark::kEarRight: on_map = marks.ear_right_mm; break;
        case HeadLandmark::kNape: {
            // The nape line's point nearest the midline.
            const double mid = scalp.MidlineXMm();
            double nearest = HUGE_VAL;
            for (const Vec2& p : marks.nape_line_mm) {
                if (std::fabs(p.x() - mid) < nearest) {
                    nearest = std::fabs(p.x() - mid);
                    on_map = p;
                }
            }
            break;
        }
    }
    // Every landmark lies within the mapped part of the head (the template's tests hold it); the
    // projection from the centre is the fallback that keeps this total.
    const std::optional<Vec3> on_head = scalp.HeadFromMap(on_map);
    return on_head ? *on_head : Vec3(0.0, scalp.HeadSemiAxesMm().y(), 0.0);
}

// [SECTION] The weak-perspective camera -----------------------------------------------------------

namespace {

// The parameters the fit moves: yaw, pitch, roll (radians), px per mm, origin x, y (px).
using Params = Eigen::Matrix<double, 6, 1>;
constexpr int kParams = 6;

struct Axes {
    Vec3 right, up;
};

// The head view's camera axes (head_camera.cpp's MakeHeadProjection, written for any angle).
Axes CameraAxes(double yaw_rad, double pitch_rad) {
    const double cy = DetCos(yaw_rad), sy = DetSin(yaw_rad), cp = DetCos(pitch_rad), sp = DetSin(pitch_rad);
    return {Vec3(-cy, sy, 0.0), Vec3(-sp * sy, -sp * cy, cp)};
}

// Where each head point lands under the parameters (the axes' sines computed once).
void ProjectAll(const Params& p, const std::vector<Vec3>& head_mm, std::vector<Vec2>& out) {
    const Axes axes = CameraAxes(p[0], p[1]);
    // Counter-clockwise on screen with y down.
    const double cr = DetCos(p[2]), sr = DetSin(p[2]);
    out.resize(head_mm.size());
    for (size_t i = 0; i < head_mm.size(); ++i) {
        const double x = Dot3(head_mm[i], axes.right) * p[3], y = -Dot3(head_mm[i], axes.up) * p[3];
        out[i] = Vec2(p[4] + (x * cr + y * sr), p[5] + (-x * sr + y * cr));
    }
}

// Into -π..π without a loop (a wild step can be thousands of turns); floor is exact.
double WrapAngle(double rad) {
    if (!std::isfinite(rad)) return 0.0;
    const double turns = std::floor((rad + kDetPi) / (2.0 * kDetPi));
    return std::clamp(rad - turns * (2.0 * kDetPi), -kDetPi, kDetPi);
}

// The residuals: two per marker (px), then an upright camera's prior on the roll (a pixel
// equivalent, weak enough not to move a fit the markers decide; it only settles a turn the markers
// cannot tell from the yaw, as from straight above).
struct Problem {
    std::vector<Vec3> head_mm;   // the marked landmarks on the head
    std::vector<Vec2> pixel;     // where the person put them
    mutable std::vector<Vec2> projected;     // scratch
    mutable std::vector<double> cost_rows;   // scratch

    size_t Rows() const { return 2 * pixel.size() + 1; }
    void Residuals(const Params& p, double* out) const {
        ProjectAll(p, head_mm, projected);
        for (size_t i = 0; i < pixel.size(); ++i) {
            out[2 * i] = projected[i].x() - pixel[i].x();
            out[2 * i + 1] = projected[i].y() - pixel[i].y();
        }
        out[2 * pixel.size()] = WrapAngle(p[2]) / (kRollPriorDegPerPx * kDetDegree);
    }
    double Cost(const Params& p) const {
        cost_rows.resize(Rows());
        Residuals(p, cost_rows.data());
        double sum = 0.0;
        for (const double v : cost_rows) sum += v * v;
        return sum;
    }
};

// [SECTION] Levenberg-Marquardt -------------------------------------------------------------------

// Solves (A) x = b for a symmetric positive definite 6 x 6 A by Cholesky, in a fixed order.
// False when A is not positive definite (a degenerate step).
bool SolveCholesky(const Eigen::Matrix<double, 6, 6>& a, const Params& b, Params& x) {
    Eigen::Matrix<double, 6, 6> l = Eigen::Matrix<double, 6, 6>::Zero();
    for (int j = 0; j < kParams; ++j) {
        double diagonal = a(j, j);
        for (int k = 0; k < j; ++k) diagonal -= l(j, k) * l(j, k);
        if (!(diagonal > 0.0)) return false;
        l(j, j) = std::sqrt(diagonal);
        for (int i = j + 1; i < kParams; ++i) {
            double v = a(i, j);
            for (int k = 0; k < j; ++k) v -= l(i, k) * l(j, k);
            l(i, j) = v / l(j, j);
        }
    }
    Params y;
    for (int i = 0; i < kParams; ++i) {
        double v = b[i];
        for (int k = 0; k < i; ++k) v -= l(i, k) * y[k];
        y[i] = v / l(i, i);
    }
    for (int i = kParams - 1; i >= 0; --i) {
        double v = y[i];
        for (int k = i + 1; k < kParams; ++k) v -= l(k, i) * x[k];
        x[i] = v / l(i, i);
    }
    return true;
}

// Keeps the parameters in their ranges: yaw and roll wrapped, pitch within ±90°, a positive scale.
void Normalise(Params& p) {
    p[0] = WrapAngle(p[0]);
    p[1] = std::clamp(p[1], -kDetHalfPi, kDetHalfPi);
    p[2] = WrapAngle(p[2]);
    p[3] = std::max(p[3], 1e-9);
}

constexpr int kMaxIterations = 100;

Params Refine(const Problem& problem, Params p) {
    const size_t rows = problem.Rows();
    std::vector<double> residual(rows), plus(rows), minus(rows), jacobian(rows * kParams);
    double cost = problem.Cost(p);
    double lambda = 1e-3;
    int small_gains = 0;
    for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
        // Central differences: steps small against each parameter's scale (radians, px/mm, px).
        const double steps[kParams] = {1e-6, 1e-6, 1e-6, 1e-6 * p[3], 1e-4, 1e-4};
        problem.Residuals(p, residual.data());
        for (int k = 0; k < kParams; ++k) {
            Params up = p, down = p;
            up[k] += steps[k];
            down[k] -= steps[k];
            problem.Residuals(up, plus.data());
            problem.Residuals(down, minus.data());
            for (size_t r = 0; r < rows; ++r) jacobian[r * kParams + k] = (plus[r] - minus[r]) * (0.5 / steps[k]);
        }
        Eigen::Matrix<double, 6, 6> normal = Eigen::Matrix<double, 6, 6>::Zero();
        Params gradient = Params::Zero();
        for (size_t r = 0; r < rows; ++r) {
            for (int j = 0; j < kParams; ++j) {
                gradient[j] += jacobian[r * kParams + j] * residual[r];
                for (int k = 0; k < kParams; ++k) normal(j, k) += jacobian[r * kParams + j] * jacobian[r * kParams + k];
            }
        }
        bool improved = false;
        for (int attempt = 0; attempt < 12 && !improved; ++attempt) {
            Eigen::Matrix<double, 6, 6> damped = normal;
            for (int j = 0; j < kParams; ++j) damped(j, j) += lambda * normal(j, j) + 1e-12;
            Params step = Params::Zero();
            if (!SolveCholesky(damped, -gradient, step)) {
                lambda *= 10.0;
                continue;
            }
            Params next = p + step;
            Normalise(next);
            const double next_cost = problem.Cost(next);
            if (next_cost < cost) {
                const double gain = cost - next_cost;
                p = next;
                cost = next_cost;
                lambda = std::max(lambda / 3.0, 1e-12);
                improved = true;
                // Converged: three steps in a row gained next to nothing. (One small gain is not
                // enough: a heavily damped step is small far from the minimum too.)
                small_gains = gain <= 1e-10 + 1e-8 * cost ? small_gains + 1 : 0;
                if (small_gains >= 3) return p;
            } else {
                lambda *= 4.0;
            }
        }
        if (!improved) return p;
    }
    return p;
}

// Scale and origin for given angles, no roll: the least-squares similarity without rotation.
Params StartAt(const Problem& problem, double yaw_rad, double pitch_rad) {
    Params p;
    p << yaw_rad, pitch_rad, 0.0, 1.0, 0.0, 0.0;
    const size_t n = problem.pixel.size();
    std::vector<Vec2> q;
    ProjectAll(p, problem.head_mm, q);
    Vec2 mean_q = Vec2::Zero(), mean_u = Vec2::Zero();
    for (size_t i = 0; i < n; ++i) {
        mean_q += q[i];
        mean_u += problem.pixel[i];
    }
    mean_q /= static_cast<double>(n);
    mean_u /= static_cast<double>(n);
    double cross = 0.0, spread = 0.0;
    for (size_t i = 0; i < n; ++i) {
        const Vec2 dq = q[i] - mean_q, du = problem.pixel[i] - mean_u;
        cross += dq.x() * du.x() + dq.y() * du.y();
        spread += dq.x() * dq.x() + dq.y() * dq.y();
    }
    const double scale = spread > 0.0 && cross > 0.0 ? cross / spread : 1.0;
    p[3] = scale;
    p[4] = mean_u.x() - scale * mean_q.x();
    p[5] = mean_u.y() - scale * mean_q.y();
    return p;
}

// The side the photo is filed under, as a prior on yaw and pitch (none for kUnknown).
struct ViewPrior {
    bool known = false;
    double yaw_rad = 0.0, pitch_rad = 0.0;
    // Squared pixel equivalents of how far p is from the side (yaw is free from straight above).
    double Cost(const Params& p) const {
        if (!known) return 0.0;
        const double per_rad = 1.0 / (kViewPriorDegPerPx * kDetDegree);
        const double yaw = pitch_rad < kDetHalfPi ? WrapAngle(p[0] - yaw_rad) * per_rad : 0.0;
        const double pitch = (p[1] - pitch_rad) * per_rad;
        return yaw * yaw + pitch * pitch;
    }
};

// The cosine of the angle between the lines of sight of the fit and of the photo's side (1 for an
// unknown side): below cos kMaxOffSideDeg the fit sees the head from another side.
double SideAgreement(const Params& p, const ViewPrior& prior) {
    if (!prior.known) return 1.0;
    // From the head towards the camera: right x up of CameraAxes.
    const auto toward = [](double yaw_rad, double pitch_rad) {
        const double cp = DetCos(pitch_rad);
        return Vec3(cp * DetSin(yaw_rad), cp * DetCos(yaw_rad), DetSin(pitch_rad));
    };
    return Dot3(toward(p[0], p[1]), toward(prior.yaw_rad, prior.pitch_rad));
}
bool OffSide(const Params& p, const ViewPrior& prior) { return SideAgreement(p, prior) < DetCos(kMaxOffSideDeg * kDetDegree); }

// The fit from every start (every 45° of yaw, a few pitches: the markers alone do not say from
// which side a head is seen). Among the fits the markers cannot tell apart (within kTieErrorPx
// a marker of the best), the one nearest the photo's side wins, so the side breaks ties without
// pulling a fit the markers decide. The order is fixed: the first of equals wins.
Params BestFit(const Problem& problem, const ViewPrior& prior) {
    std::vector<Params> fits;
    std::vector<double> costs;
    double best_cost = HUGE_VAL;
    for (int yaw_step = -4; yaw_step < 4; ++yaw_step) {
        for (const double pitch_deg : {0.0, 35.0, 70.0, -30.0}) {
            fits.push_back(Refine(problem, StartAt(problem, yaw_step * 45.0 * kDetDegree, pitch_deg * kDetDegree)));
            costs.push_back(problem.Cost(fits.back()));
            best_cost = std::min(best_cost, costs.back());
        }
    }
    const double ties = best_cost + kTieErrorPx * kTieErrorPx * static_cast<double>(problem.pixel.size());
    size_t chosen = 0;
    double chosen_score = HUGE_VAL;
    for (size_t i = 0; i < fits.size(); ++i) {
        if (costs[i] > ties) continue;
        const double score = costs[i] + prior.Cost(fits[i]);
        if (score < chosen_score) {
            chosen_score = score;
            chosen = i;
        }
    }
    return fits[chosen];
}

// The markers' RMS distance from their landmarks under p.
double MarkerErrorPx(const Problem& problem, const Params& p) {
    std::vector<Vec2> q;
    ProjectAll(p, problem.head_mm, q);
    double sum = 0.0;
    for (size_t i = 0; i < q.size(); ++i) sum += SquaredDistance(q[i], problem.pixel[i]);
    return std::sqrt(sum / static_cast<double>(q.size()));
}

struct ViewRow {
    PhotoView view;
    const char* name;
    double yaw_deg, pitch_deg;
};
constexpr ViewRow kViews[] = {
    {PhotoView::kUnknown, "unknown", 0.0, 0.0}, {PhotoView::kFront, "front", 0.0, 0.0},  {PhotoView::kLeft, "left", -90.0, 0.0},
    {PhotoView::kRight, "right", 90.0, 0.0},    {PhotoView::kBack, "back", 180.0, 0.0}, {PhotoView::kTop, "top", 0.0, 90.0},
};

Status Invalid(const std::string& message) { return {StatusCode::kInvalidArgument, message}; }

}  // namespace

// [SECTION] FitHeadPose ---------------------------------------------------------------------------

std::string_view PhotoViewName(PhotoView view) {
    for (const ViewRow& row : kViews) {
        if (row.view == view) return row.name;
    }
    return "unknown";
}

HeadCamera PhotoViewCamera(PhotoView view) {
    for (const ViewRow& row : kViews) {
        if (row.view == view) return HeadCamera{row.yaw_deg, row.pitch_deg};
    }
    return HeadCamera{};
}

std::optional<PhotoView> PhotoViewFromName(std::string_view name) {
    for (const ViewRow& row : kViews) {
        if (name == row.name) return row.view;
    }
    return std::nullopt;
}

Vec2 HeadPose::PixelFromHead(const Vec3& head_mm) const {
    Params p;
    p << camera.yaw_deg * kDetDegree, camera.pitch_deg * kDetDegree, roll_deg * kDetDegree, px_per_mm, origin_px.x(), origin_px.y();
    std::vector<Vec2> out;
    ProjectAll(p, {head_mm}, out);
    return out[0];
}

HeadProjection HeadPose::UnrolledProjection() const {
    const double yaw = camera.yaw_deg * kDetDegree, pitch = camera.pitch_deg * kDetDegree;
    const Axes axes = CameraAxes(yaw, pitch);
    HeadProjection projection;
    projection.right = axes.right;
    projection.up = axes.up;
    const double cy = DetCos(yaw), sy = DetSin(yaw), cp = DetCos(pitch), sp = DetSin(pitch);
    projection.toward = Vec3(cp * sy, cp * cy, sp);
    projection.look_at_mm = Vec3::Zero();
    projection.centre_px = origin_px;
    projection.px_per_mm = px_per_mm;
    return projection;
}

Expected<HeadFit> FitHeadPose(const ScalpTemplate& scalp, const PhotoMarks& marks) {
    if (marks.width_px < 1 || marks.height_px < 1 || marks.width_px > kMaxPhotoSidePx || marks.height_px > kMaxPhotoSidePx) {
        return Invalid("the photo is " + std::to_string(marks.width_px) + " x " + std::to_string(marks.height_px) +
                       " px; each side must be 1.." + std::to_string(kMaxPhotoSidePx));
    }
    std::array<bool, kHeadLandmarkCount> seen{};
    std::string placed;
    Problem problem;
    for (const PhotoMark& mark : marks.marks) {
        const int index = static_cast<int>(mark.landmark);
        if (index < 0 || index >= kHeadLandmarkCount) return Invalid("a marker names no landmark");
        const std::string name(HeadLandmarkName(mark.landmark));
        if (seen[static_cast<size_t>(index)]) return Invalid(name + " is marked twice; keep one marker per landmark");
        seen[static_cast<size_t>(index)] = true;
        if (!mark.pixel.allFinite() || mark.pixel.x() < 0.0 || mark.pixel.y() < 0.0 || mark.pixel.x() > marks.width_px ||
            mark.pixel.y() > marks.height_px) {
            return Invalid(name + " is outside the photo (" + std::to_string(marks.width_px) + " x " + std::to_string(marks.height_px) +
                           " px)");
        }
        placed += (placed.empty() ? "" : ", ") + name;
        problem.head_mm.push_back(HeadLandmarkMm(scalp, mark.landmark));
        problem.pixel.push_back(mark.pixel);
    }
    if (problem.pixel.size() < static_cast<size_t>(kMinFitMarks)) {
        return Invalid(std::to_string(kMinFitMarks) + " markers are needed; " + std::to_string(problem.pixel.size()) +
                       (problem.pixel.size() == 1 ? " is" : " are") + " placed" + (placed.empty() ? "" : " (" + placed + ")"));
    }

    ViewPrior prior;
    for (const ViewRow& row : kViews) {
        if (row.view == marks.view && row.view != PhotoView::kUnknown) {
            prior.known = true;
            prior.yaw_rad = row.yaw_deg * kDetDegree;
            prior.pitch_rad = row.pitch_deg * kDetDegree;
        }
    }
    const Params best = BestFit(problem, prior);

    HeadFit fit;
    fit.pose.camera.yaw_deg = best[0] / kDetDegree;
    fit.pose.camera.pitch_deg = best[1] / kDetDegree;
    fit.pose.roll_deg = best[2] / kDetDegree;
    fit.pose.px_per_mm = best[3];
    fit.pose.origin_px = Vec2(best[4], best[5]);
    std::vector<Vec2> fitted;
    ProjectAll(best, problem.head_mm, fitted);
    size_t worst = 0;
    for (size_t i = 0; i < problem.pixel.size(); ++i) {
        fit.residual_px.push_back(std::sqrt(SquaredDistance(fitted[i], problem.pixel[i])));
        if (fit.residual_px[i] > fit.residual_px[worst]) worst = i;
    }
    fit.error_px = MarkerErrorPx(problem, best);
    fit.worst_error_px = fit.residual_px[worst];
    const double head_width_px = 2.0 * scalp.HeadSemiAxesMm().x() * fit.pose.px_per_mm;
    if (head_width_px < 8.0) {
        return Invalid("the markers are too close together to be a head (" + Pixels(head_width_px) +
                       " px wide); spread them over the head's landmarks");
    }
    const double poor_px = std::max(kPoorFitMinPx, kPoorFitShareOfHeadWidth * head_width_px);
    if (fit.error_px > poor_px || OffSide(best, prior)) {
        fit.poor = true;
        double off_px = fit.residual_px[worst];
        // A least-squares fit spreads one bad marker's error over all of them: the marker to check
        // is the one whose removal fits the others best from the photo's side (when four remain
        // to fit), and how far it is from where that fit of the others puts it.
        if (problem.pixel.size() > static_cast<size_t>(kMinFitMarks)) {
            double best_rest = HUGE_VAL;
            for (size_t left_out = 0; left_out < problem.pixel.size(); ++left_out) {
                Problem rest = problem;
                rest.head_mm.erase(rest.head_mm.begin() + static_cast<std::ptrdiff_t>(left_out));
                rest.pixel.erase(rest.pixel.begin() + static_cast<std::ptrdiff_t>(left_out));
                const Params rest_fit = BestFit(rest, prior);
                // A fit of the others from another side explains nothing: any fit from the side comes first.
                const double rest_error = MarkerErrorPx(rest, rest_fit) + (OffSide(rest_fit, prior) ? 1e9 : 0.0);
                if (rest_error < best_rest) {
                    best_rest = rest_error;
                    worst = left_out;
                    std::vector<Vec2> expected;
                    ProjectAll(rest_fit, {problem.head_mm[left_out]}, expected);
                    off_px = std::sqrt(SquaredDistance(expected[0], problem.pixel[left_out]));
                }
            }
        }
        fit.landmark_to_check = marks.marks[worst].landmark;
        fit.message = "the markers don't match a head from this side: check " +
                      std::string(HeadLandmarkLabel(marks.marks[worst].landmark)) + " (" + Pixels(off_px) + " px off)";
    }
    return fit;
}

}  // namespace smp
