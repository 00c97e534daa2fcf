// Property tests of the scalp template: the map keeps areas (checked with 3D triangles, not with
// the construction's own integrals), round trips, symmetry, landmarks, zones, errors, and the
// same bits natively and in WebAssembly.
#include "core/scalp_template.h"

#include "core/random.h"
#include "head_area.h"

#include <doctest/doctest.h>

#include <Eigen/Geometry>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <numbers>
#include <optional>
#include <tuple>
#include <set>
#include <string>
#include <vector>

using smp::HeadMeasurements;
using smp::Landmarks;
using smp::ScalpTemplate;
using smp::Vec2;
using smp::Vec3;
using smp::ZoneId;

namespace {

HeadMeasurements Head(double circumference_mm, double glabella_to_nape_mm, double ear_to_ear_mm) {
    HeadMeasurements m;
    m.circumference_mm = circumference_mm;
    m.glabella_to_nape_mm = glabella_to_nape_mm;
    m.ear_to_ear_mm = ear_to_ear_mm;
    return m;
}

// A small head, the default, a large head, and a default-sized head with a deep nape.
const std::vector<HeadMeasurements>& Heads() {
    static const std::vector<HeadMeasurements> heads = {Head(513, 324, 270), HeadMeasurements{},
                                                        Head(627, 396, 330), Head(570, 400, 300)};
    return heads;
}

ScalpTemplate MakeOrDie(const HeadMeasurements& m = {}) {
    auto t = ScalpTemplate::Make(m);
    REQUIRE_MESSAGE(t.ok(), t.status().message());
    return std::move(t).value();
}

const ScalpTemplate& Default() {
    static const ScalpTemplate t = MakeOrDie();
    return t;
}

using smp::test::TriangleAreaMm2;

Vec3 HeadAt(const ScalpTemplate& t, const Vec2& p) {
    const std::optional<Vec3> q = t.HeadFromMap(p);
    REQUIRE(q.has_value());
    return *q;
}


Vec2 RandomPointInside(const ScalpTemplate& t, smp::Rng& rng) {
    for (;;) {
        const double x = rng.NextUnit() * t.WidthMm();   // one draw per statement: a fixed order
        const double y = rng.NextUnit() * t.HeightMm();
        if (t.Contains(Vec2(x, y))) return Vec2(x, y);
    }
}

uint64_t Fingerprint(uint64_t h, double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return smp::Mix64(h ^ bits);
}

}  // namespace

TEST_CASE("scalp template: the default head is a plausible adult head") {
    const ScalpTemplate& t = Default();
    const Landmarks& lm = t.GetLandmarks();
    // Semi-axes, read off the head: a ≈ 79 (ear roots), b ≈ 101 (glabella), c ≈ 110 (vertex).
    CHECK(HeadAt(t, lm.ear_right_mm).x() == doctest::Approx(79.0).epsilon(0.03));
    CHECK(HeadAt(t, lm.glabella_mm).y() == doctest::Approx(101.0).epsilon(0.03));
    CHECK(HeadAt(t, lm.vertex_mm).z() == doctest::Approx(110.0).epsilon(0.03));
    // DOMAIN.md: a whole scalp is about 500-520 cm²; the lowest sensible hairline keeps it there.
    CHECK(t.AreaCm2() > 500.0);
    CHECK(t.AreaCm2() < 545.0);
    CHECK(t.WidthMm() > 200.0);
    CHECK(t.WidthMm() < 320.0);
    CHECK(t.HeightMm() > 250.0);
    CHECK(t.HeightMm() < 360.0);
    MESSAGE("default head: " << t.AreaCm2() << " cm², frame " << t.WidthMm() << " x " << t.HeightMm()
                             << " mm, max anisotropy " << t.MaxAnisotropy());
}

