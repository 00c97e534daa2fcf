// smp core: share links. A design travels in a URL fragment, `#d=<version>.<payload>`, so it never
// reaches a server: the payload is a compact binary encoding of the design in base64url.
//
// Payload bytes (link version 1):
//   [flags]  one byte: bit 0 = the body is raw DEFLATE (used only when that is shorter)
//   [body]   the design, field by field in a fixed order (design_link.cpp, [SECTION] Body)
//   [crc32]  4 bytes, little-endian, over flags and body as sent: a damaged link is refused
//            before anything in it is believed
// Numbers are varints. Coordinates are counted in 0.01 mm and delta-coded along paths, densities
// in 0.01 dots/cm², fractions in 0.001; a value that is not on its grid is sent as the exact double
// instead (a flag bit per number), so the encoding is lossless: the receiver holds the same design,
// seed included, and the engine's determinism gives it the same dots. The designer puts what the
// pointer draws on the grid (QuantiseLinkMm) and simplifies strokes (SimplifyStroke) so links stay short.
//
// Decoding trusts nothing: every count is checked against DesignLimits and the bytes left before
// anything is allocated, and the decoded design goes through the same checks as a design file
// (RestoreDesign), so a link can never open a design a file could not.
#pragma once

#include "core/design.h"
#include "core/status.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace smp {

// The link version this build writes, and the newest it reads. Older versions stay readable:
// each has its decoder, and tests/core/data/links-v1.txt pins links made by version 1.
inline constexpr int kLinkVersion = 1;
// Longest link text (or fragment) DecodeDesignLink looks at, and the most a payload may inflate to.
inline constexpr size_t kMaxLinkChars = 1u << 20;
inline constexpr size_t kMaxLinkBodyBytes = 1u << 20;   // a 2,000-character link holds ~1.5 KB
// A link this long or shorter works everywhere a client might paste or scan it (chat apps, QR
// codes, old browsers). Longer designs are offered as a file instead.
inline constexpr size_t kLinkBudgetChars = 2000;

// The grid share links count coordinates on: what the pointer draws is rounded to it (0.01 mm,
// far below a needle's precision) so that it travels compactly.
inline constexpr double kLinkUnitsPerMm = 100.0;
inline double QuantiseLinkMm(double value_mm) { return std::round(value_mm * kLinkUnitsPerMm) / kLinkUnitsPerMm; }
inline double QuantisePressure(double pressure) { return std::round(pressure * 100.0) / 100.0; }
// A traced path (a scar, an outline) with every point on that grid.
std::vector<Vec2> OnLinkGrid(const std::vector<Vec2>& points_mm);

// The fragment for a design, "d=1.<payload>" (without '#'). Deterministic: the same design gives
// the same text natively and in WebAssembly.
std::string EncodeDesignLink(const Design& design);

// Reads a link: a whole URL, "#d=...", "d=..." or "1.<payload>" (surrounding spaces ignored).
// Errors name the problem in words a client understands:
//   kParseError     not a design link, not base64url (the first bad character and where), too
//                   short, damaged (checksum), or its design cannot be read (which field);
//   kUnsupported    made by a newer designer (the link's version and the newest this one reads);
//   kLimitExceeded  longer than kMaxLinkChars, or a payload that inflates beyond kMaxLinkBodyBytes;
//   kInvalidArgument the design in it is out of range (as RestoreDesign says).
Expected<Design> DecodeDesignLink(std::string_view link_text);

// A brush stroke with the fewest points that stays within `tolerance_mm` of the painted path and
// within `pressure_tolerance` of its pressure (Douglas-Peucker on x, y and scaled pressure; the
// first and last points kept), its points on the link grid. What the designer stores when a stroke
// ends: the painted shape moves by at most the tolerance, invisible under a soft brush edge.
StrokeLayer SimplifyStroke(const StrokeLayer& stroke, double tolerance_mm, double pressure_tolerance = 0.08);

// The tolerance the designer simplifies a finished stroke with: 5 % of the radius, 0.15..0.75 mm.
// Under the brush's soft edge (half the radius wide at the default softness) that moves the painted
// density by a few per cent at most, well inside the blue noise's own cell-to-cell variation.
double StrokeSimplifyToleranceMm(double radius_mm);

// base64url without padding (RFC 4648 section 5), for payloads; exposed for tests and tools.
std::string Base64UrlEncode(const std::vector<uint8_t>& bytes);
Expected<std::vector<uint8_t>> Base64UrlDecode(std::string_view text);
// CRC-32 (IEEE 802.3, as zlib and PNG), for the payload checksum.
uint32_t Crc32(const uint8_t* data, size_t size);

}  // namespace smp
