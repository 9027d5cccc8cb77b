// Times `rubric check`'s work in-process: read, parse and check one rubric file or folder, N times,
// and prints the best and the median of the wall time and of the processor time (the 2-core
// machine is shared: a run may wait for a core, which its processor time does not count). Editors check on every keystroke; the target is 10 ms for a
// 2,000-line rubric (bench/gen_rubric.py writes one in either surface). Run it from a Release build:
//
//   check_bench RUBRIC [--runs N]
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lang/load.hpp"

namespace {

double processor_milliseconds() {
  timespec now{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) * 1e-6;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: check_bench RUBRIC [--runs N]\n";
    return 2;
  }
  std::string path = argv[1];
  int runs = 50;
  if (argc >= 4 && std::string(argv[2]) == "--runs") runs = std::max(1, std::atoi(argv[3]));
  std::vector<double> times, processor_times;
  std::size_t diagnostics = 0, versions = 0;
  for (int run = 0; run < runs; ++run) {
    auto start = std::chrono::steady_clock::now();
    double processor_start = processor_milliseconds();
    rubric::lang::rubric_folder folder = rubric::lang::load_rubric(path);
    processor_times.push_back(processor_milliseconds() - processor_start);
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    diagnostics = folder.diags.size();
    versions = folder.versions.size();
    if (!folder.ok()) {
      std::cerr << "check_bench: `" << path << "` has errors; run `rubric check` on it to see them\n";
      return 1;
    }
  }
  std::sort(times.begin(), times.end());
  std::sort(processor_times.begin(), processor_times.end());
  std::cout << fmt::format(
      "{}: {} versions, {} diagnostics; {} runs: wall best {:.2f} ms, median {:.2f} ms; processor best {:.2f} ms, "
      "median {:.2f} ms\n",
      path, versions, diagnostics, runs, times.front(), times[times.size() / 2], processor_times.front(),
      processor_times[processor_times.size() / 2]);
  return 0;
}
