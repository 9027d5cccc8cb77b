// Reading input so that no row is silently lost or miscounted: the order of files, duplicate
// keys, identical files, file-level problems, caps on findings, files that are not regular.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <regex>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "engine/digest.hpp"
#include "engine/report/report.hpp"
#include "fixture.hpp"

using namespace rubric;
using test::community;

namespace {

const std::string lanting = std::string(RUBRIC_SOURCE_DIR) + "/examples/lanting";

// The homeowners' rubric, with the inspectors' discretionary deduction counted at most once per
// month: which of two inspections on the same day counts decides the score.
std::string once_a_month_rubric(const community& c) {
  std::ifstream in(std::string(RUBRIC_SOURCE_DIR) + "/rubrics/lanting-hoa/2024-01.rubric");
  std::stringstream text;
  text << in.rdbuf();
  std::string rubric = text.str();
  const std::string rule = "  each inspection: recorded points from -5 to -2\n";
  auto at = rubric.find(rule);
  REQUIRE(at != std::string::npos);
  rubric.insert(at + rule.size(), "  counted at most once per month\n");
  std::filesystem::create_directories(c.dir() / "rubric");
  return c.write("rubric/2024-01.rubric", rubric), (c.dir() / "rubric").string();
}

engine::score_request lanting_request(const std::string& rubric, const std::vector<std::string>& events) {
  engine::score_request r;
  r.rubric = rubric;
  r.units = lanting + "/units.csv";
  r.people = lanting + "/people.csv";
  r.events = events;
  r.period_text = "2024-03";
  return r;
}

std::string json_of(const engine::score_request& request) {
  auto run = engine::run_score(request);
  REQUIRE(run.result);
  std::ostringstream out;
  engine::render_json(run, out);
  // Without the "inputs" list (the files differ by construction) and the counts of rows read.
  std::string json = out.str();
  auto inputs = json.find("\n  \"inputs\": [");
  json.erase(inputs, json.find("\n  ],", inputs) + 5 - inputs);
  return json.substr(0, json.find("\"counts\""));
}

// The explanation of a unit's period, without the file name and line of each row (which do
// depend on how the rows were split into files).
std::string explained(engine::score_request request, const std::string& unit) {
  engine::explanation listener;
  request.trace = &listener;
  request.trace_unit = unit;
  auto run = engine::run_score(request);
  REQUIRE(run.result);
  static const std::regex place(R"(\n( +)\S+:\d+: )");
  return std::regex_replace(listener.render(run), place, "\n$1");
}

}  // namespace

TEST_CASE("the order of event files, and their names, change nothing (ordered rules take a total order)",
          "[property][input]") {
  community c;
  const std::string rubric = once_a_month_rubric(c);
  const std::string header = "date,unit,kind,points,cleared\n";
  // Same unit, same day: one inspection of -2 and one of -5 (only one counts this month), and
  // three parkings of which the escalation makes the first a warning.
  std::vector<std::string> rows = {
      "2024-03-05,a-101,inspection,-2,",  "2024-03-05,a-101,inspection,-5,", "2024-03-07,a-101,parking,,",
      "2024-03-07,a-101,parking,,",       "2024-03-07,b-201,inspection,-4,", "2024-03-07,b-201,inspection,-3,",
      "2024-03-09,b-201,parking,,",       "2024-03-10,a-102,fire_exit,,2024-03-12",
      "2024-03-10,a-102,fire_exit,,2024-03-15",
  };
  std::mt19937 rng(20240305);
  std::set<std::string> results, explanations;
  for (int round = 0; round < 12; ++round) {
    std::shuffle(rows.begin(), rows.end(), rng);
    // Split at a random point into two or three files, given in a random order, with names that
    // sort either way.
    std::size_t cut1 = rng() % (rows.size() + 1), cut2 = rng() % (rows.size() + 1);
    if (cut1 > cut2) std::swap(cut1, cut2);
    std::vector<std::vector<std::string>> parts = {{rows.begin(), rows.begin() + static_cast<long>(cut1)},
                                                   {rows.begin() + static_cast<long>(cut1), rows.begin() + static_cast<long>(cut2)},
                                                   {rows.begin() + static_cast<long>(cut2), rows.end()}};
    std::vector<std::string> files;
    for (std::size_t p = 0; p < parts.size(); ++p) {
      std::string text = header;
      for (const auto& row : parts[p]) text += row + "\n";
      std::string name = "r" + std::to_string(round) + "-" + std::string(1, static_cast<char>('z' - rng() % 26)) +
                         std::to_string(p) + ".csv";
      files.push_back(c.write(name, text));
    }
    std::shuffle(files.begin(), files.end(), rng);
    auto request = lanting_request(rubric, files);
    results.insert(json_of(request));
    explanations.insert(explained(request, "a-101") + explained(request, "b-201") + explained(request, "a-102"));
  }
  CHECK(results.size() == 1);
  CHECK(explanations.size() == 1);
  // The order is by content: of -2 and -5 on one day, -5 comes first and is the one counted.
  std::string text = header;
  for (const auto& row : rows) text += row + "\n";
  auto run = engine::run_score(lanting_request(rubric, {c.write("all.csv", text)}));
  REQUIRE(run.result);
  CHECK(run.result->periods.at(0).units.at(0).score.to_string() == "92");  // a-101: 100 - 5 - 5 + 2
}

