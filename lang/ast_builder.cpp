#include "lang/ast_builder.hpp"
#include "lang/time_of_day.hpp"
#include "lang/ast_builder_common.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "lang/calendar.hpp"
#include "lang/grammar.hpp"
#include "lang/surface/identifier.hpp"
#include "lang/i18n.hpp"

namespace rubric::lang {

namespace {

namespace g = grammar;
using node = tao::pegtl::parse_tree::node;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

class builder : detail::tree_reader {
 public:
  using tree_reader::tree_reader;

  ast::rubric_file file(const node& root) {
    ast::rubric_file out;
    for (const auto& child : root.children) {
      const node& n = *child;
      if (n.is_type<g::header>()) out.head = header(n);
      else if (n.is_type<g::scoring_decl>()) out.statements.emplace_back(scoring(n));
      else if (n.is_type<g::role_decl>()) out.statements.emplace_back(role(n));
      else if (n.is_type<g::event_decl>()) out.statements.emplace_back(event(n));
      else if (n.is_type<g::area_decl>()) out.statements.emplace_back(area(n));
      else if (n.is_type<g::rule_decl>()) out.statements.emplace_back(rule(n));
      else if (n.is_type<g::veto_decl>()) out.statements.emplace_back(veto(n));
      else if (n.is_type<g::ranking_decl>()) out.statements.emplace_back(ranking(n));
      else if (n.is_type<g::awards_decl>()) out.statements.emplace_back(awards(n));
      else if (n.is_type<g::role_award_decl>()) out.statements.emplace_back(role_award(n));
      else if (n.is_type<g::grades_decl>()) out.statements.emplace_back(grades(n));
      else if (n.is_type<g::roster_decl>()) {
        ast::roster_decl r;
        r.where = span_of(n);
        for (const auto& column : n.children) r.columns.push_back(attribute(*column));
        out.statements.emplace_back(std::move(r));
      }
    }
    return out;
  }

  // False when the text says something the tree cannot hold (a rule with no amount, or two).
  bool complete() const { return complete_; }

 private:
  // Names compare in Normalization Form C: a name typed with combining marks is the same name.
  ast::name name(const node& n) { return {surface::to_nfc(text_of(n)), span_of(n)}; }

  ast::label label(const node& n) {
    std::string_view raw = text_of(n);
    raw = raw.substr(1, raw.size() - 2);
    std::string decoded;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\\' && i + 1 < raw.size()) {
        ++i;
        decoded += raw[i] == 'n' ? '\n' : raw[i];
      } else {
        decoded += raw[i];
      }
    }
    return {std::move(decoded), span_of(n)};
  }

  ast::number number(const node& n) { return number_from(text_of(n), span_of(n)); }

  ast::number percent(const node& n) {
    std::string_view text = text_of(n);
    span where = span_of(n);
    return number_from(text.substr(0, text.size() - 1), where);
  }

  ast::date date(const node& n) {
    std::string_view text = text_of(n);
    ast::date out;
    out.where = span_of(n);
    auto digits = [&](std::size_t at, std::size_t count) {
      int v = 0;
      for (std::size_t i = at; i < at + count; ++i) v = v * 10 + (text[i] - '0');
      return v;
    };
    out.year = digits(0, 4);
    out.month = digits(5, 2);
    out.day = digits(8, 2);
    if (auto problem = date_problem(text, out.year, out.month, out.day); !problem.empty()) {
      error(diag_kind::bad_date, out.where, std::move(problem));
    }
    return out;
  }

  ast::period_ref period(const node& n) {
    std::string_view word = text_of(n);
    ast::period value = word == "day"       ? ast::period::day
                        : word == "week"    ? ast::period::week
                        : word == "quarter" ? ast::period::quarter
                        : word == "semester" ? ast::period::semester
                        : word == "year"    ? ast::period::year
                                            : ast::period::month;
    return {value, span_of(n)};
  }

