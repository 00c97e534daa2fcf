// smp core: undo and redo for every edit of a design.
//
// Each edit records the design as it was before. Consecutive designs differ in one stroke or one
// setting, so a step keeps its density layers as shared, immutable pieces: a layer the step next
// to it already holds unchanged is not copied again. Hours of painting a design of a thousand
// strokes then cost about one design plus each edit's own change, not a thousand designs.
// The history is bounded: at most kMaxSteps steps and about kMaxBytes, counting each layer once,
// in the step that first kept it; the oldest steps go first, so memory never grows without bound.
// (When the oldest step goes, layers newer steps still share stay: at most one design more.)
#pragma once

#include "core/design.h"

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace smp {

class EditHistory {
public:
    static constexpr size_t kMaxSteps = 500;
    static constexpr size_t kMaxBytes = 64u << 20;

    EditHistory() = default;
    // Not copyable: a copy would share the layers, and each history would count them as its own.
    EditHistory(const EditHistory&) = delete;
    EditHistory& operator=(const EditHistory&) = delete;
    EditHistory(EditHistory&&) = default;
    EditHistory& operator=(EditHistory&&) = default;

    // Records `before` as the state an edit (named for the menu, e.g. "brush stroke") started from.
    // Clears the redo steps.
    void Record(const Design& before, std::string label);
    // The design to go back to, given the current one (which becomes redoable); empty when there
    // is nothing to undo.
    std::optional<Design> Undo(const Design& current);
    std::optional<Design> Redo(const Design& current);

    // Removes the newest step and returns the design it recorded, leaving nothing to redo: an edit
    // cancelled before it finished (a touch stroke that turned into a two-finger pinch).
    std::optional<Design> TakeBack();

    bool CanUndo() const { return !undo_.empty(); }
    bool CanRedo() const { return !redo_.empty(); }
    const std::string& UndoLabel() const;   // "" when nothing to undo
    const std::string& RedoLabel() const;
    size_t Steps() const { return undo_.size(); }
    size_t ApproximateBytes() const { return bytes_; }   // what the steps hold, each shared layer once
    void Clear();

    // A rough size of a design in memory, for the bound.
    static size_t ApproximateSize(const Design& design);

private:
    using SharedLayer = std::shared_ptr<const DensityLayer>;
    struct Step {
        Design rest;                       // the design without its layers
        std::vector<SharedLayer> layers;   // shared with the steps around it where unchanged
        std::string label;
    };
    // A step of `design`, sharing every layer that `neighbours` (the steps it sits next to) hold
    // unchanged at the same place or one place off (a stroke inserted or removed before it).
    // Counts what it adds in bytes_.
    Step Pack(const Design& design, std::string label, std::initializer_list<const Step*> neighbours);
    static Design Unpack(const Step& step);
    // Lets go of a step about to be dropped: its rest, and the layers no other step holds, leave bytes_.
    void Release(Step& step);
    // Takes the newest step off `from` (its design is returned) and records `current` on `to`
    // under the same label: undo and redo are this one move in opposite directions.
    std::optional<Design> MoveStep(std::deque<Step>& from, std::deque<Step>& to, const Design& current);
    void TrimToBounds();
    std::deque<Step> undo_, redo_;
    size_t bytes_ = 0;   // the steps' rests and every layer they hold, once
};

}  // namespace smp
