// smp core: the markers format, `{"type": "smp.marks", "schema_version": 1, ...}`: landmarks a
// person placed on a photo of a head (core/head_fit.h), and the result of fitting the head to them.
//
//   {"type": "smp.marks", "schema_version": 1,
//    "photo": {"width_px": 1200, "height_px": 900, "view": "front"},      view: unknown|front|left|right|back|top
//    "head": {"circumference_mm": 570, "glabella_to_nape_mm": 360, "ear_to_ear_mm": 300},   optional
//    "marks": {"glabella": [612.5, 388.0], "vertex": [600.1, 80.2], ...}}  pixels, x right, y down
//
// `smp fit MARKS.json` reads it; `smp render --view head --marks-out` writes it for a render, so a
// render can stand in for a photo. The photo itself is never in this file: it stays on the device.
#pragma once

#include "core/head_fit.h"
#include "core/status.h"

#include <string>
#include <string_view>

namespace smp {

inline constexpr int kMarksSchemaVersion = 1;
inline constexpr size_t kMaxMarksBytes = 64u << 10;   // seven markers and a head: a few hundred bytes

struct MarksFile {
    PhotoMarks marks;
    HeadMeasurements head;    // the head the markers are fitted to (the default head when absent)
    bool has_head = false;
};

// Errors name the field: kParseError for text that is not JSON, kInvalidArgument for a wrong type,
// an unknown landmark or view, a value out of range ("marks.vertex must be [x, y] in pixels, got
// ..."), kUnsupported for a newer schema, kLimitExceeded for a file over kMaxMarksBytes.
Expected<MarksFile> ParseMarksJson(std::string_view text);
std::string MarksToJsonText(const MarksFile& file);

// The fit as JSON text: yaw_deg, pitch_deg, roll_deg, px_per_mm, origin_px [x, y], error_px,
// worst_error_px, poor, message, and per marker its error ("marks": {"glabella": 0.42, ...}).
// Rounded (angles to 1e-4°, pixels to 1e-3, the scale to 1e-6) so the text is stable.
std::string HeadFitToJsonText(const PhotoMarks& marks, const HeadFit& fit);

}  // namespace smp
