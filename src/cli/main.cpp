// smp: the command-line tool. Links smp_core and smp_export only, which proves neither needs a UI.
//
// Exit codes: 0 success, 1 bad input (one line on stderr naming the problem), 2 bad usage.
// The node build (build/wasm/bin/smp.js) behaves identically.
#include "core/design_json.h"
#include "core/design_link.h"
#include "core/generator.h"
#include "core/head_fit.h"
#include "core/marks_json.h"
#include "core/pattern_stats.h"
#include "core/plan_json.h"
#include "core/presets.h"
#include "core/scalp_template.h"
#include "core/version.h"
#include "export/caption.h"
#include "export/qr_code.h"
#include "export/dot_palette.h"
#include "export/head_marks.h"
#include "export/head_render.h"
#include "export/photo_render.h"
#include "export/plan_sheet.h"
#include "export/png.h"
#include "export/png_decode.h"
#include "export/preview.h"
#include "export/raster.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <optional>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <span>
#include <string_view>
#include <vector>

#if defined(__linux__) && !defined(__wasm__)
#include <sys/resource.h>
#endif

namespace {

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 1;
constexpr int kExitUsage = 2;

// The help text; {views} stands for the previews' names (export/preview.h) and {hair} for the hair
// colours' (export/dot_palette.h), so that a new one shows here by itself.
constexpr std::string_view kUsage =
    "usage: smp <command> [options]\n"
    "\n"
    "Scalp-micropigmentation pattern designer, command-line tool.\n"
    "\n"
    "commands:\n"
    "  plan DESIGN [-o PLAN.json]        generate the session plan (stdout by default); DESIGN is a\n"
    "                                    design file or a preset name\n"
    "  render DESIGN -o OUT.png [--session N] [--view {views}|head] [--years 0-10] [--width PX] [--skin 0-4]\n"
    "         [--distance M] [--yaw DEG] [--pitch DEG] [--look {views}] [--hair COLOUR] [--before-after]\n"
    "         [--marks-out MARKS.json] [--caption]\n"
    "                 draw the design as a PNG: plan (dots by session, zones, hairline, scars),\n"
    "                 healed (the ink on skin tone 0 light .. 4 dark, default 1) or faded (healed,\n"
    "                 --years later, default 5); sessions 1..N only (default all); 1200 px wide by\n"
    "                 default (16..8192), the height from the template. --distance: healed and\n"
    "                 faded as seen from M metres (0..10, default 0: close up). --view head: the\n"
    "                 dots on the template's head, a square image (16..4096 px): --yaw DEG (-180..180,\n"
    "                 0 = facing the camera, + = the client turns to their left), --pitch DEG\n"
    "                 (-90..90, + = seen from above), --look {views} (default healed);\n"
    "                 --marks-out: where the landmarks it shows fall (a markers file for 'smp fit');\n"
    "                 --before-after: the head with the client's own hair only, then with the\n"
    "                 design, side by side (twice as wide); --hair {hair}\n"
    "                 (default dark-brown): the colour of the client's own hair on the head;\n"
    "                 --caption: the words the app's exported pictures carry (Before and After on\n"
    "                 the halves, the preview's disclaimer in a strip under the picture)\n"
    "  render DESIGN --view photo --photo IMAGE.png --marks MARKS.json -o OUT.png [--look healed|faded]\n"
    "         [--before-after] [--session N] [--years 0-10] [--distance M] [--caption]\n"
    "                 the design on a photo (PNG) through the head fitted to the markers placed on\n"
    "                 it; --before-after: the photo and the result side by side\n"
    "  fit MARKS.json [--design DESIGN]\n"
    "                 fit the head to markers placed on a photo: prints the pose (yaw_deg, pitch_deg,\n"
    "                 roll_deg, px_per_mm, origin_px) and the fit's error in pixels as JSON; the head\n"
    "                 is the design's (a file or a preset name), else the markers file's, else the\n"
    "                 average head\n"
    "  sheet DESIGN -o PLAN.html [--start YYYY-MM-DD] [--clinic NAME] [--skin 0-4] [--hair COLOUR]\n"
    "                 the printable plan sheet: one self-contained HTML page, a page per session\n"
    "                 with its map, dots and time per zone, pigment, needles and aftercare; dated\n"
    "                 from the first session's date, or 'day N' without one; --skin and --hair\n"
    "                 ({hair}) for the healed illustrations\n"
    "  validate FILE.json                check a design or a plan; print 'ok' or what is wrong\n"
    "  link DESIGN [--base URL]          print the design's share link: the fragment \"#d=1....\", or the\n"
    "                                    whole link after URL (e.g. http://127.0.0.1:8080/)\n"
    "  unlink LINK [-o DESIGN.json]      read a share link (a whole URL or its \"#d=...\" fragment; - reads\n"
    "                                    it from stdin) and print or save the design it carries\n"
    "  presets                           list the shipped presets\n"
    "  preset NAME                       print a preset's design JSON\n"
    "  bench DESIGN.json [--runs N] [--no-quality]\n"
    "                 time a full generation and a 10 mm brush-dab update (medians, ms; the\n"
    "                 painting headroom (up to 120 dots/cm2) is prepared between them, as the designer does,\n"
    "                 and timed apart), a 1200 px PNG export (drawing and encoding) and measure the\n"
    "                 pattern's quality; prints one JSON object\n"
    "  measure DESIGN.json DOTS.json     quality figures of any dot list ([[x_mm, y_mm], ...])\n"
    "                 against the design's target (for comparing other generators)\n"
    "  outline [CIRCUMFERENCE_MM GLABELLA_TO_NAPE_MM EAR_TO_EAR_MM]\n"
    "                 print the scalp template (outline, landmarks, zones) as JSON (millimetres)\n"
    "  qr TEXT [-o OUT.svg] [--ecc L|M|Q|H] [--format svg|matrix]\n"
    "                 TEXT (a share link, say; '-' reads it from stdin) as a QR code: an SVG with a\n"
    "                 4-module quiet zone (default), or rows of 0/1 (1 = dark). The smallest version\n"
    "                 that holds it at --ecc (default M), at a higher level when that still fits\n"
    "  version        print the version\n"
    "  help           print this help\n"
    "\n"
    "options:\n"
    "  -h, --help     print this help\n"
    "  --version      print the version\n"
    "\n"
    "exit codes: 0 success, 1 bad input, 2 bad usage\n";

// A hair colour's name on the command line: "Dark brown" is dark-brown.
std::string HairColourOptionName(int index) {
    std::string name = smp::kHairColours[index].name;
    for (char& c : name) c = c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

std::string HairColourNames() {
    std::string names;
    for (int k = 0; k < smp::kHairColourCount; ++k) {
        if (k > 0) names += '|';
        names += HairColourOptionName(k);
    }
    return names;
}

// "--hair NAME": the hair colour's index into `index`, or what is wrong.
std::string HairColourOption(const std::vector<std::string_view>& a, size_t& i, int& index) {
    if (i + 1 >= a.size()) return "--hair needs a colour: " + HairColourNames();
    const std::string_view wanted = a[++i];
    for (int k = 0; k < smp::kHairColourCount; ++k) {
        if (HairColourOptionName(k) == wanted) {
            index = k;
            return "";
        }
    }
    return "--hair must be " + HairColourNames() + ", got '" + std::string(wanted) + "'";
}

std::string Usage() {
    std::string usage(kUsage);
    for (const auto& [placeholder, names] : {std::pair<std::string_view, std::string>{"{views}", smp::PreviewNames("|", "|")},
                                             std::pair<std::string_view, std::string>{"{hair}", HairColourNames()}}) {
        for (size_t at = usage.find(placeholder); at != std::string::npos; at = usage.find(placeholder)) usage.replace(at, placeholder.size(), names);
    }
    return usage;
}

int UsageError(const std::string& message) {
    std::fprintf(stderr, "smp: %s\n(run 'smp --help' for usage)\n", message.c_str());
    return kExitUsage;
}

int InputError(const std::string& message) {
    std::fprintf(stderr, "smp: %s\n", message.c_str());
    return kExitBadInput;
}

// Reads a whole file, refusing anything larger than `max_bytes` before reading it.
smp::Expected<std::string> ReadFile(const std::string& path, size_t max_bytes) {
    std::ifstream file(path, std::ios::binary | std::ios::ate);
    if (!file) return smp::Status(smp::StatusCode::kIoError, "cannot open '" + path + "'");
    const std::streamoff size = file.tellg();
    if (size < 0) return smp::Status(smp::StatusCode::kIoError, "cannot read '" + path + "'");
    if (static_cast<uint64_t>(size) > max_bytes) {
        return smp::Status(smp::StatusCode::kLimitExceeded, "'" + path + "' is " + std::to_string(size) +
                                                                " bytes; the limit is " + std::to_string(max_bytes));
    }
    std::string text(static_cast<size_t>(size), '\0');
    file.seekg(0);
    if (!file.read(text.data(), size)) return smp::Status(smp::StatusCode::kIoError, "cannot read '" + path + "'");
    return text;
}

// A preset's name (smp::IsPresetName) or a design file's path.
smp::Expected<smp::Design> LoadDesign(const std::string& path) {
    const smp::Expected<std::string> text = smp::DesignSourceText(
        path, [](std::string_view file) { return ReadFile(std::string(file), smp::DesignLimits::kMaxDesignBytes); });
    if (!text.ok()) return text.status();
    smp::Expected<smp::Design> design = smp::RestoreDesign(std::string_view(*text));
    if (!design.ok()) return smp::Status(design.status().code(), path + ": " + design.status().message());
    return design;
}

int RunValidate(const std::vector<std::string_view>& args) {
    if (args.size() != 1) return UsageError("validate takes one file");
    const std::string path(args[0]);
    // A plan file says so in its first bytes; anything else is read as a design.
    const smp::Expected<std::string> text = ReadFile(path, smp::kMaxPlanBytes);
    if (!text.ok()) return InputError(text.status().message());
    if (text->find("\"smp.plan\"") != std::string::npos) {
        const smp::Expected<smp::Plan> plan = smp::RestorePlan(*text);
        if (!plan.ok()) return InputError(path + ": " + plan.status().message());
        size_t dots = 0;
        for (const smp::PlanSession& session : plan->sessions) dots += session.dots.size();
        std::printf("ok: %s is a valid plan (%zu sessions, %zu dots)\n", path.c_str(), plan->sessions.size(), dots);
        return kExitOk;
    }
    const smp::Expected<smp::Design> design = LoadDesign(path);
    if (!design.ok()) return InputError(design.status().message());
    std::printf("ok: %s is a valid design\n", path.c_str());
    return kExitOk;
}

// Reads a command's arguments: exactly one design file, plus the options `option` knows. `option`
// is given the arguments and the index of one that is not a file; it consumes the option (moving
// the index over its value) and returns "" — or a usage message, or "?" when it does not know it.
template <typename OptionFn>
std::string ParseDesignArgs(const char* command, const std::vector<std::string_view>& args, std::string& input,
                            OptionFn option) {
    for (size_t i = 0; i < args.size(); ++i) {
        if (!args[i].empty() && args[i][0] == '-' && args[i] != "-") {
            const std::string problem = option(args, i);
            if (problem == "?") return "unknown option '" + std::string(args[i]) + "'";
            if (!problem.empty()) return problem;
        } else if (input.empty()) {
            input = std::string(args[i]);
        } else {
            return std::string(command) + " takes one design, got '" + std::string(args[i]) + "' too";
        }
    }
    return input.empty() ? std::string(command) + " needs a design file" : "";
}

// Writes `text` to the file `output`, or to stdout when `output` is empty.
int WriteOutput(const std::string& output, const std::string& text) {
    if (output.empty()) {
        std::fwrite(text.data(), 1, text.size(), stdout);
        return kExitOk;
    }
    std::ofstream file(output, std::ios::binary);
    if (!file || !file.write(text.data(), static_cast<std::streamsize>(text.size()))) {
        return InputError("cannot write '" + output + "'");
    }
    return kExitOk;
}

int RunLink(const std::vector<std::string_view>& args) {
    std::string input, base;
    const std::string problem = ParseDesignArgs("link", args, input, [&](const auto& a, size_t& i) -> std::string {
        if (a[i] != "--base") return "?";
        if (i + 1 >= a.size()) return "--base needs the designer's address, e.g. http://127.0.0.1:8080/";
        base = std::string(a[++i]);
        if (base.find('#') != std::string::npos) return "--base must not have a fragment ('#'), got '" + base + "'";
        return "";
    });
    if (!problem.empty()) return UsageError(problem);
    const smp::Expected<smp::Design> design = LoadDesign(input);
    if (!design.ok()) return InputError(design.status().message());
    const std::string link = base + "#" + smp::EncodeDesignLink(*design);
    if (link.size() > smp::kLinkBudgetChars) {
        std::fprintf(stderr, "smp: note: this link is %zu characters, over the %zu that every app and QR code takes; share the design as a file if it does not open\n",
                     link.size(), smp::kLinkBudgetChars);
    }
    std::printf("%s\n", link.c_str());
    return kExitOk;
}

int RunUnlink(const std::vector<std::string_view>& args) {
    std::string link, output;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "-o") {
            if (i + 1 >= args.size()) return UsageError("-o needs a file name");
            output = std::string(args[++i]);
        } else if (link.empty()) {
            link = std::string(args[i]);
        } else {
            return UsageError("unlink takes one link, got '" + std::string(args[i]) + "' too");
        }
    }
    if (link.empty()) return UsageError("unlink needs a link (or - to read it from stdin)");
    if (link == "-") {
        link.clear();
        char buffer[4096];
        size_t n = 0;
        while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
            if (link.size() + n > smp::kMaxLinkChars) return InputError("the link on stdin is longer than " + std::to_string(smp::kMaxLinkChars) + " characters");
            link.append(buffer, n);
        }
    }
    const smp::Expected<smp::Design> design = smp::DecodeDesignLink(link);
    if (!design.ok()) return InputError(design.status().message());
    return WriteOutput(output, smp::DesignToJson(*design).dump(2) + "\n");
}

