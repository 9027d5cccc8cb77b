#include "engine/eval.hpp"

#include <algorithm>
#include <bit>
#include <map>
#include <cstring>
#include <numeric>

#include <fmt/format.h>

namespace rubric::engine {

evaluator::evaluator(const plan& p, const roster& r, const period_selection& period)
    : plan_(p), roster_(r), period_(period) {
  for (int m = period.first_period; m <= period.last_period; ++m) {
    period_state state;
    state.period = m;
    state.version = *plan_.version_for_period(m);
    state.rules = plan_.versions[state.version].rules.size();
    state.stride = (state.rules + 1 + plan_.versions[state.version].count_slots + 7) / 8 * 8;
    std::size_t bytes = std::max<std::size_t>(1, roster_.units.size()) * state.stride * sizeof(std::int64_t);
    state.records.reset(static_cast<std::int64_t*>(std::aligned_alloc(64, bytes)));
    if (!state.records) throw std::bad_alloc();
    std::memset(state.records.get(), 0, bytes);
    state.pending.reserve(batch);
    periods_.push_back(std::move(state));
  }
  last_day_ = plan_.periods.last_day_number(period.last_period);
  if (period.year) {
    year_version_ = plan_.version_for_period(plan_.periods.last_of_year(*period.year));
    const auto& award = plan_.versions[*year_version_].role_award;
    person_tests_ = award ? award->tests.size() : 0;
    year_award_ = award.has_value();
    person_counts_.assign(roster_.people.size() * person_tests_, 0);
  }
}

void evaluator::trace(trace_sink* sink, std::uint32_t unit, int period) {
  trace_ = sink;
  trace_unit_ = unit;
  trace_period_ = period;
}

void evaluator::on_finding(finding&& problem) {
  if (problem.code == finding_code::not_scored) ++counts_.not_scored;
  else if (is_row_problem(problem.code)) ++counts_.rejected;
  findings_.push_back(std::move(problem));
}

void evaluator::overflow(const std::string& where) {
  if (overflowed_) return;
  overflowed_ = true;
  findings_.push_back({finding_code::arithmetic, {}, 0, 0,
                       fmt::format("{}: the total is beyond the exact range of points (about ±9.2 trillion); "
                                   "no result is given rather than a wrong one",
                                   where),
                       {}});
}

void evaluator::note_lasting_vetoes(const decoded_event& event) {
  const version_plan& version = plan_.versions[event.version];
  for (std::uint32_t v : version.kinds[event.kind].vetoes) {
    if (version.vetoes[v].outlasts && version.vetoes[v].filter.holds(event.values)) {
      lasting_.push_back({event.unit, event.period, event.version, v});
    }
  }
}

void evaluator::note_ordered(const decoded_event& event, const row_origin& origin) {
  const version_plan& version = plan_.versions[event.version];
  for (std::uint32_t r : version.kinds[event.kind].rules) {
    const rule_plan& rule = version.rules[r];
    if (!rule.ordered || !rule.filter.holds(event.values)) continue;
    bool exempt = false;
    for (const auto& e : rule.exemptions) exempt = exempt || e.when.holds(event.values);
    if (exempt) continue;
    ordered_event o;
    o.day = event.day_number();
    o.period = event.period;
    o.unit = event.unit;
    o.version = event.version;
    o.rule = r;
    o.rule_key = rule.key;
    o.file = origin.file;
    o.line = origin.line;
    if (trace_ && event.unit == trace_unit_) {
      o.traced = static_cast<std::int32_t>(traced_events_.size());
      traced_events_.push_back({event, origin.file ? *origin.file : std::string(), std::string(origin.raw)});
    }
    switch (rule.form) {
      case rule_form::recorded: o.amount = event.values.values[rule.value_attribute]; break;
      case rule_form::escalating: o.amount = 0; break;
      case rule_form::daily: {
        bool ends = (event.values.present >> rule.until_attribute) & 1;
        int last = ends ? static_cast<int>(event.values.values[rule.until_attribute]) - 1 : last_day_;
        last = std::min(last, last_day_);
        o.amount = rule.points;
        const int first = o.day;
        for (int day = first; day <= last; ++day) {
          o.day = day;
          o.period = plan_.periods.period_of_day(day);
          o.piece = static_cast<std::uint32_t>(day - first);
          ordered_.push_back(o);
        }
        continue;
      }
      default:
        for (const auto& choice : rule.amounts) {
          if (!choice.guard.holds(event.values)) continue;
          o.amount = choice.points;
          if (choice.per_attribute >= 0) {
            auto product = checked_mul(decimal::from_units(o.amount), decimal::from_units(event.values.values[choice.per_attribute]));
            if (!product) {
              overflow(fmt::format("{} line {}: rule `{}`", *origin.file, origin.line, rule.id));
              return;
            }
            o.amount = product->units();
          }
          break;
        }
    }
    ordered_.push_back(o);
  }
}

void evaluator::on_event(const decoded_event& event, const row_origin& origin) {
  const kind_plan& event_kind = plan_.versions[event.version].kinds[event.kind];
  if (event_kind.lasting_vetoes) note_lasting_vetoes(event);
  if (event_kind.ordered_rules && event.day_number() <= last_day_) note_ordered(event, origin);
  if (event.period < period_.first_period || event.period > period_.last_period) {
    ++counts_.outside;
    return;
  }
  ++counts_.scored;
  period_state& state = periods_[static_cast<std::size_t>(event.period - period_.first_period)];
  const version_plan& version = plan_.versions[event.version];
  const kind_plan& kind = version.kinds[event.kind];
  auto& pending = state.pending;
  trace_sink* trace = (trace_ && event.unit == trace_unit_ && event.period == trace_period_) ? trace_ : nullptr;

  bool deducted = false, counted = false;
  for (std::uint32_t r : kind.rules) {
    const rule_plan& rule = version.rules[r];
    if (!rule.filter.holds(event.values)) continue;
    const exemption_plan* exempt = nullptr;
    for (const auto& e : rule.exemptions) {
      if (e.when.holds(event.values)) {
        exempt = &e;
        break;
      }
    }
    counted = true;
    if (exempt) {
      if (trace) trace->on_exempt(origin, event, rule, *exempt);
      continue;
    }
    if (rule.ordered) continue;  // note_ordered() kept it
    std::int64_t amount = 0;
    switch (rule.form) {
      case rule_form::total:
      case rule_form::average:
        amount = event.values.values[rule.value_attribute];
        if (rule.form == rule_form::average) {
          pending.push_back({event.unit, static_cast<std::uint32_t>(state.rules + 1 + rule.count_slot), 1});
        }
        if (trace) trace->on_summed(origin, event, rule, decimal::from_units(amount));
        break;
      case rule_form::absence:
        amount = 1;  // a count: the period is not free of such events
        if (trace) trace->on_counted(origin, event, rule);
        break;
      case rule_form::distinct:
        pending.push_back({event.unit, r | period_state::or_flag,
                           static_cast<std::int64_t>(std::uint64_t{1} << event.values.values[rule.value_attribute])});
        if (trace) trace->on_counted(origin, event, rule);
        break;
      case rule_form::escalating:
      case rule_form::daily: break;  // ordered rules: skipped above
      case rule_form::recorded:
        amount = event.values.values[rule.value_attribute];
        if (amount < 0) deducted = true;
        if (trace) trace->on_amount(origin, event, rule, decimal::from_units(amount));
        break;
      case rule_form::per_event:
        for (const auto& choice : rule.amounts) {
          if (!choice.guard.holds(event.values)) continue;
          amount = choice.points;
          if (choice.per_attribute >= 0) {
            auto product = checked_mul(decimal::from_units(amount), decimal::from_units(event.values.values[choice.per_attribute]));
            if (!product) {
              overflow(fmt::format("{} line {}: rule `{}`", *origin.file, origin.line, rule.id));
              return;
            }
            amount = product->units();
          }
          break;
        }
        if (amount < 0) deducted = true;
        if (trace) trace->on_amount(origin, event, rule, decimal::from_units(amount));
        break;
    }
    if (amount != 0) pending.push_back({event.unit, r, amount});
  }
  std::uint64_t tally = deducted ? 1 : 0;
  for (std::uint32_t v : kind.vetoes) {
    const veto_plan& veto = version.vetoes[v];
    if (!veto.filter.holds(event.values)) continue;
    tally |= std::uint64_t{1} << (32 + v);
    counted = true;
    if (trace) trace->on_veto(origin, event, veto);
  }
  if (trace && !counted) trace->on_uncounted(origin, event);
  if (tally != 0) pending.push_back({event.unit, period_state::tally_slot, static_cast<std::int64_t>(tally)});
  if (pending.size() >= batch) apply_pending(state);

  if (person_tests_ > 0) {
    const auto& tests = plan_.versions[*year_version_].role_award->by_version[event.version][event.kind];
    for (const auto& t : tests) {
      if (!t.filter.holds(event.values)) continue;
      auto person = static_cast<std::size_t>(event.values.values[t.person_attribute]);
      ++person_counts_[person * person_tests_ + t.test];
    }
  }
}

void evaluator::apply_pending(period_state& state) {
  for (const auto& u : state.pending) {
    std::int64_t* record = state.record(u.unit);
    if (u.slot != period_state::tally_slot && (u.slot & period_state::or_flag)) {
      record[u.slot & ~period_state::or_flag] |= u.value;
      continue;
    }
    if (u.slot != period_state::tally_slot) {
      if (__builtin_add_overflow(record[u.slot], u.value, &record[u.slot])) {
        const auto& rules = plan_.versions[state.version].rules;
        overflow(fmt::format("unit {} in {}: {}", roster_.units[u.unit], plan_.periods.text(state.period),
                             u.slot < rules.size() ? fmt::format("rule `{}`", rules[u.slot].id) : "an average's count"));
      }
      continue;
    }
    auto& tally = reinterpret_cast<std::uint64_t&>(record[state.rules]);
    auto add = static_cast<std::uint64_t>(u.value);
    if ((tally & 0xffffffffu) + (add & 0xffffffffu) > 0xffffffffu) {
      overflow(fmt::format("unit {} in {}: deductions", roster_.units[u.unit], plan_.periods.text(state.period)));
      continue;
    }
    tally = ((tally | add) & ~std::uint64_t{0xffffffffu}) | ((tally & 0xffffffffu) + (add & 0xffffffffu));
  }
  state.pending.clear();
}

void evaluator::merge(evaluator& other) {
  for (auto& state : periods_) apply_pending(state);
  for (auto& state : other.periods_) other.apply_pending(state);
  for (std::size_t m = 0; m < periods_.size(); ++m) {
    auto& mine = periods_[m];
    auto& theirs = other.periods_[m];
    for (std::uint32_t u = 0; u < roster_.units.size(); ++u) {
      std::int64_t* a = mine.record(u);
      const std::int64_t* b = theirs.record(u);
      const auto& rules = plan_.versions[mine.version].rules;
      for (std::size_t r = 0; r < mine.rules; ++r) {
        if (rules[r].form == rule_form::distinct) {
          a[r] |= b[r];
        } else if (__builtin_add_overflow(a[r], b[r], &a[r])) {
          overflow(fmt::format("{} {}", plan_.periods.word(), plan_.periods.text(mine.period)));
        }
      }
      for (std::size_t c = mine.rules + 1; c < mine.rules + 1 + plan_.versions[mine.version].count_slots; ++c) {
        if (__builtin_add_overflow(a[c], b[c], &a[c])) overflow(fmt::format("{} {}", plan_.periods.word(), plan_.periods.text(mine.period)));
      }
      std::uint64_t deductions = std::uint64_t{mine.deductions(u)} + theirs.deductions(u);
      if (deductions > 0xffffffffu) overflow(fmt::format("{} {}", plan_.periods.word(), plan_.periods.text(mine.period)));
      std::uint64_t vetoes = mine.vetoes(u) | theirs.vetoes(u);
      a[mine.rules] = static_cast<std::int64_t>((vetoes << 32) | (deductions & 0xffffffffu));
    }
  }
  for (std::size_t i = 0; i < person_counts_.size(); ++i) person_counts_[i] += other.person_counts_[i];
  lasting_.insert(lasting_.end(), other.lasting_.begin(), other.lasting_.end());
  ordered_.insert(ordered_.end(), other.ordered_.begin(), other.ordered_.end());
  findings_.insert(findings_.end(), std::make_move_iterator(other.findings_.begin()),
                   std::make_move_iterator(other.findings_.end()));
  other.findings_.clear();
  counts_.scored += other.counts_.scored;
  counts_.outside += other.counts_.outside;
  counts_.rejected += other.counts_.rejected;
  counts_.not_scored += other.counts_.not_scored;
  overflowed_ = overflowed_ || other.overflowed_;
}

namespace {

// Competition ranking ("1, 2, 2, 4") of `candidates` under `compare`, which returns <0, 0, >0.
template <typename Compare>
std::vector<std::uint32_t> competition_ranks(std::vector<std::uint32_t>& candidates, Compare compare) {
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return compare(a, b) < 0; });
  std::vector<std::uint32_t> ranks(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    ranks[i] = (i > 0 && compare(candidates[i - 1], candidates[i]) == 0) ? ranks[i - 1] : static_cast<std::uint32_t>(i + 1);
  }
  return ranks;
}

