#include "export/preview.h"

#include "core/tone_model.h"

#include <algorithm>
#include <cmath>

namespace smp {
namespace {

// Healed ink, `years` later (0: as healed). Float maths only, as DotColorRule promises.
Rgba InkColor(const Dot& dot, const Design& design, float years) {
    const float fade = std::clamp(1.0f - 0.07f * years, 0.2f, 1.0f);
    const float drift = std::clamp(0.08f * years, 0.0f, 0.8f);
    // Healed dots show most of the ink's darkness over the skin; the mix sets how much.
    const float darkness = static_cast<float>(std::clamp(DotPigmentConcentration(dot, design), 0.05, 1.0)) * fade;
    Rgba color;
    color.r = static_cast<uint8_t>(kHealedInk[0] + (kFadedInk[0] - kHealedInk[0]) * drift);
    color.g = static_cast<uint8_t>(kHealedInk[1] + (kFadedInk[1] - kHealedInk[1]) * drift);
    color.b = static_cast<uint8_t>(kHealedInk[2] + (kFadedInk[2] - kHealedInk[2]) * drift);
    color.a = static_cast<uint8_t>(std::lround(255.0f * std::clamp(0.25f + 0.75f * darkness, 0.0f, 1.0f)));
    return color;
}

}  // namespace

Rgba SessionDotColor(const Dot& dot, const Design&, float) { return SessionRgba(dot.session); }
Rgba HealedDotColor(const Dot& dot, const Design& design, float) { return InkColor(dot, design, 0.0f); }
Rgba FadedDotColor(const Dot& dot, const Design& design, float years) { return InkColor(dot, design, years); }

std::optional<PreviewMode> FindPreview(std::string_view name) {
    for (const PreviewRow& row : kPreviews) {
        if (name == row.name) return row.mode;
    }
    return std::nullopt;
}

std::string PreviewNames(std::string_view separator, std::string_view last_separator) {
    std::string names;
    for (size_t i = 0; i < std::size(kPreviews); ++i) {
        if (i > 0) names += i + 1 == std::size(kPreviews) ? last_separator : separator;
        names += kPreviews[i].name;
    }
    return names;
}

}  // namespace smp
