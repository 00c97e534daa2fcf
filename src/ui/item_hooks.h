// smp ui: Dear ImGui's test-engine hooks (imgui_internal.h, IMGUI_ENABLE_TEST_ENGINE), compiled
// into our ImGui library so that every program linking ImGui has them, forwarding to whoever
// listens (the layout audit, ui/layout_audit.h; the accessibility layer, ui/accessibility.h). ImGui calls them only while
// ImGuiContext::TestEngineHookItems is set.
#pragma once

#include "imgui.h"
#include "imgui_internal.h"

namespace smp {

struct ImGuiItemListener {
    void (*item_added)(ImGuiContext& context, ImGuiID id, const ImRect& rect) = nullptr;
    void (*item_info)(ImGuiContext& context, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) = nullptr;
};

// Listeners come and go (the layout audit for one frame, the accessibility layer for good); ImGui
// calls the hooks while any is listening (ImGuiContext::TestEngineHookItems). Adding one twice
// keeps it once.
void AddImGuiItemListener(const ImGuiItemListener* listener);
void RemoveImGuiItemListener(const ImGuiItemListener* listener);

}  // namespace smp