// Ranks counted from the lowest, ties sharing them (for `bottom N`), of competition ranks in order.
std::vector<std::uint32_t> ranks_from_bottom(const std::vector<std::uint32_t>& ranks) {
  std::vector<std::uint32_t> out(ranks.size());
  for (std::size_t i = ranks.size(); i-- > 0;) {
    bool tied_with_next = i + 1 < ranks.size() && ranks[i + 1] == ranks[i];
    out[i] = tied_with_next ? out[i + 1] : static_cast<std::uint32_t>(ranks.size() - i);
  }
  return out;
}

template <typename T>
int three_way(T a, T b, bool descending) {
  if (a == b) return 0;
  bool a_first = descending ? a > b : a < b;
  return a_first ? -1 : 1;
}

template <typename Standing>
int compare_standings(const version_plan& version, const Standing& a, const Standing& b) {
  for (const auto& term : version.ranking_order) {
    int c = term.key == order_key::deductions ? three_way(a.deductions, b.deductions, term.descending)
                                              : three_way(a.score, b.score, term.descending);
    if (c != 0) return c;
  }
  return 0;
}

// Ranks `candidates` (indexes into `standings`: units or groups) by the ranking's order, counted
// from the top and, for `bottom N`, from the bottom (ties share both), and gives the distinctions.
template <typename Standing>
void place(const version_plan& version, std::vector<Standing>& standings, std::vector<std::uint32_t>& candidates) {
  auto ranks = competition_ranks(candidates, [&](std::uint32_t a, std::uint32_t b) {
    return compare_standings(version, standings[a], standings[b]);
  });
  auto from_bottom = ranks_from_bottom(ranks);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    Standing& standing = standings[candidates[i]];
    standing.rank = ranks[i];
    standing.distinctions = 0;
    for (std::size_t d = 0; d < version.distinctions.size(); ++d) {
      const auto& dist = version.distinctions[d];
      // The first is never also the last: when every unit ties, none is at the bottom.
      if (dist.from_bottom && ranks[i] == 1) continue;
      std::uint32_t rank = dist.from_bottom ? from_bottom[i] : ranks[i];
      if (rank >= dist.first_rank && rank <= dist.last_rank) standing.distinctions |= std::uint64_t{1} << d;
    }
  }
}

