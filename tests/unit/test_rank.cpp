// Ranks counted from the top and from the bottom: units, groups and role holders alike.
#include <catch2/catch.hpp>

#include "fixture.hpp"

using namespace rubric;
using test::community;

namespace {

const std::string header = "date,unit,kind\n";

const std::string quarterly = R"(rubric "bottom" version "1" effective 2024-01-01

scores each unit per quarter, starting at 100

role unit_head "unit head"

event commendation "commendation"

area all "all"

rule good_deed "good deed" in all
  each commendation: +1

ranking per quarter
  order by score, higher first
  ties share a rank
  award star "star" to top 1

awards per year
  order by total score, higher first
  ties share a rank
  award last_units "last units" to bottom 2
  award last_heads "last unit heads" to unit_head of bottom 2
)";

}  // namespace

TEST_CASE("bottom N: role holders are placed from the bottom as their units are, ties included", "[engine][rank]") {
  community c({"a", "b", "c", "d"});
  std::string rubric = c.write("bottom.rubric", quarterly);
  std::vector<std::string> rows;
  for (const char* quarter_start : {"2024-01-10", "2024-04-10", "2024-07-10", "2024-10-10"}) {
    rows.push_back(std::string(quarter_start) + ",a,commendation");
    rows.push_back(std::string(quarter_start) + ",a,commendation");
    rows.push_back(std::string(quarter_start) + ",b,commendation");
  }
  auto run = c.score_files({rows}, "2024", rubric, 1, header);
  REQUIRE(run.result);
  const engine::year_result& year = *run.result->year();
  // Totals 408, 404, 400, 400: ranks 1, 2, 3, 3. From the bottom: c and d share 1; b is 3rd.
  CHECK(year.units[c.unit("a")].rank == 1);
  CHECK(year.units[c.unit("b")].rank == 2);
  CHECK(year.units[c.unit("c")].rank == 3);
  CHECK(year.units[c.unit("d")].rank == 3);
  const std::uint64_t last_units = 1, last_heads = 2;  // bits of the awards' titles, in order
  for (const char* unit : {"a", "b", "c", "d"}) {
    INFO(unit);
    bool at_bottom = std::string(unit) == "c" || std::string(unit) == "d";
    CHECK(((year.units[c.unit(unit)].titles & last_units) != 0) == at_bottom);
    // People are on the roster in the units' order: the head of a is person 0.
    const engine::role_holder& head = year.people.at(c.unit(unit));
    CHECK(((head.titles & last_heads) != 0) == at_bottom);
  }
}