TEST_CASE("scalp template: the tape measurements are honoured on the head") {
    for (const HeadMeasurements& m : Heads()) {
        const ScalpTemplate t = MakeOrDie(m);
        const Landmarks& lm = t.GetLandmarks();
        const Vec2 nape = lm.nape_line_mm[lm.nape_line_mm.size() / 2];
        // The midline is straight on the map, so this is the sagittal arc itself.
        CHECK(t.SurfaceLengthMm(lm.glabella_mm, nape) == doctest::Approx(m.glabella_to_nape_mm).epsilon(0.002));
        // Over the top from ear to ear (the straight map line is close to the coronal section).
        CHECK(t.SurfaceLengthMm(lm.ear_left_mm, lm.ear_right_mm) == doctest::Approx(m.ear_to_ear_mm).epsilon(0.015));
        // Around the head on the tape plane: the ears' roots and the back of the head are on it.
        double circumference = 0.0;
        Vec3 previous = Vec3::Zero();
        for (int i = 0; i <= 720; ++i) {
            const double angle = 2.0 * std::numbers::pi * i / 720;
            const Vec3 q = HeadAt(t, t.MapFromHead(Vec3(std::sin(angle), std::cos(angle), 0.0)));
            CHECK(std::fabs(q.z()) < 1e-6);
            if (i > 0) circumference += (q - previous).norm();
            previous = q;
        }
        CHECK(circumference == doctest::Approx(m.circumference_mm).epsilon(0.002));
    }
}

TEST_CASE("scalp template: small squares on the map cover the same area on the head") {
    // Independent of how the map was built: 5 mm squares are lifted to the head through
    // HeadFromMap on a 0.5 mm sub-grid and their area summed over 3D triangles.
    for (const HeadMeasurements& m : Heads()) {
        const ScalpTemplate t = MakeOrDie(m);
        double worst = 0.0;
        int squares = 0;
        for (double y = 3.0; y + 5.0 < t.HeightMm(); y += 13.0) {
            for (double x = 3.0; x + 5.0 < t.WidthMm(); x += 13.0) {
                const Vec2 o(x, y);
                if (!t.Contains(o) || !t.Contains(o + Vec2(5, 0)) || !t.Contains(o + Vec2(0, 5)) ||
                    !t.Contains(o + Vec2(5, 5))) {
                    continue;
                }
                const double area = smp::test::HeadAreaOfMapSquareMm2(t, o, 5.0, 10);
                worst = std::max(worst, std::fabs(area / 25.0 - 1.0));
                ++squares;
            }
        }
        CHECK(squares > 150);
        CHECK(worst < 0.01);
    }
}

TEST_CASE("scalp template: the outline's area is the scalp's area on the head") {
    // The head meshed on its own terms (latitude and longitude about the vertical axis), each
    // triangle counted when its centroid maps inside the outline.
    for (const HeadMeasurements& m : {Heads()[0], Heads()[3]}) {
        const ScalpTemplate t = MakeOrDie(m);
        constexpr int kLat = 160, kLon = 480;   // 0.75° steps, down to 120° from the vertex
        constexpr double kStep = 0.75 * std::numbers::pi / 180.0;
        // MapFromHead projects a point radially onto the head; beyond the mapped part (the face,
        // far below the scalp) there is no head point and the triangle is left out.
        auto surface = [&](int i, int j) -> std::optional<Vec3> {
            const double lat = i * kStep, lon = j * (2.0 * std::numbers::pi / kLon);
            const Vec3 u(std::sin(lat) * std::sin(lon), std::sin(lat) * std::cos(lon), std::cos(lat));
            return t.HeadFromMap(t.MapFromHead(u));
        };
        std::vector<std::optional<Vec3>> previous_row(kLon + 1), row(kLon + 1);
        for (int j = 0; j <= kLon; ++j) previous_row[j] = surface(0, j);
        double area_mm2 = 0.0;
        for (int i = 1; i <= kLat; ++i) {
            for (int j = 0; j <= kLon; ++j) row[j] = surface(i, j);
            for (int j = 0; j < kLon; ++j) {
                if (!previous_row[j] || !previous_row[j + 1] || !row[j] || !row[j + 1]) continue;
                const Vec3 &a = *previous_row[j], &b = *previous_row[j + 1], &c = *row[j], &d = *row[j + 1];
                for (const auto& [p, q, r] : {std::tuple(a, b, d), std::tuple(a, d, c)}) {
                    if (t.Contains(t.MapFromHead((p + q + r) / 3.0))) area_mm2 += TriangleAreaMm2(p, q, r);
                }
            }
            std::swap(row, previous_row);
        }
        CHECK(area_mm2 / 100.0 == doctest::Approx(t.AreaCm2()).epsilon(0.01));
    }
}

