#include <iostream>

#include "cli/commands.hpp"
#include "cli/data_options.hpp"
#include "engine/report/report.hpp"
#include "lang/i18n.hpp"

namespace rubric::cli {

std::function<int()> add_score(CLI::App& app) {
  struct options : data_options {
    std::string format = "table";
    std::string rejects;
    bool force = false;
  };
  auto opts = std::make_shared<options>();
  auto* cmd = app.add_subcommand("score", i18n::text("Score recorded events against the rubric version in force each period (month, week, quarter, ...)"));
  add_data_options(cmd, *opts, true);
  cmd->add_option("--format", opts->format, i18n::text("table (for people), json (docs/output.md) or csv (a text cell that begins with = + - @ tab "
                             "or CR is quoted with a leading ', so a spreadsheet shows it and never runs it)"))
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--rejects", opts->rejects,
                  i18n::text("Score the valid rows and write every rejected row, with its line and reason, to this CSV file "
                             "(never an input; an existing file only if it is a previous rejects file, or with --force; cells escaped as for --format csv)"));
  cmd->add_flag("--force", opts->force, i18n::text("Let --rejects replace an existing file that is not a previous rejects file"));
  cmd->add_option("--jobs", opts->request.jobs, i18n::text("Threads for large CSV files (default 1)"))->check(CLI::Range(1, 64));
  cmd->footer(
      i18n::text("Exit status: 0 results printed; 1 errors in the rubric or the data, or a period in which no event was recorded "
                 "for any unit without --allow-empty (with --rejects the results are still printed when only rows were "
                 "rejected; a problem with a whole file, like a bad header, withholds them); 2 misuse: unreadable files, a "
                 "FIFO or directory given as a file, the same events file twice, a --rejects file that may not be written."));
  return [opts, cmd]() -> int {
    if (!cmd->parsed()) return -1;
    if (!resolve_period(*opts)) return usage;
    opts->request.keep_going = !opts->rejects.empty();
    rejects_file rejects;
    if (!opts->rejects.empty()) {
      if (auto refused = rejects.open(opts->rejects, opts->request, opts->force); !refused.empty()) {
        std::cerr << "rubric: " << refused << "\n";
        return usage;
      }
      opts->request.rejects = rejects.output();
    }
    engine::score_run run = engine::run_score(opts->request);
    if (!opts->rejects.empty() && run.outcome != engine::score_run::status::rubric_errors &&
        run.outcome != engine::score_run::status::usage_error && !rejects.commit()) {
      return usage;
    }
    int problem = report_problems(*opts, run, opts->rejects);
    if (problem >= 0) return problem;
    if (opts->format == "json") engine::render_json(run, std::cout);
    else if (opts->format == "csv") engine::render_csv(run, std::cout);
    else engine::render_table(run, std::cout);
    std::cout.flush();
    return run.findings.empty() || std::all_of(run.findings.begin(), run.findings.end(),
                                               [](const auto& f) { return engine::is_warning(f.code) || engine::is_note(f.code); })
               ? ok
               : findings;
  };
}

}  // namespace rubric::cli