int RunPlan(const std::vector<std::string_view>& args) {
    std::string input, output;
    const std::string problem = ParseDesignArgs("plan", args, input, [&](const auto& a, size_t& i) -> std::string {
        if (a[i] != "-o") return "?";
        if (i + 1 >= a.size()) return "-o needs a file name";
        output = std::string(a[++i]);
        return "";
    });
    if (!problem.empty()) return UsageError(problem);
    const smp::Expected<smp::Design> design = LoadDesign(input);
    if (!design.ok()) return InputError(design.status().message());
    const smp::Expected<smp::DotPattern> pattern = smp::GenerateDots(*design);
    if (!pattern.ok()) return InputError(input + ": " + pattern.status().message());
    return WriteOutput(output, smp::PlanToJsonText(*design, *pattern) + "\n");
}

// Writes bytes to a file (the exports are files: a PNG or HTML page on a terminal helps nobody).
int WriteOutput(const std::string& output, const void* data, size_t size) {
    std::ofstream file(output, std::ios::binary);
    if (!file || !file.write(static_cast<const char*>(data), static_cast<std::streamsize>(size)) || !file.flush()) {
        return InputError("cannot write '" + output + "'");
    }
    return kExitOk;
}

// An integer option's value from `min` to `max`: "" or the usage message naming it.
std::string IntegerOption(const std::vector<std::string_view>& a, size_t& i, long min, long max, int& value) {
    const std::string name(a[i]);
    if (i + 1 >= a.size()) return name + " needs a number";
    const std::string text(a[++i]);
    char* end = nullptr;
    errno = 0;
    const long parsed = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno != 0 || parsed < min || parsed > max) {
        return name + " must be from " + std::to_string(min) + " to " + std::to_string(max) + ", got '" + text + "'";
    }
    value = static_cast<int>(parsed);
    return "";
}

