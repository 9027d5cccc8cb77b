// What the checker hands to later stages: the syntax tree, unchanged, plus side tables that
// resolve its names and types. Later stages accept only a checked_version, so "checked before
// planned" is enforced by the types. Pointers in the tables point into `tree`, which the
// checked_version owns and never moves.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lang/ast.hpp"
#include "lang/diag/registry.hpp"

namespace rubric::lang {

struct attribute_info {
  std::string name;
  std::string label;  // empty when the declaration gives none
  const ast::attribute_decl* decl = nullptr;
  ast::type_kind type = ast::type_kind::boolean;
  std::vector<std::string> choices;  // choice: in declared order; a value's index is its code
  std::vector<std::string> choice_labels;  // beside `choices`; empty where a choice has no label
  std::optional<decimal> min, max;   // numeric bounds
  bool min_exclusive = false, max_exclusive = false;
  bool required = true;              // no default and not optional
  std::optional<ast::literal> default_value;

  std::optional<std::size_t> choice_index(std::string_view value) const;
};

struct kind_info {
  std::string name;
  const ast::event_decl* decl = nullptr;  // null for the roster's columns
  bool is_roster = false;
  std::vector<attribute_info> attributes;

  std::optional<std::size_t> attribute_index(std::string_view attribute) const;
  // The attribute of type `person`, when exactly one exists.
  std::optional<std::size_t> person_attribute() const;
};

struct symbol_table {
  const ast::scoring_decl* scoring = nullptr;
  const ast::ranking_decl* ranking = nullptr;
  const ast::awards_decl* awards = nullptr;
  const ast::role_award_decl* role_award = nullptr;
  const ast::grades_decl* grades = nullptr;
  std::optional<kind_info> roster;  // the unit roster's columns, when declared
  std::vector<const ast::role_decl*> roles;
  std::vector<kind_info> kinds;
  std::vector<const ast::area_decl*> areas;
  std::vector<const ast::rule_decl*> rules;
  std::vector<const ast::veto_decl*> vetoes;
  const ast::balance_decl* balance = nullptr;  // a balance carried across periods, when declared

  std::optional<std::size_t> kind_index(std::string_view kind) const;
  std::optional<std::size_t> area_index(std::string_view area) const;
  const ast::distinction_decl* distinction(std::string_view id) const;
  const ast::grade_decl* grade(std::string_view id) const;
};

struct checked_version {
  std::shared_ptr<const source_file> file;
  std::unique_ptr<const ast::rubric_file> tree;
  symbol_table symbols;

  const std::string& version_id() const { return tree->head.version.text; }
  const ast::date& effective() const { return tree->head.effective; }
};

// One version file through the pipeline: parse, then every check pass. The result is present
// only when there are no errors; `diags` holds everything found either way.
struct version_result {
  std::shared_ptr<const source_file> file;  // keeps the diagnostics' file alive
  std::optional<checked_version> version;
  diagnostics diags;
};

version_result check_version(std::shared_ptr<const source_file> file);

// The versions of one rubric: each through check_version, then the folder as a whole.
struct folder_result {
  std::vector<checked_version> versions;  // those that checked clean, by effective date
  diagnostics diags;                      // sorted
};
// `is_folder` is false when a single file was given: its name is then not compared with its id.
folder_result check_versions(const std::vector<std::shared_ptr<const source_file>>& files, bool is_folder);

// A text's characters (UTF-8 sequences), and the edit distance counted in them: a Chinese
// character mistyped is one edit, not three. Shared by every "did you mean".
std::vector<std::string_view> characters(std::string_view text);
std::size_t edit_distance(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b);

// The closest candidate within a small edit distance, for "did you mean" hints.
std::optional<std::string> closest_name(std::string_view wrong, const std::vector<std::string>& candidates);

}  // namespace rubric::lang
