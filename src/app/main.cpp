// smp-designer: window, ImGui context, frame loop. The same file for the desktop and the browser;
// the differences live in src/platform.
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "platform/platform.h"
#include "render/frame.h"
#include "ui/app_state.h"
#include "ui/app_ui.h"

#include <GLFW/glfw3.h>

#include <chrono>

namespace {

constexpr smp::ColorRgba kWindowBackground{0.925f, 0.937f, 0.949f, 1.0f};

// Lives for the whole program: in the browser the frame callback outlives main()'s return.
smp::AppState g_app;

void Frame(GLFWwindow* window) {
    using Clock = std::chrono::steady_clock;
    glfwPollEvents();
    smp::platform::SyncWindowSize(window);
    if (smp::ApplyContentScale(g_app, smp::platform::ContentScale(window))) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }

    const Clock::time_point start = Clock::now();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    smp::DrawApp(g_app);
    ImGui::Render();
    g_app.stats.last_frame_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    g_app.stats.frames += 1;

    int width_px = 0, height_px = 0;
    glfwGetFramebufferSize(window, &width_px, &height_px);
    smp::BeginFramebuffer(width_px, height_px, kWindowBackground);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(window);
    smp::platform::PublishStats(smp::StatsJson(g_app).c_str());
}

}  // namespace

int main(int, char**) {
    GLFWwindow* window = smp::platform::OpenMainWindow("SMP Designer", 1280, 800);
    if (window == nullptr) return 1;

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init(smp::platform::GlslVersionLine());
    smp::platform::InstallWheelHandler(
        [](float steps_x, float steps_y) { ImGui::GetIO().AddMouseWheelEvent(steps_x, steps_y); });
    smp::InitApp(g_app);

    smp::platform::RunMainLoop(window, [window] { Frame(window); });

    // Reached on the desktop only; the browser keeps running frames after main() returns.
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
