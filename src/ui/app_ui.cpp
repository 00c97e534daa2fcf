// smp ui: the designer's screen.
//
// [SECTION] Set-up and scale
// [SECTION] Menu bar
// [SECTION] Side panel
// [SECTION] Screen
#include "ui/app_ui.h"

#include "core/version.h"
#include "imgui.h"
#include "ui/canvas.h"
#include "ui/theme.h"

#include "core/presets.h"
#include "document/document.h"
#include "ui/accessibility.h"
#include "ui/app_actions.h"
#include "ui/widget_edit.h"
#include "ui/tools/scar_tool.h"
#include "ui/tools/tools.h"
#include "ui/sessions_panel.h"
#include "ui/share_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

namespace smp {
namespace {

constexpr float kSidePanelLogicalPx = 320.0f;

void Heading(const char* text) {
    ImGui::Spacing();
    ImGui::PushFont(theme::CurrentFonts().heading);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
    ImGui::Separator();
}

void HandleShortcuts(AppState& app) {
    // Single-key shortcuts only while no text field has the keyboard.
    if (ImGui::GetIO().WantTextInput) return;
    const bool files = app.page.embed_mode == EmbedMode::kFull;   // a clinic's visitor saves nothing
    if (files && ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_S)) SaveDesignFile(app);
    if (files && ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_O)) {
        if (!(app.host.pick_file_to_open && app.host.pick_file_to_open())) app.screen.show_open_path = true;
    }
    if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiMod_Shift | ImGuiKey_Z) ||
        ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_Y)) {
        Redo(app);
    } else if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_Z)) {
        Undo(app);
    }
    if (ImGui::GetIO().KeyCtrl || ImGui::GetIO().KeySuper) return;
    if (ImGui::IsKeyPressed(ImGuiKey_F, false)) FitScalpToView(app);
    if (ImGui::IsKeyPressed(ImGuiKey_G, false)) app.view.show_grid = !app.view.show_grid;
    if (ImGui::IsKeyPressed(ImGuiKey_D, false)) app.view.show_dots = !app.view.show_dots;
    if (ImGui::IsKeyPressed(ImGuiKey_M, false)) app.view.show_heatmap = !app.view.show_heatmap;
    if (ImGui::IsKeyPressed(ImGuiKey_LeftBracket)) app.tools.radius_mm = std::max(1.0f, app.tools.radius_mm / 1.2f);
    if (ImGui::IsKeyPressed(ImGuiKey_RightBracket)) app.tools.radius_mm = std::min(40.0f, app.tools.radius_mm * 1.2f);
    if (ReadOnly(app)) return;   // a shared design or a viewer: no tools
    for (const ToolDef* tool : AllTools()) {
        if (ImGui::IsKeyPressed(tool->key, false) && ToolAllowed(app, *tool)) SetTool(app, *tool);
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
    const Status started = Replace(app, NewDesign(app.doc.design), "new design");
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
            if (app.doc.history.CanUndo()) app.screen.pending_new_design = true;
            else StartNewDesign(app);
        }
        ImGui::SetItemTooltip("An empty design on the same head, to paint from scratch");
        DrawFileMenuItems(app);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Edit", !ReadOnly(app))) {
        const std::string undo = app.doc.history.CanUndo() ? "Undo " + app.doc.history.UndoLabel() : std::string("Undo");
        const std::string redo = app.doc.history.CanRedo() ? "Redo " + app.doc.history.RedoLabel() : std::string("Redo");
        if (ImGui::MenuItem(undo.c_str(), "Ctrl+Z", false, app.doc.history.CanUndo())) Undo(app);
        if (ImGui::MenuItem(redo.c_str(), "Shift+Ctrl+Z", false, app.doc.history.CanRedo())) Redo(app);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        if (ImGui::MenuItem("Fit scalp to view", "F")) FitScalpToView(app);
        ImGui::MenuItem("Millimetre grid", "G", &app.view.show_grid);
        ImGui::MenuItem("Density heat map", "M", &app.view.show_heatmap);
        ImGui::MenuItem("Dots", "D", &app.view.show_dots);
        ImGui::MenuItem("Zones and landmarks", nullptr, &app.view.show_zones);
        ImGui::MenuItem("Hairline guides", nullptr, &app.view.show_guides);
        DrawThemeMenu(app);   // ui/accessibility.cpp
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("About SMP Designer")) app.screen.show_about = true;
        ImGui::EndMenu();
    }
    ImGui::EndMenuBar();
}

