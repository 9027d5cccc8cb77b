// Internal to the parser: the Chinese surface's parse tree (lang/grammar_zh.hpp) to the syntax
// tree — the same tree the English text gives.
#pragma once

#include <optional>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "lang/ast.hpp"
#include "lang/diag/registry.hpp"
#include "lang/grammar_zh.hpp"

namespace rubric::lang {

namespace zh_tree {
namespace g = grammar_zh;
namespace pt = tao::pegtl::parse_tree;
// The nodes the builder reads; everything else (keywords, punctuation) is left out of the tree.
template <typename Rule>
using selector = pt::selector<
    Rule,
    pt::store_content::on<
        g::header, g::title_label, g::version_label, g::date, g::scoring_decl, g::role_decl, g::decl, g::decl_quoted,
        g::decl_word, g::decl_keyword_label, g::declared_name, g::period_word, g::window_unit, g::number, g::magnitude, g::percent,
        g::event_decl, g::attribute_decl, g::type_bool, g::type_integer, g::type_decimal, g::type_choice,
        g::type_person, g::type_date, g::choice_item, g::bound_at_least, g::bound_at_most, g::bound_above,
        g::bound_below, g::default_option, g::optional_option, g::required_option, g::literal_true, g::literal_false,
        g::value_ref, g::area_decl, g::area_budget, g::rule_decl, g::kind_ref, g::attribute_ref, g::area_ref,
        g::distinction_ref, g::role_ref, g::grade_ref, g::order_key_ref, g::where_clause, g::negation, g::comparison,
        g::is_one_of, g::is_not, g::is_value, g::points_add, g::points_deduct, g::points_as_written,
        g::per_attribute, g::amount, g::guarded_amount, g::otherwise_amount, g::alternatives, g::recorded_amount,
        g::escalation_warning, g::escalation_steps, g::escalation_window, g::escalating_amount, g::daily_amount,
        g::each_clause, g::total_clause, g::distinct_clause, g::times_factor, g::weight_factor, g::average_clause,
        g::absence_clause, g::times_once, g::times_count, g::count_limit_clause, g::cap_clause, g::exempt_reason,
        g::exempt_clause, g::effect_not_eligible, g::effect_score_set, g::effect_lowest_grade, g::next_period,
        g::effect_duration, g::veto_effect, g::veto_decl, g::key_score, g::key_deductions, g::key_total_score,
        g::direction_higher, g::direction_lower, g::direction_more, g::direction_fewer, g::first_term, g::order_term,
        g::order_clause, g::tie_clause, g::ranks_range, g::ranks_single, g::ranks_top, g::ranks_bottom,
        g::role_target, g::streak_target, g::distinction_decl, g::roster_filter, g::within_clause, g::group_clause,
        g::grade_filter, g::ranking_decl, g::subsidy_clause, g::eligibility_clause, g::awards_decl,
        g::at_least_test, g::unless_test, g::subsidy_title, g::role_award_decl, g::roster_decl, g::grade_at_least,
        g::grade_otherwise, g::grade_line, g::grades_decl, g::consequence_clause, g::consequence_action,
        g::share_percent, g::share_top, g::share_bottom, g::share_next, g::balance_decl, g::redemption_clause,
        g::spend_floor_clause, g::reset_clause,
        g::time_of_day, g::day_word, g::on_days, g::time_between, g::time_after, g::time_before>,
    pt::fold_one::on<g::disjunction, g::conjunction>>;
}  // namespace zh_tree

// Absent when the text says something the tree cannot hold (R2017, in `diags`).
std::optional<ast::rubric_file> build_ast_zh(const tao::pegtl::parse_tree::node& root, const source_file& file,
                                             std::vector<ast::comment> comments, diagnostics& diags);

// Comments of a Chinese file: `#` or `＃` to the end of the line, outside 「…」, “…” and "...".
std::vector<ast::comment> scan_comments_zh(std::string_view text);

}  // namespace rubric::lang