TEST_CASE("scalp template: map and head round trips agree to the micrometre") {
    smp::Rng rng(3);
    for (const HeadMeasurements& m : Heads()) {
        const ScalpTemplate t = MakeOrDie(m);
        double worst_map = 0.0, worst_head = 0.0;
        for (int i = 0; i < 2000; ++i) {
            const Vec2 p = RandomPointInside(t, rng);
            const Vec3 q = HeadAt(t, p);
            worst_map = std::max(worst_map, (t.MapFromHead(q) - p).norm());
            worst_head = std::max(worst_head, (HeadAt(t, t.MapFromHead(q)) - q).norm());
        }
        CHECK(worst_map < 1e-6);
        CHECK(worst_head < 1e-6);
        // Far outside the mapped part of the head there is no head point.
        CHECK_FALSE(t.HeadFromMap(Vec2(-1000.0, -1000.0)).has_value());
        CHECK_FALSE(t.HeadFromMap(Vec2(std::nan(""), 10.0)).has_value());
        const Vec2 whorl = t.GetLandmarks().crown_whorl_mm;
        CHECK(t.SurfaceLengthMm(whorl, whorl) == 0.0);
        CHECK(t.SurfaceLengthMm(whorl, Vec2(std::nan(""), 0.0)) == 0.0);
        CHECK(std::isfinite(t.SurfaceLengthMm(whorl, Vec2(1e300, 0.0))));
    }
}

TEST_CASE("scalp template: the midline is straight and the template is mirror-symmetric") {
    const ScalpTemplate& t = Default();
    const Landmarks& lm = t.GetLandmarks();
    const double mid = t.MidlineXMm();
    for (const Vec2& p : {lm.glabella_mm, lm.mid_frontal_mm, lm.vertex_mm, lm.crown_whorl_mm,
                          lm.nape_line_mm[lm.nape_line_mm.size() / 2]}) {
        CHECK(p.x() == mid);
    }
    for (double y = 0.0; y <= t.HeightMm(); y += 1.0) CHECK(std::fabs(HeadAt(t, Vec2(mid, y)).x()) < 1e-9);
    for (int i = 0; i <= 180; ++i) {   // the sagittal plane maps onto the midline
        const double a = std::numbers::pi * i / 180.0;
        CHECK(std::fabs(t.MapFromHead(Vec3(0.0, std::cos(a), std::sin(a))).x() - mid) < 1e-9);
    }

    const smp::PolygonMm& outline = t.Outline();
    const size_t n = outline.size();
    for (size_t i = 0; i < n; ++i) {
        const Vec2& p = outline[i];
        const Vec2& q = outline[(n - i) % n];
        CHECK(std::fabs(p.x() + q.x() - t.WidthMm()) < 1e-9);
        CHECK(p.y() == q.y());
    }
    auto mirror = [&](const Vec2& p) { return Vec2(2.0 * mid - p.x(), p.y()); };
    CHECK((mirror(lm.frontotemporal_left_mm) - lm.frontotemporal_right_mm).norm() < 1e-9);
    CHECK((mirror(lm.temple_peak_left_mm) - lm.temple_peak_right_mm).norm() < 1e-9);
    CHECK((mirror(lm.ear_left_mm) - lm.ear_right_mm).norm() < 1e-9);
    for (size_t i = 0; i < lm.nape_line_mm.size(); ++i) {
        CHECK((mirror(lm.nape_line_mm[i]) - lm.nape_line_mm[lm.nape_line_mm.size() - 1 - i]).norm() < 1e-9);
    }

    // Zones: mirrored cells carry mirrored zones, so left and right areas are equal.
    for (double y = 0.25; y < t.HeightMm(); y += 1.5) {
        for (double x = 0.25; x < mid; x += 1.5) CHECK(t.ZoneAt(Vec2(x, y)) == smp::MirrorZone(t.ZoneAt(mirror(Vec2(x, y)))));
    }
    CHECK(t.ZoneAreaCm2(ZoneId::kTemporalLeft) == t.ZoneAreaCm2(ZoneId::kTemporalRight));
    CHECK(t.ZoneAreaCm2(ZoneId::kParietalLeft) == t.ZoneAreaCm2(ZoneId::kParietalRight));
    // Borders come in mirrored pairs, or cross the midline as one symmetric line.
    for (const smp::ZoneBorder& border : t.ZoneBorders()) {
        bool found = false;
        for (const smp::ZoneBorder& other : t.ZoneBorders()) {
            if (std::min(smp::MirrorZone(border.a), smp::MirrorZone(border.b)) != std::min(other.a, other.b)) continue;
            if (std::max(smp::MirrorZone(border.a), smp::MirrorZone(border.b)) != std::max(other.a, other.b)) continue;
            if (other.points_mm.size() != border.points_mm.size()) continue;
            bool same = true;
            for (size_t i = 0; i < border.points_mm.size() && same; ++i) {
                const Vec2 q = mirror(border.points_mm[i]);
                same = (q - other.points_mm[i]).norm() < 1e-9 ||
                       (q - other.points_mm[other.points_mm.size() - 1 - i]).norm() < 1e-9;
            }
            found = found || same;
        }
        CHECK(found);
    }
}

