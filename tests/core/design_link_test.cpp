// Share links: lossless round trips, the 2,000-character budget with realistic editing (figures
// printed), links made by earlier versions still opening, and hostile links (truncated, flipped,
// forged with a valid checksum, huge counts) refused with a message and never a crash.
#include "core/deflate.h"
#include "core/design_json.h"
#include "core/design_link.h"
#include "core/presets.h"
#include "core/random.h"
#include "test_strokes.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using smp::Design;
using smp::StatusCode;
using smp::Vec2;

Design PresetDesign(const std::string& name) {
    const auto text = smp::PresetText(name);
    REQUIRE_MESSAGE(text.ok(), text.status().message());
    auto design = smp::RestoreDesign(std::string_view(*text));
    REQUIRE_MESSAGE(design.ok(), name << ": " << design.status().message());
    return *design;
}

// The design's identity: its canonical JSON (every field, stable order, exact numbers).
std::string Canonical(const Design& design) { return smp::DesignToJsonText(design); }

void CheckRoundTrip(const Design& design, const std::string& what) {
    const std::string link = smp::EncodeDesignLink(design);
    const auto decoded = smp::DecodeDesignLink(link);
    REQUIRE_MESSAGE(decoded.ok(), what << ": " << decoded.status().message());
    CHECK_MESSAGE(Canonical(*decoded) == Canonical(design), what);
    CHECK_MESSAGE(smp::EncodeDesignLink(*decoded) == link, what);
}

// A brush stroke as a person paints it in the designer: a wandering path sampled every quarter
// radius, the pointer's positions on whole screen pixels (about 3 px per mm at the fitted zoom),
// a pen's pressure drifting with a little noise (or a mouse's 1), then what the designer does when
// the stroke ends: simplified and put on the link grid.
smp::StrokeLayer PaintedStroke(smp::Rng& rng, bool pen) {
    const double radius_mm = 4.0 + 21.0 * rng.NextUnit();
    const double length_mm = 40.0 + 120.0 * rng.NextUnit();
    const double step_mm = radius_mm / 4.0;
    const double px_per_mm = 3.0;
    Vec2 at(60.0 + 160.0 * rng.NextUnit(), 60.0 + 160.0 * rng.NextUnit());
    double heading = 6.283185307179586 * rng.NextUnit();
    double turn = 0.0;
    double pressure = 0.5 + 0.4 * rng.NextUnit();
    std::vector<Vec2> points;
    std::vector<double> pressures;
    for (double travelled = 0.0; travelled <= length_mm; travelled += step_mm) {
        points.emplace_back(std::round(at.x() * px_per_mm) / px_per_mm, std::round(at.y() * px_per_mm) / px_per_mm);
        pressures.push_back(pen ? std::round(std::clamp(pressure + 0.02 * (rng.NextUnit() - 0.5), 0.05, 1.0) * 1024.0) / 1024.0 : 1.0);
        turn = 0.8 * turn + 0.06 * (rng.NextUnit() - 0.5);
        heading += turn;
        at += step_mm * Vec2(std::cos(heading), std::sin(heading));
        pressure = std::clamp(pressure + 0.05 * (rng.NextUnit() - 0.5), 0.2, 1.0);
    }
    const bool add = rng.NextUnit() < 0.3;
    smp::StrokeLayer stroke = smp::testing::Stroke(points, radius_mm, add ? smp::StrokeLayer::Blend::kAdd : smp::StrokeLayer::Blend::kSet,
                                                   add ? 10.0 : std::round(20.0 + 80.0 * rng.NextUnit()), 0.5);
    stroke.pressure = pressures;
    return smp::SimplifyStroke(stroke, smp::StrokeSimplifyToleranceMm(radius_mm));
}

