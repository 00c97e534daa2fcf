#include "core/edit_history.h"

#include <variant>

namespace smp {

size_t EditHistory::ApproximateSize(const Design& design) {
    size_t bytes = sizeof(Design) + design.title.size() + design.notes.size();
    for (const DensityLayer& layer : design.layers) {
        bytes += sizeof(DensityLayer);
        if (const auto* grid = std::get_if<GridLayer>(&layer)) bytes += grid->per_cm2.size() * sizeof(double);
        else if (const auto* area = std::get_if<AreaLayer>(&layer)) bytes += area->polygon_mm.size() * sizeof(Vec2);
        else if (const auto* stroke = std::get_if<StrokeLayer>(&layer)) bytes += stroke->points_mm.size() * (sizeof(Vec2) + sizeof(double));
    }
    if (design.hairline) bytes += design.hairline->points_mm.size() * sizeof(Vec2);
    for (const ScarSpec& scar : design.scars) bytes += sizeof(ScarSpec) + scar.points_mm.size() * sizeof(Vec2);
    return bytes + design.sessions.size() * sizeof(SessionSpec);
}

void EditHistory::Record(const Design& before, std::string label) {
    const size_t bytes = ApproximateSize(before);
    undo_.push_back({before, std::move(label), bytes});
    bytes_ += bytes;
    for (const Step& step : redo_) bytes_ -= step.bytes;
    redo_.clear();
    TrimToBounds();
}

std::optional<Design> EditHistory::MoveStep(std::deque<Step>& from, std::deque<Step>& to, const Design& current) {
    if (from.empty()) return std::nullopt;
    Step step = std::move(from.back());
    from.pop_back();
    const size_t bytes = ApproximateSize(current);
    to.push_back({current, step.label, bytes});
    bytes_ += bytes;
    bytes_ -= step.bytes;
    TrimToBounds();
    return std::move(step.design);
}

std::optional<Design> EditHistory::TakeBack() {
    if (undo_.empty()) return std::nullopt;
    Step step = std::move(undo_.back());
    undo_.pop_back();
    bytes_ -= step.bytes;
    return std::move(step.design);
}

std::optional<Design> EditHistory::Undo(const Design& current) { return MoveStep(undo_, redo_, current); }

std::optional<Design> EditHistory::Redo(const Design& current) { return MoveStep(redo_, undo_, current); }

const std::string& EditHistory::UndoLabel() const {
    static const std::string kNone;
    return undo_.empty() ? kNone : undo_.back().label;
}

const std::string& EditHistory::RedoLabel() const {
    static const std::string kNone;
    return redo_.empty() ? kNone : redo_.back().label;
}

void EditHistory::Clear() {
    undo_.clear();
    redo_.clear();
    bytes_ = 0;
}

void EditHistory::TrimToBounds() {
    // The oldest undo steps go first; the newest step always stays, whatever its size.
    while (undo_.size() > 1 && (undo_.size() + redo_.size() > kMaxSteps || bytes_ > kMaxBytes)) {
        bytes_ -= undo_.front().bytes;
        undo_.pop_front();
    }
}

}  // namespace smp
