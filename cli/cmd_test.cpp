#include <iostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "engine/rubric_tests.hpp"
#include "lang/i18n.hpp"

namespace rubric::cli {

std::function<int()> add_test(CLI::App& app) {
  auto dir = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("test", i18n::text("Run the tests beside a rubric (DIR/tests/*.test)"));
  cmd->add_option("dir", *dir, i18n::text("The rubric folder"))->required()->check(CLI::ExistingDirectory);
  cmd->footer(i18n::tr(
      "Checks of `expect PERIOD UNIT`: {}.\n"
      "Checks of `expect YEAR UNIT` (or an awards window, like 2024-S2): {}.\n"
      "Checks of `expect YEAR person ID`: {}.\n"
      "Any other word, or a check where it does not apply, is an error at its line and column, and the file "
      "runs none of its tests.\n"
      "Test file format: docs/rubric-tests.md. Exit status: 0 all pass; 1 a test failed or could not run; 2 misuse.",
      engine::check_list(engine::check_level::period), engine::check_list(engine::check_level::awards),
      engine::check_list(engine::check_level::person)));
  return [dir, cmd]() -> int {
    if (!cmd->parsed()) return -1;
    auto summary = engine::run_rubric_tests(*dir, std::cout);
    return summary.failed + summary.errors == 0 ? ok : findings;
  };
}

}  // namespace rubric::cli