TEST_CASE("scalp template: the outline is a clockwise polygon in whole micrometres, framed with the glabella") {
    for (const HeadMeasurements& m : Heads()) {
        const ScalpTemplate t = MakeOrDie(m);
        const smp::PolygonMm& outline = t.Outline();
        CHECK(outline.size() == 512);
        CHECK(smp::SignedAreaMm2(outline) > 0.0);   // clockwise on screen
        CHECK(smp::SignedAreaMm2(outline) / 100.0 == doctest::Approx(t.AreaCm2()));
        for (const Vec2& p : outline) {
            CHECK(std::fabs(p.x() * 1000.0 - std::round(p.x() * 1000.0)) < 1e-6);
            CHECK(std::fabs(p.y() * 1000.0 - std::round(p.y() * 1000.0)) < 1e-6);
        }
        const smp::RectMm box = smp::BoundingBox(outline);
        CHECK(box.min_mm.x() == 0.0);
        CHECK(box.max_mm.x() == t.WidthMm());
        CHECK(box.max_mm.y() == t.HeightMm());
        CHECK(box.min_mm.y() > 0.0);
        CHECK(t.GetLandmarks().glabella_mm.y() == 0.0);   // the glabella is the frame's top
        // Front at the top: the first vertex is the front of the midline, the nape at the bottom.
        CHECK(outline.front().y() == box.min_mm.y());
        CHECK(outline.front().x() == t.MidlineXMm());
    }
}

TEST_CASE("scalp template: landmarks are where a practitioner expects them") {
    for (const HeadMeasurements& m : Heads()) {
        const ScalpTemplate t = MakeOrDie(m);
        const Landmarks& lm = t.GetLandmarks();
        CAPTURE(m.circumference_mm);
        CHECK(t.SurfaceLengthMm(lm.glabella_mm, lm.mid_frontal_mm) == doctest::Approx(80.0).epsilon(0.003));
        const Vec3 glabella = HeadAt(t, lm.glabella_mm), mid_frontal = HeadAt(t, lm.mid_frontal_mm);
        const Vec3 corner = HeadAt(t, lm.frontotemporal_right_mm), temple = HeadAt(t, lm.temple_peak_right_mm);
        const Vec3 vertex = HeadAt(t, lm.vertex_mm), whorl = HeadAt(t, lm.crown_whorl_mm);
        const Vec3 ear = HeadAt(t, lm.ear_right_mm);
        const Vec3 nape = HeadAt(t, lm.nape_line_mm[lm.nape_line_mm.size() / 2]);
        // Heights: glabella below the mid-frontal point, corners a little higher, temple peaks
        // below the corners; the vertex on top; the ears' roots on the tape plane, the nape below.
        CHECK(glabella.z() < 0.0);
        CHECK(glabella.z() < mid_frontal.z());
        CHECK(corner.z() > mid_frontal.z());
        CHECK(corner.z() < mid_frontal.z() + 20.0);
        CHECK(temple.z() < corner.z() - 25.0);
        for (const Vec3& p : {glabella, mid_frontal, corner, temple, whorl, ear, nape}) CHECK(p.z() < vertex.z());
        CHECK(std::fabs(ear.z()) < 1e-3);   // landmarks are rounded to whole micrometres on the map
        CHECK(nape.z() < ear.z());
        // Front to back: glabella, mid-frontal point, corners, vertex, whorl (behind the vertex), nape.
        CHECK(glabella.y() > mid_frontal.y());
        CHECK(mid_frontal.y() > corner.y());
        CHECK(whorl.y() < vertex.y() - 15.0);
        CHECK(nape.y() < whorl.y());
        // The same order on the map, front at the top.
        CHECK(lm.glabella_mm.y() < lm.mid_frontal_mm.y());
        CHECK(lm.mid_frontal_mm.y() < lm.vertex_mm.y());
        CHECK(lm.vertex_mm.y() < lm.crown_whorl_mm.y());
        CHECK(lm.crown_whorl_mm.y() < lm.nape_line_mm[lm.nape_line_mm.size() / 2].y());
        // Client's right is +x; the corners are about 80 mm of surface lateral from the mid-frontal
        // point; the temple peaks lie lateral of and below the corners.
        CHECK(lm.frontotemporal_right_mm.x() > t.MidlineXMm() + 40.0);
        CHECK(lm.ear_right_mm.x() > lm.frontotemporal_right_mm.x());
        CHECK((corner - mid_frontal).norm() > 60.0);
        CHECK((corner - mid_frontal).norm() < 80.0);
        CHECK(temple.x() > corner.x());
        CHECK((temple - corner).norm() == doctest::Approx(47.0).epsilon(0.08));
        // Inside the treatable scalp: everything but the glabella and the ears (the outline runs
        // over the ears with a clearance).
        CHECK_FALSE(t.Contains(lm.glabella_mm));
        CHECK_FALSE(t.Contains(lm.ear_left_mm));
        CHECK_FALSE(t.Contains(lm.ear_right_mm));
        for (const Vec2& p : {lm.mid_frontal_mm, lm.frontotemporal_left_mm, lm.frontotemporal_right_mm,
                              lm.temple_peak_left_mm, lm.temple_peak_right_mm, lm.vertex_mm, lm.crown_whorl_mm}) {
            CHECK(t.Contains(p));
        }
        // The nape line: the back of the outline, left to right, below the ears and the mastoids.
        CHECK(lm.nape_line_mm.size() > 40);
        CHECK(lm.nape_line_mm.front().x() < t.MidlineXMm() - 40.0);
        CHECK(lm.nape_line_mm.back().x() > t.MidlineXMm() + 40.0);
        for (const Vec2& p : lm.nape_line_mm) {
            CHECK(std::find(t.Outline().begin(), t.Outline().end(), p) != t.Outline().end());
            CHECK(HeadAt(t, p).z() < 0.0);
            CHECK(HeadAt(t, p).y() < ear.y());
        }
    }
}

