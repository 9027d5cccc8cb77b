// Shared by the check passes: where diagnostics go and how a condition is checked against a
// kind's schema. Internal to lang/check.
#pragma once

#include <fmt/format.h>

#include "lang/check/checked.hpp"
#include "lang/calendar.hpp"
#include "lang/i18n.hpp"

namespace rubric::lang::check {

struct context {
  const source_file& file;
  const ast::rubric_file& tree;
  symbol_table& symbols;
  diagnostics& diags;

  diagnostic& report(diag_kind kind, span where, std::string message, std::string help = {}) {
    diags.push_back(diagnostic{kind, &file, where, std::move(message), {}, std::move(help)});
    return diags.back();
  }
  void note(diagnostic& d, span where, std::string message) { d.notes.push_back({&file, where, std::move(message)}); }
};

// A hint that shows syntax shows it in the file's own surface: a Chinese rubric is told
// `类别 标签（名称）`, never `area NAME "LABEL"` (docs/zh/语言.md).
inline std::string in_surface(const context& ctx, std::string english, std::string chinese) {
  return ctx.tree.written_in == ast::surface::zh ? std::move(chinese) : std::move(english);
}

// A declared thing as the reader knows it: a Chinese reader, or the reader of a Chinese rubric
// (which refers to it by its label), by its label; otherwise by its name.
inline std::string named(const context& ctx, const std::string& name, const std::string& label) {
  bool by_label = ctx.tree.written_in == ast::surface::zh || i18n::current_language() == i18n::language::zh;
  return by_label && !label.empty() ? label : name;
}

// The passes, in the order pipeline.cpp runs them.
void declare_schema(context& ctx);        // declarations.cpp
void check_rules(context& ctx);           // rules.cpp
void check_exemptions(context& ctx);      // exemptions.cpp
void check_standings(context& ctx);       // standings.cpp
void check_balance(context& ctx);         // balance.cpp
// Between the versions of one folder, sorted by effective date; appends to `diags`. `is_folder`
// is false when a single file was given: its name is then not compared with its id.
void check_folder(const std::vector<checked_version>& versions, bool is_folder, diagnostics& diags);  // folder.cpp

// Resolves `name` as a kind; reports R2001 when it is not declared.
const kind_info* resolve_kind(context& ctx, const ast::name& name);
// Resolves an attribute of `kind` (or a roster column); reports R2002 when there is none.
const attribute_info* resolve_attribute(context& ctx, const ast::name& name, const kind_info& kind);
// Checks a condition's names and types against `kind`; reports R2002, R2003, R2005.
void check_condition(context& ctx, const ast::condition& cond, const kind_info& kind);
// A period other than the scoring period, reported as R2015.
void check_period(context& ctx, const ast::period_ref& period, std::string_view what);

}  // namespace rubric::lang::check
