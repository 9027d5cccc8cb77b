// A semantic diff of two versions of a rubric: what an amendment says, statement by statement
// and clause by clause, in the words a council member reads aloud. Layout and comments are not
// differences; the version id and effective date are reported, not counted.
#pragma once

#include <string>
#include <vector>

#include "lang/check/checked.hpp"

namespace rubric::lang {

struct change {
  enum class what { added, removed, changed, renamed };
  what kind = what::changed;
  std::string subject;      // "rule corridor_clutter", "event clutter", "role_subsidy"
  std::string label;        // the subject's display label, when it has one
  std::string description;  // one sentence: "now also counts level university, junior_college", "10% → 20%"
  std::string old_text, new_text;  // the clause in canonical layout; empty when absent
  const source_file* old_file = nullptr;
  span old_where;
  const source_file* new_file = nullptr;
  span new_where;
};

// In the order of the new version's statements, removals where the old ones stood.
std::vector<change> diff_versions(const checked_version& old_version, const checked_version& new_version);

std::string render_diff_text(const checked_version& old_version, const checked_version& new_version,
                             const std::vector<change>& changes);
std::string render_diff_json(const checked_version& old_version, const checked_version& new_version,
                             const std::vector<change>& changes);

}  // namespace rubric::lang
