#include "ui/document.h"

#include "core/design_json.h"
#include "core/design_link.h"
#include "core/plan_json.h"
#include "core/presets.h"
#include "ui/theme.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <chrono>
#include <cmath>

namespace smp {
namespace {

// A new revision of the dots: count them once for the side panel and stats().
void NewRevision(DesignState& state) {
    state.revision += 1;
    state.dots_per_session.assign(state.design.sessions.size(), 0);
    state.total_dots = 0;
    for (const PointState& point : state.pattern.state) {
        if (point.session == 0) continue;
        state.dots_per_session[static_cast<size_t>(point.session - 1)] += 1;
        state.total_dots += 1;
    }
}

// Everything the canvas draws besides the dots, from the compiled design.
void RebuildDrawing(DesignState& state) {
    const DensityField& field = *state.pattern.field;
    state.scalp_bounds_mm = field.FrameMm();
    state.zone_borders_mm.clear();
    state.landmarks_mm.clear();
    state.hairline_mm.clear();
    state.guide_points_mm.clear();
    if (const ScalpTemplate* scalp = field.Scalp()) {
        for (double height_mm : kGuideHeightsMm) state.guide_points_mm.push_back(scalp->MidlinePointAboveGlabellaMm(height_mm));
        state.scalp_outline_mm = scalp->Outline();
        for (const ZoneBorder& border : scalp->ZoneBorders()) state.zone_borders_mm.push_back(border.points_mm);
        const Landmarks& l = scalp->GetLandmarks();
        state.landmarks_mm = {l.mid_frontal_mm, l.frontotemporal_left_mm, l.frontotemporal_right_mm, l.temple_peak_left_mm,
                              l.temple_peak_right_mm, l.vertex_mm, l.crown_whorl_mm, l.ear_left_mm, l.ear_right_mm};
    } else {
        const RectMm frame = field.FrameMm();
        state.scalp_outline_mm = {frame.min_mm, Vec2(frame.max_mm.x(), frame.min_mm.y()), frame.max_mm,
                                  Vec2(frame.min_mm.x(), frame.max_mm.y())};
    }
    state.scalp_triangles = TriangulatePolygon(state.scalp_outline_mm);
    if (field.Hairline()) state.hairline_mm = field.Hairline()->LineMm();
}

}  // namespace

Status SetDesign(AppState& app, const Design& design) {
    if (app.design.pattern.field) {
        // An edit of the open design: the core regenerates only what changed (and everything when
        // the template or seed did), on a copy so that a refused design changes nothing.
        DotPattern updated = app.design.pattern;
        if (Status s = UpdateDotsInRegion(design, RectMm{}, updated); !s.ok()) return s;
        app.design.pattern = std::move(updated);
    } else {
        Expected<DotPattern> pattern = GenerateDots(design);
        if (!pattern.ok()) return pattern.status();
        app.design.pattern = std::move(pattern).value();
    }
    // Room to paint up to the brush's densest setting without regenerating (the dots stay; only
    // the raw set grows, and only when it must). A design too large for that keeps the ordinary headroom.
    if (!ReserveHeadroom(design, app.design.pattern, kBrushMaxPerCm2).ok()) (void)ReserveHeadroom(design, app.design.pattern);
    app.design.design = design;
    NewRevision(app.design);
    RebuildDrawing(app.design);
    return Status::Ok();
}

Status EditDesign(AppState& app, const Design& design, const std::string& label) {
    const Design before = app.design.design;
    if (Status s = SetDesign(app, design); !s.ok()) return s;
    app.history.Record(before, label);
    return Status::Ok();
}

Status ApplyLiveEdit(AppState& app, const Design& design, const std::string& label) {
    if (!app.live_edit_before) app.live_edit_before = app.design.design;
    app.live_edit_label = label;
    return SetDesign(app, design);
}

void EndLiveEdit(AppState& app) {
    if (!app.live_edit_before) return;
    // Compared as JSON: a gesture that ends where it began is not an edit.
    if (DesignToJsonText(*app.live_edit_before) != DesignToJsonText(app.design.design)) app.history.Record(*app.live_edit_before, app.live_edit_label);
    app.live_edit_before.reset();
}

void FinishPointerEdits(AppState& app) {
    if (app.tool.stroking) EndStroke(app);
    app.tool.press_made_edit = false;   // what the press did is now an ordinary step
    EndLiveEdit(app);
    app.tool.dragging_handle = {};
    app.tool.scar_path_mm.clear();
}

void SetTool(AppState& app, Tool tool) {
    if (tool == app.tool.tool) return;
    FinishPointerEdits(app);
    app.tool.tool = tool;
}

namespace {

// Undo and redo: the same step through the history, either way. The design there was generated
// before, so it generates again.
bool StepHistory(AppState& app, bool undo) {
    if (ReadOnly(app)) return false;   // a shared design or a viewer cannot change
    FinishPointerEdits(app);
    std::optional<Design> design = undo ? app.history.Undo(app.design.design) : app.history.Redo(app.design.design);
    return design && SetDesign(app, *design).ok();
}

}  // namespace

bool UndoEdit(AppState& app) { return StepHistory(app, true); }

bool RedoEdit(AppState& app) { return StepHistory(app, false); }

namespace {

// Regenerates the dots within the brush's reach of the segment a-b (a local update).
Status UpdateNear(AppState& app, const Vec2& a, const Vec2& b, double radius_mm) {
    using Clock = std::chrono::steady_clock;
    const Clock::time_point start = Clock::now();
    const RectMm region{a.cwiseMin(b) - Vec2(radius_mm, radius_mm), a.cwiseMax(b) + Vec2(radius_mm, radius_mm)};
    const Status updated = UpdateDotsInRegion(app.design.design, region, app.design.pattern);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    app.tool.last_update_ms = ms;
    app.tool.max_update_ms = std::max(app.tool.max_update_ms, ms);
    app.tool.updates += 1;
    if (updated.ok()) NewRevision(app.design);
    return updated;
}

}  // namespace

Status BeginStroke(AppState& app, const Vec2& p_mm, double pressure) {
    StrokeLayer stroke;
    stroke.points_mm = {p_mm};
    stroke.pressure = {pressure};
    stroke.radius_mm = app.tool.radius_mm;
    stroke.falloff = app.tool.falloff;
    // Brush: set the density; eraser: set 0; smooth: pull towards the local average.
    stroke.blend = app.tool.tool == Tool::kSmooth ? StrokeLayer::Blend::kSmooth : StrokeLayer::Blend::kSet;
    stroke.strength = DensityValue::Dots(app.tool.tool == Tool::kBrush ? app.tool.strength_per_cm2 : 0.0);
    const Design before = app.design.design;
    app.design.design.layers.push_back(stroke);
    if (Status s = UpdateNear(app, p_mm, p_mm, stroke.radius_mm); !s.ok()) {
        app.design.design = before;
        return s;
    }
    app.tool.stroke_first_update_ms = app.tool.last_update_ms;
    app.history.Record(before, app.tool.tool == Tool::kEraser ? "eraser stroke" : app.tool.tool == Tool::kSmooth ? "smooth stroke" : "brush stroke");
    app.tool.stroking = true;
    app.tool.last_point_mm = p_mm;
    return Status::Ok();
}

Status ExtendStroke(AppState& app, const Vec2& p_mm, double pressure) {
    if (!app.tool.stroking || app.design.design.layers.empty()) return Status::Ok();
    auto* stroke = std::get_if<StrokeLayer>(&app.design.design.layers.back());
    if (!stroke) return Status::Ok();
    // A point every quarter radius keeps the stroke smooth without bloating the design.
    if ((p_mm - app.tool.last_point_mm).norm() < std::max(0.5, stroke->radius_mm * 0.25)) return Status::Ok();
    if (stroke->points_mm.size() >= static_cast<size_t>(DesignLimits::kMaxPathPoints)) return Status::Ok();
    stroke->points_mm.push_back(p_mm);
    stroke->pressure.push_back(pressure);
    const Vec2 from = app.tool.last_point_mm;
    if (Status s = UpdateNear(app, from, p_mm, stroke->radius_mm); !s.ok()) {
        stroke->points_mm.pop_back();
        stroke->pressure.pop_back();
        return s;
    }
    app.tool.last_point_mm = p_mm;
    return Status::Ok();
}

void EndStroke(AppState& app) {
    app.tool.stroking = false;
    if (app.design.design.layers.empty()) return;
    const auto* stroke = std::get_if<StrokeLayer>(&app.design.design.layers.back());
    if (!stroke) return;
    // The finished stroke keeps only the points its shape needs, on the share link's grid: a
    // point every quarter radius would make every link too long (design_link.h). The painted area
    // moves by at most the tolerance, so only dots near the stroke can change.
    Design settled = app.design.design;
    settled.layers.back() = SimplifyStroke(*stroke, StrokeSimplifyToleranceMm(stroke->radius_mm));
    if (Status s = SetDesign(app, settled); !s.ok()) app.view.last_error = s.message();
}

void CancelPointerEdit(AppState& app) {
    if (ReadOnly(app)) return;   // nothing to take back, and the history is not the shown design's
    // A stroke, or a zone filled by this press: its step comes off the history.
    if (app.tool.stroking || app.tool.press_made_edit) {
        app.tool.stroking = false;
        app.tool.press_made_edit = false;
        if (std::optional<Design> before = app.history.TakeBack()) (void)SetDesign(app, *before);
    }
    if (app.live_edit_before) {
        const Design before = std::move(*app.live_edit_before);
        app.live_edit_before.reset();
        (void)SetDesign(app, before);
    }
    app.tool.dragging_handle = {};
    app.tool.scar_path_mm.clear();
}

Status LoadDesignText(AppState& app, std::string_view text_or_preset) {
    FinishPointerEdits(app);
    std::string text(text_or_preset);
    if (text.find('{') == std::string::npos) {
        Expected<std::string> preset = PresetText(text_or_preset);
        if (!preset.ok()) return preset.status();
        text = std::move(preset).value();
    }
    Expected<Design> design = RestoreDesign(std::string_view(text));
    if (!design.ok()) return design.status();
    return ReplaceDesign(app, *design, "open design");
}

Status ReplaceDesign(AppState& app, const Design& design, const std::string& label) {
    FinishPointerEdits(app);
    // Over a shared design, the one to come back to with Undo is the person's own, from before.
    const bool over_shared = app.view.client_view && app.view.design_before_link;
    const Design before = over_shared ? *app.view.design_before_link : app.design.design;
    if (Status s = SetDesign(app, design); !s.ok()) return s;
    app.history.Record(before, label);
    if (app.view.client_view) {
        app.view.client_view = false;
        app.view.design_before_link.reset();
        app.view.preview.mode = PreviewMode::kPlan;
    }
    app.design.document_serial += 1;
    return Status::Ok();
}

namespace {

// "<what> could not be opened: <why>. <outcome>", with one full stop whatever `why` ends with.
std::string Refusal(const std::string& what, const std::string& why, const char* outcome) {
    std::string text = what + " could not be opened: " + why;
    if (!text.empty() && text.back() != '.') text += '.';
    return text + " " + outcome;
}

}  // namespace

ShareLink CurrentShareLink(const AppState& app) {
    ShareLink link;
    link.fragment = EncodeDesignLink(app.design.design);
    const std::string base = app.host.share_base_url ? app.host.share_base_url() : std::string();
    link.url = base + "#" + link.fragment;
    link.within_budget = link.url.size() <= kLinkBudgetChars;
    return link;
}

Status OpenLink(AppState& app, std::string_view link_text) {
    Expected<Design> shared = DecodeDesignLink(link_text);
    if (!shared.ok()) {
        return Status(shared.status().code(), Refusal("This link", shared.status().message(), "Nothing was changed."));
    }
    FinishPointerEdits(app);
    // The start preset, untouched, is nobody's work: a client who only opened a link has nothing
    // to go back to.
    const bool own_work = app.history.CanUndo() || app.view.opened_own_work;
    std::optional<Design> before = app.view.client_view ? app.view.design_before_link
                                   : own_work           ? std::optional<Design>(app.design.design)
                                                        : std::nullopt;
    if (Status s = SetDesign(app, *shared); !s.ok()) {
        return Status(s.code(), Refusal("This link's design", s.message(), "Nothing was changed."));
    }
    app.view.design_before_link = std::move(before);
    app.view.client_view = true;
    app.tool.tool = Tool::kPan;
    // A client wants to see the result: the healed look, after every session.
    app.view.preview.mode = PreviewMode::kHealed;
    app.view.preview.up_to_session = 0;
    app.view.follow_fit = true;
    app.view.last_error.clear();
    return Status::Ok();
}

Status EditSharedCopy(AppState& app) {
    if (!app.view.client_view) return Status::Ok();
    app.view.opened_own_work = true;
    // The copy replaces the earlier design as an edit, so "Undo" brings that one back; the shared
    // design is already generated, so nothing regenerates.
    if (app.view.design_before_link) app.history.Record(*app.view.design_before_link, "open shared design");
    app.design.document_serial += 1;
    app.view.client_view = false;
    app.view.design_before_link.reset();
    app.view.preview.mode = PreviewMode::kPlan;
    return Status::Ok();
}

void CloseClientView(AppState& app) {
    if (!app.view.client_view) return;
    if (app.view.design_before_link) {
        if (Status s = SetDesign(app, *app.view.design_before_link); !s.ok()) {
            app.view.last_error = "Your design could not be shown again: " + s.message();
            return;   // still the shared design, still read-only
        }
    }
    app.view.client_view = false;
    app.view.design_before_link.reset();
    app.view.preview.mode = PreviewMode::kPlan;
    app.view.follow_fit = true;
}

Status OpenFileText(AppState& app, std::string_view file_name, std::string_view text) {
    const std::string name = file_name.empty() ? std::string("the file") : std::string(file_name);
    // A plan carries its design: opening one opens that design. (Its "type" comes after the dots,
    // so the whole text is searched, as `smp validate` does.)
    const bool is_plan = text.find("\"smp.plan\"") != std::string_view::npos;
    Expected<Design> design = Status(StatusCode::kParseError, "");
    if (is_plan) {
        Expected<Plan> plan = RestorePlan(text);
        design = plan.ok() ? Expected<Design>(plan->design) : Expected<Design>(plan.status());
    } else {
        design = RestoreDesign(text);
    }
    if (!design.ok()) return Status(design.status().code(), Refusal(name, design.status().message(), "Your design is unchanged."));
    if (Status s = ReplaceDesign(app, *design, "open " + name); !s.ok()) {
        return Status(s.code(), Refusal(name, s.message(), "Your design is unchanged."));
    }
    app.view.status = "Opened " + name;
    return Status::Ok();
}

std::string DesignFileStem(const Design& design) {
    std::string stem;
    for (char c : design.title) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (word) stem.push_back(c);
        else if (c >= 'A' && c <= 'Z') stem.push_back(static_cast<char>(c - 'A' + 'a'));
        else if (!stem.empty() && stem.back() != '-') stem.push_back('-');
        if (stem.size() >= 40) break;
    }
    while (!stem.empty() && stem.back() == '-') stem.pop_back();
    return stem.empty() ? "smp-design" : stem;
}

