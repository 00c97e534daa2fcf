// smp platform, desktop: GLFW window with an OpenGL 3.3 core context.
#include "platform/platform.h"
#include "platform/platform_glfw_common.h"
#include "export/png_decode.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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

void WaitForEvents(double seconds) {
    if (seconds > 0.0) glfwWaitEventsTimeout(seconds);
}

void RunMainLoop(GLFWwindow* window, std::function<void()> frame) {
    while (!glfwWindowShouldClose(window)) frame();
}

void PublishStats(const char*) {}

void InstallApi(ApiHandler) {}   // no page on the desktop

std::string OfferDownload(const std::string& file_name, const std::string&, const std::string& bytes) {
    namespace fs = std::filesystem;
    std::error_code error;
    fs::path folder = fs::current_path(error);
    if (const char* home = std::getenv("HOME"); home && fs::is_directory(fs::path(home) / "Downloads", error)) folder = fs::path(home) / "Downloads";
    // Never over an earlier file: "name.design.json", then "name (2).design.json", ...
    const std::string name = fs::path(file_name).filename().string();
    const size_t dot = name.find('.');
    fs::path path = folder / name;
    for (int n = 2; fs::exists(path, error) && n < 1000; ++n) {
        path = folder / (name.substr(0, dot) + " (" + std::to_string(n) + ")" + (dot == std::string::npos ? "" : name.substr(dot)));
    }
    std::ofstream file(path, std::ios::binary);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    file.close();
    if (!file) return "could not write " + path.string();
    return "saved " + path.string();
}

bool CopyToClipboard(const std::string& text) {
    glfwSetClipboardString(nullptr, text.c_str());
    return true;
}

bool CanShareNatively() { return false; }

void ShareNatively(const std::string&, const std::string&, const std::string&) {}

bool PickFileToOpen() { return false; }

bool OpenRecentDesign(int) { return false; }

void PostPageEvent(const std::string&) {}

bool ReadFileText(const std::string& path, size_t max_bytes, std::string& text, std::string& error) {
    std::ifstream file(path, std::ios::binary | std::ios::ate);
    if (!file) {
        error = "cannot open " + path;
        return false;
    }
    const std::streamoff size = file.tellg();
    if (size < 0 || static_cast<uint64_t>(size) > max_bytes) {
        error = path + " is " + std::to_string(size) + " bytes; files of up to " + std::to_string(max_bytes) + " bytes are opened here";
        return false;
    }
    text.assign(static_cast<size_t>(size), '\0');
    file.seekg(0);
    if (!file.read(text.data(), size)) {
        error = "cannot read " + path;
        return false;
    }
    return true;
}

bool CoarsePointer() { return false; }

bool HasPhotoStore() { return false; }

bool ReadPhotoFile(const std::string& path, int max_side_px, int& width_px, int& height_px, std::vector<uint8_t>& rgba, std::string& error) {
    // A camera's full-size PNG is tens of MB; the decoder refuses over 40 megapixels before allocating.
    std::string bytes;
    if (!ReadFileText(path, size_t{64} << 20, bytes, error)) return false;
    const Expected<RgbaImage> decoded = DecodePng(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
    if (!decoded.ok()) {
        error = path + ": " + decoded.status().message();
        return false;
    }
    RgbaImage image = std::max(decoded->width, decoded->height) > max_side_px ? ScaleToFit(*decoded, max_side_px) : *decoded;
    width_px = image.width;
    height_px = image.height;
    rgba = std::move(image.rgba);
    return true;
}
bool PhotoRequest(const std::string&) { return false; }
std::vector<uint8_t> TakeStagedBytes() { return {}; }

std::string ShareBaseUrl() {
    const char* url = std::getenv("SMP_SHARE_URL");
    return url && *url ? url : "http://127.0.0.1:8080/";
}

}  // namespace smp::platform
