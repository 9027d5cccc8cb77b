// Shared by the event harnesses: the shipped communities (rubric folder, roster, year) and one
// call that scores a fuzzed events file and checks what must hold for any input.
//
// An input's first line names the community whose rubric and roster it is scored against
// (`nanguo`, `lanting`, `qingyuan`, `heping`; anything else means `nanguo`), and the rest is the
// events file. So one harness reaches every schema (dates and choices of the homeowners' rubric,
// the dormitory's weeks, the village's quarters), and a finding can be replayed with the
// `rubric` command (tests/fuzz/replay.py).
#pragma once

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/report/report.hpp"
#include "engine/score.hpp"

namespace rubric::fuzz {

struct community {
  std::string_view name, rubric, examples;
  int year;
};

// Kept in step with tests/fuzz/replay.py and scripts/fuzz-corpus.sh.
inline constexpr community communities[] = {
    {"nanguo", "rubrics/nanguo-xinjiayuan", "examples/nanguo", 2023},
    {"lanting", "rubrics/lanting-hoa", "examples/lanting", 2024},
    {"qingyuan", "rubrics/qingyuan-dorm", "examples/qingyuan", 2024},
    {"heping", "rubrics/heping-village", "examples/heping", 2024},
};

inline std::string source_path(std::string_view relative) {
  return std::string(RUBRIC_SOURCE_DIR) + "/" + std::string(relative);
}

inline const std::string& work_dir() {
  static const std::string dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("rubric-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d.string();
  }();
  return dir;
}

// Splits an input into its community (first line) and the events file (the rest).
inline std::pair<const community*, std::string_view> split_input(std::string_view input) {
  auto newline = input.find('\n');
  std::string_view first = input.substr(0, newline);
  std::string_view rest = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
  for (const auto& c : communities) {
    if (first == c.name) return {&c, rest};
  }
  return {&communities[0], input};  // no community line: the whole input is the file
}

inline engine::score_request request_for(const community& c, const std::string& events_path) {
  engine::score_request request;
  request.rubric = source_path(c.rubric);
  request.units = source_path(std::string(c.examples) + "/units.csv");
  request.people = source_path(std::string(c.examples) + "/people.csv");
  request.events = {events_path};
  request.year = c.year;
  request.keep_going = true;  // --rejects: the valid rows are scored, the others reported
  // --allow-empty: a fuzzed file rarely covers every period of its year; empty ones are published unranked.
  request.empty_periods = engine::score_request::empty_period::unranked;
  return request;
}

// Every renderer must cope with whatever ids and labels made it into a result.
inline void render_everything(const engine::score_run& run) {
  std::ostringstream sink;
  engine::render_json(run, sink);
  engine::render_table(run, sink);
  engine::render_csv(run, sink);
  sink << engine::render_findings(run.findings, 100, run.unshown) << engine::rejects_header;
  for (const auto& f : run.findings) sink << engine::render_reject(f);
}

// The invariants of any run: every finding says why, and a result scores every unit of the
// roster in every period, each exactly once in the display order.
inline void check_run(const engine::score_run& run) {
  for (const auto& f : run.findings) {
    if (f.message.empty()) std::abort();
  }
  if (run.outcome == engine::score_run::status::ok && !run.result) std::abort();  // ok without a result
  if (!run.result) return;
  const std::size_t units = run.people.units.size();
  for (const auto& p : run.result->periods) {
    if (p.units.size() != units) std::abort();
    std::vector<std::uint32_t> order = p.order;
    std::sort(order.begin(), order.end());
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (order[i] != i) std::abort();
    }
    if (order.size() != units) std::abort();
  }
  render_everything(run);
}

// Scores `input` (community line, then the events file) as a file with `extension`.
inline engine::score_run score_input(std::string_view input, std::string_view extension) {
  auto [chosen, file] = split_input(input);
  std::string path = work_dir() + "/events." + std::string(extension);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << file;
  auto run = engine::run_score(request_for(*chosen, path));
  check_run(run);
  return run;
}

}  // namespace rubric::fuzz
