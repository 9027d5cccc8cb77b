// Scores a generated community end to end from CSV — roster, events, evaluation and the JSON
// report — and prints events per second and peak memory. Run it from a Release build:
//
//   score_bench --rubric rubrics/nanguo-xinjiayuan --data DIR --year 2024 [--jobs N] [--runs K]
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

// Processor seconds (user + system, every thread) of this process so far: on a shared machine a
// run waits for a core much of its wall time, so this is the fairer figure of work done.
double processor_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

int main(int argc, char** argv) {
  std::string rubric = "rubrics/nanguo-xinjiayuan", data;
  int year = 2024, runs = 1;
  unsigned jobs = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--rubric") rubric = argv[i + 1];
    else if (flag == "--data") data = argv[i + 1];
    else if (flag == "--year") year = std::atoi(argv[i + 1]);
    else if (flag == "--jobs") jobs = static_cast<unsigned>(std::atoi(argv[i + 1]));
    else if (flag == "--runs") runs = std::atoi(argv[i + 1]);
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
    if (result.result) rubric::engine::render_json(result, out);
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
