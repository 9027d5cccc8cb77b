// The options `score`, `explain` and later `impact` share: rubric, roster, events, period.
#pragma once

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "engine/score.hpp"

namespace rubric::cli {

struct data_options {
  engine::score_request request;
  std::string month, period;
  int year = 0;
  bool allow_empty = false;
};

// `with_rubric`: the command takes --rubric (impact names its two versions instead).
void add_data_options(CLI::App* cmd, data_options& opts, bool period_required, bool with_rubric = true);
// Fills request.period / request.year from the parsed text; returns false on a bad month.
bool resolve_period(data_options& opts);
// Prints what went wrong in a run to standard error and returns the exit code, or -1 when the
// run produced results.
int report_problems(const data_options& opts, const engine::score_run& run, const std::string& rejects_path);

}  // namespace rubric::cli
