#include "cli/data_options.hpp"

#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "engine/report/report.hpp"
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
  auto* month = cmd->add_option("--month", opts.month, "Score one month, YYYY-MM");
  if (period_required) {
    auto* year = cmd->add_option("--year", opts.year, "Score every month of a year that a version covers, and the year-end awards");
    month->excludes(year);
    year->excludes(month);
    cmd->callback([month, year]() {
      if (month->count() == 0 && year->count() == 0) throw CLI::RequiredError("--year or --month");
    });
  } else {
    month->required();
  }
}

bool resolve_period(data_options& opts) {
  if (!opts.month.empty()) {
    auto key = engine::parse_month(opts.month);
    if (!key) {
      std::cerr << "rubric: --month takes YYYY-MM, like 2023-10, not `" << opts.month << "`\n";
      return false;
    }
    opts.request.month = key;
  } else {
    opts.request.year = opts.year;
  }
  return true;
}

int report_problems(const engine::score_run& run, const std::string& rejects_path) {
  using status = engine::score_run::status;
  if (run.outcome == status::rubric_errors) {
    std::cerr << lang::render_text(run.rubric.diags);
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
