// smp core: the shipped presets (presets/*.design.json), known by name.
//
// They are compiled into the program (the browser has no file system), so `smp plan norwood-4`
// and the designer's presets picker read the same bytes.
#pragma once

#include "core/design.h"
#include "core/status.h"

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

// TEMPORARY until the preview branch's resolver lands.
inline bool IsPresetName(std::string_view text) {
    return !text.empty() && text.find('/') == std::string_view::npos && text.find('.') == std::string_view::npos && text.find('{') == std::string_view::npos;
}

}  // namespace smp
