// Text to syntax tree. PEGTL stays behind this function: callers never see the grammar.
#pragma once

#include <optional>

#include "lang/ast.hpp"
#include "lang/diag/registry.hpp"
#include "lang/source.hpp"

namespace rubric::lang {

struct parse_limits {
  std::size_t max_bytes = 64u << 20;     // larger files get R1007
  std::size_t max_condition_depth = 64;  // deeper nesting gets R1004
};

struct parse_result {
  std::optional<ast::rubric_file> tree;  // absent when the text cannot be parsed, or a rule has no amount or two
  diagnostics diags;                     // syntax errors, bad numbers and dates
};

// `file` must outlive the result: diagnostics point into it.
parse_result parse(const source_file& file, const parse_limits& limits = {});

}  // namespace rubric::lang