TEST_CASE("a JSON Lines object that gives a key twice is rejected, naming the key and where", "[input]") {
  community c;
  engine::score_request r;
  r.rubric = std::string(RUBRIC_SOURCE_DIR) + "/rubrics/nanguo-xinjiayuan";
  r.units = (c.dir() / "units.csv").string();
  r.people = (c.dir() / "people.csv").string();
  r.events = {c.write("events.jsonl",
                      "{\"date\": \"2023-10-03\", \"unit\": \"1-1\", \"kind\": \"commendation\"}\n"
                      "{\"date\": \"2023-10-04\", \"unit\": \"1-2\", \"kind\": \"commendation\", \"kind\": \"flying_wire\"}\n")};
  r.period_text = "2023-10";
  auto run = engine::run_score(r);
  CHECK_FALSE(run.result);
  REQUIRE(run.findings.size() == 1);
  CHECK(run.findings[0].code == engine::finding_code::duplicate_key);
  CHECK(run.findings[0].line == 2);
  CHECK(run.findings[0].column == 63);
  CHECK(run.findings[0].message.find("`kind`") != std::string::npos);
}

TEST_CASE("the same events file twice, or two files with the same content, is refused", "[input]") {
  community c;
  std::vector<std::string> rows = {"2023-10-01,1-1,commendation,,,,,,,,"};
  std::string text = test::events_header + rows[0] + "\n";
  engine::score_request r;
  r.rubric = std::string(RUBRIC_SOURCE_DIR) + "/rubrics/nanguo-xinjiayuan";
  r.units = (c.dir() / "units.csv").string();
  r.people = (c.dir() / "people.csv").string();
  r.period_text = "2023-10";
  const std::string a = c.write("a.csv", text), b = c.write("b.csv", text);
  const std::string other = c.write("other.csv", test::events_header + "2023-10-02,1-1,commendation,,,,,,,,\n");
  for (const auto& events : {std::vector<std::string>{a, a}, std::vector<std::string>{a, other, b},
                             std::vector<std::string>{a, (c.dir() / "." / "a.csv").string()}}) {
    r.events = events;
    auto run = engine::run_score(r);
    CHECK_FALSE(run.result);
    REQUIRE(run.findings.size() == 1);
    CHECK(run.findings[0].code == engine::finding_code::identical_files);
    CHECK(engine::is_usage_problem(run.findings[0].code));
    CHECK(run.findings[0].message.find(events.front()) != std::string::npos);
    CHECK(run.findings[0].message.find(events.back()) != std::string::npos);
  }
  r.events = {a, other};  // same size, other content: both count
  auto run = engine::run_score(r);
  REQUIRE(run.result);
  CHECK(run.counts.scored == 2);
}

