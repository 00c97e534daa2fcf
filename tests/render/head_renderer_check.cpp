// smp_head_gl_check: the GPU head view (render/head_renderer.h) against the CPU head render
// (export/head_render.h), in a hidden desktop GL 3.3 window (run it under Xvfb with Mesa:
// `xvfb-run -a build/native/bin/smp_head_gl_check [--out DIR] [--size PX] [--bench] [--es]`;
// --es: an OpenGL ES 3.0 context and the shaders as WebGL2 compiles them, "#version 300 es").
//
// For a preset (norwood-6) at several camera angles and both kinds of look (plan; healed), it
// renders both, prints coarse figures and fails (exit 1) when they disagree:
//   - the silhouette: the head's pixels (not the background) of the two, intersection over union;
//   - the mean colour over the head's pixels, and over the pixels the dots change on the CPU
//     (the render with dots against one without), per channel, relative;
//   - where the dots show: the pixels the dots change on each, intersection over union (what the
//     ears and the nose hide, what faces away);
//   - a single dot placed at the mid-frontal point: the centroid of its pixels against
//     HeadProjection::PixelFromHead;
//   - what hides a dot: a grid of dots over the whole head, each centre's pixel against CastHead
//     (ears, nose, brow in front), and the dots facing away drawn alone change nothing;
//   - a view in a rectangle of a larger framebuffer: the same pixels, nothing outside touched;
//   - a head of kMaxHeadParts parts, rotated ellipsoids and a tilted cut cylinder, against
//     CastHead on the CPU (any head the uniforms hold draws the same).
// --out writes each comparison as a PNG (GPU | CPU | difference x 4) for a person to look at;
// --bench orbits 80,000 dots and prints the time a frame takes (a figure, never a failure).
// A tool and a test (tests/e2e/head_gl.test.mjs runs it), never part of the app.
//
// [SECTION] GL: a hidden window and an offscreen framebuffer
// [SECTION] Comparisons
// [SECTION] The cases
#include "core/design_json.h"
#include "core/tone_model.h"
#include "core/head_shape.h"
#include "core/presets.h"
#include "export/head_render.h"
#include "export/png.h"
#include "render/gl.h"
#include "render/head_renderer.h"

#include <Eigen/Geometry>
#include <GLFW/glfw3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

namespace {

using smp::RgbaImage;

int g_failures = 0;

void Check(bool ok, const std::string& what) {
    std::printf("  %s %s\n", ok ? "ok  " : "FAIL", what.c_str());
    if (!ok) ++g_failures;
}

std::string Format(const char* format, double a, double b = 0.0, double c = 0.0) {
    char text[256];
    std::snprintf(text, sizeof text, format, a, b, c);
    return text;
}

// [SECTION] GL: a hidden window and an offscreen framebuffer ---------------------------------------

struct Target {
    GLuint framebuffer = 0, color = 0, depth = 0;
    int size = 0;
};

Target MakeTarget(int size) {
    Target t;
    t.size = size;
    glGenFramebuffers(1, &t.framebuffer);
    glBindFramebuffer(GL_FRAMEBUFFER, t.framebuffer);
    glGenRenderbuffers(1, &t.color);
    glBindRenderbuffer(GL_RENDERBUFFER, t.color);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, size, size);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, t.color);
    glGenRenderbuffers(1, &t.depth);
    glBindRenderbuffer(GL_RENDERBUFFER, t.depth);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, size, size);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, t.depth);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
        std::fprintf(stderr, "smp_head_gl_check: the offscreen framebuffer is incomplete\n");
        std::exit(2);
    }
    return t;
}

RgbaImage ReadBack(int size) {
    RgbaImage image;
    image.width = image.height = size;
    image.rgba.resize(static_cast<size_t>(size) * size * 4);
    std::vector<uint8_t> rows(image.rgba.size());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, size, size, GL_RGBA, GL_UNSIGNED_BYTE, rows.data());
    const size_t row_bytes = static_cast<size_t>(size) * 4;
    for (int y = 0; y < size; ++y) {   // GL rows run bottom-up
        std::memcpy(image.rgba.data() + row_bytes * y, rows.data() + row_bytes * (size - 1 - y), row_bytes);
    }
    for (size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 255;
    return image;
}

// [SECTION] Comparisons -----------------------------------------------------------------------------

bool IsBackground(const RgbaImage& image, size_t i) {
    const uint8_t* p = image.rgba.data() + i * 4;
    const smp::Rgba& b = smp::kCanvasBackgroundRgba;
    return std::abs(p[0] - b.r) + std::abs(p[1] - b.g) + std::abs(p[2] - b.b) <= 6;
}

bool Differs(const RgbaImage& a, const RgbaImage& b, size_t i, int threshold) {
    const uint8_t* p = a.rgba.data() + i * 4;
    const uint8_t* q = b.rgba.data() + i * 4;
    return std::max({std::abs(p[0] - q[0]), std::abs(p[1] - q[1]), std::abs(p[2] - q[2])}) >= threshold;
}

double Iou(const std::vector<bool>& a, const std::vector<bool>& b) {
    size_t both = 0, either = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        both += a[i] && b[i];
        either += a[i] || b[i];
    }
    return either ? static_cast<double>(both) / either : 1.0;
}

