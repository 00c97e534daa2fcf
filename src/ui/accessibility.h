// smp ui: what the designer offers besides its pixels. The whole screen is drawn into one <canvas>,
// which a screen reader cannot look into and which a keyboard reaches as one element; this is what
// the app adds so that a person who does not see it, or does not use a pointer, can work with it.
//
// [SECTION] Page announcements  the design's summary, its session table and the app's messages,
//                               as text for the page's live regions (web/js/announcer.js), posted
//                               through HostServices::post_page_event when they change
// [SECTION] Keyboard            ImGui's keyboard navigation: entered from the page's Tab
//                               (web/js/keyboard.js), left with Escape; the arrow keys pan and
//                               + / - zoom the view while no widget is highlighted; the name and
//                               state of the highlighted widget, read out as it moves
// [SECTION] Appearance          light or dark (the person's choice, else the clinic's, else the
//                               browser's prefers-color-scheme) and reduced motion
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smp {

struct AppState;

// View > Theme: the person's choice, which the page keeps in browser storage.
enum class ThemeChoice { kBrowser, kLight, kDark };
struct ThemeChoiceInfo {
    ThemeChoice choice;
    const char* name;    // in setAppearance, stats() and the page event: "browser"
    const char* label;   // in the menu
};
inline constexpr ThemeChoiceInfo kThemeChoices[] = {{ThemeChoice::kBrowser, "browser", "As the browser prefers"},
                                                    {ThemeChoice::kLight, "light", "Light"},
                                                    {ThemeChoice::kDark, "dark", "Dark"}};

struct Appearance {
    ThemeChoice choice = ThemeChoice::kBrowser;   // the person's (View > Theme), restored by the page
    std::optional<bool> clinic_dark;              // an embedding clinic's data-theme / setTheme
    bool browser_dark = false;                    // prefers-color-scheme: dark (the page reports changes)
    bool reduced_motion = false;                  // prefers-reduced-motion: reduce
};

// What AppState keeps for this file between frames.
struct AccessibilityState {
    Appearance appearance;
    std::string posted_announcement;    // the last "announce" event posted (JSON text); "" = none yet
    int posted_dark = -1;               // the dark flag last posted in an "appearance" event; -1 = none yet
    std::string focused;                // the highlighted widget, as read out: "Brush", "Millimetre grid, checked"; "" = none
    std::optional<std::string> posted_focused;   // the last "focus" event's text
    bool enter_panel = false;           // the page's Tab landed on the canvas: highlight the panel's first widget
    unsigned panel_child_id = 0;        // the side panel as an item of its parent window (ImGuiID)
};

// --- [SECTION] Page announcements ----------------------------------------------------------------

// The text a screen reader gets, as the JSON of an "announce" page event:
//   {"type": "announce", "summary": "Hamilton–Norwood IV: 23,296 dots over 3 sessions, ...",
//    "warnings": ["..."], "columns": ["Session", "Day", ...], "rows": [["1", "0", "7,037", ...], ...],
//    "error": the side panel's error or "", "status": the last file or share action or ""}
// The numbers are the side panel's (SessionFigureTable); nullopt while they are being measured
// (a stroke or drag in progress), so nothing half-updated is read out.
std::optional<std::string> AnnouncementJson(const AppState& app);
// The page's other events from here: the theme the person chose (kept for the next visit), the
// appearance now (dark or not) and the highlighted control as read out.
std::string ThemeChoiceEventJson(const char* choice);
std::string AppearanceEventJson(bool dark);
std::string FocusEventJson(const std::string& text);

// --- [SECTION] Keyboard ----------------------------------------------------------------------------

// Called inside the side panel's child window, before its first widget: the panel is where the
// keyboard lands when it enters the canvas (the page's "keyboardEnter").
void KeyboardPanelHook(AppState& app);

// True while the app uses Tab and the arrow keys itself: a widget is highlighted, a text field is
// being edited, or a menu or dialog is open. Otherwise Tab leaves the canvas (web/js/keyboard.js)
// and the arrow keys pan the view.
bool KeyboardInUse();

// True while a text field has the keyboard: single-key shortcuts must stay quiet.
bool TextFieldActive();

// --- [SECTION] Appearance --------------------------------------------------------------------------

// Dark when the person chose it, else when the embedding clinic did, else when the browser prefers it.
bool DarkTheme(const Appearance& appearance);
// Applies app.access.appearance: the panel's colours and the motion.
void ApplyAppearance(AppState& app);
const char* ThemeChoiceName(ThemeChoice choice);
std::optional<ThemeChoice> FindThemeChoice(std::string_view name);

// View > Theme (inside BeginMenu("View")): the person's choice, handed to the page to keep.
void DrawThemeMenu(AppState& app);

// --- Once per frame ---------------------------------------------------------------------------------

// After DrawApp, before ImGui::Render: Escape out of the panel ends keyboard navigation, the view's
// keys (arrows, + and -), reduced motion for dialogs, and the page events whose text changed.
void UpdateAccessibility(AppState& app);

}  // namespace smp
