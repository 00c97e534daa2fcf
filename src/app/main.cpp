// smp-designer: window, ImGui context, frame loop. The same file for the desktop and the browser;
// the differences live in src/platform.
#include "app/paint_benchmark.h"
#include "core/presets.h"
#include "imgui.h"
#include "imgui_internal.h"   // the input event queue: whether anything came in since the last frame
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "platform/platform.h"
#include "render/capture.h"
#include "render/frame.h"
#include "ui/accessibility.h"
#include "ui/app_actions.h"
#include "ui/app_state.h"
#include "ui/app_ui.h"
#include "ui/canvas.h"
#include "ui/frame_pacer.h"
#include "ui/page_api.h"

#include <GLFW/glfw3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

constexpr smp::ColorRgba kWindowBackground{0.925f, 0.937f, 0.949f, 1.0f};

constexpr const char* kUsage =
    "usage: smp-designer [DESIGN.json | PRESET | --link LINK | --preset NAME] [--photo PHOTO.png [--photo-view SIDE]]\n"
    "                    [--screenshot FILE.png [--frames N]] [--paint-benchmark]\n"
    "\n"
    "  DESIGN.json | PRESET    open this design (a file, or a preset name from `smp presets`)\n"
    "  --link LINK             open a share link's design, read-only\n"
    "  --preset NAME           open a preset (never a file) as the start design\n"
    "  --photo PHOTO.png       open the photo view on this photo of the client's head (PNG)\n"
    "  --photo-view SIDE       the side it shows: front (default), left, right, back or top\n"
    "  --screenshot FILE.png   draw N frames, save the window as a PNG, and quit (for tests and docs)\n"
    "  --frames N              frames to draw before the screenshot (default 10)\n"
    "  --paint-benchmark       paint one brush stroke across the design, print frame and brush times, quit\n";

struct Options {
    std::string design;            // empty: the start preset
    std::string link;              // a share link to open first (the web page passes the address's)
    std::string preset;            // a preset to open first, never a file (the web page passes a widget's)
    std::string screenshot_path;   // empty: run interactively
    int frames_before_screenshot = 10;
    bool paint_benchmark = false;
    std::string photo_path;        // empty: no photo
    smp::PhotoView photo_view = smp::PhotoView::kFront;
};

// Lives for the whole program: in the browser the frame callback outlives main()'s return.
smp::AppState g_app;
smp::FramePacer g_pacer;               // full rate while something happens, a few frames a second idle
smp::RedrawGate g_redraw;              // a frame whose picture is on the screen already is not drawn again
uint64_t g_drawn_revision = 0;         // the design's revision the last frame drew
Options g_options;
smp::PaintBenchmark g_paint_benchmark;
int g_exit_code = 0;

// Returns false (after printing why) on bad usage.
bool ParseOptions(int argc, char** argv, Options& options) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        } else if (arg == "--photo" && i + 1 < argc) {
            options.photo_path = argv[++i];
        } else if (arg == "--photo-view" && i + 1 < argc) {
            const std::optional<smp::PhotoView> view = smp::PhotoViewFromName(argv[++i]);
            if (!view || *view == smp::PhotoView::kUnknown) {
                std::fprintf(stderr, "smp-designer: --photo-view must be front, left, right, back or top, got '%s'\n", argv[i]);
                return false;
            }
            options.photo_view = *view;
        } else if (arg == "--link" && i + 1 < argc) {
            options.link = argv[++i];
        } else if (arg == "--preset" && i + 1 < argc) {
            options.preset = argv[++i];
        } else if (arg == "--screenshot" && i + 1 < argc) {
            options.screenshot_path = argv[++i];
        } else if (arg == "--frames" && i + 1 < argc) {
            char* end = nullptr;
            const long frames = std::strtol(argv[++i], &end, 10);
            if (*end != '\0' || frames < 1 || frames > 100000) {
                std::fprintf(stderr, "smp-designer: --frames must be a whole number from 1 to 100000, got '%s'\n", argv[i]);
                return false;
            }
            options.frames_before_screenshot = static_cast<int>(frames);
        } else if (arg == "--paint-benchmark") {
            options.paint_benchmark = true;
        } else if (!arg.empty() && arg[0] != '-' && options.design.empty()) {
            options.design = arg;
        } else {
            std::fprintf(stderr, "smp-designer: unknown or incomplete option '%s'\n%s", argv[i], kUsage);
            return false;
        }
    }
    return true;
}

