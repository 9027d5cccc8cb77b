#include <iostream>

#include "cli/commands.hpp"
#include "cli/data_options.hpp"
#include "engine/report/report.hpp"
#include "lang/i18n.hpp"

namespace rubric::cli {

std::function<int()> add_explain(CLI::App& app) {
  struct options : data_options {
    std::string unit;
  };
  auto opts = std::make_shared<options>();
  auto* cmd = app.add_subcommand("explain", i18n::text("Show, line by line, how one unit's score for one period (a month, a week, ...) came about; with --year, how it fared in the year's awards"));
  cmd->add_option("--unit", opts->unit, i18n::text("The unit, as on the roster, like 3-2"))->required();
  add_data_options(cmd, *opts, true);
  cmd->footer(
      i18n::text("Exit status: 0 explained; 1 errors in the rubric or the data, or a period in which no event was recorded for "
                 "any unit without --allow-empty; 2 misuse or unreadable files."));
  return [opts, cmd]() -> int {
    if (!cmd->parsed()) return -1;
    if (!resolve_period(*opts)) return usage;
    opts->request.input_digests = false;  // an explanation shows no input's SHA-256
    if (opts->request.year) {  // the awards of the year, for this unit
      engine::score_run run = engine::run_score(opts->request);
      int problem = report_problems(*opts, run, {});
      if (problem >= 0) return problem;
      auto unit = run.people.unit_index(opts->unit);
      if (!unit) {
        std::cerr << i18n::tr("rubric: unit `{}` is not on the unit roster `{}`", opts->unit, opts->request.units) << "\n";
        return usage;
      }
      std::cout << engine::explain_awards(run, *unit);
      return ok;
    }
    engine::explanation listener;
    opts->request.trace = &listener;
    opts->request.trace_unit = opts->unit;
    engine::score_run run = engine::run_score(opts->request);
    int problem = report_problems(*opts, run, {});
    if (problem >= 0) return problem;
    std::cout << listener.render(run);
    return ok;
  };
}

}  // namespace rubric::cli
