// Invariants of scoring, checked on a generated community of 36 units over two years.
#include <unistd.h>

#include <algorithm>
#include <random>
#include <regex>
#include <sstream>

#include <catch2/catch.hpp>

#include "engine/report/report.hpp"
#include "fixture.hpp"

using namespace rubric;

namespace {

const std::string data = std::string(RUBRIC_SOURCE_DIR) + "/tests/data/generated-36";

std::vector<std::string> event_rows() {
  std::ifstream in(data + "/events.csv");
  std::string line;
  std::getline(in, line);  // header
  std::vector<std::string> rows;
  while (std::getline(in, line)) rows.push_back(line);
  return rows;
}

engine::score_request request_for(const std::vector<std::string>& files, int year) {
  engine::score_request r;
  r.rubric = std::string(RUBRIC_SOURCE_DIR) + "/rubrics/nanguo-xinjiayuan";
  r.units = data + "/units.csv";
  r.people = data + "/people.csv";
  r.events = files;
  r.year = year;
  return r;
}

std::string full_json_of(const engine::score_request& request) {
  auto run = engine::run_score(request);
  REQUIRE(run.result);
  std::ostringstream out;
  engine::render_json(run, out);
  return out.str();
}

// Without the "inputs" list: the files' names and hashes differ by construction, the results must not.
std::string json_of(const engine::score_request& request) {
  static const std::regex inputs(R"(\n  "inputs": \[[^\]]*\],)");
  return std::regex_replace(full_json_of(request), inputs, "");
}

// The result without the counts of rows read: the closing counts and each period's events recorded.
std::string results_of(const std::string& json) {
  static const std::regex events_recorded(R"(, "events_recorded": \d+)");
  return std::regex_replace(json.substr(0, json.find("\"counts\"")), events_recorded, "");
}

std::string write_rows(const test::community& c, const std::string& name, const std::vector<std::string>& rows) {
  std::string text = test::events_header;
  for (const auto& r : rows) text += r + "\n";
  return c.write(name, text);
}

}  // namespace

TEST_CASE("the same inputs give byte-identical output", "[property]") {
  auto request = request_for({data + "/events.csv"}, 2023);
  CHECK(full_json_of(request) == full_json_of(request));
}

TEST_CASE("shuffling the events changes nothing", "[property]") {
  test::community c;
  auto rows = event_rows();
  std::string expected = json_of(request_for({write_rows(c, "a.csv", rows)}, 2023));
  std::mt19937 rng(42);
  for (int round = 0; round < 3; ++round) {
    std::shuffle(rows.begin(), rows.end(), rng);
    CHECK(json_of(request_for({write_rows(c, "shuffled.csv", rows)}, 2023)) == expected);
  }
}

TEST_CASE("splitting the events over two files, or over threads, changes nothing", "[property]") {
  test::community c;
  auto rows = event_rows();
  std::string expected = json_of(request_for({data + "/events.csv"}, 2024));
  std::vector<std::string> first(rows.begin(), rows.begin() + static_cast<long>(rows.size() / 3));
  std::vector<std::string> second(rows.begin() + static_cast<long>(rows.size() / 3), rows.end());
  CHECK(json_of(request_for({write_rows(c, "one.csv", first), write_rows(c, "two.csv", second)}, 2024)) == expected);
  for (unsigned jobs : {2u, 3u, 7u}) {
    auto request = request_for({data + "/events.csv"}, 2024);
    request.jobs = jobs;
    request.split_threshold = 0;
    CHECK(json_of(request) == expected);
  }
}

TEST_CASE("removing an exempt event changes nothing", "[property]") {
  test::community c;
  auto rows = event_rows();
  std::string expected = results_of(json_of(request_for({write_rows(c, "all.csv", rows)}, 2024)));
  std::vector<std::string> kept;
  std::size_t removed = 0;
  for (const auto& r : rows) {
    bool exempt = r.find(",clutter,") != std::string::npos &&
                  (r.find(",wheelchair,") != std::string::npos || r.find(",stroller,") != std::string::npos);
    if (exempt) ++removed;
    else kept.push_back(r);
  }
  REQUIRE(removed > 0);
  CHECK(results_of(json_of(request_for({write_rows(c, "kept.csv", kept)}, 2024))) == expected);
}