// Does a veto recorded in period `origin` still act in `period`, a later one?
bool lasts_into(const lang::calendar& periods, const veto_effect_plan& effect, int origin, int period) {
  if (!effect.rest_of_year || period <= origin) return false;
  int years = periods.year_of(period) - periods.year_of(origin);
  return years == 0 || (years == 1 && effect.and_next_year);
}

// Rules whose points are computed for the whole period: a negative result is one deduction.
bool counts_as_one_deduction(rule_form form) {
  return form == rule_form::total || form == rule_form::absence || form == rule_form::distinct || form == rule_form::average;
}

}  // namespace

// A rule's points for one unit's period, from its record word(s), before its cap.
std::optional<std::int64_t> evaluator::rule_points(const period_state& state, const rule_plan& rule, std::size_t r,
                                                   std::uint32_t unit, trace_sink* trace) {
  const std::int64_t* record = state.record(unit);
  std::int64_t total = record[r];
  switch (rule.form) {
    case rule_form::per_event:
    case rule_form::recorded:
    case rule_form::escalating:
    case rule_form::daily: return total;
    case rule_form::total: {
      auto steps = floor_div(decimal::from_units(total), decimal::from_units(rule.total_step));
      auto points = steps ? checked_mul(*steps, decimal::from_units(rule.total_points)) : std::nullopt;
      if (!points) return std::nullopt;
      if (trace && total != 0) trace->on_aggregate(rule, decimal::from_units(total), *points);
      return points->units();
    }
    case rule_form::absence: {
      std::int64_t points = total == 0 ? rule.points : 0;
      if (trace) trace->on_aggregate(rule, decimal::from_units(total * decimal::scale), decimal::from_units(points));
      return points;
    }
    case rule_form::distinct: {
      auto different = std::popcount(static_cast<std::uint64_t>(total));
      auto points = checked_mul(decimal::from_units(different * decimal::scale), decimal::from_units(rule.points));
      if (!points) return std::nullopt;
      if (trace && different != 0) trace->on_aggregate(rule, decimal::from_units(different * decimal::scale), *points);
      return points->units();
    }
    case rule_form::average: {
      std::int64_t count = record[state.rules + 1 + rule.count_slot];
      if (count == 0) return 0;
      auto mean = scaled_average(decimal::from_units(total), decimal::from_units(decimal::scale), count);
      auto points = scaled_average(decimal::from_units(total), decimal::from_units(rule.points), count);
      if (!mean || !points) return std::nullopt;
      if (trace) trace->on_aggregate(rule, *mean, *points);
      return points->units();
    }
  }
  return total;
}

