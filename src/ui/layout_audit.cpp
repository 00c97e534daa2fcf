#include "ui/layout_audit.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/item_hooks.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string_view>
#include <vector>

namespace smp {
namespace {

using json = nlohmann::json;

struct AuditedItem {
    ImGuiID id = 0;
    std::string window;
    std::string label;             // as given, "##" part included
    ImRect rect, clip;
    ImGuiItemStatusFlags status = 0;
    bool in_menu_bar = false;      // a menu bar's title (a selectable: no frame padding)
    bool in_popup = false;         // a menu's or a combo's entry (a selectable)
    bool has_info = false;         // ItemInfo came (a widget with a label), not only ItemAdd
    bool compound = false;         // the label of a widget made of parts
};

struct Audit {
    bool armed = false;            // record the next frame
    bool recording = false;        // recording this one
    std::vector<AuditedItem> items;
    std::string last_json = "{}";
};

Audit g_audit;

void ItemAdded(ImGuiContext& context, ImGuiID id, const ImRect& rect) {
    ImGuiWindow* window = context.CurrentWindow;
    AuditedItem item;
    item.id = id;
    item.window = window ? window->Name : "";
    item.rect = rect;
    item.clip = window ? window->ClipRect : ImRect();
    item.in_menu_bar = window && window->DC.NavLayerCurrent == ImGuiNavLayer_Menu;
    item.in_popup = window && (window->Flags & ImGuiWindowFlags_Popup);
    g_audit.items.push_back(std::move(item));
}

void ItemInfo(ImGuiContext& context, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    for (auto it = g_audit.items.rbegin(); it != g_audit.items.rend(); ++it) {
        if (it->id != id) continue;
        if (it->has_info) {
            // A compound widget (a number field with its - and + buttons) names itself last, over
            // its parts, which were checked on their own: its label is drawn beside them.
            AuditedItem whole = *it;
            whole.label = label ? label : "";
            whole.rect = context.LastItemData.Rect;
            whole.status = flags | ImGuiItemStatusFlags_Inputable;
            whole.compound = true;
            g_audit.items.push_back(std::move(whole));
            return;
        }
        it->label = label ? label : "";
        it->status = flags;
        it->has_info = true;
        return;
    }
}

constexpr ImGuiItemListener kAuditListener = {ItemAdded, ItemInfo};

json RectJson(const ImRect& r, float css_per_px) {
    return {{"x", r.Min.x * css_per_px}, {"y", r.Min.y * css_per_px}, {"width", r.GetWidth() * css_per_px}, {"height", r.GetHeight() * css_per_px}};
}

// The label ImGui draws: the text before "##".
std::string VisibleLabel(const std::string& label) {
    const size_t hidden = label.find("##");
    return hidden == std::string::npos ? label : label.substr(0, hidden);
}

}  // namespace

void BeginLayoutAuditFrame() {
    g_audit.recording = g_audit.armed;
    g_audit.armed = false;
    g_audit.items.clear();
    if (g_audit.recording) AddImGuiItemListener(&kAuditListener);
}

void EndLayoutAuditFrame(float css_per_px, bool touch) {
    ImGuiContext& g = *GImGui;
    RemoveImGuiItemListener(&kAuditListener);
    if (!g_audit.recording) return;
    g_audit.recording = false;
    const ImGuiStyle& style = g.Style;

    // A text box of several lines is a child window of its own (ImGui's InputTextMultiline), which
    // shows part of its text and scrolls to the caret, as any text field does: it is not a panel
    // whose content was cut.
    std::vector<ImGuiID> text_boxes;
    for (const AuditedItem& item : g_audit.items) {
        if (item.status & ImGuiItemStatusFlags_Inputable) text_boxes.push_back(item.id);
    }
    const auto is_text_box = [&](const ImGuiWindow* window) {
        return (window->Flags & ImGuiWindowFlags_ChildWindow) && std::find(text_boxes.begin(), text_boxes.end(), window->ChildId) != text_boxes.end();
    };

    json windows = json::array();
    for (ImGuiWindow* window : g.Windows) {
        // ImGui's implicit "Debug" window exists every frame and is never drawn when empty.
        if (!window->Active || window->Hidden || window->SkipItems || std::string_view(window->Name).starts_with("Debug##")) continue;
        if (is_text_box(window)) continue;
        // The content's right edge this frame against the room it has: past it, something was cut
        // (no window here scrolls sideways).
        const float content_right = window->DC.CursorMaxPos.x;   // every item, text included
        const float room_right = window->WorkRect.Max.x;
        windows.push_back({{"name", window->Name},
                           {"x", window->Pos.x * css_per_px}, {"y", window->Pos.y * css_per_px},
                           {"width", window->Size.x * css_per_px}, {"height", window->Size.y * css_per_px},
                           {"content_width", (content_right - window->DC.CursorStartPos.x) * css_per_px},
                           {"overflows_x", !(window->Flags & ImGuiWindowFlags_HorizontalScrollbar) && content_right > room_right + 0.5f}});
    }

    json items = json::array();
    for (const AuditedItem& item : g_audit.items) {
        const std::string visible = VisibleLabel(item.label);
        const float text_w = visible.empty() ? 0.0f : ImGui::CalcTextSize(visible.c_str()).x;
        // Seen at all (a scrolled panel hides items above and below, which is fine), and if seen,
        // whole from left to right.
        const bool visible_y = item.rect.Max.y > item.clip.Min.y && item.rect.Min.y < item.clip.Max.y;
        // A selectable's highlight reaches half the item spacing past the content on each side,
        // into the window's padding, where the clip may cut the highlight but never the text.
        const float slack = (item.in_popup ? 0.5f * style.ItemSpacing.x : 0.0f) + 0.5f;
        const bool clipped_x = visible_y && (item.rect.Min.x < item.clip.Min.x - slack || item.rect.Max.x > item.clip.Max.x + slack);
        // Buttons and headers draw their label inside their frame, starting after the padding when
        // it is too wide to centre, and ImGui clips it at the frame: it shows whole within the frame
        // less one padding. A menu bar's titles are selectables, padded by half the item spacing
        // each side. Checkboxes, sliders and fields draw it beside the frame, inside their rectangle.
        float room_w = item.rect.GetWidth();
        if (item.in_menu_bar) room_w -= style.ItemSpacing.x;
        else if (!(item.status & (ImGuiItemStatusFlags_Checkable | ImGuiItemStatusFlags_Inputable))) room_w -= style.FramePadding.x;
        items.push_back({{"window", item.window}, {"label", visible}, {"text_width", text_w * css_per_px},
                         {"x", item.rect.Min.x * css_per_px}, {"y", item.rect.Min.y * css_per_px},
                         {"width", item.rect.GetWidth() * css_per_px}, {"height", item.rect.GetHeight() * css_per_px},
                         {"clip", RectJson(item.clip, css_per_px)},
                         {"visible", visible_y}, {"interactive", item.has_info && !item.compound}, {"clipped_x", clipped_x},
                         {"label_fits", item.compound || text_w == 0.0f || text_w <= room_w + 1.0f}});
    }

    json tables = json::array();
    for (int i = 0; i < g.Tables.GetMapSize(); ++i) {
        const ImGuiTable* table = g.Tables.TryGetMapData(i);
        if (table == nullptr || table->LastFrameActive != g.FrameCount) continue;
        json columns = json::array();
        for (int n = 0; n < table->ColumnsCount; ++n) {
            const ImGuiTableColumn& column = table->Columns[n];
            if (!column.IsEnabled) continue;
            // Cells: what their text wanted against where the column cuts; headers report the
            // width they would like even when they clip themselves.
            const float content_right = std::max(column.ContentMaxXUnfrozen, column.ContentMaxXHeadersIdeal);
            columns.push_back({{"index", n}, {"content_right", content_right * css_per_px}, {"clip_right", column.WorkMaxX * css_per_px},
                               {"clipped", content_right > column.WorkMaxX + 0.5f}});
        }
        tables.push_back({{"name", table->InstanceCurrent >= 0 && table->OuterWindow ? table->OuterWindow->Name : ""}, {"columns", columns}});
    }

    const ImVec2 display = g.IO.DisplaySize;
    g_audit.last_json = json{{"frame", g.FrameCount}, {"touch", touch}, {"font_px", g.FontSize * css_per_px},
                             {"display", {{"width", display.x * css_per_px}, {"height", display.y * css_per_px}}},
                             {"windows", windows}, {"items", items}, {"tables", tables}}.dump();
}

std::string LayoutAuditJsonAndArm() {
    g_audit.armed = true;
    return g_audit.last_json;
}

}  // namespace smp
