// smp core: the progressive Poisson-disk set, by jittered farthest-point insertion.
//
// [SECTION] Exact predicates on integer micrometres
// [SECTION] Delaunay triangulation with Bowyer-Watson insertion
// [SECTION] Gap queue: triangles by circumradius
// [SECTION] The progressive set
//
// Points are added one at a time into the largest empty circle left (a Delaunay triangle's
// circumcircle), at a random spot near its centre. So every prefix of the sequence is spread
// evenly over the whole area, its holes are no wider than the spacing, and the n-th point gets
// rank n / area. Coordinates are integers (micrometres) and the geometric tests are exact
// (128-bit), so the triangulation is always valid and every platform builds the same set.
//
// Speed: an insertion touches a handful of triangles scattered over the whole field (the next
// gap is anywhere), so it waits on memory more than it computes. Hence a triangle holds all it
// is asked for in one 64-byte line (its corners' coordinates and its circumcircle, no point
// lookups), and the queue checks staleness in a small separate array.
#include "core/blue_noise.h"

#include "core/design.h"
#include "core/random.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>
#include <limits>

namespace smp {
namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] Exact predicates on integer micrometres
// ---------------------------------------------------------------------------------------------

// Micrometres from the grown area's lower corner. The super-triangle's corners are the only
// points with a negative coordinate. Every coordinate difference stays below 2^26 µm (areas up
// to 4.8 m a side), so products of two differences are exact in doubles and those of four fit
// 128 bits.
struct IPoint {
    int32_t x = 0, y = 0;
};

inline bool IsReal(const IPoint& p) { return p.x >= 0 && p.y >= 0; }

// True when d lies strictly inside the circle through a, b, c (a, b, c counter-clockwise in the
// y-up sense). Exact.
bool InCircleExact(const IPoint& a, const IPoint& b, const IPoint& c, const IPoint& d) {
    __extension__ typedef __int128 I128;   // GCC and Clang, native and WebAssembly alike
    const I128 adx = a.x - d.x, ady = a.y - d.y;
    const I128 bdx = b.x - d.x, bdy = b.y - d.y;
    const I128 cdx = c.x - d.x, cdy = c.y - d.y;
    const I128 alift = adx * adx + ady * ady;
    const I128 blift = bdx * bdx + bdy * bdy;
    const I128 clift = cdx * cdx + cdy * cdy;
    const I128 det = alift * (bdx * cdy - bdy * cdx) + blift * (cdx * ady - cdy * adx) + clift * (adx * bdy - ady * bdx);
    return det > 0;
}

