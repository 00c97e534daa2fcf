// smp render: the head view on the GPU (see head_renderer.h).
//
// [SECTION] Shaders
// [SECTION] HeadRenderer
#include "render/head_renderer.h"

#include "render/gl.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>

namespace smp::embedded {
extern const unsigned char kHeadVert[];
extern const std::size_t kHeadVertSize;
extern const unsigned char kHeadFrag[];
extern const std::size_t kHeadFragSize;
extern const unsigned char kHeadDotsVert[];
extern const std::size_t kHeadDotsVertSize;
extern const unsigned char kHeadDotsFrag[];
extern const std::size_t kHeadDotsFragSize;
}  // namespace smp::embedded

namespace smp {
namespace {

// The head's depth, ± this from the look-at plane, fills the depth buffer's 0..1: a head is well
// under 400 mm from its centre, and 24 bits over 800 mm resolve 0.05 µm.
constexpr float kDepthSpanMm = 400.0f;
// Dots are lifted this far towards the camera before the depth test: far above the float error of
// a point on the head (~0.01 mm), far below an ear's or the nose's rise over the scalp (cm).
constexpr float kDotDepthBiasMm = 0.25f;
// export/head_render.cpp's light: from the camera's upper left front.
constexpr double kLightRight = -0.45, kLightUp = 0.55, kLightToward = 0.7;

// [SECTION] Shaders -------------------------------------------------------------------------------

Expected<GLuint> Compile(GLenum type, const char* version_line, const unsigned char* body, std::size_t size, const char* name) {
    // As dot_renderer.cpp: ES needs default precisions (the same in both stages for shared uniforms).
    const std::string header = std::string(version_line) + "\nprecision highp float;\nprecision highp int;\n";
    const char* sources[] = {header.c_str(), reinterpret_cast<const char*>(body)};
    const GLint lengths[] = {static_cast<GLint>(header.size()), static_cast<GLint>(size)};
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

Expected<GLuint> Link(const char* version_line, const unsigned char* vert_body, std::size_t vert_size, const unsigned char* frag_body,
                      std::size_t frag_size, const char* name) {
    Expected<GLuint> vert = Compile(GL_VERTEX_SHADER, version_line, vert_body, vert_size, name);
    if (!vert.ok()) return vert.status();
    Expected<GLuint> frag = Compile(GL_FRAGMENT_SHADER, version_line, frag_body, frag_size, name);
    if (!frag.ok()) {
        glDeleteShader(*vert);
        return frag.status();
    }
    const GLuint program = glCreateProgram();
    glAttachShader(program, *vert);
    glAttachShader(program, *frag);
    glLinkProgram(program);
    glDeleteShader(*vert);
    glDeleteShader(*frag);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (ok == GL_TRUE) return program;
    char log[1024] = {};
    glGetProgramInfoLog(program, sizeof log, nullptr, log);
    glDeleteProgram(program);
    return Status(StatusCode::kUnsupported, std::string(name) + " did not link: " + log);
}

// The head's parts' box on the image, px relative to the viewport's top-left (y down), with a
// margin for the silhouette's antialiasing: head.frag runs only there (a software rasteriser
// pays for every pixel of the viewport otherwise). An ellipsoid's half-extent along an image
// direction e is |diag(r) Aᵀ e|; a cylinder is bounded as a long finite one (its open end far
// beyond any viewport). Empty (min > max) when there are no parts.
struct PixelBox {
    double min_x = 1e30, min_y = 1e30, max_x = -1e30, max_y = -1e30;
};
PixelBox HeadPixelBox(const HeadShapeUniforms& shape, const HeadProjection& p) {
    constexpr double kCylinderLengthMm = 1.0e4, kMarginPx = 3.0;
    PixelBox box;
    auto add = [&](const Vec3& centre_mm, double half_x_mm, double half_y_mm) {
        const Vec2 c = p.PixelFromHead(centre_mm);
        box.min_x = std::min(box.min_x, c.x() - half_x_mm * p.px_per_mm - kMarginPx);
        box.max_x = std::max(box.max_x, c.x() + half_x_mm * p.px_per_mm + kMarginPx);
        box.min_y = std::min(box.min_y, c.y() - half_y_mm * p.px_per_mm - kMarginPx);
        box.max_y = std::max(box.max_y, c.y() + half_y_mm * p.px_per_mm + kMarginPx);
    };
    for (int i = 0; i < shape.count; ++i) {
        const Vec3 centre(shape.centre_kind[i][0], shape.centre_kind[i][1], shape.centre_kind[i][2]);
        const Vec3 r(shape.radii_cut[i][0], shape.radii_cut[i][1], shape.radii_cut[i][2]);
        const Vec3 ax(shape.axis_x[i][0], shape.axis_x[i][1], shape.axis_x[i][2]);
        const Vec3 ay(shape.axis_y[i][0], shape.axis_y[i][1], shape.axis_y[i][2]);
        const Vec3 az(shape.axis_z[i][0], shape.axis_z[i][1], shape.axis_z[i][2]);
        auto half = [&](const Vec3& e, bool with_z) {
            const double x = r.x() * ax.dot(e), y = r.y() * ay.dot(e), z = with_z ? r.z() * az.dot(e) : 0.0;
            return std::sqrt(x * x + y * y + z * z);
        };
        if (shape.centre_kind[i][3] < 0.5f) {
            add(centre, half(p.right, true), half(p.up, true));
        } else {   // the cylinder's two end discs: at the cut, and far below it
            const double cut = shape.radii_cut[i][3];
            add(centre + az * cut, half(p.right, false), half(p.up, false));
            add(centre + az * (cut - kCylinderLengthMm), half(p.right, false), half(p.up, false));
        }
    }
    return box;
}

float LinearFromSrgb(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }

void SetVec3(int location, const Vec3& v) {
    glUniform3f(location, static_cast<float>(v.x()), static_cast<float>(v.y()), static_cast<float>(v.z()));
}

}  // namespace

// [SECTION] HeadRenderer --------------------------------------------------------------------------

HeadRenderer::~HeadRenderer() {
    if (buffer_) glDeleteBuffers(1, &buffer_);
    if (dot_vao_) glDeleteVertexArrays(1, &dot_vao_);
    if (empty_vao_) glDeleteVertexArrays(1, &empty_vao_);
    if (dot_program_) glDeleteProgram(dot_program_);
    if (head_program_) glDeleteProgram(head_program_);
}

Status HeadRenderer::Init(const char* version_line) {
    Expected<GLuint> head = Link(version_line, embedded::kHeadVert, embedded::kHeadVertSize, embedded::kHeadFrag, embedded::kHeadFragSize,
                                 "the head shader");
    if (!head.ok()) return head.status();
    head_program_ = *head;
    Expected<GLuint> dots = Link(version_line, embedded::kHeadDotsVert, embedded::kHeadDotsVertSize, embedded::kHeadDotsFrag,
                                 embedded::kHeadDotsFragSize, "the head's dot shader");
    if (!dots.ok()) return dots.status();
    dot_program_ = *dots;

    auto head_at = [&](const char* name) { return glGetUniformLocation(head_program_, name); };
    head_u_.viewport = head_at("u_viewport_px");
    head_u_.framebuffer = head_at("u_framebuffer_px");
    head_u_.right = head_at("u_right");
    head_u_.up = head_at("u_up");
    head_u_.toward = head_at("u_toward");
    head_u_.look_at = head_at("u_look_at_mm");
    head_u_.centre = head_at("u_centre_px");
    head_u_.px_per_mm = head_at("u_px_per_mm");
    head_u_.light = head_at("u_light");
    head_u_.skin = head_at("u_skin");
    head_u_.background = head_at("u_background");
    head_u_.depth_span = head_at("u_depth_span_mm");
    head_u_.count = head_at("u_part_count");
    head_u_.centre_kind = head_at("u_centre_kind");
    head_u_.radii_cut = head_at("u_radii_cut");
    head_u_.axis_x = head_at("u_axis_x");
    head_u_.axis_y = head_at("u_axis_y");
    head_u_.axis_z = head_at("u_axis_z");

    auto dot_at = [&](const char* name) { return glGetUniformLocation(dot_program_, name); };
    dot_u_.origin = dot_at("u_origin_px");
    dot_u_.framebuffer = dot_at("u_framebuffer_px");
    dot_u_.right = dot_at("u_right");
    dot_u_.up = dot_at("u_up");
    dot_u_.toward = dot_at("u_toward");
    dot_u_.look_at = dot_at("u_look_at_mm");
    dot_u_.px_per_mm = dot_at("u_px_per_mm");
    dot_u_.min_radius = dot_at("u_min_radius_px");
    dot_u_.softness = dot_at("u_softness");
    dot_u_.tone = dot_at("u_tone");
    dot_u_.blur = dot_at("u_blur_px");
    dot_u_.light = dot_at("u_light");
    dot_u_.skin = dot_at("u_skin");
    dot_u_.depth_span = dot_at("u_depth_span_mm");
    dot_u_.depth_bias = dot_at("u_depth_bias_mm");

    // A core profile draws nothing without a vertex array, even one with no attributes.
    glGenVertexArrays(1, &empty_vao_);
    glGenVertexArrays(1, &dot_vao_);
    glGenBuffers(1, &buffer_);
    glBindVertexArray(dot_vao_);
    glBindBuffer(GL_ARRAY_BUFFER, buffer_);
    const GLsizei stride = sizeof(HeadDotInstance);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offsetof(HeadDotInstance, head_mm)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offsetof(HeadDotInstance, normal)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offsetof(HeadDotInstance, diameter_mm)));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<const void*>(offsetof(HeadDotInstance, rgba)));
    glBindVertexArray(0);
    return Status::Ok();
}

