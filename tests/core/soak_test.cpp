// Soak: a long working session on one design, driven through the core's edit history the way the
// designer drives it. Thousands of random edits of every kind a practitioner makes (brush, eraser
// and smooth strokes, hairline moves, scars traced, moved and deleted, sessions added, removed and
// re-mixed, zones re-targeted), with undo and redo among them. Checked against a model of what the
// history must hold, kept here as JSON texts:
//   - every undo and redo gives back exactly the design the model says, byte for byte;
//   - edits leave designs that open again from their own JSON (every 8th is reopened);
//   - after undoing everything the design, and the plan generated from it, are byte-identical to
//     the start; redo brings back the end exactly;
//   - the history stays within its bounds (steps and bytes), however long the session;
//   - the dots, updated edit by edit as the canvas does (UpdateDotsInRegion), are exactly those a
//     fresh generation gives, after hundreds of edits and after undoing them all.
// The figures (edits, peak history, peak memory of the process) are printed.
#include "core/design_json.h"
#include "core/design_link.h"
#include "core/det_math.h"
#include "core/edit_history.h"
#include "core/generator.h"
#include "core/plan_json.h"
#include "core/presets.h"
#include "core/scars.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <deque>
#include <random>
#include <string>
#include <vector>

#if defined(__linux__) && !defined(__wasm__)
#include <malloc.h>
#include <unistd.h>
#endif

// Under AddressSanitizer every allocation is watched and the soak would take minutes: it runs
// shorter there (the same kinds of edits and checks; the long run is the native and WebAssembly one).
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SMP_SOAK_UNDER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(SMP_SOAK_UNDER_ASAN)
#define SMP_SOAK_UNDER_ASAN 1
#endif
#if defined(SMP_SOAK_UNDER_ASAN)
constexpr bool kUnderAsan = true;
#else
constexpr bool kUnderAsan = false;
#endif

namespace {

// Memory the process's allocations hold now, MiB: natively what malloc has handed out (the resident
// set also keeps what the allocator holds on to, which says little about the history).
double AllocatedMiB() {
#if defined(__GLIBC__) && !defined(__wasm__) && !defined(SMP_SOAK_UNDER_ASAN)
    return static_cast<double>(mallinfo2().uordblks + mallinfo2().hblkhd) / (1 << 20);
#else
    return 0.0;
#endif
}

// Memory this process holds now, MiB: the WebAssembly memory (which never shrinks, so also its
// peak) or the resident set.
double ProcessMiB() {
#if defined(__wasm__)
    return static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0 / (1 << 20);
#elif defined(__linux__)
    long pages = 0, resident = 0;
    if (FILE* statm = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(statm, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(statm);
    }
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1 << 20);
#else
    return 0.0;
#endif
}

smp::Design Preset(const char* name) {
    const auto text = smp::PresetText(name);
    REQUIRE_MESSAGE(text.ok(), text.status().message());
    auto design = smp::RestoreDesign(std::string_view(*text));
    REQUIRE_MESSAGE(design.ok(), design.status().message());
    return *design;
}

// Random edits of the kinds the designer's tools make, deterministic from a seed. Numbers come from
// the raw 32-bit generator (std::mt19937 is the same everywhere; its distributions are not) and
// angles go through det_math, so every build makes the same session.
class EditMaker {
public:
    EditMaker(uint32_t seed, smp::Vec2 frame_mm) : random_(seed), frame_mm_(std::move(frame_mm)) {}

    double Uniform(double lo, double hi) { return lo + (hi - lo) * (static_cast<double>(random_()) / 4294967296.0); }
    int Below(int n) { return static_cast<int>(random_() % static_cast<uint32_t>(n)); }
    smp::Vec2 Point() { return {Uniform(5.0, frame_mm_.x() - 5.0), Uniform(5.0, frame_mm_.y() - 5.0)}; }
    smp::Vec2 Clamp(const smp::Vec2& p) const {
        return {std::clamp(p.x(), 1.0, frame_mm_.x() - 1.0), std::clamp(p.y(), 1.0, frame_mm_.y() - 1.0)};
    }

