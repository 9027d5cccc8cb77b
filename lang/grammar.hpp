// The rubric grammar as pure PEGTL types: one rule per construct, named after it. Semantics live
// in ast_builder.cpp, error messages in grammar_errors.hpp; neither changes this file.
//
// Layout: every token consumes the blanks and comments after it (`skip`), so a construct's
// match starts at its first keyword. After a construct's leading keyword the rest is a must:
// the parser commits and reports what it expected there.
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

#include <tao/pegtl.hpp>

#include "lang/grammar_words.hpp"

namespace rubric::lang::grammar {

namespace p = tao::pegtl;

// ---- blanks and comments ---------------------------------------------------------------------
struct comment : p::seq<p::one<'#'>, p::until<p::eolf>> {};
struct skip : p::star<p::sor<p::plus<p::space>, comment>> {};
template <typename Rule>
struct token : p::seq<Rule, skip> {};

// ---- keywords --------------------------------------------------------------------------------
// A keyword never continues into an identifier: `areas` is a name, not `area` + `s`, and
// `rule楼道` is one name too (names are Unicode).
template <typename Text>
struct word : p::seq<Text, p::not_at<identifier_char>> {};
#define RUBRIC_WORD(text) word<TAO_PEGTL_STRING(text)>
#define RUBRIC_KEYWORD(name, text) \
  struct kw_##name : token<RUBRIC_WORD(text)> {};
RUBRIC_KEYWORD(rubric, "rubric")
RUBRIC_KEYWORD(version, "version")
RUBRIC_KEYWORD(effective, "effective")
RUBRIC_KEYWORD(scores, "scores")
RUBRIC_KEYWORD(each, "each")
RUBRIC_KEYWORD(per, "per")
RUBRIC_KEYWORD(starting, "starting")
RUBRIC_KEYWORD(at, "at")
RUBRIC_KEYWORD(role, "role")
RUBRIC_KEYWORD(event, "event")
RUBRIC_KEYWORD(true, "true")
RUBRIC_KEYWORD(false, "false")
RUBRIC_KEYWORD(or, "or")
RUBRIC_KEYWORD(and, "and")
RUBRIC_KEYWORD(not, "not")
RUBRIC_KEYWORD(integer, "integer")
RUBRIC_KEYWORD(decimal, "decimal")
RUBRIC_KEYWORD(one, "one")
RUBRIC_KEYWORD(of, "of")
RUBRIC_KEYWORD(person, "person")
RUBRIC_KEYWORD(least, "least")
RUBRIC_KEYWORD(most, "most")
RUBRIC_KEYWORD(above, "above")
RUBRIC_KEYWORD(below, "below")
RUBRIC_KEYWORD(default, "default")
RUBRIC_KEYWORD(optional, "optional")
RUBRIC_KEYWORD(required, "required")
RUBRIC_KEYWORD(area, "area")
RUBRIC_KEYWORD(rule, "rule")
RUBRIC_KEYWORD(in, "in")
RUBRIC_KEYWORD(where, "where")
RUBRIC_KEYWORD(if, "if")
RUBRIC_KEYWORD(otherwise, "otherwise")
RUBRIC_KEYWORD(total, "total")
RUBRIC_KEYWORD(full, "full")
RUBRIC_KEYWORD(capped, "capped")
RUBRIC_KEYWORD(exempt, "exempt")
RUBRIC_KEYWORD(when, "when")
RUBRIC_KEYWORD(is, "is")
RUBRIC_KEYWORD(veto, "veto")
RUBRIC_KEYWORD(any, "any")
RUBRIC_KEYWORD(effect, "effect")
RUBRIC_KEYWORD(eligible, "eligible")
RUBRIC_KEYWORD(for, "for")
RUBRIC_KEYWORD(this, "this")
RUBRIC_KEYWORD(ranking, "ranking")
RUBRIC_KEYWORD(order, "order")
RUBRIC_KEYWORD(by, "by")
RUBRIC_KEYWORD(then, "then")
RUBRIC_KEYWORD(first, "first")
RUBRIC_KEYWORD(higher, "higher")
RUBRIC_KEYWORD(lower, "lower")
RUBRIC_KEYWORD(more, "more")
RUBRIC_KEYWORD(fewer, "fewer")
RUBRIC_KEYWORD(ties, "ties")
RUBRIC_KEYWORD(share, "share")
RUBRIC_KEYWORD(a, "a")
RUBRIC_KEYWORD(award, "award")
RUBRIC_KEYWORD(to, "to")
RUBRIC_KEYWORD(ranks, "ranks")
RUBRIC_KEYWORD(rank, "rank")
RUBRIC_KEYWORD(awards, "awards")
RUBRIC_KEYWORD(subsidy, "subsidy")
RUBRIC_KEYWORD(only, "only")
RUBRIC_KEYWORD(with, "with")
RUBRIC_KEYWORD(role_subsidy, "role_subsidy")
RUBRIC_KEYWORD(unless, "unless")
RUBRIC_KEYWORD(worth, "worth")
RUBRIC_KEYWORD(recorded, "recorded")
RUBRIC_KEYWORD(from, "from")
RUBRIC_KEYWORD(no, "no")
RUBRIC_KEYWORD(distinct, "distinct")
RUBRIC_KEYWORD(average, "average")
RUBRIC_KEYWORD(times, "times")
RUBRIC_KEYWORD(grades, "grades")
RUBRIC_KEYWORD(score, "score")
RUBRIC_KEYWORD(set, "set")
RUBRIC_KEYWORD(lowest, "lowest")
RUBRIC_KEYWORD(grade, "grade")
RUBRIC_KEYWORD(next, "next")
RUBRIC_KEYWORD(top, "top")
RUBRIC_KEYWORD(bottom, "bottom")
RUBRIC_KEYWORD(date, "date")
RUBRIC_KEYWORD(escalating, "escalating")
RUBRIC_KEYWORD(warning, "warning")
RUBRIC_KEYWORD(within, "within")
RUBRIC_KEYWORD(day, "day")
RUBRIC_KEYWORD(until, "until")
RUBRIC_KEYWORD(counted, "counted")
RUBRIC_KEYWORD(once, "once")
RUBRIC_KEYWORD(roster, "roster")
RUBRIC_KEYWORD(its, "its")
RUBRIC_KEYWORD(row, "row")
RUBRIC_KEYWORD(graded, "graded")
RUBRIC_KEYWORD(consequence, "consequence")
RUBRIC_KEYWORD(balance, "balance")
RUBRIC_KEYWORD(redeemed, "redeemed")
RUBRIC_KEYWORD(spending, "spending")
RUBRIC_KEYWORD(spend, "spend")
RUBRIC_KEYWORD(reset, "reset")
RUBRIC_KEYWORD(every, "every")
#undef RUBRIC_KEYWORD

// Words that can never be names, because a name may stand where they begin a construct.
inline constexpr auto reserved_words = std::to_array<std::string_view>({
    "rubric", "scores", "role", "event", "area", "rule", "veto", "ranking", "awards", "role_subsidy", "each",
    "total", "capped", "exempt", "where", "when", "unless", "if", "otherwise", "and", "or", "not", "is",
    "per", "effect", "order", "then", "ties", "award", "subsidy", "only", "default", "optional", "required",
    "true", "false", "in", "of", "at", "above", "below", "any", "no", "distinct", "average", "grades",
    "recorded", "counted", "escalating", "roster", "consequence", "balance"});
inline bool is_reserved_word(std::string_view word) {
  return std::find(reserved_words.begin(), reserved_words.end(), word) != reserved_words.end();
}

// ---- literals --------------------------------------------------------------------------------
// A name per UAX #31 (XID_Start XID_Continue*, or `_` first): `corridor_clutter`, `楼道杂物`.
struct identifier : unicode_identifier<is_reserved_word> {};
struct name_token : token<identifier> {};
// Names by role, so the AST builder and the error table can tell them apart.
struct declared_name : name_token {};
struct kind_ref : name_token {};
struct attribute_ref : name_token {};
struct area_ref : name_token {};
struct distinction_ref : name_token {};
struct value_name : name_token {};
struct order_key_name : name_token {};

struct label_escape : p::seq<p::one<'\\'>, p::one<'"', '\\', 'n'>> {};
struct label_char : p::sor<label_escape, p::not_one<'"', '\\', '\n', '\r'>> {};
struct label_close : p::one<'"'> {};
struct label : token<p::seq<p::one<'"'>, p::star<label_char>, p::must<label_close>>> {};

struct number_text : p::seq<p::opt<p::one<'+', '-'>>, p::plus<p::digit>,
                            p::opt<p::one<'.'>, p::plus<p::digit>>,
                            p::not_at<p::sor<p::identifier_other, p::one<'.'>>>> {};
struct number : token<number_text> {};
struct percent_sign : p::one<'%'> {};
struct percent : token<p::seq<number_text, p::must<percent_sign>>> {};
struct date : token<p::seq<p::rep<4, p::digit>, p::one<'-'>, p::rep<2, p::digit>, p::one<'-'>,
                           p::rep<2, p::digit>, p::not_at<p::digit>>> {};
struct period_word : token<p::sor<RUBRIC_WORD("day"), RUBRIC_WORD("week"), RUBRIC_WORD("month"),
                                  RUBRIC_WORD("quarter"), RUBRIC_WORD("semester"),
                                  RUBRIC_WORD("year")>> {};
struct colon : token<p::one<':'>> {};
struct comma : token<p::one<','>> {};
struct open_paren : token<p::one<'('>> {};
struct close_paren : token<p::one<')'>> {};

struct literal_true : kw_true {};
struct literal_false : kw_false {};
struct literal : p::sor<literal_true, literal_false, number, value_name> {};

// ---- header and declarations ------------------------------------------------------------------
struct header : p::if_must<kw_rubric, label, kw_version, label, kw_effective, date> {};
// `scores each unit "单元" per month`: the scored entity may have a label.
struct entity_label : label {};
struct scoring_decl : p::if_must<kw_scores, kw_each, declared_name, p::opt<entity_label>, kw_per, period_word, p::opt<comma>, kw_starting,
                                 kw_at, number> {};
struct role_decl : p::if_must<kw_role, declared_name, label> {};

struct bound_at_least : p::seq<kw_at, kw_least, p::must<number>> {};
struct bound_at_most : p::seq<kw_at, kw_most, p::must<number>> {};
struct bound_above : p::if_must<kw_above, number> {};
struct bound_below : p::if_must<kw_below, number> {};
struct bound : p::sor<bound_at_least, bound_at_most, bound_above, bound_below> {};

struct type_bool : p::if_must<kw_true, kw_or, kw_false> {};
struct type_integer : p::seq<kw_integer, p::star<bound>> {};
struct type_decimal : p::seq<kw_decimal, p::star<bound>> {};
struct choice_label : label {};
struct choice_item : p::seq<value_name, p::opt<choice_label>> {};
struct choice_list : p::list<choice_item, comma> {};
struct type_choice : p::if_must<kw_one, kw_of, choice_list> {};
struct type_person : kw_person {};
struct type_date : kw_date {};
struct attribute_type : p::sor<type_bool, type_integer, type_decimal, type_choice, type_person, type_date> {};
struct default_option : p::if_must<kw_default, literal> {};
struct optional_option : kw_optional {};
struct required_option : kw_required {};
struct attribute_option : p::sor<default_option, optional_option, required_option> {};
struct attribute_label : label {};
struct attribute_decl : p::seq<declared_name, p::opt<attribute_label>, p::must<colon, attribute_type>, p::star<comma, p::must<attribute_option>>> {};
struct event_decl : p::seq<kw_event, p::must<declared_name>, p::opt<label>, p::star<attribute_decl>> {};

struct area_budget : p::if_must<kw_worth, number> {};
struct area_decl : p::if_must<kw_area, declared_name, label, p::opt<area_budget>> {};

// ---- conditions --------------------------------------------------------------------------------
struct condition;
struct value_list : p::list<value_name, comma> {};
struct is_one_of : p::seq<kw_is, kw_one, kw_of, p::must<value_list>> {};
struct is_not : p::seq<kw_is, kw_not, p::must<literal>> {};
struct is_value : p::if_must<kw_is, literal> {};
struct comparator : p::sor<is_one_of, is_not, is_value, bound> {};
struct comparison : p::seq<attribute_ref, p::opt<comparator>> {};
struct parenthesized : p::if_must<open_paren, condition, close_paren> {};
// ---- date and time of the event (docs/language.md, "Date and time") ----
// `on weekdays`, `on weekends`, `on monday`; `between 07:00 and 09:00`, `after 23:00`,
// `before 07:00`. None of these words is reserved: each form commits only once the word is
// followed by what only it can be (a day word, a time), so an attribute named `after` still works.
struct time_of_day : token<p::seq<p::rep_min_max<1, 2, p::digit>, p::one<':'>, p::rep<2, p::digit>, p::not_at<p::digit>>> {};
struct day_word : token<p::sor<RUBRIC_WORD("weekdays"), RUBRIC_WORD("weekends"), RUBRIC_WORD("monday"),
                               RUBRIC_WORD("tuesday"), RUBRIC_WORD("wednesday"), RUBRIC_WORD("thursday"),
                               RUBRIC_WORD("friday"), RUBRIC_WORD("saturday"), RUBRIC_WORD("sunday"),
                               RUBRIC_WORD("Monday"), RUBRIC_WORD("Tuesday"), RUBRIC_WORD("Wednesday"),
                               RUBRIC_WORD("Thursday"), RUBRIC_WORD("Friday"), RUBRIC_WORD("Saturday"),
                               RUBRIC_WORD("Sunday")>> {};
struct on_days : p::seq<token<RUBRIC_WORD("on")>, day_word> {};
struct time_until : p::seq<kw_and, time_of_day> {};
struct time_between : p::seq<token<RUBRIC_WORD("between")>, time_of_day, p::must<time_until>> {};
struct time_after : p::seq<token<RUBRIC_WORD("after")>, time_of_day> {};
struct time_before : p::seq<token<RUBRIC_WORD("before")>, time_of_day> {};
struct when_condition : p::sor<on_days, time_between, time_after, time_before> {};
struct unary;
struct negation : p::if_must<kw_not, unary> {};
struct unary : p::sor<negation, parenthesized, when_condition, comparison> {};
struct conjunction : p::seq<unary, p::star<kw_and, p::must<unary>>> {};
struct disjunction : p::seq<conjunction, p::star<kw_or, p::must<conjunction>>> {};
// A distinct rule around the disjunction, so the parse tree keeps the disjunction node.
struct condition : p::seq<disjunction> {};
struct where_clause : p::if_must<kw_where, condition> {};

// ---- rules -------------------------------------------------------------------------------------
struct per_attribute : p::if_must<kw_per, attribute_ref> {};
struct amount : p::seq<number, p::opt<per_attribute>> {};
struct guarded_amount : p::seq<amount, kw_if, p::must<condition>> {};
struct otherwise_amount : p::if_must<kw_otherwise, amount> {};
// The inspectors record the amount on the event; the rule bounds it.
struct recorded_amount : p::if_must<kw_recorded, attribute_ref, kw_from, number, kw_to, number> {};
// Repeat offences cost more: the nth counted event within the window takes the nth amount (the
// last repeats); `warning` is an amount of nothing, shown as a warning.
struct escalation_warning : kw_warning {};
struct escalation_step : p::sor<escalation_warning, number> {};
struct window_unit : token<p::sor<RUBRIC_WORD("days"), RUBRIC_WORD("day"), RUBRIC_WORD("weeks"),
                                  RUBRIC_WORD("week"), RUBRIC_WORD("months"), RUBRIC_WORD("month"),
                                  RUBRIC_WORD("years"), RUBRIC_WORD("year")>> {};
struct escalation_window : p::if_must<kw_within, number, window_unit> {};
struct escalation_steps : p::list<escalation_step, comma> {};
struct escalating_amount : p::if_must<kw_escalating, escalation_steps, escalation_window> {};
// A continuing violation: the amount for each day from the event's date until the date recorded
// in the attribute (or the end of the period scored, while it is absent).
struct daily_amount : p::seq<number, kw_per, kw_day, p::must<kw_until, attribute_ref>> {};
// Its own rule so that a missing `, otherwise AMOUNT` is reported as such (lang/parse.cpp).
struct alternatives_comma : comma {};
struct amount_choices : p::sor<recorded_amount, escalating_amount, daily_amount,
                               p::seq<guarded_amount, p::must<alternatives_comma>,
                                      p::star<guarded_amount, p::must<alternatives_comma>>, p::must<otherwise_amount>>,
                               amount> {};
struct each_clause : p::if_must<kw_each, kind_ref, p::opt<where_clause>, colon, amount_choices> {};
struct total_clause : p::if_must<kw_total, attribute_ref, kw_of, kind_ref, p::opt<where_clause>, colon, number,
                                 kw_per, kw_full, number> {};
// Points for a period in which no such event was recorded.
struct absence_clause : p::if_must<kw_no, kind_ref, p::opt<where_clause>, colon, number> {};
// Points for each different value of a choice attribute (criteria met, counted as stars).
struct distinct_clause : p::if_must<kw_distinct, attribute_ref, kw_of, kind_ref, p::opt<where_clause>, colon, number> {};
// The average of a recorded number, weighted (`30%`) or scaled (`times 10`).
struct times_factor : p::if_must<kw_times, number> {};
struct average_factor : p::sor<percent, times_factor> {};
struct average_clause : p::if_must<kw_average, attribute_ref, kw_of, kind_ref, p::opt<where_clause>, colon,
                                   average_factor> {};
struct cap_clause : p::if_must<kw_capped, kw_at, number, kw_per, period_word> {};
struct times_once : kw_once {};
struct times_count : p::seq<number, p::must<kw_times>> {};
struct count_limit_clause : p::if_must<kw_counted, kw_at, kw_most, p::sor<times_once, times_count>, kw_per, period_word> {};
struct exempt_clause : p::if_must<kw_exempt, label, kw_when, condition> {};
// An action the council takes, with its deadline: `consequence "限期整改" within 7 days`.
struct consequence_days : token<p::sor<RUBRIC_WORD("days"), RUBRIC_WORD("day")>> {};
struct consequence_deadline : p::if_must<kw_within, number, consequence_days> {};
struct consequence_clause : p::if_must<kw_consequence, label, p::opt<consequence_deadline>> {};
struct rule_clause : p::sor<each_clause, total_clause, absence_clause, distinct_clause, average_clause, cap_clause,
                            count_limit_clause, exempt_clause, consequence_clause> {};
struct rule_decl : p::seq<kw_rule, p::must<declared_name, label, kw_in, area_ref>, p::star<rule_clause>> {};

// ---- vetoes ------------------------------------------------------------------------------------
struct effect_not_eligible : p::if_must<kw_not, kw_eligible, kw_for, distinction_ref> {};
struct effect_score_set : p::if_must<kw_score, kw_set, kw_to, number> {};
struct effect_lowest_grade : p::if_must<kw_lowest, kw_grade> {};
struct effect_action : p::sor<effect_not_eligible, effect_score_set, effect_lowest_grade> {};
struct duration_and_next : p::if_must<kw_and, kw_next, period_word> {};
struct effect_duration : p::if_must<kw_this, p::sor<duration_and_next, period_word>> {};
struct veto_effect : p::if_must<kw_effect, effect_action, effect_duration> {};
struct veto_decl : p::if_must<kw_veto, declared_name, label, kw_when, kw_any, kind_ref, p::opt<where_clause>,
                              veto_effect, p::star<veto_effect>, p::star<consequence_clause>> {};

// ---- rankings and awards -----------------------------------------------------------------------
struct key_total : kw_total {};
struct order_key : p::seq<p::opt<key_total>, order_key_name> {};
struct direction_higher : kw_higher {};
struct direction_lower : kw_lower {};
struct direction_more : kw_more {};
struct direction_fewer : kw_fewer {};
struct direction : p::sor<direction_higher, direction_lower, direction_more, direction_fewer> {};
struct order_term : p::seq<order_key, p::opt<comma>, p::must<direction>, p::must<kw_first>> {};
struct then_term : p::if_must<kw_then, kw_by, order_term> {};
struct order_clause : p::if_must<kw_order, kw_by, order_term, p::star<then_term>> {};
struct tie_clause : p::if_must<kw_ties, kw_share, kw_a, kw_rank> {};
struct ranks_range : p::if_must<kw_ranks, number, kw_to, number> {};
struct ranks_top : p::if_must<kw_top, number> {};
struct ranks_bottom : p::if_must<kw_bottom, number> {};
struct ranks_single : p::if_must<kw_rank, number> {};
// `top 5%`, `next 10%`, `bottom 10%`: a percentage of the units ranked; `next` follows the places
// of the shares before it (tiers: top 5% gold, next 10% silver).
struct share_percent : token<p::seq<number_text, percent_sign>> {};
struct share_top : p::seq<kw_top, share_percent> {};
struct share_bottom : p::seq<kw_bottom, share_percent> {};
struct share_next : p::if_must<kw_next, share_percent> {};
struct role_ref : name_token {};
// `to unit_head of rank 1`: the holders of a role in the units so placed.
struct role_target : p::seq<role_ref, p::must<kw_of, p::sor<ranks_range, ranks_single, ranks_top, ranks_bottom>>> {};
struct ranks_target : p::sor<share_top, share_bottom, share_next, ranks_range, ranks_single, ranks_top, ranks_bottom, role_target> {};
// `for 3 months in a row with red_flag`: a distinction received in consecutive periods.
struct streak_target : p::if_must<kw_for, number, window_unit, kw_in, kw_a, kw_row, kw_with, distinction_ref> {};
struct distinction_target : p::sor<p::seq<kw_to, p::must<ranks_target>>, streak_target> {};
struct distinction_decl : p::if_must<kw_award, declared_name, label, distinction_target> {};
// Only units whose roster columns meet the condition are ranked.
struct roster_filter : p::seq<kw_only, kw_where, p::must<condition>> {};
// Separate rankings for each value of a roster column.
struct within_clause : p::seq<kw_within, p::must<kw_each, attribute_ref>> {};
// Groups of units ranked by their members' average; members share the group's placing.
struct group_clause : p::seq<kw_rank, p::must<kw_each, attribute_ref, kw_by, kw_its, kw_average, kw_score>> {};
// Only units graded at least so well are ranked.
struct grade_ref : name_token {};
struct grade_filter : p::seq<kw_only, kw_graded, p::must<kw_at, kw_least, grade_ref>> {};
struct ranking_clause : p::sor<order_clause, tie_clause, distinction_decl, roster_filter, grade_filter, within_clause,
                               group_clause> {};
struct ranking_decl : p::seq<kw_ranking, p::must<kw_per, period_word>, p::star<ranking_clause>> {};

struct subsidy_clause : p::if_must<kw_subsidy, percent, kw_to, kw_rank, number> {};
struct eligibility_clause : p::seq<kw_only, kw_with, p::must<kw_at, kw_least, number, distinction_ref>> {};
struct awards_clause : p::sor<order_clause, tie_clause, subsidy_clause, eligibility_clause, roster_filter,
                              distinction_decl> {};
struct awards_decl : p::seq<kw_awards, p::must<kw_per, period_word>, p::star<awards_clause>> {};

struct at_least_test : p::seq<kw_when, p::must<kw_at, kw_least, number, kind_ref>, p::opt<where_clause>> {};
struct unless_test : p::seq<kw_unless, p::must<kw_any, kind_ref>, p::opt<where_clause>> {};
struct person_test : p::sor<at_least_test, unless_test> {};
struct role_award_decl : p::seq<kw_role_subsidy, p::must<label, percent, person_test>, p::star<person_test>> {};

// ---- the unit roster's columns ------------------------------------------------------------------
struct roster_decl : p::seq<kw_roster, p::star<attribute_decl>> {};

// ---- grades ----------------------------------------------------------------------------------
struct grade_at_least : p::if_must<kw_at, kw_least, number> {};
struct grade_otherwise : kw_otherwise {};
struct grade_threshold : p::sor<grade_at_least, grade_otherwise> {};
struct grade_line : p::seq<declared_name, p::must<label, grade_threshold>, p::star<consequence_clause>> {};
struct grades_decl : p::seq<kw_grades, p::star<grade_line>> {};

// ---- a balance carried across periods (a points bank) ---------------------------------------------
struct redemption_clause : p::if_must<kw_redeemed, kw_by, kind_ref, kw_spending, attribute_ref> {};
struct spend_floor_clause : p::if_must<kw_spend, kw_only, kw_above, number> {};
struct reset_clause : p::if_must<kw_reset, kw_every, period_word> {};
struct balance_clause : p::sor<redemption_clause, spend_floor_clause, reset_clause> {};
struct balance_decl : p::seq<kw_balance, p::must<declared_name, label>, p::star<balance_clause>> {};

// ---- the file ----------------------------------------------------------------------------------
struct statement : p::sor<scoring_decl, role_decl, event_decl, area_decl, rule_decl, veto_decl, ranking_decl,
                          awards_decl, role_award_decl, grades_decl, roster_decl, balance_decl> {};
struct end_of_file : p::eof {};
struct byte_order_mark : TAO_PEGTL_STRING("\xEF\xBB\xBF") {};
struct rubric_file : p::seq<p::opt<byte_order_mark>, skip, p::must<header>, p::star<statement>, p::must<end_of_file>> {};

#undef RUBRIC_WORD

}  // namespace rubric::lang::grammar
