// smp platform, browser: Emscripten's GLFW on the page's <canvas id="canvas">, WebGL2.
//
// Emscripten's GLFW is 3.2-level: it knows nothing of devicePixelRatio. We size the canvas backing
// store ourselves (container CSS size × devicePixelRatio); Emscripten's mouse events already scale
// CSS positions to backing-store pixels, so ImGui works in physical pixels and the UI scales its
// fonts by ContentScale(). The canvas' CSS size comes from web/style.css, never from inline styles.
#include "platform/platform.h"
#include "platform/platform_glfw_common.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdio>
#include <cstdlib>
#include <utility>

// Sizes the canvas backing store to its parent's CSS box times devicePixelRatio. It goes through
// Browser.setCanvasSize, which tells Emscripten's GLFW (window size, framebuffer size, callbacks).
// glfwSetWindowSize is not used: it switches to fullscreen whenever the size asked for equals the
// screen's, which a maximised browser window at devicePixelRatio 1 can hit.
EM_JS(void, smp_web_sync_canvas_size, (), {
    const canvas = Module['canvas'];
    const box = canvas.parentElement.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(box.width * dpr));
    const height = Math.max(1, Math.round(box.height * dpr));
    if (canvas.width !== width || canvas.height !== height) Browser.setCanvasSize(width, height);
});

EM_JS(double, smp_web_device_pixel_ratio, (), { return window.devicePixelRatio || 1; });
EM_JS(int, smp_web_coarse_pointer, (), { return window.matchMedia && window.matchMedia('(pointer: coarse)').matches ? 1 : 0; });

EM_JS(void, smp_web_publish_stats, (const char* json), {
    if (Module['onStats']) Module['onStats'](UTF8ToString(json));
});

namespace smp::platform {
namespace {

ApiHandler g_api;                 // window.smp's commands, answered by the app
// The page (web/js/) does the browser's asynchronous parts; these hand it the request.
EM_JS(void, smp_web_offer_download, (const char* name, const char* mime, const char* bytes, size_t size), {
    if (Module['smpPage']) Module['smpPage']['download'](UTF8ToString(name), UTF8ToString(mime), HEAPU8.slice(bytes, bytes + size));
});
EM_JS(void, smp_web_copy, (const char* text), { if (Module['smpPage']) Module['smpPage']['copy'](UTF8ToString(text)); });
EM_JS(int, smp_web_can_share, (), { return Module['smpPage'] && Module['smpPage']['canShare'] && Module['smpPage']['canShare']() ? 1 : 0; });
EM_JS(void, smp_web_share, (const char* title, const char* text, const char* url), {
    if (Module['smpPage']) Module['smpPage']['share'](UTF8ToString(title), UTF8ToString(text), UTF8ToString(url));
});
EM_JS(void, smp_web_pick_file, (), { if (Module['smpPage']) Module['smpPage']['pickFile'](); });
EM_JS(void, smp_web_open_recent, (int index), { if (Module['smpPage']) Module['smpPage']['openRecent'](index); });
EM_JS(void, smp_web_post_event, (const char* json), { if (Module['smpPage']) Module['smpPage']['event'](UTF8ToString(json)); });
EM_JS(int, smp_web_photo_request, (const char* json), {
    if (!Module['smpPage'] || !Module['smpPage']['photo']) return 0;
    Module['smpPage']['photo'](UTF8ToString(json));
    return 1;
});

// What the page stages for its next command (smp_api_stage): a photo's pixels, up to a 2048 px
// square's (16 MiB) and no more, so a page cannot make the app allocate without bound.
constexpr size_t kMaxStagedBytes = size_t{2048} * 2048 * 4;
std::vector<uint8_t> g_staged;
// The address share links start with. The page decides (web/js/embed_protocol.js: an embedded
// widget's frame address carries embed=1, allow=... and mode=..., which must not travel with a
// link); a page without that answer gives its own address.
EM_JS(char*, smp_web_page_address, (), {
    const address = Module['smpPage'] && Module['smpPage']['shareBase'] ? Module['smpPage']['shareBase']() : location.href.split('#')[0];
    const size = lengthBytesUTF8(address) + 1;
    const buffer = _malloc(size);
    if (buffer) stringToUTF8(address, buffer, size);
    return buffer;
});

std::function<void()> g_frame;   // the browser calls back into it; it must outlive main()
WheelHandler g_wheel_handler = nullptr;

void RunOneFrame(void*) { g_frame(); }

EM_BOOL OnCanvasWheel(int, const EmscriptenWheelEvent* event, void*) {
    // Browsers report pixels, lines or pages; 100 px or 3 lines make one notch (as SDL does).
    float steps_per_unit = 0.0f;
    if (event->deltaMode == DOM_DELTA_PIXEL) steps_per_unit = 1.0f / 100.0f;
    else if (event->deltaMode == DOM_DELTA_LINE) steps_per_unit = 1.0f / 3.0f;
    else if (event->deltaMode == DOM_DELTA_PAGE) steps_per_unit = 80.0f;
    if (g_wheel_handler != nullptr) {
        g_wheel_handler(static_cast<float>(-event->deltaX) * steps_per_unit,
                        static_cast<float>(-event->deltaY) * steps_per_unit);
    }
    return EM_TRUE;   // the canvas listener is not passive: this stops the page from scrolling
}

}  // namespace

GLFWwindow* OpenMainWindow(const char* title, int width, int height) {
    glfwSetErrorCallback(PrintGlfwError);
    if (!glfwInit()) {
        std::fprintf(stderr, "smp-designer: cannot initialise GLFW\n");
        return nullptr;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);   // WebGL2 = OpenGL ES 3.0
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* window = glfwCreateWindow(width, height, title, nullptr, nullptr);
    if (window == nullptr) {
        std::fprintf(stderr, "smp-designer: this browser cannot create a WebGL2 context\n");
        return nullptr;
    }
    glfwMakeContextCurrent(window);
    SyncWindowSize(window);
    return window;
}

const char* GlslVersionLine() { return "#version 300 es"; }

void SyncWindowSize(GLFWwindow*) { smp_web_sync_canvas_size(); }

void InstallWheelHandler(WheelHandler handler) {
    g_wheel_handler = handler;
    emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);
    emscripten_set_wheel_callback("#canvas", nullptr, false, OnCanvasWheel);
}