// After the requested number of frames, saves the framebuffer and asks the loop to stop.
void MaybeTakeScreenshot(GLFWwindow* window, int width_px, int height_px) {
    if (g_options.screenshot_path.empty() ||
        g_app.stats.frames < static_cast<uint64_t>(g_options.frames_before_screenshot)) {
        return;
    }
    const smp::Status saved = smp::SaveFramebufferPng(g_options.screenshot_path, width_px, height_px);
    if (!saved.ok()) {
        std::fprintf(stderr, "smp-designer: %s\n", saved.message().c_str());
        g_exit_code = 1;
    }
    glfwSetWindowShouldClose(window, GLFW_TRUE);
}

// Whether the app has something in progress that the next frame must carry on: a pointer held (a
// stroke, a drag), a text field with its cursor, a design change not drawn yet, the painting
// headroom still to reserve, a picture of the head asked for (its dialog first), or a run that must
// not wait (a screenshot, the paint benchmark).
bool AppBusy() {
    const ImGuiIO& io = ImGui::GetIO();
    return ImGui::IsAnyMouseDown() || io.WantTextInput || g_app.doc.revision != g_drawn_revision || g_app.screen.head_picture_frames > 0 ||
           smp::PaintingHeadroomPending(g_app.doc) || g_options.paint_benchmark || !g_options.screenshot_path.empty();
}

void Frame(GLFWwindow* window) {
    using Clock = std::chrono::steady_clock;
    glfwPollEvents();
    const double now_s = glfwGetTime();
    smp::platform::SyncWindowSize(window);
    static int last_width_px = -1, last_height_px = -1;
    int width_px = 0, height_px = 0;
    glfwGetFramebufferSize(window, &width_px, &height_px);
    const bool resized = width_px != last_width_px || height_px != last_height_px;
    last_width_px = width_px;
    last_height_px = height_px;
    bool fonts_rebuilt = false;
    if (smp::ApplyContentScale(g_app, smp::platform::ContentScale(window))) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
        g_pacer.NoteActivity(now_s);
        fonts_rebuilt = true;
    }
    smp::ApplyPointerKind(g_app, smp::platform::CoarsePointer());
    if (resized || !ImGui::GetCurrentContext()->InputEventsQueue.empty()) g_pacer.NoteActivity(now_s);
    if (!g_pacer.ShouldDraw(now_s, AppBusy())) {
        smp::platform::WaitForEvents(g_pacer.SecondsUntilDue(now_s));
        return;
    }

    // What a design's first frame does not wait for: from the next frame on, once it is on screen,
    // a part a frame.
    if (g_app.stats.frames > 0) smp::AdvancePaintingHeadroom(g_app.doc);

    const Clock::time_point start = Clock::now();
    static Clock::time_point previous_start = start;
    g_app.stats.frame_interval_ms = std::chrono::duration<double, std::milli>(start - previous_start).count();
    previous_start = start;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (g_options.paint_benchmark && !g_paint_benchmark.BeforeFrame(g_app)) {
        std::printf("%s\n", g_paint_benchmark.Report(g_app).c_str());
        glfwSetWindowShouldClose(window, GLFW_TRUE);
    }
    smp::LetGoOfLiftedFinger(g_app);
    ImGui::NewFrame();
    smp::DrawApp(g_app);
    smp::UpdateAccessibility(g_app);   // keyboard navigation's edges, the view's keys, the page's text
    ImGui::Render();
    g_app.stats.last_frame_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    g_app.stats.frames += 1;
    g_app.stats.input_events_pending = ImGui::GetCurrentContext()->InputEventsQueue.Size;

    // The GPU's share, only for a picture not on the screen yet (ui/frame_pacer.h). Screenshots and
    // the benchmark draw every frame: they read or time the drawing itself.
    const bool forced = resized || fonts_rebuilt || !g_options.screenshot_path.empty() || g_options.paint_benchmark;
    if (g_redraw.ShouldRender(smp::FramePictureFingerprint(g_app, *ImGui::GetDrawData()), now_s, forced)) {
        smp::BeginFramebuffer(width_px, height_px, kWindowBackground);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        MaybeTakeScreenshot(window, width_px, height_px);
        glfwSwapBuffers(window);
        g_app.stats.frames_drawn += 1;
    } else {
        // No swap to wait for the display: on the desktop, wait for input or the display's next
        // refresh instead of building frames flat out (the browser paces frames itself).
        smp::platform::WaitForEvents(1.0 / 60.0);
    }
    if (g_options.paint_benchmark) g_paint_benchmark.AfterFrame(g_app, g_app.stats.last_frame_ms, g_app.stats.frame_interval_ms);
    g_drawn_revision = g_app.doc.revision;
    smp::platform::PublishStats(smp::StatsJson(g_app).c_str());
}

}  // namespace

