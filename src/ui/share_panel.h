// smp ui: sharing and files. The File menu's items (open, save, export, share) and the share
// window (the link, copy, a QR code to scan across the counter). The client view's panel for a
// design opened from a link is in app_ui.cpp, beside the panels it reuses. What builds JSON (the
// clinic's events, the design file) is in share_events.cpp.
#pragma once

#include "core/geometry.h"

#include <cstdint>
#include <string>
#include <vector>

namespace smp {

struct AppState;

// What the share window keeps between frames: the link, made once per revision of the design, and
// its QR code, made once per link.
struct ShareWindowState {
    std::string status;                     // "Link copied", or why it was not
    uint64_t link_revision = ~0ull;         // the design revision link_url was made for
    std::string link_url;
    bool link_within_budget = true;         // and whether it fits kLinkBudgetChars
    std::string qr_text;                    // the link the QR code was made for
    std::vector<uint8_t> qr_modules;        // its modules (row-major, 1 = dark); empty when it does not fit
    int qr_size = 0;                        // modules per side
    Vec2 copy_button_px = Vec2(-1.0, -1.0); // where "Copy link" was drawn (for automation)
};

// How many earlier designs the page keeps in its "Recent designs" (web/app.js keeps the same).
inline constexpr int kRecentDesignsKept = 8;

// The File menu's items after "New design" (inside BeginMenu("File")).
void DrawFileMenuItems(AppState& app);

// The share window and the desktop's "open a file" field, when asked for.
void DrawShareWindow(AppState& app);
void DrawOpenPathWindow(AppState& app);
void DrawSheetWindow(AppState& app);   // the plan sheet's start date and clinic name

// The design's link to someone else: the system's share sheet where there is one (a phone's
// browser: HostServices::share_natively), else the share window (the link, Copy link, a QR code).
// A link over the budget goes to the window, which says so and offers the file instead.
void ShareDesign(AppState& app);

// What became of the share sheet (the page's "shareResult"). Shared: said in the status line.
// Cancelled: nothing to say. Failed (the browser refused): the share window opens instead, saying
// why, so the link is never out of reach.
enum class ShareOutcome { kShared, kCancelled, kFailed };
void ReportShareOutcome(AppState& app, ShareOutcome outcome, const std::string& error);

// Client mode: hands the design and its link to the embedding page ("send" event).
void SendToClinic(AppState& app);

// The "openInApp" event for the embedding page: the full app in its own tab, with this link.
std::string OpenInAppEventJson(const std::string& link);

// Hands a file to the person (HostServices::offer_download), the outcome in the status line.
void OfferFile(AppState& app, const std::string& file_name, const char* mime_type, const std::string& bytes);

// Downloads: the design file, the plan JSON.
void SaveDesignFile(AppState& app);
void ExportPlanFile(AppState& app);
// A PNG of what the canvas shows: the map (plan, healed or faded; 1600 px wide), or, when the head
// alone is shown, the head from the view's angle (kHeadImageWidthPx square; before and after side
// by side, twice as wide, when the view shows both).
inline constexpr int kHeadImageWidthPx = 1080;
void ExportImageFile(AppState& app);
// The head from the view's angle as a PNG file, as ExportImageFile makes it when the head alone
// is shown (the Preview section's "Save a picture of the head" asks for it whenever the head is
// shown): DrawHeadPictureWindow says it is being drawn, then offers the file.
void RequestHeadPicture(AppState& app);
void DrawHeadPictureWindow(AppState& app);
const char* HeadPictureTooltip(const AppState& app);   // what the picture will be, in a line

}  // namespace smp
