// smp ui: the head view's maths (orbit, zoom, which views the canvas shows). Pure (no ImGui, GL
// or GLFW), unit-tested (tests/ui/head_view_math_test.cpp).
//
// The head view is a look, not an edit surface: a drag turns the head (the surface follows the
// pointer, as when turning a ball under a finger), the wheel and a pinch zoom about the head's
// frame, and the canvas shows the map, the head, or both side by side when it is wide enough.
// Angles follow core/head_camera.h: yaw 0 = facing the camera, + = the client turns to their left
// (their nose moves to the image's right); pitch + = seen from above.
#pragma once

#include "core/geometry.h"
#include "core/head_camera.h"

#include <optional>
#include <string_view>
#include <vector>

namespace smp {

struct DotPattern;   // core/generator.h

// What the canvas shows. The person's choice; a narrow canvas shows the head alone for kBoth, and
// a flat work area (no head) shows the map whatever was chosen (EffectiveCanvasView). kPhoto is
// the design on the client's own photo (ui/photo_view.h), which needs the head too.
enum class CanvasView { kMap, kHead, kBoth, kPhoto };
struct CanvasViewInfo {
    CanvasView view;
    const char* name;    // in setPreview, getView and stats(): "map"
    const char* label;   // on the canvas' toggle: "Map"
};
inline constexpr CanvasViewInfo kCanvasViews[] = {
    {CanvasView::kMap, "map", "Map"}, {CanvasView::kHead, "head", "Head"}, {CanvasView::kBoth, "both", "Both"},
    {CanvasView::kPhoto, "photo", "Photo"}};
const char* CanvasViewName(CanvasView view);
std::optional<CanvasView> FindCanvasView(std::string_view name);

// The map and the head side by side from this canvas width on (logical px): each then keeps at
// least ~500 px, a desktop map's comfortable size.
inline constexpr double kSideBySideFromLogicalPx = 1000.0;

// What is on the canvas for `chosen`: the map when there is no head, the head alone for kBoth
// when the canvas is narrower than kSideBySideFromLogicalPx (`canvas_logical_px`).
CanvasView EffectiveCanvasView(CanvasView chosen, bool has_head, double canvas_logical_px);

// The head view's zoom: a multiple of the default framing (DefaultHeadFrame: the whole head).
inline constexpr double kMinHeadZoom = 0.6;
inline constexpr double kMaxHeadZoom = 4.0;
// Degrees the head turns per logical (CSS) px dragged: a phone-wide drag (360 px) turns it half
// round, from the front to the back; the same on every screen, so a drag feels the same.
inline constexpr double kOrbitDegPerLogicalPx = 0.5;
inline constexpr double kHeadWheelZoomPerNotch = 1.15;

// The head's state in the view (view state: the camera and zoom are kept with the autosave, never
// with the design).
struct HeadViewState {
    HeadCamera camera;        // yaw -180..180, pitch -90..90, degrees
    double zoom = 1.0;        // kMinHeadZoom..kMaxHeadZoom, x the default framing
    // Before and after: the head without the design left of a line across the view, with it right
    // of the line; `split` is where the line is, 0 (all after) .. 1 (all before) of the width.
    bool before_after = false;
    double split = 0.5;
    bool operator==(const HeadViewState&) const = default;
};

// The before/after line's position for a pointer at `x_px` over a view from `min_x_px`,
// `width_px` wide: 0..1, clamped (a drag past either side holds the line at that side).
double HeadSplitAt(double x_px, double min_x_px, double width_px);

// Yaw wrapped into -180..180 (180 stays 180, -180 stays -180; 190 -> -170). Not finite: 0.
double WrapYawDeg(double yaw_deg);
// Pitch clamped to -90..90. Not finite: 0.
double ClampPitchDeg(double pitch_deg);
// Zoom clamped to kMinHeadZoom..kMaxHeadZoom. Not finite or not positive: 1.
double ClampHeadZoom(double zoom);

// The camera after a drag of `drag_logical_px` (x right, y down, logical px): the surface follows
// the pointer, so right turns the client to their left (yaw up) and down shows more of the top
// (pitch up). Yaw wraps, pitch stops at ±90.
HeadCamera OrbitHeadCamera(const HeadCamera& camera, const Vec2& drag_logical_px);
// The zoom after a pinch whose spread grew by `factor` (> 1 zooms in), or `notches` of a wheel.
double PinchHeadZoom(double zoom, double factor);
double WheelHeadZoom(double zoom, double notches);

// How far to move the image's centre up the head (mm along projection.up) so that the top of the
// cranium (the ellipsoid of `semi_axes_mm`, centred on the head frame's origin) lies at least
// `clear_below_px` below the view's top: an overlay of buttons over the top of a short view (a
// clinic's widget on a phone, a phone held sideways) would otherwise cover the crown, the part
// the client came to see. 0 when it is clear already, or when the overlay (from
// `overlay_left_px` to `overlay_right_px`, from the view's left) passes beside the cranium. The
// face and neck may go under the buttons at the bottom instead. `projection` is the default
// framing's (zoom 1).
double CrownClearanceMm(const HeadProjection& projection, const Vec3& semi_axes_mm, double clear_below_px, double overlay_left_px,
                        double overlay_right_px);

// Where a client's view opens (a shared link, the widget's client and viewer modes): from the
// front and 20° from above. Most designs treat the top of the head, which a level view shows
// edge-on: on Norwood VI, level, the new hairline and its peak were barely there on the after
// side of Before / after; at 20° they show, and the face is still the client's.
inline constexpr HeadCamera kClientHeadCamera{0.0, 20.0};

// Where a client's view of a design opens: kClientHeadCamera, unless the front shows under a
// fifth of what the best of the back and the two sides shows; then that side, as high. A strip
// scar across the back, a crown or a scar over an ear is all a client came to see, and from the
// front their before and after were the same picture. `dot_normals`: the outward normals of the
// head at the design's dots (head coordinates); a dot counts by its normal's share towards the
// camera, as a patch of skin's apparent size does.
HeadCamera ClientHeadCameraFor(const std::vector<Vec3>& dot_normals);
// The same for a generated pattern, from every 8th ranked point that has a dot (plenty to tell the
// front from the back, and a phone's link does not wait on 27,000 lifts to the head); on a flat
// work area, kClientHeadCamera.
HeadCamera ClientHeadCameraFor(const DotPattern& pattern);

// The five named views (the buttons over the head view): front (0, 0), the client's left profile
// (-90, 0), right profile (+90, 0), back (180, 0) and from above (0, 90).
struct NamedHeadView {
    const char* label;        // the button's
    const char* spoken;       // read aloud (ui/accessibility.cpp)
    HeadCamera camera;
};
inline constexpr NamedHeadView kNamedHeadViews[] = {
    {"Front", "Head from the front", {0.0, 0.0}},
    {"Left", "Head from the client's left", {-90.0, 0.0}},
    {"Right", "Head from the client's right", {90.0, 0.0}},
    {"Back", "Head from the back", {180.0, 0.0}},
    {"Top", "Head from above", {0.0, 90.0}},
};

}  // namespace smp
