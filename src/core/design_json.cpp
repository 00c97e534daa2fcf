// smp core: design JSON. The only place (with the plan format) that knows nlohmann/json.
//
// [SECTION] Small readers
// [SECTION] Template, layers, hairline, scars, sessions
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
// [SECTION] Small readers
// ---------------------------------------------------------------------------------------------

std::string Join(const std::string& path, const char* key) { return path.empty() ? key : path + "." + key; }

// A density: a number of dots/cm², or {"percent_natural": p} (100 % = kNaturalDensityPerCm2).
Status ReadDensityValue(const json& value, const std::string& path, double lo_per_cm2, double hi_per_cm2, DensityValue& out) {
    const std::string expectation = "a density: dots/cm² from " + FormatNumber(lo_per_cm2) + " to " + FormatNumber(hi_per_cm2) +
                                    ", or {\"percent_natural\": p}";
    if (value.is_number()) {
        const double v = value.get<double>();
        if (!std::isfinite(v) || v < lo_per_cm2 || v > hi_per_cm2) return Invalid(path, expectation, &value);
        out = DensityValue::Dots(v);
        return Status::Ok();
    }
    if (value.is_object() && value.size() == 1 && value.contains("percent_natural")) {
        const double lo = lo_per_cm2 * 100.0 / kNaturalDensityPerCm2, hi = hi_per_cm2 * 100.0 / kNaturalDensityPerCm2;
        double percent = 0.0;
        if (Status s = ReadNumber(value, path, "percent_natural", lo, hi, percent, true); !s.ok()) return s;
        out = DensityValue::PercentNatural(percent);
        return Status::Ok();
    }
    return Invalid(path, expectation, &value);
}

Status ReadDensityField(const json& object, const std::string& path, const char* key, double lo, double hi,
                        DensityValue& out, bool required) {
    const auto it = object.find(key);
    if (it == object.end()) return required ? Invalid(Join(path, key), "a density (dots/cm² or {\"percent_natural\": p})", nullptr) : Status::Ok();
    return ReadDensityValue(*it, Join(path, key), lo, hi, out);
}

// A list of points [[x, y], ...] in millimetres (with an optional third number per point when
// `pressure` is given: pen pressure 0..1).
Status ReadPoints(const json& object, const std::string& path, const char* key, size_t min_points, int64_t& budget,
                  std::vector<Vec2>& out, std::vector<double>* pressure = nullptr,
                  size_t max_points = static_cast<size_t>(DesignLimits::kMaxPathPoints)) {
    const std::string field = Join(path, key);
    const auto it = object.find(key);
    const std::string expectation = "a list of at least " + std::to_string(min_points) + " points [x_mm, y_mm" +
                                    (pressure ? std::string(", pressure]") : std::string("]"));
    if (it == object.end() || !it->is_array()) return Invalid(field, expectation, it == object.end() ? nullptr : &*it);
    if (it->size() < min_points) return Invalid(field, expectation, &*it);
    if (it->size() > max_points) {
        return {StatusCode::kLimitExceeded, field + " has " + std::to_string(it->size()) + " points; the limit is " +
                                                std::to_string(max_points)};
    }
    budget -= static_cast<int64_t>(it->size());
    if (budget < 0) {
        return {StatusCode::kLimitExceeded, "the design has more than " + std::to_string(DesignLimits::kMaxTotalPathPoints) +
                                                " path points in all (at " + field + ")"};
    }
    out.clear();
    out.reserve(it->size());
    if (pressure) pressure->clear();
    for (size_t i = 0; i < it->size(); ++i) {
        const json& point = (*it)[i];
        const std::string point_path = field + "[" + std::to_string(i) + "]";
        const size_t max_size = pressure ? 3 : 2;
        if (!point.is_array() || point.size() < 2 || point.size() > max_size || !point[0].is_number() || !point[1].is_number()) {
            return Invalid(point_path, pressure ? "[x_mm, y_mm] or [x_mm, y_mm, pressure]" : "[x_mm, y_mm]", &point);
        }
        const double x = point[0].get<double>(), y = point[1].get<double>();
        const double limit = DesignLimits::kMaxTemplateSideMm;
        if (!std::isfinite(x) || !std::isfinite(y) || std::fabs(x) > limit || std::fabs(y) > limit) {
            return Invalid(point_path, "a point within ±" + FormatNumber(limit) + " mm", &point);
        }
        out.emplace_back(x, y);
        if (pressure) {
            double p = 1.0;
            if (point.size() == 3) {
                if (!point[2].is_number() || !(point[2].get<double>() >= 0.0 && point[2].get<double>() <= 1.0)) {
                    return Invalid(point_path + "[2]", "a pen pressure from 0 to 1", &point[2]);
                }
                p = point[2].get<double>();
            }
            pressure->push_back(p);
        }
    }
    return Status::Ok();
}

