// smp core: reading JSON with messages that name the field. Shared by the design and plan
// formats, the presets and the page API (src/ui/page_api.cpp), which also parse through
// ParseJsonText so that the program carries one instantiation of nlohmann's parser; nothing else
// includes it (nlohmann/json stays in the formats).
#pragma once

#include "core/status.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace smp::json_reader {

using nlohmann::json;

// A short description of a value for messages: "\"wide\"", "an array", "-4".
std::string Describe(const json& value);
std::string FormatNumber(double value);

// kInvalidArgument: "<path> must be <expectation>, got <value>" (or "..., but it is missing").
Status Invalid(const std::string& path, const std::string& expectation, const json* got);

// object[key] as a finite number in [lo, hi]; a missing key keeps `out` unless `required`.
Status ReadNumber(const json& object, const std::string& path, const char* key, double lo, double hi,
                  double& out, bool required = false);
// object[key] as a whole number in [lo, hi] (3.0 counts, 3.5 does not).
Status ReadInteger(const json& object, const std::string& path, const char* key, int64_t lo, int64_t hi,
                   int64_t& out, bool required = false);
Status RequireObject(const json& value, const std::string& path);

// The header every file of ours starts with: a JSON object whose "type" is `type` and whose
// "schema_version" is a whole number no newer than `current_version` (kUnsupported, "please update
// the app", when it is). Returns the file's version, for the caller's migrations. `noun` names the
// file in messages ("a design must be a JSON object").
Expected<int64_t> ReadHeader(const json& document, const char* type, const char* noun, int64_t current_version);

// Parses text of at most `max_bytes` without exceptions escaping. Errors name `what`:
// kLimitExceeded ("the design is N bytes; the limit is M"), kParseError ("the design is not valid
// JSON: parse error at line 1, column 3: ...").
Expected<json> ParseJsonText(std::string_view text, size_t max_bytes, const char* what);

}  // namespace smp::json_reader
