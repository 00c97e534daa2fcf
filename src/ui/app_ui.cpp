// smp ui: the designer's screen.
//
// [SECTION] Set-up and scale
// [SECTION] Menu bar
// [SECTION] Side panel
// [SECTION] Screen
#include "ui/app_ui.h"

#include "core/version.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/canvas.h"
#include "ui/layout_audit.h"
#include "ui/numbers_text.h"
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
#include "ui/text_entry.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <random>
#include <span>
#include <string_view>

namespace smp {
namespace {

constexpr float kSidePanelLogicalPx = 320.0f;
// Below this width (CSS px: phones in portrait) the canvas takes the whole width and the panel
// becomes a bottom sheet; phones in landscape, tablets and desktops keep the side panel.
constexpr float kBottomSheetBelowLogicalPx = 700.0f;
// The expanded sheet's share of the height; the canvas keeps the rest.
constexpr float kExpandedSheetShare = 0.65f;

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

void DrawMenus(AppState& app);

void DrawMenuBar(AppState& app) {
    // On a touch screen the menus' titles and items are finger-sized: ImGui sizes a menu entry by
    // its text plus the item spacing.
    const float touch_spacing_y = theme::kTouchTargetPx * app.ui_scale - ImGui::GetFontSize();
    if (app.page.touch) ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(14.0f * app.ui_scale, touch_spacing_y));
    DrawMenus(app);
    if (app.page.touch) ImGui::PopStyleVar();
}

void DrawMenus(AppState& app) {
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
    // A shared design or a viewer has nothing to undo: no Edit menu at all, rather than a greyed one
    // that a client on a phone taps for nothing ("Edit a copy" is the way in, under the design).
    if (!ReadOnly(app) && ImGui::BeginMenu("Edit")) {
        const std::string undo = app.doc.history.CanUndo() ? "Undo " + app.doc.history.UndoLabel() : std::string("Undo");
        const std::string redo = app.doc.history.CanRedo() ? "Redo " + app.doc.history.RedoLabel() : std::string("Redo");
        if (ImGui::MenuItem(undo.c_str(), theme::KeyHint("Ctrl+Z"), false, app.doc.history.CanUndo())) Undo(app);
        if (ImGui::MenuItem(redo.c_str(), theme::KeyHint("Shift+Ctrl+Z"), false, app.doc.history.CanRedo())) Redo(app);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        if (ImGui::MenuItem("Fit scalp to view", theme::KeyHint("F"))) FitScalpToView(app);
        ImGui::MenuItem("Millimetre grid", theme::KeyHint("G"), &app.view.show_grid);
        ImGui::MenuItem("Density heat map", theme::KeyHint("M"), &app.view.show_heatmap);
        ImGui::MenuItem("Dots", theme::KeyHint("D"), &app.view.show_dots);
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
    PlaceDialog(380.0f * app.ui_scale, app.ui_scale);
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
    PlaceDialog(420.0f * app.ui_scale, app.ui_scale);
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
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Colours().error_text);
        ImGui::TextWrapped("%s", app.screen.last_error.c_str());
        ImGui::PopStyleColor();
    } else if (!app.screen.status.empty()) {
        HintText(app.screen.status.c_str());
    }
}