period_result evaluator::finish_period(period_state& state) {
  const version_plan& version = plan_.versions[state.version];
  period_result out;
  out.period = state.period;
  out.version = state.version;
  out.areas = version.areas.size();
  out.units.resize(roster_.units.size());
  out.area_totals.assign(roster_.units.size() * out.areas, decimal{});
  if (keep_rule_totals_) out.rule_totals.assign(roster_.units.size() * version.rules.size(), decimal{});
  std::vector<std::int64_t> area_sums(out.areas);
  for (std::uint32_t u = 0; u < roster_.units.size(); ++u) {
    unit_period& um = out.units[u];
    um.deductions = state.deductions(u);
    um.vetoes = static_cast<std::uint32_t>(state.vetoes(u));
    trace_sink* trace = (trace_ && u == trace_unit_ && state.period == trace_period_) ? trace_ : nullptr;
    std::fill(area_sums.begin(), area_sums.end(), 0);
    bool failed = false;
    for (std::size_t r = 0; r < version.rules.size(); ++r) {
      const rule_plan& rule = version.rules[r];
      auto points = rule_points(state, rule, r, u, trace);
      if (!points) {
        overflow(fmt::format("unit {} in {}: rule `{}`", roster_.units[u], plan_.periods.text(state.period), rule.id));
        failed = true;
        continue;
      }
      std::int64_t total = *points;
      if (counts_as_one_deduction(rule.form) && total < 0) ++um.deductions;
      if (rule.cap) {
        std::int64_t capped = *rule.cap < 0 ? std::max(total, *rule.cap) : std::min(total, *rule.cap);
        if (capped != total && trace) trace->on_cap(rule, decimal::from_units(total), decimal::from_units(capped));
        total = capped;
      }
      if (keep_rule_totals_) out.rule_totals[u * version.rules.size() + r] = decimal::from_units(total);
      if (__builtin_add_overflow(area_sums[rule.area], total, &area_sums[rule.area])) failed = true;
    }
    std::int64_t score = version.base;
    decimal* areas = out.area_totals.data() + u * out.areas;
    for (std::size_t a = 0; a < out.areas; ++a) {
      const auto& budget = version.areas[a].budget;
      if (budget && area_sums[a] < -*budget) {
        if (trace) trace->on_budget(version.areas[a], decimal::from_units(area_sums[a]), decimal::from_units(-*budget));
        area_sums[a] = -*budget;
      }
      areas[a] = decimal::from_units(area_sums[a]);
      if (__builtin_add_overflow(score, area_sums[a], &score)) failed = true;
    }
    if (failed) overflow(fmt::format("unit {} in {}", roster_.units[u], plan_.periods.text(state.period)));
    um.score = decimal::from_units(score);
  }
  // The totals are folded into the result; free them before the next month is finished.
  state.records.reset();

  // Vetoes: those recorded this period, and those of earlier periods whose effect lasts.
  struct acting_veto {
    std::uint32_t unit;
    const veto_plan* veto;
    std::optional<int> since;  // for a veto of an earlier period, its period: only lasting effects act
  };
  std::vector<acting_veto> acting;
  for (std::uint32_t u = 0; u < out.units.size(); ++u) {
    for (std::size_t v = 0; v < version.vetoes.size(); ++v) {
      if ((out.units[u].vetoes >> v) & 1) acting.push_back({u, &version.vetoes[v], std::nullopt});
    }
  }
  for (const auto& l : lasting_) {
    const veto_plan& veto = plan_.versions[l.version].vetoes[l.veto];
    bool lasts = false;
    for (const auto& e : veto.effects) lasts = lasts || lasts_into(plan_.periods, e, l.period, state.period);
    if (!lasts) continue;
    unit_period& um = out.units[l.unit];
    for (std::size_t v = 0; v < version.vetoes.size(); ++v) {
      if (version.vetoes[v].id == veto.id) um.vetoes |= std::uint32_t{1} << v;
    }
    acting.push_back({l.unit, &veto, l.period});
    if (trace_ && l.unit == trace_unit_ && state.period == trace_period_) trace_->on_lasting_veto(veto, l.period);
  }
  std::vector<bool> lowest_grade(out.units.size(), false);
  for (const auto& [u, veto, since] : acting) {
    for (const auto& e : veto->effects) {
      if (since && !lasts_into(plan_.periods, e, *since, state.period)) continue;
      switch (e.what) {
        case lang::ast::veto_effect::action::not_eligible: out.units[u].excluded = true; break;
        case lang::ast::veto_effect::action::score_set: out.units[u].score = decimal::from_units(e.score); break;
        case lang::ast::veto_effect::action::lowest_grade: lowest_grade[u] = true; break;
      }
    }
  }
  if (!version.grades.empty()) {
    for (std::uint32_t u = 0; u < out.units.size(); ++u) {
      auto grade = lowest_grade[u] ? static_cast<std::uint32_t>(version.grades.size() - 1)
                                   : *version.grade_of(out.units[u].score.units());
      out.units[u].grade = static_cast<std::uint8_t>(grade + 1);
    }
  }

  // Who is ranked: units no veto excluded that pass the ranking's roster filters.
  std::vector<std::uint32_t> ranked, unranked;
  for (std::uint32_t u = 0; u < out.units.size(); ++u) {
    unit_period& um = out.units[u];
    if (!um.excluded && !version.ranking_filters.empty()) {
      for (const auto& filter : version.ranking_filters) um.filtered = um.filtered || !filter.holds(roster_.columns[u]);
    }
    // Grades come first in the list: a higher index is a lower grade.
    if (version.ranking_min_grade && um.grade > *version.ranking_min_grade + 1) um.filtered = true;
    (um.excluded || um.filtered ? unranked : ranked).push_back(u);
  }
  if (version.ranking_groups >= 0) {
    rank_groups(version, out, ranked);
  } else if (version.ranking_within >= 0) {
    // Separate rankings: one per value of the column, shown one after the other.
    auto column = static_cast<std::size_t>(version.ranking_within);
    std::stable_sort(ranked.begin(), ranked.end(), [&](std::uint32_t a, std::uint32_t b) {
      return roster_.columns[a].values[column] < roster_.columns[b].values[column];
    });
    std::vector<std::uint32_t> order;
    for (std::size_t begin = 0; begin < ranked.size();) {
      std::size_t end = begin;
      while (end < ranked.size() && roster_.columns[ranked[end]].values[column] == roster_.columns[ranked[begin]].values[column]) ++end;
      std::vector<std::uint32_t> part(ranked.begin() + static_cast<std::ptrdiff_t>(begin), ranked.begin() + static_cast<std::ptrdiff_t>(end));
      place(version, out.units, part);
      order.insert(order.end(), part.begin(), part.end());
      begin = end;
    }
    ranked = std::move(order);
  } else {
    place(version, out.units, ranked);
  }
  std::stable_sort(unranked.begin(), unranked.end(), [&](auto a, auto b) { return out.units[a].score > out.units[b].score; });
  out.order = std::move(ranked);
  out.order.insert(out.order.end(), unranked.begin(), unranked.end());
  return out;
}

