// The head view's head: the stylised head's parts (core/head_shape.h) as a triangle mesh built
// once per head (render/head_renderer.cpp: each ellipsoid a latitude-longitude net, the
// neck's cylinder rings reaching far enough to leave any view), projected through the camera's
// orthographic projection (HeadProjection: right, up, toward, look-at point, px per mm), as
// head_dots.vert projects the dots.
//
// Depth: the distance towards the camera from the look-at plane, t mm, as NDC z = -t / span
// (nearer is smaller, as GL_LESS expects); head_dots.vert maps its dots the same way. The nearest
// part wins per pixel, as CastHead's nearest hit does on the CPU.
layout(location = 0) in vec3 a_position_mm;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in float a_albedo;

uniform vec2 u_origin_px;        // framebuffer px (y down) of the look-at point: viewport origin + centre
uniform vec2 u_framebuffer_px;
uniform vec3 u_right;
uniform vec3 u_up;
uniform vec3 u_toward;
uniform vec3 u_look_at_mm;
uniform float u_px_per_mm;
uniform float u_depth_span_mm;

out vec3 v_normal;
out float v_albedo;

void main() {
    vec3 rel = a_position_mm - u_look_at_mm;
    vec2 position_px = u_origin_px + vec2(dot(rel, u_right), -dot(rel, u_up)) * u_px_per_mm;
    vec2 ndc = position_px / u_framebuffer_px * 2.0 - 1.0;
    gl_Position = vec4(ndc.x, -ndc.y, clamp(-dot(rel, u_toward) / u_depth_span_mm, -1.0, 1.0), 1.0);
    v_normal = a_normal;
    v_albedo = a_albedo;
}
