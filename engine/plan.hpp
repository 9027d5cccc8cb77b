// The evaluation plan: every checked version of a rubric compiled for fast, exact evaluation.
// Names are resolved to indexes, rules and vetoes are indexed by event kind, conditions are
// flat programs over an event's encoded attribute values. Evaluation never sees syntax.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/events/vocabulary.hpp"
#include "engine/string_map.hpp"

#include "lang/ast.hpp"
#include "lang/calendar.hpp"
#include "lang/load.hpp"

namespace rubric::engine {

constexpr std::size_t max_attributes = 64;  // per event kind; the checker enforces it
constexpr std::size_t max_choices = 64;     // per attribute; the checker enforces it

// An event's attribute values, encoded: yes/no as 0/1, numbers in decimal units (millionths),
// choices by index, persons by roster index. `present` has bit i set when attribute i has a value.
struct event_values {
  std::int64_t values[max_attributes];
  std::uint64_t present = 0;
  // The event's day (days since 1970-01-01) and time of day (seconds since midnight, -1 when the
  // row gives none): set only for rubrics with a day or time condition (plan::reads_dates).
  std::int32_t day = 0;
  std::int32_t second_of_day = -1;
};

struct condition_node {
  enum class op : std::uint8_t { never, any_of, all_of, negate, truthy, equals, not_equals, in_set, at_least, at_most, above, below,
                                 on_days, time_span };
  op kind = op::never;
  std::uint8_t attribute = 0;
  std::uint16_t first_child = 0, child_count = 0;  // any_of, all_of, negate
  std::int64_t value = 0;                          // a value, or for in_set a bit set of choices
  // on_days: `value` is the bit set of ISO weekdays; time_span: seconds from `value` to `until`.
  std::int32_t until = 0;
};

// A condition as a flat program; an empty program is always true.
struct condition_program {
  std::vector<condition_node> nodes;  // nodes[0] is the root
  bool always() const { return nodes.empty(); }
  bool holds(const event_values& event) const { return nodes.empty() || holds_at(0, event); }
  bool reads(condition_node::op op) const;  // some node is `op`

 private:
  bool holds_at(std::size_t i, const event_values& event) const;
};

struct attribute_plan {
  std::string name;
  std::string label;  // empty when the rubric gives none; data files may use it for the name
  lang::ast::type_kind type;
  std::vector<std::string> choices;
  std::vector<std::string> choice_labels;      // beside `choices`; empty where a choice has none
  std::vector<std::string> ambiguous_choices;  // words naming or labelling two choices (sorted)
  std::optional<std::int64_t> min, max;  // decimal units
  bool min_exclusive = false, max_exclusive = false;
  bool required = true;
  std::optional<std::int64_t> default_value;  // encoded

