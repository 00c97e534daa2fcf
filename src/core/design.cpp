#include "core/design.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace smp {

double DefaultDotDiameterMm(Needle needle) { return needle == Needle::k1RL ? 0.20 : 0.25; }

std::vector<SessionSpec> DefaultSessions(bool with_scars) {
    // Session 1 doubles as a conservative colour test (DOMAIN.md): the most water. Each later
    // session is a little darker; the last adds a scatter of darker dots for depth.
    auto session = [](int day, double fraction, double dilution_percent, double scatter_percent) {
        SessionSpec spec;
        spec.day = day;
        spec.cumulative_fraction = fraction;
        spec.pigment.dilution_percent = dilution_percent;
        spec.dark_scatter_percent = scatter_percent;
        return spec;
    };
    if (with_scars) {
        // Scar tissue takes pigment unevenly: one more, lighter-handed pass, and three weeks
        // before the last so the scar has settled.
        return {session(0, 0.25, 50, 0), session(14, 0.55, 40, 0), session(28, 0.80, 30, 0), session(49, 1.00, 25, 10)};
    }
    return {session(0, 0.30, 50, 0), session(14, 0.70, 35, 0), session(28, 1.00, 25, 10)};
}

double TargetSpacingMm(double density_per_cm2) {
    if (!(density_per_cm2 > 0.0)) return std::numeric_limits<double>::infinity();
    return 10.0 * std::sqrt(0.70 / density_per_cm2);
}

double LargestDotDiameterMm(const Design& design) {
    double largest = 0.0;
    for (const SessionSpec& session : design.sessions) {
        largest = std::max({largest, session.hairline_needle.dot_diameter_mm, session.fill_needle.dot_diameter_mm});
    }
    return largest > 0.0 ? largest : DefaultDotDiameterMm(Needle::k3RL);
}

}  // namespace smp
