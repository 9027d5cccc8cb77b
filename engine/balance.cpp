// A balance carried across periods (a points bank, 积分银行; docs/language.md, "A balance carried
// across periods"). Each period's score is added to the unit's balance; redemptions spend it, in
// date order, and one that would leave less than the floor is refused with a finding naming its
// row (never cut to what is left). The balance opens at 0 when the version in force declares none
// before, and at the start of each reset window. A rubric without a balance costs nothing here:
// no kind redeems, so no event is kept, and the periods are not widened.
#include <algorithm>
#include <tuple>

#include "engine/eval.hpp"
#include "engine/report/text.hpp"
#include "lang/i18n.hpp"

namespace rubric::engine {

namespace {

// The key of the reset window that holds a period (a week is in the window holding its Thursday,
// as for the awards).
int reset_window(const lang::calendar& periods, lang::ast::period reset, int period) {
  lang::civil_date first = periods.first_day(period);
  int anchor = lang::day_number(first.year, first.month, first.day) +
               (periods.cadence() == lang::ast::period::week ? 3 : 0);
  return lang::calendar(reset).period_of_day(anchor);
}

}  // namespace

int evaluator::balance_start(int first) const {
  auto version = plan_.version_for_period(first);
  if (!version || !plan_.versions[*version].balance) return first;
  const int earliest = plan_.versions.front().effective_period;
  int start = first;
  while (start > earliest) {
    auto before = plan_.version_for_period(start - 1);
    if (!before || !plan_.versions[*before].balance) break;
    const auto& reset = plan_.versions[*plan_.version_for_period(start)].balance->reset;
    if (reset && reset_window(plan_.periods, *reset, start - 1) != reset_window(plan_.periods, *reset, start)) break;
    --start;
  }
  return start;
}

void evaluator::note_redemption(const decoded_event& event, const row_origin& origin) {
  if (event.period > period_.last_period) return;  // after the periods scored: it spends nothing shown
  const balance_plan& balance = *plan_.versions[event.version].balance;
  redemptions_.push_back({event.period, event.day_number(), event.unit, event.version,
                          event.values.values[balance.redemption_attribute], *origin.file, std::string(origin.raw),
                          origin.line, event});
}

void evaluator::apply_balances(score_result& result) {
  if (result.periods.empty()) return;
  // Date order; rows of one day by the points spent, then by where they were recorded, so that
  // the same rows give the same refusals whatever the order of the files and of --jobs.
  std::sort(redemptions_.begin(), redemptions_.end(), [](const redemption& a, const redemption& b) {
    return std::tie(a.period, a.unit, a.day, a.points, a.file, a.line) <
           std::tie(b.period, b.unit, b.day, b.points, b.file, b.line);
  });
  const std::size_t units = roster_.units.size();
  std::vector<decimal> carried(units);
  bool carrying = false;  // the period before kept a balance too
  int last_window = 0;
  for (auto& m : result.periods) {
    const version_plan& version = plan_.versions[m.version];
    if (!version.balance) {
      carrying = false;
      continue;
    }
    const balance_plan& balance = *version.balance;
    // A window opens where the period before, with a balance too, lies in another window; at the
    // run's first period that is the period before the run (balance_start stopped there).
    bool opens_window = false;
    if (balance.reset) {
      int window = reset_window(plan_.periods, *balance.reset, m.period);
      if (carrying) {
        opens_window = window != last_window;
      } else {
        auto before = plan_.version_for_period(m.period - 1);
        opens_window = before && plan_.versions[*before].balance &&
                       reset_window(plan_.periods, *balance.reset, m.period - 1) != window;
      }
      last_window = window;
    }
    const bool reset = !carrying || opens_window;
    if (reset) std::fill(carried.begin(), carried.end(), decimal{});
    m.balances.resize(units);
    for (std::uint32_t u = 0; u < units; ++u) {
      balance_entry& entry = m.balances[u];
      entry.reset = opens_window;
      entry.opening = carried[u];
      entry.earned = m.units[u].score;
      auto available = checked_add(entry.opening, entry.earned);
      if (!available) {
        overflow(i18n::tr("the balance of unit `{}`", roster_.units[u]));
        return;
      }
      entry.closing = *available;
    }
    // This period's redemptions, unit by unit, in date order.
    auto first = std::lower_bound(redemptions_.begin(), redemptions_.end(), m.period,
                                  [](const redemption& r, int period) { return r.period < period; });
    for (auto it = first; it != redemptions_.end() && it->period == m.period; ++it) {
      const redemption& r = *it;
      balance_entry& entry = m.balances[r.unit];
      const decimal points = decimal::from_units(r.points);
      const decimal floor = decimal::from_units(balance.floor);
      trace_sink* trace = (trace_ && r.unit == trace_unit_ && m.period == trace_period_) ? trace_ : nullptr;
      row_origin origin{&r.file, r.line, r.row};
      auto left = checked_add(entry.closing, decimal::from_units(-r.points));
      auto spent = checked_add(entry.spent, points);
      if (!left || !spent) {
        overflow(i18n::tr("the balance of unit `{}`", roster_.units[r.unit]));
        return;
      }
      if (*left < floor) {
        ++entry.refused;
        --counts_.scored;  // counted when read; on_finding counts it as rejected now
        on_finding({finding_code::overdrawn, r.file, r.line, 0,
                    i18n::tr("unit `{}` redeems {} points, but its balance \"{}\" holds {}{}: the redemption is "
                             "refused, not cut (record what the unit may spend, or correct the row)",
                             roster_.units[r.unit], points.to_string(), balance.title, entry.closing.to_string(),
                             balance.floor != 0
                                 ? i18n::tr(", and only what is above {} may be spent", floor.to_string())
                                 : std::string()),
                    r.row});
        if (trace) trace->on_redemption(origin, r.event, balance, points, false, entry.closing);
        continue;
      }
      ++entry.redemptions;
      entry.spent = *spent;
      entry.closing = *left;
      if (trace) trace->on_redemption(origin, r.event, balance, points, true, entry.closing);
    }
    for (std::uint32_t u = 0; u < units; ++u) carried[u] = m.balances[u].closing;
    if (trace_ && m.period == trace_period_) trace_->on_balance(balance, m.balances[trace_unit_]);
    carrying = true;
  }
  // Periods before the first asked for were scored only to carry their balances forward.
  auto shown = std::find_if(result.periods.begin(), result.periods.end(),
                            [&](const period_result& m) { return m.period >= shown_from_; });
  result.periods.erase(result.periods.begin(), shown);
}

}  // namespace rubric::engine
