#include <unistd.h>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "fixture.hpp"

using namespace rubric;
using test::community;

namespace {

const engine::unit_period& month_of(const engine::score_run& run, const community& c, const std::string& unit,
                                   std::size_t month_index = 0) {
  REQUIRE(run.result);
  return run.result->periods.at(month_index).units.at(c.unit(unit));
}

std::string score_of(const engine::score_run& run, const community& c, const std::string& unit, std::size_t m = 0) {
  return month_of(run, c, unit, m).score.to_string();
}

}  // namespace

TEST_CASE("a month with no event for any unit is refused, naming the month and the files read", "[engine]") {
  community c;
  auto run = c.score(std::vector<std::string>{}, "2023-10");
  CHECK(run.outcome == engine::score_run::status::data_errors);
  CHECK_FALSE(run.result);
  REQUIRE(run.findings.size() == 1);
  CHECK(run.findings[0].code == engine::finding_code::empty_period);
  CHECK_THAT(run.findings[0].message, Catch::Contains("2023-10") && Catch::Contains("events0.csv"));
}

TEST_CASE("a month with no event for any unit, allowed: base scores, no rank, no flag", "[engine]") {
  community c;
  c.empty_periods = engine::score_request::empty_period::unranked;
  auto run = c.score(std::vector<std::string>{}, "2023-10");
  REQUIRE(run.outcome == engine::score_run::status::ok);
  CHECK(run.result->periods[0].events_recorded == 0);
  for (const auto& um : run.result->periods[0].units) {
    CHECK(um.score.to_string() == "100");
    CHECK_FALSE(um.has_rank());
    CHECK(um.distinctions == 0);
  }
}

TEST_CASE("a year: each empty month is named; allowed, empty months count in no awards window", "[engine]") {
  community c;
  std::vector<std::string> rows = {"2023-05-02,1-1,commendation,,,,,,,,", "2023-07-02,1-2,commendation,,,,,,,,"};
  auto refused = c.score(rows, "2023");
  REQUIRE(refused.findings.size() == 1);
  CHECK_THAT(refused.findings[0].message, Catch::Contains("7 months: 2023-04, 2023-06, 2023-08, 2023-09, 2023-10, "
                                                          "2023-11, 2023-12"));
  c.empty_periods = engine::score_request::empty_period::unranked;
  auto allowed = c.score(rows, "2023");
  REQUIRE(allowed.result);
  CHECK(allowed.result->periods.size() == 9);
  CHECK(allowed.result->year()->periods == std::vector<int>{2023 * 12 + 4, 2023 * 12 + 6});
  // May and July only: everyone ranks within the first three both months.
  CHECK(allowed.result->year()->units[c.unit("1-1")].distinction_counts[0] == 2);
  CHECK(allowed.result->year()->units[c.unit("1-1")].total_score.to_string() == "203");
}

TEST_CASE("alternative amounts: -2 if resolved, otherwise -5", "[engine]") {
  community c;
  auto run = c.score({"2023-10-01,1-1,dispute,true,,,,,,,", "2023-10-02,1-2,dispute,false,,,,,,,",
                      "2023-10-03,1-3,dispute,,,,,,,,"},
                     "2023-10");
  CHECK(score_of(run, c, "1-1") == "98");
  CHECK(score_of(run, c, "1-2") == "95");
  CHECK(score_of(run, c, "1-3") == "95");  // resolved defaults to false
  CHECK(month_of(run, c, "1-1").deductions == 1);
}

TEST_CASE("caps bound a rule's total, and deductions count before the cap", "[engine]") {
  community c;
  std::vector<std::string> rows;
  for (int i = 1; i <= 4; ++i) rows.push_back("2023-10-0" + std::to_string(i) + ",1-1,clutter,,,,boxes,2,,,");
  for (int i = 1; i <= 5; ++i) rows.push_back("2023-10-0" + std::to_string(i) + ",1-2,commendation,,,,,,,,");
  for (int i = 1; i <= 4; ++i) rows.push_back("2023-10-0" + std::to_string(i) + ",1-3,dispute,,,,,,,,");
  auto run = c.score(rows, "2023-10");
  CHECK(score_of(run, c, "1-1") == "90");   // -16 capped at -10
  CHECK(month_of(run, c, "1-1").deductions == 4);
  CHECK(score_of(run, c, "1-2") == "109");  // +15 capped at +9
  CHECK(score_of(run, c, "1-3") == "85");   // -20 capped at -15
}

TEST_CASE("aggregates: +1 per full 2 hours of the month's total", "[engine]") {
  community c;
  auto run = c.score({"2023-10-01,1-1,volunteer,,,,,,1.5,,", "2023-10-02,1-1,volunteer,,,,,,2.5,,",
                      "2023-10-01,1-2,volunteer,,,,,,3.9,,", "2023-10-01,1-3,volunteer,,,,,,0.5,,"},
                     "2023-10");
  CHECK(score_of(run, c, "1-1") == "102");
  CHECK(score_of(run, c, "1-2") == "101");
  CHECK(score_of(run, c, "1-3") == "100");
  std::vector<std::string> many;
  for (int i = 0; i < 30; ++i) many.push_back("2023-10-01,2-1,volunteer,,,,,,2,,");
  auto capped = c.score(many, "2023-10");
  CHECK(score_of(capped, c, "2-1") == "110");
}

