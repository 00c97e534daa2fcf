// smp core: the scalp outline drawn on the canvas.
//
// This is the foundation's placeholder template: an egg-shaped top view of a flattened scalp at
// real size (narrower at the forehead, fuller towards the crown and nape). The treatment-design
// work replaces it with the equal-area scalp template with landmarks and zones; callers only see
// a polygon in millimetres, so they do not change when it does.
#pragma once

#include "core/geometry.h"
#include "core/status.h"

namespace smp {

struct ScalpOutlineParams {
    double width_mm = 240.0;         // widest left-right extent of the flattened map, mm (100..400)
    double length_mm = 290.0;        // front (hairline side) to nape, mm (100..400)
    double front_taper = 0.12;       // 0 = ellipse; larger = narrower front, fuller back (0..0.3)
    int segments = 256;              // polygon vertices (16..4096)
};

// The outline as a closed polygon whose bounding box starts at (0, 0) and measures exactly
// width_mm × length_mm. Symmetric about the midline x = width_mm / 2; the front is at y = 0.
// Errors: kInvalidArgument naming the parameter when one is out of its range or not finite.
Expected<PolygonMm> MakeScalpOutline(const ScalpOutlineParams& params = {});

}  // namespace smp
