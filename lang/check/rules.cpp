// Pass 2: resolves and type-checks rules, vetoes and the role-holder subsidy.
// Emits: R2001 unknown_event_kind, R2002 unknown_attribute, R2003 unknown_enum_value,
//        R2004 unknown_area, R2005 type_mismatch, R2007 cap_sign_contradicts,
//        R2015 unsupported_period, R2017 rule_body_invalid, R2018 unknown_distinction,
//        R2019 person_attribute, R2020 number_out_of_range, R2021 unused_area,
//        R2016 missing_section (lowest grade without grades), R2025 budgets_do_not_sum.
#include <algorithm>
#include <set>

#include "lang/check/context.hpp"
#include "lang/overloaded.hpp"
#include "lang/i18n.hpp"

namespace rubric::lang::check {

namespace {

std::vector<std::string> names_of(const std::vector<attribute_info>& attributes) {
  std::vector<std::string> out;
  for (const auto& a : attributes) out.push_back(a.name);
  return out;
}

// `labels` (beside `candidates`, empty where a declaration has none) are offered too: a Chinese
// rubric refers by label, so a mistyped label is matched against labels too; a label found is
// offered with its name: "did you mean `楼道杂物` (`clutter`)?".
std::string did_you_mean(std::string_view wrong, const std::vector<std::string>& candidates,
                         std::string_view fallback, const std::vector<std::string>& labels = {}) {
  std::vector<std::string> searched = candidates;
  for (const auto& label : labels) searched.push_back(label);
  auto close = closest_name(wrong, searched);
  if (!close) return std::string(fallback);
  if (std::find(candidates.begin(), candidates.end(), *close) != candidates.end()) {
    return i18n::tr("did you mean `{}`?", *close);
  }
  auto label = std::find(labels.begin(), labels.end(), *close);
  return i18n::tr("did you mean `{}` (`{}`)?", *close, candidates[static_cast<std::size_t>(label - labels.begin())]);
}

std::string type_name(ast::type_kind type) {
  switch (type) {
    case ast::type_kind::boolean: return i18n::text("a yes/no (`true or false`)");
    case ast::type_kind::integer: return i18n::text("an integer");
    case ast::type_kind::decimal: return i18n::text("a decimal");
    case ast::type_kind::choice: return i18n::text("a choice (`one of ...`)");
    case ast::type_kind::person: return i18n::text("a person");
    case ast::type_kind::date: return i18n::text("a date");
  }
  return i18n::text("a value");
}

bool is_numeric(ast::type_kind type) { return type == ast::type_kind::integer || type == ast::type_kind::decimal; }

}  // namespace

const attribute_info* resolve_attribute(context& ctx, const ast::name& name, const kind_info& kind) {
  if (auto index = kind.attribute_index(name.text)) return &kind.attributes[*index];
  std::string listing = kind.attributes.empty() ? std::string(kind.is_roster ? i18n::text("it declares no columns") : i18n::text("it has no attributes"))
                                                : i18n::tr("its {} are: {}", kind.is_roster ? i18n::text("columns") : i18n::text("attributes"),
                                                              fmt::join(names_of(kind.attributes), i18n::text(", ")));
  std::vector<std::string> labels;
  for (const auto& a : kind.attributes) labels.push_back(a.label);
  ctx.report(diag_kind::unknown_attribute, name.where,
             kind.is_roster ? i18n::tr("the roster has no column `{}`", name.text)
                            : i18n::tr("event kind `{}` has no attribute `{}`", kind.name, name.text),
             did_you_mean(name.text, names_of(kind.attributes), listing, labels));
  return nullptr;
}

namespace {

// An attribute as a Chinese reader knows it: by the label the rubric gives (行为, not `act`).
std::string attribute_named(const attribute_info& attribute) {
  if (i18n::current_language() == i18n::language::zh && !attribute.label.empty()) return attribute.label;
  return "`" + attribute.name + "`";
}

void check_value(context& ctx, const attribute_info& attribute, const ast::literal& value) {
  auto mismatch = [&](std::string_view given) {
    ctx.report(diag_kind::type_mismatch, value.where,
               i18n::tr("`{}` is {} attribute, but is compared with {}", attribute.name, type_name(attribute.type),
                           given));
  };
  switch (attribute.type) {
    case ast::type_kind::boolean:
      if (value.type != ast::literal::kind::boolean) mismatch(i18n::text("something other than `true` or `false`"));
      break;
    case ast::type_kind::integer:
    case ast::type_kind::decimal:
      if (value.type != ast::literal::kind::number) mismatch(i18n::text("something other than a number"));
      break;
    case ast::type_kind::choice:
      if (value.type != ast::literal::kind::word) {
        mismatch(value.type == ast::literal::kind::number ? i18n::text("a number") : i18n::text("`true` or `false`"));
      } else if (!attribute.choice_index(value.word.text)) {
        ctx.report(diag_kind::unknown_enum_value, value.where,
                   i18n::tr("`{}` is not a choice of {}", value.word.text, attribute_named(attribute)),
                   did_you_mean(value.word.text, attribute.choices,
                                i18n::tr("the choices are: {}", fmt::join(attribute.choices, i18n::text(", "))),
                                attribute.choice_labels));
      }
      break;
    case ast::type_kind::person:
      mismatch(i18n::text("a value; person references cannot be compared"));
      break;
    case ast::type_kind::date:
      mismatch(i18n::text("a value; dates cannot be compared in conditions"));
      break;
  }
}

// The sign every amount of a rule can take: -1 all deductions, +1 all awards, 0 mixed or unknown.
int rule_sign(const ast::rule_decl& rule, const kind_info* kind) {
  bool negative = false, positive = false;
  auto add = [&](decimal points, const attribute_info* factor) {
    bool factor_nonnegative = !factor || (factor->min && !factor->min->is_negative());
    if (!factor_nonnegative) {
      negative = positive = true;
      return;
    }
    if (points.is_negative()) negative = true;
    if (points.is_positive()) positive = true;
  };
  auto each_amount = overloaded{
      [&](const ast::fixed_amounts& fixed) {
        for (const auto& choice : fixed.choices) {
          const attribute_info* factor = nullptr;
          if (choice.value.per_attribute && kind) {
            if (auto i = kind->attribute_index(choice.value.per_attribute->text)) factor = &kind->attributes[*i];
          }
          add(choice.value.points.value, factor);
        }
      },
      [&](const ast::recorded_amount& recorded) {
        add(recorded.low.value, nullptr);
        add(recorded.high.value, nullptr);
      },
      [&](const ast::escalation& escalating) {
        for (const auto& step : escalating.steps) {
          if (step) add(step->value, nullptr);
        }
      },
      [&](const ast::daily_amount& daily) { add(daily.points.value, nullptr); },
  };
  std::visit(overloaded{
                 [&](const ast::each_clause& each) { std::visit(each_amount, each.amount); },
                 [&](const ast::total_clause& total) { add(total.points.value, nullptr); },
                 [&](const ast::absence_clause& absence) { add(absence.points.value, nullptr); },
                 [&](const ast::distinct_clause& d) { add(d.points.value, nullptr); },
                 [&](const ast::average_clause&) { negative = positive = true; },  // the sign is the data's
             },
             rule.amount);
  if (negative && !positive) return -1;
  if (positive && !negative) return 1;
  return 0;
}

void check_recorded(context& ctx, const ast::recorded_amount& recorded, const kind_info& kind) {
  if (const attribute_info* value = resolve_attribute(ctx, recorded.attribute, kind)) {
    if (!is_numeric(value->type)) {
      ctx.report(diag_kind::type_mismatch, recorded.attribute.where,
                 i18n::tr("a recorded amount must be a number, but `{}` is {}", value->name, type_name(value->type)));
    } else if (!value->required && !value->default_value) {
      ctx.report(diag_kind::type_mismatch, recorded.attribute.where,
                 i18n::tr("`{}` is optional with no default, so the amount is undefined when it is absent",
                             value->name),
                 i18n::text("make the attribute required"));
    }
  }
  if (recorded.high.value < recorded.low.value) {
    ctx.report(diag_kind::number_out_of_range, recorded.high.where,
               i18n::tr("the range from {} to {} holds no amount", recorded.low.text, recorded.high.text),
               i18n::text("write the smaller number first: `from -5 to -2`"));
  }
}

void check_escalation(context& ctx, const ast::escalation& e) {
  if (!e.window.value.is_integer() || !e.window.value.is_positive()) {
    ctx.report(diag_kind::number_out_of_range, e.window.where,
               i18n::tr("the look-back window `within {}` must be a whole number, 1 or more", e.window.text));
  }
  if (e.window_unit.value != ast::period::day && e.window_unit.value != ast::period::week &&
      e.window_unit.value != ast::period::month && e.window_unit.value != ast::period::year) {
    ctx.report(diag_kind::unsupported_period, e.window_unit.where, i18n::text("a look-back window counts days, weeks, months or years"));
  }
  bool any_amount = false;
  for (const auto& step : e.steps) any_amount = any_amount || step.has_value();
  if (!any_amount) {
    ctx.report(diag_kind::rule_body_invalid, e.where, i18n::text("an escalation of warnings only never costs anything"),
               i18n::text("give the later times an amount: `escalating warning, -50, -100 within 12 months`"));
  }
}

void check_fixed_amounts(context& ctx, const ast::fixed_amounts& fixed, const kind_info& kind) {
  for (const auto& choice : fixed.choices) {
    if (choice.when) check_condition(ctx, *choice.when, kind);
    if (!choice.value.per_attribute) continue;
    const attribute_info* factor = resolve_attribute(ctx, *choice.value.per_attribute, kind);
    if (!factor) continue;
    if (!is_numeric(factor->type)) {
      ctx.report(diag_kind::type_mismatch, choice.value.per_attribute->where,
                 i18n::tr("an amount can be multiplied only by a number, but `{}` is {}", factor->name,
                             type_name(factor->type)));
    } else if (!factor->required && !factor->default_value) {
      ctx.report(diag_kind::type_mismatch, choice.value.per_attribute->where,
                 i18n::tr("`{}` is optional with no default, so the amount is undefined when it is absent",
                             factor->name),
                 i18n::text("give the attribute a default or make it required"));
    }
  }
}

void check_daily(context& ctx, const ast::daily_amount& daily, const kind_info& kind) {
  if (const attribute_info* until = resolve_attribute(ctx, daily.until, kind); until && until->type != ast::type_kind::date) {
    ctx.report(diag_kind::type_mismatch, daily.until.where,
               i18n::tr("`until` needs a date attribute, but `{}` is {}", until->name, type_name(until->type)),
               i18n::tr("declare it as `{}: date, optional`: absent while the violation goes on", until->name));
  }
}

void check_each_amount(context& ctx, const ast::each_amount& amount, const kind_info& kind) {
  std::visit(overloaded{
                 [&](const ast::fixed_amounts& fixed) { check_fixed_amounts(ctx, fixed, kind); },
                 [&](const ast::recorded_amount& recorded) { check_recorded(ctx, recorded, kind); },
                 [&](const ast::escalation& escalating) { check_escalation(ctx, escalating); },
                 [&](const ast::daily_amount& daily) { check_daily(ctx, daily, kind); },
             },
             amount);
}

void check_total(context& ctx, const ast::total_clause& total, const kind_info& kind) {
  if (const attribute_info* summed = resolve_attribute(ctx, total.attribute, kind)) {
    if (!is_numeric(summed->type)) {
      ctx.report(diag_kind::type_mismatch, total.attribute.where,
                 i18n::tr("only numbers can be totalled, but `{}` is {}", summed->name, type_name(summed->type)));
    }
  }
  if (!total.step.value.is_positive()) {
    ctx.report(diag_kind::number_out_of_range, total.step.where,
               i18n::tr("the step `per full {}` must be greater than 0", total.step.text));
  }
}

void check_distinct(context& ctx, const ast::distinct_clause& d, const kind_info& kind) {
  if (const attribute_info* counted = resolve_attribute(ctx, d.attribute, kind)) {
    if (counted->type != ast::type_kind::choice) {
      ctx.report(diag_kind::type_mismatch, d.attribute.where,
                 i18n::tr("`distinct` counts the different choices of an attribute, but `{}` is {}", counted->name,
                             type_name(counted->type)),
                 i18n::text("declare the criteria as a choice: `criterion: one of tidy, green, safe`"));
    }
  }
}

void check_average(context& ctx, const ast::average_clause& a, const kind_info& kind) {
  if (const attribute_info* averaged = resolve_attribute(ctx, a.attribute, kind)) {
    if (!is_numeric(averaged->type)) {
      ctx.report(diag_kind::type_mismatch, a.attribute.where,
                 i18n::tr("only numbers can be averaged, but `{}` is {}", averaged->name, type_name(averaged->type)));
    }
  }
  if (a.percent && a.written.value.units() % 100 != 0) {
    ctx.report(diag_kind::number_out_of_range, a.written.where,
               i18n::tr("a weight of {}% is finer than the 0.0001% a weight may have", a.written.text));
  }
  if (!a.written.value.is_positive()) {
    ctx.report(diag_kind::number_out_of_range, a.written.where,
               i18n::tr("the average's weight `{}` must be greater than 0", a.written.text));
  }
}

void check_rule(context& ctx, const ast::rule_decl& rule) {
  if (!ctx.symbols.area_index(rule.area.text)) {
    std::vector<std::string> areas, labels;
    for (const auto* a : ctx.symbols.areas) {
      areas.push_back(a->id.text);
      labels.push_back(a->title.text);
    }
    ctx.report(diag_kind::unknown_area, rule.area.where, i18n::tr("area `{}` is not declared", rule.area.text),
               did_you_mean(rule.area.text, areas, in_surface(ctx, i18n::text("declare it with `area NAME \"LABEL\"`"),
                                           i18n::text("declare it with `类别 LABEL（NAME）`")), labels));
  }
  for (std::size_t i = 0; i < rule.caps.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (rule.caps[j].period.value != rule.caps[i].period.value) continue;
      ctx.report(diag_kind::rule_body_invalid, rule.caps[i].where,
                 i18n::tr("rule `{}` has a second cap per {}", named(ctx, rule.id.text, rule.title.text), period_name(rule.caps[i].period.value)),
                 in_surface(ctx, i18n::text("keep one `capped at` clause per period"),
                            i18n::text("keep one cap (`每月最多扣 N 分`) per period")));
      break;
    }
  }
  for (std::size_t i = 0; i < rule.limits.size(); ++i) {
    const auto& limit = rule.limits[i];
    if (!limit.times.value.is_integer() || !limit.times.value.is_positive()) {
      ctx.report(diag_kind::number_out_of_range, limit.times.where,
                 i18n::tr("`counted at most {} times` must count a whole number of events, 1 or more", limit.times.text));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (rule.limits[j].period.value != limit.period.value) continue;
      ctx.report(diag_kind::rule_body_invalid, limit.where,
                 i18n::tr("rule `{}` limits its count per {} twice", named(ctx, rule.id.text, rule.title.text), period_name(limit.period.value)));
      break;
    }
  }