TEST_CASE("filters: admission counts key universities only in the pilot", "[engine]") {
  community c;
  std::vector<std::string> rows = {"2023-06-01,1-1,admission,,,key_university,,,,,",
                                   "2023-06-01,1-2,admission,,,junior_college,,,,,"};
  auto pilot = c.score(rows, "2023-06");
  CHECK(score_of(pilot, c, "1-1") == "105");
  CHECK(score_of(pilot, c, "1-2") == "100");
  for (auto& r : rows) r.replace(0, 7, "2023-10");
  auto amended = c.score(rows, "2023-10");
  CHECK(score_of(amended, c, "1-2") == "105");
}

TEST_CASE("exemptions: a wheelchair costs 2 in the pilot and nothing after the amendment", "[engine]") {
  community c;
  auto pilot = c.score({"2023-06-01,1-1,clutter,,,,wheelchair,,,,"}, "2023-06");
  CHECK(score_of(pilot, c, "1-1") == "98");
  CHECK(month_of(pilot, c, "1-1").deductions == 1);
  auto amended = c.score({"2023-10-01,1-1,clutter,,,,wheelchair,,,,", "2023-10-01,1-2,clutter,,,,stroller,3,,,"},
                         "2023-10");
  CHECK(score_of(amended, c, "1-1") == "100");
  CHECK(month_of(amended, c, "1-1").deductions == 0);
  CHECK(score_of(amended, c, "1-2") == "100");
}

TEST_CASE("vetoes: flying-wire charging keeps the -10 and removes the rank only from 2023-09", "[engine]") {
  community c;
  auto pilot = c.score({"2023-06-01,1-1,flying_wire,,,,,,,,"}, "2023-06");
  CHECK(score_of(pilot, c, "1-1") == "90");
  CHECK_FALSE(month_of(pilot, c, "1-1").vetoed());
  CHECK(month_of(pilot, c, "1-1").rank == 5);
  auto amended = c.score({"2023-10-01,1-1,flying_wire,,,,,,,,", "2023-10-01,1-1,commendation,,,,,,,,",
                          "2023-10-02,1-1,commendation,,,,,,,,", "2023-10-03,1-1,commendation,,,,,,,,",
                          "2023-10-04,1-1,commendation,,,,,,,,"},
                         "2023-10");
  const auto& vetoed = month_of(amended, c, "1-1");
  CHECK(vetoed.score.to_string() == "99");  // 100 - 10 + 9
  CHECK(vetoed.vetoed());
  CHECK_FALSE(vetoed.has_rank());
  CHECK_FALSE(vetoed.received(0));
  CHECK(month_of(amended, c, "1-2").rank == 1);  // the others rank without it
}

TEST_CASE("ranking: deductions break ties, shared ranks are competition ranks, ties at the cutoff all get a flag",
          "[engine]") {
  community c({"a", "b", "c", "d", "e", "f"});
  auto run = c.score({"2023-10-01,a,commendation,,,,,,,,", "2023-10-01,a,commendation,,,,,,,,",  // 106
                      "2023-10-01,b,commendation,,,,,,,,",                                          // 103
                      "2023-10-01,c,commendation,,,,,,,,", "2023-10-01,c,commendation,,,,,,,,",
                      "2023-10-01,c,clutter,,,,boxes,,,,",                                          // 104, 1 deduction
                      "2023-10-01,d,commendation,,,,,,,,", "2023-10-01,d,commendation,,,,,,,,",
                      "2023-10-01,d,dispute,true,,,,,,,",                                           // 104, 1 deduction
                      "2023-10-01,e,commendation,,,,,,,,", "2023-10-01,e,volunteer,,,,,,2,,",
                      "2023-10-01,e,dispute,true,,,,,,,"},                                          // 102
                     "2023-10");
  auto rank = [&](const char* u) { return month_of(run, c, u).rank; };
  CHECK(rank("a") == 1);
  CHECK(rank("c") == 2);
  CHECK(rank("d") == 2);
  CHECK(rank("b") == 4);
  CHECK(rank("e") == 5);
  CHECK(rank("f") == 6);
  std::size_t flags = 0;
  for (const auto& um : run.result->periods[0].units) flags += um.received(0);
  CHECK(flags == 3);

  community tie({"a", "b", "c", "d"});
  auto at_cutoff = tie.score({"2023-10-01,a,commendation,,,,,,,,", "2023-10-01,a,commendation,,,,,,,,",
                              "2023-10-01,b,commendation,,,,,,,,", "2023-10-01,c,commendation,,,,,,,,",
                              "2023-10-01,d,commendation,,,,,,,,"},
                             "2023-10");
  for (const char* u : {"b", "c", "d"}) {
    CHECK(month_of(at_cutoff, tie, u).rank == 2);
    CHECK(month_of(at_cutoff, tie, u).received(0));
  }
}

