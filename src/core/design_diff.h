// smp core: what an edit changed, and whether two designs are the same. One comparison for the
// whole core: the generator's local update and the density field's reuse, the edit history's
// layer sharing and the share link's default-sessions check all decide through this file.
//
// The rule: two values are identical when every member is, numbers to the bit. -0.0 and 0.0
// differ (they print differently and undo must give back the sign that was there), NaN is
// identical to the same NaN. Exactness errs on the safe side: a value-equal but not identical
// edit only re-evaluates a region that gives the same dots. One exception, documented in
// design.h: a smooth stroke's `strength` means nothing, so it is neither compared nor saved.
// (The structs' own operator== compares by value: -0.0 == 0.0, NaN != NaN.)
//
// Completeness: the comparison lists each struct's members with a structured binding, so a
// member added to a design struct stops design_diff.cpp compiling until it is compared, and
// tests/core/design_diff_test.cpp changes every field the design schema has, one at a time.
#pragma once

#include "core/design.h"

#include <cstddef>
#include <vector>

namespace smp {

// What differs between two designs, by what it does to the dots.
struct DesignDiff {
    // The ground: another template, seed or mode regenerates every dot.
    bool template_spec = false;        // kind, flat size or head measurements
    bool seed = false;
    bool mode = false;
    // Layers, by index: true where the layer differs, or exists in one design only (the size is
    // the larger layer count). Layers [0, unchanged_layer_prefix) are identical in both.
    std::vector<bool> layer_changed;
    size_t unchanged_layer_prefix = 0;
    bool hairline = false;             // added, removed or changed
    std::vector<bool> scar_changed;    // as layer_changed, for the scars
    // Sessions: `sessions` for any change; the two below say what it does to the dots.
    bool sessions = false;
    bool session_fractions = false;    // the count or a cumulative fraction: which session a dot is in
    bool dot_sizes = false;            // the count or a needle's dot diameter
    // Title, notes, dots_per_minute: the plan's text and time estimates, no dot.
    bool metadata = false;

    bool Ground() const { return template_spec || seed || mode; }
    bool AnyLayer() const;
    bool AnyScar() const;
    // Nothing differs: the designs are identical (IdenticalDesigns).
    bool Empty() const;
    // Only title, notes or dots_per_minute differ: the same dots, nothing to regenerate.
    bool OnlyMetadata() const;
};

// What differs from `before` to `after` (the rule above). Linear in the designs' size.
DesignDiff DiffDesigns(const Design& before, const Design& after);

// Whether two designs are identical (DiffDesigns(a, b).Empty(), stopping at the first
// difference). Cheaper than comparing their JSON text, and exact where the text is too.
bool IdenticalDesigns(const Design& a, const Design& b);

// The same rule, for one part (what the density field compares with what it was compiled from).
bool Identical(const DensityLayer& a, const DensityLayer& b);
bool Identical(const HairlineSpec& a, const HairlineSpec& b);
bool Identical(const ScarSpec& a, const ScarSpec& b);
bool Identical(const HeadMeasurements& a, const HeadMeasurements& b);
bool Identical(const std::vector<SessionSpec>& a, const std::vector<SessionSpec>& b);

// Whether `after` is `before` with points appended (a stroke being painted): identical settings,
// before's points and pressures identical at the start of after's, and more points in after.
bool StrokeExtends(const StrokeLayer& before, const StrokeLayer& after);

}  // namespace smp
