// Scoring of arbitrary valid event sets: the bytes choose events from the reference schema;
// scoring must succeed, score every unit, and give the same result twice and in reverse order.
#include <sstream>
#include <vector>

#include "engine/report/report.hpp"
#include "fuzz_common.hpp"

namespace {

const char* kinds[] = {"dispute", "commendation", "uncivil", "admission", "clutter", "volunteer", "flying_wire", "duty_review"};
const char* acts[] = {"throwing_from_height", "littering", "noise", "other"};
const char* levels[] = {"key_university", "university", "junior_college"};
const char* items[] = {"wheelchair", "stroller", "bicycle", "furniture", "boxes", "other"};
const char* units[] = {"1-1", "1-2", "2-1"};

std::string event_row(const std::uint8_t* b) {
  std::string kind = kinds[b[0] % 8];
  std::string row = "2023-" + std::string(b[1] % 9 + 4 < 10 ? "0" : "") + std::to_string(b[1] % 9 + 4) + "-" +
                    std::to_string(10 + b[2] % 18) + "," + units[b[3] % 3] + "," + kind + ",";
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
    cells[6] = b[4] % 2 ? "p1" : "p2";
    cells[7] = b[5] % 7 == 0 ? "not_fulfilled" : "fulfilled";
  }
  for (int i = 0; i < 8; ++i) row += (i ? "," : "") + cells[i];
  return row;
}

std::string json_of(const rubric::engine::score_run& run) {
  std::ostringstream out;
  rubric::engine::render_json(run, out);
  std::string text = out.str();
  return text.substr(0, text.find("\"counts\""));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> rows;
  for (std::size_t i = 0; i + 6 <= size; i += 6) rows.push_back(event_row(data + i));
  const std::string header = "date,unit,kind,resolved,act,level,item,count,hours,person,result\n";
  std::string forward = header, backward = header;
  for (const auto& r : rows) forward += r + "\n";
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) backward += *it + "\n";
  auto first = rubric::fuzz::score_bytes(forward, "valid.csv");
  if (!first.result || !first.findings.empty()) std::abort();  // valid events must score cleanly
  auto again = rubric::fuzz::score_bytes(forward, "valid.csv");
  auto reversed = rubric::fuzz::score_bytes(backward, "valid-reversed.csv");
  std::string expected = json_of(first);
  if (json_of(again) != expected || json_of(reversed) != expected) std::abort();  // deterministic
  return 0;
}
