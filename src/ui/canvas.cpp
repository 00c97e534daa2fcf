#include "ui/canvas.h"

#include "imgui.h"
#include "core/tone_model.h"
#include "ui/canvas_frame.h"
#include "export/dot_palette.h"
#include "render/frame.h"
#include "ui/app_state.h"
#include "ui/frame_pacer.h"
#include "ui/heatmap.h"
#include "ui/head_view.h"
#include "ui/photo_view.h"
#include "ui/theme.h"
#include "ui/tools/scar_tool.h"
#include "ui/tools/tools.h"

#include <array>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace smp {
namespace {

constexpr double kFitMarginLogicalPx = 24.0;
constexpr double kMinGridGapLogicalPx = 9.0;     // finer grids turn into a grey wash
constexpr double kWheelZoomPerNotch = 1.15;


void DrawGrid(ImDrawList* draw, const CanvasFrame& frame, const Vec2& size_px, float scale) {
    const CanvasTransform& view = *frame.view;
    const double step_mm = GridStepMm(view.pixels_per_mm, kMinGridGapLogicalPx * scale);
    const double major_mm = step_mm * 10.0;
    const Vec2 first_mm = view.PixelsToMm(Vec2::Zero());
    const Vec2 last_mm = view.PixelsToMm(size_px);
    const float line_px = std::max(1.0f, scale);
    auto is_major = [&](double v_mm) { return std::fabs(std::remainder(v_mm, major_mm)) < step_mm * 0.5; };
    for (double x = std::floor(first_mm.x() / step_mm) * step_mm; x <= last_mm.x(); x += step_mm) {
        const ImVec2 a = frame.MmToScreen(Vec2(x, first_mm.y()));
        const ImVec2 b = frame.MmToScreen(Vec2(x, last_mm.y()));
        draw->AddLine(a, b, is_major(x) ? theme::kGridMajor : theme::kGridMinor, line_px);
    }
    for (double y = std::floor(first_mm.y() / step_mm) * step_mm; y <= last_mm.y(); y += step_mm) {
        const ImVec2 a = frame.MmToScreen(Vec2(first_mm.x(), y));
        const ImVec2 b = frame.MmToScreen(Vec2(last_mm.x(), y));
        draw->AddLine(a, b, is_major(y) ? theme::kGridMajor : theme::kGridMinor, line_px);
    }
}

// A bar of a round length (1-2-5 sequence) near 120 logical px, bottom-left, labelled in mm.
void DrawScaleBar(ImDrawList* draw, const ImVec2& canvas_min, const ImVec2& canvas_max,
                  const CanvasTransform& view, float scale) {
    const double length_mm = GridStepMm(view.pixels_per_mm, 90.0 * scale);
    const float length_px = static_cast<float>(view.LengthMmToPixels(length_mm));
    const float pad = 14.0f * scale;
    const ImVec2 left(canvas_min.x + pad, canvas_max.y - pad);
    const ImVec2 right(left.x + length_px, left.y);
    const float tick = 5.0f * scale;
    draw->AddLine(left, right, theme::Colours().canvas_ink, 2.0f * scale);
    draw->AddLine(ImVec2(left.x, left.y - tick), ImVec2(left.x, left.y + 1), theme::Colours().canvas_ink, 2.0f * scale);
    draw->AddLine(ImVec2(right.x, right.y - tick), ImVec2(right.x, right.y + 1), theme::Colours().canvas_ink, 2.0f * scale);
    char label[32];
    if (length_mm >= 10.0) std::snprintf(label, sizeof label, "%g cm", length_mm / 10.0);
    else std::snprintf(label, sizeof label, "%g mm", length_mm);
    const ImVec2 text_size = ImGui::CalcTextSize(label);
    draw->AddText(ImVec2(left.x + (length_px - text_size.x) * 0.5f, left.y - tick - text_size.y - 2.0f * scale),
                  theme::Colours().canvas_ink, label);
}

// Which way the map of a scalp faces, for anyone who has not planned on one (a client opening the
// Map): "Forehead" over its front (the map's top) and "Nape" under its back, on the midline, on the
// canvas beside the scalp, never on it.
void DrawMapOrientation(ImDrawList* draw, const CanvasFrame& frame, const std::vector<Vec2>& outline_mm, double midline_x_mm, float scale) {
    if (outline_mm.empty()) return;
    const auto [front, back] = std::minmax_element(outline_mm.begin(), outline_mm.end(), [](const Vec2& a, const Vec2& b) { return a.y() < b.y(); });
    const float gap = 6.0f * scale;
    const ImVec2 top = frame.MmToScreen(Vec2(midline_x_mm, front->y())), bottom = frame.MmToScreen(Vec2(midline_x_mm, back->y()));
    const ImVec2 forehead = ImGui::CalcTextSize("Forehead"), nape = ImGui::CalcTextSize("Nape");
    draw->AddText(ImVec2(std::round(top.x - 0.5f * forehead.x), std::round(top.y - gap - forehead.y)), theme::Colours().canvas_ink, "Forehead");
    draw->AddText(ImVec2(std::round(bottom.x - 0.5f * nape.x), std::round(bottom.y + gap)), theme::Colours().canvas_ink, "Nape");
}

// A shape that is not convex, from its triangulation (ImGui 1.90 fills convex polygons only).
void FillTriangles(ImDrawList* draw, const std::vector<ImVec2>& points, const std::vector<std::array<int, 3>>& triangles, ImU32 color) {
    if (triangles.empty()) return;
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    draw->PrimReserve(static_cast<int>(triangles.size() * 3), static_cast<int>(points.size()));
    const ImDrawIdx base = static_cast<ImDrawIdx>(draw->_VtxCurrentIdx);
    for (const ImVec2& p : points) draw->PrimWriteVtx(p, uv, color);
    for (const auto& t : triangles) {
        for (int k : t) draw->PrimWriteIdx(static_cast<ImDrawIdx>(base + k));
    }
}

void DrawPath(ImDrawList* draw, const CanvasFrame& frame, const std::vector<Vec2>& path_mm, ImU32 color, float width_px, bool closed) {
    if (path_mm.size() < 2) return;
    std::vector<ImVec2> points;
    points.reserve(path_mm.size());
    for (const Vec2& p : path_mm) points.push_back(frame.MmToScreen(p));
    draw->AddPolyline(points.data(), static_cast<int>(points.size()), color, closed ? ImDrawFlags_Closed : ImDrawFlags_None, width_px);
}

// The dots as the renderer draws them. The plan: coloured by the palette the PNG export shares
// (export/dot_palette.h). Pigment in skin (healed, faded): the tone model (core/tone_model.h), as
// the CPU renderer draws it: each dot at its healed diameter, carrying the share of each channel
// of the skin it takes away (F, 0..255) for dots.frag's multiplying blend. The previews show the
// sessions up to a chosen one; the plan shows all.
std::vector<DotInstance> DotInstances(const Document& design, const PreviewSettings& preview) {
    const DotPattern& pattern = design.pattern;
    std::vector<DotInstance> instances;
    instances.reserve(static_cast<size_t>(design.total_dots));
    const PreviewRow& row = Preview(preview.mode);
    const SkinTone& skin = SkinToneAt(preview.skin_tone);
    const LinearRgb skin_linear = LinearFromSrgb(skin.r, skin.g, skin.b);
    const double years = row.uses_years ? static_cast<double>(preview.years) : 0.0;
    for (size_t i = 0; i < pattern.ranked.size(); ++i) {
        if (pattern.state[i].session == 0) continue;
        if (row.after_session && preview.up_to_session > 0 && pattern.state[i].session > preview.up_to_session) continue;
        const Dot dot = pattern.DotAt(i);
        DotInstance instance;
        instance.x_mm = static_cast<float>(dot.position_mm.x());
        instance.y_mm = static_cast<float>(dot.position_mm.y());
        if (row.skin) {
            instance.diameter_mm = static_cast<float>(HealedDotDiameterMm(dot.diameter_mm));
            const LinearRgb darkening = DotDarkening(DotPigmentConcentration(dot, pattern.design), years, skin_linear);
            instance.rgba[0] = static_cast<uint8_t>(std::lround(255.0 * darkening.r));
            instance.rgba[1] = static_cast<uint8_t>(std::lround(255.0 * darkening.g));
            instance.rgba[2] = static_cast<uint8_t>(std::lround(255.0 * darkening.b));
            instance.rgba[3] = 255;
            instances.push_back(instance);
            continue;
        }
        instance.diameter_mm = static_cast<float>(dot.diameter_mm);
        const Rgba color = row.dot_color(dot, pattern.design, preview.years);
        instance.rgba[0] = color.r;
        instance.rgba[1] = color.g;
        instance.rgba[2] = color.b;
        instance.rgba[3] = color.a;
        instances.push_back(instance);
    }
    return instances;
}

// The dots go through the GL renderer in one draw call, in the middle of ImGui's draw list.
void DrawDotsCallback(const ImDrawList*, const ImDrawCmd* command) {
    const auto* app = static_cast<const AppState*>(command->UserCallbackData);
    if (app->canvas.dots) app->canvas.dots->Draw(app->canvas.dot_view);
}

void AddDotsCallback(ImDrawList* draw, AppState& app, const ImVec2& canvas_min, const ImVec2& canvas_max) {
    if (!app.canvas.dots) return;
    const PreviewSettings& preview = app.view.preview;
    // The viewing distance is a blur applied when drawing (blur_px below), as on the head.
    const PreviewSettings look = UploadedLook(preview);
    if (app.canvas.uploaded_revision != app.doc.revision || !(app.canvas.uploaded_preview == look)) {
        app.canvas.dots->Upload(DotInstances(app.doc, look));
        app.canvas.uploaded_revision = app.doc.revision;
        app.canvas.uploaded_preview = look;
        app.canvas.dot_uploads += 1;
    }
    const ImVec2 fb_scale = ImGui::GetIO().DisplayFramebufferScale;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const Vec2 origin = Vec2(canvas_min.x, canvas_min.y) + app.view.transform.origin_px;
    DotView& view = app.canvas.dot_view;
    view.origin_px[0] = static_cast<float>(origin.x()) * fb_scale.x;
    view.origin_px[1] = static_cast<float>(origin.y()) * fb_scale.y;
    view.px_per_mm = static_cast<float>(app.view.transform.pixels_per_mm) * fb_scale.x;
    view.framebuffer_px[0] = display.x * fb_scale.x;
    view.framebuffer_px[1] = display.y * fb_scale.y;
    view.clip_px[0] = canvas_min.x * fb_scale.x;
    view.clip_px[1] = canvas_min.y * fb_scale.y;
    view.clip_px[2] = canvas_max.x * fb_scale.x;
    view.clip_px[3] = canvas_max.y * fb_scale.y;
    // Pigment in skin: the tone model, blurred by the eye at the viewing distance (0.29 mm a
    // metre). The plan: crisp discs, at least 0.6 px wide, fainter by the area they borrow.
    const PreviewRow& row = Preview(preview.mode);
    view.tone = row.skin;
    view.blur_px = static_cast<float>(ViewingBlurRadiusMm(preview.viewing_distance_m)) * view.px_per_mm;
    view.min_radius_px = 0.6f * app.ui_scale;
    view.softness = static_cast<float>(row.dot_softness);
    const SkinTone& skin = SkinToneAt(preview.skin_tone);
    view.skin_srgb[0] = skin.r / 255.0f;
    view.skin_srgb[1] = skin.g / 255.0f;
    view.skin_srgb[2] = skin.b / 255.0f;
    draw->AddCallback(DrawDotsCallback, &app);
    draw->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void HandlePointer(AppState& app, const CanvasFrame& frame) {
    ImGuiIO& io = ImGui::GetIO();
    ViewSettings& view = app.view;
    const bool hovered = ImGui::IsItemHovered();
    const Vec2 mouse_px(io.MousePos.x - frame.origin.x, io.MousePos.y - frame.origin.y);
    // Space turns any tool into the hand for as long as it is held.
    const ToolDef& tool = ImGui::IsKeyDown(ImGuiKey_Space) || !app.tools.active ? HandTool() : *app.tools.active;

    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) app.pointer.press_made_edit = false;
    // Two fingers on the canvas: the page pans and zooms; the press is nobody's.
    const bool used = app.pointer.gesture_active || tool.pointer(app, frame);   // a tool took the left button (the view does not pan)
    if (app.doc.stroking && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        if (const Status ended = EndStroke(app.doc); !ended.ok()) app.screen.last_error = ended.message();
    }

    // The left button pans when no tool took it; the middle button always pans. Not on the frame
    // the press lands: the pointer may have jumped there (a touch, a click from elsewhere), and
    // that jump is not a drag.
    const bool left_pans = !used && !tool.paints && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f);
    if (ImGui::IsItemActive() && !ImGui::IsItemActivated() &&
        (left_pans || ImGui::IsMouseDragging(ImGuiMouseButton_Middle, 0.0f))) {
        if (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f) {
            view.transform.PanPixels(Vec2(io.MouseDelta.x, io.MouseDelta.y));
            view.follow_fit = false;
        }
    }
    if (hovered && io.MouseWheel != 0.0f) {
        view.transform.ZoomAbout(mouse_px, std::pow(kWheelZoomPerNotch, static_cast<double>(io.MouseWheel)));
        view.follow_fit = false;
    }

