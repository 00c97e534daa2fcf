// smp ui: what the sharing and files code (share_panel.h) builds as JSON: the clinic's "send"
// event, "openInApp" and the design file. Apart from share_panel.cpp so that only this file is
// compiled with exceptions in the browser (web/web.cmake: nlohmann's throws must stay throws), and
// the share window and the File menu are not (no invoke_* trampolines around their calls).
#include "ui/share_panel.h"

#include "core/design_json.h"
#include "core/design_link.h"
#include "document/document.h"
#include "ui/app_actions.h"
#include "ui/app_state.h"
#include "ui/photo_view.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace smp {

void SendToClinic(AppState& app) {
    if (!app.host.post_page_event) {
        ReportFileFailed(app, "there is no clinic page to send the design to");
        return;
    }
    nlohmann::json event = {{"type", "send"}, {"design", DesignToJson(app.doc.design)}, {"link", CurrentLink(app).url}};
    // The client's photo only when they ticked "Include my photo": the before/after picture, never the stored photo.
    const bool with_photo = app.photo.include_in_send && HasFittedPhoto(app);
    if (with_photo) {
        const Expected<std::vector<uint8_t>> png = BeforeAfterPng(app);
        if (!png.ok()) {
            ReportFileFailed(app, "the photo could not be sent: " + png.status().message() + "; untick \"Include my photo\" to send the design alone");
            return;
        }
        event["photo"] = {{"media_type", "image/png"}, {"base64url", Base64UrlEncode(*png)}};
    }
    app.host.post_page_event(event.dump());
    ReportFileDone(app, with_photo ? "Sent to the clinic, with your before and after photo." : "Sent to the clinic.");
}

void SaveDesignFile(AppState& app) {
    OfferFile(app, DesignFileStem(app.doc.design) + ".design.json", "application/json", DesignToJson(app.doc.design).dump(2) + "\n");
}

std::string OpenInAppEventJson(const std::string& link) { return nlohmann::json{{"type", "openInApp"}, {"link", link}}.dump(); }

}  // namespace smp
