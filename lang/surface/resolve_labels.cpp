#include "lang/surface/resolve_labels.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "lang/i18n.hpp"
#include "lang/overloaded.hpp"

namespace rubric::lang::surface {

namespace {

// One declaration a reference may name: its name, its label (when it has one), where it is.
struct declared {
  std::string_view name;
  std::string_view label;
  span where;
};

// The sorts of declarations a reference can name, each its own namespace.
enum class sort { kinds, attributes, roster_columns, choices, areas, roles, grades, distinctions };

// "label `数量` names two attributes: `item_count` and `box_count`", one sentence per sort so that
// each translates whole.
std::string ambiguity(sort of, std::string_view label, std::string_view first, std::string_view second) {
  switch (of) {
    case sort::kinds: return i18n::tr("label `{}` names two event kinds: `{}` and `{}`", label, first, second);
    case sort::attributes: return i18n::tr("label `{}` names two attributes: `{}` and `{}`", label, first, second);
    case sort::roster_columns: return i18n::tr("label `{}` names two roster columns: `{}` and `{}`", label, first, second);
    case sort::choices: return i18n::tr("label `{}` names two choices: `{}` and `{}`", label, first, second);
    case sort::areas: return i18n::tr("label `{}` names two areas: `{}` and `{}`", label, first, second);
    case sort::roles: return i18n::tr("label `{}` names two roles: `{}` and `{}`", label, first, second);
    case sort::grades: return i18n::tr("label `{}` names two grades: `{}` and `{}`", label, first, second);
    case sort::distinctions: return i18n::tr("label `{}` names two distinctions: `{}` and `{}`", label, first, second);
  }
  return {};
}

// The declarations of one sort that a reference can name.
struct name_space {
  sort of;
  std::vector<declared> entries;

  void add(const ast::name& id, const std::optional<ast::label>& title) {
    entries.push_back({id.text, title ? std::string_view(title->text) : std::string_view(), id.where});
  }
  void add(const ast::name& id, const ast::label& title) { entries.push_back({id.text, title.text, id.where}); }
};

struct attribute_scope {
  const ast::attribute_decl* decl = nullptr;
  name_space choices{sort::choices, {}};
};

// A kind's attributes, or the roster's columns, each with its choices.
struct attribute_table {
  name_space attributes{sort::attributes, {}};
  std::vector<attribute_scope> scopes;  // beside attributes.entries

  explicit attribute_table(sort of) { attributes.of = of; }
  void add(const ast::attribute_decl& a) {
    attributes.add(a.id, a.title);
    attribute_scope scope;
    scope.decl = &a;
    for (const auto& c : a.type.choices) scope.choices.add(c.id, c.title);
    scopes.push_back(std::move(scope));
  }
};

class resolver {
 public:
  resolver(const source_file& file, diagnostics& diags) : file_(file), diags_(diags) {}

  void run(ast::rubric_file& tree) {
    declare(tree);
    for (auto& statement : tree.statements) {
      std::visit(overloaded{
                     [&](ast::event_decl& e) {
                       auto* table = kind_table(e.id.text);
                       for (auto& a : e.attributes) default_value(a, table);
                     },
                     [&](ast::roster_decl& r) {
                       for (auto& a : r.columns) default_value(a, &roster_);
                     },
                     [&](ast::rule_decl& r) { rule(r); },
                     [&](ast::veto_decl& v) {
                       auto* table = kind_ref(v.kind);
                       if (v.filter) condition(*v.filter, table);
                       for (auto& e : v.effects) {
                         if (e.what == ast::veto_effect::action::not_eligible) resolve(e.distinction, distinctions_);
                       }
                     },
                     [&](ast::ranking_decl& r) {
                       orders(r.orders);
                       for (auto& d : r.distinctions) distinction(d);
                       for (auto& f : r.filters) condition(f, &roster_);
                       for (auto& g : r.min_grades) resolve(g, grades_);
                       for (auto& w : r.within) resolve(w, roster_.attributes);
                       for (auto& g : r.groups) resolve(g, roster_.attributes);
                     },
                     [&](ast::awards_decl& a) {
                       orders(a.orders);
                       for (auto& e : a.eligibility) resolve_distinction_or_grade(e.distinction);
                       for (auto& f : a.filters) condition(f, &roster_);
                       for (auto& d : a.distinctions) distinction(d);
                     },
                     [&](ast::role_award_decl& a) {
                       for (auto& t : a.tests) {
                         auto* table = kind_ref(t.kind);
                         if (t.filter) condition(*t.filter, table);
                       }
                     },
                     [&](ast::balance_decl& b) {
                       if (b.redemption_kind) attribute_ref(*b.redemption_attribute, kind_ref(*b.redemption_kind));
                     },
                     [](auto&) {},
                 },
                 statement);
    }
  }

 private:
  void declare(const ast::rubric_file& tree) {
    for (const auto& statement : tree.statements) {
      std::visit(overloaded{
                     [&](const ast::event_decl& e) {
                       kinds_.add(e.id, e.title);
                       kind_tables_.emplace_back(e.id.text, attribute_table(sort::attributes));
                       for (const auto& a : e.attributes) kind_tables_.back().second.add(a);
                     },
                     [&](const ast::roster_decl& r) {
                       for (const auto& a : r.columns) roster_.add(a);
                     },
                     [&](const ast::area_decl& a) { areas_.add(a.id, a.title); },
                     [&](const ast::role_decl& r) { roles_.add(r.id, r.title); },
                     [&](const ast::grades_decl& g) {
                       for (const auto& grade : g.grades) grades_.add(grade.id, grade.title);
                     },
                     [&](const ast::ranking_decl& r) {
                       for (const auto& d : r.distinctions) distinctions_.add(d.id, d.title);
                     },
                     [&](const ast::awards_decl& a) {
                       for (const auto& d : a.distinctions) distinctions_.add(d.id, d.title);
                     },
                     [](const auto&) {},
                 },
                 statement);
    }
  }

