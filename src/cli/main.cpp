// smp: the command-line tool. Links smp_core only, which proves the core needs no UI.
//
// Exit codes: 0 success, 1 bad input (one line on stderr naming the problem), 2 bad usage.
// The node build (build/wasm/bin/smp.js) behaves identically.
#include "core/scalp_outline.h"
#include "core/version.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;

constexpr const char* kUsage =
    "usage: smp <command> [options]\n"
    "\n"
    "Scalp-micropigmentation pattern designer, command-line tool.\n"
    "\n"
    "commands:\n"
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

int RunOutline(const std::vector<std::string_view>& args) {
    if (!args.empty()) return UsageError("outline takes no arguments, got '" + std::string(args[0]) + "'");
    const smp::Expected<smp::PolygonMm> outline = smp::MakeScalpOutline();
    if (!outline.ok()) {
        std::fprintf(stderr, "smp: %s\n", outline.status().message().c_str());
        return 1;
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
    return UsageError("unknown command '" + std::string(command) + "'");
}
