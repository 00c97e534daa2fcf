// One comparison, one diff (design_diff.h): it sees every field of a design, and what it lets the
// local update skip really does not change: after any one-field edit, UpdateDotsInRegion (as the
// designer's SetDesign calls it) gives byte for byte what GenerateDots gives.
#include "core/design_diff.h"
#include "core/design_json.h"
#include "core/generator.h"
#include "core/plan_json.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smp::embedded {
extern const unsigned char kDesignSchema[];
extern const std::size_t kDesignSchemaSize;
}  // namespace smp::embedded

namespace {

using nlohmann::json;

// Every property the design schema has, on a scalp template at a low density (few dots: quick).
// The hairline's points sit left of the midline (it is mirrored).
const char* kMaximalScalp = R"({
  "type": "smp.design", "schema_version": 2, "title": "maximal", "notes": "every field",
  "seed": 7, "template": {"kind": "scalp", "circumference_mm": 560, "glabella_to_nape_mm": 365, "ear_to_ear_mm": 310},
  "mode": "shaved",
  "density": {"layers": [
    {"kind": "grid", "origin_mm": [20, 30], "cell_mm": 40, "cols": 4, "rows": 3, "interpolation": "nearest",
     "per_cm2": [6, 7, 8, 9, 6, 7, 8, 9, 6, 7, 8, 9]},
    {"kind": "grid", "origin_mm": [60, 90], "cell_mm": 30, "cols": 2, "rows": 2, "interpolation": "bilinear", "per_cm2": [5, 9, 7, 6]},
    {"kind": "zones", "targets": {"crown": 9, "occipital": {"percent_natural": 8}, "frontal": 7}, "blend_mm": 12},
    {"kind": "area", "points_mm": [[80, 100], [160, 110], [120, 170]], "target": {"percent_natural": 11}, "feather_mm": 5},
    {"kind": "stroke", "points_mm": [[90, 120, 0.8], [130, 140], [150, 150, 0.6]], "radius_mm": 12, "strength": 9, "falloff": 0.4, "blend": "set"},
    {"kind": "stroke", "points_mm": [[100, 160], [140, 170, 0.7]], "radius_mm": 10, "strength": {"percent_natural": -3}, "falloff": 0.6, "blend": "add"},
    {"kind": "stroke", "points_mm": [[110, 130], [150, 130]], "radius_mm": 14, "strength": 4, "falloff": 0.5, "blend": "smooth"}
  ]},
  "hairline": {"points_mm": [[60, 95], [100, 85], [OMX, 80]], "mirror": true, "asymmetry_mm": 1.2, "style": "broken",
               "transition_mm": 7, "large_irregularity_mm": 2.5, "small_irregularity_mm": 1.1, "stray_per_cm2": 3},
  "scars": [
    {"kind": "fut_strip", "label": "strip", "points_mm": [[90, 230], [150, 240], [200, 232]], "width_mm": 2.5, "blend_mm": 8, "target": 10},
    {"kind": "fue_field", "label": "field", "points_mm": [[70, 180], [110, 180], [110, 210], [70, 210]], "count": 30,
     "scar_diameter_mm": 0.8, "target": {"percent_natural": 12}, "blend_mm": 6}
  ],
  "needles": {"hairline": {"needle": "1RL", "dot_diameter_mm": 0.2}, "fill": {"needle": "3RL", "dot_diameter_mm": 0.25}},
  "sessions": [
    {"day": 0, "cumulative_fraction": 0.3, "pigment": {"tone_percent": 80, "dilution_percent": 50}, "dark_scatter_percent": 0},
    {"day": 14, "cumulative_fraction": 0.6, "pigment": {"tone_percent": 85, "dilution_percent": 40}, "dark_scatter_percent": 2,
     "needles": {"hairline": {"needle": "1RL", "dot_diameter_mm": 0.22}, "fill": {"needle": "3RL", "dot_diameter_mm": 0.27}}},
    {"day": 35, "cumulative_fraction": 1, "pigment": {"tone_percent": 90, "dilution_percent": 30}, "dark_scatter_percent": 10,
     "needles": {"hairline": {"needle": "3RL", "dot_diameter_mm": 0.24}, "fill": {"needle": "1RL", "dot_diameter_mm": 0.21}}}
  ],
  "dots_per_minute": 80
})";

