// smp core: undo and redo for every edit of a design.
//
// Each edit records the design as it was before (a plain value: designs are small next to their
// dots). The history is bounded: at most kMaxSteps steps and about kMaxBytes of designs; the
// oldest steps go first, so hours of painting never grow memory without bound.
#pragma once

#include "core/design.h"

#include <cstddef>
#include <deque>
#include <optional>
#include <string>

namespace smp {

class EditHistory {
public:
    static constexpr size_t kMaxSteps = 500;
    static constexpr size_t kMaxBytes = 64u << 20;

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
    size_t ApproximateBytes() const { return bytes_; }
    void Clear();

    // A rough size of a design in memory, for the bound.
    static size_t ApproximateSize(const Design& design);

private:
    struct Step {
        Design design;
        std::string label;
        size_t bytes = 0;
    };
    // Takes the newest step off `from` (its design is returned) and records `current` on `to`
    // under the same label: undo and redo are this one move in opposite directions.
    std::optional<Design> MoveStep(std::deque<Step>& from, std::deque<Step>& to, const Design& current);
    void TrimToBounds();
    std::deque<Step> undo_, redo_;
    size_t bytes_ = 0;
};

}  // namespace smp
