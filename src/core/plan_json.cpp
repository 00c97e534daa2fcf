// smp core: the plan format.
//
// [SECTION] Write
// [SECTION] Restore
#include "core/plan_json.h"

#include "core/design_json.h"
#include "core/json_reader.h"
#include "core/version.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace smp {
namespace {

using nlohmann::json;

// 1 µm: far below what a needle can place, and it keeps plans compact and stable.
double RoundMicrons(double mm) { return std::round(mm * 1000.0) / 1000.0; }
double Round2(double value) { return std::round(value * 100.0) / 100.0; }

json PointJson(const Vec2& p) { return {RoundMicrons(p.x()), RoundMicrons(p.y())}; }

const char* NeedleName(Needle needle) { return needle == Needle::k1RL ? "1RL" : "3RL"; }

// The target integrated on a 1 mm lattice: treated area, and per zone its area and mean target.
struct TargetFigures {
    double treated_cm2 = 0.0, target_sum = 0.0;
    std::array<double, kZoneCount> zone_treated_cm2{}, zone_target_sum{};
};

TargetFigures MeasureTarget(const DensityField& field) {
    TargetFigures figures;
    const RectMm frame = field.FrameMm();
    for (double y = 0.5; y < frame.max_mm.y(); y += 1.0) {
        for (double x = 0.5; x < frame.max_mm.x(); x += 1.0) {
            const Vec2 p(x, y);
            const double target = field.PerCm2(p);
            if (!(target > 0.0)) continue;
            figures.treated_cm2 += 0.01;
            figures.target_sum += target * 0.01;
            if (field.Scalp()) {
                const size_t zone = static_cast<size_t>(field.Scalp()->ZoneAt(p));
                figures.zone_treated_cm2[zone] += 0.01;
                figures.zone_target_sum[zone] += target * 0.01;
            }
        }
    }
    return figures;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Write
// ---------------------------------------------------------------------------------------------

double EstimatedMinutes(int64_t dots, double dots_per_minute) {
    return std::round(static_cast<double>(dots) / dots_per_minute);
}

PlanFigures MeasurePlan(const Design& design, const DotPattern& pattern) {
    PlanFigures figures;
    figures.treated_area_cm2 = Round2(MeasureTarget(*pattern.field).treated_cm2);
    figures.sessions.resize(design.sessions.size());
    for (const PointState& point : pattern.state) {
        if (point.session > 0 && static_cast<size_t>(point.session) <= figures.sessions.size()) {
            figures.sessions[static_cast<size_t>(point.session - 1)].dots += 1;
        }
    }
    int64_t cumulative = 0;
    for (SessionFigures& session : figures.sessions) {
        cumulative += session.dots;
        session.cumulative_dots = cumulative;
        session.minutes = EstimatedMinutes(session.dots, design.dots_per_minute);
        session.mean_density_per_cm2 = figures.treated_area_cm2 > 0.0 ? Round2(static_cast<double>(cumulative) / figures.treated_area_cm2) : 0.0;
        figures.total_minutes += session.minutes;
    }
    return figures;
}

std::string PlanToJsonText(const Design& design, const DotPattern& pattern) {
    const DensityField& field = *pattern.field;
    const ScalpTemplate* scalp = field.Scalp();
    const std::vector<Dot> dots = pattern.Dots();
    const size_t session_count = design.sessions.size();
    const int zone_count = scalp ? kZoneCount : 0;

    // Per session: the dots it adds, and its counts per zone, on the hairline and on each scar.
    std::vector<json> session_dots(session_count, json::array());
    std::vector<std::vector<int64_t>> zone_dots(session_count, std::vector<int64_t>(static_cast<size_t>(zone_count), 0));
    std::vector<std::vector<int64_t>> scar_dots(field.Scars().size(), std::vector<int64_t>(session_count, 0));
    std::vector<int64_t> hairline_dots(session_count, 0), scatter_dots(session_count, 0);
    std::array<int64_t, kZoneCount> zone_total{};
    for (const Dot& dot : dots) {
        const size_t k = static_cast<size_t>(dot.session - 1);
        session_dots[k].push_back({RoundMicrons(dot.position_mm.x()), RoundMicrons(dot.position_mm.y()),
                                   RoundMicrons(dot.diameter_mm), dot.PigmentIndex(), dot.zone});
        if (dot.zone >= 0) {
            ++zone_dots[k][static_cast<size_t>(dot.zone)];
            ++zone_total[static_cast<size_t>(dot.zone)];
        }
        if (dot.scar >= 0) ++scar_dots[static_cast<size_t>(dot.scar)][k];
        if (dot.hairline) ++hairline_dots[k];
        if (dot.dark_scatter) ++scatter_dots[k];
    }

    json aftercare = json::array();
    for (const char* line : kAftercare) aftercare.push_back(line);
    json pigments = json::array();
    json sessions = json::array();
    double total_minutes = 0.0;
    for (size_t k = 0; k < session_count; ++k) {
        const SessionSpec& spec = design.sessions[k];
        const int index = static_cast<int>(k) + 1;
        const Pigment fill = spec.pigment;
        const Pigment hairline{fill.tone_percent, std::min(90.0, fill.dilution_percent + kHairlineExtraDilution)};
        const Pigment scatter{fill.tone_percent, std::max(0.0, fill.dilution_percent - kDarkScatterDilutionDrop)};
        const std::pair<const char*, Pigment> uses[] = {{"fill", fill}, {"hairline", hairline}, {"dark_scatter", scatter}};
        for (const auto& [use, pigment] : uses) {
            pigments.push_back({{"session", index}, {"use", use}, {"tone_percent", Round2(pigment.tone_percent)},
                                {"dilution_percent", Round2(pigment.dilution_percent)},
                                {"darkness", Round2(pigment.EffectiveDarkness())}});
        }
        json per_zone = json::object();
        for (int z = 0; z < zone_count; ++z) per_zone[std::string(ZoneName(static_cast<ZoneId>(z)))] = zone_dots[k][static_cast<size_t>(z)];
        const size_t count = session_dots[k].size();
        const double minutes = EstimatedMinutes(static_cast<int64_t>(count), design.dots_per_minute);
        total_minutes += minutes;
        sessions.push_back({{"index", index},
                            {"day", spec.day},
                            {"cumulative_fraction", spec.cumulative_fraction},
                            {"dot_count", count},
                            {"dots_per_zone", per_zone},
                            {"hairline_dots", hairline_dots[k]},
                            {"dark_scatter_dots", scatter_dots[k]},
                            {"estimated_minutes", minutes},
                            {"pigment", {{"tone_percent", fill.tone_percent}, {"dilution_percent", fill.dilution_percent}}},
                            {"dark_scatter_percent", spec.dark_scatter_percent},
                            {"needles", {{"hairline", {{"needle", NeedleName(spec.hairline_needle.needle)}, {"dot_diameter_mm", spec.hairline_needle.dot_diameter_mm}}},
                                         {"fill", {{"needle", NeedleName(spec.fill_needle.needle)}, {"dot_diameter_mm", spec.fill_needle.dot_diameter_mm}}}}},
                            {"aftercare", aftercare},
                            {"dots", std::move(session_dots[k])}});
    }

    // The final target on a 5 mm grid (cell centres sampled), for checking a plan against its aim.
    const RectMm frame = field.FrameMm();
    const int cols = static_cast<int>(std::ceil(frame.max_mm.x() / kPlanTargetCellMm));
    const int rows = static_cast<int>(std::ceil(frame.max_mm.y() / kPlanTargetCellMm));
    json target = json::array();
    for (int row = 0; row < rows; ++row) {
        for (int col = 0; col < cols; ++col) {
            target.push_back(Round2(field.PerCm2(Vec2((col + 0.5) * kPlanTargetCellMm, (row + 0.5) * kPlanTargetCellMm))));
        }
    }
    const TargetFigures figures = MeasureTarget(field);

    json template_json = {{"kind", scalp ? "scalp" : "flat"}, {"width_mm", Round2(frame.max_mm.x())},
                          {"height_mm", Round2(frame.max_mm.y())}, {"area_cm2", Round2(field.TemplateAreaCm2())}};
    json zones = json::array();
    if (scalp) {
        const Landmarks& l = scalp->GetLandmarks();
        json nape = json::array();
        for (const Vec2& p : l.nape_line_mm) nape.push_back(PointJson(p));
        template_json["landmarks"] = {{"glabella", PointJson(l.glabella_mm)}, {"mid_frontal", PointJson(l.mid_frontal_mm)},
                                      {"frontotemporal_left", PointJson(l.frontotemporal_left_mm)},
                                      {"frontotemporal_right", PointJson(l.frontotemporal_right_mm)},
                                      {"temple_peak_left", PointJson(l.temple_peak_left_mm)},
                                      {"temple_peak_right", PointJson(l.temple_peak_right_mm)},
                                      {"vertex", PointJson(l.vertex_mm)}, {"crown_whorl", PointJson(l.crown_whorl_mm)},
                                      {"ear_left", PointJson(l.ear_left_mm)}, {"ear_right", PointJson(l.ear_right_mm)},
                                      {"nape_line", nape}};
        template_json["max_anisotropy"] = Round2(scalp->MaxAnisotropy());
        // Where the mid-frontal point sits at 7 (aggressive), 8 (usual) and 10 cm (conservative)
        // above the glabella (Garg 2017): guides for drawing the hairline.
        json guides = json::object();
        const std::pair<const char*, double> heights[] = {{"aggressive_70mm", 70.0}, {"usual_80mm", 80.0}, {"conservative_100mm", 100.0}};
        for (const auto& [name, height_mm] : heights) guides[name] = PointJson(scalp->MidlinePointAboveGlabellaMm(height_mm));
        template_json["hairline_guides"] = guides;
        for (int z = 0; z < kZoneCount; ++z) {
            const size_t zi = static_cast<size_t>(z);
            const double treated = figures.zone_treated_cm2[zi];
            zones.push_back({{"name", std::string(ZoneName(static_cast<ZoneId>(z)))},
                             {"area_cm2", Round2(scalp->ZoneAreaCm2(static_cast<ZoneId>(z)))},
                             {"treated_area_cm2", Round2(treated)},
                             {"mean_target_per_cm2", treated > 0.0 ? Round2(figures.zone_target_sum[zi] / treated) : 0.0},
                             {"dots", zone_total[zi]},
                             {"density_per_cm2", treated > 0.0 ? Round2(static_cast<double>(zone_total[zi]) / treated) : 0.0}});
        }
    }

    json scars = json::array();
    for (size_t i = 0; i < field.Scars().size(); ++i) {
        const ScarGeometry& scar = field.Scars()[i];
        json s = {{"index", i},
                  {"kind", scar.Spec().kind == ScarSpec::Kind::kFutStrip ? "fut_strip" : "fue_field"},
                  {"label", scar.Spec().label},
                  {"tissue_area_cm2", Round2(scar.TissueAreaCm2())},
                  {"blend_mm", scar.Spec().blend_mm},
                  {"dots_on_scar_per_session", scar_dots[i]},
                  {"note", "Scar tissue takes pigment unevenly: the area around it is blended, an extra session is "
                           "planned, and it may fade sooner than the rest."}};
        if (scar.Spec().kind == ScarSpec::Kind::kFutStrip) s["length_mm"] = Round2(scar.LengthMm());
        else s["scar_count"] = scar.FueCentresMm().size();
        scars.push_back(std::move(s));
    }

    json warnings = json::array();
    for (const DesignWarning& w : field.Warnings()) warnings.push_back({{"code", w.code}, {"message", w.message}});

    json plan = {
        {"type", "smp.plan"},
        {"schema_version", kPlanSchemaVersion},
        {"generator", std::string("smp ") + kVersion},
        {"disclaimer", kPreviewDisclaimer},
        {"design", DesignToJson(design)},
        {"template", template_json},
        {"zones", zones},
        {"pigments", pigments},
        {"sessions", std::move(sessions)},
        {"scars", scars},
        {"warnings", warnings},
        {"aftercare", aftercare},
        {"touch_up", {{"after_years_min", 3}, {"after_years_max", 6},
                      {"note", field.Scars().empty() ? "Touch-ups keep the colour; plan one after about 3-6 years, sooner with much sun."
                                                     : "Touch-ups keep the colour; plan one after about 3-6 years, sooner with much sun and over scars."}}},
        {"target_density", {{"kind", "grid"}, {"origin_mm", {0.0, 0.0}}, {"cell_mm", kPlanTargetCellMm},
                            {"cols", cols}, {"rows", rows}, {"interpolation", "nearest"}, {"per_cm2", std::move(target)}}},
        {"summary", {{"total_dots", dots.size()},
                     {"sessions", session_count},
                     {"treated_area_cm2", Round2(figures.treated_cm2)},
                     {"mean_target_density_per_cm2", figures.treated_cm2 > 0 ? Round2(figures.target_sum / figures.treated_cm2) : 0.0},
                     {"mean_density_per_cm2", figures.treated_cm2 > 0 ? Round2(static_cast<double>(dots.size()) / figures.treated_cm2) : 0.0},
                     {"estimated_minutes", total_minutes}}},
    };
    if (field.Hairline()) {
        const HairlineGeometry& h = *field.Hairline();
        int64_t hairline_total = 0;
        for (int64_t n : hairline_dots) hairline_total += n;
        json hairline = {{"transition_mm", h.TransitionMm()}, {"stray_per_cm2", h.StrayPerCm2()},
                         {"dots", hairline_total}, {"bow_mm", Round2(h.BowMm())},
                         {"irregularity_rms_mm", Round2(h.IrregularityRmsMm())},
                         {"mirror_deviation_mm", Round2(h.MirrorDeviationMm())},
                         {"midline_crossing", PointJson(h.MidlineCrossingMm())}};
        if (scalp) {
            hairline["mid_frontal_height_mm"] = Round2(scalp->SurfaceLengthMm(scalp->GetLandmarks().glabella_mm, h.MidlineCrossingMm()));
        }
        json line = json::array();
        for (size_t i = 0; i < h.LineMm().size(); i += 4) line.push_back(PointJson(h.LineMm()[i]));   // every 2 mm
        hairline["line_mm"] = line;
        plan["hairline"] = hairline;
    }
    return plan.dump();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Restore
// ---------------------------------------------------------------------------------------------

namespace {

using namespace json_reader;

Status RestorePlanSession(const json& value, size_t i, const RectMm& frame, int64_t& dots_so_far, PlanSession& out) {
    const std::string path = "sessions[" + std::to_string(i) + "]";
    if (Status s = RequireObject(value, path); !s.ok()) return s;
    int64_t index = 0, day = 0, dot_count = 0;
    if (Status s = ReadInteger(value, path, "index", 1, DesignLimits::kMaxSessions, index, true); !s.ok()) return s;
    if (index != static_cast<int64_t>(i + 1)) return Invalid(path + ".index", std::to_string(i + 1), &value["index"]);
    if (Status s = ReadInteger(value, path, "day", 0, DesignLimits::kMaxSessionDay, day, true); !s.ok()) return s;
    if (Status s = ReadNumber(value, path, "cumulative_fraction", 0.01, 1.0, out.cumulative_fraction, true); !s.ok()) return s;
    if (Status s = ReadInteger(value, path, "dot_count", 0, kMaxDotsPerDesign, dot_count, true); !s.ok()) return s;
    out.index = static_cast<int>(index);
    out.day = static_cast<int>(day);
    const auto dots = value.find("dots");
    if (dots == value.end() || !dots->is_array()) {
        return Invalid(path + ".dots", "an array of [x_mm, y_mm, diameter_mm, ...]", dots == value.end() ? nullptr : &*dots);
    }
    if (static_cast<int64_t>(dots->size()) != dot_count) {
        return {StatusCode::kInvalidArgument, path + ".dot_count is " + std::to_string(dot_count) + " but " + path +
                                                  ".dots has " + std::to_string(dots->size())};
    }
    dots_so_far += dot_count;
    if (dots_so_far > kMaxDotsPerDesign) {
        return {StatusCode::kLimitExceeded, "the plan has more than " + std::to_string(kMaxDotsPerDesign) + " dots"};
    }
    out.dots.reserve(dots->size());
    const double width = frame.max_mm.x(), height = frame.max_mm.y();
    for (size_t k = 0; k < dots->size(); ++k) {
        const json& dot = (*dots)[k];
        const std::string dot_path = path + ".dots[" + std::to_string(k) + "]";
        if (!dot.is_array() || dot.size() < 3 || !dot[0].is_number() || !dot[1].is_number() || !dot[2].is_number()) {
            return Invalid(dot_path, "[x_mm, y_mm, diameter_mm, ...]", &dot);
        }
        const double x = dot[0].get<double>(), y = dot[1].get<double>(), diameter = dot[2].get<double>();
        if (!(x >= 0.0 && x <= width && y >= 0.0 && y <= height)) {
            return Invalid(dot_path, "inside the " + FormatNumber(width) + " x " + FormatNumber(height) + " mm template",
                           &dot);
        }
        if (!(diameter >= 0.05 && diameter <= 1.0)) return Invalid(dot_path + "[2]", "a diameter from 0.05 to 1 mm", &dot[2]);
        Dot restored;
        restored.position_mm = Vec2(x, y);
        restored.diameter_mm = diameter;
        restored.session = out.index;
        // Version 2's pigment and zone entries, when present, must point into the plan's lists.
        if (dot.size() >= 4) {
            const int64_t first = (out.index - 1) * 3;
            if (!dot[3].is_number_integer() || dot[3].get<int64_t>() < first || dot[3].get<int64_t>() > first + 2) {
                return Invalid(dot_path + "[3]", "this session's pigment, " + std::to_string(first) + " to " + std::to_string(first + 2), &dot[3]);
            }
        }
        if (dot.size() >= 5) {
            if (!dot[4].is_number_integer() || dot[4].get<int64_t>() < -1 || dot[4].get<int64_t>() >= kZoneCount) {
                return Invalid(dot_path + "[4]", "a zone from -1 (none) to " + std::to_string(kZoneCount - 1), &dot[4]);
            }
            restored.zone = dot[4].get<int>();
        }
        out.dots.push_back(restored);
    }
    return Status::Ok();
}

}  // namespace

Expected<Plan> RestorePlan(std::string_view json_text) {
    Expected<json> parsed = ParseJsonText(json_text, kMaxPlanBytes, "plan");
    if (!parsed.ok()) return parsed.status();
    const json& document = *parsed;
    const Expected<int64_t> version = ReadHeader(document, "smp.plan", "plan", kPlanSchemaVersion);
    if (!version.ok()) return version.status();
    // Version 1 plans differ only in what they add after each dot's first three entries.
    Plan plan;
    const auto design = document.find("design");
    if (design == document.end()) return Invalid("design", "the design the plan was made from", nullptr);
    Expected<Design> restored = RestoreDesign(*design);
    if (!restored.ok()) return Status(restored.status().code(), "design." + restored.status().message());
    plan.design = std::move(restored).value();
    RectMm frame{Vec2::Zero(), Vec2(plan.design.template_spec.flat.width_mm, plan.design.template_spec.flat.height_mm)};
    if (plan.design.template_spec.kind == TemplateSpec::Kind::kScalp) {
        const Expected<ScalpTemplate> scalp = ScalpTemplate::Make(plan.design.template_spec.head);
        if (!scalp.ok()) return Status(scalp.status().code(), "design.template." + scalp.status().message());
        frame.max_mm = Vec2(scalp->WidthMm(), scalp->HeightMm());
    }

    const auto sessions = document.find("sessions");
    if (sessions == document.end() || !sessions->is_array() || sessions->empty()) {
        return Invalid("sessions", "a non-empty array", sessions == document.end() ? nullptr : &*sessions);
    }
    if (sessions->size() > static_cast<size_t>(DesignLimits::kMaxSessions)) {
        return Status(StatusCode::kLimitExceeded, "sessions has " + std::to_string(sessions->size()) +
                                                      " entries; the limit is " + std::to_string(DesignLimits::kMaxSessions));
    }
    int64_t dots_so_far = 0;
    for (size_t i = 0; i < sessions->size(); ++i) {
        PlanSession session;
        if (Status s = RestorePlanSession((*sessions)[i], i, frame, dots_so_far, session); !s.ok()) return s;
        if (!plan.sessions.empty() && session.day <= plan.sessions.back().day) {
            return Invalid("sessions[" + std::to_string(i) + "].day",
                           "later than the previous session's day " + std::to_string(plan.sessions.back().day),
                           &(*sessions)[i]["day"]);
        }
        plan.sessions.push_back(std::move(session));
    }
    if (plan.sessions.size() != plan.design.sessions.size()) {
        return Status(StatusCode::kInvalidArgument, "the plan has " + std::to_string(plan.sessions.size()) + " sessions but its design has " +
                                                        std::to_string(plan.design.sessions.size()));
    }
    const auto target = document.find("target_density");
    if (target == document.end()) return Invalid("target_density", "a grid layer", nullptr);
    if (Status s = RestoreGridLayer(*target, "target_density", plan.target_density); !s.ok()) return s;
    return plan;
}

}  // namespace smp
