// The head view's geometry, exactly: the map and the head round-trip to the micrometre over the
// whole template, small cells keep their area on the head to 0.5 %, a generated preset's dots stay
// apart on the head as the never-merged rule says, and the camera projects as documented
// (core/head_camera.h).
#include "core/design_json.h"
#include "core/generator.h"
#include "core/head_camera.h"
#include "core/presets.h"
#include "core/scalp_template.h"
#include "head_area.h"

#include <doctest/doctest.h>

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

using smp::ScalpTemplate;
using smp::Vec2;
using smp::Vec3;

namespace {

const ScalpTemplate& Default() {
    static const ScalpTemplate t = *ScalpTemplate::Make();
    return t;
}

using smp::test::TriangleAreaMm2;

smp::DotPattern Generate(const char* preset) {
    const smp::Expected<std::string> text = smp::PresetText(preset);
    REQUIRE(text.ok());
    const smp::Expected<smp::Design> design = smp::RestoreDesign(std::string_view(*text));
    REQUIRE(design.ok());
    smp::Expected<smp::DotPattern> pattern = smp::GenerateDots(*design);
    REQUIRE_MESSAGE(pattern.ok(), pattern.status().message());
    return std::move(*pattern);
}

}  // namespace

TEST_CASE("head geometry: map -> head -> map and head -> map -> head within 1 micrometre, every millimetre of the template") {
    const ScalpTemplate& t = Default();
    double worst_map_mm = 0.0, worst_head_mm = 0.0;
    int points = 0;
    for (double y = 0.5; y < t.HeightMm(); y += 1.0) {
        for (double x = 0.5; x < t.WidthMm(); x += 1.0) {
            const Vec2 p(x, y);
            if (!t.Contains(p)) continue;
            const std::optional<Vec3> q = t.HeadFromMap(p);
            REQUIRE(q.has_value());
            const Vec2 back = t.MapFromHead(*q);
            worst_map_mm = std::max(worst_map_mm, (back - p).norm());
            const std::optional<Vec3> again = t.HeadFromMap(back);
            REQUIRE(again.has_value());
            worst_head_mm = std::max(worst_head_mm, (*again - *q).norm());
            ++points;
        }
    }
    CHECK(points > 50000);   // the whole scalp, about 538 cm²
    CHECK(worst_map_mm < 1e-3);   // 1 µm
    CHECK(worst_head_mm < 1e-3);
    MESSAGE("round trip over " << points << " points: worst " << worst_map_mm * 1000.0 << " µm on the map, "
                               << worst_head_mm * 1000.0 << " µm on the head");
}

TEST_CASE("head geometry: 2 mm cells anywhere on the scalp cover the same area on the head within 0.5 %") {
    const ScalpTemplate& t = Default();
    constexpr double kCellMm = 2.0;
    constexpr int kSub = 8;
    double worst = 0.0, sum_ratio = 0.0;
    int cells = 0;
    for (double y = 1.0; y + kCellMm < t.HeightMm(); y += 5.0) {
        for (double x = 1.0; x + kCellMm < t.WidthMm(); x += 5.0) {
            const Vec2 o(x, y);
            if (!t.Contains(o) || !t.Contains(o + Vec2(kCellMm, 0)) || !t.Contains(o + Vec2(0, kCellMm)) ||
                !t.Contains(o + Vec2(kCellMm, kCellMm))) {
                continue;
            }
            const double area = smp::test::HeadAreaOfMapSquareMm2(t, o, kCellMm, kSub);
            const double ratio = area / (kCellMm * kCellMm);
            worst = std::max(worst, std::fabs(ratio - 1.0));
            sum_ratio += ratio;
            ++cells;
        }
    }
    CHECK(cells > 1500);
    CHECK(worst < 0.005);
    MESSAGE(cells << " cells of 2 mm: worst area error " << worst * 100.0 << " %, mean ratio " << sum_ratio / cells);
}

TEST_CASE("head geometry: a generated preset's dots never merge on the head (centre distance >= mean diameter + 0.2 mm, in 3D)") {
    for (const char* preset : {"norwood-4", "hairline-defined"}) {
        const smp::DotPattern pattern = Generate(preset);
        const ScalpTemplate* t = pattern.field->Scalp();
        REQUIRE(t != nullptr);
        const std::vector<smp::Dot> dots = pattern.Dots();
        REQUIRE(dots.size() > 1000);
        std::vector<Vec3> on_head;
        on_head.reserve(dots.size());
        for (const smp::Dot& dot : dots) on_head.push_back(*t->HeadFromMap(dot.position_mm));
        // Buckets of 2 mm (wider than any need: dots are at most 0.3 mm across).
        constexpr double kBucketMm = 2.0;
        auto key = [&](const Vec3& p, int dx, int dy, int dz) {
            const auto c = [&](double v, int d) { return static_cast<int64_t>(std::floor(v / kBucketMm)) + d + 1000; };
            return (c(p.x(), dx) * 4096 + c(p.y(), dy)) * 4096 + c(p.z(), dz);
        };
        std::unordered_map<int64_t, std::vector<uint32_t>> buckets;
        for (size_t i = 0; i < dots.size(); ++i) buckets[key(on_head[i], 0, 0, 0)].push_back(static_cast<uint32_t>(i));
        double worst_margin_mm = 1e9;
        size_t pairs = 0;
        for (size_t i = 0; i < dots.size(); ++i) {
            for (int dx = -1; dx <= 1; ++dx) {
                for (int dy = -1; dy <= 1; ++dy) {
                    for (int dz = -1; dz <= 1; ++dz) {
                        const auto it = buckets.find(key(on_head[i], dx, dy, dz));
                        if (it == buckets.end()) continue;
                        for (uint32_t j : it->second) {
                            if (j <= i) continue;
                            const double distance = (on_head[i] - on_head[j]).norm();
                            if (distance > kBucketMm) continue;
                            const double need = 0.5 * (dots[i].diameter_mm + dots[j].diameter_mm) + smp::kMinDotGapMm;
                            worst_margin_mm = std::min(worst_margin_mm, distance - need);
                            ++pairs;
                        }
                    }
                }
            }
        }
        CHECK(pairs > dots.size());
        CHECK(worst_margin_mm >= -1e-9);
        MESSAGE(std::string(preset) << ": " << dots.size() << " dots, closest pair on the head " << worst_margin_mm << " mm beyond the rule");
    }
}

