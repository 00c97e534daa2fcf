#include "core/spatial_grid.h"

#include "core/random.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using smp::CellSpan;
using smp::GridCell;
using smp::GridShape;
using smp::RectMm;
using smp::Rng;
using smp::SpatialGrid;
using smp::Vec2;

namespace {

// Points over [-5, 45] × [-5, 35] around a 40 × 30 mm grid: some beyond every edge.
std::vector<Vec2> ScatteredPoints(uint64_t seed, int count) {
    Rng rng(seed);
    std::vector<Vec2> points;
    for (int i = 0; i < count; ++i) {
        const double x = -5.0 + 50.0 * rng.NextUnit();
        const double y = -5.0 + 40.0 * rng.NextUnit();
        points.emplace_back(x, y);
    }
    // On cell borders and on the grid's edges exactly.
    for (double x : {0.0, 3.0, 6.0, 39.0, 40.0}) {
        for (double y : {0.0, 3.0, 30.0}) points.emplace_back(x, y);
    }
    return points;
}

SpatialGrid<uint32_t> GridOf(const std::vector<Vec2>& points, const GridShape& shape) {
    SpatialGrid<uint32_t>::Builder builder(shape, points.size());
    for (size_t i = 0; i < points.size(); ++i) builder.AddAt(points[i], static_cast<uint32_t>(i));
    return std::move(builder).Build();
}

}  // namespace

TEST_CASE("spatial grid: cells cover the extent; a point's cell is floor((x - origin) / cell), clamped") {
    const GridShape shape = GridShape::Covering(Vec2(10, 20), 40.0, 30.0, 3.0);
    CHECK(shape.cols == 14);   // ceil(40 / 3)
    CHECK(shape.rows == 10);
    CHECK(GridShape::Covering(Vec2::Zero(), 0.0, 0.0, 5.0).CellCount() == 1);
    CHECK(shape.ColOf(10.0) == 0);
    CHECK(shape.ColOf(12.999) == 0);
    CHECK(shape.ColOf(13.0) == 1);
    CHECK(shape.ColOf(9.0) == 0);      // beyond the left edge: the edge column
    CHECK(shape.ColOf(1e300) == 13);   // far beyond the right edge
    CHECK(shape.ColOf(-1e300) == 0);
    CHECK(shape.ColOf(std::numeric_limits<double>::quiet_NaN()) == 0);
    CHECK(shape.LocateCol(9.0) == -1);   // not clamped
    CHECK(shape.LocateCol(13.0) == 1);
    CHECK(shape.LocateCol(52.0) == 14);
    CHECK_FALSE(shape.Inside(shape.Locate(Vec2(9.0, 25.0))));
    CHECK_FALSE(shape.Inside(shape.Locate(Vec2(1e300, 25.0))));
    CHECK_FALSE(shape.Inside(shape.Locate(Vec2(std::numeric_limits<double>::quiet_NaN(), 25.0))));
    CHECK(shape.Inside(shape.Locate(Vec2(49.9, 49.9))));
    CHECK(shape.IndexOf(Vec2(13.5, 23.5)) == 1 * 14 + 1);
    // Around stays within the grid, also for a cell outside it.
    const CellSpan corner = shape.Around(GridCell{0, 0}, 1);
    CHECK((corner.col_begin == 0 && corner.col_end == 2 && corner.row_begin == 0 && corner.row_end == 2));
    CHECK(shape.Around(GridCell{-5, 3}, 1).Empty());
    CHECK(shape.Around(GridCell{-1, 3}, 1).col_end == 1);
}

