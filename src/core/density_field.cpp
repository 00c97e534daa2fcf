// smp core: the compiled design.
//
// [SECTION] Zone blends
// [SECTION] Smooth strokes' rasters
// [SECTION] Layers
// [SECTION] Compile
// [SECTION] Queries
// [SECTION] Head size
#include "core/density_field.h"

#include "core/design_diff.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <memory>

namespace smp {
namespace {

std::string Format(const char* format, double a, double b = 0.0) {
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, format, a, b);
    return buffer;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Zone blends
// ---------------------------------------------------------------------------------------------

// Each zone's share of the neighbourhood at every millimetre: the one-hot zone map blurred by two
// box passes (a tent about blend_mm wide), so a zones layer fades from one zone's target to the
// next instead of stepping at the border.
struct DensityField::ZoneBlend {
    int radius_cells = 0;   // what the blend depends on: designs differing below it share one
    int cols = 0, rows = 0;
    std::vector<float> weights;   // (row * cols + col) * kZoneCount + zone

    static int RadiusCells(double blend_mm) { return std::max(1, static_cast<int>(std::lround(blend_mm / 4.0))); }

    static std::shared_ptr<const ZoneBlend> Make(const ScalpTemplate& scalp, double blend_mm) {
        auto blend = std::make_shared<ZoneBlend>();
        blend->radius_cells = RadiusCells(blend_mm);
        blend->cols = static_cast<int>(std::ceil(scalp.WidthMm()));
        blend->rows = static_cast<int>(std::ceil(scalp.HeightMm()));
        const size_t cols = static_cast<size_t>(blend->cols), rows = static_cast<size_t>(blend->rows);
        const size_t cells = cols * rows;
        // Every value of a pass is written (a zone absent from a cell's window gets 0), so neither
        // buffer is cleared first (5 MB, as much as the blur in a profile of a first visit).
        std::unique_ptr<double[]> w(new double[cells * kZoneCount]), scratch(new double[cells * kZoneCount]);
        // Bit z: zone z is not 0 in the cell. Most windows hold one or two of the eight zones.
        std::vector<uint8_t> w_zones(cells), scratch_zones(cells);
        for (size_t r = 0; r < rows; ++r) {
            for (size_t c = 0; c < cols; ++c) {
                const int zone = static_cast<int>(scalp.ZoneAt(Vec2(static_cast<double>(c) + 0.5, static_cast<double>(r) + 0.5)));
                double* cell = &w[(r * cols + c) * kZoneCount];
                for (int z = 0; z < kZoneCount; ++z) cell[z] = z == zone ? 1.0 : 0.0;
                w_zones[r * cols + c] = static_cast<uint8_t>(1u << zone);
            }
        }
        // A box average across `radius` cells each way along rows (horizontal) or columns. Each
        // sum adds its window in order from 0, as a plain loop over every zone would: only the
        // zones that are 0 across the whole window are skipped (adding 0 changes no sum), and a
        // window of one zone is all 1s. So the weights are the same to the last bit, and only the
        // bands along zone borders cost any arithmetic.
        const int radius = blend->radius_cells;
        auto box_pass = [&](const double* from, const uint8_t* from_zones, double* to, uint8_t* to_zones, bool horizontal) {
            const int n = horizontal ? blend->cols : blend->rows;
            const size_t step = horizontal ? 1 : cols;   // cells from one window position to the next
            // Columns are blurred row by row too (every position is independent): memory in order.
            for (size_t r = 0; r < rows; ++r) {
                for (size_t c = 0; c < cols; ++c) {
                    const int i = static_cast<int>(horizontal ? c : r);
                    const int first = std::max(0, i - radius), last = std::min(n - 1, i + radius);
                    const size_t here = r * cols + c;
                    const size_t first_cell = here - static_cast<size_t>(i - first) * step;
                    unsigned present = 0;
                    for (int k = first; k <= last; ++k) present |= from_zones[first_cell + static_cast<size_t>(k - first) * step];
                    double* out = &to[here * kZoneCount];
                    to_zones[here] = static_cast<uint8_t>(present);
                    const double count = last - first + 1;
                    for (int z = 0; z < kZoneCount; ++z) {
                        // A zone absent from the window averages to 0; a window of one zone holds
                        // exactly 1 for it in every cell (true of the one-hot map, and so of every
                        // pass), so it averages to 1.
                        const unsigned zone_bit = 1u << z;
                        if ((present & zone_bit) == 0 || present == zone_bit) {
                            out[z] = present == zone_bit ? 1.0 : 0.0;
                            continue;
                        }
                        double sum = 0.0;
                        for (int k = first; k <= last; ++k) sum += from[(first_cell + static_cast<size_t>(k - first) * step) * kZoneCount + static_cast<size_t>(z)];
                        out[z] = sum / count;
                    }
                }
            }
        };
        for (int pass = 0; pass < 2; ++pass) {
            box_pass(w.get(), w_zones.data(), scratch.get(), scratch_zones.data(), true);
            box_pass(scratch.get(), scratch_zones.data(), w.get(), w_zones.data(), false);
        }
        blend->weights.assign(w.get(), w.get() + cells * kZoneCount);
        return blend;
    }