  ast::header header(const node& n) {
    return {label(*n.children.at(0)), label(*n.children.at(1)), date(*n.children.at(2)), span_of(n)};
  }

  ast::scoring_decl scoring(const node& n) {
    ast::scoring_decl out;
    out.where = span_of(n);
    out.entity = name(*n.children.at(0));
    std::size_t next = 1;
    if (n.children.at(next)->is_type<g::entity_label>()) out.title = label(*n.children.at(next++));
    out.period = period(*n.children.at(next++));
    out.base = number(*n.children.at(next));
    return out;
  }

  ast::role_decl role(const node& n) { return {name(*n.children.at(0)), label(*n.children.at(1)), span_of(n)}; }

  ast::bound bound(const node& n) {
    ast::bound_kind kind = n.is_type<g::bound_at_least>()  ? ast::bound_kind::at_least
                           : n.is_type<g::bound_at_most>() ? ast::bound_kind::at_most
                           : n.is_type<g::bound_above>()   ? ast::bound_kind::above
                                                           : ast::bound_kind::below;
    return {kind, number(*n.children.at(0)), span_of(n)};
  }

  ast::literal literal(const node& n) {
    ast::literal out;
    out.where = span_of(n);
    if (n.is_type<g::literal_true>() || n.is_type<g::literal_false>()) {
      out.type = ast::literal::kind::boolean;
      out.flag = n.is_type<g::literal_true>();
    } else if (n.is_type<g::number>()) {
      out.type = ast::literal::kind::number;
      out.num = number(n);
    } else {
      out.type = ast::literal::kind::word;
      out.word = name(n);
    }
    return out;
  }

  ast::attribute_decl attribute(const node& n) {
    ast::attribute_decl out;
    out.where = span_of(n);
    out.id = name(*n.children.at(0));
    std::size_t next = 1;
    if (n.children.at(next)->is_type<g::attribute_label>()) out.title = label(*n.children.at(next++));
    const node& type = *n.children.at(next++);
    out.type.where = span_of(type);
    if (type.is_type<g::type_bool>()) out.type.kind = ast::type_kind::boolean;
    else if (type.is_type<g::type_integer>()) out.type.kind = ast::type_kind::integer;
    else if (type.is_type<g::type_decimal>()) out.type.kind = ast::type_kind::decimal;
    else if (type.is_type<g::type_choice>()) out.type.kind = ast::type_kind::choice;
    else if (type.is_type<g::type_date>()) out.type.kind = ast::type_kind::date;
    else out.type.kind = ast::type_kind::person;
    for (const auto& part : type.children) {
      if (part->is_type<g::choice_item>()) {
        ast::choice_decl choice{name(*part->children.at(0)), std::nullopt, span_of(*part)};
        if (part->children.size() > 1) choice.title = label(*part->children.at(1));
        out.type.choices.push_back(std::move(choice));
      }
      else out.type.bounds.push_back(bound(*part));
    }
    for (std::size_t i = next; i < n.children.size(); ++i) {
      const node& option = *n.children[i];
      if (option.is_type<g::default_option>()) out.default_value = literal(*option.children.at(0));
      else if (option.is_type<g::optional_option>()) out.optional = true;
    }
    return out;
  }

  ast::event_decl event(const node& n) {
    ast::event_decl out;
    out.where = span_of(n);
    for (const auto& child : n.children) {
      if (child->is_type<g::declared_name>()) out.id = name(*child);
      else if (child->is_type<g::label>()) out.title = label(*child);
      else if (child->is_type<g::attribute_decl>()) out.attributes.push_back(attribute(*child));
    }
    return out;
  }

  ast::area_decl area(const node& n) {
    ast::area_decl out{name(*n.children.at(0)), label(*n.children.at(1)), std::nullopt, span_of(n)};
    if (n.children.size() > 2) out.budget = number(*n.children[2]->children.at(0));
    return out;
  }

