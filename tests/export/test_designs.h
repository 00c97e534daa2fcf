// Designs the export tests draw: a small flat work area with a few dozen well-separated dots.
#pragma once

#include "core/design_json.h"
#include "core/generator.h"
#include "core/presets.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace smp::test {

// 20 × 20 mm, 20 dots/cm² on [2, 18]² mm only (the frame's edges stay clear of dots), three
// default sessions 14 days apart. At 400 px a fill dot is 5 px across and dots are >= 4 px apart.
inline Design FlatDesign(const std::string& title = "Flat test") {
    nlohmann::json document = nlohmann::json::parse(R"({"type":"smp.design","schema_version":2,"seed":11,
        "template":{"kind":"flat","width_mm":20,"height_mm":20},
        "density":{"layers":[{"kind":"grid","origin_mm":[2,2],"cell_mm":16,"cols":1,"rows":1,"per_cm2":[20]}]}})");
    document["title"] = title;
    Expected<Design> design = RestoreDesign(document);
    REQUIRE_MESSAGE(design.ok(), design.status().message());
    return *design;
}

inline DotPattern Generate(const Design& design) {
    Expected<DotPattern> pattern = GenerateDots(design);
    REQUIRE_MESSAGE(pattern.ok(), pattern.status().message());
    return std::move(*pattern);
}

inline Design PresetDesign(const char* name) {
    const Expected<std::string> text = PresetText(name);
    REQUIRE(text.ok());
    Expected<Design> design = RestoreDesign(std::string_view(*text));
    REQUIRE(design.ok());
    return *design;
}

}  // namespace smp::test