void HeadRenderer::SetShape(const HeadShape& shape) { shape_ = MakeHeadShapeUniforms(shape); }

void HeadRenderer::Upload(const std::vector<HeadDotInstance>& dots) {
    if (!buffer_) return;
    // Three vertices per dot, each a copy of the dot (head_dots.vert picks its corner by gl_VertexID).
    vertices_.resize(dots.size() * kVerticesPerDot);
    for (size_t i = 0; i < dots.size(); ++i) {
        for (size_t corner = 0; corner < kVerticesPerDot; ++corner) vertices_[i * kVerticesPerDot + corner] = dots[i];
    }
    glBindBuffer(GL_ARRAY_BUFFER, buffer_);
    const GLsizeiptr bytes = static_cast<GLsizeiptr>(vertices_.size() * sizeof(HeadDotInstance));
    if (dots.size() > capacity_) {
        glBufferData(GL_ARRAY_BUFFER, bytes, vertices_.data(), GL_DYNAMIC_DRAW);
        capacity_ = dots.size();
    } else if (bytes > 0) {
        // Fresh storage first (orphaning), as DotRenderer::Upload: no wait for a draw still reading the old.
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(capacity_ * kVerticesPerDot * sizeof(HeadDotInstance)), nullptr,
                     GL_DYNAMIC_DRAW);
        glBufferSubData(GL_ARRAY_BUFFER, 0, bytes, vertices_.data());
    }
    count_ = dots.size();
}

