// Evaluation in one streaming pass: each event is added to per-unit, per-period totals as it is
// read, so memory grows with units x periods x rules, not with events; ordered rules and lasting
// vetoes are kept aside and resolved at the end. finish() applies aggregates, caps, budgets and
// veto effects, grades and ranks each period and computes the awards of each window of the year.
#pragma once

#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "engine/events/readers.hpp"
#include "engine/result.hpp"
#include "engine/trace.hpp"

namespace rubric::engine {

struct period_selection {
  int first_period = 0, last_period = 0;  // period keys, inclusive; every one has a version in force
  std::optional<int> year;                // the awards of this year's windows
};

struct run_counts {
  std::uint64_t scored = 0;       // events added to a selected period
  std::uint64_t outside = 0;      // valid events of periods not selected
  std::uint64_t rejected = 0;     // invalid rows
  std::uint64_t not_scored = 0;   // events before the first version
};

class evaluator final : public event_sink {
 public:
  evaluator(const plan& p, const roster& r, const period_selection& period);

  void keep_rule_totals(bool keep) { keep_rule_totals_ = keep; }
  // Rank a period in which no event was recorded like any other (rubric tests, whose events are
  // all there is), instead of leaving its units unranked and the period out of the awards.
  void rank_empty_periods(bool rank) { rank_empty_periods_ = rank; }
  // Report the decisions about one unit-period to `sink`.
  void trace(trace_sink* sink, std::uint32_t unit, int period);

  void on_event(const decoded_event& event, const row_origin& origin) override;
  void on_finding(finding&& problem) override;

  // Adds another evaluator's totals (same plan, roster and period) to this one.
  void merge(evaluator& other);
  // std::nullopt when a total left the exact range of points (an E1014 finding says where).
  std::optional<score_result> finish();

  // Rejected rows are also written here as they are found (--rejects).
  void write_rejects_to(rejects_output* out) { rejects_ = out; }
  // The first findings of each file (kept_findings_per_file); the others are only counted.
  std::vector<finding>& findings() { return findings_; }
  unshown_by_file& unshown() { return unshown_; }
  const run_counts& counts() const { return counts_; }

 private:
  // A period's running totals: one cache-line-aligned record per unit, so adding an event
  // touches one record. A record is the rules' totals (decimal units) followed by one word
  // holding the unit's deduction count (low 32 bits) and the vetoes that applied (high 32 bits).
  struct period_state {
    int period = 0;
    std::uint32_t version = 0;
    std::uint64_t events = 0;  // events recorded in the period, for any unit
    std::size_t rules = 0;   // record words rules..: the tally, then one count per average rule
    std::size_t stride = 0;  // words per unit record, a multiple of 8
    struct free_deleter {
      void operator()(std::int64_t* p) const { std::free(p); }
    };
    std::unique_ptr<std::int64_t[], free_deleter> records;
    // Updates wait here and are applied a batch at a time: events arrive in random period order,
    // and applying a batch to one period's records stays within the cache (a radix partition).
    struct update {
      std::uint32_t unit;
      std::uint32_t slot;  // a record word, or `tally_slot`; with `or_flag`, bits to set
      std::int64_t value;  // an amount; for the tally: vetoes << 32 | deductions to add
    };
    static constexpr std::uint32_t tally_slot = 0xffffffffu;
    static constexpr std::uint32_t or_flag = 0x80000000u;
    std::vector<update> pending;

    std::int64_t* record(std::uint32_t unit) const { return records.get() + unit * stride; }
    std::uint32_t deductions(std::uint32_t unit) const { return static_cast<std::uint32_t>(record(unit)[rules]); }
    std::uint64_t vetoes(std::uint32_t unit) const {
      return static_cast<std::uint64_t>(record(unit)[rules]) >> 32;
    }
  };
  void overflow(const std::string& where);
  // A veto whose effect outlasts its period, wherever its event falls: later periods need it.
  struct lasting_veto {
    std::uint32_t unit;
    int period;
    std::uint32_t version, veto;
    auto operator<=>(const lasting_veto&) const = default;
  };
  void note_lasting_vetoes(const decoded_event& event);