TEST_CASE("a year switches version in September, and awards use the version in force on the last day", "[engine]") {
  community c({"a", "b", "c", "d", "e"});
  std::vector<std::string> rows;
  // a: flags in May (pilot) and October; b: a wheelchair every month; c: flying wire in June and October.
  rows.push_back("2023-05-01,a,commendation,,,,,,,,");
  rows.push_back("2023-10-01,a,commendation,,,,,,,,");
  for (int m = 4; m <= 12; ++m) rows.push_back(fmt::format("2023-{:02}-01,b,clutter,,,,wheelchair,,,,", m));
  rows.push_back("2023-06-01,c,flying_wire,,,,,,,,");
  rows.push_back("2023-10-01,c,flying_wire,,,,,,,,");
  rows.push_back("2023-05-01,a,duty_review,,,,,,,pa,fulfilled");
  rows.push_back("2023-05-02,b,duty_review,,,,,,,pb,fulfilled");
  rows.push_back("2023-11-02,b,duty_review,,,,,,,pb,not_fulfilled");
  auto run = c.score(rows, "2023");
  REQUIRE(run.result);
  const auto& months = run.result->periods;
  REQUIRE(months.size() == 9);  // April to December
  CHECK(run.compiled.versions[months[0].version].id == "2023-04");
  CHECK(run.compiled.versions[months[4].version].id == "2023-04");  // August
  CHECK(run.compiled.versions[months[5].version].id == "2023-09");  // September
  CHECK(month_of(run, c, "b", 0).score.to_string() == "98");       // April: the wheelchair counts
  CHECK(month_of(run, c, "b", 6).score.to_string() == "100");      // October: exempt
  CHECK_FALSE(month_of(run, c, "c", 2).vetoed());                  // June: pilot, no veto
  CHECK(month_of(run, c, "c", 6).vetoed());                        // October: vetoed
  const auto& year = *run.result->year();
  CHECK(run.compiled.versions[year.version].id == "2023-09");
  const auto& a = year.units[c.unit("a")];
  CHECK(a.rank == 1);
  CHECK(a.distinction_counts[0] == 9);  // a shares or leads every month
  CHECK(a.subsidy_percent.to_string() == "30");
  // Role holders: pa fulfilled once -> 20% (the September version's percentage); pb also failed once -> 0.
  std::map<std::string, std::string> subsidy;
  for (const auto& h : year.people) subsidy[run.people.people[h.person].id] = h.subsidy_percent.to_string();
  CHECK(subsidy["pa"] == "20");
  CHECK(subsidy["pb"] == "0");
  CHECK(subsidy["pc"] == "0");  // no review at all
}

TEST_CASE("invalid rows withhold results unless --rejects is given", "[engine]") {
  community c;
  std::vector<std::string> rows = {"2023-10-01,1-1,commendation,,,,,,,,", "2023-10-01,9-9,commendation,,,,,,,,"};
  auto strict = c.score(rows, "2023-10");
  CHECK(strict.outcome == engine::score_run::status::data_errors);
  CHECK_FALSE(strict.result);
  REQUIRE(strict.findings.size() == 1);
  CHECK(strict.findings[0].code == engine::finding_code::unknown_unit);
  CHECK(strict.findings[0].line == 3);
  CHECK(strict.findings[0].column == 12);
}

TEST_CASE("conditions with or, and, not and numbers select the right events", "[engine]") {
  community c({"a", "b", "c", "d"});
  std::filesystem::create_directories(c.dir() / "r");
  c.write("r/1.rubric", R"(rubric "x" version "1" effective 2023-04-01
scores each unit per month, starting at 100
role unit_head "单元长"
event clutter
  item: one of wheelchair, stroller, bicycle, boxes
  count: integer at least 1, default 1
area hygiene "环境卫生"
rule clutter "楼道杂物" in hygiene
  each clutter where not (item is boxes and count at most 1): -2 if count above 2 or item is bicycle, otherwise -1
  exempt "生活必需品" when item is wheelchair or item is stroller
ranking per month
  order by score, higher first
  ties share a rank
  award red_flag "流动红旗" to ranks 1 to 3
)");
  auto run = c.score_files({{"2023-10-01,a,clutter,boxes,1", "2023-10-01,b,clutter,boxes,3",
                             "2023-10-01,c,clutter,bicycle,1", "2023-10-01,c,clutter,boxes,2",
                             "2023-10-01,d,clutter,stroller,5"}},
                           "2023-10", (c.dir() / "r").string(), 1, "date,unit,kind,item,count\n");
  REQUIRE(run.result);
  CHECK(score_of(run, c, "a") == "100");  // filtered out: boxes, count 1
  CHECK(score_of(run, c, "b") == "98");   // count above 2
  CHECK(score_of(run, c, "c") == "97");   // bicycle -2, boxes x2 -1
  CHECK(score_of(run, c, "d") == "100");  // exempt
}
