// smp ui: canvas-relative pixels to window pixels, for drawing and picking on the canvas.
//
// The transform (canvas_transform.h) is canvas-relative so that it does not change when the side
// panel is resized; ImGui draws in window pixels. Every tool draws through this one struct.
#pragma once

#include "imgui.h"
#include "ui/canvas_transform.h"

namespace smp {

struct CanvasFrame {
    ImVec2 origin;                    // canvas top-left in window px
    const CanvasTransform* view;

    ImVec2 MmToScreen(const Vec2& p_mm) const {
        const Vec2 p = view->MmToPixels(p_mm);
        return ImVec2(origin.x + static_cast<float>(p.x()), origin.y + static_cast<float>(p.y()));
    }
    Vec2 ScreenToMm(const ImVec2& p) const { return view->PixelsToMm(Vec2(p.x - origin.x, p.y - origin.y)); }
};

// A double-click of the left button this frame: ImGui's, or the page's count of clicks.
inline bool LeftDoubleClicked(int press_click_count) {
    return ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) || (press_click_count >= 2 && ImGui::IsMouseClicked(ImGuiMouseButton_Left));
}

}  // namespace smp
