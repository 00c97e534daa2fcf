// The head view's head: each pixel's orthographic ray (along -toward, from the pixel's point on the
// plane through the look-at point) meets the stylised head's parts (core/head_shape.h, flattened by
// MakeHeadShapeUniforms), the nearest hit wins, as CastHead does on the CPU:
//   - an ellipsoid: the ray in the part's frame, scaled to the unit sphere, the larger root;
//   - a cylinder along the part's own z: the larger root of its side, kept where own z <= cut.
// Shaded as export/head_render.cpp shades it: linear light, (ambient + diffuse · max(0, n · light))
// · albedo · skin, encoded to sRGB here (the framebuffer holds sRGB values).
//
// The silhouette against the background is antialiased from the parts' own geometry: for each
// part, s = the distance of the ray from the part's centre (an ellipsoid) or axis (a cylinder) in
// its unit-scaled frame (s < 1: the ray meets it). Its change across a pixel, known in closed form
// (the ray moves by right / px_per_mm a pixel; s is the length of the ray's offset with its own
// direction projected out, so ds = the unit offset · the move), turns 1 - s into a coverage, and
// the pixel is the linear mix of the background and the head by the largest coverage: the CPU
// render's 2 x 2 samples, without the samples. A pixel just outside every part takes the colour of
// the nearest part's rim. Creases between parts (an ear over the head) are not antialiased.
// An ellipsoid whose bounding sphere the ray misses by more than two pixels is skipped early.
//
// Depth: the hit's distance towards the camera from the look-at plane, t mm, mapped to
// 0.5 - t / (2 · u_depth_span_mm) (nearer is smaller, as GL_LESS expects); head_dots.vert maps its
// dots the same way.
uniform vec4 u_viewport_px;      // x, y (top-left, y down), width, height: framebuffer px
uniform vec2 u_framebuffer_px;
uniform vec3 u_right;            // HeadProjection: unit vectors in head coordinates
uniform vec3 u_up;
uniform vec3 u_toward;
uniform vec3 u_look_at_mm;
uniform vec2 u_centre_px;        // the look-at point's pixel, relative to the viewport's top-left
uniform float u_px_per_mm;
uniform vec3 u_light;            // unit vector towards the light, head coordinates
uniform vec3 u_skin;             // the skin's linear colour
uniform vec3 u_background;       // the background's linear colour
uniform float u_depth_span_mm;

const int kMaxParts = 24;        // kMaxHeadParts (core/head_shape.h)
uniform int u_part_count;
uniform vec4 u_centre_kind[kMaxParts];   // centre mm, kind (0 ellipsoid, 1 cylinder)
uniform vec4 u_radii_cut[kMaxParts];     // semi-axes mm, cylinder's cut (own z, mm)
uniform vec4 u_axis_x[kMaxParts];        // the part's own x in head coordinates, albedo
uniform vec4 u_axis_y[kMaxParts];        // its own y, role (unused here)
uniform vec4 u_axis_z[kMaxParts];        // its own z

out vec4 out_color;

const float kAmbient = 0.38;
const float kDiffuse = 0.62;

vec3 SrgbFromLinear(vec3 c) {
    c = clamp(c, 0.0, 1.0);
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(vec3(0.0031308), c));
}