// The same on a small flat template (no zones: they need the scalp). The walk changes every
// field of this one; of the scalp design above, only what the flat design cannot have (the head
// measurements, the zones layer): a scalp generation costs much more.
const char* kMaximalFlat = R"({
  "type": "smp.design", "schema_version": 2, "title": "flat", "notes": "every field but zones",
  "seed": 3, "template": {"kind": "flat", "width_mm": 120, "height_mm": 90}, "mode": "shaved",
  "density": {"layers": [
    {"kind": "grid", "origin_mm": [0, 0], "cell_mm": 30, "cols": 4, "rows": 3, "interpolation": "nearest",
     "per_cm2": [6, 7, 8, 9, 6, 7, 8, 9, 6, 7, 8, 9]},
    {"kind": "grid", "origin_mm": [30, 20], "cell_mm": 20, "cols": 2, "rows": 2, "interpolation": "bilinear", "per_cm2": [5, 9, 7, 6]},
    {"kind": "area", "points_mm": [[10, 10], [70, 20], [40, 70]], "target": {"percent_natural": 11}, "feather_mm": 4},
    {"kind": "stroke", "points_mm": [[20, 40, 0.9], [60, 50], [90, 45, 0.6]], "radius_mm": 8, "strength": 14, "falloff": 0.3, "blend": "set"},
    {"kind": "stroke", "points_mm": [[40, 60], [80, 70, 0.7]], "radius_mm": 9, "strength": {"percent_natural": -3}, "falloff": 0.6, "blend": "add"},
    {"kind": "stroke", "points_mm": [[30, 30], [80, 60]], "radius_mm": 10, "strength": 4, "falloff": 0.5, "blend": "smooth"}
  ]},
  "hairline": {"points_mm": [[10, 20], [35, 14], [60, 12]], "mirror": true, "asymmetry_mm": 1.2, "style": "broken",
               "transition_mm": 7, "large_irregularity_mm": 2.5, "small_irregularity_mm": 1.1, "stray_per_cm2": 3},
  "scars": [
    {"kind": "fut_strip", "label": "strip", "points_mm": [[20, 75], [60, 80], [100, 78]], "width_mm": 2.5, "blend_mm": 8, "target": 10},
    {"kind": "fue_field", "label": "field", "points_mm": [[70, 30], [100, 30], [100, 55], [70, 55]], "count": 30,
     "scar_diameter_mm": 0.8, "target": {"percent_natural": 12}, "blend_mm": 6}
  ],
  "needles": {"hairline": {"needle": "1RL", "dot_diameter_mm": 0.2}, "fill": {"needle": "3RL", "dot_diameter_mm": 0.25}},
  "sessions": [
    {"day": 0, "cumulative_fraction": 0.3, "pigment": {"tone_percent": 80, "dilution_percent": 50}, "dark_scatter_percent": 0},
    {"day": 14, "cumulative_fraction": 0.6, "pigment": {"tone_percent": 85, "dilution_percent": 40}, "dark_scatter_percent": 2,
     "needles": {"hairline": {"needle": "1RL", "dot_diameter_mm": 0.22}, "fill": {"needle": "3RL", "dot_diameter_mm": 0.27}}},
    {"day": 35, "cumulative_fraction": 1, "pigment": {"tone_percent": 90, "dilution_percent": 30}, "dark_scatter_percent": 10,
     "needles": {"hairline": {"needle": "3RL", "dot_diameter_mm": 0.24}, "fill": {"needle": "1RL", "dot_diameter_mm": 0.21}}}
  ],
  "dots_per_minute": 80
})";

// Version 1: one needle for every dot, at the top level.
const char* kVersion1 = R"({"type": "smp.design", "schema_version": 1, "template": {"kind": "flat", "width_mm": 60, "height_mm": 50},
  "needle": "1RL", "dot_diameter_mm": 0.2, "density": {"layers": [{"kind": "grid", "cell_mm": 60, "cols": 1, "rows": 1, "per_cm2": [8]}]}})";

json Parse(const char* text, double midline_x_mm = 0.0) {
    std::string s = text;
    if (const size_t at = s.find("OMX"); at != std::string::npos) s.replace(at, 3, std::to_string(midline_x_mm));
    return json::parse(s);
}

