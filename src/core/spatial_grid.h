// smp core: one spatial bucket grid for neighbour queries, in millimetres.
//
// [SECTION] GridShape: cells, and which cells a point or a box falls in
// [SECTION] SpatialGrid<T>: items bucketed by cell, read back in a fixed order
// [SECTION] SpatialGrid<T>::Builder: adding items (and querying them while adding)
//
// The guarantee (the same natively, in WebAssembly and under node):
// - Cell (col, row) covers [origin + col · cell_mm, origin + (col + 1) · cell_mm) in x, likewise in
//   y; the grid has cols × rows cells, numbered row by row (index = row · cols + col).
// - A point's column is floor((x - origin.x) / cell_mm), computed with that one subtraction and one
//   division, so a caller that used to bucket by `x / cell` gets the same cell, bit for bit.
//   CellOf() clamps it into the grid (points beyond an edge go to the edge cell, NaN to 0);
//   Locate() does not (outside the grid it gives a cell Inside() refuses).
// - A query reads the cells of a CellSpan row by row, left to right, and within a cell the items
//   in the order they were added. That order is part of the contract: sums over it and "the first
//   one found" never change with the platform or the build.
// - A query returns every item stored in the cells it reads, and nothing else: the caller tests
//   its own distance. Store a point in CellOf(p); then every point within r of q lies in the
//   cells of Clamped({q - r, q + r}), and, when r <= cell_mm, in Around(CellOf(q), 1).
// - Queries allocate nothing and never throw; adding items is amortised O(1), Build() is O(items +
//   cells).
#pragma once

#include "core/geometry.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace smp {

// ---------------------------------------------------------------------------------------------
// [SECTION] GridShape
// ---------------------------------------------------------------------------------------------

struct GridCell {
    int col = 0, row = 0;
};

// The cells [col_begin, col_end) × [row_begin, row_end); empty when either range is.
struct CellSpan {
    int col_begin = 0, col_end = 0;
    int row_begin = 0, row_end = 0;
    bool Empty() const { return col_begin >= col_end || row_begin >= row_end; }
};

struct GridShape {
    Vec2 origin_mm = Vec2::Zero();   // the corner of cell (0, 0), mm
    double cell_mm = 1.0;            // the side of a cell, mm (> 0)
    int cols = 0, rows = 0;          // cells across and down (>= 1 for a grid that holds anything)

    // The fewest cells of `cell_mm` from `origin_mm` over width × height (at least one each way).
    static GridShape Covering(const Vec2& origin_mm, double width_mm, double height_mm, double cell_mm) {
        GridShape shape;
        shape.origin_mm = origin_mm;
        shape.cell_mm = cell_mm;
        shape.cols = std::max(1, static_cast<int>(std::ceil(width_mm / cell_mm)));
        shape.rows = std::max(1, static_cast<int>(std::ceil(height_mm / cell_mm)));
        return shape;
    }

    size_t CellCount() const { return static_cast<size_t>(cols) * static_cast<size_t>(rows); }
    bool Inside(const GridCell& cell) const { return cell.col >= 0 && cell.row >= 0 && cell.col < cols && cell.row < rows; }
    size_t IndexOf(const GridCell& cell) const {
        assert(Inside(cell));
        return static_cast<size_t>(cell.row) * static_cast<size_t>(cols) + static_cast<size_t>(cell.col);
    }

    // The column / row of a coordinate, clamped into the grid.
    int ColOf(double x_mm) const { return Clamp((x_mm - origin_mm.x()) / cell_mm, cols); }
    int RowOf(double y_mm) const { return Clamp((y_mm - origin_mm.y()) / cell_mm, rows); }
    GridCell CellOf(const Vec2& p_mm) const { return {ColOf(p_mm.x()), RowOf(p_mm.y())}; }
    size_t IndexOf(const Vec2& p_mm) const { return IndexOf(CellOf(p_mm)); }

    // The column / row of a coordinate, not clamped: outside the grid (or NaN) it is outside
    // [0, cols) / [0, rows). Saturates far away, so ± a few cells never overflows.
    int LocateCol(double x_mm) const { return Floor((x_mm - origin_mm.x()) / cell_mm); }
    int LocateRow(double y_mm) const { return Floor((y_mm - origin_mm.y()) / cell_mm); }
    GridCell Locate(const Vec2& p_mm) const { return {LocateCol(p_mm.x()), LocateRow(p_mm.y())}; }

