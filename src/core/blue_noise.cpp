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
// Speed: an insertion reaches a handful of triangles scattered over the whole field (the next
// gap is anywhere), so much of its time is spent waiting on memory. Hence a triangle is 32 bytes
// (its circumcircle stored once, as floats, with a proven error bound), queue entries carry
// what recognises a destroyed triangle, and the next gaps' triangles are fetched while the
// current one is filled. About 2,100 instructions per inserted point.
#include "core/blue_noise.h"

#include "core/design.h"
#include "core/random.h"

#include <algorithm>
#include <atomic>
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

// floor(x) for |x| < 2^31, without a libm call.
inline int32_t FloorToInt(double x) {
    const int32_t i = static_cast<int32_t>(x);   // truncates towards zero
    return i - (static_cast<double>(i) > x ? 1 : 0);
}

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

// A triangle keeps its circumcircle, computed once when it is made, as the centre's offset from
// its first corner: the cavity search then tests a new point against it with a few products
// (InsideCircle), and the gap queue and the placement read its radius and centre. Floats keep a
// triangle to 32 bytes (two to a cache line): the field's triangles then stay within the
// caches' reach, and the test's error bound allows for the floats' rounding.
struct alignas(32) Triangle {
    int v[3];          // corners (point indices), counter-clockwise in the y-up sense
    int n[3];          // n[i]: across the edge opposite v[i], 4 · triangle + that edge's index there; -1 outside
    float ux, uy;      // circumcentre - v[0], µm (rounded); NaN when they may not decide InsideCircle
};

// Why the stored offset decides exactly: let u* be the true offset of the centre from o = v[0]
// and u = u* + δ the stored one. For any point q, with w = q - o, w·w - 2 w·u = D - 2 w·δ, where
// D = |q - c*|² - |o - c*|² is the exact InCircle quantity (negative inside). With ρ = |u*|,
// 2 |w| |δ| <= (|δ| / ρ)(w·w + ρ²). Computing u in doubles errs by at most 4.03 eps σ, σ =
// (|cy| b² + |by| c² + |bx| c² + |cx| b²) / |2 cross| (the numerators' rounding); we only trust
// proper triangles with σ <= 1e6 ρ, so that is below 9e-10 ρ, and rounding to floats adds
// 2^-24 (|ux| + |uy|) <= 8.43e-8 ρ: |δ| / ρ <= 8.6e-8. The products w·u are exact in doubles
// (26-bit integers times 24-bit floats) and the rest rounds by a few eps, so the computed
// w·w - 2 w·u is within 9e-8 (w·w + u·u) of D. kCircleSlack = 4e-7 leaves a margin of 4: beyond
// it the computed sign is the sign of D. Other triangles (slivers, the super-triangle's) store
// NaN, which compares false both ways, so the exact test decides for them. Only + - * / on
// doubles and conversions are involved: every platform computes the same values too.
constexpr double kCircleSlack = 4e-7;

struct Circumcentre {
    double ux, uy;   // centre - v[0], µm
    double r2;       // squared radius, µm²
    bool trusted;    // may decide InsideCircle (see above)
};

inline Circumcentre CircumcentreOffset(double bx, double by, double b2, double cx, double cy, double c2) {
    const double cross = bx * cy - by * cx;   // exact; > 0 for a proper counter-clockwise triangle
    const double inv = 0.5 / cross;
    const double ux = (cy * b2 - by * c2) * inv, uy = (bx * c2 - cx * b2) * inv;
    // σ <= sqrt(2) |b| |c| (|b| + |c|) / |2 cross| and ρ >= max(|b|, |c|) / 2, so σ / ρ <=
    // 2 sqrt(2) |b| |c| / |cross|: this keeps σ <= 1e6 ρ (with room for the rounding of the products).
    const bool trusted = cross > 0.0 && cross * cross >= 1e-11 * (b2 * c2);
    return {ux, uy, ux * ux + uy * uy, trusted};
}

