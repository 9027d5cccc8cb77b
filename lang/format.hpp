// The canonical layout of a rubric file. Formatting keeps every comment (a comment on its own
// line stays before the line it preceded; a comment after code stays after that line's code),
// keeps the author's blank lines between statements (several collapse to one), and never
// changes meaning: the result parses to the same tree. Formatting a formatted file changes
// nothing.
#pragma once

#include <string>
#include <vector>

#include "lang/ast.hpp"
#include "lang/source.hpp"

namespace rubric::lang {

// One statement in canonical layout, for tools that compare versions (lang/diff.hpp).
struct printed_line {
  span source;
  int indent = 0;
  std::string text;   // in the canonical English layout: two lines that mean the same print the same
  std::string shown;  // the same line in the surface asked for, to quote to the reader
  std::string topic;  // what the line says, from the tree: "header", "amount", "capped", "attribute item"
};
struct printed_statement {
  std::string key;    // what it is, stable across versions: "rule corridor_clutter", "ranking"
  std::string label;  // its display label, when it has one
  std::vector<printed_line> lines;
};
// Every statement after the header, in source order, each line also `shown` in `surface`.
std::vector<printed_statement> print_statements(const ast::rubric_file& tree, ast::surface surface = ast::surface::en);

// A condition in canonical layout: "level is one of university, junior_college".
std::string condition_text(const ast::condition& cond);
// What a rule's amount clause gives, without the kind it counts and its filter, in canonical
// layout: "-2 if resolved, otherwise -5", "+1 per full 2 of hours".
std::string worth_text(const ast::rule_amount& amount);

// `tree` must have been parsed from `file`. Printed in the file's own surface, or in the one asked
// for: the Chinese surface (docs/zh/语言.md) writes references by the labels the file declares.
std::string format(const ast::rubric_file& tree, const source_file& file);
std::string format(const ast::rubric_file& tree, const source_file& file, ast::surface surface);
// The names the tree declares or refers to that are words `surface` reserves (`each` in English,
// `扣` in Chinese), in order, each once: the tree cannot be printed in that surface until they are
// renamed. Empty for every tree parsed from that surface.
std::vector<std::string> names_reserved_in(const ast::rubric_file& tree, ast::surface surface);
// Why the tree cannot be printed in `surface`, one sentence each (a name it reserves, a construct
// with no form there, like `total X` but for the score in Chinese): empty when it can. `fmt`
// refuses such a translation rather than print one that would not read back.
std::vector<std::string> untranslatable(const ast::rubric_file& tree, ast::surface surface);
// What the printer in `surface` found it could not write so that it reads back the same (an
// undeclared name that the Chinese surface would read as another declaration's label).
std::vector<std::string> printing_problems(const ast::rubric_file& tree, ast::surface surface);
// The tree printed in canonical layout without comments or blank lines: two trees with the
// same meaning print the same.
std::string format_meaning(const ast::rubric_file& tree, ast::surface surface = ast::surface::en);

}  // namespace rubric::lang