std::string DesignJsonText(const AppState& app) { return DesignToJsonText(app.design.design); }

std::string PlanJsonText(const AppState& app) { return PlanToJsonText(app.design.design, app.design.pattern); }

namespace {

// {"mode": "plan"|"healed"|"faded", "up_to_session", "skin_tone", "years", "viewing_distance_m"},
// each optional; numbers are clamped to their ranges. An unknown mode changes nothing.
Status ApplyPreviewJson(AppState& app, const nlohmann::json& settings) {
    PreviewSettings preview = app.view.preview;
    const auto mode_it = settings.find("mode");
    const std::string mode = mode_it != settings.end() && mode_it->is_string() ? mode_it->get<std::string>() : std::string();
    if (mode == "plan") preview.mode = PreviewMode::kPlan;
    else if (mode == "healed") preview.mode = PreviewMode::kHealed;
    else if (mode == "faded") preview.mode = PreviewMode::kFaded;
    else if (!mode.empty()) return Status(StatusCode::kInvalidArgument, "mode must be \"plan\", \"healed\" or \"faded\"");
    const auto number = [&](const char* key, double lo, double hi, double fallback) {
        const auto it = settings.find(key);
        return it != settings.end() && it->is_number() ? std::clamp(it->get<double>(), lo, hi) : fallback;
    };
    preview.up_to_session = static_cast<int>(number("up_to_session", 0, DesignLimits::kMaxSessions, preview.up_to_session));
    preview.skin_tone = static_cast<int>(number("skin_tone", 0, 4, preview.skin_tone));
    preview.years = static_cast<float>(number("years", 0, 10, preview.years));
    preview.viewing_distance_m = static_cast<float>(number("viewing_distance_m", 0, 3, preview.viewing_distance_m));
    app.view.preview = preview;
    return Status::Ok();
}

// What the page keeps of the view with the autosave: how the dots are shown and where the canvas
// looks (zoom in CSS px per mm and the map's origin in CSS px, or "fit").
nlohmann::json ViewJson(const AppState& app) {
    const PreviewSettings& p = app.view.preview;
    const double css_per_px = app.ui_scale > 0.0f ? 1.0 / app.ui_scale : 1.0;
    nlohmann::json view = {
        {"preview", {{"mode", PreviewName(p.mode)}, {"up_to_session", p.up_to_session}, {"skin_tone", p.skin_tone},
                     {"years", p.years}, {"viewing_distance_m", p.viewing_distance_m}}},
        {"fit", app.view.follow_fit},
        {"show", {{"grid", app.view.show_grid}, {"zones", app.view.show_zones}, {"guides", app.view.show_guides},
                  {"heatmap", app.view.show_heatmap}, {"dots", app.view.show_dots}}},
    };
    if (!app.view.follow_fit) {
        view["pixels_per_mm"] = app.view.transform.pixels_per_mm * css_per_px;
        view["origin"] = {app.view.transform.origin_px.x() * css_per_px, app.view.transform.origin_px.y() * css_per_px};
    }
    return view;
}

// Takes back what ViewJson gave, value by value; anything missing or out of range is left as is.
void RestoreView(AppState& app, const nlohmann::json& view) {
    if (const auto preview = view.find("preview"); preview != view.end() && preview->is_object()) {
        (void)ApplyPreviewJson(app, *preview);
    }
    if (const auto show = view.find("show"); show != view.end() && show->is_object()) {
        const std::pair<const char*, bool*> flags[] = {{"grid", &app.view.show_grid}, {"zones", &app.view.show_zones},
                                                       {"guides", &app.view.show_guides}, {"heatmap", &app.view.show_heatmap},
                                                       {"dots", &app.view.show_dots}};
        for (const auto& flag : flags) {
            if (const auto it = show->find(flag.first); it != show->end() && it->is_boolean()) *flag.second = it->get<bool>();
        }
    }
    const auto zoom = view.find("pixels_per_mm");
    const auto origin = view.find("origin");
    const auto fit = view.find("fit");
    const bool fitted = fit == view.end() || !fit->is_boolean() || fit->get<bool>();
    if (fitted || zoom == view.end() || origin == view.end() || !zoom->is_number() || !origin->is_array() ||
        origin->size() != 2 || !(*origin)[0].is_number() || !(*origin)[1].is_number()) {
        return;
    }
    const double px_per_css = app.ui_scale > 0.0f ? app.ui_scale : 1.0;
    const double pixels_per_mm = zoom->get<double>() * px_per_css;
    const Vec2 origin_px = Vec2((*origin)[0].get<double>(), (*origin)[1].get<double>()) * px_per_css;
    if (!std::isfinite(pixels_per_mm) || pixels_per_mm < 0.05 || pixels_per_mm > 2000.0 || !origin_px.allFinite() ||
        origin_px.cwiseAbs().maxCoeff() > 1e6) {
        return;
    }
    app.view.transform.pixels_per_mm = pixels_per_mm;
    app.view.transform.origin_px = origin_px;
    app.view.follow_fit = false;
}

}  // namespace