// A decimal number option (digits with an optional sign and point; no exponent, hex, inf or nan)
// from `min` to `max` in `unit`: "" or the usage message naming it.
std::string NumberOption(const std::vector<std::string_view>& a, size_t& i, double min, double max, const char* unit, double& value) {
    const std::string name(a[i]);
    char range[96];
    std::snprintf(range, sizeof range, "a number of %s from %g to %g", unit, min, max);
    if (i + 1 >= a.size()) return name + " needs " + range;
    const std::string text(a[++i]);
    bool digits = false, point = false, plain = !text.empty();
    for (size_t k = 0; k < text.size() && plain; ++k) {
        const char c = text[k];
        if (c >= '0' && c <= '9') digits = true;
        else if (c == '.' && !point) point = true;
        else if (!((c == '-' || c == '+') && k == 0)) plain = false;
    }
    const double parsed = plain && digits ? std::strtod(text.c_str(), nullptr) : std::nan("");
    if (!(parsed >= min && parsed <= max)) return name + " must be " + range + ", got '" + text + "'";
    value = parsed;
    return "";
}

// `render --view photo`: the design drawn onto a PNG photo through the head fitted to its markers.
int RenderPhoto(const std::string& input, const std::string& output, const std::string& photo_path, const std::string& marks_path,
                smp::PreviewMode look, const smp::RenderOptions& options, bool before_after, bool caption) {
    if (!smp::Preview(look).skin) return UsageError(std::string("--view photo shows the healed or faded look (--look), not ") + smp::PreviewName(look));
    const smp::Expected<smp::Design> design = LoadDesign(input);
    if (!design.ok()) return InputError(design.status().message());
    if (design->template_spec.kind != smp::TemplateSpec::Kind::kScalp) {
        return InputError("--view photo: " + input + " is drawn on a flat work area, not a head (its template is flat)");
    }
    if (static_cast<size_t>(options.up_to_session) > design->sessions.size()) {
        return InputError("--session " + std::to_string(options.up_to_session) + ": " + input + " has " +
                          std::to_string(design->sessions.size()) + " sessions");
    }
    const smp::Expected<std::string> marks_text = ReadFile(marks_path, smp::kMaxMarksBytes);
    if (!marks_text.ok()) return InputError(marks_text.status().message());
    const smp::Expected<smp::MarksFile> marks = smp::ParseMarksJson(*marks_text);
    if (!marks.ok()) return InputError(marks_path + ": " + marks.status().message());
    // A photo is read whole only when its header says it is within the limits (DecodePng).
    const smp::Expected<std::string> photo_bytes = ReadFile(photo_path, size_t{1} << 30);
    if (!photo_bytes.ok()) return InputError(photo_bytes.status().message());
    const smp::Expected<smp::RgbaImage> decoded = smp::DecodePng(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(photo_bytes->data()), photo_bytes->size()));
    if (!decoded.ok()) return InputError(photo_path + ": " + decoded.status().message());
    if (decoded->width != marks->marks.width_px || decoded->height != marks->marks.height_px) {
        return InputError(marks_path + ": the markers are for a " + std::to_string(marks->marks.width_px) + " x " +
                          std::to_string(marks->marks.height_px) + " px photo; " + photo_path + " is " + std::to_string(decoded->width) +
                          " x " + std::to_string(decoded->height) + " px");
    }
    const smp::Expected<smp::ScalpTemplate> scalp = smp::ScalpTemplate::Make(design->template_spec.head);
    if (!scalp.ok()) return InputError(scalp.status().message());
    const smp::Expected<smp::HeadFit> fit = smp::FitHeadPose(*scalp, marks->marks);
    if (!fit.ok()) return InputError(marks_path + ": " + fit.status().message());
    if (fit->poor) return InputError(marks_path + ": " + fit->message);
    const smp::Expected<smp::DotPattern> pattern = smp::GenerateDots(*design);
    if (!pattern.ok()) return InputError(input + ": " + pattern.status().message());
    smp::PhotoRenderOptions photo_options;
    photo_options.pose = fit->pose;
    photo_options.look = look;
    photo_options.years = options.years;
    photo_options.up_to_session = options.up_to_session;
    photo_options.viewing_distance_m = options.viewing_distance_m;
    photo_options.before_after = before_after;
    smp::Expected<smp::RgbaImage> image = smp::RenderOnPhoto(*design, *pattern, *decoded, photo_options);
    if (!image.ok()) return InputError(input + ": " + image.status().message());
    const std::vector<uint8_t> png =
        caption ? smp::EncodePng(smp::WithCaption(std::move(image).value(), smp::ExportCaption(before_after))) : smp::EncodePng(*image);
    if (png.empty()) return InputError("cannot encode the PNG");
    return WriteOutput(output, png.data(), png.size());
}

