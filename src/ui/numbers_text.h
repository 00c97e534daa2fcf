// smp ui: numbers in words for the screen (pure: no ImGui; tested in tests/ui/numbers_text_test.cpp).
#pragma once

#include <cstdint>
#include <string>

namespace smp {

// 12345 -> "12,345": dot counts are read across a treatment room.
std::string Thousands(int64_t value);

// How long something takes, as a client reads it: "about 45 min", "about 1 h 45 min", "about 2 h"
// (to the nearest 5 minutes under an hour, the nearest quarter hour above). Not finite or not
// above 0: "".
std::string AboutDuration(double minutes);

}  // namespace smp
