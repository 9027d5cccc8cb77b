// Shared by the event harnesses: the reference rubric and a small roster, loaded once.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "engine/score.hpp"

namespace rubric::fuzz {

inline const std::string& work_dir() {
  static const std::string dir = [] {
    std::string d = "/tmp/rubric-fuzz-" + std::to_string(::getpid());
    std::system(("mkdir -p " + d).c_str());
    std::ofstream(d + "/units.csv") << "unit\n1-1\n1-2\n2-1\n";
    std::ofstream(d + "/people.csv") << "person,role,unit\np1,unit_head,1-1\np2,floor_head,1-2\n";
    return d;
  }();
  return dir;
}

inline std::string rubric_dir() {
  const char* env = std::getenv("RUBRIC_FUZZ_RUBRIC");
  return env ? env : RUBRIC_SOURCE_DIR "/rubrics/nanguo-xinjiayuan";
}

// Scores `bytes` as one events file named `name` and checks what must always hold.
inline engine::score_run score_bytes(const std::string& bytes, const std::string& name, int year = 2023) {
  std::string path = work_dir() + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  engine::score_request request;
  request.rubric = rubric_dir();
  request.units = work_dir() + "/units.csv";
  request.people = work_dir() + "/people.csv";
  request.events = {path};
  request.year = year;
  request.keep_going = true;
  auto run = engine::run_score(request);
  for (const auto& f : run.findings) {
    if (f.message.empty()) std::abort();  // every finding says why
  }
  if (run.result) {
    for (const auto& m : run.result->months) {
      if (m.units.size() != 3) std::abort();  // every unit scored every month
    }
  }
  return run;
}

}  // namespace rubric::fuzz
