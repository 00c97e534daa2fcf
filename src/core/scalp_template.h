// smp core: the scalp template, a true-area map of a head-shaped surface with landmarks and zones.
//
// The head is modelled as an ellipsoid sized from three tape measurements. The map is an
// azimuthal equal-area projection of it about the crown: a point at polar angle θ and azimuth φ
// (around the projection axis) goes to radius ρ(θ, φ) = sqrt(2 ∫₀^θ J(t, φ) dt) in direction φ,
// where J dθ dφ is the surface's area element. The Jacobian of the map is then exactly J, so a
// density in dots/cm² on the map is the density on the head: this is what lets the engine work
// on a flat map. Shapes are distorted towards the edge of the map (an equal-area map cannot keep
// both); MaxAnisotropy() reports how much, and the generator keeps dots apart on the head too.
//
// Frame (the same as every design coordinate): millimetres on the map, x to the client's right,
// y from the front (forehead) towards the nape, origin at the top-left corner of the bounding box
// of the outline and the glabella; the midline is the vertical line x = MidlineXMm().
//
// Everything that decides a dot (outline, zones) is computed with det_math (only + - * / sqrt)
// and rounded to whole micrometres, so natively and in WebAssembly the template is bit-identical.
#pragma once

#include "core/geometry.h"
#include "core/spatial_grid.h"
#include "core/status.h"

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace smp {

using Vec3 = Eigen::Vector3d;   // a point on the head, mm: x client's right, y forward, z up

// What a practitioner measures with a tape. Defaults: an average adult head.
struct HeadMeasurements {
    double circumference_mm = 570.0;       // around the head just above the brows and ears (480..680)
    double glabella_to_nape_mm = 360.0;    // over the vertex, glabella to the nape hairline (280..460)
    double ear_to_ear_mm = 300.0;          // over the vertex, top of one ear's root to the other's (240..400)
    bool operator==(const HeadMeasurements&) const = default;
};

inline constexpr double kMinCircumferenceMm = 480.0, kMaxCircumferenceMm = 680.0;
inline constexpr double kMinGlabellaToNapeMm = 280.0, kMaxGlabellaToNapeMm = 460.0;
inline constexpr double kMinEarToEarMm = 240.0, kMaxEarToEarMm = 400.0;

// Zones of the scalp (DOMAIN.md vocabulary). Left/right are the client's.
enum class ZoneId : uint8_t {
    kFrontal = 0,
    kMidScalp,
    kCrown,
    kTemporalLeft,
    kTemporalRight,
    kParietalLeft,
    kParietalRight,
    kOccipital,
};
inline constexpr int kZoneCount = 8;
ZoneId MirrorZone(ZoneId zone);                                  // the same zone on the other side
std::string_view ZoneName(ZoneId zone);                        // "frontal", "mid_scalp", "crown",
                                                               // "temporal_left", ... "occipital"
std::optional<ZoneId> ZoneFromName(std::string_view name);

// Landmarks on the map, mm in the template frame.
struct Landmarks {
    Vec2 glabella_mm;                   // between the brows, on the midline (below the outline)
    Vec2 mid_frontal_mm;                // recommended mid-frontal point: 80 mm above the glabella
    Vec2 frontotemporal_left_mm, frontotemporal_right_mm;   // hairline corners
    Vec2 temple_peak_left_mm, temple_peak_right_mm;
    Vec2 vertex_mm;                     // top of the head
    Vec2 crown_whorl_mm;                // the crown's whorl, behind the vertex
    Vec2 ear_left_mm, ear_right_mm;     // top of the ear's root
    std::vector<Vec2> nape_line_mm;     // the nape hairline, left to right
};

// A dividing line between two zones, for drawing.
struct ZoneBorder {
    ZoneId a, b;
    std::vector<Vec2> points_mm;
};

class ScalpTemplate {
public:
    // Errors: kInvalidArgument naming the measurement (e.g. "circumference_mm: 900 is outside
    // 480..680") when one is out of range or not finite, or when they do not fit one head.
    static Expected<ScalpTemplate> Make(const HeadMeasurements& measurements = {});

    const HeadMeasurements& Measurements() const { return measurements_; }

    // The treatable scalp: a closed polygon from the lowest sensible hairline (60 mm above the
    // glabella) over the temples, around the ears, to the nape line. Clockwise on screen.
    const PolygonMm& Outline() const { return outline_; }
    double WidthMm() const { return width_mm_; }      // the frame's bounding box
    double HeightMm() const { return height_mm_; }
    double MidlineXMm() const { return width_mm_ * 0.5; }
    // Exact even-odd test against the outline (edges bucketed by row: O(1) per call).
    bool Contains(const Vec2& p_mm) const;
    double AreaCm2() const;                            // area of the outline

    const Landmarks& GetLandmarks() const { return landmarks_; }

    // The zone at a point (nearest rule, defined everywhere in the frame, inside the outline or
    // not), from a 0.5 mm raster. ZoneAreaCm2 counts raster cells inside the outline, so the sum
    // over zones equals AreaCm2() within 0.5 %.
    ZoneId ZoneAt(const Vec2& p_mm) const;
    double ZoneAreaCm2(ZoneId zone) const;
    // Whether the centre of the 0.5 mm raster cell holding p is inside the outline (the cells
    // ZoneAreaCm2 counts): Contains to within a cell, for what samples many points near the
    // outline (the client's hair, core/natural_hair.h); false outside the frame.
    bool InsideOnRaster(const Vec2& p_mm) const;
    const std::vector<ZoneBorder>& ZoneBorders() const { return zone_borders_; }

    // Between the map and the head. HeadFromMap is empty outside the mapped part of the head
    // (more than 135° from the crown axis: the face and neck, far outside the outline).
    // MapFromHead projects a point that is not on the head radially (from the head's centre)
    // onto it; beyond the mapped part it lands on that part's edge.
    Vec2 MapFromHead(const Vec3& head_mm) const;
    std::optional<Vec3> HeadFromMap(const Vec2& map_mm) const;
    // Length on the head of the curve that the straight map segment a-b maps to, mm (the
    // midline is straight on the map, so along it this is the true arc length).
    double SurfaceLengthMm(const Vec2& a_mm, const Vec2& b_mm) const;
    // The point on the midline `arc_mm` of surface above the glabella (towards the crown): where a
    // mid-frontal point at that height sits (Garg 2017: 70 aggressive, 80 usual, 100 conservative).
    Vec2 MidlinePointAboveGlabellaMm(double arc_mm) const;
    // Greatest ratio of the map's two principal scales inside the outline (1 = no distortion).
    double MaxAnisotropy() const;
    // The head itself, for drawing it: the ellipsoid's semi-axes, mm (x half-width, y half-length,
    // z height above the circumference tape's plane; centred on the head frame's origin), and its
    // outward unit normal at a point on it.
    Vec3 HeadSemiAxesMm() const;
    Vec3 HeadNormal(const Vec3& head_mm) const;

    // Same head point, another head size: map → (θ, φ) on this head → the other's map. Used to
    // carry a design's geometry along when the measurements change.
    Vec2 CarryTo(const ScalpTemplate& other, const Vec2& map_mm) const;

private:
    ScalpTemplate() = default;
    // Implementation state (ellipsoid semi-axes, projection axis, ρ tables, rasters, buckets):
    // see scalp_template.cpp.
    struct Model;
    void BuildContainsBuckets();
    void BuildZones(Model* model, const std::vector<double>& outline_theta,
                    const std::vector<double>& outline_phi);
    void BuildZoneBorders(const Model& model);
    HeadMeasurements measurements_;
    PolygonMm outline_;
    double width_mm_ = 0.0, height_mm_ = 0.0;
    Landmarks landmarks_;
    std::vector<ZoneBorder> zone_borders_;
    std::vector<uint8_t> zone_raster_;       // ZoneId per 0.5 mm cell, row-major
    std::vector<bool> inside_raster_;        // per cell of zone_raster_: its centre inside the outline
    int raster_cols_ = 0, raster_rows_ = 0;
    std::array<double, kZoneCount> zone_area_cm2_{};
    double area_cm2_ = 0.0;
    double max_anisotropy_ = 1.0;
    // Outline edges (index i: from point i - 1 to point i) by 1 mm row from y = 0, for Contains().
    SpatialGrid<uint32_t> row_edges_;
    // The model's numbers (ellipsoid, projection axis, ρ table, zone rules). Immutable once built
    // and shared between copies, so the class stays cheap to copy.
    std::shared_ptr<const Model> model_;
};

}  // namespace smp
