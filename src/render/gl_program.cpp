// smp render: a GLSL program from embedded shader bodies (see gl_program.h).
#include "render/gl_program.h"

#include "render/gl.h"

#include <string>

namespace smp {
namespace {

Expected<GLuint> Compile(GLenum type, const char* version_line, ShaderSource source, const char* name) {
    // ES needs a default precision (and the same one in both stages for a uniform they share: an
    // int is highp in a vertex shader, mediump in a fragment shader by default); desktop GLSL
    // ignores it.
    const std::string header = std::string(version_line) + "\nprecision highp float;\nprecision highp int;\n";
    const char* sources[] = {header.c_str(), reinterpret_cast<const char*>(source.body)};
    const GLint lengths[] = {static_cast<GLint>(header.size()), static_cast<GLint>(source.size)};
    const GLuint shader = glCreateShader(type);
    glShaderSource(shader, 2, sources, lengths);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok == GL_TRUE) return shader;
    char log[1024] = {};
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    glDeleteShader(shader);
    return Status(StatusCode::kUnsupported, std::string(name) + " did not compile: " + log);
}

}  // namespace

Expected<unsigned> LinkGlProgram(const char* version_line, ShaderSource vert, ShaderSource frag, const char* name) {
    Expected<GLuint> vert_shader = Compile(GL_VERTEX_SHADER, version_line, vert, name);
    if (!vert_shader.ok()) return vert_shader.status();
    Expected<GLuint> frag_shader = Compile(GL_FRAGMENT_SHADER, version_line, frag, name);
    if (!frag_shader.ok()) {
        glDeleteShader(*vert_shader);
        return frag_shader.status();
    }
    const GLuint program = glCreateProgram();
    glAttachShader(program, *vert_shader);
    glAttachShader(program, *frag_shader);
    glLinkProgram(program);
    // The program keeps what it needs; the shaders go once it is linked (or failed to).
    glDeleteShader(*vert_shader);
    glDeleteShader(*frag_shader);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (ok == GL_TRUE) return program;
    char log[1024] = {};
    glGetProgramInfoLog(program, sizeof log, nullptr, log);
    glDeleteProgram(program);
    return Status(StatusCode::kUnsupported, std::string(name) + " did not link: " + log);
}

}  // namespace smp