void main() {
    vec2 pixel = vec2(gl_FragCoord.x, u_framebuffer_px.y - gl_FragCoord.y) - u_viewport_px.xy;
    vec2 image_mm = vec2(pixel.x - u_centre_px.x, u_centre_px.y - pixel.y) / u_px_per_mm;
    vec3 base = u_look_at_mm + u_right * image_mm.x + u_up * image_mm.y;

    float hit_t = -1.0e30;       // the nearest hit so far (largest t: t grows towards the camera)
    vec3 hit_normal = vec3(0.0);
    float hit_albedo = 1.0;
    float best_coverage = 0.0;   // the largest silhouette coverage, and that part's rim
    vec3 rim_normal = vec3(0.0);
    float rim_t = 0.0;
    float rim_albedo = 1.0;
    for (int i = 0; i < kMaxParts; ++i) {
        if (i >= u_part_count) break;
        vec3 rel = base - u_centre_kind[i].xyz;
        vec3 r = u_radii_cut[i].xyz;
        bool cylinder = u_centre_kind[i].w > 0.5;
        if (!cylinder) {
            vec3 off_ray = rel - u_toward * dot(rel, u_toward);
            float reach_mm = max(r.x, max(r.y, r.z)) + 2.0 / u_px_per_mm;
            if (dot(off_ray, off_ray) > reach_mm * reach_mm) continue;
        }
        vec3 ax = u_axis_x[i].xyz, ay = u_axis_y[i].xyz, az = u_axis_z[i].xyz;
        vec3 o = vec3(dot(ax, rel), dot(ay, rel), dot(az, rel));
        vec3 d = vec3(dot(ax, u_toward), dot(ay, u_toward), dot(az, u_toward));
        vec3 q = o / r, w = d / r;
        // A pixel's move, x (right) and y (down), in the unit-scaled frame.
        vec3 step_x = vec3(dot(ax, u_right), dot(ay, u_right), dot(az, u_right)) / (r * u_px_per_mm);
        vec3 step_y = -vec3(dot(ax, u_up), dot(ay, u_up), dot(az, u_up)) / (r * u_px_per_mm);
        if (cylinder) {
            q.z = 0.0;
            w.z = 0.0;
            step_x.z = 0.0;
            step_y.z = 0.0;
        }
        float A = max(dot(w, w), 1.0e-20);
        float B = dot(q, w);
        float C = dot(q, q) - 1.0;
        // B² - AC = A (1 - s²): s is the length of q with w projected out.
        vec3 offset = q - w * (B / A);
        float s = length(offset);
        vec3 unit_offset = offset / max(s, 1.0e-9);
        float s_per_px = length(vec2(dot(unit_offset, step_x), dot(unit_offset, step_y)));
        if (cylinder && !(A > 1.0e-12)) continue;   // looking along the cylinder: as CastHead, no hit
        float disc = B * B - A * C;
        float rim_cut_ok = 1.0;
        if (disc >= 0.0) {
            float t = (-B + sqrt(disc)) / A;
            vec3 p = o + d * t;
            bool kept = !cylinder || p.z <= u_radii_cut[i].w;
            if (kept && t > hit_t) {
                hit_t = t;
                vec3 g = cylinder ? vec3(p.x / (r.x * r.x), p.y / (r.y * r.y), 0.0) : p / (r * r);
                hit_normal = normalize(ax * g.x + ay * g.y + az * g.z);
                hit_albedo = u_axis_x[i].w;
            }
        }
        // The rim: where the ray grazes the part (t = -B / A), for a pixel the part only partly covers.
        float t_rim = -B / A;
        vec3 p_rim = o + d * t_rim;
        if (cylinder && p_rim.z > u_radii_cut[i].w) rim_cut_ok = 0.0;
        float coverage = rim_cut_ok * clamp(0.5 + (1.0 - s) / max(s_per_px, 1.0e-6), 0.0, 1.0);
        if (coverage > best_coverage) {
            best_coverage = coverage;
            vec3 g = cylinder ? vec3(p_rim.x / (r.x * r.x), p_rim.y / (r.y * r.y), 0.0) : p_rim / (r * r);
            rim_normal = normalize(ax * g.x + ay * g.y + az * g.z);
            rim_t = t_rim;
            rim_albedo = u_axis_x[i].w;
        }
    }
    bool hit = hit_t > -1.0e29;
    if (!hit && best_coverage <= 0.0) discard;
    vec3 normal = hit ? hit_normal : rim_normal;
    float albedo = hit ? hit_albedo : rim_albedo;
    float t = hit ? hit_t : rim_t;
    float coverage = hit ? max(best_coverage, 0.0) : best_coverage;
    if (hit && best_coverage <= 0.0) coverage = 1.0;   // a hit the coverage estimate missed (a cut's edge)
    float shade = (kAmbient + kDiffuse * max(0.0, dot(normal, u_light))) * albedo;
    vec3 head = u_skin * shade;
    out_color = vec4(SrgbFromLinear(mix(u_background, head, coverage)), 1.0);
    gl_FragDepth = clamp(0.5 - t / (2.0 * u_depth_span_mm), 0.0, 1.0);
}
