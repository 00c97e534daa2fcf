// smp export: a design's dots placed on the template's head, ready for the GPU head view
// (render/head_renderer.h), with the same rules the CPU head render (head_render.h) applies.
//
// Built once per pattern or look change, never when the camera moves: a dot's position, normal,
// drawn diameter and colour on the head do not depend on where it is seen from. What does (which
// side faces the camera, what an ear hides, the ellipse a disc becomes at an angle) is the
// renderer's work, per frame, on the GPU. Pure C++ (core + the preview and palette tables): no GL.
#pragma once

#include "core/design.h"
#include "core/generator.h"
#include "core/scalp_template.h"
#include "export/preview.h"

#include <cstdint>
#include <vector>

namespace smp {

// One dot on the head, as the head renderer's vertex shader reads it (32 bytes, tightly packed).
struct HeadDotInstance {
    float head_mm[3] = {0, 0, 0};   // position on the head (ScalpTemplate::HeadFromMap), head coordinates, mm
    float normal[3] = {0, 0, 1};    // outward unit normal there (ScalpTemplate::HeadNormal)
    float diameter_mm = 0.25f;      // drawn diameter: planned (plan look) or healed (tone looks)
    // Plan look: the session's colour, straight alpha. Tone looks (healed, faded): the share F of
    // each channel of the skin the dot takes away, 0..255, alpha 255 (as DotInstance for the map).
    uint8_t rgba[4] = {0, 0, 0, 255};
};
static_assert(sizeof(HeadDotInstance) == 32, "the head renderer's vertex layout expects 32 bytes a dot");

// The instances for `pattern`'s dots (of `design`, on `scalp`, the pattern's own template) in the
// pattern's order, by RenderHead's rules: placed dots of sessions 1..up_to_session (0 = all) that
// HeadFromMap lifts onto the head; `look` sets diameter and colour (plan: planned diameter,
// SessionRgba; healed and faded: the healed diameter and DotDarkening of the dot's concentration,
// `years` after the last session for the faded look, over skin tone `skin_tone`, clamped to the
// known ones). Never filters by camera. Empty for an empty pattern.
std::vector<HeadDotInstance> MakeHeadDotInstances(const Design& design, const DotPattern& pattern, const ScalpTemplate& scalp,
                                                  PreviewMode look, float years, int up_to_session, int skin_tone);

// The client's own hair the design leaves (core/natural_hair.h), as the CPU head render draws it
// under the dots, for the same draw call (upload these first). Each hair is a disc of its area
// (length x shaft width) at the middle of its length: the GPU view keeps the tone a hair adds, not
// its dash shape, which at a head view's scale is a pixel or less. Its colour is
// kHairColours[hair_colour] (clamped to the known ones): plan look, that colour over the skin; tone
// looks, F = 1 - hair / skin per channel (linear), so the multiply leaves the hair's colour where
// it covers a pixel, under the head's light. In the tone looks a shaved design's stubble is its
// follicular unit's whole mark instead (core/tone_model.h, ShavedUnitMarkOf: the hairs' shafts
// under the skin with their stubble), a disc of the mark's area and F at the middle of its length.
std::vector<HeadDotInstance> MakeNaturalHairInstances(const Design& design, const DotPattern& pattern, const ScalpTemplate& scalp,
                                                      PreviewMode look, int skin_tone, int hair_colour = kDefaultHairColour);

// Whether MakeNaturalHairInstances gives `after` exactly the instances it gives `before` (for the
// same look, skin tone and hair colour, each with its own pattern): the hair follows the design's
// ground (template, seed, mode) and scars, and in the shaved look its target density too (layers
// and hairline: the fringe, and the top short of the design's full look, keep the hair the design
// does not paint); never the sessions, the title, the notes or which dots are placed. The head
// view keeps its hair while this holds, so an upload for new dots alone does not remake it.
bool SameNaturalHair(const Design& before, const Design& after);

}  // namespace smp
