#include "core/presets.h"

#include "core/json_reader.h"

#include <cstddef>

namespace smp::embedded {
extern const unsigned char kPresetsBundle[];
extern const std::size_t kPresetsBundleSize;
}  // namespace smp::embedded

namespace smp {
namespace {

// The bundle parsed once: name -> the design's JSON (re-serialised compactly, so the text does
// not depend on how the file was indented).
const nlohmann::json& Bundle() {
    static const nlohmann::json bundle = [] {
        const std::string_view text(reinterpret_cast<const char*>(embedded::kPresetsBundle), embedded::kPresetsBundleSize);
        Expected<nlohmann::json> parsed = json_reader::ParseJsonText(text, text.size(), "presets bundle");
        // The bundle is checked by the tests; a broken one must not take the program down.
        return parsed.ok() && parsed->is_object() ? std::move(parsed).value() : nlohmann::json::object();
    }();
    return bundle;
}

}  // namespace

const std::vector<PresetInfo>& ListPresets() {
    static const std::vector<PresetInfo> presets = [] {
        std::vector<PresetInfo> list;
        for (const auto& [name, design] : Bundle().items()) {
            PresetInfo info;
            info.name = name;
            info.title = design.value("title", name);
            info.description = design.value("notes", "");
            list.push_back(std::move(info));
        }
        return list;
    }();
    return presets;
}

Expected<std::string> PresetText(std::string_view name) {
    const auto it = Bundle().find(std::string(name));
    if (it != Bundle().end()) return it->dump(2) + "\n";
    std::string names;
    for (const PresetInfo& preset : ListPresets()) names += (names.empty() ? "" : ", ") + preset.name;
    return Status(StatusCode::kInvalidArgument, "no preset named '" + std::string(name).substr(0, 60) + "'; presets are: " + names);
}

bool IsPresetName(std::string_view text) {
    if (text.empty() || text.size() > kMaxPresetNameChars) return false;
    for (const char c : text) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool digit = c >= '0' && c <= '9';
        if (!letter && !digit && c != '-' && c != '_') return false;
    }
    return true;
}

Expected<std::string> DesignSourceText(std::string_view source, const DesignTextFallback& otherwise) {
    if (IsPresetName(source)) return PresetText(source);
    return otherwise(source);
}

}  // namespace smp