  std::vector<term> choice_terms() const;  // the choices with their labels, for messages
};

struct kind_plan {
  std::string name;
  std::string title;  // the kind's label: data files may use it for the name
  std::vector<attribute_plan> attributes;
  std::vector<std::uint32_t> rules;   // indexes into version_plan::rules, in source order
  bool ordered_rules = false;         // some rule of this kind is ordered
  bool bounded_rules = false;         // some rule checks a value of the row (recorded amounts, daily dates)
  std::vector<std::uint32_t> vetoes;  // indexes into version_plan::vetoes
  bool lasting_vetoes = false;        // some veto of this kind lasts beyond its month
  bool redeems = false;               // the version's balance is spent by events of this kind
  bool reads_time = false;            // some condition on this kind tests the time of day: rows need one
  std::optional<std::size_t> attribute_index(std::string_view name) const;
};

struct amount_plan {
  std::int64_t points = 0;  // decimal units
  int per_attribute = -1;
  condition_program guard;  // alternatives: the first whose guard holds; `otherwise` always holds
};

struct exemption_plan {
  std::string reason;
  condition_program when;
};

// How a rule turns the events it counts into points.
enum class rule_form : std::uint8_t {
  per_event,  // `each KIND: AMOUNT`: an amount per event, summed
  recorded,   // `each KIND: recorded ATTR from L to H`: the event's own value, summed
  total,      // `total ATTR of KIND: P per full S`: floor(sum / S) * P
  absence,    // `no KIND: P`: P when no event was counted
  distinct,   // `distinct ATTR of KIND: P`: P per different choice recorded
  average,    // `average ATTR of KIND: W`: the mean value times W
  escalating, // `each KIND: escalating A, B, C within N months`: the nth time in the window costs the nth amount
  daily,      // `each KIND: P per day until ATTR`: P for every day the violation lasts
};

struct period_cap {
  lang::ast::period period = lang::ast::period::month;
  std::int64_t limit = 0;  // decimal units; negative: most deducted
};

struct count_limit_plan {
  lang::ast::period period = lang::ast::period::year;
  std::uint32_t times = 1;
};

// `consequence "限期整改" within 7 days` (engine/consequences.hpp).
struct consequence_plan {
  std::string action;
  std::optional<std::int64_t> within_days;
};

struct rule_plan {
  std::string id, title;
  std::uint32_t area = 0;
  std::uint32_t kind = 0;
  condition_program filter;
  rule_form form = rule_form::per_event;
  std::vector<amount_plan> amounts;  // per-event rules
  std::int64_t total_points = 0, total_step = 1;  // total: floor(sum / step) * points
  int value_attribute = -1;          // recorded, total, distinct, average: the attribute read
  std::int64_t low = 0, high = 0;    // recorded: the range the value must lie in
  std::int64_t points = 0;           // absence and distinct: points; average: the factor
  std::uint32_t count_slot = 0;      // average: the record word that counts the events
  // Ordered rules (escalation, daily amounts, caps at another cadence than the scoring one, count
  // limits) depend on the order of events: they are evaluated in date order once all are read.
  bool ordered = false;
  std::uint32_t key = 0;             // the same for rules of one id in every version: history follows it
  std::vector<std::optional<std::int64_t>> escalation;  // nullopt: a warning
  std::int64_t window = 0;           // escalation: the look-back, in window_unit
  lang::ast::period window_unit = lang::ast::period::month;
  int until_attribute = -1;          // daily: the date that ends the violation
  std::vector<period_cap> caps;      // ordered rules: every cap (and `cap` is unset)
  std::vector<count_limit_plan> limits;
  std::optional<std::int64_t> cap;   // negative: most deducted; positive: most awarded
  std::vector<exemption_plan> exemptions;
  std::vector<consequence_plan> consequences;
};

struct veto_effect_plan {
  lang::ast::veto_effect::action what = lang::ast::veto_effect::action::not_eligible;
  std::string distinction;        // not_eligible
  std::int64_t score = 0;         // score_set, decimal units
  bool rest_of_year = false;      // `this year`: from the veto's period to the end of its year
  bool and_next_year = false;     // `this and next year`
};

struct veto_plan {
  std::string id, reason;
  std::uint32_t kind = 0;
  condition_program filter;
  std::vector<veto_effect_plan> effects;
  bool unranks = false;      // some effect makes the unit ineligible for a distinction: it is not ranked
  bool outlasts = false;     // some effect lasts beyond the period of the event
  std::vector<consequence_plan> consequences;
};

struct area_plan {
  std::string id, title;
  std::optional<std::int64_t> budget;  // `worth N`: the area's total never goes below -N
};

struct grade_plan {
  std::string id, title;
  std::optional<std::int64_t> at_least;  // absent for the lowest grade
  std::vector<consequence_plan> consequences;
};

enum class order_key { score, deductions, distinction_count, total_score };

struct order_term_plan {
  order_key key = order_key::score;
  std::string distinction;  // distinction_count
  bool descending = true;
};

// `top 5%`, `next 10%`, `bottom 10%`: a share of the units ranked, whose places are known only
// when the ranking is (rank.hpp, share_places).
enum class share_kind : std::uint8_t { none, top, next, bottom };

struct share_plan {
  share_kind kind = share_kind::none;
  std::int64_t percent = 0;  // decimal units: 5% is 5'000'000
};

struct distinction_plan {
  std::string id, title;
  std::uint32_t first_rank = 1, last_rank = 3;
  bool from_bottom = false;  // `bottom N`: ranks counted from the lowest
  share_plan share;          // when set, first_rank and last_rank are counted per ranking
};

// A distinction of the awards section: a title for ranks, a streak, or an award to role holders.
struct award_title_plan {
  std::string id, title;
  std::uint32_t first_rank = 1, last_rank = 1;
  bool from_bottom = false;
  std::string role;                 // to the holders of this role in the units so placed
  std::uint32_t streak = 0;         // for this many periods in a row with `streak_distinction`
  std::string streak_distinction;
  share_plan share;                 // when set, first_rank and last_rank are counted per ranking
};

struct person_test_plan {
  bool forbids = false;     // `unless any`
  std::uint32_t at_least = 1;
  std::string kind_name;
  std::string text;         // as written in the rubric, for reports
};

// The role-holder subsidy of one version, with its tests compiled against every version's schema
// (events of a year may be recorded under an earlier version than the one that awards).
struct role_award_plan {
  std::string title;
  std::int64_t percent = 0;  // decimal units
  std::vector<person_test_plan> tests;
  struct compiled_test {
    std::uint32_t test = 0;   // index into tests
    condition_program filter;
    std::uint8_t person_attribute = 0;
  };
  // by_version[v][kind of version v] -> the tests that count events of that kind
  std::vector<std::vector<std::vector<compiled_test>>> by_version;
};

// `balance NAME "LABEL"`: each period's score is added to the unit's balance, redemptions spend it
// (docs/language.md, "A balance carried across periods").
struct balance_plan {
  std::string id, title;
  std::optional<std::uint32_t> redemption_kind;  // index into version_plan::kinds
  std::uint32_t redemption_attribute = 0;        // of that kind: the points spent
  std::int64_t floor = 0;                        // `spend only above N`: what must stay
  std::optional<lang::ast::period> reset;        // `reset every PERIOD`
};

struct version_plan {
  std::string id;
  int effective_period = 0;  // the key of the period it takes effect in, in plan::periods
  std::string path, sha256;
  std::string title;
  std::int64_t base = 0;
  std::vector<kind_plan> kinds;
  string_map<std::uint32_t> kind_lookup;
  std::vector<std::string> ambiguous_kinds;  // words naming or labelling two kinds (sorted)
  std::vector<area_plan> areas;
  std::vector<rule_plan> rules;
  std::size_t count_slots = 0;  // extra record words: one per average rule
  std::vector<veto_plan> vetoes;
  std::vector<grade_plan> grades;  // highest first; empty when the version has no grades
  bool has_ranking = false;  // without a `ranking` section units are scored and graded, not ranked
  std::vector<order_term_plan> ranking_order;
  std::vector<distinction_plan> distinctions;
  std::vector<condition_program> ranking_filters;  // over plan::roster_columns
  std::vector<std::string> ranking_filter_texts;   // as written, for explanations
  std::optional<std::uint32_t> ranking_min_grade;  // `only graded at least G`: index into grades
  int ranking_within = -1;                         // a roster column: separate rankings per value
  int ranking_groups = -1;                         // a roster column: groups ranked by their average
  lang::ast::period awards_period = lang::ast::period::year;
  std::vector<condition_program> awards_filters;
  std::vector<award_title_plan> titles;
  bool has_awards = false;
  bool has_shares = false;  // a distinction or title given to a share of the units ranked
  std::vector<order_term_plan> awards_order;
  std::vector<std::pair<std::uint32_t, std::int64_t>> subsidies;  // rank -> percent units
  std::optional<std::pair<std::string, std::uint32_t>> award_eligibility;  // distinction, at least
  std::optional<role_award_plan> role_award;
  bool has_consequences = false;   // some rule, veto or grade states one
  bool rule_consequences = false;  // some rule does: scoring keeps the rules' totals
  std::optional<balance_plan> balance;

  std::optional<std::uint32_t> kind_index(std::string_view name) const;
  std::vector<term> kind_terms() const;  // the kinds with their labels, for messages
  // The grade of a score (index into grades), when the version has grades.
  std::optional<std::uint32_t> grade_of(std::int64_t score) const;
};

struct plan {
  std::vector<version_plan> versions;  // by effective date
  std::vector<std::string> attribute_names;  // every attribute of every kind of every version
  lang::calendar periods;                    // the cadence every version scores on
  kind_plan roster_columns;                  // the unit roster's columns any version reads
  // The words of data files: every role (people.csv), and every column of an events file
  // (date, unit, kind and each attribute), by name and by label (docs/events.md).
  std::vector<term> roles;
  std::vector<term> event_columns;
  // Some condition tests an event's weekday or time of day: the reader then gives each event its
  // day and time (event_values::day, second_of_day); other rubrics pay nothing for them.
  bool reads_dates = false;

  // The version in force during a period (a key of `periods`), if any.
  std::optional<std::uint32_t> version_for_period(int period) const;
};

// The rubric must have loaded clean (folder.ok()).
plan compile_plan(const lang::rubric_folder& folder);


}  // namespace rubric::engine
