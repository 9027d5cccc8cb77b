// What scoring produces: plain data, rendered by engine/report. Units and people are roster
// indexes; versions are indexes into plan::versions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lang/decimal.hpp"

namespace rubric::engine {

// One unit's month. Kept small and flat: a year for 30,000 units is 360,000 of these.
struct unit_period {
  decimal score;
  std::uint32_t deductions = 0;  // events that contributed a negative amount before caps
  std::uint32_t rank = 0;        // 0 when a veto made it ineligible: no rank
  std::uint64_t vetoes = 0;       // bit v: the version's veto v applied
  std::uint64_t distinctions = 0; // bit d: the unit received the version's distinction d
  std::uint8_t grade = 0;         // 1 + index into the version's grades; 0 when it has none
  bool excluded = false;          // a veto's `not eligible` effect: no rank, no distinction

  bool vetoed() const { return vetoes != 0; }
  bool has_rank() const { return rank != 0; }
  bool received(std::size_t distinction) const { return (distinctions >> distinction) & 1; }
};

struct period_result {
  int period = 0;  // period key, see lang/calendar.hpp
  std::uint32_t version = 0;
  std::size_t areas = 0;
  std::vector<unit_period> units;     // roster order
  std::vector<decimal> area_totals;  // units x areas, after caps
  std::vector<decimal> rule_totals;  // units x rules, after caps; only when asked for (impact, tests)
  // Display order: ranked units by rank (ties in roster order), then vetoed units by score.
  std::vector<std::uint32_t> order;

  decimal area_total(std::uint32_t unit, std::size_t area) const { return area_totals[unit * areas + area]; }
};

struct year_unit {
  std::uint32_t unit = 0;
  std::vector<std::uint32_t> distinction_counts;  // per year_result::distinctions
  decimal total_score;
  std::uint32_t rank = 0;
  bool eligible = true;
  decimal subsidy_percent;
};

struct role_holder {
  std::uint32_t person = 0;
  std::vector<std::uint32_t> test_counts;  // per test of the role subsidy
  bool qualified = false;
  decimal subsidy_percent;
};

struct year_result {
  int year = 0;
  std::uint32_t version = 0;  // in force on the year's last scored day
  std::vector<int> periods;   // period keys scored in the year
  std::vector<std::string> distinctions;  // the ranking's distinctions, then the grades, counted per month
  std::vector<year_unit> units;  // roster order
  std::vector<std::uint32_t> order;
  std::vector<role_holder> people;  // roster order
};

struct score_result {
  std::vector<period_result> periods;
  std::optional<year_result> year;
};

}  // namespace rubric::engine
