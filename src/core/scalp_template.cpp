// smp core: the scalp template (see scalp_template.h for the contract).
//
// [SECTION] Figures of the model
// [SECTION] Small deterministic helpers
// [SECTION] The head: an ellipsoid from three tape measurements
// [SECTION] The map: azimuthal equal-area about the crown axis (ρ² table)
// [SECTION] The treatable scalp: boundary curve and outline
// [SECTION] Landmarks
// [SECTION] Zones: rules, raster, borders
// [SECTION] Make
// [SECTION] Queries
//
// Coordinates. Head: mm from the ellipsoid's centre, x client's right, y forward, z up; z = 0 is
// the plane of the circumference tape. Map: "rel" coordinates are mm from the map's centre (the
// crown whorl), x right, y towards the nape; frame coordinates add the offset of the frame's
// top-left corner. Everything is computed for the client's right half (x >= 0) and mirrored, so
// the template is exactly symmetric about the midline.
#include "core/scalp_template.h"

#include "core/det_math.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>

namespace smp {
namespace scalp_detail {

// Everything the queries need after Make(): plain numbers and the ρ² table.
struct HeadModel {
    // Ellipsoid semi-axes, mm: a half-width (x), b half-length (y), c height above the tape plane.
    double a_mm = 0.0, b_mm = 0.0, c_mm = 0.0;
    double inv_a2 = 0.0, inv_b2 = 0.0, inv_c2 = 0.0;
    double nape_drop_mm = 0.0;   // nape hairline below the tape plane at the back
    double tilt_rad = 0.0;       // projection axis, tilted back from vertical in the sagittal plane
    Vec3 axis = Vec3::Zero();    // n̂: centre → crown whorl
    Vec3 e1 = Vec3::Zero();      // map +x (client's right)
    Vec3 e2 = Vec3::Zero();      // map +y (towards the nape), ⟂ axis
    // ρ²(θ, φ) and ∂ρ²/∂θ = 2J at θ_i = i·Δθ (i = 0..kThetaIntervals) for the columns
    // φ_j = -π/2 + j·Δφ, j = -1..kPhiIntervals + 1 (the outer two mirror j = 1 and j = P - 1),
    // stored at [i * kPhiColumns + j + 1] (a stencil's four columns share a cache line or two).
    std::vector<double> rho2;
    std::vector<double> rho2_dtheta;
    Vec2 centre_mm = Vec2::Zero();   // the whorl on the map, frame coordinates
    // Zone rules (see ZoneRule).
    double crown_radius_mm = 0.0, x_side_mm = 0.0, y_front_mm = 0.0, y_ear_mm = 0.0, y_whorl_mm = 0.0,
           y_occipital_mm = 0.0;
    double raster_x0_mm = 0.0;   // left edge of the zone raster (the raster is centred on the midline)
};

}  // namespace scalp_detail

struct ScalpTemplate::Model : scalp_detail::HeadModel {};

namespace {

using scalp_detail::HeadModel;

// [SECTION] Figures of the model ---------------------------------------------------------------

// Head proportions. The cephalic index (width / length) of adult heads is about 0.75-0.82.
constexpr double kCephalicRatio = 0.78;
// The glabella sits about 1 cm below the tape, which runs just above the brows.
constexpr double kGlabellaBelowTapeMm = 10.0;
// Plausible vault height above the tape plane for the head's half-length (c / b), and how far the
// nape may sit below the tape (d / c): beyond these the three measurements describe no head.
constexpr double kMinHeightRatio = 0.75, kMaxHeightRatio = 1.5;
constexpr double kMaxNapeDropRatio = 0.6;

// Hairline landmarks (DOMAIN.md, Garg 2017), surface arcs in mm.
constexpr double kLowestHairlineArcMm = 60.0;   // the outline's front: the lowest sensible hairline
constexpr double kMidFrontalArcMm = 80.0;       // recommended mid-frontal point above the glabella
constexpr double kCornerArcMm = 80.0;           // frontotemporal corners from the mid-frontal point
constexpr double kCornerRise = 0.12;            // the corners sit a little higher: 12 mm per 100 mm
constexpr double kTemplePeakArcMm = 50.0;       // temple peaks from the corners towards the eyes
constexpr double kCanthusBelowGlabellaMm = 25.0;   // outer eye corner, for the temple-peak direction

// The boundary of the treatable scalp: height above the tape plane (mm) at horizontal angles ψ
// around the head (degrees, 0 = front, 90 = the client's right ear). The front is the lowest
// hairline, the temple knot sits below the temple peak, the back is the nape drop; the rest are
// typical adult figures, chosen so that the default head's scalp is about 538 cm² (DOMAIN.md:
// 500-520 for a whole scalp; the ellipsoid's upper half alone is about 590).
constexpr double kForeheadEdgeDeg = 28.0;       // the front hairline stays level this far round
constexpr double kBelowTemplePeakMm = 6.0;      // the outline passes this far below the temple peaks
constexpr double kSideburnDeg = 76.0, kSideburnMm = -6.0;    // sideburn, in front of the ear
constexpr double kEarFrontDeg = 83.0, kEarBackDeg = 98.0;    // over the ear (root top at ψ = 90°)
constexpr double kEarClearanceMm = 15.0;        // above the ear's root
constexpr double kMastoidDeg = 114.0, kMastoidMm = -12.0;    // behind the ear

// The map.
constexpr double kThetaMax = 0.75 * kDetPi;     // mapped part of the head: 135° from the crown axis
constexpr int kThetaIntervals = 96;             // Δθ = 1.41°
constexpr int kThetaNodes = kThetaIntervals + 1;
constexpr int kPhiIntervals = 64;               // over the right half: Δφ = 2.81°
constexpr int kPhiColumns = kPhiIntervals + 3;   // with one mirrored column beyond each end
constexpr double kMinTiltDeg = 8.0, kMaxTiltDeg = 28.0;

// Zones, outline and raster.
constexpr double kCrownRadiusMm = 45.0;         // crown: the cap of a 45 mm disc's area round the whorl
constexpr double kOccipitalPlaneRatio = 0.6;    // the sides turn occipital 0.6 b behind the ears
constexpr double kRasterMm = 0.5;
constexpr int kNodeCells = 8;                   // zone nodes every 4 mm (see BuildZones)
constexpr int kOutlineHalfSegments = 256;       // 512 outline vertices
constexpr int kBoundarySamples = 1024;          // per half, to space the vertices evenly on the map

// [SECTION] Small deterministic helpers --------------------------------------------------------
// Eigen's reductions may vectorise (and so reorder sums) differently natively and in WebAssembly;
// every dot product here has a fixed order.

double Dot3(const Vec3& a, const Vec3& b) { return (a.x() * b.x() + a.y() * b.y()) + a.z() * b.z(); }
double Norm3(const Vec3& a) { return std::sqrt(Dot3(a, a)); }
double Dist3(const Vec3& a, const Vec3& b) { return Norm3(a - b); }
Vec3 Unit3(const Vec3& a) { return a * (1.0 / Norm3(a)); }

int64_t Microns(double mm) { return std::llround(mm * 1000.0); }

std::string FormatNumber(double v) {   // shortest readable form: 570, 0.78, nan
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// [SECTION] The head: an ellipsoid from three tape measurements ------------------------------

Vec3 Gradient(const HeadModel& m, const Vec3& p) {   // ½ ∇(p·Dp): along the outward normal
    return Vec3(p.x() * m.inv_a2, p.y() * m.inv_b2, p.z() * m.inv_c2);
}
Vec3 Normal(const HeadModel& m, const Vec3& p) { return Unit3(Gradient(m, p)); }
// The surface point on the ray from the centre through p (p != 0).
Vec3 ProjectToSurface(const HeadModel& m, const Vec3& p) {
    return p * (1.0 / std::sqrt(Dot3(p, Gradient(m, p))));
}

// Perimeter of an ellipse. The trapezoid rule over a whole period converges geometrically for
// this smooth periodic integrand: 128 nodes are exact to rounding for the ratios allowed here.
double EllipsePerimeterMm(double p, double q) {
    constexpr int kNodes = 128;
    struct Table {
        double cos2[kNodes], sin2[kNodes];
        Table() {
            for (int k = 0; k < kNodes; ++k) {
                const double t = 2.0 * kDetPi * k / kNodes;
                const double c = DetCos(t), s = DetSin(t);
                cos2[k] = c * c;
                sin2[k] = s * s;
            }
        }
    };
    static const Table table;
    double sum = 0.0;
    for (int k = 0; k < kNodes; ++k) sum += std::sqrt(p * p * table.sin2[k] + q * q * table.cos2[k]);
    return sum * (2.0 * kDetPi / kNodes);
}

// The sagittal section is the ellipse (y, z) = (b cos t, c sin t); t = 0 is the front.
Vec3 SagittalPoint(const HeadModel& m, double t) { return Vec3(0.0, m.b_mm * DetCos(t), m.c_mm * DetSin(t)); }
double SagittalSpeed(const HeadModel& m, double t) {
    const double s = DetSin(t), c = DetCos(t);
    return std::sqrt(m.b_mm * m.b_mm * (s * s) + m.c_mm * m.c_mm * (c * c));
}
double SagittalArcMm(const HeadModel& m, double t0, double t1) {   // Simpson, 96 intervals
    constexpr int kIntervals = 96;
    const double h = (t1 - t0) / kIntervals;
    double sum = SagittalSpeed(m, t0) + SagittalSpeed(m, t1);
    for (int i = 1; i < kIntervals; ++i) sum += (i % 2 == 1 ? 4.0 : 2.0) * SagittalSpeed(m, t0 + i * h);
    return sum * h / 3.0;
}
// The parameter t at `arc_mm` of arc from t0 (Newton on the monotone arc length; its derivative
// is the speed, which never vanishes).
double SagittalParamAtArc(const HeadModel& m, double t0, double arc_mm) {
    double t = t0 + arc_mm / (0.5 * (m.b_mm + m.c_mm));
    for (int i = 0; i < 20; ++i) {
        const double step = (SagittalArcMm(m, t0, t) - arc_mm) / SagittalSpeed(m, t);
        t -= step;
        if (std::fabs(step) < 1e-13) break;
    }
    return t;
}

Status InvalidMeasurement(const std::string& message) {
    return {StatusCode::kInvalidArgument, "head measurements: " + message};
}

Status CheckRange(const char* name, double value, double lo, double hi) {
    if (std::isfinite(value) && value >= lo && value <= hi) return Status::Ok();
    return InvalidMeasurement(std::string(name) + ": " + FormatNumber(value) + " is outside " + FormatNumber(lo) +
                              ".." + FormatNumber(hi));
}

// Semi-axes and nape drop from the tape measurements. Each measurement is monotone in the unknown
// it sets: the circumference is linear in b (a = 0.78 b), the ear-to-ear arc grows with c
// (bisection), and the sagittal arc grows with the nape's depth (Newton on the arc length).
Status SolveHead(const HeadMeasurements& hm, HeadModel* m) {
    m->b_mm = hm.circumference_mm / EllipsePerimeterMm(kCephalicRatio, 1.0);
    m->a_mm = kCephalicRatio * m->b_mm;
    // ear_to_ear: half the perimeter of the coronal section (a, c), the ears' roots on the tape plane.
    double lo = 0.2 * m->a_mm, hi = 5.0 * m->a_mm;
    for (int i = 0; i < 60; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (0.5 * EllipsePerimeterMm(m->a_mm, mid) < hm.ear_to_ear_mm) lo = mid; else hi = mid;
    }
    m->c_mm = 0.5 * (lo + hi);
    if (m->c_mm < kMinHeightRatio * m->b_mm || m->c_mm > kMaxHeightRatio * m->b_mm) {
        return InvalidMeasurement(
            "ear_to_ear_mm: " + FormatNumber(hm.ear_to_ear_mm) + " does not fit circumference_mm " +
            FormatNumber(hm.circumference_mm) + " (the head would rise " + FormatNumber(std::round(m->c_mm)) +
            " mm above the circumference line; plausible is " + FormatNumber(std::round(kMinHeightRatio * m->b_mm)) +
            ".." + FormatNumber(std::round(kMaxHeightRatio * m->b_mm)) + " mm)");
    }
    m->inv_a2 = 1.0 / (m->a_mm * m->a_mm);
    m->inv_b2 = 1.0 / (m->b_mm * m->b_mm);
    m->inv_c2 = 1.0 / (m->c_mm * m->c_mm);

    // glabella_to_nape: sagittal arc from the glabella over the vertex to the nape at z = -d.
    const double t_glabella = -DetAsin(kGlabellaBelowTapeMm / m->c_mm);
    const double t_nape = SagittalParamAtArc(*m, t_glabella, hm.glabella_to_nape_mm);
    const double t_max = kDetPi + DetAsin(kMaxNapeDropRatio);
    if (t_nape <= kDetPi || t_nape > t_max) {
        const bool too_short = t_nape <= kDetPi;
        const double limit = SagittalArcMm(*m, t_glabella, too_short ? kDetPi : t_max);
        return InvalidMeasurement(
            "glabella_to_nape_mm: " + FormatNumber(hm.glabella_to_nape_mm) + " is too " +
            (too_short ? "short" : "long") + " for circumference_mm " + FormatNumber(hm.circumference_mm) +
            " and ear_to_ear_mm " + FormatNumber(hm.ear_to_ear_mm) + " (the nape would be " +
            (too_short ? "above the circumference line; at least "
                       : "more than " + FormatNumber(std::round(kMaxNapeDropRatio * m->c_mm)) +
                             " mm below the circumference line; at most ") +
            FormatNumber(std::round(limit)) + ")");
    }
    m->nape_drop_mm = -m->c_mm * DetSin(t_nape);
    return Status::Ok();
}

// [SECTION] The map: azimuthal equal-area about the crown axis (ρ² table) ----------------------
// A direction u(θ, φ) = cos θ n̂ + sin θ (cos φ e1 + sin φ e2) meets the surface at r(u) u with
// r = (u·Du)^-1/2, D = diag(1/a², 1/b², 1/c²). The area element there is J dθ dφ with
// J = r² sin θ / (u·N) = r⁴ |Du| sin θ, and the map sends the point to ρ (cos φ, sin φ) with
// ρ² = 2 ∫₀^θ J dt, so the map's Jacobian determinant ρ ∂ρ/∂θ is exactly J: areas are kept.

double AreaElement(const HeadModel& m, const Vec3& u, double sin_theta) {
    const Vec3 du(u.x() * m.inv_a2, u.y() * m.inv_b2, u.z() * m.inv_c2);
    const double r2 = 1.0 / Dot3(u, du);
    return (r2 * r2) * std::sqrt(Dot3(du, du)) * sin_theta;
}

Vec3 Direction(const HeadModel& m, double cos_theta, double sin_theta, double cos_phi, double sin_phi) {
    return m.axis * cos_theta + (m.e1 * cos_phi + m.e2 * sin_phi) * sin_theta;
}

// ρ² along the sagittal plane (φ = -π/2 front, +π/2 back) for a trial tilt, to place the axis.
double SagittalRho2(const HeadModel& m, double tilt, bool back, double theta) {
    constexpr int kIntervals = 64;
    const double h = theta / kIntervals;
    double sum = 0.0;
    for (int i = 0; i <= kIntervals; ++i) {
        const double t = i * h;
        // Angle from vertical of the direction: t - tilt towards the front, t + tilt towards the back.
        const double from_vertical = back ? t + tilt : t - tilt;
        const double sy = DetSin(from_vertical), cz = DetCos(from_vertical);
        const Vec3 u(0.0, back ? -sy : sy, cz);
        const double j = AreaElement(m, u, DetSin(t));
        sum += (i == 0 || i == kIntervals ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0)) * j;
    }
    return 2.0 * sum * h / 3.0;
}

// The tilt that puts the front hairline and the nape at the same distance from the map's centre,
// which keeps the worst distortion on the midline as low as it can be (bisection: moving the axis
// back brings the nape closer and pushes the front away). Clamped to 8..28°; the default head
// gets 16.9°, so the whorl sits about 35 mm of arc behind the vertex. (The worst distortion of
// the whole outline is at the sideburns and hardly depends on the tilt: 2.74..2.88 for 0..17°.)
double SolveTilt(const HeadModel& m, const Vec3& front, const Vec3& nape) {
    const double front_from_vertical = DetAtan2(front.y(), front.z());   // towards the front
    const double nape_from_vertical = DetAtan2(-nape.y(), nape.z());     // towards the back
    double lo = kMinTiltDeg * kDetDegree, hi = kMaxTiltDeg * kDetDegree;
    for (int i = 0; i < 30; ++i) {
        const double tilt = 0.5 * (lo + hi);
        const double front_rho2 = SagittalRho2(m, tilt, false, front_from_vertical + tilt);
        const double nape_rho2 = SagittalRho2(m, tilt, true, nape_from_vertical - tilt);
        if (front_rho2 < nape_rho2) lo = tilt; else hi = tilt;
    }
    return 0.5 * (lo + hi);
}

void BuildRhoTable(HeadModel* m) {
    const double dtheta = kThetaMax / kThetaIntervals, dphi = kDetPi / kPhiIntervals;
    // sin and cos of θ at every half step (Simpson's midpoints).
    std::vector<double> sin_t(2 * kThetaIntervals + 1), cos_t(2 * kThetaIntervals + 1);
    for (int k = 0; k <= 2 * kThetaIntervals; ++k) {
        const double theta = k * (0.5 * dtheta);
        sin_t[k] = DetSin(theta);
        cos_t[k] = DetCos(theta);
    }
    m->rho2.assign(static_cast<size_t>(kPhiColumns * kThetaNodes), 0.0);
    m->rho2_dtheta.assign(m->rho2.size(), 0.0);
    std::vector<double> j_half(2 * kThetaIntervals + 1);
    for (int j = 0; j <= kPhiIntervals; ++j) {
        double cos_phi, sin_phi;
        if (j == 0) { cos_phi = 0.0; sin_phi = -1.0; }
        else if (j == kPhiIntervals) { cos_phi = 0.0; sin_phi = 1.0; }
        else if (2 * j == kPhiIntervals) { cos_phi = 1.0; sin_phi = 0.0; }
        else {
            const double phi = -kDetHalfPi + j * dphi;
            cos_phi = DetCos(phi);
            sin_phi = DetSin(phi);
        }
        for (int k = 0; k <= 2 * kThetaIntervals; ++k) {
            j_half[k] = AreaElement(*m, Direction(*m, cos_t[k], sin_t[k], cos_phi, sin_phi), sin_t[k]);
        }
        auto at = [&](int i) { return static_cast<size_t>(i * kPhiColumns + j + 1); };
        m->rho2[at(0)] = 0.0;
        for (int i = 0; i < kThetaIntervals; ++i) {   // ρ² = 2∫J: Simpson on each interval
            m->rho2[at(i + 1)] = m->rho2[at(i)] + (dtheta / 3.0) * ((j_half[2 * i] + 4.0 * j_half[2 * i + 1]) +
                                                                   j_half[2 * i + 2]);
        }
        for (int i = 0; i <= kThetaIntervals; ++i) m->rho2_dtheta[at(i)] = 2.0 * j_half[2 * i];
    }
    // The mirror x -> -x sends φ to π - φ, so the column beyond each end repeats its neighbour.
    auto copy_column = [&](int to, int from) {
        for (int i = 0; i <= kThetaIntervals; ++i) {
            const size_t row = static_cast<size_t>(i * kPhiColumns);
            m->rho2[row + to + 1] = m->rho2[row + from + 1];
            m->rho2_dtheta[row + to + 1] = m->rho2_dtheta[row + from + 1];
        }
    };
    copy_column(-1, 1);
    copy_column(kPhiIntervals + 1, kPhiIntervals - 1);
}

// Catmull-Rom weights in φ: four table columns around φ ∈ [-π/2, π/2] (C¹, and the mirrored end
// columns make ∂ρ²/∂φ vanish on the midline, so the map is smooth across it).
struct PhiStencil {
    int first_column = 0;   // storage index of the first of the four columns
    double w[4] = {0, 0, 0, 0};
    double dw[4] = {0, 0, 0, 0};   // d w / d φ
};

void CatmullRomWeights(double t, double w[4]) {
    const double t2 = t * t, t3 = t2 * t;
    w[0] = 0.5 * ((-t3 + 2.0 * t2) - t);
    w[1] = 0.5 * ((3.0 * t3 - 5.0 * t2) + 2.0);
    w[2] = 0.5 * ((-3.0 * t3 + 4.0 * t2) + t);
    w[3] = 0.5 * (t3 - t2);
}

PhiStencil StencilAt(double phi) {
    const double s = (phi + kDetHalfPi) * (kPhiIntervals / kDetPi);
    int j = static_cast<int>(std::floor(s));
    j = std::clamp(j, 0, kPhiIntervals - 1);
    const double t = s - j, t2 = t * t;
    PhiStencil st;
    st.first_column = j;   // column j - 1 is stored at j
    CatmullRomWeights(t, st.w);
    constexpr double kHalfPerDphi = 0.5 * kPhiIntervals / kDetPi;
    st.dw[0] = ((-3.0 * t2 + 4.0 * t) - 1.0) * kHalfPerDphi;
    st.dw[1] = (9.0 * t2 - 10.0 * t) * kHalfPerDphi;
    st.dw[2] = ((-9.0 * t2 + 8.0 * t) + 1.0) * kHalfPerDphi;
    st.dw[3] = (3.0 * t2 - 2.0 * t) * kHalfPerDphi;
    return st;
}

// Node values of ρ² and Δθ·∂ρ²/∂θ along the stencil's azimuth.
double NodeRho2(const HeadModel& m, const PhiStencil& st, int i) {
    double sum = 0.0;
    const double* f = &m.rho2[static_cast<size_t>(i * kPhiColumns + st.first_column)];
    for (int k = 0; k < 4; ++k) sum += st.w[k] * f[k];
    return sum;
}
double NodeSlope(const HeadModel& m, const PhiStencil& st, int i) {
    double sum = 0.0;
    const double* df = &m.rho2_dtheta[static_cast<size_t>(i * kPhiColumns + st.first_column)];
    for (int k = 0; k < 4; ++k) sum += st.w[k] * df[k];
    return sum * (kThetaMax / kThetaIntervals);
}

// Cubic Hermite on [0, 1] from end values g0, g1 and end slopes d0, d1.
double Hermite(double s, double g0, double d0, double g1, double d1) {
    const double s2 = s * s, s3 = s2 * s;
    return (((2.0 * s3 - 3.0 * s2) + 1.0) * g0 + ((s3 - 2.0 * s2) + s) * d0) +
           ((-2.0 * s3 + 3.0 * s2) * g1 + (s3 - s2) * d1);
}
double HermiteSlope(double s, double g0, double d0, double g1, double d1) {
    const double s2 = s * s;
    return ((6.0 * s2 - 6.0 * s) * g0 + ((3.0 * s2 - 4.0 * s) + 1.0) * d0) +
           ((-6.0 * s2 + 6.0 * s) * g1 + (3.0 * s2 - 2.0 * s) * d1);
}

// ρ² at (θ, φ) (θ clamped to the table), optionally with its partial derivatives.
double Rho2At(const HeadModel& m, double theta, const PhiStencil& st, double* d_theta = nullptr,
              double* d_phi = nullptr) {
    const double dtheta = kThetaMax / kThetaIntervals;
    const double x = std::clamp(theta, 0.0, kThetaMax) / dtheta;
    const int i = std::min(static_cast<int>(x), kThetaIntervals - 1);
    const double s = x - i;
    const double g0 = NodeRho2(m, st, i), g1 = NodeRho2(m, st, i + 1);
    const double d0 = NodeSlope(m, st, i), d1 = NodeSlope(m, st, i + 1);
    if (d_theta != nullptr) *d_theta = HermiteSlope(s, g0, d0, g1, d1) / dtheta;
    if (d_phi != nullptr) {
        double sum = 0.0;
        const size_t row0 = static_cast<size_t>(i * kPhiColumns + st.first_column), row1 = row0 + kPhiColumns;
        for (int k = 0; k < 4; ++k) {
            sum += st.dw[k] * Hermite(s, m.rho2[row0 + k], dtheta * m.rho2_dtheta[row0 + k], m.rho2[row1 + k],
                                      dtheta * m.rho2_dtheta[row1 + k]);
        }
        *d_phi = sum;
    }
    return Hermite(s, g0, d0, g1, d1);
}

// θ with ρ²(θ, φ) = rho2: binary search over the nodes, then safeguarded Newton on the cubic.
// False (and θ = θ_max) when rho2 lies beyond the mapped part of the head.
bool ThetaForRho2(const HeadModel& m, const PhiStencil& st, double rho2, double* theta) {
    const double dtheta = kThetaMax / kThetaIntervals;
    if (!(rho2 > 0.0)) {
        *theta = 0.0;
        return rho2 == 0.0;
    }
    if (rho2 > NodeRho2(m, st, kThetaIntervals)) {
        *theta = kThetaMax;
        return false;
    }
    int lo = 0, hi = kThetaIntervals;
    while (hi - lo > 1) {
        const int mid = (lo + hi) / 2;
        if (NodeRho2(m, st, mid) <= rho2) lo = mid; else hi = mid;
    }
    const double g0 = NodeRho2(m, st, lo), g1 = NodeRho2(m, st, lo + 1);
    const double d0 = NodeSlope(m, st, lo), d1 = NodeSlope(m, st, lo + 1);
    double s_lo = 0.0, s_hi = 1.0;
    double s = g1 > g0 ? std::clamp((rho2 - g0) / (g1 - g0), 0.0, 1.0) : 0.5;
    for (int iter = 0; iter < 60; ++iter) {
        const double value = Hermite(s, g0, d0, g1, d1) - rho2;
        if (value == 0.0) break;
        if (value > 0.0) s_hi = s; else s_lo = s;
        const double slope = HermiteSlope(s, g0, d0, g1, d1);
        double next = slope > 0.0 ? s - value / slope : 0.5 * (s_lo + s_hi);
        if (!(next > s_lo && next < s_hi)) next = 0.5 * (s_lo + s_hi);
        if (std::fabs(next - s) < 1e-15) {
            s = next;
            break;
        }
        s = next;
    }
    *theta = (lo + s) * dtheta;
    return true;
}

// A head direction in the map's polar terms, for the right half (mirrored says x was negated).
struct Polar {
    double theta = 0.0, phi = -kDetHalfPi, cos_phi = 0.0, sin_phi = -1.0;
    bool mirrored = false;
    bool mapped = true;   // θ <= θ_max
};

Polar PolarFromHead(const HeadModel& m, const Vec3& p_in) {
    Polar polar;
    polar.mirrored = p_in.x() < 0.0;
    const Vec3 p(polar.mirrored ? -p_in.x() : p_in.x(), p_in.y(), p_in.z());
    const double length = Norm3(p);
    if (!(length > 0.0)) return polar;
    const Vec3 u = p * (1.0 / length);
    const double cos_theta = Dot3(u, m.axis);
    const Vec3 w = u - m.axis * cos_theta;
    const double sin_theta = Norm3(w);
    polar.theta = DetAtan2(sin_theta, cos_theta);
    polar.mapped = polar.theta <= kThetaMax;
    if (sin_theta > 0.0) {
        const double we1 = Dot3(w, m.e1), we2 = Dot3(w, m.e2);
        polar.phi = DetAtan2(we2, we1);
        polar.cos_phi = we1 / sin_theta;
        polar.sin_phi = we2 / sin_theta;
    }
    return polar;
}

// Map offset from the centre ("rel") of a polar direction (θ clamped to the mapped part).
Vec2 RelFromPolar(const HeadModel& m, const Polar& polar) {
    const double rho = std::sqrt(Rho2At(m, polar.theta, StencilAt(polar.phi)));
    const double x = rho * polar.cos_phi;
    return Vec2(polar.mirrored ? -x : x, rho * polar.sin_phi);
}
Vec2 RelFromHead(const HeadModel& m, const Vec3& p) { return RelFromPolar(m, PolarFromHead(m, p)); }

// The polar direction of a map offset; mapped is false beyond θ_max (then θ = θ_max).
Polar PolarFromRel(const HeadModel& m, const Vec2& rel) {
    Polar polar;
    polar.mirrored = rel.x() < 0.0;
    const double x = polar.mirrored ? -rel.x() : rel.x(), y = rel.y();
    const double rho2 = x * x + y * y;
    if (!(rho2 > 0.0)) {
        polar.mapped = rho2 == 0.0;
        return polar;
    }
    const double rho = std::sqrt(rho2);
    polar.phi = DetAtan2(y, x);
    polar.cos_phi = x / rho;
    polar.sin_phi = y / rho;
    polar.mapped = ThetaForRho2(m, StencilAt(polar.phi), rho2, &polar.theta);
    return polar;
}

Vec3 HeadFromPolar(const HeadModel& m, const Polar& polar) {
    const Vec3 u = Direction(m, DetCos(polar.theta), DetSin(polar.theta), polar.cos_phi, polar.sin_phi);
    Vec3 p = ProjectToSurface(m, u);
    if (polar.mirrored) p.x() = -p.x();
    return p;
}

// Ratio of the principal scales of the map at a direction (right half; θ > 0). With P = ∂p/∂(θ,φ)
// on the head and Q = ∂m/∂(θ,φ) on the map, the squared singular values of the head → map
// Jacobian are the eigenvalues of G⁻¹K, G = PᵀP, K = QᵀQ.
double AnisotropyAt(const HeadModel& m, double theta, double phi) {
    const double ct = DetCos(theta), st = DetSin(theta), cp = DetCos(phi), sp = DetSin(phi);
    const Vec3 w = m.e1 * cp + m.e2 * sp, w_perp = m.e2 * cp - m.e1 * sp;
    const Vec3 u = m.axis * ct + w * st;
    const Vec3 u_theta = w * ct - m.axis * st;
    const Vec3 u_phi = w_perp * st;
    const Vec3 du(u.x() * m.inv_a2, u.y() * m.inv_b2, u.z() * m.inv_c2);
    const double r = 1.0 / std::sqrt(Dot3(u, du)), r3 = r * r * r;
    const Vec3 p_theta = u * (-r3 * Dot3(du, u_theta)) + u_theta * r;
    const Vec3 p_phi = u * (-r3 * Dot3(du, u_phi)) + u_phi * r;
    double f_theta = 0.0, f_phi = 0.0;
    const double f = Rho2At(m, theta, StencilAt(phi), &f_theta, &f_phi);
    const double rho = std::sqrt(f);
    const double rho_theta = f_theta / (2.0 * rho), rho_phi = f_phi / (2.0 * rho);
    // Map derivatives in the (radial, tangential) frame: Q_θ = (ρ_θ, 0), Q_φ = (ρ_φ, ρ).
    const double k11 = rho_theta * rho_theta, k12 = rho_theta * rho_phi, k22 = rho_phi * rho_phi + rho * rho;
    const double g11 = Dot3(p_theta, p_theta), g12 = Dot3(p_theta, p_phi), g22 = Dot3(p_phi, p_phi);
    const double det_g = g11 * g22 - g12 * g12;
    const double det_k = k11 * k22 - k12 * k12;
    const double half_trace = 0.5 * ((g22 * k11 - 2.0 * g12 * k12) + g11 * k22) / det_g;
    const double det = det_k / det_g;
    const double root = std::sqrt(std::max(0.0, half_trace * half_trace - det));
    const double big = half_trace + root, small = half_trace - root;
    return small > 0.0 ? std::sqrt(big / small) : 1e9;
}

// [SECTION] The treatable scalp: boundary curve and outline -----------------------------------

// Height of the boundary above the tape plane at horizontal angle ψ (degrees, right half 0..180):
// a monotone piecewise cubic through the knots (Fritsch-Butland slopes: C¹, no overshoot, flat at
// every local extreme), even and 360°-periodic since it is flat at 0° and 180°.
struct BoundaryCurve {
    static constexpr int kKnots = 8;
    double psi_deg[kKnots] = {};
    double z_mm[kKnots] = {};
    double slope[kKnots] = {};   // mm per degree

