// smp: the command-line tool. Links smp_core only, which proves the core needs no UI.
//
// Exit codes: 0 success, 1 bad input (one line on stderr naming the problem), 2 bad usage.
// The node build (build/wasm/bin/smp.js) behaves identically.
#include "core/design_json.h"
#include "core/generator.h"
#include "core/plan_json.h"
#include "core/scalp_outline.h"
#include "core/version.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 1;
constexpr int kExitUsage = 2;

constexpr const char* kUsage =
    "usage: smp <command> [options]\n"
    "\n"
    "Scalp-micropigmentation pattern designer, command-line tool.\n"
    "\n"
    "commands:\n"
    "  plan DESIGN.json [-o PLAN.json]   generate the session plan (stdout by default)\n"
    "  validate FILE.json                check a design; print 'ok' or what is wrong\n"
    "  outline        print the scalp template outline as JSON (millimetres)\n"
    "  version        print the version\n"
    "  help           print this help\n"
    "\n"
    "options:\n"
    "  -h, --help     print this help\n"
    "  --version      print the version\n"
    "\n"
    "exit codes: 0 success, 1 bad input, 2 bad usage\n";

int UsageError(const std::string& message) {
    std::fprintf(stderr, "smp: %s\n(run 'smp --help' for usage)\n", message.c_str());
    return kExitUsage;
}

int InputError(const std::string& message) {
    std::fprintf(stderr, "smp: %s\n", message.c_str());
    return kExitBadInput;
}

// Reads a whole file, refusing anything larger than a design may be before reading it.
smp::Expected<std::string> ReadDesignFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary | std::ios::ate);
    if (!file) return smp::Status(smp::StatusCode::kIoError, "cannot open '" + path + "'");
    const std::streamoff size = file.tellg();
    if (size < 0) return smp::Status(smp::StatusCode::kIoError, "cannot read '" + path + "'");
    if (static_cast<uint64_t>(size) > smp::DesignLimits::kMaxDesignBytes) {
        return smp::Status(smp::StatusCode::kLimitExceeded, "'" + path + "' is " + std::to_string(size) +
                                                                " bytes; a design is at most " +
                                                                std::to_string(smp::DesignLimits::kMaxDesignBytes));
    }
    std::string text(static_cast<size_t>(size), '\0');
    file.seekg(0);
    if (!file.read(text.data(), size)) return smp::Status(smp::StatusCode::kIoError, "cannot read '" + path + "'");
    return text;
}

smp::Expected<smp::Design> LoadDesign(const std::string& path) {
    smp::Expected<std::string> text = ReadDesignFile(path);
    if (!text.ok()) return text.status();
    smp::Expected<smp::Design> design = smp::RestoreDesign(std::string_view(*text));
    if (!design.ok()) return smp::Status(design.status().code(), path + ": " + design.status().message());
    return design;
}

int RunValidate(const std::vector<std::string_view>& args) {
    if (args.size() != 1) return UsageError("validate takes one file");
    const smp::Expected<smp::Design> design = LoadDesign(std::string(args[0]));
    if (!design.ok()) return InputError(design.status().message());
    std::printf("ok: %s is a valid design\n", std::string(args[0]).c_str());
    return kExitOk;
}

int RunPlan(const std::vector<std::string_view>& args) {
    std::string input, output;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "-o") {
            if (i + 1 >= args.size()) return UsageError("-o needs a file name");
            output = std::string(args[++i]);
        } else if (input.empty()) {
            input = std::string(args[i]);
        } else {
            return UsageError("plan takes one design, got '" + std::string(args[i]) + "' too");
        }
    }
    if (input.empty()) return UsageError("plan needs a design file");
    const smp::Expected<smp::Design> design = LoadDesign(input);
    if (!design.ok()) return InputError(design.status().message());
    const smp::Expected<smp::DotPattern> pattern = smp::GenerateDots(*design);
    if (!pattern.ok()) return InputError(input + ": " + pattern.status().message());
    const std::string plan = smp::PlanToJsonText(*design, *pattern) + "\n";
    if (output.empty()) {
        std::fwrite(plan.data(), 1, plan.size(), stdout);
        return kExitOk;
    }
    std::ofstream file(output, std::ios::binary);
    if (!file || !file.write(plan.data(), static_cast<std::streamsize>(plan.size()))) {
        return InputError("cannot write '" + output + "'");
    }
    return kExitOk;
}

int RunOutline(const std::vector<std::string_view>& args) {
    if (!args.empty()) return UsageError("outline takes no arguments, got '" + std::string(args[0]) + "'");
    const smp::Expected<smp::PolygonMm> outline = smp::MakeScalpOutline();
    if (!outline.ok()) {
        std::fprintf(stderr, "smp: %s\n", outline.status().message().c_str());
        return kExitBadInput;
    }
    nlohmann::json points = nlohmann::json::array();
    for (const smp::Vec2& p : *outline) {
        // 0.01 mm is far below what a needle can place; it keeps the output short and stable.
        points.push_back({std::round(p.x() * 100.0) / 100.0, std::round(p.y() * 100.0) / 100.0});
    }
    const smp::RectMm box = smp::BoundingBox(*outline);
    const nlohmann::json out = {
        {"type", "smp.outline"},
        {"width_mm", box.WidthMm()},
        {"height_mm", box.HeightMm()},
        {"area_cm2", std::round(std::fabs(smp::SignedAreaMm2(*outline))) / 100.0},
        {"points_mm", points},
    };
    std::printf("%s\n", out.dump().c_str());
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::fputs(kUsage, stderr);
        return kExitUsage;
    }
    const std::string_view command = args.front();
    const std::vector<std::string_view> rest(args.begin() + 1, args.end());
    if (command == "-h" || command == "--help" || command == "help") {
        std::fputs(kUsage, stdout);
        return kExitOk;
    }
    if (command == "--version" || command == "version") {
        std::printf("smp %s\n", smp::kVersion);
        return kExitOk;
    }
    if (command == "outline") return RunOutline(rest);
    if (command == "plan") return RunPlan(rest);
    if (command == "validate") return RunValidate(rest);
    return UsageError("unknown command '" + std::string(command) + "'");
}
