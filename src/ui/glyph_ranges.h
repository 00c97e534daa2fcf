// smp ui: the characters the UI fonts keep. One list for three readers:
//   - the build subsets Debian's Inter to exactly these code points (cmake/subset_fonts.cmake reads
//     the pairs between the BEGIN and END lines), so the program carries about 36 KB per font
//     instead of 265 KB;
//   - ImGui bakes these ranges into its atlas (theme.cpp), so it asks for what the fonts have;
//   - tests/cli/glyphs.test.mjs fails when a string the UI can show (a literal in src/, a preset's
//     title) uses a character outside them, or when a subset font lacks one of them.
// Typed text (a clinic's or a client's name) outside the list shows ImGui's fallback '?'.
#pragma once

#include "imgui.h"

namespace smp::theme {

// [first, last] pairs, ImGui's glyph-range format, ending with 0. One pair per line, in order, each
// a code point Inter has (the test checks the subset fonts map every one of them).
inline constexpr ImWchar kGlyphRanges[] = {
    // BEGIN glyph ranges
    0x0020, 0x007E,   // Basic Latin
    0x00A0, 0x00FF,   // Latin-1 Supplement: accents, ² ³ ± × ° · µ ½, the no-break space
    0x0100, 0x0148,   // Latin Extended-A: Central European, Baltic, Turkish names (ł ő š ž č ğ ı ...),
    0x014A, 0x017F,   //   all but ŉ (deprecated; Inter has none)
    0x0218, 0x021B,   // Ș ș Ț ț: Romanian (Latin Extended-B)
    0x2013, 0x2014,   // – — ("Hamilton–Norwood")
    0x2018, 0x201E,   // ‘ ’ ‚ “ ” „ (typed quotes)
    0x2020, 0x2022,   // † ‡ •
    0x2026, 0x2026,   // … (ImGui's ellipsis for clipped text)
    0x202F, 0x202F,   // narrow no-break space (thousands in the plan sheet)
    0x2030, 0x2030,   // ‰
    0x2032, 0x2033,   // ′ ″
    0x2039, 0x203A,   // ‹ ›
    0x20AC, 0x20AC,   // €
    0x2122, 0x2122,   // ™
    0x2190, 0x2193,   // ← ↑ → ↓
    0x2212, 0x2212,   // − (minus)
    0x2248, 0x2248,   // ≈
    0x2264, 0x2265,   // ≤ ≥
    // END glyph ranges
    0};

}  // namespace smp::theme
