// smp ui: the designer's screen.
//
// [SECTION] Set-up and scale
// [SECTION] Menu bar
// [SECTION] Side panel
// [SECTION] Screen
// [SECTION] Stats for automation
#include "ui/app_ui.h"

#include "core/version.h"
#include "imgui.h"
#include "ui/canvas.h"
#include "ui/theme.h"

#include "core/presets.h"
#include "ui/document.h"
#include "ui/widget_edit.h"
#include "ui/hairline_tool.h"
#include "ui/scar_tool.h"
#include "ui/sessions_panel.h"
#include "ui/share_panel.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

namespace smp {
namespace {

// The WebAssembly memory the app holds, MiB: it grows and never shrinks, so this is also its peak
// (stats(), `make bench`). 0 on the desktop, where the operating system keeps count.
double WasmMemoryMiB() {
#if defined(__wasm__)
    return static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0 / (1 << 20);
#else
    return 0.0;
#endif
}

constexpr float kSidePanelLogicalPx = 320.0f;

void Heading(const char* text) {
    ImGui::Spacing();
    ImGui::PushFont(theme::CurrentFonts().heading);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
    ImGui::Separator();
}

struct ToolInfo {
    Tool tool;
    const char* name;    // in stats()
    const char* label;
    const char* tip;
    ImGuiKey key;
};
constexpr ToolInfo kTools[] = {
    {Tool::kPan, "pan", "Pan", "Look around: drag to move the view (H). The middle button or Space pans with any tool", ImGuiKey_H},
    {Tool::kBrush, "brush", "Brush", "Paint a target density; a pen paints lighter as it presses less (B)", ImGuiKey_B},
    {Tool::kEraser, "eraser", "Erase", "Clear dots under the brush (E)", ImGuiKey_E},
    {Tool::kSmooth, "smooth", "Smooth", "Even out the density under the brush (S)", ImGuiKey_S},
    {Tool::kZoneFill, "zone_fill", "Fill", "Click a zone to set it to the density (Z)", ImGuiKey_Z},
    {Tool::kHairline, "hairline", "Hairline", "Shape the hairline: drag its points (L)", ImGuiKey_L},
    {Tool::kScarStrip, "scar_strip", "Strip", "Trace a linear FUT scar (T)", ImGuiKey_T},
    {Tool::kScarField, "scar_field", "FUE", "Outline an area of FUE punch scars (U)", ImGuiKey_U},
};

// An embedded client mode keeps to the simple tools: look, paint, erase, shape the hairline.
bool ToolAllowed(const AppState& app, Tool tool) {
    if (app.view.embed_mode != EmbedMode::kClient) return true;
    return tool == Tool::kPan || tool == Tool::kBrush || tool == Tool::kEraser || tool == Tool::kHairline;
}

void HandleShortcuts(AppState& app) {
    // Single-key shortcuts only while no text field has the keyboard.
    if (ImGui::GetIO().WantTextInput) return;
    const bool files = app.view.embed_mode == EmbedMode::kFull;   // a clinic's visitor saves nothing
    if (files && ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_S)) SaveDesignFile(app);
    if (files && ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_O)) {
        if (!(app.host.pick_file_to_open && app.host.pick_file_to_open())) app.view.show_open_path = true;
    }
    if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiMod_Shift | ImGuiKey_Z) ||
        ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_Y)) {
        RedoEdit(app);
    } else if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_Z)) {
        UndoEdit(app);
    }
    if (ImGui::GetIO().KeyCtrl || ImGui::GetIO().KeySuper) return;
    if (ImGui::IsKeyPressed(ImGuiKey_F, false)) FitScalpToView(app);
    if (ImGui::IsKeyPressed(ImGuiKey_G, false)) app.view.show_grid = !app.view.show_grid;
    if (ImGui::IsKeyPressed(ImGuiKey_D, false)) app.view.show_dots = !app.view.show_dots;
    if (ImGui::IsKeyPressed(ImGuiKey_M, false)) app.view.show_heatmap = !app.view.show_heatmap;
    if (ImGui::IsKeyPressed(ImGuiKey_LeftBracket)) app.tool.radius_mm = std::max(1.0f, app.tool.radius_mm / 1.2f);
    if (ImGui::IsKeyPressed(ImGuiKey_RightBracket)) app.tool.radius_mm = std::min(40.0f, app.tool.radius_mm * 1.2f);
    if (ReadOnly(app)) return;   // a shared design or a viewer: no tools
    for (const ToolInfo& info : kTools) {
        if (ImGui::IsKeyPressed(info.key, false) && ToolAllowed(app, info.tool)) SetTool(app, info.tool);
    }
}

