// smp ui: fonts, colours and sizes. One look for the browser and the desktop.
#pragma once

#include "export/dot_palette.h"
#include "imgui.h"

#include <algorithm>

namespace smp::theme {

inline constexpr float kBaseFontSizePx = 16.0f;   // logical px; scaled by the content scale
// A finger's target (Apple's and WCAG 2.5.5's 44 x 44 CSS px): every control's height on a touch
// screen, and the width of the narrowest buttons there.
inline constexpr float kTouchTargetPx = 44.0f;

// The palette's plain colours as ImGui colours (0xAABBGGRR).
inline constexpr ImU32 ToImU32(Rgba c) { return IM_COL32(c.r, c.g, c.b, c.a); }

// Canvas palette. What the PNG export draws too comes from export/dot_palette.h. The canvas's
// background and what is written on it follow the theme: Colours() below.
inline constexpr ImU32 kScalpFill = ToImU32(kScalpFillRgba);
inline constexpr ImU32 kScalpOutline = ToImU32(kScalpOutlineRgba);
inline constexpr ImU32 kGridMinor = IM_COL32(60, 70, 90, 28);
inline constexpr ImU32 kGridMajor = IM_COL32(60, 70, 90, 70);
inline constexpr ImU32 kMidline = IM_COL32(84, 55, 40, 110);
inline constexpr ImU32 kZoneBorder = ToImU32(kZoneBorderRgba);
inline constexpr ImU32 kLandmark = IM_COL32(30, 110, 160, 230);
inline constexpr ImU32 kHairline = ToImU32(kHairlineRgba);
inline constexpr ImU32 kBrushRing = IM_COL32(20, 20, 20, 160);
inline constexpr ImU32 kGuide = IM_COL32(30, 110, 160, 150);        // hairline height marks
// Hairline control points: given (filled), their mirror images (hollow), the one under the pointer.
inline constexpr ImU32 kHandle = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kHandleHot = IM_COL32(255, 214, 120, 255);
inline constexpr ImU32 kHandleOutline = IM_COL32(200, 60, 40, 255);
inline constexpr ImU32 kHandleMirror = IM_COL32(200, 60, 40, 170);
inline constexpr ImU32 kHandleGuide = IM_COL32(200, 60, 40, 90);
// Scars: their outline on the canvas, the one selected in the panel, and a path being drawn.
inline constexpr ImU32 kScar = ToImU32(kScarRgba);
inline constexpr ImU32 kScarSelected = IM_COL32(180, 40, 180, 255);
inline constexpr ImU32 kScarDrawing = IM_COL32(180, 40, 180, 220);
// Plan view: dots coloured by the session that places them (up to 8 sessions).
inline constexpr ImU32 kSessionColors[8] = {
    ToImU32(kSessionRgba[0]), ToImU32(kSessionRgba[1]), ToImU32(kSessionRgba[2]), ToImU32(kSessionRgba[3]),
    ToImU32(kSessionRgba[4]), ToImU32(kSessionRgba[5]), ToImU32(kSessionRgba[6]), ToImU32(kSessionRgba[7])};

struct Fonts {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
};

// Rebuilds the font atlas and the style for `scale` physical px per logical px. The caller
// re-uploads the font texture afterwards (the renderer owns it).
Fonts Rebuild(float scale);

// The fonts of the last Rebuild().
const Fonts& CurrentFonts();

// A clinic's look for an embedded designer: its accent colour (buttons, sliders, headers) and a
// light or dark panel. Applies at once at `scale` and in every later Rebuild().
void SetTheme(const ImVec4& accent, bool dark, float scale);

// Finger-sized controls (a coarse pointer): frames kTouchTargetPx high, more room between items,
// wider scrollbars. Applies at once at `scale` and in every later Rebuild().
void SetTouch(bool touch, float scale);
bool Touch();

// A menu item's keyboard shortcut, or none on a touch screen (a phone has no Ctrl+S to press).
inline const char* KeyHint(const char* keys) { return Touch() ? nullptr : keys; }

// The height of a control (a button, a field): the font plus its frame padding.
float ControlHeight();

// The accent and the light or dark panel in use (what SetTheme last set).
ImVec4 Accent();
bool Dark();

// What follows the panel, light or dark: the canvas around the scalp (the map, the head and the
// photo views), what is written on it, and the error and warning messages. The scalp keeps its
// skin either way, and pictures and files keep the light canvas (export/dot_palette.h).
struct Palette {
    ImU32 canvas;          // the canvas's background
    ImU32 canvas_ink;      // on it: the scale bar, "Forehead" and "Nape", the views' messages
    ImU32 error_text;      // each at 4.5:1 or more (WCAG AA) on the theme's panel
    ImU32 warning_text;
};
const Palette& Colours();

// Reduced motion (the browser's prefers-reduced-motion): the text cursor stops blinking and a
// dialog's dimmed background appears at once instead of fading in (ImGui's only animations).
void SetReducedMotion(bool reduced);
bool ReducedMotion();

}  // namespace smp::theme

namespace smp {

// One choice in a combo or a popup list: as tall as a control, so finger-sized on a touch screen
// (ImGui's own is a line of text high there), its label centred in it.
bool Choice(const char* label, bool selected);

// A combo of Choice()s. On a touch screen its list is as tall as the screen allows, so that the
// finger-tall choices are not cut to the eight text lines ImGui gives a list.
bool BeginChoices(const char* label, const char* preview);

// A hint in the disabled colour (dimmer than the text, still readable: ApplyStyle), wrapped to the panel.
inline void HintText(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

// Places the next window (a dialog) in the middle of the screen, `width_px` wide (0: as wide as
// its contents) where there is room; on a phone no wider than the screen less a margin, and never
// taller (it scrolls instead). Every frame, so a phone turned on its side still sees all of it.
inline void PlaceDialog(float width_px, float ui_scale) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float margin_px = 8.0f * ui_scale;
    const ImVec2 room(std::max(1.0f, viewport->WorkSize.x - 2.0f * margin_px), std::max(1.0f, viewport->WorkSize.y - 2.0f * margin_px));
    ImGui::SetNextWindowPos(viewport->GetWorkCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    if (width_px > 0.0f) ImGui::SetNextWindowSize(ImVec2(std::min(width_px, room.x), 0.0f), ImGuiCond_Always);
    ImGui::SetNextWindowSizeConstraints(ImVec2(0.0f, 0.0f), room);
}

// Places the next window (a popup menu `size` big, as it was last drawn: {0, 0} before its first
// frame) by the button it opens from: under it where it fits, else over it (the head's Views menu
// opens that way), centred on the button and kept within the screen's width. On a screen too short
// for either it stands as low as it fits, over the button, as ImGui would have put it.
inline void PlaceMenuBy(const ImVec2& button_min, const ImVec2& button_max, const ImVec2& size, float ui_scale) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float margin_px = 8.0f * ui_scale, gap_px = 4.0f * ui_scale;
    const float left = viewport->WorkPos.x + margin_px, right = viewport->WorkPos.x + viewport->WorkSize.x - margin_px;
    const float top = viewport->WorkPos.y + margin_px, bottom = viewport->WorkPos.y + viewport->WorkSize.y - margin_px;
    const float x = std::clamp(0.5f * (button_min.x + button_max.x - size.x), left, std::max(left, right - size.x));
    const float below = button_max.y + gap_px, above = button_min.y - gap_px - size.y;
    const float y = below + size.y <= bottom ? below : above >= top ? above : std::max(top, bottom - size.y);
    ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
}

}  // namespace smp