void HeadRenderer::Draw(const HeadDrawView& view) const {
    if (!head_program_ || !dot_program_) return;
    const HeadProjection& p = view.projection;
    const Vec3 light = (p.right * kLightRight + p.up * kLightUp + p.toward * kLightToward).normalized();
    const float skin[3] = {LinearFromSrgb(view.skin_srgb[0]), LinearFromSrgb(view.skin_srgb[1]), LinearFromSrgb(view.skin_srgb[2])};
    const float background[3] = {LinearFromSrgb(view.background_srgb[0]), LinearFromSrgb(view.background_srgb[1]),
                                 LinearFromSrgb(view.background_srgb[2])};

    // The viewport rectangle only: GL's scissor counts rows from the bottom; whole pixels, rounded.
    const GLint x0 = static_cast<GLint>(std::lround(view.viewport_px[0]));
    const GLint y0 = static_cast<GLint>(std::lround(view.viewport_px[1]));
    const GLint x1 = static_cast<GLint>(std::lround(view.viewport_px[0] + view.viewport_px[2]));
    const GLint y1 = static_cast<GLint>(std::lround(view.viewport_px[1] + view.viewport_px[3]));
    if (x1 <= x0 || y1 <= y0) return;
    glViewport(0, 0, static_cast<GLsizei>(view.framebuffer_px[0]), static_cast<GLsizei>(view.framebuffer_px[1]));
    glEnable(GL_SCISSOR_TEST);
    glScissor(x0, static_cast<GLint>(std::lround(view.framebuffer_px[1])) - y1, x1 - x0, y1 - y0);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    glDepthMask(GL_TRUE);
    glClearColor(view.background_srgb[0], view.background_srgb[1], view.background_srgb[2], 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);   // to GL's default clear depth, 1 (the far end)

    // The head: opaque (the silhouette's antialiasing mixes the background in the shader), depth written.
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_ALWAYS);
    glUseProgram(head_program_);
    glUniform4f(head_u_.viewport, view.viewport_px[0], view.viewport_px[1], view.viewport_px[2], view.viewport_px[3]);
    glUniform2f(head_u_.framebuffer, view.framebuffer_px[0], view.framebuffer_px[1]);
    SetVec3(head_u_.right, p.right);
    SetVec3(head_u_.up, p.up);
    SetVec3(head_u_.toward, p.toward);
    SetVec3(head_u_.look_at, p.look_at_mm);
    glUniform2f(head_u_.centre, static_cast<float>(p.centre_px.x()), static_cast<float>(p.centre_px.y()));
    glUniform1f(head_u_.px_per_mm, static_cast<float>(p.px_per_mm));
    SetVec3(head_u_.light, light);
    glUniform3f(head_u_.skin, skin[0], skin[1], skin[2]);
    glUniform3f(head_u_.background, background[0], background[1], background[2]);
    glUniform1f(head_u_.depth_span, kDepthSpanMm);
    glUniform1i(head_u_.count, shape_.count);
    glUniform4fv(head_u_.centre_kind, kMaxHeadParts, &shape_.centre_kind[0][0]);
    glUniform4fv(head_u_.radii_cut, kMaxHeadParts, &shape_.radii_cut[0][0]);
    glUniform4fv(head_u_.axis_x, kMaxHeadParts, &shape_.axis_x[0][0]);
    glUniform4fv(head_u_.axis_y, kMaxHeadParts, &shape_.axis_y[0][0]);
    glUniform4fv(head_u_.axis_z, kMaxHeadParts, &shape_.axis_z[0][0]);
    // Only over the parts' box (within the viewport): the rest stays the cleared background.
    const PixelBox box = HeadPixelBox(shape_, p);
    const GLint hx0 = std::max(x0, static_cast<GLint>(std::floor(view.viewport_px[0] + std::max(box.min_x, -1e6))));
    const GLint hy0 = std::max(y0, static_cast<GLint>(std::floor(view.viewport_px[1] + std::max(box.min_y, -1e6))));
    const GLint hx1 = std::min(x1, static_cast<GLint>(std::ceil(view.viewport_px[0] + std::min(box.max_x, 1e6))));
    const GLint hy1 = std::min(y1, static_cast<GLint>(std::ceil(view.viewport_px[1] + std::min(box.max_y, 1e6))));
    if (hx1 > hx0 && hy1 > hy0) {
        glScissor(hx0, static_cast<GLint>(std::lround(view.framebuffer_px[1])) - hy1, hx1 - hx0, hy1 - hy0);
        glBindVertexArray(empty_vao_);
        glDrawArrays(GL_TRIANGLES, 0, 3);
    }
    glScissor(x0, static_cast<GLint>(std::lround(view.framebuffer_px[1])) - y1, x1 - x0, y1 - y0);

    // The dots: tested against the head's depth, not writing their own (overlapping dots blend).
    if (count_ > 0) {
        glDepthFunc(GL_LESS);
        glDepthMask(GL_FALSE);
        glEnable(GL_BLEND);
        glBlendEquation(GL_FUNC_ADD);
        // The tone model multiplies what is under the dots (as DotRenderer); the plan mixes in
        // linear light, which head_dots.frag writes premultiplied (see there).
        if (view.tone) glBlendFuncSeparate(GL_ZERO, GL_ONE_MINUS_SRC_COLOR, GL_ZERO, GL_ONE);
        else glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        glUseProgram(dot_program_);
        glUniform2f(dot_u_.origin, view.viewport_px[0] + static_cast<float>(p.centre_px.x()),
                    view.viewport_px[1] + static_cast<float>(p.centre_px.y()));
        glUniform2f(dot_u_.framebuffer, view.framebuffer_px[0], view.framebuffer_px[1]);
        SetVec3(dot_u_.right, p.right);
        SetVec3(dot_u_.up, p.up);
        SetVec3(dot_u_.toward, p.toward);
        SetVec3(dot_u_.look_at, p.look_at_mm);
        glUniform1f(dot_u_.px_per_mm, static_cast<float>(p.px_per_mm));
        glUniform1f(dot_u_.min_radius, view.min_radius_px);
        glUniform1f(dot_u_.softness, view.softness);
        glUniform1i(dot_u_.tone, view.tone ? 1 : 0);
        glUniform1f(dot_u_.blur, view.blur_px);
        SetVec3(dot_u_.light, light);
        glUniform3f(dot_u_.skin, skin[0], skin[1], skin[2]);
        glUniform1f(dot_u_.depth_span, kDepthSpanMm);
        glUniform1f(dot_u_.depth_bias, kDotDepthBiasMm);
        glBindVertexArray(dot_vao_);
        glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(count_ * kVerticesPerDot));
    }
    glBindVertexArray(0);
    // What ImGui's backend does not reset itself: depth writes back on, the depth test off.
    glDepthMask(GL_TRUE);
    glDepthFunc(GL_LESS);
    glDisable(GL_DEPTH_TEST);
}

}  // namespace smp