struct Mean {
    double rgb[3] = {0, 0, 0};
    size_t n = 0;
};
Mean MeanOver(const RgbaImage& image, const std::vector<bool>& mask) {
    Mean m;
    for (size_t i = 0; i < mask.size(); ++i) {
        if (!mask[i]) continue;
        for (int c = 0; c < 3; ++c) m.rgb[c] += image.rgba[i * 4 + c];
        ++m.n;
    }
    for (double& v : m.rgb) v /= std::max<size_t>(m.n, 1);
    return m;
}
double WorstRelative(const Mean& gpu, const Mean& cpu) {
    double worst = 0.0;
    for (int c = 0; c < 3; ++c) worst = std::max(worst, std::fabs(gpu.rgb[c] - cpu.rgb[c]) / std::max(cpu.rgb[c], 1.0));
    return worst;
}

void WriteSideBySide(const std::string& path, const RgbaImage& gpu, const RgbaImage& cpu) {
    RgbaImage out;
    out.width = gpu.width * 3;
    out.height = gpu.height;
    out.rgba.assign(static_cast<size_t>(out.width) * out.height * 4, 255);
    for (int y = 0; y < gpu.height; ++y) {
        for (int x = 0; x < gpu.width; ++x) {
            const uint8_t* g = gpu.PixelAt(x, y);
            const uint8_t* c = cpu.PixelAt(x, y);
            uint8_t* o = out.rgba.data() + (static_cast<size_t>(y) * out.width + x) * 4;
            for (int k = 0; k < 3; ++k) {
                o[k] = g[k];
                o[gpu.width * 4 + k] = c[k];
                o[gpu.width * 8 + k] = static_cast<uint8_t>(std::clamp(128 + 4 * (g[k] - c[k]), 0, 255));
            }
        }
    }
    const std::vector<uint8_t> png = smp::EncodePng(out);
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
}

// [SECTION] The cases --------------------------------------------------------------------------------

struct Scene {
    smp::Design design;
    smp::DotPattern pattern;
    smp::DotPattern bare;   // the same, no dot placed (what the head looks like without dots)
    const smp::ScalpTemplate* scalp = nullptr;
};

smp::HeadDrawView ViewFor(const smp::HeadProjection& projection, int size, smp::PreviewMode look, int skin_tone) {
    smp::HeadDrawView view;
    view.projection = projection;
    view.viewport_px[2] = view.viewport_px[3] = static_cast<float>(size);
    view.framebuffer_px[0] = view.framebuffer_px[1] = static_cast<float>(size);
    const smp::SkinTone& skin = smp::SkinToneAt(skin_tone);
    view.skin_srgb[0] = skin.r / 255.0f;
    view.skin_srgb[1] = skin.g / 255.0f;
    view.skin_srgb[2] = skin.b / 255.0f;
    view.background_srgb[0] = smp::kCanvasBackgroundRgba.r / 255.0f;
    view.background_srgb[1] = smp::kCanvasBackgroundRgba.g / 255.0f;
    view.background_srgb[2] = smp::kCanvasBackgroundRgba.b / 255.0f;
    const smp::PreviewRow& row = smp::Preview(look);
    view.tone = row.skin;
    view.min_radius_px = static_cast<float>(smp::kMinDotRadiusPx);
    view.softness = static_cast<float>(row.dot_softness);
    return view;
}

RgbaImage Cpu(const smp::Design& design, const smp::DotPattern& pattern, const smp::HeadRenderOptions& options) {
    smp::Expected<RgbaImage> image = smp::RenderHead(design, pattern, options);
    if (!image.ok()) {
        std::fprintf(stderr, "smp_head_gl_check: %s\n", image.status().message().c_str());
        std::exit(2);
    }
    return std::move(*image);
}