    // Bilinear between cell centres, clamped at the border.
    void Sample(const Vec2& p, double out[kZoneCount]) const {
        const double u = std::clamp(p.x() - 0.5, 0.0, cols - 1.0), v = std::clamp(p.y() - 0.5, 0.0, rows - 1.0);
        const int c0 = std::min(static_cast<int>(u), cols - 1), r0 = std::min(static_cast<int>(v), rows - 1);
        const int c1 = std::min(c0 + 1, cols - 1), r1 = std::min(r0 + 1, rows - 1);
        const double tu = u - c0, tv = v - r0;
        auto at = [&](int r, int c) { return &weights[(static_cast<size_t>(r) * static_cast<size_t>(cols) + static_cast<size_t>(c)) * kZoneCount]; };
        const float *a = at(r0, c0), *b = at(r0, c1), *c = at(r1, c0), *d = at(r1, c1);
        for (int z = 0; z < kZoneCount; ++z) {
            out[z] = (a[z] * (1.0 - tu) + b[z] * tu) * (1.0 - tv) + (c[z] * (1.0 - tu) + d[z] * tu) * tv;
        }
    }
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Smooth strokes' rasters
// ---------------------------------------------------------------------------------------------

namespace {

// A smooth stroke's raster cell (radius / 8: 8 cells to the radius at any brush size, so a dab
// always costs about the same, within 0.25..2 mm) and box half-width in cells (two box passes
// each way: a tent of half-width 2 · box_cells cells, radius / 2 wherever the cell is radius / 8).
double SmoothCellMm(double radius_mm) { return std::clamp(radius_mm / 8.0, 0.25, 2.0); }
int SmoothBoxCells(double radius_mm) {
    return std::max(1, static_cast<int>(std::lround(radius_mm / (4.0 * SmoothCellMm(radius_mm)))));
}

// The first cell index >= u and the last <= u, clamped to [lo, hi] before any conversion (a
// stroke far off the frame must not overflow an int).
int CellAtLeast(double u, int lo, int hi) { return static_cast<int>(std::clamp(std::ceil(u), double(lo), double(hi))); }
int CellAtMost(double u, int lo, int hi) { return static_cast<int>(std::clamp(std::floor(u), double(lo), double(hi))); }

}  // namespace

double SmoothSpreadMm(const StrokeLayer& stroke) {
    return (2.0 * SmoothBoxCells(stroke.radius_mm) + 2.0) * SmoothCellMm(stroke.radius_mm);
}

// What the layers below a smooth stroke give, averaged, on the cells near the stroke: row by row,
// a span of cells [col_begin, col_end) (cell (row, col) covers [col, col + 1) × [row, row + 1)
// cell_mm from the frame's origin; only cells of the frame are held).
//
// Which cells: those within radius + 2 cells of the path (a bilinear sample anywhere the stroke
// weighs more than 0 reads only those; "needed"), grown by 2 · box_cells each way, so that the
// average of every needed cell sees whole windows, and never a cell that is not held. That makes
// a needed cell's average a function of the layers below and the frame alone, whatever else is
// held: a stroke being painted gets longer, its old cells keep their bits, and a change below
// moves averages only within SmoothSpreadMm of it (what local updates rely on).
struct DensityField::SmoothRaster {
    double cell_mm = 1.0;
    int box_cells = 1;
    int frame_cols = 1, frame_rows = 1;
    int row0 = 0;                            // the first row held
    std::vector<int> col_begin, col_end;     // per row held
    std::vector<size_t> offset;              // per row held, and the total at the end
    std::vector<double> below;               // the layers below at each cell's centre, dots/cm²
    std::vector<double> blurred;             // `below` after two box passes each way

    static constexpr size_t kNone = SIZE_MAX;

    int Rows() const { return static_cast<int>(col_begin.size()); }
    size_t Cells() const { return offset.empty() ? 0 : offset.back(); }
    Vec2 CentreMm(int row, int col) const { return Vec2((col + 0.5) * cell_mm, (row + 0.5) * cell_mm); }
    size_t IndexOf(int row, int col) const {
        const int r = row - row0;
        if (r < 0 || r >= Rows() || col < col_begin[static_cast<size_t>(r)] || col >= col_end[static_cast<size_t>(r)]) return kNone;
        return offset[static_cast<size_t>(r)] + static_cast<size_t>(col - col_begin[static_cast<size_t>(r)]);
    }

    // How many rows of segments Layout() scans: checked before it runs (a long zig-zag of a thin
    // stroke could otherwise cost far more than its cells).
    static int64_t RowsToScan(const StrokeLayer& stroke, double height_mm) {
        const double cell_mm = SmoothCellMm(stroke.radius_mm);
        const double need_mm = stroke.radius_mm + 2.0 * cell_mm;
        const int reach_cells = 2 * SmoothBoxCells(stroke.radius_mm);
        const int frame_rows = std::max(1, static_cast<int>(std::ceil(height_mm / cell_mm)));
        int64_t rows = 0;
        const size_t n = stroke.points_mm.size();
        for (size_t k = 0; k + 1 < std::max<size_t>(n, 2); ++k) {
            const Vec2& a = stroke.points_mm[k];
            const Vec2& b = stroke.points_mm[std::min(k + 1, n - 1)];
            const int first = CellAtLeast((std::min(a.y(), b.y()) - need_mm) / cell_mm - 0.5, -reach_cells, frame_rows + reach_cells);
            const int last = CellAtMost((std::max(a.y(), b.y()) + need_mm) / cell_mm - 0.5, -reach_cells - 1, frame_rows - 1 + reach_cells);
            rows += std::max(0, last - first + 1);
        }
        return rows;
    }

