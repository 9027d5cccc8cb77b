#include "engine/eval.hpp"

#include "engine/rank.hpp"

#include <algorithm>
#include <bit>
#include <map>
#include <cstring>
#include <numeric>

#include <fmt/format.h>

#include "engine/report/text.hpp"
#include "lang/i18n.hpp"

namespace rubric::engine {

evaluator::evaluator(const plan& p, const roster& r, const period_selection& period)
    : plan_(p), roster_(r), period_(period) {
  shown_from_ = period.first_period;
  period_.first_period = balance_start(period.first_period);
  for (int m = period_.first_period; m < period.first_period; ++m) {
    // Earlier periods that only carry a balance forward have the version in force then.
    if (!plan_.version_for_period(m)) period_.first_period = m + 1;
  }
  for (int m = period_.first_period; m <= period.last_period; ++m) {
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
  if (rejects_ && is_row_problem(problem.code)) rejects_->write(problem);
  auto kept = kept_.find(problem.file);
  if (kept == kept_.end()) kept = kept_.emplace(problem.file, 0).first;
  if (kept->second < kept_findings_per_file || is_fatal(problem.code) || is_note(problem.code)) {
    ++kept->second;
    findings_.push_back(std::move(problem));
  } else {
    auto& unshown = unshown_[problem.file];
    ++(is_warning(problem.code) ? unshown.warnings : unshown.errors);
  }
}

void evaluator::overflow(const std::string& where) {
  if (overflowed_) return;
  overflowed_ = true;
  findings_.push_back({finding_code::arithmetic, {}, 0, 0,
                       i18n::tr("{}: the total is beyond the exact range of points (about ±9.2 trillion); "
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

bool evaluator::note_ordered(const decoded_event& event, const row_origin& origin, std::uint64_t event_id) {
  const version_plan& version = plan_.versions[event.version];
  bool kept = false;
  const std::size_t content = content_.size();
  bool content_kept = false;
  const std::uint64_t row_hash = std::hash<std::string_view>{}(origin.raw);
  for (std::uint32_t r : version.kinds[event.kind].rules) {
    const rule_plan& rule = version.rules[r];
    if (!rule.ordered || !rule.filter.holds(event.values)) continue;
    bool exempt = false;
    for (const auto& e : rule.exemptions) exempt = exempt || e.when.holds(event.values);
    if (exempt) continue;
    kept = true;
    ordered_event o;
    o.event = event_id;
    o.day = event.day_number();
    o.period = event.period;
    o.unit = event.unit;
    o.version = event.version;
    o.rule = r;
    o.rule_key = rule.key;
    if (!content_kept) {  // once per event, whatever number of rules or days
      content_kept = true;
      const std::size_t attributes = version.kinds[event.kind].attributes.size();
      std::uint64_t present = attributes < 64 ? event.values.present & ((std::uint64_t{1} << attributes) - 1) : event.values.present;
      content_.push_back(static_cast<std::int64_t>(present));
      for (std::size_t a = 0; a < attributes; ++a) content_.push_back((present >> a) & 1 ? event.values.values[a] : 0);
    }
    o.content = content;
    o.row_hash = row_hash;
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
              overflow(i18n::tr("{} line {}: {}", *origin.file, origin.line, i18n::tr("rule `{}`", rule.id)));
              return kept;
            }
            o.amount = product->units();
          }
          break;
        }
    }
    ordered_.push_back(o);
  }
  return kept;
}

void evaluator::on_event(const decoded_event& event, const row_origin& origin) {
  const kind_plan& event_kind = plan_.versions[event.version].kinds[event.kind];
  const std::uint64_t event_id = next_event_++;
  if (event_kind.lasting_vetoes) note_lasting_vetoes(event);
  if (event_kind.redeems) note_redemption(event, origin);
  // An event an ordered rule also counts is judged a deduction once the ordered amounts are known.
  const bool ordered = event_kind.ordered_rules && event.day_number() <= last_day_ && note_ordered(event, origin, event_id);
  if (event.period < period_.first_period || event.period > period_.last_period) {
    ++counts_.outside;
    return;
  }
  ++counts_.scored;
  period_state& state = periods_[static_cast<std::size_t>(event.period - period_.first_period)];
  ++state.events;
  const version_plan& version = plan_.versions[event.version];
  const kind_plan& kind = version.kinds[event.kind];
  auto& pending = state.pending;
  trace_sink* trace = (trace_ && event.unit == trace_unit_ && event.period == trace_period_) ? trace_ : nullptr;

  std::int64_t event_amount = 0;  // the sum of the event's amounts from every per-event rule, before caps
  bool counted = false;
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
        if (trace) trace->on_amount(origin, event, rule, decimal::from_units(amount));
        break;
      case rule_form::per_event:
        for (const auto& choice : rule.amounts) {
          if (!choice.guard.holds(event.values)) continue;
          amount = choice.points;
          if (choice.per_attribute >= 0) {
            auto product = checked_mul(decimal::from_units(amount), decimal::from_units(event.values.values[choice.per_attribute]));
            if (!product) {
              overflow(i18n::tr("{} line {}: {}", *origin.file, origin.line, i18n::tr("rule `{}`", rule.id)));
              return;
            }
            amount = product->units();
          }
          break;
        }
        if (trace) trace->on_amount(origin, event, rule, decimal::from_units(amount));
        break;
    }
    if (amount != 0) pending.push_back({event.unit, r, amount});
    if ((rule.form == rule_form::per_event || rule.form == rule_form::recorded) &&
        __builtin_add_overflow(event_amount, amount, &event_amount)) {
      overflow(i18n::tr("{} line {}: {}", *origin.file, origin.line, i18n::text("the event's amounts")));
    }
  }
  if (ordered) deferred_.push_back({event_id, event.period, event.unit, event_amount});
  std::uint64_t tally = !ordered && event_amount < 0 ? 1 : 0;
  for (std::uint32_t v : kind.vetoes) {
    const veto_plan& veto = version.vetoes[v];
    if (!veto.filter.holds(event.values)) continue;
    tally |= std::uint64_t{1} << (32 + v);
    counted = true;
    if (trace) trace->on_veto(origin, event, veto);
  }
  // A redemption is no rule's: the balance explains it once every period is scored.
  if (trace && !counted && !kind.redeems) trace->on_uncounted(origin, event);
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
        overflow(i18n::tr("unit {} in {}: {}", roster_.units[u.unit], plan_.periods.text(state.period),
                          u.slot < rules.size() ? i18n::tr("rule `{}`", rules[u.slot].id) : i18n::text("an average's count")));
      }
      continue;
    }
    auto& tally = reinterpret_cast<std::uint64_t&>(record[state.rules]);
    auto add = static_cast<std::uint64_t>(u.value);
    if ((tally & 0xffffffffu) + (add & 0xffffffffu) > 0xffffffffu) {
      overflow(i18n::tr("unit {} in {}: deductions", roster_.units[u.unit], plan_.periods.text(state.period)));
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
    mine.events += theirs.events;
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
  redemptions_.insert(redemptions_.end(), std::make_move_iterator(other.redemptions_.begin()),
                      std::make_move_iterator(other.redemptions_.end()));
  // The other evaluator numbered its events from 0 and kept its own content store: both follow this one's.
  const std::size_t rebase = content_.size();
  content_.insert(content_.end(), other.content_.begin(), other.content_.end());
  for (auto& o : other.ordered_) {
    o.event += next_event_;
    o.content += rebase;
  }
  for (auto& d : other.deferred_) d.event += next_event_;
  next_event_ += other.next_event_;
  ordered_.insert(ordered_.end(), other.ordered_.begin(), other.ordered_.end());
  deferred_.insert(deferred_.end(), other.deferred_.begin(), other.deferred_.end());
  findings_.insert(findings_.end(), std::make_move_iterator(other.findings_.begin()),
                   std::make_move_iterator(other.findings_.end()));
  other.findings_.clear();
  for (const auto& [file, count] : other.unshown_) {
    unshown_[file].errors += count.errors;
    unshown_[file].warnings += count.warnings;
  }
  counts_.scored += other.counts_.scored;
  counts_.outside += other.counts_.outside;
  counts_.rejected += other.counts_.rejected;
  counts_.not_scored += other.counts_.not_scored;
  overflowed_ = overflowed_ || other.overflowed_;
}

