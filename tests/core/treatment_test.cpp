// Treatment design on a flat work area: brush strokes, areas and units, the hairline zone, scars,
// modes, sessions with pigments and needles, and what the plan reports. (The scalp template and
// the presets have their own tests.)
#include "core/density_field.h"
#include "core/design_json.h"
#include "core/generator.h"
#include "core/hairline.h"
#include "core/plan_json.h"

#include "test_strokes.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using smp::Design;
using smp::Dot;
using smp::Vec2;

using smp::testing::Stroke;

namespace {

Design FlatDesign(double width_mm, double height_mm, double density, uint32_t seed = 1) {
    Design design;
    design.seed = seed;
    design.template_spec.flat = {width_mm, height_mm};
    smp::GridLayer grid;
    grid.cell_mm = std::max(width_mm, height_mm);
    grid.cols = grid.rows = 1;
    grid.per_cm2 = {density};
    design.layers = {grid};
    design.sessions = smp::DefaultSessions();
    return design;
}

smp::DensityField FieldOf(const Design& design) {
    auto field = smp::DensityField::Compile(design);
    REQUIRE_MESSAGE(field.ok(), field.status().message());
    return std::move(field).value();
}

smp::DotPattern Generate(const Design& design) {
    auto pattern = smp::GenerateDots(design);
    REQUIRE_MESSAGE(pattern.ok(), pattern.status().message());
    return std::move(pattern).value();
}

bool HasWarning(const smp::DensityField& field, const std::string& code) {
    return std::any_of(field.Warnings().begin(), field.Warnings().end(), [&](const smp::DesignWarning& w) { return w.code == code; });
}

// A hairline across a 120 x 80 mm flat area: the client's left half, mirrored about x = 60.
smp::HairlineSpec FrontHairline() {
    smp::HairlineSpec hairline;
    hairline.points_mm = {Vec2(10, 40), Vec2(30, 30), Vec2(60, 24)};
    return hairline;
}

}  // namespace

TEST_CASE("brush strokes: set pulls towards the strength, add adds, pressure scales, outside nothing changes") {
    Design design = FlatDesign(100, 60, 40);
    design.layers.push_back(Stroke({Vec2(20, 30), Vec2(50, 30)}, 10.0, smp::StrokeLayer::Blend::kSet, 90.0));
    design.layers.push_back(Stroke({Vec2(80, 30)}, 8.0, smp::StrokeLayer::Blend::kAdd, 25.0));
    const smp::DensityField field = FieldOf(design);
    CHECK(field.PerCm2(Vec2(35, 30)) == 90.0);        // on the path
    CHECK(field.PerCm2(Vec2(35, 34)) == 90.0);        // within the hard half of the radius
    const double eased = field.PerCm2(Vec2(35, 37.5));
    CHECK(eased > 40.0);
    CHECK(eased < 90.0);                               // easing out
    CHECK(field.PerCm2(Vec2(35, 41)) == 40.0);        // beyond the radius
    CHECK(field.PerCm2(Vec2(80, 30)) == 65.0);        // 40 + 25
    CHECK(field.PerCm2(Vec2(95, 30)) == 40.0);
    CHECK(field.MaxPerCm2() >= 90.0);

    // Half the pen pressure: halfway to the strength.
    Design light = FlatDesign(100, 60, 40);
    smp::StrokeLayer pressed = Stroke({Vec2(20, 30), Vec2(50, 30)}, 10.0, smp::StrokeLayer::Blend::kSet, 90.0);
    pressed.pressure = {0.5, 0.5};
    light.layers.push_back(pressed);
    CHECK(FieldOf(light).PerCm2(Vec2(35, 30)) == doctest::Approx(65.0));

    // An eraser (set 0) clears its path of dots.
    Design erased = FlatDesign(100, 60, 60);
    erased.layers.push_back(Stroke({Vec2(10, 30), Vec2(90, 30)}, 6.0, smp::StrokeLayer::Blend::kSet, 0.0, 0.0));
    for (const Dot& dot : Generate(erased).Dots()) {
        const Vec2& p = dot.position_mm;
        const double along = std::clamp(p.x(), 10.0, 90.0);
        CHECK((p - Vec2(along, 30.0)).norm() >= 6.0 - 1e-9);
    }
}

TEST_CASE("areas feather their edge; densities in % of natural; later layers win") {
    Design design = FlatDesign(100, 100, 30);
    smp::AreaLayer area;
    area.polygon_mm = {Vec2(20, 20), Vec2(80, 20), Vec2(80, 80), Vec2(20, 80)};
    area.target = smp::DensityValue::PercentNatural(100.0);   // 80 dots/cm²
    area.feather_mm = 10.0;
    design.layers.push_back(area);
    smp::DensityField field = FieldOf(design);
    CHECK(field.PerCm2(Vec2(50, 50)) == doctest::Approx(smp::kNaturalDensityPerCm2));
    CHECK(field.PerCm2(Vec2(20, 50)) == doctest::Approx(55.0));   // on the edge: halfway
    CHECK(field.PerCm2(Vec2(10, 50)) == 30.0);                    // beyond half the feather
    // A grid laid over everything afterwards replaces it all.
    smp::GridLayer over;
    over.cell_mm = 100;
    over.cols = over.rows = 1;
    over.per_cm2 = {12.0};
    design.layers.push_back(over);
    CHECK(FieldOf(design).PerCm2(Vec2(50, 50)) == 12.0);
}