void DrawPresetPicker(AppState& app) {
    const std::string& title = app.doc.design.title;
    if (BeginChoices("##preset", title.empty() ? "Untitled design" : title.c_str())) {
        for (const PresetInfo& preset : ListPresets()) {
            if (Choice(preset.title.c_str(), preset.title == title)) {
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
    // A grid of equal buttons, as many columns as the widest label allows (four on a desktop's
    // panel, fewer with a finger's padding): labels are never cut.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float room = ImGui::GetContentRegionAvail().x;
    float widest = 0.0f;
    // A label may use one side's padding (ImGui clips a button's label to the button, not to its
    // padding), which keeps four columns on a desktop's panel.
    for (const ToolDef* tool : AllTools()) widest = std::max(widest, ImGui::CalcTextSize(tool->label).x + style.FramePadding.x);
    const int columns = std::clamp(static_cast<int>((room + style.ItemSpacing.x) / (widest + style.ItemSpacing.x)), 1, 4);
    const float width = (room - static_cast<float>(columns - 1) * style.ItemSpacing.x) / static_cast<float>(columns);
    size_t shown = 0;
    for (const ToolDef* tool : AllTools()) {
        if (!ToolAllowed(app, *tool)) continue;
        const bool active = app.tools.active == tool;
        if (shown++ % static_cast<size_t>(columns) != 0) ImGui::SameLine();
        if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::Button(tool->label, ImVec2(width, 0.0f))) SetTool(app, *tool);
        if (active) ImGui::PopStyleColor();
        ImGui::SetItemTooltip("%s", tool->tip);
    }
    ImGui::BeginDisabled(!app.doc.history.CanUndo());
    if (ImGui::Button("Undo", ImVec2((room - style.ItemSpacing.x) * 0.5f, 0.0f))) Undo(app);
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
    // One row when they fit, else as many rows as needed (a finger's radio buttons are wide).
    const ImGuiStyle& style = ImGui::GetStyle();
    const float room = ImGui::GetContentRegionAvail().x;
    float used = 0.0f;
    for (const PreviewRow& row : kPreviews) {
        const float width = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(row.label).x;
        if (used > 0.0f && used + style.ItemSpacing.x + width <= room) {
            ImGui::SameLine();
            used += style.ItemSpacing.x + width;
        } else {
            used = width;
        }
        if (ImGui::RadioButton(row.label, preview.mode == row.mode)) preview.mode = row.mode;
        ImGui::SetItemTooltip("%s", row.tooltip);
    }
    const PreviewRow& shown = Preview(preview.mode);
    if (shown.after_session) {
        const int session_count = static_cast<int>(design.design.sessions.size());
        if (preview.up_to_session < 1 || preview.up_to_session > session_count) preview.up_to_session = session_count;
        ImGui::SliderInt("After session", &preview.up_to_session, 1, session_count);
    }
    if (shown.skin && BeginChoices("Skin", kSkinTones[preview.skin_tone].name)) {
        for (int i = 0; i < kSkinToneCount; ++i) {
            if (Choice(kSkinTones[i].name, i == preview.skin_tone)) preview.skin_tone = i;
        }
        ImGui::EndCombo();
    }
    // The client's own hair, on the head only (the map has none; a photo shows the real one).
    const bool head_shown = app.view.canvas_view == CanvasView::kHead || app.view.canvas_view == CanvasView::kBoth;
    if (head_shown && BeginChoices("Hair", HairColourAt(preview.hair_colour).name)) {
        for (int i = 0; i < kHairColourCount; ++i) {
            if (Choice(kHairColours[i].name, i == preview.hair_colour)) preview.hair_colour = i;
        }
        ImGui::EndCombo();
    }
    if (shown.uses_years) ImGui::SliderFloat("Years", &preview.years, 0.0f, kMaxFadedYears, "%.0f");
    if (shown.skin) ImGui::SliderFloat("Seen from", &preview.viewing_distance_m, 0.0f, 3.0f, preview.viewing_distance_m > 0.0f ? "%.1f m" : "close up");
    // Where a client sets the look of their head, the way to keep it or send it on.
    if (head_shown) {
        if (ImGui::Button("Save a picture of the head", ImVec2(-1.0f, 0.0f))) RequestHeadPicture(app);
        ImGui::SetItemTooltip("%s", HeadPictureTooltip(app));
        const std::string& outcome = app.screen.head_picture_outcome;
        if (app.screen.head_picture_failed && !outcome.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme::Colours().error_text);
            ImGui::TextWrapped("%s", outcome.c_str());
            ImGui::PopStyleColor();
        } else if (!outcome.empty()) {
            HintText(outcome.c_str());
        }
    }
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

// --- Sections, shared by the side panel (wide screens) and the bottom sheet (phones) ------------

void DrawDesignSummary(AppState& app) {
    const Document& design = app.doc;
    const DensityField& field = *design.pattern.field;
    ImGui::TextWrapped("Scalp: %.0f cm\xC2\xB2, %s", field.TemplateAreaCm2(),
                       design.design.mode == TreatmentMode::kShaved ? "shaved look" : "density between hair");
    ImGui::TextWrapped("%s dots over %zu sessions", Thousands(design.total_dots).c_str(), design.design.sessions.size());
    for (const DesignWarning& warning : field.Warnings()) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Colours().warning_text);
        ImGui::TextWrapped("%s", warning.message.c_str());
        ImGui::PopStyleColor();
    }
}

