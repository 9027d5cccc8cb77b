#include <iostream>

#include "cli/commands.hpp"
#include "engine/rubric_tests.hpp"

namespace rubric::cli {

std::function<int()> add_test(CLI::App& app) {
  auto dir = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("test", "Run the tests beside a rubric (DIR/tests/*.test)");
  cmd->add_option("dir", *dir, "The rubric folder")->required()->check(CLI::ExistingDirectory);
  cmd->footer("Test file format: docs/rubric-tests.md. Exit status: 0 all pass; 1 a test failed or could not run; 2 misuse.");
  return [dir, cmd]() -> int {
    if (!cmd->parsed()) return -1;
    auto summary = engine::run_rubric_tests(*dir, std::cout);
    return summary.failed + summary.errors == 0 ? ok : findings;
  };
}

}  // namespace rubric::cli
