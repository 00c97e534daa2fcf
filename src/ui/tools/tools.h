// smp ui: the canvas tools, one table.
//
// A tool is one file in src/ui/tools/ (its pointer handling, its settings in the side panel, what
// it draws over the canvas) and one row of the table in tool_table.cpp. Everything that lists or
// dispatches tools reads the table: the tool buttons and shortcuts (app_ui.cpp), the canvas
// (canvas.cpp), the embedded client mode's allowed tools and stats().tool (page_api.cpp). The rows
// are constant-initialised aggregates (literals, enum values, function pointers), so the table is
// complete before any code runs.
#pragma once

#include "imgui.h"

#include <span>
#include <string_view>

namespace smp {

struct AppState;
struct CanvasFrame;
struct ToolSettings;

// Which planning marks stay on the canvas in the healed and faded previews while the tool is in
// hand (the previews otherwise show the skin as a client would see it).
enum ToolMarks : unsigned {
    kToolMarksNone = 0,
    kToolMarksHairline = 1u << 0,   // the hairline, the midline and the height guides
    kToolMarksScars = 1u << 1,      // the scars (and the Scars section of the panel stays open)
};

struct ToolDef {
    const char* name;              // in stats() and the page API: "brush"
    const char* label;             // its button: "Brush"
    const char* tip;               // the button's tooltip, with the shortcut
    ImGuiKey key;                  // the single-key shortcut
    bool in_client_mode;           // offered to a clinic's visitors (embedded client mode)
    bool paints;                   // shows the brush's footprint; the left button never pans with it
    unsigned marks;                // ToolMarks kept in the previews
    // The pointer on the canvas, after the canvas' InvisibleButton (ImGui's item state is the
    // canvas'). Returns true when it took the left button this frame (the view then does not pan).
    bool (*pointer)(AppState& app, const CanvasFrame& frame);
    void (*settings)(AppState& app);   // its settings in the side panel
    // What it draws over the canvas (handles, a path being traced, the brush ring); may be null.
    void (*overlay)(ImDrawList* draw, const AppState& app, const CanvasFrame& frame);
    bool on_phone_bar = false;     // kept at hand under a phone's collapsed sheet (the others: Tools)
};

// Every tool, in the order of the buttons. The first is the hand, which a client opening a link
// starts with and the Space key turns any tool into.
std::span<const ToolDef* const> AllTools();
const ToolDef& HandTool();
const ToolDef* FindTool(std::string_view name);

// The embedded client mode keeps to its tools; a read-only design has only the hand.
bool ToolAllowed(const AppState& app, const ToolDef& tool);

// Changes the tool in hand. Whatever the pointer was doing (a stroke, a drag, a trace) ends first.
void SetTool(AppState& app, const ToolDef& tool);

// The density slider the brush and the zone fill share (dots/cm² or % of natural density).
void DensitySlider(ToolSettings& tools);

}  // namespace smp