// `rank each COLUMN by its average score`: a group's score is its ranked members' average, its
// deductions their sum; a veto on one member excludes the whole group. Members share the
// group's rank and distinctions.
void evaluator::rank_groups(const version_plan& version, period_result& out, std::vector<std::uint32_t>& ranked) {
  auto column = static_cast<std::size_t>(version.ranking_groups);
  const auto& choices = plan_.roster_columns.attributes[column].choices;
  out.groups.assign(choices.size(), group_result{});
  std::vector<std::int64_t> sums(choices.size(), 0);
  for (std::size_t g = 0; g < choices.size(); ++g) out.groups[g].value = choices[g];
  for (std::uint32_t u = 0; u < out.units.size(); ++u) {
    if (!((roster_.columns[u].present >> column) & 1)) continue;
    group_result& g = out.groups[static_cast<std::size_t>(roster_.columns[u].values[column])];
    if (out.units[u].excluded) g.excluded = true;
  }
  for (std::uint32_t u : ranked) {
    if (!((roster_.columns[u].present >> column) & 1)) continue;
    auto g = static_cast<std::size_t>(roster_.columns[u].values[column]);
    ++out.groups[g].members;
    out.groups[g].deductions += out.units[u].deductions;
    if (__builtin_add_overflow(sums[g], out.units[u].score.units(), &sums[g])) overflow("a group's total");
  }
  std::vector<std::uint32_t> candidates;
  for (std::uint32_t g = 0; g < out.groups.size(); ++g) {
    group_result& group = out.groups[g];
    if (group.members == 0 || group.excluded) continue;
    group.score = *scaled_average(decimal::from_units(sums[g]), decimal::from_units(decimal::scale), group.members);
    candidates.push_back(g);
  }
  place(version, out.groups, candidates);
  std::vector<std::uint32_t> order;
  for (std::uint32_t g : candidates) {
    for (std::uint32_t u : ranked) {
      if (((roster_.columns[u].present >> column) & 1) && roster_.columns[u].values[column] == g) {
        out.units[u].rank = out.groups[g].rank;
        out.units[u].distinctions = out.groups[g].distinctions;
        order.push_back(u);
      }
    }
  }
  for (std::uint32_t u : ranked) {
    if (!out.units[u].has_rank()) order.push_back(u);  // in no group, or in an excluded one
  }
  ranked = std::move(order);
}

