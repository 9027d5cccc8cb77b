// A deduction is an event whose amounts before caps, summed over every rule that touches it in a
// period, are negative: counted once per event per period, whatever rules or days it touches. An
// aggregate rule (total, average, distinct, no-event) is the period's contribution, not an
// event's: a negative result counts as one deduction of its own.
#include <catch2/catch.hpp>

#include "fixture.hpp"

using namespace rubric;
using test::community;

namespace {

const std::string header = "date,unit,kind,state,students,points,cleared,result,which\n";

// Every rule form, each on its own event kind unless a test is about two rules on one event.
const std::string rubric_text = R"(rubric "deductions" version "1" effective 2024-01-01

scores each unit per month, starting at 100

role unit_head "unit head"

event uncivil "uncivil"
event chore "chore"
  state: one of done, badly_done, not_done
event late "late"
  students: integer at least 1, default 1
event inspection "inspection"
  points: decimal at least -10 at most 10
event fire_exit "fire exit"
  cleared: date, optional
event check "check"
  result: decimal at least -10 at most 10
event criterion "criterion"
  which: one of a, b, c
event drill "drill"
event parking "parking"
event noise "noise"

area all "all"

rule uncivil_fixed "fixed" in all
  each uncivil: -10

rule uncivil_repeat "escalating" in all
  each uncivil: escalating -5, -10 within 12 months

rule chore_tiers "tiers" in all
  each chore: -10 if state is not_done, -5 if state is badly_done, otherwise 0

rule chore_extra "tiers again" in all
  each chore: -1 if state is not_done, otherwise 0

rule late_students "per attribute" in all
  each late: -5 per students

rule late_fixed "fixed on late" in all
  each late: -1

rule inspection_recorded "recorded" in all
  each inspection: recorded points from -5 to 5

rule inspection_fixed "fixed on inspection" in all
  each inspection: -1

rule fire_exit_daily "daily" in all
  each fire_exit: -2 per day until cleared

rule fire_exit_fixed "fixed on fire exit" in all
  each fire_exit: -3

rule check_average "average" in all
  average result of check: times 1

rule criterion_distinct "distinct" in all
  distinct which of criterion: -1

rule no_drill "no event" in all
  no drill: -5

rule parking_once "count limit" in all
  each parking: -4
  counted at most once per month

rule noise_warning "warning" in all
  each noise: escalating warning, -3 within 12 months

ranking per month
  order by score, higher first
    then by deductions, fewer first
  ties share a rank
  award red_flag "red flag" to ranks 1 to 3
)";

struct fixture {
  community c{{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}};
  std::string rubric = c.write("deductions.rubric", rubric_text);

  // Every unit joins a drill in every month asked about, so that `no drill` deducts only where a test wants it.
  engine::score_run score(std::vector<std::string> rows, const std::string& period, bool drills = true) const {
    if (drills) {
      for (const char* unit : {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}) {
        rows.push_back(period + "-01," + unit + ",drill,,,,,,");
      }
    }
    return c.score_files({rows}, period, rubric, 1, header);
  }
  std::uint32_t deductions(const engine::score_run& run, const std::string& unit) const {
    REQUIRE(run.result);
    return run.result->periods.at(0).units.at(c.unit(unit)).deductions;
  }
  std::string score(const engine::score_run& run, const std::string& unit) const {
    REQUIRE(run.result);
    return run.result->periods.at(0).units.at(c.unit(unit)).score.to_string();
  }
};

}  // namespace

TEST_CASE("deductions: a plain and an escalating rule on one event make one deduction", "[engine][deductions]") {
  fixture f;
  auto run = f.score({"2024-01-05,a,uncivil,,,,,,", "2024-01-20,b,uncivil,,,,,,", "2024-01-21,b,uncivil,,,,,,"},
                     "2024-01");
  CHECK(f.score(run, "a") == "85");  // -10 and the first step -5
  CHECK(f.deductions(run, "a") == 1);
  CHECK(f.score(run, "b") == "65");  // -10 -5, then -10 -10
  CHECK(f.deductions(run, "b") == 2);
}

