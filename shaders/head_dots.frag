// The head view's dots: the footprint's coverage (1 - smoothstep over v_edge_px at v_radius_px,
// in profile space, where the ellipse is a circle), then, as dots.frag:
//  - the tone model multiplies the framebuffer (blend: dst · (1 - src)). The skin under the dot is
//    v_under, the head's shaded skin there (linear), so the factor written takes its sRGB encoding
//    to the encoding of its linear light times 1 - aF: exact over the bare head, as the CPU render
//    (export/tone_layer.cpp) computes it;
//  - the plan blends the session's colour over.
in vec2 v_offset_px;
in float v_radius_px;
in float v_edge_px;
in vec4 v_color;
in vec3 v_under;

uniform int u_tone;

out vec4 out_color;

vec3 SrgbFromLinear(vec3 c) {
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(vec3(0.0031308), c));
}

void main() {
    float distance_px = length(v_offset_px);
    float coverage = 1.0 - smoothstep(v_radius_px - 0.5 * v_edge_px, v_radius_px + 0.5 * v_edge_px, distance_px);
    if (coverage <= 0.0) discard;
    if (u_tone == 1) {
        vec3 kept = vec3(1.0) - v_color.a * coverage * v_color.rgb;
        vec3 under = SrgbFromLinear(v_under);
        vec3 factor = SrgbFromLinear(v_under * kept) / max(under, vec3(1.0 / 255.0));
        out_color = vec4(vec3(1.0) - clamp(factor, 0.0, 1.0), 1.0);
    } else {
        out_color = vec4(v_color.rgb, v_color.a * coverage);
    }
}
