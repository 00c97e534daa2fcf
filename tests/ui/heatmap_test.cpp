#include "ui/heatmap.h"

#include "core/design_json.h"

#include <doctest/doctest.h>

namespace {

int Brightness(const std::array<uint8_t, 4>& c) { return c[0] + c[1] + c[2]; }

}  // namespace

TEST_CASE("heat map colours: clear where nothing is planned, darker and redder as density rises") {
    CHECK(smp::HeatmapColor(0.0)[3] == 0);
    CHECK(smp::HeatmapColor(-5.0)[3] == 0);
    CHECK(smp::HeatmapColor(std::nan(""))[3] == 0);
    CHECK(smp::HeatmapColor(5.0)[3] > 100);   // thin painting still shows
    int previous = Brightness(smp::HeatmapColor(1.0));
    for (double d = 30.0; d <= 150.0; d += 30.0) {
        const int brightness = Brightness(smp::HeatmapColor(d));
        CHECK(smp::HeatmapColor(d)[3] == 255);
        if (d >= 120.0) CHECK(brightness < previous);   // the top of the ramp darkens
        previous = brightness;
    }
    CHECK(smp::HeatmapColor(150.0) == smp::HeatmapColor(400.0));   // clamped
    CHECK(smp::HeatmapColor(150.0)[0] > smp::HeatmapColor(150.0)[2]);   // dense is red, not blue
}

TEST_CASE("heat map image: one pixel per cell, each the field's colour at the cell centre, size bounded") {
    auto design = smp::RestoreDesign(R"({"type":"smp.design","schema_version":2,"seed":3,
        "template":{"kind":"flat","width_mm":40,"height_mm":20},
        "density":{"layers":[{"kind":"grid","cell_mm":20,"cols":2,"rows":1,"per_cm2":[0,100]}]}})");
    REQUIRE(design.ok());
    auto field = smp::DensityField::Compile(*design);
    REQUIRE(field.ok());
    const smp::HeatmapImage image = smp::SampleHeatmap(*field, 2.0);
    CHECK(image.width == 20);
    CHECK(image.height == 10);
    REQUIRE(image.rgba.size() == 20u * 10u * 4u);
    auto pixel = [&](int col, int row) {
        const size_t i = (static_cast<size_t>(row) * 20 + static_cast<size_t>(col)) * 4;
        return std::array<uint8_t, 4>{image.rgba[i], image.rgba[i + 1], image.rgba[i + 2], image.rgba[i + 3]};
    };
    CHECK(pixel(2, 5)[3] == 0);                                  // left half: nothing planned
    CHECK(pixel(15, 5) == smp::HeatmapColor(field->PerCm2(smp::Vec2(31.0, 11.0))));
    CHECK(pixel(15, 5)[3] == 255);
    // A fine cell on a large frame is coarsened: never more than kHeatmapMaxSide pixels a side.
    const smp::HeatmapImage coarse = smp::SampleHeatmap(*field, 0.01);
    CHECK(coarse.width <= smp::kHeatmapMaxSide);
    CHECK(coarse.height <= smp::kHeatmapMaxSide);
}
