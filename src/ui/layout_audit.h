// smp ui: what is on the screen, item by item, so tests can check a layout as a person sees it:
// everything fits, nothing overlaps, no text is cut off, touch targets are big enough.
//
// ImGui reports every interactive item (its rectangle and label) through its test-engine hooks
// (IMGUI_ENABLE_TEST_ENGINE, defined for our ImGui build); we implement those hooks here instead
// of linking Dear ImGui's test engine. An audit is asked for (the page API's "layout") and the
// next frame is recorded; the hooks cost nothing in the frames in between.
#pragma once

#include <string>

namespace smp {

// Records the frame between these two calls if an audit was asked for. `css_per_px` converts
// ImGui's framebuffer pixels to the page's CSS pixels in the answer.
void BeginLayoutAuditFrame();
void EndLayoutAuditFrame(float css_per_px, bool touch);

// Asks for the next frame's audit and returns the last one as JSON (`{}` before the first):
// {frame, touch, font_px, display: {width, height},
//  windows: [{name, x, y, width, height, content_width, overflows_x}],
//  items: [{window, label, text_width, x, y, width, height, clip: {x, y, width, height},
//           interactive, clipped_x, label_fits}],
//  tables: [{name, columns: [{index, content_right, clip_right, clipped}]}]}.
std::string LayoutAuditJsonAndArm();

}  // namespace smp
