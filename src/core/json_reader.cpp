#include "core/json_reader.h"

#include <cmath>
#include <cstdio>

namespace smp::json_reader {
namespace {

// Builds the document like json::parse, but keeps the parser's own words on failure (line, column,
// what was expected) instead of throwing: messages name the problem, and nothing escapes.
class DomParserKeepingError {
public:
    explicit DomParserKeepingError(json& result) : dom_(result, false) {}
    bool null() { return dom_.null(); }
    bool boolean(bool v) { return dom_.boolean(v); }
    bool number_integer(json::number_integer_t v) { return dom_.number_integer(v); }
    bool number_unsigned(json::number_unsigned_t v) { return dom_.number_unsigned(v); }
    bool number_float(json::number_float_t v, const json::string_t& s) { return dom_.number_float(v, s); }
    bool string(json::string_t& v) { return dom_.string(v); }
    bool binary(json::binary_t& v) { return dom_.binary(v); }
    bool start_object(std::size_t n) { return dom_.start_object(n); }
    bool key(json::string_t& v) { return dom_.key(v); }
    bool end_object() { return dom_.end_object(); }
    bool start_array(std::size_t n) { return dom_.start_array(n); }
    bool end_array() { return dom_.end_array(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) {
        // "[json.exception.parse_error.101] parse error at line 1, column 2: ..." -> from "parse error".
        const std::string what = error.what();
        const size_t start = what.find("] ");
        message_ = start == std::string::npos ? what : what.substr(start + 2);
        return false;
    }
    const std::string& message() const { return message_; }

private:
    nlohmann::detail::json_sax_dom_parser<json> dom_;
    std::string message_;
};

}  // namespace

std::string Describe(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return value.get<bool>() ? "true" : "false";
        case json::value_t::string: {
            std::string text = value.get<std::string>();
            if (text.size() > 40) text = text.substr(0, 40) + "...";
            return "\"" + text + "\"";
        }
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        default: {
            char buffer[64];
            std::snprintf(buffer, sizeof buffer, "%.10g", value.get<double>());
            return buffer;
        }
    }
}

std::string FormatNumber(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}

Status Invalid(const std::string& path, const std::string& expectation, const json* got) {
    return {StatusCode::kInvalidArgument,
            path + " must be " + expectation + (got ? ", got " + Describe(*got) : ", but it is missing")};
}

// Reads `object[key]` as a finite number in [lo, hi]; a missing key keeps `out` (the default)
// unless `required`.
Status ReadNumber(const json& object, const std::string& path, const char* key, double lo, double hi,
                  double& out, bool required) {
    const std::string field = path.empty() ? key : path + "." + key;
    const auto it = object.find(key);
    const std::string expectation = "a number from " + FormatNumber(lo) + " to " + FormatNumber(hi);
    if (it == object.end()) return required ? Invalid(field, expectation, nullptr) : Status::Ok();
    // nlohmann parses NaN/Infinity only from non-standard text; numbers here are finite, but a
    // number outside double's range arrives as infinity.
    if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < lo || it->get<double>() > hi) {
        return Invalid(field, expectation, &*it);
    }
    out = it->get<double>();
    return Status::Ok();
}

Status ReadInteger(const json& object, const std::string& path, const char* key, int64_t lo, int64_t hi,
                   int64_t& out, bool required) {
    const std::string field = path.empty() ? key : path + "." + key;
    const auto it = object.find(key);
    const std::string expectation = "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
    if (it == object.end()) return required ? Invalid(field, expectation, nullptr) : Status::Ok();
    if (it->is_number_integer() || it->is_number_unsigned()) {
        const bool fits = it->is_number_unsigned() ? it->get<uint64_t>() <= static_cast<uint64_t>(hi)
                                                   : it->get<int64_t>() >= lo && it->get<int64_t>() <= hi;
        if (fits) {
            out = it->is_number_unsigned() ? static_cast<int64_t>(it->get<uint64_t>()) : it->get<int64_t>();
            return Status::Ok();
        }
    } else if (it->is_number_float()) {
        // 3.0 is a whole number; 3.5 is not.
        const double value = it->get<double>();
        if (std::isfinite(value) && value == std::floor(value) && value >= static_cast<double>(lo) &&
            value <= static_cast<double>(hi)) {
            out = static_cast<int64_t>(value);
            return Status::Ok();
        }
    }
    return Invalid(field, expectation, &*it);
}

Status RequireObject(const json& value, const std::string& path) {
    return value.is_object() ? Status::Ok() : Invalid(path, "an object", &value);
}


Expected<int64_t> ReadHeader(const json& document, const char* type, const char* noun, int64_t current_version) {
    if (!document.is_object()) {
        return Status(StatusCode::kParseError, std::string("a ") + noun + " must be a JSON object, got " + Describe(document));
    }
    const auto found = document.find("type");
    if (found == document.end() || *found != type) {
        return Status(StatusCode::kParseError, std::string("type must be \"") + type + "\", got " +
                                                   (found == document.end() ? std::string("nothing") : Describe(*found)));
    }
    int64_t version = 0;
    if (Status s = ReadInteger(document, "", "schema_version", 1, 1'000'000, version, true); !s.ok()) return s;
    if (version > current_version) {
        return Status(StatusCode::kUnsupported, "schema_version " + std::to_string(version) +
                                                    " is newer than this version of SMP Designer understands (" +
                                                    std::to_string(current_version) + "); please update the app");
    }
    return version;
}

Expected<json> ParseJsonText(std::string_view text, size_t max_bytes, const char* what) {
    if (text.size() > max_bytes) {
        return Status(StatusCode::kLimitExceeded, std::string("the ") + what + " is " + std::to_string(text.size()) +
                                                      " bytes; the limit is " + std::to_string(max_bytes));
    }
    json document;
    DomParserKeepingError parser(document);
    if (!json::sax_parse(text.begin(), text.end(), &parser) || !parser.message().empty()) {
        return Status(StatusCode::kParseError, std::string("the ") + what + " is not valid JSON: " + parser.message());
    }
    return document;
}

}  // namespace smp::json_reader
