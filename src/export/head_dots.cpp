// smp export: the dots on the head for the GPU head view (see head_dots.h).
#include "export/head_dots.h"

#include "core/design_diff.h"
#include "core/natural_hair.h"
#include "core/tone_model.h"
#include "export/dot_palette.h"
#include "export/head_render.h"

#include "core/det_math.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace smp {
namespace {

// A tone look's colour: the share F of each channel of the skin taken away, as bytes (alpha 255).
void SetDarkeningRgba(HeadDotInstance& instance, const LinearRgb& darkening) {
    instance.rgba[0] = static_cast<uint8_t>(std::lround(255.0 * darkening.r));
    instance.rgba[1] = static_cast<uint8_t>(std::lround(255.0 * darkening.g));
    instance.rgba[2] = static_cast<uint8_t>(std::lround(255.0 * darkening.b));
    instance.rgba[3] = 255;
}

}  // namespace

std::vector<HeadDotInstance> MakeHeadDotInstances(const Design& design, const DotPattern& pattern, const ScalpTemplate& scalp,
                                                  PreviewMode look, float years, int up_to_session, int skin_tone) {
    std::vector<HeadDotInstance> instances;
    const PreviewRow& row = Preview(look);
    const bool tone = row.skin;
    const double tone_years = row.uses_years ? static_cast<double>(years) : 0.0;
    const SkinTone& skin = SkinToneAt(skin_tone);
    const LinearRgb skin_linear = LinearFromSrgb(skin.r, skin.g, skin.b);
    instances.reserve(pattern.ranked.size());
    for (size_t i = 0; i < pattern.ranked.size(); ++i) {
        const int session = pattern.state[i].session;
        if (session == 0 || (up_to_session > 0 && session > up_to_session)) continue;
        const Dot dot = pattern.DotAt(i);
        const std::optional<Vec3> on_head = scalp.HeadFromMap(dot.position_mm);
        if (!on_head) continue;
        const Vec3 normal = scalp.HeadNormal(*on_head);
        HeadDotInstance instance;
        for (int k = 0; k < 3; ++k) {
            instance.head_mm[k] = static_cast<float>((*on_head)[k]);
            instance.normal[k] = static_cast<float>(normal[k]);
        }
        if (tone) {
            instance.diameter_mm = static_cast<float>(HealedDotDiameterMm(dot.diameter_mm));
            SetDarkeningRgba(instance, DotDarkening(DotPigmentConcentration(dot, design), tone_years, skin_linear));
        } else {
            instance.diameter_mm = static_cast<float>(dot.diameter_mm);
            const Rgba color = SessionRgba(session);
            instance.rgba[0] = color.r;
            instance.rgba[1] = color.g;
            instance.rgba[2] = color.b;
            instance.rgba[3] = color.a;
        }
        instances.push_back(instance);
    }
    return instances;
}

std::vector<HeadDotInstance> MakeNaturalHairInstances(const Design& design, const DotPattern& pattern, const ScalpTemplate& scalp,
                                                      PreviewMode look, int skin_tone, int hair_colour) {
    std::vector<HeadDotInstance> instances;
    if (!pattern.field) return instances;
    const std::vector<NaturalHair> hair = NaturalHairOf(design, *pattern.field);
    const bool tone = Preview(look).skin;
    const bool stubble = design.mode == TreatmentMode::kShaved;
    const SkinTone& skin = SkinToneAt(skin_tone);
    const LinearRgb skin_linear = LinearFromSrgb(skin.r, skin.g, skin.b);
    const HairColour& hair_srgb = HairColourAt(hair_colour);
    const LinearRgb hair_linear = LinearFromSrgb(hair_srgb.r, hair_srgb.g, hair_srgb.b);
    const ShavedUnitColours unit_colours = ShavedUnitColoursOf(hair_linear, skin_linear);
    instances.reserve(hair.size());
    for (const NaturalHair& h : hair) {
        const std::optional<ShavedUnitMark> mark =
            tone && stubble ? std::optional(ShavedUnitMarkOf(h.length_mm, h.width_mm, unit_colours)) : std::nullopt;
        // The middle of what shows: of the stubble, or of a shaved unit's shafts and stubble.
        const double middle_along_mm = mark ? 0.5 * (h.length_mm - mark->behind_mm) : 0.5 * h.length_mm;
        const std::optional<Vec3> middle = scalp.HeadFromMap(h.map_mm + h.along_map * middle_along_mm);
        if (!middle) continue;
        const Vec3 normal = scalp.HeadNormal(*middle);
        HeadDotInstance instance;
        for (int k = 0; k < 3; ++k) {
            instance.head_mm[k] = static_cast<float>((*middle)[k]);
            instance.normal[k] = static_cast<float>(normal[k]);
        }
        // A disc of the hair's area: π (d/2)² = length x width; in the tone looks, a shaved unit's
        // whole mark, its shafts under the skin with its stubble (tone_model.h).
        instance.diameter_mm = static_cast<float>(2.0 * std::sqrt(std::max(h.length_mm, h.width_mm) * h.width_mm / kDetPi));
        if (mark) {
            instance.diameter_mm = static_cast<float>(2.0 * std::sqrt(mark->area_mm2 / kDetPi));
            SetDarkeningRgba(instance, mark->darkening);
        } else if (tone) {
            SetDarkeningRgba(instance, CoverDarkening(hair_linear, skin_linear));
        } else {
            instance.rgba[0] = hair_srgb.r;
            instance.rgba[1] = hair_srgb.g;
            instance.rgba[2] = hair_srgb.b;
            instance.rgba[3] = 255;
        }
        instances.push_back(instance);
    }
    return instances;
}

bool SameNaturalHair(const Design& before, const Design& after) {
    const DesignDiff diff = DiffDesigns(before, after);
    if (diff.Ground() || diff.AnyScar()) return false;
    // Density mode: the thinning hair is everywhere inside the outline off the scars, whatever
    // the design paints (natural_hair.h).
    if (after.mode == TreatmentMode::kDensity) return true;
    return !diff.AnyLayer() && !diff.hairline;
}

}  // namespace smp
