// smp core: the design, what a practitioner plans and a link carries.
//
// A design is a plain value: the seed, the work area (a flat rectangle or the scalp template at
// the client's head size), the treatment mode, the target density as layers, the hairline zone,
// the scars, and the sessions with their pigment and needles. The generator turns it into dots;
// everything random comes from `seed`, so the same design gives the same dots everywhere.
// JSON: design_json.h and the README.
//
// Equality: every struct here compares member by member (a defaulted operator==, by value, so
// -0.0 == 0.0 and NaN != NaN). What an edit changed, and whether two designs are the same to the
// bit, is design_diff.h's job: the generator, the edit history and links decide through it.
//
// How the target density at a point is formed (density_field.h evaluates it), in this order:
//   1. the density layers, first to last, each changing the value the earlier ones left:
//        grid   replaces it inside the grid's extent;
//        zones  replaces it in the zones it names (blended across zone borders over blend_mm);
//        area   pulls it towards its value inside a polygon (feathered edge);
//        stroke pulls it towards its strength along a brush path ("set"), adds to it ("add"), or
//               pulls it towards its own local average ("smooth": evens out what is below);
//   2. the hairline (shaved mode only): nothing ahead of the line but a few stray dots, a ramp
//      through the transition zone, the layers' value behind it;
//   3. the scars: at least the scar's target on the scar, blended out over blend_mm;
//   4. clamped to 0..150 dots/cm², and 0 outside the template.
#pragma once

#include "core/geometry.h"
#include "core/scalp_template.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace smp {

// Hard limits: beyond them a design is refused with a message, never half-processed.
struct DesignLimits {
    static constexpr double kMaxTemplateSideMm = 500.0;     // larger than any scalp map
    static constexpr double kMaxDensityPerCm2 = 150.0;      // above natural scalps (65-110 FU/cm²)
    static constexpr int64_t kMaxGridCells = 1'000'000;     // e.g. 1000 × 1000 cells
    static constexpr double kMinGridCellMm = 0.5;
    static constexpr int kMaxLayers = 4096;                 // brush strokes are layers
    static constexpr int kMaxPathPoints = 4096;             // per stroke or hairline
    static constexpr int kMaxPolygonPoints = 1024;          // per area or scar (tested at every dot near them)
    // Estimated work of evaluating the layers over the raw set (points × path segments they are
    // tested against); beyond it a design is refused instead of taking minutes.
    static constexpr double kMaxLayerWork = 3e8;
    // Cells of the rasters that smooth strokes average the layers below them on, over the whole
    // design (16 bytes each, so at most 16 MB): a 100 mm stroke at a 10 mm radius takes about 3000.
    static constexpr int64_t kMaxSmoothCells = 1'000'000;
    static constexpr int64_t kMaxTotalPathPoints = 200'000; // over the whole design
    static constexpr int kMaxSessions = 8;
    static constexpr int kMaxSessionDay = 3650;
    static constexpr int kMinSessionGapDays = 10;           // DOMAIN.md: 10-30 days apart
    static constexpr int kMaxSessionGapDays = 30;
    static constexpr int kMaxScars = 64;
    static constexpr int kMaxFueScarsPerField = 5000;
    static constexpr size_t kMaxDesignBytes = 16u << 20;    // 16 MiB of JSON
};

// "About 80 follicular units per cm² on average" (DOMAIN.md): 100 % natural density.
inline constexpr double kNaturalDensityPerCm2 = 80.0;

// A density as the practitioner states it: dots/cm², or a percentage of natural density.
struct DensityValue {
    enum class Unit { kPerCm2, kPercentNatural };
    double amount = 0.0;
    Unit unit = Unit::kPerCm2;