TEST_CASE("a local update with a new stroke gives exactly what a full generation gives") {
    const Design before = FlatDesign(80, 60, 50, 3);
    Design after = before;
    after.layers.push_back(Stroke({Vec2(30, 30), Vec2(45, 35)}, 8.0, smp::StrokeLayer::Blend::kAdd, 20.0, 1.0));
    smp::DotPattern pattern = Generate(before);
    REQUIRE(smp::ReserveHeadroom(before, pattern).ok());
    const smp::RectMm region{Vec2(30 - 8, 30 - 8), Vec2(45 + 8, 35 + 8)};
    REQUIRE(smp::UpdateDotsInRegion(after, region, pattern).ok());
    const std::vector<Dot> updated = pattern.Dots(), full = Generate(after).Dots();
    REQUIRE(updated.size() == full.size());
    for (size_t i = 0; i < full.size(); ++i) {
        CHECK(updated[i].position_mm == full[i].position_mm);
        CHECK(updated[i].session == full[i].session);
    }
    CHECK(full.size() > Generate(before).Dots().size());
}

TEST_CASE("hairline zone: nothing far ahead, a few isolated strays, a ramp through the transition, full behind") {
    Design design = FlatDesign(120, 80, 80, 5);
    design.hairline = FrontHairline();
    const smp::DensityField field = FieldOf(design);
    REQUIRE(field.Hairline().has_value());
    const smp::HairlineGeometry& line = *field.Hairline();
    const double depth_mm = line.TransitionMm();
    CHECK(depth_mm >= 5.0);
    CHECK(depth_mm <= 10.0);

    const smp::DotPattern pattern = Generate(design);
    const std::vector<Dot> dots = pattern.Dots();
    // Distance to the line measured here by brute force; the side from the geometry.
    auto signed_distance = [&](const Vec2& p) {
        double nearest = 1e9;
        const std::vector<Vec2>& l = line.LineMm();
        for (size_t i = 0; i + 1 < l.size(); ++i) {
            const Vec2 ab = l[i + 1] - l[i];
            const double t = std::clamp((p - l[i]).dot(ab) / ab.squaredNorm(), 0.0, 1.0);
            nearest = std::min(nearest, (p - (l[i] + ab * t)).norm());
        }
        const double geometry = line.SignedDistanceMm(p);
        if (std::fabs(geometry) < 9.0) CHECK(std::fabs(geometry) == doctest::Approx(nearest));
        return geometry < 0 ? -nearest : nearest;
    };
    // Band densities by signed distance, over the middle of the line (away from its ends); strays
    // along all of it.
    int far_ahead = 0;
    std::vector<Vec2> strays;
    double transition_near = 0, transition_far = 0, behind = 0;
    for (const Dot& dot : dots) {
        const double s = signed_distance(dot.position_mm);
        if (s < -smp::kStrayBandMm) ++far_ahead;
        else if (s < 0) strays.push_back(dot.position_mm);
        if (dot.position_mm.x() < 20 || dot.position_mm.x() > 100) continue;
        if (s < 0) continue;
        if (s < depth_mm / 2) transition_near += 1;
        else if (s < depth_mm) transition_far += 1;
        else if (s < depth_mm + 10) behind += 1;
        if (s < depth_mm) CHECK(dot.hairline);
        if (s >= depth_mm) CHECK_FALSE(dot.hairline);
    }
    INFO("strays " << strays.size() << ", transition near/far " << transition_near << "/" << transition_far << ", behind " << behind);
    CHECK(far_ahead == 0);
    CHECK(strays.size() >= 3);     // a few...
    CHECK(strays.size() <= 40);    // ...not a second hairline
    for (size_t i = 0; i < strays.size(); ++i) {
        for (size_t j = i + 1; j < strays.size(); ++j) CHECK((strays[i] - strays[j]).norm() >= 2.0);   // single dots
    }
    // Per mm of depth, the ramp rises: the near half is sparser than the far half, both sparser than behind.
    CHECK(transition_near < transition_far);
    CHECK(transition_far / (depth_mm / 2) < behind / 10.0);

    // Hairline dots are single-point (smaller) and in the lighter pigment.
    for (const Dot& dot : dots) {
        if (dot.hairline) {
            CHECK(dot.diameter_mm == doctest::Approx(0.20));
            CHECK(dot.PigmentIndex() % 3 == 1);
        } else {
            CHECK(dot.diameter_mm == doctest::Approx(0.25));
        }
    }
}

