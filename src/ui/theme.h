// smp ui: fonts, colours and sizes. One look for the browser and the desktop.
#pragma once

#include "imgui.h"

namespace smp::theme {

inline constexpr float kBaseFontSizePx = 16.0f;   // logical px; scaled by the content scale

// Canvas palette (ImGui colours, 0xAABBGGRR).
inline constexpr ImU32 kCanvasBackground = IM_COL32(236, 239, 242, 255);
inline constexpr ImU32 kScalpFill = IM_COL32(233, 205, 182, 255);
inline constexpr ImU32 kScalpOutline = IM_COL32(84, 55, 40, 255);
inline constexpr ImU32 kGridMinor = IM_COL32(60, 70, 90, 28);
inline constexpr ImU32 kGridMajor = IM_COL32(60, 70, 90, 70);
inline constexpr ImU32 kMidline = IM_COL32(84, 55, 40, 110);
inline constexpr ImU32 kScaleBar = IM_COL32(40, 44, 52, 255);
inline constexpr ImU32 kZoneBorder = IM_COL32(84, 55, 40, 90);
inline constexpr ImU32 kLandmark = IM_COL32(30, 110, 160, 230);
inline constexpr ImU32 kHairline = IM_COL32(200, 60, 40, 200);
inline constexpr ImU32 kBrushRing = IM_COL32(20, 20, 20, 160);
inline constexpr ImU32 kGuide = IM_COL32(30, 110, 160, 150);        // hairline height marks
// Hairline control points: given (filled), their mirror images (hollow), the one under the pointer.
inline constexpr ImU32 kHandle = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kHandleHot = IM_COL32(255, 214, 120, 255);
inline constexpr ImU32 kHandleOutline = IM_COL32(200, 60, 40, 255);
inline constexpr ImU32 kHandleMirror = IM_COL32(200, 60, 40, 170);
inline constexpr ImU32 kHandleGuide = IM_COL32(200, 60, 40, 90);
// Scars: their outline on the canvas, the one selected in the panel, and a path being drawn.
inline constexpr ImU32 kScar = IM_COL32(120, 40, 120, 200);
inline constexpr ImU32 kScarSelected = IM_COL32(180, 40, 180, 255);
inline constexpr ImU32 kScarDrawing = IM_COL32(180, 40, 180, 220);
inline constexpr ImVec4 kErrorText = ImVec4(0.75f, 0.15f, 0.10f, 1.0f);
inline constexpr ImVec4 kWarningText = ImVec4(0.62f, 0.40f, 0.05f, 1.0f);
// Healed preview: skin tones from light to dark (a Fitzpatrick-like range), and the near-black
// that carbon pigment heals to.
struct SkinTone {
    const char* name;
    unsigned char r, g, b;
};
inline constexpr SkinTone kSkinTones[] = {
    {"Light", 241, 214, 196}, {"Light-medium", 226, 188, 160}, {"Medium", 198, 150, 114},
    {"Tan", 160, 113, 82}, {"Dark", 108, 74, 56}};
inline constexpr int kSkinToneCount = 5;
inline constexpr unsigned char kHealedInk[3] = {34, 36, 42};
// Carbon that has migrated over the years reads blue-grey (DOMAIN.md: the clients' first worry).
inline constexpr unsigned char kFadedInk[3] = {70, 84, 108};

// Plan view: dots coloured by the session that places them (up to 8 sessions).
inline constexpr ImU32 kSessionColors[8] = {
    IM_COL32(32, 96, 168, 255), IM_COL32(22, 140, 96, 255), IM_COL32(196, 84, 36, 255), IM_COL32(120, 64, 160, 255),
    IM_COL32(160, 40, 90, 255), IM_COL32(90, 110, 30, 255), IM_COL32(40, 40, 40, 255), IM_COL32(150, 120, 20, 255)};

struct Fonts {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
};

// Rebuilds the font atlas and the style for `scale` physical px per logical px. The caller
// re-uploads the font texture afterwards (the renderer owns it).
Fonts Rebuild(float scale);

// The fonts of the last Rebuild().
const Fonts& CurrentFonts();

}  // namespace smp::theme

namespace smp {

// A hint in the disabled colour, wrapped to the panel.
inline void HintText(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

}  // namespace smp::theme