  // An event of an ordered rule, kept until every event is read (a daily amount: one per day).
  struct ordered_event {
    std::uint64_t event = 0;     // the event's number, shared by a daily amount's days
    int day = 0;                 // day number
    int period = 0;
    std::uint32_t unit = 0, version = 0, rule = 0, rule_key = 0;
    std::int64_t amount = 0;     // before escalation (0 for an escalating rule) and caps
    std::size_t content = 0;     // offset in content_ of the event's canonical values
    std::uint64_t row_hash = 0;  // of the row's text: orders rows whose values are equal
    std::uint64_t line = 0;
    std::uint32_t piece = 0;     // a daily amount's day, from 0
    std::int32_t traced = -1;    // index into traced_events_ when the traced unit's
  };
  struct traced_event {
    decoded_event event;
    std::string file, row;
  };
  // Keeps the event for its ordered rules; false when none counts it.
  bool note_ordered(const decoded_event& event, const row_origin& origin, std::uint64_t event_id);
  // An amount an event of an ordered rule contributes to a period, before caps: whether the event
  // is a deduction is known once every rule's amount is.
  struct deferred_amount {
    std::uint64_t event = 0;
    int period = 0;
    std::uint32_t unit = 0;
    std::int64_t amount = 0;
  };
  // The content key of ordered events (docs/events.md, "The order of events"): per event, the
  // present-bits then the values of its kind's attributes, absent ones as 0.
  std::vector<std::int64_t> content_;
  bool content_less(const ordered_event& a, const ordered_event& b) const;
  void resolve_ordered();
  int last_day_ = 0;  // the last day of the last period scored
  void apply_pending(period_state& state);
  static constexpr std::size_t batch = 4096;
  period_result finish_period(period_state& state);
  std::optional<std::int64_t> rule_points(const period_state& state, const rule_plan& rule, std::size_t r,
                                          std::uint32_t unit, trace_sink* trace);
  // A balance carried across periods (engine/balance.cpp): redemptions are kept from every
  // period, and the balances computed once every period's score is known.
  struct redemption {
    int period = 0, day = 0;
    std::uint32_t unit = 0, version = 0;
    std::int64_t points = 0;
    std::string file, row;
    std::uint64_t line = 0;
    decoded_event event;  // for explanations
  };
  void note_redemption(const decoded_event& event, const row_origin& origin);
  // The first period whose balance the selection's first period needs: back to the last reset.
  int balance_start(int first) const;
  void apply_balances(score_result& result);
  std::vector<redemption> redemptions_;
  int shown_from_ = 0;  // the first period asked for; earlier ones are scored only for balances
  year_result finish_window(const std::vector<const period_result*>& periods, int window, std::uint32_t version,
                            bool with_role_subsidy);

  const plan& plan_;
  const roster& roster_;
  period_selection period_;
  std::vector<period_state> periods_;
  std::vector<lasting_veto> lasting_;
  std::vector<ordered_event> ordered_;
  std::vector<deferred_amount> deferred_;
  std::uint64_t next_event_ = 0;
  std::vector<traced_event> traced_events_;
  std::optional<std::uint32_t> year_version_;
  std::size_t person_tests_ = 0;
  bool year_award_ = false;  // the year's version has a role-holder subsidy
  std::vector<std::uint32_t> person_counts_;  // people x tests of the year version's role subsidy
  std::vector<finding> findings_;
  std::map<std::string, std::size_t, std::less<>> kept_;  // findings kept, per file
  unshown_by_file unshown_;
  rejects_output* rejects_ = nullptr;
  run_counts counts_;
  bool overflowed_ = false;
  bool keep_rule_totals_ = false;
  bool rank_empty_periods_ = false;
  trace_sink* trace_ = nullptr;
  std::uint32_t trace_unit_ = 0;
  int trace_period_ = -1;
};

}  // namespace rubric::engine