  attribute_table* kind_table(std::string_view name) {
    for (auto& [kind, table] : kind_tables_) {
      if (kind == name) return &table;
    }
    return nullptr;
  }

  // Rewrites `ref` to the name it stands for; false when it names nothing (left as written).
  bool resolve(ast::name& ref, const name_space& space) {
    for (const auto& d : space.entries) {
      if (d.name == ref.text) return true;  // a name wins over a label
    }
    std::vector<const declared*> labelled;
    for (const auto& d : space.entries) {
      if (!d.label.empty() && d.label == ref.text) labelled.push_back(&d);
    }
    if (labelled.empty()) return false;
    if (labelled.size() > 1) {
      diagnostic diag{diag_kind::ambiguous_label, &file_, ref.where,
                      ambiguity(space.of, ref.text, labelled[0]->name, labelled[1]->name),
                      {},
                      i18n::tr("write the name instead (`{}` or `{}`), or give them different labels", labelled[0]->name,
                               labelled[1]->name)};
      for (const auto* d : labelled) {
        diag.notes.push_back({&file_, d->where, i18n::tr("`{}` is labelled `{}` here", d->name, d->label)});
      }
      diags_.push_back(std::move(diag));
      // Reported here: the first one stands in, so the checker does not report it again as unknown.
      ref.text = std::string(labelled.front()->name);
      return true;
    }
    ref.text = std::string(labelled.front()->name);
    return true;
  }

  attribute_table* kind_ref(ast::name& kind) {
    resolve(kind, kinds_);
    return kind_table(kind.text);
  }

  attribute_scope* attribute_ref(ast::name& attribute, attribute_table* table) {
    if (!table) return nullptr;
    resolve(attribute, table->attributes);
    for (auto& scope : table->scopes) {
      if (scope.decl->id.text == attribute.text) return &scope;
    }
    return nullptr;
  }

  void value(ast::literal& v, attribute_scope* scope) {
    if (scope && v.type == ast::literal::kind::word) resolve(v.word, scope->choices);
  }

  void default_value(ast::attribute_decl& a, attribute_table* table) {
    if (!a.default_value || !table) return;
    for (auto& scope : table->scopes) {
      if (scope.decl == &a) value(*a.default_value, &scope);
    }
  }

  void condition(ast::condition& c, attribute_table* table) {
    for (auto& operand : c.operands) condition(operand, table);
    if (c.kind == ast::condition::op::any_of || c.kind == ast::condition::op::all_of ||
        c.kind == ast::condition::op::negate || c.kind == ast::condition::op::on_days ||
        c.kind == ast::condition::op::time_span) {
      return;  // combinations, and conditions on the date, name no attribute
    }
    attribute_scope* scope = attribute_ref(c.attribute, table);
    for (auto& v : c.values) value(v, scope);
  }

  void rule(ast::rule_decl& r) {
    resolve(r.area, areas_);
    attribute_table* table = nullptr;
    std::visit(overloaded{
                   [&](ast::each_clause& each) {
                     table = kind_ref(each.kind);
                     if (each.filter) condition(*each.filter, table);
                     std::visit(overloaded{
                                    [&](ast::fixed_amounts& fixed) {
                                      for (auto& choice : fixed.choices) {
                                        if (choice.when) condition(*choice.when, table);
                                        if (choice.value.per_attribute) attribute_ref(*choice.value.per_attribute, table);
                                      }
                                    },
                                    [&](ast::recorded_amount& recorded) { attribute_ref(recorded.attribute, table); },
                                    [&](ast::escalation&) {},
                                    [&](ast::daily_amount& daily) { attribute_ref(daily.until, table); },
                                },
                                each.amount);
                   },
                   [&](auto& clause) {
                     table = kind_ref(clause.kind);
                     if (clause.filter) condition(*clause.filter, table);
                     if constexpr (requires { clause.attribute; }) attribute_ref(clause.attribute, table);
                   },
               },
               r.amount);
    for (auto& e : r.exemptions) condition(e.when, table);
  }

  void resolve_distinction_or_grade(ast::name& ref) {
    if (!resolve(ref, distinctions_)) resolve(ref, grades_);
  }

  void orders(std::vector<std::vector<ast::order_term>>& clauses) {
    for (auto& terms : clauses) {
      for (auto& t : terms) {
        // `得分`, `扣分次数` and `总分` are keywords, already `score` and `deductions`.
        if (t.key.text != "score" && t.key.text != "deductions") resolve_distinction_or_grade(t.key);
      }
    }
  }

  void distinction(ast::distinction_decl& d) {
    if (d.role) resolve(*d.role, roles_);
    if (d.run) resolve(d.run->distinction, distinctions_);
  }

  const source_file& file_;
  diagnostics& diags_;
  name_space kinds_{sort::kinds, {}};
  name_space areas_{sort::areas, {}};
  name_space roles_{sort::roles, {}};
  name_space grades_{sort::grades, {}};
  name_space distinctions_{sort::distinctions, {}};
  attribute_table roster_{sort::roster_columns};
  std::vector<std::pair<std::string, attribute_table>> kind_tables_;
};

}  // namespace

void resolve_labels(ast::rubric_file& tree, const source_file& file, diagnostics& diags) {
  resolver(file, diags).run(tree);
}

}  // namespace rubric::lang::surface