// Stores the circle of t = (o, o + b, o + c), o = v[0], and returns its squared radius (also when
// the offset is not trusted). b and c are exact integers in doubles, below 2^26, so every product
// up to the numerators is exact; b2 = b·b, c2 = c·c.
inline double SetCircle(Triangle& t, double bx, double by, double b2, double cx, double cy, double c2) {
    const Circumcentre c = CircumcentreOffset(bx, by, b2, cx, cy, c2);
    t.ux = c.trusted ? static_cast<float>(c.ux) : std::numeric_limits<float>::quiet_NaN();
    t.uy = c.trusted ? static_cast<float>(c.uy) : std::numeric_limits<float>::quiet_NaN();
    return c.r2;
}

class Triangulation {
public:
    // A counter-clockwise super-triangle enclosing everything starts the triangulation.
    Triangulation(const IPoint& a, const IPoint& b, const IPoint& c) {
        points_ = {a, b, c};
        Triangle t{};
        t.v[0] = 0, t.v[1] = 1, t.v[2] = 2;
        t.n[0] = t.n[1] = t.n[2] = -1;
        const double bx = static_cast<double>(b.x - a.x), by = static_cast<double>(b.y - a.y);
        const double cx = static_cast<double>(c.x - a.x), cy = static_cast<double>(c.y - a.y);
        SetCircle(t, bx, by, bx * bx + by * by, cx, cy, cx * cx + cy * cy);
        triangles_.push_back(t);
    }

    // Room for this many points in all (a build that grows reserves again).
    void Reserve(size_t expected_points) {
        points_.reserve(expected_points + 3);
        triangles_.reserve(2 * expected_points + 16);
    }

    const Triangle& Tri(int t) const { return triangles_[static_cast<size_t>(t)]; }
    const IPoint& Point(int i) const { return points_[static_cast<size_t>(i)]; }
    int PointCount() const { return static_cast<int>(points_.size()); }
    // Whether slot t still holds the triangle made by inserting point `apex` (its v[0]): a slot
    // is refilled only by a later insertion, whose point comes later, so a triangle's slot and
    // apex identify it for good.
    bool Holds(int t, int apex) const { return triangles_[static_cast<size_t>(t)].v[0] == apex; }
    int TriangleSlots() const { return static_cast<int>(triangles_.size()); }
    size_t CapacityBytes() const {
        return points_.capacity() * sizeof(IPoint) + triangles_.capacity() * sizeof(Triangle) + cavity_.capacity() * sizeof(int) +
               boundary_.capacity() * sizeof(Edge);
    }
    static constexpr int kSuperVertices = 3;   // points 0, 1, 2: the super-triangle

    // Reads triangle t's first word, or its neighbours' first words, and returns a meaningless
    // sum: called ahead of need, so the cache misses overlap with other work (plain loads, as
    // WebAssembly has no prefetch instruction; the caller keeps the sum alive).
    uint32_t Touch(int t) const { return static_cast<uint32_t>(triangles_[static_cast<size_t>(t)].v[0]); }
    uint32_t TouchNeighbours(int t) const {
        uint32_t sum = 0;
        for (int k = 0; k < 3; ++k) {
            const int across = triangles_[static_cast<size_t>(t)].n[k];
            if (across >= 0) sum += static_cast<uint32_t>(triangles_[static_cast<size_t>(across >> 2)].v[0]);
        }
        return sum;
    }

    // Whether q lies strictly inside t's circumcircle: the stored offset decides unless q is
    // within its rounding bound of the circle (see kCircleSlack); then the exact test does.
    inline __attribute__((always_inline)) bool InsideCircle(const Triangle& t, const IPoint& q) const {
        const IPoint& o = points_[static_cast<size_t>(t.v[0])];
        const double wx = static_cast<double>(q.x - o.x), wy = static_cast<double>(q.y - o.y);
        const double ux = t.ux, uy = t.uy;
        const double ww = wx * wx + wy * wy;
        const double power = ww - 2.0 * (wx * ux + wy * uy);
        const double slack = kCircleSlack * (ww + (ux * ux + uy * uy));
        if (power < -slack) return true;
        if (power > slack) return false;
        return InCircle(o, Point(t.v[1]), Point(t.v[2]), q);
    }

