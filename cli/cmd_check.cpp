#include <iostream>

#include "cli/commands.hpp"
#include "lang/diag/render.hpp"
#include "lang/load.hpp"
#include "lang/i18n.hpp"

namespace rubric::cli {

std::function<int()> add_check(CLI::App& app) {
  struct options {
    std::vector<std::string> paths;
    std::string format = "text";
  };
  auto opts = std::make_shared<options>();
  auto* cmd = app.add_subcommand("check", i18n::text("Check rubric files or folders and print diagnostics"));
  cmd->add_option("paths", opts->paths, i18n::text("Rubric folders, .rubric files, or - for standard input"))->required();
  cmd->add_option("--format", opts->format, i18n::text("Output: text (compiler style) or json"))
      ->check(CLI::IsMember({"text", "json"}));
  cmd->footer(i18n::text("Exit status: 0 no errors (warnings allowed), 1 errors found, 2 misuse."));
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
      if (!lang::has_errors(all)) std::cerr << i18n::trn("checked {} version: ok", "checked {} versions: ok", versions, versions) << "\n";
    }
    bool io_failure = std::any_of(all.begin(), all.end(), [](const auto& d) { return d.kind == lang::diag_kind::io_error; });
    if (io_failure) return usage;
    return lang::has_errors(all) ? findings : ok;
  };
}

}  // namespace rubric::cli
