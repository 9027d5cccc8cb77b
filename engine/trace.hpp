// Evaluation reports its decisions to an optional listener; `explain` is such a listener, not a
// second evaluator. Only the unit-period the listener asked for is reported.
#pragma once

#include "engine/events/decoder.hpp"
#include "engine/plan.hpp"
#include "engine/result.hpp"

namespace rubric::engine {

class trace_sink {
 public:
  virtual ~trace_sink() = default;
  // Before any event: the plan whose rules, vetoes and kinds the other calls refer to.
  virtual void on_plan(const plan&) {}
  // An event counted by a per-event rule with this amount.
  virtual void on_amount(const row_origin&, const decoded_event&, const rule_plan&, decimal amount) = 0;
  // An event added to an aggregate rule's total.
  virtual void on_summed(const row_origin&, const decoded_event&, const rule_plan&, decimal value) = 0;
  // An event a rule would count, excused by an exemption.
  virtual void on_exempt(const row_origin&, const decoded_event&, const rule_plan&, const exemption_plan&) = 0;
  // An event no rule counted (its kind has no rule, or no rule's filter matched).
  virtual void on_uncounted(const row_origin&, const decoded_event&) = 0;
  virtual void on_veto(const row_origin&, const decoded_event&, const veto_plan&) = 0;
  // An event a `no KIND` or `distinct` rule notes; its points come at the period's end.
  virtual void on_counted(const row_origin&, const decoded_event&, const rule_plan&) {}
  // After the period: an aggregate rule's total turned into points. `total` is the sum (total),
  // the number of events (absence), of different values (distinct), or the mean (average).
  virtual void on_aggregate(const rule_plan&, decimal total, decimal points) = 0;
  // After the period: an area's budget stopped its deductions.
  virtual void on_budget(const area_plan&, decimal /*before*/, decimal /*after*/) {}
  // An event of an ordered rule (escalation, daily amounts, caps at other cadences, count
  // limits), evaluated in date order: its amount and why.
  virtual void on_ordered(const row_origin&, const decoded_event&, const rule_plan&, decimal /*amount*/,
                          const std::string& /*why*/) {}
  // A veto recorded in an earlier period (its key) whose effect lasts into this one.
  virtual void on_lasting_veto(const veto_plan&, int /*period*/) {}
  // After the period: a cap cut a rule's total.
  virtual void on_cap(const rule_plan&, decimal before, decimal after) = 0;
  // After every period: a redemption of the unit's balance in this period, granted or refused
  // (it would have left less than the floor); `left` is the balance after it, or as it stays.
  virtual void on_redemption(const row_origin&, const decoded_event&, const balance_plan&, decimal /*points*/,
                             bool /*granted*/, decimal /*left*/) {}
  // After every period: the unit's balance in this period.
  virtual void on_balance(const balance_plan&, const balance_entry&) {}
};

}  // namespace rubric::engine
