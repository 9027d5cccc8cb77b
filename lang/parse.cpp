#include "lang/parse.hpp"

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "lang/ast_builder.hpp"
#include "lang/grammar.hpp"
#include "lang/grammar_errors.hpp"
#include "lang/i18n.hpp"

namespace rubric::lang {

namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar;

struct depth_state {
  std::size_t depth = 0;
  std::size_t limit = 64;
  bool exceeded = false;
};

template <typename Rule>
struct control : pegtl::must_if<g::error_table, pegtl::normal, false>::control<Rule> {};

// Conditions are the only recursive construct; bound their depth before the stack is at risk.
// An action (not a control) so that it also runs for rules the parse tree does not store.
template <typename Rule>
struct depth_limit : pegtl::nothing<Rule> {};

template <>
struct depth_limit<g::unary> : pegtl::maybe_nothing {
  template <typename Rule, pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    depth_state* depth = nullptr;
    ((depth = find(depth, st)), ...);
    if (++depth->depth > depth->limit) {
      depth->exceeded = true;
      throw pegtl::parse_error("conditions nested too deeply", in);
    }
    bool matched = pegtl::match<Rule, A, M, Action, Control>(in, st...);
    --depth->depth;
    return matched;
  }

 private:
  static depth_state* find(depth_state*, depth_state& d) { return &d; }
  template <typename Other>
  static depth_state* find(depth_state* found, Other&) {
    return found;
  }
};

template <typename Rule>
using selector = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<
        g::header, g::label, g::choice_label, g::attribute_label, g::choice_item, g::number, g::percent, g::date, g::period_word, g::scoring_decl, g::role_decl,
        g::event_decl, g::attribute_decl, g::type_bool, g::type_integer, g::type_decimal, g::type_choice,
        g::type_person, g::bound_at_least, g::bound_at_most, g::bound_above, g::bound_below, g::default_option,
        g::optional_option, g::required_option, g::literal_true, g::literal_false, g::area_decl, g::rule_decl,
        g::declared_name, g::kind_ref, g::attribute_ref, g::area_ref, g::value_name, g::distinction_ref,
        g::order_key_name, g::key_total, g::each_clause, g::where_clause, g::guarded_amount, g::otherwise_amount,
        g::amount, g::per_attribute, g::total_clause, g::cap_clause, g::exempt_clause, g::negation, g::comparison,
        g::is_one_of, g::is_not, g::is_value, g::veto_decl, g::veto_effect, g::ranking_decl, g::order_clause,
        g::order_term, g::direction_higher, g::direction_lower, g::direction_more, g::direction_fewer,
        g::tie_clause, g::distinction_decl, g::awards_decl, g::subsidy_clause, g::eligibility_clause,
        g::role_award_decl, g::at_least_test, g::unless_test, g::area_budget, g::recorded_amount,
        g::absence_clause, g::distinct_clause, g::average_clause, g::times_factor, g::effect_not_eligible,
        g::effect_score_set, g::effect_lowest_grade, g::duration_and_next, g::ranks_range, g::ranks_top,
        g::ranks_bottom, g::grades_decl, g::grade_line, g::grade_at_least, g::grade_otherwise, g::type_date,
        g::escalation_warning, g::escalation_steps, g::escalation_window, g::escalating_amount, g::window_unit, g::daily_amount,
        g::count_limit_clause, g::times_once, g::times_count, g::ranks_single, g::role_ref, g::role_target,
        g::streak_target, g::roster_filter, g::within_clause, g::group_clause, g::roster_decl, g::grade_filter,
        g::grade_ref>,
    pegtl::parse_tree::fold_one::on<g::disjunction, g::conjunction>>;

diagnostic make_diag(diag_kind kind, const source_file& file, std::size_t offset, std::string message,
                     std::string help = {}) {
  auto at = static_cast<std::uint32_t>(offset);
  return diagnostic{kind, &file, span{at, at + 1}, std::move(message), {}, std::move(help)};
}