// The issue's "realistic amount of editing": twenty strokes (eight with a pen), a hairline point
// moved (or a hairline drawn), and a traced scar.
Design Edited(Design design, uint64_t seed) {
    smp::Rng rng(seed);
    for (int i = 0; i < 20; ++i) design.layers.push_back(PaintedStroke(rng, i % 5 < 2));
    if (design.hairline && !design.hairline->points_mm.empty()) {
        Vec2& moved = design.hairline->points_mm[design.hairline->points_mm.size() / 2];
        moved = Vec2(smp::QuantiseLinkMm(moved.x() + 3.37), smp::QuantiseLinkMm(moved.y() - 2.91));
    } else {
        smp::HairlineSpec hairline;
        hairline.points_mm = {{70.0, 95.0}, {95.13, 80.27}, {140.0, 76.5}};
        design.hairline = hairline;
    }
    smp::ScarSpec scar;
    scar.label = "FUT strip";
    for (int k = 0; k <= 12; ++k) {
        const double x = 80.0 + 10.0 * k;
        scar.points_mm.emplace_back(smp::QuantiseLinkMm(x), smp::QuantiseLinkMm(230.0 + 6.0 * std::sin(x / 25.0)));
    }
    scar.width_mm = 2.5;
    design.scars.push_back(scar);
    design.sessions = smp::DefaultSessions(true);
    return design;
}

}  // namespace

TEST_CASE("link: every preset goes through a link and back unchanged") {
    for (const smp::PresetInfo& preset : smp::ListPresets()) CheckRoundTrip(PresetDesign(preset.name), preset.name);
}

TEST_CASE("link: numbers off the link grid still travel exactly") {
    Design design = PresetDesign("norwood-3");
    design.title = "Ünïcode title — ok";
    design.notes = "line one\nline two";
    design.seed = 0xFFFFFFFFu;
    design.dots_per_minute = 71.234567;
    smp::StrokeLayer stroke = smp::testing::Stroke({{100.0 / 3.0, 50.0}, {61.000000001, 70.5}, {1e-9, 499.99}}, 7.123456, smp::StrokeLayer::Blend::kSet, 33.333);
    stroke.pressure = {0.1, 1.0 / 3.0, 1.0};
    design.layers.push_back(stroke);
    design.layers.push_back(smp::testing::Stroke({{10, 10}, {20, 20}}, 5.0, smp::StrokeLayer::Blend::kSmooth));
    // -0.0 (a point just left of the origin, rounded; files written by other tools) stays -0.0.
    design.layers.push_back(smp::testing::Stroke({{-0.0, 10.0}, {12.5, -0.0}}, 5.0, smp::StrokeLayer::Blend::kAdd, -0.0));
    smp::AreaLayer area;
    area.polygon_mm = {{-40.0, -40.0}, {10.5, -40.0}, {10.5, 0.25}};
    area.target = smp::DensityValue::PercentNatural(62.5);
    design.layers.push_back(area);
    smp::GridLayer grid;
    grid.cols = 3;
    grid.rows = 2;
    grid.cell_mm = 12.5;
    grid.origin_mm = Vec2(-3.0, 7.77);
    grid.interpolation = smp::Interpolation::kBilinear;
    grid.per_cm2 = {0.0, 150.0, 42.42, 1.0 / 7.0, 80.0, 80.0};
    design.layers.push_back(grid);
    design.sessions = smp::WithSessionCount(design.sessions, 5, false);
    design.sessions[2].pigment.dilution_percent = 33.3333;
    design.sessions[4].fill_needle.dot_diameter_mm = 0.3;
    CheckRoundTrip(design, "off-grid values");

    Design flat;
    flat.template_spec.kind = smp::TemplateSpec::Kind::kFlat;
    flat.template_spec.flat = {123.45, 67.8};
    flat.mode = smp::TreatmentMode::kDensity;
    flat.sessions = smp::DefaultSessions(false);
    CheckRoundTrip(flat, "flat work area");
}

