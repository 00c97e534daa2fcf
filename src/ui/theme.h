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