// The awards of one window (a year, semester or quarter) from its scored periods. The role-holder
// subsidy is yearly: it is given with the window that ends the year.
year_result evaluator::finish_window(const std::vector<const period_result*>& periods, int window,
                                     std::uint32_t version_index, bool with_role_subsidy) {
  const version_plan& version = plan_.versions[version_index];
  year_result out;
  out.year = *period_.year;
  out.window_period = version.awards_period;
  out.window = window;
  out.version = version_index;
  for (const auto& d : version.distinctions) out.distinctions.push_back(d.id);
  for (const auto& g : version.grades) out.distinctions.push_back(g.id);
  for (const auto& t : version.titles) out.titles.push_back(t.id);
  out.units.resize(roster_.units.size());
  for (const auto* m : periods) out.periods.push_back(m->period);
  std::vector<std::uint32_t> longest_run(roster_.units.size() * version.titles.size(), 0);
  for (std::uint32_t u = 0; u < roster_.units.size(); ++u) {
    year_unit& yu = out.units[u];
    yu.unit = u;
    yu.distinction_counts.assign(out.distinctions.size(), 0);
    std::int64_t total = 0;
    std::vector<std::uint32_t> run(version.titles.size(), 0);
    for (const auto* m : periods) {
      const unit_period& um = m->units[u];
      if (__builtin_add_overflow(total, um.score.units(), &total)) overflow(fmt::format("unit {} in {}", roster_.units[u], out.year));
      const auto& period_distinctions = plan_.versions[m->version].distinctions;
      const auto& period_grades = plan_.versions[m->version].grades;
      auto received = [&](const std::string& id) {
        for (std::size_t md = 0; md < period_distinctions.size(); ++md) {
          if (period_distinctions[md].id == id && um.received(md)) return true;
        }
        return false;
      };
      for (std::size_t d = 0; d < out.distinctions.size(); ++d) {
        if (received(out.distinctions[d])) ++yu.distinction_counts[d];
        if (um.grade != 0 && period_grades[um.grade - 1u].id == out.distinctions[d]) ++yu.distinction_counts[d];
      }
      for (std::size_t t = 0; t < version.titles.size(); ++t) {
        if (version.titles[t].streak == 0) continue;
        run[t] = received(version.titles[t].streak_distinction) ? run[t] + 1 : 0;
        auto& longest = longest_run[u * version.titles.size() + t];
        longest = std::max(longest, run[t]);
      }
    }
    yu.total_score = decimal::from_units(total);
    if (!version.titles.empty()) {
      yu.longest_runs.assign(longest_run.begin() + static_cast<std::ptrdiff_t>(u * version.titles.size()),
                             longest_run.begin() + static_cast<std::ptrdiff_t>((u + 1) * version.titles.size()));
    }
    for (std::size_t t = 0; t < version.titles.size(); ++t) {
      if (version.titles[t].streak != 0 && longest_run[u * version.titles.size() + t] >= version.titles[t].streak) {
        yu.titles |= std::uint64_t{1} << t;
      }
    }
  }
  auto count_of = [&](const year_unit& yu, const std::string& name) -> std::uint32_t {
    for (std::size_t d = 0; d < out.distinctions.size(); ++d) {
      if (out.distinctions[d] == name) return yu.distinction_counts[d];
    }
    return 0;
  };
  std::vector<std::uint32_t> ranked, unranked;
  for (std::uint32_t u = 0; u < roster_.units.size(); ++u) {
    bool passes = true;
    for (const auto& filter : version.awards_filters) passes = passes && filter.holds(roster_.columns[u]);
    out.units[u].eligible = passes;
    (passes ? ranked : unranked).push_back(u);
  }
  if (version.has_awards) {
    auto compare = [&](std::uint32_t a, std::uint32_t b) {
      for (const auto& term : version.awards_order) {
        int c = term.key == order_key::total_score
                    ? three_way(out.units[a].total_score, out.units[b].total_score, term.descending)
                    : three_way(count_of(out.units[a], term.distinction), count_of(out.units[b], term.distinction),
                                term.descending);
        if (c != 0) return c;
      }
      return 0;
    };
    auto ranks = competition_ranks(ranked, compare);
    auto from_bottom = ranks_from_bottom(ranks);
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      year_unit& yu = out.units[ranked[i]];
      yu.rank = ranks[i];
      if (version.award_eligibility) {
        yu.eligible = count_of(yu, version.award_eligibility->first) >= version.award_eligibility->second;
      }
      for (const auto& [rank, percent] : version.subsidies) {
        if (rank == yu.rank && yu.eligible) yu.subsidy_percent = decimal::from_units(percent);
      }
      for (std::size_t t = 0; t < version.titles.size(); ++t) {
        const auto& title = version.titles[t];
        if (title.from_bottom && ranks[i] == 1) continue;
        std::uint32_t rank = title.from_bottom ? from_bottom[i] : ranks[i];
        if (title.streak == 0 && title.role.empty() && rank >= title.first_rank && rank <= title.last_rank) {
          yu.titles |= std::uint64_t{1} << t;
        }
      }
    }
  }
  out.order = ranked;
  out.order.insert(out.order.end(), unranked.begin(), unranked.end());

  std::uint32_t lowest = 0;  // the lowest rank given, for role-holder awards to `bottom N`
  for (std::uint32_t u : ranked) lowest = std::max(lowest, out.units[u].rank);
  out.people.resize(roster_.people.size());
  for (std::uint32_t p = 0; p < roster_.people.size(); ++p) {
    role_holder& holder = out.people[p];
    holder.person = p;
    const person_entry& person = roster_.people[p];
    const year_unit& home = out.units[person.unit];
    for (std::size_t t = 0; t < version.titles.size(); ++t) {
      const auto& title = version.titles[t];
      if (title.role.empty() || title.role != person.role || home.rank == 0) continue;
      if (title.from_bottom && home.rank == 1) continue;
      std::uint32_t rank = title.from_bottom ? lowest - home.rank + 1 : home.rank;
      if (rank >= title.first_rank && rank <= title.last_rank) holder.titles |= std::uint64_t{1} << t;
    }
    if (!with_role_subsidy || !year_award_) continue;
    const auto& award = *plan_.versions[*year_version_].role_award;
    holder.qualified = true;
    for (std::size_t t = 0; t < award.tests.size(); ++t) {
      std::uint32_t count = person_counts_[p * person_tests_ + t];
      holder.test_counts.push_back(count);
      bool pass = award.tests[t].forbids ? count == 0 : count >= award.tests[t].at_least;
      holder.qualified = holder.qualified && pass;
    }
    if (holder.qualified) holder.subsidy_percent = decimal::from_units(award.percent);
  }
  return out;
}

