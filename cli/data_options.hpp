// The options `score`, `explain` and later `impact` share: rubric, roster, events, period.
#pragma once

#include <fstream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "engine/score.hpp"

namespace rubric::cli {

struct data_options {
  engine::score_request request;
  std::string month, period;
  std::string encoding;  // --encoding, as given
  int year = 0;
  bool allow_empty = false;
};

// `with_rubric`: the command takes --rubric (impact names its two versions instead).
void add_data_options(CLI::App* cmd, data_options& opts, bool period_required, bool with_rubric = true);
// Fills request.period / request.year (and request.encoding) from the parsed text; returns false
// on a bad month.
bool resolve_period(data_options& opts);
// Prints what went wrong in a run to standard error and returns the exit code, or -1 when the
// run produced results.
int report_problems(const data_options& opts, const engine::score_run& run, const std::string& rejects_path);

// The input of the run (a rubric file, a roster, an events file) that `path` names, compared by
// device and inode so another name for it is caught; empty when it names none (or nothing).
std::string input_at(const std::string& path, const engine::score_request& inputs);

// --rejects FILE. Checked before the run: never one of the inputs (same device and inode), and
// an existing file is replaced only if it is a previous rejects file (by its header) or with
// --force. Rows are written to a temporary file beside it as they are found, which replaces
// FILE when the run ends, so a failed run leaves FILE as it was.
class rejects_file {
 public:
  ~rejects_file();
  // An empty string when `path` may be written (and the temporary file is open); otherwise why not.
  std::string open(const std::string& path, const engine::score_request& inputs, bool force);
  engine::rejects_output* output() { return output_.get(); }
  // Puts the file in place; false (with a message on standard error) when it cannot be written.
  bool commit();

 private:
  std::string path_, temporary_;
  std::ofstream stream_;
  std::unique_ptr<engine::rejects_output> output_;
};

}  // namespace rubric::cli