    // One edit: what it was ("brush stroke", ...) and the design after it.
    std::string Edit(smp::Design& design) {
        const int pick = Below(100);
        if (pick < 34) return Stroke(design);
        if (pick < 56) return Hairline(design);
        if (pick < 72) return Scar(design);
        if (pick < 89) return Sessions(design);
        if (pick < 96) return Zones(design);
        design.title = "Soak " + std::to_string(Below(1000));
        return "title";
    }

private:
    // A stroke as the brush leaves it: points a quarter radius apart along a wandering path, pen
    // pressure, then simplified onto the link's grid (document.cpp EndStroke).
    std::string Stroke(smp::Design& design) {
        smp::StrokeLayer stroke;
        stroke.radius_mm = Uniform(2.0, 25.0);
        stroke.falloff = Uniform(0.0, 1.0);
        const int kind = Below(10);
        stroke.blend = kind < 6 ? smp::StrokeLayer::Blend::kSet : kind < 8 ? smp::StrokeLayer::Blend::kAdd : smp::StrokeLayer::Blend::kSmooth;
        stroke.strength = smp::DensityValue::Dots(kind < 6 ? Uniform(0.0, 110.0) : kind < 8 ? Uniform(-40.0, 40.0) : 0.0);
        smp::Vec2 at = Point();
        double heading = Uniform(0.0, 6.283);
        for (int k = 0, n = 2 + Below(30); k < n; ++k) {
            stroke.points_mm.push_back(at);
            stroke.pressure.push_back(Below(3) == 0 ? 1.0 : Uniform(0.2, 1.0));
            heading += Uniform(-0.5, 0.5);
            at = Clamp(at + stroke.radius_mm * 0.25 * smp::Vec2(smp::DetCos(heading), smp::DetSin(heading)));
        }
        stroke.points_mm = smp::OnLinkGrid(stroke.points_mm);
        design.layers.push_back(smp::SimplifyStroke(stroke, smp::StrokeSimplifyToleranceMm(stroke.radius_mm)));
        return kind < 6 ? (stroke.strength.amount == 0.0 ? "eraser stroke" : "brush stroke") : kind < 8 ? "add stroke" : "smooth stroke";
    }

    // Hairline handles: dragged, added between two, removed; or the style changed. With mirror on
    // (the presets) the points are the client's left half: they stay left of the midline, and the
    // last one, on it, moves only along it (hairline_tool.cpp).
    std::string Hairline(smp::Design& design) {
        if (!design.hairline) return Stroke(design);
        std::vector<smp::Vec2>& points = design.hairline->points_mm;
        const double midline_x_mm = frame_mm_.x() / 2.0;
        const int pick = Below(10);
        if (pick < 6) {
            const size_t which = static_cast<size_t>(Below(static_cast<int>(points.size())));
            const double dx = Uniform(-6.0, 6.0), dy = Uniform(-6.0, 6.0);   // in this order, whatever the compiler
            smp::Vec2 p = Clamp(points[which] + smp::Vec2(dx, dy));
            if (design.hairline->mirror) p.x() = which + 1 == points.size() ? points[which].x() : std::min(p.x(), midline_x_mm - 1.0);
            points[which] = smp::OnLinkGrid({p})[0];
            return "move hairline point";
        }
        if (pick < 8 && points.size() < 12) {
            const size_t at = 1 + static_cast<size_t>(Below(static_cast<int>(points.size()) - 1));
            points.insert(points.begin() + static_cast<std::ptrdiff_t>(at), smp::OnLinkGrid({(points[at - 1] + points[at]) / 2.0})[0]);
            return "add hairline point";
        }
        if (pick < 9 && points.size() > 3) {
            points.erase(points.begin() + 1 + Below(static_cast<int>(points.size()) - 2));
            return "remove hairline point";
        }
        design.hairline->style = static_cast<smp::HairlineStyle>(Below(4));
        return "hairline style";
    }

