// Every syntax error message in one table, keyed by the grammar rule that failed after a commit
// point. The grammar does not change when a message does.
#pragma once

#include "lang/grammar.hpp"

namespace rubric::lang::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

#define RUBRIC_ERROR(rule, text) \
  template <>                    \
  inline constexpr const char* error_message<rule> = text;

RUBRIC_ERROR(header, "expected the header: rubric \"NAME\" version \"ID\" effective YYYY-MM-DD")
RUBRIC_ERROR(label, "expected a label in double quotes, like \"环境卫生\"")
RUBRIC_ERROR(label_close, "expected `\"` to close the label; a label ends on the line it starts")
RUBRIC_ERROR(percent_sign, "expected `%` after the number")
RUBRIC_ERROR(date, "expected a date written YYYY-MM-DD, like 2023-09-01")
RUBRIC_ERROR(number, "expected a number, like 5, -2 or 0.5")
RUBRIC_ERROR(percent, "expected a percentage, like 10%")
RUBRIC_ERROR(period_word, "expected a period: `day`, `week`, `month`, `quarter`, `semester` or `year`")
RUBRIC_ERROR(declared_name, "expected a name: letters, digits and `_`, starting with a letter, and not a keyword")
RUBRIC_ERROR(kind_ref, "expected the name of an event kind")
RUBRIC_ERROR(attribute_ref, "expected the name of an attribute")
RUBRIC_ERROR(area_ref, "expected the name of an area")
RUBRIC_ERROR(distinction_ref, "expected the name of a distinction, like red_flag")
RUBRIC_ERROR(colon, "expected `:`")
RUBRIC_ERROR(comma, "expected `,` before the next alternative")
RUBRIC_ERROR(alternatives_comma, "expected `,` and the next alternative, or `, otherwise AMOUNT`: the amount when no condition holds")
RUBRIC_ERROR(close_paren, "expected `)` to close the parenthesis")
RUBRIC_ERROR(literal, "expected a value: a name, a number, `true` or `false`")
RUBRIC_ERROR(value_list, "expected a list of values separated by `,`")
RUBRIC_ERROR(choice_list, "expected the choices separated by `,`, like `one of low, high`")
RUBRIC_ERROR(attribute_type,
             "expected an attribute type: `true or false`, `integer`, `decimal`, `one of ...`, `person` or `date`")
RUBRIC_ERROR(attribute_option, "expected `default VALUE`, `optional` or `required` after `,`")
RUBRIC_ERROR(condition, "expected a condition, like `resolved` or `item is one of wheelchair, stroller`")
RUBRIC_ERROR(unary, "expected a condition after the operator")
RUBRIC_ERROR(conjunction, "expected a condition after `or`")
RUBRIC_ERROR(amount, "expected an amount, like -5 or -2 per count")
RUBRIC_ERROR(amount_choices, "expected an amount, like -5, or alternatives like `-2 if resolved, otherwise -5`")
RUBRIC_ERROR(otherwise_amount, "expected `otherwise AMOUNT`: the amount when no condition holds")
RUBRIC_ERROR(veto_effect, "expected the veto's effect, like `effect not eligible for red_flag this month`")
RUBRIC_ERROR(effect_action,
             "expected what the veto does: `not eligible for DISTINCTION`, `score set to N` or `lowest grade`")
RUBRIC_ERROR(effect_duration, "expected how long the effect lasts: `this month`, `this year` or `this and next year`")
RUBRIC_ERROR(ranks_target,
             "expected who receives it: `ranks 1 to 3`, `rank 1`, `top 3`, `bottom 1`, or a role, like `unit_head of rank 1`")
RUBRIC_ERROR(distinction_target,
             "expected who receives it: `to ranks 1 to 3`, `to top 3`, `to bottom 1`, `to unit_head of rank 1`, or a streak, "
             "like `for 3 months in a row with red_flag`")