TEST_CASE("link: every preset with twenty strokes, a hairline edit and a scar fits the 2,000-character budget") {
    std::printf("share-link length per preset (budget %zu characters, link '#d=' included):\n", smp::kLinkBudgetChars);
    std::printf("  %-22s %8s %18s\n", "preset", "as is", "+20 strokes etc.");
    size_t longest = 0;
    for (const smp::PresetInfo& preset : smp::ListPresets()) {
        const Design design = PresetDesign(preset.name);
        const Design edited = Edited(design, 1234);
        const size_t plain_chars = smp::EncodeDesignLink(design).size() + 1;
        const std::string link = smp::EncodeDesignLink(edited);
        const size_t edited_chars = link.size() + 1;
        std::printf("  %-22s %8zu %18zu\n", preset.name.c_str(), plain_chars, edited_chars);
        longest = std::max(longest, edited_chars);
        CHECK_MESSAGE(edited_chars <= smp::kLinkBudgetChars, preset.name << " with editing takes " << edited_chars << " characters");
        CheckRoundTrip(edited, preset.name + " edited");
    }
    std::printf("  longest: %zu characters\n", longest);
}

TEST_CASE("link: a finished stroke is simplified onto the link grid within its tolerance") {
    smp::Rng rng(99);
    for (int trial = 0; trial < 20; ++trial) {
        std::vector<Vec2> points;
        std::vector<double> pressure;
        for (int i = 0; i < 200; ++i) {
            const double t = i * 0.5;
            points.emplace_back(50.0 + t + 0.2 * rng.NextUnit(), 80.0 + 12.0 * std::sin(t / 9.0 + trial));
            pressure.push_back(0.6 + 0.3 * std::sin(t / 13.0));
        }
        smp::StrokeLayer stroke = smp::testing::Stroke(points, 10.0, smp::StrokeLayer::Blend::kSet, 40.0);
        stroke.pressure = pressure;
        const double tolerance_mm = smp::StrokeSimplifyToleranceMm(stroke.radius_mm);
        CHECK(tolerance_mm == doctest::Approx(0.5));
        const smp::StrokeLayer simplified = smp::SimplifyStroke(stroke, tolerance_mm);
        REQUIRE(simplified.points_mm.size() == simplified.pressure.size());
        CHECK(simplified.points_mm.size() < points.size() / 4);
        CHECK(simplified.points_mm.front().isApprox(points.front(), 0.01));
        CHECK((simplified.points_mm.back() - points.back()).norm() < 0.01);
        for (const Vec2& p : simplified.points_mm) {
            CHECK(smp::QuantiseLinkMm(p.x()) == p.x());
            CHECK(smp::QuantiseLinkMm(p.y()) == p.y());
        }
        // Every painted point lies within the tolerance (and the grid's half step) of the
        // simplified path.
        double worst_mm = 0.0;
        for (const Vec2& p : points) {
            double nearest = 1e9;
            for (size_t k = 0; k + 1 < simplified.points_mm.size(); ++k) {
                nearest = std::min(nearest, smp::SegmentDistanceMm(p, simplified.points_mm[k], simplified.points_mm[k + 1]));
            }
            worst_mm = std::max(worst_mm, nearest);
        }
        CHECK(worst_mm <= tolerance_mm + 0.008);
    }
}

