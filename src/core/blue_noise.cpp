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
#include "core/blue_noise.h"

#include "core/design.h"
#include "core/random.h"

#include <algorithm>
#include <cstring>
#include <cmath>

namespace smp {
namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] Exact predicates on integer micrometres
// ---------------------------------------------------------------------------------------------

struct IPoint {
    int64_t x = 0, y = 0;   // micrometres
};

// True when d lies strictly inside the circle through a, b, c (a, b, c counter-clockwise in the
// y-up sense). Exact: coordinate differences stay below 2^26 µm, so every product fits 128 bits.
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

// The same answer, fast: the determinant in doubles with a bound on its rounding error (after
// Shewchuk's incircle filter); only when the sign is in doubt does the exact test run. The
// answer is the exact sign either way, so every platform agrees.
inline __attribute__((always_inline)) bool InCircle(const IPoint& a, const IPoint& b, const IPoint& c, const IPoint& d) {
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
    // exact integers (|coordinates| < 2^53), so the true error is smaller still.
    constexpr double kErrorBound = 2.5e-15;
    if (det > kErrorBound * permanent) return true;
    if (-det > kErrorBound * permanent) return false;
    return InCircleExact(a, b, c, d);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Delaunay triangulation
// ---------------------------------------------------------------------------------------------

struct Triangle {
    int v[3];          // counter-clockwise in the y-up sense
    int n[3];          // n[i]: the triangle across the edge opposite v[i]; -1 outside
    uint32_t stamp;    // bumped when the slot is reused, so stale queue entries are recognised
    uint32_t visited;  // the search that last reached it (no clearing between searches)
    bool alive;
};

class Triangulation {
public:
    // The first three points must be a counter-clockwise super-triangle enclosing everything.
    Triangulation(const IPoint& a, const IPoint& b, const IPoint& c, size_t expected_points) {
        points_.reserve(expected_points + 3);
        triangles_.reserve(2 * expected_points + 16);
        points_ = {a, b, c};
        triangles_.push_back({{0, 1, 2}, {-1, -1, -1}, 0, 0, true});
    }

    const IPoint& Point(int i) const { return points_[static_cast<size_t>(i)]; }
    const Triangle& Tri(int t) const { return triangles_[static_cast<size_t>(t)]; }
    int TriangleSlots() const { return static_cast<int>(triangles_.size()); }
    static constexpr int kSuperVertices = 3;

    // Insertion in two steps, so a caller can look before it leaps. Prepare() finds the cavity
    // of p (every triangle whose circumcircle holds p; connected, containing `start`, whose
    // circumcircle must hold p) and returns the squared distance from p to its nearest future
    // neighbour (the cavity's boundary vertices are exactly p's neighbours afterwards, and the
    // nearest point is always a neighbour). Then Commit() inserts it; or nothing, to forget it
    // (the next search starts a new mark, so there is nothing to undo).
    double Prepare(const IPoint& p, int start) {
        pending_ = p;
        ++search_;
        Triangle* tris = triangles_.data();
        const IPoint* pts = points_.data();
        cavity_.clear();
        stack_.clear();
        stack_.push_back(start);
        tris[start].visited = search_;
        while (!stack_.empty()) {
            const int t = stack_.back();
            stack_.pop_back();
            cavity_.push_back(t);
            for (int k = 0; k < 3; ++k) {
                const int nb = tris[t].n[k];
                if (nb < 0 || tris[nb].visited == search_) continue;
                const Triangle& tn = tris[nb];
                if (InCircle(pts[tn.v[0]], pts[tn.v[1]], pts[tn.v[2]], p)) {
                    tris[nb].visited = search_;
                    stack_.push_back(nb);
                }
            }
        }
        boundary_.clear();
        double nearest2 = 1e300;
        for (int t : cavity_) {
            const Triangle& tri = tris[t];
            for (int k = 0; k < 3; ++k) {
                const int nb = tri.n[k];
                if (nb >= 0 && tris[nb].visited == search_) continue;
                const Edge e{tri.v[(k + 1) % 3], tri.v[(k + 2) % 3], nb};
                boundary_.push_back(e);
                const double dx = static_cast<double>(pts[e.a].x - p.x), dy = static_cast<double>(pts[e.a].y - p.y);
                nearest2 = std::min(nearest2, dx * dx + dy * dy);
            }
        }
        return nearest2;
    }

    // Returns the new triangles (valid until the next insertion).
    const std::vector<int>& Commit() {
        const int p_index = static_cast<int>(points_.size());
        points_.push_back(pending_);
        for (int t : cavity_) {
            triangles_[static_cast<size_t>(t)].alive = false;
            free_.push_back(t);
        }
        // A fan of new triangles (p, a, b); link them to the outside and to each other.
        created_.clear();
        for (const Edge& e : boundary_) {
            const int t = Allocate();
            Triangle& tri = triangles_[static_cast<size_t>(t)];
            tri.v[0] = p_index;
            tri.v[1] = e.a;
            tri.v[2] = e.b;
            tri.n[0] = e.outside;   // opposite p: the old edge (a, b)
            tri.n[1] = -1;          // opposite a: edge (b, p)
            tri.n[2] = -1;          // opposite b: edge (p, a)
            if (e.outside >= 0) {
                Triangle& out = triangles_[static_cast<size_t>(e.outside)];
                for (int k = 0; k < 3; ++k) {
                    if (out.v[(k + 1) % 3] == e.b && out.v[(k + 2) % 3] == e.a) out.n[k] = t;
                }
            }
            created_.push_back(t);
        }
        // Edge (p, a) of one new triangle is edge (b', p) of the one whose b' == a: index the new
        // triangles by their b vertex, then look each a up.
        if (fan_by_vertex_.size() < points_.size()) fan_by_vertex_.resize(points_.capacity(), -1);
        for (int t : created_) fan_by_vertex_[static_cast<size_t>(triangles_[static_cast<size_t>(t)].v[2])] = t;
        for (int t : created_) {
            Triangle& tri = triangles_[static_cast<size_t>(t)];
            const int u = fan_by_vertex_[static_cast<size_t>(tri.v[1])];
            tri.n[2] = u;
            triangles_[static_cast<size_t>(u)].n[1] = t;
        }
        for (int t : created_) fan_by_vertex_[static_cast<size_t>(triangles_[static_cast<size_t>(t)].v[2])] = -1;
        return created_;
    }

private:
    struct Edge {
        int a, b, outside;
    };

    int Allocate() {
        if (!free_.empty()) {
            const int t = free_.back();
            free_.pop_back();
            Triangle& tri = triangles_[static_cast<size_t>(t)];
            tri.alive = true;
            tri.stamp += 1;
            return t;
        }
        triangles_.push_back({{0, 0, 0}, {-1, -1, -1}, 0, 0, true});
        return static_cast<int>(triangles_.size() - 1);
    }
    std::vector<IPoint> points_;
    std::vector<Triangle> triangles_;
    std::vector<int> free_, cavity_, stack_, created_;
    std::vector<Edge> boundary_;
    uint32_t search_ = 0;
    std::vector<int> fan_by_vertex_;   // scratch for Commit(), all -1 between calls
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

struct Circle {
    double cx, cy, r2;   // micrometres
};

Circle Circumcircle(const IPoint& a, const IPoint& b, const IPoint& c) {
    const double bx = static_cast<double>(b.x - a.x), by = static_cast<double>(b.y - a.y);
    const double cx = static_cast<double>(c.x - a.x), cy = static_cast<double>(c.y - a.y);
    const double d = 2.0 * (bx * cy - by * cx);
    const double b2 = bx * bx + by * by, c2 = cx * cx + cy * cy;
    const double ux = (cy * b2 - by * c2) / d, uy = (bx * c2 - cx * b2) / d;
    return {static_cast<double>(a.x) + ux, static_cast<double>(a.y) + uy, ux * ux + uy * uy};
}

// Squared circumradius alone, for queueing: r² = |ab|² |ac|² |bc|² / (2 · cross)², with no
// centre; 0 when the triangle is too narrow to matter (or degenerate), without dividing.
double CircumradiusSquaredAtLeast(const IPoint& a, const IPoint& b, const IPoint& c, double at_least2) {
    const double bx = static_cast<double>(b.x - a.x), by = static_cast<double>(b.y - a.y);
    const double cx = static_cast<double>(c.x - a.x), cy = static_cast<double>(c.y - a.y);
    const double d = 2.0 * (bx * cy - by * cx);
    const double ex = bx - cx, ey = by - cy;
    const double product = (bx * bx + by * by) * (cx * cx + cy * cy) * (ex * ex + ey * ey);
    const double d2 = d * d;
    if (!(product >= at_least2 * d2) || d2 == 0.0) return 0.0;
    return product / d2;
}

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
    ranked.reserve(wanted + wanted / 8);
    Rng rng(HashCoords(params.seed, 0x5eed));

    // Work in integer micrometres over the area grown by a margin: gaps at the border of the
    // area are then filled like any other (their centres fall in the margin), and the margin's
    // points are dropped at the end.
    const double margin_mm = kBorderMarginMm;
    const double um_per_mm = 1000.0;
    const int64_t x0 = std::llround((area.min_mm.x() - margin_mm) * um_per_mm);
    const int64_t y0 = std::llround((area.min_mm.y() - margin_mm) * um_per_mm);
    const int64_t x1 = std::llround((area.max_mm.x() + margin_mm) * um_per_mm);
    const int64_t y1 = std::llround((area.max_mm.y() + margin_mm) * um_per_mm);
    const int64_t span = std::max(x1 - x0, y1 - y0);
    // Super-triangle far outside, counter-clockwise in the y-up sense InCircle expects.
    const size_t expected_points = static_cast<size_t>(1.1 * top * static_cast<double>(x1 - x0) * static_cast<double>(y1 - y0) / 1e8) + 64;
    Triangulation mesh({x0 - 4 * span, y0 - 4 * span}, {x0 + 10 * span, y0 - 4 * span}, {x0 - 4 * span, y0 + 10 * span},
                       expected_points);
    GapQueue gaps;
    // A gap narrower than the clearance at the densest design ever allowed can never take a
    // point. A fixed bound (not this set's top) keeps the build identical for every top, so a
    // set built for a higher density starts with exactly the points of a lower one.
    const double usable_um = 1000.0 * kClearance * TargetSpacingMm(DesignLimits::kMaxDensityPerCm2) * 0.98;
    const double kUsableGap2 = usable_um * usable_um;

    auto is_real = [](const Triangle& t) {
        return t.v[0] >= Triangulation::kSuperVertices && t.v[1] >= Triangulation::kSuperVertices &&
               t.v[2] >= Triangulation::kSuperVertices;
    };
    auto queue_triangles = [&](const std::vector<int>& triangles) {
        for (int t : triangles) {
            const Triangle& tri = mesh.Tri(t);
            if (!is_real(tri)) continue;
            // Too narrow for any point at any density: not worth a place in the queue.
            const double r2 = CircumradiusSquaredAtLeast(mesh.Point(tri.v[0]), mesh.Point(tri.v[1]), mesh.Point(tri.v[2]), kUsableGap2);
            if (r2 == 0.0) continue;
            gaps.Push(r2, {t, tri.stamp, r2});
        }
    };
    size_t inside_count = 0, total_count = 0;
    const double grown_cm2 = static_cast<double>(x1 - x0) * static_cast<double>(y1 - y0) / 1e8;
    const int64_t ax0 = std::llround(area.min_mm.x() * um_per_mm), ay0 = std::llround(area.min_mm.y() * um_per_mm);
    const int64_t ax1 = std::llround(area.max_mm.x() * um_per_mm), ay1 = std::llround(area.max_mm.y() * um_per_mm);
    auto add = [&](const IPoint& p, int start) {
        mesh.Prepare(p, start);
        queue_triangles(mesh.Commit());
        ++total_count;
        if (p.x >= ax0 && p.y >= ay0 && p.x < ax1 && p.y < ay1) {
            ++inside_count;
            ranked.push_back({Vec2(static_cast<double>(p.x) / um_per_mm, static_cast<double>(p.y) / um_per_mm),
                              static_cast<double>(inside_count) / area_cm2});
        }
    };

    // The four corners of the grown area start the triangulation (they lie in the margin).
    add({x0, y0}, 0);
    for (const IPoint& corner : {IPoint{x1, y0}, IPoint{x1, y1}, IPoint{x0, y1}}) {
        // Find a live triangle whose circumcircle holds the corner (the one containing it does):
        // the corners are few, so scan.
        for (int t = 0; t < mesh.TriangleSlots(); ++t) {
            const Triangle& tri = mesh.Tri(t);
            if (tri.alive && InCircle(mesh.Point(tri.v[0]), mesh.Point(tri.v[1]), mesh.Point(tri.v[2]), corner)) {
                add(corner, t);
                break;
            }
        }
    }

    Gap gap;
    while (inside_count < wanted && gaps.Pop(rng, gap)) {
        const Triangle& tri = mesh.Tri(gap.triangle);
        if (!tri.alive || tri.stamp != gap.stamp) continue;
        const Circle c = Circumcircle(mesh.Point(tri.v[0]), mesh.Point(tri.v[1]), mesh.Point(tri.v[2]));
        // A gap whose centre lies outside the grown area (thin triangles along its edge) takes
        // one point where its centre projects onto the area, if that is still inside the gap:
        // this splits the long boundary edges, so the whole area keeps filling.
        const bool centre_inside = c.cx >= static_cast<double>(x0) && c.cy >= static_cast<double>(y0) &&
                                   c.cx < static_cast<double>(x1) && c.cy < static_cast<double>(y1);
        // A random spot in the gap, kept only if it leaves kClearance · r_t (of the density the
        // set is reaching) to its nearest neighbour; after a few misses, the centre. Wide, free
        // spots keep the pattern organic and the counts per cm² even. The fill grows evenly over
        // the grown area, so the density it reaches is counted there (margin included); ranks
        // count the area itself.
        const double spacing_um = 1000.0 * TargetSpacingMm(std::max(static_cast<double>(total_count + 1) / grown_cm2, kFirstLevelPerCm2));
        const double clearance2 = kClearance * kClearance * spacing_um * spacing_um;
        const double reach = kJitter * std::sqrt(c.r2);
        bool placed = false;
        for (int attempt = centre_inside ? 0 : kJitterAttempts; attempt <= kJitterAttempts && !placed; ++attempt) {
            double jx = 0.0, jy = 0.0;
            if (attempt < kJitterAttempts) {   // uniform in the disk, by rejection: no trigonometry
                do {
                    jx = rng.NextUnit() * 2.0 - 1.0;
                    jy = rng.NextUnit() * 2.0 - 1.0;
                } while (jx * jx + jy * jy > 1.0);
            }
            IPoint p{static_cast<int64_t>(std::floor(c.cx + jx * reach)), static_cast<int64_t>(std::floor(c.cy + jy * reach))};
            if (!centre_inside) {
                p.x = std::clamp(static_cast<int64_t>(std::floor(std::clamp(c.cx, static_cast<double>(x0), static_cast<double>(x1 - 1)))), x0, x1 - 1);
                p.y = std::clamp(static_cast<int64_t>(std::floor(std::clamp(c.cy, static_cast<double>(y0), static_cast<double>(y1 - 1)))), y0, y1 - 1);
                if (!InCircle(mesh.Point(tri.v[0]), mesh.Point(tri.v[1]), mesh.Point(tri.v[2]), p)) continue;
            }
            if (p.x < x0 || p.y < y0 || p.x >= x1 || p.y >= y1) continue;
            // The gap's own corners become p's neighbours: a cheap first test.
            bool too_close = false;
            for (int k = 0; k < 3 && !too_close; ++k) {
                const IPoint& v = mesh.Point(tri.v[k]);
                const double dx = static_cast<double>(v.x - p.x), dy = static_cast<double>(v.y - p.y);
                too_close = dx * dx + dy * dy < clearance2;
            }
            if (too_close) continue;
            // p lies inside the circumcircle (|offset| < r), so the cavity search may start at the gap.
            if (mesh.Prepare(p, gap.triangle) < clearance2) continue;   // forgotten: see Prepare()
            // (`tri` may dangle from here on: Commit() can move the triangles.)
            const std::vector<int>& created = mesh.Commit();
            ++total_count;
            if (p.x >= ax0 && p.y >= ay0 && p.x < ax1 && p.y < ay1) {
                ++inside_count;
                ranked.push_back({Vec2(static_cast<double>(p.x) / um_per_mm, static_cast<double>(p.y) / um_per_mm),
                                  static_cast<double>(inside_count) / area_cm2});
            }
            queue_triangles(created);
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