// The same answer, faster: the determinant in doubles with a bound on its rounding error (after
// Shewchuk's incircle filter); only when the sign is in doubt does the exact test run. The
// answer is the exact sign either way, so every platform agrees. Out of line: the stored
// circles (InsideCircle) decide nearly every case, and the 128-bit arithmetic would make every
// caller's stack frame heavy (WebAssembly keeps it in linear memory).
__attribute__((noinline)) bool InCircle(const IPoint& a, const IPoint& b, const IPoint& c, const IPoint& d) {
    const double adx = static_cast<double>(a.x - d.x), ady = static_cast<double>(a.y - d.y);
    const double bdx = static_cast<double>(b.x - d.x), bdy = static_cast<double>(b.y - d.y);
    const double cdx = static_cast<double>(c.x - d.x), cdy = static_cast<double>(c.y - d.y);
    const double bdxcdy = bdx * cdy, cdxbdy = cdx * bdy;
    const double cdxady = cdx * ady, adxcdy = adx * cdy;
    const double adxbdy = adx * bdy, bdxady = bdx * ady;
    const double alift = adx * adx + ady * ady;
    const double blift = bdx * bdx + bdy * bdy;
    const double clift = cdx * cdx + cdy * cdy;
    const double det = alift * (bdxcdy - cdxbdy) + blift * (cdxady - adxcdy) + clift * (adxbdy - bdxady);
    const double permanent = (std::fabs(bdxcdy) + std::fabs(cdxbdy)) * alift + (std::fabs(cdxady) + std::fabs(adxcdy)) * blift +
                             (std::fabs(adxbdy) + std::fabs(bdxady)) * clift;
    // Shewchuk's iccerrboundA, (10 + 96 eps) eps ~ 2.2e-16 * 10, rounded up. Our differences are
    // exact integers, so the true error is smaller still.
    constexpr double kErrorBound = 2.5e-15;
    if (det > kErrorBound * permanent) return true;
    if (-det > kErrorBound * permanent) return false;
    return InCircleExact(a, b, c, d);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Delaunay triangulation
// ---------------------------------------------------------------------------------------------

// A triangle keeps its corners and its circumcircle, computed once when it is made: the cavity
// search then tests a new point against it with one squared distance (InsideCircle), and the
// gap queue and the placement read its radius and centre. One triangle, one cache line.
struct alignas(64) Triangle {
    double cx, cy;     // circumcentre, µm (rounded)
    double r2;         // squared circumradius, µm² (rounded); NaN when it may not decide InsideCircle
    IPoint v[3];       // corners, counter-clockwise in the y-up sense
    int n[3];          // n[i]: the triangle across the edge opposite v[i]; -1 outside
};

// InsideCircle trusts the stored circle when |d² - r2| > kCircleSlack · r2 (see SetCircle).
constexpr double kCircleSlack = 3e-8;

// Sets t's circle from its corner o and the offsets b, c of the other two (exact integers in
// doubles, below 2^26, so every product up to the numerators is exact). Returns the squared
// radius (also when the stored circle is not trusted).
//
// Why the stored circle decides exactly: let c* be the true centre and c = c* + δ the stored
// one. For any point q, |q - c|² - |o - c|² = D - 2 (q - o)·δ, where D = |q - c*|² - |o - c*|²
// is the exact InCircle quantity (negative inside). With ρ the radius, 2 |q - o| |δ| <=
// (|δ| / ρ)(|q - c|² + 3 ρ²). The centre's rounding is |δ| <= 4.03 eps σ + 1.42 eps |c|, σ =
// (|cy| b² + |by| c² + |bx| c² + |cx| b²) / |2 cross| (the numerators' rounding), and we only
// trust circles with σ <= 1000 ρ and |c| <= 1e6 ρ: then |δ| / ρ <= 3.2e-10. Adding the rounding of
// r2 (taken from the rounded offset, 2 eps + 2.9 eps |c| / ρ) and of d² (4.03 eps), the computed
// d² - r2 is within 2e-9 (d² + r2) of D. kCircleSlack = 3e-8 leaves that a margin of 5: beyond
// it the sign of d² - r2 is the sign of D. Other circles (thin slivers, the super-triangle's)
// store r2 = NaN, which compares false both ways, so the exact test always decides for them.
// Only + - * / on doubles are involved: every platform also computes the same values.
inline double SetCircle(Triangle& t, const IPoint& o, double bx, double by, double cx, double cy) {
    const double cross = bx * cy - by * cx;   // exact; > 0 for a proper counter-clockwise triangle
    const double b2 = bx * bx + by * by, c2 = cx * cx + cy * cy;
    const double inv = 0.5 / cross;
    const double ux = (cy * b2 - by * c2) * inv, uy = (bx * c2 - cx * b2) * inv;
    t.cx = static_cast<double>(o.x) + ux;
    t.cy = static_cast<double>(o.y) + uy;
    const double r2 = ux * ux + uy * uy;
    const double sigma = (std::fabs(cy) * b2 + std::fabs(by) * c2 + std::fabs(bx) * c2 + std::fabs(cx) * b2) * std::fabs(inv);
    const bool trusted = sigma * sigma <= 1e6 * r2 && t.cx * t.cx + t.cy * t.cy <= 1e12 * r2;   // false on NaN
    t.r2 = trusted ? r2 : std::numeric_limits<double>::quiet_NaN();
    return r2;
}

// Whether p lies strictly inside t's circumcircle: the stored circle decides unless p is within
// its rounding bound of the circle (see SetCircle); then the exact test does.
inline __attribute__((always_inline)) bool InsideCircle(const Triangle& t, const IPoint& p) {
    const double dx = static_cast<double>(p.x) - t.cx, dy = static_cast<double>(p.y) - t.cy;
    const double excess2 = dx * dx + dy * dy - t.r2;
    const double slack2 = kCircleSlack * t.r2;
    if (excess2 < -slack2) return true;
    if (excess2 > slack2) return false;
    return InCircle(t.v[0], t.v[1], t.v[2], p);
}

class Triangulation {
public:
    // A counter-clockwise super-triangle enclosing everything starts the triangulation.
    Triangulation(const IPoint& a, const IPoint& b, const IPoint& c, size_t expected_points) {
        triangles_.reserve(2 * expected_points + 16);
        stamps_.reserve(2 * expected_points + 16);
        Triangle t{};
        t.v[0] = a, t.v[1] = b, t.v[2] = c;
        t.n[0] = t.n[1] = t.n[2] = -1;
        SetCircle(t, a, static_cast<double>(b.x - a.x), static_cast<double>(b.y - a.y), static_cast<double>(c.x - a.x),
                  static_cast<double>(c.y - a.y));
        triangles_.push_back(t);
        stamps_.push_back(0);
    }

    const Triangle& Tri(int t) const { return triangles_[static_cast<size_t>(t)]; }
    // Bumped whenever the slot takes a new triangle, so stale queue entries are recognised
    // without touching the triangle itself.
    uint32_t Stamp(int t) const { return stamps_[static_cast<size_t>(t)]; }
    int TriangleSlots() const { return static_cast<int>(triangles_.size()); }

    // Insertion in two steps, so a caller can look before it leaps. Prepare() finds the cavity
    // of p (every triangle whose circumcircle holds p; connected, containing `start`, whose
    // circumcircle must hold p) and returns the squared distance from p to its nearest future
    // neighbour (the cavity's boundary vertices are exactly p's neighbours afterwards, and the
    // nearest point is always a neighbour). Then Commit() inserts it; or nothing, to forget it
    // (Prepare changes no triangle, so there is nothing to undo).
    double Prepare(const IPoint& p, int start) {
        pending_ = p;
        const Triangle* tris = triangles_.data();
        cavity_.clear();
        boundary_.clear();
        frames_.clear();
        // Depth-first through the cavity, turning counter-clockwise in each triangle from the
        // edge it was entered by. The cavity is a polygon triangulated without inner vertices
        // (every vertex stays a neighbour of p), so its triangles form a tree across their shared
        // edges: each is reached once, with no marks, and the edges leaving the cavity come out
        // in counter-clockwise order around it, each one's end the next one's start.
        cavity_.push_back(start);
        frames_.push_back({start, 0, 3});
        double nearest2 = 1e300;
        while (!frames_.empty()) {
            Frame& frame = frames_.back();
            if (frame.edges_left == 0) {
                frames_.pop_back();
                continue;
            }
            const int t = frame.triangle, k = frame.edge;
            frame.edge = kNext[k];
            --frame.edges_left;
            const int nb = tris[t].n[k];
            int back = -1;   // the same edge's index in nb
            if (nb >= 0) {
                const Triangle& tn = tris[nb];
                back = tn.n[0] == t ? 0 : tn.n[1] == t ? 1 : 2;
                if (InsideCircle(tn, p)) {
                    cavity_.push_back(nb);
                    frames_.push_back({nb, kNext[back], 2});   // (`frame` may dangle from here)
                    continue;
                }
            }
            // Edge (v[k+1], v[k+2]) bounds the cavity: p's new triangle (p, v[k+1], v[k+2]).
            const IPoint& a = tris[t].v[kNext[k]];
            boundary_.push_back({a, nb, back});
            const double dx = static_cast<double>(a.x - p.x), dy = static_cast<double>(a.y - p.y);
            nearest2 = std::min(nearest2, dx * dx + dy * dy);
        }
        return nearest2;
    }

    struct Created {
        int triangle;
        double r2;   // its squared circumradius, µm²
    };
    // Returns the new triangles (valid until the next insertion): the fan (p, a, b) over the
    // cavity's boundary, in the cavity's slots and two more (a fan over m edges has m
    // triangles, the cavity m - 2).
    const std::vector<Created>& Commit() {
        const IPoint p = pending_;
        const size_t m = boundary_.size();
        assert(m == cavity_.size() + 2);
        while (cavity_.size() < m) {
            cavity_.push_back(static_cast<int>(triangles_.size()));
            triangles_.push_back(Triangle{});
            stamps_.push_back(0);
        }
        Triangle* tris = triangles_.data();
        created_.resize(m);
        for (size_t j = 0; j < m; ++j) {
            const Edge& e = boundary_[j];
            const Edge& next = boundary_[j + 1 == m ? 0 : j + 1];
            const int t = cavity_[j];
            Triangle& tri = tris[t];
            tri.v[0] = p;
            tri.v[1] = e.a;
            tri.v[2] = next.a;
            tri.n[0] = e.outside;                          // opposite p: the old edge (a, b)
            tri.n[1] = cavity_[j + 1 == m ? 0 : j + 1];    // opposite a: edge (b, p)
            tri.n[2] = cavity_[j == 0 ? m - 1 : j - 1];    // opposite b: edge (p, a)
            stamps_[static_cast<size_t>(t)] += 1;
            if (e.outside >= 0) tris[e.outside].n[e.back] = t;
            const double r2 = SetCircle(tri, p, static_cast<double>(e.a.x - p.x), static_cast<double>(e.a.y - p.y),
                                        static_cast<double>(next.a.x - p.x), static_cast<double>(next.a.y - p.y));
            created_[j] = {t, r2};
        }
        return created_;
    }

private:
    struct Edge {
        IPoint a;         // the edge runs from a to the next edge's a, counter-clockwise
        int outside;      // the triangle beyond it, -1 none
        int back;         // the edge's index in `outside`
    };
    struct Frame {
        int triangle;
        int edge;         // the next edge to look across
        int edges_left;
    };
    static constexpr int kNext[3] = {1, 2, 0};

    std::vector<Triangle> triangles_;
    std::vector<uint32_t> stamps_;
    std::vector<int> cavity_;
    std::vector<Edge> boundary_;
    std::vector<Frame> frames_;
    std::vector<Created> created_;
    IPoint pending_;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Gap queue
// ---------------------------------------------------------------------------------------------

struct Gap {
    int triangle;
    uint32_t stamp;
    double key_r2;       // its place in the queue: the squared circumradius, lowered on each retry
};

// A gap too narrow for the spacing wanted when it came up goes back this much lower (radius
// x 0.9), to be tried again when the set has grown denser.
constexpr double kRetryShrink2 = 0.81;

// Buckets of triangles by squared circumradius, about 0.4 % wide: the top bits of the IEEE
// double (exponent and 8 mantissa bits) order them, with no logarithm. Popping takes a random
// member of the widest non-empty bucket, so equal gaps are filled in random order.
class GapQueue {
public:
    // The IEEE bits of a positive double order like the double itself.
    static uint64_t Bits(double value) {
        uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        return bits;
    }

    static constexpr int kShift = 44;
    // Gaps narrower than 50 µm (far below any spacing a design can ask for) are never needed.
    static constexpr double kSmallestRadius2 = 50.0 * 50.0;

    void Push(double radius2, const Gap& gap) {
        const uint64_t key = Bits(radius2) >> kShift;
        if (key < base_) return;
        const size_t slot = static_cast<size_t>(key - base_);
        if (slot >= buckets_.size()) buckets_.resize(slot + 64);
        buckets_[slot].push_back(gap);
        top_ = std::max(top_, slot);
        ++size_;
    }
    bool Pop(Rng& rng, Gap& out) {
        while (size_ > 0) {
            std::vector<Gap>& bucket = buckets_[top_];
            if (bucket.empty()) {
                if (top_ == 0) return false;
                --top_;
                continue;
            }
            const size_t pick = rng.NextBelow(static_cast<uint32_t>(bucket.size()));
            out = bucket[pick];
            bucket[pick] = bucket.back();
            bucket.pop_back();
            --size_;
            return true;
        }
        return false;
    }

private:
    std::vector<std::vector<Gap>> buckets_;
    uint64_t base_ = Bits(kSmallestRadius2) >> kShift;
    size_t top_ = 0;
    size_t size_ = 0;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] The progressive set
// ---------------------------------------------------------------------------------------------

double TopLevelRankPerCm2(double max_density_per_cm2) { return std::max(max_density_per_cm2, kFirstLevelPerCm2); }

std::vector<RankedPoint> MakeProgressiveSet(const ProgressiveSetParams& params) {
    const RectMm& area = params.area_mm;
    std::vector<RankedPoint> ranked;
    if (!(area.WidthMm() > 0.0 && area.HeightMm() > 0.0)) return ranked;
    const double area_cm2 = area.WidthMm() * area.HeightMm() / 100.0;
    const double top = TopLevelRankPerCm2(params.max_density_per_cm2);
    const size_t wanted = static_cast<size_t>(std::ceil(top * area_cm2));
    ranked.reserve(wanted);
    Rng rng(HashCoords(params.seed, 0x5eed));

    // Work in integer micrometres over the area grown by a margin: gaps at the border of the
    // area are then filled like any other (their centres fall in the margin), and the margin's
    // points are dropped at the end. Coordinates count from the grown area's corner (x0, y0).
    const double margin_mm = kBorderMarginMm;
    const double um_per_mm = 1000.0;
    const int64_t x0 = std::llround((area.min_mm.x() - margin_mm) * um_per_mm);
    const int64_t y0 = std::llround((area.min_mm.y() - margin_mm) * um_per_mm);
    const int32_t w = static_cast<int32_t>(std::llround((area.max_mm.x() + margin_mm) * um_per_mm) - x0);
    const int32_t h = static_cast<int32_t>(std::llround((area.max_mm.y() + margin_mm) * um_per_mm) - y0);
    const int32_t span = std::max(w, h);
    // The area itself, in the same coordinates: its points are the ones ranked.
    const int64_t ax0 = std::llround(area.min_mm.x() * um_per_mm) - x0, ay0 = std::llround(area.min_mm.y() * um_per_mm) - y0;
    const int64_t ax1 = std::llround(area.max_mm.x() * um_per_mm) - x0, ay1 = std::llround(area.max_mm.y() * um_per_mm) - y0;
    const double grown_cm2 = static_cast<double>(w) * static_cast<double>(h) / 1e8;
    const size_t expected_points = static_cast<size_t>(1.1 * top * grown_cm2) + 64;
    // Super-triangle far outside, counter-clockwise in the y-up sense InCircle expects.
    Triangulation mesh({-4 * span, -4 * span}, {10 * span, -4 * span}, {-4 * span, 10 * span}, expected_points);
    GapQueue gaps;
    // A gap narrower than the clearance at the densest design ever allowed can never take a
    // point. A fixed bound (not this set's top) keeps the build identical for every top, so a
    // set built for a higher density starts with exactly the points of a lower one.
    const double usable_um = 1000.0 * kClearance * TargetSpacingMm(DesignLimits::kMaxDensityPerCm2) * 0.98;
    const double kUsableGap2 = usable_um * usable_um;

    size_t inside_count = 0, total_count = 0;
    auto insert = [&](const IPoint& p) {
        for (const Triangulation::Created& c : mesh.Commit()) {
            // New triangles are (p, a, b) with p real. A gap too narrow for any point at any
            // density is not worth a place in the queue.
            const Triangle& tri = mesh.Tri(c.triangle);
            if (!IsReal(tri.v[1]) || !IsReal(tri.v[2]) || !(c.r2 >= kUsableGap2)) continue;
            gaps.Push(c.r2, {c.triangle, mesh.Stamp(c.triangle), c.r2});
        }
        ++total_count;
        if (p.x >= ax0 && p.y >= ay0 && p.x < ax1 && p.y < ay1) {
            ++inside_count;
            ranked.push_back({Vec2(static_cast<double>(x0 + p.x) / um_per_mm, static_cast<double>(y0 + p.y) / um_per_mm),
                              static_cast<double>(inside_count) / area_cm2});
        }
    };

    // The four corners of the grown area start the triangulation (they lie in the margin).
    for (const IPoint& corner : {IPoint{0, 0}, IPoint{w, 0}, IPoint{w, h}, IPoint{0, h}}) {
        // Find a triangle whose circumcircle holds the corner (the one containing it does): the
        // corners are few, so scan (every slot holds a live triangle).
        for (int t = 0; t < mesh.TriangleSlots(); ++t) {
            if (InsideCircle(mesh.Tri(t), corner)) {
                mesh.Prepare(corner, t);
                insert(corner);
                break;
            }
        }
    }

    Gap gap;
    // The clearance wanted depends on how many points the set holds: worked out once per point.
    size_t clearance_count = 0;
    double clearance2 = 0.0;
    while (inside_count < wanted && gaps.Pop(rng, gap)) {
        if (mesh.Stamp(gap.triangle) != gap.stamp) continue;   // destroyed since it was queued
        const Triangle& tri = mesh.Tri(gap.triangle);
        const double cx = tri.cx, cy = tri.cy;
        // A gap whose centre lies outside the grown area (thin triangles along its edge) takes
        // one point where its centre projects onto the area, if that is still inside the gap:
        // this splits the long boundary edges, so the whole area keeps filling.
        const bool centre_inside = cx >= 0.0 && cy >= 0.0 && cx < static_cast<double>(w) && cy < static_cast<double>(h);
        // A random spot in the gap, kept only if it leaves kClearance · r_t (of the density the
        // set is reaching) to its nearest neighbour; after a few misses, the centre. Wide, free
        // spots keep the pattern organic and the counts per cm² even. The fill grows evenly over
        // the grown area, so the density it reaches is counted there (margin included); ranks
        // count the area itself.
        if (clearance_count != total_count || clearance2 == 0.0) {
            const double spacing_um = 1000.0 * TargetSpacingMm(std::max(static_cast<double>(total_count + 1) / grown_cm2, kFirstLevelPerCm2));
            clearance2 = kClearance * kClearance * spacing_um * spacing_um;
            clearance_count = total_count;
        }
        // The radius from a corner (the stored r2 may be NaN, see SetCircle).
        const double rx = static_cast<double>(tri.v[0].x) - cx, ry = static_cast<double>(tri.v[0].y) - cy;
        const double reach = kJitter * std::sqrt(rx * rx + ry * ry);
        bool placed = false;
        for (int attempt = centre_inside ? 0 : kJitterAttempts; attempt <= kJitterAttempts && !placed; ++attempt) {
            double jx = 0.0, jy = 0.0;
            if (attempt < kJitterAttempts) {   // uniform in the disk, by rejection: no trigonometry
                do {
                    jx = rng.NextUnit() * 2.0 - 1.0;
                    jy = rng.NextUnit() * 2.0 - 1.0;
                } while (jx * jx + jy * jy > 1.0);
            }
            IPoint p;
            if (centre_inside) {
                p = {static_cast<int32_t>(std::floor(cx + jx * reach)), static_cast<int32_t>(std::floor(cy + jy * reach))};
            } else {
                p = {static_cast<int32_t>(std::floor(std::clamp(cx, 0.0, static_cast<double>(w - 1)))),
                     static_cast<int32_t>(std::floor(std::clamp(cy, 0.0, static_cast<double>(h - 1))))};
                if (!InsideCircle(tri, p)) continue;
            }
            if (p.x < 0 || p.y < 0 || p.x >= w || p.y >= h) continue;
            // The gap's own corners become p's neighbours: a cheap first test.
            bool too_close = false;
            for (int k = 0; k < 3 && !too_close; ++k) {
                const double dx = static_cast<double>(tri.v[k].x - p.x), dy = static_cast<double>(tri.v[k].y - p.y);
                too_close = dx * dx + dy * dy < clearance2;
            }
            if (too_close) continue;
            // p lies inside the circumcircle (|offset| < r), so the cavity search may start at the gap.
            if (mesh.Prepare(p, gap.triangle) < clearance2) continue;   // forgotten: see Prepare()
            // (`tri` is replaced from here on: Commit() reuses the cavity's slots.)
            insert(p);
            placed = true;
        }
        // Too narrow for the spacing wanted now, but the spacing shrinks as the set fills:
        // come back to it later (a gap is never lost for good, so no region can stall).
        if (!placed) {
            gap.key_r2 *= kRetryShrink2;
            if (gap.key_r2 >= kUsableGap2) gaps.Push(gap.key_r2, gap);
        }
    }
    return ranked;
}

}  // namespace smp
