// smp core: the one comparison of designs (design_diff.h).
//
// [SECTION] Members: every member of every design struct
// [SECTION] Same: the rule, for any design value
// [SECTION] The diff
#include "core/design_diff.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

namespace smp {
namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] Members
// ---------------------------------------------------------------------------------------------

// Each struct's members as a tuple of references. The structured binding must name every
// member: one added to a struct stops this compiling until it is listed here, so no comparison
// can forget it.
auto Members(const DensityValue& x) {
    const auto& [amount, unit] = x;
    return std::tie(amount, unit);
}
auto Members(const FlatTemplate& x) {
    const auto& [width_mm, height_mm] = x;
    return std::tie(width_mm, height_mm);
}
auto Members(const HeadMeasurements& x) {
    const auto& [circumference_mm, glabella_to_nape_mm, ear_to_ear_mm] = x;
    return std::tie(circumference_mm, glabella_to_nape_mm, ear_to_ear_mm);
}
auto Members(const TemplateSpec& x) {
    const auto& [kind, flat, head] = x;
    return std::tie(kind, flat, head);
}
auto Members(const GridLayer& x) {
    const auto& [origin_mm, cell_mm, cols, rows, interpolation, per_cm2] = x;
    return std::tie(origin_mm, cell_mm, cols, rows, interpolation, per_cm2);
}
auto Members(const ZonesLayer& x) {
    const auto& [per_zone, blend_mm] = x;
    return std::tie(per_zone, blend_mm);
}
auto Members(const AreaLayer& x) {
    const auto& [polygon_mm, target, feather_mm] = x;
    return std::tie(polygon_mm, target, feather_mm);
}
// The path first (StrokeExtends compares it apart), then the settings.
auto Members(const StrokeLayer& x) {
    const auto& [points_mm, pressure, radius_mm, strength, falloff, blend] = x;
    // A smooth stroke's strength means nothing (design.h): it is neither compared nor saved.
    const std::optional<DensityValue> meant = blend == StrokeLayer::Blend::kSmooth ? std::nullopt : std::optional(strength);
    return std::tuple_cat(std::tie(points_mm, pressure, radius_mm), std::tuple(meant), std::tie(falloff, blend));
}
auto Members(const HairlineSpec& x) {
    const auto& [points_mm, mirror, asymmetry_mm, style, transition_mm, large_irregularity_mm, small_irregularity_mm, stray_per_cm2] = x;
    return std::tie(points_mm, mirror, asymmetry_mm, style, transition_mm, large_irregularity_mm, small_irregularity_mm, stray_per_cm2);
}
auto Members(const ScarSpec& x) {
    const auto& [kind, label, points_mm, width_mm, count, scar_diameter_mm, target, blend_mm] = x;
    return std::tie(kind, label, points_mm, width_mm, count, scar_diameter_mm, target, blend_mm);
}
auto Members(const NeedleChoice& x) {
    const auto& [needle, dot_diameter_mm] = x;
    return std::tie(needle, dot_diameter_mm);
}
auto Members(const Pigment& x) {
    const auto& [tone_percent, dilution_percent] = x;
    return std::tie(tone_percent, dilution_percent);
}
auto Members(const SessionSpec& x) {
    const auto& [day, cumulative_fraction, pigment, dark_scatter_percent, hairline_needle, fill_needle] = x;
    return std::tie(day, cumulative_fraction, pigment, dark_scatter_percent, hairline_needle, fill_needle);
}
auto Members(const Design& x) {
    const auto& [title, notes, seed, template_spec, mode, layers, hairline, scars, sessions, dots_per_minute] = x;
    return std::tie(title, notes, seed, template_spec, mode, layers, hairline, scars, sessions, dots_per_minute);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Same
// ---------------------------------------------------------------------------------------------

template <typename T> struct IsOptional : std::false_type {};
template <typename T> struct IsOptional<std::optional<T>> : std::true_type {};
template <typename T> struct IsVector : std::false_type {};
template <typename T> struct IsVector<std::vector<T>> : std::true_type {};
template <typename T> struct IsArray : std::false_type {};
template <typename T, size_t N> struct IsArray<std::array<T, N>> : std::true_type {};
template <typename T> struct IsVariant : std::false_type {};
template <typename... T> struct IsVariant<std::variant<T...>> : std::true_type {};

uint64_t Bits(double value) {
    uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

template <typename Tuple, size_t... I>
bool SameMembers(const Tuple& a, const Tuple& b, std::index_sequence<I...>);

// Identical by the rule in design_diff.h.
template <typename T>
bool Same(const T& a, const T& b) {
    if constexpr (std::is_same_v<T, double>) {
        return Bits(a) == Bits(b);
    } else if constexpr (std::is_integral_v<T> || std::is_enum_v<T> || std::is_same_v<T, std::string>) {
        return a == b;
    } else if constexpr (std::is_same_v<T, Vec2>) {
        return Same(a.x(), b.x()) && Same(a.y(), b.y());
    } else if constexpr (IsOptional<T>::value) {
        return a.has_value() == b.has_value() && (!a || Same(*a, *b));
    } else if constexpr (IsVector<T>::value || IsArray<T>::value) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) { return Same(x, y); });
    } else if constexpr (IsVariant<T>::value) {
        return a.index() == b.index() &&
               std::visit([&](const auto& x) { return Same(x, std::get<std::decay_t<decltype(x)>>(b)); }, a);
    } else {
        using Tuple = decltype(Members(a));
        return SameMembers(Members(a), Members(b), std::make_index_sequence<std::tuple_size_v<Tuple>>());
    }
}