// The design's title or notes as a field. The edit is one undo step when the field is let go
// (Enter, a tap or click elsewhere, a phone's keyboard closed), not one per letter; while the
// field is not being edited it shows the design's own text (an undo, another design).
void DrawDesignTextField(AppState& app, const char* label, std::string Design::*text, char* field, size_t field_size, bool multiline) {
    if (multiline) {
        const float lines_h = ImGui::GetTextLineHeight() * 3.0f + 2.0f * ImGui::GetStyle().FramePadding.y;
        ImGui::InputTextMultiline(label, field, field_size, ImVec2(0.0f, lines_h));
    } else {
        ImGui::InputText(label, field, field_size);
    }
    MarkTextEntry(multiline ? TextEntryKind::kMultiline : TextEntryKind::kText);   // the phone's keyboard (ui/text_entry.h)
    const std::string& current = app.doc.design.*text;
    if (ImGui::IsItemDeactivatedAfterEdit() && current != field) {
        Design edited = app.doc.design;
        edited.*text = field;
        std::string step = label;
        for (char& c : step) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        ReportEditStatus(app, EditDesign(app.doc, edited, step));
    }
    if (!ImGui::IsItemActive()) std::snprintf(field, field_size, "%s", (app.doc.design.*text).c_str());
}

void DrawDesignSection(AppState& app) {
    ImGui::SetNextItemWidth(-1.0f);
    DrawPresetPicker(app);
    DrawDesignTextField(app, "Title", &Design::title, app.screen.title_field, sizeof app.screen.title_field, false);
    DrawDesignTextField(app, "Notes", &Design::notes, app.screen.notes_field, sizeof app.screen.notes_field, true);
    // After the picker and the fields: they may have just replaced the design and its compiled field.
    DrawDesignSummary(app);
}

void DrawToolsSection(AppState& app) {
    DrawToolButtons(app);
    DrawToolSettings(app);
}

// A shared design's ways on: "Edit a copy", "Share" (passing the link on, as clients do: to a
// partner, a friend) and "Back to my design". The first two side by side when they fit, unless
// `full_width` (the side panel stacks them).
void DrawClientActions(AppState& app, bool full_width) {
    const bool shared = app.doc.client_view;
    if (!shared) return;
    const bool can_edit = app.page.embed_mode != EmbedMode::kViewer;
    const bool can_go_back = app.doc.design_before_link.has_value();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float half = (ImGui::GetContentRegionAvail().x - spacing) * 0.5f;
    const bool side_by_side = !full_width && can_edit && ImGui::CalcTextSize("Edit a copy").x + 2.0f * ImGui::GetStyle().FramePadding.x <= half;
    if (can_edit) {
        if (ImGui::Button("Edit a copy", ImVec2(side_by_side ? half : -1.0f, 0.0f))) ReportEditStatus(app, EditCopy(app));
        ImGui::SetItemTooltip("Make this design yours to change; the link stays as it was");
        if (side_by_side) ImGui::SameLine();
    }
    if (ImGui::Button("Share", ImVec2(-1.0f, 0.0f))) ShareDesign(app);
    ImGui::SetItemTooltip("Pass this design's link on");
    if (can_go_back) {
        if (ImGui::Button("Back to my design", ImVec2(-1.0f, 0.0f))) (void)BackToMyDesign(app);
        ImGui::SetItemTooltip("Close the shared design and return to the one you had open");
    }
}

// A design opened from a link, or a viewer: what the client came to see, nothing that changes it.
void DrawClientDesignSection(AppState& app) {
    const bool shared = app.doc.client_view;
    const Design& design = app.doc.design;
    ImGui::PushFont(theme::CurrentFonts().heading);
    ImGui::TextWrapped("%s", design.title.empty() ? "Untitled design" : design.title.c_str());
    ImGui::PopFont();
    if (!design.notes.empty()) ImGui::TextWrapped("%s", design.notes.c_str());
    ImGui::TextWrapped("%s dots over %zu sessions", Thousands(app.doc.total_dots).c_str(), design.sessions.size());
    HintText(shared ? "You are looking at a design someone shared with you. It cannot be changed here."
                    : "A design to look at: choose how it looks healed, on your skin tone, after each session.");
    DrawStatusLines(app);
}

// Where Send to clinic was just drawn (stats().send_css), from the side panel or the sheet.
void RememberSendButton(AppState& app) {
    const ImVec2 send_min = ImGui::GetItemRectMin(), send_max = ImGui::GetItemRectMax();
    app.screen.send_button_px = Vec2(0.5 * (send_min.x + send_max.x), 0.5 * (send_min.y + send_max.y));
}