    // The circle's centre (µm) and squared radius (µm²).
    Circumcentre Circle(const Triangle& t) const {
        const IPoint& o = Point(t.v[0]);
        Circumcentre c;
        if (t.ux == t.ux) {   // not NaN: the stored offset
            c.ux = t.ux, c.uy = t.uy;
            c.r2 = c.ux * c.ux + c.uy * c.uy;
        } else {              // not stored: worked out again, as when the triangle was made
            const IPoint &b = Point(t.v[1]), &d = Point(t.v[2]);
            const double bx = static_cast<double>(b.x - o.x), by = static_cast<double>(b.y - o.y);
            const double dx = static_cast<double>(d.x - o.x), dy = static_cast<double>(d.y - o.y);
            c = CircumcentreOffset(bx, by, bx * bx + by * by, dx, dy, dx * dx + dy * dy);
        }
        c.ux += static_cast<double>(o.x);
        c.uy += static_cast<double>(o.y);
        return c;
    }

    // Insertion in two steps, so a caller can look before it leaps. Prepare() finds the cavity
    // of p (every triangle whose circumcircle holds p; connected, containing `start`, whose
    // circumcircle must hold p) and returns the squared distance from p to its nearest future
    // neighbour (the cavity's boundary vertices are exactly p's neighbours afterwards, and the
    // nearest point is always a neighbour). Then Commit() inserts it; or nothing, to forget it
    // (Prepare changes no triangle, so there is nothing to undo).
    double Prepare(const IPoint& p, int start) {
        pending_ = p;
        nearest2_ = 1e300;
        cavity_.clear();
        boundary_.clear();
        cavity_.push_back(start);
        Walk(start, 0, 3);
        return nearest2_;
    }

    // Inserts the prepared point: the fan (p, a, b) over the cavity's boundary, in the cavity's
    // slots and two more (a fan over m edges has m triangles, the cavity m - 2). Calls
    // new_gap(triangle, apex, r2) for each new triangle whose corners are all real points, r2
    // its squared circumradius (µm²).
    template <typename NewGap>
    void Commit(NewGap&& new_gap) {
        const int p_index = static_cast<int>(points_.size());
        points_.push_back(pending_);
        const size_t m = boundary_.size();
        assert(m == cavity_.size() + 2);
        const int first_new = static_cast<int>(triangles_.size());
        cavity_.push_back(first_new);
        cavity_.push_back(first_new + 1);
        triangles_.resize(triangles_.size() + 2);
        // Both lists wrap around: the last edge's end is the first one's start.
        boundary_.push_back(boundary_[0]);
        cavity_.push_back(cavity_[0]);
        Triangle* tris = triangles_.data();
        const int* slots = cavity_.data();
        const Edge* edges = boundary_.data();
        int previous = slots[m - 1];
        for (size_t j = 0; j < m; ++j) {
            const Edge& e = edges[j];
            const Edge& next = edges[j + 1];
            const int t = slots[j];
            Triangle& tri = tris[t];
            tri.v[0] = p_index;
            tri.v[1] = e.a;
            tri.v[2] = next.a;
            tri.n[0] = e.outside;               // opposite p: the old edge (a, b)
            tri.n[1] = 4 * slots[j + 1] + 2;    // opposite a: edge (b, p), the next one's (p, a)
            tri.n[2] = 4 * previous + 1;        // opposite b: edge (p, a), the previous one's (b, p)
            previous = t;
            if (e.outside >= 0) tris[e.outside >> 2].n[e.outside & 3] = 4 * t;
            const double r2 = SetCircle(tri, e.dx, e.dy, e.d2, next.dx, next.dy, next.d2);
            if (std::min(e.a, next.a) >= kSuperVertices) new_gap(t, p_index, r2);
        }
    }

private:
    // Depth-first through the cavity from t, across `edges` of its edges counter-clockwise from
    // `first` (the start triangle: all three; any other: the two it was not entered by). The
    // cavity is a polygon triangulated without inner vertices (every vertex stays a neighbour of
    // p), so its triangles form a tree across their shared edges: each is reached once, with no
    // marks, and the edges leaving the cavity come out in counter-clockwise order around it,
    // each one's end the next one's start.
    void Walk(int t, int first, int edges) {
        const IPoint p = pending_;
        for (int i = 0, k = first; i < edges; ++i, k = kNext[k]) {
            const int across = triangles_[static_cast<size_t>(t)].n[k];
            if (across >= 0 && InsideCircle(triangles_[static_cast<size_t>(across >> 2)], p)) {
                cavity_.push_back(across >> 2);
                Walk(across >> 2, kNext[across & 3], 2);
                continue;
            }
            // Edge (v[k+1], v[k+2]) bounds the cavity: p's new triangle (p, v[k+1], v[k+2]).
            const int a = triangles_[static_cast<size_t>(t)].v[kNext[k]];
            const IPoint& pa = points_[static_cast<size_t>(a)];
            const double dx = static_cast<double>(pa.x - p.x), dy = static_cast<double>(pa.y - p.y);
            const double d2 = dx * dx + dy * dy;
            boundary_.push_back({a, across, dx, dy, d2});
            nearest2_ = std::min(nearest2_, d2);
        }
    }

