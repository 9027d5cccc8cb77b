// Scoring of arbitrary valid event sets: the bytes choose events of the reference rubric's schema
// for units of its example roster; scoring must succeed, score every unit every period, and give
// the same result twice, with the rows reversed, and read in two ranges by two jobs.
#include <fstream>
#include <sstream>
#include <vector>

#include "engine/report/report.hpp"
#include "fuzz_common.hpp"

namespace {

const char* kinds[] = {"dispute", "commendation", "uncivil", "admission", "clutter", "volunteer", "flying_wire", "duty_review"};
const char* acts[] = {"throwing_from_height", "littering", "noise", "other"};
const char* levels[] = {"key_university", "university", "junior_college"};
const char* items[] = {"wheelchair", "stroller", "bicycle", "furniture", "boxes", "other"};
// Ids of examples/nanguo's roster.
const char* units[] = {"1-1", "1-2", "1-3", "2-1", "2-2", "2-3", "3-1", "3-2", "3-3", "4-1", "4-2", "4-3"};
const char* people[] = {"p1-1-u", "p1-1-f", "p1-b", "p2-1-u"};

std::string event_row(const std::uint8_t* b) {
  std::string kind = kinds[b[0] % 8];
  std::string row = "2023-" + std::string(b[1] % 9 + 4 < 10 ? "0" : "") + std::to_string(b[1] % 9 + 4) + "-" +
                    std::to_string(10 + b[2] % 18) + "," + units[b[3] % 12] + "," + kind + ",";
  std::string cells[8];
  if (kind == "dispute") cells[0] = b[4] % 3 == 0 ? "" : (b[4] % 3 == 1 ? "true" : "false");
  if (kind == "uncivil") cells[1] = acts[b[4] % 4];
  if (kind == "admission") cells[2] = levels[b[4] % 3];
  if (kind == "clutter") {
    cells[3] = items[b[4] % 6];
    cells[4] = b[5] % 4 == 0 ? "" : std::to_string(b[5] % 50 + 1);
  }
  if (kind == "volunteer") cells[5] = std::to_string(b[4] % 40 + 1) + "." + std::to_string(b[5] % 10);
  if (kind == "duty_review") {
    cells[6] = people[b[4] % 4];
    cells[7] = b[5] % 7 == 0 ? "not_fulfilled" : "fulfilled";
  }
  for (int i = 0; i < 8; ++i) row += (i ? "," : "") + cells[i];
  return row;
}

std::string json_of(const rubric::engine::score_run& run) {
  std::ostringstream out;
  rubric::engine::render_json(run, out);
  std::string text = out.str();
  // The figures only: `inputs` holds each file's SHA-256 (rows in another order are other bytes)
  // and `counts` names the files read.
  text = text.substr(0, text.find("\"counts\""));
  auto inputs = text.find("\"inputs\""), after = text.find("\"area_labels\"");
  if (inputs == std::string::npos || after == std::string::npos || after < inputs) std::abort();
  return text.erase(inputs, after - inputs);
}

rubric::engine::score_run score(const std::string& events, const std::string& name, unsigned jobs = 1) {
  std::string path = rubric::fuzz::work_dir() + "/" + name;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << events;
  auto request = rubric::fuzz::request_for(rubric::fuzz::communities[0], path);
  request.jobs = jobs;
  request.split_threshold = 1;  // with two jobs, the file is read in two ranges and merged
  auto run = rubric::engine::run_score(request);
  rubric::fuzz::check_run(run);
  return run;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> rows;
  for (std::size_t i = 0; i + 6 <= size; i += 6) rows.push_back(event_row(data + i));
  const std::string header = "date,unit,kind,resolved,act,level,item,count,hours,person,result\n";
  std::string forward = header, backward = header;
  for (const auto& r : rows) forward += r + "\n";
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) backward += *it + "\n";
  auto first = score(forward, "valid.csv");
  if (!first.result || !first.findings.empty()) std::abort();  // valid events must score cleanly
  std::string expected = json_of(first);
  if (json_of(score(forward, "valid.csv")) != expected) std::abort();             // deterministic
  if (json_of(score(backward, "valid.csv")) != expected) std::abort();            // row order is irrelevant
  if (json_of(score(forward, "valid.csv", 2)) != expected) std::abort();          // ranges merge exactly
  return 0;
}