  ast::grades_decl grades(const node& n) {
    ast::grades_decl out;
    out.where = span_of(n);
    for (const auto& line : n.children) {
      ast::grade_decl g{name(*line->children.at(0)), label(*line->children.at(1)), std::nullopt, span_of(*line)};
      const node& threshold = *line->children.at(2);
      if (threshold.is_type<grammar::grade_at_least>()) g.at_least = number(*threshold.children.at(0));
      out.grades.push_back(std::move(g));
    }
    return out;
  }

  ast::condition condition(const node& n) {
    ast::condition out;
    out.where = span_of(n);
    if (n.is_type<g::disjunction>() || n.is_type<g::conjunction>()) {
      out.kind = n.is_type<g::disjunction>() ? ast::condition::op::any_of : ast::condition::op::all_of;
      for (const auto& child : n.children) out.operands.push_back(condition(*child));
      // A folded node keeps no end of its own (PEGTL's fold_one drops it): its operands give it.
      if (!out.operands.empty()) out.where = {out.operands.front().where.begin, out.operands.back().where.end};
    } else if (n.is_type<g::negation>()) {
      out.kind = ast::condition::op::negate;
      out.operands.push_back(condition(*n.children.at(0)));
    } else if (n.is_type<g::on_days>()) {
      out.kind = ast::condition::op::on_days;
      std::string_view word = text_of(*n.children.at(0));
      out.weekdays = lang::weekdays_of(word);
      out.day_word = lang::english_day_word(word);
    } else if (n.is_type<g::time_between>() || n.is_type<g::time_after>() || n.is_type<g::time_before>()) {
      out.kind = ast::condition::op::time_span;
      // A time that does not exist (25:00) is kept as written, -(1 + HHMM), for the checker to
      // name (R2060) and the formatter to give back.
      auto clock = [&](const node& t) {
        std::string_view text = text_of(t);
        if (auto second = lang::parse_clock(text, false)) return *second;
        std::size_t colon = text.find(':');
        int hour = 0;
        for (std::size_t i = 0; i < colon; ++i) hour = hour * 10 + (text[i] - '0');
        int minute = (text[colon + 1] - '0') * 10 + (text[colon + 2] - '0');
        return -(1 + hour * 100 + minute);
      };
      int first = clock(*n.children.at(0));
      if (n.is_type<g::time_between>()) {
        out.time_form = ast::condition::span_form::between;
        out.from_second = first;
        out.until_second = clock(*n.children.at(1));
      } else if (n.is_type<g::time_after>()) {
        out.time_form = ast::condition::span_form::after;
        out.from_second = first;
        out.until_second = 24 * 3600;
      } else {
        out.time_form = ast::condition::span_form::before;
        out.until_second = first;
      }
    } else {  // comparison
      out.attribute = name(*n.children.at(0));
      if (n.children.size() == 1) {
        out.kind = ast::condition::op::truthy;
        return out;
      }
      const node& cmp = *n.children.at(1);
      if (cmp.is_type<g::is_one_of>()) {
        out.kind = ast::condition::op::one_of;
        for (const auto& v : cmp.children) out.values.push_back(literal(*v));
      } else if (cmp.is_type<g::is_not>()) {
        out.kind = ast::condition::op::not_equals;
        out.values.push_back(literal(*cmp.children.at(0)));
      } else if (cmp.is_type<g::is_value>()) {
        out.kind = ast::condition::op::equals;
        out.values.push_back(literal(*cmp.children.at(0)));
      } else {
        out.kind = ast::condition::op::compare;
        out.comparison = bound(cmp);
      }
    }
    return out;
  }

  std::optional<ast::condition> where(const node& parent, std::size_t index) {
    if (index < parent.children.size() && parent.children[index]->is_type<g::where_clause>()) {
      return condition(*parent.children[index]->children.at(0));
    }
    return std::nullopt;
  }

  ast::amount amount(const node& n) {
    ast::amount out;
    out.where = span_of(n);
    out.points = number(*n.children.at(0));
    if (n.children.size() > 1) out.per_attribute = name(*n.children[1]->children.at(0));
    return out;
  }