template <typename Tuple, size_t... I>
bool SameMembers(const Tuple& a, const Tuple& b, std::index_sequence<I...>) {
    return (Same(std::get<I>(a), std::get<I>(b)) && ...);
}

// Whether `before` is identical to the start of `after`.
template <typename T>
bool SamePrefix(const std::vector<T>& before, const std::vector<T>& after) {
    return before.size() <= after.size() &&
           std::equal(before.begin(), before.end(), after.begin(), [](const T& x, const T& y) { return Same(x, y); });
}

template <typename T>
std::vector<bool> ChangedByIndex(const std::vector<T>& before, const std::vector<T>& after) {
    std::vector<bool> changed(std::max(before.size(), after.size()), true);
    for (size_t i = 0; i < std::min(before.size(), after.size()); ++i) changed[i] = !Same(before[i], after[i]);
    return changed;
}

bool Any(const std::vector<bool>& flags) { return std::find(flags.begin(), flags.end(), true) != flags.end(); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] The diff
// ---------------------------------------------------------------------------------------------

bool DesignDiff::AnyLayer() const { return Any(layer_changed); }
bool DesignDiff::AnyScar() const { return Any(scar_changed); }
bool DesignDiff::Empty() const { return !Ground() && !AnyLayer() && !hairline && !AnyScar() && !sessions && !metadata; }
bool DesignDiff::OnlyMetadata() const { return metadata && !Ground() && !AnyLayer() && !hairline && !AnyScar() && !sessions; }

DesignDiff DiffDesigns(const Design& before, const Design& after) {
    // Every member of the design: one added to Design stops this compiling until it is sorted in.
    const auto& [title, notes, seed, template_spec, mode, layers, hairline, scars, sessions, dots_per_minute] = before;
    DesignDiff diff;
    diff.template_spec = !Same(template_spec, after.template_spec);
    diff.seed = !Same(seed, after.seed);
    diff.mode = !Same(mode, after.mode);
    diff.layer_changed = ChangedByIndex(layers, after.layers);
    while (diff.unchanged_layer_prefix < diff.layer_changed.size() && !diff.layer_changed[diff.unchanged_layer_prefix]) {
        ++diff.unchanged_layer_prefix;
    }
    diff.hairline = !Same(hairline, after.hairline);
    diff.scar_changed = ChangedByIndex(scars, after.scars);
    diff.sessions = !Same(sessions, after.sessions);
    if (diff.sessions) {
        diff.session_fractions = sessions.size() != after.sessions.size();
        diff.dot_sizes = diff.session_fractions;
        for (size_t k = 0; k < std::min(sessions.size(), after.sessions.size()); ++k) {
            const SessionSpec& a = sessions[k];
            const SessionSpec& b = after.sessions[k];
            diff.session_fractions = diff.session_fractions || !Same(a.cumulative_fraction, b.cumulative_fraction);
            diff.dot_sizes = diff.dot_sizes || !Same(a.hairline_needle.dot_diameter_mm, b.hairline_needle.dot_diameter_mm) ||
                             !Same(a.fill_needle.dot_diameter_mm, b.fill_needle.dot_diameter_mm);
        }
    }
    diff.metadata = !Same(title, after.title) || !Same(notes, after.notes) || !Same(dots_per_minute, after.dots_per_minute);
    return diff;
}

bool IdenticalDesigns(const Design& a, const Design& b) { return Same(a, b); }
bool Identical(const DensityLayer& a, const DensityLayer& b) { return Same(a, b); }
bool Identical(const HairlineSpec& a, const HairlineSpec& b) { return Same(a, b); }
bool Identical(const ScarSpec& a, const ScarSpec& b) { return Same(a, b); }
bool Identical(const HeadMeasurements& a, const HeadMeasurements& b) { return Same(a, b); }
bool Identical(const std::vector<SessionSpec>& a, const std::vector<SessionSpec>& b) { return Same(a, b); }

bool StrokeExtends(const StrokeLayer& before, const StrokeLayer& after) {
    const auto a = Members(before);
    const auto b = Members(after);
    // Members 0 and 1 are the path (points, pressures); the rest are the settings.
    return after.points_mm.size() > before.points_mm.size() && SamePrefix(std::get<0>(a), std::get<0>(b)) &&
           SamePrefix(std::get<1>(a), std::get<1>(b)) &&
           [&]<size_t... I>(std::index_sequence<I...>) { return (Same(std::get<I + 2>(a), std::get<I + 2>(b)) && ...); }(
               std::make_index_sequence<std::tuple_size_v<decltype(a)> - 2>());
}

}  // namespace smp
