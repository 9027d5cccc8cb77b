#include "engine/score.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "engine/digest.hpp"
#include "engine/events/readers.hpp"
#include "engine/report/text.hpp"
#include "lang/i18n.hpp"
#include "lang/source.hpp"

namespace rubric::engine {

namespace {

// Reads the period given as text with the rubric's calendar.
score_run::period_problem read_period(score_request& request, const lang::calendar& periods, std::string& message) {
  if (request.period_is_month && periods.cadence() != lang::ast::period::month) {
    message = i18n::tr("this rubric scores per {}, not per month: a {} is written {}", text::period_noun(periods.word()),
                       text::period_noun(periods.word()), periods.format_hint());
    return score_run::period_problem::not_monthly;
  }
  request.period = periods.parse(request.period_text);
  if (!request.period) {
    message = i18n::tr("a {} is written {}, not `{}`", text::period_noun(periods.word()), periods.format_hint(),
                       request.period_text);
    return score_run::period_problem::unreadable;
  }
  return score_run::period_problem::none;
}

// "no event was recorded for any unit in 2 months: 2024-01, 2024-02 (the files read: events.csv); ..."
std::optional<finding> empty_periods(const score_result& result, const score_request& request, const plan& p) {
  std::vector<std::string> empty;
  for (const auto& m : result.periods) {
    if (m.events_recorded == 0) empty.push_back(p.periods.text(m.period));
  }
  if (empty.empty()) return std::nullopt;
  std::string files;
  for (const auto& f : request.events) files += (files.empty() ? "" : ", ") + f;
  return finding{finding_code::empty_period, {}, 0, 0,
                 i18n::tr("no event was recorded for any unit in {}: {} (the files read: {}); with no event, "
                          "every unit would share one rank and every distinction",
                          text::periods_count(empty.size(), p.periods.word()), fmt::join(empty, ", "), files),
                 {}};
}

bool select_period(const score_request& request, const plan& p, period_selection& period, std::string& message) {
  const int first_version = p.versions.front().effective_period;
  if (request.period) {
    if (*request.period < first_version) {
      message = i18n::tr("no version of the rubric is in force in {}; the first, {}, takes effect in {}",
                         p.periods.text(*request.period), p.versions.front().id, p.periods.text(first_version));
      return false;
    }
    period.first_period = period.last_period = *request.period;
    return true;
  }
  int first = std::max(p.periods.first_of_year(*request.year), first_version);
  int last = p.periods.last_of_year(*request.year);
  if (last < first) {
    message = i18n::tr("no version of the rubric is in force in {}; the first, {}, takes effect in {}",
                       *request.year, p.versions.front().id, p.periods.text(first_version));
    return false;
  }
  period.first_period = first;
  period.last_period = last;
  period.year = request.year;
  return true;
}

// The SHA-256 of a data file's bytes (of the workbook, for `FILE.xlsx#Sheet`); empty when it
// cannot be opened, which is reported when the file is read.
std::string file_digest(const std::string& path) {
  std::string error;
  int fd = lang::open_regular_file(split_sheet_name(path).first, error);
  if (fd < 0) return {};
  std::string digest = sha256_hex_of_file(fd).value_or("");
  ::close(fd);
  return digest;
}

// The same file, or two files with the same content, would count every row twice; so would a
// workbook given whole and by one of its sheets, or one sheet twice (two different sheets of one
// workbook are two tables). Only files of equal size can be equal, so only those are hashed; the
// digests are kept in `digests` (one per path, empty where not taken) for the run's inputs.
std::optional<finding> identical_files(const std::vector<std::string>& paths, std::vector<std::string>& digests) {
  struct seen_file {
    std::size_t index;
    std::string sheet;
    struct stat st;
  };
  digests.assign(paths.size(), {});
  std::vector<seen_file> files;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    auto [file, sheet] = split_sheet_name(paths[i]);
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;  // reported when opened
    files.push_back({i, std::move(sheet), st});
  }
  auto digest_of = [&](const seen_file& f) -> const std::string& {
    if (digests[f.index].empty()) digests[f.index] = file_digest(paths[f.index]);
    return digests[f.index];
  };
  for (std::size_t i = 0; i < files.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      auto& a = files[j];
      auto& b = files[i];
      if (!a.sheet.empty() && !b.sheet.empty() && a.sheet != b.sheet) continue;
      bool same_file = a.st.st_dev == b.st.st_dev && a.st.st_ino == b.st.st_ino;
      bool same = same_file || (a.st.st_size == b.st.st_size && !digest_of(a).empty() && digest_of(a) == digest_of(b));
      if (!same) continue;
      const std::string& first = paths[a.index];
      const std::string& second = paths[b.index];
      return finding{finding_code::identical_files, second, 0, 0,
                     same_file ? i18n::tr("`{}` and `{}` are the same file; every event would count twice, so nothing "
                                          "was scored. Give each events file once",
                                          first, second)
                               : i18n::tr("`{}` and `{}` have the same content (SHA-256 {}); every event would count "
                                          "twice, so nothing was scored. Give each events file once",
                                          first, second, digests[a.index].substr(0, 16)),
                     {}};
    }
  }
  return std::nullopt;
}