// "Replace your design?" before a preset or a new design goes over edits.
void DrawReplaceConfirmation(AppState& app) {
    const bool pending = !app.screen.pending_preset.empty() || app.screen.pending_new_design;
    if (pending && !ImGui::IsPopupOpen("Replace the design?")) ImGui::OpenPopup("Replace the design?");
    const ImVec2 center = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(380.0f * app.ui_scale, 0.0f));
    if (ImGui::BeginPopupModal("Replace the design?", nullptr, ImGuiWindowFlags_NoResize)) {
        const bool new_design = app.screen.pending_new_design;
        ImGui::TextWrapped("%s", new_design ? "Start a new, empty design in place of yours? Your edits stay in the history: Edit > Undo brings them back."
                                      : "Open the preset in place of your design? Your edits stay in the history: Edit > Undo brings them back.");
        ImGui::Spacing();
        if (ImGui::Button(new_design ? "Start new" : "Open preset")) {
            if (new_design) {
                StartNewDesign(app);
            } else {
                const Status loaded = LoadDesign(app, app.screen.pending_preset);
                ReportEditStatus(app, loaded);
            }
            app.screen.pending_preset.clear();
            app.screen.pending_new_design = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Keep my design") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
            app.screen.pending_preset.clear();
            app.screen.pending_new_design = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

void DrawAboutPopup(AppState& app) {
    if (app.screen.show_about) {
        ImGui::OpenPopup("About SMP Designer");
        app.screen.show_about = false;
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
    if (!app.screen.last_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
        ImGui::TextWrapped("%s", app.screen.last_error.c_str());
        ImGui::PopStyleColor();
    } else if (!app.screen.status.empty()) {
        HintText(app.screen.status.c_str());
    }
}

void DrawPresetPicker(AppState& app) {
    const std::string& title = app.doc.design.title;
    if (ImGui::BeginCombo("##preset", title.empty() ? "Untitled design" : title.c_str())) {
        for (const PresetInfo& preset : ListPresets()) {
            if (ImGui::Selectable(preset.title.c_str(), preset.title == title)) {
                if (app.doc.history.CanUndo()) {
                    // There are edits: ask first (the replacement can be undone, but say so).
                    app.screen.pending_preset = preset.name;
                } else {
                    const Status loaded = LoadDesign(app, preset.name);
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
    for (const ToolDef* tool : AllTools()) {
        if (!ToolAllowed(app, *tool)) continue;
        const bool active = app.tools.active == tool;
        if (shown++ % 4 != 0) ImGui::SameLine();
        if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::Button(tool->label, ImVec2(width, 0.0f))) SetTool(app, *tool);
        if (active) ImGui::PopStyleColor();
        ImGui::SetItemTooltip("%s", tool->tip);
    }
    ImGui::BeginDisabled(!app.doc.history.CanUndo());
    if (ImGui::Button("Undo", ImVec2(width * 2.0f + ImGui::GetStyle().ItemSpacing.x, 0.0f))) Undo(app);
    ImGui::SetItemTooltip("Undo %s (Ctrl+Z)", app.doc.history.UndoLabel().c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!app.doc.history.CanRedo());
    if (ImGui::Button("Redo", ImVec2(-1.0f, 0.0f))) Redo(app);
    ImGui::SetItemTooltip("Redo %s (Shift+Ctrl+Z)", app.doc.history.RedoLabel().c_str());
    ImGui::EndDisabled();
}

void DrawToolSettings(AppState& app) {
    if (app.tools.active) app.tools.active->settings(app);
}

void DrawPreviewSection(AppState& app) {
    const Document& design = app.doc;
    PreviewSettings& preview = app.view.preview;
    for (const PreviewRow& row : kPreviews) {
        if (&row != &kPreviews[0]) ImGui::SameLine();
        if (ImGui::RadioButton(row.label, preview.mode == row.mode)) preview.mode = row.mode;
        ImGui::SetItemTooltip("%s", row.tooltip);
    }
    const PreviewRow& shown = Preview(preview.mode);
    if (shown.after_session) {
        const int session_count = static_cast<int>(design.design.sessions.size());
        if (preview.up_to_session < 1 || preview.up_to_session > session_count) preview.up_to_session = session_count;
        ImGui::SliderInt("After session", &preview.up_to_session, 1, session_count);
    }
    if (shown.skin && ImGui::BeginCombo("Skin", kSkinTones[preview.skin_tone].name)) {
        for (int i = 0; i < kSkinToneCount; ++i) {
            if (ImGui::Selectable(kSkinTones[i].name, i == preview.skin_tone)) preview.skin_tone = i;
        }
        ImGui::EndCombo();
    }
    if (shown.uses_years) ImGui::SliderFloat("Years", &preview.years, 0.0f, kMaxFadedYears, "%.0f");
    if (shown.skin) ImGui::SliderFloat("Seen from", &preview.viewing_distance_m, 0.0f, 3.0f, preview.viewing_distance_m > 0.0f ? "%.1f m" : "close up");
}

void DrawViewSection(AppState& app) {
    const double px_per_mm_logical = app.view.transform.pixels_per_mm / app.ui_scale;
    ImGui::Text("Zoom: %.2f px/mm", px_per_mm_logical);
    ImGui::Text("Grid: %g mm", GridStepMm(app.view.transform.pixels_per_mm, 9.0 * app.ui_scale));
    if (app.pointer.hovering) {
        ImGui::Text("Pointer: %.1f, %.1f mm", app.pointer.hover_mm.x(), app.pointer.hover_mm.y());
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
    const bool shared = app.doc.client_view;
    ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.58f);
    Heading(shared ? "Shared design" : "Design");
    const Design& design = app.doc.design;
    ImGui::PushFont(theme::CurrentFonts().heading);
    ImGui::TextWrapped("%s", design.title.empty() ? "Untitled design" : design.title.c_str());
    ImGui::PopFont();
    if (!design.notes.empty()) ImGui::TextWrapped("%s", design.notes.c_str());
    ImGui::Text("%lld dots over %zu sessions", static_cast<long long>(app.doc.total_dots), design.sessions.size());
    HintText(shared ? "You are looking at a design someone shared with you. It cannot be changed here."
                    : "A design to look at: choose how it looks healed, on your skin tone, after each session.");
    const bool can_edit = app.page.embed_mode != EmbedMode::kViewer;
    if (shared && can_edit && ImGui::Button("Edit a copy", ImVec2(-1.0f, 0.0f))) ReportEditStatus(app, EditCopy(app));
    if (shared && can_edit) ImGui::SetItemTooltip("Make this design yours to change; the link stays as it was");
    if (shared && app.doc.design_before_link) {
        if (ImGui::Button("Back to my design", ImVec2(-1.0f, 0.0f))) (void)BackToMyDesign(app);
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
    ImGui::Text("%lld dots over %zu sessions", static_cast<long long>(app.doc.total_dots), app.doc.design.sessions.size());
    Heading("Tools");
    DrawToolButtons(app);
    DrawToolSettings(app);
    if (ImGui::Button("Send to clinic", ImVec2(-1.0f, 0.0f))) SendToClinic(app);
    const ImVec2 send_min = ImGui::GetItemRectMin(), send_max = ImGui::GetItemRectMax();
    app.screen.send_button_px = Vec2(0.5 * (send_min.x + send_max.x), 0.5 * (send_min.y + send_max.y));
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
    if (app.page.embed_mode == EmbedMode::kClient) {
        DrawVisitorPanel(app);
        return;
    }
    // Widgets take a little over half the width; their labels the rest.
    ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.58f);
    Heading("Design");
    ImGui::SetNextItemWidth(-1.0f);
    DrawPresetPicker(app);
    // After the picker: it may have just replaced the design and its compiled field.
    const Document& design = app.doc;
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
    if (app.tools.active && (app.tools.active->marks & kToolMarksScars)) ImGui::SetNextItemOpen(true);
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
    app.doc = Document{};
    // The shipped presets are tested to load and generate; a failure here is a programming error.
    const Status loaded = LoadDesign(app, kStartPreset);
    IM_ASSERT(loaded.ok());
    (void)loaded;
    app.doc.history.Clear();   // opening the app is not an edit to undo
    app.view = ViewSettings{};
    app.tools.active = &HandTool();
    ImGui::GetIO().IniFilename = nullptr;   // the layout is fixed; nothing to persist in imgui.ini
}

void InitRenderer(AppState& app, const char* glsl_version_line) {
    auto renderer = std::make_unique<DotRenderer>();
    const Status ready = renderer->Init(glsl_version_line);
    if (!ready.ok()) {
        std::fprintf(stderr, "smp-designer: %s\n", ready.message().c_str());
        return;
    }
    app.canvas.dots = std::move(renderer);
    app.canvas.uploaded_revision = ~0ull;
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
    if (!app.tools.active || !ToolAllowed(app, *app.tools.active)) SetTool(app, HandTool());
    DrawMenuBar(app);
    HandleShortcuts(app);

    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, style.WindowPadding);
    // On a narrow screen (a phone) the panel gives way so the canvas keeps most of the width.
    const float panel_w = std::min(kSidePanelLogicalPx * app.ui_scale, viewport->WorkSize.x * 0.4f);
    ImGui::BeginChild("side_panel", ImVec2(panel_w, 0.0f),
                      ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
    KeyboardPanelHook(app);   // ui/accessibility.cpp: where the keyboard lands from the page's Tab
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
    if (app.doc.live_edit_before && !ImGui::IsAnyItemActive()) EndLiveEdit(app.doc);
}

}  // namespace smp