    struct Edge {
        int a;            // the edge runs from a to the next edge's a, counter-clockwise
        int outside;      // beyond it: 4 · triangle + the edge's index there; -1 none
        double dx, dy;    // a - p, µm (exact)
        double d2;        // |a - p|², µm² (exact)
    };
    static constexpr int kNext[3] = {1, 2, 0};

    std::vector<IPoint> points_;
    std::vector<Triangle> triangles_;
    std::vector<int> cavity_;
    std::vector<Edge> boundary_;
    IPoint pending_;
    double nearest2_ = 0.0;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Gap queue
// ---------------------------------------------------------------------------------------------

// 8 bytes: the queue holds a few hundred thousand of them, and a smaller queue leaves the caches
// to the triangles. Its place in the queue is its bucket (see GapQueue::TopKey2).
struct Gap {
    int triangle;
    int apex;            // the triangle's v[0] then: see Triangulation::Holds
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

    inline __attribute__((always_inline)) void Push(double radius2, const Gap& gap) {
        const uint64_t key = Bits(radius2) >> kShift;
        if (key < base_) return;
        const size_t slot = static_cast<size_t>(key - base_);
        if (slot >= bucket_count_) Grow(slot);
        std::vector<Gap>& bucket = buckets_[slot];
        if (bucket.empty()) {
            nonempty_[slot >> 6] |= uint64_t{1} << (slot & 63);
            if (bucket.capacity() == 0 && !spare_.empty()) {
                bucket.swap(spare_.back());
                spare_.pop_back();
            }
        }
        bucket.push_back(gap);
        top_ = std::max(top_, slot);
        ++size_;
    }
    // The squared circumradius at the bottom of the bucket popped from last: a retried gap goes
    // back lower than this (its own key lies less than 0.4 % above it).
    double TopKey2() const {
        const uint64_t bits = (static_cast<uint64_t>(top_) + base_) << kShift;
        double value = 0.0;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    }
    bool Pop(Rng& rng, Gap& out) {
        if (size_ == 0) return false;
        if (buckets_[top_].empty()) {   // down to the widest non-empty bucket (there is one)
            size_t word = top_ >> 6;
            uint64_t bits = nonempty_[word] & ((uint64_t{2} << (top_ & 63)) - 1);
            while (bits == 0) bits = nonempty_[--word];
            top_ = word * 64 + 63 - static_cast<size_t>(__builtin_clzll(bits));
        }
        return PopFromTop(rng, out);
    }

