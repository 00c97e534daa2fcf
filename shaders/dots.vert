// Dots: one triangle per dot (three vertices carrying the same dot), corners from gl_VertexID, the
// triangle just circumscribing the dot's circle (plus one pixel of antialiasing); the circle itself
// is cut in the fragment shader. One triangle rather than an instanced quad: instancing four
// vertices per instance is slow on software rasterisers (SwiftShader: ~4x) and underfills many
// mobile GPUs' vertex units, while a triangle costs three vertices and no index buffer.
// Tiny dots are drawn at least u_min_radius_px wide, fainter by the area they borrow, so a
// zoomed-out scalp keeps its tone instead of flickering to nothing.
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

// The equilateral triangle around the unit circle: its corners lie 2 radii from the centre.
const vec2 kCorners[3] = vec2[3](vec2(-1.7320508, -1.0), vec2(1.7320508, -1.0), vec2(0.0, 2.0));

void main() {
    vec2 corner = kCorners[gl_VertexID % 3];
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
