// smp ui: sharing and files. The File menu's items (open, save, export, share) and the share
// window (the link, copy, a QR code to scan across the counter). The client view's panel for a
// design opened from a link is in app_ui.cpp, beside the panels it reuses.
#pragma once

#include "ui/app_state.h"

namespace smp {

// How many earlier designs the page keeps in its "Recent designs" (web/app.js keeps the same).
inline constexpr int kRecentDesignsKept = 8;

// The File menu's items after "New design" (inside BeginMenu("File")).
void DrawFileMenuItems(AppState& app);

// The share window and the desktop's "open a file" field, when asked for.
void DrawShareWindow(AppState& app);
void DrawOpenPathWindow(AppState& app);
void DrawSheetWindow(AppState& app);   // the plan sheet's start date and clinic name

// Client mode: hands the design and its link to the embedding page ("send" event).
void SendToClinic(AppState& app);

// Downloads: the design file, the plan JSON.
void SaveDesignFile(AppState& app);
void ExportPlanFile(AppState& app);
void ExportImageFile(AppState& app);   // PNG of what the canvas shows (plan or healed)

}  // namespace smp