RUBRIC_ERROR(share_percent, "expected a percentage of the units ranked, like 10%")
RUBRIC_ERROR(kw_row, "expected `row`, as in `in a row`")
RUBRIC_ERROR(grade_ref, "expected the name of a grade, like `pass`")
RUBRIC_ERROR(kw_its, "expected `its average score`")
RUBRIC_ERROR(kw_average, "expected `average score`")
RUBRIC_ERROR(kw_score, "expected `score`")
RUBRIC_ERROR(average_factor, "expected the average's weight, like `30%`, or a scale, like `times 10`")
RUBRIC_ERROR(grade_threshold, "expected the grade's threshold: `at least N`, or `otherwise` for the lowest grade")
RUBRIC_ERROR(consequence_days, "expected `days`: a consequence's deadline is a number of days, like `within 7 days`")
RUBRIC_ERROR(order_term, "expected an ordering key, like `score, higher first`")
RUBRIC_ERROR(direction, "expected a direction: `higher`, `lower`, `more` or `fewer`")
RUBRIC_ERROR(person_test, "expected a test: `when at least N KIND` or `unless any KIND`")
RUBRIC_ERROR(end_of_file,
             "expected a clause (`each`, `total`, `no`, `distinct`, `average`, `capped`, `counted`, `within`, `exempt`, `order`, `ties`, `award`, `subsidy`, `only`, "
             "`when`, `unless`), a statement (`scores`, `role`, `event`, `area`, `rule`, `veto`, `ranking`, "
             "`awards`, `role_subsidy`, `grades`, `roster`) or the end of the file")
RUBRIC_ERROR(kw_version, "expected `version`")
RUBRIC_ERROR(kw_effective, "expected `effective`")
RUBRIC_ERROR(kw_each, "expected `each`")
RUBRIC_ERROR(kw_per, "expected `per`")
RUBRIC_ERROR(kw_starting, "expected `starting at`")
RUBRIC_ERROR(kw_at, "expected `at`")
RUBRIC_ERROR(kw_least, "expected `least`")
RUBRIC_ERROR(kw_or, "expected `or`: a yes/no attribute is written `true or false`")
RUBRIC_ERROR(kw_false, "expected `false`: a yes/no attribute is written `true or false`")
RUBRIC_ERROR(kw_of, "expected `of`")
RUBRIC_ERROR(kw_in, "expected `in AREA`: the area this rule belongs to")
RUBRIC_ERROR(kw_full, "expected `full`, as in `+1 per full 2`")
RUBRIC_ERROR(kw_when, "expected `when`")
RUBRIC_ERROR(kw_any, "expected `any`")
RUBRIC_ERROR(kw_not, "expected `not`")
RUBRIC_ERROR(kw_eligible, "expected `eligible`")
RUBRIC_ERROR(kw_for, "expected `for`")
RUBRIC_ERROR(kw_this, "expected `this`, as in `this month`")
RUBRIC_ERROR(kw_by, "expected `by`")
RUBRIC_ERROR(kw_first, "expected `first`, as in `higher first`")
RUBRIC_ERROR(kw_share, "expected `share a rank`")
RUBRIC_ERROR(kw_a, "expected `a rank`")
RUBRIC_ERROR(kw_rank, "expected `rank`")
RUBRIC_ERROR(kw_to, "expected `to`")
RUBRIC_ERROR(kw_ranks, "expected `ranks`, as in `to ranks 1 to 3`")
RUBRIC_ERROR(kw_with, "expected `with`")
RUBRIC_ERROR(escalation_window, "expected the look-back window, like `within 12 months`")
RUBRIC_ERROR(window_unit, "expected `days`, `weeks`, `months` or `years`")
RUBRIC_ERROR(escalation_steps, "expected the amounts, first time first, like `warning, -50, -75, -100`")
RUBRIC_ERROR(kw_until, "expected `until ATTRIBUTE`: the date attribute that ends the violation")
RUBRIC_ERROR(kw_times, "expected `times`, as in `counted at most 3 times per month`")
RUBRIC_ERROR(kw_from, "expected `from`, as in `recorded points from 2 to 5`")
RUBRIC_ERROR(kw_set, "expected `set to`, as in `score set to 0`")
RUBRIC_ERROR(kw_grade, "expected `grade`, as in `lowest grade`")
RUBRIC_ERROR(kw_next, "expected `next`, as in `this and next year`")
RUBRIC_ERROR(kw_spending, "expected `spending ATTRIBUTE`, as in `redeemed by redemption spending points`")
RUBRIC_ERROR(kw_only, "expected `only`, as in `spend only above 100`")
RUBRIC_ERROR(kw_above, "expected `above`, as in `spend only above 100`")
RUBRIC_ERROR(kw_every, "expected `every`, as in `reset every year`")

RUBRIC_ERROR(time_until, "expected `and` and the time the span ends, as in `between 07:00 and 09:00`")
#undef RUBRIC_ERROR

// Messages are used only where the grammar commits (must<>); elsewhere a failing rule simply
// lets the parser try the next alternative.
struct error_table {
  template <typename Rule>
  static constexpr const char* message = error_message<Rule>;
  template <typename Rule>
  static constexpr bool raise_on_failure = false;
};

}  // namespace rubric::lang::grammar