  ast::each_amount each_amount(const node& amount, const std::vector<std::unique_ptr<node>>& siblings, std::size_t first) {
    if (amount.is_type<g::escalating_amount>()) {
      ast::escalation e;
      e.where = span_of(amount);
      for (const auto& step : amount.children.at(0)->children) {
        if (step->is_type<g::escalation_warning>()) e.steps.emplace_back(std::nullopt);
        else e.steps.emplace_back(number(*step));
      }
      const node& look_back = *amount.children.at(1);
      e.window = number(*look_back.children.at(0));
      e.window_unit = window(*look_back.children.at(1));
      return e;
    }
    if (amount.is_type<g::daily_amount>()) {
      return ast::daily_amount{number(*amount.children.at(0)), name(*amount.children.at(1)), span_of(amount)};
    }
    if (amount.is_type<g::recorded_amount>()) {
      return ast::recorded_amount{name(*amount.children.at(0)), number(*amount.children.at(1)),
                                  number(*amount.children.at(2)), span_of(amount)};
    }
    ast::fixed_amounts fixed;
    for (std::size_t i = first; i < siblings.size(); ++i) {
      const node& choice = *siblings[i];
      if (choice.is_type<g::guarded_amount>()) {
        fixed.choices.push_back({this->amount(*choice.children.at(0)), condition(*choice.children.at(1)), span_of(choice)});
      } else if (choice.is_type<g::otherwise_amount>()) {
        fixed.choices.push_back({this->amount(*choice.children.at(0)), std::nullopt, span_of(choice)});
      } else {
        fixed.choices.push_back({this->amount(choice), std::nullopt, span_of(choice)});
      }
    }
    return fixed;
  }

  ast::each_clause each(const node& n) {
    ast::each_clause out;
    out.where = span_of(n);
    out.kind = name(*n.children.at(0));
    out.filter = where(n, 1);
    std::size_t first = out.filter ? 2 : 1;
    out.amount = each_amount(*n.children.at(first), n.children, first);
    return out;
  }

  ast::total_clause total(const node& n) {
    ast::total_clause out;
    out.where = span_of(n);
    out.attribute = name(*n.children.at(0));
    out.kind = name(*n.children.at(1));
    out.filter = where(n, 2);
    std::size_t i = out.filter ? 3 : 2;
    out.points = number(*n.children.at(i));
    out.step = number(*n.children.at(i + 1));
    return out;
  }

  // The rule's one amount clause, or nothing for a clause of another sort.
  std::optional<ast::rule_amount> amount_clause(const node& clause) {
    if (clause.is_type<g::each_clause>()) return each(clause);
    if (clause.is_type<g::total_clause>()) return total(clause);
    if (clause.is_type<g::absence_clause>()) {
      ast::absence_clause a;
      a.where = span_of(clause);
      a.kind = name(*clause.children.at(0));
      a.filter = where(clause, 1);
      a.points = number(*clause.children.back());
      return a;
    }
    if (clause.is_type<g::distinct_clause>()) {
      ast::distinct_clause d;
      d.where = span_of(clause);
      d.attribute = name(*clause.children.at(0));
      d.kind = name(*clause.children.at(1));
      d.filter = where(clause, 2);
      d.points = number(*clause.children.back());
      return d;
    }
    if (clause.is_type<g::average_clause>()) {
      ast::average_clause a;
      a.where = span_of(clause);
      a.attribute = name(*clause.children.at(0));
      a.kind = name(*clause.children.at(1));
      a.filter = where(clause, 2);
      const node& factor = *clause.children.back();
      a.percent = factor.is_type<g::percent>();
      a.written = a.percent ? percent(factor) : number(*factor.children.at(0));
      a.factor = a.written;
      // 30% is 0.3; a weight finer than 0.0001% is reported by the checker.
      if (a.percent) a.factor.value = decimal::from_units(a.written.value.units() / 100);
      return a;
    }
    return std::nullopt;
  }

