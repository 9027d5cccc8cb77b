// What scoring produces: plain data, rendered by engine/report. Units and people are roster
// indexes; versions are indexes into plan::versions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lang/ast.hpp"
#include "lang/decimal.hpp"

namespace rubric::engine {

// One unit's period. Kept small and flat: a year for 30,000 units is 360,000 of these.
struct unit_period {
  decimal score;
  std::uint64_t distinctions = 0; // bit d: the unit received the version's distinction d
  std::uint32_t deductions = 0;  // events whose amounts before caps sum below zero; negative aggregates
  std::uint32_t rank = 0;        // 0: no rank (a veto, a filter, no ranking, no event in the period)
  std::uint32_t vetoes = 0;      // bit v: the version's veto v applied (at most 32 vetoes)
  std::uint8_t grade = 0;        // 1 + index into the version's grades; 0 when it has none
  bool excluded = false;         // a veto's `not eligible` effect: no rank, no distinction
  bool filtered = false;         // the ranking's `only where` left it out: no rank

  bool vetoed() const { return vetoes != 0; }
  bool has_rank() const { return rank != 0; }
  bool received(std::size_t distinction) const { return (distinctions >> distinction) & 1; }
};
static_assert(sizeof(unit_period) == 32, "a year of 30,000 units is 360,000 of these");

// `rank each COLUMN by its average score`: one value of the column and its standing.
struct group_result {
  std::string value;
  decimal score;                 // the ranked members' average
  std::uint32_t deductions = 0;  // the ranked members' sum
  std::uint32_t members = 0;     // ranked members
  std::uint32_t rank = 0;        // 0: not ranked (no ranked member, or a member vetoed)
  std::uint64_t distinctions = 0;
  bool excluded = false;
};

// A unit's balance in one period (a points bank): what it opened with, the period's score added,
// the redemptions spent, and what it closes with (the next period's opening, unless it is reset).
struct balance_entry {
  decimal opening, earned, spent, closing;
  std::uint32_t redemptions = 0;  // redemptions granted in the period
  std::uint32_t refused = 0;      // redemptions refused: they would have taken the balance below its floor
  bool reset = false;             // the period opened a new reset window: the opening is 0
};

struct period_result {
  int period = 0;  // period key, see lang/calendar.hpp
  std::uint32_t version = 0;
  // Events recorded in the period for any unit. None: the period is published unranked, without
  // distinctions, and counts in no awards window (unless the run ranks such periods: rubric tests).
  std::uint64_t events_recorded = 0;
  std::size_t areas = 0;
  std::vector<unit_period> units;     // roster order
  std::vector<decimal> area_totals;  // units x areas, after caps
  std::vector<decimal> rule_totals;  // units x rules, after caps; only when asked for (impact, tests)
  // Display order: ranked units by rank (ties in roster order), then unranked units by score.
  std::vector<std::uint32_t> order;
  std::vector<group_result> groups;  // when the ranking ranks groups
  std::vector<balance_entry> balances;  // roster order; empty when the version keeps no balance

  decimal area_total(std::uint32_t unit, std::size_t area) const { return area_totals[unit * areas + area]; }
};

struct year_unit {
  std::uint32_t unit = 0;
  std::vector<std::uint32_t> distinction_counts;  // per year_result::distinctions
  decimal total_score;
  std::uint32_t rank = 0;
  bool eligible = true;
  decimal subsidy_percent;
  std::uint64_t titles = 0;  // bit t: year_result::titles[t]
  std::vector<std::uint32_t> longest_runs;  // per title: the longest streak of its distinction (streak titles)
};

struct role_holder {
  std::uint32_t person = 0;
  std::vector<std::uint32_t> test_counts;  // per test of the role subsidy
  bool qualified = false;
  decimal subsidy_percent;
  std::uint64_t titles = 0;  // bit t: year_result::titles[t], awarded to role holders
};

// The awards of one window: a year, or a semester or quarter of it (`awards per semester`).
struct year_result {
  int year = 0;
  lang::ast::period window_period = lang::ast::period::year;
  int window = 0;  // the window's key in its period's calendar
  std::uint32_t version = 0;  // in force on the year's last scored day
  std::vector<int> periods;   // period keys scored in the window (those with events recorded)
  std::vector<std::string> distinctions;  // the ranking's distinctions, then the grades, counted per period
  std::vector<std::string> titles;        // the awards' own distinctions
  std::vector<year_unit> units;  // roster order
  std::vector<std::uint32_t> order;
  std::vector<role_holder> people;  // roster order
};

struct score_result {
  std::vector<period_result> periods;
  std::vector<year_result> windows;  // with --year: the awards of each window of the year

  // The window that ends the year (the year itself, for `awards per year`).
  const year_result* year() const { return windows.empty() ? nullptr : &windows.back(); }
};

}  // namespace rubric::engine