int RunRender(const std::vector<std::string_view>& args) {
    std::string input, output;
    smp::RenderOptions options;
    smp::HeadRenderOptions head_options;
    bool head = false, years_given = false, distance_given = false, look_given = false, camera_given = false, hair_given = false;
    std::optional<smp::PreviewMode> look;
    std::string marks_output;
    bool photo_view = false, before_after = false, caption = false;
    std::string photo_path, marks_path;
    // A preview's name after `name` ("--view" also takes "head").
    auto preview_option = [](const auto& a, size_t& i, bool with_head, std::optional<smp::PreviewMode>& mode, bool* is_head) -> std::string {
        const std::string name(a[i]);
        const std::string names = with_head ? smp::PreviewNames(", ", ", ") + " or head" : smp::PreviewNames(", ", " or ");
        if (i + 1 >= a.size()) return name + " needs " + names;
        const std::string_view value = a[++i];
        if (with_head && value == "head") {
            *is_head = true;
            return "";
        }
        mode = smp::FindPreview(value);
        if (!mode) return name + " must be " + names + ", got '" + std::string(value) + "'";
        if (is_head) *is_head = false;
        return "";
    };
    const std::string problem = ParseDesignArgs("render", args, input, [&](const auto& a, size_t& i) -> std::string {
        if (a[i] == "-o") {
            if (i + 1 >= a.size()) return "-o needs a file name";
            output = std::string(a[++i]);
            return "";
        }
        if (a[i] == "--session") return IntegerOption(a, i, 1, smp::DesignLimits::kMaxSessions, options.up_to_session);
        if (a[i] == "--width") return IntegerOption(a, i, smp::kMinRenderWidthPx, smp::kMaxRenderWidthPx, options.width_px);
        if (a[i] == "--skin") return IntegerOption(a, i, 0, smp::kSkinToneCount - 1, options.skin_tone);
        if (a[i] == "--distance") {
            distance_given = true;
            double metres = 0.0;
            const std::string bad = NumberOption(a, i, 0.0, smp::kMaxViewingDistanceM, "metres", metres);
            options.viewing_distance_m = static_cast<float>(metres);
            return bad;
        }
        if (a[i] == "--yaw") {
            camera_given = true;
            return NumberOption(a, i, -smp::kMaxYawDeg, smp::kMaxYawDeg, "degrees", head_options.camera.yaw_deg);
        }
        if (a[i] == "--pitch") {
            camera_given = true;
            return NumberOption(a, i, -smp::kMaxPitchDeg, smp::kMaxPitchDeg, "degrees", head_options.camera.pitch_deg);
        }
        if (a[i] == "--years") {
            years_given = true;
            int years = 0;
            const std::string bad = IntegerOption(a, i, 0, static_cast<long>(smp::kMaxFadedYears), years);
            options.years = static_cast<float>(years);
            return bad;
        }
        if (a[i] == "--view" && i + 1 < a.size() && a[i + 1] == "photo") {
            ++i;
            photo_view = true;
            head = false;
            return "";
        }
        if (a[i] == "--photo" || a[i] == "--marks") {
            if (i + 1 >= a.size()) return std::string(a[i]) + " needs a file name";
            (a[i] == "--photo" ? photo_path : marks_path) = std::string(a[i + 1]);
            ++i;
            return "";
        }
        if (a[i] == "--before-after") {
            before_after = true;
            return "";
        }
        if (a[i] == "--caption") {
            caption = true;
            return "";
        }
        if (a[i] == "--hair") {
            hair_given = true;
            return HairColourOption(a, i, head_options.hair_colour);
        }
        if (a[i] == "--view") {
            photo_view = false;
            std::optional<smp::PreviewMode> view;
            const std::string bad = preview_option(a, i, true, view, &head);
            if (view) options.view = *view;
            return bad;
        }
        if (a[i] == "--look") {
            look_given = true;
            return preview_option(a, i, false, look, nullptr);
        }
        if (a[i] == "--marks-out") {
            if (i + 1 >= a.size()) return "--marks-out needs a file name";
            marks_output = std::string(a[++i]);
            return "";
        }
        return "?";
    });
    if (!problem.empty()) return UsageError(problem);
    if (!head && !marks_output.empty()) return UsageError("--marks-out needs --view head");
    if (photo_view) {
        if (photo_path.empty() || marks_path.empty()) return UsageError("--view photo needs --photo IMAGE.png and --marks MARKS.json");
        if (hair_given) return UsageError("--hair needs --view head (a photo shows the client's own hair)");
        if (output.empty()) return UsageError("render needs -o OUT.png");
        return RenderPhoto(input, output, photo_path, marks_path, look.value_or(smp::PreviewMode::kHealed), options, before_after, caption);
    }
    if (!photo_path.empty() || !marks_path.empty()) return UsageError("--photo and --marks need --view photo");
    if (before_after && !head) return UsageError("--before-after needs --view head or --view photo");
    if (before_after && !marks_output.empty()) return UsageError("--marks-out is for a single head, not --before-after's two");
    if (!head && (camera_given || look_given || hair_given)) {
        return UsageError(std::string(camera_given ? "--yaw and --pitch need" : look_given ? "--look needs" : "--hair needs") + " --view head");
    }
    // What the dots look like: the map's view, or on the head the look (healed by default).
    const smp::PreviewMode shown = head ? look.value_or(smp::PreviewMode::kHealed) : options.view;
    const std::string shown_option = head ? "--look " : "--view ";
    auto names_where = [](bool smp::PreviewRow::*flag) {
        std::string views;
        for (const smp::PreviewRow& row : smp::kPreviews) {
            if (row.*flag) views += (views.empty() ? "" : " or ") + std::string(row.name);
        }
        return views;
    };
    if (years_given && !smp::Preview(shown).uses_years) {
        return UsageError("--years changes only " + shown_option + names_where(&smp::PreviewRow::uses_years) + ", not " + smp::PreviewName(shown));
    }
    if (distance_given && !smp::Preview(shown).skin) {
        return UsageError("--distance changes only " + shown_option + names_where(&smp::PreviewRow::skin) + ", not " + smp::PreviewName(shown));
    }
    if (head && options.width_px > smp::kMaxHeadRenderWidthPx) {
        return UsageError("--width must be from " + std::to_string(smp::kMinRenderWidthPx) + " to " + std::to_string(smp::kMaxHeadRenderWidthPx) +
                          " for --view head, got '" + std::to_string(options.width_px) + "'");
    }
    if (output.empty()) return UsageError("render needs -o OUT.png");
    const smp::Expected<smp::Design> design = LoadDesign(input);
    if (!design.ok()) return InputError(design.status().message());
    if (static_cast<size_t>(options.up_to_session) > design->sessions.size()) {
        return InputError("--session " + std::to_string(options.up_to_session) + ": " + input + " has " +
                          std::to_string(design->sessions.size()) + " sessions");
    }
    if (head && design->template_spec.kind != smp::TemplateSpec::Kind::kScalp) {
        return InputError("--view head: " + input + " is drawn on a flat work area, not a head (its template is flat)");
    }
    const smp::Expected<smp::DotPattern> pattern = smp::GenerateDots(*design);
    if (!pattern.ok()) return InputError(input + ": " + pattern.status().message());
    head_options.look = shown;
    head_options.years = options.years;
    head_options.up_to_session = options.up_to_session;
    head_options.skin_tone = options.skin_tone;
    head_options.viewing_distance_m = options.viewing_distance_m;
    head_options.width_px = options.width_px;
    head_options.before_after = before_after;
    smp::Expected<smp::RgbaImage> image =
        head ? smp::RenderHead(*design, *pattern, head_options) : smp::RenderDesign(*design, *pattern, options);
    if (!image.ok()) return InputError(input + ": " + image.status().message());
    const std::vector<uint8_t> png =
        caption ? smp::EncodePng(smp::WithCaption(std::move(image).value(), smp::ExportCaption(before_after))) : smp::EncodePng(*image);
    if (png.empty()) return InputError("cannot encode the PNG");
    if (const int status = WriteOutput(output, png.data(), png.size()); status != kExitOk) return status;
    if (marks_output.empty()) return kExitOk;
    const smp::Expected<smp::PhotoMarks> marks = smp::HeadRenderMarks(*pattern->field->Scalp(), head_options);
    if (!marks.ok()) return InputError(marks.status().message());
    smp::MarksFile file;
    file.marks = *marks;
    file.head = design->template_spec.head;
    file.has_head = true;
    return WriteOutput(marks_output, smp::MarksToJsonText(file));
}

