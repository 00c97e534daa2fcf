#include "ui/share_panel.h"

#include "core/design_link.h"
#include "core/plan_json.h"
#include "export/caption.h"
#include "export/head_render.h"
#include "export/plan_sheet.h"
#include "export/png.h"
#include "export/qr_code.h"
#include "export/raster.h"
#include "imgui.h"
#include "document/document.h"
#include "ui/app_actions.h"
#include "ui/app_state.h"
#include "ui/numbers_text.h"
#include "ui/sessions_panel.h"
#include "ui/text_entry.h"
#include "ui/theme.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <string>

namespace smp {

void OfferFile(AppState& app, const std::string& file_name, const char* mime_type, const std::string& bytes) {
    if (!app.host.offer_download) {
        ReportFileFailed(app, "saving files is not available here");
        return;
    }
    std::string outcome = app.host.offer_download(file_name, mime_type, bytes);
    const bool failed = outcome.rfind("could not", 0) == 0;
    if (failed) {
        ReportFileFailed(app, std::move(outcome));
    } else {
        ReportFileDone(app, std::move(outcome));
    }
}

namespace {

// What the plan sheet is, in its menu item's tooltip and at the top of its dialog.
constexpr const char* kPlanSheetWhat = "A printable page per session: its map, dots and time per zone, pigment and needles, dates and aftercare.";

// The system's share sheet with the link, a title and a line saying what it is (a message app
// shows them above the link).
void OpenShareSheet(AppState& app, const std::string& url) {
    const Design& design = app.doc.design;
    const size_t sessions = design.sessions.size();
    const std::string title = design.title.empty() ? "Scalp micropigmentation design" : design.title;
    const std::string text = "A scalp micropigmentation design: " + Thousands(app.doc.total_dots) + " dots over " + std::to_string(sessions) +
                             (sessions == 1 ? " session." : " sessions.");
    app.share.status.clear();
    app.host.share_natively(title, text, url);
}

}  // namespace

void ShareDesign(AppState& app) {
    app.share.status.clear();
    const ShareLink link = CurrentLink(app);
    if (!app.host.share_natively || !link.within_budget) {
        app.screen.show_share = true;
        return;
    }
    OpenShareSheet(app, link.url);
}

void ReportShareOutcome(AppState& app, ShareOutcome outcome, const std::string& error) {
    switch (outcome) {
        case ShareOutcome::kShared:
            app.share.status = "Link shared.";
            app.screen.status = "Link shared.";
            break;
        case ShareOutcome::kCancelled:
            break;
        case ShareOutcome::kFailed:
            // The window has the link to copy and its QR code: the person still gets it across.
            app.share.status = "The share sheet did not open" + (error.empty() ? std::string() : " (" + Utf8Prefix(error, 120) + ")") +
                               ". Copy the link instead.";
            app.screen.show_share = true;
            break;
    }
}

namespace {

// The QR code of `text`, made once per link (a long link takes a few milliseconds). Low error
// correction keeps the modules large enough for a phone across a counter.
void RefreshQrCode(AppState& app, const std::string& text) {
    if (app.share.qr_text == text) return;
    app.share.qr_text = text;
    app.share.qr_modules.clear();
    app.share.qr_size = 0;
    Expected<QrCode> code = EncodeQr(text, QrErrorCorrection::kLow);
    if (!code.ok()) return;
    app.share.qr_modules = code->modules;
    app.share.qr_size = code->size;
}

// Dark squares on white with the standard four-module quiet zone, `side_px` across in all.
void DrawQrCode(const AppState& app, float side_px) {
    const int size = app.share.qr_size;
    const float module_px = std::floor(side_px / static_cast<float>(size + 2 * kQrQuietZoneModules));
    if (size <= 0 || module_px < 1.0f) return;
    const float total_px = module_px * static_cast<float>(size + 2 * kQrQuietZoneModules);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + total_px, origin.y + total_px), IM_COL32_WHITE);
    const float inset = module_px * static_cast<float>(kQrQuietZoneModules);
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x) {
            if (!app.share.qr_modules[static_cast<size_t>(y) * static_cast<size_t>(size) + static_cast<size_t>(x)]) continue;
            const ImVec2 a(origin.x + inset + module_px * static_cast<float>(x), origin.y + inset + module_px * static_cast<float>(y));
            draw->AddRectFilled(a, ImVec2(a.x + module_px, a.y + module_px), IM_COL32_BLACK);
        }
    }
    ImGui::Dummy(ImVec2(total_px, total_px));
}

