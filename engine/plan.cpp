#include "engine/plan.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "lang/overloaded.hpp"
#include "lang/reserved_names.hpp"
#include "lang/time_of_day.hpp"
#include "engine/digest.hpp"

namespace rubric::engine {

namespace ast = lang::ast;

bool condition_program::holds_at(std::size_t i, const event_values& event) const {
  const condition_node& n = nodes[i];
  using op = condition_node::op;
  switch (n.kind) {
    case op::never: return false;
    case op::any_of:
      for (std::uint16_t c = 0; c < n.child_count; ++c) {
        if (holds_at(n.first_child + c, event)) return true;
      }
      return false;
    case op::all_of:
      for (std::uint16_t c = 0; c < n.child_count; ++c) {
        if (!holds_at(n.first_child + c, event)) return false;
      }
      return true;
    case op::negate: return !holds_at(n.first_child, event);
    case op::on_days: return (n.value >> lang::iso_weekday(event.day)) & 1;
    case op::time_span: {
      int t = event.second_of_day;
      if (t < 0) return false;  // not reached: the reader refuses such rows (E1051)
      auto from = static_cast<int>(n.value);
      // A span whose end comes before its start runs over midnight: 22:00 to 06:00.
      return from <= n.until ? t >= from && t < n.until : t >= from || t < n.until;
    }
    default: break;
  }
  bool present = (event.present >> n.attribute) & 1;
  std::int64_t v = event.values[n.attribute];
  switch (n.kind) {
    case op::truthy: return present && v != 0;
    case op::equals: return present && v == n.value;
    case op::not_equals: return !present || v != n.value;  // an absent value is not equal to anything
    case op::in_set: return present && ((static_cast<std::uint64_t>(n.value) >> v) & 1);
    case op::at_least: return present && v >= n.value;
    case op::at_most: return present && v <= n.value;
    case op::above: return present && v > n.value;
    case op::below: return present && v < n.value;
    default: return false;
  }
}

bool condition_program::reads(condition_node::op op) const {
  return std::any_of(nodes.begin(), nodes.end(), [&](const condition_node& n) { return n.kind == op; });
}

std::optional<std::size_t> kind_plan::attribute_index(std::string_view attribute) const {
  for (std::size_t i = 0; i < attributes.size(); ++i) {
    if (attributes[i].name == attribute) return i;
  }
  return std::nullopt;
}

std::optional<std::uint32_t> version_plan::kind_index(std::string_view kind) const {
  auto it = kind_lookup.find(kind);
  if (it == kind_lookup.end()) return std::nullopt;
  return it->second;
}

std::vector<term> attribute_plan::choice_terms() const {
  std::vector<term> terms;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    terms.push_back({choices[i], i < choice_labels.size() ? choice_labels[i] : std::string()});
  }
  return terms;
}

std::vector<term> version_plan::kind_terms() const {
  std::vector<term> terms;
  for (const auto& k : kinds) terms.push_back({k.name, k.title});
  return terms;
}

std::optional<std::uint32_t> version_plan::grade_of(std::int64_t score) const {
  for (std::uint32_t g = 0; g < grades.size(); ++g) {
    if (!grades[g].at_least || score >= *grades[g].at_least) return g;
  }
  return std::nullopt;
}

std::optional<std::uint32_t> plan::version_for_period(int key) const {
  std::optional<std::uint32_t> found;
  for (std::uint32_t i = 0; i < versions.size(); ++i) {
    if (versions[i].effective_period <= key) found = i;
  }
  return found;
}


namespace {

std::optional<std::int64_t> encode_literal(const attribute_plan& attribute, const ast::literal& value) {
  switch (attribute.type) {
    case ast::type_kind::boolean:
      if (value.type == ast::literal::kind::boolean) return value.flag ? 1 : 0;
      return std::nullopt;
    case ast::type_kind::integer:
    case ast::type_kind::decimal:
      if (value.type == ast::literal::kind::number) return value.num.value.units();
      return std::nullopt;
    case ast::type_kind::date: return std::nullopt;
    case ast::type_kind::choice: {
      if (value.type != ast::literal::kind::word) return std::nullopt;
      auto it = std::find(attribute.choices.begin(), attribute.choices.end(), value.word.text);
      if (it == attribute.choices.end()) return std::nullopt;
      return it - attribute.choices.begin();
    }
    case ast::type_kind::person: return std::nullopt;
  }
  return std::nullopt;
}

// Compiles `cond` against `kind`. Names the kind lacks (possible when a later version's test is
// compiled against an earlier schema) compile to `never`.
class condition_compiler {
 public:
  explicit condition_compiler(const kind_plan& kind) : kind_(kind) {}

