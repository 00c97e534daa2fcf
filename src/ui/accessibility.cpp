// smp ui: what the designer offers besides its pixels (accessibility.h).
//
// [SECTION] Keyboard
// [SECTION] Appearance
// [SECTION] Once per frame
//
// The keyboard section reaches into ImGui's navigation state (imgui_internal.h, Dear ImGui 1.90.1):
// the public API cannot say "highlight this window's first widget" or "is the highlight shown".
// Those few lines are here and nowhere else. What goes to the page as JSON (the announcements, the
// theme, the focus) is built in accessibility_events.cpp.
#include "ui/accessibility.h"

#include "ui/item_hooks.h"

#include "document/document.h"
#include "export/preview.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/app_state.h"
#include "ui/sessions_panel.h"
#include "ui/theme.h"

#include <algorithm>

#include <cstdio>

namespace smp {

// ---------------------------------------------------------------------------------------------
// [SECTION] Keyboard
// ---------------------------------------------------------------------------------------------

namespace {

// Owns the arrow keys for the view while no widget is highlighted, so ImGui's navigation leaves
// them alone (any non-zero id that is no widget's).
constexpr ImGuiID kViewKeysOwner = 0x53565731u;   // "SVW1"
constexpr ImGuiKey kArrowKeys[] = {ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow, ImGuiKey_DownArrow};
constexpr double kArrowPanLogicalPx = 60.0;
constexpr double kKeyZoomFactor = 1.25;

bool WidgetHighlighted() {
    const ImGuiContext& g = *GImGui;
    return g.NavId != 0 && !g.NavDisableHighlight && g.NavWindow != nullptr;
}

// The arrow keys pan and + / - zoom about the canvas' centre: the view without a pointer (the head
// view's turn and zoom when the head alone is shown).
void HandleViewKeys(AppState& app) {
    const ImGuiIO& io = ImGui::GetIO();
    if (TextFieldActive() || io.KeyCtrl || io.KeySuper || io.KeyAlt) return;   // Ctrl/Cmd +/- zoom the page
    const bool arrows_pan = !KeyboardInUse();
    Vec2 pan_px = Vec2::Zero();
    if (arrows_pan) {
        const double step_px = kArrowPanLogicalPx * app.ui_scale;
        for (const ImGuiKey key : kArrowKeys) ImGui::SetKeyOwner(key, kViewKeysOwner);
        // The arrow says where to look: the drawing moves the other way.
        if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow, kViewKeysOwner, ImGuiInputFlags_Repeat)) pan_px.x() += step_px;
        if (ImGui::IsKeyPressed(ImGuiKey_RightArrow, kViewKeysOwner, ImGuiInputFlags_Repeat)) pan_px.x() -= step_px;
        if (ImGui::IsKeyPressed(ImGuiKey_UpArrow, kViewKeysOwner, ImGuiInputFlags_Repeat)) pan_px.y() += step_px;
        if (ImGui::IsKeyPressed(ImGuiKey_DownArrow, kViewKeysOwner, ImGuiInputFlags_Repeat)) pan_px.y() -= step_px;
    }
    double zoom = 1.0;
    if (ImGui::IsKeyPressed(ImGuiKey_Equal) || ImGui::IsKeyPressed(ImGuiKey_KeypadAdd)) zoom = kKeyZoomFactor;
    if (ImGui::IsKeyPressed(ImGuiKey_Minus) || ImGui::IsKeyPressed(ImGuiKey_KeypadSubtract)) zoom = 1.0 / kKeyZoomFactor;
    // The head alone on the canvas: the arrows turn it (as a drag the other way: the arrow says
    // which side to look at) and + / - zoom it.
    // The photo: left and right move the before/after slider a twentieth of the photo.
    if (app.canvas.shown_view == CanvasView::kPhoto) {
        if (pan_px.x() != 0.0) app.photo.split = std::clamp(app.photo.split + (pan_px.x() > 0.0 ? -0.05 : 0.05), 0.0, 1.0);
        return;
    }
    if (app.canvas.shown_view == CanvasView::kHead) {
        // Before / after on: Shift with left or right moves its line a twentieth, as on the photo.
        HeadViewState& head = app.view.head;
        if (head.before_after && io.KeyShift && pan_px.x() != 0.0) {
            head.split = std::clamp(head.split + (pan_px.x() > 0.0 ? -0.05 : 0.05), 0.0, 1.0);
            pan_px.x() = 0.0;
        }
        if (pan_px != Vec2::Zero()) app.view.head.camera = OrbitHeadCamera(app.view.head.camera, -pan_px / static_cast<double>(app.ui_scale));
        if (zoom != 1.0) app.view.head.zoom = PinchHeadZoom(app.view.head.zoom, zoom);
        return;
    }
    if (pan_px != Vec2::Zero()) {
        app.view.transform.PanPixels(pan_px);
        app.view.follow_fit = false;
    }
    if (zoom != 1.0) {
        app.view.transform.ZoomAbout(app.canvas.size_px * 0.5, zoom);
        app.view.follow_fit = false;
    }
}