TEST_CASE("scalp template: zones cover the scalp with plausible areas") {
    for (const HeadMeasurements& m : Heads()) {
        const ScalpTemplate t = MakeOrDie(m);
        const Landmarks& lm = t.GetLandmarks();
        double sum = 0.0;
        for (int z = 0; z < smp::kZoneCount; ++z) {
            const double area = t.ZoneAreaCm2(static_cast<ZoneId>(z));
            CAPTURE(smp::ZoneName(static_cast<ZoneId>(z)));
            CHECK(area > 15.0);
            CHECK(area < 0.35 * t.AreaCm2());
            sum += area;
        }
        CHECK(sum == doctest::Approx(t.AreaCm2()).epsilon(0.005));
        // The crown is the cap of a 45 mm disc's area round the whorl.
        CHECK(t.ZoneAreaCm2(ZoneId::kCrown) == doctest::Approx(std::numbers::pi * 4.5 * 4.5).epsilon(0.01));
        CHECK(t.ZoneAt(lm.crown_whorl_mm) == ZoneId::kCrown);
        CHECK(t.ZoneAt(lm.mid_frontal_mm) == ZoneId::kFrontal);
        CHECK(t.ZoneAt(lm.temple_peak_right_mm) == ZoneId::kTemporalRight);
        CHECK(t.ZoneAt(lm.temple_peak_left_mm) == ZoneId::kTemporalLeft);
        CHECK(t.ZoneAt(lm.nape_line_mm[lm.nape_line_mm.size() / 2] - Vec2(0.0, 5.0)) == ZoneId::kOccipital);
        CHECK(t.ZoneAt(lm.ear_right_mm + Vec2(-3.0, 10.0)) == ZoneId::kParietalRight);   // above and behind the ear
        CHECK(t.ZoneAt((lm.mid_frontal_mm + lm.crown_whorl_mm) * 0.5) == ZoneId::kMidScalp);
        // Defined everywhere, also outside the frame.
        CHECK(t.ZoneAt(Vec2(-50.0, -50.0)) == t.ZoneAt(Vec2(0.0, 0.0)));
        t.ZoneAt(Vec2(std::nan(""), std::numeric_limits<double>::infinity()));

        // Borders separate the zones they name, and lie inside the outline.
        CHECK(t.ZoneBorders().size() >= 8);
        std::set<std::pair<ZoneId, ZoneId>> pairs;
        for (const smp::ZoneBorder& border : t.ZoneBorders()) {
            REQUIRE(border.points_mm.size() >= 2);
            pairs.insert({std::min(border.a, border.b), std::max(border.a, border.b)});
            const size_t k = border.points_mm.size() / 2;
            const Vec2 p = border.points_mm[k - (k > 0 ? 1 : 0)], q = border.points_mm[k];
            const Vec2 mid = (p + q) * 0.5, d = (q - p).normalized(), normal(-d.y(), d.x());
            const std::set<ZoneId> sides = {t.ZoneAt(mid + normal * 1.0), t.ZoneAt(mid - normal * 1.0)};
            CHECK(sides == std::set<ZoneId>{border.a, border.b});
            for (size_t i = 1; i + 1 < border.points_mm.size(); ++i) CHECK(t.Contains(border.points_mm[i]));
        }
        CHECK(pairs.count({ZoneId::kFrontal, ZoneId::kMidScalp}) == 1);
        CHECK(pairs.count({ZoneId::kMidScalp, ZoneId::kCrown}) == 1);
        CHECK(pairs.count({ZoneId::kCrown, ZoneId::kOccipital}) == 1);
    }
    for (int z = 0; z < smp::kZoneCount; ++z) {
        CHECK(smp::ZoneFromName(smp::ZoneName(static_cast<ZoneId>(z))) == static_cast<ZoneId>(z));
    }
    CHECK(smp::ZoneName(ZoneId::kMidScalp) == "mid_scalp");
    CHECK_FALSE(smp::ZoneFromName("vertex").has_value());
}

