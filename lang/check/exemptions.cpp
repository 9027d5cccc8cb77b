// Pass 3: finds exemptions that can never apply, because no event that the rule counts can
// meet the exemption's condition (for example the rule counts only `level is key_university`
// and the exemption asks for `level is university`).
// Emits: R2008 exemption_never_applies.
//
// Method: enumerate every combination of the choice and yes/no attributes that the rule's
// filter and the exemption mention, evaluating both in three-valued logic (numeric tests are
// "maybe"). If no combination makes both possibly true, the exemption is dead.
#include <map>

#include "lang/check/context.hpp"

namespace rubric::lang::check {

namespace {

enum class tri { no, maybe, yes };

tri tri_not(tri a) { return a == tri::yes ? tri::no : a == tri::no ? tri::yes : tri::maybe; }

// attribute index -> value code; for a choice the code is the choice index, for yes/no 0 or 1,
// and `absent` (one past the last) for an optional attribute with no default.
using assignment = std::map<std::size_t, std::size_t>;

void collect(const ast::condition& cond, const kind_info& kind, std::map<std::size_t, std::size_t>& domains) {
  for (const auto& operand : cond.operands) collect(operand, kind, domains);
  if (cond.attribute.text.empty()) return;
  auto index = kind.attribute_index(cond.attribute.text);
  if (!index) return;
  const attribute_info& a = kind.attributes[*index];
  std::size_t size = a.type == ast::type_kind::choice ? a.choices.size() : a.type == ast::type_kind::boolean ? 2 : 0;
  if (size == 0) return;
  if (!a.required && !a.default_value) ++size;
  domains[*index] = size;
}

tri evaluate(const ast::condition& cond, const kind_info& kind, const assignment& values) {
  using op = ast::condition::op;
  switch (cond.kind) {
    case op::any_of: {
      tri result = tri::no;
      for (const auto& o : cond.operands) {
        tri t = evaluate(o, kind, values);
        if (t == tri::yes) return tri::yes;
        if (t == tri::maybe) result = tri::maybe;
      }
      return result;
    }
    case op::all_of: {
      tri result = tri::yes;
      for (const auto& o : cond.operands) {
        tri t = evaluate(o, kind, values);
        if (t == tri::no) return tri::no;
        if (t == tri::maybe) result = tri::maybe;
      }
      return result;
    }
    case op::negate: return tri_not(evaluate(cond.operands.front(), kind, values));
    default: break;
  }
  auto index = kind.attribute_index(cond.attribute.text);
  if (!index || !values.count(*index)) return tri::maybe;
  const attribute_info& a = kind.attributes[*index];
  std::size_t code = values.at(*index);
  auto code_of = [&](const ast::literal& l) -> std::optional<std::size_t> {
    if (a.type == ast::type_kind::boolean && l.type == ast::literal::kind::boolean) return l.flag ? 1 : 0;
    if (a.type == ast::type_kind::choice && l.type == ast::literal::kind::word) return a.choice_index(l.word.text);
    return std::nullopt;
  };
  switch (cond.kind) {
    case op::truthy: return code == 1 ? tri::yes : tri::no;
    case op::equals:
    case op::one_of:
    case op::not_equals: {
      bool any = false;
      for (const auto& v : cond.values) {
        auto c = code_of(v);
        if (!c) return tri::maybe;
        any = any || *c == code;
      }
      bool result = cond.kind == op::not_equals ? !any : any;
      return result ? tri::yes : tri::no;
    }
    default: return tri::maybe;
  }
}

bool can_both_hold(const ast::condition* filter, const ast::condition& exemption, const kind_info& kind) {
  std::map<std::size_t, std::size_t> domains;
  if (filter) collect(*filter, kind, domains);
  collect(exemption, kind, domains);
  std::size_t combinations = 1;
  for (const auto& [index, size] : domains) {
    combinations *= size;
    if (combinations > 4096) return true;  // too many to enumerate: do not claim anything
  }
  std::vector<std::pair<std::size_t, std::size_t>> order(domains.begin(), domains.end());
  for (std::size_t n = 0; n < combinations; ++n) {
    assignment values;
    std::size_t rest = n;
    for (const auto& [index, size] : order) {
      values[index] = rest % size;
      rest /= size;
    }
    bool filter_possible = !filter || evaluate(*filter, kind, values) != tri::no;
    if (filter_possible && evaluate(exemption, kind, values) != tri::no) return true;
  }
  return false;
}

}  // namespace

void check_exemptions(context& ctx) {
  for (const auto* rule : ctx.symbols.rules) {
    for (const auto& exemption : rule->exemptions) {
      bool possible = false, resolvable = false;
      auto consider = [&](const ast::name& kind_name, const std::optional<ast::condition>& filter) {
        auto index = ctx.symbols.kind_index(kind_name.text);
        if (!index) return;
        resolvable = true;
        possible = possible || can_both_hold(filter ? &*filter : nullptr, exemption.when, ctx.symbols.kinds[*index]);
      };
      for (const auto& each : rule->each) consider(each.kind, each.filter);
      for (const auto& total : rule->totals) consider(total.kind, total.filter);
      if (resolvable && !possible) {
        auto& d = ctx.report(diag_kind::exemption_never_applies, exemption.when.where,
                             fmt::format("exemption \"{}\" can never apply: no event that rule `{}` counts meets "
                                         "its condition",
                                         exemption.reason.text, rule->id.text),
                             "check the values named in the exemption against the rule's `where` filter");
        ctx.note(d, rule->id.where, "the rule is declared here");
      }
    }
  }
}

}  // namespace rubric::lang::check