TEST_CASE("spatial grid: Meeting is the cells a box meets, within the grid; Clamped keeps edge cells") {
    const GridShape shape = GridShape::Covering(Vec2::Zero(), 40.0, 30.0, 4.0);
    const CellSpan inside = shape.Meeting({Vec2(3.9, 4.0), Vec2(8.0, 11.9)});
    CHECK((inside.col_begin == 0 && inside.col_end == 3 && inside.row_begin == 1 && inside.row_end == 3));
    CHECK(shape.Meeting({Vec2(-9, -9), Vec2(-1, 10)}).Empty());     // left of the grid
    CHECK(shape.Meeting({Vec2(41, 0), Vec2(50, 10)}).Empty());      // right of it
    CHECK(shape.Meeting({Vec2(-9, -9), Vec2(99, 99)}).col_end == 10);
    // A box beyond an edge still reads the edge cells, where clamped points are kept.
    const CellSpan beyond = shape.Clamped({Vec2(-9, 2), Vec2(-1, 3)});
    CHECK((beyond.col_begin == 0 && beyond.col_end == 1 && beyond.row_begin == 0 && beyond.row_end == 1));
    CHECK(shape.Clamped({Vec2(5, 5), Vec2(1, 1)}).Empty());   // an inverted box
    // Brute force: every box meets exactly the cells whose squares it overlaps.
    Rng rng(7);
    for (int trial = 0; trial < 500; ++trial) {
        const Vec2 a(-10.0 + 60.0 * rng.NextUnit(), -10.0 + 50.0 * rng.NextUnit());
        const Vec2 b = a + Vec2(12.0 * rng.NextUnit(), 12.0 * rng.NextUnit());
        const CellSpan span = shape.Meeting({a, b});
        for (int row = 0; row < shape.rows; ++row) {
            for (int col = 0; col < shape.cols; ++col) {
                const bool meets = a.x() < (col + 1) * 4.0 && b.x() >= col * 4.0 && a.y() < (row + 1) * 4.0 && b.y() >= row * 4.0;
                const bool in_span = col >= span.col_begin && col < span.col_end && row >= span.row_begin && row < span.row_end;
                CHECK(meets == in_span);
            }
        }
    }
}

TEST_CASE("spatial grid: a query finds exactly the points within range (brute force), edges and beyond included") {
    const std::vector<Vec2> points = ScatteredPoints(42, 2000);
    for (double cell_mm : {1.0, 2.5, 7.0, 100.0}) {
        CAPTURE(cell_mm);
        const SpatialGrid<uint32_t> grid = GridOf(points, GridShape::Covering(Vec2::Zero(), 40.0, 30.0, cell_mm));
        CHECK(grid.ItemCount() == points.size());   // none dropped, also beyond the edges
        Rng rng(cell_mm == 1.0 ? 1 : 2);
        for (int q = 0; q < 300; ++q) {
            const Vec2 centre(-8.0 + 56.0 * rng.NextUnit(), -8.0 + 46.0 * rng.NextUnit());
            const double r = 6.0 * rng.NextUnit();
            std::vector<uint32_t> found, expected;
            grid.ForEach(grid.Shape().Clamped({centre - Vec2(r, r), centre + Vec2(r, r)}), [&](uint32_t i) {
                if ((points[i] - centre).norm() <= r) found.push_back(i);
            });
            for (uint32_t i = 0; i < points.size(); ++i) {
                if ((points[i] - centre).norm() <= r) expected.push_back(i);
            }
            std::sort(found.begin(), found.end());
            CHECK(found == expected);
            // Within one cell: the 3 × 3 cells around the centre's cell hold them all.
            if (r <= cell_mm) {
                std::vector<uint32_t> near;
                grid.ForEach(grid.Shape().Around(grid.Shape().CellOf(centre), 1), [&](uint32_t i) {
                    if ((points[i] - centre).norm() <= r) near.push_back(i);
                });
                std::sort(near.begin(), near.end());
                CHECK(near == expected);
            }
            const bool any = grid.AnyOf(grid.Shape().Around(grid.Shape().CellOf(centre), 1),
                                        [&](uint32_t i) { return (points[i] - centre).norm() <= std::min(r, cell_mm); });
            CHECK(any == std::any_of(points.begin(), points.end(), [&](const Vec2& p) { return (p - centre).norm() <= std::min(r, cell_mm); }));
        }
    }
}