// Every property name the schema declares, wherever (properties of objects, in $defs, oneOf, if/then).
void SchemaProperties(const json& schema, std::set<std::string>& names) {
    if (schema.is_object()) {
        if (auto it = schema.find("properties"); it != schema.end() && it->is_object()) {
            for (const auto& [name, sub] : it->items()) names.insert(name);
        }
        for (const auto& [key, sub] : schema.items()) SchemaProperties(sub, names);
    } else if (schema.is_array()) {
        for (const json& sub : schema) SchemaProperties(sub, names);
    }
}

void DocumentKeys(const json& document, std::set<std::string>& keys) {
    if (document.is_object()) {
        for (const auto& [key, sub] : document.items()) {
            keys.insert(key);
            DocumentKeys(sub, keys);
        }
    } else if (document.is_array()) {
        for (const json& sub : document) DocumentKeys(sub, keys);
    }
}

// Every string an "enum" or "const" of the schema allows: what a string leaf can be switched to.
void SchemaEnums(const json& schema, std::vector<std::string>& values) {
    if (schema.is_object()) {
        for (const auto& [key, sub] : schema.items()) {
            if ((key == "enum" || key == "const") && (sub.is_array() || sub.is_string())) {
                for (const json& v : sub.is_array() ? sub : json::array({sub})) {
                    if (v.is_string()) values.push_back(v.get<std::string>());
                }
            } else {
                SchemaEnums(sub, values);
            }
        }
    } else if (schema.is_array()) {
        for (const json& sub : schema) SchemaEnums(sub, values);
    }
}

// A design file saved with photos (the browser app's "include photos"): the "photos" section is
// not part of the design, so RestoreDesign passes over it and DesignToJson never writes it.
const char* kWithPhotos = R"({"type": "smp.design", "schema_version": 2, "template": {"kind": "flat", "width_mm": 60, "height_mm": 50},
  "density": {"layers": [{"kind": "grid", "cell_mm": 60, "cols": 1, "rows": 1, "per_cm2": [8]}]},
  "photos": [{"view": "front", "width_px": 2, "height_px": 1, "media_type": "image/png", "data_base64": "iVBORw0KGgo=",
              "marks": {"glabella": [1, 0.5], "frontotemporal_left": [0.2, 0.1], "frontotemporal_right": [1.8, 0.1], "vertex": [1, 0],
                        "ear_left": [0, 1], "ear_right": [2, 1], "nape": [1, 1]}},
             {"view": "back", "width_px": 2, "height_px": 1, "media_type": "image/jpeg", "data_base64": "/9j/"}]})";

json Schema() {
    return json::parse(std::string(reinterpret_cast<const char*>(smp::embedded::kDesignSchema), smp::embedded::kDesignSchemaSize));
}

// One edit of a document: its path (for messages) and the edited document.
struct Mutation {
    std::string path;
    json document;
    bool leaf = false;   // a value changed (else a member removed or array elements moved)
};

// Candidate edits of every leaf (numbers nudged, bools flipped, strings switched to another
// allowed value or changed), one element of each array of numbers or points (the first; every
// element of arrays of objects), plus: each member removed, the first two elements of each array
// swapped, one element appended and one removed.
void Mutations(const json& root, const json::json_pointer& at, const std::vector<std::string>& enums, std::vector<std::vector<Mutation>>& leaves,
               std::vector<Mutation>& others, const std::function<bool(const std::string&)>& walked) {
    const json& value = root.at(at);
    auto edited = [&](const json& replacement) {
        json copy = root;
        copy.at(at) = replacement;
        return copy;
    };
    const std::string path = at.to_string();
    if (value.is_object()) {
        for (const auto& [key, sub] : value.items()) {
            if (at.empty() && (key == "type" || key == "schema_version")) continue;   // not the design: what reads it
            Mutations(root, at / key, enums, leaves, others, walked);
            if (!walked(at.to_string() + "/" + key)) continue;
            json copy = root;
            copy.at(at).erase(key);
            others.push_back({path + "/" + key + " removed", std::move(copy)});
        }
    } else if (value.is_array()) {
        // Every layer, scar, session and coordinate of a point; of longer lists (points, grid
        // values) the first only.
        const bool every = !value.empty() && (value.front().is_object() || value.size() <= 3);
        for (size_t i = 0; i < (every ? value.size() : std::min<size_t>(value.size(), 1)); ++i) Mutations(root, at / i, enums, leaves, others, walked);
        if (!walked(path)) return;
        if (value.size() >= 2) {
            json moved = value;
            std::swap(moved[0], moved[1]);
            others.push_back({path + " first two swapped", edited(moved)});
            json shorter = value;
            shorter.erase(shorter.size() - 1);
            others.push_back({path + " last removed", edited(shorter)});
        }
        if (!value.empty()) {
            json longer = value;
            json extra = value.back();
            if (extra.is_array() && !extra.empty() && extra[0].is_number()) extra[0] = extra[0].get<double>() + 3.0;   // a point further on
            longer.push_back(extra);
            others.push_back({path + " one appended", edited(longer)});
        }
    } else {
        if (!walked(path)) return;
        std::vector<Mutation> candidates;
        auto add = [&](const json& v) { candidates.push_back({path, edited(v), true}); };
        if (value.is_boolean()) {
            add(!value.get<bool>());
        } else if (value.is_number_integer()) {
            for (int64_t d : {1, -1, 5, -5}) add(value.get<int64_t>() + d);
        } else if (value.is_number()) {
            const double v = value.get<double>();
            for (double d : {0.5, -0.5, 0.05, -0.05, 2.0, -2.0}) add(v + d);
        } else if (value.is_string()) {
            for (const std::string& other : enums) {
                if (other != value.get<std::string>()) add(other);
            }
            add(value.get<std::string>() + "x");
        } else if (value.is_null()) {
            add(1.0);
        }
        leaves.push_back(std::move(candidates));
    }
}