  const kind_info* kind = resolve_kind(ctx, ast::counted_kind(rule.amount));
  if (kind) {
    if (const auto& filter = ast::amount_filter(rule.amount)) check_condition(ctx, *filter, *kind);
    std::visit(overloaded{
                   [&](const ast::each_clause& each) { check_each_amount(ctx, each.amount, *kind); },
                   [&](const ast::total_clause& total) { check_total(ctx, total, *kind); },
                   [&](const ast::absence_clause&) {},
                   [&](const ast::distinct_clause& d) { check_distinct(ctx, d, *kind); },
                   [&](const ast::average_clause& a) { check_average(ctx, a, *kind); },
               },
               rule.amount);
  }
  if (kind) {
    for (const auto& exemption : rule.exemptions) check_condition(ctx, exemption.when, *kind);
  }
  for (const auto& cap : rule.caps) {
    int sign = rule_sign(rule, kind);
    decimal limit = cap.limit.value;
    if (limit.is_zero() || (sign < 0 && limit.is_positive()) || (sign > 0 && limit.is_negative())) {
      std::string nature = sign < 0 ? i18n::text("only deducts") : sign > 0 ? i18n::text("only awards") : i18n::text("adds and deducts");
      ctx.report(diag_kind::cap_sign_contradicts, cap.limit.where,
                 i18n::tr("rule `{}` {} points, so a cap of {} can never bind", named(ctx, rule.id.text, rule.title.text), nature,
                             cap.limit.text),
                 sign < 0   ? in_surface(ctx, i18n::text("a cap on deductions is negative, like `capped at -10 per month`"),
                                         i18n::text("a cap on deductions says 扣, like `每月最多扣 10 分`"))
                 : sign > 0 ? in_surface(ctx, i18n::text("a cap on awards is positive, like `capped at +9 per month`"),
                                         i18n::text("a cap on awards says 加, like `每月最多加 9 分`"))
                            : i18n::text("a cap is negative (the most deducted) or positive (the most awarded), never 0"));
    }
  }
}

// A consequence's deadline counts whole days from the period's end: `within 7 days`. A year at
// most: a longer one is a typo, and the bound keeps the due date a supported day.
void check_consequences(context& ctx, const std::vector<ast::consequence>& consequences) {
  for (const auto& c : consequences) {
    if (c.within_days && (!c.within_days->value.is_integer() || !c.within_days->value.is_positive() ||
                          decimal::from_units(366 * decimal::scale) < c.within_days->value)) {
      ctx.report(diag_kind::number_out_of_range, c.within_days->where,
                 i18n::tr("a deadline of {} days: it must be a whole number of days, from 1 to 366", c.within_days->text));
    }
  }
}

void check_veto(context& ctx, const ast::veto_decl& veto) {
  if (const kind_info* kind = resolve_kind(ctx, veto.kind); kind && veto.filter) {
    check_condition(ctx, *veto.filter, *kind);
  }
  for (const auto& effect : veto.effects) {
    using action = ast::veto_effect::action;
    if (effect.what == action::not_eligible && !ctx.symbols.distinction(effect.distinction.text)) {
      ctx.report(diag_kind::unknown_distinction, effect.distinction.where,
                 i18n::tr("distinction `{}` is not declared", effect.distinction.text),
                 in_surface(ctx, i18n::text("the ranking declares distinctions with `award NAME \"LABEL\" to ranks 1 to 3`"),
                            i18n::text("the ranking declares distinctions with `第 1 至 3 名授予 LABEL（NAME）`")));
    }
    if (effect.what == action::lowest_grade && !ctx.symbols.grades) {
      ctx.report(diag_kind::missing_section, effect.where, i18n::text("`lowest grade` needs grades, and this version has none"),
                 in_surface(ctx, i18n::text("declare them: `grades` followed by lines like `excellent \"优秀\" at least 90`"),
                            i18n::text("declare them: `等级` followed by lines like `优秀（excellent） 至少 90 分`")));
    }
    // An effect lasts a scoring period, or the rest of the year (and perhaps the next one).
    if (effect.duration.value == ast::period::year) continue;
    check_period(ctx, effect.duration, i18n::text("the veto's effect"));
    if (effect.and_next) {
      ctx.report(diag_kind::unsupported_period, effect.duration.where,
                 i18n::tr("`this and next {}` is not supported; an effect can last this and next year",
                             ast::to_string(effect.duration.value)),
                 i18n::text("write `this and next year`"));
    }
  }
}

void check_role_award(context& ctx, const ast::role_award_decl& award) {
  decimal percent = award.percent.value;
  if (percent.is_negative() || percent > decimal::from_units(100 * decimal::scale)) {
    ctx.report(diag_kind::number_out_of_range, award.percent.where,
               i18n::tr("a subsidy of {}% is not between 0% and 100%", award.percent.text));
  }
  for (const auto& test : award.tests) {
    if (!test.forbids && (!test.at_least.value.is_integer() || !test.at_least.value.is_positive())) {
      ctx.report(diag_kind::number_out_of_range, test.at_least.where,
                 i18n::tr("`at least {}` must count a whole number of events, 1 or more", test.at_least.text));
    }
    const kind_info* kind = resolve_kind(ctx, test.kind);
    if (!kind) continue;
    if (test.filter) check_condition(ctx, *test.filter, *kind);
    if (!kind->person_attribute()) {
      ctx.report(diag_kind::person_attribute, test.kind.where,
                 i18n::tr("event kind `{}` needs exactly one `person` attribute to say whose review it is",
                             kind->name),
                 i18n::text("declare an attribute like `person: person`"));
    }
  }
}

// `on weekdays`, `after 23:00`: they test the event's date and time, which a roster column has not.
void check_date_condition(context& ctx, const ast::condition& cond, const kind_info& kind) {
  if (kind.is_roster) {
    ctx.report(diag_kind::time_condition_misplaced, cond.where,
               i18n::text("a day or time condition tests an event's date, but this condition tests the unit "
                          "roster's columns"),
               i18n::text("put it on the rule, veto or exemption that counts the events"));
    return;
  }
  if (cond.kind != ast::condition::op::time_span) return;
  if (cond.from_second < 0 || cond.until_second < 0) {
    ctx.report(diag_kind::bad_time_of_day, cond.where,
               i18n::text("this time of day does not exist: hours go from 00 to 23 and minutes from 00 to 59"),
               i18n::text("write it HH:MM, like 07:00 or 23:30"));
  } else if (cond.time_form == ast::condition::span_form::between && cond.from_second == cond.until_second) {
    ctx.report(diag_kind::bad_time_of_day, cond.where,
               i18n::text("this span starts and ends at the same time, so no event is in it"),
               i18n::text("a span includes its start and ends before its end: `between 07:00 and 09:00`"));
  }
}

}  // namespace

