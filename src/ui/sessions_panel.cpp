#include "ui/sessions_panel.h"

#include "imgui.h"
#include "imgui_internal.h"   // PushItemFlag
#include "document/document.h"
#include "ui/app_actions.h"
#include "ui/app_state.h"
#include "ui/numbers_text.h"
#include "ui/theme.h"
#include "ui/widget_edit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace smp {

namespace {

const char* NeedleLabel(Needle needle) { return needle == Needle::k1RL ? "1RL (single point)" : "3RL (round liner)"; }

void NeedleCombo(AppState& app, const char* label, size_t k, bool hairline) {
    const SessionSpec& session = app.doc.design.sessions[k];
    const NeedleChoice& choice = hairline ? session.hairline_needle : session.fill_needle;
    ImGui::PushID(label);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
    if (BeginChoices(label, NeedleLabel(choice.needle))) {
        for (Needle needle : {Needle::k1RL, Needle::k3RL}) {
            if (Choice(NeedleLabel(needle), needle == choice.needle) && needle != choice.needle) {
                Design edited = app.doc.design;
                NeedleChoice& target = hairline ? edited.sessions[k].hairline_needle : edited.sessions[k].fill_needle;
                target = {needle, DefaultDotDiameterMm(needle)};
                ReportEditStatus(app, EditDesign(app.doc, edited, hairline ? "hairline needle" : "fill needle"));
            }
        }
        ImGui::EndCombo();
    }
    ImGui::SetItemTooltip(hairline ? "Needle for the hairline's transition zone (DOMAIN: 1RL for fine work)"
                                   : "Needle for density everywhere else (3RL for fill)");
    ImGui::SameLine();
    float diameter = static_cast<float>(choice.dot_diameter_mm);
    ImGui::SetNextItemWidth(-1.0f);
    const bool changed = ImGui::DragFloat("##diameter", &diameter, 0.005f, 0.1f, 1.0f, "%.2f mm", ImGuiSliderFlags_AlwaysClamp);
    ImGui::SetItemTooltip("Healed dot diameter");
    LiveWidgetEdit(app, changed, "dot diameter", [&](Design& edited) {
        NeedleChoice& target = hairline ? edited.sessions[k].hairline_needle : edited.sessions[k].fill_needle;
        target.dot_diameter_mm = std::round(diameter * 100.0f) / 100.0;
    });
    ImGui::PopID();
}

void DrawSession(AppState& app, size_t k) {
    // Copies: each widget below may replace the design.
    const std::vector<SessionSpec> sessions = app.doc.design.sessions;
    const SessionSpec session = sessions[k];
    const size_t count = sessions.size();

    // Day: the first is day 0; moving one moves the later ones with it, so every gap stays 10-30 days.
    if (k > 0) {
        const int previous = sessions[k - 1].day;
        int gap = session.day - previous;
        const bool changed = ImGui::SliderInt("Days after the last", &gap, DesignLimits::kMinSessionGapDays, DesignLimits::kMaxSessionGapDays, "%d days");
        ImGui::SetItemTooltip("Sessions 10-30 days apart: the skin heals between them (DOMAIN: about two weeks is usual)");
        const int shift = previous + gap - session.day;
        LiveWidgetEdit(app, changed && shift != 0, "session day", [&](Design& edited) {
            for (size_t j = k; j < count; ++j) edited.sessions[j].day += shift;
        });
    }
    // Cumulative share of the target, between its neighbours; the last always reaches 100 %.
    const float low = k > 0 ? static_cast<float>(sessions[k - 1].cumulative_fraction * 100.0) + 1.0f : 1.0f;
    const float high = k + 1 < count ? static_cast<float>(sessions[k + 1].cumulative_fraction * 100.0) - 1.0f : 100.0f;
    if (k + 1 < count && low <= high) {
        float percent = static_cast<float>(session.cumulative_fraction * 100.0);
        const bool changed = ImGui::SliderFloat("Reaches", &percent, low, high, "%.0f %% of target", ImGuiSliderFlags_AlwaysClamp);
        ImGui::SetItemTooltip("How much of the final density is on the scalp after this session");
        // Whole percent, kept strictly between the neighbours (the plan needs them rising).
        const double fraction = std::clamp(std::round(static_cast<double>(percent)) / 100.0, static_cast<double>(low) / 100.0,
                                           static_cast<double>(high) / 100.0);
        LiveWidgetEdit(app, changed, "session share", [&](Design& edited) { edited.sessions[k].cumulative_fraction = fraction; });
    } else if (k + 1 < count) {
        ImGui::TextDisabled("Reaches %.0f %% of target", session.cumulative_fraction * 100.0);
    } else {
        ImGui::TextDisabled("Reaches 100 %% of target");
    }
    float tone = static_cast<float>(session.pigment.tone_percent);
    bool changed = ImGui::SliderFloat("Pigment tone", &tone, 10.0f, 100.0f, "%.0f %%");
    ImGui::SetItemTooltip("How dark the pigment is as mixed by the supplier (100 = black)");
    LiveWidgetEdit(app, changed, "pigment tone", [&](Design& edited) { edited.sessions[k].pigment.tone_percent = std::round(tone); });

    float dilution = static_cast<float>(session.pigment.dilution_percent);
    changed = ImGui::SliderFloat("Dilution", &dilution, 0.0f, 90.0f, "%.1f %% water");
    ImGui::SetItemTooltip("Lighter first, darker later: the first session doubles as a colour test");
    LiveWidgetEdit(app, changed, "pigment dilution",
                   [&](Design& edited) { edited.sessions[k].pigment.dilution_percent = std::round(dilution * 10.0f) / 10.0; });

    float scatter = static_cast<float>(session.dark_scatter_percent);
    changed = ImGui::SliderFloat("Darker scatter", &scatter, 0.0f, 30.0f, "%.0f %% of dots");
    ImGui::SetItemTooltip("A share of this session's dots in a darker shade, so the result never looks flat");
    LiveWidgetEdit(app, changed, "dark scatter", [&](Design& edited) { edited.sessions[k].dark_scatter_percent = std::round(scatter); });

    NeedleCombo(app, "Hairline", k, true);
    NeedleCombo(app, "Fill", k, false);
}

}  // namespace

