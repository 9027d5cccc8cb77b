#include "cli/data_options.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "engine/events/readers.hpp"
#include "engine/report/report.hpp"
#include "lang/calendar.hpp"
#include "lang/diag/render.hpp"
#include "lang/i18n.hpp"

namespace rubric::cli {

void add_data_options(CLI::App* cmd, data_options& opts, bool period_required, bool with_rubric) {
  if (with_rubric) cmd->add_option("--rubric", opts.request.rubric, i18n::text("Rubric folder of versions (*.rubric)"))->required();
  cmd->add_option("--units", opts.request.units, i18n::text("Unit roster: CSV or Excel workbook (.xlsx) with a `unit` (单元) column"))->required();
  cmd->add_option("--people", opts.request.people, i18n::text("People roster: CSV or Excel workbook (.xlsx) with `person`, `role`, `unit` (人员, 角色, 单元) columns"))
      ->required();
  cmd->add_option("--events", opts.request.events,
                  i18n::text("Event file, CSV, JSON Lines (.jsonl) or Excel workbook (.xlsx; FILE.xlsx#Sheet for one sheet); "
                             "repeat for several files, each once (the same file or content twice is refused); their "
                             "order and names never change a result"))
      ->required();
  auto* month = cmd->add_option("--month", opts.month, i18n::text("One month, YYYY-MM (rubrics scored per month)"));
  auto* period = cmd->add_option("--period", opts.period,
                                 i18n::text("One period of the rubric's cadence: 2023-10 (month), 2024-W03 (ISO week), 2024-Q1, "
                                            "2024-S2 (semester), 2024 (year), 2024-03-05 (day)"));
  month->excludes(period);
  period->excludes(month);
  cmd->add_option("--encoding", opts.encoding,
                  i18n::text("Encoding of the CSV files: utf-8, gb18030, gbk, utf-16, utf-16le or utf-16be. Without it, "
                             "a file that is not UTF-8 is recognised (GB18030 and UTF-16, as Excel and WPS save them) "
                             "and converted, with a note saying so"))
      ->check([](const std::string& name) {
        return engine::encoding_named(name)
                   ? std::string()
                   : i18n::tr("`{}` is not an encoding rubric reads; give utf-8, gb18030, gbk, utf-16, utf-16le or "
                              "utf-16be",
                              name);
      });
  cmd->add_flag("--allow-empty", opts.allow_empty,
                i18n::text("Publish a period in which no event was recorded for any unit, with no ranking and no distinction, "
                           "instead of refusing it (exit 1)"));
  if (period_required) {
    auto* year = cmd->add_option("--year", opts.year,
                                 i18n::text("Every period of a year that a version covers, and the year-end awards"))
                     ->check(CLI::Range(lang::first_supported_year, lang::last_supported_year));
    month->excludes(year);
    period->excludes(year);
    year->excludes(month);
    year->excludes(period);
    cmd->callback([month, period, year]() {
      if (month->count() == 0 && period->count() == 0 && year->count() == 0) {
        throw CLI::RequiredError("--year, --month or --period");
      }
    });
  } else {
    cmd->callback([month, period]() {
      if (month->count() == 0 && period->count() == 0) throw CLI::RequiredError("--month or --period");
    });
  }
}

bool resolve_period(data_options& opts) {
  if (!opts.month.empty() || !opts.period.empty()) {
    // Read with the rubric's calendar once it is loaded: the cadence decides how a period is written.
    opts.request.period_text = opts.month.empty() ? opts.period : opts.month;
    opts.request.period_is_month = !opts.month.empty();
  } else {
    opts.request.year = opts.year;
  }
  if (opts.allow_empty) opts.request.empty_periods = engine::score_request::empty_period::unranked;
  if (!opts.encoding.empty()) opts.request.encoding = *engine::encoding_named(opts.encoding);
  return true;
}

namespace {

// The engine says what is wrong with the period; the options are named here.
std::string period_message(const data_options& opts, const engine::score_run& run) {
  const auto& periods = run.compiled.periods;
  if (run.bad_period == engine::score_run::period_problem::not_monthly) {
    return i18n::tr("this rubric scores per {}, so give the period with --period, written {}", lang::period_name(periods.cadence()),
                       periods.format_hint());
  }
  return i18n::tr("{} takes {}, not `{}`", opts.month.empty() ? "--period" : "--month", periods.format_hint(),
                     opts.request.period_text);
}

}  // namespace

int report_problems(const data_options& opts, const engine::score_run& run, const std::string& rejects_path) {
  using status = engine::score_run::status;
  if (run.outcome == status::rubric_errors) {
    std::cerr << lang::render_text(run.rubric.diags);
    bool unreadable = std::any_of(run.rubric.diags.begin(), run.rubric.diags.end(),
                                  [](const auto& d) { return d.kind == lang::diag_kind::io_error; });
    if (unreadable) return usage;  // a missing or unreadable rubric is misuse, as for the other files
    std::cerr << i18n::tr("rubric: the rubric `{}` has errors; nothing was scored", run.rubric.path) << "\n";
    return findings;
  }
  if (run.outcome == status::usage_error) {
    bool bad_period = run.bad_period != engine::score_run::period_problem::none;
    std::cerr << "rubric: " << (bad_period ? period_message(opts, run) : run.usage_message) << "\n";
    return usage;
  }
  if (!run.findings.empty()) {
    std::cerr << engine::render_findings(run.findings, engine::kept_findings_per_file, run.unshown);
    if (!rejects_path.empty() && run.counts.rejected > 0) {
      std::cerr << i18n::trn("rubric: {} rejected row written to {}", "rubric: {} rejected rows written to {}",
                             run.counts.rejected, run.counts.rejected, rejects_path)
                << "\n";
    }
  }
  bool misuse = std::any_of(run.findings.begin(), run.findings.end(),
                            [](const auto& f) { return engine::is_usage_problem(f.code); });
  if (!run.result) {
    if (misuse) return usage;
    bool empty = std::any_of(run.findings.begin(), run.findings.end(),
                             [](const auto& f) { return f.code == engine::finding_code::empty_period; });
    bool file_problem = std::any_of(run.findings.begin(), run.findings.end(), [](const auto& f) {
      return engine::is_fatal(f.code) && f.code != engine::finding_code::empty_period;
    });
    if (empty && run.counts.rejected == 0 && !file_problem) {
      std::cerr << i18n::text("rubric: no results: check that every events file was given, or pass --allow-empty to publish "
                              "such periods with no ranking and no distinction")
                << "\n";
    } else {
      std::cerr << (file_problem ? i18n::text("rubric: no results: fix the problems above (a problem with a whole file "
                                              "withholds every result)")
                    : rejects_path.empty()
                        ? i18n::text("rubric: no results: fix the rows above, or pass --rejects FILE to score the valid rows")
                        : i18n::text("rubric: no results: fix the rows above"))
                << "\n";
    }
    return findings;
  }
  return -1;
}

namespace {

// Every file the run reads: the rubric's version files, the rosters and the event files (the
// workbook itself for `FILE.xlsx#Sheet`).
std::vector<std::string> input_paths(const engine::score_request& inputs) {
  auto file = [](const std::string& path) { return engine::split_sheet_name(path).first; };
  std::vector<std::string> paths = {inputs.rubric, file(inputs.units), file(inputs.people)};
  std::error_code ec;
  if (std::filesystem::is_directory(inputs.rubric, ec)) {
    for (const auto& entry : std::filesystem::directory_iterator(inputs.rubric, ec)) paths.push_back(entry.path().string());
  }
  for (const auto& events : inputs.events) paths.push_back(file(events));
  return paths;
}

}  // namespace

std::string input_at(const std::string& path, const engine::score_request& inputs) {
  struct stat target {};
  if (::stat(path.c_str(), &target) != 0) return {};
  for (const auto& input : input_paths(inputs)) {
    struct stat st {};
    if (::stat(input.c_str(), &st) == 0 && st.st_dev == target.st_dev && st.st_ino == target.st_ino) return input;
  }
  return {};
}

rejects_file::~rejects_file() {
  if (!temporary_.empty()) ::unlink(temporary_.c_str());
}

std::string rejects_file::open(const std::string& path, const engine::score_request& inputs, bool force) {
  path_ = path;
  struct stat target {};
  if (::stat(path.c_str(), &target) == 0) {
    if (!S_ISREG(target.st_mode)) return i18n::tr("--rejects `{}` is not a regular file", path);
    if (std::string input = input_at(path, inputs); !input.empty()) {
      return i18n::tr("--rejects `{}` is `{}`, an input of this run; write the rejected rows to another file", path, input);
    }
    std::ifstream existing(path, std::ios::binary);
    std::string first;
    std::getline(existing, first);
    if (!force && first + "\n" != engine::rejects_header) {
      return i18n::tr("--rejects `{}` exists and is not a rejects file written by rubric (its first line is not "
                         "`{}`); choose another name, or pass --force to replace it",
                         path, std::string_view(engine::rejects_header).substr(0, std::strlen(engine::rejects_header) - 1));
    }
  }
  std::string name = path + ".partial-XXXXXX";
  int fd = ::mkstemp(name.data());
  if (fd < 0) return i18n::tr("cannot write `{}`: {}", path, std::strerror(errno));
  temporary_ = name;
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);  // as a file the command created itself, not mkstemp's 0600
  ::close(fd);
  stream_.open(temporary_, std::ios::binary | std::ios::trunc);
  stream_ << engine::rejects_header;
  if (!stream_) return i18n::tr("cannot write `{}`", path);
  output_ = std::make_unique<engine::rejects_output>(&stream_);
  return {};
}

bool rejects_file::commit() {
  stream_.close();
  if (stream_.fail() || ::rename(temporary_.c_str(), path_.c_str()) != 0) {
    std::cerr << "rubric: " << i18n::tr("cannot write `{}`", path_) << "\n";
    return false;
  }
  temporary_.clear();
  return true;
}

}  // namespace rubric::cli