TEST_CASE("scalp template: bigger measurements give a bigger scalp") {
    const ScalpTemplate base = MakeOrDie();
    for (const HeadMeasurements& bigger : {Head(590, 360, 300), Head(570, 375, 300), Head(570, 360, 315)}) {
        const ScalpTemplate t = MakeOrDie(bigger);
        CHECK(t.AreaCm2() > base.AreaCm2() + 5.0);
    }
    const ScalpTemplate small = MakeOrDie(Heads()[0]), large = MakeOrDie(Heads()[2]);
    CHECK(small.AreaCm2() < base.AreaCm2());
    CHECK(large.AreaCm2() > base.AreaCm2());
    CHECK(small.WidthMm() < base.WidthMm());
    CHECK(large.WidthMm() > base.WidthMm());
    CHECK(small.HeightMm() < base.HeightMm());
    CHECK(large.HeightMm() > base.HeightMm());
}

TEST_CASE("scalp template: measurements out of range or not of one head are refused, naming the field") {
    struct Case {
        HeadMeasurements m;
        const char* field;
    };
    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    const Case cases[] = {
        {Head(900, 360, 300), "circumference_mm"}, {Head(479, 360, 300), "circumference_mm"},
        {Head(nan, 360, 300), "circumference_mm"}, {Head(570, 461, 300), "glabella_to_nape_mm"},
        {Head(570, -inf, 300), "glabella_to_nape_mm"}, {Head(570, 360, 239), "ear_to_ear_mm"},
        {Head(570, 360, nan), "ear_to_ear_mm"},
        // A tall narrow or a flat wide head, a nape above the tape or far down the neck.
        {Head(480, 360, 400), "ear_to_ear_mm"}, {Head(680, 420, 240), "ear_to_ear_mm"},
        {Head(680, 340, 300), "glabella_to_nape_mm"}, {Head(570, 300, 300), "glabella_to_nape_mm"},
        {Head(570, 440, 300), "glabella_to_nape_mm"},
    };
    for (const Case& c : cases) {
        const auto t = ScalpTemplate::Make(c.m);
        CAPTURE(c.field);
        REQUIRE_FALSE(t.ok());
        CHECK(t.status().code() == smp::StatusCode::kInvalidArgument);
        CHECK(t.status().message().find(c.field) != std::string::npos);
    }
    const auto first = ScalpTemplate::Make(Head(900, 361, 300));
    CHECK(first.status().message().find("900") != std::string::npos);
}

