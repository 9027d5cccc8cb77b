// Which names of a tree cannot be written in a surface: a word that surface reserves cannot be a
// name in it (`each` in English, `扣` in Chinese), so a file that uses one as a name reads in its own
// surface but would not read back from a translation. The formatter refuses such a translation
// and says which names to rename.
#include <set>
#include <string>
#include <vector>

#include "lang/format.hpp"
#include "lang/grammar.hpp"
#include "lang/grammar_zh.hpp"
#include "lang/i18n.hpp"
#include "lang/overloaded.hpp"

namespace rubric::lang {

namespace {

// Every name the tree declares or refers to, in source order.
class name_collector {
 public:
  std::vector<const ast::name*> names;

  void add(const ast::name& n) { names.push_back(&n); }
  void add(const std::optional<ast::name>& n) {
    if (n) add(*n);
  }
  void add(const ast::literal& l) {
    if (l.type == ast::literal::kind::word) add(l.word);
  }
  void add(const ast::condition& c) {
    if (c.kind == ast::condition::op::any_of || c.kind == ast::condition::op::all_of ||
        c.kind == ast::condition::op::negate) {
      for (const auto& operand : c.operands) add(operand);
      return;
    }
    add(c.attribute);
    for (const auto& v : c.values) add(v);
  }
  void add(const std::optional<ast::condition>& c) {
    if (c) add(*c);
  }
  void add(const std::vector<ast::attribute_decl>& attributes) {
    for (const auto& a : attributes) {
      add(a.id);
      for (const auto& choice : a.type.choices) add(choice.id);
      if (a.default_value) add(*a.default_value);
    }
  }
  void add(const std::vector<std::vector<ast::order_term>>& orders) {
    for (const auto& order : orders) {
      for (const auto& t : order) add(t.key);
    }
  }
  void add(const std::vector<ast::distinction_decl>& distinctions) {
    for (const auto& x : distinctions) {
      add(x.id);
      add(x.role);
      if (x.run) add(x.run->distinction);
    }
  }
  void add(const ast::rule_amount& amount) {
    std::visit(overloaded{
                   [&](const ast::each_clause& e) {
                     add(e.kind);
                     add(e.filter);
                     std::visit(overloaded{
                                    [&](const ast::fixed_amounts& fixed) {
                                      for (const auto& choice : fixed.choices) {
                                        add(choice.value.per_attribute);
                                        add(choice.when);
                                      }
                                    },
                                    [&](const ast::recorded_amount& r) { add(r.attribute); },
                                    [&](const ast::escalation&) {},
                                    [&](const ast::daily_amount& d) { add(d.until); },
                                },
                                e.amount);
                   },
                   [&](const ast::total_clause& t) {
                     add(t.attribute);
                     add(t.kind);
                     add(t.filter);
                   },
                   [&](const ast::absence_clause& a) {
                     add(a.kind);
                     add(a.filter);
                   },
                   [&](const ast::distinct_clause& x) {
                     add(x.attribute);
                     add(x.kind);
                     add(x.filter);
                   },
                   [&](const ast::average_clause& a) {
                     add(a.attribute);
                     add(a.kind);
                     add(a.filter);
                   },
               },
               amount);
  }

  void add(const ast::statement& s) {
    std::visit(overloaded{
                   [&](const ast::scoring_decl& d) { add(d.entity); },
                   [&](const ast::role_decl& d) { add(d.id); },
                   [&](const ast::event_decl& d) {
                     add(d.id);
                     add(d.attributes);
                   },
                   [&](const ast::area_decl& d) { add(d.id); },
                   [&](const ast::rule_decl& d) {
                     add(d.id);
                     add(d.area);
                     add(d.amount);
                     for (const auto& x : d.exemptions) add(x.when);
                   },
                   [&](const ast::veto_decl& d) {
                     add(d.id);
                     add(d.kind);
                     add(d.filter);
                     for (const auto& e : d.effects) {
                       if (e.what == ast::veto_effect::action::not_eligible) add(e.distinction);
                     }
                   },
                   [&](const ast::ranking_decl& d) {
                     for (const auto& f : d.filters) add(f);
                     for (const auto& n : d.min_grades) add(n);
                     for (const auto& n : d.within) add(n);
                     for (const auto& n : d.groups) add(n);
                     add(d.orders);
                     add(d.distinctions);
                   },
                   [&](const ast::awards_decl& d) {
                     add(d.orders);
                     for (const auto& f : d.filters) add(f);
                     for (const auto& e : d.eligibility) add(e.distinction);
                     add(d.distinctions);
                   },
                   [&](const ast::role_award_decl& d) {
                     for (const auto& t : d.tests) {
                       add(t.kind);
                       add(t.filter);
                     }
                   },
                   [&](const ast::grades_decl& d) {
                     for (const auto& g : d.grades) add(g.id);
                   },
                   [&](const ast::roster_decl& d) { add(d.columns); },
                   [&](const ast::balance_decl& d) {
                     add(d.id);
                     if (d.redemption_kind) add(*d.redemption_kind);
                     if (d.redemption_attribute) add(*d.redemption_attribute);
                   },
               },
               s);
  }
};

bool reserved_in(std::string_view word, ast::surface surface) {
  return surface == ast::surface::zh ? grammar_zh::is_reserved_word(word) : grammar::is_reserved_word(word);
}

}  // namespace

std::vector<std::string> names_reserved_in(const ast::rubric_file& tree, ast::surface surface) {
  name_collector collector;
  for (const auto& s : tree.statements) collector.add(s);
  std::vector<std::string> reserved;
  std::set<std::string> seen;
  for (const auto* n : collector.names) {
    if (reserved_in(n->text, surface) && seen.insert(n->text).second) reserved.push_back(n->text);
  }
  return reserved;
}

std::vector<std::string> untranslatable(const ast::rubric_file& tree, ast::surface surface) {
  std::vector<std::string> problems;
  for (const auto& name : names_reserved_in(tree, surface)) {
    problems.push_back(i18n::tr("`{}` is a word of that surface, which cannot be a name there", name));
  }
  for (auto& problem : printing_problems(tree, surface)) problems.push_back(std::move(problem));
  // The Chinese surface has one word for a sum over the window, 总分: the total of the score.
  if (surface != ast::surface::zh) return problems;
  std::set<std::string> seen;
  auto check_orders = [&](const std::vector<std::vector<ast::order_term>>& orders) {
    for (const auto& order : orders) {
      for (const auto& t : order) {
        if (t.total && t.key.text != "score" && seen.insert(t.key.text).second) {
          problems.push_back(i18n::tr("`total {}` has no Chinese form (only `total score` has: 总分)", t.key.text));
        }
      }
    }
  };
  for (const auto& s : tree.statements) {
    if (const auto* ranking = std::get_if<ast::ranking_decl>(&s)) check_orders(ranking->orders);
    if (const auto* awards = std::get_if<ast::awards_decl>(&s)) check_orders(awards->orders);
  }
  return problems;
}

}  // namespace rubric::lang