    // Pop() from the widest bucket popped from last, if it still holds a gap.
    inline __attribute__((always_inline)) bool PopFromTop(Rng& rng, Gap& out) {
        if (size_ == 0) return false;
        std::vector<Gap>& bucket = buckets_[top_];
        if (bucket.empty()) return false;
        const size_t pick = rng.NextBelow(static_cast<uint32_t>(bucket.size()));
        out = bucket[pick];
        bucket[pick] = bucket.back();
        bucket.pop_back();
        --size_;
        if (bucket.empty()) {
            nonempty_[top_ >> 6] &= ~(uint64_t{1} << (top_ & 63));
            // Drained: its storage serves the buckets below (pops move down, pushes mostly land
            // below too), instead of every bucket growing its own.
            spare_.push_back(std::move(bucket));
        }
        return true;
    }

    size_t CapacityBytes() const {
        size_t bytes = (buckets_.capacity() + spare_.capacity()) * sizeof(std::vector<Gap>) + nonempty_.capacity() * sizeof(uint64_t);
        for (const std::vector<Gap>& bucket : buckets_) bytes += bucket.capacity() * sizeof(Gap);
        for (const std::vector<Gap>& bucket : spare_) bytes += bucket.capacity() * sizeof(Gap);
        return bytes;
    }

private:
    __attribute__((noinline)) void Grow(size_t slot) {
        bucket_count_ = (slot / 64 + 2) * 64;
        buckets_.resize(bucket_count_);
        nonempty_.resize(bucket_count_ / 64, 0);
    }

    std::vector<std::vector<Gap>> spare_;
    std::vector<std::vector<Gap>> buckets_;
    std::vector<uint64_t> nonempty_;   // bit b of word w: bucket 64 w + b holds gaps
    size_t bucket_count_ = 0;          // buckets_.size(), a multiple of 64
    uint64_t base_ = Bits(kSmallestRadius2) >> kShift;
    size_t top_ = 0;
    size_t size_ = 0;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] The progressive set
// ---------------------------------------------------------------------------------------------

double TopLevelRankPerCm2(double max_density_per_cm2) { return std::max(max_density_per_cm2, kFirstLevelPerCm2); }

// The build's whole state between Grow() calls: the loop below stops when the area holds the
// points wanted, before it takes another gap, so a later Grow() carries on exactly as one build
// for the higher rank would have.
struct ProgressiveSetBuilder::Build {
    Build(const RectMm& area, uint64_t seed);
    void Fill(size_t wanted);   // adds points until the area holds `wanted`, or no gap is left
    // Room for the points of `wanted` in the area (the margin fills as densely as the area; 10 %
    // spare).
    void Reserve(size_t wanted) { mesh.Reserve(static_cast<size_t>(1.1 * static_cast<double>(wanted) * grown_cm2 / area_cm2) + 64); }
    size_t Wanted(double max_density_per_cm2) const { return static_cast<size_t>(std::ceil(TopLevelRankPerCm2(max_density_per_cm2) * area_cm2)); }

