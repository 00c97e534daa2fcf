// smp ui: a row (or rows) of buttons over the canvas: the map/head/photo toggle, the head view's
// named views, the photo view's actions.
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
        // colour they have on the panel (over its background), nearly opaque.
        const auto opaque = [](ImGuiCol col) {
            const ImVec4 c = ImGui::GetStyleColorVec4(col), under = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
            return ImVec4(c.x * c.w + under.x * (1.0f - c.w), c.y * c.w + under.y * (1.0f - c.w), c.z * c.w + under.z * (1.0f - c.w), 0.95f);
        };
        ImGui::PushStyleColor(ImGuiCol_Button, opaque(active ? ImGuiCol_ButtonActive : ImGuiCol_Button));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, opaque(ImGuiCol_ButtonHovered));
        const bool pressed = ImGui::Button(labels[i], ImVec2(widths[i], 0.0f));
        ImGui::PopStyleColor(2);
        return pressed;
    }
};

}  // namespace smp