void CompareView(smp::HeadRenderer& renderer, const Scene& scene, smp::PreviewMode look, const smp::HeadCamera& camera, int size,
                 const std::string& out_dir) {
    const char* look_name = smp::PreviewName(look);
    std::printf("%s, yaw %g, pitch %g:\n", look_name, camera.yaw_deg, camera.pitch_deg);
    smp::HeadRenderOptions options;
    options.camera = camera;
    options.look = look;
    options.width_px = size;
    const smp::Expected<smp::HeadProjection> projection = smp::HeadRenderProjection(*scene.scalp, options);
    const smp::HeadDrawView view = ViewFor(*projection, size, look, options.skin_tone);

    // As the app uploads them: the client's own hair first (the CPU render draws it too, in the
    // bare head as well: it follows the design, not which dots are placed), then the dots.
    const std::vector<smp::HeadDotInstance> hair = smp::MakeNaturalHairInstances(scene.design, scene.pattern, *scene.scalp, look, options.skin_tone);
    std::vector<smp::HeadDotInstance> instances = hair;
    const std::vector<smp::HeadDotInstance> dots = smp::MakeHeadDotInstances(scene.design, scene.pattern, *scene.scalp, look, options.years, 0, options.skin_tone);
    instances.insert(instances.end(), dots.begin(), dots.end());
    renderer.Upload(instances);
    renderer.Draw(view);
    const RgbaImage gpu = ReadBack(size);
    renderer.Upload(hair);
    renderer.Draw(view);
    const RgbaImage gpu_bare = ReadBack(size);
    const RgbaImage cpu = Cpu(scene.design, scene.pattern, options);
    const RgbaImage cpu_bare = Cpu(scene.design, scene.bare, options);

    const size_t pixels = static_cast<size_t>(size) * size;
    std::vector<bool> gpu_head(pixels), cpu_head(pixels), both_head(pixels), gpu_dots(pixels), cpu_dots(pixels);
    for (size_t i = 0; i < pixels; ++i) {
        gpu_head[i] = !IsBackground(gpu_bare, i);
        cpu_head[i] = !IsBackground(cpu_bare, i);
        both_head[i] = gpu_head[i] && cpu_head[i];
        gpu_dots[i] = Differs(gpu, gpu_bare, i, 2);
        cpu_dots[i] = Differs(cpu, cpu_bare, i, 2);
    }
    const double silhouette_iou = Iou(gpu_head, cpu_head);
    Check(silhouette_iou > 0.97, Format("silhouette IoU %.4f (> 0.97)", silhouette_iou));
    const Mean gpu_mean = MeanOver(gpu, both_head), cpu_mean = MeanOver(cpu, both_head);
    const double head_error = WorstRelative(gpu_mean, cpu_mean);
    Check(head_error < 0.03, Format("mean colour on the head: GPU (%.1f, %.1f, %.1f)", gpu_mean.rgb[0], gpu_mean.rgb[1], gpu_mean.rgb[2]) +
                                 Format(" CPU (%.1f, %.1f, %.1f)", cpu_mean.rgb[0], cpu_mean.rgb[1], cpu_mean.rgb[2]) +
                                 Format(", worst channel off by %.2f %% (< 3 %%)", 100.0 * head_error));
    const Mean gpu_bare_mean = MeanOver(gpu_bare, both_head), cpu_bare_mean = MeanOver(cpu_bare, both_head);
    const double bare_error = WorstRelative(gpu_bare_mean, cpu_bare_mean);
    Check(bare_error < 0.02, Format("mean colour of the bare head: worst channel off by %.2f %% (< 2 %%)", 100.0 * bare_error));
    const Mean gpu_in_dots = MeanOver(gpu, cpu_dots), cpu_in_dots = MeanOver(cpu, cpu_dots);
    const double dots_error = WorstRelative(gpu_in_dots, cpu_in_dots);
    Check(dots_error < 0.03, Format("mean colour where the CPU's dots are (%.0f px): GPU (%.1f, %.1f, ", static_cast<double>(cpu_in_dots.n),
                                    gpu_in_dots.rgb[0], gpu_in_dots.rgb[1]) +
                                 Format("%.1f) CPU (%.1f, %.1f, ", gpu_in_dots.rgb[2], cpu_in_dots.rgb[0], cpu_in_dots.rgb[1]) +
                                 Format("%.1f), worst channel off by %.2f %% (< 3 %%)", cpu_in_dots.rgb[2], 100.0 * dots_error));
    // The change the dots make there (per channel, with dots minus without), GPU against CPU.
    const Mean gpu_bare_in_dots = MeanOver(gpu_bare, cpu_dots), cpu_bare_in_dots = MeanOver(cpu_bare, cpu_dots);
    double change_cpu2 = 0.0, change_error2 = 0.0;
    for (int c = 0; c < 3; ++c) {
        const double gpu_change = gpu_in_dots.rgb[c] - gpu_bare_in_dots.rgb[c], cpu_change = cpu_in_dots.rgb[c] - cpu_bare_in_dots.rgb[c];
        change_cpu2 += cpu_change * cpu_change;
        change_error2 += (gpu_change - cpu_change) * (gpu_change - cpu_change);
    }
    if (change_cpu2 > 0.0) {
        const double off = std::sqrt(change_error2 / change_cpu2);
        // Or within 0.6 of a level: the framebuffer rounds each dot's blend to 8 bits, and the
        // faint tails of tiny plan dots seen edge-on (a change of ~3 levels in all) round away.
        const double off_levels = std::sqrt(change_error2);
        Check(off < 0.1 || off_levels < 0.6,
              Format("the change the dots make there (CPU: %.2f levels): GPU off the CPU's by %.1f %% of it, ", std::sqrt(change_cpu2),
                     100.0 * off) +
                  Format("%.2f levels (< 10 %% or < 0.6)", off_levels));
    }
    const double dots_iou = Iou(gpu_dots, cpu_dots);
    Check(dots_iou > 0.75, Format("where dots change the picture, IoU %.3f (> 0.75)", dots_iou));
    if (!out_dir.empty()) {
        char name[160];
        std::snprintf(name, sizeof name, "%s/head-%s-yaw%g-pitch%g.png", out_dir.c_str(), look_name, camera.yaw_deg, camera.pitch_deg);
        WriteSideBySide(name, gpu, cpu);
    }
}