// The client's photo goes only when they say so, and only the before/after picture of it: the
// choice next to Send to clinic, on the side panel and on a phone's sheet alike.
void DrawIncludePhotoChoice(AppState& app) {
    if (!HasFittedPhoto(app)) return;
    ImGui::Checkbox("Include my photo", &app.photo.include_in_send);
    ImGui::SetItemTooltip("Send the before and after picture of your photo with the design; unticked, the photo stays on this device");
}

void DrawSendToClinic(AppState& app) {
    DrawIncludePhotoChoice(app);
    if (ImGui::Button("Send to clinic", ImVec2(-1.0f, 0.0f))) SendToClinic(app);
    RememberSendButton(app);
    ImGui::SetItemTooltip("Send this design to the clinic, to talk it through with a practitioner");
}

void DrawVisitorDesignSection(AppState& app) {
    ImGui::SetNextItemWidth(-1.0f);
    DrawPresetPicker(app);
    ImGui::TextWrapped("%s dots over %zu sessions", Thousands(app.doc.total_dots).c_str(), app.doc.design.sessions.size());
}

void DrawSessionsSection(AppState& app) {
    if (ReadOnly(app) || app.page.embed_mode == EmbedMode::kClient) DrawSessionFigures(app);
    else DrawSessionsPanel(app);
}

// Who sees which section: the designer (full), a clinic's visitor (client) and anyone looking at
// a shared design or an embedded viewer (read-only).
enum class PanelAudience { kDesigner, kVisitor, kReadOnly };

PanelAudience AudienceOf(const AppState& app) {
    if (ReadOnly(app)) return PanelAudience::kReadOnly;
    return app.page.embed_mode == EmbedMode::kClient ? PanelAudience::kVisitor : PanelAudience::kDesigner;
}

// One row per section of the panel. On wide screens the side panel lists them (always open, or
// as a collapsing header); on phones the sheet shows one at a time behind a row of section buttons.
struct PanelSection {
    const char* label;
    bool designer, visitor, read_only;   // the audiences that see it
    bool header;                         // a collapsing header on the side panel (else always open)
    bool open_by_default;
    void (*draw)(AppState&);
};

constexpr PanelSection kPanelSections[] = {
    {"Design", true, false, false, false, true, DrawDesignSection},
    {"Design", false, true, false, false, true, DrawVisitorDesignSection},
    {"Design", false, false, true, false, true, DrawClientDesignSection},
    {"Tools", true, true, false, false, true, DrawToolsSection},
    {"Sessions", true, true, true, true, true, DrawSessionsSection},
    {"Scars", true, false, false, true, false, DrawScarPanel},
    {"Head", true, false, false, true, false, DrawHeadPanel},
    {"Preview", true, true, true, true, true, DrawPreviewSection},
    {"View", true, false, false, true, false, DrawViewSection},
};

bool SectionShown(const PanelSection& section, PanelAudience audience) {
    switch (audience) {
        case PanelAudience::kDesigner: return section.designer;
        case PanelAudience::kVisitor: return section.visitor;
        case PanelAudience::kReadOnly: return section.read_only;
    }
    return false;
}

void DrawSidePanel(AppState& app) {
    const PanelAudience audience = AudienceOf(app);
    // Widgets take a little over half the width; their labels the rest.
    ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.58f);
    for (const PanelSection& section : kPanelSections) {
        if (!SectionShown(section, audience)) continue;
        if (!section.header) {
            Heading(audience == PanelAudience::kReadOnly && std::string_view(section.label) == "Design" && app.doc.client_view ? "Shared design" : section.label);
            section.draw(app);
            if (audience == PanelAudience::kReadOnly && std::string_view(section.label) == "Design") DrawClientActions(app, true);
            if (audience == PanelAudience::kVisitor && std::string_view(section.label) == "Tools") DrawSendToClinic(app);
            continue;
        }
        // The scar list stays open while a scar tool is in hand: a new scar appears there, selected.
        if (std::string_view(section.label) == "Scars" && app.tools.active && (app.tools.active->marks & kToolMarksScars)) ImGui::SetNextItemOpen(true);
        if (ImGui::CollapsingHeader(section.label, section.open_by_default ? ImGuiTreeNodeFlags_DefaultOpen : 0)) section.draw(app);
    }
    DrawDisclaimerFooter();
    ImGui::PopItemWidth();
}

