// Instanced dots: one quad per dot, corners from gl_VertexID (a 4-vertex triangle strip), sized
// from the dot's diameter in mm. Tiny dots are drawn at least u_min_radius_px wide, fainter by the
// area they borrow, so a zoomed-out scalp keeps its tone instead of flickering to nothing.
layout(location = 0) in vec2 a_center_mm;
layout(location = 1) in float a_diameter_mm;
layout(location = 2) in vec4 a_color;

uniform vec2 u_origin_px;        // framebuffer px of the map's (0, 0) mm, y down
uniform float u_px_per_mm;
uniform vec2 u_framebuffer_px;   // framebuffer size
uniform float u_min_radius_px;

out vec2 v_offset_px;            // from the dot's centre
out float v_radius_px;
out vec4 v_color;

void main() {
    vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1)) * 2.0 - 1.0;
    float true_radius_px = 0.5 * a_diameter_mm * u_px_per_mm;
    float radius_px = max(true_radius_px, u_min_radius_px);
    float area_share = (true_radius_px * true_radius_px) / (radius_px * radius_px);
    v_offset_px = corner * (radius_px + 1.0);
    v_radius_px = radius_px;
    v_color = vec4(a_color.rgb, a_color.a * area_share);
    vec2 position_px = u_origin_px + a_center_mm * u_px_per_mm + v_offset_px;
    vec2 ndc = position_px / u_framebuffer_px * 2.0 - 1.0;
    gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0);
}