// One red dot, 6 mm wide, at the mid-frontal point: where the projection says it is.
void CheckMidFrontal(smp::HeadRenderer& renderer, const Scene& scene, const smp::HeadCamera& camera, int size) {
    smp::HeadRenderOptions options;
    options.camera = camera;
    options.width_px = size;
    const smp::Expected<smp::HeadProjection> projection = smp::HeadRenderProjection(*scene.scalp, options);
    const smp::Vec3 point = *scene.scalp->HeadFromMap(scene.scalp->GetLandmarks().mid_frontal_mm);
    const smp::Vec3 normal = scene.scalp->HeadNormal(point);
    smp::HeadDotInstance dot;
    for (int k = 0; k < 3; ++k) {
        dot.head_mm[k] = static_cast<float>(point[k]);
        dot.normal[k] = static_cast<float>(normal[k]);
    }
    dot.diameter_mm = 6.0f;
    dot.rgba[0] = 255;
    dot.rgba[1] = dot.rgba[2] = 0;
    renderer.Upload({dot});
    renderer.Draw(ViewFor(*projection, size, smp::PreviewMode::kPlan, smp::kDefaultSkinTone));
    const RgbaImage image = ReadBack(size);
    double sx = 0.0, sy = 0.0, weight = 0.0;
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x) {
            const uint8_t* p = image.PixelAt(x, y);
            // Redness: how far the pixel went from the skin towards pure red (antialiased edges count in part).
            const double red = std::clamp((p[0] - 0.5 * (p[1] + p[2]) - 60.0) / 120.0, 0.0, 1.0);
            if (red <= 0.0) continue;
            sx += red * (x + 0.5);
            sy += red * (y + 0.5);
            weight += red;
        }
    }
    const smp::Vec2 expected = projection->PixelFromHead(point);
    const double error_px = weight > 0.0 ? std::hypot(sx / weight - expected.x(), sy / weight - expected.y()) : 1e9;
    std::printf("mid-frontal dot, yaw %g, pitch %g:\n", camera.yaw_deg, camera.pitch_deg);
    Check(weight > 20.0 && error_px < 0.75, Format("centroid (%.2f, %.2f) px, projection says (%.2f, ", sx / std::max(weight, 1.0),
                                                   sy / std::max(weight, 1.0), expected.x()) +
                                                Format("%.2f): off by %.3f px (< 0.75)", expected.y(), error_px));
}

// Any parts list the uniforms hold, rotated: the default head with its ears and neck turned and
// tilted, and rotated ellipsoids added up to kMaxHeadParts, against CastHead on the CPU (one ray
// a pixel, shaded as RenderHead shades), so another head's numbers draw unchanged.
void CheckRotatedParts(smp::HeadRenderer& renderer, const Scene& scene, int size, const std::string& out_dir) {
    using smp::Vec3;
    const Vec3 axes = scene.scalp->HeadSemiAxesMm();
    smp::HeadShape shape = smp::MakeHeadShape(axes);
    auto rotation = [](double angle_deg, const Vec3& axis) {
        return Eigen::AngleAxisd(angle_deg * 3.14159265358979 / 180.0, axis.normalized()).toRotationMatrix();
    };
    for (smp::HeadPart& part : shape.parts) {
        if (part.role == smp::HeadPartRole::kEar) part.axes = rotation(part.centre_mm.x() > 0 ? 25.0 : -25.0, Vec3(0.3, 0.2, 1.0));
        if (part.role == smp::HeadPartRole::kNeck) part.axes = rotation(18.0, Vec3(1.0, 0.0, 0.2));
    }
    for (int k = 0; static_cast<int>(shape.parts.size()) < smp::kMaxHeadParts; ++k) {
        smp::HeadPart part;
        part.role = smp::HeadPartRole::kFace;
        const double angle = 0.7 * k;
        part.centre_mm = Vec3(0.9 * axes.x() * std::cos(angle), 0.9 * axes.y() * std::sin(angle), -0.5 * axes.z() + 4.0 * (k % 3));
        part.radii_mm = Vec3(14.0 + k, 6.0 + 0.5 * k, 9.0);
        part.axes = rotation(20.0 * k, Vec3(std::sin(k), std::cos(k), 0.5));
        part.albedo = 0.6 + 0.03 * (k % 10);
        shape.parts.push_back(part);
    }
    renderer.SetShape(shape);
    renderer.Upload({});
    const smp::HeadCamera cameras[] = {{30.0, 15.0}, {-120.0, -20.0}};
    const size_t pixels = static_cast<size_t>(size) * size;
    for (const smp::HeadCamera& camera : cameras) {
        std::printf("%d rotated parts, yaw %g, pitch %g:\n", static_cast<int>(shape.parts.size()), camera.yaw_deg, camera.pitch_deg);
        smp::HeadRenderOptions options;
        options.camera = camera;
        options.width_px = size;
        const smp::HeadProjection view = *smp::HeadRenderProjection(*scene.scalp, options);
        renderer.Draw(ViewFor(view, size, smp::PreviewMode::kPlan, options.skin_tone));
        const RgbaImage gpu = ReadBack(size);
        RgbaImage cpu;
        cpu.width = cpu.height = size;
        cpu.rgba.resize(pixels * 4);
        const smp::SkinTone& skin = smp::SkinToneAt(options.skin_tone);
        const smp::LinearRgb skin_linear = smp::LinearFromSrgb(skin.r, skin.g, skin.b);
        const Vec3 light = (view.right * -0.45 + view.up * 0.55 + view.toward * 0.7).normalized();
        for (int y = 0; y < size; ++y) {
            for (int x = 0; x < size; ++x) {
                const Vec3 base = view.HeadFromPixel(smp::Vec2(x + 0.5, y + 0.5), 0.0);
                const smp::HeadHit hit = smp::CastHead(shape, base, view.toward);
                uint8_t* p = cpu.rgba.data() + (static_cast<size_t>(y) * size + x) * 4;
                p[3] = 255;
                if (hit.part < 0) {
                    p[0] = smp::kCanvasBackgroundRgba.r;
                    p[1] = smp::kCanvasBackgroundRgba.g;
                    p[2] = smp::kCanvasBackgroundRgba.b;
                    continue;
                }
                const smp::HeadShading skin_at = smp::ShadeHead(shape, base + view.toward * hit.depth, hit.part);
                const double shade = (0.38 + 0.62 * std::max(0.0, skin_at.normal.dot(light))) * skin_at.albedo;
                p[0] = smp::LinearToSrgb(skin_linear.r * shade);
                p[1] = smp::LinearToSrgb(skin_linear.g * shade);
                p[2] = smp::LinearToSrgb(skin_linear.b * shade);
            }
        }
        std::vector<bool> gpu_head(pixels), cpu_head(pixels), both(pixels);
        size_t far_off = 0;
        for (size_t i = 0; i < pixels; ++i) {
            gpu_head[i] = !IsBackground(gpu, i);
            cpu_head[i] = !IsBackground(cpu, i);
            both[i] = gpu_head[i] && cpu_head[i];
            far_off += Differs(gpu, cpu, i, 12);
        }
        const double iou = Iou(gpu_head, cpu_head);
        Check(iou > 0.97, Format("silhouette IoU %.4f (> 0.97)", iou));
        const double error = WorstRelative(MeanOver(gpu, both), MeanOver(cpu, both));
        Check(error < 0.01, Format("mean colour on the head: worst channel off by %.2f %% (< 1 %%)", 100.0 * error));
        const double far_share = static_cast<double>(far_off) / pixels;
        Check(far_share < 0.01, Format("pixels off by 12 levels or more: %.3f %% (< 1 %%: the creases)", 100.0 * far_share));
        if (!out_dir.empty()) {
            char name[160];
            std::snprintf(name, sizeof name, "%s/head-rotated-parts-yaw%g-pitch%g.png", out_dir.c_str(), camera.yaw_deg, camera.pitch_deg);
            WriteSideBySide(name, gpu, cpu);
        }
    }
    renderer.SetShape(smp::MakeHeadShape(axes));
}

