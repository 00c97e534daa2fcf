// smp export: the colours of dots and of the planning marks, as plain RGBA bytes.
//
// One palette for the designer's canvas (src/ui/canvas.cpp turns these into ImGui colours) and for
// the CPU renderer (raster.h), so that a PNG export and the browser cannot drift apart. Pure data
// and one pure function: no ImGui, no GL.
#pragma once

#include "core/design.h"
#include "core/generator.h"
#include "core/tone_model.h"

#include <cstdint>

namespace smp {

struct Rgba {
    uint8_t r = 0, g = 0, b = 0, a = 255;

    bool operator==(const Rgba&) const = default;
};

// [SECTION] The map: background, scalp and planning marks (plan view).
inline constexpr Rgba kCanvasBackgroundRgba{236, 239, 242, 255};
inline constexpr Rgba kScalpFillRgba{233, 205, 182, 255};
inline constexpr Rgba kScalpOutlineRgba{84, 55, 40, 255};
inline constexpr Rgba kZoneBorderRgba{84, 55, 40, 90};
inline constexpr Rgba kHairlineRgba{200, 60, 40, 200};
inline constexpr Rgba kScarRgba{120, 40, 120, 200};
inline constexpr Rgba kScarStripFillRgba{120, 40, 120, 0x50};   // a strip scar's area at its real width

// [SECTION] Dots
// Plan view: dots coloured by the session that places them (up to 8 sessions).
inline constexpr Rgba kSessionRgba[8] = {{32, 96, 168, 255},  {22, 140, 96, 255}, {196, 84, 36, 255}, {120, 64, 160, 255},
                                         {160, 40, 90, 255},  {90, 110, 30, 255}, {40, 40, 40, 255},  {150, 120, 20, 255}};
inline constexpr Rgba SessionRgba(int session) { return kSessionRgba[(session - 1) & 7]; }   // 1-based

// Healed preview: skin tones from light to dark (a Fitzpatrick-like range), and the near-black that
// carbon pigment heals to.
struct SkinTone {
    const char* name;
    uint8_t r, g, b;
};
inline constexpr SkinTone kSkinTones[] = {
    {"Light", 241, 214, 196}, {"Light-medium", 226, 188, 160}, {"Medium", 198, 150, 114},
    {"Tan", 160, 113, 82}, {"Dark", 108, 74, 56}};
inline constexpr int kSkinToneCount = 5;
inline constexpr int kDefaultSkinTone = 1;
inline constexpr uint8_t kHealedInk[3] = {34, 36, 42};
// Carbon that has migrated over the years reads blue-grey (DOMAIN.md: the clients' first worry).
inline constexpr uint8_t kFadedInk[3] = {70, 84, 108};

// The skin tone at `index`, clamped to the known ones.
const SkinTone& SkinToneAt(int index);

// The client's own hair on the head view (the fringe a shaved design keeps, the thinning hair of
// density mode): its stubble's colour, and through it how much its shaft shows under the skin
// (tone_model.h, ShavedUnitMarkOf). ASSUMPTION: typical shades as hair-colour charts show them;
// dark brown is the dark hair the tone model's shaft is set for.
struct HairColour {
    const char* name;
    uint8_t r, g, b;
};
inline constexpr HairColour kHairColours[] = {
    {"Black", 28, 24, 23},        {"Dark brown", kDarkHairSrgb[0], kDarkHairSrgb[1], kDarkHairSrgb[2]},
    {"Brown", 96, 70, 52},        {"Light brown", 139, 106, 78},
    {"Blond", 196, 164, 118},     {"Red", 150, 74, 42},
    {"Grey", 150, 148, 145},      {"White", 222, 220, 214}};
inline constexpr int kHairColourCount = 8;
inline constexpr int kDefaultHairColour = 1;

// The hair colour at `index`, clamped to the known ones.
const HairColour& HairColourAt(int index);

// How a dot is coloured in each preview (plan, healed, faded): preview.h, which uses these colours.

}  // namespace smp
