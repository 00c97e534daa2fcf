// smp core: the design, what a practitioner plans and a link carries.
//
// A design is a plain value: the seed, the work area (template), the target density as layers,
// and the sessions. The generator turns it into dots; everything random comes from `seed`, so the
// same design gives the same dots everywhere. JSON: see design_json.h and the README.
#pragma once

#include "core/geometry.h"

#include <cstdint>
#include <vector>

namespace smp {

// Hard limits: beyond them a design is refused with a message, never half-processed.
struct DesignLimits {
    static constexpr double kMaxTemplateSideMm = 500.0;     // larger than any scalp map
    static constexpr double kMaxDensityPerCm2 = 150.0;      // above natural scalps (65-110 FU/cm²)
    static constexpr int64_t kMaxGridCells = 1'000'000;     // e.g. 1000 × 1000 cells
    static constexpr double kMinGridCellMm = 0.5;
    static constexpr int kMaxLayers = 64;
    static constexpr int kMaxSessions = 8;
    static constexpr int kMaxSessionDay = 3650;
    static constexpr size_t kMaxDesignBytes = 16u << 20;    // 16 MiB of JSON
};

// The work area. Origin at the top-left corner, x right, y down (towards the nape), millimetres.
struct FlatTemplate {
    double width_mm = 280.0;
    double height_mm = 280.0;
};

enum class Interpolation { kNearest, kBilinear };

// A regular grid of target densities. "nearest": the value of the cell containing the point;
// "bilinear": interpolated between cell centres (clamped at the border cells).
struct GridLayer {
    Vec2 origin_mm = Vec2::Zero();     // top-left corner of cell (0, 0)
    double cell_mm = 10.0;             // cell side, mm (>= 0.5)
    int cols = 0;
    int rows = 0;
    Interpolation interpolation = Interpolation::kNearest;
    std::vector<double> per_cm2;       // rows × cols, row-major, dots/cm² (0..150)

    RectMm ExtentMm() const {
        return {origin_mm, origin_mm + Vec2(cols * cell_mm, rows * cell_mm)};
    }
};

// One treatment session. Fractions are cumulative: session k brings the pattern to
// `cumulative_fraction` of the target density; each session adds only the dots it adds.
struct SessionSpec {
    int day = 0;                        // days after the first session
    double cumulative_fraction = 1.0;   // (0, 1], strictly increasing, the last one is 1
};

// Needle configurations (DOMAIN.md): a single point (1RL) for the hairline and fine work, a
// three-point round liner (3RL) to fill density.
enum class Needle { k1RL, k3RL };

// Healed dot size a needle gives by default: 0.20 mm for 1RL (0603), 0.25 mm for 3RL (0803).
double DefaultDotDiameterMm(Needle needle);

struct Design {
    uint32_t seed = 1;
    FlatTemplate flat_template;
    std::vector<GridLayer> layers;      // later layers replace earlier ones where they cover
    std::vector<SessionSpec> sessions;  // empty in JSON = the default three (30/70/100 %)
    Needle needle = Needle::k3RL;
    double dot_diameter_mm = 0.25;      // healed dot size; defaults from the needle
};

// The sessions a design uses when it names none: days 0, 14, 28 at 30 %, 70 %, 100 %
// (DOMAIN.md: Liu et al. 2025; two weeks apart is the common gap).
std::vector<SessionSpec> DefaultSessions();

// Target density at a point, dots/cm²: the last layer covering the point decides; 0 elsewhere
// and outside the template.
double DensityAtPerCm2(const Design& design, const Vec2& p_mm);

// Target spacing at density d: r_t(d) = sqrt(0.70 / d) cm, the spacing of a maximal Poisson-disk
// set with d points per cm². In millimetres. Infinite for d <= 0.
double TargetSpacingMm(double density_per_cm2);

}  // namespace smp
