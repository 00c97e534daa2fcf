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

std::vector<SessionSpec> WithSessionCount(const std::vector<SessionSpec>& sessions, int count, bool with_scars) {
    count = std::clamp(count, 1, DesignLimits::kMaxSessions);
    const size_t n = static_cast<size_t>(count);
    const std::vector<SessionSpec> defaults = DefaultSessions(with_scars);
    std::vector<SessionSpec> result;
    for (size_t k = 0; k < n; ++k) {
        SessionSpec session;
        if (k < sessions.size()) {
            session = sessions[k];
        } else {
            if (!result.empty()) {
                session.hairline_needle = result.back().hairline_needle;
                session.fill_needle = result.back().fill_needle;
            }
            session.pigment.dilution_percent = DefaultDilutionPercent(k, n);
            session.dark_scatter_percent = 0.0;
            session.day = result.empty() ? 0 : result.back().day + 14;
        }
        if (k == 0) session.day = 0;
        const int gap = k == 0 ? 0 : session.day - result.back().day;
        if (k > 0 && (gap < DesignLimits::kMinSessionGapDays || gap > DesignLimits::kMaxSessionGapDays)) session.day = result.back().day + 14;
        session.cumulative_fraction = n == defaults.size() ? defaults[k].cumulative_fraction : static_cast<double>(k + 1) / static_cast<double>(n);
        result.push_back(session);
    }
    // The darker scatter belongs to the last session: it moves there when sessions are added or removed.
    double scatter = 0.0;
    for (const SessionSpec& session : sessions) scatter = std::max(scatter, session.dark_scatter_percent);
    if (n != sessions.size() && !sessions.empty()) {
        for (SessionSpec& session : result) session.dark_scatter_percent = 0.0;
        result.back().dark_scatter_percent = scatter;
    }
    return result;
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