// ImGui answers Escape in the panel by leaving the child window: the highlight moves onto the
// panel's frame in the main window, where the arrows would walk between the panel and the canvas.
// A person pressing Escape there means "I am done with the panel": the highlight goes, so Tab
// leaves the designer and the arrows pan.
void EndNavigationOnEscapeFromPanel(const AppState& app) {
    ImGuiContext& g = *GImGui;
    if (app.access.panel_child_id == 0 || !ImGui::IsKeyPressed(ImGuiKey_Escape, false)) return;
    if (g.NavId == app.access.panel_child_id && g.NavWindow != nullptr && g.NavWindow == g.NavWindow->RootWindow &&
        g.NavLayer == ImGuiNavLayer_Main && g.OpenPopupStack.Size == 0) {
        g.NavDisableHighlight = true;
    }
}

// The widget the keyboard is on, as ImGui's item hooks last saw it (below, outside the namespace).
struct HighlightedItem {
    ImGuiID id = 0;
    int frame = -1;                     // ImGui's FrameCount when it was submitted
    bool has_label = false;             // ImGui 1.90.1 reports no label for a combo box
    std::string label;                  // as passed to the widget, "##" parts and all
    ImGuiItemStatusFlags flags = 0;
    bool in_menu = false;
};
HighlightedItem g_highlighted;
ImGuiID g_preset_combo_id = 0;          // the side panel's preset picker ("##preset")

// Widgets whose label is hidden ("##id") or an id, and what they are called aloud.
struct SpokenName {
    const char* label;
    const char* name;
};
constexpr SpokenName kSpokenNames[] = {
    {"##preset", "Design preset"}, {"##link", "Share link"}, {"##diameter", "Dot diameter"},
    {"##path", "File to open"},    {"scalp_canvas", "Design canvas"},
    {"head_view", "Head view: drag to turn the head, wheel or pinch to zoom"},
    // The head view's buttons (ui/head_view_math.h kNamedHeadViews).
    {"Front", "Head from the front"}, {"Left", "Head from the client's left"}, {"Right", "Head from the client's right"},
    {"Back", "Head from the back"},   {"Top", "Head from above"},
};

// "Brush", "Millimetre grid, checked", "Sessions, expanded": the highlighted widget as read out,
// or "" when none is highlighted (or it was not drawn this frame).
std::string HighlightedWidgetText(const AppState& app) {
    const ImGuiContext& g = *GImGui;
    if (!WidgetHighlighted() || g_highlighted.id != g.NavId || g_highlighted.frame != g.FrameCount) return std::string();
    if (!g_highlighted.has_label) {
        // A combo box: the preset picker by its id, any other by what it is.
        return g.NavId == g_preset_combo_id ? std::string("Design preset, ") + (app.doc.design.title.empty() ? "Untitled design" : app.doc.design.title)
                                            : std::string("List, Space opens it");
    }
    const std::string& label = g_highlighted.label;
    std::string text = label.substr(0, label.find("##"));   // what the widget shows; "##..." is its id
    for (const SpokenName& spoken : kSpokenNames) {
        if (label == spoken.label) text = spoken.name;
    }
    if (text.empty()) text = "Unnamed control";
    const ImGuiItemStatusFlags flags = g_highlighted.flags;
    if (flags & ImGuiItemStatusFlags_Openable) text += flags & ImGuiItemStatusFlags_Opened ? ", expanded" : ", collapsed";
    // ImGui marks every menu item checkable: in a menu only a check mark is worth saying.
    if (flags & ImGuiItemStatusFlags_Checked) text += ", checked";
    else if ((flags & ImGuiItemStatusFlags_Checkable) && !g_highlighted.in_menu) text += ", not checked";
    // Radio buttons report no state either: the previews' are the only ones, and the row says which is shown.
    if (label == Preview(app.view.preview.mode).label) text += ", selected";
    return text;
}

}  // namespace

void KeyboardPanelHook(AppState& app) {
    ImGuiContext& g = *GImGui;
    ImGuiWindow* panel = g.CurrentWindow;
    app.access.panel_child_id = panel->ChildId;
    g_preset_combo_id = ImGui::GetID("##preset");   // DrawPresetPicker's combo, at the panel's top level
    if (!app.access.enter_panel) return;
    app.access.enter_panel = false;
    if (g.OpenPopupStack.Size > 0) return;   // a menu or dialog is open: it keeps the keyboard
    // The panel becomes the navigation window and its first widget the highlighted one (this
    // frame's widgets answer the init request), shown as if reached by the keyboard.
    ImGui::FocusWindow(panel);
    ImGui::NavInitWindow(panel, true);
    ImGui::NavRestoreHighlightAfterMove();
    g.NavInputSource = ImGuiInputSource_Keyboard;
}