  ast::rule_decl rule(const node& n) {
    ast::rule_decl out;
    out.where = span_of(n);
    out.id = name(*n.children.at(0));
    out.title = label(*n.children.at(1));
    out.area = name(*n.children.at(2));
    bool has_amount = false;
    for (std::size_t i = 3; i < n.children.size(); ++i) {
      const node& clause = *n.children[i];
      if (auto amount = amount_clause(clause)) {
        if (has_amount) {
          // The tree holds one amount per rule: a second cannot be kept, so the tree is withheld.
          error(diag_kind::rule_body_invalid, ast::amount_span(*amount),
                i18n::tr("rule `{}` has a second amount clause", out.id.text),
                i18n::text("a rule counts one kind of event; write a separate rule for this one"));
          complete_ = false;
        } else {
          out.amount = std::move(*amount);
          has_amount = true;
        }
      } else if (clause.is_type<g::count_limit_clause>()) {
        ast::count_limit l;
        l.where = span_of(clause);
        const node& times = *clause.children.at(0);
        l.once = times.is_type<g::times_once>();
        if (l.once) {
          l.times.value = decimal::from_units(decimal::scale);
          l.times.text = "1";
          l.times.where = span_of(times);
        } else {
          l.times = number(*times.children.at(0));
        }
        l.period = period(*clause.children.at(1));
        out.limits.push_back(std::move(l));
      }
      else if (clause.is_type<g::cap_clause>())
        out.caps.push_back({number(*clause.children.at(0)), period(*clause.children.at(1)), span_of(clause)});
      else if (clause.is_type<g::exempt_clause>())
        out.exemptions.push_back({label(*clause.children.at(0)), condition(*clause.children.at(1)), span_of(clause)});
    }
    if (!has_amount) {
      error(diag_kind::rule_body_invalid, out.id.where, i18n::tr("rule `{}` says no amount", out.id.text),
            i18n::text("add an amount clause: `each KIND: AMOUNT`, `total ATTRIBUTE of KIND: AMOUNT per full STEP`, "
                       "`no KIND: AMOUNT`, `distinct ATTRIBUTE of KIND: AMOUNT` or `average ATTRIBUTE of KIND: WEIGHT`"));
      complete_ = false;
    }
    return out;
  }

  ast::veto_decl veto(const node& n) {
    ast::veto_decl out;
    out.where = span_of(n);
    out.id = name(*n.children.at(0));
    out.reason = label(*n.children.at(1));
    out.kind = name(*n.children.at(2));
    out.filter = where(n, 3);
    for (std::size_t i = out.filter ? 4 : 3; i < n.children.size(); ++i) {
      const node& effect = *n.children[i];
      ast::veto_effect e;
      e.where = span_of(effect);
      const node& action = *effect.children.at(0);
      if (action.is_type<g::effect_not_eligible>()) {
        e.what = ast::veto_effect::action::not_eligible;
        e.distinction = name(*action.children.at(0));
      } else if (action.is_type<g::effect_score_set>()) {
        e.what = ast::veto_effect::action::score_set;
        e.score = number(*action.children.at(0));
      } else {
        e.what = ast::veto_effect::action::lowest_grade;
      }
      const node& duration = *effect.children.at(1);
      e.and_next = duration.is_type<g::duration_and_next>();
      e.duration = period(e.and_next ? *duration.children.at(0) : duration);
      out.effects.push_back(std::move(e));
    }
    return out;
  }

