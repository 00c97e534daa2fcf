// smp ui: the page API, one table (page_api.h).
//
// [SECTION] Arguments and answers
// [SECTION] View persistence (getView, setView, setPreview)
// [SECTION] Commands
// [SECTION] The table
// [SECTION] Stats for automation
#include "ui/page_api.h"

#include "ui/layout_audit.h"

#include "core/design_link.h"
#include "core/json_reader.h"
#include "core/presets.h"
#include "document/document.h"
#include "ui/accessibility.h"
#include "ui/app_actions.h"
#include "ui/app_state.h"
#include "ui/head_view.h"
#include "ui/share_panel.h"
#include "ui/text_entry.h"
#include "ui/theme.h"
#include "ui/tools/hairline_tool.h"
#include "ui/tools/tools.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>

namespace smp {
namespace {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------
// [SECTION] Arguments and answers
// ---------------------------------------------------------------------------------------------

std::string Answer(const Status& status) {
    return status.ok() ? json{{"ok", true}}.dump() : json{{"ok", false}, {"error", status.message()}}.dump();
}

std::string Refused(const std::string& message) { return Answer(Status(StatusCode::kInvalidArgument, message)); }

// The argument as JSON, or a discarded value when it is not JSON. Through the formats' reader, so
// the program holds one instantiation of nlohmann's parser, not three (~15 KB of WebAssembly).
json ParseArgument(std::string_view argument) {
    Expected<json> parsed = json_reader::ParseJsonText(argument, std::numeric_limits<size_t>::max(), "argument");
    return parsed.ok() ? std::move(parsed).value() : json(json::value_t::discarded);
}

// The argument as a JSON object, or nothing (the caller answers with its own "takes ..." message).
std::optional<json> ObjectArgument(std::string_view argument) {
    json parsed = ParseArgument(argument);
    if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
    return parsed;
}

// A number of `object` at `key` clamped to lo..hi, or `fallback` when missing or not a number.
double NumberOr(const json& object, const char* key, double lo, double hi, double fallback) {
    const auto it = object.find(key);
    return it != object.end() && it->is_number() ? std::clamp(it->get<double>(), lo, hi) : fallback;
}

const char* EmbedModeName(EmbedMode mode) {
    for (const EmbedModeInfo& info : kEmbedModes) {
        if (info.mode == mode) return info.name;
    }
    return "full";
}

// "a", "b" or "c": the names of a table, for messages.
template <typename Rows, typename Name>
std::string NameList(const Rows& rows, Name name) {
    std::string list;
    size_t k = 0;
    for (const auto& row : rows) {
        if (k > 0) list += k + 1 == std::size(rows) ? " or " : ", ";
        list += std::string("\"") + name(row) + "\"";
        ++k;
    }
    return list;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] View persistence (getView, setView, setPreview)
// ---------------------------------------------------------------------------------------------

// A finite number at `key`, or why not ("yaw_deg must be a number, got \"x\""): nothing when absent.
Expected<std::optional<double>> OptionalNumber(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end()) return std::optional<double>();
    if (!it->is_number() || !std::isfinite(it->get<double>())) {
        return Status(StatusCode::kInvalidArgument, std::string(key) + " must be a number, got " + Utf8Prefix(it->dump(), 40));
    }
    return std::optional<double>(it->get<double>());
}

// {"view": "map"|"head"|"both", "yaw_deg", "pitch_deg", "zoom", "before_after"}, each optional: the head view.
// Everything is checked before anything changes; a value out of range is refused with a message
// naming it (the page asked for something definite, unlike a saved view, which is restored as far
// as it goes).
Status ApplyHeadViewJson(AppState& app, const json& settings) {
    CanvasView view = app.view.canvas_view;
    if (const auto it = settings.find("view"); it != settings.end()) {
        const std::optional<CanvasView> found = it->is_string() ? FindCanvasView(it->get<std::string>()) : std::nullopt;
        if (!found) return Status(StatusCode::kInvalidArgument, "view must be " + NameList(kCanvasViews, [](const CanvasViewInfo& v) { return v.name; }));
        if (*found != CanvasView::kMap && !HasHead(app)) return Status(StatusCode::kInvalidArgument, std::string("view \"") + it->get<std::string>() + "\": " + kNoHeadMessage);
        view = *found;
    }
    HeadViewState head = app.view.head;
    if (const auto it = settings.find("before_after"); it != settings.end()) {
        // true: the line where it was (the middle at first); a number: the line there; false: off.
        const bool number = it->is_number() && it->get<double>() >= 0.0 && it->get<double>() <= 1.0;
        if (!it->is_boolean() && !number) {
            return Status(StatusCode::kInvalidArgument, "before_after must be true, false or where the line is, from 0 (all after) to 1 (all before)");
        }
        head.before_after = number || it->get<bool>();
        if (number) head.split = it->get<double>();
    }
    const Expected<std::optional<double>> yaw = OptionalNumber(settings, "yaw_deg");
    const Expected<std::optional<double>> pitch = OptionalNumber(settings, "pitch_deg");
    const Expected<std::optional<double>> zoom = OptionalNumber(settings, "zoom");
    for (const auto* number : {&yaw, &pitch, &zoom}) {
        if (!number->ok()) return number->status();
    }
    if (*yaw) head.camera.yaw_deg = **yaw;
    if (*pitch) head.camera.pitch_deg = **pitch;
    if (const Status camera = CheckHeadCamera(head.camera); !camera.ok()) return camera;
    if (*zoom) {
        if (!(**zoom >= kMinHeadZoom && **zoom <= kMaxHeadZoom)) {
            char message[96];
            std::snprintf(message, sizeof message, "zoom %g is outside %g..%g (1 = the whole head)", **zoom, kMinHeadZoom, kMaxHeadZoom);
            return Status(StatusCode::kInvalidArgument, message);
        }
        head.zoom = **zoom;
    }
    app.view.canvas_view = view;
    app.view.head = head;
    return Status::Ok();
}

// {"mode": a preview's name, "up_to_session", "skin_tone", "hair_colour", "years", "viewing_distance_m"}, each
// optional; numbers are clamped to their ranges. An unknown mode changes nothing.
Status ApplyPreviewJson(AppState& app, const json& settings) {
    PreviewSettings preview = app.view.preview;
    const auto mode_it = settings.find("mode");
    const std::string mode = mode_it != settings.end() && mode_it->is_string() ? mode_it->get<std::string>() : std::string();
    if (!mode.empty()) {
        const std::optional<PreviewMode> found = FindPreview(mode);
        if (!found) return Status(StatusCode::kInvalidArgument, "mode must be " + NameList(kPreviews, [](const PreviewRow& p) { return p.name; }));
        preview.mode = *found;
    }
    preview.up_to_session = static_cast<int>(NumberOr(settings, "up_to_session", 0, DesignLimits::kMaxSessions, preview.up_to_session));
    preview.skin_tone = static_cast<int>(NumberOr(settings, "skin_tone", 0, kSkinToneCount - 1, preview.skin_tone));
    preview.hair_colour = static_cast<int>(NumberOr(settings, "hair_colour", 0, kHairColourCount - 1, preview.hair_colour));
    preview.years = static_cast<float>(NumberOr(settings, "years", 0, kMaxFadedYears, preview.years));
    preview.viewing_distance_m = static_cast<float>(NumberOr(settings, "viewing_distance_m", 0, 3, preview.viewing_distance_m));
    app.view.preview = preview;
    return Status::Ok();
}

// The on/off marks of ViewSettings, by their names in the saved view.
struct ShownFlag {
    const char* name;
    bool ViewSettings::*flag;
};
constexpr ShownFlag kShownFlags[] = {{"grid", &ViewSettings::show_grid}, {"zones", &ViewSettings::show_zones},
                                     {"guides", &ViewSettings::show_guides}, {"heatmap", &ViewSettings::show_heatmap},
                                     {"dots", &ViewSettings::show_dots}};

// What the page keeps with the autosave: ViewSettings, all of it. The zoom is in CSS px per mm and
// the map's origin in CSS px, absent while fitted (the fit follows the screen it opens on).
json ViewSettingsJson(const AppState& app) {
    const ViewSettings& view = app.view;
    const PreviewSettings& p = view.preview;
    const double css_per_px = app.ui_scale > 0.0f ? 1.0 / app.ui_scale : 1.0;
    json shown = json::object();
    for (const ShownFlag& flag : kShownFlags) shown[flag.name] = view.*flag.flag;
    json saved = {
        {"preview", {{"mode", PreviewName(p.mode)}, {"up_to_session", p.up_to_session}, {"skin_tone", p.skin_tone},
                     {"hair_colour", p.hair_colour}, {"years", p.years}, {"viewing_distance_m", p.viewing_distance_m}}},
        {"fit", view.follow_fit},
        {"show", shown},
        {"heatmap_opacity", view.heatmap_opacity},
        {"view", CanvasViewName(view.canvas_view)},
        {"camera", {{"yaw_deg", view.head.camera.yaw_deg}, {"pitch_deg", view.head.camera.pitch_deg}, {"zoom", view.head.zoom}}},
    };
    if (!view.follow_fit) {
        saved["pixels_per_mm"] = view.transform.pixels_per_mm * css_per_px;
        saved["origin"] = {view.transform.origin_px.x() * css_per_px, view.transform.origin_px.y() * css_per_px};
    }
    return saved;
}

// Takes back what ViewSettingsJson gave, value by value; anything missing or out of range is left as is.
void RestoreViewSettings(AppState& app, const json& saved) {
    ViewSettings& view = app.view;
    if (const auto preview = saved.find("preview"); preview != saved.end() && preview->is_object()) (void)ApplyPreviewJson(app, *preview);
    if (const auto shown = saved.find("show"); shown != saved.end() && shown->is_object()) {
        for (const ShownFlag& flag : kShownFlags) {
            if (const auto it = shown->find(flag.name); it != shown->end() && it->is_boolean()) view.*flag.flag = it->get<bool>();
        }
    }
    view.heatmap_opacity = static_cast<float>(NumberOr(saved, "heatmap_opacity", 0.1, 1.0, view.heatmap_opacity));
    if (const auto chosen = saved.find("view"); chosen != saved.end() && chosen->is_string()) {
        // Kept even when this design has no head: the next design with one shows it as chosen.
        if (const std::optional<CanvasView> found = FindCanvasView(chosen->get<std::string>())) view.canvas_view = *found;
    }
    if (const auto camera = saved.find("camera"); camera != saved.end() && camera->is_object()) {
        view.head.camera.yaw_deg = WrapYawDeg(NumberOr(*camera, "yaw_deg", -kMaxYawDeg, kMaxYawDeg, view.head.camera.yaw_deg));
        view.head.camera.pitch_deg = ClampPitchDeg(NumberOr(*camera, "pitch_deg", -kMaxPitchDeg, kMaxPitchDeg, view.head.camera.pitch_deg));
        view.head.zoom = ClampHeadZoom(NumberOr(*camera, "zoom", kMinHeadZoom, kMaxHeadZoom, view.head.zoom));
    }
    const auto zoom = saved.find("pixels_per_mm");
    const auto origin = saved.find("origin");
    const auto fit = saved.find("fit");
    const bool fitted = fit == saved.end() || !fit->is_boolean() || fit->get<bool>();
    if (fitted || zoom == saved.end() || origin == saved.end() || !zoom->is_number() || !origin->is_array() ||
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
    view.transform.pixels_per_mm = pixels_per_mm;
    view.transform.origin_px = origin_px;
    view.follow_fit = false;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Commands
// ---------------------------------------------------------------------------------------------

std::string GetDesign(AppState& app, std::string_view) { return DesignJsonText(app.doc); }

std::string GetPlan(AppState& app, std::string_view) { return PlanJsonText(app.doc); }

std::string LoadDesignCommand(AppState& app, std::string_view argument) { return Answer(LoadDesign(app, argument)); }

// The page's autosaved design, on opening: it replaces the start design without an undo step
// (nothing was edited yet). Errors name the problem; the start design stays.
std::string RestoreDesignCommand(AppState& app, std::string_view argument) { return Answer(RestoreAutosaved(app, argument)); }

std::string ListPresetsCommand(AppState&, std::string_view) {
    json list = json::array();
    for (const PresetInfo& preset : ListPresets()) list.push_back({{"name", preset.name}, {"title", preset.title}});
    return list.dump();
}

std::string UndoCommand(AppState& app, std::string_view) { return json{{"ok", Undo(app)}}.dump(); }

std::string LayoutCommand(AppState&, std::string_view) { return LayoutAuditJsonAndArm(); }

std::string RedoCommand(AppState& app, std::string_view) { return json{{"ok", Redo(app)}}.dump(); }

// {"type": "mouse"|"pen"|"touch", "pressure": 0..1, "clicks": n}: what the next mouse event comes from.
std::string PointerCommand(AppState& app, std::string_view argument) {
    const std::optional<json> pointer = ObjectArgument(argument);
    if (!pointer) return Refused("pointer takes a JSON object");
    if (pointer->contains("type") && (*pointer)["type"].is_string()) {
        const std::string type = (*pointer)["type"].get<std::string>();
        app.pointer.pen = type == "pen";
        app.pointer.finger = type == "touch";
        if (type == "touch") app.pointer.finger_seen = true;
        if (type == "mouse") app.pointer.finger_seen = false;
    }
    if (pointer->contains("pressure")) {
        const double pressure = (*pointer)["pressure"].is_number() ? (*pointer)["pressure"].get<double>() : 1.0;
        app.pointer.pen_pressure = std::isfinite(pressure) ? std::clamp(pressure, 0.0, 1.0) : 1.0;
    }
    if (pointer->contains("clicks") && (*pointer)["clicks"].is_number_integer()) {
        // A handful is plenty (a triple-click); more would be presses the app never saw.
        if (app.pointer.page_clicks.size() >= 4) app.pointer.page_clicks.pop_front();
        app.pointer.page_clicks.push_back({std::clamp((*pointer)["clicks"].get<int>(), 0, 3), ImGui::GetTime()});
    }
    return Answer(Status::Ok());
}

// What the page's input over a text field did (ui/text_entry.h): {"text": the field's whole text,
// "key": "enter" | "escape", "done": true (the phone's keyboard closed), "edit": a slider's id
// (double-tapped: edit its value)}, each optional.
std::string TextEntryCommand(AppState&, std::string_view argument) {
    const std::optional<json> entry = ObjectArgument(argument);
    if (!entry) return Refused("textEntry takes a JSON object");
    TextEntryInput input;
    if (entry->contains("text")) {
        if (!(*entry)["text"].is_string()) return Refused("text must be a string");
        input.text = (*entry)["text"].get<std::string>();
    }
    const std::string key = entry->value("key", std::string());
    if (!key.empty() && key != "enter" && key != "escape") return Refused("key must be \"enter\" or \"escape\"");
    input.enter = key == "enter";
    input.escape = key == "escape";
    input.done = entry->value("done", false);
    input.edit_slider = entry->value("edit", 0u);
    if (!QueueTextEntryInput(input)) return Refused("no text field is being edited");
    return Answer(Status::Ok());
}

// Two fingers: {"phase": "begin"|"move"|"end", "dx", "dy" (CSS px moved), "scale" (spread ratio
// since the last move), "x", "y" (the fingers' centre, CSS px in the canvas)}.
std::string GestureCommand(AppState& app, std::string_view argument) {
    const std::optional<json> gesture = ObjectArgument(argument);
    if (!gesture) return Refused("gesture takes a JSON object");
    const auto number = [&](const char* key, double fallback) {
        const auto it = gesture->find(key);
        return it != gesture->end() && it->is_number() && std::isfinite(it->get<double>()) ? it->get<double>() : fallback;
    };
    const std::string phase = gesture->value("phase", std::string());
    if (phase == "begin") {
        CancelPointerEdit(app);
        app.pointer.gesture_active = true;
    } else if (phase == "move") {
        // CSS px to the canvas' framebuffer px; the zoom is about the fingers' centre.
        const double px_per_css = app.ui_scale > 0.0f ? app.ui_scale : 1.0;
        const Vec2 fingers_px = Vec2(number("x", 0.0), number("y", 0.0)) * px_per_css;
        // Over the head view the fingers zoom the head (they do not turn it: one finger does).
        const Vec2 in_head = fingers_px - app.canvas.head_origin_px;
        if (app.canvas.shown_view != CanvasView::kMap && in_head.x() >= 0.0 && in_head.y() >= 0.0 &&
            in_head.x() <= app.canvas.head_size_px.x() && in_head.y() <= app.canvas.head_size_px.y()) {
            app.view.head.zoom = PinchHeadZoom(app.view.head.zoom, number("scale", 1.0));
            return Answer(Status::Ok());
        }
        const Vec2 centre_px = fingers_px - app.canvas.origin_px;
        app.view.transform.PanPixels(Vec2(number("dx", 0.0), number("dy", 0.0)) * px_per_css);
        app.view.transform.ZoomAbout(centre_px, std::clamp(number("scale", 1.0), 0.5, 2.0));
        app.view.follow_fit = false;
    } else if (phase == "end") {
        app.pointer.gesture_active = false;
    } else {
        return Refused("phase must be \"begin\", \"move\" or \"end\"");
    }
    return Answer(Status::Ok());
}

std::string GetLink(AppState& app, std::string_view) {
    const ShareLink link = CurrentLink(app);
    return json{{"ok", true}, {"link", link.url}, {"fragment", link.fragment}, {"chars", link.url.size()},
                {"within_budget", link.within_budget}, {"budget", kLinkBudgetChars}}.dump();
}

std::string OpenLinkCommand(AppState& app, std::string_view argument) { return Answer(OpenSharedLink(app, argument)); }

std::string EditCopyCommand(AppState& app, std::string_view) { return Answer(EditCopy(app)); }

std::string CloseClientViewCommand(AppState& app, std::string_view) {
    (void)BackToMyDesign(app);   // a failure shows in the panel; the page's call has done its part
    return Answer(Status::Ok());
}

// {"name", "text"} from the page's file picker, or {"name", "error"} when it could not be read.
std::string OpenFileCommand(AppState& app, std::string_view argument) {
    const std::optional<json> file = ObjectArgument(argument);
    Status opened = Status::Ok();
    if (!file) {
        opened = Status(StatusCode::kInvalidArgument, "openFile takes {\"name\", \"text\"}");
    } else if (file->contains("error")) {
        opened = Status(StatusCode::kIoError, Refusal(file->value("name", std::string("the file")), file->value("error", std::string("unreadable")), "Your design is unchanged."));
    } else if (!file->contains("text") || !(*file)["text"].is_string()) {
        opened = Status(StatusCode::kInvalidArgument, "openFile needs the file's text");
    } else {
        return Answer(OpenFile(app, file->value("name", std::string()), (*file)["text"].get_ref<const std::string&>()));
    }
    ReportFileFailed(app, opened.message());
    return Answer(opened);
}

// {"ok": bool, "error"}: whether the browser copied the link.
std::string ClipboardResult(AppState& app, std::string_view argument) {
    const json answer = ParseArgument(argument);
    const bool copied = answer.is_object() && answer.value("ok", false);
    app.share.status = copied ? "Link copied. Paste it into a message to share the design."
                              : "The browser did not allow copying. Select the link in the box below the canvas and copy it.";
    return Answer(Status::Ok());
}

// {"outcome": "shared"|"cancelled"|"failed", "error"}: what became of the share sheet.
std::string ShareResult(AppState& app, std::string_view argument) {
    const json answer = ParseArgument(argument);
    const std::string outcome = answer.is_object() && answer.contains("outcome") && answer["outcome"].is_string() ? answer["outcome"].get<std::string>() : "";
    const std::string error = answer.is_object() && answer.contains("error") && answer["error"].is_string() ? answer["error"].get<std::string>() : "";
    if (outcome == "shared") ReportShareOutcome(app, ShareOutcome::kShared, error);
    else if (outcome == "cancelled") ReportShareOutcome(app, ShareOutcome::kCancelled, error);
    else if (outcome == "failed") ReportShareOutcome(app, ShareOutcome::kFailed, error);
    else return Refused("shareResult takes {outcome: shared|cancelled|failed, error}");
    return Answer(Status::Ok());
}

// [{"title", "saved_at"}, ...], newest first: what the File menu lists.
std::string SetRecent(AppState& app, std::string_view argument) {
    const json list = ParseArgument(argument);
    if (list.is_discarded() || !list.is_array()) return Refused("setRecent takes a JSON array");
    app.page.recent.clear();
    for (const json& entry : list) {
        if (!entry.is_object() || app.page.recent.size() >= 16) continue;
        const auto text = [&](const char* key) {
            const auto it = entry.find(key);
            return it != entry.end() && it->is_string() ? Utf8Prefix(it->get<std::string>(), 80) : std::string();
        };
        app.page.recent.push_back({text("title"), text("saved_at")});
    }
    return Answer(Status::Ok());
}

// {"mode": an embed mode's name}: what an embedding clinic lets visitors do.
std::string SetMode(AppState& app, std::string_view argument) {
    const std::optional<json> request = ObjectArgument(argument);
    const auto mode_it = request ? request->find("mode") : json::const_iterator();
    const std::string mode = request && mode_it != request->end() && mode_it->is_string() ? mode_it->get<std::string>() : std::string();
    const EmbedModeInfo* found = nullptr;
    for (const EmbedModeInfo& info : kEmbedModes) {
        if (mode == info.name) found = &info;
    }
    if (!found) return Refused("mode must be " + NameList(kEmbedModes, [](const EmbedModeInfo& m) { return m.name; }));
    FinishPointerEdits(app);
    app.page.embed_mode = found->mode;
    app.doc.view_only = found->mode == EmbedMode::kViewer;
    if (app.doc.view_only) app.tools.active = &HandTool();
    // A clinic's visitor comes to see the result on a head: client and viewer open on it; the full
    // designer keeps its view.
    if (found->mode != EmbedMode::kFull) ShowResultToClient(app);
    return Answer(Status::Ok());
}

// {"accent": "#rrggbb", "dark": bool, "clinic_name": "..."}, each optional: what is left out stays
// as it was (a clinic that sets its accent keeps its light or dark choice, and the other way round).
// "dark" is the clinic's choice; a person's own choice (View > Theme) still wins over it.
std::string SetTheme(AppState& app, std::string_view argument) {
    const std::optional<json> theme = ObjectArgument(argument);
    if (!theme) return Refused("setTheme takes a JSON object");
    ImVec4 accent = theme::Accent();
    if (const auto accent_it = theme->find("accent"); accent_it != theme->end()) {
        const std::string text = accent_it->is_string() ? accent_it->get<std::string>() : std::string("?");
        unsigned rgb = 0;
        if (text.size() != 7 || text[0] != '#' || std::sscanf(text.c_str() + 1, "%6x", &rgb) != 1 ||
            text.find_first_not_of("0123456789abcdefABCDEF", 1) != std::string::npos) {
            return Refused("accent must be a colour like \"#2a6b8c\", got \"" + Utf8Prefix(text, 20) + "\"");
        }
        accent = ImVec4(static_cast<float>((rgb >> 16) & 0xFF) / 255.0f, static_cast<float>((rgb >> 8) & 0xFF) / 255.0f,
                        static_cast<float>(rgb & 0xFF) / 255.0f, 1.0f);
    }
    if (const auto dark_it = theme->find("dark"); dark_it != theme->end() && dark_it->is_boolean()) app.access.appearance.clinic_dark = dark_it->get<bool>();
    if (theme->contains("clinic_name") && (*theme)["clinic_name"].is_string()) app.page.clinic_name = Utf8Prefix((*theme)["clinic_name"].get<std::string>(), 80);
    theme::SetTheme(accent, DarkTheme(app.access.appearance), app.ui_scale);
    return Answer(Status::Ok());
}

// {"browser_dark": bool, "reduced_motion": bool, "choice": "browser"|"light"|"dark"}, each optional:
// the browser's preferences (prefers-color-scheme, prefers-reduced-motion, and their changes) and
// the person's saved theme choice, from the page (web/js/appearance.js).
std::string SetAppearance(AppState& app, std::string_view argument) {
    const std::optional<json> settings = ObjectArgument(argument);
    if (!settings) return Refused("setAppearance takes a JSON object");
    Appearance appearance = app.access.appearance;
    for (const auto& [key, flag] : {std::pair{"browser_dark", &Appearance::browser_dark}, std::pair{"reduced_motion", &Appearance::reduced_motion}}) {
        const auto it = settings->find(key);
        if (it == settings->end()) continue;
        if (!it->is_boolean()) return Refused(std::string(key) + " must be true or false");
        appearance.*flag = it->get<bool>();
    }
    if (const auto it = settings->find("choice"); it != settings->end()) {
        const std::optional<ThemeChoice> choice = it->is_string() ? FindThemeChoice(it->get<std::string>()) : std::nullopt;
        if (!choice) return Refused("choice must be " + NameList(kThemeChoices, [](const ThemeChoiceInfo& c) { return c.name; }));
        appearance.choice = *choice;
    }
    app.access.appearance = appearance;
    ApplyAppearance(app);
    return Answer(Status::Ok());
}

// The page's Tab has just brought the keyboard to the canvas: the side panel's first widget is
// highlighted, and Tab, the arrows, Space and Enter work the panel from there.
std::string KeyboardEnter(AppState& app, std::string_view) {
    app.access.enter_panel = true;
    return Answer(Status::Ok());
}

std::string GetView(AppState& app, std::string_view) { return ViewSettingsJson(app).dump(); }

std::string SetView(AppState& app, std::string_view argument) {
    const std::optional<json> saved = ObjectArgument(argument);
    if (!saved) return Refused("setView takes a JSON object");
    RestoreViewSettings(app, *saved);
    return Answer(Status::Ok());
}

std::string SetPreview(AppState& app, std::string_view argument) {
    const std::optional<json> settings = ObjectArgument(argument);
    if (!settings) return Refused("setPreview takes a JSON object");
    // All or nothing: a refused value leaves the look and the head view as they were.
    const ViewSettings before = app.view;
    Status applied = ApplyHeadViewJson(app, *settings);
    if (applied.ok()) applied = ApplyPreviewJson(app, *settings);
    if (!applied.ok()) app.view = before;
    return Answer(applied);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Photos (ui/photo_view.h): the page's answers to the photo view's requests
// ---------------------------------------------------------------------------------------------

// {"glabella": [x, y], ...} in the photo's pixels; names no landmark or not [x, y] numbers: refused.
Expected<std::array<std::optional<Vec2>, kHeadLandmarkCount>> MarksFromJson(const json& marks) {
    std::array<std::optional<Vec2>, kHeadLandmarkCount> placed{};
    if (marks.is_null()) return placed;
    if (!marks.is_object()) return Status(StatusCode::kInvalidArgument, "marks must be an object such as {\"glabella\": [x, y]}");
    for (const auto& [name, at] : marks.items()) {
        const std::optional<HeadLandmark> landmark = HeadLandmarkFromName(name);
        if (!landmark) return Status(StatusCode::kInvalidArgument, "marks: no landmark is called \"" + Utf8Prefix(name, 40) + "\"");
        if (!at.is_array() || at.size() != 2 || !at[0].is_number() || !at[1].is_number()) {
            return Status(StatusCode::kInvalidArgument, "marks." + name + " must be [x, y] in the photo's pixels");
        }
        placed[static_cast<size_t>(*landmark)] = Vec2(at[0].get<double>(), at[1].get<double>());
    }
    return placed;
}

// {id, view, width_px, height_px}: one of the page's photos.
Expected<PhotoInfo> PhotoInfoFromJson(const json& entry) {
    if (!entry.is_object()) return Status(StatusCode::kInvalidArgument, "a photo must be an object {id, view, width_px, height_px}");
    PhotoInfo info;
    info.id = entry.value("id", std::string());
    const std::optional<PhotoView> view = PhotoViewFromName(entry.value("view", std::string()));
    if (info.id.empty() || info.id.size() > 200) return Status(StatusCode::kInvalidArgument, "a photo's id must be text of 1..200 characters");
    if (!view || *view == PhotoView::kUnknown) return Status(StatusCode::kInvalidArgument, "a photo's view must be front, left, right, back or top");
    info.view = *view;
    const json width = entry.value("width_px", json()), height = entry.value("height_px", json());
    if (!width.is_number_integer() || !height.is_number_integer()) return Status(StatusCode::kInvalidArgument, "a photo's width_px and height_px must be whole numbers");
    info.width_px = static_cast<int>(std::clamp<int64_t>(width.get<int64_t>(), 0, kMaxPhotoSidePx + 1));
    info.height_px = static_cast<int>(std::clamp<int64_t>(height.get<int64_t>(), 0, kMaxPhotoSidePx + 1));
    return info;
}

// {op: list|pick|load|marks|remove|saveWithPhotos, ok, error, photos: [...], note, cancelled}.
std::string PhotoAnswer(AppState& app, std::string_view argument) {
    const std::optional<json> answer = ObjectArgument(argument);
    if (!answer) return Refused("photoAnswer takes a JSON object");
    const std::string op = answer->value("op", std::string());
    // A picked photo is still on its way (the page lists, then loads it): the note stays until
    // its pixels come, and the list does not load another one meanwhile.
    const bool more_to_come = op == "list" || op == "marks" || (op == "pick" && answer->value("ok", false) && !answer->value("cancelled", false));
    if (!more_to_come) app.photo.waiting_for.clear();
    if (!answer->value("ok", false)) {
        // The person's own work stays: only the message changes.
        const std::string error = answer->value("error", std::string("the photo store did not say why"));
        ReportFileFailed(app, Utf8Prefix(error, 600));
        return Answer(Status::Ok());
    }
    if (answer->value("cancelled", false)) return Answer(Status::Ok());
    if (const auto it = answer->find("photos"); it != answer->end()) {
        if (!it->is_array() || it->size() > 1000) return Refused("photos must be a list of at most 1000 photos");
        std::vector<PhotoInfo> photos;
        for (const json& entry : *it) {
            const Expected<PhotoInfo> info = PhotoInfoFromJson(entry);
            if (!info.ok()) return Answer(info.status());
            photos.push_back(*info);
        }
        SetPhotoList(app, std::move(photos));
    }
    if (const std::string note = answer->value("note", std::string()); !note.empty()) ReportFileDone(app, Utf8Prefix(note, 600));
    if (op == "saveWithPhotos") ReportFileDone(app, "saved " + answer->value("name", std::string("the design")) + " with its photos");
    return Answer(Status::Ok());
}

// {id, view, width_px, height_px, marks}, the pixels staged by the page (width x height x 4 bytes).
std::string PhotoPixels(AppState& app, std::string_view argument) {
    std::vector<uint8_t> rgba = app.host.take_page_bytes ? app.host.take_page_bytes() : std::vector<uint8_t>();
    const std::optional<json> photo = ObjectArgument(argument);
    if (!photo) return Refused("photoPixels takes a JSON object");
    const Expected<PhotoInfo> info = PhotoInfoFromJson(*photo);
    if (!info.ok()) return Answer(info.status());
    const Expected<std::array<std::optional<Vec2>, kHeadLandmarkCount>> marks = MarksFromJson(photo->value("marks", json()));
    if (!marks.ok()) return Answer(marks.status());
    const Status shown = ShowPhotoPixels(app, *info, std::move(rgba), *marks);
    if (!shown.ok()) ReportFileFailed(app, "the photo could not be shown: " + shown.message());
    return Answer(shown);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The table
// ---------------------------------------------------------------------------------------------

constexpr bool kQuery = true;

constexpr ApiCommand kCommands[] = {
    // The design and its plan.
    // (nothing) -> the design (JSON)
    {"getDesign", GetDesign, kQuery},
    // (nothing) -> the plan (JSON)
    {"getPlan", GetPlan, kQuery},
    // design JSON or a preset's name -> {ok} or {ok: false, error}: an undoable edit
    {"loadDesign", LoadDesignCommand},
    // design JSON -> {ok} or {ok: false, error}: the autosaved design on opening, no undo step
    {"restoreDesign", RestoreDesignCommand},
    // (nothing) -> [{name, title}, ...]
    {"listPresets", ListPresetsCommand, kQuery},
    // (nothing) -> {ok}: false with nothing to undo
    {"undo", UndoCommand},
    // (nothing) -> {ok}: false with nothing to redo
    {"redo", RedoCommand},
    // Input the page alone knows.
    // {type: mouse|pen|touch, pressure: 0..1, clicks} -> {ok}
    {"pointer", PointerCommand},
    // {phase: begin|move|end, dx, dy, scale, x, y} -> {ok}
    {"gesture", GestureCommand},
    // {text, key: enter|escape, done, edit}, each optional -> {ok} or {ok: false, error}: for the text field being edited (ui/text_entry.h)
    {"textEntry", TextEntryCommand},
    // Links and the client view.
    // (nothing) -> {ok, link, fragment, chars, within_budget, budget}
    {"getLink", GetLink, kQuery},
    // a link or its fragment -> {ok} (the client view) or {ok: false, error}
    {"openLink", OpenLinkCommand},
    // (nothing) -> {ok} or {ok: false, error}
    {"editCopy", EditCopyCommand},
    // (nothing) -> {ok}
    {"closeClientView", CloseClientViewCommand},
    // The host's answers to what the app asked of it.
    // {name, text} or {name, error} -> {ok} or {ok: false, error}
    {"openFile", OpenFileCommand},
    // {ok, error} -> {ok}
    {"clipboardResult", ClipboardResult},
    // {outcome: shared|cancelled|failed, error} -> {ok} or {ok: false, error}
    {"shareResult", ShareResult},
    // [{title, saved_at}, ...] -> {ok}
    {"setRecent", SetRecent},
    // {op, ok, error, photos: [{id, view, width_px, height_px}], note, cancelled} -> {ok}: the page's photo store answering the photo view
    {"photoAnswer", PhotoAnswer},
    // {id, view, width_px, height_px, marks}, the pixels staged with smp_api_stage -> {ok} or {ok: false, error}: the photo on screen
    {"photoPixels", PhotoPixels},
    // The embedding page.
    // {mode: full|client|viewer} -> {ok} or {ok: false, error}
    {"setMode", SetMode},
    // {accent: #rrggbb, dark, clinic_name}, each optional -> {ok} or {ok: false, error}
    {"setTheme", SetTheme},
    // The browser's preferences and the keyboard.
    // {browser_dark, reduced_motion, choice: browser|light|dark}, each optional -> {ok} or {ok: false, error}
    {"setAppearance", SetAppearance},
    // (nothing) -> {ok}: the side panel's first widget gets the keyboard
    {"keyboardEnter", KeyboardEnter},
    // The view, kept with the autosave.
    // (nothing) -> {preview, fit, show, heatmap_opacity, view, camera: {yaw_deg, pitch_deg, zoom}, pixels_per_mm, origin}
    {"getView", GetView, kQuery},
    // (nothing) -> the last audited frame's windows, items and tables in CSS px ({} before the first); asks for the next frame's (ui/layout_audit.h)
    {"layout", LayoutCommand},
    // what getView gave -> {ok}: missing or out-of-range values are left as they are
    {"setView", SetView},
    // {mode: plan|healed|faded, up_to_session, skin_tone, hair_colour, years, viewing_distance_m, view: map|head|both|photo, yaw_deg, pitch_deg, zoom} -> {ok} or {ok: false, error}
    {"setPreview", SetPreview},
};

}  // namespace

std::span<const ApiCommand> ApiCommands() { return kCommands; }

bool IsApiQuery(std::string_view command) {
    for (const ApiCommand& row : kCommands) {
        if (command == row.name) return row.query;
    }
    return false;
}

std::string HandleApiCall(AppState& app, std::string_view command, std::string_view argument) {
    for (const ApiCommand& row : kCommands) {
        if (command != row.name) continue;
        // Nothing the page sends may take the app down: a value of an unexpected type deep in an
        // argument (nlohmann's type errors) becomes an answer naming the problem.
        try {
            return row.run(app, argument);
        } catch (const std::exception& e) {
            return json{{"ok", false}, {"error", Utf8Prefix(std::string(command), 40) + ": " + e.what()}}.dump();
        }
    }
    return json{{"ok", false}, {"error", "unknown command '" + Utf8Prefix(std::string(command), 40) + "'"}}.dump();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Stats for automation
// ---------------------------------------------------------------------------------------------

namespace {

// The WebAssembly memory the app holds, MiB: it grows and never shrinks, so this is also its peak
// (stats(), `make bench`). 0 on the desktop, where the operating system keeps count.
double WasmMemoryMiB() {
#if defined(__wasm__)
    return static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0 / (1 << 20);
#else
    return 0.0;
#endif
}

// The photo view's figures (ui/photo_view.h): the photo on screen, where its markers are on the
// page (CSS px, for automation to drag them), the fit and the design drawn on it.
json PhotoStatsJson(const AppState& app, double css_per_px) {
    const PhotoViewState& photo = app.photo;
    const PhotoSession& session = photo.session;
    const ScalpTemplate* scalp = app.doc.pattern.field ? app.doc.pattern.field->Scalp() : nullptr;
    json stats = {{"photos", photo.photos.size()}, {"waiting", photo.waiting_for}, {"shown", nullptr}};
    if (!session.HasPhoto() || !scalp) return stats;
    const auto css = [&](const Vec2& photo_px) {
        return json{(photo.image_origin_px.x() + photo_px.x() * photo.image_scale) * css_per_px,
                    (photo.image_origin_px.y() + photo_px.y() * photo.image_scale) * css_per_px};
    };
    json markers = json::object();
    for (const HeadLandmark landmark : LandmarksSeenFrom(session.shown.view)) {
        const Vec2 at = MarkerPositionPx(session, *scalp, landmark);
        markers[std::string(HeadLandmarkName(landmark))] = {{"css", css(at)}, {"photo_px", {at.x(), at.y()}},
                                                            {"placed", session.placed_px[static_cast<size_t>(landmark)].has_value()}};
    }
    json fit = nullptr;
    if (session.fit && session.fit->ok()) {
        const HeadFit& f = **session.fit;
        fit = {{"error_px", f.error_px}, {"worst_error_px", f.worst_error_px}, {"poor", f.poor}, {"message", f.message},
               {"yaw_deg", f.pose.camera.yaw_deg}, {"pitch_deg", f.pose.camera.pitch_deg}, {"roll_deg", f.pose.roll_deg}, {"px_per_mm", f.pose.px_per_mm}};
    } else if (session.fit) {
        fit = {{"error", session.fit->status().message()}};
    }
    const Vec2 image_size = Vec2(session.shown.width_px, session.shown.height_px) * photo.image_scale;
    stats["shown"] = {{"id", session.shown.id}, {"view", PhotoViewName(session.shown.view)}, {"width_px", session.shown.width_px}, {"height_px", session.shown.height_px}};
    stats["image_css"] = {{"x", photo.image_origin_px.x() * css_per_px}, {"y", photo.image_origin_px.y() * css_per_px},
                          {"width", image_size.x() * css_per_px}, {"height", image_size.y() * css_per_px}};
    stats["markers"] = markers;
    stats["placed"] = session.PlacedCount();
    stats["fit"] = fit;
    stats["summary"] = PhotoViewLine(app);
    stats["overlay_ready"] = photo.overlay_ready;
    stats["overlay_renders"] = photo.overlay_renders;
    stats["overlay_ms"] = photo.overlay_ms;
    stats["fit_ms"] = photo.fit_ms;
    stats["split"] = photo.split;
    stats["show_markers"] = photo.show_markers;
    stats["markers_have_room"] = photo.markers_have_room;
    stats["include_in_send"] = photo.include_in_send;
    return stats;
}

}  // namespace

std::string StatsJson(const AppState& app) {
    // ImGui works in framebuffer pixels; the page speaks CSS pixels.
    const double css_per_px = app.ui_scale > 0.0f ? 1.0 / app.ui_scale : 1.0;
    const ViewSettings& view = app.view;
    const Document& doc = app.doc;
    const Vec2 origin_px = app.canvas.origin_px;
    const Vec2 scalp_min = origin_px + view.transform.MmToPixels(doc.drawing.scalp_bounds_mm.min_mm);
    const Vec2 scalp_max = origin_px + view.transform.MmToPixels(doc.drawing.scalp_bounds_mm.max_mm);
    const bool shows_map = app.canvas.shown_view == CanvasView::kMap || app.canvas.shown_view == CanvasView::kBoth;
    const bool shows_head = app.canvas.shown_view == CanvasView::kHead || app.canvas.shown_view == CanvasView::kBoth;
    auto rect = [&](const Vec2& lo, const Vec2& hi) {
        return json{{"x", lo.x() * css_per_px}, {"y", lo.y() * css_per_px}, {"width", (hi.x() - lo.x()) * css_per_px}, {"height", (hi.y() - lo.y()) * css_per_px}};
    };
    auto point = [&](const Vec2& px) { return json{px.x() * css_per_px, px.y() * css_per_px}; };
    // The outline's leftmost, rightmost, frontmost and backmost points, for tests to look at.
    json outline_extremes = json::object();
    if (!doc.drawing.scalp_outline_mm.empty()) {
        const std::vector<Vec2>& outline = doc.drawing.scalp_outline_mm;
        auto extreme = [&](auto better) {
            Vec2 best = outline.front();
            for (const Vec2& p : outline) if (better(p, best)) best = p;
            return point(origin_px + view.transform.MmToPixels(best));
        };
        outline_extremes["left"] = extreme([](const Vec2& a, const Vec2& b) { return a.x() < b.x(); });
        outline_extremes["right"] = extreme([](const Vec2& a, const Vec2& b) { return a.x() > b.x(); });
        outline_extremes["front"] = extreme([](const Vec2& a, const Vec2& b) { return a.y() < b.y(); });
        outline_extremes["back"] = extreme([](const Vec2& a, const Vec2& b) { return a.y() > b.y(); });
    }
    // The hairline's control points on the page, for tests to grab: [x, y, mirrored].
    json handles = json::array();
    if (doc.design.hairline) {
        std::vector<HairlineHandle> kinds;
        const std::vector<Vec2> positions = HairlineHandlePositionsMm(*doc.design.hairline, doc.drawing.midline_x_mm, &kinds);
        for (size_t k = 0; k < positions.size(); ++k) {
            const Vec2 px = origin_px + view.transform.MmToPixels(positions[k]);
            handles.push_back({px.x() * css_per_px, px.y() * css_per_px, kinds[k].mirrored});
        }
    }
    json warnings = json::array();
    for (const DesignWarning& warning : doc.pattern.field->Warnings()) warnings.push_back(warning.code);
    const json stats = {
        {"frames", app.stats.frames},
        {"frames_drawn", app.stats.frames_drawn},
        {"input_pending", app.stats.input_events_pending},
        {"frame_ms", app.stats.last_frame_ms},
        {"frame_interval_ms", app.stats.frame_interval_ms},
        {"device_pixel_ratio", app.ui_scale},
        {"pixels_per_mm", view.transform.pixels_per_mm * css_per_px},
        {"canvas_css", rect(app.canvas.area_origin_px, app.canvas.area_origin_px + app.canvas.area_size_px)},
        {"map_css", shows_map ? rect(origin_px, origin_px + app.canvas.size_px) : json(nullptr)},
        {"head_css", shows_head ? rect(app.canvas.head_origin_px, app.canvas.head_origin_px + app.canvas.head_size_px) : json(nullptr)},
        {"photo", PhotoStatsJson(app, css_per_px)},
        {"view", CanvasViewName(app.canvas.shown_view)},
        {"view_chosen", CanvasViewName(view.canvas_view)},
        {"camera", {{"yaw_deg", view.head.camera.yaw_deg}, {"pitch_deg", view.head.camera.pitch_deg}, {"zoom", view.head.zoom}}},
        {"head_dots_drawn", app.canvas.head ? static_cast<int64_t>(app.canvas.head->DotCount() - app.canvas.head_hair_count) : 0},
        {"head_hairs_drawn", app.canvas.head ? static_cast<int64_t>(app.canvas.head_hair_count) : 0},
        {"head_uploads", app.canvas.head_uploads},
        {"head_before_after", view.head.before_after ? json(view.head.split) : json(nullptr)},
        {"scalp_css", rect(scalp_min, scalp_max)},
        {"scalp_area_cm2", doc.pattern.field->TemplateAreaCm2()},
        {"design_title", doc.design.title},
        {"design_revision", doc.revision},
        {"dots", doc.total_dots},
        {"dots_drawn", app.canvas.dots ? static_cast<int64_t>(app.canvas.dots->DotCount()) : 0},
        {"dot_uploads", app.canvas.dot_uploads},
        {"outline_css", outline_extremes},
        {"brush", {{"updates", doc.timings.updates}, {"last_update_ms", doc.timings.last_update_ms},
                   {"max_update_ms", doc.timings.max_update_ms}, {"stroke_first_update_ms", doc.timings.stroke_first_update_ms}}},
        {"engine", {{"generate_ms", doc.engine_timings.last_generate_ms}, {"headroom_ms", doc.engine_timings.last_headroom_ms},
                    {"headroom_frames", doc.engine_timings.headroom_frames}, {"headroom_longest_frame_ms", doc.engine_timings.headroom_longest_frame_ms},
                    {"headroom_in_place", doc.engine_timings.headroom_in_place}, {"generations", doc.engine_timings.generations}}},
        {"can_undo", doc.history.CanUndo()},
        {"undo_steps", doc.history.Steps()},
        {"undo_label", doc.history.UndoLabel()},
        {"history_kib", static_cast<int64_t>(doc.history.ApproximateBytes() / 1024)},
        {"memory_mib", WasmMemoryMiB()},
        {"view_mode", PreviewName(view.preview.mode)},
        {"hair_colour", view.preview.hair_colour},
        {"can_redo", doc.history.CanRedo()},
        {"tool", app.tools.active ? app.tools.active->name : HandTool().name},
        {"hairline_handles_css", handles},
        {"warnings", warnings},
        {"heatmap", view.show_heatmap},
        {"error", app.screen.last_error},
        {"status", app.screen.status},
        {"head_picture", app.screen.head_picture_outcome},
        {"client_view", doc.client_view},
        {"document", doc.document_serial},
        {"mode", EmbedModeName(app.page.embed_mode)},
        {"recent_designs", app.page.recent.size()},
        {"share_status", app.share.status},
        {"share_copy_css", point(app.share.copy_button_px)},
        {"send_css", point(app.screen.send_button_px)},
        {"layout", app.screen.bottom_sheet ? "sheet" : "side"},
        {"sheet_expanded", app.screen.sheet_expanded},
        {"touch", app.page.touch},
        {"planning_marks", Preview(view.preview.mode).planning_marks},
        {"keyboard_nav", KeyboardInUse()},
        {"focused", app.access.focused},
        {"theme", theme::Dark() ? "dark" : "light"},
        {"theme_choice", ThemeChoiceName(app.access.appearance.choice)},
        {"reduced_motion", theme::ReducedMotion()},
    };
    return stats.dump();
}

}  // namespace smp
