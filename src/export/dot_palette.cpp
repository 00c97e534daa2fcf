#include "export/dot_palette.h"

#include <algorithm>

namespace smp {

const SkinTone& SkinToneAt(int index) { return kSkinTones[std::clamp(index, 0, kSkinToneCount - 1)]; }

const HairColour& HairColourAt(int index) { return kHairColours[std::clamp(index, 0, kHairColourCount - 1)]; }

}  // namespace smp
