// smp ui: the hairline tool (hairline_tool.h).
#include "ui/tools/hairline_tool.h"

#include "core/design_link.h"
#include "document/document.h"
#include "ui/app_actions.h"
#include "ui/app_state.h"
#include "ui/theme.h"
#include "ui/tools/tools.h"
#include "ui/widget_edit.h"

#include <algorithm>
#include <cmath>

namespace smp {
namespace {

constexpr float kHandleRadiusLogicalPx = 6.0f;
constexpr float kGrabDistanceLogicalPx = 14.0f;   // a fingertip's reach, not a mouse pixel

constexpr const char* kStyleNames[] = {"Soft", "Broken", "Faded", "Defined"};
constexpr const char* kStyleHints[] = {
    "Soft: a gentle ramp over about 8 mm, moderate irregularity; suits most clients",
    "Broken: strong irregularity and more stray dots; reads as a natural, receded edge",
    "Faded: the deepest ramp (10 mm) and few strays; the most gradual edge",
    "Defined: a short ramp (5 mm) and little irregularity; a crisp, groomed look",
};

// A hairline across the front from the template's landmarks: corner, a point between, and the
// mid-frontal point 80 mm above the glabella (mirror on: the left half).
HairlineSpec DefaultHairline(const AppState& app) {
    HairlineSpec spec;
    if (const ScalpTemplate* scalp = app.doc.pattern.field->Scalp()) {
        const Landmarks& l = scalp->GetLandmarks();
        const Vec2 between = (l.frontotemporal_left_mm + l.mid_frontal_mm) * 0.5 + Vec2(0.0, -6.0);
        spec.points_mm = {l.frontotemporal_left_mm, between, l.mid_frontal_mm};
    }
    return spec;
}

// The same line with mirror on or off: off, the right half is written out as the core builds it;
// on, the left half is kept (up to a point on the midline, added where the line crosses it).
HairlineSpec WithMirror(const HairlineSpec& spec, bool mirror, double midline_x_mm) {
    HairlineSpec changed = spec;
    changed.mirror = mirror;
    if (mirror == spec.mirror) return changed;
    if (!mirror) {
        changed.points_mm = HairlineHandlePositionsMm(spec, midline_x_mm, nullptr);
        return changed;
    }
    std::vector<Vec2> sorted = spec.points_mm;
    std::sort(sorted.begin(), sorted.end(), [](const Vec2& a, const Vec2& b) { return a.x() < b.x(); });
    changed.points_mm.clear();
    for (size_t i = 0; i < sorted.size(); ++i) {
        if (sorted[i].x() <= midline_x_mm) {
            changed.points_mm.push_back(sorted[i]);
        } else {
            if (i > 0 && sorted[i - 1].x() < midline_x_mm - kHairlineOnMidlineMm) {
                const double t = (midline_x_mm - sorted[i - 1].x()) / (sorted[i].x() - sorted[i - 1].x());
                changed.points_mm.emplace_back(midline_x_mm, sorted[i - 1].y() + t * (sorted[i].y() - sorted[i - 1].y()));
            }
            break;
        }
    }
    if (changed.points_mm.empty()) changed.points_mm = {Vec2(midline_x_mm, sorted.front().y())};
    return changed;
}

// The nearest handle to `mouse` within reach, or none.
HairlineHandle HandleUnder(const AppState& app, const CanvasFrame& frame, const ImVec2& mouse) {
    HairlineHandle best;
    if (!app.doc.design.hairline) return best;
    std::vector<HairlineHandle> handles;
    const std::vector<Vec2> positions = HairlineHandlePositionsMm(*app.doc.design.hairline, app.doc.drawing.midline_x_mm, &handles);
    float best_px = kGrabDistanceLogicalPx * app.ui_scale;
    for (size_t k = 0; k < positions.size(); ++k) {
        const ImVec2 p = frame.MmToScreen(positions[k]);
        const float d = std::hypot(p.x - mouse.x, p.y - mouse.y);
        // Given points win over mirror images at the same spot (the midline point has none).
        if (d < best_px || (d == best_px && !handles[k].mirrored)) {
            best_px = d;
            best = handles[k];
        }
    }
    return best;
}

// Distance from `mouse` to the hairline as drawn (the displaced line), window px.
double DistanceToLinePx(const AppState& app, const CanvasFrame& frame, const ImVec2& mouse) {
    const std::vector<Vec2>& line = app.doc.drawing.hairline_mm;
    const Vec2 p = frame.ScreenToMm(mouse);
    double nearest_mm = 1e300;
    for (size_t k = 0; k + 1 < line.size(); ++k) nearest_mm = std::min(nearest_mm, SegmentDistanceMm(p, line[k], line[k + 1]));
    return frame.view->LengthMmToPixels(nearest_mm);
}

// Where a new control point goes: between the two given points whose segment passes nearest `p`.
size_t InsertionIndex(const HairlineSpec& spec, const Vec2& p) {
    size_t best = spec.points_mm.size();
    double best_mm = 1e300;
    for (size_t i = 0; i + 1 < spec.points_mm.size(); ++i) {
        const double d = SegmentDistanceMm(p, spec.points_mm[i], spec.points_mm[i + 1]);
        if (d < best_mm) {
            best_mm = d;
            best = i + 1;
        }
    }
    // Beyond the ends (mirror on: only the outer end, the midline point stays last).
    if (!spec.points_mm.empty()) {
        const double to_first = (p - spec.points_mm.front()).norm();
        if (to_first < best_mm && p.x() < spec.points_mm.front().x()) best = 0;
    }
    return best;
}

}  // namespace

std::vector<Vec2> HairlineHandlePositionsMm(const HairlineSpec& spec, double midline_x_mm, std::vector<HairlineHandle>* handles) {
    // Exactly the control points the core draws the curve through, mirror images included.
    std::vector<HairlineControlSource> sources;
    std::vector<Vec2> positions = MirroredControlPointsMm(spec, midline_x_mm, &sources);
    if (handles) {
        handles->clear();
        for (const HairlineControlSource& source : sources) handles->push_back({source.given_index, source.mirrored});
    }
    return positions;
}

bool HairlinePointer(AppState& app, const CanvasFrame& frame) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    PointerInput& tool = app.pointer;
    const bool has_hairline = app.doc.design.hairline.has_value();
    const Vec2 p_mm = frame.ScreenToMm(mouse);
    if (ImGui::IsItemActivated() && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && has_hairline) {
        const HairlineHandle handle = HandleUnder(app, frame, mouse);
        if (handle.index >= 0 && !handle.mirrored) tool.dragging_handle = handle;
    }
    // Double-click: on a given point removes it (the line keeps two, or one plus its mirror);
    // elsewhere near the line adds one there.
    if (ImGui::IsItemHovered() && LeftDoubleClicked(app.pointer.press_click_count) && has_hairline) {
        HairlineSpec spec = *app.doc.design.hairline;
        const HairlineHandle handle = HandleUnder(app, frame, mouse);
        Design edited = app.doc.design;
        if (handle.index >= 0) {
            if (spec.points_mm.size() > 2) {
                spec.points_mm.erase(spec.points_mm.begin() + handle.index);
                edited.hairline = spec;
                ReportEditStatus(app, EditDesign(app.doc, edited, "remove hairline point"));
            } else {
                app.screen.last_error = "a hairline needs at least two control points";
            }
        } else if (DistanceToLinePx(app, frame, mouse) <= kGrabDistanceLogicalPx * app.ui_scale) {
            const double midline_x_mm = app.doc.drawing.midline_x_mm;
            Vec2 q = p_mm;
            if (spec.mirror && q.x() > midline_x_mm) q.x() = 2.0 * midline_x_mm - q.x();   // the left half takes it
            q = Vec2(QuantiseLinkMm(q.x()), QuantiseLinkMm(q.y()));   // on the share link's grid
            const size_t at = InsertionIndex(spec, q);
            if (spec.points_mm.size() < static_cast<size_t>(DesignLimits::kMaxPathPoints)) {
                spec.points_mm.insert(spec.points_mm.begin() + static_cast<std::ptrdiff_t>(at), q);
                edited.hairline = spec;
                ReportEditStatus(app, EditDesign(app.doc, edited, "add hairline point"));
            }
        }
        tool.dragging_handle = {};
        return true;
    }
    if (tool.dragging_handle.index >= 0) {
        if (has_hairline && ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            HairlineSpec spec = *app.doc.design.hairline;
            const size_t i = static_cast<size_t>(tool.dragging_handle.index);
            if (i < spec.points_mm.size() && (spec.points_mm[i] - p_mm).norm() > 0.05) {
                Vec2 q = p_mm;
                const double midline_x_mm = app.doc.drawing.midline_x_mm;
                if (spec.mirror) {
                    // The midline point stays on the midline; the others stay on the left half.
                    const bool on_midline = std::fabs(spec.points_mm[i].x() - midline_x_mm) <= kHairlineOnMidlineMm;
                    q.x() = on_midline ? midline_x_mm : std::min(q.x(), midline_x_mm - kHairlineOnMidlineMm - 0.5);
                }
                const RectMm frame_mm = app.doc.pattern.field->FrameMm();
                q = q.cwiseMax(frame_mm.min_mm).cwiseMin(frame_mm.max_mm);
                spec.points_mm[i] = Vec2(QuantiseLinkMm(q.x()), QuantiseLinkMm(q.y()));   // on the share link's grid
                Design edited = app.doc.design;
                edited.hairline = spec;
                const Status moved = ApplyLiveEdit(app.doc, edited, "move hairline point");
                if (!moved.ok()) app.screen.last_error = moved.message();
            }
            return true;
        }
        EndLiveEdit(app.doc);
        tool.dragging_handle = {};
        return true;
    }
    return false;
}

