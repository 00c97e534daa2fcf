#include "ui/theme.h"

#include "export/embedded_fonts.h"
#include "ui/glyph_ranges.h"

namespace smp::theme {
namespace {

Fonts g_fonts;
ImVec4 g_accent(0.16f, 0.42f, 0.55f, 1.0f);   // a calm clinical teal, unless a clinic chooses
bool g_dark = false;
bool g_touch = false;
bool g_reduced_motion = false;

ImFont* AddEmbeddedFont(const unsigned char* data, std::size_t size, float size_px) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;   // static data: the atlas must not free it
    // Horizontal oversampling sharpens text positioned between pixels at 1x; from 2x device
    // pixels per CSS pixel it shows nothing, and would double the glyphs the atlas rasterizes at
    // the start (the phone's first frame).
    config.OversampleH = size_px >= 2.0f * kBaseFontSizePx ? 1 : 2;
    config.OversampleV = 1;
    // ImGui takes a non-const pointer but only reads the data when the atlas does not own it. It
    // bakes kGlyphRanges: exactly the characters the build kept in the fonts.
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(data),
                                                      static_cast<int>(size), size_px, &config, kGlyphRanges);
}

void ApplyStyle(float scale) {
    ImGuiStyle style;
    if (g_dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);
    style.WindowRounding = 0.0f;
    style.ChildRounding = 6.0f;
    style.FrameRounding = 5.0f;
    style.GrabRounding = 5.0f;
    style.PopupRounding = 6.0f;
    style.FramePadding = ImVec2(8.0f, 5.0f);
    style.ItemSpacing = ImVec2(8.0f, 7.0f);
    style.WindowPadding = ImVec2(12.0f, 10.0f);
    if (g_touch) {
        // Frames a finger can hit, and room between them so it hits the right one.
        style.FramePadding = ImVec2(12.0f, 0.5f * (kTouchTargetPx - kBaseFontSizePx));
        style.ItemSpacing = ImVec2(10.0f, 10.0f);
        style.ItemInnerSpacing = ImVec2(10.0f, 6.0f);
        style.GrabMinSize = 28.0f;
        style.ScrollbarSize = 16.0f;
        style.TouchExtraPadding = ImVec2(2.0f, 2.0f);
        style.SelectableTextAlign = ImVec2(0.0f, 0.5f);   // a finger-tall choice (Choice) keeps its label centred
    }
    ImVec4* c = style.Colors;
    const ImVec4 accent = g_accent;
    c[ImGuiCol_WindowBg] = g_dark ? ImVec4(0.11f, 0.12f, 0.13f, 1.0f) : ImVec4(0.975f, 0.975f, 0.98f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
    // Menus, combo lists and dialogs opaque: ImGui's light and dark styles let 2 and 6 % of what is
    // under them through, and on a phone a list over the sheet showed its text as ghosts.
    c[ImGuiCol_PopupBg].w = 1.0f;
    c[ImGuiCol_MenuBarBg] = g_dark ? ImVec4(0.15f, 0.16f, 0.17f, 1.0f) : ImVec4(0.93f, 0.94f, 0.95f, 1.0f);
    // Everything ImGui tints (its own blue) in the accent, at these opacities: a clinic's colour
    // reaches a field under the finger, a slider held and selected text too, not the buttons only.
    struct AccentTint {
        ImGuiCol colour;
        float alpha;
    };
    static constexpr AccentTint kAccentTints[] = {
        {ImGuiCol_Button, 0.14f},         {ImGuiCol_ButtonHovered, 0.30f},  {ImGuiCol_ButtonActive, 0.45f},
        {ImGuiCol_Header, 0.16f},         {ImGuiCol_HeaderHovered, 0.28f},  {ImGuiCol_HeaderActive, 0.40f},
        {ImGuiCol_FrameBgHovered, 0.22f}, {ImGuiCol_FrameBgActive, 0.36f},  {ImGuiCol_TextSelectedBg, 0.30f},
        {ImGuiCol_SeparatorHovered, 0.60f}, {ImGuiCol_SeparatorActive, 1.0f}, {ImGuiCol_CheckMark, 1.0f},
        {ImGuiCol_SliderGrab, 1.0f},      {ImGuiCol_SliderGrabActive, 1.0f}, {ImGuiCol_NavHighlight, 1.0f},
        {ImGuiCol_TableHeaderBg, 0.20f},
    };
    for (const AccentTint& tint : kAccentTints) c[tint.colour] = ImVec4(accent.x, accent.y, accent.z, tint.alpha);
    // Hints, the disclaimer and menu shortcuts: ImGui's greys (0.60 light, 0.50 dark) are 2.7:1
    // and 4.2:1 on the panel, too faint to read on a phone in daylight; these are 5.2:1 and 6.0:1
    // (WCAG asks 4.5:1).
    c[ImGuiCol_TextDisabled] = g_dark ? ImVec4(0.60f, 0.61f, 0.63f, 1.0f) : ImVec4(0.40f, 0.41f, 0.43f, 1.0f);
    // Fields, sliders, check boxes and radio buttons a shade off the panel, in grey: ImGui's white
    // frames on the almost white panel left an unchosen option looking like plain text, and its
    // dark style's are navy whatever the accent.
    c[ImGuiCol_FrameBg] = g_dark ? ImVec4(0.20f, 0.21f, 0.23f, 1.0f) : ImVec4(0.89f, 0.90f, 0.92f, 1.0f);
    c[ImGuiCol_Separator] = g_dark ? ImVec4(1.0f, 1.0f, 1.0f, 0.12f) : ImVec4(0.0f, 0.0f, 0.0f, 0.10f);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace

Fonts Rebuild(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    g_fonts.body = AddEmbeddedFont(embedded::kInterRegularOtf, embedded::kInterRegularOtfSize,
                                   kBaseFontSizePx * scale);
    g_fonts.heading = AddEmbeddedFont(embedded::kInterSemiBoldOtf, embedded::kInterSemiBoldOtfSize,
                                      kBaseFontSizePx * scale);
    io.FontDefault = g_fonts.body;
    ApplyStyle(scale);
    return g_fonts;
}

const Fonts& CurrentFonts() { return g_fonts; }

void SetTouch(bool touch, float scale) {
    if (touch == g_touch) return;
    g_touch = touch;
    if (scale > 0.0f) ApplyStyle(scale);
}

bool Touch() { return g_touch; }

float ControlHeight() { return ImGui::GetFrameHeight(); }

void SetTheme(const ImVec4& accent, bool dark, float scale) {
    g_accent = accent;
    g_dark = dark;
    if (scale > 0.0f) ApplyStyle(scale);
}

ImVec4 Accent() { return g_accent; }

bool Dark() { return g_dark; }

// Contrasts worked out from the colours (WCAG): on the light panel (249, 249, 250) the error reads
// at 5.7:1 and the warning at 4.6:1; on the dark panel (28, 31, 33) at 6.4 and 9.2:1 (the light
// theme's red and ochre would be 2.8 and 3.4:1 there). The dark canvas is a shade under the dark
// panel, so the scalp and the head stand out of it (the skin at 11.8:1) as from the light one.
constexpr Palette kLightPalette{ToImU32(kCanvasBackgroundRgba), IM_COL32(40, 44, 52, 255),
                                IM_COL32(191, 38, 26, 255), IM_COL32(158, 102, 13, 255)};
constexpr Palette kDarkPalette{IM_COL32(22, 24, 27, 255), IM_COL32(222, 225, 230, 255),
                               IM_COL32(255, 120, 107, 255), IM_COL32(240, 184, 77, 255)};

const Palette& Colours() { return g_dark ? kDarkPalette : kLightPalette; }

void SetReducedMotion(bool reduced) {
    g_reduced_motion = reduced;
    ImGui::GetIO().ConfigInputTextCursorBlink = !reduced;
}

bool ReducedMotion() { return g_reduced_motion; }

}  // namespace smp::theme

namespace smp {

bool Choice(const char* label, bool selected) {
    return ImGui::Selectable(label, selected, ImGuiSelectableFlags_None, ImVec2(0.0f, theme::Touch() ? theme::ControlHeight() : 0.0f));
}

bool BeginChoices(const char* label, const char* preview) {
    return ImGui::BeginCombo(label, preview, theme::Touch() ? ImGuiComboFlags_HeightLargest : ImGuiComboFlags_None);
}

}  // namespace smp
