// The document (src/document/document.h): what the designer does to a person's work, without a
// screen. Every check compares designs as their saved JSON and dots as their plan's bytes: "the
// same" here means byte for byte, as a saved file or a shared link would see it.
#include "document/document.h"

#include "core/design_json.h"
#include "core/design_link.h"
#include "core/plan_json.h"

#include <doctest/doctest.h>

#include <string>

using namespace smp;

namespace {

// A small flat design (fast natively, in WebAssembly and under the sanitizers): 60 × 40 mm at
// 30-60 dots/cm² in two grid cells.
constexpr const char* kSmallDesign = R"({"type": "smp.design", "schema_version": 2, "seed": 5, "title": "Small",
  "template": {"kind": "flat", "width_mm": 60, "height_mm": 40},
  "density": {"layers": [{"kind": "grid", "origin_mm": [0, 0], "cell_mm": 30, "cols": 2, "rows": 1,
                          "interpolation": "nearest", "per_cm2": [30, 60]}]}})";

Design SmallDesign() {
    Expected<Design> design = RestoreDesign(std::string_view(kSmallDesign));
    REQUIRE(design.ok());
    return *design;
}

// A document holding `design`, as the app opens one (no undo step).
void Open(Document& doc, const Design& design) { REQUIRE(SetDesign(doc, design).ok()); }

// What a file or a link would hold of the document: the design's JSON and the plan's bytes.
struct Snapshot {
    std::string design_json;
    std::string plan_json;
    bool operator==(const Snapshot&) const = default;
};
Snapshot Take(const Document& doc) { return {DesignJsonText(doc), PlanJsonText(doc)}; }

// The same design with the right cell at `per_cm2`.
Design WithRightCell(Design design, double per_cm2) {
    std::get<GridLayer>(design.layers[0]).per_cm2[1] = per_cm2;
    return design;
}

StrokeLayer BrushAt(const Vec2& p_mm, double per_cm2) {
    StrokeLayer stroke;
    stroke.points_mm = {p_mm};
    stroke.pressure = {1.0};
    stroke.radius_mm = 6.0;
    stroke.strength = DensityValue::Dots(per_cm2);
    return stroke;
}

}  // namespace

TEST_CASE("document: a design opens with its dots counted and its drawing geometry") {
    Document doc;
    Open(doc, SmallDesign());
    CHECK(doc.revision == 1);
    CHECK(doc.total_dots > 0);
    int64_t per_session = 0;
    for (int64_t n : doc.dots_per_session) per_session += n;
    CHECK(per_session == doc.total_dots);
    CHECK(doc.drawing.scalp_outline_mm.size() == 4);   // the flat area's rectangle
    CHECK(doc.drawing.midline_x_mm == 30.0);
    CHECK(doc.drawing.scalp_bounds_mm.max_mm == Vec2(60.0, 40.0));
    CHECK_FALSE(doc.history.CanUndo());
    // The plan is the one `smp plan` writes for the design: a fresh generation's.
    Expected<DotPattern> fresh = GenerateDots(doc.design);
    REQUIRE(fresh.ok());
    CHECK(PlanJsonText(doc) == PlanToJsonText(doc.design, *fresh));
}

