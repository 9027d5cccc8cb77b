// The `rubric` command: a thin shell over the lang and engine libraries.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/version.hpp"

namespace {

// Results that never reached standard output (a full disk, a closed pipe, /dev/full) must not
// pass for success: every command's writes are checked here, once, after the last flush.
int checked_standard_output(int status) {
  std::cout.flush();
  int error = std::cout ? 0 : errno;  // errno still holds the failed write's reason
  if (std::fflush(stdout) != 0 && error == 0) error = errno;
  bool failed = !std::cout || std::ferror(stdout);
  if (!failed) return status;
  std::cerr << "rubric: cannot write to standard output" << (error ? std::string(": ") + std::strerror(error) : "")
            << "\n";
  return rubric::cli::usage;
}

}  // namespace

int main(int argc, char** argv) {
  // Named, not taken from argv[0], so help and the manual page say `rubric` however it was run.
  CLI::App app{"rubric: check community rubrics and score recorded events against them", "rubric"};
  app.require_subcommand(1);
  app.set_version_flag("--version", rubric::cli::version_text, "Print the version and the git commit it was built from, and exit");
  app.footer("Every command exits 2 when it cannot write its output (standard output, or a file it writes).");
  std::vector<std::function<int()>> actions = {rubric::cli::add_check(app), rubric::cli::add_score(app),
                                               rubric::cli::add_explain(app), rubric::cli::add_fmt(app),
                                               rubric::cli::add_diff(app), rubric::cli::add_impact(app),
                                               rubric::cli::add_test(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return checked_standard_output(code == 0 ? 0 : rubric::cli::usage);
  }
  for (auto& action : actions) {
    if (int code = action(); code >= 0) return checked_standard_output(code);
  }
  return checked_standard_output(rubric::cli::usage);
}