    // Scars: traced (a strip or a field), moved, deleted.
    std::string Scar(smp::Design& design) {
        const int pick = Below(10);
        if ((pick < 5 || design.scars.empty()) && design.scars.size() < 8) {
            smp::ScarSpec scar;
            const smp::Vec2 at = Point();
            if (Below(2) == 0) {
                scar.kind = smp::ScarSpec::Kind::kFutStrip;
                scar.width_mm = Uniform(0.5, 6.0);
                for (int k = 0, n = 2 + Below(4); k < n; ++k) scar.points_mm.push_back(Clamp(at + smp::Vec2(k * 12.0, Uniform(-4.0, 4.0))));
            } else {
                scar.kind = smp::ScarSpec::Kind::kFueField;
                const double w = Uniform(10.0, 40.0), h = Uniform(8.0, 30.0);
                scar.points_mm = {Clamp(at), Clamp(at + smp::Vec2(w, 0)), Clamp(at + smp::Vec2(w, h)), Clamp(at + smp::Vec2(0, h))};
                // As many punch scars as the tool offers for the field (scar_tool.cpp).
                const int64_t fits = smp::FueScarsThatFit(std::fabs(smp::SignedAreaMm2(smp::OnLinkGrid(scar.points_mm))), scar.scar_diameter_mm);
                scar.count = static_cast<int>(std::clamp<int64_t>(Below(300), 1, std::max<int64_t>(fits, 1)));
            }
            scar.points_mm = smp::OnLinkGrid(scar.points_mm);
            scar.label = "scar " + std::to_string(Below(100));
            design.scars.push_back(scar);
            return "add scar";
        }
        if (design.scars.empty()) return Stroke(design);
        const size_t which = static_cast<size_t>(Below(static_cast<int>(design.scars.size())));
        if (pick < 8) {
            // Dragged whole (its shape kept), and only where it stays on the template.
            const double dx = Uniform(-10.0, 10.0), dy = Uniform(-10.0, 10.0);   // in this order, whatever the compiler
            const smp::Vec2 by = smp::OnLinkGrid({smp::Vec2(dx, dy)})[0];
            std::vector<smp::Vec2> moved = design.scars[which].points_mm;
            for (smp::Vec2& p : moved) p += by;
            if (std::all_of(moved.begin(), moved.end(), [&](const smp::Vec2& p) { return Clamp(p) == p; })) design.scars[which].points_mm = smp::OnLinkGrid(moved);
            return "move scar";
        }
        design.scars.erase(design.scars.begin() + static_cast<std::ptrdiff_t>(which));
        return "delete scar";
    }

    // The sessions panel: the number of sessions, a session's pigment, scatter or needle size.
    std::string Sessions(smp::Design& design) {
        const int pick = Below(4);
        if (pick == 0) {
            design.sessions = smp::WithSessionCount(design.sessions, 1 + Below(smp::DesignLimits::kMaxSessions), !design.scars.empty());
            return "session count";
        }
        smp::SessionSpec& session = design.sessions[static_cast<size_t>(Below(static_cast<int>(design.sessions.size())))];
        if (pick == 1) {
            session.pigment.tone_percent = std::round(Uniform(10.0, 100.0));
            session.pigment.dilution_percent = std::round(Uniform(0.0, 90.0));
            return "pigment";
        }
        if (pick == 2) {
            session.dark_scatter_percent = std::round(Uniform(0.0, 30.0));
            return "dark scatter";
        }
        session.fill_needle.dot_diameter_mm = Below(2) ? 0.25 : 0.22;
        return "needle";
    }

    // The zones layer of a scalp design: one zone's target changed.
    std::string Zones(smp::Design& design) {
        for (smp::DensityLayer& layer : design.layers) {
            if (auto* zones = std::get_if<smp::ZonesLayer>(&layer)) {
                zones->per_zone[static_cast<size_t>(Below(smp::kZoneCount))] = smp::DensityValue::Dots(std::round(Uniform(20.0, 100.0)));
                return "zone target";
            }
        }
        return Stroke(design);
    }