float ContentScale(GLFWwindow*) { return static_cast<float>(smp_web_device_pixel_ratio()); }

bool CoarsePointer() { return smp_web_coarse_pointer() != 0; }

void WaitForEvents(double) {}

void RunMainLoop(GLFWwindow*, std::function<void()> frame) {
    g_frame = std::move(frame);
    // fps 0 = requestAnimationFrame; simulate_infinite_loop = true keeps main()'s state alive.
    emscripten_set_main_loop_arg(RunOneFrame, nullptr, 0, true);
}

void PublishStats(const char* stats_json) { smp_web_publish_stats(stats_json); }

void InstallApi(ApiHandler handler) { g_api = std::move(handler); }

std::string OfferDownload(const std::string& file_name, const std::string& mime_type, const std::string& bytes) {
    smp_web_offer_download(file_name.c_str(), mime_type.c_str(), bytes.data(), bytes.size());
    return "downloaded " + file_name;
}

bool CopyToClipboard(const std::string& text) {
    smp_web_copy(text.c_str());
    return false;   // the page answers with "clipboardResult"
}

bool CanShareNatively() { return smp_web_can_share() != 0; }

void ShareNatively(const std::string& title, const std::string& text, const std::string& url) {
    smp_web_share(title.c_str(), text.c_str(), url.c_str());   // the page answers with "shareResult"
}

bool PickFileToOpen() {
    smp_web_pick_file();
    return true;
}

bool OpenRecentDesign(int index) {
    smp_web_open_recent(index);
    return true;
}

void PostPageEvent(const std::string& event_json) { smp_web_post_event(event_json.c_str()); }

bool ReadFileText(const std::string&, size_t, std::string&, std::string& error) {
    error = "the browser opens files through its file picker";
    return false;
}

bool HasPhotoStore() { return true; }

bool ReadPhotoFile(const std::string&, int, int&, int&, std::vector<uint8_t>&, std::string& error) {
    error = "the browser opens photos through its picker";
    return false;
}

bool PhotoRequest(const std::string& request_json) { return smp_web_photo_request(request_json.c_str()) != 0; }

std::vector<uint8_t> TakeStagedBytes() { return std::exchange(g_staged, {}); }

std::string ShareBaseUrl() {
    char* address = smp_web_page_address();
    if (address == nullptr) return std::string();
    std::string text(address);
    std::free(address);
    return text;
}

}  // namespace smp::platform

// Called from web/js/ (Module.ccall) for window.smp's commands. The answer stays valid until
// the next call; JavaScript copies it into a string at once.
extern "C" EMSCRIPTEN_KEEPALIVE const char* smp_api(const char* command, const char* argument) {
    static std::string answer;
    answer = smp::platform::g_api ? smp::platform::g_api(command, argument) : std::string("{\"ok\":false,\"error\":\"not ready\"}");
    return answer.c_str();
}

// Called from web/js/api.js (stageBytes) before a command that takes bytes ("photoPixels"): room
// for `size` bytes the page copies in, or null when it is more than a photo can be.
extern "C" EMSCRIPTEN_KEEPALIVE uint8_t* smp_api_stage(size_t size) {
    if (size > smp::platform::kMaxStagedBytes) return nullptr;
    smp::platform::g_staged.assign(size, 0);
    return smp::platform::g_staged.data();
}