    app.pointer.hovering = hovered;
    if (hovered) app.pointer.hover_mm = view.transform.PixelsToMm(mouse_px);
}

// Hairline height marks on the midline: where the mid-frontal point sits 7 (aggressive), 8 (usual)
// and 10 cm (conservative) above the glabella, measured over the scalp (Garg 2017).
// Zoomed out (a phone's fitted view) the marks are closer than a line of text: the labels are
// placed usual height first, and one that would overlap a placed label is left out (its mark stays).
void DrawGuides(ImDrawList* draw, const AppState& app, const CanvasFrame& frame, float scale) {
    const std::vector<Vec2>& points = app.doc.drawing.guide_points_mm;
    const size_t count = std::min(points.size(), std::size(kGuideHeightsMm));
    const float half_px = std::max(8.0f * scale, static_cast<float>(frame.view->LengthMmToPixels(6.0)));
    for (size_t k = 0; k < count; ++k) {
        const ImVec2 c = frame.MmToScreen(points[k]);
        draw->AddLine(ImVec2(c.x - half_px, c.y), ImVec2(c.x + half_px, c.y), theme::kGuide, 1.5f * scale);
    }
    constexpr size_t kLabelOrder[] = {1, 0, 2};   // 8 cm (usual), 7 cm, 10 cm
    const float line_px = ImGui::GetFontSize();
    float placed_y[std::size(kLabelOrder)];
    size_t placed = 0;
    for (size_t k : kLabelOrder) {
        if (k >= count) continue;
        const ImVec2 c = frame.MmToScreen(points[k]);
        bool overlaps = false;
        for (size_t i = 0; i < placed; ++i) overlaps = overlaps || std::fabs(placed_y[i] - c.y) < line_px;
        if (overlaps) continue;
        placed_y[placed++] = c.y;
        char label[16];
        std::snprintf(label, sizeof label, "%g cm", kGuideHeightsMm[k] / 10.0);
        draw->AddText(ImVec2(c.x + half_px + 3.0f * scale, c.y - line_px * 0.5f), theme::kGuide, label);
    }
}