int RunFit(const std::vector<std::string_view>& args) {
    std::string marks_path, design_path;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--design") {
            if (i + 1 >= args.size()) return UsageError("--design needs a design file or a preset name");
            design_path = std::string(args[++i]);
        } else if (args[i].size() > 1 && args[i][0] == '-') {
            return UsageError("unknown option '" + std::string(args[i]) + "'");
        } else if (!marks_path.empty()) {
            return UsageError("fit takes one markers file, got '" + std::string(args[i]) + "' too");
        } else {
            marks_path = std::string(args[i]);
        }
    }
    if (marks_path.empty()) return UsageError("fit needs a markers file (MARKS.json)");
    const smp::Expected<std::string> text = ReadFile(marks_path, smp::kMaxMarksBytes);
    if (!text.ok()) return InputError(text.status().message());
    const smp::Expected<smp::MarksFile> file = smp::ParseMarksJson(*text);
    if (!file.ok()) return InputError(marks_path + ": " + file.status().message());
    smp::HeadMeasurements head = file->head;
    if (!design_path.empty()) {
        const smp::Expected<smp::Design> design = LoadDesign(design_path);
        if (!design.ok()) return InputError(design.status().message());
        if (design->template_spec.kind != smp::TemplateSpec::Kind::kScalp) {
            return InputError(design_path + " is drawn on a flat work area, not a head (its template is flat)");
        }
        head = design->template_spec.head;
    }
    const smp::Expected<smp::ScalpTemplate> scalp = smp::ScalpTemplate::Make(head);
    if (!scalp.ok()) return InputError(scalp.status().message());
    const smp::Expected<smp::HeadFit> fit = smp::FitHeadPose(*scalp, file->marks);
    if (!fit.ok()) return InputError(marks_path + ": " + fit.status().message());
    return WriteOutput("", smp::HeadFitToJsonText(file->marks, *fit));
}

