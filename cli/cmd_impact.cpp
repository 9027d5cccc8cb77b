#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/data_options.hpp"
#include "engine/impact.hpp"
#include "lang/i18n.hpp"

namespace rubric::cli {

std::function<int()> add_impact(CLI::App& app) {
  struct options : data_options {
    std::string from, to, format = "text";
  };
  auto opts = std::make_shared<options>();
  auto* cmd = app.add_subcommand(
      "impact", i18n::text("Replay recorded events under two versions and show what the amendment would change"));
  cmd->add_option("--from", opts->from, i18n::text("The version in force (.rubric file)"))->required();
  cmd->add_option("--to", opts->to, i18n::text("The proposed version (.rubric file)"))->required();
  add_data_options(cmd, *opts, true, false);
  cmd->add_option("--format", opts->format, i18n::text("text or json"))->check(CLI::IsMember({"text", "json"}));
  cmd->footer(
      i18n::text("Each version is applied to every period scored from the earlier of the two effective dates on, whatever its "
                 "own; periods before it are not replayed.\n"
                 "Exit status: 0 compared; 1 errors in a version or the data, or a period in which no event was recorded for any "
                 "unit without --allow-empty; 2 misuse or unreadable files."));
  return [opts, cmd]() -> int {
    if (!cmd->parsed()) return -1;
    if (!resolve_period(*opts)) return usage;
    auto impact = engine::run_impact(opts->request, opts->from, opts->to);
    for (const auto* run : {&impact.from, &impact.to}) {
      int problem = report_problems(*opts, *run, {});
      if (problem >= 0) return problem;
    }
    if (opts->format == "json") engine::render_impact_json(impact, std::cout);
    else {
      std::ostringstream text;
      engine::render_impact_text(impact, text);
      std::cout << lang::terminal_safe(text.str(), true);
    }
    return ok;
  };
}

}  // namespace rubric::cli