// --- The phone's bottom sheet -------------------------------------------------------------------
// Collapsed: one summary line and the main actions, so the canvas keeps the screen. Expanded: the
// sections, one at a time, chosen by a row of buttons that wraps (never cut) on a narrow screen.

// Buttons laid out left to right, wrapping to the next line when the next one would not fit.
// Each is as wide as its label needs, at least a touch target; a row's buttons share its room.
struct ButtonFlow {
    float room_px, spacing_px, min_w_px;
    float used_px = 0.0f;
    bool Place(const char* label) {
        const float w = std::max(min_w_px, ImGui::CalcTextSize(label).x + 2.0f * ImGui::GetStyle().FramePadding.x);
        if (used_px > 0.0f && used_px + spacing_px + w <= room_px) {
            ImGui::SameLine(0.0f, spacing_px);
            used_px += spacing_px + w;
        } else {
            used_px = w;
        }
        return ImGui::Button(label, ImVec2(w, 0.0f));
    }
};

void DrawSheetSummary(AppState& app, PanelAudience audience) {
    const Design& design = app.doc.design;
    ImGui::PushFont(theme::CurrentFonts().heading);
    const char* title = design.title.empty() ? "Untitled design" : design.title.c_str();
    if (audience == PanelAudience::kReadOnly && app.doc.client_view) ImGui::TextWrapped("Shared design: %s", title);
    else ImGui::TextWrapped("%s", title);
    ImGui::PopFont();
    ImGui::TextWrapped("%s", PlanSummaryLine(app).c_str());
    // A client meets the head before any section: what it is, said from the first screen (the
    // whole disclaimer ends every section once the sheet is open).
    if (audience != PanelAudience::kDesigner && !app.screen.sheet_expanded) HintText("An illustration, not a promise of your result.");
    DrawStatusLines(app);
}

// The actions a phone keeps at hand under the summary.
void DrawSheetActions(AppState& app, PanelAudience audience) {
    const float touch_w = theme::kTouchTargetPx * app.ui_scale;
    ButtonFlow flow{ImGui::GetContentRegionAvail().x, ImGui::GetStyle().ItemSpacing.x, touch_w};
    if (audience == PanelAudience::kReadOnly) {
        DrawClientActions(app, false);
    } else {
        // Over a photo the tools have nothing to act on (they work on the map): their room goes to
        // the photo, which a phone-sized canvas needs for its markers. Undo and Redo stay: they
        // change the design drawn on the photo.
        const bool tools_shown = app.canvas.shown_view != CanvasView::kPhoto;
        for (const ToolDef* tool : tools_shown ? AllTools() : std::span<const ToolDef* const>()) {
            if (!ToolAllowed(app, *tool) || !tool->on_phone_bar) continue;
            const bool active = app.tools.active == tool;
            if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
            if (flow.Place(tool->label)) SetTool(app, *tool);
            if (active) ImGui::PopStyleColor();
        }
        ImGui::BeginDisabled(!app.doc.history.CanUndo());
        if (flow.Place("Undo")) Undo(app);
        ImGui::EndDisabled();
        ImGui::BeginDisabled(!app.doc.history.CanRedo());
        if (flow.Place("Redo")) Redo(app);
        ImGui::EndDisabled();
        if (audience == PanelAudience::kVisitor) {
            if (flow.Place("Send to clinic")) SendToClinic(app);
            RememberSendButton(app);
            DrawIncludePhotoChoice(app);   // under the row, once the photo is fitted
        }
    }
}

void DrawBottomSheet(AppState& app) {
    const PanelAudience audience = AudienceOf(app);
    ScreenState& screen = app.screen;
    // The handle: the whole top row expands and collapses the sheet.
    const char* handle = screen.sheet_expanded ? "Less###sheet_handle" : "More###sheet_handle";
    DrawSheetSummary(app, audience);
    // Expanded, the room goes to the sections (the tools are in "Tools"); a shared design keeps
    // its two ways on in view.
    if (!screen.sheet_expanded || audience == PanelAudience::kReadOnly) DrawSheetActions(app, audience);
    if (ImGui::Button(handle, ImVec2(-1.0f, 0.0f))) screen.sheet_expanded = !screen.sheet_expanded;
    ImGui::SetItemTooltip(screen.sheet_expanded ? "Show less, and more of the design" : "Sessions, preview and the other settings");
    if (!screen.sheet_expanded) return;

    // The sections, one at a time.
    const PanelSection* shown = nullptr;
    ButtonFlow flow{ImGui::GetContentRegionAvail().x, ImGui::GetStyle().ItemSpacing.x, theme::kTouchTargetPx * app.ui_scale};
    for (const PanelSection& section : kPanelSections) {
        if (!SectionShown(section, audience)) continue;
        if (screen.sheet_section.empty()) screen.sheet_section = section.label;
        const bool active = screen.sheet_section == section.label;
        if (active) {
            shown = &section;
            ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        }
        if (flow.Place(section.label)) screen.sheet_section = section.label;
        if (active) ImGui::PopStyleColor();
    }
    ImGui::Separator();
    if (shown == nullptr) return;
    ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.58f);
    shown->draw(app);
    ImGui::PopItemWidth();
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", kPreviewDisclaimer);
    ImGui::PopStyleColor();
}