    // Chooses the cells (see above); below and blurred stay empty.
    void Layout(const StrokeLayer& stroke, double width_mm, double height_mm) {
        cell_mm = SmoothCellMm(stroke.radius_mm);
        box_cells = SmoothBoxCells(stroke.radius_mm);
        frame_cols = std::max(1, static_cast<int>(std::ceil(width_mm / cell_mm)));
        frame_rows = std::max(1, static_cast<int>(std::ceil(height_mm / cell_mm)));
        const double need_mm = stroke.radius_mm + 2.0 * cell_mm;
        const int reach = 2 * box_cells;
        // Needed cells, as one span per row (its hull), for rows and columns that can still grow
        // into the frame.
        const int lo_row = -reach, hi_row = frame_rows - 1 + reach;
        std::vector<int> need_first(static_cast<size_t>(hi_row - lo_row + 1), INT_MAX), need_last(need_first.size(), INT_MIN);
        const size_t n = stroke.points_mm.size();
        for (size_t k = 0; k + 1 < std::max<size_t>(n, 2); ++k) {
            const Vec2& a = stroke.points_mm[k];
            const Vec2& b = stroke.points_mm[std::min(k + 1, n - 1)];
            const int first = CellAtLeast((std::min(a.y(), b.y()) - need_mm) / cell_mm - 0.5, lo_row, hi_row + 1);
            const int last = CellAtMost((std::max(a.y(), b.y()) + need_mm) / cell_mm - 0.5, lo_row - 1, hi_row);
            const Vec2 ab = b - a;
            for (int row = first; row <= last; ++row) {
                // Any point within need_mm of the segment on this row's centre line lies within
                // need_mm (in x) of the part of the segment within need_mm (in y) of the line.
                const double y = (row + 0.5) * cell_mm;
                double x0 = std::min(a.x(), b.x()), x1 = std::max(a.x(), b.x());
                if (ab.y() != 0.0) {
                    const double t0 = (y - need_mm - a.y()) / ab.y(), t1 = (y + need_mm - a.y()) / ab.y();
                    const double t_lo = std::max(0.0, std::min(t0, t1)), t_hi = std::min(1.0, std::max(t0, t1));
                    if (t_lo > t_hi) continue;
                    x0 = std::min(a.x() + t_lo * ab.x(), a.x() + t_hi * ab.x());
                    x1 = std::max(a.x() + t_lo * ab.x(), a.x() + t_hi * ab.x());
                }
                const int col_first = CellAtLeast((x0 - need_mm) / cell_mm - 0.5, -reach, frame_cols + reach);
                const int col_last = CellAtMost((x1 + need_mm) / cell_mm - 0.5, -reach - 1, frame_cols - 1 + reach);
                if (col_first > col_last) continue;
                const size_t i = static_cast<size_t>(row - lo_row);
                need_first[i] = std::min(need_first[i], col_first);
                need_last[i] = std::max(need_last[i], col_last);
            }
        }
        int need_row_first = INT_MAX, need_row_last = INT_MIN;
        for (int row = lo_row; row <= hi_row; ++row) {
            if (need_first[static_cast<size_t>(row - lo_row)] <= need_last[static_cast<size_t>(row - lo_row)]) {
                need_row_first = std::min(need_row_first, row);
                need_row_last = std::max(need_row_last, row);
            }
        }
        col_begin.clear();
        col_end.clear();
        offset.assign(1, 0);
        if (need_row_first > need_row_last) return;   // nowhere near the frame
        // Grown by the kernel's reach and clipped to the frame.
        row0 = std::max(0, need_row_first - reach);
        const int row_end = std::min(frame_rows, need_row_last + reach + 1);
        for (int row = row0; row < row_end; ++row) {
            int first = INT_MAX, last = INT_MIN;
            for (int k = std::max(lo_row, row - reach); k <= std::min(hi_row, row + reach); ++k) {
                const size_t i = static_cast<size_t>(k - lo_row);
                if (need_first[i] > need_last[i]) continue;
                first = std::min(first, need_first[i] - reach);
                last = std::max(last, need_last[i] + reach);
            }
            first = std::max(first, 0);
            last = std::min(last, frame_cols - 1);
            if (first > last) {   // (a row between two needed ones can be wholly outside the frame)
                first = 0;
                last = -1;
            }
            col_begin.push_back(first);
            col_end.push_back(last + 1);
            offset.push_back(offset.back() + static_cast<size_t>(last + 1 - first));
        }
    }

    // One box pass along rows or along columns. Windows hold 2 · box_cells + 1 cells, fewer where
    // the frame cuts them; each sums in index order (never a running sum: a value would then carry
    // the rounding of cells far away, and a change below would move bits beyond the kernel).
    void BoxPass(const std::vector<double>& from, std::vector<double>& to, bool along_rows) const {
        const int h = box_cells;
        for (int r = 0; r < Rows(); ++r) {
            const size_t ri = static_cast<size_t>(r);
            for (int c = col_begin[ri]; c < col_end[ri]; ++c) {
                double sum = 0.0;
                int count = 0;
                if (along_rows) {
                    const int lo = std::max(col_begin[ri], c - h), hi = std::min(col_end[ri] - 1, c + h);
                    for (int k = lo; k <= hi; ++k, ++count) sum += from[offset[ri] + static_cast<size_t>(k - col_begin[ri])];
                } else {
                    for (int k = std::max(0, r - h); k <= std::min(Rows() - 1, r + h); ++k) {
                        const size_t ki = static_cast<size_t>(k);
                        if (c < col_begin[ki] || c >= col_end[ki]) continue;
                        sum += from[offset[ki] + static_cast<size_t>(c - col_begin[ki])];
                        ++count;
                    }
                }
                to[offset[ri] + static_cast<size_t>(c - col_begin[ri])] = sum / count;
            }
        }
    }

    void Blur() {
        std::vector<double> scratch(below.size());
        blurred.resize(below.size());
        BoxPass(below, scratch, true);
        BoxPass(scratch, blurred, false);
        BoxPass(blurred, scratch, true);
        BoxPass(scratch, blurred, false);
    }

