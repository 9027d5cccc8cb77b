// What scoring produces: plain data, rendered by engine/report. Units and people are roster
// indexes; versions are indexes into plan::versions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lang/decimal.hpp"

namespace rubric::engine {

struct unit_month {
  std::uint32_t unit = 0;
  decimal score;
  std::vector<decimal> area_totals;  // per area of the version, after caps
  std::vector<decimal> rule_totals;  // per rule of the version, after caps
  std::uint32_t deductions = 0;      // events that contributed a negative amount before caps
  std::vector<std::uint32_t> vetoes;  // vetoes that applied, as indexes into the version's vetoes
  std::optional<std::uint32_t> rank;  // none when vetoed
  std::vector<bool> distinctions;     // per distinction of the version's ranking
};

struct month_result {
  int month = 0;  // month key
  std::uint32_t version = 0;
  std::vector<unit_month> units;  // roster order
  // Display order: ranked units by rank (ties in roster order), then vetoed units by score.
  std::vector<std::uint32_t> order;
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
  std::vector<int> months;    // month keys scored in the year
  std::vector<std::string> distinctions;
  std::vector<year_unit> units;  // roster order
  std::vector<std::uint32_t> order;
  std::vector<role_holder> people;  // roster order
};

struct score_result {
  std::vector<month_result> months;
  std::optional<year_result> year;
};

}  // namespace rubric::engine
