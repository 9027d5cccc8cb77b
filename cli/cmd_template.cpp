#include <sys/stat.h>

#include <iostream>

#include "cli/commands.hpp"
#include "engine/report/report.hpp"
#include "engine/template/recording_template.hpp"
#include "lang/diag/render.hpp"
#include "lang/i18n.hpp"

namespace rubric::cli {

std::function<int()> add_template(CLI::App& app) {
  struct options {
    engine::template_request request;
    std::string out;
    bool force = false, text = false;
  };
  auto opts = std::make_shared<options>();
  auto* cmd = app.add_subcommand(
      "template", i18n::text("Write the workbook (.xlsx) the staff fill in for one period: an events sheet with drop-down "
                             "lists and checks, the rules of the version in force in plain words, and what to record"));
  cmd->add_option("--rubric", opts->request.rubric, i18n::text("Rubric folder (or one .rubric file)"))->required();
  cmd->add_option("--period", opts->request.period,
                  i18n::text("The period to record, in the rubric's cadence: 2024-01, 2024-W03, 2024-Q1, ..."))
      ->required();
  auto* out = cmd->add_option("--out", opts->out, i18n::text("The workbook to write (.xlsx)"));
  auto* units = cmd->add_option("--units", opts->request.units,
                                i18n::text("Unit roster: the unit column becomes a drop-down list of its units"));
  cmd->add_option("--people", opts->request.people,
                  i18n::text("People roster: person columns become drop-down lists of its people"))
      ->needs(units);
  cmd->add_flag("--force", opts->force, i18n::text("Replace the workbook if it exists"));
  auto* text = cmd->add_flag("--text", opts->text,
                             i18n::text("Print the version's rules and what to record in plain words instead of writing "
                                        "a workbook"));
  text->excludes(out);
  cmd->footer(i18n::text("The version is the one in force on the period's first day; the workbook says which.\n"
                         "Exit status: 0 written; 1 errors in the rubric or the rosters; 2 misuse, a period with no "
                         "version in force, or a workbook that cannot be written."));
  return [opts, cmd]() -> int {
    if (!cmd->parsed()) return -1;
    if (!opts->text && opts->out.empty()) {
      std::cerr << "rubric: " << i18n::text("--out is required: the workbook to write (or --text to print instead)") << "\n";
      return usage;
    }
    struct stat existing {};
    if (!opts->text && !opts->force && ::stat(opts->out.c_str(), &existing) == 0) {
      std::cerr << "rubric: " << i18n::tr("`{}` already exists; --force replaces it", opts->out) << "\n";
      return usage;
    }
    auto planned = engine::plan_template(opts->request);
    using status = engine::template_outcome::status;
    switch (planned.outcome) {
      case status::rubric_errors: {
        std::cerr << lang::render_text(planned.rubric.diags);
        bool unreadable = std::any_of(planned.rubric.diags.begin(), planned.rubric.diags.end(),
                                      [](const auto& d) { return d.kind == lang::diag_kind::io_error; });
        if (unreadable) return usage;
        std::cerr << "rubric: " << i18n::tr("the rubric `{}` has errors; no template was written", planned.rubric.path) << "\n";
        return findings;
      }
      case status::roster_errors:
        std::cerr << engine::render_findings(planned.findings, engine::kept_findings_per_file);
        std::cerr << "rubric: " << i18n::text("the rosters have errors; no template was written") << "\n";
        return findings;
      case status::usage_error:
        std::cerr << "rubric: " << planned.message << "\n";
        return usage;
      case status::ok: break;
    }
    if (opts->text) {
      std::cout << lang::terminal_safe(lang::describe_text(planned.layout->description), true);
      return ok;
    }
    std::string failed = engine::write_template(*planned.layout, opts->out, opts->force);
    if (!failed.empty()) {
      std::cerr << "rubric: " << failed << "\n";
      return usage;
    }
    std::cerr << i18n::tr("wrote {}: the events of {} under version \"{}\"", opts->out, planned.layout->period,
                          planned.layout->version)
              << "\n";
    return ok;
  };
}

}  // namespace rubric::cli