// The figures wait while a gesture is under way (a stroke, a drag): measuring them takes a pass
// over the whole target, and the brush must stay live.
void RefreshFiguresWhenIdle(AppState& app) {
    if (app.doc.stroking || app.doc.live_edit_before || ImGui::IsMouseDown(ImGuiMouseButton_Left)) return;
    RefreshFigures(app.doc);
}

bool FiguresCurrent(const AppState& app) {
    return app.doc.figures_revision == app.doc.revision && app.doc.figures.sessions.size() == app.doc.design.sessions.size();
}

std::vector<SessionFigureCells> SessionFigureTable(const AppState& app) {
    const Design& design = app.doc.design;
    const PlanFigures& figures = app.doc.figures;
    const bool current = FiguresCurrent(app);
    std::vector<SessionFigureCells> rows;
    rows.reserve(design.sessions.size());
    for (size_t k = 0; k < design.sessions.size(); ++k) {
        char minutes[32] = "...", density[32] = "...";
        if (current) {
            std::snprintf(minutes, sizeof minutes, "%.0f", figures.sessions[k].minutes);
            std::snprintf(density, sizeof density, "%.1f", figures.sessions[k].mean_density_per_cm2);
        }
        const int64_t dots = k < app.doc.dots_per_session.size() ? app.doc.dots_per_session[k] : 0;
        rows.push_back({std::to_string(k + 1), std::to_string(design.sessions[k].day), Thousands(dots), minutes, density});
    }
    return rows;
}

void DrawSessionFigures(AppState& app) {
    RefreshFiguresWhenIdle(app);
    const PlanFigures& figures = app.doc.figures;
    // After any count change above: the sessions may have just changed.
    const bool current = FiguresCurrent(app);
    const std::vector<SessionFigureCells> rows = SessionFigureTable(app);

    // The plan at a glance: per session its day, dots, minutes and the density reached. The page's
    // screen-reader table (ui/accessibility.cpp) shows the same cells.
    constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("session_figures", 5, kTableFlags)) {
        ImGui::TableSetupColumn("#");
        ImGui::TableSetupColumn("Day");
        ImGui::TableSetupColumn("Dots");
        // Spelled out for a client reading a shared plan (the densities' meaning, on the line below
        // the table, not only in a tooltip a finger cannot call up).
        ImGui::TableSetupColumn("Minutes");
        ImGui::TableSetupColumn("Dots/cm\xC2\xB2");
        // The headers do nothing when pressed: the keyboard's Tab and arrows pass them by.
        ImGui::PushItemFlag(ImGuiItemFlags_NoNav, true);
        ImGui::TableHeadersRow();
        ImGui::PopItemFlag();
        for (size_t k = 0; k < rows.size(); ++k) {
            const SessionFigureCells& row = rows[k];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, theme::kSessionColors[k & 7]);
            ImGui::TextUnformatted(row.session.c_str());
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.day.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.dots.c_str());
            ImGui::TableNextColumn();
            if (current) ImGui::TextUnformatted(row.minutes.c_str());
            else ImGui::TextDisabled("%s", row.minutes.c_str());
            ImGui::TableNextColumn();
            if (current) ImGui::TextUnformatted(row.density.c_str());
            else ImGui::TextDisabled("%s", row.density.c_str());
            if (ImGui::IsItemHovered() && current) {
                ImGui::SetTooltip("Mean density over the treated area after session %zu", k + 1);
            }
        }
        ImGui::EndTable();
    }
    if (current) {
        ImGui::TextWrapped("Treated area %.0f cm\xC2\xB2, %.0f min in all", figures.treated_area_cm2, figures.total_minutes);
        HintText("Dots/cm\xC2\xB2: the mean density after each session, with the sessions before it.");
    }
}

