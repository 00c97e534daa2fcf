// smp ui: text entry on touch screens (text_entry.h).
//
// [SECTION] What the frame drew: the text fields, from ImGui's item hooks
// [SECTION] The page's input, applied to the field being edited
// [SECTION] The frame
//
// The field being edited is ImGui's InputTextState (imgui_internal.h, Dear ImGui 1.90.1): its
// text is replaced where the field is added to its window, before the field reads this frame's
// keys, so it copies the new text to its buffer as if typed. Those few lines are here and nowhere else.
#include "ui/text_entry.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/item_hooks.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

namespace smp {
namespace {

// A text field as drawn: its frame (not its label) and the part of the window it shows in.
struct DrawnField {
    ImGuiID id = 0;
    ImRect frame, clip;
    bool inputable = false;        // ItemInfo said so (a text field, a number, a slider or a drag)
    bool compound = false;         // a number field with - and + buttons (InputInt): named twice
    std::optional<TextEntryKind> marked;
};

struct PendingInput {
    ImGuiID id = 0;                // the field it is for: dropped when another one is active
    std::optional<std::string> text;
    bool done = false;             // let a multi-line field go (after its text is in)
    int text_frame = -1;           // the frame its text went in: the field lets go in a later one,
                                   // so ImGui has seen the edit before (IsItemDeactivatedAfterEdit)
};

struct TextEntry {
    bool touch = false;
    std::vector<DrawnField> fields;           // this frame's items, inputable or not yet known
    std::vector<ImGuiID> sliders;             // last frame's sliders and drags, which a double tap edits as numbers
    PendingInput pending;
    ImGuiID kept_in_view = 0;                 // the active field scrolled into view, and for which display
    ImVec2 kept_in_view_display;
    std::string posted;                       // the last event posted
};

TextEntry g_entry;

using json = nlohmann::json;

bool EditingText(const ImGuiContext& g) { return g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId; }

// ---------------------------------------------------------------------------------------------
// [SECTION] The page's input, applied to the field being edited
// ---------------------------------------------------------------------------------------------

// The page's text as the field would have taken it typed: no line breaks on one line, only what a
// number can hold in a number field (a comma typed on a European keypad is its decimal point), and
// no more bytes than the field's buffer holds, cut at a whole character.
std::string FieldText(const ImGuiInputTextState& state, const std::string& text) {
    const ImGuiInputTextFlags flags = state.Flags;
    const bool multiline = (flags & ImGuiInputTextFlags_Multiline) != 0;
    const bool number = (flags & (ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_CharsScientific)) != 0;
    std::string out;
    for (char c : text) {
        if (c == '\r' || (c == '\n' && !multiline) || c == '\t') continue;
        if (number) {
            if (c == ',') c = '.';
            const bool scientific = (flags & ImGuiInputTextFlags_CharsScientific) && (c == 'e' || c == 'E');
            if (!((c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-' || c == '*' || c == '/' || scientific)) continue;
        }
        out.push_back(c);
    }
    const size_t room = state.BufCapacityA > 0 ? static_cast<size_t>(state.BufCapacityA - 1) : 0;
    return Utf8Prefix(out, room);
}

// Replaces the active field's text, the cursor at its end. The field's own undo (Ctrl+Z inside it)
// starts again from here: its record points into the text that was replaced.
void ReplaceActiveText(ImGuiInputTextState& state, const std::string& raw) {
    const std::string text = FieldText(state, raw);
    const char* end = text.c_str() + text.size();
    const int chars = ImTextCountCharsFromUtf8(text.c_str(), end);
    state.TextW.resize(chars + 1);
    ImTextStrFromUtf8(state.TextW.Data, state.TextW.Size, text.c_str(), end);
    state.CurLenW = chars;
    state.CurLenA = static_cast<int>(text.size());
    state.TextAIsValid = false;
    state.Stb.cursor = state.Stb.select_start = state.Stb.select_end = chars;
    state.Stb.has_preferred_x = 0;
    state.Stb.undostate.undo_point = 0;
    state.Stb.undostate.undo_char_point = 0;
    state.Stb.undostate.redo_point = IMSTB_TEXTEDIT_UNDOSTATECOUNT;
    state.Stb.undostate.redo_char_point = IMSTB_TEXTEDIT_UNDOCHARCOUNT;
    state.CursorFollow = true;
    state.CursorAnimReset();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] What the frame drew: the text fields, from ImGui's item hooks
// ---------------------------------------------------------------------------------------------

void ItemAdded(ImGuiContext& g, ImGuiID id, const ImRect&) {
    // The field being edited takes the page's text here, before it reads this frame's keys.
    if (g_entry.pending.id == id && EditingText(g) && g.ActiveId == id) {
        PendingInput& pending = g_entry.pending;
        if (pending.text) {
            ReplaceActiveText(g.InputTextState, *pending.text);
            pending.text.reset();
            pending.text_frame = g.FrameCount;
        } else if (pending.done && g.FrameCount > pending.text_frame) {
            // A multi-line field lets go as if a tap landed elsewhere: ImGui sees it deactivated after its edit.
            ImGui::ClearActiveID();
            pending.done = false;
        }
        if (!pending.text && !pending.done) pending.id = 0;
    }
    if (!g_entry.touch || g.CurrentWindow == nullptr) return;
    DrawnField field;
    field.id = id;
    field.frame = g.LastItemData.NavRect;   // the frame; Rect includes a label beside it
    field.clip = g.CurrentWindow->ClipRect;
    g_entry.fields.push_back(field);
    // The field being edited stays in view when the room changes (the keyboard opened, the
    // browser's bars moved): its window scrolls to it. Here, not in ItemInfo: a field scrolled out
    // of its window ends its drawing early (a notes box is a child window), but is added first.
    const ImGuiIO& io = g.IO;
    if (EditingText(g) && g.ActiveId == id &&
        (g_entry.kept_in_view != id || g_entry.kept_in_view_display.x != io.DisplaySize.x || g_entry.kept_in_view_display.y != io.DisplaySize.y)) {
        g_entry.kept_in_view = id;
        g_entry.kept_in_view_display = io.DisplaySize;
        if (!g.CurrentWindow->InnerClipRect.Contains(field.frame)) ImGui::ScrollToRectEx(g.CurrentWindow, field.frame, ImGuiScrollFlags_KeepVisibleEdgeY);
    }
}

void ItemInfo(ImGuiContext&, ImGuiID id, const char*, ImGuiItemStatusFlags flags) {
    if (!g_entry.touch || !(flags & ImGuiItemStatusFlags_Inputable)) return;
    for (auto it = g_entry.fields.rbegin(); it != g_entry.fields.rend(); ++it) {
        if (it->id != id) continue;
        it->compound = it->inputable;   // named a second time: the whole of a number field with buttons
        it->inputable = true;
        return;
    }
}

constexpr ImGuiItemListener kTextEntryListener = {ItemAdded, ItemInfo};

const char* KindName(TextEntryKind kind) {
    switch (kind) {
        case TextEntryKind::kText: return "text";
        case TextEntryKind::kMultiline: return "multiline";
        case TextEntryKind::kNumber: return "number";
        case TextEntryKind::kNoKeyboard: break;
    }
    return nullptr;
}

// The kind the page uses for a drawn field; nullptr: no keyboard for it.
const char* FieldKind(const DrawnField& field) {
    if (field.marked) return KindName(*field.marked);
    return field.compound ? "number" : "slider";
}

json CssRect(const ImRect& r, float css_per_px) {
    // Whole CSS px are plenty for placing an input, and keep the event from changing every frame.
    const auto css = [css_per_px](float v) { return std::round(v * css_per_px * 10.0f) / 10.0f; };
    return {{"x", css(r.Min.x)}, {"y", css(r.Min.y)}, {"width", css(r.GetWidth())}, {"height", css(r.GetHeight())}};
}

}  // namespace

void MarkTextEntry(TextEntryKind kind) {
    const ImGuiID id = ImGui::GetItemID();   // the widget just drawn (0 when it was out of sight)
    if (!g_entry.touch || id == 0) return;
    for (auto it = g_entry.fields.rbegin(); it != g_entry.fields.rend(); ++it) {
        if (it->id == id) {
            it->marked = kind;
            return;
        }
    }
}

bool QueueTextEntryInput(const TextEntryInput& input) {
    if (GImGui == nullptr) return false;
    ImGuiContext& g = *GImGui;
    if (input.edit_slider != 0) {
        // ImGui turns a drag into a number field on a double-click, and a slider only on
        // Ctrl+click, which a finger has not: asked as keyboard navigation asks "edit the value"
        // (ImGuiActivateFlags_PreferInput), it becomes one in the next frame.
        if (std::find(g_entry.sliders.begin(), g_entry.sliders.end(), input.edit_slider) == g_entry.sliders.end()) return false;
        g.NavNextActivateId = input.edit_slider;
        g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
        return true;
    }
    if (!EditingText(g)) return false;
    if (g_entry.pending.id != g.ActiveId) g_entry.pending = PendingInput{g.ActiveId};
    if (input.text) g_entry.pending.text = input.text;
    const bool multiline = (g.InputTextState.Flags & ImGuiInputTextFlags_Multiline) != 0;
    ImGuiIO& io = g.IO;
    // Keys go through ImGui's queue (one press a frame), after the text: the field reads them in
    // the frame that takes the text, or later.
    const auto press = [&io](ImGuiKey key) {
        io.AddKeyEvent(key, true);
        io.AddKeyEvent(key, false);
    };
    if (input.escape) press(ImGuiKey_Escape);
    else if (input.enter && !multiline) press(ImGuiKey_Enter);
    else if (input.done && !multiline) press(ImGuiKey_Enter);   // a one-line field commits on Enter
    else if (input.done) g_entry.pending.done = true;
    return true;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The frame
// ---------------------------------------------------------------------------------------------

void BeginTextEntryFrame(bool touch) {
    g_entry.touch = touch;
    g_entry.fields.clear();
    // The pending input's field is found through the hooks whether or not the screen is touched.
    AddImGuiItemListener(&kTextEntryListener);
}

void EndTextEntryFrame(float css_per_px, const std::function<void(const std::string&)>& post) {
    ImGuiContext& g = *GImGui;
    if (g_entry.pending.id != 0 && g_entry.pending.id != g.ActiveId) g_entry.pending = PendingInput{};
    json fields = json::array();
    json active = nullptr;
    g_entry.sliders.clear();
    if (g_entry.touch) {
        for (const DrawnField& field : g_entry.fields) {
            const bool editing = field.id == g.ActiveId && EditingText(g) && !(g.InputTextState.Flags & ImGuiInputTextFlags_ReadOnly);
            if (!field.inputable && !editing) continue;   // the field being edited may be scrolled out of sight
            const char* kind = FieldKind(field);
            ImRect shown = field.frame;
            shown.ClipWithFull(field.clip);
            if (field.inputable && kind != nullptr && shown.GetWidth() > 0.0f && shown.GetHeight() > 0.0f) {
                json rect = CssRect(shown, css_per_px);
                rect["kind"] = kind;
                rect["id"] = field.id;
                fields.push_back(std::move(rect));
                if (std::string_view(kind) == "slider") g_entry.sliders.push_back(field.id);
            }
            if (editing && kind != nullptr) {
                const ImGuiInputTextState& state = g.InputTextState;
                const char* active_kind = (state.Flags & ImGuiInputTextFlags_Multiline) ? "multiline"
                                          : (state.Flags & (ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_CharsScientific)) ? "number"
                                          : "text";
                std::string text(static_cast<size_t>(state.CurLenW) * 4 + 1, '\0');
                text.resize(static_cast<size_t>(ImTextStrToUtf8(text.data(), static_cast<int>(text.size()), state.TextW.Data, state.TextW.Data + state.CurLenW)));
                active = CssRect(shown.GetWidth() > 0.0f ? shown : field.frame, css_per_px);
                active["kind"] = active_kind;
                active["text"] = text;
                active["id"] = field.id;
            }
        }
    }
    if (!g_entry.touch || !EditingText(g)) g_entry.kept_in_view = 0;
    std::string event = json{{"type", "textEntry"}, {"fields", fields}, {"active", active}}.dump();
    if (event != g_entry.posted) {
        g_entry.posted = std::move(event);
        if (post) post(g_entry.posted);
    }
}

std::string Utf8Prefix(const std::string& text, size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;   // a continuation byte: inside a character
    return text.substr(0, cut);
}

}  // namespace smp
