// Fuzz target: the plan loader (RestorePlan), which opens exported session plans (File > Open and
// `smp` commands). Beyond "no crash, no sanitizer report", an accepted plan keeps the promises
// plan_json.h makes: sessions numbered and in order, every dot finite and 0.05-1 mm, and a design
// that saves and loads back unchanged.
#include "core/design_json.h"
#include "core/plan_json.h"
#include "fuzz_checks.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const smp::Expected<smp::Plan> plan = smp::RestorePlan(text);
    if (!plan.ok()) {
        FUZZ_REQUIRE(!plan.status().message().empty(), "a plan refused without a message");
        return 0;
    }
    int previous_day = -1;
    for (size_t k = 0; k < plan->sessions.size(); ++k) {
        const smp::PlanSession& session = plan->sessions[k];
        FUZZ_REQUIRE(session.index == static_cast<int>(k) + 1, "sessions are not numbered 1..n");
        FUZZ_REQUIRE(session.day > previous_day, "session days do not increase");
        previous_day = session.day;
        for (const smp::Dot& dot : session.dots) {
            FUZZ_REQUIRE(std::isfinite(dot.position_mm.x()) && std::isfinite(dot.position_mm.y()), "a dot off the number line");
            FUZZ_REQUIRE(dot.diameter_mm >= 0.05 && dot.diameter_mm <= 1.0, "a dot sized outside 0.05-1 mm");
        }
    }
    const std::string saved = smp::DesignToJsonText(plan->design);
    const smp::Expected<smp::Design> reloaded = smp::RestoreDesign(saved);
    FUZZ_REQUIRE(reloaded.ok(), "an accepted plan's design does not load from its own JSON: " + reloaded.status().message());
    FUZZ_REQUIRE(smp::DesignToJsonText(*reloaded) == saved, "an accepted plan's design changes when saved and loaded again");
    return 0;
}
