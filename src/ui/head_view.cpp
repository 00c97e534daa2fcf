// smp ui: the head view (head_view.h).
//
// [SECTION] Pointer
// [SECTION] Drawing
// [SECTION] Buttons over the canvas
#include "ui/head_view.h"

#include "core/head_camera.h"
#include "core/head_shape.h"
#include "core/tone_model.h"
#include "export/dot_palette.h"
#include "render/head_renderer.h"
#include "ui/app_state.h"
#include "ui/canvas_frame.h"
#include "ui/overlay_buttons.h"
#include "ui/theme.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace smp {
namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] Pointer
// ---------------------------------------------------------------------------------------------

// Called right after the view's InvisibleButton (`min`, `size`). No tool is asked: the head is not
// edited. A press on the before/after line moves the line; anywhere else it turns the head.
void HandleHeadPointer(AppState& app, const ImVec2& min, const ImVec2& size) {
    const ImGuiIO& io = ImGui::GetIO();
    HeadViewState& head = app.view.head;
    const float logical_per_px = app.ui_scale > 0.0f ? 1.0f / app.ui_scale : 1.0f;
    bool& dragging_split = app.canvas.head_dragging_split;
    if (ImGui::IsItemActivated()) {
        const float split_x = min.x + static_cast<float>(head.split) * size.x;
        dragging_split = head.before_after && std::fabs(io.MousePos.x - split_x) <= BeforeAfterSliderReach(app.ui_scale);
    }
    if (dragging_split) {
        if (ImGui::IsItemActive()) head.split = HeadSplitAt(io.MousePos.x, min.x, size.x);
        else dragging_split = false;
        return;
    }
    if (ImGui::IsItemHovered() && LeftDoubleClicked(app.pointer.press_click_count)) {
        head.camera = HeadCamera{};
        head.zoom = 1.0;
        return;
    }
    // Not on the frame the press lands: the pointer may have jumped there (a finger), which is no
    // drag. Two fingers zoom through the page's gesture (page_api.cpp), never turn.
    if (ImGui::IsItemActive() && !ImGui::IsItemActivated() && !app.pointer.gesture_active &&
        ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f) && (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f)) {
        head.camera = OrbitHeadCamera(head.camera, Vec2(io.MouseDelta.x, io.MouseDelta.y) * logical_per_px);
    }
    if (ImGui::IsItemHovered() && io.MouseWheel != 0.0f) head.zoom = WheelHeadZoom(head.zoom, io.MouseWheel);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Drawing
// ---------------------------------------------------------------------------------------------

void DrawHeadCallback(const ImDrawList*, const ImDrawCmd* command) {
    const auto* app = static_cast<const AppState*>(command->UserCallbackData);
    if (app->canvas.head) app->canvas.head->Draw(app->canvas.head_draw_view);
}

