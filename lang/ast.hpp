// The syntax tree of one rubric version file. Every node carries its half-open byte span in the
// file it came from; comments are kept beside the tree so a formatter can put them back. The
// tree is what the text says, unresolved: names are strings, checked later by lang/check.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "lang/decimal.hpp"
#include "lang/source.hpp"

namespace rubric::lang::ast {

struct name {
  std::string text;
  span where;
};

struct label {
  std::string text;  // escapes decoded
  span where;
};

struct number {
  decimal value;
  std::string text;  // as written, for messages and the formatter
  span where;
};

struct date {
  int year = 0, month = 0, day = 0;
  span where;
};

// From the shortest to the longest: longer periods compare greater.
enum class period { day, week, month, quarter, semester, year };

// The period's word in the language: "month".
inline std::string_view to_string(period p) {
  switch (p) {
    case period::day: return "day";
    case period::week: return "week";
    case period::month: return "month";
    case period::quarter: return "quarter";
    case period::semester: return "semester";
    case period::year: return "year";
  }
  return "month";
}

struct period_ref {
  period value = period::month;
  span where;
};

struct header {
  label title;
  label version;
  date effective;
  span where;
};

struct scoring_decl {
  name entity;
  std::optional<label> title;  // `scores each unit "单元" per month`
  period_ref period;
  number base;
  span where;
};

struct role_decl {
  name id;
  label title;
  span where;
};

enum class bound_kind { at_least, at_most, above, below };

struct bound {
  bound_kind kind;
  number limit;
  span where;
};

enum class type_kind { boolean, integer, decimal, choice, person, date };

// One choice of a `one of` attribute: `wheelchair "轮椅"`. The name is what data files have
// always used; the label is what people read, and data files may use it too.
struct choice_decl {
  name id;
  std::optional<label> title;
  span where;
};

struct attribute_type {
  type_kind kind = type_kind::boolean;
  std::vector<bound> bounds;          // integer and decimal
  std::vector<choice_decl> choices;   // choice
  span where;
};

struct literal {
  enum class kind { word, number, boolean } type = kind::word;
  name word;
  number num;
  bool flag = false;
  span where;
};

struct attribute_decl {
  name id;
  std::optional<label> title;  // `item "物品": one of ...`
  attribute_type type;
  std::optional<literal> default_value;
  bool optional = false;  // may be absent, with no default
  span where;
};

struct event_decl {
  name id;
  std::optional<label> title;
  std::vector<attribute_decl> attributes;
  span where;
};

struct area_decl {
  name id;
  label title;
  std::optional<number> budget;  // `worth N`: deductions stop when the area's N points are gone
  span where;
};

struct condition {
  enum class op {
    any_of,      // a or b or ...
    all_of,      // a and b and ...
    negate,      // not a
    truthy,      // a yes/no attribute on its own
    equals,      // attr is v
    not_equals,  // attr is not v
    one_of,      // attr is one of v, w
    compare,     // attr at least / at most / above / below n
    on_days,     // the event's weekday is one of `weekdays` (`on weekdays`, 周末, `on monday`)
    time_span,   // the event's time of day lies in [from_second, until_second) (`between`, `after`, `before`)
  };
  op kind = op::truthy;
  name attribute;                   // truthy, equals, not_equals, one_of, compare
  std::vector<literal> values;      // equals, not_equals, one_of
  std::optional<bound> comparison;  // compare
  std::vector<condition> operands;  // any_of, all_of, negate
  span where;
  // on_days: bit d set for ISO weekday d (1 Monday ... 7 Sunday); `day_word` is the word as written
  // (`weekdays`, `weekends` or a day's name), so the formatter gives it back.
  std::uint8_t weekdays = 0;
  std::string day_word;
  // time_span: seconds since midnight; `after T` is [T, 24:00), `before T` is [00:00, T), and a
  // span whose end is before its start runs over midnight (`between 22:00 and 06:00`).
  enum class span_form : std::uint8_t { between, after, before };
  span_form time_form = span_form::between;
  int from_second = 0, until_second = 0;
};

struct amount {
  number points;
  std::optional<name> per_attribute;
  span where;
};

struct amount_choice {
  amount value;
  std::optional<condition> when;  // absent for `otherwise` and for a single amount
  span where;
};

// `recorded ATTR from LOW to HIGH`: the amount is the event's value, which must lie in the range.
struct recorded_amount {
  name attribute;
  number low, high;
  span where;
};

// `escalating warning, -50, -75, -100 within 12 months`
struct escalation {
  std::vector<std::optional<number>> steps;  // nullopt: `warning`
  number window;
  period_ref window_unit;  // day, week, month or year
  span where;
};

// `-2 per day until cleared`
struct daily_amount {
  number points;
  name until;
  span where;
};

// `each KIND: -5`, or alternatives: `each KIND: -2 if resolved, otherwise -5`.
struct fixed_amounts {
  std::vector<amount_choice> choices;  // the first whose condition holds; only the last has none
};

// What one event of an `each` rule is worth: exactly one of these, so a new form is a compile
// error wherever it is not handled.
using each_amount = std::variant<fixed_amounts, recorded_amount, escalation, daily_amount>;

struct each_clause {
  name kind;
  std::optional<condition> filter;
  each_amount amount;
  span where;
};

// `no KIND [where C]: N` — N points for a period with no such event.
struct absence_clause {
  name kind;
  std::optional<condition> filter;
  number points;
  span where;
};

// `distinct ATTR of KIND [where C]: N` — N points for each different value recorded.
struct distinct_clause {
  name attribute;
  name kind;
  std::optional<condition> filter;
  number points;
  span where;
};

// `average ATTR of KIND [where C]: 30%` or `: times 10`.
struct average_clause {
  name attribute;
  name kind;
  std::optional<condition> filter;
  number factor;  // the multiplier: 30% is 0.3
  bool percent = false;
  number written;  // as written: 30 for `30%`, 10 for `times 10`
  span where;
};

struct total_clause {
  name attribute;
  name kind;
  std::optional<condition> filter;
  number points;
  number step;  // `per full STEP`
  span where;
};

struct cap_clause {
  number limit;
  period_ref period;
  span where;
};

// `counted at most once per year`, `counted at most 3 times per month`
struct count_limit {
  number times;  // 1 for `once`
  bool once = false;
  period_ref period;
  span where;
};

struct exemption {
  label reason;
  condition when;
  span where;
};

// A rule's amount clause: exactly one of these (the parser refuses a rule with none or two, R2017).
using rule_amount = std::variant<each_clause, total_clause, absence_clause, distinct_clause, average_clause>;

// The kind of event an amount clause counts.
inline const name& counted_kind(const rule_amount& amount) {
  return std::visit([](const auto& clause) -> const name& { return clause.kind; }, amount);
}
// The filter of an amount clause, `where C`.
inline const std::optional<condition>& amount_filter(const rule_amount& amount) {
  return std::visit([](const auto& clause) -> const std::optional<condition>& { return clause.filter; }, amount);
}
inline span amount_span(const rule_amount& amount) {
  return std::visit([](const auto& clause) { return clause.where; }, amount);
}

// `consequence "通报批评"`, `consequence "限期整改" within 7 days`: an action the council takes
// when the rule applies, the veto applies or the grade is given. It changes no score; the reports
// show it with the unit's result.
struct consequence {
  label action;
  std::optional<number> within_days;  // the deadline, in days from the end of the period
  span where;
};

struct rule_decl {
  name id;
  label title;
  name area;
  rule_amount amount;
  std::vector<cap_clause> caps;
  std::vector<count_limit> limits;
  std::vector<exemption> exemptions;
  span where;
  std::vector<consequence> consequences;
};

struct veto_effect {
  enum class action { not_eligible, score_set, lowest_grade };
  action what = action::not_eligible;
  name distinction;  // not_eligible
  number score;      // score_set
  period_ref duration;
  bool and_next = false;  // `this and next year`
  span where;
};

struct veto_decl {
  name id;
  label reason;
  name kind;
  std::optional<condition> filter;
  std::vector<veto_effect> effects;
  span where;
  std::vector<consequence> consequences;
};

enum class direction { higher, lower, more, fewer };

struct order_term {
  bool total = false;  // `total score`
  name key;
  direction dir = direction::higher;
  span where;
};

// `for 3 months in a row with red_flag`
struct streak {
  number length;
  period_ref unit;
  name distinction;
  span where;
};

struct distinction_decl {
  // top_share, next_share, bottom_share: a percentage of the units ranked (`top 5%`, `next 10%`,
  // `bottom 10%`), whose places are counted when the ranking is known.
  enum class placement { ranks, top, bottom, streak, top_share, next_share, bottom_share };
  name id;
  label title;
  placement place = placement::ranks;
  number first_rank;  // ranks (`rank N` is `ranks N to N`)
  number last_rank;   // ranks; the N of `top N` and `bottom N`
  bool single_rank = false;     // written `rank N`
  std::optional<name> role;     // `to ROLE of ...`: the role holders of the units so placed
  std::optional<streak> run;    // placement::streak
  number share;                 // the percentage of top_share, next_share and bottom_share (5 for `5%`)
  span where;
};

inline bool is_share(distinction_decl::placement place) {
  using placement = distinction_decl::placement;
  return place == placement::top_share || place == placement::next_share || place == placement::bottom_share;
}

struct ranking_decl {
  period_ref period;
  std::vector<std::vector<order_term>> orders;  // each `order by` clause; one is expected
  std::vector<span> tie_clauses;
  std::vector<distinction_decl> distinctions;
  std::vector<condition> filters;  // `only where C` over roster columns
  std::vector<name> min_grades;    // `only graded at least GRADE`
  std::vector<name> within;        // `within each COLUMN`
  std::vector<name> groups;        // `rank each COLUMN by its average score`
  span where;
};

struct subsidy_clause {
  number percent;
  number rank;
  span where;
};

struct eligibility_clause {
  number at_least;
  name distinction;
  span where;
};

struct awards_decl {
  period_ref period;
  std::vector<std::vector<order_term>> orders;
  std::vector<span> tie_clauses;
  std::vector<subsidy_clause> subsidies;
  std::vector<eligibility_clause> eligibility;
  std::vector<condition> filters;
  std::vector<distinction_decl> distinctions;  // titles, streaks and role-holder awards
  span where;
};

struct person_test {
  bool forbids = false;  // `unless any KIND`; otherwise `when at least N KIND`
  number at_least;
  name kind;
  std::optional<condition> filter;
  span where;
};

struct role_award_decl {
  label title;
  number percent;
  std::vector<person_test> tests;
  span where;
};

struct grade_decl {
  name id;
  label title;
  std::optional<number> at_least;  // absent for `otherwise`, the lowest grade
  span where;
  std::vector<consequence> consequences;
};

// `roster` with attribute lines: columns of the unit roster the rubric reads.
struct roster_decl {
  std::vector<attribute_decl> columns;
  span where;
};

struct grades_decl {
  std::vector<grade_decl> grades;  // highest first
  span where;
};

// `balance bank "积分余额"`: a balance carried from period to period (a points bank): each period's
// score is added to it, redemptions spend it, and it may be reset at the start of each PERIOD.
struct balance_decl {
  name id;
  label title;
  std::optional<name> redemption_kind;       // `redeemed by KIND spending ATTR`
  std::optional<name> redemption_attribute;
  std::optional<number> spend_above;         // `spend only above N`: what must stay in the balance
  std::optional<period_ref> reset;           // `reset every PERIOD`
  span redemption_where, spend_where, reset_where;
  span where;
};

using statement = std::variant<scoring_decl, role_decl, event_decl, area_decl, rule_decl, veto_decl, ranking_decl,
                               awards_decl, role_award_decl, grades_decl, roster_decl, balance_decl>;

struct comment {
  span where;  // from `#` to the end of the line, without the line break
};

// Which surface syntax a file is written in: its first statement says (`rubric` or `细则`).
// Only the formatter cares; both surfaces give the same tree.
enum class surface { en, zh };

struct rubric_file {
  surface written_in = surface::en;
  header head;
  std::vector<statement> statements;  // in source order
  std::vector<comment> comments;      // in source order
};

}  // namespace rubric::lang::ast
