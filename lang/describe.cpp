#include "lang/time_of_day.hpp"
#include "lang/describe.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "lang/calendar.hpp"
#include "lang/i18n.hpp"
#include "lang/overloaded.hpp"

namespace rubric::lang {

namespace {

bool chinese() { return i18n::current_language() == i18n::language::zh; }

// Between the items of a list: "、" in Chinese, ", " in English (the catalogue's ", ").
std::string list_separator() { return i18n::text(", "); }
// Between the clauses of one sentence: "，" in Chinese.
std::string clause_separator() { return i18n::text_in("between clauses", ", "); }

template <typename Range>
std::string joined(const Range& items, const std::string& separator) {
  return fmt::format("{}", fmt::join(items, separator));
}

// The label, or the name where the rubric gives none: a reader never sees a name with a label.
std::string label_or_name(const std::string& name, const std::string& label) { return label.empty() ? name : label; }
std::string label_or_name(const ast::name& name, const std::optional<ast::label>& label) {
  return label ? label->text : name.text;
}

// A number's magnitude, without its sign: the sign is said in words ("扣 2 分").
std::string magnitude(const ast::number& n) {
  std::string text = n.value.to_string();
  if (!text.empty() && text.front() == '-') text.erase(0, 1);
  return text;
}

// "扣 2 分" / "2 points off", "加 3 分" / "3 points added", "计 0 分" / "no points".
std::string points_words(const ast::number& n) {
  if (n.value.is_negative()) {
    return i18n::trn("{} point off", "{} points off", n.value == decimal::from_units(-decimal::scale) ? 1 : 2, magnitude(n));
  }
  if (n.value.is_positive()) {
    return i18n::trn("{} point added", "{} points added", n.value == decimal::from_units(decimal::scale) ? 1 : 2, magnitude(n));
  }
  return i18n::text("no points");
}

// The period in a sentence: "月" / "month" (lang/calendar's nouns, shared with the reports).
std::string noun(ast::period p) { return period_noun(ast::to_string(p)); }

// The names a reader knows, for one kind of event's attributes and their choices.
struct kind_words {
  const kind_info* kind = nullptr;