    std::mt19937 random_;
    smp::Vec2 frame_mm_;
};

// A design's JSON text as 64 bits (FNV-1a): the model keeps these, not the texts, so that the
// memory figures are the history's and not the test's.
uint64_t Fingerprint(const std::string& json_text) {
    uint64_t hash = 1469598103934665603ull;
    for (const char c : json_text) hash = (hash ^ static_cast<uint8_t>(c)) * 1099511628211ull;
    return hash;
}
uint64_t Fingerprint(const smp::Design& design) { return Fingerprint(smp::DesignToJsonText(design)); }

// The history and the model of what it must hold, moved together.
struct Session {
    smp::EditHistory history;
    std::deque<uint64_t> undo_model;   // designs to go back to, oldest first
    std::deque<uint64_t> redo_model;   // designs to go forward to, next last
    smp::Design design;
    uint64_t fingerprint = 0;            // the design's, kept with it (one serialisation per step)
    size_t peak_history_bytes = 0;
    size_t peak_steps = 0;
    int edits = 0, undos = 0, redos = 0, refused = 0;

    void Start(smp::Design start) {
        design = std::move(start);
        fingerprint = Fingerprint(design);
    }
    void Edit(smp::Design edited, const std::string& label, uint64_t edited_fingerprint) {
        history.Record(design, label);
        undo_model.push_back(fingerprint);
        redo_model.clear();
        design = std::move(edited);
        fingerprint = edited_fingerprint;
        ++edits;
        Bounds();
    }
    bool Undo() { return Step(true); }
    bool Redo() { return Step(false); }
    // One step through the history, mirrored in the model: undo and redo are the same move in
    // opposite directions, as in EditHistory::MoveStep.
    bool Step(bool undo) {
        std::deque<uint64_t>& from = undo ? undo_model : redo_model;
        std::deque<uint64_t>& to = undo ? redo_model : undo_model;
        std::optional<smp::Design> next = undo ? history.Undo(design) : history.Redo(design);
        REQUIRE(next.has_value() == !from.empty());
        if (!next) return false;
        to.push_back(fingerprint);
        design = std::move(*next);
        fingerprint = Fingerprint(design);
        REQUIRE(fingerprint == from.back());
        from.pop_back();
        ++(undo ? undos : redos);
        Bounds();
        return true;
    }
    // Past its bounds the history drops its oldest steps; the model drops as many, so every step
    // the history keeps is still checked against the model.
    void Bounds() {
        REQUIRE(history.Steps() <= undo_model.size());
        while (undo_model.size() > history.Steps()) undo_model.pop_front();
        REQUIRE(history.Steps() <= smp::EditHistory::kMaxSteps);
        REQUIRE(history.ApproximateBytes() <= smp::EditHistory::kMaxBytes);
        peak_history_bytes = std::max(peak_history_bytes, history.ApproximateBytes());
        peak_steps = std::max(peak_steps, history.Steps());
    }
};

// Byte-identical texts (compared out of doctest's sight: it would print both, megabytes each).
bool Identical(const std::string& a, const std::string& b) { return a == b; }

std::string PlanText(const smp::Design& design) {
    const auto dots = smp::GenerateDots(design);
    REQUIRE_MESSAGE(dots.ok(), dots.status().message());
    return smp::PlanToJsonText(design, *dots);
}

}  // namespace

