#include "core/design_json.h"
#include "core/edit_history.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace {

smp::Design WithSeed(uint32_t seed) {
    smp::Design design;
    design.seed = seed;
    design.sessions = smp::DefaultSessions();
    return design;
}

}  // namespace

TEST_CASE("undo walks back through every edit and redo forward again, byte for byte") {
    smp::EditHistory history;
    smp::Design current = WithSeed(0);
    for (uint32_t step = 1; step <= 20; ++step) {
        history.Record(current, "edit " + std::to_string(step));
        current = WithSeed(step);
    }
    CHECK(history.UndoLabel() == "edit 20");
    for (uint32_t step = 20; step-- > 0;) {
        auto back = history.Undo(current);
        REQUIRE(back.has_value());
        current = *back;
        CHECK(current.seed == step);
    }
    CHECK_FALSE(history.CanUndo());
    CHECK_FALSE(history.Undo(current).has_value());
    CHECK(smp::DesignToJsonText(current) == smp::DesignToJsonText(WithSeed(0)));
    for (uint32_t step = 1; step <= 20; ++step) {
        auto forward = history.Redo(current);
        REQUIRE(forward.has_value());
        current = *forward;
        CHECK(current.seed == step);
    }
    CHECK_FALSE(history.CanRedo());
    // A new edit after an undo drops the redo steps.
    current = *history.Undo(current);
    history.Record(current, "other");
    CHECK_FALSE(history.CanRedo());
    CHECK(history.UndoLabel() == "other");
}

TEST_CASE("the history is bounded in steps and bytes; the oldest steps go first") {
    smp::EditHistory history;
    smp::Design current = WithSeed(0);
    for (uint32_t step = 1; step <= smp::EditHistory::kMaxSteps + 100; ++step) {
        history.Record(current, "edit");
        current = WithSeed(step);
    }
    CHECK(history.Steps() == smp::EditHistory::kMaxSteps);
    // The oldest surviving step is the 101st.
    smp::Design oldest = current;
    while (auto back = history.Undo(oldest)) oldest = *back;
    CHECK(oldest.seed == 100u);

    // Designs that differ in every long stroke hit the byte bound instead.
    smp::EditHistory heavy;
    for (int i = 0; i < 100; ++i) {
        smp::Design big = WithSeed(1);
        smp::StrokeLayer stroke;
        stroke.points_mm.assign(4096, smp::Vec2(1, i));
        stroke.pressure.assign(4096, 1.0);
        for (int k = 0; k < 64; ++k) big.layers.push_back(stroke);
        heavy.Record(big, "stroke");
    }
    CHECK(heavy.ApproximateBytes() <= smp::EditHistory::kMaxBytes);
    CHECK(heavy.Steps() < 100);
    CHECK(heavy.Steps() >= 1);
}

TEST_CASE("unchanged layers are shared between steps: a thousand strokes painted one by one cost about one design") {
    smp::EditHistory history;
    smp::Design current = WithSeed(3);
    // What each step did, to walk the expected design back by hand: the stroke it appended, and the
    // stroke it took out (and where), if any. Cheaper than keeping a thousand designs or their JSON
    // (which made this test quadratic in JSON text: seconds natively, minutes under the sanitizers).
    struct Removal {
        size_t index;
        smp::DensityLayer layer;
    };
    std::vector<std::optional<Removal>> removals;
    for (int i = 0; i < 1000; ++i) {
        history.Record(current, "brush stroke");
        smp::StrokeLayer stroke;
        for (int k = 0; k < 20; ++k) {
            stroke.points_mm.push_back(smp::Vec2(i % 200, k));
            stroke.pressure.push_back(0.5);
        }
        current.layers.push_back(stroke);
        removals.emplace_back();
        if (i % 7 == 3) {   // now and then a stroke goes
            const size_t index = static_cast<size_t>(i / 2);
            removals.back() = Removal{index, current.layers[index]};
            current.layers.erase(current.layers.begin() + static_cast<std::ptrdiff_t>(index));
        }
    }
    const size_t one_design = smp::EditHistory::ApproximateSize(current);
    MESSAGE("500 steps of a design of " << current.layers.size() << " strokes: " << history.ApproximateBytes() / 1024
                                        << " KiB in the history; the design alone is " << one_design / 1024 << " KiB");
    CHECK(history.Steps() == smp::EditHistory::kMaxSteps);
    CHECK(history.ApproximateBytes() < 4 * one_design);
    // Every step still gives back exactly what it was: the design before that step's edit, every
    // layer and point, and byte for byte as JSON at a few steps along the way.
    smp::Design expected = current;
    size_t back = removals.size();
    while (auto previous = history.Undo(current)) {
        const std::optional<Removal>& removal = removals[--back];
        if (removal) expected.layers.insert(expected.layers.begin() + static_cast<std::ptrdiff_t>(removal->index), removal->layer);
        expected.layers.pop_back();
        current = *previous;
        REQUIRE(current == expected);
        if (back % 100 == 0) REQUIRE(smp::DesignToJsonText(current) == smp::DesignToJsonText(expected));
    }
    CHECK(back == removals.size() - smp::EditHistory::kMaxSteps);
    // The bytes count every shared layer once and none twice: with one step left, they are its design's.
    history.Record(current, "one more");
    CHECK(history.Steps() == 1);
    CHECK(history.ApproximateBytes() == smp::EditHistory::ApproximateSize(current));
    // -0.0 and 0.0 are different layers: undo gives back the sign that was there.
    smp::Design signed_zero = current;
    std::get<smp::StrokeLayer>(signed_zero.layers[0]).points_mm[0].x() = -0.0;
    std::get<smp::StrokeLayer>(current.layers[0]).points_mm[0].x() = 0.0;
    history.Record(signed_zero, "sign");
    CHECK(std::signbit(std::get<smp::StrokeLayer>(history.Undo(current)->layers[0]).points_mm[0].x()));
}

TEST_CASE("TakeBack cancels the newest edit without leaving a redo step") {
    smp::EditHistory history;
    smp::Design first, second;
    first.title = "first";
    second.title = "second";
    history.Record(first, "one");
    history.Record(second, "two");
    const size_t bytes = history.ApproximateBytes();
    const std::optional<smp::Design> taken = history.TakeBack();
    REQUIRE(taken);
    CHECK(taken->title == "second");
    CHECK_FALSE(history.CanRedo());
    CHECK(history.UndoLabel() == "one");
    CHECK(history.ApproximateBytes() < bytes);
    CHECK(history.TakeBack()->title == "first");
    CHECK_FALSE(history.TakeBack());
    CHECK(history.ApproximateBytes() == 0);
}
