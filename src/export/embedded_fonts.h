// smp export: font files compiled into the program (Debian's fonts-inter, subset at build time to the
// characters of ui/glyph_ranges.h by cmake/subset_fonts.cmake, then embedded by
// cmake/embed_file.cmake), so the browser needs no font download and the desktop no font path.
// The screen's text (ui/theme.cpp) and the words on exported pictures (export/caption.h) alike.
#pragma once

#include <cstddef>

namespace smp::embedded {

extern const unsigned char kInterRegularOtf[];
extern const std::size_t kInterRegularOtfSize;
extern const unsigned char kInterSemiBoldOtf[];
extern const std::size_t kInterSemiBoldOtfSize;

}  // namespace smp::embedded
