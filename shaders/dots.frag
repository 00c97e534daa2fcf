// The dot's disc, its coverage falling from 1 to 0 over v_edge_px at its edge (one pixel of
// antialiasing, wider for healed pigment's soft spread and the eye's blur).
//
// The tone model multiplies the framebuffer (blend: dst * (1 - src)). The model multiplies the
// skin's linear light by 1 - aF; the framebuffer holds sRGB-encoded values, so each dot writes
// the factor that takes the skin's encoded colour u_skin to the encoding of its linear light
// times 1 - aF: exact over bare skin, as the CPU renderer (export/tone_layer.cpp) computes it.
// Where dots overlap, the second factor is taken at the skin's colour, not at the first dot's:
// the difference is a few per cent of a dot that is rarely there at all (dots keep apart).
in vec2 v_offset_px;
in float v_radius_px;
in float v_edge_px;
in vec4 v_color;

uniform int u_tone;
uniform vec3 u_skin;              // the tone model: the skin's colour, sRGB-encoded, 0..1

out vec4 out_color;

vec3 LinearFromSrgb(vec3 c) {
    return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), step(vec3(0.04045), c));
}

vec3 SrgbFromLinear(vec3 c) {
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(vec3(0.0031308), c));
}

void main() {
    float distance_px = length(v_offset_px);
    float coverage = 1.0 - smoothstep(v_radius_px - 0.5 * v_edge_px, v_radius_px + 0.5 * v_edge_px, distance_px);
    if (coverage <= 0.0) discard;
    if (u_tone == 1) {
        vec3 kept = vec3(1.0) - v_color.a * coverage * v_color.rgb;
        vec3 factor = SrgbFromLinear(LinearFromSrgb(u_skin) * kept) / max(u_skin, vec3(1.0 / 255.0));
        out_color = vec4(vec3(1.0) - clamp(factor, 0.0, 1.0), 1.0);
    } else {
        out_color = vec4(v_color.rgb, v_color.a * coverage);
    }
}