TEST_CASE("document: the painting headroom grows the load's own build in place, and a new template's too") {
    Document doc;
    Open(doc, SmallDesign());
    CHECK(doc.engine_timings.generations == 1);
    CHECK(doc.engine_timings.last_generate_ms > 0.0);
    CHECK(doc.pattern.raw_set_builder != nullptr);   // kept for the headroom
    const Snapshot loaded = Take(doc);
    ReservePaintingHeadroom(doc);
    CHECK(doc.painting_headroom);
    CHECK(doc.engine_timings.headroom_in_place);
    CHECK(doc.engine_timings.last_headroom_ms > 0.0);
    CHECK(doc.pattern.raw_set_builder == nullptr);   // let go once grown
    CHECK(Take(doc) == loaded);                      // the dots do not change
    // An edit that stays local regenerates nothing; a new template regenerates, and its headroom
    // grows in place again.
    REQUIRE(EditDesign(doc, WithRightCell(doc.design, 40.0), "Density").ok());
    CHECK(doc.engine_timings.generations == 1);
    Design wider = doc.design;
    wider.template_spec.flat.width_mm = 80.0;
    REQUIRE(EditDesign(doc, wider, "Size").ok());
    CHECK(doc.engine_timings.generations == 2);
    doc.engine_timings.headroom_in_place = false;
    ReservePaintingHeadroom(doc);
    CHECK(doc.engine_timings.headroom_in_place);
    CHECK(doc.pattern.raw_set_builder == nullptr);
    // A regeneration whose own headroom already covers the brush keeps no build either, once the
    // headroom frame has passed (130 dots/cm², above the 120 reserved, regenerates with room up to 150).
    Design denser = doc.design;
    std::get<GridLayer>(denser.layers[0]).per_cm2 = {130.0, 130.0};
    REQUIRE(EditDesign(doc, denser, "Denser").ok());
    CHECK(doc.engine_timings.generations == 3);
    ReservePaintingHeadroom(doc);
    CHECK(doc.pattern.raw_set_builder == nullptr);
}

// The ranked set's points, position and rank, are the same to the bit.
bool SameRankedSet(const DotPattern& a, const DotPattern& b) {
    if (a.ranked.size() != b.ranked.size()) return false;
    for (size_t i = 0; i < a.ranked.size(); ++i) {
        if (a.ranked[i].position_mm != b.ranked[i].position_mm || a.ranked[i].rank_per_cm2 != b.ranked[i].rank_per_cm2) return false;
    }
    return true;
}

TEST_CASE("document: the painting headroom spread over frames ends as one made at once; a stroke meanwhile finishes it") {
    // 200 x 150 mm at up to 60 dots/cm²: the headroom to the brush's 120 is 18,000 points, several frames' worth.
    Design design = SmallDesign();
    design.template_spec.flat.width_mm = 200.0;
    design.template_spec.flat.height_mm = 150.0;
    std::get<GridLayer>(design.layers[0]).cell_mm = 100.0;
    Document at_once;
    Open(at_once, design);
    ReservePaintingHeadroom(at_once);
    REQUIRE(at_once.engine_timings.headroom_in_place);
    CHECK(at_once.engine_timings.headroom_frames == 1);

    Document spread;
    Open(spread, design);
    const Snapshot loaded = Take(spread);
    const size_t ranked_loaded = spread.pattern.ranked.size();
    const size_t expected_frames = (at_once.pattern.ranked.size() - ranked_loaded + kHeadroomPointsPerFrame - 1) / kHeadroomPointsPerFrame;
    REQUIRE(expected_frames >= 5);
    uint32_t frames = 0;
    while (PaintingHeadroomPending(spread)) {
        AdvancePaintingHeadroom(spread);
        ++frames;
        REQUIRE(frames <= expected_frames + 1);
        if (PaintingHeadroomPending(spread)) {   // the parts made ahead are held back meanwhile
            CHECK(spread.pattern.ranked.size() == ranked_loaded);
            CHECK(spread.engine_timings.last_headroom_ms == 0.0);
        }
    }
    // The frame that makes the last part hands all of them out.
    CHECK(frames == expected_frames);
    CHECK(spread.engine_timings.headroom_frames == frames);
    CHECK(spread.engine_timings.headroom_in_place);
    CHECK(spread.engine_timings.headroom_longest_frame_ms > 0.0);
    CHECK(spread.engine_timings.headroom_longest_frame_ms < spread.engine_timings.last_headroom_ms);
    CHECK(spread.pattern.raw_set_builder == nullptr);
    CHECK(SameRankedSet(spread.pattern, at_once.pattern));
    CHECK(Take(spread) == loaded);
    AdvancePaintingHeadroom(spread);   // done: nothing more
    CHECK(spread.engine_timings.headroom_frames == frames);

    // A stroke two frames in finishes the headroom at once, with the same points, and paints.
    Document stroked;
    Open(stroked, design);
    AdvancePaintingHeadroom(stroked);
    AdvancePaintingHeadroom(stroked);
    REQUIRE(PaintingHeadroomPending(stroked));
    REQUIRE(BeginStroke(stroked, BrushAt(Vec2(50, 50), 100.0), "Brush").ok());
    CHECK_FALSE(PaintingHeadroomPending(stroked));
    CHECK(stroked.engine_timings.headroom_frames == 3);
    CHECK(stroked.engine_timings.generations == 1);   // painting up to 100 regenerated nothing
    CHECK(SameRankedSet(stroked.pattern, at_once.pattern));

    // An edit between frames starts the headroom's count again, and it still ends as one made at once.
    Document edited;
    Open(edited, design);
    AdvancePaintingHeadroom(edited);
    REQUIRE(EditDesign(edited, WithRightCell(edited.design, 50.0), "Density").ok());
    while (PaintingHeadroomPending(edited)) AdvancePaintingHeadroom(edited);
    Document edited_at_once;
    Open(edited_at_once, edited.design);
    ReservePaintingHeadroom(edited_at_once);
    CHECK(SameRankedSet(edited.pattern, edited_at_once.pattern));
    CHECK(Take(edited).plan_json == Take(edited_at_once).plan_json);
}

