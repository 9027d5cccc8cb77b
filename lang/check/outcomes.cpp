#include "lang/check/outcomes.hpp"

#include <algorithm>

#include "lang/i18n.hpp"

namespace rubric::lang {

namespace {

tri tri_not(tri a) { return a == tri::yes ? tri::no : a == tri::no ? tri::yes : tri::maybe; }

}  // namespace

std::optional<value_domain> domain_of(const attribute_info& a) {
  if (a.type != ast::type_kind::choice && a.type != ast::type_kind::boolean) return std::nullopt;
  // The values are shown to people (`rubric diff`: "now also counts resolved true"): yes/no and
  // absent in the reader's language; conditions are evaluated by index, never by these words.
  value_domain domain{a.name, a.type == ast::type_kind::choice
                                  ? a.choices
                                  : std::vector<std::string>{i18n::text("false"), i18n::text("true")}};
  if (!a.required && !a.default_value) domain.values.emplace_back(i18n::text("absent"));
  return domain;
}

void collect_domains(const ast::condition& cond, const kind_info& kind, std::vector<value_domain>& domains) {
  for (const auto& operand : cond.operands) collect_domains(operand, kind, domains);
  if (cond.attribute.text.empty()) return;
  auto index = kind.attribute_index(cond.attribute.text);
  if (!index) return;
  if (std::any_of(domains.begin(), domains.end(), [&](const value_domain& d) { return d.attribute == cond.attribute.text; })) {
    return;
  }
  if (auto domain = domain_of(kind.attributes[*index])) domains.push_back(std::move(*domain));
}

// Codes follow the domain: a choice's index, 0 and 1 for yes/no, one past the last for absent.
tri evaluate(const ast::condition& cond, const kind_info& kind, const value_assignment& values) {
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
    case op::truthy:
    case op::equals:
    case op::not_equals:
    case op::one_of:
    case op::compare: break;
    case op::on_days:
    case op::time_span: return tri::maybe;  // the date is not an attribute: it may or may not hold
  }
  auto index = kind.attribute_index(cond.attribute.text);
  auto given = values.find(cond.attribute.text);
  if (!index || given == values.end()) return tri::maybe;
  const attribute_info& a = kind.attributes[*index];
  std::size_t code = given->second;
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
    case op::compare:
    case op::on_days:
    case op::time_span:
    case op::any_of:
    case op::all_of:
    case op::negate: break;
  }
  return tri::maybe;
}

std::optional<std::vector<value_assignment>> combinations(const std::vector<value_domain>& domains, std::size_t limit) {
  std::size_t count = 1;
  for (const auto& d : domains) {
    count *= d.values.size();
    if (count > limit) return std::nullopt;
  }
  std::vector<value_assignment> out;
  for (std::size_t n = 0; n < count; ++n) {
    value_assignment values;
    std::size_t rest = n;
    for (const auto& d : domains) {
      values[d.attribute] = rest % d.values.size();
      rest /= d.values.size();
    }
    out.push_back(std::move(values));
  }
  return out;
}

}  // namespace rubric::lang
