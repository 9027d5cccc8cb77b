#include <iostream>

#include "cli/commands.hpp"
#include "cli/data_options.hpp"
#include "engine/archive.hpp"
#include "lang/i18n.hpp"

namespace rubric::cli {

std::function<int()> add_verify(CLI::App& app) {
  struct options : data_options {
    std::string archive;
    int revision = 0;
  };
  auto opts = std::make_shared<options>();
  auto* cmd = app.add_subcommand(
      "verify", i18n::text("Re-score a published period from the given files and check every figure against the archive"));
  cmd->add_option("--archive", opts->archive, i18n::text("The archive (SQLite file) that `publish --archive` wrote"))
      ->required();
  cmd->add_option("--revision", opts->revision,
                  i18n::text("The revision of the period to check against (default the latest)"))
      ->check(CLI::PositiveNumber);
  add_data_options(cmd, *opts, true);
  cmd->footer(i18n::text("Exit status: 0 every figure, input file and rubric version matches the archived revision; 1 a "
                         "difference (each is named: the file whose content or row count differs, or the period, unit and "
                         "figure with the archived and the current value), or errors in the rubric or the data; 2 misuse: "
                         "unreadable files, a file that is not an archive, a period or revision never archived."));
  return [opts, cmd]() -> int {
    if (!cmd->parsed()) return -1;
    if (!resolve_period(*opts)) return usage;
    try {
      auto archive = engine::archive::open(opts->archive, false);
      engine::score_run run = engine::run_score(opts->request);
      int problem = report_problems(*opts, run, "");
      if (problem >= 0) return problem;
      engine::publication now = engine::publication_of(run);
      std::optional<int> revision;
      if (opts->revision > 0) revision = opts->revision;
      auto archived = archive.load(now.period, revision);
      if (!archived) {
        std::cerr << "rubric: "
                  << (revision ? i18n::tr("archive `{}` has no revision {} of {}", opts->archive, *revision, now.period)
                               : i18n::tr("archive `{}` has no publication of {}", opts->archive, now.period))
                  << "\n";
        return usage;
      }
      auto differences = engine::verify_differences(*archived, now, run.compiled);
      if (differences.empty()) {
        std::cout << i18n::tr("{} revision {} (published {}) verified: {} figures and {} input files match `{}`", now.period,
                              archived->revision, archived->published_at, now.figures.size(), now.inputs.size(),
                              opts->archive)
                  << "\n";
        return ok;
      }
      std::cout << i18n::trn("{} revision {} (published {}) does not match the files given: {} difference",
                             "{} revision {} (published {}) does not match the files given: {} differences",
                             differences.size(), now.period, archived->revision, archived->published_at,
                             differences.size())
                << "\n";
      for (const auto& d : differences) std::cout << "  " << d << "\n";
      return findings;
    } catch (const engine::archive_error& e) {
      std::cerr << "rubric: " << e.message << "\n";
      return usage;
    }
  };
}

}  // namespace rubric::cli