// The renderer's head and dots follow the design: the shape when the head's measurements change,
// the dots when the pattern or the look does (not the camera, not the viewing distance).
void UpdateHeadRenderer(AppState& app, const ScalpTemplate& scalp) {
    CanvasState& canvas = app.canvas;
    if (!canvas.head_shape_set || !(canvas.head_shape_measurements == scalp.Measurements())) {
        canvas.head->SetShape(MakeHeadShape(scalp.HeadSemiAxesMm()));
        canvas.head_shape_measurements = scalp.Measurements();
        canvas.head_shape_set = true;
    }
    const PreviewSettings look = UploadedLook(app.view.preview);   // the distance: a blur, applied when drawing
    const int hair_colour = app.view.preview.hair_colour;          // the hair's, not the dots'
    if (canvas.head_uploaded_revision == app.doc.revision && canvas.head_uploaded_preview == look && canvas.head_hair_colour == hair_colour) return;
    // The client's own hair first (under the dots, as the CPU render draws it), then the dots. The
    // hair is remade only when what it depends on changed: a sessions edit, the faded look's years,
    // the sessions shown or a stroke in density mode keep it; a stroke in the shaved look changes
    // how much hair the fringe keeps, and remakes it.
    if (!canvas.head_hair_design || canvas.head_hair_look != look.mode || canvas.head_hair_skin_tone != look.skin_tone ||
        canvas.head_hair_colour != hair_colour || !SameNaturalHair(*canvas.head_hair_design, app.doc.design)) {
        canvas.head_hair = MakeNaturalHairInstances(app.doc.design, app.doc.pattern, scalp, look.mode, look.skin_tone, hair_colour);
        canvas.head_hair_design = app.doc.design;
        canvas.head_hair_look = look.mode;
        canvas.head_hair_skin_tone = look.skin_tone;
        canvas.head_hair_colour = hair_colour;
    }
    const std::vector<HeadDotInstance> dots =
        MakeHeadDotInstances(app.doc.design, app.doc.pattern, scalp, look.mode, look.years, look.up_to_session, look.skin_tone);
    std::vector<HeadDotInstance> instances;
    instances.reserve(canvas.head_hair.size() + dots.size());
    instances.insert(instances.end(), canvas.head_hair.begin(), canvas.head_hair.end());
    instances.insert(instances.end(), dots.begin(), dots.end());
    canvas.head_hair_count = canvas.head_hair.size();
    canvas.head->Upload(instances);
    canvas.head_uploaded_revision = app.doc.revision;
    canvas.head_uploaded_preview = look;
    canvas.head_uploads += 1;
}

// The map/head/photo toggle over the top left of the canvas area (`wide`: "Both" is offered):
// what it offers, its buttons and where they go. DrawCanvasViewToggle draws it; the head view keeps
// the crown clear of it.
struct CanvasViewToggleLayout {
    std::vector<CanvasView> views;
    OverlayButtons buttons;
    ImVec2 top_left;
    float room_px;   // the width the buttons (and the note under them) may take
    float clear_y;   // the first y below them with a gap: where the note goes, what the crown keeps clear of
};
CanvasViewToggleLayout LayOutCanvasViewToggle(const AppState& app, const ImVec2& area_min, bool wide) {
    const float margin = 10.0f * app.ui_scale;
    std::vector<const char*> labels;
    std::vector<CanvasView> views;
    for (const CanvasViewInfo& info : kCanvasViews) {
        if (info.view == CanvasView::kBoth && !wide) continue;
        labels.push_back(info.label);
        views.push_back(info.view);
    }
    const float room = static_cast<float>(app.canvas.area_size_px.x()) - 2.0f * margin;
    OverlayButtons buttons(labels, room, app.ui_scale);
    const ImVec2 top_left(area_min.x + margin, area_min.y + margin);
    const float clear_y = top_left.y + buttons.size.y + 6.0f * app.ui_scale;
    return {std::move(views), std::move(buttons), top_left, room, clear_y};
}

bool CanvasIsWide(const AppState& app) {
    return app.canvas.area_size_px.x() / (app.ui_scale > 0.0f ? app.ui_scale : 1.0f) >= kSideBySideFromLogicalPx;
}

CanvasViewToggleLayout CanvasToggleLayout(const AppState& app) {
    return LayOutCanvasViewToggle(app, ImVec2(static_cast<float>(app.canvas.area_origin_px.x()), static_cast<float>(app.canvas.area_origin_px.y())),
                                  CanvasIsWide(app));
}

// The buttons in the view's corners keep this far from its edges, and fit in what is left between.
constexpr float kCornerMarginPx = 10.0f;   // logical px
float CornerRoom(const AppState& app, const ImVec2& min, const ImVec2& max) { return (max.x - min.x) - 2.0f * kCornerMarginPx * app.ui_scale; }

