#include "ui/head_view_math.h"

#include "core/density_field.h"
#include "core/design_json.h"
#include "core/generator.h"
#include "core/presets.h"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace smp {
namespace {

TEST_CASE("head view: yaw wraps into -180..180, pitch and zoom are clamped, nonsense becomes the default") {
    CHECK(WrapYawDeg(0.0) == 0.0);
    CHECK(WrapYawDeg(180.0) == 180.0);
    CHECK(WrapYawDeg(-180.0) == -180.0);
    CHECK(WrapYawDeg(190.0) == doctest::Approx(-170.0));
    CHECK(WrapYawDeg(-190.0) == doctest::Approx(170.0));
    CHECK(WrapYawDeg(720.0 + 30.0) == doctest::Approx(30.0));
    CHECK(WrapYawDeg(std::numeric_limits<double>::quiet_NaN()) == 0.0);
    CHECK(ClampPitchDeg(120.0) == 90.0);
    CHECK(ClampPitchDeg(-120.0) == -90.0);
    CHECK(ClampPitchDeg(std::numeric_limits<double>::infinity()) == 0.0);
    CHECK(ClampHeadZoom(10.0) == kMaxHeadZoom);
    CHECK(ClampHeadZoom(0.1) == kMinHeadZoom);
    CHECK(ClampHeadZoom(-1.0) == 1.0);
    CHECK(ClampHeadZoom(2.0) == 2.0);
}

TEST_CASE("head view: a drag turns the head the way the pointer goes, by kOrbitDegPerLogicalPx, pitch stops at the poles") {
    const HeadCamera front;
    // Right: the client turns to their left (yaw up); 180 px = 90 degrees: the right profile.
    const HeadCamera right = OrbitHeadCamera(front, Vec2(180.0, 0.0));
    CHECK(right.yaw_deg == doctest::Approx(180.0 * kOrbitDegPerLogicalPx));
    CHECK(right.yaw_deg == doctest::Approx(90.0));
    CHECK(right.pitch_deg == 0.0);
    // Left: the other way; down: from above.
    CHECK(OrbitHeadCamera(front, Vec2(-40.0, 0.0)).yaw_deg == doctest::Approx(-20.0));
    CHECK(OrbitHeadCamera(front, Vec2(0.0, 40.0)).pitch_deg == doctest::Approx(20.0));
    // Past the back the yaw wraps; past the top the pitch holds at 90.
    const HeadCamera back = OrbitHeadCamera({170.0, 0.0}, Vec2(40.0, 0.0));
    CHECK(back.yaw_deg == doctest::Approx(-170.0));
    const HeadCamera over = OrbitHeadCamera({0.0, 80.0}, Vec2(0.0, 400.0));
    CHECK(over.pitch_deg == 90.0);
    CHECK(OrbitHeadCamera({0.0, -80.0}, Vec2(0.0, -400.0)).pitch_deg == -90.0);
    // Every result is a camera the renderer accepts.
    for (double dx = -5000.0; dx <= 5000.0; dx += 377.0) {
        for (double dy = -500.0; dy <= 500.0; dy += 111.0) {
            CHECK(CheckHeadCamera(OrbitHeadCamera({179.0, 89.0}, Vec2(dx, dy))).ok());
        }
    }
}

TEST_CASE("head view: pinch and wheel zoom multiply, within kMinHeadZoom..kMaxHeadZoom") {
    CHECK(PinchHeadZoom(1.0, 1.5) == doctest::Approx(1.5));
    CHECK(PinchHeadZoom(1.0, 0.8) == doctest::Approx(0.8));
    CHECK(PinchHeadZoom(3.5, 1.5) == kMaxHeadZoom);
    CHECK(PinchHeadZoom(0.7, 0.5) == kMinHeadZoom);
    CHECK(PinchHeadZoom(1.0, 100.0) == doctest::Approx(2.0));   // one move zooms by 2x at most
    CHECK(PinchHeadZoom(1.0, std::numeric_limits<double>::quiet_NaN()) == 1.0);
    CHECK(WheelHeadZoom(1.0, 1.0) == doctest::Approx(kHeadWheelZoomPerNotch));
    CHECK(WheelHeadZoom(1.0, -1.0) == doctest::Approx(1.0 / kHeadWheelZoomPerNotch));
    CHECK(WheelHeadZoom(1.0, 100.0) == kMaxHeadZoom);
}

TEST_CASE("head view: the map for a flat work area, the head alone for 'both' on a narrow canvas") {
    CHECK(EffectiveCanvasView(CanvasView::kHead, false, 2000.0) == CanvasView::kMap);
    CHECK(EffectiveCanvasView(CanvasView::kBoth, false, 2000.0) == CanvasView::kMap);
    CHECK(EffectiveCanvasView(CanvasView::kBoth, true, kSideBySideFromLogicalPx) == CanvasView::kBoth);
    CHECK(EffectiveCanvasView(CanvasView::kBoth, true, kSideBySideFromLogicalPx - 1.0) == CanvasView::kHead);
    CHECK(EffectiveCanvasView(CanvasView::kHead, true, 390.0) == CanvasView::kHead);
    CHECK(EffectiveCanvasView(CanvasView::kMap, true, 390.0) == CanvasView::kMap);
    for (const CanvasViewInfo& info : kCanvasViews) CHECK(FindCanvasView(info.name) == info.view);
    CHECK_FALSE(FindCanvasView("globe").has_value());
}

TEST_CASE("head view: the named views are the head camera's conventions") {
    CHECK(kNamedHeadViews[0].camera == HeadCamera{0.0, 0.0});
    CHECK(kNamedHeadViews[1].camera == HeadCamera{-90.0, 0.0});   // the client's left profile
    CHECK(kNamedHeadViews[2].camera == HeadCamera{90.0, 0.0});
    CHECK(kNamedHeadViews[3].camera == HeadCamera{180.0, 0.0});
    CHECK(kNamedHeadViews[4].camera == HeadCamera{0.0, 90.0});
}

TEST_CASE("head view: the before/after line follows the pointer across the view and stops at its sides") {
    CHECK(HeadSplitAt(150.0, 100.0, 200.0) == doctest::Approx(0.25));
    CHECK(HeadSplitAt(300.0, 100.0, 200.0) == 1.0);
    CHECK(HeadSplitAt(40.0, 100.0, 200.0) == 0.0);    // dragged past the left side: all after
    CHECK(HeadSplitAt(900.0, 100.0, 200.0) == 1.0);   // past the right: all before
    CHECK(HeadSplitAt(150.0, 100.0, 0.0) == 0.5);     // a view with no width: the middle
    CHECK(HeadSplitAt(std::nan(""), 100.0, 200.0) == 0.5);
}

TEST_CASE("head view: the crown clears the buttons over a short view's top, and only when they reach it") {
    const Vec3 axes(75.0, 95.0, 90.0);
    const Vec3 look_at(0.0, 0.0, -0.12 * 90.0);
    // A short, wide view (a phone's widget): 390 x 280 px, the head's frame across the height.
    const double frame_mm = 2.5 * 95.0 * 390.0 / 280.0;
    const Expected<HeadProjection> front = MakeHeadProjection(HeadCamera{0.0, 0.0}, look_at, frame_mm, 390, 280);
    REQUIRE(front.ok());
    const double top_px = front->PixelFromHead(Vec3(0.0, 0.0, 90.0)).y();   // the crown, seen from the front
    REQUIRE(top_px < 60.0);                                                // under a 60 px row of buttons
    const double shift_mm = CrownClearanceMm(*front, axes, 60.0, 10.0, 250.0);
    CHECK(shift_mm > 0.0);
    // Moved by that much, the crown is exactly at the line.
    HeadProjection moved = *front;
    moved.look_at_mm += moved.up * shift_mm;
    CHECK(moved.PixelFromHead(Vec3(0.0, 0.0, 90.0)).y() == doctest::Approx(60.0).epsilon(1e-9));
    // Buttons that end left of the cranium leave it be; so does a crown already below the line.
    const double cranium_left_px = front->PixelFromHead(Vec3(75.0, 0.0, 0.0)).x();   // the client's right side, on the image's left
    CHECK(CrownClearanceMm(*front, axes, 60.0, 10.0, cranium_left_px - 1.0) == 0.0);
    CHECK(CrownClearanceMm(*front, axes, top_px - 1.0, 10.0, 250.0) == 0.0);
    // A button at the top right (the head's before/after) moves it when it reaches over the
    // cranium, by as much as a row across it would, and not when it starts right of it.
    const double cranium_right_px = front->PixelFromHead(Vec3(-75.0, 0.0, 0.0)).x();
    CHECK(CrownClearanceMm(*front, axes, 60.0, cranium_right_px - 20.0, 380.0) == doctest::Approx(shift_mm));
    CHECK(CrownClearanceMm(*front, axes, 60.0, cranium_right_px + 1.0, 380.0) == 0.0);
    // A tall view (a phone held upright) has room: nothing moves.
    const Expected<HeadProjection> tall = MakeHeadProjection(HeadCamera{0.0, 0.0}, look_at, 2.5 * 95.0, 390, 700);
    REQUIRE(tall.ok());
    CHECK(CrownClearanceMm(*tall, axes, 60.0, 10.0, 250.0) == 0.0);
    // From above, the top of the image is the back of the head: that is what clears the line.
    const Expected<HeadProjection> above = MakeHeadProjection(HeadCamera{0.0, 90.0}, look_at, frame_mm, 390, 280);
    REQUIRE(above.ok());
    const double above_mm = CrownClearanceMm(*above, axes, 60.0, 10.0, 250.0);
    HeadProjection above_moved = *above;
    above_moved.look_at_mm += above_moved.up * above_mm;
    double highest_px = 1e9;
    for (int k = 0; k < 360; ++k) {   // the outline seen from above: the ellipse at the widest height
        const double t = k * 3.14159265358979 / 180.0;
        highest_px = std::min(highest_px, above_moved.PixelFromHead(Vec3(75.0 * std::cos(t), 95.0 * std::sin(t), 0.0)).y());
    }
    CHECK(highest_px >= 60.0 - 0.05);
}

TEST_CASE("head view: a client's view opens from the front unless the design shows five times more from the back or a side") {
    const auto normals = [](std::initializer_list<std::pair<Vec3, int>> groups) {
        std::vector<Vec3> all;
        for (const auto& [normal, count] : groups) all.insert(all.end(), static_cast<size_t>(count), normal.normalized());
        return all;
    };
    const Vec3 face(0, 1, 0), back(0, -1, 0), client_right(1, 0, 0), client_left(-1, 0, 0), top(0, 0, 1), crown(0, -0.5, 0.87);
    CHECK(ClientHeadCameraFor(std::vector<Vec3>{}) == kClientHeadCamera);
    CHECK(ClientHeadCameraFor(normals({{top, 100}})) == kClientHeadCamera);   // the same from every side: the face's
    CHECK(ClientHeadCameraFor(normals({{back, 50}})) == HeadCamera{180.0, kClientHeadCamera.pitch_deg});
    CHECK(ClientHeadCameraFor(normals({{crown, 50}})) == HeadCamera{180.0, kClientHeadCamera.pitch_deg});
    CHECK(ClientHeadCameraFor(normals({{client_right, 50}})) == HeadCamera{90.0, kClientHeadCamera.pitch_deg});
    CHECK(ClientHeadCameraFor(normals({{client_left, 50}})) == HeadCamera{-90.0, kClientHeadCamera.pitch_deg});
    // A hairline and a crown: the front, though the crown is larger.
    CHECK(ClientHeadCameraFor(normals({{face, 10}, {back, 45}})) == kClientHeadCamera);
    CHECK(ClientHeadCameraFor(normals({{face, 10}, {back, 55}})) == HeadCamera{180.0, kClientHeadCamera.pitch_deg});
    // The top counts for every side alike, so it cannot tip the choice away from the front.
    CHECK(ClientHeadCameraFor(normals({{face, 10}, {top, 1000}, {back, 30}})) == kClientHeadCamera);
}

TEST_CASE("head view: every preset of hair loss opens from the front, the scar presets (at the back) from behind; a flat field from the front") {
    for (const PresetInfo& preset : ListPresets()) {
        CAPTURE(preset.name);
        const Expected<Design> design = RestoreDesign(*PresetText(preset.name));
        REQUIRE(design.ok());
        const Expected<DotPattern> pattern = GenerateDots(*design);
        REQUIRE(pattern.ok());
        const bool scar_preset = preset.name.find("scar") != std::string::npos;
        CHECK(ClientHeadCameraFor(*pattern) == (scar_preset ? HeadCamera{180.0, kClientHeadCamera.pitch_deg} : kClientHeadCamera));
    }
    const Expected<Design> flat = RestoreDesign(R"({"type": "smp.design", "schema_version": 1, "template": {"kind": "flat", "width_mm": 50, "height_mm": 50},
        "density": {"layers": [{"kind": "grid", "origin_mm": [0, 0], "cell_mm": 50, "cols": 1, "rows": 1, "per_cm2": [60]}]}})");
    REQUIRE(flat.ok());
    const Expected<DotPattern> flat_pattern = GenerateDots(*flat);
    REQUIRE(flat_pattern.ok());
    REQUIRE(flat_pattern->DotCount() > 0);
    CHECK(ClientHeadCameraFor(*flat_pattern) == kClientHeadCamera);
}

}  // namespace
}  // namespace smp