// A new, empty design on the same head: no density yet, the default sessions, a fresh seed (so two
// clients started from scratch never share a pattern).
Design NewDesign(const Design& current) {
    Design design;
    design.title = "New design";
    design.template_spec = current.template_spec;
    design.mode = current.mode;
    design.dots_per_minute = current.dots_per_minute;
    design.sessions = DefaultSessions(false);
    std::random_device entropy;
    design.seed = entropy();
    return design;
}

void StartNewDesign(AppState& app) {
    const Status started = ReplaceDesign(app, NewDesign(app.design.design), "new design");
    ReportEditStatus(app, started);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Menu bar
// ---------------------------------------------------------------------------------------------

void DrawMenuBar(AppState& app) {
    if (!ImGui::BeginMenuBar()) return;
    ImGui::PushFont(theme::CurrentFonts().heading);
    ImGui::TextUnformatted(kProductName);
    ImGui::PopFont();
    ImGui::Spacing();
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("New design", nullptr, false, !ReadOnly(app))) {
            // With edits, ask first (the replacement can be undone, but say so).
            if (app.history.CanUndo()) app.view.pending_new_design = true;
            else StartNewDesign(app);
        }
        ImGui::SetItemTooltip("An empty design on the same head, to paint from scratch");
        DrawFileMenuItems(app);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Edit", !ReadOnly(app))) {
        const std::string undo = app.history.CanUndo() ? "Undo " + app.history.UndoLabel() : std::string("Undo");
        const std::string redo = app.history.CanRedo() ? "Redo " + app.history.RedoLabel() : std::string("Redo");
        if (ImGui::MenuItem(undo.c_str(), "Ctrl+Z", false, app.history.CanUndo())) UndoEdit(app);
        if (ImGui::MenuItem(redo.c_str(), "Shift+Ctrl+Z", false, app.history.CanRedo())) RedoEdit(app);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        if (ImGui::MenuItem("Fit scalp to view", "F")) FitScalpToView(app);
        ImGui::MenuItem("Millimetre grid", "G", &app.view.show_grid);
        ImGui::MenuItem("Density heat map", "M", &app.view.show_heatmap);
        ImGui::MenuItem("Dots", "D", &app.view.show_dots);
        ImGui::MenuItem("Zones and landmarks", nullptr, &app.view.show_zones);
        ImGui::MenuItem("Hairline guides", nullptr, &app.view.show_guides);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("About SMP Designer")) app.view.show_about = true;
        ImGui::EndMenu();
    }
    ImGui::EndMenuBar();
}

