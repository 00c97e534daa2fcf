// smp document: the design being worked on (document.h).
//
// [SECTION] Revisions and drawing geometry
// [SECTION] Changing the design
// [SECTION] Strokes
// [SECTION] Opening and replacing
// [SECTION] Links and the client view
// [SECTION] What the document hands out
#include "document/document.h"

#include "core/design_diff.h"
#include "core/design_json.h"
#include "core/design_link.h"
#include "core/plan_json.h"
#include "core/presets.h"
#include "core/scalp_template.h"

#include <algorithm>
#include <chrono>
#include <utility>

namespace smp {
namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] Revisions and drawing geometry
// ---------------------------------------------------------------------------------------------

// A new revision of the dots: count them once for the screen and stats().
void NewRevision(Document& doc) {
    doc.revision += 1;
    doc.dots_per_session.assign(doc.design.sessions.size(), 0);
    doc.total_dots = 0;
    for (const PointState& point : doc.pattern.state) {
        if (point.session == 0) continue;
        doc.dots_per_session[static_cast<size_t>(point.session - 1)] += 1;
        doc.total_dots += 1;
    }
}

// Everything a screen draws besides the dots, from the compiled design.
void RebuildDrawing(Document& doc) {
    const DensityField& field = *doc.pattern.field;
    DesignDrawing& drawing = doc.drawing;
    drawing.scalp_bounds_mm = field.FrameMm();
    drawing.zone_borders_mm.clear();
    drawing.landmarks_mm.clear();
    drawing.hairline_mm.clear();
    drawing.guide_points_mm.clear();
    if (const ScalpTemplate* scalp = field.Scalp()) {
        for (double height_mm : kGuideHeightsMm) drawing.guide_points_mm.push_back(scalp->MidlinePointAboveGlabellaMm(height_mm));
        drawing.scalp_outline_mm = scalp->Outline();
        for (const ZoneBorder& border : scalp->ZoneBorders()) drawing.zone_borders_mm.push_back(border.points_mm);
        const Landmarks& l = scalp->GetLandmarks();
        drawing.landmarks_mm = {l.mid_frontal_mm, l.frontotemporal_left_mm, l.frontotemporal_right_mm, l.temple_peak_left_mm,
                                l.temple_peak_right_mm, l.vertex_mm, l.crown_whorl_mm, l.ear_left_mm, l.ear_right_mm};
        drawing.midline_x_mm = scalp->MidlineXMm();
    } else {
        const RectMm frame = field.FrameMm();
        drawing.scalp_outline_mm = {frame.min_mm, Vec2(frame.max_mm.x(), frame.min_mm.y()), frame.max_mm,
                                    Vec2(frame.min_mm.x(), frame.max_mm.y())};
        drawing.midline_x_mm = frame.CenterMm().x();
    }
    drawing.scalp_triangles = TriangulatePolygon(drawing.scalp_outline_mm);
    if (field.Hairline()) drawing.hairline_mm = field.Hairline()->LineMm();
}

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

// Regenerates the dots within `radius_mm` of the segment a-b (a local update), timed.
Status UpdateNear(Document& doc, const Vec2& a, const Vec2& b, double radius_mm) {
    const Clock::time_point start = Clock::now();
    const RectMm region{a.cwiseMin(b) - Vec2(radius_mm, radius_mm), a.cwiseMax(b) + Vec2(radius_mm, radius_mm)};
    const Status updated = UpdateDotsInRegion(doc.design, region, doc.pattern);
    const double ms = MsSince(start);
    doc.timings.last_update_ms = ms;
    doc.timings.max_update_ms = std::max(doc.timings.max_update_ms, ms);
    doc.timings.updates += 1;
    if (updated.ok()) NewRevision(doc);
    return updated;
}