TEST_CASE("link: the forms a person pastes are all read, and what is not a link says so") {
    const Design design = PresetDesign("hairline-soft");
    const std::string fragment = smp::EncodeDesignLink(design);
    REQUIRE(fragment.rfind("d=1.", 0) == 0);
    for (const std::string& form : {"https://clinic.example/designer/#" + fragment, "#" + fragment, fragment, fragment.substr(2),
                                    "  http://127.0.0.1:8080/#" + fragment + "\n"}) {
        const auto decoded = smp::DecodeDesignLink(form);
        REQUIRE_MESSAGE(decoded.ok(), form << ": " << decoded.status().message());
        CHECK(Canonical(*decoded) == Canonical(design));
    }
    const auto expect_error = [](const std::string& text, StatusCode code, const std::string& words) {
        const auto decoded = smp::DecodeDesignLink(text);
        REQUIRE_FALSE(decoded.ok());
        CHECK_MESSAGE(decoded.status().code() == code, text.substr(0, 60) << ": " << decoded.status().message());
        CHECK_MESSAGE(decoded.status().message().find(words) != std::string::npos, decoded.status().message());
    };
    expect_error("", StatusCode::kParseError, "no design in it");
    expect_error("https://clinic.example/#d=", StatusCode::kParseError, "no design in it");
    expect_error("hello", StatusCode::kParseError, "not a design link");
    expect_error("#d=x.AAAA", StatusCode::kParseError, "not a design link");
    expect_error("#d=0.AAAA", StatusCode::kParseError, "version is 0");
    expect_error("#d=2." + fragment.substr(4), StatusCode::kUnsupported, "newer version of the designer (link version 2");
    expect_error("#d=1." + fragment.substr(4, 10) + "%" + fragment.substr(15), StatusCode::kParseError, "'%' at position 11");
    expect_error("#d=1.AAAA", StatusCode::kParseError, "too short");
    expect_error(fragment.substr(0, fragment.size() - 5), StatusCode::kParseError, "damaged");
    expect_error(std::string(smp::kMaxLinkChars + 1, 'A'), StatusCode::kLimitExceeded, "characters long");
}

TEST_CASE("link: every truncation and every changed character of a link is refused, never half-read") {
    const std::string fragment = smp::EncodeDesignLink(Edited(PresetDesign("norwood-4"), 7));
    const std::string code = fragment.substr(4);
    int refused = 0;
    for (size_t keep = 0; keep < code.size(); ++keep) {
        const auto decoded = smp::DecodeDesignLink("d=1." + code.substr(0, keep));
        CHECK_FALSE(decoded.ok());
        refused += decoded.ok() ? 0 : 1;
    }
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    smp::Rng rng(5);
    int changed = 0;
    for (size_t i = 0; i < code.size(); ++i) {
        std::string damaged = code;
        char replacement = damaged[i];
        while (replacement == damaged[i]) replacement = alphabet[rng.NextU64() % alphabet.size()];
        damaged[i] = replacement;
        const auto decoded = smp::DecodeDesignLink("d=1." + damaged);
        // The last character's spare bits carry nothing: changing only them leaves the same bytes.
        if (i + 1 == code.size() && decoded.ok()) continue;
        CHECK_MESSAGE(!decoded.ok(), "character " << i << " changed");
        changed += decoded.ok() ? 0 : 1;
    }
    MESSAGE("refused " << refused << " truncations and " << changed << " changed characters of a " << code.size() << "-character code");
}

namespace {

// A link around arbitrary body bytes with a valid checksum: what a forger (or a fuzzer) can send.
// `flags` 1: the bytes are a compressed body.
std::string ForgedLink(const std::vector<uint8_t>& body, uint8_t flags = 0) {
    std::vector<uint8_t> payload(body.size() + 1, flags);
    std::copy(body.begin(), body.end(), payload.begin() + 1);
    const uint32_t crc = smp::Crc32(payload.data(), payload.size());
    for (int k = 0; k < 4; ++k) payload.push_back(static_cast<uint8_t>(crc >> (8 * k)));
    return "d=1." + smp::Base64UrlEncode(payload);
}

// The design bytes of a link, unpacked when it was compressed.
std::vector<uint8_t> BodyOf(const std::string& fragment) {
    auto payload = smp::Base64UrlDecode(fragment.substr(4));
    REQUIRE(payload.ok());
    std::vector<uint8_t> packed(payload->begin() + 1, payload->end() - 4);
    if ((*payload)[0] == 0) return packed;
    auto body = smp::InflateRaw(packed, 1 << 20);
    REQUIRE(body.ok());
    return *body;
}

std::string ForgedDeflatedLink(const std::vector<uint8_t>& compressed) { return ForgedLink(compressed, 1); }

}  // namespace

