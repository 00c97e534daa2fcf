// Dots: one triangle per dot (three vertices carrying the same dot), corners from gl_VertexID, the
// triangle just circumscribing the dot's circle (plus one pixel of antialiasing); the circle itself
// is cut in the fragment shader. One triangle rather than an instanced quad: instancing four
// vertices per instance is slow on software rasterisers (SwiftShader: ~4x) and underfills many
// mobile GPUs' vertex units, while a triangle costs three vertices and no index buffer.
//
// Two looks (u_tone):
//  - the plan: rgba colours; tiny dots are drawn at least u_min_radius_px wide, fainter by the area
//    they borrow, so a zoomed-out scalp keeps its tone instead of flickering to nothing;
//  - the tone model (healed, faded; src/core/tone_model.h, "For the shaders"): a_diameter_mm is the
//    healed diameter and rgb the share F of each channel of the skin the dot takes away. The disc
//    widens by the eye's blur (u_blur_px) to R = max(sqrt(r² + blur²), min radius), its edge e is
//    min(2R, max(1, softness R, 2 blur)), and its opacity r² / (R² + 0.05 e²) keeps the darkening
//    integral of the healed disc, however blurred or small.
layout(location = 0) in vec2 a_center_mm;
layout(location = 1) in float a_diameter_mm;
layout(location = 2) in vec4 a_color;

uniform vec2 u_origin_px;        // framebuffer px of the map's (0, 0) mm, y down
uniform float u_px_per_mm;
uniform vec2 u_framebuffer_px;   // framebuffer size
uniform float u_min_radius_px;
uniform float u_softness;        // the edge as a share of the radius
uniform int u_tone;              // 1: the tone model; 0: the plan's colours
uniform float u_blur_px;         // the tone model: the eye's blur radius

out vec2 v_offset_px;            // from the dot's centre
out float v_radius_px;
out float v_edge_px;             // the width over which coverage falls from 1 to 0
out vec4 v_color;

// The equilateral triangle around the unit circle: its corners lie 2 radii from the centre.
const vec2 kCorners[3] = vec2[3](vec2(-1.7320508, -1.0), vec2(1.7320508, -1.0), vec2(0.0, 2.0));

void main() {
    vec2 corner = kCorners[gl_VertexID % 3];
    float true_radius_px = 0.5 * a_diameter_mm * u_px_per_mm;
    float radius_px;
    float extent_px;
    if (u_tone == 1) {
        radius_px = max(sqrt(true_radius_px * true_radius_px + u_blur_px * u_blur_px), u_min_radius_px);
        float edge_px = min(2.0 * radius_px, max(max(1.0, u_softness * radius_px), 2.0 * u_blur_px));
        float opacity = (true_radius_px * true_radius_px) / (radius_px * radius_px + 0.05 * edge_px * edge_px);
        v_edge_px = edge_px;
        v_color = vec4(a_color.rgb, opacity);
        extent_px = radius_px + 0.5 * edge_px + 0.5;
    } else {
        radius_px = max(true_radius_px, u_min_radius_px);
        float area_share = (true_radius_px * true_radius_px) / (radius_px * radius_px);
        v_edge_px = max(1.0, u_softness * radius_px);
        v_color = vec4(a_color.rgb, a_color.a * area_share);
        extent_px = radius_px + 1.0;
    }
    v_offset_px = corner * extent_px;
    v_radius_px = radius_px;
    vec2 position_px = u_origin_px + a_center_mm * u_px_per_mm + v_offset_px;
    vec2 ndc = position_px / u_framebuffer_px * 2.0 - 1.0;
    gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0);
}