// What hides a dot: dots 3 mm wide every ~8 mm over the whole head ellipsoid, from the
// crown down to the face and below the ears; the pixel at each centre is the dot's colour exactly when the
// dot faces the camera and no other part (an ear, the nose, the brow) lies in front of it
// (CastHead from part 1, as RenderHead decides); dots within 1 mm of being hidden, or seen nearly
// edge-on, are left out (either answer is right for them). The dots facing away, drawn alone,
// change no pixel.
void CheckOcclusion(smp::HeadRenderer& renderer, const Scene& scene, int size, const std::string& out_dir) {
    using smp::Vec3;
    const Vec3 axes = scene.scalp->HeadSemiAxesMm();
    const smp::HeadShape shape = smp::MakeHeadShape(axes);
    std::vector<smp::HeadDotInstance> dots;
    std::vector<Vec3> centres, normals;
    for (double polar = 0.04; polar < 2.4; polar += 8.0 / axes.z()) {
        const double ring_mm = 2.0 * 3.14159265358979 * std::sin(polar) * std::max(axes.x(), axes.y());
        const int count = std::max(1, static_cast<int>(ring_mm / 8.0));
        for (int k = 0; k < count; ++k) {
            const double azimuth = 2.0 * 3.14159265358979 * (k + 0.5 * (static_cast<int>(polar * 100) % 2)) / count;
            const Vec3 p(axes.x() * std::sin(polar) * std::cos(azimuth), axes.y() * std::sin(polar) * std::sin(azimuth), axes.z() * std::cos(polar));
            const Vec3 n = scene.scalp->HeadNormal(p);
            smp::HeadDotInstance dot;
            for (int c = 0; c < 3; ++c) {
                dot.head_mm[c] = static_cast<float>(p[c]);
                dot.normal[c] = static_cast<float>(n[c]);
            }
            dot.diameter_mm = 3.0f;
            // Each dot its own colour (green, red and blue counting it), so a dot facing away is
            // not taken for the one in front of it on the same pixel.
            dot.rgba[0] = static_cast<uint8_t>(6 * (dots.size() % 40));
            dot.rgba[1] = 255;
            dot.rgba[2] = static_cast<uint8_t>(4 * (dots.size() / 40));
            dots.push_back(dot);
            centres.push_back(p);
            normals.push_back(n);
        }
    }
    const smp::HeadCamera cameras[] = {{90.0, 0.0}, {-90.0, 15.0}, {35.0, -25.0}, {150.0, -10.0}};
    const size_t pixels = static_cast<size_t>(size) * size;
    for (const smp::HeadCamera& camera : cameras) {
        smp::HeadRenderOptions options;
        options.camera = camera;
        options.width_px = size;
        const smp::HeadProjection view = *smp::HeadRenderProjection(*scene.scalp, options);
        const smp::HeadDrawView draw = ViewFor(view, size, smp::PreviewMode::kPlan, options.skin_tone);
        // The dots facing away, alone: nothing of them may show.
        std::vector<smp::HeadDotInstance> away;
        for (size_t i = 0; i < dots.size(); ++i) {
            if (normals[i].dot(view.toward) <= 0.0) away.push_back(dots[i]);
        }
        renderer.Upload({});
        renderer.Draw(draw);
        const RgbaImage bare = ReadBack(size);
        renderer.Upload(away);
        renderer.Draw(draw);
        const RgbaImage with_away = ReadBack(size);
        size_t away_pixels = 0;
        for (size_t i = 0; i < pixels; ++i) away_pixels += Differs(with_away, bare, i, 1);
        // All of them: each centre shows its own dot exactly when nothing is in front of it.
        renderer.Upload(dots);
        renderer.Draw(draw);
        const RgbaImage image = ReadBack(size);
        int shown = 0, hidden_by_part = 0, wrong = 0, left_out = 0;
        for (size_t i = 0; i < centres.size(); ++i) {
            const double facing = normals[i].dot(view.toward);
            const smp::Vec2 centre = view.PixelFromHead(centres[i]);
            const int x = static_cast<int>(std::floor(centre.x())), y = static_cast<int>(std::floor(centre.y()));
            if (facing <= 0.0 || x < 0 || y < 0 || x >= size || y >= size) continue;
            const double in_front_mm = smp::CastHead(shape, view.HeadFromPixel(centre, 0.0), view.toward, 1).depth - view.DepthMm(centres[i]);
            // An occluder's edge within a pixel of the dot's centre is borderline too (the pixel's
            // own centre is up to 0.7 px away, and float and double round a grazing ray apart).
            bool near_edge = false;
            for (int k = 0; k < 9; ++k) {
                const smp::Vec2 at = centre + smp::Vec2(k % 3 - 1, k / 3 - 1);
                const double mm = smp::CastHead(shape, view.HeadFromPixel(at, 0.0), view.toward, 1).depth - view.DepthMm(centres[i]);
                near_edge = near_edge || (mm > 0.0) != (in_front_mm > 0.0) || std::fabs(mm) < 1.0;
            }
            if (facing < 0.5 || std::fabs(in_front_mm) < 1.0 || near_edge) {
                ++left_out;
                continue;
            }
            const bool expect_shown = in_front_mm < 0.0;
            (expect_shown ? shown : hidden_by_part) += 1;
            const uint8_t* p = image.PixelAt(x, y);
            const uint8_t* own = dots[i].rgba;
            // Opacity just under 1 (the darkening integral kept) leaves a trace of skin, more in a
            // smaller picture; no other dot can be on this pixel (the head is convex where the dots are).
            const bool own_colour = p[1] > 240 && std::abs(p[0] - own[0]) <= 40 && std::abs(p[2] - own[2]) <= 40;
            if (own_colour != expect_shown && wrong < 6) {
                std::printf("    dot %zu (%.1f, %.1f, %.1f) mm at (%d, %d) px: facing %.2f, a part %.1f mm in front, own r %d b %d, pixel (%d, %d, %d)\n",
                            i, centres[i].x(), centres[i].y(), centres[i].z(), x, y, facing, in_front_mm, own[0], own[2], p[0], p[1], p[2]);
            }
            wrong += own_colour != expect_shown;
        }
        if (!out_dir.empty()) {
            const std::vector<uint8_t> png = smp::EncodePng(image);
            char name[160];
            std::snprintf(name, sizeof name, "%s/head-occlusion-yaw%g-pitch%g.png", out_dir.c_str(), camera.yaw_deg, camera.pitch_deg);
            std::ofstream(name, std::ios::binary).write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
        }
        std::printf("occlusion, yaw %g, pitch %g: %d dots shown, %d behind a part, %zu facing away, %d left out (borderline)\n",
                    camera.yaw_deg, camera.pitch_deg, shown, hidden_by_part, away.size(), left_out);
        Check(wrong == 0, Format("dots shown or hidden wrongly: %.0f (0)", wrong));
        Check(away_pixels == 0, Format("pixels changed by the dots facing away: %.0f (0)", static_cast<double>(away_pixels)));
    }
}

