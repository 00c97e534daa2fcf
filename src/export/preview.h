// smp export: the previews (plan, healed, faded), one table for every place that shows one.
//
// The designer's canvas (src/ui), the CPU renderer (raster.h), the plan sheet and the exports all
// read the same row: what the preview is called in JSON and on the command line, what the UI
// labels it, whether the planning marks are drawn, whether the scalp shows the skin tone, how soft
// the dots' edges are and how a dot is coloured. A new preview is a new row here (and a value of
// PreviewMode); nothing else maps one preview to another by hand. Pure data and pure functions:
// no ImGui, no GL.
#pragma once

#include "core/design.h"
#include "core/generator.h"
#include "export/dot_palette.h"

#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace smp {

enum class PreviewMode { kPlan, kHealed, kFaded };
inline constexpr int kPreviewModeCount = 3;

inline constexpr float kMaxFadedYears = 10.0f;
inline constexpr float kDefaultFadedYears = 5.0f;

// How the designer shows the dots (view state, not saved with the design). None of these
// regenerates a dot: only their colours and softness change. Mode and years come first: they are
// all a dot's colour needs, so `{PreviewMode::kFaded, 8.0f}` reads as "faded, 8 years on".
struct PreviewSettings {
    PreviewMode mode = PreviewMode::kPlan;
    float years = kDefaultFadedYears;  // faded: years after the last session (0..kMaxFadedYears)
    int up_to_session = 0;            // healed/faded: cumulative up to this session (0 = all)
    int skin_tone = kDefaultSkinTone; // index into kSkinTones (dot_palette.h)
    float viewing_distance_m = 0.0f;  // 0 = close up; at arm's length and beyond dots blur into tone
    int hair_colour = kDefaultHairColour;   // the client's own hair on the head: index into kHairColours

    bool operator==(const PreviewSettings&) const = default;
};

// What the dots sent to the GPU depend on: the preview without its viewing distance, which the map
// and the head both apply as a blur when drawing (so sliding "Seen from" sends no dots), and
// without the hair colour, which only the head's hair takes (so choosing it sends no map dots).
inline PreviewSettings UploadedLook(PreviewSettings preview) {
    preview.viewing_distance_m = 0.0f;
    preview.hair_colour = kDefaultHairColour;
    return preview;
}

// A dot's colour (and opacity) in a preview: `dot` of `design` (dot.session must be
// 1..design.sessions.size()), `years` after the last session (only the faded rule reads it).
// Float maths with no libm call beyond lround: the same bytes natively and in WebAssembly.
using DotColorRule = Rgba (*)(const Dot& dot, const Design& design, float years);

struct PreviewRow {
    PreviewMode mode;
    const char* name;        // in JSON (setPreview, getView) and on the command line: "plan"
    const char* label;       // in the UI: "Plan"
    const char* tooltip;     // in the UI, one line
    bool planning_marks;     // grid, zone borders, hairline line, scars and landmarks drawn
    bool skin;               // the scalp shows the chosen skin tone (else kScalpFillRgba)
    bool after_session;      // shows the result after PreviewSettings::up_to_session, not the whole plan
    bool uses_years;         // PreviewSettings::years changes it
    double dot_softness;     // dot edge width as a share of the radius (at least 1 px): 0 = crisp
    DotColorRule dot_color;
};

// The rules the rows use. Plan: the session's colour (SessionRgba). Healed: the session's pigment
// (its darkness as mixed, lighter on the hairline, darker for the scatter) as healed ink. Faded:
// healed, then `years` later: lighter, drifting towards kFadedInk.
Rgba SessionDotColor(const Dot& dot, const Design& design, float years);
Rgba HealedDotColor(const Dot& dot, const Design& design, float years);
Rgba FadedDotColor(const Dot& dot, const Design& design, float years);

inline constexpr PreviewRow kPreviews[] = {
    {PreviewMode::kPlan, "plan", "Plan", "Dots coloured by the session that places them",
     true, false, false, false, 0.0, SessionDotColor},
    {PreviewMode::kHealed, "healed", "Healed", "The pigment on the skin, as it heals",
     false, true, true, false, 0.35, HealedDotColor},
    {PreviewMode::kFaded, "faded", "Faded", "Years later: lighter, drifting blue-grey",
     false, true, true, true, 0.35, FadedDotColor},
};

constexpr bool PreviewTableCoversModes() {
    if (std::size(kPreviews) != static_cast<size_t>(kPreviewModeCount)) return false;
    for (size_t i = 0; i < std::size(kPreviews); ++i) {
        if (static_cast<size_t>(kPreviews[i].mode) != i) return false;
    }
    return true;
}
static_assert(PreviewTableCoversModes(), "kPreviews needs one row per PreviewMode, in the enum's order");

// The row of `mode` (a valid enum value).
constexpr const PreviewRow& Preview(PreviewMode mode) { return kPreviews[static_cast<size_t>(mode)]; }
constexpr const char* PreviewName(PreviewMode mode) { return Preview(mode).name; }
// The sessions a preview draws, as the renderers take them (0 = all): the one chosen where the
// look shows the result after a session, all of them in the plan.
constexpr int SessionsShown(const PreviewSettings& preview) { return Preview(preview.mode).after_session ? preview.up_to_session : 0; }

// The mode called `name` exactly ("plan", "healed", "faded"); nullopt for anything else.
std::optional<PreviewMode> FindPreview(std::string_view name);

// Every preview's name, in table order, joined: PreviewNames("|", "|") is "plan|healed|faded",
// PreviewNames(", ", " or ") is "plan, healed or faded" (for usage text and error messages).
std::string PreviewNames(std::string_view separator, std::string_view last_separator);

// `dot`'s colour in the preview `settings` shows (its row's rule with settings.years).
inline Rgba DotColor(const Dot& dot, const Design& design, const PreviewSettings& settings) {
    return Preview(settings.mode).dot_color(dot, design, settings.years);
}

}  // namespace smp
