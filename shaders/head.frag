// The head view's head, shaded as export/head_render.cpp shades it: linear light, (ambient +
// diffuse · max(0, n · light)) · albedo · skin, encoded to sRGB here (the framebuffer holds sRGB
// values). The normal and albedo are the skin's at each vertex (core/head_shape.h ShadeHead: the
// parts' joins rounded), interpolated: smooth shading.
in vec3 v_normal;
in float v_albedo;

uniform vec3 u_light;            // unit vector towards the light, head coordinates
uniform vec3 u_skin;             // the skin's linear colour
uniform vec3 u_skin_root;        // u_skin^(1/2.4), from the CPU (see main)

out vec4 out_color;

const float kAmbient = 0.38;     // core/head_shape.h: kHeadAmbient, kHeadDiffuse
const float kDiffuse = 0.62;

void main() {
    vec3 n = normalize(v_normal);
    float shade = (kAmbient + kDiffuse * max(0.0, dot(n, u_light))) * v_albedo;
    // sRGB's curve of skin · shade, its power taken of the shade alone: (k s)^(1/2.4) is
    // k^(1/2.4) s^(1/2.4), and the skin's root is the same at every pixel. One power a pixel
    // instead of three: a GPU hardly notices, but SwiftShader, which draws on the CPU for the
    // browser tests (and for a browser without a GPU), draws a head-filled view about a fifth faster.
    // Neither factor exceeds 1, so neither does the colour: nothing to clamp.
    vec3 c = u_skin * shade;
    vec3 encoded = 1.055 * u_skin_root * pow(shade, 1.0 / 2.4) - 0.055;
    out_color = vec4(mix(c * 12.92, encoded, step(vec3(0.0031308), c)), 1.0);
}
