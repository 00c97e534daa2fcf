#include "ui/numbers_text.h"

#include <algorithm>
#include <cmath>

namespace smp {

std::string Thousands(int64_t value) {
    std::string text = std::to_string(value);
    const int sign = value < 0 ? 1 : 0;
    for (int i = static_cast<int>(text.size()) - 3; i > sign; i -= 3) text.insert(static_cast<size_t>(i), 1, ',');
    return text;
}

std::string AboutDuration(double minutes) {
    if (!(minutes > 0.0) || !std::isfinite(minutes)) return "";
    // A planned session's length is an estimate (dots per minute): "about", and no false precision.
    minutes = std::min(minutes, 1e7);   // far beyond any plan; keeps the rounding within a long long
    const double step = minutes < 57.5 ? 5.0 : 15.0;
    const long long rounded = std::max(5LL, static_cast<long long>(std::llround(minutes / step)) * static_cast<long long>(step));
    const long long hours = rounded / 60, rest = rounded % 60;
    std::string text = "about ";
    if (hours > 0) text += std::to_string(hours) + " h";
    if (hours > 0 && rest > 0) text += ' ';
    if (rest > 0) text += std::to_string(rest) + " min";
    return text;
}

}  // namespace smp