void read_file(const std::string& path, const score_run& run, evaluator& main, const score_request& request,
               unsigned jobs) {
  const period_selection& period = run.period;
  auto file = event_file::open(path, run.compiled, run.people, main, request.encoding);
  if (!file) return;
  std::size_t parts = file->split(jobs, request.split_threshold);
  if (parts == 1) {
    file->read(0, main);
    return;
  }
  std::vector<std::unique_ptr<evaluator>> helpers;
  std::vector<std::unique_ptr<rejects_output>> helper_rejects;
  for (std::size_t k = 1; k < parts; ++k) {
    helpers.push_back(std::make_unique<evaluator>(run.compiled, run.people, period));
    if (request.rejects) {  // a later part's rows wait in a temporary file, to keep the file's order
      helper_rejects.push_back(rejects_output::temporary());
      helpers.back()->write_rejects_to(helper_rejects.back().get());
    }
  }
  std::vector<std::thread> threads;
  for (std::size_t k = 1; k < parts; ++k) threads.emplace_back([&, k] { file->read(k, *helpers[k - 1]); });
  file->read(0, main);
  for (auto& t : threads) t.join();
  // The parts that start where the part before stopped are exactly what one reader reads; after
  // the first that does not (misplaced quotes misled where it starts), the file is read on here.
  std::size_t right = file->ranges_read_right();
  for (std::size_t k = 1; k < right; ++k) {
    main.merge(*helpers[k - 1]);
    if (request.rejects) request.rejects->append(*helper_rejects[k - 1]);
  }
  if (right < parts) file->read_rest_after(right - 1, main);
}

std::uint64_t rows_read(const run_counts& counts) {
  return counts.scored + counts.outside + counts.rejected + counts.not_scored;
}

// Keeps the first findings of each file (threads may have kept more), counting the rest.
void keep_first_findings(std::vector<finding>& findings, unshown_by_file& unshown) {
  std::vector<finding> kept;
  std::size_t of_file = 0;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    of_file = !kept.empty() && kept.back().file == findings[i].file ? of_file + 1 : 0;
    if (of_file < kept_findings_per_file || is_fatal(findings[i].code) || is_note(findings[i].code) ||
        findings[i].file.empty()) {
      kept.push_back(std::move(findings[i]));
    } else {
      auto& count = unshown[findings[i].file];
      ++(is_warning(findings[i].code) ? count.warnings : count.errors);
    }
  }
  findings = std::move(kept);
}