// Leaves the client view (the shared design became, or gave way to, the person's work).
void LeaveClientView(Document& doc) {
    doc.client_view = false;
    doc.design_before_link.reset();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Changing the design
// ---------------------------------------------------------------------------------------------

Status SetDesign(Document& doc, const Design& design) {
    const Clock::time_point start = Clock::now();
    bool regenerated = true;
    if (doc.pattern.field) {
        // An edit of the open design: the core regenerates only what changed (and everything when
        // the template or seed did), on a copy so that a refused design changes nothing.
        DotPattern updated = doc.pattern;
        if (Status s = UpdateDotsInRegion(design, RectMm{}, updated); !s.ok()) return s;
        // A regeneration brings a new build of the raw set along (the document's patterns keep theirs).
        regenerated = updated.raw_set_builder && updated.raw_set_builder != doc.pattern.raw_set_builder;
        doc.pattern = std::move(updated);
    } else {
        // The build stays for ReservePaintingHeadroom, which then makes the extra points only.
        Expected<DotPattern> pattern = GenerateDots(design, RawSetBuild::kKeepForHeadroom);
        if (!pattern.ok()) return pattern.status();
        doc.pattern = std::move(pattern).value();
    }
    if (regenerated) {
        doc.engine_timings.last_generate_ms = MsSince(start);
        doc.engine_timings.generations += 1;
    }
    doc.painting_headroom = false;   // ReservePaintingHeadroom, once the design is on screen
    doc.headroom_progress = {};
    doc.design = design;
    NewRevision(doc);
    RebuildDrawing(doc);
    return Status::Ok();
}

namespace {

// ReservePaintingHeadroom, in a frame that already spent `frame_ms_before` on the headroom's parts.
void FinishPaintingHeadroom(Document& doc, double frame_ms_before) {
    if (doc.painting_headroom || !doc.pattern.field) return;
    // Nobody paints a read-only design: a client who opened a link, on a phone as often as not,
    // is spared the work (about as much as the generation) and the memory. The build stays for
    // "Edit a copy", which then grows it in place; an embedded viewer never paints, so lets it go.
    if (ReadOnly(doc)) {
        if (doc.view_only) doc.pattern.raw_set_builder.reset();
        return;
    }
    // Room to paint up to the brush's densest setting without regenerating (only the raw set
    // grows, and only when it must). A design too large for that keeps the ordinary headroom.
    const Clock::time_point start = Clock::now();
    const size_t ranked_before = doc.pattern.ranked.size();
    bool in_place = false;
    if (!ReserveHeadroom(doc.design, doc.pattern, kBrushMaxPerCm2, &in_place).ok()) (void)ReserveHeadroom(doc.design, doc.pattern, 0.0, &in_place);
    doc.painting_headroom = true;
    if (doc.pattern.ranked.size() > ranked_before) {   // the set grew
        const double finish_ms = MsSince(start);
        EngineTimings& timings = doc.engine_timings;
        timings.last_headroom_ms = doc.headroom_progress.ms + frame_ms_before + finish_ms;
        timings.headroom_longest_frame_ms = std::max(doc.headroom_progress.longest_frame_ms, frame_ms_before + finish_ms);
        timings.headroom_frames = doc.headroom_progress.frames + 1;
        timings.headroom_in_place = in_place;
    }
    doc.headroom_progress = {};
}

}  // namespace

void ReservePaintingHeadroom(Document& doc) { FinishPaintingHeadroom(doc, 0.0); }

void AdvancePaintingHeadroom(Document& doc) {
    if (!PaintingHeadroomPending(doc)) {
        ReservePaintingHeadroom(doc);   // nothing to do, or a read-only design's (see there)
        return;
    }
    const Clock::time_point start = Clock::now();
    if (AdvanceHeadroom(doc.design, doc.pattern, kBrushMaxPerCm2, kHeadroomPointsPerFrame)) {
        // All made (or nothing can be made ahead): this frame hands them out, with the time spent.
        FinishPaintingHeadroom(doc, MsSince(start));
        return;
    }
    const double ms = MsSince(start);
    doc.headroom_progress.ms += ms;
    doc.headroom_progress.longest_frame_ms = std::max(doc.headroom_progress.longest_frame_ms, ms);
    doc.headroom_progress.frames += 1;
}

Status EditDesign(Document& doc, const Design& design, const std::string& label) {
    if (ReadOnly(doc)) return Status(StatusCode::kInvalidArgument, "this design is read-only here");
    const Design before = doc.design;
    if (Status s = SetDesign(doc, design); !s.ok()) return s;
    doc.history.Record(before, label);
    return Status::Ok();
}

Status ApplyLiveEdit(Document& doc, const Design& design, const std::string& label) {
    if (ReadOnly(doc)) return Status(StatusCode::kInvalidArgument, "this design is read-only here");
    const bool starting = !doc.live_edit_before;
    if (starting) doc.live_edit_before = doc.design;
    doc.live_edit_label = label;
    const Status applied = SetDesign(doc, design);
    if (!applied.ok() && starting) doc.live_edit_before.reset();   // nothing began
    return applied;
}

void EndLiveEdit(Document& doc) {
    if (!doc.live_edit_before) return;
    // A gesture that ends where it began is not an edit (the core's one exact comparison).
    if (!IdenticalDesigns(*doc.live_edit_before, doc.design)) doc.history.Record(*doc.live_edit_before, doc.live_edit_label);
    doc.live_edit_before.reset();
}

void CancelLiveEdit(Document& doc) {
    if (!doc.live_edit_before) return;
    const Design before = std::move(*doc.live_edit_before);
    doc.live_edit_before.reset();
    (void)SetDesign(doc, before);   // it generated before the gesture, so it generates again
}

Status FinishEdits(Document& doc) {
    const Status ended = doc.stroking ? EndStroke(doc) : Status::Ok();
    EndLiveEdit(doc);
    return ended;
}

namespace {

// Undo and redo: the same step through the history, either way. The design there was generated
// before, so it generates again.
bool StepHistory(Document& doc, bool undo) {
    if (ReadOnly(doc)) return false;   // a shared design or a viewer cannot change
    (void)FinishEdits(doc);   // a stroke that cannot settle stays as painted
    std::optional<Design> design = undo ? doc.history.Undo(doc.design) : doc.history.Redo(doc.design);
    return design && SetDesign(doc, *design).ok();
}

}  // namespace

bool UndoEdit(Document& doc) { return StepHistory(doc, true); }

bool RedoEdit(Document& doc) { return StepHistory(doc, false); }

void TakeBackPress(Document& doc, bool press_made_edit) {
    if (ReadOnly(doc)) return;   // nothing to take back, and the history is not the shown design's
    // A stroke, or an edit this press made (a zone fill): its step comes off the history.
    if (doc.stroking || press_made_edit) {
        doc.stroking = false;
        if (std::optional<Design> before = doc.history.TakeBack()) (void)SetDesign(doc, *before);
    }
    CancelLiveEdit(doc);
}

void RefreshFigures(Document& doc) {
    if (doc.figures_revision == doc.revision) return;
    doc.figures = MeasurePlan(doc.design, doc.pattern);
    doc.figures_revision = doc.revision;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Strokes
// ---------------------------------------------------------------------------------------------

Status BeginStroke(Document& doc, const StrokeLayer& stroke, const std::string& label) {
    if (ReadOnly(doc)) return Status(StatusCode::kInvalidArgument, "this design is read-only here");
    if (stroke.points_mm.empty()) return Status(StatusCode::kInvalidArgument, "a stroke starts at a point");
    ReservePaintingHeadroom(doc);   // done already unless the stroke begins in a design's first frame
    const Design before = doc.design;
    doc.design.layers.push_back(stroke);
    if (Status s = UpdateNear(doc, stroke.points_mm.front(), stroke.points_mm.front(), stroke.radius_mm); !s.ok()) {
        doc.design = before;
        return s;
    }
    doc.timings.stroke_first_update_ms = doc.timings.last_update_ms;
    doc.history.Record(before, label);
    doc.stroking = true;
    doc.last_stroke_point_mm = stroke.points_mm.front();
    return Status::Ok();
}

Status ExtendStroke(Document& doc, const Vec2& p_mm, double pressure) {
    if (!doc.stroking || doc.design.layers.empty()) return Status::Ok();
    auto* stroke = std::get_if<StrokeLayer>(&doc.design.layers.back());
    if (!stroke) return Status::Ok();
    // A point every quarter radius keeps the stroke smooth without bloating the design.
    if ((p_mm - doc.last_stroke_point_mm).norm() < std::max(0.5, stroke->radius_mm * 0.25)) return Status::Ok();
    if (stroke->points_mm.size() >= static_cast<size_t>(DesignLimits::kMaxPathPoints)) return Status::Ok();
    stroke->points_mm.push_back(p_mm);
    stroke->pressure.push_back(pressure);
    const Vec2 from = doc.last_stroke_point_mm;
    if (Status s = UpdateNear(doc, from, p_mm, stroke->radius_mm); !s.ok()) {
        stroke->points_mm.pop_back();
        stroke->pressure.pop_back();
        return s;
    }
    doc.last_stroke_point_mm = p_mm;
    return Status::Ok();
}

Status EndStroke(Document& doc) {
    doc.stroking = false;
    if (doc.design.layers.empty()) return Status::Ok();
    const auto* stroke = std::get_if<StrokeLayer>(&doc.design.layers.back());
    if (!stroke) return Status::Ok();
    // The finished stroke keeps only the points its shape needs, on the share link's grid: a
    // point every quarter radius would make every link too long (design_link.h). The painted area
    // moves by at most the tolerance, so only dots near the stroke can change.
    Design settled = doc.design;
    settled.layers.back() = SimplifyStroke(*stroke, StrokeSimplifyToleranceMm(stroke->radius_mm));
    return SetDesign(doc, settled);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Opening and replacing
// ---------------------------------------------------------------------------------------------

std::string Refusal(const std::string& what, const std::string& why, const char* outcome) {
    std::string text = what + " could not be opened: " + why;
    if (!text.empty() && text.back() != '.') text += '.';
    return text + " " + outcome;
}

Status ReplaceDesign(Document& doc, const Design& design, const std::string& label) {
    (void)FinishEdits(doc);   // a stroke that cannot settle stays as painted
    // Over a shared design, the one to come back to with Undo is the person's own, from before.
    const bool over_shared = doc.client_view && doc.design_before_link;
    const Design before = over_shared ? *doc.design_before_link : doc.design;
    if (Status s = SetDesign(doc, design); !s.ok()) return s;
    doc.history.Record(before, label);
    LeaveClientView(doc);
    doc.document_serial += 1;
    return Status::Ok();
}

Status LoadDesignText(Document& doc, std::string_view text_or_preset) {
    // Anything but a preset's name is the design's JSON itself; text that is neither (no '{') is
    // answered as a preset that does not exist, with the list of those that do.
    Expected<std::string> text = DesignSourceText(text_or_preset, [](std::string_view json) -> Expected<std::string> {
        if (json.find('{') == std::string_view::npos) return PresetText(json);
        return std::string(json);
    });
    if (!text.ok()) return text.status();
    Expected<Design> design = RestoreDesign(std::string_view(*text));
    if (!design.ok()) return design.status();
    return ReplaceDesign(doc, *design, "open design");
}

Status RestoreAutosave(Document& doc, std::string_view text) {
    (void)FinishEdits(doc);   // a stroke that cannot settle stays as painted
    Expected<Design> design = RestoreDesign(text);
    if (!design.ok()) return design.status();
    if (Status s = SetDesign(doc, *design); !s.ok()) return s;
    doc.history.Clear();
    LeaveClientView(doc);
    doc.opened_own_work = true;
    return Status::Ok();
}

Status OpenFileText(Document& doc, std::string_view file_name, std::string_view text) {
    const std::string name = file_name.empty() ? std::string("the file") : std::string(file_name);
    // A plan carries its design: opening one opens that design. (Its "type" comes after the dots,
    // so the whole text is searched, as `smp validate` does.)
    const bool is_plan = text.find("\"smp.plan\"") != std::string_view::npos;
    Expected<Design> design = Status(StatusCode::kParseError, "");
    if (is_plan) {
        Expected<Plan> plan = RestorePlan(text);
        design = plan.ok() ? Expected<Design>(plan->design) : Expected<Design>(plan.status());
    } else {
        design = RestoreDesign(text);
    }
    if (!design.ok()) return Status(design.status().code(), Refusal(name, design.status().message(), "Your design is unchanged."));
    if (Status s = ReplaceDesign(doc, *design, "open " + name); !s.ok()) {
        return Status(s.code(), Refusal(name, s.message(), "Your design is unchanged."));
    }
    return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Links and the client view
// ---------------------------------------------------------------------------------------------

ShareLink CurrentShareLink(const Document& doc, std::string_view base_url) {
    ShareLink link;
    link.fragment = EncodeDesignLink(doc.design);
    link.url = std::string(base_url) + "#" + link.fragment;
    link.within_budget = link.url.size() <= kLinkBudgetChars;
    return link;
}

Expected<Design> DecodeLink(std::string_view link_text) {
    Expected<Design> shared = DecodeDesignLink(link_text);
    if (!shared.ok()) return Status(shared.status().code(), Refusal("This link", shared.status().message(), "Nothing was changed."));
    return shared;
}

Status OpenSharedDesign(Document& doc, const Design& shared) {
    (void)FinishEdits(doc);   // a stroke that cannot settle stays as painted
    // The start preset, untouched, is nobody's work: a client who only opened a link has nothing
    // to go back to.
    const bool own_work = doc.history.CanUndo() || doc.opened_own_work;
    std::optional<Design> before = doc.client_view ? doc.design_before_link
                                   : own_work      ? std::optional<Design>(doc.design)
                                                   : std::nullopt;
    if (Status s = SetDesign(doc, shared); !s.ok()) {
        return Status(s.code(), Refusal("This link's design", s.message(), "Nothing was changed."));
    }
    doc.design_before_link = std::move(before);
    doc.client_view = true;
    return Status::Ok();
}

Status OpenLink(Document& doc, std::string_view link_text) {
    Expected<Design> shared = DecodeLink(link_text);
    return shared.ok() ? OpenSharedDesign(doc, *shared) : shared.status();
}

Status EditSharedCopy(Document& doc) {
    if (!doc.client_view) return Status::Ok();
    doc.opened_own_work = true;
    // The copy replaces the earlier design as an edit, so "Undo" brings that one back; the shared
    // design is already generated, so nothing regenerates.
    if (doc.design_before_link) doc.history.Record(*doc.design_before_link, "open shared design");
    doc.document_serial += 1;
    LeaveClientView(doc);
    return Status::Ok();
}

Status CloseClientView(Document& doc) {
    if (!doc.client_view) return Status::Ok();
    if (doc.design_before_link) {
        if (Status s = SetDesign(doc, *doc.design_before_link); !s.ok()) {
            return Status(s.code(), "Your design could not be shown again: " + s.message());   // still the shared design
        }
    }
    LeaveClientView(doc);
    return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] What the document hands out
// ---------------------------------------------------------------------------------------------

std::string DesignFileStem(const Design& design) {
    std::string stem;
    for (char c : design.title) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (word) stem.push_back(c);
        else if (c >= 'A' && c <= 'Z') stem.push_back(static_cast<char>(c - 'A' + 'a'));
        else if (!stem.empty() && stem.back() != '-') stem.push_back('-');
        if (stem.size() >= 40) break;
    }
    while (!stem.empty() && stem.back() == '-') stem.pop_back();
    return stem.empty() ? "smp-design" : stem;
}

std::string DesignJsonText(const Document& doc) { return DesignToJsonText(doc.design); }

std::string PlanJsonText(const Document& doc) { return PlanToJsonText(doc.design, doc.pattern); }

}  // namespace smp
