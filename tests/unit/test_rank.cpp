// Ranks counted from the top and from the bottom: units, groups and role holders alike.
#include <catch2/catch.hpp>

#include "engine/rank.hpp"
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

TEST_CASE("ranking by packed keys places every unit as the comparison of standings does", "[engine][rank]") {
  // A ranking of up to two terms is sorted by packed integer keys; one of three terms takes the
  // comparison of standings. A third term repeating the first orders the same, so both must agree
  // on order, ranks, ties and places from the bottom, for scores of both signs, with many ties.
  engine::plan two_terms;
  engine::version_plan& version = two_terms.versions.emplace_back();
  version.has_ranking = true;
  version.ranking_order = {{engine::order_key::score, {}, true}, {engine::order_key::deductions, {}, false}};
  version.distinctions = {{"top", "top", 1, 3, false}, {"bottom", "bottom", 1, 2, true}};
  engine::plan three_terms = two_terms;
  three_terms.versions[0].ranking_order.push_back({engine::order_key::score, {}, true});
  engine::roster people;
  engine::period_result period;
  std::uint64_t seed = 12345;
  auto next = [&] { return (seed = seed * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
  for (int u = 0; u < 2000; ++u) {
    engine::unit_period unit;
    unit.score = decimal::from_units((static_cast<std::int64_t>(next() % 41) - 20) * 500000);  // -10 to +10 by halves
    unit.deductions = static_cast<std::uint32_t>(next() % 4);
    unit.excluded = next() % 17 == 0;
    period.units.push_back(unit);
  }
  engine::period_result packed = period, compared = period;
  REQUIRE(engine::rank_period(two_terms, people, false, packed));
  REQUIRE(engine::rank_period(three_terms, people, false, compared));
  REQUIRE(packed.order == compared.order);
  for (std::size_t u = 0; u < period.units.size(); ++u) {
    INFO("unit " << u);
    CHECK(packed.units[u].rank == compared.units[u].rank);
    CHECK(packed.units[u].distinctions == compared.units[u].distinctions);
  }
  // The ranking itself: by score, higher first, then fewer deductions, ties sharing a rank.
  std::uint32_t last_rank = 0;
  for (std::size_t k = 1; k < packed.order.size(); ++k) {
    const auto& a = packed.units[packed.order[k - 1]];
    const auto& b = packed.units[packed.order[k]];
    if (!b.has_rank()) break;
    CHECK((a.score > b.score || (a.score == b.score && a.deductions <= b.deductions)));
    CHECK(b.rank >= a.rank);
    last_rank = b.rank;
  }
  CHECK(last_rank > 100);
}