// A finger drags a panel's content, as on any phone (ImGui scrolls only by wheel or scrollbar):
// a drag that began on the panel's background, not on a control. A finger lands where it lands:
// the pointer jumps there in the press's own frame, so that frame's movement is no drag, and
// whether a control is under it is known a frame later (the hover ImGui found at the press; at
// the press itself it still has the pointer's last place, wherever the last finger lifted).
void ScrollWithFinger(AppState& app) {
    if (!theme::Touch()) return;
    ImGuiIO& io = ImGui::GetIO();
    ScreenState& screen = app.screen;
    const bool pressed = ImGui::IsMouseClicked(ImGuiMouseButton_Left);
    if (pressed) {
        screen.finger_scrolling = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows);
        screen.finger_press_pending = screen.finger_scrolling;
    } else if (screen.finger_press_pending) {
        screen.finger_press_pending = false;
        screen.finger_scrolling = !ImGui::IsAnyItemHovered();
    }
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) screen.finger_scrolling = screen.finger_press_pending = false;
    if (screen.finger_scrolling && !screen.finger_press_pending && io.MouseDelta.y != 0.0f) ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Set-up and scale
// ---------------------------------------------------------------------------------------------

Status InitApp(AppState& app, const FirstDesign& first) {
    app.doc = Document{};
    app.view = ViewSettings{};
    app.tools.active = &HandTool();
    ImGui::GetIO().IniFilename = nullptr;   // the layout is fixed; nothing to persist in imgui.ini
    Status opened = Status::Ok();
    if (!first.link.empty()) {
        opened = OpenSharedLink(app, first.link);   // a link that does not open says why (last_error)
        if (opened.ok()) return opened;
    } else if (!first.design_text.empty() || !first.preset.empty()) {
        const bool own_work = !first.design_text.empty();
        const Expected<std::string> text = own_work ? Expected<std::string>(first.design_text) : PresetText(first.preset);
        opened = text.ok() ? LoadDesign(app, *text) : text.status();
        if (opened.ok()) {
            app.doc.history.Clear();   // opening the app is not an edit to undo
            app.doc.opened_own_work = own_work;
            return opened;
        }
    }
    // The shipped presets are tested to load and generate; a failure here is a programming error.
    const Status loaded = LoadDesign(app, kStartPreset);
    IM_ASSERT(loaded.ok());
    (void)loaded;
    app.doc.history.Clear();   // opening the app is not an edit to undo
    return opened;
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
    // The head view's renderer; without it the head view says so, and the map works as before.
    auto head = std::make_unique<HeadRenderer>();
    if (const Status head_ready = head->Init(glsl_version_line); !head_ready.ok()) {
        std::fprintf(stderr, "smp-designer: %s\n", head_ready.message().c_str());
        return;
    }
    app.canvas.head = std::move(head);
    app.canvas.head_shape_set = false;
    app.canvas.head_uploaded_revision = ~0ull;
}

namespace {

// No button is down, none was released in the last frame (a release must land where the press was,
// so the tap counts) and no input is still queued (ImGui trickles it): what the pointer does next
// starts afresh.
bool PointerAtRest() {
    const ImGuiIO& io = ImGui::GetIO();
    for (int button = 0; button < ImGuiMouseButton_COUNT; ++button) {
        if (io.MouseDown[button] || io.MouseReleased[button]) return false;
    }
    return ImGui::GetCurrentContext()->InputEventsQueue.Size == 0;
}

}  // namespace

