// smp render: the head view on the GPU (see head_renderer.h).
//
// [SECTION] The head's mesh
// [SECTION] HeadRenderer
#include "render/head_renderer.h"

#include "core/det_math.h"
#include "render/frame.h"
#include "render/gl.h"
#include "render/gl_program.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

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

// [SECTION] The head's mesh ------------------------------------------------------------------------

// Each part as triangles: an ellipsoid as a latitude-longitude net, the neck's cylinder as rings
// from its cut to far below any view. Normals and albedo are the skin's at the vertices
// (ShadeHead: the joins rounded), as the CPU render's, interpolated. A net's edges are about
// kMeshEdgeMm long (48 to 96 segments around: 7 mm on the cranium, the most): fine enough to
// carry a join's rounding, some 9 mm wide, and a 100 mm part's silhouette stays within 0.2 mm of
// the true curve (r (1 - cos(π/48))), under a pixel at the head view's scale. The neck's rings are
// as close near its top, where it meets the jaw and the occiput, then one strip to its far end.
constexpr double kMeshEdgeMm = 6.0;
constexpr int kMinSegmentsAround = 48, kMaxSegmentsAround = 96;
constexpr double kNeckLengthMm = 1000.0;
constexpr double kNeckRoundedMm = 160.0;   // below the cut, the rings' reach (the jaw and occiput lie within it)

void AppendPart(const HeadShape& shape, int index, std::vector<HeadMeshVertex>& vertices, std::vector<uint32_t>& indices) {
    const HeadPart& part = shape.parts[static_cast<size_t>(index)];
    const uint32_t first = static_cast<uint32_t>(vertices.size());
    const bool cylinder = part.kind == HeadPartKind::kCylinder;
    const Vec3& r = part.radii_mm;
    const double widest_mm = std::max({r.x(), r.y(), cylinder ? 0.0 : r.z()});
    const int around = std::clamp(8 * static_cast<int>(std::ceil(2.0 * kDetPi * widest_mm / kMeshEdgeMm / 8.0)), kMinSegmentsAround, kMaxSegmentsAround);
    const int rows = cylinder ? static_cast<int>(std::ceil(kNeckRoundedMm / kMeshEdgeMm)) + 1 : around / 2;
    for (int row = 0; row <= rows; ++row) {
        const double v = kDetPi * row / rows;
        for (int column = 0; column <= around; ++column) {
            const double u = 2.0 * kDetPi * column / around;
            Vec3 local;
            if (cylinder) {
                const double below_mm = row < rows ? kNeckRoundedMm * row / (rows - 1) : kNeckLengthMm;
                local = Vec3(r.x() * std::cos(u), r.y() * std::sin(u), part.cut_z_mm - below_mm);
            } else {
                local = Vec3(std::sin(v) * std::cos(u), std::sin(v) * std::sin(u), std::cos(v)).cwiseProduct(r);
            }
            const Vec3 position = part.centre_mm + part.axes * local;
            const HeadShading skin = ShadeHead(shape, position, index);
            HeadMeshVertex vertex;
            for (int k = 0; k < 3; ++k) {
                vertex.position_mm[k] = static_cast<float>(position[k]);
                vertex.normal[k] = static_cast<float>(skin.normal[k]);
            }
            vertex.albedo = static_cast<float>(skin.albedo);
            vertices.push_back(vertex);
        }
    }
    const uint32_t stride = static_cast<uint32_t>(around) + 1;
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < around; ++column) {
            const uint32_t a = first + static_cast<uint32_t>(row) * stride + static_cast<uint32_t>(column);
            const uint32_t b = a + stride;
            indices.insert(indices.end(), {a, b, a + 1, a + 1, b, b + 1});
        }
    }
}

float LinearFromSrgb(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }

void SetVec3(int location, const Vec3& v) {
    glUniform3f(location, static_cast<float>(v.x()), static_cast<float>(v.y()), static_cast<float>(v.z()));
}

}  // namespace

// [SECTION] HeadRenderer --------------------------------------------------------------------------

HeadRenderer::~HeadRenderer() {
    if (buffer_) glDeleteBuffers(1, &buffer_);
    if (mesh_vertices_) glDeleteBuffers(1, &mesh_vertices_);
    if (mesh_indices_) glDeleteBuffers(1, &mesh_indices_);
    if (dot_vao_) glDeleteVertexArrays(1, &dot_vao_);
    if (mesh_vao_) glDeleteVertexArrays(1, &mesh_vao_);
    if (dot_program_) glDeleteProgram(dot_program_);
    if (head_program_) glDeleteProgram(head_program_);
}

