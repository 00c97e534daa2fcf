#include "core/design.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace smp {

double DefaultDotDiameterMm(Needle needle) { return needle == Needle::k1RL ? 0.20 : 0.25; }

double DefaultDilutionPercent(size_t index, size_t count) {
    if (count < 2) return 30.0;
    // Session 1 doubles as a conservative colour test (DOMAIN.md): the most water.
    return 50.0 - 25.0 * static_cast<double>(index) / static_cast<double>(count - 1);
}

double DefaultDarkScatterPercent(size_t index, size_t count) { return index + 1 == count ? 10.0 : 0.0; }

std::vector<SessionSpec> DefaultSessions(bool with_scars) {
    // Scar tissue takes pigment unevenly: one more pass, and three weeks before the last so the
    // scar has settled.
    const std::vector<std::pair<int, double>> plan = with_scars ? std::vector<std::pair<int, double>>{{0, 0.25}, {14, 0.55}, {28, 0.80}, {49, 1.00}}
                                                                : std::vector<std::pair<int, double>>{{0, 0.30}, {14, 0.70}, {28, 1.00}};
    std::vector<SessionSpec> sessions;
    for (size_t k = 0; k < plan.size(); ++k) {
        SessionSpec spec;
        spec.day = plan[k].first;
        spec.cumulative_fraction = plan[k].second;
        spec.pigment.dilution_percent = DefaultDilutionPercent(k, plan.size());
        spec.dark_scatter_percent = DefaultDarkScatterPercent(k, plan.size());
        sessions.push_back(spec);
    }
    return sessions;
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
