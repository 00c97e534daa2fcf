// smp platform, desktop: GLFW window with an OpenGL 3.3 core context.
#include "platform/platform.h"
#include "platform/platform_glfw_common.h"

#include <cstdio>
#include <utility>

namespace smp::platform {

GLFWwindow* OpenMainWindow(const char* title, int width, int height) {
    glfwSetErrorCallback(PrintGlfwError);
    if (!glfwInit()) {
        std::fprintf(stderr, "smp-designer: cannot initialise GLFW (is there a display? try xvfb-run)\n");
        return nullptr;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);   // required on macOS, harmless elsewhere
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(width, height, title, nullptr, nullptr);
    if (window == nullptr) {
        std::fprintf(stderr, "smp-designer: cannot create an OpenGL 3.3 window\n");
        glfwTerminate();
        return nullptr;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    return window;
}

const char* GlslVersionLine() { return "#version 330 core"; }

void SyncWindowSize(GLFWwindow*) {}

void InstallWheelHandler(WheelHandler) {}

float ContentScale(GLFWwindow* window) {
    float x_scale = 1.0f, y_scale = 1.0f;
    glfwGetWindowContentScale(window, &x_scale, &y_scale);
    return x_scale > 0.0f ? x_scale : 1.0f;
}

void RunMainLoop(GLFWwindow* window, std::function<void()> frame) {
    while (!glfwWindowShouldClose(window)) frame();
}

void PublishStats(const char*) {}

void InstallApi(ApiHandler) {}   // no page on the desktop

}  // namespace smp::platform