// The before/after button over the head view's top-right corner (the view from `min` to `max`): in
// the toggle's row when there is room beside it (a phone has), else under it.
constexpr const char* kBeforeAfterLabel = "Before / after";
struct BeforeAfterButtonLayout {
    OverlayButtons buttons;
    ImVec2 top_left;
    float clear_y;   // the first y below it with a gap: what the crown keeps clear of
};
BeforeAfterButtonLayout LayOutBeforeAfterButton(const AppState& app, const CanvasViewToggleLayout& toggle, const ImVec2& min, const ImVec2& max) {
    const float margin = kCornerMarginPx * app.ui_scale;
    OverlayButtons buttons({kBeforeAfterLabel}, CornerRoom(app, min, max), app.ui_scale);
    ImVec2 top_left(max.x - margin - buttons.size.x, min.y + margin);
    const float toggle_right = toggle.top_left.x + toggle.buttons.size.x + ImGui::GetStyle().ItemSpacing.x;
    if (top_left.x < toggle_right && top_left.y < toggle.clear_y) top_left.y = toggle.clear_y;
    const float clear_y = top_left.y + buttons.size.y + 6.0f * app.ui_scale;
    return {std::move(buttons), top_left, clear_y};
}

// The named views (Front, Left, ...) over the head view's bottom-right corner: a row of buttons,
// or, where that row would cover the face (a short view: a clinic's widget on a phone, a phone
// held sideways), one "Views" button that opens them as a menu.
OverlayButtons NamedViewsRow(const AppState& app, const ImVec2& min, const ImVec2& max) {
    std::vector<const char*> labels;
    for (const NamedHeadView& named : kNamedHeadViews) labels.push_back(named.label);
    return OverlayButtons(labels, CornerRoom(app, min, max), app.ui_scale);
}
// The named views as drawn: the row, or `as_menu` the one "Views" button.
OverlayButtons CornerViews(const AppState& app, const ImVec2& min, const ImVec2& max, bool as_menu) {
    return as_menu ? OverlayButtons({"Views"}, CornerRoom(app, min, max), app.ui_scale) : NamedViewsRow(app, min, max);
}
ImVec2 BottomRightCorner(const AppState& app, const ImVec2& max, const ImVec2& size) {
    const float margin = kCornerMarginPx * app.ui_scale;
    return ImVec2(max.x - margin - size.x, max.y - margin - size.y);
}

// Whether the named views' row, over the view from `min` to `max`, would cover the face of the
// head as `projection` (the whole head's framing, zoom 1, fb px from the view's corner) shows it
// from `frame` (DefaultHeadFrame): the face taken as 0.3 of the frame either side of its centre
// and down to 0.3 of it below (about the mouth), wherever the head is turned.
bool NamedViewsCoverFace(const AppState& app, const HeadProjection& projection, const HeadFrame& frame, const ImVec2& min, const ImVec2& max) {
    const ImVec2 fb_scale = ImGui::GetIO().DisplayFramebufferScale;
    const OverlayButtons row = NamedViewsRow(app, min, max);
    const ImVec2 row_min = BottomRightCorner(app, max, row.size);
    const Vec2 centre = projection.PixelFromHead(frame.look_at_mm);
    const double face_px = 0.3 * frame.frame_mm * projection.px_per_mm;
    const double row_left_px = (row_min.x - min.x) * fb_scale.x, row_top_px = (row_min.y - min.y) * fb_scale.y;
    return row_left_px < centre.x() + face_px && row_top_px < centre.y() + face_px;
}

// What PlaceHead decided, for what is drawn over the head this frame.
struct HeadPlacement {
    HeadFrame frame;              // DefaultHeadFrame of the template
    bool views_as_menu = false;   // the named views as one "Views" menu (a short view)
    float clear_y = 0.0f;         // below the buttons at the top (the crown is kept clear of them)
};

