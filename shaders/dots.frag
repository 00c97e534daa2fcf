// The dot's circle, antialiased over one pixel at its edge; u_softness widens the edge into a
// soft falloff (healed pigment spreads a little under the skin).
in vec2 v_offset_px;
in float v_radius_px;
in vec4 v_color;

uniform float u_softness;        // 0 crisp .. 1 soft

out vec4 out_color;

void main() {
    float distance_px = length(v_offset_px);
    float edge_px = max(1.0, u_softness * v_radius_px);
    float coverage = 1.0 - smoothstep(v_radius_px - 0.5 * edge_px, v_radius_px + 0.5 * edge_px, distance_px);
    if (coverage <= 0.0) discard;
    out_color = vec4(v_color.rgb, v_color.a * coverage);
}