  std::vector<ast::order_term> order(const node& n) {
    std::vector<ast::order_term> out;
    for (const auto& term : n.children) {
      ast::order_term t;
      t.where = span_of(*term);
      for (const auto& part : term->children) {
        if (part->is_type<g::key_total>()) t.total = true;
        else if (part->is_type<g::order_key_name>()) t.key = name(*part);
        else if (part->is_type<g::direction_higher>()) t.dir = ast::direction::higher;
        else if (part->is_type<g::direction_lower>()) t.dir = ast::direction::lower;
        else if (part->is_type<g::direction_more>()) t.dir = ast::direction::more;
        else if (part->is_type<g::direction_fewer>()) t.dir = ast::direction::fewer;
      }
      out.push_back(std::move(t));
    }
    return out;
  }

  ast::distinction_decl distinction(const node& clause) {
    ast::distinction_decl d;
    d.where = span_of(clause);
    d.id = name(*clause.children.at(0));
    d.title = label(*clause.children.at(1));
    const node* ranks = clause.children.at(2).get();
    if (ranks->is_type<g::streak_target>()) {
      d.place = ast::distinction_decl::placement::streak;
      ast::streak s;
      s.where = span_of(*ranks);
      s.length = number(*ranks->children.at(0));
      s.unit = window(*ranks->children.at(1));
      s.distinction = name(*ranks->children.at(2));
      d.run = std::move(s);
      return d;
    }
    if (ranks->is_type<g::role_target>()) {
      d.role = name(*ranks->children.at(0));
      ranks = ranks->children.at(1).get();
    }
    if (ranks->is_type<g::ranks_range>()) {
      d.first_rank = number(*ranks->children.at(0));
      d.last_rank = number(*ranks->children.at(1));
    } else if (ranks->is_type<g::ranks_single>()) {
      d.first_rank = number(*ranks->children.at(0));
      d.last_rank = d.first_rank;
      d.single_rank = true;
    } else {
      d.place = ranks->is_type<g::ranks_top>() ? ast::distinction_decl::placement::top
                                               : ast::distinction_decl::placement::bottom;
      d.last_rank = number(*ranks->children.at(0));
      d.first_rank.value = decimal::from_units(decimal::scale);
      d.first_rank.text = "1";
      d.first_rank.where = d.last_rank.where;
    }
    return d;
  }

  // `days`, `months`, ...: the period a window or streak counts in.
  ast::period_ref window(const node& n) {
    std::string_view unit = text_of(n);
    ast::period value = unit.rfind("day", 0) == 0    ? ast::period::day
                        : unit.rfind("week", 0) == 0 ? ast::period::week
                        : unit.rfind("year", 0) == 0 ? ast::period::year
                                                     : ast::period::month;
    return {value, span_of(n)};
  }

  ast::ranking_decl ranking(const node& n) {
    ast::ranking_decl out;
    out.where = span_of(n);
    out.period = period(*n.children.at(0));
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      const node& clause = *n.children[i];
      if (clause.is_type<g::order_clause>()) out.orders.push_back(order(clause));
      else if (clause.is_type<g::tie_clause>()) out.tie_clauses.push_back(span_of(clause));
      else if (clause.is_type<g::distinction_decl>()) out.distinctions.push_back(distinction(clause));
      else if (clause.is_type<g::roster_filter>()) out.filters.push_back(condition(*clause.children.at(0)));
      else if (clause.is_type<g::within_clause>()) out.within.push_back(name(*clause.children.at(0)));
      else if (clause.is_type<g::grade_filter>()) out.min_grades.push_back(name(*clause.children.at(0)));
      else if (clause.is_type<g::group_clause>()) out.groups.push_back(name(*clause.children.at(0)));
    }
    return out;
  }

  ast::awards_decl awards(const node& n) {
    ast::awards_decl out;
    out.where = span_of(n);
    out.period = period(*n.children.at(0));
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      const node& clause = *n.children[i];
      if (clause.is_type<g::order_clause>()) out.orders.push_back(order(clause));
      else if (clause.is_type<g::tie_clause>()) out.tie_clauses.push_back(span_of(clause));
      else if (clause.is_type<g::subsidy_clause>())
        out.subsidies.push_back({percent(*clause.children.at(0)), number(*clause.children.at(1)), span_of(clause)});
      else if (clause.is_type<g::eligibility_clause>())
        out.eligibility.push_back({number(*clause.children.at(0)), name(*clause.children.at(1)), span_of(clause)});
      else if (clause.is_type<g::roster_filter>()) out.filters.push_back(condition(*clause.children.at(0)));
      else if (clause.is_type<g::distinction_decl>()) out.distinctions.push_back(distinction(clause));
    }
    return out;
  }

  ast::role_award_decl role_award(const node& n) {
    ast::role_award_decl out;
    out.where = span_of(n);
    out.title = label(*n.children.at(0));
    out.percent = percent(*n.children.at(1));
    for (std::size_t i = 2; i < n.children.size(); ++i) {
      const node& test = *n.children[i];
      ast::person_test t;
      t.where = span_of(test);
      t.forbids = test.is_type<g::unless_test>();
      std::size_t k = 0;
      if (!t.forbids) t.at_least = number(*test.children.at(k++));
      else t.at_least.value = decimal::from_units(decimal::scale);
      t.kind = name(*test.children.at(k++));
      t.filter = where(test, k);
      out.tests.push_back(std::move(t));
    }
    return out;
  }

  bool complete_ = true;
};

}  // namespace

