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
      "record,period,version,version_sha256,id,score,deductions,vetoed,rank,red_flag,red_flags,subsidy_percent,veto_reasons\n";
  for (const auto& m : result.months) {
    const version_plan& v = versions[m.version];
    for (auto u : m.order) {
      const unit_month& um = m.units[u];
      std::string reasons;
      for (std::size_t veto = 0; veto < v.vetoes.size(); ++veto) {
        if ((um.vetoes >> veto) & 1) reasons += (reasons.empty() ? "" : "; ") + v.vetoes[veto].reason;
      }
      bool flag = !v.distinctions.empty() && um.received(0);
      fmt::format_to(std::back_inserter(out), "month,{},{},{},{},{},{},{},{},{},,,{}\n", month_text(m.month),
                     csv_cell(v.id), v.sha256, csv_cell(run.people.units[u]), um.score.to_string(), um.deductions,
                     um.vetoed() ? "true" : "false", um.has_rank() ? std::to_string(um.rank) : "",
                     flag ? "true" : "false", csv_cell(reasons));
      if (out.size() > (1u << 16)) {
        stream << out;
        out.clear();
      }
    }
  }
  if (result.year) {
    const year_result& y = *result.year;
    const version_plan& v = versions[y.version];
    for (auto u : y.order) {
      const year_unit& yu = y.units[u];
      out += fmt::format("year,{},{},{},{},{},,,{},,{},{},\n", y.year, csv_cell(v.id), v.sha256,
                         csv_cell(run.people.units[u]), yu.total_score.to_string(), yu.rank,
                         yu.distinction_counts.empty() ? 0 : yu.distinction_counts[0], yu.subsidy_percent.to_string());
    }
    for (const auto& h : y.people) {
      out += fmt::format("role_holder,{},{},{},{},,,,,,,{},\n", y.year, csv_cell(v.id), v.sha256,
                         csv_cell(run.people.people[h.person].id), h.subsidy_percent.to_string());
    }
  }
  stream << out;
}

std::string render_findings(const std::vector<finding>& findings, std::size_t limit) {
  std::string out;
  std::size_t shown = 0, errors = 0, warnings = 0;
  for (const auto& f : findings) {
    (is_warning(f.code) ? warnings : errors) += 1;
    if (shown >= limit) continue;
    ++shown;
    std::string where = f.file.empty() ? "" : f.file + ":";
    if (f.line > 0) where += fmt::format("{}:{}:", f.line, std::max<std::uint32_t>(f.column, 1));
    out += fmt::format("{}{}{}[{}]: {}\n", where, where.empty() ? "" : " ", is_warning(f.code) ? "warning" : "error",
                       code_of(f.code), f.message);
    if (!f.row.empty()) {  // long rows are cut for the terminal; --rejects keeps them whole
      std::string_view row = f.row;
      bool cut = row.size() > 200;
      if (cut) {
        row = row.substr(0, 200);
        while (!row.empty() && (static_cast<unsigned char>(row.back()) & 0xC0) == 0x80) row.remove_suffix(1);
        if (!row.empty() && static_cast<unsigned char>(row.back()) >= 0xC0) row.remove_suffix(1);
      }
      out += fmt::format("  | {}{}\n", row, cut ? " ..." : "");
    }
  }
  if (findings.size() > shown) out += fmt::format("... and {} more not shown\n", findings.size() - shown);
  out += fmt::format("{} error{}, {} warning{} in the data\n", errors, errors == 1 ? "" : "s", warnings,
                     warnings == 1 ? "" : "s");
  return out;
}

std::string render_rejects(const std::vector<finding>& findings) {
  using text::csv_cell;
  std::string out = "file,line,column,code,reason,row\n";
  for (const auto& f : findings) {
    if (!is_row_problem(f.code)) continue;
    out += fmt::format("{},{},{},{},{},{}\n", csv_cell(f.file), f.line, f.column, code_of(f.code), csv_cell(f.message),
                       csv_cell(f.row));
  }
  return out;
}

}  // namespace rubric::engine