TEST_CASE("of each file the first 100 findings are kept, the rest counted; --rejects gets every row", "[input]") {
  community c;
  std::string text = test::events_header;
  for (int i = 0; i < 250; ++i) text += "2023-10-04,9-9,commendation,,,,,,,,\n";
  text += "2023-10-05,1-1,commendation,,,,,,,,\n";
  for (int i = 0; i < 20; ++i) text += "2023-10-04,9-8,commendation,,,,,,,,\n";
  engine::score_request r;
  r.rubric = std::string(RUBRIC_SOURCE_DIR) + "/rubrics/nanguo-xinjiayuan";
  r.units = (c.dir() / "units.csv").string();
  r.people = (c.dir() / "people.csv").string();
  r.period_text = "2023-10";
  r.keep_going = true;
  r.events = {c.write("bad.csv", text), c.write("few.csv", test::events_header + "2023-10-04,9-7,commendation,,,,,,,,\n")};
  std::string expected_rejects;
  for (unsigned jobs : {1u, 3u}) {
    INFO("jobs " << jobs);
    std::ostringstream rejects;
    engine::rejects_output out(&rejects);
    r.rejects = &out;
    r.jobs = jobs;
    r.split_threshold = 0;
    auto run = engine::run_score(r);
    REQUIRE(run.result);
    CHECK(run.counts.rejected == 271);
    CHECK(run.findings.size() == 101);
    CHECK(run.findings[99].line == 101);  // the first 100 of the file, in line order
    CHECK(run.findings[100].file == r.events[1]);
    CHECK(run.unshown[r.events[0]].errors == 170);
    std::string rendered = engine::render_findings(run.findings, engine::kept_findings_per_file, run.unshown);
    CHECK(rendered.find("... and 170 more in " + r.events[0] + " not shown\n") != std::string::npos);
    CHECK(rendered.find("271 errors, 0 warnings in the data") != std::string::npos);
    // Every row, in file and line order, however many threads read the file.
    const std::string written = rejects.str();
    CHECK(std::count(written.begin(), written.end(), '\n') == 271);
    if (jobs == 1) expected_rejects = written;
    else CHECK(written == expected_rejects);
    CHECK(written.find(r.events[0] + ",272,12,E1005") != std::string::npos);
  }
}

TEST_CASE("the inputs' SHA-256 is computed only for an output that shows it, the same when it is", "[input][digest]") {
  engine::score_request request = lanting_request(std::string(RUBRIC_SOURCE_DIR) + "/rubrics/lanting-hoa",
                                                  {lanting + "/events.csv"});
  auto hashed = engine::run_score(request);
  REQUIRE(hashed.result);
  REQUIRE(hashed.inputs.size() == 3);
  for (const auto& input : hashed.inputs) {
    INFO(input.path);
    std::ifstream in(input.path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    CHECK(input.sha256 == engine::sha256_hex(bytes.str()));
  }
  request.input_digests = false;  // `score --format csv`, `explain`, `publish` without an archive
  auto unhashed = engine::run_score(request);
  REQUIRE(unhashed.result);
  REQUIRE(unhashed.inputs.size() == 3);
  for (std::size_t i = 0; i < unhashed.inputs.size(); ++i) {
    CHECK(unhashed.inputs[i].sha256.empty());
    CHECK(unhashed.inputs[i].rows == hashed.inputs[i].rows);
    CHECK(unhashed.inputs[i].path == hashed.inputs[i].path);
  }
}

TEST_CASE("the JSON report rendered with threads, periods side by side, is byte-identical", "[output][jobs]") {
  engine::score_request request = lanting_request(std::string(RUBRIC_SOURCE_DIR) + "/rubrics/lanting-hoa",
                                                  {lanting + "/events.csv"});
  request.period_text.clear();
  request.year = 2024;
  request.empty_periods = engine::score_request::empty_period::unranked;
  auto run = engine::run_score(request);
  REQUIRE(run.result);
  REQUIRE(run.result->periods.size() >= 3);
  std::ostringstream one;
  engine::render_json(run, one);
  for (unsigned jobs : {2u, 3u, 5u}) {
    INFO("jobs " << jobs);
    std::ostringstream many;
    engine::render_json(run, many, jobs);
    CHECK(many.str() == one.str());
  }
}