TEST_CASE("hairline irregularity: never a ruler edge or a mirror image, deterministic from the seed") {
    Design design = FlatDesign(120, 80, 80, 5);
    design.hairline = FrontHairline();
    const smp::DensityField natural = FieldOf(design);
    const smp::HairlineGeometry& line = *natural.Hairline();
    INFO("rms " << line.IrregularityRmsMm() << " mm, mirror deviation " << line.MirrorDeviationMm() << " mm, bow " << line.BowMm());
    CHECK(line.IrregularityRmsMm() >= 0.4);
    CHECK(line.MirrorDeviationMm() >= 0.5);
    CHECK_FALSE(HasWarning(natural, "hairline_regular"));
    CHECK_FALSE(HasWarning(natural, "hairline_symmetric"));
    CHECK_FALSE(HasWarning(natural, "hairline_straight"));
    // The displaced line departs from the smooth base curve, at both scales.
    double largest_mm = 0.0;
    for (const Vec2& p : line.LineMm()) {
        double nearest = 1e9;
        for (const Vec2& q : line.BaseCurveMm()) nearest = std::min(nearest, (p - q).norm());
        largest_mm = std::max(largest_mm, nearest);
    }
    CHECK(largest_mm >= 1.0);
    CHECK(largest_mm <= 2.0 * (2.0 + 0.8));   // bounded by the soft style's amplitudes

    // Same seed, same line; another seed, another line.
    CHECK(FieldOf(design).Hairline()->LineMm() == line.LineMm());
    Design other = design;
    other.seed = 6;
    CHECK(FieldOf(other).Hairline()->LineMm() != line.LineMm());

    // A ruler-straight, perfectly mirrored line is flagged, with numbers in the message.
    Design ruler = design;
    ruler.hairline->points_mm = {Vec2(10, 30), Vec2(60, 30)};
    ruler.hairline->large_irregularity_mm = 0.0;
    ruler.hairline->small_irregularity_mm = 0.0;
    ruler.hairline->asymmetry_mm = 0.0;
    const smp::DensityField flagged = FieldOf(ruler);
    CHECK(HasWarning(flagged, "hairline_straight"));
    CHECK(HasWarning(flagged, "hairline_regular"));
    CHECK(HasWarning(flagged, "hairline_symmetric"));
}

TEST_CASE("hairline: bad control points are refused by name; density mode ignores the hairline and says so") {
    Design design = FlatDesign(120, 80, 80);
    design.hairline = FrontHairline();
    design.hairline->points_mm.push_back(Vec2(90, 30));   // right of the midline while mirrored
    auto field = smp::DensityField::Compile(design);
    REQUIRE_FALSE(field.ok());
    CHECK(field.status().message().find("hairline.points_mm[3] lies right of the midline") != std::string::npos);

    Design density = FlatDesign(120, 80, 70);
    density.mode = smp::TreatmentMode::kDensity;
    density.hairline = FrontHairline();
    const smp::DensityField between_hair = FieldOf(density);
    CHECK_FALSE(between_hair.Hairline().has_value());
    CHECK(HasWarning(between_hair, "hairline_ignored"));
    CHECK(HasWarning(between_hair, "density_mode_dense"));   // 70 > 60 % of natural
    CHECK(between_hair.PerCm2(Vec2(60, 5)) == 70.0);
}

TEST_CASE("hairline mirror: the control points the curve runs through, each traced to the given point") {
    smp::HairlineSpec spec = FrontHairline();   // (10, 40), (30, 30), (60, 24) left of x = 60
    spec.asymmetry_mm = 2.0;
    std::vector<smp::HairlineControlSource> from;
    const std::vector<Vec2> points = smp::MirroredControlPointsMm(spec, 60.0, &from);
    // Left to right; the midline point is not mirrored; the images sit back by the asymmetry in
    // proportion to their distance from the midline (the outermost by all of it).
    const std::vector<Vec2> expected = {Vec2(10, 40), Vec2(30, 30), Vec2(60, 24), Vec2(90, 30.0 + 2.0 * 30.0 / 50.0), Vec2(110, 42)};
    REQUIRE(points.size() == expected.size());
    REQUIRE(from.size() == expected.size());
    const int given[] = {0, 1, 2, 1, 0};
    for (size_t k = 0; k < expected.size(); ++k) {
        CHECK((points[k] - expected[k]).norm() < 1e-12);
        CHECK(from[k].given_index == given[k]);
        CHECK(from[k].mirrored == (k >= 3));
    }

    // Given from the midline outwards: the same curve; the sources still name the given points.
    smp::HairlineSpec outwards = spec;
    std::reverse(outwards.points_mm.begin(), outwards.points_mm.end());
    std::vector<smp::HairlineControlSource> outwards_from;
    CHECK(smp::MirroredControlPointsMm(outwards, 60.0, &outwards_from) == points);
    for (size_t k = 0; k < expected.size(); ++k) {
        CHECK(outwards_from[k].given_index == 2 - given[k]);
        CHECK(outwards_from[k].mirrored == from[k].mirrored);
    }

    // A last point off the midline is mirrored too; mirror off: the points as given, left to right.
    smp::HairlineSpec short_of_midline = spec;
    short_of_midline.points_mm.back() = Vec2(58, 24);
    CHECK(smp::MirroredControlPointsMm(short_of_midline, 60.0).size() == 6);
    smp::HairlineSpec plain = spec;
    plain.mirror = false;
    plain.points_mm = {Vec2(100, 40), Vec2(60, 24), Vec2(20, 40)};
    std::vector<smp::HairlineControlSource> plain_from;
    CHECK(smp::MirroredControlPointsMm(plain, 60.0, &plain_from) == std::vector<Vec2>{Vec2(20, 40), Vec2(60, 24), Vec2(100, 40)});
    CHECK(plain_from[0].given_index == 2);
    CHECK_FALSE(plain_from[0].mirrored);

    // The hairline's base curve runs through exactly these points, from the first to the last.
    Design design = FlatDesign(120, 80, 80);
    design.hairline = spec;
    const smp::DensityField field = FieldOf(design);
    REQUIRE(field.Hairline().has_value());
    const std::vector<Vec2>& base = field.Hairline()->BaseCurveMm();
    CHECK((base.front() - points.front()).norm() < 1e-6);
    CHECK((base.back() - points.back()).norm() < 1e-6);
    for (const Vec2& p : points) {
        double nearest = 1e300;
        for (const Vec2& q : base) nearest = std::min(nearest, (q - p).norm());
        CHECK(nearest < 0.5);   // the curve is sampled every 0.5 mm
    }
}

