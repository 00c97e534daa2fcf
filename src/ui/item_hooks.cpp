#include "ui/item_hooks.h"

#include <algorithm>
#include <array>

namespace smp {
namespace {
std::array<const ImGuiItemListener*, 4> g_listeners{};   // null: a free place

void UpdateHookSwitch() {
    if (GImGui == nullptr) return;
    GImGui->TestEngineHookItems = std::any_of(g_listeners.begin(), g_listeners.end(), [](auto* l) { return l != nullptr; });
}
}  // namespace

void AddImGuiItemListener(const ImGuiItemListener* listener) {
    if (std::find(g_listeners.begin(), g_listeners.end(), listener) == g_listeners.end()) {
        auto free_place = std::find(g_listeners.begin(), g_listeners.end(), nullptr);
        IM_ASSERT(free_place != g_listeners.end() && "more ImGui item listeners than places");
        if (free_place != g_listeners.end()) *free_place = listener;
    }
    UpdateHookSwitch();
}

void RemoveImGuiItemListener(const ImGuiItemListener* listener) {
    std::replace(g_listeners.begin(), g_listeners.end(), listener, static_cast<const ImGuiItemListener*>(nullptr));
    UpdateHookSwitch();
}

}  // namespace smp

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* item_data) {
    // Windows register themselves with no item data; only items are of interest.
    if (item_data == nullptr) return;
    const ImRect& rect = item_data->Rect.GetWidth() > 0.0f ? item_data->Rect : bb;
    for (const smp::ImGuiItemListener* listener : smp::g_listeners) {
        if (listener != nullptr && listener->item_added != nullptr) listener->item_added(*ctx, id, rect);
    }
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    for (const smp::ImGuiItemListener* listener : smp::g_listeners) {
        if (listener != nullptr && listener->item_info != nullptr) listener->item_info(*ctx, id, label, flags);
    }
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