TEST_CASE("document: a read-only design reserves no painting headroom until it can be painted") {
    Document doc;
    Open(doc, SmallDesign());
    Design shared = SmallDesign();
    shared.seed = 5;
    REQUIRE(OpenLink(doc, EncodeDesignLink(shared)).ok());
    REQUIRE(doc.client_view);
    const size_t ranked = doc.pattern.ranked.size();
    const Snapshot shown = Take(doc);
    // The frames after a link opens: nothing can paint it, so the set does not grow, and no
    // frame is due for it (the app may go idle).
    CHECK_FALSE(PaintingHeadroomPending(doc));
    ReservePaintingHeadroom(doc);
    ReservePaintingHeadroom(doc);
    CHECK_FALSE(doc.painting_headroom);
    CHECK(doc.pattern.ranked.size() == ranked);
    CHECK(doc.engine_timings.last_headroom_ms == 0.0);
    CHECK(doc.pattern.raw_set_builder != nullptr);   // kept for "Edit a copy"
    // "Edit a copy": the next frame grows the load's own build in place, the dots unchanged.
    REQUIRE(EditSharedCopy(doc).ok());
    CHECK(PaintingHeadroomPending(doc));
    ReservePaintingHeadroom(doc);
    CHECK_FALSE(PaintingHeadroomPending(doc));
    CHECK(doc.painting_headroom);
    CHECK(doc.engine_timings.headroom_in_place);
    CHECK(doc.pattern.ranked.size() > ranked);
    CHECK(doc.pattern.raw_set_builder == nullptr);
    CHECK(Take(doc) == shown);

    // An embedded viewer never paints: it lets the build go and keeps its set as loaded.
    Document viewer;
    viewer.view_only = true;
    Open(viewer, shared);
    const size_t viewer_ranked = viewer.pattern.ranked.size();
    ReservePaintingHeadroom(viewer);
    CHECK_FALSE(viewer.painting_headroom);
    CHECK(viewer.pattern.ranked.size() == viewer_ranked);
    CHECK(viewer.pattern.raw_set_builder == nullptr);
}