void AskForFile(AppState& app) {
    if (app.host.pick_file_to_open && app.host.pick_file_to_open()) return;   // the page answers later
    app.screen.show_open_path = true;
}

}  // namespace

void ExportPlanFile(AppState& app) {
    OfferFile(app, DesignFileStem(app.doc.design) + ".plan.json", "application/json", PlanJsonText(app.doc) + "\n");
}

namespace {

// A rendered image as a PNG download, with its words (export/caption.h: Before and After on a
// before / after's halves, the disclaimer under it), or the render's error, named, on the panel.
void OfferPng(AppState& app, const std::string& file_name, Expected<RgbaImage> image, bool before_after) {
    if (!image.ok()) {
        ReportFileFailed(app, "The image could not be made: " + image.status().message());
        return;
    }
    const std::vector<uint8_t> png = EncodePng(WithCaption(std::move(image).value(), ExportCaption(before_after)));
    OfferFile(app, file_name, "image/png", std::string(png.begin(), png.end()));
}

// The head as the head view shows it: from the view's angle, in its look, skin and hair, before
// and after side by side when the view shows both; the whole head (the view's zoom is left out).
// What a client keeps or sends on: the picture they were looking at, not the planner's map.
void ExportHeadImage(AppState& app) {
    const PreviewSettings& preview = app.view.preview;
    HeadRenderOptions options;
    options.camera = app.view.head.camera;
    options.look = preview.mode;
    options.years = preview.years;
    options.up_to_session = SessionsShown(preview);
    options.skin_tone = preview.skin_tone;
    options.hair_colour = preview.hair_colour;
    options.viewing_distance_m = preview.viewing_distance_m;
    options.width_px = kHeadImageWidthPx;
    options.before_after = app.view.head.before_after;
    OfferPng(app, DesignFileStem(app.doc.design) + (options.before_after ? ".head-before-after.png" : ".head.png"),
             RenderHead(app.doc.design, app.doc.pattern, options), options.before_after);
}

}  // namespace

void RequestHeadPicture(AppState& app) {
    // Made two frames on (DrawHeadPictureWindow), once its dialog is on the screen: the frame that
    // opens a popup sizes it without drawing it, and the next one draws it.
    app.screen.head_picture_frames = 3;
    app.screen.head_picture_outcome.clear();
}

void ExportImageFile(AppState& app) {
    if (app.canvas.shown_view == CanvasView::kHead) {
        RequestHeadPicture(app);
        return;
    }
    // What the map shows: the plan by session, or the healed or faded look.
    const PreviewSettings& preview = app.view.preview;
    RenderOptions options;
    options.view = preview.mode;
    options.years = preview.years;
    options.up_to_session = SessionsShown(preview);
    options.skin_tone = preview.skin_tone;
    options.width_px = 1600;
    OfferPng(app, DesignFileStem(app.doc.design) + "." + PreviewName(options.view) + ".png", RenderDesign(app.doc.design, app.doc.pattern, options), false);
}

void ExportPlanSheet(AppState& app, const std::string& start_date, const std::string& clinic_name) {
    PlanSheetOptions options;
    options.start_date = start_date;
    options.clinic_name = clinic_name.empty() ? app.page.clinic_name : clinic_name;
    options.skin_tone = app.view.preview.skin_tone;
    options.hair_colour = app.view.preview.hair_colour;
    Expected<std::string> html = PlanSheetHtml(app.doc.design, app.doc.pattern, options);
    if (!html.ok()) {
        ReportFileFailed(app, "The plan sheet could not be made: " + html.status().message());
        return;
    }
    OfferFile(app, DesignFileStem(app.doc.design) + ".plan-sheet.html", "text/html", *html);
}

