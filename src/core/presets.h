// smp core: the shipped presets (presets/*.design.json), known by name.
//
// They are compiled into the program (the browser has no file system), so `smp plan norwood-4`
// and the designer's presets picker read the same bytes.
#pragma once

#include "core/design.h"
#include "core/status.h"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace smp {

struct PresetInfo {
    std::string name;          // "norwood-4": the file name without .design.json
    std::string title;         // the design's "title"
    std::string description;   // the design's "notes"
};

// Every preset, sorted by name.
const std::vector<PresetInfo>& ListPresets();

// The preset's design JSON text (the shipped file's content, re-indented with sorted keys);
// kInvalidArgument listing the names otherwise.
Expected<std::string> PresetText(std::string_view name);

// [SECTION] A preset's name, or something else
//
// The one rule that tells a preset's name from a file's path or a design's JSON, wherever a design
// can be given either way (the CLI's DESIGN arguments, the designer's command line, the page's
// loadDesign): a preset name is 1..kMaxPresetNameChars ASCII letters, digits, '-' and '_'. A path
// has a '/' or a '.', design JSON a '{': neither is ever taken for a name. A bare word is always a
// preset's name, never a file's: one that is not shipped is an error listing the presets.
inline constexpr size_t kMaxPresetNameChars = 60;   // as long as PresetText's message quotes
bool IsPresetName(std::string_view text);

// What a design given as something other than a preset's name stands for: the CLI and the desktop
// app read it as a file's path (the core does no file I/O); the page passes design JSON through.
using DesignTextFallback = std::function<Expected<std::string>(std::string_view source)>;

// The design text `source` stands for: PresetText(source) when IsPresetName(source), else
// otherwise(source). Errors: PresetText's (kInvalidArgument listing the presets) or otherwise's.
Expected<std::string> DesignSourceText(std::string_view source, const DesignTextFallback& otherwise);

}  // namespace smp