// The target density as a texture over the scalp, refreshed when the design changes (at most a few
// times a second while the pointer is down, so painting stays live), with its legend.
void DrawHeatmap(ImDrawList* draw, AppState& app, const CanvasFrame& frame, const ImVec2& canvas_max, float scale) {
    if (!app.canvas.heatmap) app.canvas.heatmap = std::make_unique<RgbaTexture>();
    const double now_s = ImGui::GetTime();
    const bool busy = ImGui::IsMouseDown(ImGuiMouseButton_Left) && now_s - app.canvas.heatmap_time_s < 0.25;
    if (app.canvas.heatmap_revision != app.doc.revision && !busy) {
        const HeatmapImage image = SampleHeatmap(*app.doc.pattern.field, 2.0);
        app.canvas.heatmap->Upload(image.width, image.height, image.rgba);
        app.canvas.heatmap_size_mm = Vec2(image.width * image.cell_mm, image.height * image.cell_mm);
        app.canvas.heatmap_revision = app.doc.revision;
        app.canvas.heatmap_time_s = now_s;
    }
    if (app.canvas.heatmap->Id() == 0) return;
    const ImU32 tint = IM_COL32(255, 255, 255, static_cast<int>(255.0f * std::clamp(app.view.heatmap_opacity, 0.0f, 1.0f)));
    draw->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(app.canvas.heatmap->Id())), frame.MmToScreen(Vec2::Zero()),
                   frame.MmToScreen(app.canvas.heatmap_size_mm), ImVec2(0, 0), ImVec2(1, 1), tint);
    // Legend, top right: the ramp from 0 to 150 dots/cm².
    const float width = 150.0f * scale, height = 10.0f * scale, pad = 14.0f * scale;
    const ImVec2 top_left(canvas_max.x - pad - width, frame.origin.y + pad + ImGui::GetFontSize());
    constexpr int kSteps = 30;
    for (int i = 0; i < kSteps; ++i) {
        const std::array<uint8_t, 4> c = HeatmapColor(kHeatmapMaxPerCm2 * (i + 0.5) / kSteps);
        const float x0 = top_left.x + width * i / kSteps, x1 = top_left.x + width * (i + 1) / kSteps;
        draw->AddRectFilled(ImVec2(x0, top_left.y), ImVec2(x1, top_left.y + height), IM_COL32(c[0], c[1], c[2], 255));
    }
    draw->AddRect(top_left, ImVec2(top_left.x + width, top_left.y + height), theme::Colours().canvas_ink);
    draw->AddText(ImVec2(top_left.x, top_left.y - ImGui::GetFontSize() - 2.0f * scale), theme::Colours().canvas_ink, "0");
    const char* top = "150 dots/cm\xC2\xB2";
    draw->AddText(ImVec2(top_left.x + width - ImGui::CalcTextSize(top).x, top_left.y - ImGui::GetFontSize() - 2.0f * scale), theme::Colours().canvas_ink, top);
}

}  // namespace

