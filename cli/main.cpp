// The `rubric` command: a thin shell over the lang and engine libraries.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/version.hpp"

int main(int argc, char** argv) {
  // Named, not taken from argv[0], so help and the manual page say `rubric` however it was run.
  CLI::App app{"rubric: check community rubrics and score recorded events against them", "rubric"};
  app.require_subcommand(1);
  app.set_version_flag("--version", rubric::cli::version_text, "Print the version and the git commit it was built from, and exit");
  std::vector<std::function<int()>> actions = {rubric::cli::add_check(app), rubric::cli::add_score(app),
                                               rubric::cli::add_explain(app), rubric::cli::add_fmt(app),
                                               rubric::cli::add_diff(app), rubric::cli::add_impact(app),
                                               rubric::cli::add_test(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : rubric::cli::usage;
  }
  for (auto& action : actions) {
    if (int code = action(); code >= 0) return code;
  }
  return rubric::cli::usage;
}
