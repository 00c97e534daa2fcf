// smp platform: the GLFW error callback both platforms share.
#pragma once

#include <GLFW/glfw3.h>
#include <cstdio>

namespace smp::platform {

inline void PrintGlfwError(int code, const char* description) {
    std::fprintf(stderr, "smp-designer: GLFW error %d: %s\n", code, description);
}

}  // namespace smp::platform