Status ReadBool(const json& object, const std::string& path, const char* key, bool& out) {
    const auto it = object.find(key);
    if (it == object.end()) return Status::Ok();
    if (!it->is_boolean()) return Invalid(Join(path, key), "true or false", &*it);
    out = it->get<bool>();
    return Status::Ok();
}

template <typename Enum, size_t N>
Status ReadEnum(const json& object, const std::string& path, const char* key, const std::pair<const char*, Enum> (&names)[N],
                Enum& out) {
    const auto it = object.find(key);
    if (it == object.end()) return Status::Ok();
    std::string expectation;
    for (size_t i = 0; i < N; ++i) {
        if (it->is_string() && it->get<std::string>() == names[i].first) {
            out = names[i].second;
            return Status::Ok();
        }
        expectation += (i == 0 ? "" : i + 1 == N ? " or " : ", ") + std::string("\"") + names[i].first + "\"";
    }
    return Invalid(Join(path, key), expectation, &*it);
}

template <typename Enum, size_t N>
const char* NameOf(const std::pair<const char*, Enum> (&names)[N], Enum value) {
    for (const auto& [name, v] : names) if (v == value) return name;
    return names[0].first;
}

constexpr std::pair<const char*, TreatmentMode> kModes[] = {{"shaved", TreatmentMode::kShaved}, {"density", TreatmentMode::kDensity}};
constexpr std::pair<const char*, Interpolation> kInterpolations[] = {{"nearest", Interpolation::kNearest},
                                                                      {"bilinear", Interpolation::kBilinear}};
constexpr std::pair<const char*, StrokeLayer::Blend> kBlends[] = {
    {"set", StrokeLayer::Blend::kSet}, {"add", StrokeLayer::Blend::kAdd}, {"smooth", StrokeLayer::Blend::kSmooth}};
constexpr std::pair<const char*, HairlineStyle> kStyles[] = {{"soft", HairlineStyle::kSoft},
                                                             {"broken", HairlineStyle::kBroken},
                                                             {"faded", HairlineStyle::kFaded},
                                                             {"defined", HairlineStyle::kDefined}};
constexpr std::pair<const char*, ScarSpec::Kind> kScarKinds[] = {{"fut_strip", ScarSpec::Kind::kFutStrip},
                                                                 {"fue_field", ScarSpec::Kind::kFueField}};
constexpr std::pair<const char*, Needle> kNeedles[] = {{"1RL", Needle::k1RL}, {"3RL", Needle::k3RL}};

// ---------------------------------------------------------------------------------------------
// [SECTION] Template, layers, hairline, scars, sessions
// ---------------------------------------------------------------------------------------------