int main(int argc, char** argv) {
    if (!ParseOptions(argc, argv, g_options)) return 2;
    GLFWwindow* window = smp::platform::OpenMainWindow("SMP Designer", 1280, 800);
    if (window == nullptr) return 1;

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    // Tab, the arrow keys, Space, Enter and Escape work the panel, Alt the menus (README,
    // "Accessibility"); without it nothing but a pointer reaches most actions.
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init(smp::platform::GlslVersionLine());
    smp::platform::InstallWheelHandler(
        [](float steps_x, float steps_y) { ImGui::GetIO().AddMouseWheelEvent(steps_x, steps_y); });
    // The first design, in place of the start preset: a link, else a design (a preset's name or a
    // file's path: one rule for the app, the document and the CLI, presets.h), else a preset. One
    // that does not open is reported; the app stays up with its start design only when run
    // interactively.
    smp::FirstDesign first{g_options.link, "", g_options.preset};
    std::string first_name = g_options.link.empty() ? g_options.preset : "--link";
    if (g_options.link.empty() && !g_options.design.empty()) {
        const smp::Expected<std::string> text = smp::DesignSourceText(g_options.design, [](std::string_view path) -> smp::Expected<std::string> {
            std::string read, error;
            if (!smp::platform::ReadFileText(std::string(path), smp::DesignLimits::kMaxDesignBytes, read, error)) return smp::Status(smp::StatusCode::kIoError, error);
            return read;
        });
        if (!text.ok() && !smp::IsPresetName(g_options.design)) {   // a file that cannot be read
            std::fprintf(stderr, "smp-designer: cannot open the design file: %s\n", text.status().message().c_str());
            return 1;
        }
        if (text.ok()) first.design_text = *text;
        else first.preset = g_options.design;   // a name that is no preset: its error lists those that are
        first_name = g_options.design;
    }
    if (const smp::Status opened = smp::InitApp(g_app, first); !opened.ok()) {
        std::fprintf(stderr, "smp-designer: %s: %s\n", first_name.c_str(), opened.message().c_str());
        if (g_options.paint_benchmark || !g_options.screenshot_path.empty()) return 1;
    }
    if (g_options.paint_benchmark) glfwSwapInterval(0);   // as fast as it can draw, not the display's pace
    smp::InitRenderer(g_app, smp::platform::GlslVersionLine());
    g_app.host.offer_download = smp::platform::OfferDownload;
    g_app.host.copy_to_clipboard = smp::platform::CopyToClipboard;
    if (smp::platform::CanShareNatively()) g_app.host.share_natively = smp::platform::ShareNatively;
    g_app.host.pick_file_to_open = smp::platform::PickFileToOpen;
    g_app.host.read_file_text = smp::platform::ReadFileText;
    g_app.host.share_base_url = smp::platform::ShareBaseUrl;
    g_app.host.open_recent_design = smp::platform::OpenRecentDesign;
    g_app.host.post_page_event = smp::platform::PostPageEvent;
    if (smp::platform::HasPhotoStore()) g_app.host.photo_request = smp::platform::PhotoRequest;
    g_app.host.take_page_bytes = smp::platform::TakeStagedBytes;
    if (!smp::platform::HasPhotoStore()) g_app.host.read_photo_file = smp::platform::ReadPhotoFile;
    if (!g_options.photo_path.empty()) {
        const smp::Status opened = smp::OpenPhotoFile(g_app, g_options.photo_path, g_options.photo_view);
        if (!opened.ok()) {
            std::fprintf(stderr, "smp-designer: %s\n", opened.message().c_str());
            return 1;
        }
        g_app.view.canvas_view = smp::CanvasView::kPhoto;
    }
    smp::platform::InstallApi([](std::string_view command, std::string_view argument) {
        if (!smp::IsApiQuery(command)) g_pacer.NoteActivity(glfwGetTime());   // show what the page changed at once
        return smp::HandleApiCall(g_app, command, argument);
    });

    smp::platform::RunMainLoop(window, [window] { Frame(window); });

    // Reached on the desktop only; the browser keeps running frames after main() returns.
    g_app.canvas.dots.reset();   // GL objects go before the context
    g_app.canvas.head.reset();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return g_exit_code;
}
