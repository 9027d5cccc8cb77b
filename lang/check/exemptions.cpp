// Pass 3: finds exemptions that can never apply, because no event that the rule counts can
// meet the exemption's condition (for example the rule counts only `level is key_university`
// and the exemption asks for `level is university`).
// Emits: R2008 exemption_never_applies.
//
// Method: enumerate every combination of the choice and yes/no attributes that the rule's
// filter and the exemption mention (outcomes.hpp). If no combination makes both possibly true,
// the exemption is dead.
#include <algorithm>

#include "lang/check/context.hpp"
#include "lang/check/outcomes.hpp"
#include "lang/i18n.hpp"

namespace rubric::lang::check {

namespace {

bool can_both_hold(const ast::condition* filter, const ast::condition& exemption, const kind_info& kind) {
  std::vector<value_domain> domains;
  if (filter) collect_domains(*filter, kind, domains);
  collect_domains(exemption, kind, domains);
  auto every = combinations(domains);
  if (!every) return true;  // too many to enumerate: do not claim anything
  return std::any_of(every->begin(), every->end(), [&](const value_assignment& values) {
    bool filter_possible = !filter || evaluate(*filter, kind, values) != tri::no;
    return filter_possible && evaluate(exemption, kind, values) != tri::no;
  });
}

}  // namespace

void check_exemptions(context& ctx) {
  for (const auto* rule : ctx.symbols.rules) {
    auto index = ctx.symbols.kind_index(ast::counted_kind(rule->amount).text);
    if (!index) continue;
    const auto& filter = ast::amount_filter(rule->amount);
    for (const auto& exemption : rule->exemptions) {
      if (!can_both_hold(filter ? &*filter : nullptr, exemption.when, ctx.symbols.kinds[*index])) {
        auto& d = ctx.report(diag_kind::exemption_never_applies, exemption.when.where,
                             i18n::tr("exemption \"{}\" can never apply: no event that rule `{}` counts meets "
                                         "its condition",
                                         exemption.reason.text, rule->id.text),
                             i18n::text("check the values named in the exemption against the rule's `where` filter"));
        ctx.note(d, rule->id.where, i18n::text("the rule is declared here"));
      }
    }
  }
}

}  // namespace rubric::lang::check