// "Replace your design?" before a preset or a new design goes over edits.
void DrawReplaceConfirmation(AppState& app) {
    const bool pending = !app.view.pending_preset.empty() || app.view.pending_new_design;
    if (pending && !ImGui::IsPopupOpen("Replace the design?")) ImGui::OpenPopup("Replace the design?");
    const ImVec2 center = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(380.0f * app.ui_scale, 0.0f));
    if (ImGui::BeginPopupModal("Replace the design?", nullptr, ImGuiWindowFlags_NoResize)) {
        const bool new_design = app.view.pending_new_design;
        ImGui::TextWrapped("%s", new_design ? "Start a new, empty design in place of yours? Your edits stay in the history: Edit > Undo brings them back."
                                      : "Open the preset in place of your design? Your edits stay in the history: Edit > Undo brings them back.");
        ImGui::Spacing();
        if (ImGui::Button(new_design ? "Start new" : "Open preset")) {
            if (new_design) {
                StartNewDesign(app);
            } else {
                const Status loaded = LoadDesignText(app, app.view.pending_preset);
                ReportEditStatus(app, loaded);
            }
            app.view.pending_preset.clear();
            app.view.pending_new_design = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Keep my design") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
            app.view.pending_preset.clear();
            app.view.pending_new_design = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

void DrawAboutPopup(AppState& app) {
    if (app.view.show_about) {
        ImGui::OpenPopup("About SMP Designer");
        app.view.show_about = false;
    }
    const ImVec2 center = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(420.0f * app.ui_scale, 0.0f));
    if (ImGui::BeginPopupModal("About SMP Designer", nullptr, ImGuiWindowFlags_NoResize)) {
        ImGui::Text("%s %s", kProductName, kVersion);
        ImGui::TextWrapped("Plans scalp-micropigmentation dot patterns: density, hairline, scars and sessions.");
        ImGui::Spacing();
        ImGui::TextWrapped("%s", kPreviewDisclaimer);
        ImGui::Spacing();
        if (ImGui::Button("Close", ImVec2(-1.0f, 0.0f)) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Side panel
// ---------------------------------------------------------------------------------------------

void DrawDisclaimerFooter() {
    // The disclaimer sits at the bottom of the panel, always visible.
    const float footer_h = ImGui::GetTextLineHeightWithSpacing() * 6.0f;
    const float free_h = ImGui::GetContentRegionAvail().y - footer_h;
    if (free_h > 0.0f) ImGui::Dummy(ImVec2(0.0f, free_h));
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", kPreviewDisclaimer);
    ImGui::PopStyleColor();
}

void DrawStatusLines(const AppState& app) {
    if (!app.view.last_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
        ImGui::TextWrapped("%s", app.view.last_error.c_str());
        ImGui::PopStyleColor();
    } else if (!app.view.status.empty()) {
        HintText(app.view.status.c_str());
    }
}

void DrawPresetPicker(AppState& app) {
    const std::string& title = app.design.design.title;
    if (ImGui::BeginCombo("##preset", title.empty() ? "Untitled design" : title.c_str())) {
        for (const PresetInfo& preset : ListPresets()) {
            if (ImGui::Selectable(preset.title.c_str(), preset.title == title)) {
                if (app.history.CanUndo()) {
                    // There are edits: ask first (the replacement can be undone, but say so).
                    app.view.pending_preset = preset.name;
                } else {
                    const Status loaded = LoadDesignText(app, preset.name);
                    ReportEditStatus(app, loaded);
                }
            }
            if (!preset.description.empty()) ImGui::SetItemTooltip("%s", preset.description.c_str());
        }
        ImGui::EndCombo();
    }
    DrawStatusLines(app);
}

void DrawToolButtons(AppState& app) {
    const float width = (ImGui::GetContentRegionAvail().x - 3.0f * ImGui::GetStyle().ItemSpacing.x) / 4.0f;
    size_t shown = 0;
    for (const ToolInfo& info : kTools) {
        if (!ToolAllowed(app, info.tool)) continue;
        const bool active = app.tool.tool == info.tool;
        if (shown++ % 4 != 0) ImGui::SameLine();
        if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::Button(info.label, ImVec2(width, 0.0f))) SetTool(app, info.tool);
        if (active) ImGui::PopStyleColor();
        ImGui::SetItemTooltip("%s", info.tip);
    }
    ImGui::BeginDisabled(!app.history.CanUndo());
    if (ImGui::Button("Undo", ImVec2(width * 2.0f + ImGui::GetStyle().ItemSpacing.x, 0.0f))) UndoEdit(app);
    ImGui::SetItemTooltip("Undo %s (Ctrl+Z)", app.history.UndoLabel().c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!app.history.CanRedo());
    if (ImGui::Button("Redo", ImVec2(-1.0f, 0.0f))) RedoEdit(app);
    ImGui::SetItemTooltip("Redo %s (Shift+Ctrl+Z)", app.history.RedoLabel().c_str());
    ImGui::EndDisabled();
}

// The density the brush and zone fill set, in dots/cm² or as a share of natural density (80 FU/cm²),
// as the practitioner prefers to think of it.
void DensitySlider(AppState& app) {
    ToolState& tool = app.tool;
    const float max_per_cm2 = static_cast<float>(kBrushMaxPerCm2);
    const float per_percent = static_cast<float>(kNaturalDensityPerCm2 / 100.0);
    ImGui::SetNextItemWidth(ImGui::CalcItemWidth() - ImGui::GetFrameHeight() * 2.0f);
    if (tool.strength_as_percent) {
        float percent = tool.strength_per_cm2 / per_percent;
        if (ImGui::SliderFloat("##density", &percent, 0.0f, max_per_cm2 / per_percent, "%.0f %% natural")) {
            tool.strength_per_cm2 = percent * per_percent;
        }
        ImGui::SetItemTooltip("%.0f dots/cm\xC2\xB2", tool.strength_per_cm2);
    } else {
        ImGui::SliderFloat("##density", &tool.strength_per_cm2, 0.0f, max_per_cm2, "%.0f dots/cm\xC2\xB2");
        ImGui::SetItemTooltip("%.0f %% of natural density (80 FU/cm\xC2\xB2)", tool.strength_per_cm2 / per_percent);
    }
    ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
    if (ImGui::Button(tool.strength_as_percent ? "%" : "/cm\xC2\xB2", ImVec2(ImGui::GetFrameHeight() * 2.0f - ImGui::GetStyle().ItemInnerSpacing.x, 0.0f))) {
        tool.strength_as_percent = !tool.strength_as_percent;
    }
    ImGui::SetItemTooltip("Show the density in dots/cm\xC2\xB2 or as %% of natural density");
    ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted("Density");
}

void DrawBrushSettings(AppState& app, bool density) {
    ImGui::SliderFloat("Radius", &app.tool.radius_mm, 1.0f, 40.0f, "%.0f mm");
    ImGui::SetItemTooltip("Brush radius ([ and ] change it)");
    if (density) DensitySlider(app);
    ImGui::SliderFloat("Softness", &app.tool.falloff, 0.0f, 1.0f, "%.2f");
    ImGui::SetItemTooltip("0: a hard edge; 1: soft from the centre out");
}

void DrawToolSettings(AppState& app) {
    switch (app.tool.tool) {
        case Tool::kPan:
            HintText("Drag to move, wheel or pinch to zoom, double-click to fit.");
            break;
        case Tool::kBrush: DrawBrushSettings(app, true); break;
        case Tool::kEraser: DrawBrushSettings(app, false); break;
        case Tool::kSmooth: DrawBrushSettings(app, false); break;
        case Tool::kZoneFill:
            DensitySlider(app);
            HintText("Click a zone to fill it; zone borders blend over 10 mm.");
            break;
        case Tool::kHairline: DrawHairlinePanel(app); break;
        case Tool::kScarStrip:
        case Tool::kScarField: DrawScarToolSettings(app); break;
    }
}

void DrawPreviewSection(AppState& app) {
    const DesignState& design = app.design;
    PreviewSettings& preview = app.view.preview;
    int mode = static_cast<int>(preview.mode);
    ImGui::RadioButton("Plan", &mode, 0);
    ImGui::SetItemTooltip("Dots coloured by the session that places them");
    ImGui::SameLine();
    ImGui::RadioButton("Healed", &mode, 1);
    ImGui::SetItemTooltip("The pigment on the skin, as it heals");
    ImGui::SameLine();
    ImGui::RadioButton("Faded", &mode, 2);
    ImGui::SetItemTooltip("Years later: lighter, drifting blue-grey");
    preview.mode = static_cast<PreviewMode>(mode);
    if (preview.mode != PreviewMode::kPlan) {
        const int session_count = static_cast<int>(design.design.sessions.size());
        if (preview.up_to_session < 1 || preview.up_to_session > session_count) preview.up_to_session = session_count;
        ImGui::SliderInt("After session", &preview.up_to_session, 1, session_count);
        if (ImGui::BeginCombo("Skin", kSkinTones[preview.skin_tone].name)) {
            for (int i = 0; i < kSkinToneCount; ++i) {
                if (ImGui::Selectable(kSkinTones[i].name, i == preview.skin_tone)) preview.skin_tone = i;
            }
            ImGui::EndCombo();
        }
        if (preview.mode == PreviewMode::kFaded) ImGui::SliderFloat("Years", &preview.years, 0.0f, 10.0f, "%.0f");
        ImGui::SliderFloat("Seen from", &preview.viewing_distance_m, 0.0f, 3.0f, preview.viewing_distance_m > 0.0f ? "%.1f m" : "close up");
    }

}

void DrawViewSection(AppState& app) {
    const double px_per_mm_logical = app.view.transform.pixels_per_mm / app.ui_scale;
    ImGui::Text("Zoom: %.2f px/mm", px_per_mm_logical);
    ImGui::Text("Grid: %g mm", GridStepMm(app.view.transform.pixels_per_mm, 9.0 * app.ui_scale));
    if (app.view.hovering) {
        ImGui::Text("Pointer: %.1f, %.1f mm", app.view.hover_mm.x(), app.view.hover_mm.y());
    } else {
        ImGui::TextDisabled("Pointer: off the canvas");
    }
    if (ImGui::Button("Fit scalp to view", ImVec2(-1.0f, 0.0f))) FitScalpToView(app);
    ImGui::SetItemTooltip("Shortcut: F, or double-click the canvas");
    ImGui::Checkbox("Millimetre grid", &app.view.show_grid);
    ImGui::SetItemTooltip("Shortcut: G");
    ImGui::Checkbox("Zones and landmarks", &app.view.show_zones);
    ImGui::Checkbox("Hairline guides", &app.view.show_guides);
    ImGui::SetItemTooltip("The midline and where the mid-frontal point sits 7, 8 and 10 cm above the glabella");
    ImGui::Checkbox("Density heat map", &app.view.show_heatmap);
    ImGui::SetItemTooltip("The target density in colour, from none (clear) to 150 dots/cm\xC2\xB2 (M)");
    if (app.view.show_heatmap) ImGui::SliderFloat("Opacity", &app.view.heatmap_opacity, 0.1f, 1.0f, "%.2f");
    ImGui::Checkbox("Dots", &app.view.show_dots);
    ImGui::SetItemTooltip("Shortcut: D");
    HintText("Drag with the middle button or hold Space to pan; wheel or pinch to zoom.");
}

// A design opened from a link: what the client came to see, and nothing that changes it.
void DrawClientPanel(AppState& app) {
    const bool shared = app.view.client_view;
    ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.58f);
    Heading(shared ? "Shared design" : "Design");
    const Design& design = app.design.design;
    ImGui::PushFont(theme::CurrentFonts().heading);
    ImGui::TextWrapped("%s", design.title.empty() ? "Untitled design" : design.title.c_str());
    ImGui::PopFont();
    if (!design.notes.empty()) ImGui::TextWrapped("%s", design.notes.c_str());
    ImGui::Text("%lld dots over %zu sessions", static_cast<long long>(app.design.total_dots), design.sessions.size());
    HintText(shared ? "You are looking at a design someone shared with you. It cannot be changed here."
                    : "A design to look at: choose how it looks healed, on your skin tone, after each session.");
    const bool can_edit = app.view.embed_mode != EmbedMode::kViewer;
    if (shared && can_edit && ImGui::Button("Edit a copy", ImVec2(-1.0f, 0.0f))) ReportEditStatus(app, EditSharedCopy(app));
    if (shared && can_edit) ImGui::SetItemTooltip("Make this design yours to change; the link stays as it was");
    if (shared && app.view.design_before_link) {
        if (ImGui::Button("Back to my design", ImVec2(-1.0f, 0.0f))) CloseClientView(app);
        ImGui::SetItemTooltip("Close the shared design and return to the one you had open");
    }
    DrawStatusLines(app);
    Heading("Sessions");
    DrawSessionFigures(app);
    Heading("Preview");
    DrawPreviewSection(app);
    DrawDisclaimerFooter();
    ImGui::PopItemWidth();
}

// An embedded designer in client mode (a clinic's visitor): a preset to start from, the simple
// tools, the result, and "Send to clinic".
void DrawVisitorPanel(AppState& app) {
    ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.58f);
    Heading("Your design");
    ImGui::SetNextItemWidth(-1.0f);
    DrawPresetPicker(app);
    ImGui::Text("%lld dots over %zu sessions", static_cast<long long>(app.design.total_dots), app.design.design.sessions.size());
    Heading("Tools");
    DrawToolButtons(app);
    DrawToolSettings(app);
    if (ImGui::Button("Send to clinic", ImVec2(-1.0f, 0.0f))) SendToClinic(app);
    const ImVec2 send_min = ImGui::GetItemRectMin(), send_max = ImGui::GetItemRectMax();
    app.view.send_button_px = Vec2(0.5 * (send_min.x + send_max.x), 0.5 * (send_min.y + send_max.y));
    ImGui::SetItemTooltip("Send this design to the clinic, to talk it through with a practitioner");
    if (ImGui::CollapsingHeader("Sessions")) DrawSessionFigures(app);
    if (ImGui::CollapsingHeader("Preview", ImGuiTreeNodeFlags_DefaultOpen)) DrawPreviewSection(app);
    DrawDisclaimerFooter();
    ImGui::PopItemWidth();
}

void DrawSidePanel(AppState& app) {
    if (ReadOnly(app)) {
        DrawClientPanel(app);
        return;
    }
    if (app.view.embed_mode == EmbedMode::kClient) {
        DrawVisitorPanel(app);
        return;
    }
    // Widgets take a little over half the width; their labels the rest.
    ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.58f);
    Heading("Design");
    ImGui::SetNextItemWidth(-1.0f);
    DrawPresetPicker(app);
    // After the picker: it may have just replaced the design and its compiled field.
    const DesignState& design = app.design;
    const DensityField& field = *design.pattern.field;
    ImGui::Text("Scalp: %.0f cm\xC2\xB2, %s", field.TemplateAreaCm2(),
                design.design.mode == TreatmentMode::kShaved ? "shaved look" : "density between hair");
    ImGui::Text("%lld dots over %zu sessions", static_cast<long long>(design.total_dots), design.design.sessions.size());
    for (const DesignWarning& warning : field.Warnings()) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarningText);
        ImGui::TextWrapped("%s", warning.message.c_str());
        ImGui::PopStyleColor();
    }

    Heading("Tools");
    DrawToolButtons(app);
    DrawToolSettings(app);

    if (ImGui::CollapsingHeader("Sessions", ImGuiTreeNodeFlags_DefaultOpen)) DrawSessionsPanel(app);
    // The list stays open while a scar tool is in hand: a new scar appears there, selected.
    if (app.tool.tool == Tool::kScarStrip || app.tool.tool == Tool::kScarField) ImGui::SetNextItemOpen(true);
    if (ImGui::CollapsingHeader("Scars")) DrawScarPanel(app);
    if (ImGui::CollapsingHeader("Head measurements")) DrawHeadPanel(app);

    if (ImGui::CollapsingHeader("Preview", ImGuiTreeNodeFlags_DefaultOpen)) DrawPreviewSection(app);
    if (ImGui::CollapsingHeader("View")) DrawViewSection(app);
    DrawDisclaimerFooter();
    ImGui::PopItemWidth();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Set-up and scale