TEST_CASE("scars: a FUT strip is filled and blended, counted per session, and adds a session") {
    Design design = FlatDesign(160, 60, 20, 7);
    design.mode = smp::TreatmentMode::kDensity;
    smp::ScarSpec strip;
    strip.kind = smp::ScarSpec::Kind::kFutStrip;
    strip.label = "donor strip";
    strip.points_mm = {Vec2(20, 30), Vec2(80, 28), Vec2(140, 32)};
    strip.width_mm = 2.0;
    design.scars = {strip};
    design.sessions = smp::DefaultSessions(/*with_scars=*/true);
    REQUIRE(design.sessions.size() == 4);
    const smp::DensityField field = FieldOf(design);
    CHECK(field.PerCm2(Vec2(80, 28)) == smp::kDefaultScarTargetPerCm2);   // on the scar
    const double blended = field.PerCm2(Vec2(80, 28 + 1 + 2 + 5));         // halfway through the blend
    CHECK(blended > 20.0);
    CHECK(blended < smp::kDefaultScarTargetPerCm2);
    CHECK(field.PerCm2(Vec2(80, 50)) == 20.0);
    CHECK_FALSE(HasWarning(field, "scar_sessions"));

    const smp::DotPattern pattern = Generate(design);
    const auto plan = nlohmann::json::parse(smp::PlanToJsonText(design, pattern));
    REQUIRE(plan["scars"].size() == 1);
    CHECK(plan["scars"][0]["label"] == "donor strip");
    CHECK(plan["scars"][0]["length_mm"].get<double>() == doctest::Approx(120.1).epsilon(0.01));
    const auto per_session = plan["scars"][0]["dots_on_scar_per_session"];
    REQUIRE(per_session.size() == 4);
    for (const auto& n : per_session) CHECK(n.get<int>() > 0);   // every session works on the scar
    CHECK(plan["touch_up"]["note"].get<std::string>().find("scars") != std::string::npos);

    Design three = design;
    three.sessions = smp::DefaultSessions();
    CHECK(HasWarning(FieldOf(three), "scar_sessions"));
}

TEST_CASE("scars: an FUE field holds its count of round scars, spread out and never overlapping") {
    smp::ScarSpec field_spec;
    field_spec.kind = smp::ScarSpec::Kind::kFueField;
    field_spec.points_mm = {Vec2(10, 10), Vec2(70, 10), Vec2(70, 50), Vec2(10, 50)};
    field_spec.count = 600;
    auto scar = smp::ScarGeometry::Build(field_spec, 0, 42);
    REQUIRE(scar.ok());
    const std::vector<Vec2>& centres = scar->FueCentresMm();
    CHECK(centres.size() == 600);
    double closest = 1e9;
    for (size_t i = 0; i < centres.size(); ++i) {
        CHECK(smp::PolygonContains(field_spec.points_mm, centres[i]));
        for (size_t j = i + 1; j < centres.size(); ++j) closest = std::min(closest, (centres[i] - centres[j]).norm());
    }
    CHECK(closest >= field_spec.scar_diameter_mm);
    CHECK(scar->OnScarTissue(centres[17]));
    CHECK(scar->TissueAreaCm2() == doctest::Approx(600 * 0.7853981633974483 * 0.81 / 100.0));
    // At the most the field accepts (a third covered), every punch still finds its place.
    field_spec.count = static_cast<int>(2400.0 / (3.0 * 0.7853981633974483 * 0.81));
    const auto full = smp::ScarGeometry::Build(field_spec, 0, 43);
    REQUIRE(full.ok());
    CHECK(static_cast<int>(full->FueCentresMm().size()) == field_spec.count);
    // More scars than the field can hold: refused, naming the scar.
    field_spec.count = 5000;
    const auto crowded = smp::ScarGeometry::Build(field_spec, 3, 42);
    REQUIRE_FALSE(crowded.ok());
    CHECK(crowded.status().message().find("scars[3]: 5000 scars") != std::string::npos);
}