    // The cells a box meets, within the grid: empty when the box lies beyond an edge. For items
    // stored by their box (each in every cell it meets).
    CellSpan Meeting(const RectMm& box) const {
        return {Begin((box.min_mm.x() - origin_mm.x()) / cell_mm, cols), End((box.max_mm.x() - origin_mm.x()) / cell_mm, cols),
                Begin((box.min_mm.y() - origin_mm.y()) / cell_mm, rows), End((box.max_mm.y() - origin_mm.y()) / cell_mm, rows)};
    }
    // From the cell of the box's min corner to that of its max corner, both clamped into the grid:
    // where points stored with CellOf() can lie when they lie in the box (also those beyond an edge).
    CellSpan Clamped(const RectMm& box) const {
        return {ColOf(box.min_mm.x()), ColOf(box.max_mm.x()) + 1, RowOf(box.min_mm.y()), RowOf(box.max_mm.y()) + 1};
    }
    // The cells within `ring` cells of `cell` (which may lie outside the grid), within the grid.
    CellSpan Around(const GridCell& cell, int ring) const {
        return {std::max(cell.col - ring, 0), std::min(cell.col + ring + 1, cols), std::max(cell.row - ring, 0), std::min(cell.row + ring + 1, rows)};
    }

private:
    static constexpr double kFar = 1 << 29;   // well inside int, and far beyond any grid
    // floor(u) clamped to [0, count - 1], NaN to 0; a truncating cast where u >= 0 is the floor.
    static int Clamp(double u, int count) {
        if (!(u >= 0.0)) return 0;
        if (u >= static_cast<double>(count)) return count - 1;
        return static_cast<int>(u);
    }
    static int Floor(double u) {
        if (!(u > -kFar)) return -static_cast<int>(kFar);   // NaN too
        if (u >= kFar) return static_cast<int>(kFar);
        const int t = static_cast<int>(u);   // towards zero: one less below zero, unless whole
        return static_cast<double>(t) > u ? t - 1 : t;
    }
    // First / one past the last index of cells [floor(u0), floor(u1)] within [0, count).
    static int Begin(double u, int count) {
        if (!(u >= 0.0)) return 0;
        return u >= static_cast<double>(count) ? count : static_cast<int>(u);
    }
    static int End(double u, int count) {
        if (!(u >= 0.0)) return 0;
        return u >= static_cast<double>(count) ? count : static_cast<int>(u) + 1;
    }
};

// ---------------------------------------------------------------------------------------------
// [SECTION] SpatialGrid<T>
// ---------------------------------------------------------------------------------------------

// Items of type T (an index, or a small struct) bucketed by cell, in one array (compressed rows:
// the items of cell k are items[start[k], start[k + 1])). Made by a Builder; read-only after.
template <class T>
class SpatialGrid {
    static_assert(std::is_default_constructible_v<T> && std::is_copy_constructible_v<T>);

public:
    class Builder;

    SpatialGrid() = default;   // no cells: Items() must not be called
    const GridShape& Shape() const { return shape_; }
    size_t ItemCount() const { return items_.size(); }

    // The items of one cell (shape.IndexOf(...)), in the order they were added.
    std::span<const T> Items(size_t cell) const {
        assert(cell + 1 < start_.size());
        return {items_.data() + start_[cell], items_.data() + start_[cell + 1]};
    }
    // Every item of the span's cells: row by row, left to right, each cell's in the order added.
    template <class Fn>
    void ForEach(const CellSpan& span, Fn&& fn) const {
        for (int row = span.row_begin; row < span.row_end; ++row) {
            for (int col = span.col_begin; col < span.col_end; ++col) {
                for (const T& item : Items(shape_.IndexOf(GridCell{col, row}))) fn(item);
            }
        }
    }
    // Whether `pred` holds for an item of the span's cells, read in ForEach's order, stopping at
    // the first that does.
    template <class Pred>
    bool AnyOf(const CellSpan& span, Pred&& pred) const {
        for (int row = span.row_begin; row < span.row_end; ++row) {
            for (int col = span.col_begin; col < span.col_end; ++col) {
                for (const T& item : Items(shape_.IndexOf(GridCell{col, row}))) {
                    if (pred(item)) return true;
                }
            }
        }
        return false;
    }
    // Every item, cell by cell: ForEach over the whole grid.
    std::span<const T> AllItems() const { return items_; }

private:
    GridShape shape_;
    std::vector<uint32_t> start_;   // CellCount() + 1 offsets into items_
    std::vector<T> items_;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] SpatialGrid<T>::Builder
