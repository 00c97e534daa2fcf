// smp ui: the photo view (photo_view.h).
//
// [SECTION] The page's photo store
// [SECTION] The design on the photo
// [SECTION] Pointer: markers and the slider
// [SECTION] Drawing
// [SECTION] Buttons and the desktop's path field
#include "ui/photo_view.h"

#include "core/head_fit.h"
#include "document/document.h"
#include "export/caption.h"
#include "export/photo_render.h"
#include "export/png.h"
#include "export/png_decode.h"   // ScaleToFit
#include "ui/app_actions.h"
#include "ui/app_state.h"
#include "ui/canvas_frame.h"
#include "ui/overlay_buttons.h"
#include "ui/share_panel.h"
#include "ui/theme.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace smp {
namespace {

const ScalpTemplate* ScalpOf(const AppState& app) { return app.doc.pattern.field ? app.doc.pattern.field->Scalp() : nullptr; }

struct ViewChoice {
    PhotoView view;
    const char* label;   // in the "Add photo" menu
};
constexpr ViewChoice kViewChoices[] = {{PhotoView::kFront, "Front"}, {PhotoView::kLeft, "Left side"}, {PhotoView::kRight, "Right side"},
                                       {PhotoView::kBack, "Back"},   {PhotoView::kTop, "Top"}};

// ---------------------------------------------------------------------------------------------
// [SECTION] The page's photo store
// ---------------------------------------------------------------------------------------------

// Asks the page (web/js/photo_bridge.js) with a request from photo_requests.cpp; false on the
// desktop, which has no page.
bool AskPage(AppState& app, const std::string& request, const char* waiting_for) {
    if (!app.host.photo_request) return false;
    if (!app.host.photo_request(request)) return false;
    if (waiting_for != nullptr) app.photo.waiting_for = waiting_for;
    return true;
}

void SaveMarks(AppState& app) {
    const PhotoSession& session = app.photo.session;
    if (!session.HasPhoto()) return;
    AskPage(app, PhotoMarksRequestJson(session), nullptr);
}

void ClearShownPhoto(PhotoViewState& photo) {
    photo.session = PhotoSession{};
    photo.pixels = RgbaImage{};
    photo.pixels_serial += 1;
    photo.overlay_ready = false;
    photo.dragging.reset();
    photo.dragging_split = false;
}

void LoadPhoto(AppState& app, const PhotoInfo& info) {
    AskPage(app, PhotoLoadRequestJson(info.id), "Opening the photo…");
}

// The page's list follows the open design: asked again whenever another design is opened, and
// whenever the view comes on screen (photos may have come meanwhile from elsewhere: another tab,
// window.smp.photos).
void KeepListCurrent(AppState& app) {
    PhotoViewState& photo = app.photo;
    const bool entering = photo.drawn_at_frame + 1 != app.stats.frames;
    photo.drawn_at_frame = app.stats.frames;
    if (entering) photo.listed_for_document = ~0ull;
    if (photo.listed_for_document == app.doc.document_serial || !app.host.photo_request) return;
    photo.listed_for_document = app.doc.document_serial;
    AskPage(app, PhotoListRequestJson(), nullptr);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The design on the photo
// ---------------------------------------------------------------------------------------------

// The look a photo shows: the healed or faded dots on skin (never the planner's colours).
PreviewSettings PhotoLook(const AppState& app) {
    PreviewSettings look = app.view.preview;
    if (look.mode == PreviewMode::kPlan) look.mode = PreviewMode::kHealed;
    return look;
}

PhotoRenderOptions PhotoOptions(const AppState& app, const HeadPose& pose) {
    const PreviewSettings look = PhotoLook(app);
    PhotoRenderOptions options;
    options.pose = pose;
    options.look = look.mode;
    options.years = look.years;
    options.up_to_session = SessionsShown(look);
    options.viewing_distance_m = look.viewing_distance_m;
    return options;
}

void UpdateTextures(AppState& app) {
    PhotoViewState& photo = app.photo;
    if (!photo.session.HasPhoto()) return;
    if (photo.before_uploaded_serial != photo.pixels_serial) {
        if (!photo.before_texture) photo.before_texture = std::make_unique<RgbaTexture>();
        photo.before_texture->Upload(photo.pixels.width, photo.pixels.height, photo.pixels.rgba);
        photo.before_uploaded_serial = photo.pixels_serial;
    }
    // Not while a marker is being dragged: the fit follows on release, and so does the design.
    if (photo.dragging) return;
    const PhotoViewState::OverlayKey key{photo.pixels_serial, photo.session.fit_serial, app.doc.revision, PhotoLook(app)};
    if (key == photo.overlay_key) return;
    photo.overlay_key = key;
    photo.overlay_ready = false;
    const HeadFit* fit = photo.session.GoodFit();
    if (!fit) return;
    const auto start = std::chrono::steady_clock::now();
    if (photo.overlay_base_serial != photo.pixels_serial) {
        photo.overlay_base = ScaleToFit(photo.pixels, kOverlayMaxSidePx);
        photo.overlay_base_serial = photo.pixels_serial;
    }
    // The fitted pose in the scaled photo's pixels.
    HeadPose pose = fit->pose;
    const double sx = static_cast<double>(photo.overlay_base.width) / photo.pixels.width;
    const double sy = static_cast<double>(photo.overlay_base.height) / photo.pixels.height;
    pose.px_per_mm *= 0.5 * (sx + sy);
    pose.origin_px = Vec2(pose.origin_px.x() * sx, pose.origin_px.y() * sy);
    const Expected<RgbaImage> after = RenderOnPhoto(app.doc.design, app.doc.pattern, photo.overlay_base, PhotoOptions(app, pose));
    if (!after.ok()) {
        app.screen.last_error = "the design could not be drawn on the photo: " + after.status().message();
        return;
    }
    if (!photo.after_texture) photo.after_texture = std::make_unique<RgbaTexture>();
    photo.after_texture->Upload(after->width, after->height, after->rgba);
    photo.overlay_ready = true;
    photo.overlay_renders += 1;
    photo.overlay_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Pointer: markers and the slider
// ---------------------------------------------------------------------------------------------

Vec2 PhotoPxAt(const PhotoViewState& photo, const ImVec2& window_px) {
    return Vec2((window_px.x - photo.image_origin_px.x()) / photo.image_scale, (window_px.y - photo.image_origin_px.y()) / photo.image_scale);
}

ImVec2 WindowPxAt(const PhotoViewState& photo, const Vec2& photo_px) {
    return ImVec2(static_cast<float>(photo.image_origin_px.x() + photo_px.x() * photo.image_scale),
                  static_cast<float>(photo.image_origin_px.y() + photo_px.y() * photo.image_scale));
}

// A marker's radius on screen (window px): finger-sized to pick up on a touch screen.
float MarkerRadius(const AppState& app) { return (theme::Touch() ? 11.0f : 7.0f) * app.ui_scale; }
float MarkerReach(const AppState& app) { return (theme::Touch() ? 26.0f : 14.0f) * app.ui_scale; }
// The photo's shorter side, logical px, from which its markers are shown and taken.
constexpr float kMinMarkerPhotoLogicalPx = 160.0f;

// Called right after the photo's InvisibleButton.
void HandlePhotoPointer(AppState& app, const ScalpTemplate& scalp, const ImVec2& image_min, const ImVec2& image_max) {
    PhotoViewState& photo = app.photo;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (ImGui::IsItemActivated()) {
        const std::optional<HeadLandmark> marker =
            photo.show_markers && photo.markers_have_room ? MarkerNear(photo.session, scalp, PhotoPxAt(photo, mouse), MarkerReach(app) / photo.image_scale) : std::nullopt;
        photo.dragging = marker;
        photo.dragging_split = !marker && photo.overlay_ready;   // the slider is there once the design is
    }
    if (ImGui::IsItemActive()) {
        if (photo.dragging) {
            // The marker follows the pointer; the fit waits for the release (a phone fits in tens of ms).
            const Vec2 at = PhotoPxAt(photo, mouse);
            photo.session.placed_px[static_cast<size_t>(*photo.dragging)] =
                Vec2(std::clamp(at.x(), 0.0, static_cast<double>(photo.session.shown.width_px)),
                     std::clamp(at.y(), 0.0, static_cast<double>(photo.session.shown.height_px)));
        } else if (photo.dragging_split) {
            photo.split = std::clamp(static_cast<double>((mouse.x - image_min.x) / std::max(1.0f, image_max.x - image_min.x)), 0.0, 1.0);
        }
    }
    if (ImGui::IsItemDeactivated()) {
        if (photo.dragging) {
            const auto start = std::chrono::steady_clock::now();
            RefitPhoto(photo.session, scalp);
            photo.fit_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            SaveMarks(app);
        }
        photo.dragging.reset();
        photo.dragging_split = false;
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Drawing
// ---------------------------------------------------------------------------------------------

ImTextureID TextureOf(const std::unique_ptr<RgbaTexture>& texture) {
    return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture ? texture->Id() : 0));
}

void DrawMarkers(ImDrawList* draw, const AppState& app, const ScalpTemplate& scalp) {
    const PhotoViewState& photo = app.photo;
    const float scale = app.ui_scale;
    const float r = MarkerRadius(app);
    const HeadFit* fit = photo.session.GoodFit();
    const ImVec4 accent = theme::Accent();
    const ImU32 placed_fill = ImGui::ColorConvertFloat4ToU32(ImVec4(accent.x, accent.y, accent.z, 1.0f));
    for (const HeadLandmark landmark : LandmarksSeenFrom(photo.session.shown.view)) {
        const bool placed = photo.session.placed_px[static_cast<size_t>(landmark)].has_value();
        const ImVec2 at = WindowPxAt(photo, MarkerPositionPx(photo.session, scalp, landmark));
        if (placed && fit && !photo.dragging) {
            // Where the fitted head has this landmark: the marker's error, seen.
            const ImVec2 fitted = WindowPxAt(photo, fit->pose.PixelFromHead(HeadLandmarkMm(scalp, landmark)));
            draw->AddLine(at, fitted, IM_COL32(255, 214, 120, 230), 1.5f * scale);
            draw->AddCircleFilled(fitted, 2.5f * scale, IM_COL32(255, 214, 120, 255));
        }
        if (placed) {
            draw->AddCircleFilled(at, r, placed_fill);
            draw->AddCircle(at, r, IM_COL32(255, 255, 255, 255), 0, 2.0f * scale);
        } else {
            // Waiting to be placed: a hollow ring, its place a guess.
            draw->AddCircle(at, r, IM_COL32(0, 0, 0, 160), 0, 4.0f * scale);
            draw->AddCircle(at, r, IM_COL32(255, 255, 255, 240), 0, 2.0f * scale);
        }
        draw->AddCircleFilled(at, 1.5f * scale, IM_COL32(255, 255, 255, 255));
        LabelOnBackdrop(draw, ImVec2(at.x + r + 4.0f * scale, at.y - 0.5f * ImGui::GetTextLineHeight()), MarkerLabel(landmark),
                placed ? IM_COL32(255, 255, 255, 255) : IM_COL32(230, 230, 230, 220), scale);
    }
}

// Text in the middle of the view, with `room_below` px under it kept for what goes with it (the
// text and that room centred together); returns the text's bottom.
float CentredText(ImDrawList* draw, const ImVec2& min, const ImVec2& max, const char* text, float scale, float room_below = 0.0f) {
    const float wrap = std::max(50.0f, std::min(560.0f * scale, (max.x - min.x) - 48.0f * scale));
    const ImVec2 size = ImGui::CalcTextSize(text, nullptr, false, wrap);
    const float top = std::max(min.y, min.y + 0.5f * (max.y - min.y - size.y - room_below));
    draw->AddText(nullptr, 0.0f, ImVec2(min.x + 0.5f * (max.x - min.x - size.x), top), theme::Colours().canvas_ink, text, nullptr, wrap);
    return top + size.y;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Buttons and the desktop's path field
// ---------------------------------------------------------------------------------------------

void DrawPathField(AppState& app) {
    PhotoViewState& photo = app.photo;
    if (!photo.show_path_field) return;
    ImGui::OpenPopup("Open a photo");
    if (!ImGui::BeginPopupModal("Open a photo", &photo.show_path_field, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextUnformatted("A PNG photo of the client's head (kept on this computer):");
    ImGui::SetNextItemWidth(420.0f * app.ui_scale);
    ImGui::InputText("##photo_path", photo.path_field, sizeof photo.path_field);
    for (const ViewChoice& choice : kViewChoices) {
        if (ImGui::RadioButton(choice.label, photo.path_view == choice.view)) photo.path_view = choice.view;
        ImGui::SameLine();
    }
    ImGui::NewLine();
    if (ImGui::Button("Open")) {
        const Status opened = OpenPhotoFile(app, photo.path_field, photo.path_view);
        if (opened.ok()) {
            photo.show_path_field = false;
            ImGui::CloseCurrentPopup();
        } else {
            ReportFileFailed(app, opened.message());
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
        photo.show_path_field = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// `invite_bottom`: without a photo, the bottom of the text that invites one (Add photo goes right
// under it, where the eye is, not in the corner).
void DrawPhotoButtons(AppState& app, const ImVec2& min, const ImVec2& max, float invite_bottom) {
    PhotoViewState& photo = app.photo;
    const float scale = app.ui_scale;
    const float margin = 10.0f * scale;
    const bool has_photo = photo.session.HasPhoto();
    char which[32] = "";
    // Where the shown photo is in the design's list (the list's end if it is not there).
    const size_t shown_index = static_cast<size_t>(
        std::find_if(photo.photos.begin(), photo.photos.end(), [&](const PhotoInfo& p) { return p.id == photo.session.shown.id; }) - photo.photos.begin());
    std::vector<const char*> labels = {"Add photo"};
    int markers_at = -1, export_at = -1, delete_at = -1, next_at = -1;
    if (has_photo) {
        markers_at = static_cast<int>(labels.size());
        labels.push_back(photo.show_markers ? "Hide markers" : "Show markers");
        export_at = static_cast<int>(labels.size());
        labels.push_back("Export");
        delete_at = static_cast<int>(labels.size());
        labels.push_back("Delete");
        if (photo.photos.size() > 1) {
            std::snprintf(which, sizeof which, "Photo %zu of %zu", std::min(shown_index, photo.photos.size() - 1) + 1, photo.photos.size());
            next_at = static_cast<int>(labels.size());
            labels.push_back(which);
        }
    }
    const OverlayButtons buttons(labels, (max.x - min.x) - 2.0f * margin, scale);
    const ImVec2 top_left = has_photo ? ImVec2(max.x - margin - buttons.size.x, max.y - margin - buttons.size.y)
                                      : ImVec2(std::floor(0.5f * (min.x + max.x - buttons.size.x)), invite_bottom + 2.0f * margin);
    bool open_add = false, open_delete = false;
    ImVec2 add_min, add_max;   // the Add photo button, which its menu opens by
    if (buttons.Begin("photo_buttons", top_left)) {
        for (size_t i = 0; i < labels.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            const bool disabled = static_cast<int>(i) == export_at && !photo.overlay_ready;
            ImGui::BeginDisabled(disabled);
            // Not highlighted: "Hide markers" says what a tap does, and a lit button read as "hidden".
            const bool pressed = buttons.Button(i, false);
            ImGui::EndDisabled();
            if (i == 0) {
                add_min = ImGui::GetItemRectMin();
                add_max = ImGui::GetItemRectMax();
            }
            if (static_cast<int>(i) == export_at) ImGui::SetItemTooltip("%s", disabled ? "Place the markers first: the design needs a fitted head" : "Save the photo before and after as one PNG");
            if (pressed) {
                if (i == 0) open_add = true;
                else if (static_cast<int>(i) == markers_at) photo.show_markers = !photo.show_markers;
                else if (static_cast<int>(i) == export_at) {
                    const Expected<std::vector<uint8_t>> png = BeforeAfterPng(app);
                    if (png.ok()) OfferFile(app, DesignFileStem(app.doc.design) + "-before-after.png", "image/png", std::string(png->begin(), png->end()));
                    else ReportFileFailed(app, png.status().message());
                } else if (static_cast<int>(i) == delete_at) open_delete = true;
                else if (static_cast<int>(i) == next_at) {
                    LoadPhoto(app, photo.photos[(shown_index + 1) % photo.photos.size()]);
                }
            }
            ImGui::PopID();
        }
        if (open_add) {
            if (app.host.photo_request) ImGui::OpenPopup("add_photo");
            else photo.show_path_field = true;
        }
        // By its button, not where the finger was: hanging from the finger over Add photo and the
        // sheet, it read as a stray window.
        PlaceMenuBy(add_min, add_max, photo.add_menu_size, scale);
        if (ImGui::BeginPopup("add_photo")) {
            photo.add_menu_size = ImGui::GetWindowSize();
            ImGui::TextUnformatted("A photo of your head from:");
            for (const ViewChoice& choice : kViewChoices) {
                // The picker opens inside this click (browsers open one only in a user gesture).
                if (Choice(choice.label, false)) AskPage(app, PhotoPickRequestJson(choice.view), "Adding the photo…");
            }
            ImGui::Separator();
            ImGui::TextDisabled("It stays on this device: never uploaded.");
            ImGui::EndPopup();
        }
        if (open_delete) ImGui::OpenPopup("delete_photo");
        if (ImGui::BeginPopup("delete_photo")) {
            ImGui::TextUnformatted("Delete this photo from this device?");
            if (ImGui::Button("Delete photo")) {
                AskPage(app, PhotoRemoveRequestJson(photo.session.shown.id), nullptr);
                if (!app.host.photo_request) {   // the desktop: the file stays where it is; the view lets it go
                    ClearShownPhoto(photo);
                    photo.photos.clear();
                }
                ImGui::CloseCurrentPopup();
            }
            ImGui::SameLine();
            if (ImGui::Button("Keep")) ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
    }
    ImGui::EndChild();
}

}  // namespace

std::string PhotoViewLine(const AppState& app) {
    const PhotoViewState& photo = app.photo;
    if (!photo.waiting_for.empty()) return photo.waiting_for;
    // Markers left out for want of room, where they are still to be placed or moved (no good fit
    // yet): how to get them back. With a good fit the line says the slider works, markers or not.
    if (photo.session.HasPhoto() && !photo.markers_have_room && photo.show_markers && photo.session.GoodFit() == nullptr) {
        return app.screen.bottom_sheet && app.screen.sheet_expanded ? "Tap Less to make room for the markers"
                                                                     : "Make the window larger to place the markers";
    }
    return PhotoFitSummary(photo.session);
}

bool HasFittedPhoto(const AppState& app) { return app.photo.session.HasPhoto() && app.photo.session.GoodFit() != nullptr; }

void SetPhotoList(AppState& app, std::vector<PhotoInfo> photos) {
    PhotoViewState& photo = app.photo;
    photo.photos = std::move(photos);
    const bool shown_listed = std::any_of(photo.photos.begin(), photo.photos.end(), [&](const PhotoInfo& p) { return p.id == photo.session.shown.id; });
    if (photo.session.HasPhoto() && !shown_listed) ClearShownPhoto(photo);
    // Nothing on screen: the newest photo comes up.
    if (!photo.session.HasPhoto() && !photo.photos.empty() && photo.waiting_for.empty()) LoadPhoto(app, photo.photos.back());
}

Status ShowPhotoPixels(AppState& app, const PhotoInfo& info, std::vector<uint8_t> rgba,
                       const std::array<std::optional<Vec2>, kHeadLandmarkCount>& placed_px) {
    app.photo.waiting_for.clear();
    if (info.width_px < 1 || info.height_px < 1 || info.width_px > kMaxViewPhotoSidePx || info.height_px > kMaxViewPhotoSidePx) {
        return Status(StatusCode::kInvalidArgument, "the photo is " + std::to_string(info.width_px) + " x " + std::to_string(info.height_px) +
                                                        " px; the photo view takes 1.." + std::to_string(kMaxViewPhotoSidePx) + " px a side");
    }
    const size_t expected = static_cast<size_t>(info.width_px) * static_cast<size_t>(info.height_px) * 4;
    if (rgba.size() != expected) {
        return Status(StatusCode::kInvalidArgument, "the photo's pixels are " + std::to_string(rgba.size()) + " bytes; " + std::to_string(info.width_px) +
                                                        " x " + std::to_string(info.height_px) + " px need " + std::to_string(expected));
    }
    const ScalpTemplate* scalp = ScalpOf(app);
    if (!scalp) return Status(StatusCode::kInvalidArgument, "this design is on a flat work area: there is no head to fit to a photo");
    PhotoViewState& photo = app.photo;
    ClearShownPhoto(photo);
    photo.pixels.width = info.width_px;
    photo.pixels.height = info.height_px;
    photo.pixels.rgba = std::move(rgba);
    ShowPhoto(photo.session, *scalp, info, placed_px);
    photo.fitted_head = scalp->Measurements();
    return Status::Ok();
}

Status OpenPhotoFile(AppState& app, const std::string& path, PhotoView view) {
    if (!app.host.read_photo_file) return Status(StatusCode::kInvalidArgument, "photos are opened through the page here");
    int width_px = 0, height_px = 0;
    std::vector<uint8_t> rgba;
    std::string error;
    if (!app.host.read_photo_file(path, kMaxViewPhotoSidePx, width_px, height_px, rgba, error)) return Status(StatusCode::kIoError, error);
    const PhotoInfo info{path, view, width_px, height_px};
    app.photo.photos = {info};
    const Status shown = ShowPhotoPixels(app, info, std::move(rgba), {});
    if (shown.ok()) ReportFileDone(app, "opened the photo " + path);
    return shown;
}

Expected<std::vector<uint8_t>> BeforeAfterPng(const AppState& app) {
    const HeadFit* fit = app.photo.session.GoodFit();
    if (!app.photo.session.HasPhoto() || !fit) return Status(StatusCode::kInvalidArgument, "there is no photo with its markers placed to export");
    PhotoRenderOptions options = PhotoOptions(app, fit->pose);
    options.before_after = true;
    Expected<RgbaImage> image = RenderOnPhoto(app.doc.design, app.doc.pattern, app.photo.pixels, options);
    if (!image.ok()) return image.status();
    return EncodePng(WithCaption(std::move(image).value(), ExportCaption(true)));
}

void DrawPhotoView(AppState& app, const ImVec2& size) {
    PhotoViewState& photo = app.photo;
    const float scale = app.ui_scale;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + size.x, min.y + size.y);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(min, max, true);
    draw->AddRectFilled(min, max, theme::Colours().canvas);
    const ScalpTemplate* scalp = ScalpOf(app);
    KeepListCurrent(app);
    // Another head (the Head panel's measurements): its landmarks moved, so the fit follows.
    if (scalp && photo.session.HasPhoto() && !(photo.fitted_head == scalp->Measurements())) {
        photo.fitted_head = scalp->Measurements();
        RefitPhoto(photo.session, *scalp);
    }
    if (scalp) UpdateTextures(app);

    // Room above for the view toggle and the fit's line, below for the buttons.
    const float margin = 10.0f * scale;
    const float top = 2.0f * margin + ImGui::GetFrameHeight() + ImGui::GetTextLineHeightWithSpacing() + 6.0f * scale;
    const float row = 2.0f * margin + ImGui::GetFrameHeight();   // a row of buttons and its margins
    const ImVec2 room_min(min.x + margin, min.y + top), room_max(max.x - margin, max.y - row);
    photo.markers_have_room = false;   // until the photo is placed below
    float invite_bottom = 0.0f;
    if (!scalp) {
        CentredText(draw, min, max, "This design is on a flat work area: there is no head to fit to a photo", scale);
    } else if (!photo.session.HasPhoto()) {
        photo.image_scale = 0.0;
        const char* text = !photo.waiting_for.empty() ? photo.waiting_for.c_str()
                           : app.host.photo_request
                               ? "See the design on your own head: add a photo of it (from the front, a side, the back or the top), then drag the "
                                 "markers onto it. The photo stays on this device; it is never uploaded."
                               : "See the design on the client's head: add a PNG photo of it, then drag the markers onto it.";
        // Below the view toggle (over a short view, the sheet open, the text kept clear of it),
        // with a row's room under the text for Add photo.
        invite_bottom = CentredText(draw, ImVec2(min.x, min.y + row), max, text, scale, row);
    } else if (room_max.x > room_min.x + 20.0f && room_max.y > room_min.y + 20.0f) {
        const float fit_scale = std::min((room_max.x - room_min.x) / static_cast<float>(photo.pixels.width),
                                         (room_max.y - room_min.y) / static_cast<float>(photo.pixels.height));
        const ImVec2 image_size(fit_scale * static_cast<float>(photo.pixels.width), fit_scale * static_cast<float>(photo.pixels.height));
        const ImVec2 image_min(std::floor(0.5f * (room_min.x + room_max.x - image_size.x)), std::floor(0.5f * (room_min.y + room_max.y - image_size.y)));
        const ImVec2 image_max(image_min.x + image_size.x, image_min.y + image_size.y);
        photo.image_origin_px = Vec2(image_min.x, image_min.y);
        photo.image_scale = fit_scale;
        photo.markers_have_room = std::min(image_size.x, image_size.y) >= kMinMarkerPhotoLogicalPx * scale;
        ImGui::SetCursorScreenPos(image_min);
        ImGui::InvisibleButton("photo_view", image_size, ImGuiButtonFlags_MouseButtonLeft);
        HandlePhotoPointer(app, *scalp, image_min, image_max);

        const float split_x = image_min.x + static_cast<float>(photo.split) * image_size.x;
        const float split_uv = static_cast<float>(photo.split);
        draw->AddImage(TextureOf(photo.before_texture), image_min, ImVec2(split_x, image_max.y), ImVec2(0, 0), ImVec2(split_uv, 1));
        draw->AddImage(TextureOf(photo.overlay_ready ? photo.after_texture : photo.before_texture), ImVec2(split_x, image_min.y), image_max,
                       ImVec2(split_uv, 0), ImVec2(1, 1));
        if (photo.overlay_ready) {
            // In the bottom corners: the markers' labels (top of head, temples) crowd the top.
            const float pad = 6.0f * scale, label_y = image_max.y - pad - ImGui::GetTextLineHeight();
            LabelOnBackdrop(draw, ImVec2(image_min.x + pad, label_y), "Before", IM_COL32(255, 255, 255, 255), scale);
            const float after_w = ImGui::CalcTextSize("After").x;
            LabelOnBackdrop(draw, ImVec2(image_max.x - pad - after_w, label_y), "After", IM_COL32(255, 255, 255, 255), scale);
            DrawBeforeAfterSlider(draw, app.ui_scale, image_min, image_max, split_x, 0.5f * (image_min.y + image_max.y));
        }
        if (photo.show_markers && photo.markers_have_room) DrawMarkers(draw, app, *scalp);
    }
    // The fit in one line, under the view toggle.
    if (scalp && photo.session.HasPhoto()) {
        const std::string summary = PhotoViewLine(app);
        const bool poor = photo.session.fit && (!photo.session.fit->ok() || (*photo.session.fit)->poor);
        const ImVec2 at(min.x + margin, min.y + 2.0f * margin + ImGui::GetFrameHeight());
        const float wrap = std::max(50.0f, size.x - 2.0f * margin);
        ImGui::PushClipRect(min, max, true);
        const ImVec2 text_size = ImGui::CalcTextSize(summary.c_str(), nullptr, false, wrap);
        draw->AddRectFilled(ImVec2(at.x - 4.0f * scale, at.y - 2.0f * scale), ImVec2(at.x + text_size.x + 4.0f * scale, at.y + text_size.y + 2.0f * scale),
                            (theme::Colours().canvas & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 235), 3.0f * scale);
        draw->AddText(nullptr, 0.0f, at, poor ? theme::Colours().error_text : theme::Colours().canvas_ink, summary.c_str(), nullptr, wrap);
        ImGui::PopClipRect();
    }
    draw->PopClipRect();
    if (scalp) DrawPhotoButtons(app, min, max, invite_bottom);
    DrawPathField(app);
}

}  // namespace smp
