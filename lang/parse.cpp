#include "lang/parse.hpp"

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include <fmt/format.h>

#include "lang/ast_builder.hpp"
#include "lang/ast_builder_zh.hpp"
#include "lang/grammar.hpp"
#include "lang/grammar_errors.hpp"
#include "lang/grammar_zh.hpp"
#include "lang/grammar_zh_errors.hpp"
#include "lang/i18n.hpp"
#include "lang/surface/identifier.hpp"
#include "lang/surface/resolve_labels.hpp"
#include "lang/surface/surface.hpp"

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
template <typename Rule>
struct control_zh : pegtl::must_if<grammar_zh::error_table, pegtl::normal, false>::control<Rule> {};

// Conditions are the only recursive construct; bound their depth before the stack is at risk.
// An action (not a control) so that it also runs for rules the parse tree does not store.
template <typename Rule>
struct depth_limit : pegtl::nothing<Rule> {};

struct depth_counter : pegtl::maybe_nothing {
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
template <>
struct depth_limit<g::unary> : depth_counter {};
template <>
struct depth_limit<grammar_zh::unary> : depth_counter {};

template <typename Rule>
using selector = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<
        g::header, g::label, g::entity_label, g::choice_label, g::attribute_label, g::choice_item, g::number, g::percent, g::date, g::period_word, g::scoring_decl, g::role_decl,
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
        g::grade_ref, g::consequence_clause,
        g::share_percent, g::share_top, g::share_bottom, g::share_next, g::balance_decl, g::redemption_clause,
        g::spend_floor_clause, g::reset_clause,
        g::time_of_day, g::day_word, g::on_days, g::time_between, g::time_after, g::time_before>,
    pegtl::parse_tree::fold_one::on<g::disjunction, g::conjunction>>;

diagnostic make_diag(diag_kind kind, const source_file& file, std::size_t offset, std::string message,
                     std::string help = {}) {
  auto at = static_cast<std::uint32_t>(offset);
  return diagnostic{kind, &file, span{at, at + 1}, std::move(message), {}, std::move(help)};
}

// Where the text before `offset` ends, past blanks and comments: where missing text belongs.
std::size_t end_of_previous_token(std::string_view text, std::size_t offset, const std::vector<ast::comment>& comments) {
  std::size_t back = std::min(offset, text.size());
  while (back > 0) {
    auto it = std::find_if(comments.begin(), comments.end(), [&](const ast::comment& c) { return c.where.end == back; });
    if (it != comments.end()) {
      back = it->where.begin;
      continue;
    }
    if (!std::isspace(static_cast<unsigned char>(text[back - 1]))) break;
    --back;
  }
  return back;
}

// Where a syntax error is shown. When the parser stopped at the end of the file, the caret goes
// just past the last token, where the missing text belongs; otherwise it underlines the word it
// could not accept.
diagnostic syntax_diag(const source_file& file, std::size_t offset, std::string message,
                       const std::vector<ast::comment>& comments) {
  std::string_view text = file.text();
  std::size_t back = end_of_previous_token(text, offset, comments);
  // Comments hold no line break, so a line break between is one of the blanks.
  bool crossed_line = text.substr(back, std::min(offset, text.size()) - back).find('\n') != std::string_view::npos;
  bool at_end = offset >= text.size();
  if (at_end && crossed_line && back > 0) {
    auto at = static_cast<std::uint32_t>(back);
    return diagnostic{diag_kind::syntax_error, &file, span{at, at + 1}, std::move(message), {}, {}};
  }
  // A word, also a Chinese one.
  std::size_t end = offset + (offset < text.size() ? surface::identifier_length(text.substr(offset)) : 0);
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
  if (end == offset) end = offset + 1;
  return diagnostic{diag_kind::syntax_error, &file, span{static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(end)},
                    std::move(message), {}, {}};
}

// The rest of the line at `offset`, without a trailing comment or blanks: the text a message quotes.
std::string_view rest_of_line(std::string_view text, std::size_t offset, ast::surface s) {
  std::string_view rest = text.substr(std::min(offset, text.size()));
  rest = rest.substr(0, std::min(rest.find_first_of("\r\n"), rest.size()));
  std::size_t comment = rest.find('#');
  if (s == ast::surface::zh) comment = std::min(comment, rest.find("＃"));
  rest = rest.substr(0, std::min(comment, rest.size()));
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) rest.remove_suffix(1);
  return rest;
}

