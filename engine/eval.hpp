// Evaluation in one streaming pass: each event is added to per-unit, per-month totals as it is
// read, so memory grows with units x months x rules, not with events. finish() applies
// aggregates and caps, ranks each month and computes the year-end awards.
#pragma once

#include <optional>
#include <vector>

#include "engine/events/readers.hpp"
#include "engine/result.hpp"
#include "engine/trace.hpp"

namespace rubric::engine {

struct period_selection {
  int first_month = 0, last_month = 0;  // month keys, inclusive; every one has a version in force
  std::optional<int> year;              // year-end awards for this year
};

struct run_counts {
  std::uint64_t scored = 0;       // events added to a selected month
  std::uint64_t outside = 0;      // valid events of months not selected
  std::uint64_t rejected = 0;     // invalid rows
  std::uint64_t not_scored = 0;   // events before the first version
};

class evaluator final : public event_sink {
 public:
  evaluator(const plan& p, const roster& r, const period_selection& period);

  // Report the decisions about one unit-month to `sink`.
  void trace(trace_sink* sink, std::uint32_t unit, int month);

  void on_event(const decoded_event& event, const row_origin& origin) override;
  void on_finding(finding&& problem) override;

  // Adds another evaluator's totals (same plan, roster and period) to this one.
  void merge(evaluator& other);
  // std::nullopt when a total left the exact range of points (an E1014 finding says where).
  std::optional<score_result> finish();

  std::vector<finding>& findings() { return findings_; }
  const run_counts& counts() const { return counts_; }

 private:
  struct month_state {
    int month = 0;
    std::uint32_t version = 0;
    std::size_t rules = 0;
    std::vector<std::int64_t> totals;        // units x rules, decimal units
    std::vector<std::uint32_t> deductions;   // per unit
    std::vector<std::uint64_t> vetoes;       // per unit, a bit per veto
  };
  void overflow(const std::string& where);
  month_result finish_month(month_state& state);
  year_result finish_year(const std::vector<month_result>& months);

  const plan& plan_;
  const roster& roster_;
  period_selection period_;
  std::vector<month_state> months_;
  std::optional<std::uint32_t> year_version_;
  std::size_t person_tests_ = 0;
  std::vector<std::uint32_t> person_counts_;  // people x tests of the year version's role subsidy
  std::vector<finding> findings_;
  run_counts counts_;
  bool overflowed_ = false;
  trace_sink* trace_ = nullptr;
  std::uint32_t trace_unit_ = 0;
  int trace_month_ = -1;
};

}  // namespace rubric::engine
