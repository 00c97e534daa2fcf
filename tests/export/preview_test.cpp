#include "export/preview.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

using smp::PreviewMode;

TEST_CASE("preview table: one row per mode, names and labels unique, names round-trip") {
    std::set<std::string> names, labels;
    for (const smp::PreviewRow& row : smp::kPreviews) {
        CHECK(&smp::Preview(row.mode) == &row);
        CHECK(smp::FindPreview(row.name) == row.mode);
        CHECK(std::string(smp::PreviewName(row.mode)) == row.name);
        CHECK(std::string(row.tooltip).size() > 10);
        names.insert(row.name);
        labels.insert(row.label);
    }
    CHECK(names.size() == static_cast<size_t>(smp::kPreviewModeCount));
    CHECK(labels.size() == static_cast<size_t>(smp::kPreviewModeCount));
    CHECK(smp::FindPreview("faded") == PreviewMode::kFaded);
    CHECK(!smp::FindPreview("Faded"));   // names are exact, as JSON and the command line write them
    CHECK(!smp::FindPreview(""));
    CHECK(!smp::FindPreview("plan "));
    CHECK(smp::PreviewNames("|", "|") == "plan|healed|faded");
    CHECK(smp::PreviewNames(", ", " or ") == "plan, healed or faded");
}

TEST_CASE("preview table: the plan alone shows planning marks and colours by session; only faded reads the years") {
    CHECK(smp::Preview(PreviewMode::kPlan).planning_marks);
    CHECK(!smp::Preview(PreviewMode::kPlan).skin);
    CHECK(smp::Preview(PreviewMode::kPlan).dot_softness == 0.0);
    for (PreviewMode mode : {PreviewMode::kHealed, PreviewMode::kFaded}) {
        CHECK(!smp::Preview(mode).planning_marks);
        CHECK(smp::Preview(mode).skin);
        CHECK(smp::Preview(mode).after_session);
        CHECK(smp::Preview(mode).dot_softness > 0.0);
    }
    CHECK(smp::Preview(PreviewMode::kFaded).uses_years);
    CHECK(!smp::Preview(PreviewMode::kHealed).uses_years);

    smp::Design design;
    design.sessions = smp::DefaultSessions();
    smp::Dot dot;
    dot.position_mm = smp::Vec2::Zero();
    dot.session = 2;
    for (float years : {0.0f, 4.0f, 10.0f}) {
        CHECK(smp::DotColor(dot, design, {PreviewMode::kPlan, years}) == smp::SessionRgba(2));
        CHECK(smp::DotColor(dot, design, {PreviewMode::kHealed, years}) == smp::HealedDotColor(dot, design, 0.0f));
        CHECK(smp::DotColor(dot, design, {PreviewMode::kFaded, years}) == smp::FadedDotColor(dot, design, years));
    }
    CHECK(smp::FadedDotColor(dot, design, 0.0f) == smp::HealedDotColor(dot, design, 0.0f));
    CHECK(smp::FadedDotColor(dot, design, 6.0f) != smp::HealedDotColor(dot, design, 6.0f));
}

TEST_CASE("preview settings: compared field by field") {
    smp::PreviewSettings a, b;
    CHECK(a == b);
    b.viewing_distance_m = 1.0f;
    CHECK(!(a == b));
    b = a;
    b.years = 2.0f;
    CHECK(!(a == b));
}