namespace {

// The first day of the look-back window that ends on `day`: "within 12 months" of 2024-03-15
// reaches back to events after 2023-03-15.
int window_start(int day, std::int64_t length, lang::ast::period unit) {
  using lang::ast::period;
  if (unit == period::day) return day - static_cast<int>(length);
  if (unit == period::week) return day - 7 * static_cast<int>(length);
  lang::civil_date d = lang::date_of_day(day);
  int months = static_cast<int>(unit == period::year ? 12 * length : length);
  int index = d.year * 12 + (d.month - 1) - months;
  int year = index / 12, month = index % 12 + 1;
  int day_of_month = std::min(d.day, lang::days_in_month(year, month));  // 31 March - 1 month: 28 or 29 February
  return lang::day_number(year, month, day_of_month);
}

std::string ordinal(std::size_t n) {
  const char* suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
  return fmt::format("{}{}", n, suffix);
}

}  // namespace

// Ordered rules in date order (ties: file, then line), one unit and rule at a time; the amounts
// join the periods' records as if they had been read in that order.
void evaluator::resolve_ordered() {
  std::sort(ordered_.begin(), ordered_.end(), [](const ordered_event& a, const ordered_event& b) {
    if (a.unit != b.unit) return a.unit < b.unit;
    if (a.rule_key != b.rule_key) return a.rule_key < b.rule_key;
    if (a.day != b.day) return a.day < b.day;
    if (a.file != b.file && a.file && b.file && *a.file != *b.file) return *a.file < *b.file;
    if (a.line != b.line) return a.line < b.line;
    return a.piece < b.piece;
  });
  std::vector<int> history;  // days of the counted events of the current unit and rule
  // Running counts (limits) and totals (caps) of the current unit and rule: (limit or cap, window key).
  std::map<std::pair<std::size_t, int>, std::int64_t> running;
  for (std::size_t i = 0; i < ordered_.size(); ++i) {
    const ordered_event& o = ordered_[i];
    if (i == 0 || o.unit != ordered_[i - 1].unit || o.rule_key != ordered_[i - 1].rule_key) {
      history.clear();
      running.clear();
    }
    const rule_plan& rule = plan_.versions[o.version].rules[o.rule];
    std::int64_t amount = o.amount;
    std::string why;
    if (rule.form == rule_form::escalating) {
      int start = window_start(o.day, rule.window, rule.window_unit);
      std::size_t earlier = 0;
      for (int d : history) earlier += d > start ? 1 : 0;
      history.push_back(o.day);
      const auto& step = rule.escalation[std::min(earlier, rule.escalation.size() - 1)];
      amount = step.value_or(0);
      why = fmt::format("{} time within {} {}{}{}", ordinal(earlier + 1), rule.window, lang::ast::to_string(rule.window_unit),
                        rule.window == 1 ? "" : "s", step ? "" : ": a warning, no points");
    } else if (rule.form == rule_form::daily) {
      why = fmt::format("day {} of a continuing violation", o.piece + 1);
    }
    bool deduction = amount < 0;
    for (std::size_t l = 0; l < rule.limits.size(); ++l) {
      const auto& limit = rule.limits[l];
      auto& count = running[{l, lang::calendar(limit.period).period_of_day(o.day)}];
      if (count >= limit.times) {
        why += fmt::format("{}beyond `counted at most {} per {}`: not counted", why.empty() ? "" : "; ",
                           limit.times == 1 ? std::string("once") : fmt::format("{} times", limit.times),
                           lang::ast::to_string(limit.period));
        amount = 0;
        deduction = false;
      } else {
        ++count;
      }
    }
    std::vector<std::int64_t*> cap_totals;  // the windows of this event's day, one per cap
    for (std::size_t c = 0; c < rule.caps.size(); ++c) {
      const auto& cap = rule.caps[c];
      std::int64_t& total = running[{rule.limits.size() + c, lang::calendar(cap.period).period_of_day(o.day)}];
      cap_totals.push_back(&total);
      std::int64_t room = cap.limit - total;  // what the cap still allows, in its direction
      std::int64_t allowed = cap.limit < 0 ? std::max(amount, std::min<std::int64_t>(room, 0))
                                           : std::min(amount, std::max<std::int64_t>(room, 0));
      if ((cap.limit < 0 && amount < 0 && allowed != amount) || (cap.limit > 0 && amount > 0 && allowed != amount)) {
        why += fmt::format("{}{} cut to {} by the cap of {} per {}", why.empty() ? "" : "; ",
                           decimal::from_units(amount).to_signed_string(), decimal::from_units(allowed).to_signed_string(),
                           decimal::from_units(cap.limit).to_signed_string(), lang::ast::to_string(cap.period));
        amount = allowed;
      }
    }
    for (std::int64_t* total : cap_totals) *total += amount;
    if (o.period < period_.first_period || o.period > period_.last_period) continue;
    period_state& state = periods_[static_cast<std::size_t>(o.period - period_.first_period)];
    if (amount != 0) state.pending.push_back({o.unit, o.rule, amount});
    if (deduction) state.pending.push_back({o.unit, period_state::tally_slot, 1});
    if (trace_ && o.traced >= 0 && o.period == trace_period_) {
      const traced_event& t = traced_events_[static_cast<std::size_t>(o.traced)];
      decoded_event shown = t.event;
      lang::civil_date shown_day = lang::date_of_day(o.day);
      shown.year = shown_day.year;
      shown.month = shown_day.month;
      shown.day = shown_day.day;
      row_origin origin{&t.file, o.line, t.row};
      trace_->on_ordered(origin, shown, rule, decimal::from_units(amount), why);
    }
  }
}