// The view in a rectangle of a larger framebuffer (as the designer's window holds it): the same
// pixels as alone, and nothing outside the rectangle touched. Then a close-up (a 70 mm frame at
// the temple, seen from the side) for a person to look at: ellipses, and dots going behind the ear.
void CheckViewportAndCloseUp(smp::HeadRenderer& renderer, const Scene& scene, int size, const std::string& out_dir) {
    smp::HeadRenderOptions options;
    options.camera = {65.0, 10.0};
    options.width_px = size;
    const smp::HeadProjection projection = *smp::HeadRenderProjection(*scene.scalp, options);
    renderer.Upload(smp::MakeHeadDotInstances(scene.design, scene.pattern, *scene.scalp, smp::PreviewMode::kHealed, 5.0f, 0, options.skin_tone));
    renderer.Draw(ViewFor(projection, size, smp::PreviewMode::kHealed, options.skin_tone));
    const RgbaImage alone = ReadBack(size);

    const int left = 37, top = 23, wide = size + 80, high = size + 50;
    const Target big = MakeTarget(std::max(wide, high));
    const int big_size = big.size;
    glDisable(GL_SCISSOR_TEST);
    glClearColor(1.0f, 0.0f, 1.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    smp::HeadDrawView view = ViewFor(projection, size, smp::PreviewMode::kHealed, options.skin_tone);
    view.viewport_px[0] = static_cast<float>(left);
    view.viewport_px[1] = static_cast<float>(top);
    view.framebuffer_px[0] = view.framebuffer_px[1] = static_cast<float>(big_size);
    renderer.Draw(view);
    const RgbaImage framed = ReadBack(big_size);
    size_t differing = 0, touched_outside = 0;
    for (int y = 0; y < big_size; ++y) {
        for (int x = 0; x < big_size; ++x) {
            const uint8_t* p = framed.PixelAt(x, y);
            const bool inside = x >= left && x < left + size && y >= top && y < top + size;
            if (!inside) {
                touched_outside += !(p[0] == 255 && p[1] == 0 && p[2] == 255);
                continue;
            }
            const uint8_t* q = alone.PixelAt(x - left, y - top);
            differing += std::max({std::abs(p[0] - q[0]), std::abs(p[1] - q[1]), std::abs(p[2] - q[2])}) > 1;
        }
    }
    std::printf("in a viewport at (%d, %d) of a %d px framebuffer, yaw 65, pitch 10:\n", left, top, big_size);
    // The head is a rasterised mesh: a triangle's edge through a pixel's centre may fall either way
    // when the same point is computed against another framebuffer's size (float rounding), so a
    // handful of the silhouette's and creases' pixels may differ; a misplaced view differs in thousands.
    const double allowed = 1e-4 * size * size;
    Check(differing <= allowed, Format("pixels unlike the view drawn alone: %.0f (at most %.0f: edge pixels)", static_cast<double>(differing), allowed));
    Check(touched_outside == 0, Format("pixels touched outside the viewport: %.0f (0)", static_cast<double>(touched_outside)));
    glDeleteFramebuffers(1, &big.framebuffer);
    glDeleteRenderbuffers(1, &big.color);
    glDeleteRenderbuffers(1, &big.depth);

    if (!out_dir.empty()) {
        const Target close_target = MakeTarget(size);
        const smp::Vec3 axes = scene.scalp->HeadSemiAxesMm();
        const smp::Expected<smp::HeadProjection> close =
            smp::MakeHeadProjection({75.0, 5.0}, smp::Vec3(0.8 * axes.x(), 0.25 * axes.y(), -0.1 * axes.z()), 70.0, size, size);
        for (const smp::PreviewMode look : {smp::PreviewMode::kHealed, smp::PreviewMode::kPlan}) {
            renderer.Upload(smp::MakeHeadDotInstances(scene.design, scene.pattern, *scene.scalp, look, 5.0f, 0, options.skin_tone));
            renderer.Draw(ViewFor(*close, size, look, options.skin_tone));
            const RgbaImage image = ReadBack(size);
            const std::vector<uint8_t> png = smp::EncodePng(image);
            const std::string name = out_dir + "/head-closeup-" + smp::PreviewName(look) + ".png";
            std::ofstream(name, std::ios::binary).write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
        }
        glDeleteFramebuffers(1, &close_target.framebuffer);
        glDeleteRenderbuffers(1, &close_target.color);
        glDeleteRenderbuffers(1, &close_target.depth);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void Bench(smp::HeadRenderer& renderer, const Scene& scene, int size) {
    std::vector<smp::HeadDotInstance> dots =
        smp::MakeHeadDotInstances(scene.design, scene.pattern, *scene.scalp, smp::PreviewMode::kHealed, 5.0f, 0, smp::kDefaultSkinTone);
    const size_t own = dots.size();
    for (size_t i = 0; dots.size() < 80000 && own > 0; ++i) dots.push_back(dots[i % own]);
    renderer.Upload(dots);
    smp::HeadRenderOptions options;
    options.width_px = size;
    constexpr int kFrames = 36;
    // Wall time, and the process's CPU time (a software rasteriser's work, whatever else the machine runs).
    double head_only_ms = 0.0, total_ms = 0.0, head_only_cpu_ms = 0.0, total_cpu_ms = 0.0;
    for (int pass = 0; pass < 2; ++pass) {
        if (pass == 0) renderer.Upload({});
        else renderer.Upload(dots);
        glFinish();
        const auto start = std::chrono::steady_clock::now();
        const std::clock_t cpu_start = std::clock();
        for (int frame = 0; frame < kFrames; ++frame) {
            options.camera.yaw_deg = -180.0 + 10.0 * frame;
            options.camera.pitch_deg = 20.0;
            const smp::Expected<smp::HeadProjection> projection = smp::HeadRenderProjection(*scene.scalp, options);
            renderer.Draw(ViewFor(*projection, size, smp::PreviewMode::kHealed, smp::kDefaultSkinTone));
            glFinish();
        }
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / kFrames;
        (pass == 0 ? head_only_ms : total_ms) = ms;
        (pass == 0 ? head_only_cpu_ms : total_cpu_ms) = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC / kFrames;
    }
    std::printf("bench, %d x %d px, orbiting (%d frames, glFinish after each): head alone %.2f ms a frame (CPU %.2f ms), "
                "head + %zu dots %.2f ms a frame (CPU %.2f ms)\n",
                size, size, kFrames, head_only_ms, head_only_cpu_ms, dots.size(), total_ms, total_cpu_ms);
}

}  // namespace

int main(int argc, char** argv) {
    std::string out_dir;
    int size = 600;
    bool bench = false;
    bool es = false;   // an OpenGL ES 3.0 context and "#version 300 es": WebGL2's shading language, checked by Mesa
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--out" && i + 1 < argc) out_dir = argv[++i];
        else if (arg == "--size" && i + 1 < argc) size = std::atoi(argv[++i]);
        else if (arg == "--bench") bench = true;
        else if (arg == "--es") es = true;
        else {
            std::fprintf(stderr, "usage: smp_head_gl_check [--out DIR] [--size PX] [--bench] [--es]\n");
            return 2;
        }
    }
    if (size < smp::kMinRenderWidthPx || size > 2048) {
        std::fprintf(stderr, "smp_head_gl_check: --size must be %d..2048\n", smp::kMinRenderWidthPx);
        return 2;
    }
    if (!glfwInit()) {
        std::fprintf(stderr, "smp_head_gl_check: cannot initialise GLFW (is there an X display? run under xvfb-run -a)\n");
        return 2;
    }
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    if (es) {
        glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    } else {
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    }
    GLFWwindow* window = glfwCreateWindow(64, 64, "smp_head_gl_check", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "smp_head_gl_check: cannot create a%s context\n", es ? "n OpenGL ES 3.0" : " GL 3.3 core");
        return 2;
    }
    glfwMakeContextCurrent(window);
    std::printf("GL: %s, %s\n", reinterpret_cast<const char*>(glGetString(GL_RENDERER)), reinterpret_cast<const char*>(glGetString(GL_VERSION)));

    Scene scene;
    {
        const smp::Expected<std::string> text = smp::PresetText("norwood-6");
        smp::Expected<smp::Design> design = text.ok() ? smp::RestoreDesign(std::string_view(*text)) : smp::Expected<smp::Design>(text.status());
        if (!design.ok()) {
            std::fprintf(stderr, "smp_head_gl_check: %s\n", design.status().message().c_str());
            return 2;
        }
        scene.design = *design;
        smp::Expected<smp::DotPattern> pattern = smp::GenerateDots(scene.design);
        if (!pattern.ok()) {
            std::fprintf(stderr, "smp_head_gl_check: %s\n", pattern.status().message().c_str());
            return 2;
        }
        scene.pattern = std::move(*pattern);
        scene.bare = scene.pattern;
        for (smp::PointState& state : scene.bare.state) state.session = 0;
        scene.scalp = scene.pattern.field->Scalp();
    }
    std::printf("norwood-6: %lld dots\n", static_cast<long long>(scene.pattern.DotCount()));

    const Target target = MakeTarget(size);
    smp::HeadRenderer renderer;
    if (const smp::Status status = renderer.Init(es ? "#version 300 es" : "#version 330 core"); !status.ok()) {
        std::fprintf(stderr, "smp_head_gl_check: %s\n", status.message().c_str());
        return 1;
    }
    renderer.SetShape(smp::MakeHeadShape(scene.scalp->HeadSemiAxesMm()));

    const smp::HeadCamera cameras[] = {{0.0, 0.0}, {90.0, 0.0}, {180.0, 0.0}, {-35.0, 30.0}};
    for (const smp::PreviewMode look : {smp::PreviewMode::kHealed, smp::PreviewMode::kPlan}) {
        for (const smp::HeadCamera& camera : cameras) CompareView(renderer, scene, look, camera, size, out_dir);
    }
    CheckMidFrontal(renderer, scene, {0.0, 0.0}, size);
    CheckMidFrontal(renderer, scene, {40.0, 25.0}, size);
    CheckRotatedParts(renderer, scene, size, out_dir);
    CheckOcclusion(renderer, scene, size, out_dir);
    CheckViewportAndCloseUp(renderer, scene, size, out_dir);
    glBindFramebuffer(GL_FRAMEBUFFER, target.framebuffer);
    if (bench) Bench(renderer, scene, size);

    glDeleteFramebuffers(1, &target.framebuffer);
    glDeleteRenderbuffers(1, &target.color);
    glDeleteRenderbuffers(1, &target.depth);
    glfwDestroyWindow(window);
    glfwTerminate();
    std::printf("smp_head_gl_check: %s (%d failed)\n", g_failures ? "FAILED" : "passed", g_failures);
    return g_failures ? 1 : 0;
}