  const attribute_info* attribute(const std::string& name) const {
    if (!kind) return nullptr;
    auto index = kind->attribute_index(name);
    return index ? &kind->attributes[*index] : nullptr;
  }
  std::string attribute_label(const ast::name& name) const {
    const attribute_info* a = attribute(name.text);
    return a ? label_or_name(a->name, a->label) : name.text;
  }
  std::string literal(const ast::name& attribute_name, const ast::literal& value) const {
    switch (value.type) {
      case ast::literal::kind::boolean: return yes_no_word(value.flag);
      case ast::literal::kind::number: return value.num.value.to_string();
      case ast::literal::kind::word: {
        const attribute_info* a = attribute(attribute_name.text);
        if (a) {
          if (auto code = a->choice_index(value.word.text); code && *code < a->choice_labels.size() &&
                                                              !a->choice_labels[*code].empty()) {
            return a->choice_labels[*code];
          }
        }
        return value.word.text;
      }
    }
    return value.word.text;
  }
};

std::string bound_words(const ast::bound& b) {
  std::string limit = b.limit.value.to_string();
  switch (b.kind) {
    case ast::bound_kind::at_least: return i18n::tr("at least {}", limit);
    case ast::bound_kind::at_most: return i18n::tr("at most {}", limit);
    case ast::bound_kind::above: return i18n::tr("above {}", limit);
    case ast::bound_kind::below: return i18n::tr("below {}", limit);
  }
  return limit;
}

// `on weekdays` in the reader's language: 工作日, 周一.
std::string day_words(std::string_view word) {
  if (word == "weekdays") return i18n::text("on weekdays");
  if (word == "weekends") return i18n::text("at weekends");
  if (word == "monday") return i18n::text("on a Monday");
  if (word == "tuesday") return i18n::text("on a Tuesday");
  if (word == "wednesday") return i18n::text("on a Wednesday");
  if (word == "thursday") return i18n::text("on a Thursday");
  if (word == "friday") return i18n::text("on a Friday");
  if (word == "saturday") return i18n::text("on a Saturday");
  if (word == "sunday") return i18n::text("on a Sunday");
  return std::string(word);
}

// A condition in plain words, by labels: "物品为轮椅或婴儿车" / "物品 is 轮椅 or 婴儿车". Nested
// combinations are bracketed so that "and" and "or" read unambiguously.
std::string condition_words(const ast::condition& c, const kind_words& words, bool nested = false) {
  using op = ast::condition::op;
  auto combined = [&](const std::string& separator) {
    std::vector<std::string> parts;
    for (const auto& operand : c.operands) parts.push_back(condition_words(operand, words, true));
    std::string text = joined(parts, separator);
    return nested ? i18n::tr("({})", text) : text;
  };
  std::string attribute = words.attribute_label(c.attribute);
  switch (c.kind) {
    case op::any_of: return combined(i18n::text(" or "));
    case op::all_of: return combined(i18n::text(" and "));
    case op::negate: return i18n::tr("not {}", condition_words(c.operands.front(), words, true));
    case op::truthy: return attribute;
    case op::equals: return i18n::tr("{} is {}", attribute, words.literal(c.attribute, c.values.front()));
    case op::not_equals: return i18n::tr("{} is not {}", attribute, words.literal(c.attribute, c.values.front()));
    case op::one_of: {
      std::vector<std::string> values;
      for (const auto& v : c.values) values.push_back(words.literal(c.attribute, v));
      return i18n::tr("{} is one of {}", attribute, joined(values, list_separator()));
    }
    case op::compare: return fmt::format("{} {}", attribute, bound_words(*c.comparison));
    case op::on_days: return day_words(c.day_word);
    case op::time_span:
      switch (c.time_form) {
        case ast::condition::span_form::between:
          return i18n::tr("from {} to before {}", lang::clock_text(c.from_second), lang::clock_text(c.until_second));
        case ast::condition::span_form::after: return i18n::tr("at {} or later", lang::clock_text(c.from_second));
        case ast::condition::span_form::before: return i18n::tr("before {}", lang::clock_text(c.until_second));
      }
      return {};
  }
  return {};
}

// The values of one choice attribute a condition names, when it names nothing else
// (`item is one of wheelchair, stroller`): "轮椅、婴儿车".
std::optional<std::string> only_values(const ast::condition& c, const kind_words& words) {
  using op = ast::condition::op;
  if (c.kind != op::equals && c.kind != op::one_of) return std::nullopt;
  const attribute_info* a = words.attribute(c.attribute.text);
  if (!a || a->type != ast::type_kind::choice) return std::nullopt;
  std::vector<std::string> values;
  for (const auto& v : c.values) values.push_back(words.literal(c.attribute, v));
  return joined(values, list_separator());
}

// An amount times an attribute: "每次扣 2 分，乘以数量".
std::string times_attribute(const std::string& worth, const ast::amount& a, const kind_words& words) {
  return a.per_attribute ? i18n::tr("{}, times {}", worth, words.attribute_label(*a.per_attribute)) : worth;
}

// A look-back window: "12 个月内" / "within 12 months".
std::string window_words(const ast::number& length, ast::period unit) {
  unsigned long n = length.value == decimal::from_units(decimal::scale) ? 1 : 2;
  std::string count = length.value.to_string();
  switch (unit) {
    case ast::period::day: return i18n::trn("within {} day", "within {} days", n, count);
    case ast::period::week: return i18n::trn("within {} week", "within {} weeks", n, count);
    case ast::period::year: return i18n::trn("within {} year", "within {} years", n, count);
    default: return i18n::trn("within {} month", "within {} months", n, count);
  }
}

// What one event of an `each` rule is worth. `kind` is the kind's label when the sentence should
// name it (the rule's label does not already), else empty.
std::string each_words(const ast::each_amount& amount, const std::string& kind, const kind_words& words) {
  return std::visit(
      overloaded{
          [&](const ast::fixed_amounts& fixed) {
            if (fixed.choices.size() == 1) {
              const ast::amount& only = fixed.choices.front().value;
              std::string worth = points_words(only.points);
              return times_attribute(kind.empty() ? i18n::tr("{} each time", worth) : i18n::tr("{} for each {}", worth, kind),
                                     only, words);
            }
            std::vector<std::string> parts;
            for (const auto& choice : fixed.choices) {
              std::string worth = times_attribute(points_words(choice.value.points), choice.value, words);
              parts.push_back(choice.when ? i18n::tr("{} if {}", worth, condition_words(*choice.when, words))
                                          : i18n::tr("otherwise {}", worth));
            }
            std::string alternatives = joined(parts, clause_separator());
            return kind.empty() ? alternatives : i18n::tr("for each {}, {}", kind, alternatives);
          },
          [&](const ast::recorded_amount& r) {
            return i18n::tr("the points recorded as {}, from {} to {}", words.attribute_label(r.attribute),
                            r.low.value.to_string(), r.high.value.to_string());
          },
          [&](const ast::escalation& e) {
            std::vector<std::string> steps;
            for (std::size_t i = 0; i < e.steps.size(); ++i) {
              std::string worth = e.steps[i] ? points_words(*e.steps[i]) : i18n::text("a warning");
              bool last = i + 1 == e.steps.size();
              steps.push_back(last && i > 0 ? i18n::tr("from time {} on, {} each time", i + 1, worth)
                                            : i18n::tr("time {}: {}", i + 1, worth));
            }
            std::string counted = kind.empty() ? window_words(e.window, e.window_unit.value)
                                               : i18n::tr("for each {} {}", kind, window_words(e.window, e.window_unit.value));
            return i18n::tr("{}: {}", counted, joined(steps, clause_separator()));
          },
          [&](const ast::daily_amount& daily) {
            return i18n::tr("{} a day until {}", points_words(daily.points), words.attribute_label(daily.until));
          },
      },
      amount);
}

// Whether every amount a rule can give is negative: a deduction rule, whose caps deduct.
bool only_deducts(const ast::rule_amount& amount) {
  auto negative = [](const ast::number& n) { return n.value.is_negative(); };
  return std::visit(
      overloaded{
          [&](const ast::each_clause& e) {
            return std::visit(overloaded{
                                  [&](const ast::fixed_amounts& f) {
                                    return std::all_of(f.choices.begin(), f.choices.end(),
                                                       [&](const auto& c) { return negative(c.value.points) || c.value.points.value.is_zero(); }) &&
                                           std::any_of(f.choices.begin(), f.choices.end(),
                                                       [&](const auto& c) { return negative(c.value.points); });
                                  },
                                  [&](const ast::recorded_amount& r) { return !r.high.value.is_positive() && r.low.value.is_negative(); },
                                  [&](const ast::escalation& x) {
                                    return std::any_of(x.steps.begin(), x.steps.end(), [&](const auto& s) { return s && negative(*s); });
                                  },
                                  [&](const ast::daily_amount& d) { return negative(d.points); },
                              },
                              e.amount);
          },
          [&](const ast::total_clause& t) { return negative(t.points); },
          [&](const ast::absence_clause& a) { return negative(a.points); },
          [&](const ast::distinct_clause& d) { return negative(d.points); },
          [&](const ast::average_clause& a) { return a.factor.value.is_negative(); },
      },
      amount);
}

// Reused from `rubric diff`, so a cap reads the same everywhere: "每月最多扣 10 分".
std::string cap_words(const ast::cap_clause& cap) {
  std::string period = noun(cap.period.value);
  return cap.limit.value.is_negative() ? i18n::tr("at most {} deducted per {}", magnitude(cap.limit), period)
                                       : i18n::tr("at most {} awarded per {}", magnitude(cap.limit), period);
}

std::string limit_words(const ast::count_limit& limit) {
  std::string period = noun(limit.period.value);
  return limit.once ? i18n::tr("counted at most once per {}", period)
                    : i18n::tr("counted at most {} times per {}", limit.times.value.to_string(), period);
}

const kind_info* kind_named(const checked_version& v, const std::string& name) {
  auto index = v.symbols.kind_index(name);
  return index ? &v.symbols.kinds[*index] : nullptr;
}

std::string kind_label(const checked_version& v, const ast::name& kind) {
  const kind_info* k = kind_named(v, kind.text);
  if (!k || !k->decl) return kind.text;
  return label_or_name(k->decl->id, k->decl->title);
}

std::string area_label(const checked_version& v, const std::string& id) {
  for (const auto* area : v.symbols.areas) {
    if (area->id.text == id) return area->title.text;
  }
  return id;
}

// A distinction's or a grade's label, by its name.
std::string standing_label(const checked_version& v, const std::string& id) {
  if (const auto* d = v.symbols.distinction(id)) return d->title.text;
  if (const auto* g = v.symbols.grade(id)) return g->title.text;
  return id;
}

std::string role_label(const checked_version& v, const std::string& id) {
  for (const auto* role : v.symbols.roles) {
    if (role->id.text == id) return role->title.text;
  }
  return id;
}

// What a rule, veto or grade calls for besides the points (docs/language.md, "Consequences"):
// "; then: 通报批评, 限期整改 within 7 days of the period's end". Empty when it states none, so a
// rubric without consequences reads as before.
std::string consequences_words(const std::vector<ast::consequence>& consequences) {
  if (consequences.empty()) return {};
  std::vector<std::string> actions;
  for (const auto& c : consequences) {
    actions.push_back(c.within_days ? i18n::tr("{} within {} days of the period's end", c.action.text, c.within_days->text)
                                    : c.action.text);
  }
  return i18n::tr("; then: {}", joined(actions, list_separator()));
}

described_rule describe_rule(const checked_version& v, const ast::rule_decl& rule) {
  described_rule out;
  out.id = rule.id.text;
  out.area_id = rule.area.text;
  out.area = area_label(v, rule.area.text);
  out.label = rule.title.text;
  const ast::name& counted = ast::counted_kind(rule.amount);
  out.kind = kind_label(v, counted);
  kind_words words{kind_named(v, counted.text)};
  if (const auto& filter = ast::amount_filter(rule.amount)) out.condition = condition_words(*filter, words);
  // The kind is named unless the rule's label already says it ("楼道杂物：每次扣 2 分").
  std::string named_kind = out.kind == out.label ? std::string() : out.kind;
  out.amount = std::visit(
      overloaded{
          [&](const ast::each_clause& e) { return each_words(e.amount, named_kind, words); },
          [&](const ast::total_clause& t) {
            return i18n::tr("{} per full {} of the total {} of {}", points_words(t.points), t.step.value.to_string(),
                            words.attribute_label(t.attribute), out.kind);
          },
          [&](const ast::absence_clause& a) {
            return i18n::tr("{} for a {} with no {}", points_words(a.points), noun(v.symbols.scoring->period.value), out.kind);
          },
          [&](const ast::distinct_clause& d) {
            return i18n::tr("{} for each different {} of {}", points_words(d.points), words.attribute_label(d.attribute),
                            out.kind);
          },
          [&](const ast::average_clause& a) {
            std::string average = i18n::tr("the average {} of {}", words.attribute_label(a.attribute), out.kind);
            return a.percent ? i18n::tr("{}, counted at {}%", average, a.written.value.to_string())
                             : i18n::tr("{}, times {}", average, a.written.value.to_string());
          },
      },
      rule.amount);
  out.deducts = only_deducts(rule.amount);
  for (const auto& cap : rule.caps) out.caps.push_back(cap_words(cap));
  for (const auto& limit : rule.limits) out.limits.push_back(limit_words(limit));
  for (const auto& x : rule.exemptions) {
    described_exemption e;
    e.reason = x.reason.text;
    e.condition = condition_words(x.when, words);
    auto values = only_values(x.when, words);
    std::string spared = values ? i18n::tr("{} do not count", *values) : i18n::tr("not counted when {}", e.condition);
    e.sentence = e.reason == (values ? *values : e.condition) ? spared : i18n::tr("{} ({})", spared, e.reason);
    out.exemptions.push_back(std::move(e));
  }

  // "楼道杂物：（只计…）每次扣 2 分，每月最多扣 10 分；轮椅、婴儿车不算"
  std::vector<std::string> clauses;
  clauses.push_back(out.condition.empty() ? out.amount : i18n::tr("{} (only where {})", out.amount, out.condition));
  clauses.insert(clauses.end(), out.caps.begin(), out.caps.end());
  clauses.insert(clauses.end(), out.limits.begin(), out.limits.end());
  std::string body = joined(clauses, clause_separator());
  for (const auto& e : out.exemptions) body = i18n::tr("{}; {}", body, e.sentence);
  out.sentence = i18n::tr("{}: {}", out.label, body) + consequences_words(rule.consequences);
  return out;
}

// How long a veto's effect lasts: " this month", " this and next year" (the phrases of `rubric
// explain`, so the two read alike).
std::string duration_words(const ast::veto_effect& e) {
  if (e.and_next) return i18n::text(" this and next year");
  if (e.duration.value == ast::period::year) return i18n::text(" for the rest of the year");
  return i18n::tr(" this {}", noun(e.duration.value));
}

}  // namespace

std::string veto_trigger(const std::string& kind, const std::string& condition) {
  return condition.empty() ? i18n::tr("a unit with any {} recorded", kind)
                           : i18n::tr("a unit with any {} recorded where {}", kind, condition);
}

namespace {

described_veto describe_veto(const checked_version& v, const ast::veto_decl& veto) {
  described_veto out;
  out.id = veto.id.text;
  out.label = veto.reason.text;
  out.kind = kind_label(v, veto.kind);
  kind_words words{kind_named(v, veto.kind.text)};
  if (veto.filter) out.condition = condition_words(*veto.filter, words);
  for (const auto& e : veto.effects) {
    std::string action = e.what == ast::veto_effect::action::not_eligible
                             ? i18n::tr("not eligible for `{}`", standing_label(v, e.distinction.text))
                         : e.what == ast::veto_effect::action::score_set
                             ? i18n::tr("score set to {}", e.score.value.to_string())
                             : i18n::text("lowest grade");
    // The action, then when: Chinese says when first (the catalogue's "{}{}").
    out.effects.push_back(i18n::tr("{}{}", action, duration_words(e)));
  }
  out.sentence = i18n::tr("{}: {}: {}", out.label, veto_trigger(out.kind, out.condition),
                          joined(out.effects, clause_separator())) +
                 consequences_words(veto.consequences);
  return out;
}

std::string direction_words(ast::direction d) {
  switch (d) {
    case ast::direction::higher: return i18n::text("higher first");
    case ast::direction::lower: return i18n::text("lower first");
    case ast::direction::more: return i18n::text("more first");
    case ast::direction::fewer: return i18n::text("fewer first");
  }
  return {};
}

std::string order_words(const checked_version& v, const std::vector<ast::order_term>& terms) {
  std::vector<std::string> keys;
  for (const auto& t : terms) {
    std::string key = t.total                      ? i18n::text("total score")
                      : t.key.text == "score"      ? i18n::text("score")
                      : t.key.text == "deductions" ? i18n::text("deductions")
                                                   : i18n::tr("times {}", standing_label(v, t.key.text));
    keys.push_back(i18n::tr("{} ({})", key, direction_words(t.dir)));
  }
  return i18n::tr("by {}", joined(keys, i18n::text(", then by ")));
}

// "3 周连续" / "3 weeks in a row".
std::string in_a_row(const ast::number& length, ast::period unit) {
  unsigned long n = length.value == decimal::from_units(decimal::scale) ? 1 : 2;
  std::string count = length.value.to_string();
  switch (unit) {
    case ast::period::day: return i18n::trn("{} day in a row", "{} days in a row", n, count);
    case ast::period::week: return i18n::trn("{} week in a row", "{} weeks in a row", n, count);
    case ast::period::quarter: return i18n::trn("{} quarter in a row", "{} quarters in a row", n, count);
    case ast::period::semester: return i18n::trn("{} semester in a row", "{} semesters in a row", n, count);
    case ast::period::year: return i18n::trn("{} year in a row", "{} years in a row", n, count);
    default: return i18n::trn("{} month in a row", "{} months in a row", n, count);
  }
}

std::string placement_words(const checked_version& v, const ast::distinction_decl& x) {
  using placement = ast::distinction_decl::placement;
  if (x.place == placement::streak) {
    const auto& run = *x.run;
    return i18n::tr("\"{}\" to units with \"{}\" {}", x.title.text, standing_label(v, run.distinction.text),
                    in_a_row(run.length, run.unit.value));
  }
  std::string ranks = x.place == placement::top_share      ? i18n::tr("the top {}% of the units ranked", x.share.value.to_string())
                      : x.place == placement::next_share   ? i18n::tr("the next {}% of the units ranked", x.share.value.to_string())
                      : x.place == placement::bottom_share ? i18n::tr("the bottom {}% of the units ranked", x.share.value.to_string())
                      : x.place == placement::top      ? i18n::tr("the top {}", x.last_rank.value.to_string())
                      : x.place == placement::bottom ? i18n::tr("the bottom {}", x.last_rank.value.to_string())
                      : x.single_rank                ? i18n::tr("rank {}", x.first_rank.value.to_string())
                                                     : i18n::tr("ranks {} to {}", x.first_rank.value.to_string(),
                                                                x.last_rank.value.to_string());
  if (x.role) return i18n::tr("\"{}\" to the {} of {}", x.title.text, role_label(v, x.role->text), ranks);
  return i18n::tr("\"{}\" to {}", x.title.text, ranks);
}

std::vector<std::string> ranking_words(const checked_version& v, const ast::ranking_decl& r) {
  std::vector<std::string> out;
  const kind_info* roster = v.symbols.roster ? &*v.symbols.roster : nullptr;
  kind_words columns{roster};
  std::string per = noun(r.period.value);
  for (const auto& group : r.groups) {
    out.push_back(i18n::tr("each {}, the groups of {} are ranked by their units' average score", per,
                           columns.attribute_label(group)));
  }
  for (const auto& order : r.orders) out.push_back(i18n::tr("units are ranked each {} {}", per, order_words(v, order)));
  if (!r.tie_clauses.empty()) out.push_back(i18n::text("units equal on every key share a rank"));
  for (const auto& c : r.filters) out.push_back(i18n::tr("only units where {} are ranked", condition_words(c, columns)));
  for (const auto& g : r.min_grades) {
    out.push_back(i18n::tr("only units graded at least \"{}\" are ranked", standing_label(v, g.text)));
  }
  for (const auto& w : r.within) out.push_back(i18n::tr("each {} is ranked on its own", columns.attribute_label(w)));
  for (const auto& x : r.distinctions) out.push_back(i18n::tr("awarded: {}", placement_words(v, x)));
  return out;
}

std::vector<std::string> awards_words(const checked_version& v, const ast::awards_decl& a) {
  std::vector<std::string> out;
  kind_words columns{v.symbols.roster ? &*v.symbols.roster : nullptr};
  std::string per = noun(a.period.value);
  for (const auto& order : a.orders) out.push_back(i18n::tr("awards are given each {}, ranking {}", per, order_words(v, order)));
  if (!a.tie_clauses.empty()) out.push_back(i18n::text("units equal on every key share a rank"));
  for (const auto& c : a.filters) out.push_back(i18n::tr("only units where {} take part", condition_words(c, columns)));
  for (const auto& e : a.eligibility) {
    out.push_back(i18n::trn("only units with \"{}\" at least {} time get a subsidy",
                            "only units with \"{}\" at least {} times get a subsidy",
                            e.at_least.value == decimal::from_units(decimal::scale) ? 1 : 2,
                            standing_label(v, e.distinction.text), e.at_least.value.to_string()));
  }
  for (const auto& s : a.subsidies) {
    out.push_back(i18n::tr("rank {}: property-fee subsidy of {}%", s.rank.value.to_string(), s.percent.value.to_string()));
  }
  for (const auto& x : a.distinctions) out.push_back(i18n::tr("awarded: {}", placement_words(v, x)));
  return out;
}

std::string role_subsidy_words(const checked_version& v, const ast::role_award_decl& r) {
  std::vector<std::string> tests;
  for (const auto& t : r.tests) {
    kind_words words{kind_named(v, t.kind.text)};
    std::string kind = kind_label(v, t.kind);
    if (t.filter) kind = i18n::tr("{} where {}", kind, condition_words(*t.filter, words));
    tests.push_back(t.forbids ? i18n::tr("no {}", kind) : i18n::tr("at least {} {}", t.at_least.value.to_string(), kind));
  }
  return i18n::tr("{}: {}% for every role holder with, over the year, {}", r.title.text, r.percent.value.to_string(),
                  joined(tests, i18n::text(" and ")));
}

described_attribute describe_attribute(const attribute_info& a) {
  described_attribute out;
  out.name = a.name;
  out.label = label_or_name(a.name, a.label);
  out.type = a.type;
  out.min = a.min;
  out.max = a.max;
  out.min_exclusive = a.min_exclusive;
  out.max_exclusive = a.max_exclusive;
  out.required = a.required;
  std::vector<std::string> type_parts;
  if (a.type == ast::type_kind::choice) {
    for (std::size_t i = 0; i < a.choices.size(); ++i) {
      out.choice_names.push_back(a.choices[i]);
      out.choice_labels.push_back(i < a.choice_labels.size() ? label_or_name(a.choices[i], a.choice_labels[i]) : a.choices[i]);
    }
    type_parts.push_back(i18n::tr("one of {}", joined(out.choice_labels, list_separator())));
  } else if (a.type == ast::type_kind::boolean) {
    type_parts.push_back(i18n::tr("{} or {}", yes_no_word(true), yes_no_word(false)));
  } else {
    type_parts.push_back(type_words(a.type));
  }
  if (a.decl) {
    for (const auto& b : a.decl->type.bounds) type_parts.push_back(bound_words(b));
  }
  out.type_text = joined(type_parts, clause_separator());
  if (a.default_value) {
    kind_words none;
    const ast::literal& d = *a.default_value;
    if (d.type == ast::literal::kind::word) {
      auto code = a.choice_index(d.word.text);
      out.default_text = code ? out.choice_labels[*code] : d.word.text;
    } else {
      out.default_text = none.literal(ast::name{}, d);
    }
  }
  std::string need = a.required ? i18n::text("required")
                     : out.default_text.empty() ? i18n::text("may be left empty")
                                                : i18n::tr("may be left empty (then {})", out.default_text);
  out.sentence = i18n::tr("{}: {}; {}", out.label, out.type_text, need);
  out.need = need;
  return out;
}

described_kind describe_kind(const checked_version& v, const kind_info& k) {
  described_kind out;
  out.name = k.name;
  out.label = k.decl ? label_or_name(k.decl->id, k.decl->title) : k.name;
  for (const auto& a : k.attributes) out.attributes.push_back(describe_attribute(a));
  for (const auto* rule : v.symbols.rules) {
    if (ast::counted_kind(rule->amount).text == k.name) out.rules.push_back(rule->title.text);
  }
  for (const auto* veto : v.symbols.vetoes) {
    if (veto->kind.text == k.name) out.vetoes.push_back(veto->reason.text);
  }
  if (const auto* subsidy = v.symbols.role_award) {
    bool tested = std::any_of(subsidy->tests.begin(), subsidy->tests.end(), [&](const auto& t) { return t.kind.text == k.name; });
    if (tested) out.rules.push_back(subsidy->title.text);
  }
  std::vector<std::string> attributes;
  for (const auto& a : out.attributes) attributes.push_back(a.sentence);
  out.sentence = attributes.empty() ? i18n::tr("{}: the date and the unit only", out.label)
                                    : i18n::tr("{}: {}", out.label, joined(attributes, i18n::text("; ")));
  return out;
}

}  // namespace

std::string type_words(ast::type_kind type) {
  switch (type) {
    case ast::type_kind::boolean: return i18n::text("yes or no");
    case ast::type_kind::integer: return i18n::text("whole number");
    case ast::type_kind::decimal: return i18n::text("decimal number");
    case ast::type_kind::choice: return i18n::text("one of a list");
    case ast::type_kind::person: return i18n::text("person (id on the people roster)");
    case ast::type_kind::date: return i18n::text_in("type", "date");
  }
  return {};
}

// The words the event readers accept for a yes/no value (engine/events/vocabulary.hpp): 是/否 in
// Chinese, true/false in English.
std::string yes_no_word(bool value) {
  if (chinese()) return value ? "是" : "否";
  return value ? "true" : "false";
}

version_description describe(const checked_version& v) {
  version_description out;
  const ast::rubric_file& tree = *v.tree;
  out.title = tree.head.title.text;
  out.version = tree.head.version.text;
  const auto& d = tree.head.effective;
  out.effective = fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
  if (const auto* s = v.symbols.scoring) {
    out.scoring = i18n::tr("each {} is scored every {}, starting at {} points", label_or_name(s->entity, s->title),
                           noun(s->period.value), s->base.value.to_string());
  }
  for (const auto* area : v.symbols.areas) {
    described_area a;
    a.id = area->id.text;
    a.label = area->title.text;
    if (area->budget) a.budget = area->budget->value;
    a.sentence = area->budget ? i18n::tr("{}: worth {} points; its deductions stop when they are spent", a.label,
                                         area->budget->value.to_string())
                              : a.label;
    out.areas.push_back(std::move(a));
  }
  for (const auto* rule : v.symbols.rules) out.rules.push_back(describe_rule(v, *rule));
  for (const auto* veto : v.symbols.vetoes) out.vetoes.push_back(describe_veto(v, *veto));
  if (const auto* g = v.symbols.grades) {
    for (const auto& grade : g->grades) {
      out.grades.push_back(grade.at_least ? i18n::tr("{}: at least {} points", grade.title.text, grade.at_least->value.to_string())
                                          : i18n::tr("{}: any other score", grade.title.text));
      out.grades.back() += consequences_words(grade.consequences);
    }
  }
  if (const auto* r = v.symbols.ranking) out.ranking = ranking_words(v, *r);
  if (const auto* a = v.symbols.awards) out.awards = awards_words(v, *a);
  if (const auto* r = v.symbols.role_award) out.role_subsidy = role_subsidy_words(v, *r);
  for (const auto& k : v.symbols.kinds) out.kinds.push_back(describe_kind(v, k));
  return out;
}

std::string describe_text(const version_description& d) {
  std::string out = i18n::tr("{}, version {}, in force from {}\n", d.title, d.version, d.effective);
  if (!d.scoring.empty()) out += d.scoring + "\n";
  auto section = [&](const std::string& heading, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out += "\n" + heading + "\n";
    for (const auto& item : items) out += "  " + item + "\n";
  };
  std::vector<std::string> areas;
  for (const auto& a : d.areas) areas.push_back(a.sentence);
  section(i18n::text("Areas:"), areas);
  // The rules under their area, in the rubric's order.
  if (!d.rules.empty()) {
    out += "\n" + i18n::text("Rules:") + "\n";
    for (const auto& a : d.areas) {
      bool any = false;
      for (const auto& r : d.rules) {
        if (r.area_id != a.id) continue;
        if (!any) out += "  " + a.label + "\n";
        any = true;
        out += "    " + r.sentence + "\n";
      }
    }
  }
  std::vector<std::string> vetoes;
  for (const auto& v : d.vetoes) vetoes.push_back(v.sentence);
  section(i18n::text("Vetoes:"), vetoes);
  section(i18n::text("Grades:"), d.grades);
  section(i18n::text("Ranking:"), d.ranking);
  section(i18n::text("Awards:"), d.awards);
  if (!d.role_subsidy.empty()) section(i18n::text("Role-holder subsidy:"), {d.role_subsidy});
  std::vector<std::string> kinds;
  for (const auto& k : d.kinds) kinds.push_back(k.sentence);
  section(i18n::text("What to record:"), kinds);
  return out;
}

}  // namespace rubric::lang
