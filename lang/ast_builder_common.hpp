// Internal to the parser: what both surfaces' tree builders (ast_builder.cpp, ast_builder_zh.cpp)
// read from a PEGTL parse tree in the same way — spans, text, numbers, and errors.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "lang/ast.hpp"
#include "lang/diag/registry.hpp"

namespace rubric::lang::detail {

using node = tao::pegtl::parse_tree::node;

class tree_reader {
 public:
  tree_reader(const source_file& file, const std::vector<ast::comment>& comments, diagnostics& diags)
      : file_(file), comments_(comments), diags_(diags) {}

 protected:
  // A node's match includes the blanks and comments after its last token; the span does not.
  span span_of(const node& n) const;
  std::string_view text_of(const node& n) const;
  void error(diag_kind kind, span where, std::string message, std::string help = {});
  // An exact decimal from its ASCII text; R1005 when it cannot be held.
  ast::number number_from(std::string_view text, span where);

  const source_file& file_;
  const std::vector<ast::comment>& comments_;
  diagnostics& diags_;
};

}  // namespace rubric::lang::detail
