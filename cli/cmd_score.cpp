#include <iostream>

#include "cli/commands.hpp"
#include "cli/data_options.hpp"
#include "engine/report/report.hpp"

namespace rubric::cli {

std::function<int()> add_score(CLI::App& app) {
  struct options : data_options {
    std::string format = "table";
    std::string rejects;
  };
  auto opts = std::make_shared<options>();
  auto* cmd = app.add_subcommand("score", "Score recorded events against the rubric version in force each period (month, week, quarter, ...)");
  add_data_options(cmd, *opts, true);
  cmd->add_option("--format", opts->format, "table (for people), json (docs/output.md) or csv (a text cell that begins with = + - @ tab "
                  "or CR is quoted with a leading ', so a spreadsheet shows it and never runs it)")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--rejects", opts->rejects,
                  "Score the valid rows and write every rejected row, with its line and reason, to this CSV file "
                  "(cells escaped as for --format csv)");
  cmd->add_option("--jobs", opts->request.jobs, "Threads for large CSV files (default 1)")->check(CLI::Range(1, 64));
  cmd->footer(
      "Exit status: 0 results printed; 1 errors in the rubric or the data (with --rejects the results are still "
      "printed when only rows were rejected); 2 misuse or unreadable files.");
  return [opts, cmd]() -> int {
    if (!cmd->parsed()) return -1;
    if (!resolve_period(*opts)) return usage;
    opts->request.keep_going = !opts->rejects.empty();
    engine::score_run run = engine::run_score(opts->request);
    int problem = report_problems(run, opts->rejects);
    if (problem >= 0) return problem;
    if (opts->format == "json") engine::render_json(run, std::cout);
    else if (opts->format == "csv") engine::render_csv(run, std::cout);
    else engine::render_table(run, std::cout);
    std::cout.flush();
    return run.findings.empty() || std::all_of(run.findings.begin(), run.findings.end(),
                                               [](const auto& f) { return engine::is_warning(f.code); })
               ? ok
               : findings;
  };
}

}  // namespace rubric::cli