bool KeyboardInUse() {
    const ImGuiContext& g = *GImGui;
    return WidgetHighlighted() || TextFieldActive() || g.OpenPopupStack.Size > 0;
}

bool TextFieldActive() {
    const ImGuiContext& g = *GImGui;
    // WantTextInput is last frame's; the second test catches a field activated this frame.
    return g.IO.WantTextInput || (g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Appearance
// ---------------------------------------------------------------------------------------------

bool DarkTheme(const Appearance& appearance) {
    switch (appearance.choice) {
        case ThemeChoice::kLight: return false;
        case ThemeChoice::kDark: return true;
        case ThemeChoice::kBrowser: break;
    }
    return appearance.clinic_dark.value_or(appearance.browser_dark);
}

void ApplyAppearance(AppState& app) {
    theme::SetTheme(theme::Accent(), DarkTheme(app.access.appearance), app.ui_scale);
    theme::SetReducedMotion(app.access.appearance.reduced_motion);
}

const char* ThemeChoiceName(ThemeChoice choice) {
    for (const ThemeChoiceInfo& info : kThemeChoices) {
        if (info.choice == choice) return info.name;
    }
    return kThemeChoices[0].name;
}

std::optional<ThemeChoice> FindThemeChoice(std::string_view name) {
    for (const ThemeChoiceInfo& info : kThemeChoices) {
        if (name == info.name) return info.choice;
    }
    return std::nullopt;
}

void DrawThemeMenu(AppState& app) {
    if (!ImGui::BeginMenu("Theme")) return;
    for (const ThemeChoiceInfo& info : kThemeChoices) {
        const bool chosen = app.access.appearance.choice == info.choice;
        if (ImGui::MenuItem(info.label, nullptr, chosen) && !chosen) {
            app.access.appearance.choice = info.choice;
            ApplyAppearance(app);
            // The page keeps it for the next visit (web/js/appearance.js).
            if (app.host.post_page_event) app.host.post_page_event(ThemeChoiceEventJson(info.name));
        }
    }
    ImGui::EndMenu();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Once per frame
// ---------------------------------------------------------------------------------------------

namespace {

// What Dear ImGui's item hooks report (ui/item_hooks.h) while the accessibility layer listens:
// only the widget the keyboard is on is kept, with its label and state.
void HighlightItemAdded(ImGuiContext& context, ImGuiID id, const ImRect&) {
    if (id == 0 || id != context.NavId) return;
    g_highlighted.id = id;
    g_highlighted.frame = context.FrameCount;
    g_highlighted.has_label = false;   // until ItemInfo names it
}

void HighlightItemInfo(ImGuiContext& context, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    if (id == 0 || id != context.NavId || label == nullptr) return;
    g_highlighted.id = id;
    g_highlighted.frame = context.FrameCount;
    g_highlighted.has_label = true;
    g_highlighted.label = label;
    g_highlighted.flags = flags;
    g_highlighted.in_menu = context.CurrentWindow != nullptr && (context.CurrentWindow->Flags & ImGuiWindowFlags_ChildMenu) != 0;
}

constexpr ImGuiItemListener kHighlightListener = {HighlightItemAdded, HighlightItemInfo};

}  // namespace

void UpdateAccessibility(AppState& app) {
    AddImGuiItemListener(&kHighlightListener);   // from the next frame on, the item hooks see every widget
    EndNavigationOnEscapeFromPanel(app);
    HandleViewKeys(app);
    app.access.focused = HighlightedWidgetText(app);
    // A dialog's dimmed background fades in over a sixth of a second; with reduced motion it is
    // there at once.
    if (theme::ReducedMotion() && ImGui::GetTopMostPopupModal() != nullptr) GImGui->DimBgRatio = 1.0f;

    if (!app.host.post_page_event) return;
    const bool dark = theme::Dark();
    if (app.access.posted_dark != static_cast<int>(dark)) {
        app.access.posted_dark = static_cast<int>(dark);
        app.host.post_page_event(AppearanceEventJson(dark));
    }
    // Measured as the sessions panel measures them, even with the panel's table closed (a
    // clinic's visitor, a phone): the page's text must not lag behind the design.
    RefreshFiguresWhenIdle(app);
    // The widget the keyboard moved to, read out at once (web/js/announcer.js).
    if (app.access.posted_focused != app.access.focused) {
        app.access.posted_focused = app.access.focused;
        app.host.post_page_event(FocusEventJson(app.access.focused));
    }
    if (std::optional<std::string> announcement = AnnouncementJson(app); announcement && *announcement != app.access.posted_announcement) {
        app.access.posted_announcement = std::move(*announcement);
        app.host.post_page_event(app.access.posted_announcement);
    }
}

}  // namespace smp
