// Scores a generated community end to end from CSV — roster, events, evaluation and the JSON
// report — and prints events per second and peak memory. Run it from a Release build:
//
//   score_bench --rubric rubrics/nanguo-xinjiayuan --data DIR --year 2024 [--jobs N] [--runs K] [--breakdown]
//
// --breakdown also prints, for each run, where the time went: the rubric, the roster, the events,
// the inputs' SHA-256, each period's end (ranking, years, awards), and rendering the JSON, CSV and
// table reports each on its own (bytes per second of the rendering alone).
//
// DIR holds units.csv, people.csv and events.csv as bench/gen_events.py writes them.
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <streambuf>
#include <string>

#include <fmt/format.h>

#include "engine/report/report.hpp"
#include "engine/score.hpp"

namespace {

// Counts the bytes of the report without keeping them: the report is produced, not stored.
class counting_buffer : public std::streambuf {
 public:
  std::size_t bytes = 0;

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes += static_cast<std::size_t>(n);
    return n;
  }
  int_type overflow(int_type c) override {
    ++bytes;
    return c;
  }
};

// Processor seconds of the process, all threads: the 2-core machine is shared, and a run waits
// for a core much of its wall time, so the breakdown counts processor time.
double processor_seconds() {
  timespec now{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Renders a report into a counting sink: processor seconds and bytes of the rendering alone.
template <typename Render>
std::pair<double, std::size_t> time_render(Render render) {
  counting_buffer sink;
  std::ostream out(&sink);
  double start = processor_seconds();
  render(out);
  return {processor_seconds() - start, sink.bytes};
}

void print_breakdown(const rubric::engine::score_run& run, double processor, double json_in_run, unsigned jobs) {
  const auto& t = run.timings;
  auto [json_s, json_bytes] = time_render([&](std::ostream& out) { rubric::engine::render_json(run, out, jobs); });
  auto [csv_s, csv_bytes] = time_render([&](std::ostream& out) { rubric::engine::render_csv(run, out); });
  auto [table_s, table_bytes] = time_render([&](std::ostream& out) { rubric::engine::render_table(run, out); });
  std::cout << fmt::format(
      "  processor seconds {:.3f}: rubric {:.3f}  roster {:.3f}  events {:.3f}  digests {:.3f}  finish {:.3f}  "
      "json report {:.3f}\n"
      "  rendered alone: json {:.3f} s {:.0f} MB/s  csv {:.3f} s {:.0f} MB/s  table {:.3f} s {:.0f} MB/s\n",
      processor, t.rubric, t.roster, t.events, t.digests, t.finish, json_in_run, json_s, json_bytes / json_s / 1e6, csv_s,
      csv_bytes / csv_s / 1e6, table_s, table_bytes / table_s / 1e6);
}

}  // namespace

int main(int argc, char** argv) {
  std::string rubric = "rubrics/nanguo-xinjiayuan", data;
  int year = 2024, runs = 1;
  unsigned jobs = 1;
  bool breakdown = false;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--breakdown") {
      breakdown = true;
      continue;
    }
    if (i + 1 >= argc) break;
    if (flag == "--rubric") rubric = argv[i + 1];
    else if (flag == "--data") data = argv[i + 1];
    else if (flag == "--year") year = std::atoi(argv[i + 1]);
    else if (flag == "--jobs") jobs = static_cast<unsigned>(std::atoi(argv[i + 1]));
    else if (flag == "--runs") runs = std::atoi(argv[i + 1]);
    ++i;
  }
  if (data.empty()) {
    std::cerr << "usage: score_bench --data DIR [--rubric DIR] [--year YYYY] [--jobs N] [--runs K]\n";
    return 2;
  }
  double best = 1e30, best_processor = 1e30, scoring_part = 0, report_part = 0;
  std::uint64_t events = 0;
  std::size_t report_bytes = 0;
  for (int run = 0; run < runs; ++run) {
    rubric::engine::score_request request;
    request.rubric = rubric;
    request.units = data + "/units.csv";
    request.people = data + "/people.csv";
    request.events = {data + "/events.csv"};
    request.year = year;
    request.jobs = jobs;
    auto start = std::chrono::steady_clock::now();
    double processor_start = processor_seconds();
    auto result = rubric::engine::run_score(request);
    double scored = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    counting_buffer sink;
    std::ostream out(&sink);
    if (result.result) rubric::engine::render_json(result, out, jobs);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double processor = processor_seconds() - processor_start;
    if (!result.result) {
      std::cerr << "score_bench: scoring failed; run `rubric score` on the same data to see why\n";
      return 1;
    }
    events = result.counts.scored + result.counts.outside;
    report_bytes = sink.bytes;
    if (seconds < best) {
      scoring_part = scored;
      report_part = seconds - scored;
    }
    best = std::min(best, seconds);
    best_processor = std::min(best_processor, processor);
    if (breakdown) print_breakdown(result, processor, processor - result.timings.rubric - result.timings.roster - result.timings.events -
                                               result.timings.digests - result.timings.finish, jobs);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::cout << fmt::format(
      "events {}  jobs {}  best of {}: {:.3f} s (scoring {:.3f}, JSON report {:.3f})  processor {:.3f} s  {:.2f} M "
      "events/s  peak RSS {:.1f} MB  report {:.1f} MB\n",
      events, jobs, runs, best, scoring_part, report_part, best_processor, static_cast<double>(events) / best / 1e6,
      static_cast<double>(usage.ru_maxrss) / 1024.0, static_cast<double>(report_bytes) / 1e6);
  return 0;
}