std::string HandleApiCallUnguarded(AppState& app, std::string_view command, std::string_view argument);

std::string HandleApiCall(AppState& app, std::string_view command, std::string_view argument) {
    // Nothing the page sends may take the app down: a value of an unexpected type deep in an
    // argument (nlohmann's type errors) becomes an answer naming the problem.
    try {
        return HandleApiCallUnguarded(app, command, argument);
    } catch (const std::exception& e) {
        return nlohmann::json{{"ok", false}, {"error", std::string(command).substr(0, 40) + ": " + e.what()}}.dump();
    }
}

std::string HandleApiCallUnguarded(AppState& app, std::string_view command, std::string_view argument) {
    using nlohmann::json;
    if (command == "getDesign") return DesignJsonText(app);
    if (command == "getPlan") return PlanJsonText(app);
    if (command == "loadDesign") {
        const Status loaded = LoadDesignText(app, argument);
        return loaded.ok() ? json{{"ok", true}}.dump() : json{{"ok", false}, {"error", loaded.message()}}.dump();
    }
    if (command == "restoreDesign") {
        // The page's autosaved design, on opening: it replaces the start design without an undo
        // step (nothing was edited yet). Errors name the problem; the start design stays.
        FinishPointerEdits(app);
        Expected<Design> design = RestoreDesign(argument);
        const Status restored = design.ok() ? SetDesign(app, *design) : design.status();
        if (!restored.ok()) return json{{"ok", false}, {"error", restored.message()}}.dump();
        app.history.Clear();
        app.view.client_view = false;
        app.view.design_before_link.reset();
        app.view.opened_own_work = true;
        return json{{"ok", true}}.dump();
    }
    const auto result = [](const Status& status) {
        return status.ok() ? json{{"ok", true}}.dump() : json{{"ok", false}, {"error", status.message()}}.dump();
    };
    if (command == "getLink") {
        const ShareLink link = CurrentShareLink(app);
        return json{{"ok", true}, {"link", link.url}, {"fragment", link.fragment}, {"chars", link.url.size()},
                    {"within_budget", link.within_budget}, {"budget", kLinkBudgetChars}}.dump();
    }
    if (command == "openLink") {
        const Status opened = OpenLink(app, argument);
        if (!opened.ok()) app.view.last_error = opened.message();
        return result(opened);
    }
    if (command == "editCopy") return result(EditSharedCopy(app));
    if (command == "closeClientView") {
        CloseClientView(app);
        return result(Status::Ok());
    }
    if (command == "openFile") {
        // {"name", "text"} from the page's file picker, or {"name", "error"} when it could not be read.
        const json file = json::parse(argument, nullptr, false);
        Status opened = Status::Ok();
        if (file.is_discarded() || !file.is_object()) opened = Status(StatusCode::kInvalidArgument, "openFile takes {\"name\", \"text\"}");
        else if (file.contains("error")) opened = Status(StatusCode::kIoError, Refusal(file.value("name", std::string("the file")), file.value("error", std::string("unreadable")), "Your design is unchanged."));
        else if (!file.contains("text") || !file["text"].is_string()) opened = Status(StatusCode::kInvalidArgument, "openFile needs the file's text");
        else opened = OpenFileText(app, file.value("name", std::string()), file["text"].get_ref<const std::string&>());
        app.view.last_error = opened.ok() ? "" : opened.message();
        return result(opened);
    }
    if (command == "clipboardResult") {
        const json answer = json::parse(argument, nullptr, false);
        const bool copied = answer.is_object() && answer.value("ok", false);
        app.view.share_status = copied ? "Link copied. Paste it into a message to share the design."
                                       : "The browser did not allow copying. Select the link in the box below the canvas and copy it.";
        return result(Status::Ok());
    }
    if (command == "setRecent") {
        // [{"title", "saved_at"}, ...], newest first: what the File menu lists.
        const json list = json::parse(argument, nullptr, false);
        if (list.is_discarded() || !list.is_array()) return result(Status(StatusCode::kInvalidArgument, "setRecent takes a JSON array"));
        app.view.recent.clear();
        for (const json& entry : list) {
            if (!entry.is_object() || app.view.recent.size() >= 16) continue;
            const auto text = [&](const char* key) {
                const auto it = entry.find(key);
                return it != entry.end() && it->is_string() ? it->get<std::string>().substr(0, 80) : std::string();
            };
            app.view.recent.push_back({text("title"), text("saved_at")});
        }
        return result(Status::Ok());
    }
    if (command == "setMode") {
        // {"mode": "full"|"client"|"viewer"}: what an embedding clinic lets visitors do.
        const json request = json::parse(argument, nullptr, false);
        const auto mode_it = request.is_object() ? request.find("mode") : request.end();
        const std::string mode = request.is_object() && mode_it != request.end() && mode_it->is_string() ? mode_it->get<std::string>() : std::string();
        if (mode != "full" && mode != "client" && mode != "viewer") {
            return result(Status(StatusCode::kInvalidArgument, "mode must be \"full\", \"client\" or \"viewer\""));
        }
        FinishPointerEdits(app);
        app.view.embed_mode = mode == "full" ? EmbedMode::kFull : mode == "client" ? EmbedMode::kClient : EmbedMode::kViewer;
        if (app.view.embed_mode == EmbedMode::kViewer) app.tool.tool = Tool::kPan;
        return result(Status::Ok());
    }
    if (command == "setTheme") {
        // {"accent": "#rrggbb", "dark": bool, "clinic_name": "..."}, each optional.
        const json theme = json::parse(argument, nullptr, false);
        if (!theme.is_object()) return result(Status(StatusCode::kInvalidArgument, "setTheme takes a JSON object"));
        const auto accent_it = theme.find("accent");
        const std::string accent = accent_it == theme.end() ? std::string("#2a6b8c") : accent_it->is_string() ? accent_it->get<std::string>() : std::string("?");
        unsigned rgb = 0;
        if (accent.size() != 7 || accent[0] != '#' || std::sscanf(accent.c_str() + 1, "%6x", &rgb) != 1 ||
            accent.find_first_not_of("0123456789abcdefABCDEF", 1) != std::string::npos) {
            return result(Status(StatusCode::kInvalidArgument, "accent must be a colour like \"#2a6b8c\", got \"" + accent.substr(0, 20) + "\""));
        }
        const auto dark_it = theme.find("dark");
        const bool dark = dark_it != theme.end() && dark_it->is_boolean() && dark_it->get<bool>();
        if (theme.contains("clinic_name") && theme["clinic_name"].is_string()) app.view.clinic_name = theme["clinic_name"].get<std::string>().substr(0, 80);
        theme::SetTheme(ImVec4(static_cast<float>((rgb >> 16) & 0xFF) / 255.0f, static_cast<float>((rgb >> 8) & 0xFF) / 255.0f,
                               static_cast<float>(rgb & 0xFF) / 255.0f, 1.0f),
                        dark, app.ui_scale);
        return result(Status::Ok());
    }
    if (command == "getView") return ViewJson(app).dump();
    if (command == "setView") {
        const json view = json::parse(argument, nullptr, false);
        if (view.is_discarded() || !view.is_object()) return result(Status(StatusCode::kInvalidArgument, "setView takes a JSON object"));
        RestoreView(app, view);
        return result(Status::Ok());
    }
    if (command == "setPreview") {
        const json settings = json::parse(argument, nullptr, false);
        if (settings.is_discarded() || !settings.is_object()) return result(Status(StatusCode::kInvalidArgument, "setPreview takes a JSON object"));
        return result(ApplyPreviewJson(app, settings));
    }
    if (command == "pointer") {
        // {"type": "mouse"|"pen"|"touch", "pressure": 0..1}: what the next mouse event comes from.
        const json pointer = json::parse(argument, nullptr, false);
        if (pointer.is_discarded() || !pointer.is_object()) return json{{"ok", false}, {"error", "pointer takes a JSON object"}}.dump();
        if (pointer.contains("type")) app.tool.pen = pointer.value("type", std::string()) == "pen";
        if (pointer.contains("pressure")) {
            const double pressure = pointer["pressure"].is_number() ? pointer["pressure"].get<double>() : 1.0;
            app.tool.pen_pressure = std::isfinite(pressure) ? std::clamp(pressure, 0.0, 1.0) : 1.0;
        }
        if (pointer.contains("clicks") && pointer["clicks"].is_number_integer()) {
            app.tool.page_click_count = std::clamp(pointer["clicks"].get<int>(), 0, 3);
        }
        return json{{"ok", true}}.dump();
    }
    if (command == "gesture") {
        const json gesture = json::parse(argument, nullptr, false);
        if (gesture.is_discarded() || !gesture.is_object()) return json{{"ok", false}, {"error", "gesture takes a JSON object"}}.dump();
        const auto number = [&](const char* key, double fallback) {
            const auto it = gesture.find(key);
            return it != gesture.end() && it->is_number() && std::isfinite(it->get<double>()) ? it->get<double>() : fallback;
        };
        const std::string phase = gesture.value("phase", std::string());
        if (phase == "begin") {
            CancelPointerEdit(app);
            app.tool.gesture_active = true;
        } else if (phase == "move") {
            // CSS px to the canvas' framebuffer px; the zoom is about the fingers' centre.
            const double px_per_css = app.ui_scale > 0.0f ? app.ui_scale : 1.0;
            const Vec2 centre_px = Vec2(number("x", 0.0), number("y", 0.0)) * px_per_css - app.view.canvas_origin_px;
            app.view.transform.PanPixels(Vec2(number("dx", 0.0), number("dy", 0.0)) * px_per_css);
            app.view.transform.ZoomAbout(centre_px, std::clamp(number("scale", 1.0), 0.5, 2.0));
            app.view.follow_fit = false;
        } else if (phase == "end") {
            app.tool.gesture_active = false;
        } else {
            return json{{"ok", false}, {"error", "phase must be \"begin\", \"move\" or \"end\""}}.dump();
        }
        return json{{"ok", true}}.dump();
    }
    if (command == "undo") return json{{"ok", UndoEdit(app)}}.dump();
    if (command == "redo") return json{{"ok", RedoEdit(app)}}.dump();
    if (command == "listPresets") {
        json list = json::array();
        for (const PresetInfo& preset : ListPresets()) list.push_back({{"name", preset.name}, {"title", preset.title}});
        return list.dump();
    }
    return json{{"ok", false}, {"error", "unknown command '" + std::string(command).substr(0, 40) + "'"}}.dump();
}

}  // namespace smp