    double PerCm2() const { return unit == Unit::kPerCm2 ? amount : amount * kNaturalDensityPerCm2 / 100.0; }
    static DensityValue Dots(double per_cm2) { return {per_cm2, Unit::kPerCm2}; }
    static DensityValue PercentNatural(double percent) { return {percent, Unit::kPercentNatural}; }
    bool operator==(const DensityValue&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Template
// ---------------------------------------------------------------------------------------------

// A plain rectangle. Origin at the top-left corner, x right, y down (towards the nape), mm.
struct FlatTemplate {
    double width_mm = 280.0;
    double height_mm = 280.0;
    bool operator==(const FlatTemplate&) const = default;
};

// Either a flat work area or the scalp at the client's measurements (scalp_template.h).
struct TemplateSpec {
    enum class Kind { kFlat, kScalp };
    Kind kind = Kind::kFlat;
    FlatTemplate flat;              // kFlat
    HeadMeasurements head;          // kScalp
    bool operator==(const TemplateSpec&) const = default;
};

// Shaved look: full coverage, with a designed hairline. Density: dots between existing hair
// (lower targets, no hairline).
enum class TreatmentMode { kShaved, kDensity };

// ---------------------------------------------------------------------------------------------
// Density layers
// ---------------------------------------------------------------------------------------------

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
    bool operator==(const GridLayer&) const = default;
};

// Target densities per scalp zone (scalp template only); zones it leaves out keep the value
// below. Across a border between zones the value blends over blend_mm.
struct ZonesLayer {
    std::array<std::optional<DensityValue>, kZoneCount> per_zone;
    double blend_mm = 10.0;            // 0 (hard edge) .. 50
    bool operator==(const ZonesLayer&) const = default;
};

// A polygon filled with a target density, with a soft edge feather_mm wide (half inside).
struct AreaLayer {
    PolygonMm polygon_mm;
    DensityValue target;
    double feather_mm = 6.0;           // 0 .. 50
    bool operator==(const AreaLayer&) const = default;
};

// A freehand brush stroke: a path of centre points, each with pen pressure (0..1, 1 for a mouse).
// Weight at a point: 1 within (1 - falloff) · radius of the path, easing to 0 at radius, times the
// pressure there. "set" pulls the value towards `strength` by the weight (an eraser sets 0);
// "add" adds weight · strength (negative strength removes); "smooth" pulls the value the layers
// below give towards their local average by the weight (1: fully replaced by it), softening hard
// edges between strokes and zones. The average is a tent of half-width about radius / 2
// (density_field.h); `strength` means nothing to it and is neither compared nor saved.
struct StrokeLayer {
    enum class Blend { kSet, kAdd, kSmooth };
    std::vector<Vec2> points_mm;
    std::vector<double> pressure;      // one per point
    double radius_mm = 10.0;           // 0.5 .. 100
    DensityValue strength;             // set: 0..150 dots/cm²; add: -150..150; smooth: unused
    double falloff = 0.5;              // 0 (hard) .. 1 (soft all the way from the centre)
    Blend blend = Blend::kSet;
    bool operator==(const StrokeLayer&) const = default;   // strength too, even when smooth (design_diff.h: not)
};

using DensityLayer = std::variant<GridLayer, ZonesLayer, AreaLayer, StrokeLayer>;

// ---------------------------------------------------------------------------------------------
// Hairline
// ---------------------------------------------------------------------------------------------

// Named styles (DOMAIN.md). Each sets the transition depth and the irregularity (hairline.h).
enum class HairlineStyle { kSoft, kBroken, kFaded, kDefined };

// A hairline is a zone, not a line: a curve of control points across the front, a transition
// zone behind it where density ramps up with small, light dots, irregularity so it never reads
// as a ruler edge or a mirror image, and a few stray dots ahead of it.
struct HairlineSpec {
    // Control points left to right. With `mirror`, only the client's left half up to and
    // including the midline point is given; the right half is its mirror image.
    std::vector<Vec2> points_mm;
    bool mirror = true;
    double asymmetry_mm = 1.5;         // the right half moves back (+) or forward (-) by up to this, -10..10
    HairlineStyle style = HairlineStyle::kSoft;
    // Unset: from the style. Depth 5..10 mm; amplitudes 0..6 mm; strays 0..10 dots/cm².
    std::optional<double> transition_mm;
    std::optional<double> large_irregularity_mm;   // swings over ~2-4 cm
    std::optional<double> small_irregularity_mm;   // jags over ~3-6 mm
    std::optional<double> stray_per_cm2;           // in the band just ahead of the line
    bool operator==(const HairlineSpec&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Scars
// ---------------------------------------------------------------------------------------------

// FUT: a linear strip scar (polyline, width). FUE: a field of small round scars (polygon, count).
// Scar tissue takes pigment unevenly: the plan fills the scar at least at `target`, blends a
// wider area around it, adds a session, and counts the dots on scar tissue per session.
struct ScarSpec {
    enum class Kind { kFutStrip, kFueField };
    Kind kind = Kind::kFutStrip;
    std::string label;
    std::vector<Vec2> points_mm;       // FUT: the strip's centre line; FUE: the field's outline
    double width_mm = 2.0;             // FUT: 0.5 .. 15
    int count = 400;                   // FUE: number of round scars, 1 .. 5000
    double scar_diameter_mm = 0.9;     // FUE: 0.5 .. 2
    std::optional<DensityValue> target;   // unset: kDefaultScarTargetPerCm2 (shaved) / the same in density mode
    double blend_mm = 10.0;            // 0 .. 40
    bool operator==(const ScarSpec&) const = default;
};
inline constexpr double kDefaultScarTargetPerCm2 = 60.0;

// ---------------------------------------------------------------------------------------------
// Sessions, pigment, needles
// ---------------------------------------------------------------------------------------------

// Needle configurations (DOMAIN.md): a single point (1RL) for the hairline and fine work, a
// three-point round liner (3RL) to fill density.
enum class Needle { k1RL, k3RL };

// Healed dot size a needle gives by default: 0.20 mm for 1RL (0603), 0.25 mm for 3RL (0803).
double DefaultDotDiameterMm(Needle needle);

struct NeedleChoice {
    Needle needle = Needle::k3RL;
    double dot_diameter_mm = 0.25;     // 0.1 .. 1
    bool operator==(const NeedleChoice&) const = default;
};

// Carbon pigment diluted with distilled water. tone_percent: how dark the pigment is as mixed
// by the supplier (100 = black); dilution_percent: the water share. Lighter first, darker later.
struct Pigment {
    double tone_percent = 85.0;        // 10 .. 100
    double dilution_percent = 30.0;    // 0 .. 90
    double EffectiveDarkness() const { return tone_percent * (1.0 - dilution_percent / 100.0) / 100.0; }
    bool operator==(const Pigment&) const = default;
};

// One treatment session. Fractions are cumulative: session k brings the pattern to
// `cumulative_fraction` of the target density; each session adds only the dots it adds.
struct SessionSpec {
    int day = 0;                        // days after the first session
    double cumulative_fraction = 1.0;   // (0, 1], strictly increasing, the last one is 1
    Pigment pigment;
    double dark_scatter_percent = 0.0;  // share of this session's dots in a darker shade, 0..30
    NeedleChoice hairline_needle{Needle::k1RL, 0.20};
    NeedleChoice fill_needle{Needle::k3RL, 0.25};
    bool operator==(const SessionSpec&) const = default;
};

// How much darker the scatter dots are: their pigment with this much less water.
inline constexpr double kDarkScatterDilutionDrop = 20.0;
// How much lighter the hairline's dots are: their pigment with this much more water.
inline constexpr double kHairlineExtraDilution = 15.0;

// ---------------------------------------------------------------------------------------------
// The design
// ---------------------------------------------------------------------------------------------

struct Design {
    std::string title;                  // shown in pickers and on plan sheets (up to 80 characters)
    std::string notes;                  // free text for the practitioner (up to 2000 characters)
    uint32_t seed = 1;
    TemplateSpec template_spec;
    TreatmentMode mode = TreatmentMode::kShaved;
    std::vector<DensityLayer> layers;
    std::optional<HairlineSpec> hairline;
    std::vector<ScarSpec> scars;
    std::vector<SessionSpec> sessions;  // empty in JSON = DefaultSessions(has scars)
    double dots_per_minute = 70.0;      // working rate for time estimates (10 .. 400)
    bool operator==(const Design&) const = default;
};

// The sessions a design uses when it names none: days 0, 14, 28 at 30 %, 70 %, 100 %
// (DOMAIN.md: Liu et al. 2025; two weeks apart is the common gap), lighter pigment first, a
// final scatter of darker dots. With scars, one more session: 0, 14, 28, 49 at 25/55/80/100 %.
std::vector<SessionSpec> DefaultSessions(bool with_scars = false);

// The sessions with `count` of them (1..kMaxSessions), for the sessions panel: the sessions kept
// keep their pigment, scatter and needles; added ones follow the last at the usual 14-day gap
// with its needles and the default pigment for their number. Days are kept where the gaps stay
// 10..30 days. Cumulative fractions are re-spread: the defaults for 3 (and 4 with scars),
// otherwise even steps (k / count).
std::vector<SessionSpec> WithSessionCount(const std::vector<SessionSpec>& sessions, int count, bool with_scars);

// The pigment mix of session `index` of `count` when the design names none: dilution stepping
// from 50 % (the first session doubles as a colour test) down to 25 %, darker each time.
double DefaultDilutionPercent(size_t index, size_t count);
// The last session adds a scatter of darker dots (10 % of its dots); the others none.
double DefaultDarkScatterPercent(size_t index, size_t count);

// Target spacing at density d: r_t(d) = sqrt(0.70 / d) cm, the spacing of a maximal Poisson-disk
// set with d points per cm². In millimetres. Infinite for d <= 0.
double TargetSpacingMm(double density_per_cm2);

// The largest dot any session can place, mm.
double LargestDotDiameterMm(const Design& design);

}  // namespace smp
