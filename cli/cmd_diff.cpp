#include <iostream>

#include "cli/commands.hpp"
#include "lang/diag/render.hpp"
#include "lang/diff.hpp"
#include "lang/load.hpp"
#include "lang/i18n.hpp"

namespace rubric::cli {

std::function<int()> add_diff(CLI::App& app) {
  struct options {
    std::string old_path, new_path, format = "text";
  };
  auto opts = std::make_shared<options>();
  auto* cmd = app.add_subcommand("diff", i18n::text("Say in plain language what changes from one rubric version to another: what newly counts or stops counting, caps, amounts, exemptions, renamed rules"));
  cmd->add_option("old", opts->old_path, i18n::text("The earlier version (.rubric file)"))->required();
  cmd->add_option("new", opts->new_path, i18n::text("The later version (.rubric file)"))->required();
  cmd->add_option("--format", opts->format, i18n::text("text or json"))->check(CLI::IsMember({"text", "json"}));
  cmd->footer(i18n::text("Exit status: 0 the versions mean the same; 1 they differ; 2 misuse or a version with errors."));
  return [opts, cmd]() -> int {
    if (!cmd->parsed()) return -1;
    auto old_version = lang::load_rubric(opts->old_path);
    auto new_version = lang::load_rubric(opts->new_path);
    for (const auto* v : {&old_version, &new_version}) {
      if (v->ok() && v->versions.size() == 1) continue;
      std::cerr << lang::render_text(v->diags);
      std::cerr << i18n::tr("rubric: `{}` must be one version that checks clean", v->path) << "\n";
      return usage;
    }
    auto changes = lang::diff_versions(old_version.versions.front(), new_version.versions.front());
    std::cout << (opts->format == "json"
                      ? lang::render_diff_json(old_version.versions.front(), new_version.versions.front(), changes)
                      : lang::terminal_safe(lang::render_diff_text(old_version.versions.front(),
                                                                   new_version.versions.front(), changes),
                                            true));
    return changes.empty() ? ok : findings;
  };
}

}  // namespace rubric::cli