// Processor seconds of the process (all its threads): on a shared machine a phase's wall time
// says more about the other programs than about the phase.
double processor_seconds() {
  timespec now{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Processor seconds since `start`, and restarts it: the phases of a run follow one another.
double lap(double& start) {
  double now = processor_seconds();
  double seconds = now - start;
  start = now;
  return seconds;
}

}  // namespace

lang::rubric_folder load_request_rubric(const score_request& request) {
  if (!request.rubric_text) return lang::load_rubric(request.rubric);
  lang::rubric_folder folder;
  folder.path = request.rubric;
  folder.sources.push_back(request.rubric_text);
  lang::folder_result checked = lang::check_versions(folder.sources, false);
  folder.versions = std::move(checked.versions);
  folder.diags = std::move(checked.diags);
  return folder;
}

score_run run_score(const score_request& given) {
  score_request request = given;
  score_run run;
  double clock = processor_seconds();
  run.rubric = load_request_rubric(request);
  if (!run.rubric.ok()) {
    run.outcome = score_run::status::rubric_errors;
    return run;
  }
  run.compiled = compile_plan(run.rubric);
  if (request.whole_period) {
    if (run.compiled.versions.size() != 1) {
      run.outcome = score_run::status::usage_error;
      run.usage_message = i18n::tr("`{}` must be one version", request.rubric);
      return run;
    }
    const auto& from = request.in_force_from;
    run.compiled.versions.front().effective_period = from ? run.compiled.periods.period_of(from->year, from->month, from->day)
                                                          : run.compiled.periods.first_of_year(1);
    if (const auto& b = request.balance_from; !from && b && run.compiled.versions.front().balance) {
      run.compiled.versions.front().effective_period = run.compiled.periods.period_of(b->year, b->month, b->day);
    }
  }
  if (!request.period_text.empty()) {
    run.bad_period = read_period(request, run.compiled.periods, run.usage_message);
    if (run.bad_period != score_run::period_problem::none) {
      run.outcome = score_run::status::usage_error;
      return run;
    }
  }
  if (!select_period(request, run.compiled, run.period, run.usage_message)) {
    run.outcome = score_run::status::usage_error;
    return run;
  }
  run.timings.rubric = lap(clock);
  run.people = load_roster(request.units, request.people, run.compiled.roles, run.findings,
                           run.compiled.roster_columns, request.encoding);
  // A roster read from another encoding leaves a note, which stops nothing.
  if (!std::all_of(run.findings.begin(), run.findings.end(), [](const finding& f) { return is_note(f.code); })) {
    run.outcome = score_run::status::data_errors;
    return run;
  }
  std::vector<finding> roster_notes = std::move(run.findings);
  run.timings.roster = lap(clock);
  if (request.trace) {
    run.trace_unit = run.people.unit_index(request.trace_unit);
    if (!run.trace_unit) {
      run.outcome = score_run::status::usage_error;
      run.usage_message = i18n::tr("unit `{}` is not on the unit roster `{}`", request.trace_unit, request.units);
      return run;
    }
  }

  evaluator main(run.compiled, run.people, run.period);
  // A rule's consequence applies when the rule changed the score: the reports read its total.
  bool rule_consequences = std::any_of(run.compiled.versions.begin(), run.compiled.versions.end(),
                                       [](const version_plan& v) { return v.rule_consequences; });
  main.keep_rule_totals(request.keep_rule_totals || rule_consequences);
  main.rank_empty_periods(request.empty_periods == score_request::empty_period::ranked);
  if (request.trace) {
    request.trace->on_plan(run.compiled);
    main.trace(request.trace, *run.trace_unit, run.period.first_period);
  }
  std::vector<std::string> event_digests;
  if (auto twice = identical_files(request.events, event_digests)) {
    run.findings.push_back(std::move(*twice));
    run.outcome = score_run::status::data_errors;
    return run;
  }
  main.write_rejects_to(request.rejects);
  unsigned jobs = request.trace ? 1 : std::max(1u, request.jobs);
  run.inputs.push_back({"units", request.units, {}, run.people.units.size()});
  run.inputs.push_back({"people", request.people, {}, run.people.people.size()});
  for (std::size_t i = 0; i < request.events.size(); ++i) {
    const std::string& path = request.events[i];
    std::uint64_t before = rows_read(main.counts());
    read_file(path, run, main, request, jobs);
    run.inputs.push_back({"events", path, std::move(event_digests[i]), rows_read(main.counts()) - before});
  }
  run.timings.events = lap(clock);
  if (request.input_digests) {
    // The same-size check may have hashed an events file already: each file is read once more at most.
    for (auto& input : run.inputs) {
      if (input.sha256.empty()) input.sha256 = file_digest(input.path);
    }
  }
  run.timings.digests = lap(clock);

  run.findings = std::move(main.findings());
  run.findings.insert(run.findings.begin(), roster_notes.begin(), roster_notes.end());
  std::map<std::string, std::size_t> file_order;  // in the order the files are read
  file_order.emplace(request.units, 0);
  file_order.emplace(request.people, 1);
  for (std::size_t i = 0; i < request.events.size(); ++i) file_order.emplace(request.events[i], i + 2);
  std::stable_sort(run.findings.begin(), run.findings.end(), [&](const finding& a, const finding& b) {
    auto fa = file_order.count(a.file) ? file_order[a.file] : request.events.size() + 2;
    auto fb = file_order.count(b.file) ? file_order[b.file] : request.events.size() + 2;
    return std::tie(fa, a.sheet, a.line, a.column) < std::tie(fb, b.sheet, b.line, b.column);
  });
  run.unshown = std::move(main.unshown());
  keep_first_findings(run.findings, run.unshown);
  run.counts = main.counts();
  bool fatal = std::any_of(run.findings.begin(), run.findings.end(), [](const finding& f) { return is_fatal(f.code); });
  bool rejected = run.counts.rejected > 0;
  run.result = main.finish();
  run.timings.finish = lap(clock);
  if (run.result && !main.findings().empty()) {
    // Redemptions refused at the end, when the balances were known (engine/balance.cpp): rows too.
    run.findings.insert(run.findings.end(), main.findings().begin(), main.findings().end());
    main.findings().clear();
    run.counts = main.counts();
    rejected = run.counts.rejected > 0;
  }
  if (!run.result) {
    run.findings.insert(run.findings.end(), main.findings().begin(), main.findings().end());
    fatal = true;
  } else if (!fatal && request.empty_periods == score_request::empty_period::refuse) {
    // After a file-level problem the period may be empty only because rows were lost: that is said already.
    if (auto empty = empty_periods(*run.result, request, run.compiled)) {
      run.findings.push_back(std::move(*empty));
      fatal = true;
    }
  }
  if (fatal || (rejected && !request.keep_going)) {
    run.outcome = score_run::status::data_errors;
    run.result.reset();
  }
  return run;
}

}  // namespace rubric::engine