    // The grown area in integer micrometres from its corner (x0, y0), w x h; the area itself
    // is [ax0, ax1) x [ay0, ay1) there.
    const int64_t x0, y0;
    const int32_t w, h;
    int64_t ax0 = 0, ay0 = 0, ax1 = 0, ay1 = 0;
    double area_cm2 = 0.0, grown_cm2 = 0.0;
    Rng rng;
    Triangulation mesh;
    GapQueue gaps;
    double usable_gap2 = 0.0;
    size_t inside_count = 0, total_count = 0;
    // Gaps taken from the queue ahead of need (see Fill).
    static constexpr size_t kAhead = 4;
    struct Popped {
        Gap gap;
        double key_r2;   // the bottom of the bucket it came from
    };
    Popped ahead[kAhead];
    size_t ahead_head = 0, ahead_count = 0;
    size_t clearance_count = 0;
    double clearance2 = 0.0;
    // Points given out so far: the mesh's points before `emitted_to` are in the caller's list.
    int emitted_to = Triangulation::kSuperVertices;
    size_t ranked_count = 0;
};

namespace {

// Work in integer micrometres over the area grown by a margin: gaps at the border of the area are
// then filled like any other (their centres fall in the margin), and the margin's points are
// dropped from the ranked list. Coordinates count from the grown area's corner.
constexpr double kUmPerMm = 1000.0;
int64_t GrownMinUm(double min_mm) { return std::llround((min_mm - kBorderMarginMm) * kUmPerMm); }
int32_t GrownSizeUm(double min_mm, double max_mm) {
    return static_cast<int32_t>(std::llround((max_mm + kBorderMarginMm) * kUmPerMm) - GrownMinUm(min_mm));
}

}  // namespace

ProgressiveSetBuilder::Build::Build(const RectMm& area, uint64_t seed)
    : x0(GrownMinUm(area.min_mm.x())),
      y0(GrownMinUm(area.min_mm.y())),
      w(GrownSizeUm(area.min_mm.x(), area.max_mm.x())),
      h(GrownSizeUm(area.min_mm.y(), area.max_mm.y())),
      rng(HashCoords(seed, 0x5eed)),
      // Super-triangle far outside, counter-clockwise in the y-up sense InCircle expects.
      mesh({-4 * std::max(w, h), -4 * std::max(w, h)}, {10 * std::max(w, h), -4 * std::max(w, h)}, {-4 * std::max(w, h), 10 * std::max(w, h)}) {
    assert(std::max(w, h) < (1 << 26) / 14);   // the super-triangle's differences below 2^26 µm (IPoint)
    // The area itself, in the same coordinates: its points are the ones ranked.
    ax0 = std::llround(area.min_mm.x() * kUmPerMm) - x0, ay0 = std::llround(area.min_mm.y() * kUmPerMm) - y0;
    ax1 = std::llround(area.max_mm.x() * kUmPerMm) - x0, ay1 = std::llround(area.max_mm.y() * kUmPerMm) - y0;
    area_cm2 = area.WidthMm() * area.HeightMm() / 100.0;
    grown_cm2 = static_cast<double>(w) * static_cast<double>(h) / 1e8;
    // A gap narrower than the clearance at the densest design ever allowed can never take a
    // point. A fixed bound (not this set's top) keeps the build identical for every top, so a
    // set built for a higher density starts with exactly the points of a lower one.
    const double usable_um = kUmPerMm * kClearance * TargetSpacingMm(DesignLimits::kMaxDensityPerCm2) * 0.98;
    usable_gap2 = usable_um * usable_um;
}

void ProgressiveSetBuilder::Build::Fill(size_t wanted) {
    Reserve(wanted);
    auto insert = [&](const IPoint& p) {
        mesh.Commit([&](int t, int apex, double r2) {
            // A gap too narrow for any point at any density is not worth a place in the queue.
            if (r2 >= usable_gap2) gaps.Push(r2, {t, apex});
        });
        ++total_count;
        if (p.x >= ax0 && p.y >= ay0 && p.x < ax1 && p.y < ay1) ++inside_count;
    };

    if (mesh.PointCount() == Triangulation::kSuperVertices) {
        // The four corners of the grown area start the triangulation (they lie in the margin).
        for (const IPoint& corner : {IPoint{0, 0}, IPoint{w, 0}, IPoint{w, h}, IPoint{0, h}}) {
            // Find a triangle whose circumcircle holds the corner (the one containing it does): the
            // corners are few, so scan (every slot holds a live triangle).
            for (int t = 0; t < mesh.TriangleSlots(); ++t) {
                if (mesh.InsideCircle(mesh.Tri(t), corner)) {
                    mesh.Prepare(corner, t);
                    insert(corner);
                    break;
                }
            }
        }
    }

    // The next few gaps leave the queue early, so that their triangles (and the next one's
    // neighbours) are fetched from memory while the current gap is filled. They come from the
    // bucket being worked on, so only the order among equally wide gaps changes; a gap made
    // stale meanwhile is recognised as any other.
    uint32_t touched = 0;
    auto next_gap = [&](Popped& out) {
        while (ahead_count < kAhead) {
            Popped& slot = ahead[(ahead_head + ahead_count) % kAhead];
            if (ahead_count == 0 ? !gaps.Pop(rng, slot.gap) : !gaps.PopFromTop(rng, slot.gap)) break;
            slot.key_r2 = gaps.TopKey2();
            touched += mesh.Touch(slot.gap.triangle);
            ++ahead_count;
        }
        if (ahead_count == 0) return false;
        out = ahead[ahead_head];
        ahead_head = (ahead_head + 1) % kAhead;
        --ahead_count;
        if (ahead_count > 0) {
            const Gap& next = ahead[ahead_head].gap;
            if (mesh.Holds(next.triangle, next.apex)) touched += mesh.TouchNeighbours(next.triangle);
        }
        return true;
    };
    Popped popped;
    const Gap& gap = popped.gap;
    // The clearance wanted depends on how many points the set holds: worked out once per point.
    // r_t(d)² = r_t(1)² / d: one division per point, no square root.
    const double unit_spacing_um = 1000.0 * TargetSpacingMm(1.0);
    const double clearance2_at_unit = kClearance * kClearance * unit_spacing_um * unit_spacing_um;
    while (inside_count < wanted && next_gap(popped)) {
        if (!mesh.Holds(gap.triangle, gap.apex)) continue;   // destroyed since it was queued
        const Triangle& tri = mesh.Tri(gap.triangle);
        const Circumcentre circle = mesh.Circle(tri);
        const double cx = circle.ux, cy = circle.uy;
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
            clearance2 = clearance2_at_unit / std::max(static_cast<double>(total_count + 1) / grown_cm2, kFirstLevelPerCm2);
            clearance_count = total_count;
        }
        const double reach = kJitter * std::sqrt(circle.r2);
        const IPoint corners[3] = {mesh.Point(tri.v[0]), mesh.Point(tri.v[1]), mesh.Point(tri.v[2])};
        bool placed = false;
        double blocked2 = 0.0;   // the squared distance to the point that turned the last try down
        for (int attempt = centre_inside ? 0 : kJitterAttempts; attempt <= kJitterAttempts && !placed; ++attempt) {
            double jx = 0.0, jy = 0.0;
            if (attempt < kJitterAttempts) {   // uniform in the disk, by rejection: no trigonometry
                do {   // 32 random bits for each coordinate, in [-1, 1)
                    const uint64_t bits = rng.NextU64();
                    jx = static_cast<double>(bits >> 32) * 0x1.0p-31 - 1.0;
                    jy = static_cast<double>(bits & 0xffffffffu) * 0x1.0p-31 - 1.0;
                } while (jx * jx + jy * jy > 1.0);
            }
            IPoint p;
            if (centre_inside) {
                p = {FloorToInt(cx + jx * reach), FloorToInt(cy + jy * reach)};
            } else {
                p = {FloorToInt(std::clamp(cx, 0.0, static_cast<double>(w - 1))), FloorToInt(std::clamp(cy, 0.0, static_cast<double>(h - 1)))};
                if (!mesh.InsideCircle(tri, p)) continue;
            }
            if (p.x < 0 || p.y < 0 || p.x >= w || p.y >= h) continue;
            // The gap's own corners become p's neighbours: a cheap first test.
            bool too_close = false;
            for (int k = 0; k < 3 && !too_close; ++k) {
                const double dx = static_cast<double>(corners[k].x - p.x), dy = static_cast<double>(corners[k].y - p.y);
                blocked2 = dx * dx + dy * dy;
                too_close = blocked2 < clearance2;
            }
            if (too_close) continue;
            // p lies inside the circumcircle (|offset| < r), so the cavity search may start at the gap.
            blocked2 = mesh.Prepare(p, gap.triangle);
            if (blocked2 < clearance2) continue;   // forgotten: see Prepare()
            // (`tri` is replaced from here on: Commit() reuses the cavity's slots.)
            insert(p);
            placed = true;
        }
        // Too narrow for the spacing wanted now, but the spacing shrinks as the set fills:
        // come back to it later (a gap is never lost for good, so no region can stall).
        if (!placed) {
            double key_r2 = popped.key_r2 * kRetryShrink2;
            // A gap at the border has one spot only (its centre's projection), turned down until
            // the spacing is below that spot's distance to the point that blocked it: it comes
            // back when the widest gaps are no wider than that distance (the gaps being filled
            // are always a little wider than the spacing), not after every 0.81 step.
            if (!centre_inside && blocked2 > 0.0) key_r2 = std::min(key_r2, blocked2);
            if (key_r2 >= usable_gap2) gaps.Push(key_r2, gap);
        }
    }
    // Keeps the touching loads from being optimised away (a relaxed store, no data race).
    static std::atomic<uint32_t> touched_sink;
    touched_sink.store(touched, std::memory_order_relaxed);
}