void DrawHairlineHandles(ImDrawList* draw, const AppState& app, const CanvasFrame& frame) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (!app.doc.design.hairline) return;
    const float scale = app.ui_scale;
    std::vector<HairlineHandle> handles;
    const std::vector<Vec2> positions = HairlineHandlePositionsMm(*app.doc.design.hairline, app.doc.drawing.midline_x_mm, &handles);
    const HairlineHandle hover = app.pointer.dragging_handle.index >= 0 ? app.pointer.dragging_handle
                                                                     : (app.pointer.hovering ? HandleUnder(app, frame, mouse) : HairlineHandle{});
    // The control polygon, faint, so the handles read as one line.
    for (size_t k = 0; k + 1 < positions.size(); ++k) {
        if (handles[k].mirrored || handles[k + 1].mirrored) continue;
        draw->AddLine(frame.MmToScreen(positions[k]), frame.MmToScreen(positions[k + 1]), theme::kHandleGuide, 1.0f * scale);
    }
    for (size_t k = 0; k < positions.size(); ++k) {
        const ImVec2 p = frame.MmToScreen(positions[k]);
        const bool hot = hover.index == handles[k].index && hover.mirrored == handles[k].mirrored;
        const float r = kHandleRadiusLogicalPx * scale * (hot ? 1.35f : 1.0f);
        if (handles[k].mirrored) {
            draw->AddCircle(p, r, theme::kHandleMirror, 20, 1.5f * scale);
        } else {
            draw->AddCircleFilled(p, r, hot ? theme::kHandleHot : theme::kHandle, 20);
            draw->AddCircle(p, r, theme::kHandleOutline, 20, 1.5f * scale);
        }
    }
}