Status RestoreTemplate(const json& document, TemplateSpec& out) {
    const auto it = document.find("template");
    if (it == document.end()) return Status::Ok();
    if (Status s = RequireObject(*it, "template"); !s.ok()) return s;
    constexpr std::pair<const char*, TemplateSpec::Kind> kKinds[] = {{"flat", TemplateSpec::Kind::kFlat}, {"scalp", TemplateSpec::Kind::kScalp}};
    if (!it->contains("kind")) return Invalid("template.kind", "\"flat\" or \"scalp\"", nullptr);
    if (Status s = ReadEnum(*it, "template", "kind", kKinds, out.kind); !s.ok()) return s;
    if (out.kind == TemplateSpec::Kind::kFlat) {
        const double max_side = DesignLimits::kMaxTemplateSideMm;
        if (Status s = ReadNumber(*it, "template", "width_mm", 1.0, max_side, out.flat.width_mm, true); !s.ok()) return s;
        return ReadNumber(*it, "template", "height_mm", 1.0, max_side, out.flat.height_mm, true);
    }
    HeadMeasurements& head = out.head;
    if (Status s = ReadNumber(*it, "template", "circumference_mm", kMinCircumferenceMm, kMaxCircumferenceMm, head.circumference_mm); !s.ok()) return s;
    if (Status s = ReadNumber(*it, "template", "glabella_to_nape_mm", kMinGlabellaToNapeMm, kMaxGlabellaToNapeMm, head.glabella_to_nape_mm); !s.ok()) return s;
    return ReadNumber(*it, "template", "ear_to_ear_mm", kMinEarToEarMm, kMaxEarToEarMm, head.ear_to_ear_mm);
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
    if (Status s = ReadEnum(value, path, "interpolation", kInterpolations, layer.interpolation); !s.ok()) return s;
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

constexpr double kMaxDensity = DesignLimits::kMaxDensityPerCm2;

Status RestoreZonesLayer(const json& value, const std::string& path, ZonesLayer& layer) {
    if (Status s = ReadNumber(value, path, "blend_mm", 0.0, 50.0, layer.blend_mm); !s.ok()) return s;
    const auto targets = value.find("targets");
    if (targets == value.end() || !targets->is_object()) {
        return Invalid(path + ".targets", "an object of zone names and densities, e.g. {\"frontal\": 80}",
                       targets == value.end() ? nullptr : &*targets);
    }
    for (const auto& [name, target] : targets->items()) {
        const std::optional<ZoneId> zone = ZoneFromName(name);
        if (!zone) {
            std::string names;
            for (int z = 0; z < kZoneCount; ++z) names += (z ? ", " : "") + std::string(ZoneName(static_cast<ZoneId>(z)));
            return {StatusCode::kInvalidArgument, path + ".targets has an unknown zone \"" + name.substr(0, 40) + "\"; zones are " + names};
        }
        DensityValue density;
        if (Status s = ReadDensityValue(target, path + ".targets." + name, 0.0, kMaxDensity, density); !s.ok()) return s;
        layer.per_zone[static_cast<size_t>(*zone)] = density;
    }
    return Status::Ok();
}

Status RestoreDensity(const json& document, std::vector<DensityLayer>& layers, int64_t& budget) {
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
        const std::string kind_name = kind != value.end() && kind->is_string() ? kind->get<std::string>() : "";
        if (kind_name == "grid") {
            GridLayer layer;
            if (Status s = RestoreGridLayer(value, path, layer); !s.ok()) return s;
            layers.emplace_back(std::move(layer));
        } else if (kind_name == "zones") {
            ZonesLayer layer;
            if (Status s = RestoreZonesLayer(value, path, layer); !s.ok()) return s;
            layers.emplace_back(std::move(layer));
        } else if (kind_name == "area") {
            AreaLayer layer;
            if (Status s = ReadPoints(value, path, "points_mm", 3, budget, layer.polygon_mm, nullptr,
                                      static_cast<size_t>(DesignLimits::kMaxPolygonPoints));
                !s.ok()) {
                return s;
            }
            if (Status s = ReadDensityField(value, path, "target", 0.0, kMaxDensity, layer.target, true); !s.ok()) return s;
            if (Status s = ReadNumber(value, path, "feather_mm", 0.0, 50.0, layer.feather_mm); !s.ok()) return s;
            layers.emplace_back(std::move(layer));
        } else if (kind_name == "stroke") {
            StrokeLayer layer;
            if (Status s = ReadPoints(value, path, "points_mm", 1, budget, layer.points_mm, &layer.pressure); !s.ok()) return s;
            if (Status s = ReadNumber(value, path, "radius_mm", 0.5, 100.0, layer.radius_mm, true); !s.ok()) return s;
            if (Status s = ReadEnum(value, path, "blend", kBlends, layer.blend); !s.ok()) return s;
            if (layer.blend == StrokeLayer::Blend::kSmooth) {
                // Smoothing has no strength: one given is checked (a typo should not pass unseen)
                // and dropped, so that restore(write(d)) is d.
                DensityValue ignored;
                if (Status s = ReadDensityField(value, path, "strength", -kMaxDensity, kMaxDensity, ignored, false); !s.ok()) return s;
            } else {
                const double lo = layer.blend == StrokeLayer::Blend::kAdd ? -kMaxDensity : 0.0;
                if (Status s = ReadDensityField(value, path, "strength", lo, kMaxDensity, layer.strength, true); !s.ok()) return s;
            }
            if (Status s = ReadNumber(value, path, "falloff", 0.0, 1.0, layer.falloff); !s.ok()) return s;
            layers.emplace_back(std::move(layer));
        } else {
            return Invalid(path + ".kind", "\"grid\", \"zones\", \"area\" or \"stroke\"", kind == value.end() ? nullptr : &*kind);
        }
    }
    return Status::Ok();
}