ProgressiveSetBuilder::ProgressiveSetBuilder(const RectMm& area_mm, uint64_t seed) {
    if (area_mm.WidthMm() > 0.0 && area_mm.HeightMm() > 0.0) build_ = std::make_unique<Build>(area_mm, seed);
}

ProgressiveSetBuilder::~ProgressiveSetBuilder() = default;

void ProgressiveSetBuilder::Grow(double max_density_per_cm2, std::vector<RankedPoint>& ranked) {
    if (!build_) return;
    Build& b = *build_;
    const size_t wanted = b.Wanted(max_density_per_cm2);
    b.Fill(wanted);
    // The new points in insertion order, those in the area ranked (written now, not as they
    // come, so that the output does not compete with the triangulation for the caches). Points
    // made ahead for a higher density (Advance) stay back.
    ranked.reserve(ranked.size() + (std::min(b.inside_count, wanted) - std::min(b.ranked_count, wanted)));
    for (; b.emitted_to < b.mesh.PointCount() && b.ranked_count < wanted; ++b.emitted_to) {
        const IPoint& p = b.mesh.Point(b.emitted_to);
        if (p.x >= b.ax0 && p.y >= b.ay0 && p.x < b.ax1 && p.y < b.ay1) {
            ++b.ranked_count;
            ranked.push_back({Vec2(static_cast<double>(b.x0 + p.x) / kUmPerMm, static_cast<double>(b.y0 + p.y) / kUmPerMm),
                              static_cast<double>(b.ranked_count) / b.area_cm2});
        }
    }
}