TEST_CASE("soak: thousands of random edits with undo and redo; undoing everything gives back the start byte for byte") {
    const double memory_before_mib = ProcessMiB();
    std::string memory_by_round;
    Session session;
    session.Start(Preset("norwood-4"));
    const auto start_dots = smp::GenerateDots(session.design);
    REQUIRE(start_dots.ok());
    EditMaker maker(20261121, smp::Vec2(start_dots->width_mm, start_dots->height_mm));
    const std::string start_text = smp::DesignToJsonText(session.design);
    const std::string start_plan = smp::PlanToJsonText(session.design, *start_dots);

    // Rounds of 540 operations, up to 450 steps deep (the history keeps 500 steps), each undone to its start and redone
    // to its end, then carried on from there: the design grows all session long.
    constexpr int kRounds = kUnderAsan ? 2 : 6;
    constexpr int kOperationsPerRound = 540;
    std::string round_start = start_text;
    for (int round = 0; round < kRounds; ++round) {
        for (int op = 0; op < kOperationsPerRound; ++op) {
            const int pick = maker.Below(100);
            if (pick < 16) { (void)session.Undo(); continue; }
            if (pick < 26) { (void)session.Redo(); continue; }
            // Stay within the history's reach for the round: steps to undo and redo together stay
            // under its 500 (an edit clears the redo steps, so they never exceed 451).
            if (session.undo_model.size() >= 450) { (void)session.Undo(); continue; }
            smp::Design edited = session.design;
            const std::string label = maker.Edit(edited);
            const std::string text = smp::DesignToJsonText(edited);
            if (session.edits % 8 == 0) {   // opening it again costs more than the edit: a sample
                const auto reopened = smp::RestoreDesign(text);
                REQUIRE_MESSAGE(reopened.ok(), label << " left a design that does not open again: " << reopened.status().message());
            }
            const uint64_t fingerprint = Fingerprint(text);
            session.Edit(std::move(edited), label, fingerprint);
        }
        while (session.Redo()) {}   // the furthest state the round reached
        const std::string round_end = smp::DesignToJsonText(session.design);
        while (session.Undo()) {}
        CHECK_MESSAGE(Identical(smp::DesignToJsonText(session.design), round_start), "round " << round << ": undoing everything");
        while (session.Redo()) {}
        CHECK_MESSAGE(Identical(smp::DesignToJsonText(session.design), round_end), "round " << round << ": redoing everything");
        if (round == 0) {
            while (session.Undo()) {}
            CHECK_MESSAGE(Identical(smp::DesignToJsonText(session.design), start_text), "undoing the first round");
            CHECK_MESSAGE(Identical(PlanText(session.design), start_plan), "the plan after undoing the first round is the start's, byte for byte");
            while (session.Redo()) {}
        }
        // The next round starts from here with a clean history, as after a reload.
        session.history.Clear();
        session.undo_model.clear();
        session.redo_model.clear();
        round_start = round_end;
        memory_by_round += std::string(round ? ", " : "") + std::to_string(static_cast<int>(ProcessMiB()));
        if (AllocatedMiB() > 0.0) memory_by_round += " (" + std::to_string(static_cast<int>(AllocatedMiB() + 0.5)) + ")";
    }
    const auto end_plan = smp::GenerateDots(session.design);
    CHECK_MESSAGE(end_plan.ok(), end_plan.status().message());
    MESSAGE("soak: " << session.edits << " edits, " << session.undos << " undos, " << session.redos << " redos in " << kRounds
                     << " rounds; the design grew to " << session.design.layers.size() << " layers, " << session.design.scars.size()
                     << " scars, " << smp::DesignToJsonText(session.design).size() << " bytes of JSON; history peak "
                     << session.peak_steps << " steps, " << session.peak_history_bytes / 1024 << " KiB (bound "
                     << smp::EditHistory::kMaxSteps << " steps, " << (smp::EditHistory::kMaxBytes >> 20) << " MiB); process memory "
                     << memory_before_mib << " MiB before, after each round " << memory_by_round
                     << " MiB (" << std::string(sizeof(void*) == 4 ? "WebAssembly memory" : kUnderAsan ? "resident, AddressSanitizer's shadow included" : "resident; in brackets allocated") << ")");
    CHECK(session.edits >= (kUnderAsan ? 600 : 2000));
}

TEST_CASE("soak: past its bounds the history drops the oldest steps, and undo stops exactly at the oldest kept") {
    Session session;
    session.Start(Preset("norwood-3"));
    const auto dots = smp::GenerateDots(session.design);
    REQUIRE(dots.ok());
    EditMaker maker(7, smp::Vec2(dots->width_mm, dots->height_mm));
    for (int k = 0; k < (kUnderAsan ? 700 : 1200); ++k) {
        smp::Design edited = session.design;
        const std::string label = maker.Edit(edited);
        const uint64_t fingerprint = Fingerprint(edited);   // before the move below
        session.Edit(std::move(edited), label, fingerprint);
    }
    // The design grows with every stroke, but its steps share what they have in common: the step
    // bound comes first, far below the byte bound.
    const size_t kept = session.history.Steps();
    CHECK(kept == smp::EditHistory::kMaxSteps);
    CHECK(session.history.ApproximateBytes() < smp::EditHistory::kMaxBytes / 16);
    size_t undone = 0;
    while (session.Undo()) ++undone;   // each checked against the model, which dropped the same oldest steps
    CHECK(undone == kept);
}