TEST_CASE("the plan: pigments lighter first, per-session figures, minutes, aftercare, summary, disclaimer") {
    Design design = FlatDesign(60, 40, 80, 2);
    design.dots_per_minute = 50.0;
    const smp::DotPattern pattern = Generate(design);
    const auto plan = nlohmann::json::parse(smp::PlanToJsonText(design, pattern));
    CHECK(plan["schema_version"] == smp::kPlanSchemaVersion);
    CHECK(plan["disclaimer"].get<std::string>().find("illustration") != std::string::npos);
    REQUIRE(plan["pigments"].size() == 9);
    CHECK(plan["pigments"][0]["darkness"] < plan["pigments"][3]["darkness"]);   // session 1 lighter than 2
    CHECK(plan["pigments"][3]["darkness"] < plan["pigments"][6]["darkness"]);
    CHECK(plan["pigments"][7]["darkness"] < plan["pigments"][6]["darkness"]);   // hairline lighter
    CHECK(plan["pigments"][8]["darkness"] > plan["pigments"][6]["darkness"]);   // scatter darker
    int64_t total = 0;
    double minutes = 0;
    for (const auto& session : plan["sessions"]) {
        const int64_t count = session["dot_count"];
        total += count;
        CHECK(session["estimated_minutes"] == std::round(static_cast<double>(count) / 50.0));
        minutes += session["estimated_minutes"].get<double>();
        CHECK(session["aftercare"].size() == std::size(smp::kAftercare));
        for (const auto& dot : session["dots"]) {
            REQUIRE(dot.size() == 5);
            CHECK(dot[3].get<int>() / 3 == session["index"].get<int>() - 1);   // its session's pigments
        }
    }
    CHECK(plan["sessions"][2]["dark_scatter_dots"].get<int>() > 0);
    CHECK(plan["sessions"][0]["dark_scatter_dots"].get<int>() == 0);
    CHECK(plan["summary"]["total_dots"] == total);
    CHECK(plan["summary"]["estimated_minutes"] == minutes);
    CHECK(plan["summary"]["treated_area_cm2"].get<double>() == doctest::Approx(24.0));
    CHECK(plan["summary"]["mean_density_per_cm2"].get<double>() == doctest::Approx(80.0).epsilon(0.06));
    CHECK(plan["aftercare"][2].get<std::string>().find("28 days") != std::string::npos);
}

namespace {

// The zones layer's blend as first written: the one-hot zone map at every millimetre, blurred by
// two box passes each way summing every zone over every cell of the window, then sampled
// bilinearly from floats. The field's own blend skips what cannot change a sum; it must give
// these values to the last bit.
class ReferenceZoneBlend {
public:
    ReferenceZoneBlend(const smp::ScalpTemplate& scalp, const smp::ZonesLayer& zones)
        : zones_(zones), cols_(static_cast<int>(std::ceil(scalp.WidthMm()))), rows_(static_cast<int>(std::ceil(scalp.HeightMm()))) {
        const int radius = std::max(1, static_cast<int>(std::lround(zones.blend_mm / 4.0)));
        w_.assign(static_cast<size_t>(cols_) * static_cast<size_t>(rows_) * kZones, 0.0);
        std::vector<double> scratch(w_.size(), 0.0);
        for (int r = 0; r < rows_; ++r) {
            for (int c = 0; c < cols_; ++c) w_[Index(r, c) + static_cast<size_t>(scalp.ZoneAt(Vec2(c + 0.5, r + 0.5)))] = 1.0;
        }
        auto box_pass = [&](const std::vector<double>& from, std::vector<double>& to, bool horizontal) {
            const int n = horizontal ? cols_ : rows_, lines = horizontal ? rows_ : cols_;
            for (int line = 0; line < lines; ++line) {
                for (int i = 0; i < n; ++i) {
                    double sum[kZones] = {};
                    int count = 0;
                    for (int k = std::max(0, i - radius); k <= std::min(n - 1, i + radius); ++k, ++count) {
                        const size_t at = horizontal ? Index(line, k) : Index(k, line);
                        for (int z = 0; z < kZones; ++z) sum[z] += from[at + static_cast<size_t>(z)];
                    }
                    const size_t here = horizontal ? Index(line, i) : Index(i, line);
                    for (int z = 0; z < kZones; ++z) to[here + static_cast<size_t>(z)] = sum[z] / count;
                }
            }
        };
        for (int pass = 0; pass < 2; ++pass) {
            box_pass(w_, scratch, true);
            box_pass(scratch, w_, false);
        }
    }

