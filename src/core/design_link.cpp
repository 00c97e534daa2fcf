// smp core: share links (design_link.h).
//
// [SECTION] Bytes: varints, numbers on a grid, base64url, CRC-32
// [SECTION] Body: the design, field by field
// [SECTION] Links: version, payload, checksum, compression
// [SECTION] Strokes: simplification on the link grid
#include "core/design_link.h"

#include "core/deflate.h"
#include "core/design_diff.h"
#include "core/design_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>

namespace smp {

// ---------------------------------------------------------------------------------------------
// [SECTION] Bytes
// ---------------------------------------------------------------------------------------------

namespace {

// Scales of the grids numbers are counted on (units per unit of the value).
constexpr double kMm = kLinkUnitsPerMm;   // 0.01 mm
constexpr double kDensity = 100.0;        // 0.01 dots/cm² (or % natural)
constexpr double kFraction = 1000.0;      // 0.001
constexpr double kPercent = 100.0;        // 0.01 %
constexpr double kPressure = 100.0;       // 0.01

// Grid counts beyond this go as exact doubles: far outside any design's ranges, and it keeps the
// varints within 8 bytes and the arithmetic exact.
constexpr int64_t kMaxGridCount = int64_t{1} << 50;

uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

// The count of grid steps a value is, when it is exactly on the grid (the decoder's division
// gives back the same double), or nothing.
std::optional<int64_t> OnGrid(double value, double scale) {
    // -0.0 is not on the grid: counted, it would come back as +0.0.
    if (!std::isfinite(value) || (value == 0.0 && std::signbit(value))) return std::nullopt;
    const double scaled = std::round(value * scale);
    if (!(std::fabs(scaled) < static_cast<double>(kMaxGridCount))) return std::nullopt;
    const auto count = static_cast<int64_t>(scaled);
    if (static_cast<double>(count) / scale != value) return std::nullopt;
    return count;
}

// The grid count a value is nearest, for delta coding after an off-grid value (0 if none).
int64_t NearestGridCount(double value, double scale) {
    if (!std::isfinite(value)) return 0;
    const double scaled = std::round(value * scale);
    return std::fabs(scaled) < static_cast<double>(kMaxGridCount) ? static_cast<int64_t>(scaled) : 0;
}

// Well-formed UTF-8 (no overlong forms, surrogates or code points beyond U+10FFFF): texts go
// into JSON, which accepts nothing else.
bool IsUtf8(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
        const unsigned char lead = byte(i);
        size_t length = 0;
        uint32_t code = 0, min_code = 0;
        if (lead < 0x80) length = 1, code = lead;
        else if ((lead & 0xE0) == 0xC0) length = 2, code = lead & 0x1Fu, min_code = 0x80;
        else if ((lead & 0xF0) == 0xE0) length = 3, code = lead & 0x0Fu, min_code = 0x800;
        else if ((lead & 0xF8) == 0xF0) length = 4, code = lead & 0x07u, min_code = 0x10000;
        else return false;
        if (i + length > text.size()) return false;
        for (size_t k = 1; k < length; ++k) {
            if ((byte(i + k) & 0xC0) != 0x80) return false;
            code = (code << 6) | (byte(i + k) & 0x3Fu);
        }
        if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
        i += length;
    }
    return true;
}

class ByteWriter {
public:
    void U(uint64_t v) {
        while (v >= 0x80) {
            bytes_.push_back(static_cast<uint8_t>(v | 0x80));
            v >>= 7;
        }
        bytes_.push_back(static_cast<uint8_t>(v));
    }
    void Bool(bool v) { U(v ? 1 : 0); }
    void Text(const std::string& s) {
        U(s.size());
        bytes_.insert(bytes_.end(), s.begin(), s.end());
    }
    // A number as (delta from `previous` grid steps) · 2 when on the grid, else 1 then the double.
    // Returns the grid count to delta the next number from.
    int64_t Number(double value, double scale, int64_t previous = 0) {
        if (const std::optional<int64_t> count = OnGrid(value, scale)) {
            U(ZigZag(*count - previous) << 1);
            return *count;
        }
        U(1);
        uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);   // (Emscripten's libc++ has no std::bit_cast)
        for (int k = 0; k < 8; ++k) bytes_.push_back(static_cast<uint8_t>(bits >> (8 * k)));
        return NearestGridCount(value, scale);
    }
    void Density(const DensityValue& value) {
        U(value.unit == DensityValue::Unit::kPerCm2 ? 0 : 1);
        Number(value.amount, kDensity);
    }
    void Points(const std::vector<Vec2>& points) {
        U(points.size());
        int64_t x = 0, y = 0;
        for (const Vec2& p : points) {
            x = Number(p.x(), kMm, x);
            y = Number(p.y(), kMm, y);
        }
    }
    std::vector<uint8_t>& bytes() { return bytes_; }

private:
    std::vector<uint8_t> bytes_;
};

