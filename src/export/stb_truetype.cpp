// smp export: stb_truetype's implementation (and stb_rect_pack's, whose structures its packing
// API embeds), once for the whole program.
//
// Two users rasterise font outlines: Dear ImGui's font atlas (the screen's text) and the CPU
// renderer's words on exported pictures (export/caption.h). ImGui is built with
// IMGUI_DISABLE_STB_TRUETYPE_IMPLEMENTATION and IMGUI_DISABLE_STB_RECT_PACK_IMPLEMENTATION
// (cmake/dependencies.cmake) and calls these, so the browser downloads one rasteriser. Both
// must be compiled as ImGui sees them: stb_truetype's packing structures are stb_rect_pack's only
// when its header comes first. It is the copy ImGui ships (stb_truetype 1.26 with ImGui's
// fixes, one of them for CFF fonts such as our Inter subsets), with the settings ImGui gives it
// (float square roots, floors and the rest), so the screen's glyphs are the bytes they were
// when ImGui compiled its own copy. Memory comes from malloc: ImGui frees nothing stb allocates.
// Only + - * /, sqrtf, floorf, ceilf and fabsf reach the outlines we draw (no transcendental
// function; the build has -ffp-contract=off), so every platform rasterises the same coverage.
#include <cmath>
#include <cstdlib>

#define STBTT_malloc(x, u) ((void)(u), std::malloc(x))
#define STBTT_free(x, u) ((void)(u), std::free(x))
#define STBTT_fmod(x, y) std::fmod(static_cast<float>(x), static_cast<float>(y))
#define STBTT_sqrt(x) std::sqrt(static_cast<float>(x))
#define STBTT_pow(x, y) std::pow(x, y)
#define STBTT_fabs(x) std::fabs(static_cast<float>(x))
#define STBTT_ifloor(x) (static_cast<int>(std::floor(static_cast<float>(x))))
#define STBTT_iceil(x) (static_cast<int>(std::ceil(static_cast<float>(x))))
#define STB_TRUETYPE_IMPLEMENTATION
#define STB_RECT_PACK_IMPLEMENTATION

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#pragma GCC diagnostic ignored "-Wcast-qual"
#endif
#include "imstb_rectpack.h"
#include "imstb_truetype.h"
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