    // The zones layer's value at p (every zone has a target).
    double PerCm2(const Vec2& p) const {
        const double u = std::clamp(p.x() - 0.5, 0.0, cols_ - 1.0), v = std::clamp(p.y() - 0.5, 0.0, rows_ - 1.0);
        const int c0 = std::min(static_cast<int>(u), cols_ - 1), r0 = std::min(static_cast<int>(v), rows_ - 1);
        const int c1 = std::min(c0 + 1, cols_ - 1), r1 = std::min(r0 + 1, rows_ - 1);
        const double tu = u - c0, tv = v - r0;
        double blended = 0.0;
        for (int z = 0; z < kZones; ++z) {
            const auto weight = [&](int r, int c) { return static_cast<double>(static_cast<float>(w_[Index(r, c) + static_cast<size_t>(z)])); };
            const double wz = (weight(r0, c0) * (1.0 - tu) + weight(r0, c1) * tu) * (1.0 - tv) + (weight(r1, c0) * (1.0 - tu) + weight(r1, c1) * tu) * tv;
            blended += wz * zones_.per_zone[static_cast<size_t>(z)]->PerCm2();
        }
        return blended;
    }

private:
    static constexpr int kZones = smp::kZoneCount;
    size_t Index(int r, int c) const { return (static_cast<size_t>(r) * static_cast<size_t>(cols_) + static_cast<size_t>(c)) * kZones; }

    smp::ZonesLayer zones_;
    int cols_, rows_;
    std::vector<double> w_;
};

}  // namespace

TEST_CASE("zone blend: the same to the last bit as a plain blur of every zone, at narrow and wide blends, on two heads") {
    for (const smp::HeadMeasurements head : {smp::HeadMeasurements{}, smp::HeadMeasurements{640.0, 420.0, 360.0}}) {
        for (const double blend_mm : {6.0, 15.0, 50.0}) {
            Design design;
            design.seed = 4;
            design.template_spec.kind = smp::TemplateSpec::Kind::kScalp;
            design.template_spec.head = head;
            design.sessions = smp::DefaultSessions();
            smp::ZonesLayer zones;
            zones.blend_mm = blend_mm;
            for (int z = 0; z < smp::kZoneCount; ++z) zones.per_zone[static_cast<size_t>(z)] = smp::DensityValue::Dots(20.0 + 10.0 * z);
            design.layers = {zones};
            const smp::DensityField field = FieldOf(design);
            REQUIRE(field.Scalp() != nullptr);
            INFO("head " << head.circumference_mm << " mm, blend " << blend_mm << " mm");
            const ReferenceZoneBlend reference(*field.Scalp(), zones);
            int checked = 0, mixed = 0, mismatched = 0;
            for (double y = 0.3; y < field.FrameMm().HeightMm(); y += 1.7) {
                for (double x = 0.45; x < field.FrameMm().WidthMm(); x += 1.3) {
                    const Vec2 p(x, y);
                    if (!field.Inside(p)) continue;
                    const double expected = reference.PerCm2(p);
                    if (field.PerCm2(p) != expected) ++mismatched;
                    if (expected != std::round(expected / 10.0) * 10.0) ++mixed;   // between zones' targets: a blend
                    ++checked;
                }
            }
            CHECK(checked > 10000);
            CHECK(mixed > 500);   // the check reaches the borders, where the blend is arithmetic
            CHECK(mismatched == 0);
        }
    }
}

