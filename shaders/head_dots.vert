// The head view's dots: one triangle per dot (three vertices carrying the same dot, corners from
// gl_VertexID, as dots.vert), placed on the head through the camera's orthographic projection
// (HeadProjection: right, up, toward, look-at point, px per mm).
//
// A disc on the head seen at an angle is an ellipse: long along the image direction across the
// normal (the disc's full radius), short along it (the radius times facing = n · toward). The
// footprint follows the tone model as export/head_render.cpp computes it: along the long axis
// R = max(sqrt(r² + blur²), min radius) with edge e = min(2R, max(1, softness R, 2 blur)), the
// short axis likewise from r · facing, and the profile 1 - smoothstep(R - e/2, R + e/2, ·) of the
// distance with the short axis stretched by R / R_short (1..40). The coverage integrates to the
// dot's true area on the image, π r² facing: opacity = r² facing stretch / (R² + 0.05 e²), so a
// zone keeps its darkening however small, blurred or oblique its dots are.
//
// Dots facing away (facing <= 0) collapse to a point outside the clip volume. The triangle lies in
// the dot's tangent plane in depth (its depth changes across it as the plane's does, so an oblique
// dot does not sink into the head beside its centre), lifted u_depth_bias_mm towards the camera:
// dots on the scalp pass the depth test against head.frag's depth, dots behind an ear or the nose
// fail it.
layout(location = 0) in vec3 a_head_mm;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in float a_diameter_mm;
layout(location = 3) in vec4 a_color;

uniform vec2 u_origin_px;        // framebuffer px (y down) of the look-at point: viewport origin + centre
uniform vec2 u_framebuffer_px;
uniform vec3 u_right;
uniform vec3 u_up;
uniform vec3 u_toward;
uniform vec3 u_look_at_mm;
uniform float u_px_per_mm;
uniform float u_min_radius_px;
uniform float u_softness;        // the edge as a share of the radius
uniform int u_tone;              // 1: the tone model; 0: the plan's colours
uniform float u_blur_px;         // the tone model: the eye's blur radius
uniform vec3 u_light;            // head.frag's light and skin: the shaded skin under each dot
uniform vec3 u_skin;             // linear
uniform float u_depth_span_mm;
uniform float u_depth_bias_mm;

out vec2 v_offset_px;            // from the dot's centre, the short axis stretched (profile space)
flat out float v_radius_px;      // the rest is the dot's own, the same at its three corners
flat out float v_edge_px;
flat out vec4 v_color;           // plan: colour and opacity; tone: F and opacity
flat out vec3 v_under;           // the shaded skin under the dot, linear
flat out vec3 v_under_srgb;      // the same, sRGB-encoded (what the framebuffer holds there)

const vec2 kCorners[3] = vec2[3](vec2(-1.7320508, -1.0), vec2(1.7320508, -1.0), vec2(0.0, 2.0));
const float kAmbient = 0.38;
const float kDiffuse = 0.62;
const float kMaxStretch = 40.0;  // export/head_render.cpp
const float kMinFacingForDepth = 0.05;

void main() {
    float facing = dot(a_normal, u_toward);
    v_offset_px = vec2(0.0);
    v_radius_px = 0.0;
    v_edge_px = 1.0;
    v_color = vec4(0.0);
    v_under = vec3(0.0);
    v_under_srgb = vec3(0.0);
    if (!(facing > 0.0)) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);   // every corner the same, outside: nothing drawn
        return;
    }
    vec3 rel = a_head_mm - u_look_at_mm;
    vec2 image_mm = vec2(dot(rel, u_right), dot(rel, u_up));
    float depth_mm = dot(rel, u_toward);

    // The ellipse's long axis, in pixels (y down): across the normal's image direction.
    vec2 n_px = vec2(dot(a_normal, u_right), -dot(a_normal, u_up));
    float n_len = length(n_px);
    vec2 along = n_len > 1.0e-6 ? vec2(-n_px.y, n_px.x) / n_len : vec2(1.0, 0.0);
    vec2 across = vec2(-along.y, along.x);

    float true_radius_px = 0.5 * a_diameter_mm * u_px_per_mm;
    float blur_px = u_tone == 1 ? u_blur_px : 0.0;
    float r2 = true_radius_px * true_radius_px;
    float radius_px = max(sqrt(r2 + blur_px * blur_px), u_min_radius_px);
    float edge_px = min(2.0 * radius_px, max(max(1.0, u_softness * radius_px), 2.0 * blur_px));
    float short_true_px = true_radius_px * facing;
    float short_radius_px = max(sqrt(short_true_px * short_true_px + blur_px * blur_px), u_min_radius_px);
    float stretch = clamp(radius_px / short_radius_px, 1.0, kMaxStretch);
    float opacity = min(1.0, r2 * facing * stretch / (radius_px * radius_px + 0.05 * edge_px * edge_px));

    // The triangle around the ellipse, half a pixel wider on each axis for the last partial pixel.
    vec2 corner = kCorners[gl_VertexID % 3];
    float reach_px = radius_px + 0.5 * edge_px;
    vec2 extent_px = vec2(reach_px + 0.5, reach_px / stretch + 0.5);
    vec2 offset_px = along * (corner.x * extent_px.x) + across * (corner.y * extent_px.y);
    v_offset_px = vec2(corner.x * extent_px.x, corner.y * extent_px.y * stretch);
    v_radius_px = radius_px;
    v_edge_px = edge_px;
    v_color = u_tone == 1 ? vec4(a_color.rgb, opacity) : vec4(a_color.rgb, a_color.a * opacity);
    v_under = u_skin * (kAmbient + kDiffuse * max(0.0, dot(a_normal, u_light)));   // the scalp's albedo is 1
    v_under_srgb = mix(v_under * 12.92, 1.055 * pow(v_under, vec3(1.0 / 2.4)) - 0.055, step(vec3(0.0031308), v_under));

    // Depth in the dot's tangent plane: n · (x right + y up + z toward) = 0 (image y is px down).
    vec2 offset_mm = vec2(offset_px.x, -offset_px.y) / u_px_per_mm;
    float plane_mm = -(dot(a_normal, u_right) * offset_mm.x + dot(a_normal, u_up) * offset_mm.y) / max(facing, kMinFacingForDepth);
    float z_mm = depth_mm + plane_mm + u_depth_bias_mm;

    vec2 position_px = u_origin_px + vec2(image_mm.x, -image_mm.y) * u_px_per_mm + offset_px;
    vec2 ndc = position_px / u_framebuffer_px * 2.0 - 1.0;
    gl_Position = vec4(ndc.x, -ndc.y, clamp(-z_mm / u_depth_span_mm, -1.0, 1.0), 1.0);
}
