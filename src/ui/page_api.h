// smp ui: the page API (window.smp in the browser, the embed protocol behind it, and the host's
// answers to what the app asked of it): one table, a row per command with its handler.
//
// A command takes one text argument (JSON, a link or a preset name) and answers JSON text. Errors
// are answers, {"ok": false, "error": "..."} naming the problem; nothing the page sends may take
// the app down or change the design when it is refused. The names of tools, previews and embed
// modes the API speaks come from their tables (tools.h, export/preview.h, app_state.h).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace smp {

struct AppState;

// What each takes and answers is said over its row in page_api.cpp (and in the README), not kept
// in the app: nothing reads it there, and every byte of the app is downloaded.
struct ApiCommand {
    const char* name;        // "getDesign"
    std::string (*run)(AppState& app, std::string_view argument);
    // Answers without changing anything the screen shows: the page may ask as often as it likes
    // (the autosave asks for the view five times a second) without waking the frame loop.
    bool query = false;
};

// Every command, in the README's order.
std::span<const ApiCommand> ApiCommands();

// Whether `command` is a query (above); false for an unknown one.
bool IsApiQuery(std::string_view command);

// Runs `command`; an unknown one, or an argument of an unexpected shape, is an error answer.
std::string HandleApiCall(AppState& app, std::string_view command, std::string_view argument);

// Live figures for automation (window.smp.stats(), published every frame): frames, frame time,
// canvas and scalp placement in CSS pixels of the page, the design's counts, the tool in hand.
std::string StatsJson(const AppState& app);

}  // namespace smp
