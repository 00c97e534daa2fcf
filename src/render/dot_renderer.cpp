#include "render/dot_renderer.h"

#include "render/frame.h"
#include "render/gl.h"
#include "render/gl_program.h"

#include <cstddef>

namespace smp::embedded {
extern const unsigned char kDotsVert[];
extern const std::size_t kDotsVertSize;
extern const unsigned char kDotsFrag[];
extern const std::size_t kDotsFragSize;
}  // namespace smp::embedded

namespace smp {

DotRenderer::~DotRenderer() {
    if (buffer_) glDeleteBuffers(1, &buffer_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    if (program_) glDeleteProgram(program_);
}

Status DotRenderer::Init(const char* version_line) {
    Expected<unsigned> program = LinkGlProgram(version_line, {embedded::kDotsVert, embedded::kDotsVertSize},
                                               {embedded::kDotsFrag, embedded::kDotsFragSize}, "the dot shader");
    if (!program.ok()) return program.status();
    program_ = *program;
    u_origin_ = glGetUniformLocation(program_, "u_origin_px");
    u_px_per_mm_ = glGetUniformLocation(program_, "u_px_per_mm");
    u_framebuffer_ = glGetUniformLocation(program_, "u_framebuffer_px");
    u_min_radius_ = glGetUniformLocation(program_, "u_min_radius_px");
    u_softness_ = glGetUniformLocation(program_, "u_softness");
    u_tone_ = glGetUniformLocation(program_, "u_tone");
    u_blur_ = glGetUniformLocation(program_, "u_blur_px");
    u_skin_ = glGetUniformLocation(program_, "u_skin");

    glGenVertexArrays(1, &vao_);
    glGenBuffers(1, &buffer_);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, buffer_);
    const GLsizei stride = sizeof(DotInstance);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offsetof(DotInstance, x_mm)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 1, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offsetof(DotInstance, diameter_mm)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<const void*>(offsetof(DotInstance, rgba)));
    glBindVertexArray(0);
    return Status::Ok();
}

void DotRenderer::Upload(const std::vector<DotInstance>& dots) {
    if (!buffer_) return;
    NoteGpuContentChanged();
    // Three vertices per dot, each a copy of the dot (dots.vert picks its corner by gl_VertexID).
    vertices_.resize(dots.size() * kVerticesPerDot);
    for (size_t i = 0; i < dots.size(); ++i) {
        for (size_t corner = 0; corner < kVerticesPerDot; ++corner) vertices_[i * kVerticesPerDot + corner] = dots[i];
    }
    glBindBuffer(GL_ARRAY_BUFFER, buffer_);
    const GLsizeiptr bytes = static_cast<GLsizeiptr>(vertices_.size() * sizeof(DotInstance));
    if (dots.size() > capacity_) {
        glBufferData(GL_ARRAY_BUFFER, bytes, vertices_.data(), GL_DYNAMIC_DRAW);
        capacity_ = dots.size();
    } else if (bytes > 0) {
        // Fresh storage first ("orphaning"): the previous frame may still be drawing from the old
        // one, and writing into it would wait for that draw to finish.
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(capacity_ * kVerticesPerDot * sizeof(DotInstance)), nullptr, GL_DYNAMIC_DRAW);
        glBufferSubData(GL_ARRAY_BUFFER, 0, bytes, vertices_.data());
    }
    count_ = dots.size();
}

void DotRenderer::Draw(const DotView& view) const {
    if (!program_ || count_ == 0) return;
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    // The tone model multiplies what is under the dots (dst *= 1 - src, per channel); the plan
    // blends its colours over.
    if (view.tone) glBlendFuncSeparate(GL_ZERO, GL_ONE_MINUS_SRC_COLOR, GL_ZERO, GL_ONE);
    else glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glEnable(GL_SCISSOR_TEST);
    // GL's scissor counts rows from the bottom.
    glScissor(static_cast<GLint>(view.clip_px[0]), static_cast<GLint>(view.framebuffer_px[1] - view.clip_px[3]),
              static_cast<GLsizei>(view.clip_px[2] - view.clip_px[0]), static_cast<GLsizei>(view.clip_px[3] - view.clip_px[1]));
    glViewport(0, 0, static_cast<GLsizei>(view.framebuffer_px[0]), static_cast<GLsizei>(view.framebuffer_px[1]));
    glUseProgram(program_);
    glUniform2f(u_origin_, view.origin_px[0], view.origin_px[1]);
    glUniform1f(u_px_per_mm_, view.px_per_mm);
    glUniform2f(u_framebuffer_, view.framebuffer_px[0], view.framebuffer_px[1]);
    glUniform1f(u_min_radius_, view.min_radius_px);
    glUniform1f(u_softness_, view.softness);
    glUniform1i(u_tone_, view.tone ? 1 : 0);
    glUniform1f(u_blur_, view.blur_px);
    glUniform3f(u_skin_, view.skin_srgb[0], view.skin_srgb[1], view.skin_srgb[2]);
    glBindVertexArray(vao_);
    glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(count_ * kVerticesPerDot));
    glBindVertexArray(0);
}

}  // namespace smp