  condition_program compile(const std::optional<ast::condition>& cond) {
    return cond ? compile(*cond) : condition_program{};
  }
  condition_program compile(const ast::condition& cond) {
    condition_program program;
    emit(cond, program, 0);
    return program;
  }

 private:
  void emit(const ast::condition& cond, condition_program& program, std::size_t at) {
    using op = ast::condition::op;
    using node_op = condition_node::op;
    if (program.nodes.size() <= at) program.nodes.resize(at + 1);
    condition_node node;
    if (cond.kind == op::any_of || cond.kind == op::all_of || cond.kind == op::negate) {
      node.kind = cond.kind == op::any_of ? node_op::any_of : cond.kind == op::all_of ? node_op::all_of : node_op::negate;
      node.first_child = static_cast<std::uint16_t>(program.nodes.size());
      node.child_count = static_cast<std::uint16_t>(cond.operands.size());
      program.nodes.resize(program.nodes.size() + cond.operands.size());
      for (std::size_t i = 0; i < cond.operands.size(); ++i) emit(cond.operands[i], program, node.first_child + i);
      program.nodes[at] = node;
      return;
    }
    if (cond.kind == op::on_days) {
      node.kind = node_op::on_days;
      node.value = cond.weekdays;
      program.nodes[at] = node;
      return;
    }
    if (cond.kind == op::time_span) {
      node.kind = node_op::time_span;
      node.value = cond.from_second;
      node.until = cond.until_second;
      program.nodes[at] = node;
      return;
    }
    auto index = kind_.attribute_index(cond.attribute.text);
    if (!index) {
      program.nodes[at] = node;  // never
      return;
    }
    const attribute_plan& attribute = kind_.attributes[*index];
    node.attribute = static_cast<std::uint8_t>(*index);
    switch (cond.kind) {
      case op::truthy: node.kind = node_op::truthy; break;
      case op::equals:
      case op::not_equals: {
        auto value = encode_literal(attribute, cond.values.front());
        if (!value && cond.kind == op::equals) break;  // a value this schema cannot hold: never
        if (!value) {  // "is not X" where X cannot occur: always, written as not(never)
          node.kind = node_op::negate;
          node.first_child = static_cast<std::uint16_t>(program.nodes.size());
          node.child_count = 1;
          program.nodes.push_back(condition_node{});
          break;
        }
        node.kind = cond.kind == op::equals ? node_op::equals : node_op::not_equals;
        node.value = *value;
        break;
      }
      case op::one_of: {
        std::uint64_t set = 0;
        for (const auto& v : cond.values) {
          if (auto code = encode_literal(attribute, v)) set |= std::uint64_t{1} << *code;
        }
        node.kind = node_op::in_set;
        node.value = static_cast<std::int64_t>(set);
        break;
      }
      case op::compare: {
        node.value = cond.comparison->limit.value.units();
        switch (cond.comparison->kind) {
          case ast::bound_kind::at_least: node.kind = node_op::at_least; break;
          case ast::bound_kind::at_most: node.kind = node_op::at_most; break;
          case ast::bound_kind::above: node.kind = node_op::above; break;
          case ast::bound_kind::below: node.kind = node_op::below; break;
        }
        break;
      }
      default: break;
    }
    program.nodes[at] = node;
  }

