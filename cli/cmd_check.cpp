#include <iostream>

#include "cli/commands.hpp"
#include "lang/diag/render.hpp"
#include "lang/load.hpp"

namespace rubric::cli {

std::function<int()> add_check(CLI::App& app) {
  struct options {
    std::vector<std::string> paths;
    std::string format = "text";
  };
  auto opts = std::make_shared<options>();
  auto* cmd = app.add_subcommand("check", "Check rubric files or folders and print diagnostics");
  cmd->add_option("paths", opts->paths, "Rubric folders, .rubric files, or - for standard input")->required();
  cmd->add_option("--format", opts->format, "Output: text (compiler style) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->footer("Exit status: 0 no errors (warnings allowed), 1 errors found, 2 misuse.");
  return [opts, cmd]() -> int {
    if (!cmd->parsed()) return -1;
    lang::diagnostics all;
    std::vector<lang::rubric_folder> folders;  // keep source files alive while rendering
    std::size_t versions = 0;
    for (const auto& path : opts->paths) {
      folders.push_back(lang::load_rubric(path));
      all.insert(all.end(), folders.back().diags.begin(), folders.back().diags.end());
      versions += folders.back().versions.size();
    }
    if (opts->format == "json") {
      std::cout << lang::render_json(all);
    } else {
      std::cerr << lang::render_text(all);
      if (!lang::has_errors(all)) std::cerr << "checked " << versions << " version" << (versions == 1 ? "" : "s") << ": ok\n";
    }
    bool io_failure = std::any_of(all.begin(), all.end(), [](const auto& d) { return d.kind == lang::diag_kind::io_error; });
    if (io_failure) return usage;
    return lang::has_errors(all) ? findings : ok;
  };
}

}  // namespace rubric::cli
