// The test runner against its own table of check words: cases generated from the table, so a
// word added later is covered without anyone remembering to.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "engine/rubric_tests.hpp"

namespace {

namespace fs = std::filesystem;
using rubric::engine::check_level;

// A rubric folder with the golden tests' rubric (every feature a check can look at) and one
// test file.
class test_folder {
 public:
  test_folder() {
    static int counter = 0;
    dir_ = fs::temp_directory_path() / fmt::format("rubric-runner-{}-{}", ::getpid(), counter++);
    fs::create_directories(dir_ / "tests");
    fs::copy_file(fs::path(RUBRIC_SOURCE_DIR) / "tests/golden/rubric-test/every_check/2023-09.rubric",
                  dir_ / "2023-09.rubric");
  }
  ~test_folder() { fs::remove_all(dir_); }

  // The same test written in Chinese (kinds and attributes by name, which a Chinese file may use).
  std::pair<std::string, rubric::engine::test_summary> run_zh(const std::string& expect_line) const {
    std::ofstream(dir_ / "tests" / "case.test") << "测试 “generated” 版本 2023-09\n"
                                                   "单元 1-1、1-4\n"
                                                   "人员 p1 unit_head 1-1\n"
                                                   "事件 2023-10-02 1-1 commendation\n"
                                                   "事件 2023-10-05 1-4 flying_wire\n"
                                                   "事件 2023-10-06 1-1 duty_review person=p1 result=fulfilled\n"
                                                << expect_line << "\n";
    std::ostringstream out;
    auto summary = rubric::engine::run_rubric_tests(dir_.string(), out);
    return {out.str(), summary};
  }

  // Runs a test with the given expectation line; returns the runner's output and summary.
  std::pair<std::string, rubric::engine::test_summary> run(const std::string& expect_line) const {
    std::ofstream(dir_ / "tests" / "case.test") << "test \"generated\" under 2023-09\n"
                                                   "units 1-1, 1-4\n"
                                                   "person p1 unit_head 1-1\n"
                                                   "event 2023-10-02 1-1 commendation\n"
                                                   "event 2023-10-05 1-4 flying_wire\n"
                                                   "event 2023-10-06 1-1 duty_review person=p1 result=fulfilled\n"
                                                << expect_line << "\n";
    std::ostringstream out;
    auto summary = rubric::engine::run_rubric_tests(dir_.string(), out);
    return {out.str(), summary};
  }

 private:
  fs::path dir_;
};

// An expectation at `level` for the unit (or person) `subject`.
std::string expect_at(check_level level, const std::string& unit) {
  switch (level) {
    case check_level::period: return "expect 2023-10 " + unit;
    case check_level::awards: return "expect 2023 " + unit;
    case check_level::person: return "expect 2023 person p1";
  }
  return "";
}

// A value of the right form that is wrong for every subject of the test above.
std::string wrong_value(std::string_view hint) {
  if (hint == "N") return "999";
  if (hint == "A=N") return "civility=999";
  if (hint == "\"LABEL\"") return "\"no such exemption\"";
  return "nonsense";  // a name the rubric does not declare
}

const check_level levels[] = {check_level::period, check_level::awards, check_level::person};

// `no_consequence "LABEL"` is wrong only for an action that applies, and the reference rubric
// states none: its failure is pinned by tests/golden/rubric-test/fail_consequences instead.
bool needs_a_consequence(std::string_view word) { return word == "no_consequence"; }

std::string expect_at_zh(check_level level, const std::string& unit) {
  switch (level) {
    case check_level::period: return "期望 2023-10 " + unit;
    case check_level::awards: return "期望 2023 " + unit;
    case check_level::person: return "期望 2023 人员 p1";
  }
  return "";
}

}  // namespace

TEST_CASE("rubric test: every check word at every level where it does not apply is an error", "[rubric-test]") {
  std::map<std::string_view, std::set<check_level>> valid;
  std::map<std::string_view, std::string_view> hint;
  for (const auto& c : rubric::engine::check_words()) {
    valid[c.word].insert(c.level);
    hint[c.word] = c.value;
  }
  test_folder folder;
  std::size_t cases = 0;
  for (const auto& [word, at] : valid) {
    for (auto level : levels) {
      if (at.count(level)) continue;
      std::string line = fmt::format("{} {}", expect_at(level, "1-1"), word);
      if (!hint[word].empty()) line += " " + wrong_value(hint[word]);
      auto [out, summary] = folder.run(line);
      INFO(line << "\n" << out);
      CHECK(summary.errors == 1);
      CHECK(summary.passed + summary.failed == 0);
      CHECK(out.find(fmt::format("ERROR case.test:7:{}: `{}` is not a check of", line.find(word) + 1, word)) !=
            std::string::npos);
      ++cases;
    }
  }
  CHECK(cases >= 30);  // 4 words of the awards on a period, 12 of a period on the awards, 14 on a person
}