    // Bilinear between cell centres, clamped at the frame's border. `fallback` only where the
    // stroke weighs nothing (the raster holds every cell a sample within its reach reads).
    double Sample(const Vec2& p, double fallback) const {
        const double u = std::clamp(p.x() / cell_mm - 0.5, 0.0, frame_cols - 1.0);
        const double v = std::clamp(p.y() / cell_mm - 0.5, 0.0, frame_rows - 1.0);
        const int c0 = static_cast<int>(u), r0 = static_cast<int>(v);
        const int c1 = std::min(c0 + 1, frame_cols - 1), r1 = std::min(r0 + 1, frame_rows - 1);
        const size_t a = IndexOf(r0, c0), b = IndexOf(r0, c1), c = IndexOf(r1, c0), d = IndexOf(r1, c1);
        if (a == kNone || b == kNone || c == kNone || d == kNone) return fallback;
        const double tu = u - c0, tv = v - r0;
        return (blurred[a] * (1.0 - tu) + blurred[b] * tu) * (1.0 - tv) + (blurred[c] * (1.0 - tu) + blurred[d] * tu) * tv;
    }
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Layers
// ---------------------------------------------------------------------------------------------

namespace {

double GridValue(const GridLayer& layer, int col, int row) {
    col = std::clamp(col, 0, layer.cols - 1);
    row = std::clamp(row, 0, layer.rows - 1);
    return layer.per_cm2[static_cast<size_t>(row) * static_cast<size_t>(layer.cols) + static_cast<size_t>(col)];
}

double SampleGrid(const GridLayer& layer, const Vec2& p_mm) {
    const double u = (p_mm.x() - layer.origin_mm.x()) / layer.cell_mm;
    const double v = (p_mm.y() - layer.origin_mm.y()) / layer.cell_mm;
    if (layer.interpolation == Interpolation::kNearest) {
        return GridValue(layer, static_cast<int>(std::floor(u)), static_cast<int>(std::floor(v)));
    }
    const double fu = u - 0.5, fv = v - 0.5;
    const int c0 = static_cast<int>(std::floor(fu)), r0 = static_cast<int>(std::floor(fv));
    const double tu = fu - c0, tv = fv - r0;
    const double top = GridValue(layer, c0, r0) * (1.0 - tu) + GridValue(layer, c0 + 1, r0) * tu;
    const double bottom = GridValue(layer, c0, r0 + 1) * (1.0 - tu) + GridValue(layer, c0 + 1, r0 + 1) * tu;
    return top * (1.0 - tv) + bottom * tv;
}

bool InExtent(const RectMm& extent, const Vec2& p) {
    return p.x() >= extent.min_mm.x() && p.x() < extent.max_mm.x() && p.y() >= extent.min_mm.y() && p.y() < extent.max_mm.y();
}

// The brush's profile at distance u (in radii) from the path.
double BrushProfile(double u, double falloff) {
    if (u >= 1.0) return 0.0;
    const double hard = 1.0 - falloff;
    if (u <= hard) return 1.0;
    return 1.0 - SmoothStep((u - hard) / falloff);
}

}  // namespace

double DensityField::ApplyLayer(size_t index, const BucketEntry* entries, size_t count, const Vec2& p, double value) const {
    const DensityLayer& layer = layers_[index];
    if (const auto* grid = std::get_if<GridLayer>(&layer)) {
        return InExtent(grid->ExtentMm(), p) ? SampleGrid(*grid, p) : value;
    }
    if (const auto* zones = std::get_if<ZonesLayer>(&layer)) {
        if (!scalp_) return value;
        if (!zone_blends_[index]) {
            const auto& target = zones->per_zone[static_cast<size_t>(scalp_->ZoneAt(p))];
            return target ? target->PerCm2() : value;
        }
        double weights[kZoneCount];
        zone_blends_[index]->Sample(p, weights);
        double blended = 0.0;
        for (int z = 0; z < kZoneCount; ++z) {
            const auto& target = zones->per_zone[static_cast<size_t>(z)];
            blended += weights[z] * (target ? target->PerCm2() : value);
        }
        return blended;
    }
    if (const auto* area = std::get_if<AreaLayer>(&layer)) {
        const bool inside = PolygonContains(area->polygon_mm, p);
        double weight = inside ? 1.0 : 0.0;
        if (area->feather_mm > 0.0) {
            const double edge_mm = PolylineDistanceMm(area->polygon_mm, true, p);
            weight = SmoothStep(((inside ? edge_mm : -edge_mm) + area->feather_mm * 0.5) / area->feather_mm);
        }
        return value + weight * (area->target.PerCm2() - value);
    }
    const auto& stroke = std::get<StrokeLayer>(layer);
    double weight = 0.0;
    for (size_t e = 0; e < count; ++e) {
        const uint32_t first = entries[e].first_point, last = entries[e].last_point;
        if (first == last) {
            weight = std::max(weight, stroke.pressure[first] * BrushProfile((p - stroke.points_mm[first]).norm() / stroke.radius_mm, stroke.falloff));
            continue;
        }
        for (uint32_t i = first; i < last; ++i) {
            double t = 0.0;
            const double d = SegmentDistanceMm(p, stroke.points_mm[i], stroke.points_mm[i + 1], &t);
            const double pressure = stroke.pressure[i] + (stroke.pressure[i + 1] - stroke.pressure[i]) * t;
            weight = std::max(weight, pressure * BrushProfile(d / stroke.radius_mm, stroke.falloff));
        }
    }
    if (stroke.blend == StrokeLayer::Blend::kAdd) return value + weight * stroke.strength.PerCm2();
    if (stroke.blend == StrokeLayer::Blend::kSmooth) {
        if (weight == 0.0) return value;
        return value + weight * (smooth_rasters_[index]->Sample(p, value) - value);
    }
    return value + weight * (stroke.strength.PerCm2() - value);
}

// The tests a point costs per bucket entry (an area: all its edges; a stroke chunk: its segments).
double DensityField::EntryWork(const BucketEntry& entry) const {
    const DensityLayer& layer = layers_[entry.layer];
    if (const auto* area = std::get_if<AreaLayer>(&layer)) return static_cast<double>(area->polygon_mm.size());
    if (std::holds_alternative<StrokeLayer>(layer)) return std::max(1.0, static_cast<double>(entry.last_point - entry.first_point));
    return 1.0;
}

// The rasters of smooth strokes, lowest first (a raster evaluates the ones below it). All limits
// are checked before any raster is evaluated, on the design alone, so that a costly design is
// refused at once and whether it is refused never depends on `previous`.
Status DensityField::BuildSmoothRasters(const DensityField* previous, double layer_work) {
    smooth_rasters_.assign(layers_.size(), nullptr);
    auto is_smooth = [&](size_t i) {
        const auto* stroke = std::get_if<StrokeLayer>(&layers_[i]);
        return stroke && stroke->blend == StrokeLayer::Blend::kSmooth;
    };
    std::vector<std::shared_ptr<SmoothRaster>> laid_out(layers_.size());
    int64_t cells = 0;
    double work = layer_work;
    std::vector<double> bucket_work;   // per bucket, the work of one point through the layers below (-1: not yet known)
    for (size_t i = 0; i < layers_.size(); ++i) {
        if (!is_smooth(i)) continue;
        const auto& stroke = std::get<StrokeLayer>(layers_[i]);
        const std::string path = "density.layers[" + std::to_string(i) + "]";
        const int64_t budget = DesignLimits::kMaxSmoothCells - cells;
        auto too_large = [&](const char* what, int64_t count) {
            return Status(StatusCode::kLimitExceeded, path + " is a smooth stroke too large to average: its raster " + what + " " +
                                                          std::to_string(count) + Format(" cells of %g mm", SmoothCellMm(stroke.radius_mm)) +
                                                          "; the design's smooth strokes may use " + std::to_string(DesignLimits::kMaxSmoothCells) +
                                                          " in all (a shorter stroke, a larger radius or fewer smooth strokes)");
        };
        // (A thin stroke zig-zagging over the map scans far more rows than it holds cells.)
        if (const int64_t rows = SmoothRaster::RowsToScan(stroke, height_mm_); rows > budget) return too_large("would scan rows of", rows);
        auto raster = std::make_shared<SmoothRaster>();
        raster->Layout(stroke, width_mm_, height_mm_);
        cells += static_cast<int64_t>(raster->Cells());
        if (cells > DesignLimits::kMaxSmoothCells) return too_large("would hold", static_cast<int64_t>(raster->Cells()));
        smooth_cells_ = cells;
        // Each cell is a point through the layers below (the entries of its bucket before this
        // layer) and four box windows.
        bucket_work.assign(buckets_.Shape().CellCount(), -1.0);
        double raster_work = 0.0;
        for (int r = 0; r < raster->Rows(); ++r) {
            for (int c = raster->col_begin[static_cast<size_t>(r)]; c < raster->col_end[static_cast<size_t>(r)]; ++c) {
                const Vec2 p = raster->CentreMm(raster->row0 + r, c);
                const size_t b = buckets_.Shape().IndexOf(p);
                double& below = bucket_work[b];
                if (below < 0.0) {
                    below = 0.0;
                    for (const BucketEntry& entry : buckets_.Items(b)) {
                        if (entry.layer >= i) break;
                        below += EntryWork(entry);
                    }
                }
                raster_work += below + 4.0 * (2.0 * raster->box_cells + 1.0);
            }
        }
        work += raster_work;
        if (work > DesignLimits::kMaxLayerWork) {
            return Status(StatusCode::kLimitExceeded, path + " is a smooth stroke over layers too complex to average: the design's layers and smooth strokes need about " +
                                                          std::to_string(static_cast<int64_t>(work / 1e6)) + " million tests, this stroke " +
                                                          std::to_string(static_cast<int64_t>(raster_work / 1e6)) + " million of them; the limit is " +
                                                          std::to_string(static_cast<int64_t>(DesignLimits::kMaxLayerWork / 1e6)) +
                                                          " million (a smaller smooth stroke, or fewer layers below it)");
        }
        laid_out[i] = std::move(raster);
    }

    // Taken over from `previous` on the same frame: the whole raster while this layer and every
    // one below it are unchanged; the cells' below values while only this layer changed (a stroke
    // being painted) and its cells are the same size. Either way the same bits as computed anew.
    const bool same_frame = previous && previous->width_mm_ == width_mm_ && previous->height_mm_ == height_mm_ &&
                            previous->scalp_ == scalp_ && previous->bucket_mm_ == bucket_mm_;
    size_t unchanged_below = 0;   // layers [0, unchanged_below) are those of `previous`
    if (same_frame) {
        size_t last_smooth = 0;
        for (size_t i = 0; i < layers_.size(); ++i) if (laid_out[i]) last_smooth = i;
        const size_t common = std::min({previous->layers_.size(), layers_.size(), last_smooth + 1});
        while (unchanged_below < common && Identical(previous->layers_[unchanged_below], layers_[unchanged_below])) ++unchanged_below;
    }
    for (size_t i = 0; i < layers_.size(); ++i) {
        if (!laid_out[i]) continue;
        const SmoothRaster* before = same_frame && i < previous->smooth_rasters_.size() ? previous->smooth_rasters_[i].get() : nullptr;
        if (before && i < unchanged_below) {
            smooth_rasters_[i] = previous->smooth_rasters_[i];
            continue;
        }
        SmoothRaster& raster = *laid_out[i];
        const bool reuse_below = before && i <= unchanged_below && before->cell_mm == raster.cell_mm &&
                                 before->frame_cols == raster.frame_cols && before->frame_rows == raster.frame_rows;
        raster.below.resize(raster.Cells());
        for (int r = 0; r < raster.Rows(); ++r) {
            const size_t ri = static_cast<size_t>(r);
            const int row = raster.row0 + r;
            for (int c = raster.col_begin[ri]; c < raster.col_end[ri]; ++c) {
                const size_t at = raster.offset[ri] + static_cast<size_t>(c - raster.col_begin[ri]);
                const size_t was = reuse_below ? before->IndexOf(row, c) : SmoothRaster::kNone;
                if (was != SmoothRaster::kNone) {
                    raster.below[at] = before->below[was];
                } else {
                    raster.below[at] = LayersValue(raster.CentreMm(row, c), i);
                    ++smooth_cells_evaluated_;
                }
            }
        }
        raster.Blur();
        smooth_rasters_[i] = std::move(laid_out[i]);
    }
    return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Compile
// ---------------------------------------------------------------------------------------------

Expected<DensityField> DensityField::Compile(const Design& design, const DensityField* previous) {
    DensityField field;
    if (design.template_spec.kind == TemplateSpec::Kind::kScalp) {
        const HeadMeasurements& head = design.template_spec.head;
        if (previous && previous->scalp_ && Identical(previous->scalp_->Measurements(), head)) {
            field.scalp_ = previous->scalp_;
        } else {
            Expected<ScalpTemplate> scalp = ScalpTemplate::Make(head);
            if (!scalp.ok()) return Status(scalp.status().code(), "template." + scalp.status().message());
            field.scalp_ = std::make_shared<const ScalpTemplate>(std::move(scalp).value());
        }
        field.width_mm_ = field.scalp_->WidthMm();
        field.height_mm_ = field.scalp_->HeightMm();
    } else {
        field.width_mm_ = design.template_spec.flat.width_mm;
        field.height_mm_ = design.template_spec.flat.height_mm;
    }

    // What restore guarantees, checked again for designs built in code (the UI's edits).
    static_assert(DesignLimits::kMaxScars <= 127, "scar indices are stored in 8 bits");
    if (design.scars.size() > static_cast<size_t>(DesignLimits::kMaxScars)) {
        return Status(StatusCode::kLimitExceeded, "the design has " + std::to_string(design.scars.size()) + " scars; the limit is " +
                                                      std::to_string(DesignLimits::kMaxScars));
    }
    if (design.layers.size() > static_cast<size_t>(DesignLimits::kMaxLayers)) {
        return Status(StatusCode::kLimitExceeded, "the design has " + std::to_string(design.layers.size()) +
                                                      " layers (every brush stroke is one); the limit is " + std::to_string(DesignLimits::kMaxLayers));
    }
    for (size_t i = 0; i < design.layers.size(); ++i) {
        const std::string path = "density.layers[" + std::to_string(i) + "]";
        if (const auto* stroke = std::get_if<StrokeLayer>(&design.layers[i])) {
            if (stroke->points_mm.empty() || stroke->pressure.size() != stroke->points_mm.size() || !(stroke->radius_mm > 0.0)) {
                return Status(StatusCode::kInvalidArgument, path + " is a stroke without points, pressures for each point, or a radius");
            }
        } else if (const auto* area = std::get_if<AreaLayer>(&design.layers[i])) {
            if (area->polygon_mm.size() < 3) return Status(StatusCode::kInvalidArgument, path + " is an area with fewer than three points");
        } else if (const auto* grid = std::get_if<GridLayer>(&design.layers[i])) {
            if (grid->cols < 1 || grid->rows < 1 || grid->per_cm2.size() != static_cast<size_t>(grid->cols) * static_cast<size_t>(grid->rows) ||
                !(grid->cell_mm > 0.0)) {
                return Status(StatusCode::kInvalidArgument, path + " is a grid whose cells do not match its values");
            }
        }
    }

    // Every path point as the loader would take it (designs edited in code must open again from
    // their own JSON): finite, within the largest frame, and not too many in all.
    {
        int64_t total_points = 0;
        auto check_path = [&](const std::vector<Vec2>& points, const std::string& path, size_t limit) -> Status {
            if (points.size() > limit) {
                return Status(StatusCode::kLimitExceeded, path + " has " + std::to_string(points.size()) + " points; the limit is " + std::to_string(limit));
            }
            total_points += static_cast<int64_t>(points.size());
            for (const Vec2& p : points) {
                if (!std::isfinite(p.x()) || !std::isfinite(p.y()) || std::fabs(p.x()) > DesignLimits::kMaxTemplateSideMm ||
                    std::fabs(p.y()) > DesignLimits::kMaxTemplateSideMm) {
                    return Status(StatusCode::kInvalidArgument, path + " has a point outside ±" +
                                                                    std::to_string(static_cast<int>(DesignLimits::kMaxTemplateSideMm)) + " mm");
                }
            }
            return Status::Ok();
        };
        for (size_t i = 0; i < design.layers.size(); ++i) {
            const std::string path = "density.layers[" + std::to_string(i) + "].points_mm";
            Status s = Status::Ok();
            if (const auto* stroke = std::get_if<StrokeLayer>(&design.layers[i])) s = check_path(stroke->points_mm, path, DesignLimits::kMaxPathPoints);
            else if (const auto* area = std::get_if<AreaLayer>(&design.layers[i])) s = check_path(area->polygon_mm, path, DesignLimits::kMaxPolygonPoints);
            if (!s.ok()) return s;
        }
        if (design.hairline) {
            if (Status s = check_path(design.hairline->points_mm, "hairline.points_mm", DesignLimits::kMaxPathPoints); !s.ok()) return s;
        }
        for (size_t i = 0; i < design.scars.size(); ++i) {
            if (Status s = check_path(design.scars[i].points_mm, "scars[" + std::to_string(i) + "].points_mm", DesignLimits::kMaxPolygonPoints); !s.ok()) return s;
        }
        if (total_points > DesignLimits::kMaxTotalPathPoints) {
            return Status(StatusCode::kLimitExceeded, "the design has " + std::to_string(total_points) + " path points in all; the limit is " +
                                                          std::to_string(DesignLimits::kMaxTotalPathPoints) + " (fewer or shorter strokes)");
        }
    }

    // Layers, with an upper bound of what they can give.
    field.layers_ = design.layers;
    field.zone_blends_.assign(field.layers_.size(), nullptr);
    double bound = 0.0;
    for (size_t i = 0; i < field.layers_.size(); ++i) {
        const DensityLayer& layer = field.layers_[i];
        if (const auto* grid = std::get_if<GridLayer>(&layer)) {
            for (double v : grid->per_cm2) bound = std::max(bound, v);
        } else if (const auto* zones = std::get_if<ZonesLayer>(&layer)) {
            if (!field.scalp_) {
                return Status(StatusCode::kInvalidArgument, "density.layers[" + std::to_string(i) +
                                                                "] is a zones layer, which needs the scalp template (template.kind \"scalp\")");
            }
            for (const auto& target : zones->per_zone) if (target) bound = std::max(bound, target->PerCm2());
            if (zones->blend_mm > 0.0) {
                // At most one blend per radius (a handful exist), shared between layers and edits.
                const int radius = ZoneBlend::RadiusCells(zones->blend_mm);
                for (size_t j = 0; j < i && !field.zone_blends_[i]; ++j) {
                    if (field.zone_blends_[j] && field.zone_blends_[j]->radius_cells == radius) field.zone_blends_[i] = field.zone_blends_[j];
                }
                if (!field.zone_blends_[i] && previous && previous->scalp_ == field.scalp_) {
                    for (const auto& blend : previous->zone_blends_) {
                        if (blend && blend->radius_cells == radius) field.zone_blends_[i] = blend;
                    }
                }
                if (!field.zone_blends_[i]) field.zone_blends_[i] = ZoneBlend::Make(*field.scalp_, zones->blend_mm);
            }
        } else if (const auto* area = std::get_if<AreaLayer>(&layer)) {
            bound = std::max(bound, area->target.PerCm2());
        } else {
            // (Smoothing gives averages of what is below: never more than it.)
            const auto& stroke = std::get<StrokeLayer>(layer);
            if (stroke.blend == StrokeLayer::Blend::kAdd) bound += std::max(0.0, stroke.strength.PerCm2());
            else if (stroke.blend == StrokeLayer::Blend::kSet) bound = std::max(bound, stroke.strength.PerCm2());
        }
    }

    const double layers_bound = bound;   // before scars, which are meant to be denser

    // Hairline (shaved look only) and scars.
    // An unchanged hairline or scar is taken from `previous` (on the same template and seed):
    // building them is the costly part of a compile, and a brush stroke changes neither.
    const double midline_x_mm = field.scalp_ ? field.scalp_->MidlineXMm() : field.width_mm_ * 0.5;
    field.seed_ = design.seed;
    const bool same_ground = previous && previous->seed_ == design.seed && previous->width_mm_ == field.width_mm_ &&
                             previous->height_mm_ == field.height_mm_ && previous->scalp_ == field.scalp_;
    if (design.hairline && design.mode == TreatmentMode::kShaved) {
        field.hairline_spec_ = design.hairline;
        if (same_ground && previous->hairline_ && previous->hairline_spec_ && Identical(*previous->hairline_spec_, *design.hairline)) {
            field.hairline_ = previous->hairline_;
        } else {
            Expected<HairlineGeometry> hairline = HairlineGeometry::Build(*design.hairline, design.seed, midline_x_mm);
            if (!hairline.ok()) return hairline.status();
            field.hairline_ = std::move(hairline).value();
        }
    }
    for (size_t i = 0; i < design.scars.size(); ++i) {
        if (same_ground && i < previous->scars_.size() && Identical(previous->scars_[i].Spec(), design.scars[i])) {
            field.scars_.push_back(previous->scars_[i]);
        } else {
            Expected<ScarGeometry> scar = ScarGeometry::Build(design.scars[i], i, design.seed);
            if (!scar.ok()) return scar.status();
            field.scars_.push_back(std::move(scar).value());
        }
        const double target = design.scars[i].target ? design.scars[i].target->PerCm2() : kDefaultScarTargetPerCm2;
        field.scar_target_per_cm2_.push_back(target);
        bound = std::max(bound, target);
    }
    field.max_per_cm2_ = std::min(bound, DesignLimits::kMaxDensityPerCm2);

    // Bucket index: which layers can change a point, by bucket, in layer order. Strokes go in
    // chunks of a few segments so a long stroke costs only its nearby part.
    SpatialGrid<BucketEntry>::Builder buckets(GridShape::Covering(Vec2::Zero(), field.width_mm_, field.height_mm_, field.bucket_mm_));
    auto add = [&](const RectMm& box, BucketEntry entry) { buckets.AddBox(box, entry); };
    auto box_of = [](const std::vector<Vec2>& points, size_t first, size_t last, double grow_mm) {
        RectMm box{points[first], points[first]};
        for (size_t k = first; k <= last; ++k) {
            box.min_mm = box.min_mm.cwiseMin(points[k]);
            box.max_mm = box.max_mm.cwiseMax(points[k]);
        }
        return RectMm{box.min_mm - Vec2(grow_mm, grow_mm), box.max_mm + Vec2(grow_mm, grow_mm)};
    };
    for (size_t i = 0; i < field.layers_.size(); ++i) {
        const DensityLayer& layer = field.layers_[i];
        const uint32_t index = static_cast<uint32_t>(i);
        if (const auto* grid = std::get_if<GridLayer>(&layer)) {
            add(grid->ExtentMm(), {index, 0, 0});
        } else if (std::holds_alternative<ZonesLayer>(layer)) {
            add(field.FrameMm(), {index, 0, 0});
        } else if (const auto* area = std::get_if<AreaLayer>(&layer)) {
            add(box_of(area->polygon_mm, 0, area->polygon_mm.size() - 1, area->feather_mm * 0.5 + 0.01), {index, 0, 0});
        } else {
            const auto& stroke = std::get<StrokeLayer>(layer);
            constexpr size_t kChunkSegments = 8;
            const size_t n = stroke.points_mm.size();
            if (n == 1) {
                add(box_of(stroke.points_mm, 0, 0, stroke.radius_mm), {index, 0, 0});
                continue;
            }
            for (size_t first = 0; first + 1 < n; first += kChunkSegments) {
                const size_t last = std::min(first + kChunkSegments, n - 1);
                add(box_of(stroke.points_mm, first, last, stroke.radius_mm),
                    {index, static_cast<uint32_t>(first), static_cast<uint32_t>(last)});
            }
        }
    }
    // The work of evaluating the layers: every raw point of a bucket is tested against each of the
    // bucket's entries (an area against all its edges, a stroke chunk against its segments).
    field.buckets_ = std::move(buckets).Build();
    const double points_per_bucket = field.bucket_mm_ * field.bucket_mm_ / 100.0 * std::max(field.max_per_cm2_, 1.0) * 1.25;
    double work = 0.0;
    for (const BucketEntry& entry : field.buckets_.AllItems()) work += field.EntryWork(entry) * points_per_bucket;
    if (work > DesignLimits::kMaxLayerWork) {
        return Status(StatusCode::kLimitExceeded, "the design's layers are too complex to evaluate: about " +
                                                      std::to_string(static_cast<int64_t>(work / 1e6)) + " million tests; the limit is " +
                                                      std::to_string(static_cast<int64_t>(DesignLimits::kMaxLayerWork / 1e6)) +
                                                      " million (fewer or smaller areas and strokes)");
    }
    if (Status s = field.BuildSmoothRasters(previous, work); !s.ok()) return s;

    // Guides and warnings.
    auto warn = [&](const char* code, std::string message) { field.warnings_.push_back({code, std::move(message)}); };
    if (design.hairline && design.mode == TreatmentMode::kDensity) {
        warn("hairline_ignored", "the hairline is not used in density mode (dots between existing hair); switch to the shaved look to design one");
    }
    if (field.hairline_) {
        const HairlineGeometry& h = *field.hairline_;
        if (field.scalp_) {
            const double height_mm = field.scalp_->SurfaceLengthMm(field.scalp_->GetLandmarks().glabella_mm, h.MidlineCrossingMm());
            if (height_mm < 70.0) {
                warn("hairline_low", Format("the mid-frontal point is %.0f mm above the glabella; below 70 mm a hairline looks too low (about 80 mm is usual, 70 aggressive, 100 conservative)", height_mm));
            } else if (height_mm > 105.0) {
                warn("hairline_high", Format("the mid-frontal point is %.0f mm above the glabella, higher than the conservative 100 mm", height_mm));
            }
        }
        if (h.BowMm() < 10.0) {
            warn("hairline_straight", Format("the hairline is nearly straight (its curve departs %.1f mm from a straight line); natural hairlines curve back at the temples", h.BowMm()));
        }
        if (h.IrregularityRmsMm() < 0.4) {
            warn("hairline_regular", Format("the hairline's edge varies by only %.2f mm (RMS); below 0.4 mm it reads as a ruler edge", h.IrregularityRmsMm()));
        }
        if (h.MirrorDeviationMm() < 0.5) {
            warn("hairline_symmetric", Format("the two halves of the hairline mirror each other within %.2f mm; natural hairlines are never that symmetric", h.MirrorDeviationMm()));
        }
    }
    if (design.mode == TreatmentMode::kDensity && layers_bound > 0.6 * kNaturalDensityPerCm2) {
        warn("density_mode_dense", Format("density mode targets up to %.0f dots/cm²; between existing hair, above %.0f (60 %% of natural) reads as a shaved pattern", std::min(layers_bound, DesignLimits::kMaxDensityPerCm2), 0.6 * kNaturalDensityPerCm2));
    }
    if (!design.scars.empty() && design.sessions.size() < 4) {
        warn("scar_sessions", Format("scar tissue takes pigment unevenly: plan at least 4 sessions (this plan has %.0f)", static_cast<double>(design.sessions.size())));
    }
    for (size_t k = 1; k < design.sessions.size(); ++k) {
        if (design.sessions[k].pigment.EffectiveDarkness() + 1e-9 < design.sessions[k - 1].pigment.EffectiveDarkness()) {
            warn("pigment_order", Format("session %.0f is lighter than session %.0f; build lighter first, darker later", static_cast<double>(k + 1), static_cast<double>(k)));
        }
    }
    return field;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Queries
// ---------------------------------------------------------------------------------------------

bool DensityField::Inside(const Vec2& p) const {
    if (!(p.x() >= 0.0 && p.y() >= 0.0 && p.x() < width_mm_ && p.y() < height_mm_)) return false;
    return !scalp_ || scalp_->Contains(p);
}

double DensityField::TemplateAreaCm2() const { return scalp_ ? scalp_->AreaCm2() : width_mm_ * height_mm_ / 100.0; }

double DensityField::MaxAnisotropy() const { return scalp_ ? scalp_->MaxAnisotropy() : 1.0; }

double DensityField::LayersValue(const Vec2& p, size_t end_layer) const {
    const std::span<const BucketEntry> entries = buckets_.Items(buckets_.Shape().IndexOf(p));
    double value = 0.0;
    for (size_t e = 0; e < entries.size() && entries[e].layer < end_layer;) {
        // A stroke's chunks near this bucket are consecutive entries of one layer.
        size_t end = e + 1;
        while (end < entries.size() && entries[end].layer == entries[e].layer) ++end;
        value = ApplyLayer(entries[e].layer, &entries[e], end - e, p, value);
        e = end;
    }
    return value;
}

double DensityField::PerCm2(const Vec2& p) const {
    if (!Inside(p)) return 0.0;
    double value = std::clamp(LayersValue(p, layers_.size()), 0.0, DesignLimits::kMaxDensityPerCm2);
    if (hairline_) value = hairline_->Apply(p, value);
    for (size_t i = 0; i < scars_.size(); ++i) {
        const double weight = scars_[i].WeightAt(p);
        if (weight > 0.0) value += weight * (std::max(value, scar_target_per_cm2_[i]) - value);
    }
    return std::clamp(value, 0.0, DesignLimits::kMaxDensityPerCm2);
}

PointKind DensityField::KindAt(const Vec2& p) const {
    PointKind kind;
    if (scalp_) kind.zone = static_cast<int>(scalp_->ZoneAt(p));
    if (hairline_) kind.hairline = hairline_->InHairlineZone(p);
    for (size_t i = 0; i < scars_.size() && kind.scar < 0; ++i) {
        if (scars_[i].OnScarTissue(p)) kind.scar = static_cast<int>(i);
    }
    return kind;
}

RectMm LayerReachMm(const DensityLayer& layer, const RectMm& frame) {
    auto box_of = [](const std::vector<Vec2>& points, double grow_mm) {
        if (points.empty()) return RectMm{};
        RectMm box{points.front(), points.front()};
        for (const Vec2& p : points) {
            box.min_mm = box.min_mm.cwiseMin(p);
            box.max_mm = box.max_mm.cwiseMax(p);
        }
        return RectMm{box.min_mm - Vec2(grow_mm, grow_mm), box.max_mm + Vec2(grow_mm, grow_mm)};
    };
    if (const auto* grid = std::get_if<GridLayer>(&layer)) return grid->ExtentMm();
    if (std::holds_alternative<ZonesLayer>(layer)) return frame;
    if (const auto* area = std::get_if<AreaLayer>(&layer)) return box_of(area->polygon_mm, area->feather_mm * 0.5 + 0.01);
    const auto& stroke = std::get<StrokeLayer>(layer);
    return box_of(stroke.points_mm, stroke.radius_mm);
}

std::optional<RectMm> AppendedStrokeReachMm(const DensityLayer& before, const DensityLayer& after) {
    const auto* s = std::get_if<StrokeLayer>(&before);
    const auto* t = std::get_if<StrokeLayer>(&after);
    if (!s || !t || s->points_mm.empty() || s->pressure.size() != s->points_mm.size() || t->pressure.size() != t->points_mm.size() ||
        !StrokeExtends(*s, *t)) {
        return std::nullopt;
    }
    RectMm box{t->points_mm[s->points_mm.size() - 1], t->points_mm[s->points_mm.size() - 1]};
    for (size_t k = s->points_mm.size(); k < t->points_mm.size(); ++k) {
        box.min_mm = box.min_mm.cwiseMin(t->points_mm[k]);
        box.max_mm = box.max_mm.cwiseMax(t->points_mm[k]);
    }
    const Vec2 grow = Vec2::Constant(t->radius_mm);
    return RectMm{box.min_mm - grow, box.max_mm + grow};
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Head size
// ---------------------------------------------------------------------------------------------

Expected<Design> ResizeHead(const Design& design, const HeadMeasurements& measurements) {
    if (design.template_spec.kind != TemplateSpec::Kind::kScalp) {
        return Status(StatusCode::kInvalidArgument, "only a design on the scalp template has a head size to change");
    }
    Expected<ScalpTemplate> from = ScalpTemplate::Make(design.template_spec.head);
    if (!from.ok()) return Status(from.status().code(), "template." + from.status().message());
    Expected<ScalpTemplate> to = ScalpTemplate::Make(measurements);
    if (!to.ok()) return Status(to.status().code(), "template." + to.status().message());
    // Lengths follow the head's linear size: the square root of the area ratio (the map is equal-area).
    const double scale = std::sqrt(to->AreaCm2() / from->AreaCm2());
    auto carry = [&](Vec2& p) { p = from->CarryTo(*to, p); };
    auto carry_all = [&](std::vector<Vec2>& points) { for (Vec2& p : points) carry(p); };
    Design out = design;
    out.template_spec.head = measurements;
    for (DensityLayer& layer : out.layers) {
        if (auto* grid = std::get_if<GridLayer>(&layer)) {
            carry(grid->origin_mm);
            grid->cell_mm = std::clamp(grid->cell_mm * scale, DesignLimits::kMinGridCellMm, DesignLimits::kMaxTemplateSideMm);
        } else if (auto* area = std::get_if<AreaLayer>(&layer)) {
            carry_all(area->polygon_mm);
        } else if (auto* stroke = std::get_if<StrokeLayer>(&layer)) {
            carry_all(stroke->points_mm);
            stroke->radius_mm = std::clamp(stroke->radius_mm * scale, 0.5, 100.0);
        }
    }
    if (out.hairline) carry_all(out.hairline->points_mm);
    for (ScarSpec& scar : out.scars) carry_all(scar.points_mm);
    // What must still fit (an FUE field shrinks on a smaller head) is checked the way a load is.
    if (Expected<DensityField> field = DensityField::Compile(out); !field.ok()) {
        return Status(field.status().code(), "on the new head: " + field.status().message());
    }
    return out;
}

}  // namespace smp