TEST_CASE("scalp template: zone targets per zone, per-zone figures in the plan, a low hairline warns") {
    Design design;
    design.seed = 9;
    design.template_spec.kind = smp::TemplateSpec::Kind::kScalp;
    design.sessions = smp::DefaultSessions();
    smp::ZonesLayer zones;
    zones.blend_mm = 0.0;   // hard edges, so every point takes exactly its zone's value
    zones.per_zone[static_cast<size_t>(smp::ZoneId::kFrontal)] = smp::DensityValue::Dots(70.0);
    zones.per_zone[static_cast<size_t>(smp::ZoneId::kCrown)] = smp::DensityValue::PercentNatural(50.0);
    design.layers = {zones};
    const smp::DensityField field = FieldOf(design);
    REQUIRE(field.Scalp() != nullptr);
    int checked = 0;
    for (double y = 2.5; y < field.FrameMm().HeightMm(); y += 7.0) {
        for (double x = 2.5; x < field.FrameMm().WidthMm(); x += 7.0) {
            const Vec2 p(x, y);
            if (!field.Inside(p)) {
                CHECK(field.PerCm2(p) == 0.0);
                continue;
            }
            const smp::ZoneId zone = field.Scalp()->ZoneAt(p);
            const double expected = zone == smp::ZoneId::kFrontal ? 70.0 : zone == smp::ZoneId::kCrown ? 40.0 : 0.0;
            CHECK(field.PerCm2(p) == expected);
            ++checked;
        }
    }
    CHECK(checked > 500);

    const smp::DotPattern pattern = Generate(design);
    const auto plan = nlohmann::json::parse(smp::PlanToJsonText(design, pattern));
    REQUIRE(plan["zones"].size() == smp::kZoneCount);
    for (const auto& session : plan["sessions"]) {
        int64_t sum = 0;
        for (const auto& [zone, n] : session["dots_per_zone"].items()) sum += n.get<int64_t>();
        CHECK(sum == session["dot_count"].get<int64_t>());
    }
    for (const auto& zone : plan["zones"]) {
        INFO(zone.dump());
        if (zone["name"] == "frontal") CHECK(zone["density_per_cm2"].get<double>() == doctest::Approx(70.0).epsilon(0.06));
        else if (zone["name"] == "crown") CHECK(zone["density_per_cm2"].get<double>() == doctest::Approx(40.0).epsilon(0.08));
        else CHECK(zone["dots"] == 0);
    }
    CHECK(plan["template"]["area_cm2"].get<double>() == doctest::Approx(field.Scalp()->AreaCm2()).epsilon(0.001));
    CHECK(plan["template"]["landmarks"].contains("crown_whorl"));

    // A hairline 7.5 cm above the glabella is fine; one 6 cm above it is too low.
    const smp::Landmarks& l = field.Scalp()->GetLandmarks();
    auto with_hairline = [&](double height_mm) {
        Design d = design;
        smp::HairlineSpec hairline;
        const Vec2 mid_frontal = field.Scalp()->MidlinePointAboveGlabellaMm(height_mm);
        CHECK(field.Scalp()->SurfaceLengthMm(l.glabella_mm, mid_frontal) == doctest::Approx(height_mm).epsilon(1e-6));
        hairline.points_mm = {l.temple_peak_left_mm, l.frontotemporal_left_mm, mid_frontal};
        d.hairline = hairline;
        return FieldOf(d);
    };
    CHECK((field.Scalp()->MidlinePointAboveGlabellaMm(80.0) - l.mid_frontal_mm).norm() < 0.05);   // the landmark itself
    const smp::DensityField usual = with_hairline(80.0);
    CHECK_FALSE(HasWarning(usual, "hairline_low"));
    const smp::DensityField low = with_hairline(60.0);
    REQUIRE(HasWarning(low, "hairline_low"));
    for (const smp::DesignWarning& w : low.Warnings()) {
        if (w.code == "hairline_low") CHECK(w.message.find("mm above the glabella") != std::string::npos);
    }

    // Zones only exist on the scalp.
    Design flat = FlatDesign(50, 50, 40);
    flat.layers.push_back(zones);
    const auto refused = smp::DensityField::Compile(flat);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.status().message() == "density.layers[1] is a zones layer, which needs the scalp template (template.kind \"scalp\")");
}

TEST_CASE("a design follows the head when the measurements change") {
    const auto text = smp::RestoreDesign(std::string_view(R"({"type":"smp.design","schema_version":2,"template":{"kind":"scalp"}})"));
    REQUIRE(text.ok());
    Design design = *text;
    const smp::DensityField before = FieldOf(design);
    const smp::Landmarks& l = before.Scalp()->GetLandmarks();
    smp::HairlineSpec hairline;
    hairline.points_mm = {l.temple_peak_left_mm, l.frontotemporal_left_mm, l.mid_frontal_mm};
    design.hairline = hairline;
    design.layers.push_back(Stroke({l.crown_whorl_mm, l.vertex_mm}, 10.0, smp::StrokeLayer::Blend::kSet, 60.0));

    smp::HeadMeasurements larger;
    larger.circumference_mm = 610;
    larger.glabella_to_nape_mm = 385;
    larger.ear_to_ear_mm = 330;
    const auto resized = smp::ResizeHead(design, larger);
    REQUIRE_MESSAGE(resized.ok(), resized.status().message());
    const smp::DensityField after = FieldOf(*resized);
    const smp::Landmarks& m = after.Scalp()->GetLandmarks();
    // Points carried along stay at the same place on the head: the whorl (defined by position)
    // lands on the new whorl; hairline landmarks (defined by fixed arcs from the glabella, DOMAIN.md)
    // stay near the new ones, and the hairline about as high above the glabella.
    const auto& points = resized->hairline->points_mm;
    CHECK((points[0] - m.temple_peak_left_mm).norm() < 10.0);
    CHECK((points[1] - m.frontotemporal_left_mm).norm() < 10.0);
    const double height_mm = after.Scalp()->SurfaceLengthMm(m.glabella_mm, points[2]);
    CHECK(height_mm == doctest::Approx(80.0).epsilon(0.1));
    CHECK(points[2].x() == doctest::Approx(after.Scalp()->MidlineXMm()).epsilon(1e-6));
    const auto& stroke = std::get<smp::StrokeLayer>(resized->layers.back());
    CHECK((stroke.points_mm[0] - m.crown_whorl_mm).norm() < 0.5);
    CHECK(stroke.radius_mm > 10.0);   // a bigger head, a proportionally bigger stroke
    CHECK(after.PerCm2(m.crown_whorl_mm) == 60.0);
    // Flat designs have no head to resize; impossible heads are refused by name.
    CHECK_FALSE(smp::ResizeHead(FlatDesign(10, 10, 10), larger).ok());
    larger.ear_to_ear_mm = 1000;
    const auto absurd = smp::ResizeHead(design, larger);
    REQUIRE_FALSE(absurd.ok());
    CHECK(absurd.status().message().find("ear_to_ear_mm") != std::string::npos);
}