TEST_CASE("document: undo and redo are exact, design and dots, over many steps") {
    Document doc;
    Open(doc, SmallDesign());
    std::vector<Snapshot> states = {Take(doc)};
    for (double per_cm2 : {70.0, 20.0, 45.0, 0.0}) {
        REQUIRE(EditDesign(doc, WithRightCell(doc.design, per_cm2), "right cell").ok());
        states.push_back(Take(doc));
    }
    REQUIRE(BeginStroke(doc, BrushAt(Vec2(10, 10), 90.0), "brush stroke").ok());
    REQUIRE(ExtendStroke(doc, Vec2(25, 20), 1.0).ok());
    REQUIRE(EndStroke(doc).ok());
    states.push_back(Take(doc));
    CHECK(doc.history.UndoLabel() == "brush stroke");

    // All the way back, each step exactly the state before it; then all the way forward.
    for (size_t k = states.size() - 1; k > 0; --k) {
        REQUIRE(UndoEdit(doc));
        CHECK(Take(doc) == states[k - 1]);
    }
    CHECK_FALSE(UndoEdit(doc));
    CHECK(Take(doc) == states[0]);
    for (size_t k = 1; k < states.size(); ++k) {
        REQUIRE(RedoEdit(doc));
        CHECK(Take(doc) == states[k]);
    }
    CHECK_FALSE(RedoEdit(doc));
}

TEST_CASE("document: a live edit is one undo step however many frames it lasts") {
    Document doc;
    Open(doc, SmallDesign());
    const Snapshot before = Take(doc);
    const uint64_t revision = doc.revision;
    for (double per_cm2 : {61.0, 64.0, 70.0, 75.0}) REQUIRE(ApplyLiveEdit(doc, WithRightCell(doc.design, per_cm2), "density").ok());
    CHECK(doc.revision == revision + 4);   // every frame shows its dots
    EndLiveEdit(doc);
    const Snapshot after = Take(doc);
    CHECK(doc.history.Steps() == 1);
    CHECK(doc.history.UndoLabel() == "density");
    REQUIRE(UndoEdit(doc));
    CHECK(Take(doc) == before);
    REQUIRE(RedoEdit(doc));
    CHECK(Take(doc) == after);

    SUBCASE("a gesture that ends where it began is no edit") {
        const size_t steps = doc.history.Steps();
        REQUIRE(ApplyLiveEdit(doc, WithRightCell(doc.design, 10.0), "density").ok());
        REQUIRE(ApplyLiveEdit(doc, WithRightCell(doc.design, 75.0), "density").ok());
        EndLiveEdit(doc);
        CHECK(doc.history.Steps() == steps);
        CHECK(Take(doc) == after);
    }
    SUBCASE("a refused frame leaves the last good frame, and the gesture still undoes as one") {
        REQUIRE(ApplyLiveEdit(doc, WithRightCell(doc.design, 40.0), "density").ok());
        const Snapshot good = Take(doc);
        Design too_dense = WithRightCell(doc.design, 150.0);
        for (SessionSpec& session : too_dense.sessions) session.fill_needle.dot_diameter_mm = 1.0;   // 1 mm dots cannot fit 150/cm²
        const Status refused = ApplyLiveEdit(doc, too_dense, "density");
        CHECK_FALSE(refused.ok());
        CHECK(Take(doc) == good);
        EndLiveEdit(doc);
        REQUIRE(UndoEdit(doc));
        CHECK(Take(doc) == after);
    }
    SUBCASE("a cancelled live edit leaves no trace") {
        const size_t steps = doc.history.Steps();
        REQUIRE(ApplyLiveEdit(doc, WithRightCell(doc.design, 5.0), "density").ok());
        CancelLiveEdit(doc);
        CHECK(Take(doc) == after);
        CHECK(doc.history.Steps() == steps);
        CHECK_FALSE(doc.live_edit_before.has_value());
    }
}