TEST_CASE("scalp template: Contains agrees with PolygonContains") {
    smp::Rng rng(5);
    for (const HeadMeasurements& m : {Heads()[0], Heads()[1]}) {
        const ScalpTemplate t = MakeOrDie(m);
        const smp::PolygonMm& outline = t.Outline();
        for (int i = 0; i < 20000; ++i) {
            const double x = rng.NextUnit() * (t.WidthMm() + 20.0) - 10.0;
            const Vec2 p(x, rng.NextUnit() * (t.HeightMm() + 20.0) - 10.0);
            REQUIRE(t.Contains(p) == smp::PolygonContains(outline, p));
        }
        // On vertices, on edges and on whole-millimetre rows, where the buckets change.
        for (size_t i = 0; i < outline.size(); ++i) {
            const Vec2& a = outline[i];
            const Vec2& b = outline[(i + 1) % outline.size()];
            for (const Vec2& p : {a, Vec2((a + b) * 0.5), Vec2(a.x(), std::floor(a.y())), Vec2(a.x() + 0.1, std::ceil(a.y()))}) {
                REQUIRE(t.Contains(p) == smp::PolygonContains(outline, p));
            }
        }
        CHECK_FALSE(t.Contains(Vec2(std::nan(""), 10.0)));
        CHECK_FALSE(t.Contains(Vec2(10.0, std::nan(""))));
    }
}

TEST_CASE("scalp template: distortion is reported truthfully") {
    // The anisotropy measured by finite differences of HeadFromMap stays under the reported
    // maximum and comes close to it near the outline.
    const ScalpTemplate& t = Default();
    smp::Rng rng(9);
    double measured = 1.0;
    for (int i = 0; i < 4000; ++i) {
        const Vec2 p = RandomPointInside(t, rng);
        const double h = 0.01;
        const Vec3 q = HeadAt(t, p);
        const Vec3 dx = (HeadAt(t, p + Vec2(h, 0.0)) - q) / h, dy = (HeadAt(t, p + Vec2(0.0, h)) - q) / h;
        const double g11 = dx.dot(dx), g12 = dx.dot(dy), g22 = dy.dot(dy);
        const double half_trace = 0.5 * (g11 + g22), root = std::sqrt(half_trace * half_trace - (g11 * g22 - g12 * g12));
        measured = std::max(measured, std::sqrt((half_trace + root) / (half_trace - root)));
        // Equal area: the determinant of the metric is 1.
        CHECK(g11 * g22 - g12 * g12 == doctest::Approx(1.0).epsilon(0.005));
    }
    CHECK(measured <= t.MaxAnisotropy() * 1.01);
    CHECK(measured >= t.MaxAnisotropy() * 0.85);
    CHECK(t.MaxAnisotropy() > 1.0);
    CHECK(t.MaxAnisotropy() < 3.5);
}

TEST_CASE("scalp template: designs carry over to another head size") {
    const ScalpTemplate& base = Default();
    const ScalpTemplate large = MakeOrDie(Heads()[2]);
    CHECK((base.CarryTo(large, base.GetLandmarks().crown_whorl_mm) - large.GetLandmarks().crown_whorl_mm).norm() < 1e-9);
    smp::Rng rng(13);
    for (int i = 0; i < 500; ++i) {
        const Vec2 p = RandomPointInside(base, rng);
        CHECK((base.CarryTo(base, p) - p).norm() < 1e-6);
        const Vec2 there = base.CarryTo(large, p);
        CHECK((large.CarryTo(base, there) - p).norm() < 1e-6);
        // About the same direction from the head's centre: the same (θ, φ) about each head's own
        // crown axis, and the axes' tilts differ by a degree or so.
        const Vec3 a = HeadAt(base, p).normalized(), b = HeadAt(large, there).normalized();
        CHECK((a - b).norm() < 0.05);
    }
    // The midline stays the midline.
    const Vec2 on_midline(base.MidlineXMm(), 100.0);
    CHECK(base.CarryTo(large, on_midline).x() == large.MidlineXMm());
}

