// Internal to the parser: turns PEGTL's parse tree into the typed syntax tree.
#pragma once

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "lang/ast.hpp"
#include "lang/diag/registry.hpp"

namespace rubric::lang {

ast::rubric_file build_ast(const tao::pegtl::parse_tree::node& root, const source_file& file,
                           std::vector<ast::comment> comments, diagnostics& diags);

// Comments found by a lexical scan that knows labels: `#` inside "..." is not a comment.
std::vector<ast::comment> scan_comments(std::string_view text);

}  // namespace rubric::lang