TEST_CASE("document: a stroke is one step, local updates equal a full generation, a pinch takes it back") {
    Document doc;
    Open(doc, SmallDesign());
    const Snapshot before = Take(doc);
    REQUIRE(BeginStroke(doc, BrushAt(Vec2(5, 5), 100.0), "brush stroke").ok());
    for (int k = 1; k <= 12; ++k) REQUIRE(ExtendStroke(doc, Vec2(5.0 + 4.0 * k, 5.0 + 2.5 * k), 0.5 + 0.04 * k).ok());
    CHECK(doc.timings.updates >= 2);
    REQUIRE(EndStroke(doc).ok());
    CHECK(doc.history.Steps() == 1);
    Expected<DotPattern> fresh = GenerateDots(doc.design);
    REQUIRE(fresh.ok());
    CHECK(PlanJsonText(doc) == PlanToJsonText(doc.design, *fresh));

    // A touch stroke that turns into a two-finger pinch: gone, with nothing to redo.
    REQUIRE(BeginStroke(doc, BrushAt(Vec2(40, 30), 0.0), "eraser stroke").ok());
    REQUIRE(ExtendStroke(doc, Vec2(50, 20), 1.0).ok());
    TakeBackPress(doc, /*press_made_edit=*/false);
    CHECK_FALSE(doc.stroking);
    CHECK(doc.history.Steps() == 1);
    CHECK_FALSE(doc.history.CanRedo());
    REQUIRE(UndoEdit(doc));
    CHECK(Take(doc) == before);
}

TEST_CASE("document: replacing the design with one that fails changes nothing") {
    Document doc;
    Open(doc, SmallDesign());
    REQUIRE(EditDesign(doc, WithRightCell(doc.design, 50.0), "right cell").ok());
    const Snapshot before = Take(doc);
    const uint64_t revision = doc.revision, serial = doc.document_serial;
    const size_t steps = doc.history.Steps();

    Design unplaceable = SmallDesign();
    std::get<GridLayer>(unplaceable.layers[0]).per_cm2 = {150.0, 150.0};
    for (SessionSpec& session : unplaceable.sessions) session.fill_needle.dot_diameter_mm = 1.0;
    const Status replaced = ReplaceDesign(doc, unplaceable, "open design");
    CHECK_FALSE(replaced.ok());
    CHECK_FALSE(LoadDesignText(doc, "{\"type\": \"smp.design\", \"seed\": -4}").ok());
    CHECK_FALSE(LoadDesignText(doc, "norwood-9").ok());
    const Status bad_file = OpenFileText(doc, "wrong.design.json", "{\"type\": \"smp.design\", \"seed\": -4}");
    CHECK(bad_file.message().find("wrong.design.json could not be opened: ") == 0);
    CHECK(bad_file.message().find("Your design is unchanged.") != std::string::npos);
    const Status bad_autosave = RestoreAutosave(doc, "not json");
    CHECK_FALSE(bad_autosave.ok());

    CHECK(Take(doc) == before);
    CHECK(doc.revision == revision);
    CHECK(doc.document_serial == serial);
    CHECK(doc.history.Steps() == steps);
    REQUIRE(UndoEdit(doc));   // the history is the one it was
    CHECK(DesignJsonText(doc) == DesignToJsonText(SmallDesign()));
}

TEST_CASE("document: replacing the design is one undoable step and a new document") {
    Document doc;
    Open(doc, SmallDesign());
    const Snapshot own = Take(doc);
    REQUIRE(LoadDesignText(doc, "norwood-2").ok());
    CHECK(doc.document_serial == 1);
    CHECK(doc.design.title.find("Norwood") != std::string::npos);
    REQUIRE(UndoEdit(doc));
    CHECK(Take(doc) == own);
}