// Reads what ByteWriter wrote. The first failure is kept; later reads return zeros, so the body
// reader can run straight through and check once (and every count is checked before use).
class ByteReader {
public:
    ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}

    uint64_t U(const char* what) {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at_ >= size_) return Fail(what, "ends early");
            const uint8_t byte = data_[at_++];
            if (shift == 63 && byte > 1) return Fail(what, "is too large");
            v |= static_cast<uint64_t>(byte & 0x7F) << shift;
            if (!(byte & 0x80)) return ok() ? v : 0;
        }
        return Fail(what, "is too large");
    }
    // A count of items that each take at least `min_bytes_each`, at most `limit`.
    size_t Count(const char* what, uint64_t limit, size_t min_bytes_each = 1) {
        const uint64_t n = U(what);
        if (!ok()) return 0;
        if (n > limit) return Fail(what, ("is " + std::to_string(n) + ", more than the limit of " + std::to_string(limit)).c_str());
        if (n * min_bytes_each > size_ - at_) return Fail(what, "is larger than the link holds");
        return static_cast<size_t>(n);
    }
    bool Bool(const char* what) {
        const uint64_t v = U(what);
        if (v > 1) Fail(what, "is not a yes/no value");
        return v == 1;
    }
    // An enumeration value below `count`.
    uint64_t Choice(const char* what, uint64_t count) {
        const uint64_t v = U(what);
        if (v >= count) return Fail(what, "is not one of the known choices");
        return v;
    }
    std::string Text(const char* what, size_t limit) {
        const size_t n = Count(what, limit);
        if (!ok()) return {};
        std::string s(reinterpret_cast<const char*>(data_ + at_), n);
        at_ += n;
        if (!IsUtf8(s)) Fail(what, "is not UTF-8 text");
        return s;
    }
    double Number(const char* what, double scale, int64_t* previous = nullptr) {
        const uint64_t head = U(what);
        if (!ok()) return 0.0;
        if (head & 1) {
            if (head != 1) return Fail(what, "is malformed");
            if (size_ - at_ < 8) return Fail(what, "ends early");
            uint64_t bits = 0;
            for (int k = 0; k < 8; ++k) bits |= static_cast<uint64_t>(data_[at_++]) << (8 * k);
            double value = 0.0;
            std::memcpy(&value, &bits, sizeof value);
            if (previous) *previous = NearestGridCount(value, scale);
            return value;
        }
        const int64_t delta = UnZigZag(head >> 1);
        const int64_t base = previous ? *previous : 0;
        // Both within the grid's range, so the sum cannot overflow; beyond it the value is refused.
        if (std::llabs(delta) >= kMaxGridCount || std::llabs(base) >= kMaxGridCount) return Fail(what, "is out of range");
        const int64_t count = base + delta;
        if (previous) *previous = count;
        return static_cast<double>(count) / scale;
    }
    DensityValue Density(const char* what) {
        DensityValue value;
        value.unit = Choice(what, 2) == 0 ? DensityValue::Unit::kPerCm2 : DensityValue::Unit::kPercentNatural;
        value.amount = Number(what, kDensity);
        return value;
    }
    std::vector<Vec2> Points(const char* what, uint64_t limit) {
        // Each point takes at least two bytes (one per coordinate).
        const size_t n = Count(what, limit, 2);
        std::vector<Vec2> points;
        if (!ok()) return points;
        points.reserve(n);
        int64_t x = 0, y = 0;
        for (size_t i = 0; i < n && ok(); ++i) {
            const double px = Number(what, kMm, &x);
            const double py = Number(what, kMm, &y);
            points.emplace_back(px, py);
        }
        return points;
    }

    bool ok() const { return error_.empty(); }
    bool AtEnd() const { return at_ == size_; }
    size_t Remaining() const { return size_ - at_; }
    const std::string& error() const { return error_; }

    // Records the first problem and stops reading. Returns 0 so that numeric readers can
    // `return Fail(...)`.
    uint64_t Fail(const char* what, const char* problem) {
        if (error_.empty()) error_ = std::string(what) + " " + problem;
        at_ = size_;
        return 0;
    }