int RunSheet(const std::vector<std::string_view>& args) {
    std::string input, output;
    smp::PlanSheetOptions options;
    const std::string problem = ParseDesignArgs("sheet", args, input, [&](const auto& a, size_t& i) -> std::string {
        const std::string_view name = a[i];
        if (name == "--skin") return IntegerOption(a, i, 0, smp::kSkinToneCount - 1, options.skin_tone);
        if (name == "--hair") return HairColourOption(a, i, options.hair_colour);
        if (name != "-o" && name != "--start" && name != "--clinic") return "?";
        if (i + 1 >= a.size()) return std::string(name) + (name == "-o" ? " needs a file name" : name == "--start" ? " needs a date (YYYY-MM-DD)" : " needs a name");
        const std::string value(a[++i]);
        if (name == "-o") output = value;
        if (name == "--clinic") options.clinic_name = value;
        if (name == "--start") {
            const smp::Expected<smp::CivilDate> date = smp::ParseIsoDate(value);
            if (!date.ok()) return "--start: " + date.status().message();
            options.start_date = value;
        }
        return "";
    });
    if (!problem.empty()) return UsageError(problem);
    if (output.empty()) return UsageError("sheet needs -o PLAN.html");
    const smp::Expected<smp::Design> design = LoadDesign(input);
    if (!design.ok()) return InputError(design.status().message());
    const smp::Expected<smp::DotPattern> pattern = smp::GenerateDots(*design);
    if (!pattern.ok()) return InputError(input + ": " + pattern.status().message());
    const smp::Expected<std::string> html = smp::PlanSheetHtml(*design, *pattern, options);
    if (!html.ok()) return InputError(input + ": " + html.status().message());
    return WriteOutput(output, html->data(), html->size());
}

nlohmann::json QualityJson(const smp::PatternQuality& q);

double MedianMs(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    const size_t n = samples.size();
    return n % 2 == 1 ? samples[n / 2] : 0.5 * (samples[n / 2 - 1] + samples[n / 2]);
}

// The design with a brush dab: a one-point stroke adding `strength` dots/cm² with a soft edge.
smp::Design WithBrushDab(const smp::Design& design, const smp::Vec2& center_mm, double radius_mm, double strength_per_cm2) {
    smp::Design edited = design;
    smp::StrokeLayer dab;
    dab.points_mm = {center_mm};
    dab.pressure = {1.0};
    dab.radius_mm = radius_mm;
    dab.strength = smp::DensityValue::Dots(strength_per_cm2);
    dab.falloff = 1.0;
    dab.blend = smp::StrokeLayer::Blend::kAdd;
    edited.layers.push_back(std::move(dab));
    return edited;
}

// The most memory this process has held, MiB: the WebAssembly memory (it grows and never shrinks,
// so its size is the peak) or the peak resident set natively.
double PeakMemoryMiB() {
#if defined(__wasm__)
    return static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0 / (1 << 20);
#elif defined(__linux__)
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
#else
    return 0.0;
#endif
}

int RunBench(const std::vector<std::string_view>& args) {
    std::string input;
    int runs = 5;
    bool quality = true;
    const std::string problem = ParseDesignArgs("bench", args, input, [&](const auto& a, size_t& i) -> std::string {
        if (a[i] == "--no-quality") {
            quality = false;
            return "";
        }
        if (a[i] != "--runs") return "?";
        if (i + 1 >= a.size()) return "--runs needs a number";
        const std::string text(a[++i]);
        char* end = nullptr;
        const long value = std::strtol(text.c_str(), &end, 10);
        if (*end != '\0' || value < 1 || value > 1000) return "--runs must be from 1 to 1000, got '" + text + "'";
        runs = static_cast<int>(value);
        return "";
    });
    if (!problem.empty()) return UsageError(problem);
    const smp::Expected<smp::Design> design = LoadDesign(input);
    if (!design.ok()) return InputError(design.status().message());

    using Clock = std::chrono::steady_clock;
    auto elapsed_ms = [](Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); };
    std::vector<double> full_ms, local_ms;
    smp::Expected<smp::DotPattern> pattern = smp::Status(smp::StatusCode::kInvalidArgument, "not generated");
    for (int run = 0; run < runs; ++run) {
        // The last run's pattern goes first, as when the designer loads a design: it holds the
        // raw set's build (kept, as the designer keeps it, for the headroom below).
        pattern = smp::Status(smp::StatusCode::kInvalidArgument, "not generated");
        const Clock::time_point start = Clock::now();
        pattern = smp::GenerateDots(*design, smp::RawSetBuild::kKeepForHeadroom);
        full_ms.push_back(elapsed_ms(start));
        if (!pattern.ok()) return InputError(input + ": " + pattern.status().message());
    }
    // Headroom for painting, meant for idle time after a design loads (timed apart).
    smp::DotPattern painted = *pattern;
    pattern->raw_set_builder.reset();   // the copy grows (the designer holds one pattern, not two)
    const Clock::time_point headroom_start = Clock::now();
    // As the designer does: room to paint up to its brush's maximum (or the ordinary headroom when
    // the template is too large for that).
    if (!smp::ReserveHeadroom(*design, painted, smp::kPaintingMaxPerCm2).ok()) {
        if (const smp::Status s = smp::ReserveHeadroom(*design, painted); !s.ok()) return InputError(input + ": " + s.message());
    }
    const double headroom_ms = elapsed_ms(headroom_start);
    // A 10 mm-radius dab of +20 dots/cm² at the field's centre, applied to a fresh copy each run.
    const smp::Vec2 center = pattern->field->FrameMm().CenterMm();
    const smp::Design dabbed = WithBrushDab(*design, center, 10.0, 20.0);
    const smp::RectMm region{center - smp::Vec2(10.0, 10.0), center + smp::Vec2(10.0, 10.0)};
    for (int run = 0; run < runs; ++run) {
        smp::DotPattern copy = painted;
        const Clock::time_point start = Clock::now();
        const smp::Status updated = smp::UpdateDotsInRegion(dabbed, region, copy);
        local_ms.push_back(elapsed_ms(start));
        if (!updated.ok()) return InputError(input + ": " + updated.message());
    }

    // The PNG export of the whole template at 1200 px (plan view): drawing, then encoding.
    std::vector<double> render_ms, png_ms;
    smp::RenderOptions render_options;
    render_options.width_px = 1200;
    for (int run = 0; run < runs; ++run) {
        const Clock::time_point start = Clock::now();
        const smp::Expected<smp::RgbaImage> image = smp::RenderDesign(*design, *pattern, render_options);
        render_ms.push_back(elapsed_ms(start));
        if (!image.ok()) return InputError(input + ": " + image.status().message());
        const Clock::time_point encode_start = Clock::now();
        const std::vector<uint8_t> png = smp::EncodePng(*image);
        png_ms.push_back(elapsed_ms(encode_start));
    }

    nlohmann::json out = {
        {"design", input},
        {"dots", pattern->DotCount()},
        {"ranked_points", pattern->ranked.size()},
        {"runs", runs},
        {"full_ms", std::round(MedianMs(full_ms) * 1000.0) / 1000.0},
        {"local_ms", std::round(MedianMs(local_ms) * 1000.0) / 1000.0},
        {"headroom_ms", std::round(headroom_ms * 1000.0) / 1000.0},
        {"render_1200px_ms", std::round(MedianMs(render_ms) * 1000.0) / 1000.0},
        {"png_1200px_ms", std::round(MedianMs(png_ms) * 1000.0) / 1000.0},
        {"peak_memory_mib", std::round(PeakMemoryMiB() * 10.0) / 10.0},
    };
    if (quality) {
        std::vector<smp::Vec2> positions;
        for (const smp::Dot& dot : pattern->Dots()) positions.push_back(dot.position_mm);
        const smp::PatternQuality q = smp::MeasurePattern(positions, *pattern->field, 1.0, smp::LargestDotDiameterMm(*design));
        out["quality"] = QualityJson(q);
        const smp::EdgeQuality e = smp::MeasureEdge(positions, *pattern->field);
        auto rounded = [](double v) { return std::round(v * 1000.0) / 1000.0; };
        nlohmann::json crossing = nlohmann::json::array(), within = nlohmann::json::array();
        for (int band = 0; band < smp::EdgeQuality::kBands; ++band) {
            crossing.push_back(rounded(e.hole_crossing_ratio[band]));
            within.push_back(rounded(e.hole_within_ratio[band]));
        }
        out["edge"] = {
            {"bands_from_mm", std::vector<double>(std::begin(smp::EdgeQuality::kBandStartMm), std::end(smp::EdgeQuality::kBandStartMm))},
            {"largest_hole_over_r_t_crossing", crossing},
            {"largest_hole_over_r_t_within", within},
            {"edge_to_dot_over_r_t", {{"median", rounded(e.edge_reach_median_ratio)}, {"p95", rounded(e.edge_reach_p95_ratio)}, {"max", rounded(e.edge_reach_max_ratio)}}},
        };
    }
    std::printf("%s\n", out.dump().c_str());
    return kExitOk;
}