TEST_CASE("scalp template: the same measurements give the same bits, natively and in WebAssembly") {
    const ScalpTemplate a = MakeOrDie(), b = MakeOrDie();
    CHECK(a.Outline() == b.Outline());
    CHECK(a.MaxAnisotropy() == b.MaxAnisotropy());
    uint64_t h = 0;
    for (const HeadMeasurements& m : Heads()) {
        const ScalpTemplate t = MakeOrDie(m);
        h = Fingerprint(h, t.WidthMm());
        h = Fingerprint(h, t.HeightMm());
        h = Fingerprint(h, t.AreaCm2());
        for (const Vec2& p : t.Outline()) h = Fingerprint(Fingerprint(h, p.x()), p.y());
        const Landmarks& lm = t.GetLandmarks();
        for (const Vec2& p : {lm.glabella_mm, lm.mid_frontal_mm, lm.frontotemporal_left_mm, lm.frontotemporal_right_mm,
                              lm.temple_peak_left_mm, lm.temple_peak_right_mm, lm.vertex_mm, lm.crown_whorl_mm,
                              lm.ear_left_mm, lm.ear_right_mm}) {
            h = Fingerprint(Fingerprint(h, p.x()), p.y());
        }
        for (int z = 0; z < smp::kZoneCount; ++z) h = Fingerprint(h, t.ZoneAreaCm2(static_cast<ZoneId>(z)));
        for (const smp::ZoneBorder& border : t.ZoneBorders()) {
            for (const Vec2& p : border.points_mm) h = Fingerprint(Fingerprint(h, p.x()), p.y());
        }
        for (double y = 0.25; y < t.HeightMm(); y += 3.0) {
            for (double x = 0.25; x < t.WidthMm(); x += 3.0) h = smp::Mix64(h ^ static_cast<uint64_t>(t.ZoneAt(Vec2(x, y))));
        }
        // The map itself, unrounded.
        for (int i = 0; i < 50; ++i) {
            const Vec2 p(t.WidthMm() * (0.1 + 0.016 * i), t.HeightMm() * (0.9 - 0.015 * i));
            const Vec3 q = HeadAt(t, p);
            h = Fingerprint(Fingerprint(Fingerprint(h, q.x()), q.y()), q.z());
            const Vec2 back = t.MapFromHead(q + Vec3(1.0, -2.0, 3.0));
            h = Fingerprint(Fingerprint(h, back.x()), back.y());
        }
        h = Fingerprint(h, t.MaxAnisotropy());
    }
    // Recorded from a native build (and the same under node). Any change to the model changes it:
    // update it then, after checking that native and WebAssembly agree.
    CHECK(h == 0x86df1bdc6ddcfe07ull);
}

TEST_CASE("scalp template: construction time (printed, not checked)") {
    constexpr int kRuns = 20;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kRuns; ++i) MakeOrDie();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("ScalpTemplate::Make(): " << ms / kRuns << " ms on average over " << kRuns << " runs");
}

TEST_CASE("scalp template: InsideOnRaster is Contains except within a raster cell of the outline") {
    const smp::ScalpTemplate scalp = *smp::ScalpTemplate::Make();
    const smp::PolygonMm& outline = scalp.Outline();
    // Distance from p to the outline's edges, mm.
    auto to_outline = [&](const smp::Vec2& p) {
        double best = 1e9;
        for (size_t i = 0; i < outline.size(); ++i) {
            const smp::Vec2 a = outline[i], b = outline[(i + 1) % outline.size()];
            const smp::Vec2 ab = b - a;
            const double t = std::clamp((p - a).dot(ab) / std::max(ab.squaredNorm(), 1e-12), 0.0, 1.0);
            best = std::min(best, (a + ab * t - p).norm());
        }
        return best;
    };
    int checked = 0, near_edge_differences = 0;
    for (double y = -5.0; y < scalp.HeightMm() + 5.0; y += 0.37) {
        for (double x = -5.0; x < scalp.WidthMm() + 5.0; x += 0.37) {
            const smp::Vec2 p(x, y);
            const bool exact = scalp.Contains(p), raster = scalp.InsideOnRaster(p);
            if (exact == raster) continue;
            // A cell's centre is at most half a diagonal (0.354 mm) from any point of it.
            CHECK_MESSAGE(to_outline(p) < 0.36, "at " << x << ", " << y);
            ++near_edge_differences;
        }
        ++checked;
    }
    CHECK(checked > 800);
    MESSAGE(near_edge_differences << " points near the outline differ");
    CHECK_FALSE(scalp.InsideOnRaster(smp::Vec2(-1.0, 10.0)));
    CHECK_FALSE(scalp.InsideOnRaster(smp::Vec2(std::nan(""), 10.0)));
}