void LetGoOfLiftedFinger(const AppState& app) {
    ImGuiIO& io = ImGui::GetIO();
    if (!app.pointer.finger || !ImGui::IsMousePosValid(&io.MousePos)) return;
    if (!PointerAtRest()) return;
    io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
}

void ApplyPointerKind(AppState& app, bool coarse_pointer) {
    const bool touch = coarse_pointer || app.pointer.finger_seen;
    if (touch == app.page.touch) return;
    // Controls change size only between presses: a tap that made them finger-sized must land on
    // the control it was aimed at, not on whatever the larger layout puts under it.
    if (app.stats.frames > 0 && !PointerAtRest()) return;
    app.page.touch = touch;
    theme::SetTouch(touch, app.ui_scale);
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
    BeginLayoutAuditFrame();
    BeginTextEntryFrame(app.page.touch);
    // No padding and no border: the panel and the canvas reach the screen's edges, and nothing in
    // them is clipped by a frame the screen does not need.
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.0f, 0.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::Begin("SMP Designer", nullptr, flags);
    ImGui::PopStyleVar(2);
    if (!app.tools.active || !ToolAllowed(app, *app.tools.active)) SetTool(app, HandTool());
    DrawMenuBar(app);
    HandleShortcuts(app);

    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 room = ImGui::GetContentRegionAvail();
    app.screen.bottom_sheet = room.x < kBottomSheetBelowLogicalPx * app.ui_scale;
    constexpr ImGuiWindowFlags kCanvasFlags = ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
    if (!app.screen.bottom_sheet) {
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, style.WindowPadding);
        const float panel_w = std::min(kSidePanelLogicalPx * app.ui_scale, room.x * 0.45f);
        ImGui::BeginChild("side_panel", ImVec2(panel_w, 0.0f), ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
        KeyboardPanelHook(app);   // ui/accessibility.cpp: where the keyboard lands from the page's Tab
        ScrollWithFinger(app);
        DrawSidePanel(app);
        ImGui::EndChild();
        ImGui::PopStyleVar();
        ImGui::SameLine(0.0f, 0.0f);
        ImGui::BeginChild("canvas", ImVec2(0.0f, 0.0f), ImGuiChildFlags_None, kCanvasFlags);
        DrawCanvasArea(app);
        ImGui::EndChild();
    } else {
        // Collapsed, the sheet is as tall as its content (measured last frame); expanded, it takes
        // most of the height and scrolls.
        const float collapsed_h = app.screen.sheet_collapsed_px > 0.0f ? app.screen.sheet_collapsed_px : room.y * 0.3f;
        const float sheet_h = std::min(room.y * 0.85f, app.screen.sheet_expanded ? std::max(collapsed_h, room.y * kExpandedSheetShare) : collapsed_h);
        ImGui::BeginChild("canvas", ImVec2(0.0f, room.y - sheet_h - style.ItemSpacing.y), ImGuiChildFlags_None, kCanvasFlags);
        DrawCanvasArea(app);
        ImGui::EndChild();
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, style.WindowPadding);
        ImGui::BeginChild("bottom_sheet", ImVec2(0.0f, 0.0f), ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding,
                          app.screen.sheet_expanded ? ImGuiWindowFlags_None : ImGuiWindowFlags_NoScrollbar);
        KeyboardPanelHook(app);
        ScrollWithFinger(app);
        DrawBottomSheet(app);
        if (!app.screen.sheet_expanded) {
            app.screen.sheet_collapsed_px = ImGui::GetCursorPosY() - style.ItemSpacing.y + style.WindowPadding.y + 2.0f;
        }
        ImGui::EndChild();
        ImGui::PopStyleVar();
    }

    DrawAboutPopup(app);
    DrawReplaceConfirmation(app);
    DrawShareWindow(app);
    DrawOpenPathWindow(app);
    DrawSheetWindow(app);
    DrawHeadPictureWindow(app);
    ImGui::End();
    // A live edit whose widget went away while held (a panel closed, a tool changed) ends once
    // nothing is held: its undo step is recorded with its own "before".
    if (app.doc.live_edit_before && !ImGui::IsAnyItemActive()) EndLiveEdit(app.doc);
    const float css_per_px = app.ui_scale > 0.0f ? 1.0f / app.ui_scale : 1.0f;
    EndLayoutAuditFrame(css_per_px, app.page.touch);
    EndTextEntryFrame(css_per_px, app.host.post_page_event);
}

}  // namespace smp