// This frame's placement for the renderer, or nothing when there is nothing to place.
std::optional<HeadPlacement> PlaceHead(AppState& app, const ScalpTemplate& scalp, const ImVec2& min, const ImVec2& size) {
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 fb_scale = io.DisplayFramebufferScale;
    const HeadViewState& head = app.view.head;
    const HeadFrame frame = DefaultHeadFrame(scalp);
    // The default framing fits the whole head in the view's shorter side, whichever it is.
    const double fitted_mm = frame.frame_mm * (size.x / std::max(1.0f, std::min(size.x, size.y)));
    const int width_px = static_cast<int>(std::lround(size.x * fb_scale.x));
    const int height_px = static_cast<int>(std::lround(size.y * fb_scale.y));
    // Over a short view the toggle's buttons would cover the crown: the head goes down under them
    // (by as much at every zoom, which then zooms about the same point).
    const Expected<HeadProjection> fitted = MakeHeadProjection(head.camera, frame.look_at_mm, fitted_mm, width_px, height_px);
    if (!fitted.ok()) return std::nullopt;
    const CanvasViewToggleLayout toggle = CanvasToggleLayout(app);
    const BeforeAfterButtonLayout before_after = LayOutBeforeAfterButton(app, toggle, min, ImVec2(min.x + size.x, min.y + size.y));
    const auto clearance_mm = [&](float clear_y, const ImVec2& top_left, const ImVec2& overlay_size) {
        return CrownClearanceMm(*fitted, scalp.HeadSemiAxesMm(), (clear_y - min.y) * fb_scale.y, (top_left.x - min.x) * fb_scale.x,
                                (top_left.x + overlay_size.x - min.x) * fb_scale.x);
    };
    const Vec3 look_at_mm = frame.look_at_mm + fitted->up * std::max(clearance_mm(toggle.clear_y, toggle.top_left, toggle.buttons.size),
                                                                     clearance_mm(before_after.clear_y, before_after.top_left, before_after.buttons.size));
    const Expected<HeadProjection> projection =
        MakeHeadProjection(head.camera, look_at_mm, fitted_mm / ClampHeadZoom(head.zoom), width_px, height_px);
    if (!projection.ok()) return std::nullopt;
    HeadPlacement placement{frame, false, std::max(toggle.clear_y, before_after.clear_y)};
    // Decided on the whole head's framing (zoom 1), so that a pinch does not switch it to and fro.
    const Expected<HeadProjection> whole_head = MakeHeadProjection(head.camera, look_at_mm, fitted_mm, width_px, height_px);
    placement.views_as_menu = whole_head.ok() && NamedViewsCoverFace(app, *whole_head, frame, min, ImVec2(min.x + size.x, min.y + size.y));
    HeadDrawView& view = app.canvas.head_draw_view;
    view.projection = *projection;
    view.viewport_px[0] = min.x * fb_scale.x;
    view.viewport_px[1] = min.y * fb_scale.y;
    view.viewport_px[2] = static_cast<float>(width_px);
    view.viewport_px[3] = static_cast<float>(height_px);
    view.framebuffer_px[0] = io.DisplaySize.x * fb_scale.x;
    view.framebuffer_px[1] = io.DisplaySize.y * fb_scale.y;
    const PreviewSettings& preview = app.view.preview;
    const SkinTone& skin = SkinToneAt(preview.skin_tone);
    view.skin_srgb[0] = skin.r / 255.0f;
    view.skin_srgb[1] = skin.g / 255.0f;
    view.skin_srgb[2] = skin.b / 255.0f;
    const ImU32 background = theme::Colours().canvas;
    view.background_srgb[0] = ((background >> IM_COL32_R_SHIFT) & 0xFF) / 255.0f;
    view.background_srgb[1] = ((background >> IM_COL32_G_SHIFT) & 0xFF) / 255.0f;
    view.background_srgb[2] = ((background >> IM_COL32_B_SHIFT) & 0xFF) / 255.0f;
    // The same look as the map's (canvas.cpp AddDotsCallback): the eye's blur at the viewing
    // distance, crisp discs at least 0.6 px wide for the plan.
    const PreviewRow& row = Preview(preview.mode);
    view.tone = row.skin;
    view.blur_px = static_cast<float>(ViewingBlurRadiusMm(preview.viewing_distance_m) * projection->px_per_mm);
    view.min_radius_px = 0.6f * app.ui_scale;
    view.softness = static_cast<float>(row.dot_softness);
    // Before and after: left of the line the client's own hair alone (uploaded first), right of it
    // the design over it.
    view.split_px = head.before_after ? (min.x + static_cast<float>(head.split) * size.x) * fb_scale.x : -1.0f;
    view.before_dots = app.canvas.head_hair_count;
    view.even_light = head.before_after;
    return placement;
}

