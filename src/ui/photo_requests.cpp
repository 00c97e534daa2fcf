// smp ui: the photo view's requests to the page's photo store, as JSON (photo_view.h). Apart from
// photo_view.cpp so that only this file is compiled with exceptions in the browser (web/web.cmake:
// nlohmann's throws must stay throws), and the view's drawing and pointer code is not.
#include "ui/photo_view.h"

#include "core/head_fit.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace smp {

using nlohmann::json;

std::string PhotoListRequestJson() { return json{{"op", "list"}}.dump(); }
std::string PhotoLoadRequestJson(const std::string& id) { return json{{"op", "load"}, {"id", id}}.dump(); }
std::string PhotoRemoveRequestJson(const std::string& id) { return json{{"op", "remove"}, {"id", id}}.dump(); }
std::string PhotoPickRequestJson(PhotoView view) { return json{{"op", "pick"}, {"view", std::string(PhotoViewName(view))}}.dump(); }

std::string PhotoMarksRequestJson(const PhotoSession& session) {
    json marks = json::object();
    for (int i = 0; i < kHeadLandmarkCount; ++i) {
        if (const std::optional<Vec2>& at = session.placed_px[static_cast<size_t>(i)]) {
            // A hundredth of a pixel: what a person places, without float noise in the store.
            marks[std::string(HeadLandmarkName(static_cast<HeadLandmark>(i)))] = {std::round(at->x() * 100.0) / 100.0, std::round(at->y() * 100.0) / 100.0};
        }
    }
    return json{{"op", "marks"}, {"id", session.shown.id}, {"marks", marks}}.dump();
}

}  // namespace smp
