// Consequences (docs/language.md, "Consequences"): the actions a unit's result calls for —
// `consequence "通报批评"` on a rule, a veto or a grade. They are read off the result after
// scoring, so a rubric without them costs nothing, and one with them costs nothing per event.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/plan.hpp"
#include "engine/result.hpp"
#include "lang/calendar.hpp"

namespace rubric::engine {

struct applied_consequence {
  const consequence_plan* what = nullptr;
  std::string because;  // the rule's title, the veto's reason or the grade's title
};

// In the rubric's order: rules, then vetoes, then the grade. A rule's applies when it changed the
// unit's score in the period (its total after caps is not zero): that needs the rules' totals,
// which scoring keeps when a version has a rule with a consequence (version_plan::rule_consequences).
std::vector<applied_consequence> consequences_of(const version_plan& v, const period_result& m, std::uint32_t unit);

// The day a deadline falls on: `within N days` counts from the last day of the period the result
// is for (results are known, and published, only once the period is over), so a January result
// `within 7 days` is due on 2024-02-07. "2024-02-07"; empty without a deadline.
std::string due_date(const lang::calendar& periods, const period_result& m, const consequence_plan& c);

// `限期整改 (within 7 days, by 2024-02-07)`, in the reader's language.
std::string consequence_text(const lang::calendar& periods, const period_result& m, const consequence_plan& c);

// Every consequence of the unit, with what called for it:
// `飞线充电: 通报批评; 不合格: 限期整改 (within 30 days, by 2024-03-01)`.
std::string consequences_line(const lang::calendar& periods, const version_plan& v, const period_result& m,
                              std::uint32_t unit, std::string_view separator);

}  // namespace rubric::engine