TEST_CASE("link: forged bodies with valid checksums (random, cut, flipped, huge counts) are refused or read, never crash") {
    const std::vector<uint8_t> body = BodyOf(smp::EncodeDesignLink(Edited(PresetDesign("norwood-5"), 11)));
    smp::Rng rng(2024);
    int opened = 0, refused = 0;
    const auto attempt = [&](const std::vector<uint8_t>& bytes) {
        const auto decoded = smp::DecodeDesignLink(ForgedLink(bytes));
        if (decoded.ok()) {
            ++opened;
            // Whatever opens is a valid design: it goes through a file and back unchanged.
            const auto again = smp::RestoreDesign(std::string_view(smp::DesignToJsonText(*decoded)));
            CHECK(again.ok());
        } else {
            ++refused;
            CHECK_FALSE(decoded.status().message().empty());
        }
    };
    for (int i = 0; i < 300; ++i) {
        std::vector<uint8_t> random(rng.NextU64() % 200);
        for (uint8_t& b : random) b = static_cast<uint8_t>(rng.NextU64());
        attempt(random);
    }
    for (size_t keep = 0; keep < body.size(); keep += 3) attempt(std::vector<uint8_t>(body.begin(), body.begin() + static_cast<long>(keep)));
    for (int i = 0; i < 600; ++i) {
        std::vector<uint8_t> flipped = body;
        flipped[rng.NextU64() % flipped.size()] ^= static_cast<uint8_t>(1u << (rng.NextU64() % 8));
        attempt(flipped);
    }
    // Huge numbers where counts and values go: a 10-byte varint of all ones at every position.
    for (size_t at = 0; at < body.size(); at += 5) {
        std::vector<uint8_t> huge = body;
        const std::vector<uint8_t> ones = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01};
        huge.insert(huge.begin() + static_cast<long>(at), ones.begin(), ones.end());
        attempt(huge);
    }
    MESSAGE("forged bodies: " << opened << " opened as valid designs, " << refused << " refused");
    CHECK(refused > 0);

    // Compressed bodies: flipped bits in the DEFLATE stream, and a bomb that unpacks beyond the limit.
    const std::vector<uint8_t> compressed = smp::DeflateRaw(body);
    for (int i = 0; i < 400; ++i) {
        std::vector<uint8_t> flipped = compressed;
        flipped[rng.NextU64() % flipped.size()] ^= static_cast<uint8_t>(1u << (rng.NextU64() % 8));
        const auto decoded = smp::DecodeDesignLink(ForgedDeflatedLink(flipped));
        if (!decoded.ok()) CHECK_FALSE(decoded.status().message().empty());
    }
    const std::vector<uint8_t> bomb = smp::DeflateRaw(std::vector<uint8_t>(smp::kMaxLinkBodyBytes + 1, 0));
    const auto exploded = smp::DecodeDesignLink(ForgedDeflatedLink(bomb));
    REQUIRE_FALSE(exploded.ok());
    CHECK(exploded.status().code() == smp::StatusCode::kLimitExceeded);
    CHECK_MESSAGE(exploded.status().message().find("cannot be unpacked") != std::string::npos, exploded.status().message());
}

namespace {

// Body bytes written by hand, the way the link format lays them out (design_link.cpp).
struct BodyBuilder {
    std::vector<uint8_t> bytes;
    BodyBuilder& U(uint64_t v) {
        while (v >= 0x80) {
            bytes.push_back(static_cast<uint8_t>(v | 0x80));
            v >>= 7;
        }
        bytes.push_back(static_cast<uint8_t>(v));
        return *this;
    }
    // A number on its grid: `count` steps, zig-zagged, times two.
    BodyBuilder& N(int64_t count) { return U((static_cast<uint64_t>(count) << 1 ^ static_cast<uint64_t>(count >> 63)) << 1); }
};

// An empty flat design up to its layer count: no title or notes, seed 1, shaved, 70 dots/min,
// a flat 100 × 100 mm work area.
BodyBuilder FlatStart() {
    BodyBuilder body;
    body.U(0).U(0).U(1).U(0).N(700).U(0).N(10000).N(10000);
    return body;
}

}  // namespace