TEST_CASE("deductions: a warning is none, unless another rule deducts for the event", "[engine][deductions]") {
  fixture f;
  auto run = f.score({"2024-01-05,a,noise,,,,,,", "2024-01-06,b,noise,,,,,,", "2024-01-07,b,noise,,,,,,"}, "2024-01");
  CHECK(f.deductions(run, "a") == 0);
  CHECK(f.deductions(run, "b") == 1);  // a warning, then -3
}

TEST_CASE("deductions: alternative amounts (tiers) from two rules count once; a zero tier is none",
          "[engine][deductions]") {
  fixture f;
  auto run = f.score({"2024-01-05,a,chore,not_done,,,,,", "2024-01-05,b,chore,badly_done,,,,,",
                      "2024-01-05,c,chore,done,,,,,"},
                     "2024-01");
  CHECK(f.score(run, "a") == "89");
  CHECK(f.deductions(run, "a") == 1);
  CHECK(f.deductions(run, "b") == 1);
  CHECK(f.deductions(run, "c") == 0);
}

TEST_CASE("deductions: an amount times an attribute, with another rule on the event, counts once",
          "[engine][deductions]") {
  fixture f;
  auto run = f.score({"2024-01-05,a,late,,3,,,,", "2024-01-06,a,late,,1,,,,"}, "2024-01");
  CHECK(f.score(run, "a") == "78");  // -15 -1, -5 -1
  CHECK(f.deductions(run, "a") == 2);
}

TEST_CASE("deductions: recorded amounts are summed with the event's other amounts", "[engine][deductions]") {
  fixture f;
  auto run = f.score({"2024-01-05,a,inspection,,,-3,,,", "2024-01-05,b,inspection,,,3,,,",
                      "2024-01-05,c,inspection,,,1,,,"},
                     "2024-01");
  CHECK(f.deductions(run, "a") == 1);  // -3 -1
  CHECK(f.score(run, "b") == "102");
  CHECK(f.deductions(run, "b") == 0);  // +3 -1: the event adds points
  CHECK(f.deductions(run, "c") == 0);  // +1 -1: nothing
}

TEST_CASE("deductions: a continuing violation is one deduction in each period it reaches", "[engine][deductions]") {
  fixture f;
  // From 30 January, cleared on 3 February: -2 on the 30th, 31st, 1st and 2nd.
  std::vector<std::string> rows = {"2024-01-30,a,fire_exit,,,,2024-02-03,,"};
  auto january = f.score(rows, "2024-01");
  CHECK(f.score(january, "a") == "93");  // -3, then -2 -2
  CHECK(f.deductions(january, "a") == 1);
  auto february = f.score(rows, "2024-02");
  CHECK(f.score(february, "a") == "96");
  CHECK(f.deductions(february, "a") == 1);
}

TEST_CASE("deductions: an aggregate whose result is negative counts once; a positive one is none",
          "[engine][deductions]") {
  fixture f;
  auto run = f.score({"2024-01-05,a,check,,,,,-4,", "2024-01-06,a,check,,,,,-2,", "2024-01-05,b,check,,,,,4,",
                      "2024-01-05,c,criterion,,,,,,a", "2024-01-06,c,criterion,,,,,,b", "2024-01-07,c,criterion,,,,,,b"},
                     "2024-01");
  CHECK(f.score(run, "a") == "97");  // the average -3
  CHECK(f.deductions(run, "a") == 1);
  CHECK(f.deductions(run, "b") == 0);
  CHECK(f.score(run, "c") == "98");  // two different values, -1 each
  CHECK(f.deductions(run, "c") == 1);
}

TEST_CASE("deductions: a period without the event a `no` rule asks for is one deduction", "[engine][deductions]") {
  fixture f;
  auto run = f.score({"2024-01-05,a,drill,,,,,,", "2024-01-05,b,chore,done,,,,,"}, "2024-01", false);
  CHECK(f.deductions(run, "a") == 0);
  CHECK(f.score(run, "b") == "95");
  CHECK(f.deductions(run, "b") == 1);
}

TEST_CASE("deductions: an event beyond a count limit counts nothing and is no deduction", "[engine][deductions]") {
  fixture f;
  auto run = f.score({"2024-01-05,a,parking,,,,,,", "2024-01-06,a,parking,,,,,,"}, "2024-01");
  CHECK(f.score(run, "a") == "96");
  CHECK(f.deductions(run, "a") == 1);
}