namespace detail {

span tree_reader::span_of(const node& n) const {
  std::size_t begin = n.m_begin.byte;
  std::size_t end = n.m_end.byte;
  std::string_view text = file_.text();
  while (end > begin) {
    // A comment first: it may end in blanks of its own ("# note  ").
    auto it = std::lower_bound(comments_.begin(), comments_.end(), end,
                               [](const ast::comment& c, std::size_t e) { return c.where.end < e; });
    if (it != comments_.end() && it->where.end == end && it->where.begin >= begin) {
      end = it->where.begin;
      continue;
    }
    if (is_blank(text[end - 1])) {
      --end;
      continue;
    }
    // The ideographic space U+3000 is a blank of the Chinese surface.
    if (end - begin >= 3 && text.substr(end - 3, 3) == "\xE3\x80\x80") {
      end -= 3;
      continue;
    }
    break;
  }
  return span{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
}

std::string_view tree_reader::text_of(const node& n) const {
  span s = span_of(n);
  return file_.text().substr(s.begin, s.end - s.begin);
}

void tree_reader::error(diag_kind kind, span where, std::string message, std::string help) {
  diags_.push_back(diagnostic{kind, &file_, where, std::move(message), {}, std::move(help)});
}

ast::number tree_reader::number_from(std::string_view text, span where) {
  ast::number out;
  out.text = std::string(text);
  out.where = where;
  if (auto value = decimal::parse(text)) {
    out.value = *value;
  } else {
    error(diag_kind::bad_number, where,
          i18n::tr("`{}` cannot be held exactly: numbers have at most {} decimal places and at most 12 digits "
                   "before the point",
                   text, decimal::places));
  }
  return out;
}

}  // namespace detail

std::vector<ast::comment> scan_comments(std::string_view text) {
  std::vector<ast::comment> out;
  bool in_label = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_label) {
      if (c == '\\') ++i;
      else if (c == '"' || c == '\n') in_label = false;
    } else if (c == '"') {
      in_label = true;
    } else if (c == '#') {
      std::size_t end = text.find('\n', i);
      if (end == std::string_view::npos) end = text.size();
      std::size_t stop = end;
      while (stop > i && text[stop - 1] == '\r') --stop;  // CR LF, and stray CRs before it
      out.push_back({span{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(stop)}});
      i = end;
    }
  }
  return out;
}

std::optional<ast::rubric_file> build_ast(const node& root, const source_file& file, std::vector<ast::comment> comments,
                                          diagnostics& diags) {
  builder b(file, comments, diags);
  ast::rubric_file out = b.file(root);
  if (!b.complete()) return std::nullopt;
  out.comments = std::move(comments);
  return out;
}

}  // namespace rubric::lang
