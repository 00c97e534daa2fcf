// Fuzz target: the design loader (RestoreDesign), which every design file, every autosave and
// every link's design goes through. Beyond "no crash, no sanitizer report", whatever it accepts
// must save and load back to the same text, and travel through a share link unchanged: a design
// someone could open must never be one they cannot save or share.
#include "core/design_json.h"
#include "core/design_link.h"
#include "fuzz_checks.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const smp::Expected<smp::Design> design = smp::RestoreDesign(text);
    if (!design.ok()) {
        FUZZ_REQUIRE(!design.status().message().empty(), "a design refused without a message");
        return 0;
    }
    const std::string saved = smp::DesignToJsonText(*design);
    const smp::Expected<smp::Design> reloaded = smp::RestoreDesign(saved);
    FUZZ_REQUIRE(reloaded.ok(), "an accepted design does not load from its own JSON: " + reloaded.status().message());
    FUZZ_REQUIRE(smp::DesignToJsonText(*reloaded) == saved, "an accepted design changes when saved and loaded again");

    const std::string link = smp::EncodeDesignLink(*design);
    if (link.size() <= smp::kMaxLinkChars) {
        const smp::Expected<smp::Design> linked = smp::DecodeDesignLink(link);
        FUZZ_REQUIRE(linked.ok(), "an accepted design's link does not open: " + linked.status().message());
        FUZZ_REQUIRE(smp::DesignToJsonText(*linked) == saved, "an accepted design changes through its link");
    }
    return 0;
}