struct Original {
    smp::Design design;
    smp::DotPattern pattern;   // as the designer holds it: generated, with painting headroom
};

// What the designer's SetDesign does with an edit of the open design, against a full generation.
void CheckLocalEqualsFull(const Original& original, const smp::Design& edited, const std::string& path) {
    smp::DotPattern local = original.pattern;
    const smp::Status updated = smp::UpdateDotsInRegion(edited, smp::RectMm{}, local);
    const smp::Expected<smp::DotPattern> full = smp::GenerateDots(edited);
    REQUIRE_MESSAGE(updated.ok() == full.ok(), path);
    if (!updated.ok()) return;
    CHECK_MESSAGE(smp::PlanToJsonText(edited, local) == smp::PlanToJsonText(edited, *full), path);
}

struct WalkCounts {
    int leaves = 0, others = 0, others_changed = 0, refused = 0, no_op_leaves = 0;
};

WalkCounts Walk(const json& document, const std::vector<std::string>& enums, const std::function<bool(const std::string&)>& walked) {
    WalkCounts counts;
    const smp::Expected<smp::Design> design = smp::RestoreDesign(document);
    REQUIRE_MESSAGE(design.ok(), design.status().message());
    smp::Expected<smp::DotPattern> pattern = smp::GenerateDots(*design);
    REQUIRE_MESSAGE(pattern.ok(), pattern.status().message());
    Original original{*design, std::move(pattern).value()};
    // (The designer reserves up to kPaintingMaxPerCm2; the ordinary headroom keeps this quick.)
    REQUIRE(smp::ReserveHeadroom(original.design, original.pattern).ok());
    const std::string original_text = smp::DesignToJsonText(original.design);
    CHECK(smp::IdenticalDesigns(original.design, *smp::RestoreDesign(std::string_view(original_text))));
    CHECK(smp::DiffDesigns(original.design, original.design).Empty());

    // The diff sees an edit exactly when the saved design changes, and the local update matches.
    auto check = [&](const Mutation& m, const smp::Design& edited) {
        const smp::DesignDiff diff = smp::DiffDesigns(original.design, edited);
        const bool text_changed = smp::DesignToJsonText(edited) != original_text;
        CHECK_MESSAGE(diff.Empty() == !text_changed, m.path);
        CHECK_MESSAGE(smp::IdenticalDesigns(original.design, edited) == diff.Empty(), m.path);
        CHECK_MESSAGE(smp::DiffDesigns(edited, original.design).Empty() == diff.Empty(), m.path);
        CheckLocalEqualsFull(original, edited, m.path);
        return text_changed;
    };

    std::vector<std::vector<Mutation>> leaves;
    std::vector<Mutation> others;
    Mutations(document, json::json_pointer(), enums, leaves, others, walked);
    for (const std::vector<Mutation>& candidates : leaves) {
        // The first candidate the loader accepts (a nudge can leave the allowed range, or break a
        // rule between fields such as increasing session fractions).
        const Mutation* taken = nullptr;
        smp::Expected<smp::Design> edited = smp::Status(smp::StatusCode::kInvalidArgument, "none");
        for (const Mutation& m : candidates) {
            edited = smp::RestoreDesign(m.document);
            if (edited.ok() && smp::DesignToJsonText(*edited) != original_text) {
                taken = &m;
                break;
            }
        }
        ++counts.leaves;
        if (!taken) {
            // No edit of this field alone is a design: a smooth stroke's strength is ignored
            // (design.h); a layer's or scar's kind, a grid's size, the first session's day and the
            // last one's fraction are tied to other fields (the moved elements change kinds).
            ++counts.no_op_leaves;
            const json::json_pointer at(candidates.front().path);
            const json& parent = document.at(at.parent_pointer());
            const std::string key = at.back();
            const bool smooth = parent.value("blend", "") == "smooth";
            const bool tied = key == "kind" || key == "cols" || key == "rows" || (key == "day" && document.at(at) == 0) ||
                              (key == "cumulative_fraction" && document.at(at) == 1) || (key == "blend" && smooth && !parent.contains("strength")) ||
                              (key == "strength" && smooth);
            CHECK_MESSAGE(tied, (candidates.front().path + ": no edit of this field changes the design"));
            for (const Mutation& m : candidates) {
                const smp::Expected<smp::Design> ignored = smp::RestoreDesign(m.document);
                if (ignored.ok()) CHECK_MESSAGE(smp::DiffDesigns(original.design, *ignored).Empty(), m.path);
            }
            continue;
        }
        CHECK_MESSAGE(check(*taken, *edited), taken->path);
        CHECK_MESSAGE(!smp::DiffDesigns(original.design, *edited).Empty(), taken->path);
    }
    for (const Mutation& m : others) {
        ++counts.others;
        const smp::Expected<smp::Design> edited = smp::RestoreDesign(m.document);
        if (!edited.ok()) {
            ++counts.refused;
            continue;
        }
        if (check(m, *edited)) ++counts.others_changed;
    }
    return counts;
}

}  // namespace

