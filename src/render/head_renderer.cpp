// STAND-IN for branch gpuhead's head renderer (render/head_renderer.h): the merge replaces this
// file. Draw clears the view's rectangle to the skin colour and draws nothing else, so the designer
// around it (layout, camera, page API, tests) can be built and run before the real renderer lands.
#include "render/head_renderer.h"

#include "core/tone_model.h"
#include "export/dot_palette.h"
#include "render/gl.h"

#include <cmath>

namespace smp {

Status HeadRenderer::Init(const char*) { return Status::Ok(); }

void HeadRenderer::SetShape(const HeadShape&) {}

void HeadRenderer::Upload(const std::vector<HeadDotInstance>& dots) { count_ = dots.size(); }

void HeadRenderer::Draw(const HeadDrawView& view) const {
    const GLint x = static_cast<GLint>(std::lround(view.viewport_px[0]));
    const GLint width = static_cast<GLint>(std::lround(view.viewport_px[2]));
    const GLint height = static_cast<GLint>(std::lround(view.viewport_px[3]));
    // GL's window origin is the bottom-left corner.
    const GLint y = static_cast<GLint>(std::lround(view.framebuffer_px[1] - view.viewport_px[1] - view.viewport_px[3]));
    if (width <= 0 || height <= 0) return;
    glEnable(GL_SCISSOR_TEST);
    glScissor(x, y, width, height);
    glClearColor(view.skin_srgb[0], view.skin_srgb[1], view.skin_srgb[2], 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

size_t HeadRenderer::DotCount() const { return count_; }

// Each dot lifted onto the head with its outward normal, coloured as the map colours it (the
// plan: its session's colour; healed and faded: the share of the skin it takes away, at its healed
// diameter, for the tone model's multiplying blend).
std::vector<HeadDotInstance> MakeHeadDotInstances(const Design& design, const DotPattern& pattern, const ScalpTemplate& scalp, PreviewMode look,
                                                  float years, int up_to_session, int skin_tone) {
    std::vector<HeadDotInstance> instances;
    instances.reserve(pattern.ranked.size());
    const PreviewRow& row = Preview(look);
    const SkinTone& skin = SkinToneAt(skin_tone);
    const LinearRgb skin_linear = LinearFromSrgb(skin.r, skin.g, skin.b);
    const double faded_years = row.uses_years ? static_cast<double>(years) : 0.0;
    for (size_t i = 0; i < pattern.ranked.size(); ++i) {
        const int session = pattern.state[i].session;
        if (session == 0 || (row.after_session && up_to_session > 0 && session > up_to_session)) continue;
        const Dot dot = pattern.DotAt(i);
        const std::optional<Vec3> on_head = scalp.HeadFromMap(dot.position_mm);
        if (!on_head) continue;
        const Vec3 normal = scalp.HeadNormal(*on_head);
        HeadDotInstance instance{};
        for (int k = 0; k < 3; ++k) {
            instance.head_mm[k] = static_cast<float>((*on_head)[k]);
            instance.normal[k] = static_cast<float>(normal[k]);
        }
        if (row.skin) {
            instance.diameter_mm = static_cast<float>(HealedDotDiameterMm(dot.diameter_mm));
            const LinearRgb darkening = DotDarkening(DotPigmentConcentration(dot, design), faded_years, skin_linear);
            instance.rgba[0] = static_cast<uint8_t>(std::lround(255.0 * darkening.r));
            instance.rgba[1] = static_cast<uint8_t>(std::lround(255.0 * darkening.g));
            instance.rgba[2] = static_cast<uint8_t>(std::lround(255.0 * darkening.b));
            instance.rgba[3] = 255;
        } else {
            instance.diameter_mm = static_cast<float>(dot.diameter_mm);
            const Rgba color = row.dot_color(dot, pattern.design, years);
            instance.rgba[0] = color.r;
            instance.rgba[1] = color.g;
            instance.rgba[2] = color.b;
            instance.rgba[3] = color.a;
        }
        instances.push_back(instance);
    }
    return instances;
}

}  // namespace smp
