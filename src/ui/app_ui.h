// smp ui: the designer's screen. main() calls these around ImGui's frame; nothing here knows
// whether it runs in a browser or on the desktop.
#pragma once

#include "ui/app_state.h"

#include <string>

namespace smp {

// What the app opens first instead of the start preset, so that its first frame shows the design
// the person came for and the start design is never made (main() takes it from its arguments; the
// web page passes a link in its address, or a widget's preset, when nothing is saved there).
struct FirstDesign {
    std::string link;          // a share link (whole or its "#d=..." part): opens in the client view
    std::string design_text;   // else a design's JSON: opens as the person's own work
    std::string preset;        // else a preset's name: opens as the start design does (nobody's work)
};

// Opens the app's first design and derives what is derived. Call once before the first frame.
// Returns whether what `first` asks for opened; when it did not (the status says why, and so does
// app.screen.last_error for a link), the start preset is open instead.
Status InitApp(AppState& app, const FirstDesign& first = {});

// Creates the dot renderer once the GL context is current (`glsl_version_line` from the platform).
// Without it (shaders refused) the app still runs, without dots, and says why on stderr.
void InitRenderer(AppState& app, const char* glsl_version_line);

// (Re)builds fonts and style for `content_scale` physical pixels per logical pixel when it changed.
// Must run between frames (before the renderer's NewFrame). Returns true when the font atlas was
// rebuilt: the caller then re-uploads the font texture (the renderer backend owns it).
bool ApplyContentScale(AppState& app, float content_scale);

// Finger-sized controls when the main pointer is coarse (platform::CoarsePointer()) or a finger has
// touched the page since a mouse last moved (PointerInput::finger_seen); a change waits until no
// press is under way. Between frames.
void ApplyPointerKind(AppState& app, bool coarse_pointer);

// A touch screen has no hover: once a finger has lifted (and ImGui has seen it let go), the pointer
// leaves the screen, so a control just tapped does not stay highlighted or open its tooltip over
// the screen, as a mouse resting there would. Before ImGui::NewFrame(), every frame.
void LetGoOfLiftedFinger(const AppState& app);

// Draws the whole screen: menu bar, side panel, canvas. Between ImGui::NewFrame() and Render().
void DrawApp(AppState& app);

}  // namespace smp
