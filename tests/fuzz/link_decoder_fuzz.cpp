// Fuzz target: the share-link decoder (DecodeDesignLink), which reads whatever is after "#d=" in an
// address anyone can craft. The first byte of an input picks how the rest reaches it:
//   even  the rest is a link's payload (flags byte, body), sealed with a valid checksum and put in
//         "#d=1.<base64url>" here, so the fuzzer gets past the CRC into the body reader and the
//         inflater instead of bouncing off the checksum (which a crafted link passes anyway);
//   odd   the rest is the text a person pastes: a whole address, a fragment or the bare code.
// Beyond "no crash, no sanitizer report", an accepted link's design must encode to a link that
// opens the same design again.
#include "core/design_json.h"
#include "core/design_link.h"
#include "fuzz_checks.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    std::string link;
    if (data[0] % 2 == 0) {
        std::vector<uint8_t> payload(data + 1, data + size);
        const uint32_t crc = smp::Crc32(payload.data(), payload.size());
        for (int k = 0; k < 4; ++k) payload.push_back(static_cast<uint8_t>(crc >> (8 * k)));   // little-endian, as the link writes it
        link = "#d=1." + smp::Base64UrlEncode(payload);
    } else {
        link.assign(reinterpret_cast<const char*>(data + 1), size - 1);
    }
    const smp::Expected<smp::Design> design = smp::DecodeDesignLink(link);
    if (!design.ok()) {
        FUZZ_REQUIRE(!design.status().message().empty(), "a link refused without a message");
        return 0;
    }
    const std::string saved = smp::DesignToJsonText(*design);
    const std::string relinked = smp::EncodeDesignLink(*design);
    if (relinked.size() > smp::kMaxLinkChars) return 0;   // too long to be a link: a file carries it
    const smp::Expected<smp::Design> again = smp::DecodeDesignLink(relinked);
    FUZZ_REQUIRE(again.ok(), "an opened link's design does not open from its own link: " + again.status().message());
    FUZZ_REQUIRE(smp::DesignToJsonText(*again) == saved, "an opened link's design changes through its own link");
    return 0;
}
