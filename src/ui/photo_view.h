// smp ui: the photo view (issue 18): the design on the client's own photo, before and after.
//
// The person adds a photo of their head (front, a side, the back or the top; the page keeps it in
// this browser only), drags the markers onto the landmarks it shows, and the head fitted to them
// (ui/photo_session.h, core/head_fit.h) carries the healed design onto the photo
// (export/photo_render.h: each dot a shadow on the photo's own skin). A slider dragged across the
// photo shows the photo as it is on its left and with the design on its right; "Export" saves both
// side by side as one PNG.
//
// In the browser the page does the storing and decoding (web/js/photos.js, asked through
// HostServices::photo_request and answered with "photoAnswer" and "photoPixels": page_api.h); on
// the desktop the person names a PNG file.
#pragma once

#include "core/status.h"
#include "export/preview.h"
#include "export/raster.h"
#include "imgui.h"
#include "render/texture.h"
#include "ui/photo_session.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace smp {

struct AppState;

// The largest photo the view takes, a side (what the page scales photos to).
inline constexpr int kMaxViewPhotoSidePx = 2048;
// The design is drawn on screen on the photo scaled to at most this a side: about what a screen
// shows of it, and a quarter of the work of a 2048 px photo (a phone draws it in a fraction of a
// second after each marker). The export draws on the photo itself.
inline constexpr int kOverlayMaxSidePx = 1024;

struct PhotoViewState {
    PhotoSession session;                  // the photo on screen, its markers and fit
    RgbaImage pixels;                      // its pixels, rows top to bottom
    uint64_t pixels_serial = 0;            // +1 whenever another photo (or none) is shown
    HeadMeasurements fitted_head;          // the head the markers were last fitted with
    std::vector<PhotoInfo> photos;         // the open design's photos on this device, oldest first
    uint64_t listed_for_document = ~0ull;  // the document the list was asked for
    uint64_t drawn_at_frame = ~0ull;       // the last frame that drew the view (entering it lists again)
    std::string waiting_for;               // what the page is doing for the view ("" = nothing): shown as a note

    // The design drawn on the photo, made again when the photo, the fit, the design or the look changes.
    struct OverlayKey {
        uint64_t pixels_serial = ~0ull, fit_serial = ~0ull, design_revision = ~0ull;
        PreviewSettings look;
        bool operator==(const OverlayKey&) const = default;
    };
    OverlayKey overlay_key;
    RgbaImage overlay_base;                // the photo scaled to kOverlayMaxSidePx, what the design is drawn on
    uint64_t overlay_base_serial = ~0ull;
    bool overlay_ready = false;            // the after image matches the photo's current fit
    double overlay_ms = 0.0;               // how long the last one took (stats)
    double fit_ms = 0.0;                   // how long the last fit took when a marker was let go (stats)
    uint64_t overlay_renders = 0;
    std::unique_ptr<RgbaTexture> before_texture, after_texture;
    uint64_t before_uploaded_serial = ~0ull;

    double split = 0.5;                    // the before/after slider: the share of the photo's width shown before
    bool show_markers = true;
    // Whether the photo is shown large enough for its markers (kMinMarkerPhotoLogicalPx): a phone's open
    // sheet leaves it a strip where six finger-sized markers and their names would pile up.
    bool markers_have_room = true;
    std::optional<HeadLandmark> dragging;  // the marker being dragged
    bool dragging_split = false;
    bool include_in_send = false;          // "Send to clinic" carries the before/after image (client's choice)
    ImVec2 add_menu_size{0.0f, 0.0f};      // the "Add photo" menu as last drawn (window px), to place it by its button

    // Where the photo is on screen this frame: its top-left (window px) and window px per photo px.
    Vec2 image_origin_px = Vec2::Zero();
    double image_scale = 0.0;

    // The desktop's "open a photo" field.
    bool show_path_field = false;
    char path_field[1024] = "";
    PhotoView path_view = PhotoView::kFront;
};

// The photo view at the cursor, `size` big (window px).
void DrawPhotoView(AppState& app, const ImVec2& size);

// The line over the photo (stats().photo.summary): what the view is waiting for, what to do next,
// or how the fit went.
std::string PhotoViewLine(const AppState& app);

// The page's answers (page_api.cpp). The list of the open design's photos; a shown photo that is
// no longer in it goes.
void SetPhotoList(AppState& app, std::vector<PhotoInfo> photos);
// A photo's pixels (width x height x 4 bytes) with the markers it was saved with. Refused (naming
// the problem; what is on screen stays) when the bytes do not match the size or it is too big.
Status ShowPhotoPixels(AppState& app, const PhotoInfo& photo, std::vector<uint8_t> rgba,
                       const std::array<std::optional<Vec2>, kHeadLandmarkCount>& placed_px);

// Desktop: opens a PNG file as the photo on screen (scaled to kMaxViewPhotoSidePx).
Status OpenPhotoFile(AppState& app, const std::string& path, PhotoView view);

// The photo and the photo with the design, side by side, with their words (Before, After, the
// disclaimer under them: export/caption.h), as PNG bytes; an error when there is no photo with a
// good fit.
Expected<std::vector<uint8_t>> BeforeAfterPng(const AppState& app);

// Whether the photo on screen has a fit good enough to draw through (Send to clinic offers it).
bool HasFittedPhoto(const AppState& app);

// What the photo view asks the page's photo store (web/js/photo_bridge.js: "list", "load",
// "remove", "pick" a new photo for a side, save the shown photo's "marks"), as JSON. Built in
// photo_requests.cpp, apart from the view, so that only that small file is compiled with
// exceptions in the browser (web/web.cmake) and the view's drawing code is not.
std::string PhotoListRequestJson();
std::string PhotoLoadRequestJson(const std::string& id);
std::string PhotoRemoveRequestJson(const std::string& id);
std::string PhotoPickRequestJson(PhotoView view);
std::string PhotoMarksRequestJson(const PhotoSession& session);   // the placed markers, to 0.01 px

}  // namespace smp
