// One flat table for spreadsheets. `record` says what a row is: a unit's month, a unit's year,
// or a role holder's year. `--split` writes each kind of record to a file of its own, with only
// the columns that kind fills.
#include <algorithm>
#include <array>
#include <charconv>

#include <fmt/format.h>

#include "lang/i18n.hpp"

#include "engine/consequences.hpp"
#include "engine/report/report.hpp"
#include "engine/report/text.hpp"

namespace rubric::engine {

namespace {

// The columns of the single stream, in order; a split file keeps a subset, in the same order.
enum column : std::size_t {
  record, period, version, version_sha256, id, score, deductions, vetoed, rank, red_flag, red_flags, subsidy_percent,
  veto_reasons, grade, events_recorded, consequences, column_count
};
constexpr std::array<const char*, column_count> column_names = {
    "record", "period", "version", "version_sha256", "id", "score", "deductions", "vetoed", "rank", "red_flag",
    "red_flags", "subsidy_percent", "veto_reasons", "grade", "events_recorded", "consequences"};

enum class record_type { period, window, role_holder };

// Sets `cell` to an integer in decimal, without a temporary string.
void set_integer(std::string& cell, std::uint64_t value) {
  char buffer[20];
  cell.assign(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

bool states_consequences(const score_run& run) {
  return std::any_of(run.compiled.versions.begin(), run.compiled.versions.end(),
                     [](const version_plan& v) { return v.has_consequences; });
}
using csv_row = std::array<std::string, column_count>;

// Calls `emit(type, row)` for every record in the order of the single stream, each cell already
// written as CSV. One row object is reused: a year of 30,000 units is 360,000 rows.
template <typename Emit>
void for_each_record(const score_run& run, Emit emit) {
  using text::csv_cell;
  const auto& versions = run.compiled.versions;
  const score_result& result = *run.result;
  csv_row row;
  // Written once, not once per row: each unit's id as a cell, and each period's own cells.
  std::vector<std::string> unit_cells;
  unit_cells.reserve(run.people.units.size());
  for (const auto& unit : run.people.units) unit_cells.push_back(csv_cell(unit));
  for (const auto& m : result.periods) {
    const version_plan& v = versions[m.version];
    row[record] = run.compiled.periods.word();
    row[period] = run.compiled.periods.text(m.period);
    row[version] = csv_cell(v.id);
    row[version_sha256] = v.sha256;
    row[red_flags].clear();
    row[subsidy_percent].clear();
    row[events_recorded] = std::to_string(m.events_recorded);
    for (std::size_t k = 0; k < m.order.size(); ++k) {
      // Units come in rank order, their records in roster order: fetch a few rows ahead.
      if (k + 16 < m.order.size()) {
        __builtin_prefetch(&m.units[m.order[k + 16]]);
        __builtin_prefetch(unit_cells[m.order[k + 16]].data());
      }
      const std::uint32_t u = m.order[k];
      const unit_period& um = m.units[u];
      row[id] = unit_cells[u];
      row[score].clear();
      um.score.append_to(row[score]);
      set_integer(row[deductions], um.deductions);
      row[vetoed] = um.vetoed() ? "true" : "false";
      row[rank].clear();
      if (um.has_rank()) set_integer(row[rank], um.rank);
      row[red_flag] = !v.distinctions.empty() && um.received(0) ? "true" : "false";
      row[veto_reasons].clear();
      if (um.vetoes) {
        std::string reasons;
        for (std::size_t veto = 0; veto < v.vetoes.size(); ++veto) {
          if ((um.vetoes >> veto) & 1) reasons += (reasons.empty() ? "" : "; ") + v.vetoes[veto].reason;
        }
        row[veto_reasons] = csv_cell(reasons);
      }
      row[grade] = um.grade ? csv_cell(v.grades[um.grade - 1u].id) : "";
      row[consequences] = v.has_consequences ? csv_cell(consequences_line(run.compiled.periods, v, m, u, i18n::text("; "))) : std::string();
      emit(record_type::period, row);
    }
  }
  for (const year_result& y : result.windows) {
    const version_plan& v = versions[y.version];
    lang::calendar window(y.window_period);
    for (auto& cell : row) cell.clear();
    row[record] = window.word();
    row[period] = window.text(y.window);
    row[version] = csv_cell(v.id);
    row[version_sha256] = v.sha256;
    for (auto u : y.order) {
      const year_unit& yu = y.units[u];
      row[id] = unit_cells[u];
      row[score] = yu.total_score.to_string();
      row[rank] = yu.rank ? std::to_string(yu.rank) : "";
      row[red_flags] = std::to_string(yu.distinction_counts.empty() ? 0 : yu.distinction_counts[0]);
      row[subsidy_percent] = yu.subsidy_percent.to_string();
      emit(record_type::window, row);
    }
    row[record] = "role_holder";
    row[score].clear();
    row[rank].clear();
    row[red_flags].clear();
    for (const auto& h : y.people) {
      row[id] = csv_cell(run.people.people[h.person].id);
      row[subsidy_percent] = h.subsidy_percent.to_string();
      emit(record_type::role_holder, row);
    }
  }
}

void append_line(std::string& out, const csv_row& row, const std::vector<column>& columns) {
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c) out += ',';
    out += row[columns[c]];
  }
  out += '\n';
}

std::string header_line(const std::vector<column>& columns) {
  std::string out;
  for (std::size_t c = 0; c < columns.size(); ++c) out += (c ? "," : "") + std::string(column_names[columns[c]]);
  return out + "\n";
}

}  // namespace

void render_csv(const score_run& run, std::ostream& stream) {
  std::vector<column> all;
  for (std::size_t c = 0; c < column_count; ++c) all.push_back(static_cast<column>(c));
  if (!states_consequences(run)) all.pop_back();  // the consequences column: only for rubrics that state them
  std::string out = header_line(all);
  for_each_record(run, [&](record_type, const csv_row& row) {
    append_line(out, row, all);
    if (out.size() > (1u << 16)) {
      stream << out;
      out.clear();
    }
  });
  stream << out;
}

split_csv render_csv_split(const score_run& run) {
  // The columns each kind of record fills.
  std::vector<column> period_columns = {record, period, version, version_sha256, id, score, deductions,
                                              vetoed, rank, red_flag, veto_reasons, grade, events_recorded};
  if (states_consequences(run)) period_columns.push_back(consequences);
  const std::vector<column> window_columns = {record, period, version, version_sha256, id, score, rank, red_flags,
                                              subsidy_percent};
  const std::vector<column> holder_columns = {record, period, version, version_sha256, id, subsidy_percent};
  split_csv files;
  files.periods = header_line(period_columns);
  files.windows = header_line(window_columns);
  files.role_holders = header_line(holder_columns);
  for_each_record(run, [&](record_type type, const csv_row& row) {
    switch (type) {
      case record_type::period: append_line(files.periods, row, period_columns); break;
      case record_type::window: append_line(files.windows, row, window_columns); break;
      case record_type::role_holder: append_line(files.role_holders, row, holder_columns); break;
    }
  });
  files.findings = rejects_header;
  for (const finding& f : run.findings) files.findings += render_reject(f);
  return files;
}

}  // namespace rubric::engine