TEST_CASE("document: a shared link opens read-only, Back to my design returns the person's own") {
    Document doc;
    Open(doc, SmallDesign());
    REQUIRE(EditDesign(doc, WithRightCell(doc.design, 40.0), "right cell").ok());
    const Snapshot own = Take(doc);
    const size_t steps = doc.history.Steps();

    Design shared = SmallDesign();
    shared.seed = 77;
    shared.title = "Shared";
    const std::string link = "https://clinic.example/designer/#" + EncodeDesignLink(shared);

    SUBCASE("a damaged link changes nothing and says so") {
        std::string damaged = link;
        damaged[damaged.size() - 3] = damaged[damaged.size() - 3] == 'A' ? 'B' : 'A';
        const Status opened = OpenLink(doc, damaged);
        CHECK_FALSE(opened.ok());
        CHECK(opened.message().find("This link could not be opened: ") == 0);
        CHECK(opened.message().find("Nothing was changed.") != std::string::npos);
        CHECK_FALSE(doc.client_view);
        CHECK(Take(doc) == own);
    }

    REQUIRE(OpenLink(doc, link).ok());
    CHECK(doc.client_view);
    CHECK(ReadOnly(doc));
    CHECK(doc.design.title == "Shared");
    REQUIRE(doc.design_before_link.has_value());
    // Nothing changes a shared design: edits, live edits, strokes and undo are refused.
    const Snapshot shown = Take(doc);
    CHECK_FALSE(EditDesign(doc, WithRightCell(doc.design, 10.0), "x").ok());
    CHECK_FALSE(ApplyLiveEdit(doc, WithRightCell(doc.design, 10.0), "x").ok());
    CHECK_FALSE(BeginStroke(doc, BrushAt(Vec2(10, 10), 90.0), "x").ok());
    CHECK_FALSE(UndoEdit(doc));
    CHECK(Take(doc) == shown);

    SUBCASE("Back to my design") {
        REQUIRE(CloseClientView(doc).ok());
        CHECK_FALSE(doc.client_view);
        CHECK(Take(doc) == own);
        CHECK(doc.history.Steps() == steps);   // opening and closing a link is no edit
    }
    SUBCASE("Edit a copy: the shared design becomes the person's, and Undo brings their own back") {
        REQUIRE(EditSharedCopy(doc).ok());
        CHECK_FALSE(doc.client_view);
        CHECK(Take(doc) == shown);
        CHECK(doc.history.UndoLabel() == "open shared design");
        REQUIRE(UndoEdit(doc));
        CHECK(Take(doc) == own);
    }
    SUBCASE("a preset over the shared design: Undo goes back to the person's own") {
        REQUIRE(LoadDesignText(doc, "norwood-2").ok());
        CHECK_FALSE(doc.client_view);
        REQUIRE(UndoEdit(doc));
        CHECK(Take(doc) == own);
    }
    SUBCASE("a second link keeps the person's own design to come back to") {
        Design other = shared;
        other.seed = 78;
        REQUIRE(OpenLink(doc, EncodeDesignLink(other)).ok());
        REQUIRE(CloseClientView(doc).ok());
        CHECK(Take(doc) == own);
    }
}

TEST_CASE("document: the untouched start design is nobody's work; an embedded viewer changes nothing") {
    Document doc;
    Open(doc, SmallDesign());
    Design shared = SmallDesign();
    shared.seed = 3;
    REQUIRE(OpenLink(doc, EncodeDesignLink(shared)).ok());
    CHECK_FALSE(doc.design_before_link.has_value());   // nothing to go back to
    REQUIRE(CloseClientView(doc).ok());
    CHECK(doc.design.seed == 3);                        // the shared design stays, now editable
    CHECK_FALSE(ReadOnly(doc));

    doc.view_only = true;
    const Snapshot shown = Take(doc);
    CHECK_FALSE(EditDesign(doc, WithRightCell(doc.design, 10.0), "x").ok());
    CHECK_FALSE(BeginStroke(doc, BrushAt(Vec2(10, 10), 90.0), "x").ok());
    CHECK(Take(doc) == shown);
}

TEST_CASE("document: file names from titles") {
    Design design;
    design.title = "Norwood IV -- crown & temples";
    CHECK(DesignFileStem(design) == "norwood-iv-crown-temples");
    design.title = "";
    CHECK(DesignFileStem(design) == "smp-design");
}