// The line between before and after, and a label on each side of its knob where there is room.
// The knob sits about where the chin is (0.36 of the head's frame below its centre), so that it
// covers neither the scalp nor the face, within the view and above the named views' row.
void DrawHeadSlider(ImDrawList* draw, const AppState& app, const HeadPlacement& placed, const ImVec2& min, const ImVec2& max) {
    const HeadFrame& frame = placed.frame;
    const float scale = app.ui_scale;
    const float split_x = min.x + static_cast<float>(app.view.head.split) * (max.x - min.x);
    const HeadProjection& projection = app.canvas.head_draw_view.projection;
    const float fb_scale_y = ImGui::GetIO().DisplayFramebufferScale.y > 0.0f ? ImGui::GetIO().DisplayFramebufferScale.y : 1.0f;
    const double chin_px = projection.PixelFromHead(frame.look_at_mm).y() + 0.36 * frame.frame_mm * projection.px_per_mm;
    const float reach = BeforeAfterKnobRadius(scale) + 4.0f * scale;
    const float highest = min.y + 0.5f * (max.y - min.y);   // no higher than the view's middle
    // And above the named views' row: in a clinic's widget on a phone it reaches up past the chin,
    // and a finger on the knob pressed a view instead.
    const OverlayButtons views = CornerViews(app, min, max, placed.views_as_menu);
    const ImVec2 views_min = BottomRightCorner(app, max, views.size);
    const float lowest = placed.views_as_menu ? max.y : views_min.y;
    const float knob_y = std::clamp(min.y + static_cast<float>(chin_px) / fb_scale_y, highest, std::max(highest, lowest - reach));
    // The line runs from under the buttons at the top down to the named views where it would pass
    // them: threaded between buttons, it read as part of them.
    const float edge = 6.0f * scale;
    const float line_bottom = split_x >= views_min.x - edge && split_x <= max.x ? views_min.y - edge : max.y;
    DrawBeforeAfterSlider(draw, scale, ImVec2(min.x, std::min(placed.clear_y, knob_y)), ImVec2(max.x, std::max(line_bottom, knob_y)), split_x, knob_y);
    const float gap = BeforeAfterKnobRadius(scale) + 8.0f * scale;
    const float text_y = knob_y - 0.5f * ImGui::GetTextLineHeight();
    const ImU32 white = IM_COL32(255, 255, 255, 255);
    const float before_x = split_x - gap - ImGui::CalcTextSize("Before").x;
    if (before_x >= min.x + edge) LabelOnBackdrop(draw, ImVec2(before_x, text_y), "Before", white, scale);
    const float after_x = split_x + gap;
    if (after_x + ImGui::CalcTextSize("After").x <= max.x - edge) LabelOnBackdrop(draw, ImVec2(after_x, text_y), "After", white, scale);
}

