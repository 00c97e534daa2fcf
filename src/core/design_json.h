// smp core: the design's JSON format, `{"type": "smp.design", "schema_version": 1, ...}`.
//
// Every load goes through RestoreDesign(): it parses without exceptions, fills defaults, migrates
// older schema versions, and refuses bad input with a message that names the field
// ("density.layers[0].cell_mm must be a number >= 0.5, got -2"). Limits are in DesignLimits.
#pragma once

#include "core/design.h"
#include "core/status.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>

namespace smp {

// Version 2 (treatment design) added the scalp template, zones, areas, strokes, hairline, scars,
// pigments and per-session needles; version 1 files migrate (their one needle becomes the fill).
inline constexpr int kDesignSchemaVersion = 2;

// Parses and validates design JSON text. Errors: kParseError (not JSON, wrong "type"),
// kUnsupported (a schema_version from the future), kInvalidArgument (a field of the wrong type or
// out of range: the message names it), kLimitExceeded (text or grid beyond DesignLimits).
Expected<Design> RestoreDesign(std::string_view json_text);
Expected<Design> RestoreDesign(const nlohmann::json& document);

// The design as JSON with every field written out (defaults included), keys in a stable order:
// the same design always gives the same text.
nlohmann::json DesignToJson(const Design& design);
std::string DesignToJsonText(const Design& design);

// One grid layer at `path` (for messages), as in a design's density.layers; used by the plan's
// target_density too.
Status RestoreGridLayer(const nlohmann::json& value, const std::string& path, GridLayer& layer);

}  // namespace smp