Status HeadRenderer::Init(const char* version_line) {
    Expected<unsigned> head = LinkGlProgram(version_line, {embedded::kHeadVert, embedded::kHeadVertSize},
                                            {embedded::kHeadFrag, embedded::kHeadFragSize}, "the head shader");
    if (!head.ok()) return head.status();
    head_program_ = *head;
    Expected<unsigned> dots = LinkGlProgram(version_line, {embedded::kHeadDotsVert, embedded::kHeadDotsVertSize},
                                            {embedded::kHeadDotsFrag, embedded::kHeadDotsFragSize}, "the head's dot shader");
    if (!dots.ok()) return dots.status();
    dot_program_ = *dots;

    auto head_at = [&](const char* name) { return glGetUniformLocation(head_program_, name); };
    head_u_.origin = head_at("u_origin_px");
    head_u_.framebuffer = head_at("u_framebuffer_px");
    head_u_.right = head_at("u_right");
    head_u_.up = head_at("u_up");
    head_u_.toward = head_at("u_toward");
    head_u_.look_at = head_at("u_look_at_mm");
    head_u_.px_per_mm = head_at("u_px_per_mm");
    head_u_.depth_span = head_at("u_depth_span_mm");
    head_u_.light = head_at("u_light");
    head_u_.skin = head_at("u_skin");
    head_u_.skin_root = head_at("u_skin_root");

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

    glGenVertexArrays(1, &mesh_vao_);
    glGenBuffers(1, &mesh_vertices_);
    glGenBuffers(1, &mesh_indices_);
    glBindVertexArray(mesh_vao_);
    glBindBuffer(GL_ARRAY_BUFFER, mesh_vertices_);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, mesh_indices_);   // kept by the vertex array
    const GLsizei mesh_stride = sizeof(HeadMeshVertex);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, mesh_stride, reinterpret_cast<const void*>(offsetof(HeadMeshVertex, position_mm)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, mesh_stride, reinterpret_cast<const void*>(offsetof(HeadMeshVertex, normal)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, mesh_stride, reinterpret_cast<const void*>(offsetof(HeadMeshVertex, albedo)));
    glBindVertexArray(0);

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

void HeadRenderer::SetShape(const HeadShape& shape) {
    if (!mesh_vao_) return;
    NoteGpuContentChanged();
    std::vector<HeadMeshVertex> vertices;
    std::vector<uint32_t> indices;
    for (int i = 0; i < static_cast<int>(shape.parts.size()) && i < kMaxHeadParts; ++i) AppendPart(shape, i, vertices, indices);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, mesh_vertices_);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(HeadMeshVertex)), vertices.data(), GL_STATIC_DRAW);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, mesh_indices_);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(indices.size() * sizeof(uint32_t)), indices.data(), GL_STATIC_DRAW);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, 0);
    mesh_index_count_ = indices.size();
}

void HeadRenderer::Upload(const std::vector<HeadDotInstance>& dots) {
    if (!buffer_) return;
    NoteGpuContentChanged();
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
    // The viewport rectangle only, in whole pixels, rounded.
    const int x0 = static_cast<int>(std::lround(view.viewport_px[0]));
    const int y0 = static_cast<int>(std::lround(view.viewport_px[1]));
    const int x1 = static_cast<int>(std::lround(view.viewport_px[0] + view.viewport_px[2]));
    const int y1 = static_cast<int>(std::lround(view.viewport_px[1] + view.viewport_px[3]));
    if (x1 <= x0 || y1 <= y0) return;
    const int split = std::clamp(static_cast<int>(std::lround(view.split_px)), x0, x1);
    if (split > x0) DrawPart(view, x0, y0, split, y1, std::min(view.before_dots, count_));
    if (split < x1) DrawPart(view, split, y0, x1, y1, count_);
    glBindVertexArray(0);
    // What ImGui's backend does not reset itself: depth writes back on, the depth test off.
    glDepthMask(GL_TRUE);
    glDepthFunc(GL_LESS);
    glDisable(GL_DEPTH_TEST);
}

void HeadRenderer::DrawPart(const HeadDrawView& view, int x0, int y0, int x1, int y1, size_t dots) const {
    const HeadProjection& p = view.projection;
    const Vec3 light = HeadLightDirection(p, view.even_light);
    const float skin[3] = {LinearFromSrgb(view.skin_srgb[0]), LinearFromSrgb(view.skin_srgb[1]), LinearFromSrgb(view.skin_srgb[2])};
    // GL's scissor counts rows from the bottom.
    glViewport(0, 0, static_cast<GLsizei>(view.framebuffer_px[0]), static_cast<GLsizei>(view.framebuffer_px[1]));
    glEnable(GL_SCISSOR_TEST);
    glScissor(x0, static_cast<GLint>(std::lround(view.framebuffer_px[1])) - y1, x1 - x0, y1 - y0);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    glDepthMask(GL_TRUE);
    glClearColor(view.background_srgb[0], view.background_srgb[1], view.background_srgb[2], 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);   // to GL's default clear depth, 1 (the far end)

    // The head: opaque, the nearest part's surface per pixel, depth written.
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDepthMask(GL_TRUE);
    if (mesh_index_count_ > 0) {
        glUseProgram(head_program_);
        glUniform2f(head_u_.origin, view.viewport_px[0] + static_cast<float>(p.centre_px.x()),
                    view.viewport_px[1] + static_cast<float>(p.centre_px.y()));
        glUniform2f(head_u_.framebuffer, view.framebuffer_px[0], view.framebuffer_px[1]);
        SetVec3(head_u_.right, p.right);
        SetVec3(head_u_.up, p.up);
        SetVec3(head_u_.toward, p.toward);
        SetVec3(head_u_.look_at, p.look_at_mm);
        glUniform1f(head_u_.px_per_mm, static_cast<float>(p.px_per_mm));
        glUniform1f(head_u_.depth_span, kDepthSpanMm);
        SetVec3(head_u_.light, light);
        glUniform3f(head_u_.skin, skin[0], skin[1], skin[2]);
        const float kRoot = 1.0f / 2.4f;   // head.frag's sRGB curve
        glUniform3f(head_u_.skin_root, std::pow(skin[0], kRoot), std::pow(skin[1], kRoot), std::pow(skin[2], kRoot));
        glBindVertexArray(mesh_vao_);
        glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(mesh_index_count_), GL_UNSIGNED_INT, nullptr);
    }

    // The dots: tested against the head's depth, not writing their own (overlapping dots blend).
    if (dots > 0) {
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
        glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(dots * kVerticesPerDot));
    }
}

}  // namespace smp