TEST_CASE("the maximal designs use every property of the design schema") {
    std::set<std::string> schema_names, used;
    SchemaProperties(Schema(), schema_names);
    for (const json& document : {Parse(kMaximalScalp, 150.0), Parse(kMaximalFlat), Parse(kVersion1), json::parse(kWithPhotos)}) DocumentKeys(document, used);
    for (const std::string& name : schema_names) CHECK_MESSAGE(used.count(name) == 1, ("the maximal designs lack schema property \"" + name + "\""));
    MESSAGE(schema_names.size() << " schema properties, all used");
}

TEST_CASE("a design file's photos section is not the design: RestoreDesign ignores it, DesignToJson never writes it") {
    json with_photos = json::parse(kWithPhotos);
    json without = with_photos;
    without.erase("photos");
    const smp::Expected<smp::Design> a = smp::RestoreDesign(with_photos);
    const smp::Expected<smp::Design> b = smp::RestoreDesign(without);
    REQUIRE_MESSAGE(a.ok(), a.status().message());
    REQUIRE(b.ok());
    CHECK(smp::IdenticalDesigns(*a, *b));
    CHECK_FALSE(smp::DesignToJson(*a).contains("photos"));
    // Whatever the section holds: the page checks it (web/js/photos.js), the core passes over it.
    with_photos["photos"] = "not a list";
    CHECK(smp::RestoreDesign(with_photos).ok());
}