void DrawFileMenuItems(AppState& app) {
    if (app.page.embed_mode != EmbedMode::kFull) {
        // A clinic's visitor: the link, nothing to save or export, and the full app (which works
        // offline once visited) with this design in it.
        if (ImGui::MenuItem("Share link...")) {
            app.screen.show_share = true;
            app.share.status.clear();
        }
        if (ImGui::MenuItem("Open in the app") && app.host.post_page_event) {
            app.host.post_page_event(OpenInAppEventJson(CurrentLink(app).url));
        }
        ImGui::SetItemTooltip("The full designer in its own tab, with this design");
        return;
    }
    if (ImGui::MenuItem("Open design file...", theme::KeyHint("Ctrl+O"))) AskForFile(app);
    ImGui::SetItemTooltip("A design (.design.json) or a plan (.plan.json), from this computer");
    if (ImGui::BeginMenu("Recent designs", !app.page.recent.empty())) {
        for (size_t i = 0; i < app.page.recent.size(); ++i) {
            const RecentDesign& recent = app.page.recent[i];
            // "##" in a title would cut ImGui's label short.
            std::string title = recent.title.empty() ? std::string("Untitled design") : recent.title;
            for (size_t at = title.find("##"); at != std::string::npos; at = title.find("##", at)) title.replace(at, 2, "# #");
            const std::string label = title + "##recent" + std::to_string(i);
            // "2026-11-21T15:40:12.345Z" -> "2026-11-21 15:40"
            const std::string when = recent.saved_at.size() >= 16 ? recent.saved_at.substr(0, 10) + " " + recent.saved_at.substr(11, 5) : recent.saved_at;
            if (ImGui::MenuItem(label.c_str(), when.c_str()) && app.host.open_recent_design) {
                app.host.open_recent_design(static_cast<int>(i));
            }
        }
        ImGui::EndMenu();
    }
    ImGui::SetItemTooltip("Designs you worked on before in this browser (the last %d)", kRecentDesignsKept);
    if (ImGui::MenuItem("Save design file", theme::KeyHint("Ctrl+S"))) SaveDesignFile(app);
    ImGui::SetItemTooltip("Download the design to open again later or on another device");
    // Photos go into a file only this way: the person asks for them (the page adds its stored photos).
    if (app.host.photo_request && ImGui::MenuItem("Save design file with photos")) {
        app.host.photo_request(R"({"op":"saveWithPhotos"})");
    }
    if (app.host.photo_request) ImGui::SetItemTooltip("The design file with this design's photos and their markers in it: keep it private");
    ImGui::Separator();
    // A shared design's link too: a client passes it on.
    if (ImGui::MenuItem("Share link...")) {
        app.screen.show_share = true;
        app.share.status.clear();
    }
    ImGui::SetItemTooltip("A link that opens this design in another browser (nothing is uploaded)");
    if (ImGui::MenuItem("Export plan (JSON)")) ExportPlanFile(app);
    ImGui::SetItemTooltip("Every dot of every session, with pigments, needles and times");
    if (ImGui::MenuItem("Export image (PNG)")) ExportImageFile(app);
    ImGui::SetItemTooltip("%s", app.canvas.shown_view == CanvasView::kHead ? HeadPictureTooltip(app)
                                                                        : "The design as the canvas shows it (plan, healed or faded), 1600 px wide");
    if (ImGui::MenuItem("Plan sheet (printable)...")) app.screen.show_sheet = true;
    ImGui::SetItemTooltip("%s", kPlanSheetWhat);
}

