// Which events a condition lets through, told by the values of the choice and yes/no attributes
// it mentions: every combination of their values is evaluated in three-valued logic (a numeric
// test is "maybe"). The checker uses it to find exemptions that can never apply (R2008), the
// diff to say which values an amendment newly counts or stops counting.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lang/check/checked.hpp"

namespace rubric::lang {

enum class tri { no, maybe, yes };

// The values one attribute can take in an event, by name: its choices, or `false` and `true`;
// then `absent` when it is optional with no default.
struct value_domain {
  std::string attribute;
  std::vector<std::string> values;
};

// attribute name -> index into its domain's values
using value_assignment = std::map<std::string, std::size_t, std::less<>>;

// The values of a choice or yes/no attribute; nothing for other types.
std::optional<value_domain> domain_of(const attribute_info& attribute);

// Adds the domains of the choice and yes/no attributes `cond` mentions that `domains` lacks.
void collect_domains(const ast::condition& cond, const kind_info& kind, std::vector<value_domain>& domains);

// `cond` for one combination; attributes the combination does not give are unknown.
tri evaluate(const ast::condition& cond, const kind_info& kind, const value_assignment& values);

// Every combination of the domains' values; nothing when there are more than `limit`.
std::optional<std::vector<value_assignment>> combinations(const std::vector<value_domain>& domains,
                                                          std::size_t limit = 4096);

}  // namespace rubric::lang