nlohmann::json QualityJson(const smp::PatternQuality& q) {
    return {
        {"min_nn_over_r_t", std::round(q.min_nn_ratio * 1000.0) / 1000.0},
        {"share_nn_below_0_8_r_t", std::round(q.share_nn_below_0_8 * 1e6) / 1e6},
        {"min_gap_mm", std::round(q.min_gap_mm * 1000.0) / 1000.0},
        {"mean_cell_density_error", std::round(q.mean_cell_density_error * 10000.0) / 10000.0},
        {"mean_cell_density_allowance", std::round(q.mean_cell_density_allowance * 10000.0) / 10000.0},
        {"largest_hole_over_r_t", std::round(q.largest_hole_ratio * 1000.0) / 1000.0},
    };
}

int RunMeasure(const std::vector<std::string_view>& args) {
    if (args.size() != 2) return UsageError("measure takes a design and a dots file");
    const smp::Expected<smp::Design> design = LoadDesign(std::string(args[0]));
    if (!design.ok()) return InputError(design.status().message());
    const smp::Expected<std::string> text = ReadFile(std::string(args[1]), smp::kMaxPlanBytes);
    if (!text.ok()) return InputError(text.status().message());
    const nlohmann::json list = nlohmann::json::parse(*text, nullptr, false);
    if (list.is_discarded() || !list.is_array()) return InputError(std::string(args[1]) + ": not a JSON array of [x_mm, y_mm]");
    std::vector<smp::Vec2> dots;
    dots.reserve(list.size());
    for (size_t i = 0; i < list.size(); ++i) {
        const nlohmann::json& p = list[i];
        if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) {
            return InputError(std::string(args[1]) + ": dots[" + std::to_string(i) + "] must be [x_mm, y_mm]");
        }
        dots.emplace_back(p[0].get<double>(), p[1].get<double>());
    }
    const smp::Expected<smp::DensityField> field = smp::DensityField::Compile(*design);
    if (!field.ok()) return InputError(std::string(args[0]) + ": " + field.status().message());
    const smp::PatternQuality q = smp::MeasurePattern(dots, *field, 1.0, smp::LargestDotDiameterMm(*design));
    std::printf("%s\n", nlohmann::json{{"dots", q.dots}, {"quality", QualityJson(q)}}.dump().c_str());
    return kExitOk;
}

nlohmann::json PointJson(const smp::Vec2& p) {
    // 0.01 mm is far below what a needle can place; it keeps the output short and stable.
    return {std::round(p.x() * 100.0) / 100.0, std::round(p.y() * 100.0) / 100.0};
}

