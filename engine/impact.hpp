// What an amendment would have done to recorded history: the same events scored under two
// versions, each applied from the earlier of their effective dates whatever its own, and compared.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "engine/score.hpp"

namespace rubric::engine {

struct rule_difference {
  std::string rule, title;  // by the rule's name in either version
  decimal old_total, new_total;
};

struct unit_period_change {
  int period = 0;
  std::uint32_t unit = 0;
  decimal old_score, new_score;
  std::uint32_t old_rank = 0, new_rank = 0;  // 0: no rank (vetoed)
  bool old_flag = false, new_flag = false;
  bool old_vetoed = false, new_vetoed = false;
  std::vector<rule_difference> rules;  // the rules whose totals differ
  std::vector<std::string> veto_reasons;  // of the version that vetoes, when the veto differs
};

struct unit_year_change {
  std::uint32_t unit = 0;
  std::uint32_t old_flags = 0, new_flags = 0;
  std::uint32_t old_rank = 0, new_rank = 0;
  decimal old_subsidy, new_subsidy;
};

struct person_year_change {
  std::uint32_t person = 0;
  decimal old_subsidy, new_subsidy;
};

struct impact_run {
  score_run from, to;
  std::vector<unit_period_change> periods;
  std::vector<unit_year_change> years;
  std::vector<person_year_change> people;
  std::size_t flags_gained = 0, flags_lost = 0;
  std::size_t unit_subsidies_changed = 0;
  bool ok() const { return from.result && to.result; }
};

// `request.rubric` is ignored: the versions are `from_version` and `to_version` (.rubric files).
impact_run run_impact(score_request request, const std::string& from_version, const std::string& to_version);
// The same on two versions held in memory (the workbench's draft against the version in force).
impact_run run_impact(score_request request, std::shared_ptr<const lang::source_file> from_version,
                      std::shared_ptr<const lang::source_file> to_version);

void render_impact_text(const impact_run& impact, std::ostream& out);
// {"from": <score result>, "to": <score result>, "summary": {...}, "changes": [...]}
void render_impact_json(const impact_run& impact, std::ostream& out);

}  // namespace rubric::engine