  const kind_plan& kind_;
};

// Which kinds' rows must carry a time of day, and whether the reader must give events their day.
void mark_date_conditions(plan& out) {
  using op = condition_node::op;
  auto mark = [&](kind_plan& kind, const condition_program& program) {
    if (program.reads(op::time_span)) kind.reads_time = true;
    if (program.reads(op::time_span) || program.reads(op::on_days)) out.reads_dates = true;
  };
  for (auto& v : out.versions) {
    for (const auto& r : v.rules) {
      mark(v.kinds[r.kind], r.filter);
      for (const auto& a : r.amounts) mark(v.kinds[r.kind], a.guard);
      for (const auto& e : r.exemptions) mark(v.kinds[r.kind], e.when);
    }
    for (const auto& veto : v.vetoes) mark(v.kinds[veto.kind], veto.filter);
  }
  for (auto& y : out.versions) {
    if (!y.role_award) continue;
    for (std::size_t v = 0; v < y.role_award->by_version.size(); ++v) {
      for (std::size_t k = 0; k < y.role_award->by_version[v].size(); ++k) {
        for (const auto& t : y.role_award->by_version[v][k]) mark(out.versions[v].kinds[k], t.filter);
      }
    }
  }
}

kind_plan compile_kind(const lang::kind_info& info) {
  kind_plan kind;
  kind.name = info.name;
  if (info.decl && info.decl->title) kind.title = info.decl->title->text;
  for (const auto& a : info.attributes) {
    attribute_plan attribute;
    attribute.name = a.name;
    attribute.label = a.label;
    attribute.type = a.type;
    attribute.choices = a.choices;
    attribute.choice_labels = a.choice_labels;
    attribute.ambiguous_choices = ambiguous_words(attribute.choice_terms());
    if (a.min) attribute.min = a.min->units();
    if (a.max) attribute.max = a.max->units();
    attribute.min_exclusive = a.min_exclusive;
    attribute.max_exclusive = a.max_exclusive;
    attribute.required = a.required;
    if (a.default_value) attribute.default_value = encode_literal(attribute, *a.default_value);
    kind.attributes.push_back(std::move(attribute));
  }
  return kind;
}

std::vector<consequence_plan> compile_consequences(const std::vector<ast::consequence>& consequences) {
  std::vector<consequence_plan> out;
  for (const auto& c : consequences) {
    std::optional<std::int64_t> days;
    if (c.within_days) days = c.within_days->value.units() / decimal::scale;
    out.push_back({c.action.text, days});
  }
  return out;
}

std::vector<order_term_plan> compile_order(const std::vector<std::vector<ast::order_term>>& orders, bool yearly) {
  std::vector<order_term_plan> out;
  if (orders.empty()) return out;
  for (const auto& term : orders.front()) {
    order_term_plan t;
    t.descending = term.dir == ast::direction::higher || term.dir == ast::direction::more;
    if (yearly) {
      t.key = term.total ? order_key::total_score : order_key::distinction_count;
      if (!term.total) t.distinction = term.key.text;
    } else {
      t.key = term.key.text == "deductions" ? order_key::deductions : order_key::score;
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::uint32_t whole(const ast::number& n) { return static_cast<std::uint32_t>(n.value.units() / decimal::scale); }

share_plan share_of(const ast::distinction_decl& d) {
  using placement = ast::distinction_decl::placement;
  share_kind kind = d.place == placement::top_share      ? share_kind::top
                    : d.place == placement::next_share   ? share_kind::next
                    : d.place == placement::bottom_share ? share_kind::bottom
                                                         : share_kind::none;
  return {kind, kind == share_kind::none ? 0 : d.share.value.units()};
}

version_plan compile_version(const lang::checked_version& checked, const kind_plan& roster_columns) {
  const lang::symbol_table& symbols = checked.symbols;
  const ast::rubric_file& tree = *checked.tree;
  version_plan v;
  v.id = checked.version_id();
  v.title = tree.head.title.text;
  v.effective_period = lang::calendar(symbols.scoring->period.value)
                           .period_of(tree.head.effective.year, tree.head.effective.month, tree.head.effective.day);
  v.path = checked.file->path();
  v.sha256 = sha256_hex(checked.file->text());
  v.base = symbols.scoring->base.value.units();
  for (const auto& k : symbols.kinds) {
    v.kind_lookup.emplace(k.name, static_cast<std::uint32_t>(v.kinds.size()));
    v.kinds.push_back(compile_kind(k));
  }
  for (const auto* area : symbols.areas) {
    std::optional<std::int64_t> budget;
    if (area->budget) budget = area->budget->value.units();
    v.areas.push_back({area->id.text, area->title.text, budget});
  }
  if (symbols.grades) {
    for (const auto& g : symbols.grades->grades) {
      std::optional<std::int64_t> at_least;
      if (g.at_least) at_least = g.at_least->value.units();
      v.grades.push_back({g.id.text, g.title.text, at_least, compile_consequences(g.consequences)});
    }
  }

  for (const auto* rule : symbols.rules) {
    rule_plan r;
    r.id = rule->id.text;
    r.title = rule->title.text;
    r.area = static_cast<std::uint32_t>(*symbols.area_index(rule->area.text));
    r.kind = *v.kind_index(ast::counted_kind(rule->amount).text);
    kind_plan& kind = v.kinds[r.kind];
    condition_compiler compiler(kind);
    auto attribute = [&](const ast::name& n) { return static_cast<int>(*kind.attribute_index(n.text)); };
    r.filter = compiler.compile(ast::amount_filter(rule->amount));
    auto each_amount = overloaded{
        [&](const ast::fixed_amounts& fixed) {
          r.form = rule_form::per_event;
          for (const auto& choice : fixed.choices) {
            amount_plan a;
            a.points = choice.value.points.value.units();
            if (choice.value.per_attribute) a.per_attribute = attribute(*choice.value.per_attribute);
            a.guard = compiler.compile(choice.when);
            r.amounts.push_back(std::move(a));
          }
        },
        [&](const ast::recorded_amount& recorded) {
          r.form = rule_form::recorded;
          r.value_attribute = attribute(recorded.attribute);
          r.low = recorded.low.value.units();
          r.high = recorded.high.value.units();
        },
        [&](const ast::escalation& escalating) {
          r.form = rule_form::escalating;
          for (const auto& step : escalating.steps) {
            r.escalation.push_back(step ? std::optional<std::int64_t>(step->value.units()) : std::nullopt);
          }
          r.window = escalating.window.value.units() / decimal::scale;
          r.window_unit = escalating.window_unit.value;
        },
        [&](const ast::daily_amount& daily) {
          r.form = rule_form::daily;
          r.points = daily.points.value.units();
          r.until_attribute = attribute(daily.until);
        },
    };
    std::visit(overloaded{
                   [&](const ast::each_clause& each) { std::visit(each_amount, each.amount); },
                   [&](const ast::total_clause& total) {
                     r.form = rule_form::total;
                     r.value_attribute = attribute(total.attribute);
                     r.total_points = total.points.value.units();
                     r.total_step = total.step.value.units();
                   },
                   [&](const ast::absence_clause& absence) {
                     r.form = rule_form::absence;
                     r.points = absence.points.value.units();
                   },
                   [&](const ast::distinct_clause& d) {
                     r.form = rule_form::distinct;
                     r.value_attribute = attribute(d.attribute);
                     r.points = d.points.value.units();
                   },
                   [&](const ast::average_clause& a) {
                     r.form = rule_form::average;
                     r.value_attribute = attribute(a.attribute);
                     r.points = a.factor.value.units();
                     r.count_slot = static_cast<std::uint32_t>(v.count_slots++);
                   },
               },
               rule->amount);
    for (const auto& c : rule->caps) r.caps.push_back({c.period.value, c.limit.value.units()});
    for (const auto& l : rule->limits) r.limits.push_back({l.period.value, whole(l.times)});
    bool other_cadence = false;
    for (const auto& c : r.caps) other_cadence = other_cadence || c.period != symbols.scoring->period.value;
    r.ordered = r.form == rule_form::escalating || r.form == rule_form::daily || other_cadence || !r.limits.empty();
    if (!r.ordered && !r.caps.empty()) r.cap = r.caps.front().limit;
    kind.ordered_rules = kind.ordered_rules || r.ordered;
    kind.bounded_rules = kind.bounded_rules || r.form == rule_form::recorded || r.form == rule_form::daily;
    for (const auto& e : rule->exemptions) r.exemptions.push_back({e.reason.text, compiler.compile(e.when)});
    r.consequences = compile_consequences(rule->consequences);
    v.rule_consequences = v.rule_consequences || !r.consequences.empty();
    kind.rules.push_back(static_cast<std::uint32_t>(v.rules.size()));
    v.rules.push_back(std::move(r));
  }
  v.has_consequences = v.has_consequences || v.rule_consequences;
  for (const auto& g : v.grades) v.has_consequences = v.has_consequences || !g.consequences.empty();
  for (const auto* veto : symbols.vetoes) {
    veto_plan p;
    p.id = veto->id.text;
    p.reason = veto->reason.text;
    p.kind = *v.kind_index(veto->kind.text);
    p.filter = condition_compiler(v.kinds[p.kind]).compile(veto->filter);
    for (const auto& e : veto->effects) {
      veto_effect_plan effect;
      effect.what = e.what;
      effect.distinction = e.distinction.text;
      effect.score = e.score.value.units();
      effect.rest_of_year = e.duration.value == ast::period::year;
      effect.and_next_year = e.and_next;
      p.unranks = p.unranks || e.what == ast::veto_effect::action::not_eligible;
      p.outlasts = p.outlasts || effect.rest_of_year;
      p.effects.push_back(std::move(effect));
    }
    p.consequences = compile_consequences(veto->consequences);
    v.has_consequences = v.has_consequences || !p.consequences.empty();
    v.kinds[p.kind].vetoes.push_back(static_cast<std::uint32_t>(v.vetoes.size()));
    v.kinds[p.kind].lasting_vetoes = v.kinds[p.kind].lasting_vetoes || p.outlasts;
    v.vetoes.push_back(std::move(p));
  }
  condition_compiler on_roster(roster_columns);
  auto column = [&](const ast::name& n) { return static_cast<int>(*roster_columns.attribute_index(n.text)); };
  if (const ast::ranking_decl* ranking = symbols.ranking) {
    v.has_ranking = true;
    v.ranking_order = compile_order(ranking->orders, false);
    for (const auto& f : ranking->filters) {
      v.ranking_filters.push_back(on_roster.compile(f));
      v.ranking_filter_texts.emplace_back(checked.file->text().substr(f.where.begin, f.where.end - f.where.begin));
    }
    if (!ranking->within.empty()) v.ranking_within = column(ranking->within.front());
    if (!ranking->min_grades.empty()) {
      for (std::uint32_t g = 0; g < v.grades.size(); ++g) {
        if (v.grades[g].id == ranking->min_grades.front().text) v.ranking_min_grade = g;
      }
    }
    if (!ranking->groups.empty()) v.ranking_groups = column(ranking->groups.front());
    for (const auto& d : ranking->distinctions) {
      v.distinctions.push_back({d.id.text, d.title.text, whole(d.first_rank), whole(d.last_rank),
                                d.place == ast::distinction_decl::placement::bottom ||
                                    d.place == ast::distinction_decl::placement::bottom_share,
                                share_of(d)});
      v.has_shares = v.has_shares || ast::is_share(d.place);
    }
  }
  if (const ast::balance_decl* b = symbols.balance) {
    balance_plan balance{b->id.text, b->title.text, std::nullopt, 0, 0, std::nullopt};
    if (b->redemption_kind) {
      balance.redemption_kind = v.kind_index(b->redemption_kind->text);
      balance.redemption_attribute =
          static_cast<std::uint32_t>(*v.kinds[*balance.redemption_kind].attribute_index(b->redemption_attribute->text));
      v.kinds[*balance.redemption_kind].redeems = true;
    }
    if (b->spend_above) balance.floor = b->spend_above->value.units();
    if (b->reset) balance.reset = b->reset->value;
    v.balance = std::move(balance);
  }
  if (symbols.awards) {
    v.has_awards = true;
    v.awards_order = compile_order(symbols.awards->orders, true);
    v.awards_period = symbols.awards->period.value;
    for (const auto& f : symbols.awards->filters) v.awards_filters.push_back(on_roster.compile(f));
    for (const auto& d : symbols.awards->distinctions) {
      award_title_plan t;
      t.id = d.id.text;
      t.title = d.title.text;
      if (d.run) {
        t.streak = whole(d.run->length);
        t.streak_distinction = d.run->distinction.text;
      } else {
        t.first_rank = whole(d.first_rank);
        t.last_rank = whole(d.last_rank);
        t.from_bottom = d.place == ast::distinction_decl::placement::bottom ||
                        d.place == ast::distinction_decl::placement::bottom_share;
        if (d.role) t.role = d.role->text;
        t.share = share_of(d);
        v.has_shares = v.has_shares || ast::is_share(d.place);
      }
      v.titles.push_back(std::move(t));
    }
    for (const auto& s : symbols.awards->subsidies) v.subsidies.emplace_back(whole(s.rank), s.percent.value.units());
    std::sort(v.subsidies.begin(), v.subsidies.end());
    if (!symbols.awards->eligibility.empty()) {
      const auto& e = symbols.awards->eligibility.front();
      v.award_eligibility = std::make_pair(e.distinction.text, whole(e.at_least));
    }
  }
  if (symbols.role_award) {
    role_award_plan award;
    award.title = symbols.role_award->title.text;
    award.percent = symbols.role_award->percent.value.units();
    for (const auto& t : symbols.role_award->tests) {
      std::string text(checked.file->text().substr(t.where.begin, t.where.end - t.where.begin));
      std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
      award.tests.push_back({t.forbids, whole(t.at_least), t.kind.text, std::move(text)});
    }
    v.role_award = std::move(award);
  }
  return v;
}

}  // namespace

plan compile_plan(const lang::rubric_folder& folder) {
  plan out;
  // The roster columns of every version, by name: the roster is read once for the whole run.
  for (const auto& checked : folder.versions) {
    if (!checked.symbols.roster) continue;
    kind_plan columns = compile_kind(*checked.symbols.roster);
    for (auto& c : columns.attributes) {
      if (!out.roster_columns.attribute_index(c.name)) out.roster_columns.attributes.push_back(std::move(c));
    }
  }
  out.roster_columns.name = "roster";
  for (const auto& checked : folder.versions) out.versions.push_back(compile_version(checked, out.roster_columns));
  out.periods = lang::calendar(folder.versions.front().symbols.scoring->period.value);
  std::map<std::string, std::uint32_t> rule_keys;
  for (auto& v : out.versions) {
    for (auto& r : v.rules) r.key = rule_keys.emplace(r.id, static_cast<std::uint32_t>(rule_keys.size())).first->second;
  }
  // Role-holder tests of each version, compiled against every version's schema.
  for (std::size_t y = 0; y < out.versions.size(); ++y) {
    auto& award = out.versions[y].role_award;
    if (!award) continue;
    const auto& tests = folder.versions[y].symbols.role_award->tests;
    award->by_version.resize(out.versions.size());
    for (std::size_t v = 0; v < out.versions.size(); ++v) {
      const version_plan& schema = out.versions[v];
      award->by_version[v].resize(schema.kinds.size());
      for (std::uint32_t t = 0; t < tests.size(); ++t) {
        auto kind = schema.kind_index(tests[t].kind.text);
        if (!kind) continue;
        const kind_plan& k = schema.kinds[*kind];
        auto person = folder.versions[v].symbols.kinds[*kind].person_attribute();
        if (!person) continue;
        award->by_version[v][*kind].push_back(
            {t, condition_compiler(k).compile(tests[t].filter), static_cast<std::uint8_t>(*person)});
      }
    }
  }
  mark_date_conditions(out);
  std::vector<std::string> names;
  out.event_columns = {{std::string(lang::reserved::date_column), std::string(date_column_label)},
                       {std::string(lang::reserved::unit_column), std::string(unit_column_label)},
                       {std::string(lang::reserved::kind_column), std::string(kind_column_label)}};
  for (auto& v : out.versions) {
    v.ambiguous_kinds = ambiguous_words(v.kind_terms());
    for (const auto& k : v.kinds) {
      for (const auto& a : k.attributes) {
        names.push_back(a.name);
        out.event_columns.push_back({a.name, a.label});
      }
    }
  }
  for (const auto& checked : folder.versions) {
    for (const auto* r : checked.symbols.roles) out.roles.push_back({r->id.text, r->title.text});
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  out.attribute_names = std::move(names);
  return out;
}

}  // namespace rubric::engine