std::string PlanSummaryLine(AppState& app) {
    RefreshFiguresWhenIdle(app);
    const size_t sessions = app.doc.design.sessions.size();
    std::string line = Thousands(app.doc.total_dots) + " dots \xC2\xB7 " + std::to_string(sessions) + (sessions == 1 ? " session" : " sessions");
    double longest_minutes = 0.0;
    if (FiguresCurrent(app)) {
        for (const SessionFigures& session : app.doc.figures.sessions) longest_minutes = std::max(longest_minutes, session.minutes);
    }
    const std::string length = AboutDuration(longest_minutes);
    if (!length.empty()) line += (sessions == 1 ? ", " : ", up to ") + length + (sessions == 1 ? "" : " each");
    return line;
}

void DrawSessionsPanel(AppState& app) {
    RefreshFiguresWhenIdle(app);
    const Design& design = app.doc.design;

    int count = static_cast<int>(design.sessions.size());
    // Typed counts apply on Enter (not on every keystroke); the - and + buttons at once.
    // "##count": the panel's "Sessions" header has the id "Sessions" (same window); sharing it, the
    // keyboard's Tab onto this field would also fold the header away.
    if (ImGui::InputInt("Sessions##count", &count, 1, 1, ImGuiInputTextFlags_EnterReturnsTrue)) {
        count = std::clamp(count, 1, DesignLimits::kMaxSessions);
        if (count != static_cast<int>(design.sessions.size())) {
            Design edited = design;
            edited.sessions = WithSessionCount(design.sessions, count, !design.scars.empty());
            ReportEditStatus(app, EditDesign(app.doc, edited, "number of sessions"));
        }
    }
    ImGui::SetItemTooltip("Usually three, weeks apart; scars take one more");
    DrawSessionFigures(app);
    float rate = static_cast<float>(design.dots_per_minute);
    const bool rate_changed = ImGui::SliderFloat("Dots per minute", &rate, 10.0f, 400.0f, "%.0f");
    ImGui::SetItemTooltip("Your working rate, for the time estimates");
    LiveWidgetEdit(app, rate_changed, "working rate", [&](Design& edited) { edited.dots_per_minute = std::round(rate); });

    for (size_t k = 0; k < design.sessions.size(); ++k) {
        char label[96];
        std::snprintf(label, sizeof label, "Session %zu, day %d###session%zu", k + 1, app.doc.design.sessions[k].day, k);
        // On a touch screen, frame-high rows: a finger can open them.
        if (ImGui::TreeNodeEx(label, theme::Touch() ? ImGuiTreeNodeFlags_FramePadding : ImGuiTreeNodeFlags_None)) {
            ImGui::PushID(static_cast<int>(k));
            DrawSession(app, k);
            ImGui::PopID();
            ImGui::TreePop();
        }
        if (k >= app.doc.design.sessions.size() - 1) break;   // an edit above may have removed sessions
    }
}

void DrawHeadPanel(AppState& app) {
    const Design& design = app.doc.design;
    if (design.template_spec.kind != TemplateSpec::Kind::kScalp) {
        HintText("This design is on a flat work area, not the scalp template.");
        return;
    }
    // Edited as typed or dragged, applied when let go: the template and every dot follow.
    HeadMeasurements& head = app.screen.head_draft;
    if (!ImGui::IsAnyItemActive()) head = design.template_spec.head;
    struct Measure {
        const char* label;
        double* value_mm;
        double lo, hi;
        const char* tip;
    };
    const Measure measures[] = {
        {"Circumference", &head.circumference_mm, kMinCircumferenceMm, kMaxCircumferenceMm, "Around the head just above the brows and ears"},
        {"Glabella to nape", &head.glabella_to_nape_mm, kMinGlabellaToNapeMm, kMaxGlabellaToNapeMm, "Over the top, from between the brows to the nape hairline"},
        {"Ear to ear", &head.ear_to_ear_mm, kMinEarToEarMm, kMaxEarToEarMm, "Over the top, from the root of one ear to the other"},
    };
    for (const Measure& m : measures) {
        float value_cm = static_cast<float>(*m.value_mm / 10.0);
        if (ImGui::DragFloat(m.label, &value_cm, 0.1f, static_cast<float>(m.lo / 10.0), static_cast<float>(m.hi / 10.0), "%.1f cm",
                             ImGuiSliderFlags_AlwaysClamp)) {
            *m.value_mm = std::round(value_cm * 10.0f);
        }
        ImGui::SetItemTooltip("%s (%.0f-%.0f cm; drag or double-click to type)", m.tip, m.lo / 10.0, m.hi / 10.0);
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            Expected<Design> resized = ResizeHead(design, head);
            if (!resized.ok()) {
                ReportEditStatus(app, resized.status());
            } else {
                ReportEditStatus(app, EditDesign(app.doc, *resized, "head measurements"));
            }
        }
    }
    ImGui::Text("Scalp %.0f cm\xC2\xB2", app.doc.pattern.field->TemplateAreaCm2());
}

}  // namespace smp