private:

    const uint8_t* data_;
    size_t size_;
    size_t at_ = 0;
    std::string error_;
};

constexpr char kBase64UrlAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int Base64UrlValue(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

std::array<uint32_t, 256> MakeCrcTable() {
    std::array<uint32_t, 256> table{};
    for (uint32_t n = 0; n < 256; ++n) {
        uint32_t c = n;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}

}  // namespace

std::string Base64UrlEncode(const std::vector<uint8_t>& bytes) {
    std::string text;
    text.reserve((bytes.size() * 4 + 2) / 3);
    size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const uint32_t v = (uint32_t{bytes[i]} << 16) | (uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
        for (int k = 3; k >= 0; --k) text.push_back(kBase64UrlAlphabet[(v >> (6 * k)) & 63]);
    }
    const size_t rest = bytes.size() - i;
    if (rest > 0) {
        const uint32_t v = (uint32_t{bytes[i]} << 16) | (rest == 2 ? uint32_t{bytes[i + 1]} << 8 : 0);
        text.push_back(kBase64UrlAlphabet[(v >> 18) & 63]);
        text.push_back(kBase64UrlAlphabet[(v >> 12) & 63]);
        if (rest == 2) text.push_back(kBase64UrlAlphabet[(v >> 6) & 63]);
    }
    return text;
}

Expected<std::vector<uint8_t>> Base64UrlDecode(std::string_view text) {
    if (text.size() % 4 == 1) {
        return Status(StatusCode::kParseError, "the link is cut short: its last character is incomplete");
    }
    std::vector<uint8_t> bytes;
    bytes.reserve(text.size() * 3 / 4);
    uint32_t accumulator = 0;
    int bits = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const int value = Base64UrlValue(text[i]);
        if (value < 0) {
            const unsigned char c = static_cast<unsigned char>(text[i]);
            // Built piece by piece: GCC 12 warns falsely (-Wrestrict) on "'" + std::string(1, c).
            std::string shown = "byte " + std::to_string(c);
            if (c >= 0x21 && c < 0x7F) {
                shown = "'";
                shown += text[i];
                shown += '\'';
            }
            return Status(StatusCode::kParseError, "the link has a character that does not belong in it (" + shown + " at position " +
                                                       std::to_string(i + 1) + " of the code)");
        }
        accumulator = (accumulator << 6) | static_cast<uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes.push_back(static_cast<uint8_t>(accumulator >> bits));
            accumulator &= (1u << bits) - 1;
        }
    }
    return bytes;
}

uint32_t Crc32(const uint8_t* data, size_t size) {
    static const std::array<uint32_t, 256> table = MakeCrcTable();
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < size; ++i) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Body
// ---------------------------------------------------------------------------------------------
//
// Version 1, in this order:
//   title, notes, seed, mode, dots_per_minute
//   template: kind, then flat width/height or the head's three measurements
//   layers: count, then per layer its kind (0 grid, 1 zones, 2 area, 3 stroke) and fields
//   hairline: present?, points, mirror, asymmetry, style, four optional numbers (mask + values)
//   scars: count, then kind, label, points, width, count, diameter, target?, blend
//   sessions: count · 2 + (1 when they are exactly the defaults, and then nothing else)

