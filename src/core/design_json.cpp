// smp core: design JSON. The only place (with the plan format) that knows nlohmann/json.
//
// [SECTION] Restore
// [SECTION] Write
#include "core/design_json.h"

#include "core/json_reader.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <string>

namespace smp {
namespace {

using nlohmann::json;
using namespace json_reader;

// ---------------------------------------------------------------------------------------------
// [SECTION] Restore
// ---------------------------------------------------------------------------------------------

Status RestoreTemplate(const json& document, FlatTemplate& out) {
    const auto it = document.find("template");
    if (it == document.end()) return Status::Ok();
    if (Status s = RequireObject(*it, "template"); !s.ok()) return s;
    const auto kind = it->find("kind");
    if (kind == it->end() || !kind->is_string() || kind->get<std::string>() != "flat") {
        return Invalid("template.kind", "\"flat\"", kind == it->end() ? nullptr : &*kind);
    }
    const double max_side = DesignLimits::kMaxTemplateSideMm;
    if (Status s = ReadNumber(*it, "template", "width_mm", 1.0, max_side, out.width_mm, true); !s.ok()) return s;
    return ReadNumber(*it, "template", "height_mm", 1.0, max_side, out.height_mm, true);
}

}  // namespace

Status RestoreGridLayer(const json& value, const std::string& path, GridLayer& layer) {
    if (Status s = RequireObject(value, path); !s.ok()) return s;
    const auto origin = value.find("origin_mm");
    if (origin != value.end()) {
        if (!origin->is_array() || origin->size() != 2 || !(*origin)[0].is_number() || !(*origin)[1].is_number() ||
            std::fabs((*origin)[0].get<double>()) > 1e6 || std::fabs((*origin)[1].get<double>()) > 1e6) {
            return Invalid(path + ".origin_mm", "[x, y] in millimetres", &*origin);
        }
        layer.origin_mm = Vec2((*origin)[0].get<double>(), (*origin)[1].get<double>());
    }
    if (Status s = ReadNumber(value, path, "cell_mm", DesignLimits::kMinGridCellMm, DesignLimits::kMaxTemplateSideMm,
                              layer.cell_mm, true);
        !s.ok()) {
        return s;
    }
    int64_t cols = 0, rows = 0;
    if (Status s = ReadInteger(value, path, "cols", 1, DesignLimits::kMaxGridCells, cols, true); !s.ok()) return s;
    if (Status s = ReadInteger(value, path, "rows", 1, DesignLimits::kMaxGridCells, rows, true); !s.ok()) return s;
    if (cols * rows > DesignLimits::kMaxGridCells) {
        return {StatusCode::kLimitExceeded, path + " has " + std::to_string(cols) + " x " + std::to_string(rows) +
                                                " cells; the limit is " + std::to_string(DesignLimits::kMaxGridCells)};
    }
    layer.cols = static_cast<int>(cols);
    layer.rows = static_cast<int>(rows);
    const auto interpolation = value.find("interpolation");
    if (interpolation != value.end()) {
        if (*interpolation == "nearest") layer.interpolation = Interpolation::kNearest;
        else if (*interpolation == "bilinear") layer.interpolation = Interpolation::kBilinear;
        else return Invalid(path + ".interpolation", "\"nearest\" or \"bilinear\"", &*interpolation);
    }
    const auto values = value.find("per_cm2");
    if (values == value.end() || !values->is_array()) {
        return Invalid(path + ".per_cm2", "an array of rows x cols densities", values == value.end() ? nullptr : &*values);
    }
    if (values->size() != static_cast<size_t>(cols * rows)) {
        return {StatusCode::kInvalidArgument, path + ".per_cm2 must have rows x cols = " + std::to_string(cols * rows) +
                                                  " values, got " + std::to_string(values->size())};
    }
    layer.per_cm2.resize(values->size());
    for (size_t i = 0; i < values->size(); ++i) {
        const json& v = (*values)[i];
        if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0.0 ||
            v.get<double>() > DesignLimits::kMaxDensityPerCm2) {
            return Invalid(path + ".per_cm2[" + std::to_string(i) + "]",
                           "a density from 0 to " + FormatNumber(DesignLimits::kMaxDensityPerCm2) + " dots/cm²", &v);
        }
        layer.per_cm2[i] = v.get<double>();
    }
    return Status::Ok();
}