void DrawShareWindow(AppState& app) {
    if (app.screen.show_share) {
        ImGui::OpenPopup("Share design");
        app.screen.show_share = false;
    }
    app.share.copy_button_px = Vec2(-1.0, -1.0);
    // A client who shares a link on a phone may land here: PlaceDialog keeps it on the screen.
    PlaceDialog(520.0f * app.ui_scale, app.ui_scale);
    if (!ImGui::BeginPopupModal("Share design", nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    // Encoded once per revision of the design, not every frame the window is open.
    if (app.share.link_revision != app.doc.revision) {
        const ShareLink current = CurrentLink(app);
        app.share.link_url = current.url;
        app.share.link_within_budget = current.within_budget;
        app.share.link_revision = app.doc.revision;
    }
    ShareLink link;
    link.url = app.share.link_url;
    link.within_budget = app.share.link_within_budget;
    ImGui::TextWrapped("Anyone with this link sees the design: it travels inside the link, so nothing is uploaded anywhere.");
    // Read-only, selected on click: the person can copy it by hand when the clipboard is refused.
    std::string shown = link.url;
    ImGui::SetNextItemWidth(-1.0f);
    ImGui::InputText("##link", shown.data(), shown.size() + 1, ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
    MarkTextEntry(TextEntryKind::kNoKeyboard);
    // The link's length only matters (and is only said) when it is too long for a phone.
    if (!link.within_budget) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Colours().warning_text);
        ImGui::TextWrapped("This design is too detailed for a reliable link (%zu characters; phones and QR codes take up to %zu). "
                           "Share it as a file instead.", link.url.size(), kLinkBudgetChars);
        ImGui::PopStyleColor();
        if (ImGui::Button("Save design file")) SaveDesignFile(app);
        ImGui::SameLine();
    }
    // A phone's share sheet first, where there is one: it reaches the person's messaging apps.
    if (app.host.share_natively && link.within_budget) {
        if (ImGui::Button("Share...")) OpenShareSheet(app, link.url);
        ImGui::SameLine();
    }
    if (ImGui::Button("Copy link")) {
        const bool copied = app.host.copy_to_clipboard && app.host.copy_to_clipboard(link.url);
        app.share.status = copied ? "Link copied." : "Copying...";
    }
    const ImVec2 button_min = ImGui::GetItemRectMin(), button_max = ImGui::GetItemRectMax();
    app.share.copy_button_px = Vec2(0.5 * (button_min.x + button_max.x), 0.5 * (button_min.y + button_max.y));
    if (!app.share.status.empty()) {
        // Beside the buttons where a few words fit on a line, under them on a narrow screen.
        const float content_right_px = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        if (content_right_px - ImGui::GetItemRectMax().x - ImGui::GetStyle().ItemSpacing.x > 240.0f * app.ui_scale) ImGui::SameLine();
        ImGui::TextWrapped("%s", app.share.status.c_str());
    }
    RefreshQrCode(app, link.url);
    if (app.share.qr_size > 0) {
        ImGui::Spacing();
        HintText("Or scan this code with a phone's camera:");
        // Two screen pixels a module at least, so a camera can tell them apart.
        const float side_px = std::max(static_cast<float>(app.share.qr_size + 8) * 2.0f * app.ui_scale,
                                       std::min(ImGui::GetContentRegionAvail().x, 360.0f * app.ui_scale));
        DrawQrCode(app, side_px);
    } else {
        HintText("This link is too long for a QR code.");
    }
    ImGui::Separator();
    if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

namespace {

// Today's date from the system clock (UTC), as the sheet's default start.
std::string TodayIsoDate() {
    const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()).time_since_epoch().count();
    return FormatIsoDate(AddDays(CivilDate{1970, 1, 1}, static_cast<int>(days)));
}

}  // namespace

const char* HeadPictureTooltip(const AppState& app) {
    return app.view.head.before_after ? "The head from this side, before and after, as one PNG" : "The head from this side, as a PNG";
}

void DrawHeadPictureWindow(AppState& app) {
    if (app.screen.head_picture_frames <= 0) return;
    if (!ImGui::IsPopupOpen("Saving the picture")) ImGui::OpenPopup("Saving the picture");
    PlaceDialog(320.0f * app.ui_scale, app.ui_scale);
    const bool shown = ImGui::BeginPopupModal("Saving the picture", nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
    if (shown) ImGui::TextWrapped("%s", app.view.head.before_after ? "Drawing the head before and after..." : "Drawing the head...");
    // Counted down whether or not the dialog could show: the picture always comes, and the app's
    // full frame rate (AppBusy) always ends.
    if (--app.screen.head_picture_frames == 0) {
        ExportHeadImage(app);   // leaves this picture's message alone on the panel (ReportFileDone / Failed)
        app.screen.head_picture_failed = !app.screen.last_error.empty();
        app.screen.head_picture_outcome = app.screen.head_picture_failed ? app.screen.last_error : app.screen.status;
        if (shown) ImGui::CloseCurrentPopup();
    }
    if (shown) ImGui::EndPopup();
}

void DrawSheetWindow(AppState& app) {
    app.screen.dialog_error.clear();   // set again below while the dialog is open with a bad date
    static char start_date[16] = "";
    static char clinic_name[81] = "";
    if (app.screen.show_sheet) {
        ImGui::OpenPopup("Plan sheet");
        app.screen.show_sheet = false;
        if (start_date[0] == '\0') std::snprintf(start_date, sizeof start_date, "%s", TodayIsoDate().c_str());
    }
    PlaceDialog(440.0f * app.ui_scale, app.ui_scale);
    if (!ImGui::BeginPopupModal("Plan sheet", nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    HintText(kPlanSheetWhat);
    // The fields take what their labels leave, up to 200 px (a phone's dialog is narrow).
    const float field_px = std::clamp(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("First session (YYYY-MM-DD)").x -
                                          ImGui::GetStyle().ItemInnerSpacing.x,
                                      80.0f * app.ui_scale, 200.0f * app.ui_scale);
    ImGui::SetNextItemWidth(field_px);
    ImGui::InputText("First session (YYYY-MM-DD)", start_date, sizeof start_date);
    MarkTextEntry(TextEntryKind::kText);
    ImGui::SetItemTooltip("Leave empty to show days after the first session instead of dates");
    ImGui::SetNextItemWidth(field_px);
    ImGui::InputText("Clinic name", clinic_name, sizeof clinic_name);
    MarkTextEntry(TextEntryKind::kText);
    const Expected<CivilDate> date = start_date[0] ? ParseIsoDate(start_date) : Expected<CivilDate>(CivilDate{});
    if (!date.ok()) {
        app.screen.dialog_error = date.status().message();   // and for a screen reader (ui/accessibility.cpp)
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Colours().error_text);
        ImGui::TextWrapped("%s", date.status().message().c_str());
        ImGui::PopStyleColor();
    }
    ImGui::BeginDisabled(!date.ok());
    // Enter downloads too, from either field.
    if (ImGui::Button("Download plan sheet") || (date.ok() && ImGui::IsKeyPressed(ImGuiKey_Enter, false))) {
        ExportPlanSheet(app, start_date, clinic_name);
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void DrawOpenPathWindow(AppState& app) {
    static char path[1024] = "";
    if (app.screen.show_open_path) {
        ImGui::OpenPopup("Open design file");
        app.screen.show_open_path = false;
    }
    const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal("Open design file", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) return;
    ImGui::TextUnformatted("The design or plan file to open:");
    ImGui::SetNextItemWidth(420.0f * app.ui_scale);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputText("##path", path, sizeof path, ImGuiInputTextFlags_EnterReturnsTrue);
    MarkTextEntry(TextEntryKind::kText);
    if (ImGui::Button("Open") || entered) {
        std::string text, error;
        const bool read = app.host.read_file_text && app.host.read_file_text(path, kMaxPlanBytes, text, error);
        if (read) {
            (void)OpenFile(app, path, text);   // names the file and the problem when it fails
        } else {
            ReportFileFailed(app, error + ". Your design is unchanged.");
        }
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace smp
