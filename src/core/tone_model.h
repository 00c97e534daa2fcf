// smp core: the tone model, how healed SMP dots look on skin from close up to across a room.
//
// One documented model for every place that draws the healed or faded look. The CPU renderers
// (export/raster.cpp for the map, export/head_render.cpp for the head) call these functions; the
// GL shaders are to mirror them (the formula, written out for GLSL, is at the end of this
// header). Pure maths with + - * / sqrt and DetExp only, so the same bytes natively and in
// WebAssembly.
//
// The model, per dot and per pixel, in linear light (sRGB decoded, IEC 61966-2-1):
//  1. Healed dot. The planned dot (the design's dot_diameter_mm: the needle's dot, 0.20-0.25 mm
//     for 1RL/3RL, DOMAIN.md) heals to a visible dot kHealedSpread times as wide.
//  2. Pigment. The session's mix as a concentration c = tone × (1 − dilution) (lighter on the
//     hairline, darker for the scatter: DotPigmentConcentration) in a layer of carbon whose
//     opacity follows Beer-Lambert, O = 1 − e^(−kInkAttenuation · c).
//  3. Shadow. Carbon lies under the epidermis. Light reflected at the skin's surface
//     (kSurfaceReflectance) and light scattered back before it reaches the pigment's depth
//     (1 − kShadowShare, larger for blue: the "healed blue-grey") never meet the pigment, so a
//     fully covered pixel keeps skin_c · (1 − F_c) with F_c = S_c · O · (1 − R_s / skin_c):
//     greyed and a little blue, never black, and fainter on darker skin.
//  4. Coverage. A pixel is the skin times Π (1 − a_i · F_i,c) over the dots i covering the share
//     a_i of it: the coverage-weighted mix of ink and skin, overlapping dots multiplying.
//  5. Distance. The eye resolves about one arcminute (normal acuity, 20/20 or 6/6), which at d
//     metres is d · tan(1′) = 0.291 mm per metre on the scalp. A dot's disc of radius r widens to
//     sqrt(r² + r_b²) with r_b = ViewingBlurRadiusMm(d), keeping its darkening integral: dots
//     closer than the eye resolves merge into tone, and a zone's mean stays what it was.
//  6. Years (the faded look). The concentration falls by kFadePerYear (to kMinFade at most) and
//     the shadow drifts towards kFadedShadowShare (carbon that has migrated deeper reads bluer).
//
// What is measured, what is assumed (each constant says which):
//  - kSurfaceReflectance, the acuity and the sRGB transfer are published figures.
//  - kShadowShare follows from published skin optics only roughly (see its comment).
//  - kHealedSpread and kInkAttenuation are assumptions chosen inside DOMAIN.md's ranges; they set
//    how dark a zone looks and are the first figures to revisit against photographs.
#pragma once

#include "core/design.h"
#include "core/generator.h"

#include <cstdint>

