// smp ui: the brush, the eraser and smooth. Each press paints one stroke layer (document.h:
// BeginStroke / ExtendStroke / EndStroke), regenerating only the dots in the brush's reach; a pen's
// pressure scales the stroke's strength.
#include "core/design.h"
#include "document/document.h"
#include "ui/app_actions.h"
#include "ui/app_state.h"
#include "ui/canvas_frame.h"
#include "ui/theme.h"
#include "ui/tools/tools.h"

#include <algorithm>

namespace smp {

extern const ToolDef kBrushTool, kEraserTool, kSmoothTool;

namespace {

// The stroke layer a press of `tool` starts at `p_mm`: the brush sets the density, the eraser sets
// zero, smooth pulls towards the local average.
StrokeLayer StrokeAt(const ToolDef& tool, const ToolSettings& settings, const Vec2& p_mm, double pressure) {
    StrokeLayer stroke;
    stroke.points_mm = {p_mm};
    stroke.pressure = {pressure};
    stroke.radius_mm = settings.radius_mm;
    stroke.falloff = settings.falloff;
    stroke.blend = &tool == &kSmoothTool ? StrokeLayer::Blend::kSmooth : StrokeLayer::Blend::kSet;
    stroke.strength = DensityValue::Dots(&tool == &kBrushTool ? settings.strength_per_cm2 : 0.0);
    return stroke;
}

const char* UndoLabel(const ToolDef& tool) {
    return &tool == &kEraserTool ? "eraser stroke" : &tool == &kSmoothTool ? "smooth stroke" : "brush stroke";
}

bool BrushPointer(AppState& app, const CanvasFrame& frame) {
    // Strokes stay on the work area (a point off it is nowhere on the head).
    const RectMm frame_mm = app.doc.pattern.field->FrameMm();
    const Vec2 p_mm = frame.ScreenToMm(ImGui::GetIO().MousePos).cwiseMax(frame_mm.min_mm).cwiseMin(frame_mm.max_mm);
    // A pen's pressure scales the brush's strength (a light touch paints lightly).
    const double pressure = app.pointer.pen ? app.pointer.pen_pressure : 1.0;
    if (ImGui::IsItemActivated() && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        const ToolDef& tool = *app.tools.active;
        ReportEditStatus(app, BeginStroke(app.doc, StrokeAt(tool, app.tools, p_mm, pressure), UndoLabel(tool)));
    } else if (app.doc.stroking && ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        const Status extended = ExtendStroke(app.doc, p_mm, pressure);
        if (!extended.ok()) app.screen.last_error = extended.message();
    }
    return true;
}

// The brush's footprint under the pointer.
void BrushRing(ImDrawList* draw, const AppState& app, const CanvasFrame& frame) {
    if (!app.pointer.hovering) return;
    draw->AddCircle(frame.MmToScreen(app.pointer.hover_mm), static_cast<float>(frame.view->LengthMmToPixels(app.tools.radius_mm)),
                    theme::kBrushRing, 48, 1.5f * app.ui_scale);
}

void BrushSettings(AppState& app, bool density) {
    ImGui::SliderFloat("Radius", &app.tools.radius_mm, 1.0f, 40.0f, "%.0f mm");
    ImGui::SetItemTooltip("Brush radius ([ and ] change it)");
    if (density) DensitySlider(app.tools);
    ImGui::SliderFloat("Softness", &app.tools.falloff, 0.0f, 1.0f, "%.2f");
    ImGui::SetItemTooltip("0: a hard edge; 1: soft from the centre out");
}

}  // namespace

void DensitySlider(ToolSettings& tools) {
    const float max_per_cm2 = static_cast<float>(kBrushMaxPerCm2);
    const float per_percent = static_cast<float>(kNaturalDensityPerCm2 / 100.0);
    ImGui::SetNextItemWidth(ImGui::CalcItemWidth() - ImGui::GetFrameHeight() * 2.0f);
    if (tools.strength_as_percent) {
        float percent = tools.strength_per_cm2 / per_percent;
        if (ImGui::SliderFloat("##density", &percent, 0.0f, max_per_cm2 / per_percent, "%.0f %% natural")) {
            tools.strength_per_cm2 = percent * per_percent;
        }
        ImGui::SetItemTooltip("%.0f dots/cm\xC2\xB2", tools.strength_per_cm2);
    } else {
        ImGui::SliderFloat("##density", &tools.strength_per_cm2, 0.0f, max_per_cm2, "%.0f dots/cm\xC2\xB2");
        ImGui::SetItemTooltip("%.0f %% of natural density (80 FU/cm\xC2\xB2)", tools.strength_per_cm2 / per_percent);
    }
    ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
    if (ImGui::Button(tools.strength_as_percent ? "%" : "/cm\xC2\xB2", ImVec2(ImGui::GetFrameHeight() * 2.0f - ImGui::GetStyle().ItemInnerSpacing.x, 0.0f))) {
        tools.strength_as_percent = !tools.strength_as_percent;
    }
    ImGui::SetItemTooltip("Show the density in dots/cm\xC2\xB2 or as %% of natural density");
    ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted("Density");
}

extern constinit const ToolDef kBrushTool = {
    "brush", "Brush", "Paint a target density; a pen paints lighter as it presses less (B)", ImGuiKey_B,
    /*in_client_mode=*/true, /*paints=*/true, kToolMarksNone, BrushPointer, [](AppState& app) { BrushSettings(app, true); }, BrushRing,
    /*on_phone_bar=*/true,
};
extern constinit const ToolDef kEraserTool = {
    "eraser", "Erase", "Clear dots under the brush (E)", ImGuiKey_E,
    /*in_client_mode=*/true, /*paints=*/true, kToolMarksNone, BrushPointer, [](AppState& app) { BrushSettings(app, false); }, BrushRing,
    /*on_phone_bar=*/true,
};
extern constinit const ToolDef kSmoothTool = {
    "smooth", "Smooth", "Even out the density under the brush (S)", ImGuiKey_S,
    /*in_client_mode=*/false, /*paints=*/true, kToolMarksNone, BrushPointer, [](AppState& app) { BrushSettings(app, false); }, BrushRing,
};

}  // namespace smp
