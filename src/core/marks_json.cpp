// smp core: the markers format (see marks_json.h).
#include "core/marks_json.h"

#include "core/json_reader.h"

#include <cmath>

namespace smp {

using namespace json_reader;

namespace {

// A pixel position: [x, y], finite, within 0..the photo's side.
Status ReadPixel(const json& value, const std::string& path, const PhotoMarks& marks, Vec2& out) {
    const std::string expectation = "[x, y] in pixels within the photo (" + std::to_string(marks.width_px) + " x " +
                                    std::to_string(marks.height_px) + ")";
    if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number()) {
        return Invalid(path, expectation, &value);
    }
    const double x = value[0].get<double>(), y = value[1].get<double>();
    if (!std::isfinite(x) || !std::isfinite(y) || x < 0.0 || y < 0.0 || x > marks.width_px || y > marks.height_px) {
        return Invalid(path, expectation, &value);
    }
    out = Vec2(x, y);
    return Status::Ok();
}

// Rounded to 1 / per_unit (a power of ten), dividing last so that the double is the one nearest
// the decimal and prints short; + 0.0 turns -0 into 0 so the text never says "-0.0".
double Rounded(double value, double per_unit) { return std::round(value * per_unit) / per_unit + 0.0; }

}  // namespace

Expected<MarksFile> ParseMarksJson(std::string_view text) {
    const Expected<json> parsed = ParseJsonText(text, kMaxMarksBytes, "markers file");
    if (!parsed.ok()) return parsed.status();
    const json& document = *parsed;
    const Expected<int64_t> version = ReadHeader(document, "smp.marks", "markers file", kMarksSchemaVersion);
    if (!version.ok()) return version.status();

    MarksFile file;
    const auto photo = document.find("photo");
    if (photo == document.end()) return Invalid("photo", "an object with width_px and height_px", nullptr);
    if (Status s = RequireObject(*photo, "photo"); !s.ok()) return s;
    int64_t width = 0, height = 0;
    if (Status s = ReadInteger(*photo, "photo", "width_px", 1, kMaxPhotoSidePx, width, true); !s.ok()) return s;
    if (Status s = ReadInteger(*photo, "photo", "height_px", 1, kMaxPhotoSidePx, height, true); !s.ok()) return s;
    file.marks.width_px = static_cast<int>(width);
    file.marks.height_px = static_cast<int>(height);
    if (const auto view = photo->find("view"); view != photo->end()) {
        const std::optional<PhotoView> known = view->is_string() ? PhotoViewFromName(view->get<std::string>()) : std::nullopt;
        if (!known) return Invalid("photo.view", "one of unknown, front, left, right, back, top", &*view);
        file.marks.view = *known;
    }

    if (const auto head = document.find("head"); head != document.end()) {
        if (Status s = RequireObject(*head, "head"); !s.ok()) return s;
        HeadMeasurements& m = file.head;
        if (Status s = ReadNumber(*head, "head", "circumference_mm", kMinCircumferenceMm, kMaxCircumferenceMm, m.circumference_mm); !s.ok()) return s;
        if (Status s = ReadNumber(*head, "head", "glabella_to_nape_mm", kMinGlabellaToNapeMm, kMaxGlabellaToNapeMm, m.glabella_to_nape_mm); !s.ok()) return s;
        if (Status s = ReadNumber(*head, "head", "ear_to_ear_mm", kMinEarToEarMm, kMaxEarToEarMm, m.ear_to_ear_mm); !s.ok()) return s;
        file.has_head = true;
    }

    const auto marks = document.find("marks");
    if (marks == document.end() || !marks->is_object()) {
        return Invalid("marks", "an object of landmarks, e.g. {\"glabella\": [x, y]}", marks == document.end() ? nullptr : &*marks);
    }
    // Landmarks in their own order, whatever the file's: the fit's sums do not depend on it.
    for (int i = 0; i < kHeadLandmarkCount; ++i) {
        const auto landmark = static_cast<HeadLandmark>(i);
        const auto at = marks->find(std::string(HeadLandmarkName(landmark)));
        if (at == marks->end()) continue;
        PhotoMark mark;
        mark.landmark = landmark;
        if (Status s = ReadPixel(*at, "marks." + std::string(HeadLandmarkName(landmark)), file.marks, mark.pixel); !s.ok()) return s;
        file.marks.marks.push_back(mark);
    }
    for (auto it = marks->begin(); it != marks->end(); ++it) {
        if (!HeadLandmarkFromName(it.key())) {
            return Invalid("marks." + it.key(),
                           "a landmark: glabella, frontotemporal_left, frontotemporal_right, vertex, ear_left, ear_right or nape", nullptr);
        }
    }
    return file;
}

std::string MarksToJsonText(const MarksFile& file) {
    json marks = json::object();
    for (const PhotoMark& mark : file.marks.marks) {
        marks[std::string(HeadLandmarkName(mark.landmark))] = {Rounded(mark.pixel.x(), 1e3), Rounded(mark.pixel.y(), 1e3)};
    }
    json document = {{"type", "smp.marks"},
                     {"schema_version", kMarksSchemaVersion},
                     {"photo", {{"width_px", file.marks.width_px}, {"height_px", file.marks.height_px}, {"view", PhotoViewName(file.marks.view)}}},
                     {"marks", marks}};
    if (file.has_head) {
        document["head"] = {{"circumference_mm", file.head.circumference_mm},
                            {"glabella_to_nape_mm", file.head.glabella_to_nape_mm},
                            {"ear_to_ear_mm", file.head.ear_to_ear_mm}};
    }
    return document.dump(2) + "\n";
}

std::string HeadFitToJsonText(const PhotoMarks& marks, const HeadFit& fit) {
    json errors = json::object();
    for (size_t i = 0; i < marks.marks.size() && i < fit.residual_px.size(); ++i) {
        errors[std::string(HeadLandmarkName(marks.marks[i].landmark))] = Rounded(fit.residual_px[i], 1e3);
    }
    const json document = {{"yaw_deg", Rounded(fit.pose.camera.yaw_deg, 1e4)},
                           {"pitch_deg", Rounded(fit.pose.camera.pitch_deg, 1e4)},
                           {"roll_deg", Rounded(fit.pose.roll_deg, 1e4)},
                           {"px_per_mm", Rounded(fit.pose.px_per_mm, 1e6)},
                           {"origin_px", {Rounded(fit.pose.origin_px.x(), 1e3), Rounded(fit.pose.origin_px.y(), 1e3)}},
                           {"error_px", Rounded(fit.error_px, 1e3)},
                           {"worst_error_px", Rounded(fit.worst_error_px, 1e3)},
                           {"poor", fit.poor},
                           {"message", fit.message},
                           {"marks", errors}};
    return document.dump(2) + "\n";
}

}  // namespace smp
