// smp ui: the designer's screen. main() calls these around ImGui's frame; nothing here knows
// whether it runs in a browser or on the desktop.
#pragma once

#include "ui/app_state.h"

#include <string>

namespace smp {

// Fills the design with its defaults and derives what is derived. Call once before the first frame.
void InitApp(AppState& app);

// Creates the dot renderer once the GL context is current (`glsl_version_line` from the platform).
// Without it (shaders refused) the app still runs, without dots, and says why on stderr.
void InitRenderer(AppState& app, const char* glsl_version_line);

// (Re)builds fonts and style for `content_scale` physical pixels per logical pixel when it changed.
// Must run between frames (before the renderer's NewFrame). Returns true when the font atlas was
// rebuilt: the caller then re-uploads the font texture (the renderer backend owns it).
bool ApplyContentScale(AppState& app, float content_scale);

// Finger-sized controls when the main pointer is coarse (platform::CoarsePointer()). Between frames.
void ApplyPointerKind(AppState& app, bool coarse_pointer);

// Draws the whole screen: menu bar, side panel, canvas. Between ImGui::NewFrame() and Render().
void DrawApp(AppState& app);

}  // namespace smp
