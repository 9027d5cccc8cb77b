// One flat table for spreadsheets. `record` says what a row is: a unit's month, a unit's year,
// or a role holder's year.
#include <fmt/format.h>

#include "engine/report/report.hpp"
#include "engine/report/text.hpp"

namespace rubric::engine {

void render_csv(const score_run& run, std::ostream& stream) {
  using text::csv_cell;
  const auto& versions = run.compiled.versions;
  const score_result& result = *run.result;
  std::string out =
      "record,period,version,version_sha256,id,score,deductions,vetoed,rank,red_flag,red_flags,subsidy_percent,veto_reasons,grade,"
      "events_recorded\n";
  for (const auto& m : result.periods) {
    const version_plan& v = versions[m.version];
    for (auto u : m.order) {
      const unit_period& um = m.units[u];
      std::string reasons;
      for (std::size_t veto = 0; veto < v.vetoes.size(); ++veto) {
        if ((um.vetoes >> veto) & 1) reasons += (reasons.empty() ? "" : "; ") + v.vetoes[veto].reason;
      }
      bool flag = !v.distinctions.empty() && um.received(0);
      std::string grade = um.grade ? csv_cell(v.grades[um.grade - 1u].id) : "";
      fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{},{},{},{},,,{},{},{}\n", run.compiled.periods.word(),
                     run.compiled.periods.text(m.period),
                     csv_cell(v.id), v.sha256, csv_cell(run.people.units[u]), um.score.to_string(), um.deductions,
                     um.vetoed() ? "true" : "false", um.has_rank() ? std::to_string(um.rank) : "",
                     flag ? "true" : "false", csv_cell(reasons), grade, m.events_recorded);
      if (out.size() > (1u << 16)) {
        stream << out;
        out.clear();
      }
    }
  }
  for (const year_result& y : result.windows) {
    const version_plan& v = versions[y.version];
    lang::calendar window(y.window_period);
    std::string record(window.word()), period = window.text(y.window);
    for (auto u : y.order) {
      const year_unit& yu = y.units[u];
      out += fmt::format("{},{},{},{},{},{},,,{},,{},{},,,\n", record, period, csv_cell(v.id), v.sha256,
                         csv_cell(run.people.units[u]), yu.total_score.to_string(), yu.rank ? std::to_string(yu.rank) : "",
                         yu.distinction_counts.empty() ? 0 : yu.distinction_counts[0], yu.subsidy_percent.to_string());
    }
    for (const auto& h : y.people) {
      out += fmt::format("role_holder,{},{},{},{},,,,,,,{},,,\n", period, csv_cell(v.id), v.sha256,
                         csv_cell(run.people.people[h.person].id), h.subsidy_percent.to_string());
    }
  }
  stream << out;
}

}  // namespace rubric::engine