// A sentence in the middle of a rectangle, wrapped to its width.
void CentredMessage(ImDrawList* draw, const ImVec2& min, const ImVec2& max, const char* text, float scale) {
    const float wrap = std::max(50.0f, (max.x - min.x) - 48.0f * scale);
    const ImVec2 text_size = ImGui::CalcTextSize(text, nullptr, false, wrap);
    const ImVec2 at(min.x + 0.5f * (max.x - min.x - text_size.x), min.y + 0.5f * (max.y - min.y - text_size.y));
    draw->AddText(nullptr, 0.0f, at, theme::Colours().canvas_ink, text, nullptr, wrap);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Buttons over the canvas
// ---------------------------------------------------------------------------------------------

// `as_menu`: one "Views" button opening them as a menu (PlaceHead's views_as_menu).
void DrawCameraButtons(AppState& app, const ImVec2& min, const ImVec2& max, bool as_menu) {
    HeadViewState& head = app.view.head;
    const OverlayButtons buttons = CornerViews(app, min, max, as_menu);
    if (as_menu) {
        if (buttons.Begin("head_camera", BottomRightCorner(app, max, buttons.size))) {
            if (buttons.Button(0, false)) ImGui::OpenPopup("head_views");
            ImGui::SetItemTooltip("Front, left, right, back or top");
            // The menu opens upwards from the corner, right-aligned with the button, wide enough
            // for a finger and its labels.
            const ImVec2 button_min = ImGui::GetItemRectMin(), button_max = ImGui::GetItemRectMax();
            ImGui::SetNextWindowPos(ImVec2(button_max.x, button_min.y - ImGui::GetStyle().ItemSpacing.y), ImGuiCond_Always, ImVec2(1.0f, 1.0f));
            ImGui::SetNextWindowSizeConstraints(ImVec2(std::max(button_max.x - button_min.x, 140.0f * app.ui_scale), 0.0f), ImVec2(FLT_MAX, FLT_MAX));
            if (ImGui::BeginPopup("head_views")) {
                for (size_t i = 0; i < std::size(kNamedHeadViews); ++i) {
                    const NamedHeadView& named = kNamedHeadViews[i];
                    ImGui::PushID(static_cast<int>(i));
                    if (Choice(named.label, head.camera == named.camera)) head.camera = named.camera;
                    ImGui::PopID();
                }
                ImGui::EndPopup();
            }
        }
        ImGui::EndChild();
        return;
    }
    if (buttons.Begin("head_camera", BottomRightCorner(app, max, buttons.size))) {
        for (size_t i = 0; i < std::size(kNamedHeadViews); ++i) {
            const NamedHeadView& named = kNamedHeadViews[i];
            // The label's "##" part keeps the buttons apart from the panel's sections ("Head").
            ImGui::PushID(static_cast<int>(i));
            if (buttons.Button(i, head.camera == named.camera)) head.camera = named.camera;
            ImGui::SetItemTooltip("%s", named.spoken);
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
}

void DrawBeforeAfterButton(AppState& app, const ImVec2& min, const ImVec2& max) {
    const BeforeAfterButtonLayout layout = LayOutBeforeAfterButton(app, CanvasToggleLayout(app), min, max);
    HeadViewState& head = app.view.head;
    if (layout.buttons.Begin("head_before_after", layout.top_left)) {
        if (layout.buttons.Button(0, head.before_after)) {
            head.before_after = !head.before_after;
            if (head.before_after) head.split = 0.5;   // the line in the middle, both sides to see
        }
        ImGui::SetItemTooltip("%s", head.before_after ? "Show the design on the whole head"
                                                      : "The head without the design beside the head with it: drag the line between them");
    }
    ImGui::EndChild();
}

}  // namespace

bool HasHead(const AppState& app) { return app.doc.pattern.field && app.doc.pattern.field->Scalp() != nullptr; }

void ShowHeadToClient(AppState& app, CanvasView view) {
    app.view.canvas_view = view;
    app.view.head = HeadViewState{};
    app.view.head.camera = ClientHeadCameraFor(app.doc.pattern);
}

void DrawHeadView(AppState& app, const ImVec2& size) {
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + size.x, min.y + size.y);
    app.canvas.head_origin_px = Vec2(min.x, min.y);
    app.canvas.head_size_px = Vec2(size.x, size.y);
    ImGui::InvisibleButton("head_view", size, ImGuiButtonFlags_MouseButtonLeft);
    HandleHeadPointer(app, min, size);

    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(min, max, true);
    draw->AddRectFilled(min, max, theme::Colours().canvas);
    const ScalpTemplate* scalp = app.doc.pattern.field ? app.doc.pattern.field->Scalp() : nullptr;
    bool views_as_menu = false;
    if (!scalp) {
        CentredMessage(draw, min, max, kNoHeadMessage, app.ui_scale);
    } else if (!app.canvas.head) {
        CentredMessage(draw, min, max, "The head view needs WebGL2 (OpenGL ES 3.0), which this browser did not give", app.ui_scale);
    } else {
        UpdateHeadRenderer(app, *scalp);
        if (const std::optional<HeadPlacement> placed = PlaceHead(app, *scalp, min, size)) {
            draw->AddCallback(DrawHeadCallback, &app);
            draw->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
            if (app.view.head.before_after) DrawHeadSlider(draw, app, *placed, min, max);
            views_as_menu = placed->views_as_menu;
        }
    }
    // A thin line between the map and the head when both are shown.
    if (app.canvas.shown_view == CanvasView::kBoth) draw->AddLine(min, ImVec2(min.x, max.y), theme::kGridMajor, std::max(1.0f, app.ui_scale));
    draw->PopClipRect();
    if (scalp) {
        DrawCameraButtons(app, min, max, views_as_menu);
        if (app.canvas.head) DrawBeforeAfterButton(app, min, max);   // without WebGL2 there is no head to compare
    }
}

void DrawCanvasViewToggle(AppState& app, const ImVec2& at, bool wide) {
    const float scale = app.ui_scale;
    const bool has_head = HasHead(app);
    const CanvasViewToggleLayout toggle = LayOutCanvasViewToggle(app, at, wide);
    const std::vector<CanvasView>& views = toggle.views;
    const OverlayButtons& buttons = toggle.buttons;
    const ImVec2 top_left = toggle.top_left;
    if (buttons.Begin("canvas_view", top_left)) {
        for (size_t i = 0; i < views.size(); ++i) {
            const bool needs_head = views[i] != CanvasView::kMap;
            ImGui::PushID(static_cast<int>(i));
            ImGui::BeginDisabled(needs_head && !has_head);
            if (buttons.Button(i, app.canvas.shown_view == views[i])) app.view.canvas_view = views[i];
            ImGui::EndDisabled();
            if (needs_head && !has_head) ImGui::SetItemTooltip("%s", kNoHeadMessage);
            else ImGui::SetItemTooltip("%s", views[i] == CanvasView::kMap    ? "The flat map of the scalp, to paint on"
                                              : views[i] == CanvasView::kHead  ? "The design on the head: drag to turn it"
                                              : views[i] == CanvasView::kPhoto ? "The design on your own photo, kept on this device"
                                                                               : "The map and the head side by side");
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
    // The head was asked for (a saved view, a link) but this design has none: say why it is not shown.
    if (!has_head && app.view.canvas_view != CanvasView::kMap) {
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImVec2 text_at(top_left.x, toggle.clear_y);
        const float wrap = std::max(50.0f, toggle.room_px);
        const ImVec2 text_size = ImGui::CalcTextSize(kNoHeadMessage, nullptr, false, wrap);
        const float pad = 4.0f * scale;
        // On a backdrop: the map's lines and dots run under it.
        draw->AddRectFilled(ImVec2(text_at.x - pad, text_at.y - pad), ImVec2(text_at.x + text_size.x + pad, text_at.y + text_size.y + pad),
                            (theme::Colours().canvas & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 235), 3.0f * scale);
        draw->AddText(nullptr, 0.0f, text_at, theme::Colours().canvas_ink, kNoHeadMessage, nullptr, wrap);
    }
}

}  // namespace smp