// Pairs this frame's press with the oldest count the page reported; counts older than a second
// belong to presses the app never saw as clicks (a touch the page reported differently).
void TakePageClickCount(PointerInput& pointer) {
    pointer.press_click_count = 0;
    if (!ImGui::IsMouseClicked(ImGuiMouseButton_Left)) return;
    const double now_s = ImGui::GetTime();
    while (!pointer.page_clicks.empty() && now_s - pointer.page_clicks.front().reported_s > 1.0) pointer.page_clicks.pop_front();
    if (pointer.page_clicks.empty()) return;
    pointer.press_click_count = pointer.page_clicks.front().count;
    pointer.page_clicks.pop_front();
}

void FitScalpToView(AppState& app) {
    app.canvas.fitted_bounds_mm = app.doc.drawing.scalp_bounds_mm;
    app.view.transform = FitToView(app.doc.drawing.scalp_bounds_mm, app.canvas.size_px,
                                   kFitMarginLogicalPx * app.ui_scale);
    app.view.follow_fit = true;
}

void DrawCanvas(AppState& app, const ImVec2& size) {
    const float scale = app.ui_scale;
    const ImVec2 canvas_min = ImGui::GetCursorScreenPos();
    const ImVec2 canvas_size(std::max(size.x, 50.0f), std::max(size.y, 50.0f));
    const ImVec2 canvas_max(canvas_min.x + canvas_size.x, canvas_min.y + canvas_size.y);

    const Vec2 new_size_px(canvas_size.x, canvas_size.y);
    const bool resized = new_size_px != app.canvas.size_px;
    app.canvas.size_px = new_size_px;
    app.canvas.origin_px = Vec2(canvas_min.x, canvas_min.y);
    // Refit when the canvas or the template changes size (a new head), until the user pans or zooms.
    const RectMm& bounds_mm = app.doc.drawing.scalp_bounds_mm;
    const bool new_template = bounds_mm.min_mm != app.canvas.fitted_bounds_mm.min_mm || bounds_mm.max_mm != app.canvas.fitted_bounds_mm.max_mm;
    if ((resized || new_template) && app.view.follow_fit) FitScalpToView(app);

    ImGui::InvisibleButton("scalp_canvas", canvas_size,
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
    const CanvasFrame frame{canvas_min, &app.view.transform};
    HandlePointer(app, frame);

    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(canvas_min, canvas_max, true);
    draw->AddRectFilled(canvas_min, canvas_max, theme::Colours().canvas);

    const DesignDrawing& design = app.doc.drawing;
    std::vector<ImVec2> outline_px;
    outline_px.reserve(design.scalp_outline_mm.size());
    for (const Vec2& p : design.scalp_outline_mm) outline_px.push_back(frame.MmToScreen(p));
    const PreviewSettings& preview = app.view.preview;
    const SkinTone& skin = SkinToneAt(preview.skin_tone);
    FillTriangles(draw, outline_px, design.scalp_triangles,
                  Preview(preview.mode).skin ? IM_COL32(skin.r, skin.g, skin.b, 255) : theme::kScalpFill);
    // The previews show the skin as a client would see it: the planning marks stay off, except what
    // the tool in hand edits (the hairline, scars).
    const bool plan_view = Preview(preview.mode).planning_marks;
    const unsigned tool_marks = app.tools.active ? app.tools.active->marks : kToolMarksNone;
    const bool hairline_tool = (tool_marks & kToolMarksHairline) != 0;
    const bool scar_tool = (tool_marks & kToolMarksScars) != 0;
    if (app.view.show_grid && plan_view) DrawGrid(draw, frame, app.canvas.size_px, scale);
    if (app.view.show_zones && plan_view) {
        for (const std::vector<Vec2>& border : design.zone_borders_mm) DrawPath(draw, frame, border, theme::kZoneBorder, 1.0f * scale, false);
    }
    if (app.view.show_heatmap) DrawHeatmap(draw, app, frame, canvas_max, scale);
    if (app.view.show_dots) AddDotsCallback(draw, app, canvas_min, canvas_max);

    const RectMm& bounds = design.scalp_bounds_mm;
    const double mid_x = app.doc.drawing.midline_x_mm;
    if (app.view.show_guides && (plan_view || hairline_tool)) {
        draw->AddLine(frame.MmToScreen(Vec2(mid_x, bounds.min_mm.y())), frame.MmToScreen(Vec2(mid_x, bounds.max_mm.y())),
                      theme::kMidline, 1.5f * scale);
        DrawGuides(draw, app, frame, scale);
    }
    draw->AddPolyline(outline_px.data(), static_cast<int>(outline_px.size()), theme::kScalpOutline,
                      ImDrawFlags_Closed, 2.5f * scale);
    if (plan_view || hairline_tool) DrawPath(draw, frame, design.hairline_mm, theme::kHairline, 1.5f * scale, false);
    if (app.view.show_zones && plan_view) {
        for (const Vec2& landmark : design.landmarks_mm) draw->AddCircleFilled(frame.MmToScreen(landmark), 3.5f * scale, theme::kLandmark);
    }
    if (plan_view || scar_tool) DrawScars(draw, app, frame);
    if (app.tools.active && app.tools.active->overlay) app.tools.active->overlay(draw, app, frame);
    if (HasHead(app)) DrawMapOrientation(draw, frame, design.scalp_outline_mm, design.midline_x_mm, scale);
    DrawScaleBar(draw, canvas_min, canvas_max, app.view.transform, scale);
    draw->PopClipRect();
}

// The map, the head, or both: the map on the left, the head on the right, halves of the area.
void DrawCanvasArea(AppState& app) {
    const ImVec2 area_min = ImGui::GetCursorScreenPos();
    ImVec2 area = ImGui::GetContentRegionAvail();
    area.x = std::max(area.x, 50.0f);
    area.y = std::max(area.y, 50.0f);
    CanvasState& canvas = app.canvas;
    canvas.area_origin_px = Vec2(area_min.x, area_min.y);
    canvas.area_size_px = Vec2(area.x, area.y);
    TakePageClickCount(app.pointer);
    const double area_logical = area.x / (app.ui_scale > 0.0f ? app.ui_scale : 1.0f);
    canvas.shown_view = EffectiveCanvasView(app.view.canvas_view, HasHead(app), area_logical);
    if (canvas.shown_view != CanvasView::kPhoto) app.photo.markers_have_room = true;   // measured only while the photo shows
    switch (canvas.shown_view) {
        case CanvasView::kMap:
            DrawCanvas(app, area);
            break;
        case CanvasView::kHead:
        case CanvasView::kPhoto:
        {
            // The map keeps the whole area as its own while hidden, fitted as DrawCanvas would fit
            // it: it returns as it was, and stats() place its scalp on the canvas.
            const RectMm& bounds_mm = app.doc.drawing.scalp_bounds_mm;
            const bool refit = canvas.size_px != canvas.area_size_px || bounds_mm.min_mm != canvas.fitted_bounds_mm.min_mm ||
                               bounds_mm.max_mm != canvas.fitted_bounds_mm.max_mm;
            canvas.origin_px = canvas.area_origin_px;
            canvas.size_px = canvas.area_size_px;
            if (refit && app.view.follow_fit) FitScalpToView(app);
            app.pointer.hovering = false;
            if (canvas.shown_view == CanvasView::kPhoto) DrawPhotoView(app, area);
            else DrawHeadView(app, area);
            break;
        }
        case CanvasView::kBoth: {
            const float map_w = std::floor(area.x * 0.5f);
            DrawCanvas(app, ImVec2(map_w, area.y));
            ImGui::SetCursorScreenPos(ImVec2(area_min.x + map_w, area_min.y));
            DrawHeadView(app, ImVec2(area.x - map_w, area.y));
            break;
        }
    }
    DrawCanvasViewToggle(app, area_min, area_logical >= kSideBySideFromLogicalPx);
}

uint64_t FramePictureFingerprint(const AppState& app, const ImDrawData& draw_data) {
    PictureFingerprint picture;
    picture.Add(draw_data.DisplayPos, draw_data.DisplaySize, draw_data.FramebufferScale, draw_data.CmdListsCount);
    for (int l = 0; l < draw_data.CmdListsCount; ++l) {
        const ImDrawList& list = *draw_data.CmdLists[l];
        picture.Add(list.VtxBuffer.Size);
        picture.AddBytes(list.VtxBuffer.Data, static_cast<size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
        picture.Add(list.IdxBuffer.Size);
        picture.AddBytes(list.IdxBuffer.Data, static_cast<size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
        picture.Add(list.CmdBuffer.Size);
        for (const ImDrawCmd& command : list.CmdBuffer) {
            picture.Add(command.ClipRect, command.TextureId, command.VtxOffset, command.IdxOffset, command.ElemCount,
                        command.UserCallback, command.UserCallbackData);
        }
    }
    // The callbacks draw from the app's state: the dots' view and the head's (camera, viewport,
    // look), and whatever the GPU holds (the dots, the head's mesh, textures: every upload counts).
    picture.Add(app.canvas.dot_view);
    const HeadDrawView& head = app.canvas.head_draw_view;
    for (const Vec3* v : {&head.projection.right, &head.projection.up, &head.projection.toward, &head.projection.look_at_mm}) {
        picture.AddBytes(v->data(), 3 * sizeof(double));
    }
    picture.AddBytes(head.projection.centre_px.data(), 2 * sizeof(double));
    picture.Add(head.projection.px_per_mm, head.viewport_px, head.framebuffer_px, head.skin_srgb, head.background_srgb,
                head.tone, head.blur_px, head.min_radius_px, head.softness, head.split_px, head.before_dots, head.even_light);
    picture.Add(GpuContentGeneration());
    return picture.Value();
}

}  // namespace smp
