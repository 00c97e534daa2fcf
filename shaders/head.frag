// The head view's head, shaded as export/head_render.cpp shades it: linear light, (ambient +
// diffuse · max(0, n · light)) · albedo · skin, encoded to sRGB here (the framebuffer holds sRGB
// values). The normal and albedo are the skin's at each vertex (core/head_shape.h ShadeHead: the
// parts' joins rounded), interpolated: smooth shading.
in vec3 v_normal;
in float v_albedo;

uniform vec3 u_light;            // unit vector towards the light, head coordinates
uniform vec3 u_skin;             // the skin's linear colour

out vec4 out_color;

const float kAmbient = 0.38;     // core/head_shape.h: kHeadAmbient, kHeadDiffuse
const float kDiffuse = 0.62;

vec3 SrgbFromLinear(vec3 c) {
    c = clamp(c, 0.0, 1.0);
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(vec3(0.0031308), c));
}

void main() {
    vec3 n = normalize(v_normal);
    float shade = (kAmbient + kDiffuse * max(0.0, dot(n, u_light))) * v_albedo;
    out_color = vec4(SrgbFromLinear(u_skin * shade), 1.0);
}