// Where a syntax error is shown. When the parser stopped at the end of the file, the caret goes
// just past the last token, where the missing text belongs; otherwise it underlines the word it
// could not accept.
diagnostic syntax_diag(const source_file& file, std::size_t offset, std::string message) {
  std::string_view text = file.text();
  auto comments = scan_comments(text);
  std::size_t back = offset;
  bool crossed_line = false;
  while (back > 0) {
    // A comment first: it may end in blanks of its own ("# note  ").
    auto it = std::find_if(comments.begin(), comments.end(), [&](const ast::comment& c) { return c.where.end == back; });
    if (it != comments.end()) {
      back = it->where.begin;
      continue;
    }
    if (!std::isspace(static_cast<unsigned char>(text[back - 1]))) break;
    crossed_line = crossed_line || text[back - 1] == '\n';
    --back;
  }
  bool at_end = offset >= text.size();
  if (at_end && crossed_line && back > 0) {
    auto at = static_cast<std::uint32_t>(back);
    return diagnostic{diag_kind::syntax_error, &file, span{at, at + 1}, std::move(message), {}, {}};
  }
  std::size_t end = offset;
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
  if (end == offset) end = offset + 1;
  return diagnostic{diag_kind::syntax_error, &file, span{static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(end)},
                    std::move(message), {}, {}};
}

}  // namespace

parse_result parse(const source_file& file, const parse_limits& limits) {
  parse_result result;
  std::string_view text = file.text();
  if (text.size() > limits.max_bytes) {
    result.diags.push_back(make_diag(diag_kind::file_too_large, file, 0,
                                     i18n::tr("the file has {} bytes; a rubric file may have at most {}",
                                                 text.size(), limits.max_bytes),
                                     i18n::text("split the rubric or remove generated content")));
    return result;
  }
  if (auto nul = text.find('\0'); nul != std::string_view::npos) {
    result.diags.push_back(make_diag(diag_kind::nul_byte, file, nul, i18n::text("the file contains a NUL byte"),
                                     i18n::text("a rubric is UTF-8 text; was a binary or UTF-16 file given?")));
    return result;
  }
  if (auto bad = find_invalid_utf8(text)) {
    result.diags.push_back(make_diag(
        diag_kind::invalid_utf8, file, *bad,
        i18n::tr("byte 0x{:02X} is not valid UTF-8", static_cast<unsigned char>(text[*bad])),
        i18n::text("save the file as UTF-8; files saved as GB18030 or GBK must be converted, e.g. with `iconv -f GB18030 -t UTF-8`")));
    return result;
  }
  // Found by a lexical scan, so comments and labels are covered as well as code: a reviewer must
  // see the text that is scored.
  for (const auto& c : find_invisible_characters(text)) {
    auto at = static_cast<std::uint32_t>(c.offset);
    result.diags.push_back(diagnostic{
        diag_kind::invisible_character, &file, span{at, static_cast<std::uint32_t>(c.offset + c.length)},
        c.bidirectional ? i18n::tr("bidirectional control character U+{:04X} {}: the text can display in another order than it is read",
                                   static_cast<std::uint32_t>(c.code_point), c.name)
                        : i18n::tr("invisible character U+{:04X} {}: the text holds something that is not shown",
                                   static_cast<std::uint32_t>(c.code_point), c.name),
        {},
        i18n::text("delete it, or write what it should mean in visible characters; a reviewer must see what is scored")});
  }

  depth_state depth{0, limits.max_condition_depth, false};
  pegtl::memory_input input(text.data(), text.size(), file.path());
  try {
    auto root = pegtl::parse_tree::parse<g::rubric_file, selector, depth_limit, control>(input, depth);
    if (!root) {  // cannot happen: the top rule commits with must<>; keep a clear error anyway
      result.diags.push_back(make_diag(diag_kind::syntax_error, file, 0, i18n::text("expected a rubric header")));
      return result;
    }
    result.tree = build_ast(*root, file, scan_comments(text), result.diags);
  } catch (const pegtl::parse_error& error) {
    std::size_t offset = error.positions().empty() ? 0 : error.positions().front().byte;
    if (depth.exceeded) {
      result.diags.push_back(make_diag(
          diag_kind::nesting_too_deep, file, offset,
          i18n::tr("conditions are nested more than {} deep", limits.max_condition_depth),
          i18n::text("split the condition into simpler parts")));
    } else {
      result.diags.push_back(syntax_diag(file, offset, i18n::text(error.message())));
    }
  }
  return result;
}

}  // namespace rubric::lang