TEST_CASE("a cap bounds its rule's total in every unit-month", "[property]") {
  auto run = engine::run_score(request_for({data + "/events.csv"}, 2023));
  REQUIRE(run.result);
  for (const auto& m : run.result->periods) {
    const auto& v = run.compiled.versions[m.version];
    auto area = [&](const char* id) {
      return static_cast<std::size_t>(std::find_if(v.areas.begin(), v.areas.end(), [&](const auto& a) { return a.id == id; }) -
                                      v.areas.begin());
    };
    for (std::uint32_t u = 0; u < m.units.size(); ++u) {
      CHECK(m.area_total(u, area("disputes")) >= *decimal::parse("-15"));
      CHECK(m.area_total(u, area("volunteering")) <= *decimal::parse("10"));
      CHECK(m.area_total(u, area("family")) >= decimal{});
    }
  }
}

TEST_CASE("JSON Lines and CSV with the same events give the same result", "[property]") {
  test::community c;
  auto rows = event_rows();
  std::string jsonl;
  const char* names[] = {"date", "unit", "kind", "resolved", "act", "level", "item", "count", "hours", "person", "result"};
  for (const auto& r : rows) {
    std::vector<std::string> cells;
    std::stringstream ss(r);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    while (cells.size() < 11) cells.emplace_back();
    std::string obj = "{";
    for (std::size_t i = 0; i < 11; ++i) {
      if (cells[i].empty()) continue;
      bool number = i == 7 || i == 8;
      bool boolean = i == 3;
      obj += (obj.size() > 1 ? ", " : "") + std::string("\"") + names[i] + "\": " +
             (number || boolean ? cells[i] : "\"" + cells[i] + "\"");
    }
    jsonl += obj + "}\n";
  }
  std::string path = c.write("events.jsonl", jsonl);
  CHECK(json_of(request_for({path}, 2023)) == json_of(request_for({data + "/events.csv"}, 2023)));
}

