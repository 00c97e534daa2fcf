// smp platform: everything that differs between the desktop and the browser, behind one header.
//
// platform_desktop.cpp (GLFW + OpenGL 3.3 core) and platform_web.cpp (Emscripten's GLFW + WebGL2)
// implement it; CMake compiles exactly one of them. No other file has #ifdef __EMSCRIPTEN__.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

struct GLFWwindow;

namespace smp::platform {

// Creates the main window with a current GL context (OpenGL 3.3 core on the desktop, OpenGL ES 3.0
// = WebGL2 in the browser, where the window is the page's <canvas id="canvas">). Returns nullptr
// after printing the reason to stderr when no window or context can be had.
GLFWwindow* OpenMainWindow(const char* title, int width, int height);

// The GLSL version line ImGui's OpenGL3 renderer and our shaders need on this platform.
const char* GlslVersionLine();

// Called once per frame before input is read. In the browser it sizes the canvas backing store to
// its container's CSS size times devicePixelRatio, so the canvas fills the container, follows
// resizes and is crisp on high-DPI screens. On the desktop the window manager does this already.
void SyncWindowSize(GLFWwindow* window);

// Mouse-wheel steps (one notch = 1.0; positive y = away from the user) for the UI.
using WheelHandler = void (*)(float steps_x, float steps_y);

// In the browser, routes wheel events over the canvas to `handler` and stops ImGui's GLFW backend
// from listening on the whole document: Chrome makes document-level wheel listeners passive (so
// their preventDefault is an error), and an embedding page must keep its own scrolling. Call after
// the ImGui GLFW backend is initialised. On the desktop GLFW's scroll callback already does this.
void InstallWheelHandler(WheelHandler handler);

// Physical pixels per logical (CSS) pixel: devicePixelRatio in the browser, the monitor's content
// scale on the desktop. The UI scales its fonts and sizes by it.
float ContentScale(GLFWwindow* window);

// Whether the main pointer is coarse (a finger: phones and tablets), so the UI makes its targets
// finger-sized. The browser's `(pointer: coarse)` media query; false on the desktop.
bool CoarsePointer();

// Waits up to `seconds` for input when no frame is due (ui/frame_pacer.h). On the desktop the
// thread sleeps in glfwWaitEventsTimeout; in the browser it returns at once (the browser calls
// the next frame at its display's pace).
void WaitForEvents(double seconds);

// Runs `frame` until the window closes. In the browser it returns at once and the browser drives
// the frames (requestAnimationFrame); `frame` must therefore own no stack state.
void RunMainLoop(GLFWwindow* window, std::function<void()> frame);

// Publishes the app's live figures for automation (window.smp.stats() in the browser). JSON text.
void PublishStats(const char* stats_json);

// The page-level API (window.smp in the browser): `handler` answers a command and its argument
// with JSON text. In the browser, web/app.js calls it through the exported smp_api(); on the
// desktop there is no page, and this does nothing.
using ApiHandler = std::function<std::string(std::string_view command, std::string_view argument)>;
void InstallApi(ApiHandler handler);

// --- Files, links and the clipboard -------------------------------------------------------------
// The browser is asynchronous: what the person picks or whether the clipboard took the text comes
// back later through the page API (document.h: "openFile", "clipboardResult").

// Hands a file to the person: the browser downloads it; the desktop writes it to ~/Downloads (or
// the working folder when there is none). Returns what happened, for the status line, e.g.
// "saved /home/ana/Downloads/norwood-4.design.json"; an error message starts with "could not".
std::string OfferDownload(const std::string& file_name, const std::string& mime_type, const std::string& bytes);

// Copies text to the clipboard. Browser: the page reports the result with "clipboardResult", and
// shows a selectable field with the text when the browser refuses. Desktop: at once (true).
bool CopyToClipboard(const std::string& text);

// Whether the system's share sheet is at hand: the browser's Web Share API (navigator.share), which
// phones and tablets have. Not in a clinic's embedded widget, whose frame the clinic's page would
// have to allow it, nor on the desktop.
bool CanShareNatively();

// Opens the system's share sheet with a link (title and text for the message). Browser: the page
// answers with "shareResult" once the person has shared it, cancelled or the browser refused.
void ShareNatively(const std::string& title, const std::string& text, const std::string& url);

// Asks the person for a design or plan file to open. Browser: the file picker; the page reads the
// file and hands it to "openFile". Returns false where there is no picker (the desktop: the UI asks
// for a path and calls ReadFileText).
bool PickFileToOpen();

// Opens one of the page's recent designs (the list the page handed over with "setRecent"): the
// page loads it through "loadDesign". Returns false where there is no such list (the desktop).
bool OpenRecentDesign(int index);

// Hands an event to the page (JSON text, e.g. {"type": "send", ...} for "Send to clinic"): in the
// browser web/app.js passes it on to an embedding clinic page. Nothing on the desktop.
void PostPageEvent(const std::string& event_json);

// --- Photos (ui/photo_view.h) ------------------------------------------------------------------
// Whether the page keeps photos (the browser: web/js/photos.js in IndexedDB). The desktop has no
// such store: its photo view opens PNG files by path.
bool HasPhotoStore();
// Asks the page's photo store for something (JSON text: {op: list|pick|load|marks|remove|
// saveWithPhotos, ...}); the page answers later through the API ("photoAnswer", "photoPixels").
// "pick" opens the browser's file picker, so it must be asked while handling a click.
bool PhotoRequest(const std::string& request_json);
// The bytes the page staged (smp_api_stage) for the command it is calling: a photo's pixels.
// Taken once: a second call gives nothing.
std::vector<uint8_t> TakeStagedBytes();

// Desktop: reads and decodes a photo file the person named (PNG, export/png_decode.h), scaled to
// at most `max_side_px` a side; rows top to bottom, 4 bytes a pixel. The browser decodes photos in
// the page (false), so its app carries no image decoder.
bool ReadPhotoFile(const std::string& path, int max_side_px, int& width_px, int& height_px, std::vector<uint8_t>& rgba, std::string& error);

// Reads a file the person named (desktop), refusing anything over `max_bytes` before reading it.
// Errors come back as the text of `error`.
bool ReadFileText(const std::string& path, size_t max_bytes, std::string& text, std::string& error);

// The address share links start with: in the browser the designer page's own address as the page
// gives it (Module.smpPage.shareBase: an embedded widget's frame parameters left out), else the
// page's address without its fragment; on the desktop SMP_SHARE_URL or http://127.0.0.1:8080/
// (what `make run` serves).
std::string ShareBaseUrl();

}  // namespace smp::platform
