// The words a data file may use for a thing the rubric declares (a column, an event kind, a
// choice, a role): its name, which files have always used, or its label, which people read
// (`item "物品"`, `wheelchair "轮椅"`). A word that is the name or label of two different things
// is ambiguous: it is an error where a file uses it, never a silent pick (docs/events.md).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rubric::engine {

// The Chinese headers of the columns every data file has, beside their names (`date`, ...).
inline constexpr std::string_view date_column_label = "日期";
inline constexpr std::string_view unit_column_label = "单元";
inline constexpr std::string_view kind_column_label = "类型";
inline constexpr std::string_view person_column_label = "人员";
inline constexpr std::string_view role_column_label = "角色";
// Yes and no, beside `true` and `false`.
inline constexpr std::string_view yes_word = "是";
inline constexpr std::string_view no_word = "否";

// A thing's name and its label (empty when it has none). The same name may appear in several
// terms (an attribute of two kinds, each with its own label): they are one thing.
struct term {
  std::string name;
  std::string label;
};

// The distinct names of which `word` is the name or a label, in the order of `terms`: none, one,
// or (ambiguous) several.
std::vector<std::string_view> names_for(std::string_view word, const std::vector<term>& terms);

// The words that name or label more than one thing of `terms`, sorted.
std::vector<std::string> ambiguous_words(const std::vector<term>& terms);

// How a thing is shown in a message: `wheelchair` (轮椅), or `wheelchair` without a label.
std::string term_text(const term& t);
// Every thing of `terms`, once per name: `a` (甲), `b`, ...
std::string terms_text(const std::vector<term>& terms);

// The thing whose name or label is closest to `word` (edit distance in characters, so a
// mistyped Chinese label is found as readily as a mistyped name), if any is close enough.
std::optional<term> closest_term(std::string_view word, const std::vector<term>& terms);
// "; did you mean `wheelchair` (轮椅)?" in the reader's language, or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<term>& terms);

// "`数量` is the name or label of more than one ...: `count` (数量), `amount` (数量); ..."
std::string ambiguity_text(std::string_view word, const std::vector<std::string_view>& names,
                           const std::vector<term>& terms);

}  // namespace rubric::engine
