// The head view's dots: the footprint's coverage (1 - smoothstep over v_edge_px at v_radius_px,
// in profile space, where the ellipse is a circle), then mixed in linear light as the CPU render
// mixes them (export/tone_layer.cpp), exactly over the bare head: v_under is the head's shaded
// skin under the dot (linear), so the shader knows the framebuffer's value there and writes what
// the fixed blend turns into the encoding of the right linear light.
//  - The tone model multiplies (blend: dst · (1 - src)), as dots.frag: the factor written takes
//    the skin's sRGB encoding to the encoding of its linear light times 1 - aF.
//  - The plan mixes the session's colour C by coverage a: T = sRGB(U (1 - a) + a C). The blend
//    is dst · (1 - src.a) + src.rgb (premultiplied), so src = (T - sRGB(U) (1 - a), a); sRGB's
//    curve is concave, so T >= sRGB(U) (1 - a) and src stays in 0..1. (Blending the encoded values
//    instead, as the map does, darkens a pale dot's pixels nearly twice as much as linear light.)
// Where dots overlap, the second is mixed as if over bare skin: a few per cent of a rare overlap.
in vec2 v_offset_px;
flat in float v_radius_px;
flat in float v_edge_px;
flat in vec4 v_color;
flat in vec3 v_under;
flat in vec3 v_under_srgb;

uniform int u_tone;

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
    vec3 under = v_under_srgb;
    if (u_tone == 1) {
        vec3 kept = vec3(1.0) - v_color.a * coverage * v_color.rgb;
        vec3 factor = SrgbFromLinear(v_under * kept) / max(under, vec3(1.0 / 255.0));
        out_color = vec4(vec3(1.0) - clamp(factor, 0.0, 1.0), 1.0);
    } else {
        float a = v_color.a * coverage;
        vec3 target = SrgbFromLinear(mix(v_under, LinearFromSrgb(v_color.rgb), a));
        out_color = vec4(clamp(target - under * (1.0 - a), 0.0, 1.0), a);
    }
}