namespace smp {

// [SECTION] Figures of the model -----------------------------------------------------------------

// Healed visible dot diameter / planned dot diameter. ASSUMPTION. DOMAIN.md: "healed visible dot
// about 0.1 mm up to well under 1 mm", dots "roughly 1 mm apart at full density", deeper pigment
// "spreads into larger, ill-defined dots" (teammicro.com). The dermis' reduced scattering
// coefficient is about 4 mm⁻¹ at 550 nm (Jacques, Phys. Med. Biol. 58 (2013) R37: 46 cm⁻¹ at
// 500 nm, ∝ λ^-1.42), so pigment 0.1-0.3 mm deep is seen through about one transport length of
// skin and its shadow is wider than the deposit. 2 makes the usual 0.20-0.25 mm needle dots
// 0.40-0.50 mm healed shadows: the middle of DOMAIN.md's range. (jonathangerow.com's 0.10-0.15 mm
// healed dot is the sharp core seen from close up; this is the shadow that sets the tone.)
inline constexpr double kHealedSpread = 2.0;

// Beer-Lambert attenuation of the pigment layer at full strength (c = 1: tone 100 %, no water):
// transmittance e^-3 = 5 %. ASSUMPTION: undiluted carbon ink is close to opaque; DOMAIN.md's
// dilutions (25-50 % water) then leave 72-85 % opacity, so water lightens a dot without making it
// vanish, as practitioners use it ("diluted to many grey levels").
inline constexpr double kInkAttenuation = 3.0;

// Share of the skin's sub-surface remittance (R, G, B) that has passed the pigment's depth and so
// is darkened by it. The epidermis (about 0.1 mm) is thin against the dermal transport length
// (about 0.25 mm at 550 nm, shorter for blue: Jacques 2013), so most remitted light has been below
// the pigment; blue, scattered more and sooner, least (the Tyndall effect that makes carbon under
// skin read blue-grey: DOMAIN.md, "too dark or too deep turns blue"). Rounded figures, not a
// Monte Carlo result.
inline constexpr double kShadowShare[3] = {0.94, 0.90, 0.82};
// The same after years: pigment that has migrated deeper leaves more blue above it. ASSUMPTION
// (DOMAIN.md: the blue-grey drift is the clients' first worry; no published figure).
inline constexpr double kFadedShadowShare[3] = {0.90, 0.82, 0.64};

// Light reflected at the skin's surface, untouched by anything below it: Fresnel reflectance of the
// stratum corneum (n ≈ 1.55: ((n − 1)/(n + 1))² = 0.047); skin's regular reflectance is 4-7 %
// (Anderson and Parrish, J. Invest. Dermatol. 77 (1981) 13).
inline constexpr double kSurfaceReflectance = 0.045;

// Normal visual acuity: one arcminute (the 20/20 or 6/6 Snellen standard).
inline constexpr double kAcuityArcmin = 1.0;
// tan(1′) × 1000: millimetres the eye resolves per metre of viewing distance.
inline constexpr double kBlurMmPerMetre = 0.2908882168703159;

// The faded look (figures the preview has used since it had one; ASSUMPTION, calibrated to
// DOMAIN.md's "touch-ups after about 3-6 years", "results last about 4-10 years"): the pigment's
// concentration falls 7 % a year down to 20 % of its healed value, and the shadow drifts 8 % a
// year (at most 80 %) from kShadowShare to kFadedShadowShare.
inline constexpr double kFadePerYear = 0.07;
inline constexpr double kMinFade = 0.2;
inline constexpr double kDriftPerYear = 0.08;
inline constexpr double kMaxDrift = 0.8;

// [SECTION] Colour: sRGB <-> linear light ---------------------------------------------------------

struct LinearRgb {
    double r = 0.0, g = 0.0, b = 0.0;   // linear light, 0..1
    bool operator==(const LinearRgb&) const = default;
};

// An sRGB byte as linear light (exact table, IEC 61966-2-1).
double SrgbToLinear(uint8_t value);
// Linear light as the nearest sRGB byte (in sRGB terms), clamped to 0..255. LinearToSrgb(
// SrgbToLinear(v)) == v for every byte. A table search: no pow, the same bytes everywhere.
uint8_t LinearToSrgb(double linear);
LinearRgb LinearFromSrgb(uint8_t r, uint8_t g, uint8_t b);
// Relative luminance Y (Rec. 709 / sRGB primaries): 0.2126 R + 0.7152 G + 0.0722 B, linear.
double RelativeLuminance(const LinearRgb& c);

// [SECTION] The model -----------------------------------------------------------------------------

// Healed visible diameter of a dot planned at `planned_mm`, mm.
inline double HealedDotDiameterMm(double planned_mm) { return kHealedSpread * planned_mm; }

// The pigment concentration of `dot` (0..1): its session's tone × (1 − dilution), with the
// hairline's extra water and the scatter's less (design.h). dot.session must be 1..sessions.
double DotPigmentConcentration(const Dot& dot, const Design& design);

// The concentration `years` after the last session (0: as healed).
double FadedConcentration(double concentration, double years);

// Opacity of a pigment layer of this concentration: 1 − e^(−kInkAttenuation · c), 0..1.
double PigmentOpacity(double concentration);

// F_c: the share of each channel of `skin` (the skin's linear albedo) that a healed dot of this
// concentration takes away where it covers the skin wholly, `years` after the last session.
// 0 <= F_c < 1. Healed: years = 0.
LinearRgb DotDarkening(double concentration, double years, const LinearRgb& skin);

// The eye's blur on the scalp at `distance_m` metres, as a radius in mm (0 at 0 m: close up).
inline double ViewingBlurRadiusMm(double distance_m) { return distance_m > 0.0 ? distance_m * kBlurMmPerMetre : 0.0; }

// A dot as drawn: a disc of radius `radius` with an edge `edge` wide over which its coverage falls
// smoothly from 1 to 0 (1 − smoothstep from radius − edge/2 to radius + edge/2), scaled by
// `opacity` so that its darkening integral is that of the healed disc (area π r_h²), however
// blurred or however small against a pixel. Lengths in pixels.
struct DotFootprint {
    double radius = 0.0;
    double edge = 1.0;
    double opacity = 1.0;   // the analytic scale; the CPU renderer normalises on the pixels instead
};
// `healed_radius` and `blur_radius` in pixels; `min_radius` the smallest disc drawn (a pixel's
// worth, so that no dot flickers to nothing); `softness` the edge as a share of the radius.
DotFootprint DotFootprintPx(double healed_radius, double blur_radius, double min_radius, double softness);
// Coverage (before opacity) at `distance` pixels from the dot's centre.
double DotProfile(const DotFootprint& footprint, double distance);
// ∫ DotProfile dA = π (R² + 0.05 e²) for e <= 2R (the smoothstep's first moment), px².
double DotProfileAreaPx2(const DotFootprint& footprint);

// [SECTION] The client's own shaved hair ---------------------------------------------------------
// A shaved fringe is not seen by its stubble alone. The shaft runs on under the skin, slanting down
// into its follicle, and shows through the skin as pigment does: the shadow that makes a shaved head
// look shaved, and the look SMP's dots imitate (DOMAIN.md: "follicles cut close"). Each follicular
// unit (FU) holds kHairsPerFollicularUnit hairs, and each hair shows
//   - its stubble above the skin: the shaved length times the shaft's width, in the hair's own
//     colour (F_c = 1 − hair_c / skin_c: the multiply leaves the hair's colour, lit as the skin is);
//   - its shaft under the skin: seen over kShaftSeenLengthMm of the surface and as wide as the
//     dermis spreads a deposit that thin (kHealedSpread times the shaft's width), darkened as
//     undiluted pigment is (DotDarkening(1, 0, skin)) for dark hair (kDarkHairSrgb). ASSUMPTION: the
//     melanin of a dark shaft is about as opaque as undiluted carbon ink. A lighter shaft (less
//     melanin: brown, blond, grey, white) darkens that much times the share of a dark stubble's
//     darkening its own stubble has, channel by channel (CoverDarkening(hair) / CoverDarkening(dark
//     hair), at most 1): a white shaft hardly shows, and none shows where the hair is no darker
//     than the skin.
// A unit is drawn as one mark with the sum of both areas and their area-weighted F, so that its
// darkening integral is exact channel by channel, as a dot's is. With these figures, none of them
// fitted to it, a razor-fresh fringe (no stubble) at the natural 80 units a cm² takes away within
// 3 % of the light that SMP at 80 dots a cm² in the default sessions' mixes does, on every skin
// tone: SMP at the natural density matches a fringe kept shaved, what it is meant to do. With the
// stubble natural_hair.h draws (anywhere in the day after a daily shave, 0.02-0.35 mm) the fringe
// reads about 1.3 times as dark, and 1.7 times with 0.3-0.5 mm of stubble (measured so before the
// range was set to a daily shave), which is why clients are told to keep it shaved close.
// tests/export/head_render_test.cpp measures both on the rendered head and prints them for every
// skin.

// DOMAIN.md: a mean of 223 hairs/cm² (Barman 1965) in about 80 follicular units/cm².
inline constexpr double kHairsPerFollicularUnit = 223.0 / 80.0;
// The length of surface over which a shaft under the skin shows, mm. The shaft fades with depth z
// as e^(−z/δ), δ ≈ 0.25 mm the dermis' transport length at 550 nm (Jacques 2013, as above), and
// slants at θ to the surface, so depth z lies z / tan θ along it: ∫ e^(−z/δ) dz / tan θ = δ / tan θ.
// θ = 35°: ASSUMPTION, scalp hair leaves the skin at an acute angle (30-45° outside the crown's
// whorl is the usual figure in hair-transplant practice). 0.25 / tan 35° = 0.357.
inline constexpr double kShaftSeenLengthMm = 0.357;
// The dark hair the shaft's darkening above is set for: a dark neutral brown (sRGB).
inline constexpr uint8_t kDarkHairSrgb[3] = {58, 46, 40};

// F of something of colour `over` (linear) lying on the skin and covering it wholly: 1 − over_c /
// skin_c per channel, clamped to 0..1, so that the multiply leaves its colour, lit as the skin is.
LinearRgb CoverDarkening(const LinearRgb& over, const LinearRgb& skin);

// How a shaved follicular unit looks from any distance the eye cannot resolve its hairs at.
struct ShavedUnitMark {
    double area_mm2 = 0.0;     // the darkening's footprint, stubble and shafts together
    double length_mm = 0.0;    // its extent along the way the hair lies: the shaft under the skin, then the stubble
    double behind_mm = 0.0;    // how far it reaches behind the point the hair leaves the skin (the shaft)
    LinearRgb darkening;       // F per channel, 0..1: the area-weighted mean of stubble and shaft
};
// F of a unit's two parts for hair of colour `hair` on skin of albedo `skin` (both linear): the
// same for every unit of a head, so worked out once for all of them.
struct ShavedUnitColours {
    LinearRgb stubble;   // CoverDarkening(hair, skin)
    LinearRgb shaft;     // undiluted pigment's, times the hair's share of dark hair's darkening
};
ShavedUnitColours ShavedUnitColoursOf(const LinearRgb& hair, const LinearRgb& skin);
// The mark of a unit whose hairs are shaved to `stubble_length_mm` (0: razor-fresh) and are
// `shaft_width_mm` wide, of those colours.
ShavedUnitMark ShavedUnitMarkOf(double stubble_length_mm, double shaft_width_mm, const ShavedUnitColours& colours);
inline ShavedUnitMark ShavedUnitMarkOf(double stubble_length_mm, double shaft_width_mm, const LinearRgb& hair, const LinearRgb& skin) {
    return ShavedUnitMarkOf(stubble_length_mm, shaft_width_mm, ShavedUnitColoursOf(hair, skin));
}

// [SECTION] For the shaders -----------------------------------------------------------------------
// What a fragment shader computes to draw the same look (all colours linear, e.g. an sRGB
// framebuffer or a float target encoded at the end):
//
//   uniform vec3 u_skin;          // LinearFromSrgb(kSkinTones[i])
//   uniform float u_blur_px;      // ViewingBlurRadiusMm(distance_m) * px_per_mm
//   per dot: r_px = 0.5 * HealedDotDiameterMm(d_mm) * px_per_mm, c = FadedConcentration(
//            DotPigmentConcentration(dot), years), F = DotDarkening(c, years, u_skin)  (per vertex
//            or per instance: it depends on the dot, not on the pixel)
//   R = max(sqrt(r_px² + u_blur_px²), min_radius_px)
//   e = min(2R, max(1, softness * R, 2 * u_blur_px))
//   opacity = r_px² / (R² + 0.05 e²)                       // darkening integral kept
//   a = opacity * (1 - smoothstep(R - e/2, R + e/2, length(offset_px)))
//   out = vec4(a * F, 1)  with glBlendFunc(GL_ZERO, GL_ONE_MINUS_SRC_COLOR)   // dst *= 1 - a F
//
// and the skin under the dots is u_skin (times the head's Lambert shading on the head view).

}  // namespace smp