TEST_CASE("DiffDesigns sees every field, and a local update after any one edit equals a full generation") {
    const auto start = std::chrono::steady_clock::now();
    const json schema = Schema();
    std::vector<std::string> enums;
    SchemaEnums(schema, enums);
    // The hairline's last point on the midline of this head.
    const smp::Expected<smp::Design> scalp = smp::RestoreDesign(Parse(kMaximalScalp, 0.0));
    REQUIRE_MESSAGE(scalp.ok(), scalp.status().message());
    const smp::Expected<smp::DotPattern> probe = smp::GenerateDots(*scalp);
    REQUIRE_MESSAGE(probe.ok(), probe.status().message());
    const double midline_x_mm = probe->field->FrameMm().WidthMm() * 0.5;

    WalkCounts total;
    auto everything = [](const std::string&) { return true; };
    // Of the scalp design, the template and the zones layer (and the layers list, for moves).
    auto scalp_only = [](const std::string& path) {
        return path.rfind("/template", 0) == 0 || path.rfind("/density/layers/2", 0) == 0 || path == "/density/layers";
    };
    const std::vector<std::pair<json, std::function<bool(const std::string&)>>> walks = {
        {Parse(kMaximalFlat), everything}, {Parse(kMaximalScalp, std::floor(midline_x_mm)), scalp_only}, {Parse(kVersion1), everything}};
    for (const auto& [document, walked] : walks) {
        const auto t0 = std::chrono::steady_clock::now();
        const WalkCounts counts = Walk(document, enums, walked);
        MESSAGE(document.value("title", "version 1") << ": " << counts.leaves << " fields, " << counts.others << " structural edits, "
                                                     << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s");
        total.leaves += counts.leaves;
        total.others += counts.others;
        total.others_changed += counts.others_changed;
        total.refused += counts.refused;
        total.no_op_leaves += counts.no_op_leaves;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE(total.leaves << " fields walked, " << total.leaves - total.no_op_leaves << " changed one at a time (the others tied to other fields or ignored); " << total.others << " structural edits (" << total.others_changed << " changed the design, "
                         << total.refused << " refused by the loader); " << seconds << " s");
    CHECK(total.leaves > 100);
}

TEST_CASE("exact: -0.0 and 0.0 differ, NaN is itself, a smooth stroke's strength is not compared") {
    smp::Design a;
    a.layers.push_back(smp::StrokeLayer{{smp::Vec2(0.0, 1.0)}, {1.0}, 10.0, smp::DensityValue::Dots(5.0), 0.5, smp::StrokeLayer::Blend::kSet});
    smp::Design b = a;
    std::get<smp::StrokeLayer>(b.layers[0]).points_mm[0].x() = -0.0;
    CHECK(a == b);   // by value
    CHECK_FALSE(smp::IdenticalDesigns(a, b));
    CHECK(smp::DiffDesigns(a, b).layer_changed == std::vector<bool>{true});

    b = a;
    std::get<smp::StrokeLayer>(a.layers[0]).radius_mm = std::nan("");
    std::get<smp::StrokeLayer>(b.layers[0]).radius_mm = std::nan("");
    CHECK_FALSE(a == b);
    CHECK(smp::IdenticalDesigns(a, b));

    std::get<smp::StrokeLayer>(a.layers[0]).blend = smp::StrokeLayer::Blend::kSmooth;
    std::get<smp::StrokeLayer>(b.layers[0]).blend = smp::StrokeLayer::Blend::kSmooth;
    std::get<smp::StrokeLayer>(b.layers[0]).strength = smp::DensityValue::Dots(50.0);
    CHECK(smp::IdenticalDesigns(a, b));
    std::get<smp::StrokeLayer>(b.layers[0]).blend = smp::StrokeLayer::Blend::kAdd;
    CHECK_FALSE(smp::IdenticalDesigns(a, b));

    // What the diff reports, part by part.
    smp::Design c = a;
    c.title = "renamed";
    c.dots_per_minute = 90.0;
    smp::DesignDiff diff = smp::DiffDesigns(a, c);
    CHECK(diff.OnlyMetadata());
    CHECK_FALSE(diff.Empty());
    c = a;
    c.seed = 2;
    diff = smp::DiffDesigns(a, c);
    CHECK(diff.Ground());
    CHECK_FALSE(diff.OnlyMetadata());
    c = a;
    c.layers.push_back(smp::ZonesLayer{});
    diff = smp::DiffDesigns(a, c);
    CHECK(diff.unchanged_layer_prefix == 1);
    CHECK(diff.layer_changed == std::vector<bool>{false, true});
    c = a;
    c.sessions = smp::DefaultSessions();
    a.sessions = smp::DefaultSessions();
    c.sessions[0].pigment.tone_percent += 1.0;
    diff = smp::DiffDesigns(a, c);
    CHECK(diff.sessions);
    CHECK_FALSE(diff.session_fractions);
    CHECK_FALSE(diff.dot_sizes);
    c.sessions[1].fill_needle.dot_diameter_mm = 0.3;
    CHECK(smp::DiffDesigns(a, c).dot_sizes);
    c.sessions[2].cumulative_fraction = 0.99;
    CHECK(smp::DiffDesigns(a, c).session_fractions);
}
