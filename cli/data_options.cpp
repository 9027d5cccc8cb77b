#include "cli/data_options.hpp"

#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "engine/report/report.hpp"
#include "lang/calendar.hpp"
#include "lang/diag/render.hpp"

namespace rubric::cli {

void add_data_options(CLI::App* cmd, data_options& opts, bool period_required, bool with_rubric) {
  if (with_rubric) cmd->add_option("--rubric", opts.request.rubric, "Rubric folder of versions (*.rubric)")->required();
  cmd->add_option("--units", opts.request.units, "Unit roster: CSV with a `unit` column")->required();
  cmd->add_option("--people", opts.request.people, "People roster: CSV with `person`, `role`, `unit` columns")
      ->required();
  cmd->add_option("--events", opts.request.events,
                  "Event file, CSV or JSON Lines (.jsonl); repeat for several files")
      ->required();
  auto* month = cmd->add_option("--month", opts.month, "One month, YYYY-MM (rubrics scored per month)");
  auto* period = cmd->add_option("--period", opts.period,
                                 "One period of the rubric's cadence: 2023-10 (month), 2024-W03 (ISO week), 2024-Q1, "
                                 "2024-S2 (semester), 2024 (year), 2024-03-05 (day)");
  month->excludes(period);
  period->excludes(month);
  if (period_required) {
    auto* year = cmd->add_option("--year", opts.year,
                                 "Every period of a year that a version covers, and the year-end awards")
                     ->check(CLI::Range(lang::first_supported_year, lang::last_supported_year));
    month->excludes(year);
    period->excludes(year);
    year->excludes(month);
    year->excludes(period);
    cmd->callback([month, period, year]() {
      if (month->count() == 0 && period->count() == 0 && year->count() == 0) {
        throw CLI::RequiredError("--year, --month or --period");
      }
    });
  } else {
    cmd->callback([month, period]() {
      if (month->count() == 0 && period->count() == 0) throw CLI::RequiredError("--month or --period");
    });
  }
}

bool resolve_period(data_options& opts) {
  if (!opts.month.empty() || !opts.period.empty()) {
    // Read with the rubric's calendar once it is loaded: the cadence decides how a period is written.
    opts.request.period_text = opts.month.empty() ? opts.period : opts.month;
    opts.request.period_option = opts.month.empty() ? "--period" : "--month";
  } else {
    opts.request.year = opts.year;
  }
  return true;
}

int report_problems(const engine::score_run& run, const std::string& rejects_path) {
  using status = engine::score_run::status;
  if (run.outcome == status::rubric_errors) {
    std::cerr << lang::render_text(run.rubric.diags);
    bool unreadable = std::any_of(run.rubric.diags.begin(), run.rubric.diags.end(),
                                  [](const auto& d) { return d.kind == lang::diag_kind::io_error; });
    if (unreadable) return usage;  // a missing or unreadable rubric is misuse, as for the other files
    std::cerr << "rubric: the rubric `" << run.rubric.path << "` has errors; nothing was scored\n";
    return findings;
  }
  if (run.outcome == status::usage_error) {
    std::cerr << "rubric: " << run.usage_message << "\n";
    return usage;
  }
  if (!rejects_path.empty()) {
    std::ofstream out(rejects_path, std::ios::binary);
    out << engine::render_rejects(run.findings);
    if (!out) {
      std::cerr << "rubric: cannot write `" << rejects_path << "`\n";
      return usage;
    }
  }
  if (!run.findings.empty()) {
    std::cerr << engine::render_findings(run.findings, 100);
    if (!rejects_path.empty() && run.counts.rejected > 0) {
      std::cerr << "rubric: " << run.counts.rejected << " rejected row" << (run.counts.rejected == 1 ? "" : "s")
                << " written to " << rejects_path << "\n";
    }
  }
  bool io = std::any_of(run.findings.begin(), run.findings.end(),
                        [](const auto& f) { return f.code == engine::finding_code::io_error; });
  if (!run.result) {
    if (io) return usage;
    std::cerr << "rubric: no results: fix the rows above"
              << (rejects_path.empty() ? ", or pass --rejects FILE to score the valid rows" : "") << "\n";
    return findings;
  }
  return -1;
}

}  // namespace rubric::cli
