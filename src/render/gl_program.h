// smp render: a GLSL program from the shader bodies compiled into the binary (shaders/, without a
// #version line), the one place the renderers build their programs.
#pragma once

#include "core/status.h"

#include <cstddef>

namespace smp {

// A shader body as embedded (smp_embedded_shaders): its bytes, not NUL-terminated, and their count.
struct ShaderSource {
    const unsigned char* body = nullptr;
    std::size_t size = 0;
};

// Compiles `vert` and `frag` under `version_line` ("#version 330 core" on the desktop, "#version
// 300 es" for WebGL2) and links them into a program: the GL program name, which the caller owns
// (glDeleteProgram). Both stages get default precisions (highp float and int: ES needs them, and
// the same in both stages for a uniform they share; desktop GLSL ignores them). Errors: kUnsupported
// naming `name` ("the head shader") with the compiler's or linker's log; nothing is left behind.
// Needs a current GL context.
Expected<unsigned> LinkGlProgram(const char* version_line, ShaderSource vert, ShaderSource frag, const char* name);

}  // namespace smp