TEST_CASE("a result names the exact text of its version: the hash follows every byte", "[property]") {
  // The content hash is SHA-256 of the version file's bytes (docs/output.md), so anyone can
  // check it with sha256sum; a changed rule changes it, and so does a changed comment.
  test::community c;
  std::string text;
  {
    // The English copy of the reference version, whose text the edits below name.
    std::ifstream in(std::string(RUBRIC_SOURCE_DIR) + "/rubrics/nanguo-xinjiayuan/en/2023-09.rubric");
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  auto hash_of = [&](const std::string& version_text) {
    std::filesystem::create_directories(c.dir() / "r");
    c.write("r/2023-09.rubric", version_text);
    auto folder = lang::load_rubric((c.dir() / "r").string());
    REQUIRE(folder.ok());
    return engine::compile_plan(folder).versions.front().sha256;
  };
  std::string original = hash_of(text);
  CHECK(original == "d8e4edbcc9539c8bc538e7eea1446476b1ba957e49e0537a48d1b88fe7e2b97d");
  std::string changed_rule = text;
  changed_rule.replace(changed_rule.find("each commendation: +3"), 21, "each commendation: +4");
  CHECK(hash_of(changed_rule) != original);
  CHECK(hash_of("# a new comment\n" + text) != original);
  CHECK(hash_of(text) == original);
}

TEST_CASE("the other councils' rubrics: shuffled events, split files and threads change nothing", "[property]") {
  // Ordered rules (escalation, daily amounts, caps at several cadences) and lasting vetoes are
  // kept aside and sorted; groups, filters and award windows are computed at the end.
  struct example {
    const char* rubric;
    const char* data;
  };
  for (const example& e : {example{"lanting-hoa", "lanting"}, example{"qingyuan-dorm", "qingyuan"},
                           example{"heping-village", "heping"}}) {
    INFO(e.rubric);
    const std::string dir = std::string(RUBRIC_SOURCE_DIR) + "/examples/" + e.data;
    auto request = [&](const std::vector<std::string>& files) {
      engine::score_request r;
      r.rubric = std::string(RUBRIC_SOURCE_DIR) + "/rubrics/" + e.rubric;
      r.units = dir + "/units.csv";
      r.people = dir + "/people.csv";
      r.events = files;
      r.year = 2024;
      return r;
    };
    std::ifstream in(dir + "/events.csv");
    std::string header, line;
    std::getline(in, header);
    std::vector<std::string> rows;
    while (std::getline(in, line)) rows.push_back(line);
    const std::string expected = results_of(json_of(request({dir + "/events.csv"})));
    test::community c;
    auto write = [&](const std::string& name, const std::vector<std::string>& part) {
      std::string text = header + "\n";
      for (const auto& r : part) text += r + "\n";
      return c.write(name, text);
    };
    std::mt19937 rng(7);
    std::shuffle(rows.begin(), rows.end(), rng);
    CHECK(results_of(json_of(request({write("shuffled.csv", rows)}))) == expected);
    std::vector<std::string> first(rows.begin(), rows.begin() + static_cast<long>(rows.size() / 2));
    std::vector<std::string> second(rows.begin() + static_cast<long>(rows.size() / 2), rows.end());
    CHECK(results_of(json_of(request({write("one.csv", first), write("two.csv", second)}))) == expected);
    auto threaded = request({write("all.csv", rows)});
    threaded.jobs = 3;
    threaded.split_threshold = 0;
    CHECK(results_of(json_of(threaded)) == expected);
  }
}

TEST_CASE("parallel reading of quoted cells: split and unsplit give byte-identical output", "[property][parallel][jobs]") {
  // Rows of the community with every cell quoted, rows whose quoted cells hold commas and line
  // breaks (rejected: no item is called that), and a misplaced quote, which a reader of the
  // whole file takes as a malformed row but which turns the quote parity a part's start is
  // found by: the ranges after it must be read again as one reader reads them.
  test::community c;
  auto rows = event_rows();
  std::string text = test::events_header;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::string row = rows[i];
    if (i % 7 == 0) {
      std::string quoted = "\"";
      for (char ch : row) quoted += ch == ',' ? std::string("\",\"") : std::string(1, ch);
      row = quoted + "\"";
    }
    text += row + "\n";
    if (i % 11 == 5) text += "2024-03-05,1-1,clutter,,,,\"boxes, bags,\nand \"\"more\"\"\n\n\",1,,,\n";
    if (i == rows.size() / 3) text += "2024-03-06,1-2,clut\"ter,,,,boxes,1,,,\n";
  }
  std::string path = c.write("quoted.csv", text);
  auto run_with = [&](unsigned jobs, std::string& rejects_text) {
    auto request = request_for({path}, 2024);
    request.keep_going = true;
    request.jobs = jobs;
    request.split_threshold = 0;
    std::ostringstream rejects;
    engine::rejects_output out(&rejects);
    request.rejects = &out;
    auto run = engine::run_score(request);
    REQUIRE(run.result);
    std::ostringstream json;
    engine::render_json(run, json);
    rejects_text = rejects.str();
    return json.str() + engine::render_findings(run.findings, engine::kept_findings_per_file, run.unshown);
  };
  std::string expected_rejects;
  const std::string expected = run_with(1, expected_rejects);
  REQUIRE(expected_rejects.find("boxes, bags") != std::string::npos);
  REQUIRE(expected_rejects.find("clut") != std::string::npos);
  for (unsigned jobs = 2; jobs <= 16; ++jobs) {
    INFO("jobs " << jobs);
    std::string rejects;
    CHECK(run_with(jobs, rejects) == expected);
    CHECK(rejects == expected_rejects);
  }
}