// ---------------------------------------------------------------------------------------------

void InitApp(AppState& app) {
    app.design = DesignState{};
    // The shipped presets are tested to load and generate; a failure here is a programming error.
    const Status loaded = LoadDesignText(app, kStartPreset);
    IM_ASSERT(loaded.ok());
    (void)loaded;
    app.history.Clear();   // opening the app is not an edit to undo
    app.view = ViewState{};
    ImGui::GetIO().IniFilename = nullptr;   // the layout is fixed; nothing to persist in imgui.ini
}

void InitRenderer(AppState& app, const char* glsl_version_line) {
    auto renderer = std::make_unique<DotRenderer>();
    const Status ready = renderer->Init(glsl_version_line);
    if (!ready.ok()) {
        std::fprintf(stderr, "smp-designer: %s\n", ready.message().c_str());
        return;
    }
    app.dots = std::move(renderer);
    app.uploaded_revision = ~0ull;
}

bool ApplyContentScale(AppState& app, float content_scale) {
    const float scale = std::isfinite(content_scale) && content_scale > 0.25f ? content_scale : 1.0f;
    if (scale == app.ui_scale) return false;
    const float previous = app.ui_scale;
    app.ui_scale = scale;
    theme::Rebuild(scale);
    // Keep the same millimetres on screen at the same logical size when moving between screens.
    if (previous > 0.0f && !app.view.follow_fit) {
        app.view.transform.pixels_per_mm *= scale / previous;
        app.view.transform.origin_px *= scale / previous;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Screen
// ---------------------------------------------------------------------------------------------

void DrawApp(AppState& app) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.0f, 0.0f));
    ImGui::Begin("SMP Designer", nullptr, flags);
    ImGui::PopStyleVar();
    if (ReadOnly(app) && app.tool.tool != Tool::kPan) SetTool(app, Tool::kPan);
    if (!ToolAllowed(app, app.tool.tool)) SetTool(app, Tool::kPan);
    DrawMenuBar(app);
    HandleShortcuts(app);

    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, style.WindowPadding);
    // On a narrow screen (a phone) the panel gives way so the canvas keeps most of the width.
    const float panel_w = std::min(kSidePanelLogicalPx * app.ui_scale, viewport->WorkSize.x * 0.4f);
    ImGui::BeginChild("side_panel", ImVec2(panel_w, 0.0f),
                      ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
    DrawSidePanel(app);
    ImGui::EndChild();
    ImGui::PopStyleVar();

    ImGui::SameLine(0.0f, 0.0f);
    ImGui::BeginChild("canvas", ImVec2(0.0f, 0.0f), ImGuiChildFlags_None,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    DrawCanvas(app);
    ImGui::EndChild();

    DrawAboutPopup(app);
    DrawReplaceConfirmation(app);
    DrawShareWindow(app);
    DrawOpenPathWindow(app);
    DrawSheetWindow(app);
    ImGui::End();
    // A live edit whose widget went away while held (a panel closed, a tool changed) ends once
    // nothing is held: its undo step is recorded with its own "before".
    if (app.live_edit_before && !ImGui::IsAnyItemActive()) EndLiveEdit(app);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Stats for automation
// ---------------------------------------------------------------------------------------------

std::string StatsJson(const AppState& app) {
    // ImGui works in framebuffer pixels; the page speaks CSS pixels.
    const double css_per_px = app.ui_scale > 0.0f ? 1.0 / app.ui_scale : 1.0;
    const ViewState& view = app.view;
    const Vec2 scalp_min = view.canvas_origin_px + view.transform.MmToPixels(app.design.scalp_bounds_mm.min_mm);
    const Vec2 scalp_max = view.canvas_origin_px + view.transform.MmToPixels(app.design.scalp_bounds_mm.max_mm);
    auto rect = [&](const Vec2& lo, const Vec2& hi) {
        return nlohmann::json{{"x", lo.x() * css_per_px}, {"y", lo.y() * css_per_px},
                              {"width", (hi.x() - lo.x()) * css_per_px}, {"height", (hi.y() - lo.y()) * css_per_px}};
    };
    // The outline's leftmost, rightmost, frontmost and backmost points, for tests to look at.
    nlohmann::json outline_extremes = nlohmann::json::object();
    if (!app.design.scalp_outline_mm.empty()) {
        const std::vector<Vec2>& outline = app.design.scalp_outline_mm;
        auto extreme = [&](auto better) {
            Vec2 best = outline.front();
            for (const Vec2& p : outline) if (better(p, best)) best = p;
            const Vec2 px = view.canvas_origin_px + view.transform.MmToPixels(best);
            return nlohmann::json{px.x() * css_per_px, px.y() * css_per_px};
        };
        outline_extremes["left"] = extreme([](const Vec2& a, const Vec2& b) { return a.x() < b.x(); });
        outline_extremes["right"] = extreme([](const Vec2& a, const Vec2& b) { return a.x() > b.x(); });
        outline_extremes["front"] = extreme([](const Vec2& a, const Vec2& b) { return a.y() < b.y(); });
        outline_extremes["back"] = extreme([](const Vec2& a, const Vec2& b) { return a.y() > b.y(); });
    }
    // The hairline's control points on the page, for tests to grab: [x, y, mirrored].
    nlohmann::json handles = nlohmann::json::array();
    if (app.design.design.hairline) {
        std::vector<HairlineHandle> kinds;
        const std::vector<Vec2> positions = HairlineHandlePositionsMm(*app.design.design.hairline, DesignMidlineXMm(app), &kinds);
        for (size_t k = 0; k < positions.size(); ++k) {
            const Vec2 px = view.canvas_origin_px + view.transform.MmToPixels(positions[k]);
            handles.push_back({px.x() * css_per_px, px.y() * css_per_px, kinds[k].mirrored});
        }
    }
    nlohmann::json warnings = nlohmann::json::array();
    for (const DesignWarning& warning : app.design.pattern.field->Warnings()) warnings.push_back(warning.code);
    const char* tool_name = "pan";
    for (const ToolInfo& info : kTools) {
        if (info.tool == app.tool.tool) tool_name = info.name;
    }
    const nlohmann::json stats = {
        {"frames", app.stats.frames},
        {"frame_ms", app.stats.last_frame_ms},
        {"frame_interval_ms", app.stats.frame_interval_ms},
        {"device_pixel_ratio", app.ui_scale},
        {"pixels_per_mm", view.transform.pixels_per_mm * css_per_px},
        {"canvas_css", rect(view.canvas_origin_px, view.canvas_origin_px + view.canvas_size_px)},
        {"scalp_css", rect(scalp_min, scalp_max)},
        {"scalp_area_cm2", app.design.pattern.field->TemplateAreaCm2()},
        {"design_title", app.design.design.title},
        {"design_revision", app.design.revision},
        {"dots", app.design.total_dots},
        {"dots_drawn", app.dots ? static_cast<int64_t>(app.dots->DotCount()) : 0},
        {"outline_css", outline_extremes},
        {"brush", {{"updates", app.tool.updates}, {"last_update_ms", app.tool.last_update_ms},
                   {"max_update_ms", app.tool.max_update_ms}, {"stroke_first_update_ms", app.tool.stroke_first_update_ms}}},
        {"can_undo", app.history.CanUndo()},
        {"history_kib", static_cast<int64_t>(app.history.ApproximateBytes() / 1024)},
        {"memory_mib", WasmMemoryMiB()},
        {"view_mode", app.view.preview.mode == PreviewMode::kPlan ? "plan" : app.view.preview.mode == PreviewMode::kHealed ? "healed" : "faded"},
        {"can_redo", app.history.CanRedo()},
        {"tool", tool_name},
        {"hairline_handles_css", handles},
        {"warnings", warnings},
        {"heatmap", app.view.show_heatmap},
        {"error", app.view.last_error},
        {"status", app.view.status},
        {"client_view", app.view.client_view},
        {"document", app.design.document_serial},
        {"mode", app.view.embed_mode == EmbedMode::kFull ? "full" : app.view.embed_mode == EmbedMode::kClient ? "client" : "viewer"},
        {"recent_designs", app.view.recent.size()},
        {"share_status", app.view.share_status},
        {"share_copy_css", nlohmann::json{view.share_copy_button_px.x() * css_per_px, view.share_copy_button_px.y() * css_per_px}},
        {"send_css", nlohmann::json{view.send_button_px.x() * css_per_px, view.send_button_px.y() * css_per_px}},
    };
    return stats.dump();
}

}  // namespace smp