namespace {

Status RestoreDensity(const json& document, std::vector<GridLayer>& layers) {
    const auto density = document.find("density");
    if (density == document.end()) return Status::Ok();
    if (Status s = RequireObject(*density, "density"); !s.ok()) return s;
    const auto list = density->find("layers");
    if (list == density->end()) return Status::Ok();
    if (!list->is_array()) return Invalid("density.layers", "an array", &*list);
    if (list->size() > static_cast<size_t>(DesignLimits::kMaxLayers)) {
        return {StatusCode::kLimitExceeded, "density.layers has " + std::to_string(list->size()) +
                                                " layers; the limit is " + std::to_string(DesignLimits::kMaxLayers)};
    }
    for (size_t i = 0; i < list->size(); ++i) {
        const std::string path = "density.layers[" + std::to_string(i) + "]";
        const json& value = (*list)[i];
        if (Status s = RequireObject(value, path); !s.ok()) return s;
        const auto kind = value.find("kind");
        if (kind == value.end() || *kind != "grid") {
            return Invalid(path + ".kind", "\"grid\"", kind == value.end() ? nullptr : &*kind);
        }
        GridLayer layer;
        if (Status s = RestoreGridLayer(value, path, layer); !s.ok()) return s;
        layers.push_back(std::move(layer));
    }
    return Status::Ok();
}

Status RestoreSessions(const json& document, std::vector<SessionSpec>& sessions) {
    const auto list = document.find("sessions");
    if (list == document.end()) {
        sessions = DefaultSessions();
        return Status::Ok();
    }
    if (!list->is_array() || list->empty()) return Invalid("sessions", "a non-empty array", &*list);
    if (list->size() > static_cast<size_t>(DesignLimits::kMaxSessions)) {
        return {StatusCode::kLimitExceeded, "sessions has " + std::to_string(list->size()) + " entries; the limit is " +
                                                std::to_string(DesignLimits::kMaxSessions)};
    }
    for (size_t i = 0; i < list->size(); ++i) {
        const std::string path = "sessions[" + std::to_string(i) + "]";
        const json& value = (*list)[i];
        if (Status s = RequireObject(value, path); !s.ok()) return s;
        SessionSpec session;
        int64_t day = 0;
        if (Status s = ReadInteger(value, path, "day", 0, DesignLimits::kMaxSessionDay, day, true); !s.ok()) return s;
        session.day = static_cast<int>(day);
        if (Status s = ReadNumber(value, path, "cumulative_fraction", 0.01, 1.0, session.cumulative_fraction, true);
            !s.ok()) {
            return s;
        }
        if (!sessions.empty()) {
            if (session.day <= sessions.back().day) {
                return Invalid(path + ".day", "later than the previous session's day " + std::to_string(sessions.back().day),
                               &value["day"]);
            }
            if (session.cumulative_fraction <= sessions.back().cumulative_fraction) {
                return Invalid(path + ".cumulative_fraction",
                               "larger than the previous session's " + FormatNumber(sessions.back().cumulative_fraction),
                               &value["cumulative_fraction"]);
            }
        }
        sessions.push_back(session);
    }
    if (sessions.back().cumulative_fraction != 1.0) {
        return Invalid("sessions[" + std::to_string(sessions.size() - 1) + "].cumulative_fraction",
                       "1 (the last session reaches the full target)", &list->back()["cumulative_fraction"]);
    }
    return Status::Ok();
}

}  // namespace

Expected<Design> RestoreDesign(const json& document) {
    const Expected<int64_t> version = ReadHeader(document, "smp.design", "design", kDesignSchemaVersion);
    if (!version.ok()) return version.status();
    // Version 1 is the first: there is nothing to migrate yet. Migrations go here, oldest first.

    Design design;
    int64_t seed = design.seed;
    if (Status s = ReadInteger(document, "", "seed", 0, 0xFFFFFFFFll, seed); !s.ok()) return s;
    design.seed = static_cast<uint32_t>(seed);
    if (Status s = RestoreTemplate(document, design.flat_template); !s.ok()) return s;
    if (Status s = RestoreDensity(document, design.layers); !s.ok()) return s;
    if (Status s = RestoreSessions(document, design.sessions); !s.ok()) return s;
    const auto needle = document.find("needle");
    if (needle != document.end()) {
        if (*needle == "1RL") design.needle = Needle::k1RL;
        else if (*needle == "3RL") design.needle = Needle::k3RL;
        else return Invalid("needle", "\"1RL\" or \"3RL\"", &*needle);
    }
    design.dot_diameter_mm = DefaultDotDiameterMm(design.needle);
    if (Status s = ReadNumber(document, "", "dot_diameter_mm", 0.1, 1.0, design.dot_diameter_mm); !s.ok()) return s;
    return design;
}

Expected<Design> RestoreDesign(std::string_view json_text) {
    Expected<json> document = ParseJsonText(json_text, DesignLimits::kMaxDesignBytes, "design");
    if (!document.ok()) return document.status();
    return RestoreDesign(*document);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Write
// ---------------------------------------------------------------------------------------------

json DesignToJson(const Design& design) {
    json layers = json::array();
    for (const GridLayer& layer : design.layers) {
        layers.push_back({
            {"kind", "grid"},
            {"origin_mm", {layer.origin_mm.x(), layer.origin_mm.y()}},
            {"cell_mm", layer.cell_mm},
            {"cols", layer.cols},
            {"rows", layer.rows},
            {"interpolation", layer.interpolation == Interpolation::kNearest ? "nearest" : "bilinear"},
            {"per_cm2", layer.per_cm2},
        });
    }
    json sessions = json::array();
    for (const SessionSpec& session : design.sessions) {
        sessions.push_back({{"day", session.day}, {"cumulative_fraction", session.cumulative_fraction}});
    }
    return {
        {"type", "smp.design"},
        {"schema_version", kDesignSchemaVersion},
        {"seed", design.seed},
        {"template", {{"kind", "flat"}, {"width_mm", design.flat_template.width_mm},
                      {"height_mm", design.flat_template.height_mm}}},
        {"density", {{"layers", layers}}},
        {"sessions", sessions},
        {"needle", design.needle == Needle::k1RL ? "1RL" : "3RL"},
        {"dot_diameter_mm", design.dot_diameter_mm},
    };
}

std::string DesignToJsonText(const Design& design) { return DesignToJson(design).dump(); }

}  // namespace smp