namespace {

enum LayerKind : uint64_t { kGridKind = 0, kZonesKind = 1, kAreaKind = 2, kStrokeKind = 3, kLayerKinds = 4 };

void WriteNeedle(ByteWriter& out, const NeedleChoice& choice) {
    out.U(choice.needle == Needle::k1RL ? 0 : 1);
    out.Number(choice.dot_diameter_mm, kMm * 10.0);
}

NeedleChoice ReadNeedle(ByteReader& in, const char* what) {
    NeedleChoice choice;
    choice.needle = in.Choice(what, 2) == 0 ? Needle::k1RL : Needle::k3RL;
    choice.dot_diameter_mm = in.Number(what, kMm * 10.0);
    return choice;
}

void WriteLayer(ByteWriter& out, const DensityLayer& layer) {
    if (const auto* grid = std::get_if<GridLayer>(&layer)) {
        out.U(kGridKind);
        out.Number(grid->origin_mm.x(), kMm);
        out.Number(grid->origin_mm.y(), kMm);
        out.Number(grid->cell_mm, kMm);
        out.U(static_cast<uint64_t>(std::max(0, grid->cols)));
        out.U(static_cast<uint64_t>(std::max(0, grid->rows)));
        out.U(grid->interpolation == Interpolation::kNearest ? 0 : 1);
        // Neighbouring cells are alike: deltas along the rows keep them to a byte or two.
        int64_t previous = 0;
        for (double value : grid->per_cm2) previous = out.Number(value, kDensity, previous);
    } else if (const auto* zones = std::get_if<ZonesLayer>(&layer)) {
        out.U(kZonesKind);
        uint64_t mask = 0;
        for (size_t z = 0; z < zones->per_zone.size(); ++z) {
            if (zones->per_zone[z]) mask |= uint64_t{1} << z;
        }
        out.U(mask);
        for (const auto& value : zones->per_zone) {
            if (value) out.Density(*value);
        }
        out.Number(zones->blend_mm, kMm);
    } else if (const auto* area = std::get_if<AreaLayer>(&layer)) {
        out.U(kAreaKind);
        out.Points(area->polygon_mm);
        out.Density(area->target);
        out.Number(area->feather_mm, kMm);
    } else if (const auto* stroke = std::get_if<StrokeLayer>(&layer)) {
        out.U(kStrokeKind);
        out.U(static_cast<uint64_t>(stroke->blend));
        out.Number(stroke->radius_mm, kMm);
        if (stroke->blend != StrokeLayer::Blend::kSmooth) out.Density(stroke->strength);
        out.Number(stroke->falloff, kFraction);
        out.Points(stroke->points_mm);
        // A mouse presses at 1 everywhere: one flag instead of a number per point.
        const bool full_pressure = std::all_of(stroke->pressure.begin(), stroke->pressure.end(), [](double p) { return p == 1.0; });
        out.Bool(!full_pressure);
        if (!full_pressure) {
            int64_t previous = 0;
            for (double p : stroke->pressure) previous = out.Number(p, kPressure, previous);
        }
    }
}

DensityLayer ReadLayer(ByteReader& in) {
    switch (in.Choice("a density layer's kind", kLayerKinds)) {
        case kGridKind: {
            GridLayer grid;
            const double x = in.Number("a grid's origin", kMm);
            const double y = in.Number("a grid's origin", kMm);
            grid.origin_mm = Vec2(x, y);
            grid.cell_mm = in.Number("a grid's cell size", kMm);
            const size_t cols = in.Count("a grid's columns", static_cast<uint64_t>(DesignLimits::kMaxGridCells), 0);
            const size_t rows = in.Count("a grid's rows", static_cast<uint64_t>(DesignLimits::kMaxGridCells), 0);
            grid.interpolation = in.Choice("a grid's interpolation", 2) == 0 ? Interpolation::kNearest : Interpolation::kBilinear;
            if (!in.ok()) return grid;
            grid.cols = static_cast<int>(cols);
            grid.rows = static_cast<int>(rows);
            const uint64_t cells = static_cast<uint64_t>(cols) * rows;
            if (cells > static_cast<uint64_t>(DesignLimits::kMaxGridCells)) {
                in.Fail("a grid", ("has " + std::to_string(cells) + " cells, more than the limit of " + std::to_string(DesignLimits::kMaxGridCells)).c_str());
                return grid;
            }
            if (cells > in.Remaining()) {   // every cell takes at least a byte
                in.Fail("a grid", "has more cells than the link holds");
                return grid;
            }
            int64_t previous = 0;
            for (uint64_t i = 0; i < cells && in.ok(); ++i) grid.per_cm2.push_back(in.Number("a grid cell", kDensity, &previous));
            return grid;
        }
        case kZonesKind: {
            ZonesLayer zones;
            const uint64_t mask = in.U("a zones layer's zones");
            if (mask >> kZoneCount) in.Fail("a zones layer", "names a zone that does not exist");
            for (size_t z = 0; z < zones.per_zone.size() && in.ok(); ++z) {
                if (mask & (uint64_t{1} << z)) zones.per_zone[z] = in.Density("a zone's density");
            }
            zones.blend_mm = in.Number("a zones layer's blend", kMm);
            return zones;
        }
        case kAreaKind: {
            AreaLayer area;
            area.polygon_mm = in.Points("an area's outline", DesignLimits::kMaxPolygonPoints);
            area.target = in.Density("an area's density");
            area.feather_mm = in.Number("an area's feather", kMm);
            return area;
        }
        default: {
            StrokeLayer stroke;
            stroke.blend = static_cast<StrokeLayer::Blend>(in.Choice("a stroke's blend", 3));
            stroke.radius_mm = in.Number("a stroke's radius", kMm);
            if (stroke.blend != StrokeLayer::Blend::kSmooth) stroke.strength = in.Density("a stroke's strength");
            stroke.falloff = in.Number("a stroke's softness", kFraction);
            stroke.points_mm = in.Points("a stroke's path", DesignLimits::kMaxPathPoints);
            if (in.Bool("a stroke's pressure flag")) {
                int64_t previous = 0;
                for (size_t i = 0; i < stroke.points_mm.size() && in.ok(); ++i) {
                    stroke.pressure.push_back(in.Number("a stroke's pressure", kPressure, &previous));
                }
            } else {
                stroke.pressure.assign(stroke.points_mm.size(), 1.0);
            }
            return stroke;
        }
    }
}

std::vector<uint8_t> WriteBody(const Design& design) {
    ByteWriter out;
    out.Text(design.title);
    out.Text(design.notes);
    out.U(design.seed);
    out.U(design.mode == TreatmentMode::kShaved ? 0 : 1);
    out.Number(design.dots_per_minute, 10.0);

    const TemplateSpec& spec = design.template_spec;
    out.U(spec.kind == TemplateSpec::Kind::kFlat ? 0 : 1);
    if (spec.kind == TemplateSpec::Kind::kFlat) {
        out.Number(spec.flat.width_mm, kMm);
        out.Number(spec.flat.height_mm, kMm);
    } else {
        out.Number(spec.head.circumference_mm, kMm);
        out.Number(spec.head.glabella_to_nape_mm, kMm);
        out.Number(spec.head.ear_to_ear_mm, kMm);
    }

    out.U(design.layers.size());
    for (const DensityLayer& layer : design.layers) WriteLayer(out, layer);

    out.Bool(design.hairline.has_value());
    if (design.hairline) {
        const HairlineSpec& hairline = *design.hairline;
        out.Points(hairline.points_mm);
        out.Bool(hairline.mirror);
        out.Number(hairline.asymmetry_mm, kMm);
        out.U(static_cast<uint64_t>(hairline.style));
        const std::optional<double>* optional_values[] = {&hairline.transition_mm, &hairline.large_irregularity_mm,
                                                          &hairline.small_irregularity_mm, &hairline.stray_per_cm2};
        uint64_t mask = 0;
        for (size_t k = 0; k < 4; ++k) {
            if (optional_values[k]->has_value()) mask |= uint64_t{1} << k;
        }
        out.U(mask);
        for (const auto* value : optional_values) {
            if (value->has_value()) out.Number(**value, kMm);
        }
    }

    out.U(design.scars.size());
    for (const ScarSpec& scar : design.scars) {
        out.U(scar.kind == ScarSpec::Kind::kFutStrip ? 0 : 1);
        out.Text(scar.label);
        out.Points(scar.points_mm);
        out.Number(scar.width_mm, kMm);
        out.U(static_cast<uint64_t>(std::max(0, scar.count)));
        out.Number(scar.scar_diameter_mm, kMm);
        out.Bool(scar.target.has_value());
        if (scar.target) out.Density(*scar.target);
        out.Number(scar.blend_mm, kMm);
    }

    // A design built in code may leave its sessions empty: it means the defaults, as in JSON.
    const std::vector<SessionSpec> defaults = DefaultSessions(!design.scars.empty());
    const std::vector<SessionSpec>& sessions = design.sessions.empty() ? defaults : design.sessions;
    const bool default_sessions = Identical(sessions, defaults);
    out.U(sessions.size() * 2 + (default_sessions ? 1 : 0));
    if (!default_sessions) {
        int previous_day = 0;
        for (const SessionSpec& session : sessions) {
            // Days only grow: the gap is small and positive.
            out.U(ZigZag(static_cast<int64_t>(session.day) - previous_day));
            previous_day = session.day;
            out.Number(session.cumulative_fraction, kFraction);
            out.Number(session.pigment.tone_percent, kPercent);
            out.Number(session.pigment.dilution_percent, kPercent);
            out.Number(session.dark_scatter_percent, kPercent);
            WriteNeedle(out, session.hairline_needle);
            WriteNeedle(out, session.fill_needle);
        }
    }
    return std::move(out.bytes());
}

// The design as the body says, or what is wrong with the body. The values are not range-checked
// here: RestoreDesign does that afterwards, with the same messages as for a file.
Expected<Design> ReadBody(const uint8_t* data, size_t size) {
    ByteReader in(data, size);
    Design design;
    design.title = in.Text("the title", 80);
    design.notes = in.Text("the notes", 2000);
    const uint64_t seed = in.U("the seed");
    if (seed > 0xFFFFFFFFu) in.Fail("the seed", "is out of range");
    design.seed = static_cast<uint32_t>(seed);
    design.mode = in.Choice("the treatment mode", 2) == 0 ? TreatmentMode::kShaved : TreatmentMode::kDensity;
    design.dots_per_minute = in.Number("the working rate", 10.0);

    TemplateSpec& spec = design.template_spec;
    spec.kind = in.Choice("the template's kind", 2) == 0 ? TemplateSpec::Kind::kFlat : TemplateSpec::Kind::kScalp;
    if (spec.kind == TemplateSpec::Kind::kFlat) {
        spec.flat.width_mm = in.Number("the work area's width", kMm);
        spec.flat.height_mm = in.Number("the work area's height", kMm);
    } else {
        spec.head.circumference_mm = in.Number("the head circumference", kMm);
        spec.head.glabella_to_nape_mm = in.Number("the glabella-to-nape measure", kMm);
        spec.head.ear_to_ear_mm = in.Number("the ear-to-ear measure", kMm);
    }

    const size_t layer_count = in.Count("the number of density layers", DesignLimits::kMaxLayers, 2);
    for (size_t i = 0; i < layer_count && in.ok(); ++i) design.layers.push_back(ReadLayer(in));

    if (in.Bool("the hairline flag")) {
        HairlineSpec hairline;
        hairline.points_mm = in.Points("the hairline's points", DesignLimits::kMaxPathPoints);
        hairline.mirror = in.Bool("the hairline's mirror flag");
        hairline.asymmetry_mm = in.Number("the hairline's asymmetry", kMm);
        hairline.style = static_cast<HairlineStyle>(in.Choice("the hairline's style", 4));
        const uint64_t mask = in.U("the hairline's settings");
        if (mask >> 4) in.Fail("the hairline's settings", "name a setting that does not exist");
        std::optional<double>* optional_values[] = {&hairline.transition_mm, &hairline.large_irregularity_mm,
                                                    &hairline.small_irregularity_mm, &hairline.stray_per_cm2};
        for (size_t k = 0; k < 4 && in.ok(); ++k) {
            if (mask & (uint64_t{1} << k)) *optional_values[k] = in.Number("a hairline setting", kMm);
        }
        design.hairline = std::move(hairline);
    }

    const size_t scar_count = in.Count("the number of scars", DesignLimits::kMaxScars, 8);
    for (size_t i = 0; i < scar_count && in.ok(); ++i) {
        ScarSpec scar;
        scar.kind = in.Choice("a scar's kind", 2) == 0 ? ScarSpec::Kind::kFutStrip : ScarSpec::Kind::kFueField;
        scar.label = in.Text("a scar's label", 80);
        scar.points_mm = in.Points("a scar's outline", DesignLimits::kMaxPolygonPoints);
        scar.width_mm = in.Number("a scar's width", kMm);
        scar.count = static_cast<int>(in.Count("a scar field's count", DesignLimits::kMaxFueScarsPerField, 0));
        scar.scar_diameter_mm = in.Number("a scar's diameter", kMm);
        if (in.Bool("a scar's target flag")) scar.target = in.Density("a scar's density");
        scar.blend_mm = in.Number("a scar's blend", kMm);
        design.scars.push_back(std::move(scar));
    }

    const uint64_t sessions_head = in.U("the sessions");
    const uint64_t session_count = sessions_head / 2;
    if (session_count < 1 || session_count > static_cast<uint64_t>(DesignLimits::kMaxSessions)) {
        in.Fail("the number of sessions", "is out of range");
    } else if (sessions_head & 1) {
        design.sessions = DefaultSessions(!design.scars.empty());
        if (design.sessions.size() != session_count) in.Fail("the number of sessions", "does not match the default sessions");
    } else {
        int64_t day = 0;
        for (uint64_t k = 0; k < session_count && in.ok(); ++k) {
            SessionSpec session;
            // Checked before unzigzagging: any 64-bit value is read, and |gap| stays small.
            const uint64_t raw_gap = in.U("a session's day");
            if (raw_gap > 2u * static_cast<uint64_t>(DesignLimits::kMaxSessionDay) + 1u) {
                in.Fail("a session's day", "is out of range");
                break;
            }
            day += UnZigZag(raw_gap);
            session.day = static_cast<int>(std::clamp<int64_t>(day, -1, DesignLimits::kMaxSessionDay + 1));
            session.cumulative_fraction = in.Number("a session's share", kFraction);
            session.pigment.tone_percent = in.Number("a session's pigment tone", kPercent);
            session.pigment.dilution_percent = in.Number("a session's dilution", kPercent);
            session.dark_scatter_percent = in.Number("a session's dark scatter", kPercent);
            session.hairline_needle = ReadNeedle(in, "a session's hairline needle");
            session.fill_needle = ReadNeedle(in, "a session's fill needle");
            design.sessions.push_back(session);
        }
    }
    if (in.ok() && !in.AtEnd()) return Status(StatusCode::kParseError, "the link has bytes after its design: it is damaged");
    if (!in.ok()) return Status(StatusCode::kParseError, "the link's design cannot be read: " + in.error());
    return design;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Links
// ---------------------------------------------------------------------------------------------

namespace {
constexpr uint8_t kFlagDeflated = 1;
constexpr size_t kChecksumBytes = 4;
}  // namespace

std::string EncodeDesignLink(const Design& design) {
    const std::vector<uint8_t> body = WriteBody(design);
    const std::vector<uint8_t> deflated = DeflateRaw(body);
    // Compression pays only once a design has some repetition (grids, many strokes).
    const bool compress = deflated.size() < body.size();
    const std::vector<uint8_t>& packed = compress ? deflated : body;
    std::vector<uint8_t> payload(packed.size() + 1, compress ? kFlagDeflated : 0);
    std::copy(packed.begin(), packed.end(), payload.begin() + 1);
    const uint32_t crc = Crc32(payload.data(), payload.size());
    for (int k = 0; k < 4; ++k) payload.push_back(static_cast<uint8_t>(crc >> (8 * k)));
    return "d=" + std::to_string(kLinkVersion) + "." + Base64UrlEncode(payload);
}

Expected<Design> DecodeDesignLink(std::string_view link_text) {
    if (link_text.size() > kMaxLinkChars) {
        return Status(StatusCode::kLimitExceeded, "the link is " + std::to_string(link_text.size()) + " characters long; the longest a design link can be is " +
                                                      std::to_string(kMaxLinkChars));
    }
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!link_text.empty() && is_space(link_text.front())) link_text.remove_prefix(1);
    while (!link_text.empty() && is_space(link_text.back())) link_text.remove_suffix(1);
    // A whole URL or a fragment: the design starts after "d=" in the fragment.
    if (const size_t hash = link_text.find('#'); hash != std::string_view::npos) link_text.remove_prefix(hash + 1);
    if (link_text.starts_with("d=")) link_text.remove_prefix(2);
    if (link_text.empty()) return Status(StatusCode::kParseError, "the link has no design in it (nothing after \"#d=\")");

    const size_t dot = link_text.find('.');
    const std::string_view version_text = link_text.substr(0, dot);
    if (dot == std::string_view::npos || version_text.empty() || version_text.size() > 6 ||
        !std::all_of(version_text.begin(), version_text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return Status(StatusCode::kParseError, "this is not a design link: a design link looks like \"#d=1.\" followed by its code");
    }
    const int version = std::stoi(std::string(version_text));
    if (version < 1) return Status(StatusCode::kParseError, "this is not a design link: its version is " + std::to_string(version));
    if (version > kLinkVersion) {
        return Status(StatusCode::kUnsupported, "this link was made by a newer version of the designer (link version " + std::to_string(version) +
                                                    "; this one opens up to version " + std::to_string(kLinkVersion) +
                                                    "). Reload the page to update it, or ask for the design as a file.");
    }

    Expected<std::vector<uint8_t>> payload = Base64UrlDecode(link_text.substr(dot + 1));
    if (!payload.ok()) return payload.status();
    if (payload->size() < 1 + kChecksumBytes) return Status(StatusCode::kParseError, "the link is cut short: its code is too short to hold a design");
    const size_t checked = payload->size() - kChecksumBytes;
    uint32_t crc = 0;
    for (size_t k = 0; k < kChecksumBytes; ++k) crc |= static_cast<uint32_t>((*payload)[checked + k]) << (8 * k);
    if (crc != Crc32(payload->data(), checked)) {
        return Status(StatusCode::kParseError, "the link is damaged: its checksum does not match (it was probably cut short or changed when it was copied)");
    }
    const uint8_t flags = (*payload)[0];
    if (flags & ~kFlagDeflated) return Status(StatusCode::kUnsupported, "the link uses a feature this designer does not know (flags " + std::to_string(flags) + ")");

    std::vector<uint8_t> inflated;
    const uint8_t* body = payload->data() + 1;
    size_t body_size = checked - 1;
    if (flags & kFlagDeflated) {
        Expected<std::vector<uint8_t>> out = InflateRaw(std::span<const uint8_t>(body, body_size), kMaxLinkBodyBytes);
        if (!out.ok()) {
            const StatusCode code = out.status().code() == StatusCode::kLimitExceeded ? StatusCode::kLimitExceeded : StatusCode::kParseError;
            return Status(code, "the link's design cannot be unpacked (" + out.status().message() + ")");
        }
        inflated = std::move(*out);
        body = inflated.data();
        body_size = inflated.size();
    }
    Expected<Design> design = ReadBody(body, body_size);
    if (!design.ok()) return design.status();
    // The same checks and messages as a design file: a link opens nothing a file could not.
    Expected<Design> checked_design = RestoreDesign(DesignToJson(*design));
    if (!checked_design.ok()) {
        return Status(checked_design.status().code(), "the design in the link is not valid: " + checked_design.status().message());
    }
    return checked_design;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Strokes
// ---------------------------------------------------------------------------------------------

std::vector<Vec2> OnLinkGrid(const std::vector<Vec2>& points_mm) {
    std::vector<Vec2> on_grid;
    on_grid.reserve(points_mm.size());
    for (const Vec2& p : points_mm) on_grid.emplace_back(QuantiseLinkMm(p.x()), QuantiseLinkMm(p.y()));
    return on_grid;
}

double StrokeSimplifyToleranceMm(double radius_mm) { return std::clamp(0.05 * radius_mm, 0.15, 0.75); }

StrokeLayer SimplifyStroke(const StrokeLayer& stroke, double tolerance_mm, double pressure_tolerance) {
    StrokeLayer simplified = stroke;
    const size_t n = stroke.points_mm.size();
    const bool has_pressure = stroke.pressure.size() == n;
    // Pressure is a third coordinate, scaled so that its tolerance counts like the distance's.
    const double pressure_scale = pressure_tolerance > 0.0 ? tolerance_mm / pressure_tolerance : 0.0;
    const auto point = [&](size_t i) {
        return Eigen::Vector3d(stroke.points_mm[i].x(), stroke.points_mm[i].y(), has_pressure ? stroke.pressure[i] * pressure_scale : 0.0);
    };
    const std::vector<bool> keep = DouglasPeuckerKeep(n, tolerance_mm, [&](size_t i, size_t first, size_t last) {
        const Eigen::Vector3d a = point(first);
        const Eigen::Vector3d ab = point(last) - a;
        const Eigen::Vector3d ap = point(i) - a;
        const double length2 = ab.squaredNorm();
        const double t = length2 > 0.0 ? std::clamp(ap.dot(ab) / length2, 0.0, 1.0) : 0.0;
        return (ap - t * ab).norm();
    });
    simplified.points_mm.clear();
    simplified.pressure.clear();
    for (size_t i = 0; i < n; ++i) {
        if (!keep[i]) continue;
        simplified.points_mm.emplace_back(QuantiseLinkMm(stroke.points_mm[i].x()), QuantiseLinkMm(stroke.points_mm[i].y()));
        simplified.pressure.push_back(has_pressure ? QuantisePressure(stroke.pressure[i]) : 1.0);
    }
    return simplified;
}

}  // namespace smp
