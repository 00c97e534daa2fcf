// smp ui: the design document: loading, generating, and what the page API hands out.
//
// Every change goes through here, so the dots, the drawing geometry and the revision counter stay
// in step with the design. A design that does not load or generate never replaces the current one:
// the user's work is never lost to a bad file or link.
#pragma once

#include "core/status.h"
#include "ui/app_state.h"

#include <string>
#include <string_view>

namespace smp {

// The design the app opens with: a shipped preset.
inline constexpr const char* kStartPreset = "norwood-4";

// Replaces the design with `design` and its dots. On an error, nothing changes.
Status SetDesign(AppState& app, const Design& design);

// Parses and loads design JSON text (or a preset name), as SetDesign. Errors name the problem.
Status LoadDesignText(AppState& app, std::string_view text_or_preset);

// The current design and plan as JSON text (the same bytes `smp plan` writes for that design).
std::string DesignJsonText(const AppState& app);
std::string PlanJsonText(const AppState& app);

// The page API (window.smp in the browser): a command and its argument, JSON text back:
//   getDesign          -> the design
//   loadDesign <json>  -> {"ok": true} or {"ok": false, "error": "..."}
//   getPlan            -> the plan
//   listPresets        -> [{"name", "title"}, ...]
std::string HandleApiCall(AppState& app, std::string_view command, std::string_view argument);

}  // namespace smp
