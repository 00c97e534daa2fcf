// PROVISIONAL (replaced by the preview branch's table at merge).
#pragma once
#include <optional>
#include <string_view>
namespace smp {
enum class PreviewMode { kPlan, kHealed, kFaded };
struct PreviewSettings {
    PreviewMode mode = PreviewMode::kPlan;
    int up_to_session = 0;
    int skin_tone = 1;
    float years = 5.0f;
    float viewing_distance_m = 0.0f;
    bool operator==(const PreviewSettings&) const = default;
};
struct PreviewInfo { PreviewMode mode; const char* name; const char* label; const char* tip; bool planning_marks; };
inline constexpr PreviewInfo kPreviews[] = {
    {PreviewMode::kPlan, "plan", "Plan", "Dots coloured by the session that places them", true},
    {PreviewMode::kHealed, "healed", "Healed", "The pigment on the skin, as it heals", false},
    {PreviewMode::kFaded, "faded", "Faded", "", false}};
inline const PreviewInfo& PreviewOf(PreviewMode mode) { return kPreviews[static_cast<int>(mode)]; }
inline const PreviewInfo* FindPreview(std::string_view name) { for (const auto& p : kPreviews) if (name == p.name) return &p; return nullptr; }
}