namespace {

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
        overflow(i18n::tr("unit {} in {}: {}", roster_.units[u], plan_.periods.text(state.period), i18n::tr("rule `{}`", rule.id)));
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
    if (failed) overflow(i18n::tr("unit {} in {}", roster_.units[u], plan_.periods.text(state.period)));
    um.score = decimal::from_units(score);
  }
  // The totals are folded into the result; free them before the next period is finished.
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

  out.events_recorded = state.events;
  if (!rank_period(plan_, roster_, out.events_recorded == 0 && !rank_empty_periods_, out)) overflow(i18n::text("a group's total"));
  return out;
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
  for (const auto* m : periods) out.periods.push_back(m->period);
  out.units.resize(roster_.units.size());
  for (std::uint32_t u = 0; u < roster_.units.size(); ++u) {
    year_unit& yu = out.units[u];
    yu.unit = u;
    std::int64_t total = 0;
    for (const auto* m : periods) {
      if (__builtin_add_overflow(total, m->units[u].score.units(), &total)) overflow(i18n::tr("unit {} in {}", roster_.units[u], out.year));
    }
    yu.total_score = decimal::from_units(total);
  }
  count_window(plan_, periods, out);
  rank_window(version, roster_, out);
  if (!with_role_subsidy || !year_award_) return out;
  const auto& award = *plan_.versions[*year_version_].role_award;
  for (std::uint32_t p = 0; p < roster_.people.size(); ++p) {
    role_holder& holder = out.people[p];
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

// "2nd time": one message per English suffix, as another language words the whole phrase.
std::string ordinal_time(std::size_t n) {
  if (n % 100 >= 11 && n % 100 <= 13) return i18n::tr("{}th time", n);
  if (n % 10 == 1) return i18n::tr("{}st time", n);
  if (n % 10 == 2) return i18n::tr("{}nd time", n);
  if (n % 10 == 3) return i18n::tr("{}rd time", n);
  return i18n::tr("{}th time", n);
}

}  // namespace