Status RestoreHairline(const json& document, std::optional<HairlineSpec>& out, int64_t& budget) {
    const auto it = document.find("hairline");
    if (it == document.end() || it->is_null()) return Status::Ok();
    if (Status s = RequireObject(*it, "hairline"); !s.ok()) return s;
    HairlineSpec spec;
    if (Status s = ReadBool(*it, "hairline", "mirror", spec.mirror); !s.ok()) return s;
    if (Status s = ReadPoints(*it, "hairline", "points_mm", spec.mirror ? 1 : 2, budget, spec.points_mm); !s.ok()) return s;
    if (Status s = ReadNumber(*it, "hairline", "asymmetry_mm", -10.0, 10.0, spec.asymmetry_mm); !s.ok()) return s;
    if (Status s = ReadEnum(*it, "hairline", "style", kStyles, spec.style); !s.ok()) return s;
    struct Optional { const char* key; double lo, hi; std::optional<double>& out; };
    const Optional optionals[] = {{"transition_mm", 5.0, 10.0, spec.transition_mm},
                                  {"large_irregularity_mm", 0.0, 6.0, spec.large_irregularity_mm},
                                  {"small_irregularity_mm", 0.0, 6.0, spec.small_irregularity_mm},
                                  {"stray_per_cm2", 0.0, 10.0, spec.stray_per_cm2}};
    for (const Optional& o : optionals) {
        if (!it->contains(o.key) || (*it)[o.key].is_null()) continue;
        double v = 0.0;
        if (Status s = ReadNumber(*it, "hairline", o.key, o.lo, o.hi, v); !s.ok()) return s;
        o.out = v;
    }
    out = std::move(spec);
    return Status::Ok();
}