// Whether an amount is written at `rest`: `-1`, `+2 per count` (English), `扣 5 分`, `加 1 分` (Chinese).
bool amount_at(std::string_view rest, ast::surface s) {
  if (s == ast::surface::zh) return rest.starts_with("扣") || rest.starts_with("加") || rest.starts_with("计");
  return !rest.empty() && (rest[0] == '-' || rest[0] == '+' || std::isdigit(static_cast<unsigned char>(rest[0])));
}

// A keyword where a name belongs, `area total "合计"` or `  total: integer`: the generic "expected a
// name" would not say which word is the trouble. Only when the parser wanted a name there, or the
// word is followed by `:` as an attribute's name is.
std::optional<diagnostic> keyword_as_name(const source_file& file, std::size_t offset, ast::surface s,
                                          std::string_view parser_message) {
  std::string_view text = file.text();
  if (offset >= text.size()) return std::nullopt;
  std::string_view rest = text.substr(offset);
  std::size_t length = surface::identifier_length(rest);
  if (length == 0) return std::nullopt;
  std::string_view word = rest.substr(0, length);
  bool zh = s == ast::surface::zh;
  if (!(zh ? grammar_zh::is_reserved_word(word) : g::is_reserved_word(word))) return std::nullopt;
  std::string_view after = rest.substr(length);
  while (!after.empty() && (after[0] == ' ' || after[0] == '\t')) after.remove_prefix(1);
  bool before_colon = after.starts_with(":") || after.starts_with("：");
  static constexpr std::array<const char*, 6> name_messages_en = {
      g::error_message<g::declared_name>, g::error_message<g::kind_ref>, g::error_message<g::attribute_ref>,
      g::error_message<g::area_ref>, g::error_message<g::distinction_ref>, g::error_message<g::grade_ref>};
  static constexpr std::array<const char*, 8> name_messages_zh = {
      grammar_zh::error_message<grammar_zh::declared_name>, grammar_zh::error_message<grammar_zh::decl>,
      grammar_zh::error_message<grammar_zh::kind_ref>, grammar_zh::error_message<grammar_zh::attribute_ref>,
      grammar_zh::error_message<grammar_zh::area_ref>, grammar_zh::error_message<grammar_zh::distinction_ref>,
      grammar_zh::error_message<grammar_zh::role_ref>, grammar_zh::error_message<grammar_zh::grade_ref>};
  auto wanted_name = [&](const auto& messages) {
    return std::any_of(messages.begin(), messages.end(), [&](const char* m) { return m != nullptr && parser_message == m; });
  };
  if (!before_colon && !(zh ? wanted_name(name_messages_zh) : wanted_name(name_messages_en))) return std::nullopt;
  auto at = static_cast<std::uint32_t>(offset);
  return diagnostic{
      diag_kind::keyword_as_name, &file, span{at, static_cast<std::uint32_t>(offset + length)},
      i18n::tr("`{}` is a keyword; choose another name", word), {},
      zh ? i18n::tr("a keyword may still be a label: write the name after it in parentheses, like `{0}（name）`, and "
                    "quote it where it is referred to, `「{0}」`; docs/zh/语言.md lists the keywords",
                    word)
         : i18n::tr("a name may contain a keyword, like `{}_1`, but not be one; docs/language.md lists the keywords",
                    word)};
}