    void ComputeSlopes() {
        for (int k = 1; k + 1 < kKnots; ++k) {
            const double h0 = psi_deg[k] - psi_deg[k - 1], h1 = psi_deg[k + 1] - psi_deg[k];
            const double d0 = (z_mm[k] - z_mm[k - 1]) / h0, d1 = (z_mm[k + 1] - z_mm[k]) / h1;
            slope[k] = d0 * d1 > 0.0 ? 3.0 * (h0 + h1) / ((2.0 * h1 + h0) / d0 + (h1 + 2.0 * h0) / d1) : 0.0;
        }
    }
    double HeightMm(double psi) const {
        int k = 0;
        while (k + 2 < kKnots && psi > psi_deg[k + 1]) ++k;
        const double h = psi_deg[k + 1] - psi_deg[k];
        const double s = std::clamp((psi - psi_deg[k]) / h, 0.0, 1.0);
        return Hermite(s, z_mm[k], slope[k] * h, z_mm[k + 1], slope[k + 1] * h);
    }
};

// Knots: the front (level to the forehead's edge), a point below the temple peak, the sideburn,
// over the ear, behind the ear (mastoid), and the nape at the back.
BoundaryCurve MakeBoundary(const HeadModel& m, double front_z_mm, double temple_psi_deg, double temple_z_mm) {
    BoundaryCurve curve;
    const double psi[] = {0.0, kForeheadEdgeDeg, temple_psi_deg, kSideburnDeg, kEarFrontDeg, kEarBackDeg,
                          kMastoidDeg, 180.0};
    const double z[] = {front_z_mm, front_z_mm, temple_z_mm - kBelowTemplePeakMm, kSideburnMm, kEarClearanceMm,
                        kEarClearanceMm, kMastoidMm, -m.nape_drop_mm};
    std::copy(std::begin(psi), std::end(psi), curve.psi_deg);
    std::copy(std::begin(z), std::end(z), curve.z_mm);
    curve.ComputeSlopes();
    return curve;
}

// The surface point at horizontal angle ψ (degrees, right half) and height z.
Vec3 PointAtAngle(const HeadModel& m, double psi_deg, double z_mm) {
    double s, c;
    if (psi_deg == 0.0) { s = 0.0; c = 1.0; }
    else if (psi_deg == 180.0) { s = 0.0; c = -1.0; }
    else { s = DetSin(psi_deg * kDetDegree); c = DetCos(psi_deg * kDetDegree); }
    const double horizontal = std::sqrt(std::max(0.0, 1.0 - z_mm * z_mm * m.inv_c2)) /
                              std::sqrt(s * s * m.inv_a2 + c * c * m.inv_b2);
    return Vec3(horizontal * s, horizontal * c, z_mm);
}

// [SECTION] Landmarks ----------------------------------------------------------------------------

// Walks over the surface from `p`, in 0.5 mm steps along `direction(p)` projected into the tangent
// plane, re-projecting onto the surface after each step.
Vec3 WalkMm(const HeadModel& m, Vec3 p, double length_mm, const std::function<Vec3(const Vec3&)>& direction) {
    const int steps = static_cast<int>(std::ceil(length_mm / 0.5));
    const double step = length_mm / steps;
    for (int i = 0; i < steps; ++i) {
        const Vec3 n = Normal(m, p);
        const Vec3 d = direction(p);
        const Vec3 tangent = Unit3(d - n * Dot3(d, n));
        p = ProjectToSurface(m, p + tangent * step);
    }
    return p;
}

// [SECTION] Zones: rules, raster, borders -----------------------------------------------------
// Rules on a head point (x, y) and its map distance from the whorl. Planes only, so each zone is
// bounded by plane sections of the ellipsoid and the crown's circle on the map:
//   crown      the cap round the whorl whose area is that of a 45 mm disc (map distance <= 45;
//              on a sphere of the head's size its rim is about 45 mm of arc from the whorl);
//   sides      |x| >= x_side, the parasagittal planes through the frontotemporal corners:
//              temporal in front of the ears' coronal plane (y >= 0), parietal behind it down to
//              y_occ = -0.6 b, occipital behind that;
//   top band   |x| < x_side: frontal in front of y_front, the coronal plane a third of the way
//              (midline arc) from the outline's front to the vertex; mid-scalp back to the
//              whorl's coronal plane; occipital behind it (below and behind the crown).

ZoneId ZoneRule(const HeadModel& m, double rel_rho2, double x, double y) {
    if (rel_rho2 <= m.crown_radius_mm * m.crown_radius_mm) return ZoneId::kCrown;
    if (x >= m.x_side_mm || x <= -m.x_side_mm) {
        const bool right = x > 0.0;
        if (y >= m.y_ear_mm) return right ? ZoneId::kTemporalRight : ZoneId::kTemporalLeft;
        if (y > m.y_occipital_mm) return right ? ZoneId::kParietalRight : ZoneId::kParietalLeft;
        return ZoneId::kOccipital;
    }
    if (y >= m.y_front_mm) return ZoneId::kFrontal;
    if (y >= m.y_whorl_mm) return ZoneId::kMidScalp;
    return ZoneId::kOccipital;
}

}  // namespace

// [SECTION] Names ------------------------------------------------------------------------------

namespace {
constexpr std::string_view kZoneNames[kZoneCount] = {
    "frontal", "mid_scalp", "crown", "temporal_left", "temporal_right", "parietal_left", "parietal_right",
    "occipital"};
}  // namespace

ZoneId MirrorZone(ZoneId zone) {
    switch (zone) {
        case ZoneId::kTemporalLeft: return ZoneId::kTemporalRight;
        case ZoneId::kTemporalRight: return ZoneId::kTemporalLeft;
        case ZoneId::kParietalLeft: return ZoneId::kParietalRight;
        case ZoneId::kParietalRight: return ZoneId::kParietalLeft;
        default: return zone;
    }
}

std::string_view ZoneName(ZoneId zone) {
    const int index = static_cast<int>(zone);
    return index >= 0 && index < kZoneCount ? kZoneNames[index] : std::string_view("unknown");
}

std::optional<ZoneId> ZoneFromName(std::string_view name) {
    for (int i = 0; i < kZoneCount; ++i) {
        if (kZoneNames[i] == name) return static_cast<ZoneId>(i);
    }
    return std::nullopt;
}

// [SECTION] Make -------------------------------------------------------------------------------

Expected<ScalpTemplate> ScalpTemplate::Make(const HeadMeasurements& measurements) {
    for (const Status& s :
         {CheckRange("circumference_mm", measurements.circumference_mm, kMinCircumferenceMm, kMaxCircumferenceMm),
          CheckRange("glabella_to_nape_mm", measurements.glabella_to_nape_mm, kMinGlabellaToNapeMm,
                     kMaxGlabellaToNapeMm),
          CheckRange("ear_to_ear_mm", measurements.ear_to_ear_mm, kMinEarToEarMm, kMaxEarToEarMm)}) {
        if (!s.ok()) return s;
    }
    auto model = std::make_shared<Model>();
    Model& m = *model;
    if (Status s = SolveHead(measurements, &m); !s.ok()) return s;

    // Midline landmarks on the sagittal ellipse.
    const double t_glabella = -DetAsin(kGlabellaBelowTapeMm / m.c_mm);
    const double t_front = SagittalParamAtArc(m, t_glabella, kLowestHairlineArcMm);
    const double t_mid_frontal = SagittalParamAtArc(m, t_glabella, kMidFrontalArcMm);
    const Vec3 glabella = SagittalPoint(m, t_glabella);
    const Vec3 front = SagittalPoint(m, t_front);
    const Vec3 mid_frontal = SagittalPoint(m, t_mid_frontal);
    const Vec3 nape = PointAtAngle(m, 180.0, -m.nape_drop_mm);
    const double t_front_third = SagittalParamAtArc(m, t_front, SagittalArcMm(m, t_front, kDetHalfPi) / 3.0);

    // The projection axis and the map.
    m.tilt_rad = SolveTilt(m, front, nape);
    const double sin_tilt = DetSin(m.tilt_rad), cos_tilt = DetCos(m.tilt_rad);
    m.axis = Vec3(0.0, -sin_tilt, cos_tilt);
    m.e1 = Vec3(1.0, 0.0, 0.0);
    m.e2 = Vec3(0.0, -cos_tilt, -sin_tilt);
    BuildRhoTable(&m);

    ScalpTemplate t;
    t.measurements_ = measurements;

    // Hairline landmarks off the midline (right side; the left mirrors).
    const Vec3 corner = WalkMm(m, mid_frontal, kCornerArcMm, [&](const Vec3& p) {
        const Vec3 n = Normal(m, p);
        const Vec3 across(n.y(), -n.x(), 0.0);   // horizontal tangent, away from the midline
        const Vec3 up = Unit3(Vec3(0.0, 0.0, 1.0) - n * n.z());
        return Vec3(Unit3(across) + up * kCornerRise);
    });
    const Vec3 canthus(0.6 * m.a_mm, 0.85 * m.b_mm, -kGlabellaBelowTapeMm - kCanthusBelowGlabellaMm);
    const Vec3 temple_peak = WalkMm(m, corner, kTemplePeakArcMm, [&](const Vec3& p) { return Vec3(canthus - p); });
    const Vec3 vertex(0.0, 0.0, m.c_mm);
    const Vec3 ear(m.a_mm, 0.0, 0.0);

    // The outline's right half, ψ = 0..180°, vertices evenly spaced along the map.
    const double temple_psi_deg = std::clamp(DetAtan2(temple_peak.x(), temple_peak.y()) / kDetDegree,
                                             kForeheadEdgeDeg + 5.0, kSideburnDeg - 5.0);
    const BoundaryCurve boundary = MakeBoundary(m, front.z(), temple_psi_deg, temple_peak.z());
    std::vector<double> sample_psi(kBoundarySamples + 1), sample_length(kBoundarySamples + 1, 0.0);
    Vec2 previous = Vec2::Zero();
    for (int s = 0; s <= kBoundarySamples; ++s) {
        const double psi = 180.0 * s / kBoundarySamples;
        const Vec2 rel = RelFromHead(m, PointAtAngle(m, psi, boundary.HeightMm(psi)));
        sample_psi[s] = psi;
        if (s > 0) {
            const Vec2 d = rel - previous;
            sample_length[s] = sample_length[s - 1] + std::sqrt(d.x() * d.x() + d.y() * d.y());
        }
        previous = rel;
    }
    std::vector<double> vertex_psi(kOutlineHalfSegments + 1);
    for (int k = 0, s = 0; k <= kOutlineHalfSegments; ++k) {
        const double target = sample_length[kBoundarySamples] * k / kOutlineHalfSegments;
        while (s + 1 < kBoundarySamples && sample_length[s + 1] < target) ++s;
        const double span = sample_length[s + 1] - sample_length[s];
        const double f = span > 0.0 ? std::clamp((target - sample_length[s]) / span, 0.0, 1.0) : 0.0;
        vertex_psi[k] = sample_psi[s] + f * (sample_psi[s + 1] - sample_psi[s]);
    }
    vertex_psi.front() = 0.0;   // exactly on the midline
    vertex_psi.back() = 180.0;

    // Integer micrometres relative to the centre; the frame offset is applied once all are known.
    struct Um { int64_t x, y; };
    auto to_um = [](const Vec2& rel) { return Um{Microns(rel.x()), Microns(rel.y())}; };
    std::vector<Um> half(kOutlineHalfSegments + 1);
    std::vector<double> half_theta(half.size()), half_phi(half.size());
    for (int k = 0; k <= kOutlineHalfSegments; ++k) {
        const Polar polar = PolarFromHead(m, PointAtAngle(m, vertex_psi[k], boundary.HeightMm(vertex_psi[k])));
        half[k] = to_um(RelFromPolar(m, polar));
        half_theta[k] = polar.theta;
        half_phi[k] = polar.phi;
    }
    half.front().x = half.back().x = 0;   // on the midline (exactly: ψ = 0 and 180 have x = 0)

    const Um glabella_um = to_um(RelFromHead(m, glabella));
    int64_t max_x = 0, min_y = glabella_um.y, max_y = glabella_um.y;
    for (const Um& p : half) {
        max_x = std::max(max_x, p.x);
        min_y = std::min(min_y, p.y);
        max_y = std::max(max_y, p.y);
    }
    // Frame: x from -max_x, y from min_y (the glabella, in front of the outline).
    auto frame = [&](Um p) {
        return Vec2(static_cast<double>(p.x + max_x) / 1000.0, static_cast<double>(p.y - min_y) / 1000.0);
    };
    auto mirror = [](Um p) { return Um{-p.x, p.y}; };
    t.width_mm_ = static_cast<double>(2 * max_x) / 1000.0;
    t.height_mm_ = static_cast<double>(max_y - min_y) / 1000.0;
    m.centre_mm = frame(Um{0, 0});

    t.outline_.reserve(2 * kOutlineHalfSegments);
    for (int k = 0; k <= kOutlineHalfSegments; ++k) t.outline_.push_back(frame(half[k]));
    for (int k = kOutlineHalfSegments - 1; k >= 1; --k) t.outline_.push_back(frame(mirror(half[k])));
    t.area_cm2_ = SignedAreaMm2(t.outline_) / 100.0;

    t.BuildContainsBuckets();

    // Landmarks.
    {
        Landmarks& lm = t.landmarks_;
        auto place = [&](const Vec3& p) { return to_um(RelFromHead(m, p)); };
        lm.glabella_mm = frame(glabella_um);
        Um mid_frontal_um = place(mid_frontal), vertex_um = place(vertex), nape_um = half.back();
        mid_frontal_um.x = vertex_um.x = 0;
        lm.mid_frontal_mm = frame(mid_frontal_um);
        const Um corner_um = place(corner), temple_um = place(temple_peak), ear_um = place(ear);
        lm.frontotemporal_right_mm = frame(corner_um);
        lm.frontotemporal_left_mm = frame(mirror(corner_um));
        lm.temple_peak_right_mm = frame(temple_um);
        lm.temple_peak_left_mm = frame(mirror(temple_um));
        lm.vertex_mm = frame(vertex_um);
        lm.crown_whorl_mm = frame(Um{0, 0});
        lm.ear_right_mm = frame(ear_um);
        lm.ear_left_mm = frame(mirror(ear_um));
        // The nape line: the outline behind the mastoids, left to right.
        int first = 0;
        while (vertex_psi[first] < kMastoidDeg) ++first;
        for (int k = first; k < kOutlineHalfSegments; ++k) lm.nape_line_mm.push_back(frame(mirror(half[k])));
        lm.nape_line_mm.push_back(frame(nape_um));
        for (int k = kOutlineHalfSegments - 1; k >= first; --k) lm.nape_line_mm.push_back(frame(half[k]));
    }

    // Zone rules.
    m.crown_radius_mm = kCrownRadiusMm;
    m.x_side_mm = corner.x();
    m.y_front_mm = SagittalPoint(m, t_front_third).y();
    m.y_ear_mm = ear.y();
    m.y_whorl_mm = ProjectToSurface(m, m.axis).y();
    m.y_occipital_mm = -kOccipitalPlaneRatio * m.b_mm;

    t.model_ = model;
    t.BuildZones(&m, half_theta, half_phi);
    t.BuildZoneBorders(m);
    return t;
}

// [SECTION] Zones: rules, raster, borders (building) --------------------------------------------

void ScalpTemplate::BuildContainsBuckets() {
    GridShape rows;   // one column of 1 mm rows
    rows.cell_mm = 1.0;
    rows.cols = 1;
    rows.rows = static_cast<int>(std::floor(height_mm_)) + 1;
    const size_t n = outline_.size();
    // An edge takes part in the even-odd test at y when y lies in [min y, max y) of the edge, so
    // it is listed in every 1 mm row it touches; the test then does what PolygonContains does.
    SpatialGrid<uint32_t>::Builder by_row(rows, n);
    for (size_t i = 0; i < n; ++i) {
        const Vec2& a = outline_[i];
        const Vec2& b = outline_[i == 0 ? n - 1 : i - 1];
        const int first = rows.RowOf(std::min(a.y(), b.y())), last = rows.RowOf(std::max(a.y(), b.y()));
        for (int r = first; r <= last; ++r) by_row.Add(static_cast<size_t>(r), static_cast<uint32_t>(i));
    }
    row_edges_ = std::move(by_row).Build();
}

void ScalpTemplate::BuildZones(Model* model, const std::vector<double>& outline_theta,
                               const std::vector<double>& outline_phi) {
    Model& m = *model;
    const double mid = MidlineXMm();
    const int half_cols = std::max(1, static_cast<int>(std::ceil(mid / kRasterMm)));
    raster_cols_ = 2 * half_cols;
    raster_rows_ = std::max(1, static_cast<int>(std::ceil(height_mm_ / kRasterMm)));
    m.raster_x0_mm = mid - half_cols * kRasterMm;
    zone_raster_.assign(static_cast<size_t>(raster_cols_) * static_cast<size_t>(raster_rows_), 0);
    inside_raster_.assign(zone_raster_.size(), false);

    // Head points at nodes every 4 mm over the right half (exact inversion of the map; beyond the
    // mapped part, the point at θ_max in the same direction), each labelled by the rules. A block
    // between four nodes of one zone is filled with it: the dividing curves are smooth (radii of
    // curvature of several cm on the map), so none can cut into a 4 mm block and leave all its
    // corners on one side by more than about 0.1 mm. In the other blocks every cell takes the rules
    // at its centre, with the head point's x and y interpolated bicubically between the nodes
    // (error far under 0.01 mm) and the crown test on its exact map distance.
    const double node_mm = kNodeCells * kRasterMm;
    const int node_cols = (half_cols + kNodeCells - 1) / kNodeCells + 1;
    const int node_rows = (raster_rows_ + kNodeCells - 1) / kNodeCells + 1;
    const size_t node_count = static_cast<size_t>(node_cols) * static_cast<size_t>(node_rows);
    std::vector<double> node_x(node_count), node_y(node_count);
    std::vector<Polar> node_polar(node_count);
    std::vector<uint8_t> node_zone(node_count);
    for (int j = 0; j < node_rows; ++j) {
        for (int i = 0; i < node_cols; ++i) {
            const size_t at = static_cast<size_t>(j) * node_cols + i;
            const Vec2 rel(i * node_mm, j * node_mm - m.centre_mm.y());
            node_polar[at] = PolarFromRel(m, rel);
            const Vec3 p = HeadFromPolar(m, node_polar[at]);
            node_x[at] = p.x();
            node_y[at] = p.y();
            node_zone[at] = static_cast<uint8_t>(ZoneRule(m, rel.x() * rel.x() + rel.y() * rel.y(), p.x(), p.y()));
        }
    }
    auto set_cell = [&](int r, int c, ZoneId zone) {   // c counts from the midline to the right
        uint8_t* row = &zone_raster_[static_cast<size_t>(r) * raster_cols_];
        row[half_cols + c] = static_cast<uint8_t>(zone);
        row[half_cols - 1 - c] = static_cast<uint8_t>(MirrorZone(zone));
    };
    for (int bj = 0; bj + 1 < node_rows; ++bj) {
        for (int bi = 0; bi + 1 < node_cols; ++bi) {
            const size_t n00 = static_cast<size_t>(bj) * node_cols + bi;
            const uint8_t zone = node_zone[n00];
            const bool uniform = node_zone[n00 + 1] == zone && node_zone[n00 + node_cols] == zone &&
                                 node_zone[n00 + node_cols + 1] == zone;
            const int r_end = std::min((bj + 1) * kNodeCells, raster_rows_);
            const int c_end = std::min((bi + 1) * kNodeCells, half_cols);
            for (int r = bj * kNodeCells; r < r_end; ++r) {
                const double fy = ((r + 0.5) / kNodeCells) - bj;
                const double rel_y = (r + 0.5) * kRasterMm - m.centre_mm.y();
                double wy[4];
                CatmullRomWeights(fy, wy);
                for (int c = bi * kNodeCells; c < c_end; ++c) {
                    if (uniform) {
                        set_cell(r, c, static_cast<ZoneId>(zone));
                        continue;
                    }
                    const double fx = ((c + 0.5) / kNodeCells) - bi;
                    double wx[4];
                    CatmullRomWeights(fx, wx);
                    double x = 0.0, y = 0.0;
                    for (int a = 0; a < 4; ++a) {
                        const int nj = std::clamp(bj - 1 + a, 0, node_rows - 1);
                        double row_x = 0.0, row_y = 0.0;
                        for (int b = 0; b < 4; ++b) {
                            const int ni = std::clamp(bi - 1 + b, 0, node_cols - 1);
                            const size_t at = static_cast<size_t>(nj) * node_cols + ni;
                            row_x += wx[b] * node_x[at];
                            row_y += wx[b] * node_y[at];
                        }
                        x += wy[a] * row_x;
                        y += wy[a] * row_y;
                    }
                    const double rel_x = (c + 0.5) * kRasterMm;
                    set_cell(r, c, ZoneRule(m, rel_x * rel_x + rel_y * rel_y, x, y));
                }
            }
        }
    }

    // Areas: cells whose centre is inside the outline (the same even-odd test as Contains()).
    std::array<int64_t, kZoneCount> cells{};
    std::vector<double> crossings;
    for (int r = 0; r < raster_rows_; ++r) {
        const double y = (r + 0.5) * kRasterMm;
        const int edge_row = row_edges_.Shape().LocateRow(y);
        if (edge_row >= row_edges_.Shape().rows) continue;
        crossings.clear();
        for (const uint32_t i : row_edges_.Items(static_cast<size_t>(edge_row))) {
            const Vec2& a = outline_[i];
            const Vec2& b = outline_[i == 0 ? outline_.size() - 1 : i - 1];
            if ((a.y() > y) != (b.y() > y)) crossings.push_back(a.x() + (y - a.y()) * (b.x() - a.x()) / (b.y() - a.y()));
        }
        std::sort(crossings.begin(), crossings.end());
        // A cell centre x is inside when an odd number of crossings lie at or left of it (as in
        // Contains: crossings right of it, x < x_cross, are then odd too, their count being even):
        // the cells of [crossings[2k], crossings[2k + 1]).
        const uint8_t* row = &zone_raster_[static_cast<size_t>(r) * raster_cols_];
        auto first_cell_at_or_after = [&](double x) {
            int c = std::clamp(static_cast<int>(std::ceil((x - m.raster_x0_mm) / kRasterMm - 0.5)), 0, raster_cols_);
            while (c > 0 && m.raster_x0_mm + (c - 0.5) * kRasterMm >= x) --c;
            while (c < raster_cols_ && m.raster_x0_mm + (c + 0.5) * kRasterMm < x) ++c;
            return c;
        };
        for (size_t k = 0; k + 1 < crossings.size(); k += 2) {
            const int c_end = first_cell_at_or_after(crossings[k + 1]);
            for (int c = first_cell_at_or_after(crossings[k]); c < c_end; ++c) {
                ++cells[row[c]];
                inside_raster_[static_cast<size_t>(r) * raster_cols_ + c] = true;
            }
        }
    }
    for (int z = 0; z < kZoneCount; ++z) {
        zone_area_cm2_[z] = static_cast<double>(cells[z]) * (kRasterMm * kRasterMm) / 100.0;
    }

    // Distortion: at the nodes inside the outline (4 mm apart) and at the outline's
    // vertices, where it is largest (it grows with θ). The first millimetres round the whorl are
    // skipped: there the polar derivatives degenerate and the map is isotropic anyway.
    max_anisotropy_ = 1.0;
    for (int j = 0; j < node_rows; ++j) {
        for (int i = 0; i < node_cols; ++i) {
            const Polar& polar = node_polar[static_cast<size_t>(j) * node_cols + i];
            if (!polar.mapped || polar.theta < 0.02) continue;
            if (!Contains(Vec2(mid + i * node_mm, j * node_mm))) continue;
            max_anisotropy_ = std::max(max_anisotropy_, AnisotropyAt(m, polar.theta, polar.phi));
        }
    }
    for (size_t k = 0; k < outline_theta.size(); ++k) {
        if (outline_theta[k] < 0.02) continue;
        max_anisotropy_ = std::max(max_anisotropy_, AnisotropyAt(m, outline_theta[k], outline_phi[k]));
    }
}

void ScalpTemplate::BuildZoneBorders(const Model& m) {
    // Each dividing curve of the rules is traced over the right half of the head; where it is
    // inside the outline and the zones on its two sides differ, it is a border. Transitions
    // (another zone, the outline) are found by bisection, so borders end on the outline and meet
    // at junctions. The left half mirrors the right; pieces that reach the midline are joined.
    struct Sample {
        Vec2 rel = Vec2::Zero();
        bool on = false;
        ZoneId a = ZoneId::kFrontal, b = ZoneId::kFrontal;
    };
    auto same_state = [](const Sample& p, const Sample& q) {
        return p.on == q.on && (!p.on || (p.a == q.a && p.b == q.b));
    };
    auto finish = [&](const Vec2& rel, bool mapped, ZoneId a, ZoneId b) {
        Sample s;
        s.rel = rel;
        s.on = mapped && a != b && Contains(rel + m.centre_mm);
        s.a = std::min(a, b);
        s.b = std::max(a, b);
        return s;
    };
    constexpr double kEpsMm = 0.01;
    std::vector<ZoneBorder> pieces;   // rel coordinates for now
    auto trace = [&](double s0, double s1, int samples, const std::function<Sample(double)>& curve) {
        ZoneBorder current{ZoneId::kFrontal, ZoneId::kFrontal, {}};
        Sample prev = curve(s0);
        double prev_s = s0;
        if (prev.on) current.points_mm.push_back(prev.rel);
        for (int k = 1; k <= samples; ++k) {
            const double s = k == samples ? s1 : s0 + (s1 - s0) * k / samples;
            const Sample cur = curve(s);
            if (!same_state(prev, cur)) {
                double lo = prev_s, hi = s;
                Sample lo_sample = prev, hi_sample = cur;
                for (int it = 0; it < 30; ++it) {
                    const double mid = 0.5 * (lo + hi);
                    const Sample mid_sample = curve(mid);
                    if (same_state(mid_sample, prev)) { lo = mid; lo_sample = mid_sample; }
                    else { hi = mid; hi_sample = mid_sample; }
                }
                if (prev.on) {
                    current.points_mm.push_back(lo_sample.rel);
                    current.a = prev.a;
                    current.b = prev.b;
                    if (current.points_mm.size() >= 2) pieces.push_back(current);
                    current.points_mm.clear();
                }
                if (cur.on && same_state(hi_sample, cur)) current.points_mm.push_back(hi_sample.rel);
            }
            if (cur.on) {
                current.points_mm.push_back(cur.rel);
                current.a = cur.a;
                current.b = cur.b;
            }
            prev = cur;
            prev_s = s;
        }
        if (prev.on && current.points_mm.size() >= 2) pieces.push_back(current);
    };

    // The crown's rim: a circle on the map.
    const double r = m.crown_radius_mm;
    trace(-kDetHalfPi, kDetHalfPi, static_cast<int>(std::ceil(kDetPi * r / 0.5)), [&](double s) {
        const bool end = s == -kDetHalfPi || s == kDetHalfPi;
        const double c = end ? 0.0 : DetCos(s), sn = end ? (s < 0.0 ? -1.0 : 1.0) : DetSin(s);
        const Vec2 rel(r * c, r * sn);
        const Vec2 outside = rel * ((r + kEpsMm) / r);
        const Polar polar = PolarFromRel(m, outside);
        const Vec3 p = HeadFromPolar(m, polar);
        const double outside_rho2 = outside.x() * outside.x() + outside.y() * outside.y();
        return finish(rel, polar.mapped, ZoneId::kCrown, ZoneRule(m, outside_rho2, p.x(), p.y()));
    });
    // Coronal planes y = const: half ellipses (x, z) = k (a cos s, c sin s), x >= 0.
    for (const double plane_y : {m.y_front_mm, m.y_ear_mm, m.y_whorl_mm, m.y_occipital_mm}) {
        const double k2 = 1.0 - plane_y * plane_y * m.inv_b2;
        if (!(k2 > 0.0)) continue;
        const double k = std::sqrt(k2);
        const int samples = static_cast<int>(std::ceil(0.5 * EllipsePerimeterMm(k * m.a_mm, k * m.c_mm) / 0.5));
        trace(-kDetHalfPi, kDetHalfPi, samples, [&](double s) {
            const bool end = s == -kDetHalfPi || s == kDetHalfPi;
            const double c = end ? 0.0 : DetCos(s), sn = end ? (s < 0.0 ? -1.0 : 1.0) : DetSin(s);
            const Vec3 p(k * m.a_mm * c, plane_y, k * m.c_mm * sn);
            const Polar polar = PolarFromHead(m, p);
            const Vec2 rel = RelFromPolar(m, polar);
            const double rho2 = rel.x() * rel.x() + rel.y() * rel.y();
            return finish(rel, polar.mapped, ZoneRule(m, rho2, p.x(), plane_y - kEpsMm),
                          ZoneRule(m, rho2, p.x(), plane_y + kEpsMm));
        });
    }
    // The parasagittal plane x = x_side: an ellipse (y, z) = k (b cos s, c sin s), from its bottom.
    {
        const double k = std::sqrt(std::max(0.0, 1.0 - m.x_side_mm * m.x_side_mm * m.inv_a2));
        const int samples = static_cast<int>(std::ceil(EllipsePerimeterMm(k * m.b_mm, k * m.c_mm) / 0.5));
        trace(-kDetHalfPi, 1.5 * kDetPi, samples, [&](double s) {
            const Vec3 p(m.x_side_mm, k * m.b_mm * DetCos(s), k * m.c_mm * DetSin(s));
            const Polar polar = PolarFromHead(m, p);
            const Vec2 rel = RelFromPolar(m, polar);
            const double rho2 = rel.x() * rel.x() + rel.y() * rel.y();
            return finish(rel, polar.mapped, ZoneRule(m, rho2, m.x_side_mm - kEpsMm, p.y()),
                          ZoneRule(m, rho2, m.x_side_mm + kEpsMm, p.y()));
        });
    }

    // Frame coordinates in whole micrometres; the left half mirrors exactly.
    const int64_t mid_um = Microns(MidlineXMm()), centre_y_um = Microns(m.centre_mm.y());
    auto to_frame = [&](const Vec2& rel, bool mirrored) {
        const int64_t x = Microns(rel.x());
        return Vec2(static_cast<double>((mirrored ? -x : x) + mid_um) / 1000.0,
                    static_cast<double>(Microns(rel.y()) + centre_y_um) / 1000.0);
    };
    zone_borders_.clear();
    for (const ZoneBorder& piece : pieces) {
        const std::vector<Vec2>& pts = piece.points_mm;
        const bool starts_on_midline = pts.front().x() == 0.0, ends_on_midline = pts.back().x() == 0.0;
        ZoneBorder right{piece.a, piece.b, {}}, left{MirrorZone(piece.a), MirrorZone(piece.b), {}};
        if (left.a > left.b) std::swap(left.a, left.b);
        for (const Vec2& p : pts) {
            right.points_mm.push_back(to_frame(p, false));
            left.points_mm.push_back(to_frame(p, true));
        }
        if (starts_on_midline || ends_on_midline) {
            // One line across the midline: the mirrored half, reversed, then this one.
            if (ends_on_midline && !starts_on_midline) {
                std::reverse(right.points_mm.begin(), right.points_mm.end());
                std::reverse(left.points_mm.begin(), left.points_mm.end());
            }
            ZoneBorder joined{right.a, right.b, {}};
            joined.points_mm.assign(left.points_mm.rbegin(), left.points_mm.rend());
            joined.points_mm.insert(joined.points_mm.end(), right.points_mm.begin() + 1, right.points_mm.end());
            zone_borders_.push_back(std::move(joined));
        } else {
            zone_borders_.push_back(std::move(left));
            zone_borders_.push_back(std::move(right));
        }
    }
}

// [SECTION] Queries ----------------------------------------------------------------------------

bool ScalpTemplate::Contains(const Vec2& p_mm) const {
    const int row = row_edges_.Shape().LocateRow(p_mm.y());
    if (row < 0 || row >= row_edges_.Shape().rows) return false;
    bool inside = false;
    const size_t n = outline_.size();
    for (const uint32_t i : row_edges_.Items(static_cast<size_t>(row))) {
        const Vec2& a = outline_[i];
        const Vec2& b = outline_[i == 0 ? n - 1 : i - 1];
        if ((a.y() > p_mm.y()) != (b.y() > p_mm.y())) {
            const double x_cross = a.x() + (p_mm.y() - a.y()) * (b.x() - a.x()) / (b.y() - a.y());
            if (p_mm.x() < x_cross) inside = !inside;
        }
    }
    return inside;
}

double ScalpTemplate::AreaCm2() const { return area_cm2_; }

ZoneId ScalpTemplate::ZoneAt(const Vec2& p_mm) const {
    if (zone_raster_.empty()) return ZoneId::kMidScalp;
    auto cell = [](double v, int count) {
        if (!(v > 0.0)) return 0;   // also NaN
        return v >= count ? count - 1 : static_cast<int>(v);
    };
    const int c = cell((p_mm.x() - model_->raster_x0_mm) / kRasterMm, raster_cols_);
    const int r = cell(p_mm.y() / kRasterMm, raster_rows_);
    return static_cast<ZoneId>(zone_raster_[static_cast<size_t>(r) * raster_cols_ + c]);
}

bool ScalpTemplate::InsideOnRaster(const Vec2& p_mm) const {
    const double u = (p_mm.x() - model_->raster_x0_mm) / kRasterMm, v = p_mm.y() / kRasterMm;
    if (!(u >= 0.0 && v >= 0.0 && u < raster_cols_ && v < raster_rows_)) return false;   // also NaN
    return inside_raster_[static_cast<size_t>(v) * raster_cols_ + static_cast<size_t>(u)];
}

double ScalpTemplate::ZoneAreaCm2(ZoneId zone) const {
    const int index = static_cast<int>(zone);
    return index >= 0 && index < kZoneCount ? zone_area_cm2_[index] : 0.0;
}

Vec2 ScalpTemplate::MapFromHead(const Vec3& head_mm) const {
    return model_->centre_mm + RelFromHead(*model_, head_mm);
}

std::optional<Vec3> ScalpTemplate::HeadFromMap(const Vec2& map_mm) const {
    const Polar polar = PolarFromRel(*model_, map_mm - model_->centre_mm);
    if (!polar.mapped) return std::nullopt;
    return HeadFromPolar(*model_, polar);
}

Vec2 ScalpTemplate::MidlinePointAboveGlabellaMm(double arc_mm) const {
    // The arc grows monotonically along the midline (straight on the map): bisect on map y.
    const Vec2& glabella = landmarks_.glabella_mm;
    double lo = glabella.y(), hi = height_mm_;
    for (int i = 0; i < 48; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (SurfaceLengthMm(glabella, Vec2(glabella.x(), mid)) < arc_mm) lo = mid;
        else hi = mid;
    }
    return Vec2(glabella.x(), 0.5 * (lo + hi));
}

double ScalpTemplate::SurfaceLengthMm(const Vec2& a_mm, const Vec2& b_mm) const {
    const Vec2 d = b_mm - a_mm;
    const double map_length = std::sqrt(d.x() * d.x() + d.y() * d.y());
    if (!std::isfinite(map_length)) return 0.0;
    // About one sample per millimetre (a segment longer than any head is still sampled finely
    // enough to follow it and no more).
    const int steps = static_cast<int>(std::clamp(std::ceil(map_length), 1.0, 100000.0));
    double length = 0.0;
    Vec3 previous = HeadFromPolar(*model_, PolarFromRel(*model_, a_mm - model_->centre_mm));
    for (int i = 1; i <= steps; ++i) {
        const Vec2 p = i == steps ? b_mm : Vec2(a_mm + d * (static_cast<double>(i) / steps));
        const Vec3 q = HeadFromPolar(*model_, PolarFromRel(*model_, p - model_->centre_mm));
        length += Dist3(previous, q);
        previous = q;
    }
    return length;
}

double ScalpTemplate::MaxAnisotropy() const { return max_anisotropy_; }

Vec3 ScalpTemplate::HeadSemiAxesMm() const { return Vec3(model_->a_mm, model_->b_mm, model_->c_mm); }

Vec3 ScalpTemplate::HeadNormal(const Vec3& head_mm) const { return Normal(*model_, head_mm); }

Vec2 ScalpTemplate::CarryTo(const ScalpTemplate& other, const Vec2& map_mm) const {
    const Polar polar = PolarFromRel(*model_, map_mm - model_->centre_mm);
    return other.model_->centre_mm + RelFromPolar(*other.model_, polar);
}

}  // namespace smp