const kind_info* resolve_kind(context& ctx, const ast::name& name) {
  if (auto index = ctx.symbols.kind_index(name.text)) return &ctx.symbols.kinds[*index];
  std::vector<std::string> kinds, labels;
  for (const auto& k : ctx.symbols.kinds) {
    kinds.push_back(k.name);
    labels.push_back(k.decl && k.decl->title ? k.decl->title->text : std::string());
  }
  ctx.report(diag_kind::unknown_event_kind, name.where, i18n::tr("event kind `{}` is not declared", name.text),
             did_you_mean(name.text, kinds, in_surface(ctx, i18n::text("declare it with `event NAME`"),
                                           i18n::text("declare it with `事件 LABEL（NAME）`")), labels));
  return nullptr;
}

void check_condition(context& ctx, const ast::condition& cond, const kind_info& kind) {
  using op = ast::condition::op;
  if (cond.kind == op::any_of || cond.kind == op::all_of || cond.kind == op::negate) {
    for (const auto& operand : cond.operands) check_condition(ctx, operand, kind);
    return;
  }
  if (cond.kind == op::on_days || cond.kind == op::time_span) {
    check_date_condition(ctx, cond, kind);
    return;
  }
  const attribute_info* attribute = resolve_attribute(ctx, cond.attribute, kind);
  if (!attribute) return;
  switch (cond.kind) {
    case op::truthy:
      if (attribute->type != ast::type_kind::boolean) {
        ctx.report(diag_kind::type_mismatch, cond.attribute.where,
                   i18n::tr("`{}` is {} attribute, not a yes/no one, so it cannot stand alone as a condition",
                               attribute->name, type_name(attribute->type)),
                   attribute->type == ast::type_kind::choice
                       ? i18n::tr("compare it: `{} is {}`", attribute->name,
                                     attribute->choices.empty() ? "VALUE" : attribute->choices.front())
                       : std::string(i18n::text("compare it with `is`, `at least`, `at most`, `above` or `below`")));
      }
      break;
    case op::equals:
    case op::not_equals:
      for (const auto& value : cond.values) check_value(ctx, *attribute, value);
      break;
    case op::one_of:
      if (attribute->type != ast::type_kind::choice) {
        ctx.report(diag_kind::type_mismatch, cond.where,
                   i18n::tr("`is one of` needs a choice attribute, but `{}` is {}", attribute->name,
                               type_name(attribute->type)));
      } else {
        for (const auto& value : cond.values) check_value(ctx, *attribute, value);
      }
      break;
    case op::compare:
      if (!is_numeric(attribute->type)) {
        ctx.report(diag_kind::type_mismatch, cond.where,
                   i18n::tr("`{}` is {} attribute; only numbers can be compared by size", attribute->name,
                               type_name(attribute->type)));
      }
      break;
    default: break;
  }
}

