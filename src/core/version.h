// smp core: the product's version, one place for the CLI, the app and the exported files.
#pragma once

namespace smp {

inline constexpr const char* kProductName = "SMP Designer";
inline constexpr const char* kVersion = "0.1.0";

// Every preview is an illustration; DOMAIN.md asks us to say so wherever a design is shown or shared.
inline constexpr const char* kPreviewDisclaimer =
    "This preview is an illustration, not a promise of the healed result. Viewing distance, lighting "
    "and skin change how scalp micropigmentation looks; your practitioner decides the final plan.";

}  // namespace smp