TEST_CASE("soak: dots updated edit by edit, as the canvas does, are exactly a fresh generation's, also after undoing everything") {
    Session session;
    session.Start(Preset("norwood-4"));
    auto live = smp::GenerateDots(session.design);
    REQUIRE(live.ok());
    smp::DotPattern& pattern = *live;
    REQUIRE(smp::ReserveHeadroom(session.design, pattern, smp::kPaintingMaxPerCm2).ok());
    const std::string start_plan = smp::PlanToJsonText(session.design, pattern);
    EditMaker maker(99, smp::Vec2(pattern.width_mm, pattern.height_mm));

    // The designer's SetDesign: the core works out what changed and updates only that.
    const auto apply = [&](const smp::Design& design) {
        const smp::Status updated = smp::UpdateDotsInRegion(design, smp::RectMm{}, pattern);
        REQUIRE_MESSAGE(updated.ok(), updated.message());
    };
    constexpr int kOperations = kUnderAsan ? 60 : 240;
    for (int op = 0; op < kOperations; ++op) {
        const int pick = maker.Below(100);
        if (pick < 15) {
            if (session.Undo()) apply(session.design);
            continue;
        }
        if (pick < 22) {
            if (session.Redo()) apply(session.design);
            continue;
        }
        smp::Design edited = session.design;
        const std::string label = maker.Edit(edited);
        const uint64_t fingerprint = Fingerprint(edited);   // before the move below
        session.Edit(std::move(edited), label, fingerprint);
        apply(session.design);
    }
    CHECK_MESSAGE(Identical(smp::PlanToJsonText(session.design, pattern), PlanText(session.design)), "after " << kOperations << " operations");
    while (session.Undo()) apply(session.design);
    CHECK_MESSAGE(Identical(smp::PlanToJsonText(session.design, pattern), start_plan), "after undoing everything");
    MESSAGE("soak (dots): " << session.edits << " edits, " << session.undos << " undos, " << session.redos
                            << " redos updated in place; raw set " << pattern.ranked.size() << " points, process memory " << ProcessMiB()
                            << " MiB");
}

TEST_CASE("limits: painting past the most strokes a design holds is refused by name, and the dots stay as they were") {
    // A small flat design already at the limit: a grid and 4095 one-point strokes.
    smp::Design design;
    design.template_spec.flat = {50.0, 50.0};
    design.sessions = smp::DefaultSessions();
    smp::GridLayer grid;
    grid.cols = grid.rows = 1;
    grid.cell_mm = 50.0;
    grid.per_cm2 = {40.0};
    design.layers.push_back(grid);
    smp::StrokeLayer dab;
    dab.points_mm = {smp::Vec2(25.0, 25.0)};
    dab.pressure = {1.0};
    dab.radius_mm = 1.0;
    dab.strength = smp::DensityValue::Dots(60.0);
    while (design.layers.size() < static_cast<size_t>(smp::DesignLimits::kMaxLayers)) design.layers.push_back(dab);
    auto pattern = smp::GenerateDots(design);
    REQUIRE_MESSAGE(pattern.ok(), pattern.status().message());
    const std::string plan = smp::PlanToJsonText(design, *pattern);

    // The next stroke, as the canvas adds it (document.cpp BeginStroke): refused, with the reason.
    smp::Design over = design;
    over.layers.push_back(dab);
    const smp::Status refused = smp::UpdateDotsInRegion(over, smp::RectMm{smp::Vec2(20.0, 20.0), smp::Vec2(30.0, 30.0)}, *pattern);
    CHECK(refused.code() == smp::StatusCode::kLimitExceeded);
    CHECK(refused.message() == "the design has 4097 layers (every brush stroke is one); the limit is 4096");
    CHECK_MESSAGE(Identical(smp::PlanToJsonText(design, *pattern), plan), "the dots are those of the design before the refused stroke");
    // And a file or link carrying that many is refused the same way, by name.
    const auto reopened = smp::RestoreDesign(smp::DesignToJsonText(over));
    REQUIRE_FALSE(reopened.ok());
    CHECK(reopened.status().message().find("4096") != std::string::npos);
}
