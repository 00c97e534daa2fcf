#include "core/design_json.h"
#include "core/edit_history.h"

#include <doctest/doctest.h>

#include <string>

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

    // Designs with long strokes hit the byte bound instead.
    smp::EditHistory heavy;
    smp::Design big = WithSeed(1);
    smp::StrokeLayer stroke;
    stroke.points_mm.assign(4096, smp::Vec2(1, 1));
    stroke.pressure.assign(4096, 1.0);
    for (int i = 0; i < 64; ++i) big.layers.push_back(stroke);
    for (int i = 0; i < 100; ++i) heavy.Record(big, "stroke");
    CHECK(heavy.ApproximateBytes() <= smp::EditHistory::kMaxBytes);
    CHECK(heavy.Steps() < 100);
    CHECK(heavy.Steps() >= 1);
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
