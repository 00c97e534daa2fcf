#include "ui/imgui_hooks.h"

namespace smp {
namespace {
const ImGuiItemListener* g_listener = nullptr;
}  // namespace

void SetImGuiItemListener(const ImGuiItemListener* listener) { g_listener = listener; }

}  // namespace smp

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* item_data) {
    // Windows register themselves with no item data; only items are of interest.
    if (smp::g_listener == nullptr || smp::g_listener->item_added == nullptr || item_data == nullptr) return;
    smp::g_listener->item_added(*ctx, id, item_data->Rect.GetWidth() > 0.0f ? item_data->Rect : bb);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    if (smp::g_listener != nullptr && smp::g_listener->item_info != nullptr) smp::g_listener->item_info(*ctx, id, label, flags);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
