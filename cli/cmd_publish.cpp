#include <chrono>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/data_options.hpp"
#include "cli/version.hpp"
#include "engine/archive.hpp"
#include "engine/publish/output.hpp"
#include "engine/publish/pdf.hpp"
#include "engine/publish/site.hpp"
#include "engine/report/report.hpp"
#include "lang/calendar.hpp"
#include "lang/i18n.hpp"

namespace rubric::cli {

namespace {

std::string today() {
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day date{days};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

bool valid_date_text(const std::string& text) {
  // YYYY-MM-DD exactly, digits only (sscanf would take a sign or a space inside a field).
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  int year = std::stoi(text.substr(0, 4)), month = std::stoi(text.substr(5, 2)), day = std::stoi(text.substr(8, 2));
  return lang::is_supported_year(year) && lang::is_valid_date(year, month, day);
}

// `--lang` given anywhere on the line (the command's or the program's option).
bool language_given(const CLI::App* cmd) {
  for (const CLI::App* app = cmd; app; app = app->get_parent()) {
    if (const CLI::Option* lang = app->get_option_no_throw("--lang"); lang && lang->count() > 0) return true;
  }
  return false;
}

// --archive: records the publication (docs/archive.md); a new revision's changed figures become
// the bulletin's correction notice. False (said on standard error) when the archive fails.
bool archive_publication(engine::archive& archive, const engine::score_run& run, engine::publish::site_request& site) {
  try {
    engine::publication published = engine::publication_of(run);
    engine::record_outcome outcome = archive.record(published, version_text);
    for (const auto& change : outcome.changes) {
      auto text = engine::describe(change, run.compiled);
      if (text.period != published.period) text.what = text.period + " " + text.what;
      site.corrections.push_back({text.subject, text.what, text.before, text.after});
    }
    std::cerr << (outcome.already_archived
                      ? i18n::tr("rubric: {} already archived as revision {} in {}", published.period, outcome.revision, archive.path())
                      : i18n::tr("rubric: {} archived as revision {} in {}", published.period, outcome.revision, archive.path()))
              << "\n";
    return true;
  } catch (const engine::archive_error& e) {
    std::cerr << "rubric: " << e.message << "\n";
    return false;
  }
}

}  // namespace

std::function<int()> add_publish(CLI::App& app) {
  struct options : data_options {
    std::string out, published, archive;
    bool force = false;
  };
  auto opts = std::make_shared<options>();
  auto* cmd = app.add_subcommand(
      "publish", i18n::text("Write the results as a website to post: the bulletin (公示) of a period, or of every period of a "
                            "year with the year's awards, a page per unit for residents, and the rules in force"));
  add_data_options(cmd, *opts, true);
  cmd->add_option("--out", opts->out,
                  i18n::text("The folder to write the site to; replaced when it holds a site published before"))
      ->required();
  cmd->add_option("--published", opts->published,
                  i18n::text("The publication date printed on the pages, YYYY-MM-DD (default: today)"));
  cmd->add_flag("--force", opts->force, i18n::text("Replace --out even when it is a folder that holds something else"));
  cmd->add_option("--archive", opts->archive,
                  i18n::text("Record what is published in this archive (an SQLite file, created when missing): the same data "
                             "again adds nothing, changed data a new revision whose changes the bulletin lists as corrections"));
  cmd->footer(i18n::text(
      "The pages are in Chinese when the rubric is written in Chinese, otherwise in English; --lang chooses. Exit status: 0 "
      "published; 1 errors in the rubric or the data, or a period in which no event was recorded without --allow-empty; 2 "
      "misuse, unreadable files, or a --out that may not be written."));
  auto pdf = std::make_shared<bool>(false);
  cmd->add_flag("--pdf", *pdf,
                i18n::text("Also print each bulletin, and the year page, as an A4 PDF beside its page (PERIOD.pdf, "
                           "YEAR.pdf) for the notice board, with headless Chromium (Debian package chromium)"));
  return [opts, cmd, pdf]() -> int {
    if (!cmd->parsed()) return -1;
    if (opts->published.empty()) opts->published = today();
    if (!valid_date_text(opts->published)) {
      std::cerr << "rubric: " << i18n::tr("--published takes a date YYYY-MM-DD, not `{}`", opts->published) << "\n";
      return usage;
    }
    if (auto missing = *pdf ? engine::publish::browser_missing() : std::nullopt) {  // before anything is written
      std::cerr << "rubric: " << *missing << "\n";
      return usage;
    }
    if (auto refused = engine::publish::check_site_folder(opts->out, opts->force); !refused.empty()) {
      std::cerr << "rubric: " << refused << "\n";
      return usage;
    }
    std::optional<engine::archive> archive;  // opened first: a file that is not an archive stops before any work
    try {
      if (!opts->archive.empty()) archive = engine::archive::open(opts->archive, true);
    } catch (const engine::archive_error& e) {
      std::cerr << "rubric: " << e.message << "\n";
      return usage;
    }
    if (!resolve_period(*opts)) return usage;
    opts->request.input_digests = archive.has_value();  // only the archive records them; not the pages
    engine::score_run run = engine::run_score(opts->request);
    opts->request.input_digests = false;  // the runs below are for ranks before and explanations
    if (int problem = report_problems(*opts, run, {}); problem >= 0) return problem;

    // The pages' language: the rubric's, unless --lang says.
    if (!language_given(cmd) && !run.rubric.versions.empty()) {
      bool chinese = run.rubric.versions.back().tree->written_in == lang::ast::surface::zh;
      i18n::set_language(chinese ? i18n::language::zh : i18n::language::en);
    }

    engine::publish::site_request site;
    site.published = opts->published;
    if (opts->request.year) site.year = opts->request.year;

    // The period before the first one published, for the rank changes; none when it cannot be scored.
    engine::score_request before = opts->request;
    before.year.reset();
    before.period_text.clear();
    before.period = run.result->periods.front().period - 1;
    before.empty_periods = engine::score_request::empty_period::unranked;
    engine::score_run previous = engine::run_score(before);
    if (previous.result) site.previous = &previous;

    // Each unit-period's explanation, from `explain`'s listener on a run traced for it.
    for (const auto& m : run.result->periods) {
      for (std::uint32_t u = 0; u < run.people.units.size(); ++u) {
        auto listener = std::make_shared<engine::explanation>();
        engine::score_request traced = opts->request;
        traced.year.reset();
        traced.period_text.clear();
        traced.period = m.period;
        traced.empty_periods = engine::score_request::empty_period::unranked;
        traced.trace = listener.get();
        traced.trace_unit = run.people.units[u];
        engine::score_run one = engine::run_score(traced);
        if (one.result) site.stories.push_back({u, m.period, listener});
      }
    }

    if (archive && !archive_publication(*archive, run, site)) return usage;
    auto files = engine::publish::build_site(run, site);
    if (auto failed = engine::publish::write_site(opts->out, files); !failed.empty()) {
      std::cerr << "rubric: " << failed << "\n";
      return usage;
    }
    std::cerr << i18n::tr("rubric: published {} files to {}; open {}/index.html", files.size(), opts->out, opts->out) << "\n";
    if (*pdf) {
      std::vector<std::string> periods;
      for (const auto& m : run.result->periods) periods.push_back(run.compiled.periods.text(m.period));
      auto printed = engine::publish::print_site(opts->out, periods, opts->request.year);
      if (!printed.files.empty()) {
        std::cerr << i18n::tr("rubric: printed {} for the notice board", fmt::join(printed.files, i18n::text(", "))) << "\n";
      }
      if (printed.error) {
        std::cerr << "rubric: " << *printed.error << "\n";
        return usage;
      }
    }
    return ok;
  };
}

}  // namespace rubric::cli
