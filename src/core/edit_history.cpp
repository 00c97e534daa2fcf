#include "core/edit_history.h"

#include "core/design_diff.h"

#include <variant>

namespace smp {

namespace {

size_t LayerSize(const DensityLayer& layer) {
    size_t bytes = sizeof(DensityLayer);
    if (const auto* grid = std::get_if<GridLayer>(&layer)) bytes += grid->per_cm2.size() * sizeof(double);
    else if (const auto* area = std::get_if<AreaLayer>(&layer)) bytes += area->polygon_mm.size() * sizeof(Vec2);
    else if (const auto* stroke = std::get_if<StrokeLayer>(&layer)) bytes += stroke->points_mm.size() * (sizeof(Vec2) + sizeof(double));
    return bytes;
}

}  // namespace

size_t EditHistory::ApproximateSize(const Design& design) {
    size_t bytes = sizeof(Design) + design.title.size() + design.notes.size();
    for (const DensityLayer& layer : design.layers) bytes += LayerSize(layer);
    if (design.hairline) bytes += design.hairline->points_mm.size() * sizeof(Vec2);
    for (const ScarSpec& scar : design.scars) bytes += sizeof(ScarSpec) + scar.points_mm.size() * sizeof(Vec2);
    return bytes + design.sessions.size() * sizeof(SessionSpec);
}

EditHistory::Step EditHistory::Pack(const Design& design, std::string label, std::initializer_list<const Step*> neighbours) {
    Step step;
    step.rest = design;
    step.rest.layers = {};
    step.label = std::move(label);
    bytes_ += ApproximateSize(step.rest);
    step.layers.reserve(design.layers.size());
    for (size_t i = 0; i < design.layers.size(); ++i) {
        SharedLayer shared;
        for (const Step* neighbour : neighbours) {
            if (!neighbour) continue;
            const std::vector<SharedLayer>& theirs = neighbour->layers;
            for (size_t at : {i, i + 1, i - 1}) {   // i - 1 wraps to a huge index at 0: out of range
                // Identical to the bit (design_diff.h): -0.0 and 0.0 print differently, and undo must
                // give back exactly what was there.
                if (at < theirs.size() && Identical(*theirs[at], design.layers[i])) {
                    shared = theirs[at];
                    break;
                }
            }
            if (shared) break;
        }
        if (!shared) {
            shared = std::make_shared<const DensityLayer>(design.layers[i]);
            bytes_ += LayerSize(design.layers[i]);
        }
        step.layers.push_back(std::move(shared));
    }
    return step;
}

Design EditHistory::Unpack(const Step& step) {
    Design design = step.rest;
    design.layers.reserve(step.layers.size());
    for (const SharedLayer& layer : step.layers) design.layers.push_back(*layer);
    return design;
}

void EditHistory::Release(Step& step) {
    bytes_ -= ApproximateSize(step.rest);
    // A layer's bytes go with the last step that holds it (one step may hold one layer twice).
    for (SharedLayer& layer : step.layers) {
        if (layer.use_count() == 1) bytes_ -= LayerSize(*layer);
        layer.reset();
    }
}

void EditHistory::Record(const Design& before, std::string label) {
    for (Step& step : redo_) Release(step);
    redo_.clear();
    Step step = Pack(before, std::move(label), {undo_.empty() ? nullptr : &undo_.back()});
    undo_.push_back(std::move(step));
    TrimToBounds();
}

std::optional<Design> EditHistory::MoveStep(std::deque<Step>& from, std::deque<Step>& to, const Design& current) {
    if (from.empty()) return std::nullopt;
    Step step = std::move(from.back());
    from.pop_back();
    Step now = Pack(current, step.label, {&step, to.empty() ? nullptr : &to.back()});
    to.push_back(std::move(now));
    Design design = Unpack(step);
    Release(step);
    TrimToBounds();
    return design;
}

std::optional<Design> EditHistory::TakeBack() {
    if (undo_.empty()) return std::nullopt;
    Step step = std::move(undo_.back());
    undo_.pop_back();
    Design design = Unpack(step);
    Release(step);
    return design;
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
        Release(undo_.front());
        undo_.pop_front();
    }
}

}  // namespace smp