// Alternatives without their last amount, `-2 if resolved, -5` or `-2 if resolved` alone: say
// what to write rather than which token was expected.
std::optional<diagnostic> missing_otherwise(const source_file& file, std::size_t offset, ast::surface s,
                                            std::string_view parser_message, const std::vector<ast::comment>& comments) {
  bool zh = s == ast::surface::zh;
  std::string_view text = file.text();
  std::string_view otherwise = zh ? "否则" : "otherwise";
  std::string_view rest = rest_of_line(text, offset, s);
  bool at_otherwise = parser_message == (zh ? grammar_zh::error_message<grammar_zh::otherwise_amount>
                                            : g::error_message<g::otherwise_amount>);
  bool at_comma = parser_message == (zh ? grammar_zh::error_message<grammar_zh::alternatives_comma>
                                        : g::error_message<g::alternatives_comma>);
  if (at_otherwise && amount_at(rest, s)) {
    auto at = static_cast<std::uint32_t>(offset);
    return diagnostic{diag_kind::syntax_error, &file, span{at, static_cast<std::uint32_t>(offset + rest.size())},
                      i18n::tr("the last alternative is the amount when no condition holds: write `{} {}`", otherwise, rest),
                      {}, {}};
  }
  if (!at_comma) return std::nullopt;
  std::string_view comma = zh ? "，" : ", ";
  if (amount_at(rest, s)) {
    auto at = static_cast<std::uint32_t>(offset);
    return diagnostic{diag_kind::syntax_error, &file, span{at, static_cast<std::uint32_t>(offset + rest.size())},
                      i18n::tr("the last alternative is the amount when no condition holds: write `{}{} {}`", comma,
                               otherwise, rest),
                      {}, {}};
  }
  // Nothing after the last alternative: the caret goes where the missing text belongs.
  auto at = static_cast<std::uint32_t>(end_of_previous_token(text, offset, comments));
  return diagnostic{diag_kind::syntax_error, &file, span{at, at + 1},
                    i18n::tr("alternatives end with the amount when no condition holds: add `{}{} {}` here", comma,
                             otherwise, zh ? "扣 N 分" : "AMOUNT"),
                    {}, {}};
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

  // The first statement says which surface the file is written in: `rubric` or `细则`.
  ast::surface written_in = surface::detect(text);
  std::vector<std::size_t> fullwidth_offsets;
  if (written_in == ast::surface::en) {
    for (auto& c : surface::find_fullwidth_characters(text)) {
      auto at = static_cast<std::uint32_t>(c.offset);
      result.diags.push_back(diagnostic{
          diag_kind::fullwidth_in_english, &file, span{at, static_cast<std::uint32_t>(c.offset + c.length)},
          std::move(c.message), {},
          i18n::text("this file is written in English (its first statement is `rubric`); full-width punctuation and "
                     "digits belong to the Chinese surface, whose files start with `细则`")});
      fullwidth_offsets.push_back(c.offset);
    }
  }

  depth_state depth{0, limits.max_condition_depth, false};
  pegtl::memory_input input(text.data(), text.size(), file.path());
  try {
    if (written_in == ast::surface::zh) {
      auto root = pegtl::parse_tree::parse<grammar_zh::rubric_file, zh_tree::selector, depth_limit, control_zh>(input, depth);
      if (!root) {  // cannot happen: the top rule commits with must<>
        result.diags.push_back(make_diag(diag_kind::syntax_error, file, 0, i18n::text("expected a rubric header")));
        return result;
      }
      result.tree = build_ast_zh(*root, file, scan_comments_zh(text), result.diags);
      // References by label become references by name, so the checker never sees the surface.
      if (result.tree) surface::resolve_labels(*result.tree, file, result.diags);
      return result;
    }
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
    } else if (auto keyword = keyword_as_name(file, offset, written_in, error.message())) {
      result.diags.push_back(std::move(*keyword));
    } else if (auto otherwise = missing_otherwise(file, offset, written_in, error.message(),
                                                  written_in == ast::surface::zh ? scan_comments_zh(text) : scan_comments(text))) {
      result.diags.push_back(std::move(*otherwise));
    } else if (auto foreign = surface::foreign_keyword_at(text.substr(std::min(offset, text.size())), written_in)) {
      auto at = static_cast<std::uint32_t>(offset);
      std::string message =
          written_in == ast::surface::zh
              ? i18n::tr("`{}` is English, but this file is written in Chinese (its first statement is `细则`): write `{}`",
                         foreign->written, foreign->own_form)
              : i18n::tr("`{}` is Chinese, but this file is written in English (its first statement is `rubric`): write `{}`",
                         foreign->written, foreign->own_form);
      // The rest of that line is Chinese too: its full-width punctuation is no separate mistake.
      std::size_t line_end = std::min(text.find('\n', offset), text.size());
      std::erase_if(result.diags, [&](const diagnostic& d) {
        return d.kind == diag_kind::fullwidth_in_english && d.where.begin > offset && d.where.begin < line_end;
      });
      result.diags.push_back(diagnostic{
          diag_kind::mixed_surface, &file, span{at, static_cast<std::uint32_t>(offset + foreign->length)},
          std::move(message), {},
          i18n::text("a file is written in one surface, chosen by its first statement: `rubric` (English) or `细则` (Chinese)")});
    } else if (std::find(fullwidth_offsets.begin(), fullwidth_offsets.end(), offset) == fullwidth_offsets.end()) {
      // A full-width character where the parser stopped is already reported, with its ASCII.
      auto comments = written_in == ast::surface::zh ? scan_comments_zh(text) : scan_comments(text);
      result.diags.push_back(syntax_diag(file, offset, i18n::text(error.message()), comments));
    }
  }
  if (result.tree) result.tree->written_in = written_in;
  return result;
}

}  // namespace rubric::lang
