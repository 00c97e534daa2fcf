// smp export: words on an exported picture.
//
// A picture leaves the app for a messaging app, a clinic's records or a friend's phone, where
// nothing around it says what it is. So it carries its own words: which half is before and which
// after, and, under it, the preview's disclaimer (DOMAIN.md: a preview is an illustration, not a
// promise; say so on everything exported or shared).
//
// The text is the app's own font (Inter, export/embedded_fonts.h) rasterised by stb_truetype (the
// one ImGui's atlas uses: export/stb_truetype.cpp) and blended in integers, so the same picture
// and words give the same bytes natively and in WebAssembly (tests/export/caption_test.cpp).
#pragma once

#include "export/raster.h"

#include <string>
#include <vector>

namespace smp {

struct PictureCaption {
    // One per equal-width panel of the picture, left to right, drawn in the panel's top-left
    // corner on a dark tag; none: no tags.
    std::vector<std::string> panel_labels;
    // Under the picture, in a strip added to it, wrapped to its width and centred; "": no strip.
    std::string note;
};

// What every picture the app exports says (File > Export image, the head's and the photo's
// pictures): "Before" and "After" on its halves when it shows both, kPreviewDisclaimer under it.
PictureCaption ExportCaption(bool before_after);

// The type's height follows the whole picture's width, as the picture is seen: a phone shows a
// picture whole across its 390 CSS px, where a 26 px note on 1080 px is 9.4 px and 32 px tags 11.6
// px, whether the picture is one head or a before / after twice as wide (sized by a panel, a
// before / after's words were half that: 4.7 px, unreadable). Never under kMinCaptionTextPx, so a
// small picture's words stay legible; they wrap instead.
inline constexpr double kCaptionNotePxPer1080 = 26.0;
inline constexpr double kCaptionTagPxPer1080 = 32.0;
inline constexpr int kMinCaptionTextPx = 11;

// `picture` with `caption`: the tags drawn over its panels, the note in a strip below (the result
// is as wide, and taller by the strip). An empty picture is returned as it is. The words are the
// app's own, in ASCII: each byte is drawn as one character (one the font lacks leaves a gap).
// Taken by value: a caller done with its picture moves it in, and a big before / after (10 MB)
// is then not copied (a WebAssembly heap keeps its highest mark).
RgbaImage WithCaption(RgbaImage picture, const PictureCaption& caption);

}  // namespace smp
