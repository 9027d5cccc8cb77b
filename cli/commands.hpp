// One small file per subcommand: it declares its options on the CLI11 app and, when chosen,
// makes one library call and chooses the exit code. Exit codes: 0 ok, 1 findings, 2 usage or I/O.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace rubric::cli {

enum exit_code : int { ok = 0, findings = 1, usage = 2 };

// Each returns the action to run when its subcommand is chosen.
std::function<int()> add_check(CLI::App& app);
std::function<int()> add_score(CLI::App& app);
std::function<int()> add_explain(CLI::App& app);
std::function<int()> add_fmt(CLI::App& app);
std::function<int()> add_diff(CLI::App& app);
std::function<int()> add_impact(CLI::App& app);
std::function<int()> add_test(CLI::App& app);
std::function<int()> add_template(CLI::App& app);
std::function<int()> add_publish(CLI::App& app);
std::function<int()> add_verify(CLI::App& app);
std::function<int()> add_serve(CLI::App& app);

std::function<int()> add_lsp(CLI::App& app);

}  // namespace rubric::cli