bool ProgressiveSetBuilder::Advance(double max_density_per_cm2, size_t max_new_points) {
    if (!build_) return true;
    Build& b = *build_;
    const size_t wanted = b.Wanted(max_density_per_cm2);
    const size_t goal = std::min(wanted, b.inside_count + max_new_points);
    // Fill() stops as a whole build would have at that count, before it takes another gap: the
    // next call carries on from exactly there.
    b.Fill(goal);
    return b.inside_count >= wanted || b.inside_count < goal;   // all made, or no gap is left
}

void ProgressiveSetBuilder::Reserve(double max_density_per_cm2) {
    if (build_) build_->Reserve(build_->Wanted(max_density_per_cm2));
}

size_t ProgressiveSetBuilder::RankedCount() const { return build_ ? build_->ranked_count : 0; }

size_t ProgressiveSetBuilder::RetainedBytes() const {
    return build_ ? sizeof(Build) + build_->mesh.CapacityBytes() + build_->gaps.CapacityBytes() : 0;
}

std::vector<RankedPoint> MakeProgressiveSet(const ProgressiveSetParams& params) {
    std::vector<RankedPoint> ranked;
    ProgressiveSetBuilder builder(params.area_mm, params.seed);
    builder.Grow(params.max_density_per_cm2, ranked);
    return ranked;
}

}  // namespace smp