TEST_CASE("any edit, updated locally, gives exactly the full generation: layers, sessions, hairline, scars, mode") {
    Design base = FlatDesign(120, 80, 60, 11);
    base.hairline = FrontHairline();
    smp::ScarSpec strip;
    strip.points_mm = {Vec2(20, 70), Vec2(100, 72)};
    base.scars = {strip};
    base.sessions = smp::DefaultSessions(true);
    base.layers.push_back(Stroke({Vec2(40, 50), Vec2(60, 55)}, 6.0, smp::StrokeLayer::Blend::kSet, 80.0));
    // A smooth stroke over one end of it (and two steps of the grid below), reaching well beyond
    // it: a change under it moves averages up to its kernel's half-width beyond the change.
    base.layers.push_back(Stroke({Vec2(30, 40), Vec2(48, 56), Vec2(70, 58)}, 14.0, smp::StrokeLayer::Blend::kSmooth, 0.0));
    smp::GridLayer patch;
    patch.origin_mm = Vec2(80, 30);
    patch.cell_mm = 8.0;
    patch.cols = patch.rows = 2;
    patch.per_cm2 = {20.0, 90.0, 90.0, 20.0};
    base.layers.push_back(patch);
    base.layers.push_back(Stroke({Vec2(75, 40), Vec2(100, 38)}, 9.0, smp::StrokeLayer::Blend::kSmooth, 0.0));

    std::vector<std::pair<const char*, Design>> edits;
    Design e = base;
    e.sessions[0].cumulative_fraction = 0.4;
    edits.emplace_back("a session's fraction", e);
    e = base;
    e.sessions.pop_back();
    e.sessions.back().cumulative_fraction = 1.0;
    edits.emplace_back("one session fewer", e);
    e = base;
    e.hairline->points_mm[0] += Vec2(0, 3);
    edits.emplace_back("a hairline point moved", e);
    e = base;
    e.scars.clear();
    edits.emplace_back("the scar removed", e);
    e = base;
    e.scars[0].width_mm = 4.0;
    edits.emplace_back("the scar widened", e);
    e = base;
    e.mode = smp::TreatmentMode::kDensity;
    edits.emplace_back("density mode", e);
    e = base;
    std::get<smp::StrokeLayer>(e.layers[1]).strength = smp::DensityValue::Dots(30.0);
    edits.emplace_back("a stroke's strength changed, under a smooth stroke", e);
    e = base;
    std::get<smp::StrokeLayer>(e.layers[1]).points_mm.back() += Vec2(0, -2);
    edits.emplace_back("a stroke's end moved, under a smooth stroke", e);
    e = base;
    std::get<smp::GridLayer>(e.layers[3]).per_cm2[1] = 40.0;
    edits.emplace_back("a grid cell changed, under a smooth stroke", e);
    e = base;
    e.layers.insert(e.layers.begin() + 1, Stroke({Vec2(46, 44)}, 5.0, smp::StrokeLayer::Blend::kAdd, 15.0));
    edits.emplace_back("a brush stroke slipped under the smooth strokes", e);
    e = base;
    e.layers.push_back(Stroke({Vec2(20, 20), Vec2(60, 30)}, 8.0, smp::StrokeLayer::Blend::kSmooth, 0.0));
    edits.emplace_back("a smooth stroke added", e);
    e = base;
    std::get<smp::StrokeLayer>(e.layers[2]).radius_mm = 10.0;
    edits.emplace_back("a smooth stroke's radius changed", e);
    e = base;
    e.layers.pop_back();
    edits.emplace_back("a smooth stroke removed (undone)", e);
    e = base;
    e.layers.resize(2);
    edits.emplace_back("strokes removed", e);

    for (const auto& edit : edits) {
        // (Clang 14 cannot capture structured bindings in INFO's lambda.)
        const std::string name = edit.first;
        const Design& edited = edit.second;
        INFO(name);
        smp::DotPattern pattern = Generate(base);
        REQUIRE(smp::ReserveHeadroom(base, pattern).ok());
        // The caller names no region at all: the update must find what changed by itself.
        REQUIRE(smp::UpdateDotsInRegion(edited, smp::RectMm{}, pattern).ok());
        const std::vector<Dot> updated = pattern.Dots(), full = Generate(edited).Dots();
        CHECK(updated.size() == full.size());
        if (updated.size() != full.size()) continue;
        size_t differing = 0;
        for (size_t i = 0; i < full.size(); ++i) {
            differing += !(updated[i].position_mm == full[i].position_mm && updated[i].session == full[i].session &&
                           updated[i].hairline == full[i].hairline && updated[i].scar == full[i].scar &&
                           updated[i].zone == full[i].zone && updated[i].dark_scatter == full[i].dark_scatter &&
                           updated[i].diameter_mm == full[i].diameter_mm);
        }
        CHECK(differing == 0);
        // And the plan from the updated pattern is the plan of the edited design, byte for byte.
        CHECK(smp::PlanToJsonText(edited, pattern) == smp::PlanToJsonText(edited, Generate(edited)));
    }
}
