// smp ui: the tool table (tools.h). A new tool: its file in this folder defines a ToolDef, and one
// row here puts it on the screen.
#include "ui/tools/tools.h"

#include "ui/app_actions.h"
#include "ui/app_state.h"

namespace smp {

extern const ToolDef kHandTool, kBrushTool, kEraserTool, kSmoothTool, kZoneFillTool, kHairlineTool, kScarStripTool, kScarFieldTool;

namespace {

constexpr const ToolDef* kTools[] = {
    &kHandTool,        // hand_tool.cpp
    &kBrushTool,       // brush_tool.cpp
    &kEraserTool,      // brush_tool.cpp
    &kSmoothTool,      // brush_tool.cpp
    &kZoneFillTool,    // zone_fill_tool.cpp
    &kHairlineTool,    // hairline_tool.cpp
    &kScarStripTool,   // scar_tool.cpp
    &kScarFieldTool,   // scar_tool.cpp
};

static_assert(kTools[0] == &kHandTool, "the first row is the hand: HandTool() and the client view start with it");

}  // namespace

std::span<const ToolDef* const> AllTools() { return kTools; }

const ToolDef& HandTool() { return *kTools[0]; }

const ToolDef* FindTool(std::string_view name) {
    for (const ToolDef* tool : kTools) {
        if (name == tool->name) return tool;
    }
    return nullptr;
}

bool ToolAllowed(const AppState& app, const ToolDef& tool) {
    if (&tool == &HandTool()) return true;
    if (ReadOnly(app)) return false;
    return app.page.embed_mode != EmbedMode::kClient || tool.in_client_mode;
}

void SetTool(AppState& app, const ToolDef& tool) {
    // Every tool but the hand works on the map: picked over the head or the photo alone (a phone,
    // a narrow widget), it brings the map rather than leave a finger turning the head instead;
    // picked again there (it was in hand when the head was chosen), too.
    const CanvasView shown = app.canvas.shown_view;
    if (&tool != &HandTool() && (shown == CanvasView::kHead || shown == CanvasView::kPhoto)) app.view.canvas_view = CanvasView::kMap;
    if (&tool == app.tools.active) return;
    FinishPointerEdits(app);
    app.tools.active = &tool;
}

}  // namespace smp