std::optional<score_result> evaluator::finish() {
  resolve_ordered();
  for (auto& state : periods_) apply_pending(state);
  score_result result;
  for (auto& state : periods_) result.periods.push_back(finish_period(state));
  if (period_.year) {
    // Windows of the awards' period (a week counts in the window that holds its Thursday).
    const version_plan& year_version = plan_.versions[*year_version_];
    lang::calendar windows(year_version.awards_period);
    std::map<int, std::vector<const period_result*>> by_window;
    for (const auto& m : result.periods) {
      lang::civil_date first = plan_.periods.first_day(m.period);
      int anchor = lang::day_number(first.year, first.month, first.day) +
                   (plan_.periods.cadence() == lang::ast::period::week ? 3 : 0);
      by_window[windows.period_of_day(anchor)].push_back(&m);
    }
    for (auto it = by_window.begin(); it != by_window.end(); ++it) {
      int last_period = plan_.periods.period_of_day(windows.last_day_number(it->first));
      auto version = plan_.version_for_period(std::min(last_period, plan_.periods.last_of_year(*period_.year)));
      result.windows.push_back(finish_window(it->second, it->first, version.value_or(*year_version_),
                                             std::next(it) == by_window.end()));
    }
  }
  if (overflowed_) return std::nullopt;
  return result;
}

}  // namespace rubric::engine
