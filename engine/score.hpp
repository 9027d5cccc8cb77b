// The engine's front door: one call per command. Loads the rubric and roster, streams the
// events through the evaluator, and returns everything a report needs. Never prints.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/eval.hpp"
#include "engine/plan.hpp"
#include "engine/roster.hpp"
#include "lang/load.hpp"

namespace rubric::engine {

struct score_request {
  std::string rubric;  // a rubric folder (or one .rubric file)
  // The workbench: one version held in memory (a draft being edited), checked and used instead of
  // reading `rubric`, which then only names it in messages.
  std::shared_ptr<const lang::source_file> rubric_text;
  std::string units, people;
  std::vector<std::string> events;
  text_encoding encoding = text_encoding::automatic;  // --encoding: of every data file; else guessed
  std::optional<int> year;   // --year: every period of the year a version covers, and awards
  std::optional<int> period;  // one period, as a key of the rubric's cadence
  // One period as written; run_score reads it with the rubric's calendar into `period`.
  std::string period_text;
  bool period_is_month = false;  // the text names a month: refused when the rubric has another cadence
  // A period in which no event was recorded for any unit.
  enum class empty_period {
    refuse,    // no results: an E1027 finding names the periods and the files read
    unranked,  // scored, but without ranks or distinctions, and in no awards window
    ranked,    // ranked like any other (rubric tests: their events are all there is)
  };
  empty_period empty_periods = empty_period::refuse;
  unsigned jobs = 1;
  std::uint64_t split_threshold = std::uint64_t{8} << 20;  // smaller CSV files are read by one thread
  bool keep_going = false;   // --rejects: score the valid rows, report the others
  rejects_output* rejects = nullptr;  // --rejects: every rejected row is written here as found
  // impact and rubric tests: the rubric is one version, applied to every period whatever its
  // effective date — from `in_force_from` on when it is given (impact: the earliest effective
  // date of the versions compared)
  bool whole_period = false;
  std::optional<lang::civil_date> in_force_from;
  // rubric tests: with no `in_force_from`, a version that keeps a balance (engine/balance.cpp) is in
  // force from this day, the first of the test's first year, so its balance carries back no further
  std::optional<lang::civil_date> balance_from;
  bool keep_rule_totals = false;  // fill period_result::rule_totals
  // explain: the unit and period (period key) whose decisions go to `trace`
  trace_sink* trace = nullptr;
  std::string trace_unit;
  // The SHA-256 of every input file (score_run::inputs): only the JSON report and the archive
  // show them, and hashing reads every byte again (~0.3 s per 400 MB), so a run whose output
  // does not show them leaves them empty.
  bool input_digests = true;
};

// An input file as read: `rubric score --format json` lists them and the archive records them, so
// a published figure can be traced to the exact files behind it.
struct input_file {
  std::string role;  // "units", "people" or "events"
  std::string path;  // as given
  std::string sha256;
  std::uint64_t rows = 0;  // data rows: units, people, or event rows read (scored or not, rejected too)
};

// Where a run's time went, in processor seconds of all its threads (bench/score_bench --breakdown).
struct run_timings {
  double rubric = 0;   // load, check and compile the rubric
  double roster = 0;   // read both roster files
  double events = 0;   // read, validate and evaluate every events file
  double digests = 0;  // the SHA-256 of the inputs
  double finish = 0;   // each period's end: ranking, distinctions, the years and awards
};

struct score_run {
  enum class status { ok, rubric_errors, data_errors, usage_error };
  status outcome = status::ok;
  std::string usage_message;  // for usage_error
  // Why the period given as text was refused (usage_error): the caller names its own options.
  enum class period_problem { none, not_monthly, unreadable };
  period_problem bad_period = period_problem::none;
  lang::rubric_folder rubric;
  plan compiled;
  roster people;
  period_selection period;
  std::optional<score_result> result;  // present unless something withheld it
  std::vector<finding> findings;       // sorted by file (in request order), line, column
  unshown_by_file unshown;             // findings beyond the first of each file, counted
  run_counts counts;
  std::vector<input_file> inputs;  // the roster's two files, then each events file in the order given
  std::optional<std::uint32_t> trace_unit;
  run_timings timings;
};

score_run run_score(const score_request& request);

// The request's rubric, read from `rubric` or, when given, checked from `rubric_text`.
lang::rubric_folder load_request_rubric(const score_request& request);


}  // namespace rubric::engine