TEST_CASE("spatial grid: items come back cell by cell, row by row, each cell's in the order added") {
    const std::vector<Vec2> points = ScatteredPoints(9, 500);
    const GridShape shape = GridShape::Covering(Vec2(-2, -1), 40.0, 30.0, 3.0);
    const SpatialGrid<uint32_t> grid = GridOf(points, shape);
    std::vector<uint32_t> read;
    grid.ForEach({0, shape.cols, 0, shape.rows}, [&](uint32_t i) { read.push_back(i); });
    CHECK(std::equal(read.begin(), read.end(), grid.AllItems().begin(), grid.AllItems().end()));
    // The expected order: by cell index, then by the order added (a stable sort).
    std::vector<uint32_t> expected(points.size());
    for (uint32_t i = 0; i < expected.size(); ++i) expected[i] = i;
    std::stable_sort(expected.begin(), expected.end(), [&](uint32_t a, uint32_t b) { return shape.IndexOf(points[a]) < shape.IndexOf(points[b]); });
    CHECK(read == expected);
    // The same input gives the same grid, item for item.
    const SpatialGrid<uint32_t> again = GridOf(points, shape);
    CHECK(std::equal(again.AllItems().begin(), again.AllItems().end(), grid.AllItems().begin(), grid.AllItems().end()));
}

TEST_CASE("spatial grid: boxes go in every cell they meet, in the order added; a builder reads newest first") {
    struct Entry {
        int layer = 0;
        double weight = 0.0;
    };
    const GridShape shape = GridShape::Covering(Vec2::Zero(), 20.0, 20.0, 5.0);
    SpatialGrid<Entry>::Builder builder(shape);
    builder.AddBox({Vec2(-3, -3), Vec2(6, 2)}, {0, 0.5});   // cells (0, 0) and (1, 0)
    builder.AddBox({Vec2(30, 30), Vec2(40, 40)}, {1, 1.0}); // misses the grid: nowhere
    builder.AddBox({Vec2(4, 1), Vec2(4, 1)}, {2, 2.0});     // cell (0, 0)
    std::vector<int> newest_first;
    builder.ForEachAdded(shape.IndexOf(GridCell{0, 0}), [&](const Entry& e) { newest_first.push_back(e.layer); });
    CHECK(newest_first == std::vector<int>{2, 0});
    CHECK(builder.AnyAdded(shape.Around(GridCell{3, 3}, 1), [](const Entry&) { return true; }) == false);
    CHECK(builder.AnyAdded(shape.Around(GridCell{2, 1}, 1), [](const Entry& e) { return e.layer == 0; }));
    const SpatialGrid<Entry> grid = std::move(builder).Build();
    CHECK(grid.ItemCount() == 3);
    const auto first = grid.Items(shape.IndexOf(GridCell{0, 0}));
    REQUIRE(first.size() == 2);
    CHECK(first[0].layer == 0);
    CHECK(first[1].layer == 2);
    CHECK(grid.Items(shape.IndexOf(GridCell{1, 0})).size() == 1);
    CHECK(grid.Items(shape.IndexOf(GridCell{3, 3})).empty());
}

TEST_CASE("spatial grid: an empty grid and a one-strip grid") {
    const GridShape shape = GridShape::Covering(Vec2::Zero(), 10.0, 10.0, 1.0);
    const SpatialGrid<uint32_t> empty = SpatialGrid<uint32_t>::Builder(shape).Build();
    CHECK(empty.ItemCount() == 0);
    CHECK_FALSE(empty.AnyOf({0, shape.cols, 0, shape.rows}, [](uint32_t) { return true; }));
    // A single column of 1 mm rows (as for the edges of an outline listed by row).
    GridShape rows;
    rows.cell_mm = 1.0;
    rows.cols = 1;
    rows.rows = 5;
    SpatialGrid<uint32_t>::Builder builder(rows);
    builder.Add(3, 7);
    const SpatialGrid<uint32_t> strips = std::move(builder).Build();
    CHECK(rows.LocateRow(3.5) == 3);
    CHECK(strips.Items(3).size() == 1);
    CHECK(strips.Items(4).empty());
}
