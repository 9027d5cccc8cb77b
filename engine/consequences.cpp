#include "engine/consequences.hpp"

#include "lang/i18n.hpp"

namespace rubric::engine {

std::vector<applied_consequence> consequences_of(const version_plan& v, const period_result& m, std::uint32_t unit) {
  std::vector<applied_consequence> out;
  if (!v.has_consequences) return out;
  const unit_period& um = m.units[unit];
  if (!m.rule_totals.empty()) {
    for (std::size_t r = 0; r < v.rules.size(); ++r) {
      if (m.rule_totals[unit * v.rules.size() + r].is_zero()) continue;
      for (const auto& c : v.rules[r].consequences) out.push_back({&c, v.rules[r].title});
    }
  }
  for (std::size_t veto = 0; veto < v.vetoes.size(); ++veto) {
    if (!((um.vetoes >> veto) & 1)) continue;
    for (const auto& c : v.vetoes[veto].consequences) out.push_back({&c, v.vetoes[veto].reason});
  }
  if (um.grade) {
    const grade_plan& g = v.grades[um.grade - 1u];
    for (const auto& c : g.consequences) out.push_back({&c, g.title});
  }
  return out;
}

std::string due_date(const lang::calendar& periods, const period_result& m, const consequence_plan& c) {
  if (!c.within_days) return {};
  // The checker bounds a deadline to whole days from 1 to 3660, so the sum stays a supported day.
  return lang::date_text(periods.last_day_number(m.period) + static_cast<int>(*c.within_days));
}

std::string consequence_text(const lang::calendar& periods, const period_result& m, const consequence_plan& c) {
  if (!c.within_days) return c.action;
  return i18n::trn("{} (within {} day, by {})", "{} (within {} days, by {})", static_cast<unsigned long>(*c.within_days),
                   c.action, *c.within_days, due_date(periods, m, c));
}

std::string consequences_line(const lang::calendar& periods, const version_plan& v, const period_result& m,
                              std::uint32_t unit, std::string_view separator) {
  std::string out;
  for (const auto& applied : consequences_of(v, m, unit)) {
    if (!out.empty()) out += separator;
    out += i18n::tr("{}: {}", applied.because, consequence_text(periods, m, *applied.what));
  }
  return out;
}

}  // namespace rubric::engine
