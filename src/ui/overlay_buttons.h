// smp ui: what sits over the canvas: rows of buttons (the map/head/photo toggle, the head view's
// named views and before/after, the photo view's actions), and the before/after slider's line, knob
// and labels (the photo view's and the head view's).
#pragma once

#include "imgui.h"
#include "ui/theme.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace smp {

// A row (or rows) of buttons in a child window of their own over the canvas: hovering them is not
// hovering the canvas under them, and the layout audit compares them with each other.
struct OverlayButtons {
    std::vector<const char*> labels;
    std::vector<float> widths;
    int per_row = 1;
    ImVec2 size;

    OverlayButtons(std::vector<const char*> button_labels, float room_px, float scale) : labels(std::move(button_labels)) {
        const ImGuiStyle& style = ImGui::GetStyle();
        const float min_w = theme::Touch() ? theme::kTouchTargetPx * scale : 0.0f;
        float widest = 0.0f, total = 0.0f;
        for (const char* label : labels) {
            const float w = std::max(min_w, ImGui::CalcTextSize(label, nullptr, true).x + 2.0f * style.FramePadding.x);
            widths.push_back(w);
            widest = std::max(widest, w);
            total += w;
        }
        // One row when it fits, else as many columns as the widest button allows.
        const int count = static_cast<int>(labels.size());
        per_row = total + style.ItemSpacing.x * static_cast<float>(count - 1) <= room_px
                      ? count
                      : std::clamp(static_cast<int>((room_px + style.ItemSpacing.x) / (widest + style.ItemSpacing.x)), 1, count);
        if (per_row < count) std::fill(widths.begin(), widths.end(), widest);
        const int rows = (count + per_row - 1) / per_row;
        float row_w = 0.0f;
        for (int i = 0; i < per_row; ++i) row_w += widths[static_cast<size_t>(i)];
        size = ImVec2(row_w + style.ItemSpacing.x * static_cast<float>(per_row - 1),
                      ImGui::GetFrameHeight() * static_cast<float>(rows) + style.ItemSpacing.y * static_cast<float>(rows - 1));
    }

    // Begins the child window at `top_left`; then Button(i) for each label in order.
    bool Begin(const char* id, const ImVec2& top_left) const {
        ImGui::SetCursorScreenPos(top_left);
        return ImGui::BeginChild(id, size, ImGuiChildFlags_None,
                                 ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                                     ImGuiWindowFlags_NoSavedSettings);
    }
    bool Button(size_t i, bool active) const {
        const ImGuiStyle& style = ImGui::GetStyle();
        const int column = static_cast<int>(i) % per_row, row = static_cast<int>(i) / per_row;
        float x = 0.0f;
        for (int k = 0; k < column; ++k) x += widths[static_cast<size_t>(k)] + style.ItemSpacing.x;
        ImGui::SetCursorPos(ImVec2(x, static_cast<float>(row) * (ImGui::GetFrameHeight() + style.ItemSpacing.y)));
        // Opaque: the theme's buttons are see-through, which over a head or a map reads as mud. The
        // colour they have on the panel (over its background), and fully opaque: at 0.95 the
        // before / after line showed through the buttons it passes under.
        const auto opaque = [](ImGuiCol col) {
            const ImVec4 c = ImGui::GetStyleColorVec4(col), under = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
            return ImVec4(c.x * c.w + under.x * (1.0f - c.w), c.y * c.w + under.y * (1.0f - c.w), c.z * c.w + under.z * (1.0f - c.w), 1.0f);
        };
        ImGui::PushStyleColor(ImGuiCol_Button, opaque(active ? ImGuiCol_ButtonActive : ImGuiCol_Button));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, opaque(ImGuiCol_ButtonHovered));
        const bool pressed = ImGui::Button(labels[i], ImVec2(widths[i], 0.0f));
        ImGui::PopStyleColor(2);
        return pressed;
    }
};

// Text on a dark backdrop, readable over any photo or head.
inline void LabelOnBackdrop(ImDrawList* draw, const ImVec2& at, const char* text, ImU32 colour, float scale) {
    const ImVec2 size = ImGui::CalcTextSize(text);
    const float pad = 3.0f * scale;
    draw->AddRectFilled(ImVec2(at.x - pad, at.y - pad), ImVec2(at.x + size.x + pad, at.y + size.y + pad), IM_COL32(0, 0, 0, 150), 3.0f * scale);
    draw->AddText(at, colour, text);
}

// The knob's radius (window px), finger-sized on a touch screen; a press within
// BeforeAfterSliderReach of the line (either side) takes it.
inline float BeforeAfterKnobRadius(float scale) { return (theme::Touch() ? 20.0f : 14.0f) * scale; }
inline float BeforeAfterSliderReach(float scale) { return (theme::Touch() ? 24.0f : 14.0f) * scale; }

// The line between before (left) and after (right) at `split_x`, from min.y to max.y, with its knob
// at `knob_y`: two arrowheads say it moves sideways.
inline void DrawBeforeAfterSlider(ImDrawList* draw, float scale, const ImVec2& min, const ImVec2& max, float split_x, float knob_y) {
    draw->AddLine(ImVec2(split_x, min.y), ImVec2(split_x, max.y), IM_COL32(0, 0, 0, 120), 4.0f * scale);
    draw->AddLine(ImVec2(split_x, min.y), ImVec2(split_x, max.y), IM_COL32(255, 255, 255, 235), 2.0f * scale);
    const ImVec2 knob(split_x, knob_y);
    const float r = BeforeAfterKnobRadius(scale);
    draw->AddCircleFilled(knob, r, IM_COL32(255, 255, 255, 240));
    draw->AddCircle(knob, r, IM_COL32(0, 0, 0, 120), 0, 1.5f * scale);
    const float a = 0.35f * r, gap = 0.15f * r;
    const ImU32 ink = IM_COL32(40, 44, 52, 255);
    draw->AddTriangleFilled(ImVec2(knob.x - gap - a, knob.y), ImVec2(knob.x - gap, knob.y - a), ImVec2(knob.x - gap, knob.y + a), ink);
    draw->AddTriangleFilled(ImVec2(knob.x + gap + a, knob.y), ImVec2(knob.x + gap, knob.y + a), ImVec2(knob.x + gap, knob.y - a), ink);
}

}  // namespace smp
