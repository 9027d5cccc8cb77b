// Internal to the parser: turns PEGTL's parse tree into the typed syntax tree.
#pragma once

#include <optional>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "lang/ast.hpp"
#include "lang/diag/registry.hpp"

namespace rubric::lang {

// Absent when the text says something the tree cannot hold: a rule with no amount clause or two
// (R2017, in `diags`).
std::optional<ast::rubric_file> build_ast(const tao::pegtl::parse_tree::node& root, const source_file& file,
                                          std::vector<ast::comment> comments, diagnostics& diags);

// Comments found by a lexical scan that knows labels: `#` inside "..." is not a comment.
std::vector<ast::comment> scan_comments(std::string_view text);

}  // namespace rubric::lang
