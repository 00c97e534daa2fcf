#include "export/dot_palette.h"

#include <algorithm>
#include <cmath>

namespace smp {

const SkinTone& SkinToneAt(int index) { return kSkinTones[std::clamp(index, 0, kSkinToneCount - 1)]; }

Rgba DotColor(const Dot& dot, const Design& design, const PalettePreview& preview) {
    if (preview.look == DotLook::kPlan) return SessionRgba(dot.session);
    const float years = preview.look == DotLook::kFaded ? preview.years : 0.0f;
    const float fade = std::clamp(1.0f - 0.07f * years, 0.2f, 1.0f);
    const float drift = std::clamp(0.08f * years, 0.0f, 0.8f);
    const SessionSpec& session = design.sessions[static_cast<size_t>(dot.session - 1)];
    Pigment pigment = session.pigment;
    if (dot.hairline) pigment.dilution_percent = std::min(90.0, pigment.dilution_percent + kHairlineExtraDilution);
    else if (dot.dark_scatter) pigment.dilution_percent = std::max(0.0, pigment.dilution_percent - kDarkScatterDilutionDrop);
    // Healed dots show most of the ink's darkness over the skin; the mix sets how much.
    const float darkness = static_cast<float>(std::clamp(pigment.EffectiveDarkness(), 0.05, 1.0)) * fade;
    Rgba color;
    color.r = static_cast<uint8_t>(kHealedInk[0] + (kFadedInk[0] - kHealedInk[0]) * drift);
    color.g = static_cast<uint8_t>(kHealedInk[1] + (kFadedInk[1] - kHealedInk[1]) * drift);
    color.b = static_cast<uint8_t>(kHealedInk[2] + (kFadedInk[2] - kHealedInk[2]) * drift);
    color.a = static_cast<uint8_t>(std::lround(255.0f * std::clamp(0.25f + 0.75f * darkness, 0.0f, 1.0f)));
    return color;
}

}  // namespace smp