void check_rules(context& ctx) {
  std::set<std::string> used_areas;
  for (const auto* rule : ctx.symbols.rules) {
    check_rule(ctx, *rule);
    used_areas.insert(rule->area.text);
  }
  for (const auto* veto : ctx.symbols.vetoes) check_veto(ctx, *veto);
  for (const auto* rule : ctx.symbols.rules) check_consequences(ctx, rule->consequences);
  for (const auto* veto : ctx.symbols.vetoes) check_consequences(ctx, veto->consequences);
  if (ctx.symbols.grades) {
    for (const auto& grade : ctx.symbols.grades->grades) check_consequences(ctx, grade.consequences);
  }
  if (ctx.symbols.role_award) check_role_award(ctx, *ctx.symbols.role_award);
  decimal budgets;
  bool every_area_budgeted = !ctx.symbols.areas.empty();
  for (const auto* area : ctx.symbols.areas) {
    if (!area->budget) {
      every_area_budgeted = false;
      continue;
    }
    if (!area->budget->value.is_positive()) {
      ctx.report(diag_kind::number_out_of_range, area->budget->where,
                 i18n::tr("an area's budget must be greater than 0, not {}", area->budget->text));
    }
    budgets = checked_add(budgets, area->budget->value).value_or(budgets);
  }
  if (every_area_budgeted && ctx.symbols.scoring && budgets != ctx.symbols.scoring->base.value) {
    ctx.report(diag_kind::budgets_do_not_sum, ctx.symbols.scoring->base.where,
               i18n::tr("every area has a budget, and they add up to {}, but scoring starts at {}",
                           budgets.to_string(), ctx.symbols.scoring->base.text),
               i18n::text("make the budgets add up to the starting score, or start at their sum"));
  }
  for (const auto* area : ctx.symbols.areas) {
    if (!used_areas.count(area->id.text)) {
      ctx.report(diag_kind::unused_area, area->id.where, i18n::tr("area `{}` has no rules", named(ctx, area->id.text, area->title.text)),
                 in_surface(ctx, i18n::tr("add rules with `rule NAME \"LABEL\" in {}`, or remove the area", area->id.text),
                            i18n::tr("add rules with `规则 LABEL（NAME） 属于 {}`, or remove the area", area->title.text)));
    }
  }
}

}  // namespace rubric::lang::check