TEST_CASE("link: counts beyond the design limits are refused by name before anything is allocated") {
    const auto expect = [](const BodyBuilder& body, const std::string& words) {
        const auto decoded = smp::DecodeDesignLink(ForgedLink(body.bytes));
        REQUIRE_FALSE(decoded.ok());
        CHECK_MESSAGE(decoded.status().message().find(words) != std::string::npos, decoded.status().message());
    };
    {
        // A well-formed empty design opens: the builder speaks the format.
        BodyBuilder body = FlatStart();
        body.U(0).U(0).U(0).U(3 * 2 + 1);
        const auto decoded = smp::DecodeDesignLink(ForgedLink(body.bytes));
        REQUIRE_MESSAGE(decoded.ok(), decoded.status().message());
        CHECK(decoded->template_spec.flat.width_mm == 100.0);
        CHECK(decoded->sessions.size() == 3);
    }
    expect(FlatStart().U(65535), "the number of density layers is 65535, more than the limit of 4096");
    expect(FlatStart().U(1).U(0).N(0).N(0).N(100).U(1'000'000).U(2).U(0), "a grid has 2000000 cells, more than the limit of 1000000");
    expect(FlatStart().U(1).U(3).U(0).N(1000).U(0).N(4000).N(500).U(100'000), "a stroke's path is 100000, more than the limit of 4096");
    expect(FlatStart().U(1).U(3).U(0).N(1000).U(0).N(4000).N(500).U(4000), "a stroke's path is larger than the link holds");
    expect(BodyBuilder().U(0xFFFFFFFFull), "the title is 4294967295, more than the limit of 80");
    expect(BodyBuilder().U(2).U(0xC3).U(0x28), "the title is not UTF-8 text");
    expect(FlatStart().U(0).U(0).U(0).U(9 * 2), "the number of sessions is out of range");
    expect(FlatStart().U(0).U(0).U(0).U(3 * 2 + 1).U(0), "bytes after its design");
    expect(FlatStart().U(1).U(7).U(0).U(0), "a density layer's kind is not one of the known choices");
    // A grid claiming more cells than there are bytes left, within the cell limit.
    expect(FlatStart().U(1).U(0).N(0).N(0).N(100).U(1000).U(1000).U(0).N(0), "a grid has more cells than the link holds");
    // Session days: a full 64-bit value where a gap goes (no undefined arithmetic on it).
    BodyBuilder days = FlatStart();
    days.U(0).U(0).U(0).U(2 * 2);
    for (int k = 0; k < 2; ++k) days.U(0xFFFFFFFFFFFFFFFFull).N(500).N(8500).N(3000).N(0).U(0).N(2000).U(1).N(2500);
    expect(days, "a session's day is out of range");
}

TEST_CASE("link: links made by version 1 still open as the designs they were made of") {
    // Made by this designer's first link format (uncompressed bodies), with the designs they were
    // made from. Never regenerate these: they stand for links already sent to clients.
    struct Pinned {
        const char* name;
        const char* fragment;
        const char* design_json;
    };
    const Pinned pinned[] = {
#include "data/links_v1.inc"
    };
    CHECK(std::size(pinned) >= 3);
    for (const Pinned& link : pinned) {
        const auto decoded = smp::DecodeDesignLink(link.fragment);
        REQUIRE_MESSAGE(decoded.ok(), link.name << ": " << decoded.status().message());
        const auto original = smp::RestoreDesign(std::string_view(link.design_json));
        REQUIRE_MESSAGE(original.ok(), link.name << ": " << original.status().message());
        CHECK_MESSAGE(Canonical(*decoded) == Canonical(*original), link.name);
    }
}