// ---------------------------------------------------------------------------------------------

// Collects items cell by cell. It can be queried while it grows (dart throwing, each pair once):
// ForEachAdded reads a cell's items newest first. Build() then lays them out, each cell's in the
// order added.
template <class T>
class SpatialGrid<T>::Builder {
public:
    explicit Builder(const GridShape& shape, size_t expected_items = 0) : shape_(shape), head_(shape.CellCount(), kNone) {
        items_.reserve(expected_items);
        next_.reserve(expected_items);
        cell_.reserve(expected_items);
    }

    const GridShape& Shape() const { return shape_; }

    void Add(size_t cell, const T& item) {
        assert(cell < head_.size());
        assert(items_.size() < kNone);
        next_.push_back(head_[cell]);
        head_[cell] = static_cast<uint32_t>(items_.size());
        cell_.push_back(static_cast<uint32_t>(cell));
        items_.push_back(item);
    }
    // A point's item goes in CellOf(p) (clamped: none is dropped).
    void AddAt(const Vec2& p_mm, const T& item) { Add(shape_.IndexOf(p_mm), item); }
    // A box's item goes in every cell it meets (none when it misses the grid), row by row.
    void AddBox(const RectMm& box, const T& item) {
        const CellSpan span = shape_.Meeting(box);
        for (int row = span.row_begin; row < span.row_end; ++row) {
            for (int col = span.col_begin; col < span.col_end; ++col) Add(shape_.IndexOf(GridCell{col, row}), item);
        }
    }

    // The items added to a cell so far, newest first.
    template <class Fn>
    void ForEachAdded(size_t cell, Fn&& fn) const {
        for (uint32_t e = head_[cell]; e != kNone; e = next_[e]) fn(items_[e]);
    }
    // The items added so far to the span's cells: row by row, left to right, each cell's newest first.
    template <class Fn>
    void ForEachAdded(const CellSpan& span, Fn&& fn) const {
        for (int row = span.row_begin; row < span.row_end; ++row) {
            for (int col = span.col_begin; col < span.col_end; ++col) ForEachAdded(shape_.IndexOf(GridCell{col, row}), fn);
        }
    }
    // Whether `pred` holds for an item added so far to the span's cells (cells row by row, each
    // newest first), stopping at the first that does.
    template <class Pred>
    bool AnyAdded(const CellSpan& span, Pred&& pred) const {
        for (int row = span.row_begin; row < span.row_end; ++row) {
            for (int col = span.col_begin; col < span.col_end; ++col) {
                for (uint32_t e = head_[shape_.IndexOf(GridCell{col, row})]; e != kNone; e = next_[e]) {
                    if (pred(items_[e])) return true;
                }
            }
        }
        return false;
    }

    SpatialGrid<T> Build() && {
        SpatialGrid<T> grid;
        grid.shape_ = shape_;
        grid.start_.assign(head_.size() + 1, 0);
        for (uint32_t cell : cell_) ++grid.start_[cell + 1];
        for (size_t k = 0; k < head_.size(); ++k) grid.start_[k + 1] += grid.start_[k];
        grid.items_.resize(items_.size());
        std::vector<uint32_t> fill(grid.start_.begin(), grid.start_.end() - 1);
        for (size_t e = 0; e < items_.size(); ++e) grid.items_[fill[cell_[e]]++] = std::move(items_[e]);
        return grid;
    }

private:
    static constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
    GridShape shape_;
    std::vector<uint32_t> head_;    // per cell, its newest item (kNone: none yet)
    std::vector<uint32_t> next_;    // per item, the one added before it to the same cell
    std::vector<uint32_t> cell_;    // per item, its cell
    std::vector<T> items_;          // in the order added
};

}  // namespace smp