void DrawHairlinePanel(AppState& app) {
    const Design& design = app.doc.design;
    const bool scalp = app.doc.pattern.field->Scalp() != nullptr;
    if (!design.hairline) {
        ImGui::TextWrapped("This design has no hairline.");
        ImGui::BeginDisabled(!scalp);
        if (ImGui::Button("Add a hairline")) {
            Design edited = design;
            edited.hairline = DefaultHairline(app);
            if (edited.mode != TreatmentMode::kShaved) edited.mode = TreatmentMode::kShaved;
            ReportEditStatus(app, EditDesign(app.doc, edited, design.mode == TreatmentMode::kShaved ? "add hairline" : "add hairline (shaved look)"));
        }
        ImGui::EndDisabled();
        ImGui::SetItemTooltip(scalp ? (design.mode == TreatmentMode::kShaved ? "A soft hairline 80 mm above the glabella, mirrored"
                                                                             : "A soft hairline 80 mm above the glabella, mirrored; the design switches to the shaved look (hairlines are not used in density mode)")
                                    : "Needs the scalp template");
        return;
    }
    if (design.mode == TreatmentMode::kDensity) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Colours().warning_text);
        ImGui::TextWrapped("Density mode places dots between existing hair: the hairline is not used.");
        ImGui::PopStyleColor();
    }
    HintText("Drag a point; double-click the line to add one, a point to remove it.");
    const HairlineSpec spec = *design.hairline;   // a copy: edits below replace the design

    bool mirror = spec.mirror;
    if (ImGui::Checkbox("Mirror", &mirror)) {
        Design edited = design;
        edited.hairline = WithMirror(spec, mirror, app.doc.drawing.midline_x_mm);
        ReportEditStatus(app, EditDesign(app.doc, edited, mirror ? "mirror hairline" : "unmirror hairline"));
    }
    ImGui::SetItemTooltip("Design the client's left half; the right half follows it, shifted by the asymmetry");
    if (spec.mirror) {
        float asymmetry = static_cast<float>(spec.asymmetry_mm);
        const bool changed = ImGui::SliderFloat("Asymmetry", &asymmetry, -10.0f, 10.0f, "%.1f mm");
        ImGui::SetItemTooltip("How far the right temple sits back (+) or forward (-) of the left");
        LiveWidgetEdit(app, changed, "hairline asymmetry", [&](Design& edited) {
            if (edited.hairline) edited.hairline->asymmetry_mm = std::round(asymmetry * 10.0f) / 10.0;
        });
    }
    int style = static_cast<int>(spec.style);
    if (ImGui::BeginCombo("Style", kStyleNames[style])) {
        for (int s = 0; s < 4; ++s) {
            if (ImGui::Selectable(kStyleNames[s], s == style) && s != style) {
                Design edited = design;
                edited.hairline->style = static_cast<HairlineStyle>(s);
                ReportEditStatus(app, EditDesign(app.doc, edited, std::string("hairline style ") + kStyleNames[s]));
            }
            ImGui::SetItemTooltip("%s", kStyleHints[s]);
        }
        ImGui::EndCombo();
    }
    if (app.doc.pattern.field->Hairline()) {
        // Read before the slider: an edit replaces the compiled field (and its hairline).
        float depth = static_cast<float>(app.doc.pattern.field->Hairline()->TransitionMm());
        const bool changed = ImGui::SliderFloat("Transition", &depth, 5.0f, 10.0f, "%.1f mm");
        ImGui::SetItemTooltip("Depth of the zone behind the line where density ramps up with fine, light dots");
        LiveWidgetEdit(app, changed, "hairline transition", [&](Design& edited) {
            if (edited.hairline) edited.hairline->transition_mm = std::round(depth * 10.0f) / 10.0;
        });
    }
    const DensityField& field = *app.doc.pattern.field;   // after the edits above
    if (field.Hairline() && field.Scalp()) {
        const double height_mm = field.Scalp()->SurfaceLengthMm(field.Scalp()->GetLandmarks().glabella_mm, field.Hairline()->MidlineCrossingMm());
        ImGui::TextWrapped("Mid-frontal point: %.0f mm above the glabella", height_mm);
    }
    bool any_warning = false;
    for (const DesignWarning& warning : field.Warnings()) {
        if (warning.code.rfind("hairline", 0) != 0) continue;
        any_warning = true;
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Colours().warning_text);
        ImGui::TextWrapped("%s", warning.message.c_str());
        ImGui::PopStyleColor();
    }
    if (!any_warning) HintText("Height, curve, irregularity and asymmetry look natural.");
    if (ImGui::Button("Remove the hairline")) {
        Design edited = design;
        edited.hairline.reset();
        ReportEditStatus(app, EditDesign(app.doc, edited, "remove hairline"));
    }
}

extern constinit const ToolDef kHairlineTool = {
    "hairline", "Hairline", "Shape the hairline: drag its points (L)", ImGuiKey_L,
    /*in_client_mode=*/true, /*paints=*/false, kToolMarksHairline, HairlinePointer, DrawHairlinePanel, DrawHairlineHandles,
};

}  // namespace smp