Status RestoreScars(const json& document, std::vector<ScarSpec>& scars, int64_t& budget) {
    const auto list = document.find("scars");
    if (list == document.end()) return Status::Ok();
    if (!list->is_array()) return Invalid("scars", "an array", &*list);
    if (list->size() > static_cast<size_t>(DesignLimits::kMaxScars)) {
        return {StatusCode::kLimitExceeded, "scars has " + std::to_string(list->size()) + " entries; the limit is " +
                                                std::to_string(DesignLimits::kMaxScars)};
    }
    for (size_t i = 0; i < list->size(); ++i) {
        const std::string path = "scars[" + std::to_string(i) + "]";
        const json& value = (*list)[i];
        if (Status s = RequireObject(value, path); !s.ok()) return s;
        ScarSpec scar;
        if (!value.contains("kind")) return Invalid(path + ".kind", "\"fut_strip\" or \"fue_field\"", nullptr);
        if (Status s = ReadEnum(value, path, "kind", kScarKinds, scar.kind); !s.ok()) return s;
        const auto label = value.find("label");
        if (label != value.end()) {
            if (!label->is_string() || label->get<std::string>().size() > 80) return Invalid(path + ".label", "a text of up to 80 characters", &*label);
            scar.label = label->get<std::string>();
        }
        const bool strip = scar.kind == ScarSpec::Kind::kFutStrip;
        if (Status s = ReadPoints(value, path, "points_mm", strip ? 2 : 3, budget, scar.points_mm, nullptr,
                                  static_cast<size_t>(DesignLimits::kMaxPolygonPoints));
            !s.ok()) {
            return s;
        }
        if (strip) {
            if (Status s = ReadNumber(value, path, "width_mm", 0.5, 15.0, scar.width_mm); !s.ok()) return s;
        } else {
            int64_t count = scar.count;
            if (Status s = ReadInteger(value, path, "count", 1, DesignLimits::kMaxFueScarsPerField, count); !s.ok()) return s;
            scar.count = static_cast<int>(count);
            if (Status s = ReadNumber(value, path, "scar_diameter_mm", 0.5, 2.0, scar.scar_diameter_mm); !s.ok()) return s;
        }
        if (value.contains("target") && !value["target"].is_null()) {
            DensityValue target;
            if (Status s = ReadDensityField(value, path, "target", 0.0, kMaxDensity, target, true); !s.ok()) return s;
            scar.target = target;
        }
        if (Status s = ReadNumber(value, path, "blend_mm", 0.0, 40.0, scar.blend_mm); !s.ok()) return s;
        scars.push_back(std::move(scar));
    }
    return Status::Ok();
}

Status RestoreNeedle(const json& object, const std::string& path, const char* key, NeedleChoice& out) {
    const auto it = object.find(key);
    if (it == object.end()) return Status::Ok();
    const std::string field = Join(path, key);
    if (Status s = RequireObject(*it, field); !s.ok()) return s;
    if (it->contains("needle")) {
        if (Status s = ReadEnum(*it, field, "needle", kNeedles, out.needle); !s.ok()) return s;
        out.dot_diameter_mm = DefaultDotDiameterMm(out.needle);
    }
    return ReadNumber(*it, field, "dot_diameter_mm", 0.1, 1.0, out.dot_diameter_mm);
}

// Needles for every session that names none: {"hairline": {...}, "fill": {...}}.
Status RestoreNeedles(const json& object, const std::string& path, NeedleChoice& hairline, NeedleChoice& fill) {
    const auto it = object.find("needles");
    if (it == object.end()) return Status::Ok();
    const std::string field = Join(path, "needles");
    if (Status s = RequireObject(*it, field); !s.ok()) return s;
    if (Status s = RestoreNeedle(*it, field, "hairline", hairline); !s.ok()) return s;
    return RestoreNeedle(*it, field, "fill", fill);
}