// The total order of events that never depends on the order or the names of files: date, then
// the content (version, the kind's attribute values, the day of a continuing violation, the
// row's text). Rows still equal are byte-identical, so either order gives the same amounts.
bool evaluator::content_less(const ordered_event& a, const ordered_event& b) const {
  if (a.day != b.day) return a.day < b.day;
  if (a.version != b.version) return a.version < b.version;
  if (a.rule != b.rule) return a.rule < b.rule;
  if (a.content != b.content) {
    const std::size_t words = 1 + plan_.versions[a.version].kinds[plan_.versions[a.version].rules[a.rule].kind].attributes.size();
    auto x = content_.begin() + static_cast<std::ptrdiff_t>(a.content);
    auto y = content_.begin() + static_cast<std::ptrdiff_t>(b.content);
    auto [dx, dy] = std::mismatch(x, x + static_cast<std::ptrdiff_t>(words), y);
    if (dx != x + static_cast<std::ptrdiff_t>(words)) return *dx < *dy;
  }
  if (a.piece != b.piece) return a.piece < b.piece;
  if (a.row_hash != b.row_hash) return a.row_hash < b.row_hash;
  return a.line < b.line;
}

// Ordered rules one unit and rule at a time, in the total order of events; the amounts join the
// periods' records as if they had been read in that order.
void evaluator::resolve_ordered() {
  std::sort(ordered_.begin(), ordered_.end(), [this](const ordered_event& a, const ordered_event& b) {
    if (a.unit != b.unit) return a.unit < b.unit;
    if (a.rule_key != b.rule_key) return a.rule_key < b.rule_key;
    return content_less(a, b);
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
      why = step ? i18n::tr("{} within {}", ordinal_time(earlier + 1),
                            engine::text::periods_count(static_cast<std::uint64_t>(rule.window), lang::ast::to_string(rule.window_unit)))
                 : i18n::tr("{} within {}: a warning, no points", ordinal_time(earlier + 1),
                            engine::text::periods_count(static_cast<std::uint64_t>(rule.window), lang::ast::to_string(rule.window_unit)));
    } else if (rule.form == rule_form::daily) {
      why = i18n::tr("day {} of a continuing violation", o.piece + 1);
    }
    for (std::size_t l = 0; l < rule.limits.size(); ++l) {
      const auto& limit = rule.limits[l];
      auto& count = running[{l, lang::calendar(limit.period).period_of_day(o.day)}];
      if (count >= limit.times) {
        // The clause is quoted as the rubric writes it; the sentence around it is the reader's.
        why += fmt::format("{}{}", why.empty() ? "" : "; ",
                           i18n::tr("beyond `counted at most {} per {}`: not counted",
                                    limit.times == 1 ? std::string("once") : fmt::format("{} times", limit.times),
                                    lang::ast::to_string(limit.period)));
        amount = 0;
      } else {
        ++count;
      }
    }
    const std::int64_t before_caps = amount;
    std::vector<std::int64_t*> cap_totals;  // the windows of this event's day, one per cap
    for (std::size_t c = 0; c < rule.caps.size(); ++c) {
      const auto& cap = rule.caps[c];
      std::int64_t& total = running[{rule.limits.size() + c, lang::calendar(cap.period).period_of_day(o.day)}];
      cap_totals.push_back(&total);
      std::int64_t room = cap.limit - total;  // what the cap still allows, in its direction
      std::int64_t allowed = cap.limit < 0 ? std::max(amount, std::min<std::int64_t>(room, 0))
                                           : std::min(amount, std::max<std::int64_t>(room, 0));
      if ((cap.limit < 0 && amount < 0 && allowed != amount) || (cap.limit > 0 && amount > 0 && allowed != amount)) {
        why += fmt::format("{}{}", why.empty() ? "" : "; ",
                           i18n::tr("{} cut to {} by the cap of {} per {}", decimal::from_units(amount).to_signed_string(),
                                    decimal::from_units(allowed).to_signed_string(),
                                    decimal::from_units(cap.limit).to_signed_string(),
                                    engine::text::period_noun(lang::ast::to_string(cap.period))));
        amount = allowed;
      }
    }
    for (std::int64_t* total : cap_totals) *total += amount;
    if (o.period < period_.first_period || o.period > period_.last_period) continue;
    period_state& state = periods_[static_cast<std::size_t>(o.period - period_.first_period)];
    if (amount != 0) state.pending.push_back({o.unit, o.rule, amount});
    deferred_.push_back({o.event, o.period, o.unit, before_caps});
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
  // An event is one deduction in each period where its amounts, over every rule, sum below zero.
  std::sort(deferred_.begin(), deferred_.end(), [](const deferred_amount& a, const deferred_amount& b) {
    return std::tie(a.event, a.period) < std::tie(b.event, b.period);
  });
  for (std::size_t i = 0; i < deferred_.size();) {
    std::int64_t sum = 0;
    std::size_t j = i;
    for (; j < deferred_.size() && deferred_[j].event == deferred_[i].event && deferred_[j].period == deferred_[i].period; ++j) {
      if (__builtin_add_overflow(sum, deferred_[j].amount, &sum)) overflow(i18n::text("an event's amounts"));
    }
    if (sum < 0) {
      periods_[static_cast<std::size_t>(deferred_[i].period - period_.first_period)].pending.push_back(
          {deferred_[i].unit, period_state::tally_slot, 1});
    }
    i = j;
  }
}

std::optional<score_result> evaluator::finish() {
  resolve_ordered();
  for (auto& state : periods_) apply_pending(state);
  score_result result;
  for (auto& state : periods_) result.periods.push_back(finish_period(state));
  apply_balances(result);
  if (period_.year) {
    // Windows of the awards' period (a week counts in the window that holds its Thursday).
    const version_plan& year_version = plan_.versions[*year_version_];
    lang::calendar windows(year_version.awards_period);
    std::map<int, std::vector<const period_result*>> by_window;
    for (const auto& m : result.periods) {
      // A period in which no event was recorded is published unranked: it is none of the windows' periods.
      if (m.events_recorded == 0 && !rank_empty_periods_) continue;
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