int RunOutline(const std::vector<std::string_view>& args) {
    smp::HeadMeasurements head;
    if (!args.empty()) {
        if (args.size() != 3) return UsageError("outline takes no measurements or all three (circumference, glabella to nape, ear to ear; mm)");
        double* fields[] = {&head.circumference_mm, &head.glabella_to_nape_mm, &head.ear_to_ear_mm};
        for (size_t i = 0; i < 3; ++i) {
            const std::string text(args[i]);
            char* end = nullptr;
            *fields[i] = std::strtod(text.c_str(), &end);
            if (text.empty() || *end != '\0') return UsageError("'" + text + "' is not a number of millimetres");
        }
    }
    const smp::Expected<smp::ScalpTemplate> scalp = smp::ScalpTemplate::Make(head);
    if (!scalp.ok()) return InputError(scalp.status().message());
    nlohmann::json points = nlohmann::json::array();
    for (const smp::Vec2& p : scalp->Outline()) points.push_back(PointJson(p));
    const smp::Landmarks& l = scalp->GetLandmarks();
    nlohmann::json nape = nlohmann::json::array();
    for (const smp::Vec2& p : l.nape_line_mm) nape.push_back(PointJson(p));
    nlohmann::json zones = nlohmann::json::array();
    for (int z = 0; z < smp::kZoneCount; ++z) {
        zones.push_back({{"name", std::string(smp::ZoneName(static_cast<smp::ZoneId>(z)))},
                         {"area_cm2", std::round(scalp->ZoneAreaCm2(static_cast<smp::ZoneId>(z)) * 100.0) / 100.0}});
    }
    const nlohmann::json out = {
        {"type", "smp.outline"},
        {"measurements", {{"circumference_mm", head.circumference_mm}, {"glabella_to_nape_mm", head.glabella_to_nape_mm},
                          {"ear_to_ear_mm", head.ear_to_ear_mm}}},
        {"width_mm", std::round(scalp->WidthMm() * 100.0) / 100.0},
        {"height_mm", std::round(scalp->HeightMm() * 100.0) / 100.0},
        {"area_cm2", std::round(scalp->AreaCm2() * 100.0) / 100.0},
        {"max_anisotropy", std::round(scalp->MaxAnisotropy() * 1000.0) / 1000.0},
        {"landmarks", {{"glabella", PointJson(l.glabella_mm)}, {"mid_frontal", PointJson(l.mid_frontal_mm)},
                       {"frontotemporal_left", PointJson(l.frontotemporal_left_mm)}, {"frontotemporal_right", PointJson(l.frontotemporal_right_mm)},
                       {"temple_peak_left", PointJson(l.temple_peak_left_mm)}, {"temple_peak_right", PointJson(l.temple_peak_right_mm)},
                       {"vertex", PointJson(l.vertex_mm)}, {"crown_whorl", PointJson(l.crown_whorl_mm)},
                       {"ear_left", PointJson(l.ear_left_mm)}, {"ear_right", PointJson(l.ear_right_mm)}, {"nape_line", nape}}},
        {"zones", zones},
        {"points_mm", points},
    };
    std::printf("%s\n", out.dump().c_str());
    return kExitOk;
}

int RunPresets(const std::vector<std::string_view>& args) {
    if (!args.empty()) return UsageError("presets takes no arguments, got '" + std::string(args[0]) + "'");
    for (const smp::PresetInfo& preset : smp::ListPresets()) std::printf("%-24s %s\n", preset.name.c_str(), preset.title.c_str());
    return kExitOk;
}

int RunPreset(const std::vector<std::string_view>& args) {
    if (args.size() != 1) return UsageError("preset takes one preset name (see 'smp presets')");
    const smp::Expected<std::string> text = smp::PresetText(args[0]);
    if (!text.ok()) return InputError(text.status().message());
    std::fwrite(text->data(), 1, text->size(), stdout);
    return kExitOk;
}

int RunQr(const std::vector<std::string_view>& args) {
    std::string output, format = "svg";
    std::optional<std::string> text;
    smp::QrErrorCorrection ecc = smp::QrErrorCorrection::kMedium;
    bool options_end = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (!options_end && arg == "--") {
            options_end = true;
        } else if (!options_end && (arg == "-o" || arg == "--ecc" || arg == "--format")) {
            if (i + 1 >= args.size()) return UsageError(std::string(arg) + " needs a value");
            const std::string value(args[++i]);
            if (arg == "-o") {
                output = value;
            } else if (arg == "--format") {
                if (value != "svg" && value != "matrix") return UsageError("--format must be svg or matrix, got '" + value + "'");
                format = value;
            } else if (value == "L" || value == "M" || value == "Q" || value == "H") {
                ecc = value == "L" ? smp::QrErrorCorrection::kLow
                    : value == "M" ? smp::QrErrorCorrection::kMedium
                    : value == "Q" ? smp::QrErrorCorrection::kQuartile
                                   : smp::QrErrorCorrection::kHigh;
            } else {
                return UsageError("--ecc must be L, M, Q or H, got '" + value + "'");
            }
        } else if (!options_end && arg.size() > 1 && arg[0] == '-') {
            return UsageError("unknown option '" + std::string(arg) + "' (put '--' before a text that starts with '-')");
        } else if (text) {
            return UsageError("qr takes one text, got '" + std::string(arg) + "' too (quote it)");
        } else if (arg == "-" && !options_end) {
            text = std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
            // What `echo` or a file adds is not part of the link.
            if (!text->empty() && text->back() == '\n') text->pop_back();
            if (!text->empty() && text->back() == '\r') text->pop_back();
        } else {
            text = std::string(arg);
        }
    }
    if (!text) return UsageError("qr needs a text (or '-' to read it from stdin)");
    const smp::Expected<smp::QrCode> code = smp::EncodeQr(*text, ecc);
    if (!code.ok()) return InputError(code.status().message());
    std::string out;
    if (format == "svg") {
        out = smp::QrCodeSvg(*code);
    } else {
        for (int y = 0; y < code->size; ++y) {
            for (int x = 0; x < code->size; ++x) out += code->Dark(x, y) ? '1' : '0';
            out += '\n';
        }
    }
    if (const int status = WriteOutput(output, out); status != kExitOk) return status;
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::fputs(Usage().c_str(), stderr);
        return kExitUsage;
    }
    const std::string_view command = args.front();
    const std::vector<std::string_view> rest(args.begin() + 1, args.end());
    if (command == "-h" || command == "--help" || command == "help") {
        std::fputs(Usage().c_str(), stdout);
        return kExitOk;
    }
    if (command == "--version" || command == "version") {
        std::printf("smp %s\n", smp::kVersion);
        return kExitOk;
    }
    if (command == "outline") return RunOutline(rest);
    if (command == "plan") return RunPlan(rest);
    if (command == "render") return RunRender(rest);
    if (command == "fit") return RunFit(rest);
    if (command == "sheet") return RunSheet(rest);
    if (command == "presets") return RunPresets(rest);
    if (command == "preset") return RunPreset(rest);
    if (command == "validate") return RunValidate(rest);
    if (command == "bench") return RunBench(rest);
    if (command == "link") return RunLink(rest);
    if (command == "unlink") return RunUnlink(rest);
    if (command == "measure") return RunMeasure(rest);
    if (command == "qr") return RunQr(rest);
    return UsageError("unknown command '" + std::string(command) + "'");
}