Status RestoreSessions(const json& document, bool with_scars, const NeedleChoice& hairline, const NeedleChoice& fill,
                       std::vector<SessionSpec>& sessions) {
    const auto list = document.find("sessions");
    if (list == document.end()) {
        sessions = DefaultSessions(with_scars);
        for (SessionSpec& s : sessions) {
            s.hairline_needle = hairline;
            s.fill_needle = fill;
        }
        return Status::Ok();
    }
    if (!list->is_array() || list->empty()) return Invalid("sessions", "a non-empty array", &*list);
    if (list->size() > static_cast<size_t>(DesignLimits::kMaxSessions)) {
        return {StatusCode::kLimitExceeded, "sessions has " + std::to_string(list->size()) + " entries; the limit is " +
                                                std::to_string(DesignLimits::kMaxSessions)};
    }
    (void)with_scars;   // given sessions take their defaults from their own number, scars or not
    for (size_t i = 0; i < list->size(); ++i) {
        const std::string path = "sessions[" + std::to_string(i) + "]";
        const json& value = (*list)[i];
        if (Status s = RequireObject(value, path); !s.ok()) return s;
        SessionSpec session;
        session.pigment.dilution_percent = DefaultDilutionPercent(i, list->size());
        session.dark_scatter_percent = DefaultDarkScatterPercent(i, list->size());
        session.hairline_needle = hairline;
        session.fill_needle = fill;
        int64_t day = 0;
        if (Status s = ReadInteger(value, path, "day", 0, DesignLimits::kMaxSessionDay, day, true); !s.ok()) return s;
        session.day = static_cast<int>(day);
        if (Status s = ReadNumber(value, path, "cumulative_fraction", 0.01, 1.0, session.cumulative_fraction, true);
            !s.ok()) {
            return s;
        }
        if (const auto pigment = value.find("pigment"); pigment != value.end()) {
            if (Status s = RequireObject(*pigment, path + ".pigment"); !s.ok()) return s;
            if (Status s = ReadNumber(*pigment, path + ".pigment", "tone_percent", 10.0, 100.0, session.pigment.tone_percent); !s.ok()) return s;
            if (Status s = ReadNumber(*pigment, path + ".pigment", "dilution_percent", 0.0, 90.0, session.pigment.dilution_percent); !s.ok()) return s;
        }
        if (Status s = ReadNumber(value, path, "dark_scatter_percent", 0.0, 30.0, session.dark_scatter_percent); !s.ok()) return s;
        if (Status s = RestoreNeedles(value, path, session.hairline_needle, session.fill_needle); !s.ok()) return s;
        if (i == 0 && session.day != 0) return Invalid(path + ".day", "0 (days count from the first session)", &value["day"]);
        if (!sessions.empty()) {
            const int gap = session.day - sessions.back().day;
            if (gap < DesignLimits::kMinSessionGapDays || gap > DesignLimits::kMaxSessionGapDays) {
                return Invalid(path + ".day",
                               std::to_string(DesignLimits::kMinSessionGapDays) + " to " + std::to_string(DesignLimits::kMaxSessionGapDays) +
                                   " days after the previous session's day " + std::to_string(sessions.back().day),
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

// ---------------------------------------------------------------------------------------------
// [SECTION] Restore
// ---------------------------------------------------------------------------------------------

Expected<Design> RestoreDesign(const json& document) {
    const Expected<int64_t> version = ReadHeader(document, "smp.design", "design", kDesignSchemaVersion);
    if (!version.ok()) return version.status();

    Design design;
    const std::pair<const char*, size_t> texts[] = {{"title", 80}, {"notes", 2000}};
    for (const auto& [key, limit] : texts) {
        const auto it = document.find(key);
        if (it == document.end()) continue;
        if (!it->is_string() || it->get<std::string>().size() > limit) {
            return Invalid(key, "a text of up to " + std::to_string(limit) + " characters", &*it);
        }
        (std::string_view(key) == "title" ? design.title : design.notes) = it->get<std::string>();
    }
    int64_t seed = design.seed;
    if (Status s = ReadInteger(document, "", "seed", 0, 0xFFFFFFFFll, seed); !s.ok()) return s;
    design.seed = static_cast<uint32_t>(seed);
    if (Status s = RestoreTemplate(document, design.template_spec); !s.ok()) return s;
    if (Status s = ReadEnum(document, "", "mode", kModes, design.mode); !s.ok()) return s;
    int64_t budget = DesignLimits::kMaxTotalPathPoints;
    if (Status s = RestoreDensity(document, design.layers, budget); !s.ok()) return s;
    if (Status s = RestoreHairline(document, design.hairline, budget); !s.ok()) return s;
    if (Status s = RestoreScars(document, design.scars, budget); !s.ok()) return s;

    NeedleChoice hairline_needle{Needle::k1RL, DefaultDotDiameterMm(Needle::k1RL)};
    NeedleChoice fill_needle{Needle::k3RL, DefaultDotDiameterMm(Needle::k3RL)};
    if (*version == 1) {
        // Version 1 had one needle for every dot, at the top level: it becomes the fill needle.
        if (document.contains("needle")) {
            if (Status s = ReadEnum(document, "", "needle", kNeedles, fill_needle.needle); !s.ok()) return s;
            fill_needle.dot_diameter_mm = DefaultDotDiameterMm(fill_needle.needle);
        }
        if (Status s = ReadNumber(document, "", "dot_diameter_mm", 0.1, 1.0, fill_needle.dot_diameter_mm); !s.ok()) return s;
    } else {
        for (const char* old_key : {"needle", "dot_diameter_mm"}) {
            if (document.contains(old_key)) {
                return Status(StatusCode::kInvalidArgument, std::string(old_key) + " is a version 1 field; version 2 sets needles in \"needles\" "
                                                            "(for every session) or per session, e.g. {\"needles\": {\"fill\": {\"needle\": \"3RL\"}}}");
            }
        }
        if (Status s = RestoreNeedles(document, "", hairline_needle, fill_needle); !s.ok()) return s;
    }
    if (Status s = RestoreSessions(document, !design.scars.empty(), hairline_needle, fill_needle, design.sessions); !s.ok()) return s;
    if (Status s = ReadNumber(document, "", "dots_per_minute", 10.0, 400.0, design.dots_per_minute); !s.ok()) return s;
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

namespace {

json PointsJson(const std::vector<Vec2>& points, const std::vector<double>* pressure = nullptr) {
    json out = json::array();
    for (size_t i = 0; i < points.size(); ++i) {
        if (pressure && (*pressure)[i] != 1.0) out.push_back({points[i].x(), points[i].y(), (*pressure)[i]});
        else out.push_back({points[i].x(), points[i].y()});
    }
    return out;
}

json DensityJson(const DensityValue& value) {
    if (value.unit == DensityValue::Unit::kPercentNatural) return {{"percent_natural", value.amount}};
    return value.amount;
}

json NeedleJson(const NeedleChoice& choice) {
    return {{"needle", NameOf(kNeedles, choice.needle)}, {"dot_diameter_mm", choice.dot_diameter_mm}};
}

json LayerJson(const DensityLayer& layer) {
    if (const auto* grid = std::get_if<GridLayer>(&layer)) {
        return {{"kind", "grid"},
                {"origin_mm", {grid->origin_mm.x(), grid->origin_mm.y()}},
                {"cell_mm", grid->cell_mm},
                {"cols", grid->cols},
                {"rows", grid->rows},
                {"interpolation", NameOf(kInterpolations, grid->interpolation)},
                {"per_cm2", grid->per_cm2}};
    }
    if (const auto* zones = std::get_if<ZonesLayer>(&layer)) {
        json targets = json::object();
        for (int z = 0; z < kZoneCount; ++z) {
            if (zones->per_zone[static_cast<size_t>(z)]) targets[std::string(ZoneName(static_cast<ZoneId>(z)))] = DensityJson(*zones->per_zone[static_cast<size_t>(z)]);
        }
        return {{"kind", "zones"}, {"targets", targets}, {"blend_mm", zones->blend_mm}};
    }
    if (const auto* area = std::get_if<AreaLayer>(&layer)) {
        return {{"kind", "area"}, {"points_mm", PointsJson(area->polygon_mm)}, {"target", DensityJson(area->target)},
                {"feather_mm", area->feather_mm}};
    }
    const auto& stroke = std::get<StrokeLayer>(layer);
    json out = {{"kind", "stroke"}, {"points_mm", PointsJson(stroke.points_mm, &stroke.pressure)}, {"radius_mm", stroke.radius_mm}};
    if (stroke.blend != StrokeLayer::Blend::kSmooth) out["strength"] = DensityJson(stroke.strength);
    out["falloff"] = stroke.falloff;
    out["blend"] = NameOf(kBlends, stroke.blend);
    return out;
}

}  // namespace

json DesignToJson(const Design& design) {
    json layers = json::array();
    for (const DensityLayer& layer : design.layers) layers.push_back(LayerJson(layer));
    json sessions = json::array();
    for (const SessionSpec& session : design.sessions) {
        sessions.push_back({{"day", session.day},
                            {"cumulative_fraction", session.cumulative_fraction},
                            {"pigment", {{"tone_percent", session.pigment.tone_percent}, {"dilution_percent", session.pigment.dilution_percent}}},
                            {"dark_scatter_percent", session.dark_scatter_percent},
                            {"needles", {{"hairline", NeedleJson(session.hairline_needle)}, {"fill", NeedleJson(session.fill_needle)}}}});
    }
    json template_json;
    if (design.template_spec.kind == TemplateSpec::Kind::kFlat) {
        template_json = {{"kind", "flat"}, {"width_mm", design.template_spec.flat.width_mm}, {"height_mm", design.template_spec.flat.height_mm}};
    } else {
        const HeadMeasurements& head = design.template_spec.head;
        template_json = {{"kind", "scalp"},
                         {"circumference_mm", head.circumference_mm},
                         {"glabella_to_nape_mm", head.glabella_to_nape_mm},
                         {"ear_to_ear_mm", head.ear_to_ear_mm}};
    }
    json out = {
        {"type", "smp.design"},
        {"schema_version", kDesignSchemaVersion},
        {"title", design.title},
        {"notes", design.notes},
        {"seed", design.seed},
        {"template", template_json},
        {"mode", NameOf(kModes, design.mode)},
        {"density", {{"layers", layers}}},
    };
    if (design.hairline) {
        const HairlineSpec& h = *design.hairline;
        json hairline = {{"points_mm", PointsJson(h.points_mm)}, {"mirror", h.mirror}, {"asymmetry_mm", h.asymmetry_mm},
                         {"style", NameOf(kStyles, h.style)}};
        if (h.transition_mm) hairline["transition_mm"] = *h.transition_mm;
        if (h.large_irregularity_mm) hairline["large_irregularity_mm"] = *h.large_irregularity_mm;
        if (h.small_irregularity_mm) hairline["small_irregularity_mm"] = *h.small_irregularity_mm;
        if (h.stray_per_cm2) hairline["stray_per_cm2"] = *h.stray_per_cm2;
        out["hairline"] = hairline;
    }
    json scars = json::array();
    for (const ScarSpec& scar : design.scars) {
        json s = {{"kind", NameOf(kScarKinds, scar.kind)}, {"label", scar.label}, {"points_mm", PointsJson(scar.points_mm)}};
        if (scar.kind == ScarSpec::Kind::kFutStrip) {
            s["width_mm"] = scar.width_mm;
        } else {
            s["count"] = scar.count;
            s["scar_diameter_mm"] = scar.scar_diameter_mm;
        }
        if (scar.target) s["target"] = DensityJson(*scar.target);
        s["blend_mm"] = scar.blend_mm;
        scars.push_back(std::move(s));
    }
    out["scars"] = scars;
    out["sessions"] = sessions;
    out["dots_per_minute"] = design.dots_per_minute;
    return out;
}

std::string DesignToJsonText(const Design& design) { return DesignToJson(design).dump(); }

}  // namespace smp