TEST_CASE("head camera: the documented convention (front, profiles, from above) and exact inverses") {
    using smp::HeadCamera;
    using smp::HeadProjection;
    const Vec3 look(0.0, 0.0, -10.0);
    auto make = [&](double yaw, double pitch) {
        const smp::Expected<HeadProjection> p = smp::MakeHeadProjection(HeadCamera{yaw, pitch}, look, 250.0, 1200, 1200);
        REQUIRE(p.ok());
        return *p;
    };
    // Front: an orthographic view along -y; the client's right (+x) on the image's left, up is up.
    const HeadProjection front = make(0.0, 0.0);
    const double s = 1200.0 / 250.0;
    for (const Vec3& p : {Vec3(30.0, 80.0, 40.0), Vec3(-50.0, -20.0, 100.0), Vec3(0.0, 100.0, 0.0)}) {
        const Vec2 px = front.PixelFromHead(p);
        CHECK(px.x() == doctest::Approx(600.0 - s * p.x()).epsilon(1e-12));
        CHECK(px.y() == doctest::Approx(600.0 - s * (p.z() - look.z())).epsilon(1e-12));
        CHECK(front.DepthMm(p) == doctest::Approx(p.y()).epsilon(1e-12));
    }
    // +90: the client has turned to their left: their right side faces the camera, the nose
    // points to the image's right.
    const HeadProjection right = make(90.0, 0.0);
    CHECK(right.FacesCamera(Vec3(1.0, 0.0, 0.0)));
    CHECK_FALSE(right.FacesCamera(Vec3(-1.0, 0.0, 0.0)));
    CHECK(right.PixelFromHead(Vec3(0.0, 100.0, 0.0)).x() > 600.0 + 0.99 * 100.0 * s);
    const HeadProjection left = make(-90.0, 0.0);
    CHECK(left.FacesCamera(Vec3(-1.0, 0.0, 0.0)));
    CHECK(left.PixelFromHead(Vec3(0.0, 100.0, 0.0)).x() < 600.0 - 0.99 * 100.0 * s);
    const HeadProjection back = make(180.0, 0.0);
    CHECK(back.FacesCamera(Vec3(0.0, -1.0, 0.0)));
    CHECK(back.PixelFromHead(Vec3(50.0, 0.0, 0.0)).x() > 600.0);   // from behind, their right is on the right
    // From above: the crown faces the camera, the forehead sits below the image's centre.
    const HeadProjection top = make(0.0, 90.0);
    CHECK(top.FacesCamera(Vec3(0.0, 0.0, 1.0)));
    CHECK(top.PixelFromHead(Vec3(0.0, 100.0, -10.0)).y() > 600.0 + 0.99 * 100.0 * s);
    CHECK(make(0.0, 30.0).FacesCamera(Vec3(0.0, 0.0, 1.0)));
    CHECK_FALSE(make(0.0, -30.0).FacesCamera(Vec3(0.0, 0.0, 1.0)));
    // Any angle: an orthonormal, right-handed frame, and pixel + depth give the head point back.
    for (double yaw = -180.0; yaw <= 180.0; yaw += 22.5) {
        for (double pitch = -90.0; pitch <= 90.0; pitch += 15.0) {
            const HeadProjection p = make(yaw, pitch);
            CHECK(p.right.cross(p.up).isApprox(p.toward, 1e-14));
            CHECK(std::fabs(p.right.norm() - 1.0) < 1e-14);
            const Vec3 q(12.5, -40.0, 77.0);
            CHECK((p.HeadFromPixel(p.PixelFromHead(q), p.DepthMm(q)) - q).norm() < 1e-9);
        }
    }
}

TEST_CASE("head camera: angles out of range or not numbers are refused, naming the angle and the convention") {
    CHECK(smp::CheckHeadCamera({180.0, -90.0}).ok());
    const smp::Status yaw = smp::CheckHeadCamera({200.0, 0.0});
    CHECK(yaw.code() == smp::StatusCode::kInvalidArgument);
    CHECK(yaw.message() == "yaw 200° is outside -180..180 (0 = facing the camera, + = the client turns to their left)");
    CHECK(smp::CheckHeadCamera({0.0, 91.0}).message() == "pitch 91° is outside -90..90 (0 = level, + = seen from above)");
    CHECK(smp::CheckHeadCamera({std::nan(""), 0.0}).message().rfind("yaw nan° is outside", 0) == 0);
    CHECK_FALSE(smp::MakeHeadProjection({0.0, 0.0}, Vec3::Zero(), 0.0, 100, 100).ok());
    CHECK_FALSE(smp::MakeHeadProjection({0.0, 0.0}, Vec3::Zero(), 250.0, 0, 100).ok());
}