TEST_CASE("rubric test: every check word at every level it applies fails with a wrong value", "[rubric-test]") {
  // A flag has no value to get wrong: it is tried on the unit of which it is false (1-4 is
  // vetoed, unranked, without the flag; 1-1 the opposite).
  const std::map<std::string_view, std::string> flag_false_for = {
      {"unranked", "1-1"}, {"red_flag", "1-4"}, {"no_red_flag", "1-1"}, {"vetoed", "1-1"}, {"not_vetoed", "1-4"}};
  test_folder folder;
  for (const auto& c : rubric::engine::check_words()) {
    if (needs_a_consequence(c.word)) continue;
    std::string unit = "1-1";
    if (c.value.empty()) {
      REQUIRE(flag_false_for.count(c.word));  // a new flag needs a unit of which it is false
      unit = flag_false_for.at(c.word);
    }
    std::string line = fmt::format("{} {}", expect_at(c.level, unit), c.word);
    if (!c.value.empty()) line += " " + wrong_value(c.value);
    auto [out, summary] = folder.run(line);
    INFO(line << "\n" << out);
    CHECK(summary.failed == 1);
    CHECK(summary.passed + summary.errors == 0);
    CHECK(out.find("case.test:7: ") != std::string::npos);
  }
}

TEST_CASE("rubric test in Chinese: every check word has one Chinese form, its own at each level", "[rubric-test]") {
  std::map<std::string_view, std::string_view> chinese_of;
  std::set<std::pair<std::string_view, check_level>> seen;
  for (const auto& c : rubric::engine::check_words()) {
    INFO(c.word);
    CHECK(!c.zh_word.empty());
    CHECK(c.zh_word != c.word);
    CHECK(seen.insert({c.zh_word, c.level}).second);  // one meaning per word and level
    auto [it, fresh] = chinese_of.emplace(c.word, c.zh_word);
    CHECK(it->second == c.zh_word);  // the same Chinese at every level
  }
}

TEST_CASE("rubric test in Chinese: every check word where it does not apply is an error in Chinese", "[rubric-test]") {
  std::map<std::string_view, std::set<check_level>> valid;
  std::map<std::string_view, std::string_view> hint;
  for (const auto& c : rubric::engine::check_words()) {
    valid[c.zh_word].insert(c.level);
    hint[c.zh_word] = c.value;
  }
  test_folder folder;
  std::size_t cases = 0;
  for (const auto& [word, at] : valid) {
    for (auto level : levels) {
      if (at.count(level)) continue;
      std::string line = fmt::format("{} {}", expect_at_zh(level, "1-1"), word);
      if (!hint[word].empty()) line += " " + wrong_value(hint[word]);
      auto [out, summary] = folder.run_zh(line);
      INFO(line << "\n" << out);
      CHECK(summary.errors == 1);
      CHECK(summary.passed + summary.failed == 0);
      CHECK(out.find(fmt::format("ERROR case.test:7:{}: `{}` is not a check of", line.find(word) + 1, word)) !=
            std::string::npos);
      // The checks listed are the Chinese ones of that level.
      CHECK(out.find(rubric::engine::check_list(level, true)) != std::string::npos);
      ++cases;
    }
  }
  CHECK(cases >= 30);
}

TEST_CASE("rubric test in Chinese: every check word where it applies fails with a wrong value", "[rubric-test]") {
  const std::map<std::string_view, std::string> flag_false_for = {
      {"unranked", "1-1"}, {"red_flag", "1-4"}, {"no_red_flag", "1-1"}, {"vetoed", "1-1"}, {"not_vetoed", "1-4"}};
  test_folder folder;
  for (const auto& c : rubric::engine::check_words()) {
    if (needs_a_consequence(c.word)) continue;
    std::string unit = "1-1";
    if (c.value.empty()) unit = flag_false_for.at(c.word);
    std::string line = fmt::format("{} {}", expect_at_zh(c.level, unit), c.zh_word);
    if (!c.value.empty()) line += " " + wrong_value(c.value);
    auto [out, summary] = folder.run_zh(line);
    INFO(line << "\n" << out);
    CHECK(summary.failed == 1);
    CHECK(summary.passed + summary.errors == 0);
    CHECK(out.find("case.test:7: ") != std::string::npos);
  }
}

TEST_CASE("rubric test in Chinese: an English check word in a Chinese file names the Chinese one", "[rubric-test]") {
  test_folder folder;
  for (const auto& c : rubric::engine::check_words()) {
    std::string line = fmt::format("{} {}", expect_at_zh(c.level, "1-1"), c.word);
    if (!c.value.empty()) line += " " + wrong_value(c.value);
    auto [out, summary] = folder.run_zh(line);
    INFO(line << "\n" << out);
    CHECK(summary.errors == 1);
    CHECK(out.find(fmt::format("`{}` is English, but this file is written in Chinese: write `{}`", c.word, c.zh_word)) !=
          std::string::npos);
  }
}
