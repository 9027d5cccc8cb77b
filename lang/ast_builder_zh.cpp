#include "lang/time_of_day.hpp"
#include "lang/ast_builder_zh.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "lang/ast_builder_common.hpp"
#include "lang/calendar.hpp"
#include "lang/grammar_zh.hpp"
#include "lang/i18n.hpp"
#include "lang/surface/identifier.hpp"

namespace rubric::lang {

namespace {

namespace g = grammar_zh;
using detail::node;

// Full-width digits, signs, point and percent as their ASCII: the tree holds ASCII numbers, so the
// English print of a Chinese file says `-2`, never `－２`.
std::string ascii_number(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    if (i + 2 < text.size() && byte(i) == 0xEF && byte(i + 1) == 0xBC && byte(i + 2) >= 0x85 && byte(i + 2) <= 0x99) {
      // U+FF05..U+FF19 are the full-width forms of ASCII 0x25..0x39 (% ... 9).
      out += static_cast<char>(byte(i + 2) - 0x85 + 0x25);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

class builder_zh : detail::tree_reader {
 public:
  using tree_reader::tree_reader;

  ast::rubric_file file(const node& root) {
    ast::rubric_file out;
    out.written_in = ast::surface::zh;
    for (const auto& child : root.children) {
      const node& n = *child;
      if (n.is_type<g::header>()) out.head = header(n);
      else if (n.is_type<g::scoring_decl>()) out.statements.emplace_back(scoring(n));
      else if (n.is_type<g::role_decl>()) {
        auto d = decl(*n.children.at(0), true);
        out.statements.emplace_back(ast::role_decl{d.id, *d.title, span_of(n)});
      } else if (n.is_type<g::event_decl>()) out.statements.emplace_back(event(n));
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

  bool complete() const { return complete_; }

 private:
  struct declared {
    ast::name id;
    std::optional<ast::label> title;
  };

  // The text of a label or reference: 「…」, “…”, "…" (escapes decoded) or one word.
  std::string label_text(std::string_view raw) {
    if (starts_with(raw, "「") || starts_with(raw, "“")) return std::string(raw.substr(3, raw.size() - 6));
    if (starts_with(raw, "\"")) {
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
      return decoded;
    }
    return surface::to_nfc(raw);
  }

  ast::label label(const node& n) { return {label_text(text_of(n)), span_of(n)}; }
  // A reference holds the label or name as written; lang/surface/resolve_labels.cpp turns a label
  // into the name it stands for.
  ast::name ref(const node& n) { return {label_text(text_of(n)), span_of(n)}; }
  ast::name name(const node& n) { return {surface::to_nfc(text_of(n)), span_of(n)}; }

  // `标签（名称）` or one word: the name, and the label where one is written or required.
  declared decl(const node& n, bool label_required) {
    declared out;
    if (n.children.size() == 2) {
      out.title = label(*n.children.at(0));
      out.id = name(*n.children.at(1));
    } else {
      out.id = name(*n.children.at(0));
      if (label_required) out.title = ast::label{out.id.text, out.id.where};
    }
    return out;
  }

  ast::number number(const node& n) { return number_from(ascii_number(text_of(n)), span_of(n)); }

  // `加 3 分` is +3, `扣 5 分` is -5, `计 N 分` is N as written.
  ast::number points(const node& n) {
    std::string magnitude = ascii_number(text_of(*n.children.at(0)));
    std::string text = n.is_type<g::points_add>()      ? "+" + magnitude
                       : n.is_type<g::points_deduct>() ? "-" + magnitude
                                                       : magnitude;
    return number_from(text, span_of(n));
  }

  ast::number percent(const node& n) {
    std::string text = ascii_number(text_of(n));
    return number_from(std::string_view(text).substr(0, text.size() - 1), span_of(n));
  }

  ast::number one(span where) {
    ast::number out;
    out.value = decimal::from_units(decimal::scale);
    out.text = "1";
    out.where = where;
    return out;
  }

  ast::date date(const node& n) {
    std::string text = ascii_number(text_of(n));
    ast::date out;
    out.where = span_of(n);
    auto read = [&](std::size_t& at) {
      int v = 0;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9') v = v * 10 + (text[at++] - '0');
      return v;
    };
    std::size_t at = 0;
    out.year = read(at);
    at += text[at] == '-' ? 1 : 3;  // `-`, or `年` (three bytes)
    out.month = read(at);
    at += text[at] == '-' ? 1 : 3;
    out.day = read(at);
    std::string iso = fmt::format("{:04}-{:02}-{:02}", out.year, out.month, out.day);
    if (auto problem = date_problem(iso, out.year, out.month, out.day); !problem.empty()) {
      error(diag_kind::bad_date, out.where, std::move(problem));
    }
    return out;
  }

  ast::period_ref period(const node& n) {
    std::string_view word = text_of(n);
    ast::period value = word == "日"     ? ast::period::day
                        : word == "周"   ? ast::period::week
                        : word == "季度" ? ast::period::quarter
                        : word == "半年" ? ast::period::semester
                        : word == "年"   ? ast::period::year
                                         : ast::period::month;
    return {value, span_of(n)};
  }

  // 天, 周, 个月, 年: the period a window or streak counts in.
  ast::period_ref window(const node& n) {
    std::string_view unit = text_of(n);
    ast::period value = unit == "天" ? ast::period::day
                        : unit == "周" ? ast::period::week
                        : unit == "年" ? ast::period::year
                                       : ast::period::month;
    return {value, span_of(n)};
  }

  ast::header header(const node& n) {
    return {label(*n.children.at(0)), label(*n.children.at(1)), date(*n.children.at(2)), span_of(n)};
  }

  ast::scoring_decl scoring(const node& n) {
    ast::scoring_decl out;
    out.where = span_of(n);
    auto d = decl(*n.children.at(0), false);
    out.entity = d.id;
    out.title = d.title;
    out.period = period(*n.children.at(1));
    out.base = number(*n.children.at(2));
    return out;
  }

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
      out.word = ref(n);
    }
    return out;
  }

  ast::attribute_decl attribute(const node& n) {
    ast::attribute_decl out;
    out.where = span_of(n);
    auto d = decl(*n.children.at(0), false);
    out.id = d.id;
    out.title = d.title;
    const node& type = *n.children.at(1);
    out.type.where = span_of(type);
    if (type.is_type<g::type_bool>()) out.type.kind = ast::type_kind::boolean;
    else if (type.is_type<g::type_integer>()) out.type.kind = ast::type_kind::integer;
    else if (type.is_type<g::type_decimal>()) out.type.kind = ast::type_kind::decimal;
    else if (type.is_type<g::type_choice>()) out.type.kind = ast::type_kind::choice;
    else if (type.is_type<g::type_date>()) out.type.kind = ast::type_kind::date;
    else out.type.kind = ast::type_kind::person;
    for (const auto& part : type.children) {
      if (part->is_type<g::choice_item>()) {
        auto c = decl(*part, false);
        out.type.choices.push_back({c.id, c.title, span_of(*part)});
      } else {
        out.type.bounds.push_back(bound(*part));
      }
    }
    for (std::size_t i = 2; i < n.children.size(); ++i) {
      const node& option = *n.children[i];
      if (option.is_type<g::default_option>()) out.default_value = literal(*option.children.at(0));
      else if (option.is_type<g::optional_option>()) out.optional = true;
    }
    return out;
  }

  ast::event_decl event(const node& n) {
    ast::event_decl out;
    out.where = span_of(n);
    auto d = decl(*n.children.at(0), false);
    out.id = d.id;
    out.title = d.title;
    for (std::size_t i = 1; i < n.children.size(); ++i) out.attributes.push_back(attribute(*n.children[i]));
    return out;
  }

  ast::area_decl area(const node& n) {
    auto d = decl(*n.children.at(0), true);
    ast::area_decl out{d.id, *d.title, std::nullopt, span_of(n)};
    if (n.children.size() > 1) out.budget = number(*n.children[1]->children.at(0));
    return out;
  }

  ast::grades_decl grades(const node& n) {
    ast::grades_decl out;
    out.where = span_of(n);
    for (const auto& line : n.children) {
      auto d = decl(*line->children.at(0), true);
      ast::grade_decl grade{d.id, *d.title, std::nullopt, span_of(*line)};
      const node& threshold = *line->children.at(1);
      if (threshold.is_type<g::grade_at_least>()) grade.at_least = number(*threshold.children.at(0));
      out.grades.push_back(std::move(grade));
    }
    return out;
  }

  ast::condition condition(const node& n) {
    ast::condition out;
    out.where = span_of(n);
    if (n.is_type<g::disjunction>() || n.is_type<g::conjunction>()) {
      out.kind = n.is_type<g::disjunction>() ? ast::condition::op::any_of : ast::condition::op::all_of;
      for (const auto& child : n.children) out.operands.push_back(condition(*child));
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
      out.attribute = ref(*n.children.at(0));
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

  // The filter `（限 C）` among a clause's children, from `index` on.
  std::optional<ast::condition> where(const node& parent, std::size_t index) {
    if (index < parent.children.size() && parent.children[index]->is_type<g::where_clause>()) {
      return condition(*parent.children[index]->children.at(0));
    }
    return std::nullopt;
  }

  ast::amount amount(const node& n) {
    ast::amount out;
    out.where = span_of(n);
    std::size_t k = 0;
    if (n.children.at(0)->is_type<g::per_attribute>()) out.per_attribute = ref(*n.children.at(k++)->children.at(0));
    out.points = points(*n.children.at(k));
    return out;
  }

  ast::each_amount each_amount(const node& a) {
    if (a.is_type<g::escalating_amount>()) {
      ast::escalation e;
      e.where = span_of(a);
      for (const auto& step : a.children.at(0)->children) {
        if (step->is_type<g::escalation_warning>()) e.steps.emplace_back(std::nullopt);
        else e.steps.emplace_back(points(*step));
      }
      const node& look_back = *a.children.at(1);
      e.window = number(*look_back.children.at(0));
      e.window_unit = window(*look_back.children.at(1));
      return e;
    }
    if (a.is_type<g::daily_amount>()) {
      return ast::daily_amount{points(*a.children.at(0)), ref(*a.children.at(1)), span_of(a)};
    }
    if (a.is_type<g::recorded_amount>()) {
      return ast::recorded_amount{ref(*a.children.at(0)), number(*a.children.at(1)), number(*a.children.at(2)),
                                  span_of(a)};
    }
    ast::fixed_amounts fixed;
    if (a.is_type<g::alternatives>()) {
      for (const auto& choice : a.children) {
        if (choice->is_type<g::guarded_amount>()) {
          fixed.choices.push_back({amount(*choice->children.at(1)), condition(*choice->children.at(0)), span_of(*choice)});
        } else {
          fixed.choices.push_back({amount(*choice->children.at(0)), std::nullopt, span_of(*choice)});
        }
      }
    } else {
      fixed.choices.push_back({amount(a), std::nullopt, span_of(a)});
    }
    return fixed;
  }

  std::optional<ast::rule_amount> amount_clause(const node& clause) {
    if (clause.is_type<g::each_clause>()) {
      ast::each_clause out;
      out.where = span_of(clause);
      out.kind = ref(*clause.children.at(0));
      out.filter = where(clause, 1);
      out.amount = each_amount(*clause.children.back());
      return out;
    }
    if (clause.is_type<g::total_clause>()) {
      ast::total_clause out;
      out.where = span_of(clause);
      out.kind = ref(*clause.children.at(0));
      out.attribute = ref(*clause.children.at(1));
      out.filter = where(clause, 2);
      std::size_t i = out.filter ? 3 : 2;
      out.step = number(*clause.children.at(i));
      out.points = points(*clause.children.at(i + 1));
      return out;
    }
    if (clause.is_type<g::absence_clause>()) {
      ast::absence_clause a;
      a.where = span_of(clause);
      a.kind = ref(*clause.children.at(0));
      a.filter = where(clause, 1);
      a.points = points(*clause.children.back());
      return a;
    }
    if (clause.is_type<g::distinct_clause>()) {
      ast::distinct_clause d;
      d.where = span_of(clause);
      d.kind = ref(*clause.children.at(0));
      d.attribute = ref(*clause.children.at(1));
      d.filter = where(clause, 2);
      d.points = points(*clause.children.back());
      return d;
    }
    if (clause.is_type<g::average_clause>()) {
      ast::average_clause a;
      a.where = span_of(clause);
      a.kind = ref(*clause.children.at(0));
      a.attribute = ref(*clause.children.at(1));
      a.filter = where(clause, 2);
      const node& factor = *clause.children.back();
      a.percent = factor.is_type<g::weight_factor>();
      a.written = a.percent ? percent(*factor.children.at(0)) : number(*factor.children.at(0));
      a.factor = a.written;
      // 30% is 0.3, as in English (lang/ast_builder.cpp).
      if (a.percent) a.factor.value = decimal::from_units(a.written.value.units() / 100);
      return a;
    }
    return std::nullopt;
  }

  ast::rule_decl rule(const node& n) {
    ast::rule_decl out;
    out.where = span_of(n);
    auto d = decl(*n.children.at(0), true);
    out.id = d.id;
    out.title = *d.title;
    out.area = ref(*n.children.at(1));
    bool has_amount = false;
    for (std::size_t i = 2; i < n.children.size(); ++i) {
      const node& clause = *n.children[i];
      if (auto amount = amount_clause(clause)) {
        if (has_amount) {
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
        l.period = period(*clause.children.at(0));
        const node& times = *clause.children.at(1);
        l.once = times.is_type<g::times_once>();
        l.times = l.once ? one(span_of(times)) : number(*times.children.at(0));
        out.limits.push_back(std::move(l));
      } else if (clause.is_type<g::cap_clause>()) {
        out.caps.push_back({points(*clause.children.at(1)), period(*clause.children.at(0)), span_of(clause)});
      } else if (clause.is_type<g::exempt_clause>()) {
        out.exemptions.push_back({label(*clause.children.at(0)), condition(*clause.children.at(1)), span_of(clause)});
      }
    }
    if (!has_amount) {
      error(diag_kind::rule_body_invalid, out.id.where, i18n::tr("rule `{}` says no amount", out.id.text),
            i18n::text("add an amount clause: `每次 KIND：AMOUNT`, `KIND 的 ATTRIBUTE 合计：每满 STEP AMOUNT`, "
                       "`无 KIND：AMOUNT`, `KIND 的 不同 ATTRIBUTE：每项 AMOUNT` or `KIND 的 ATTRIBUTE 平均：按 WEIGHT 计`"));
      complete_ = false;
    }
    return out;
  }

  ast::veto_decl veto(const node& n) {
    ast::veto_decl out;
    out.where = span_of(n);
    auto d = decl(*n.children.at(0), true);
    out.id = d.id;
    out.reason = *d.title;
    out.kind = ref(*n.children.at(1));
    out.filter = where(n, 2);
    for (std::size_t i = out.filter ? 3 : 2; i < n.children.size(); ++i) {
      const node& effect = *n.children[i];
      ast::veto_effect e;
      e.where = span_of(effect);
      const node& duration = *effect.children.at(0);
      e.duration = period(*duration.children.at(0));
      e.and_next = duration.children.size() > 1;
      if (e.and_next) {
        ast::period_ref next = period(*duration.children.at(1)->children.at(0));
        if (next.value != e.duration.value) {
          error(diag_kind::syntax_error, next.where,
                i18n::tr("`当{}及次{}`: the effect lasts into the next period of the same length",
                         text_of(*duration.children.at(0)), text_of(*duration.children.at(1)->children.at(0))),
                i18n::text("write `当年及次年`, `当月及次月`, ..."));
        }
      }
      const node& action = *effect.children.at(1);
      if (action.is_type<g::effect_not_eligible>()) {
        e.what = ast::veto_effect::action::not_eligible;
        e.distinction = ref(*action.children.at(0));
      } else if (action.is_type<g::effect_score_set>()) {
        e.what = ast::veto_effect::action::score_set;
        e.score = number(*action.children.at(0));
      } else {
        e.what = ast::veto_effect::action::lowest_grade;
      }
      out.effects.push_back(std::move(e));
    }
    return out;
  }

  ast::order_term order_term(const node& key, const node& dir, span where) {
    ast::order_term t;
    t.where = where;
    if (key.is_type<g::key_score>()) t.key = {"score", span_of(key)};
    else if (key.is_type<g::key_deductions>()) t.key = {"deductions", span_of(key)};
    else if (key.is_type<g::key_total_score>()) {
      t.total = true;
      t.key = {"score", span_of(key)};
    } else {
      t.key = ref(key);
    }
    t.dir = dir.is_type<g::direction_higher>() ? ast::direction::higher
            : dir.is_type<g::direction_lower>() ? ast::direction::lower
            : dir.is_type<g::direction_more>()  ? ast::direction::more
                                                : ast::direction::fewer;
    return t;
  }

  std::vector<ast::order_term> order(const node& n) {
    std::vector<ast::order_term> out;
    for (const auto& term : n.children) {
      out.push_back(order_term(*term->children.at(0), *term->children.at(1), span_of(*term)));
    }
    return out;
  }

  ast::distinction_decl distinction(const node& clause) {
    ast::distinction_decl d;
    d.where = span_of(clause);
    auto named = decl(*clause.children.back(), true);
    d.id = named.id;
    d.title = *named.title;
    const node& first = *clause.children.at(0);
    if (first.is_type<g::streak_target>()) {
      d.place = ast::distinction_decl::placement::streak;
      ast::streak s;
      s.where = span_of(first);
      s.length = number(*first.children.at(0));
      s.unit = window(*first.children.at(1));
      s.distinction = ref(*first.children.at(2));
      d.run = std::move(s);
      return d;
    }
    if (clause.children.size() > 2 && clause.children.at(1)->is_type<g::role_target>()) {
      d.role = ref(*clause.children.at(1)->children.at(0));
    }
    if (first.is_type<g::ranks_range>()) {
      d.first_rank = number(*first.children.at(0));
      d.last_rank = number(*first.children.at(1));
    } else if (first.is_type<g::ranks_single>()) {
      d.first_rank = number(*first.children.at(0));
      d.last_rank = d.first_rank;
      d.single_rank = true;
    } else {
      d.place = first.is_type<g::ranks_top>() ? ast::distinction_decl::placement::top
                                              : ast::distinction_decl::placement::bottom;
      d.last_rank = number(*first.children.at(0));
      d.first_rank = one(d.last_rank.where);
    }
    return d;
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
      else if (clause.is_type<g::within_clause>()) out.within.push_back(ref(*clause.children.at(0)));
      else if (clause.is_type<g::grade_filter>()) out.min_grades.push_back(ref(*clause.children.at(0)));
      else if (clause.is_type<g::group_clause>()) out.groups.push_back(ref(*clause.children.at(0)));
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
        out.subsidies.push_back({percent(*clause.children.at(1)), number(*clause.children.at(0)), span_of(clause)});
      else if (clause.is_type<g::eligibility_clause>())
        out.eligibility.push_back({number(*clause.children.at(0)), ref(*clause.children.at(1)), span_of(clause)});
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
      t.kind = ref(*test.children.at(k++));
      t.filter = where(test, k);
      out.tests.push_back(std::move(t));
    }
    return out;
  }

  bool complete_ = true;
};

}  // namespace

std::vector<ast::comment> scan_comments_zh(std::string_view text) {
  std::vector<ast::comment> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string_view rest = text.substr(i);
    // A label runs to its closing quote or the end of the line: a `#` inside is text.
    std::string_view close = starts_with(rest, "「") ? "」" : starts_with(rest, "“") ? "”" : rest[0] == '"' ? "\"" : "";
    if (!close.empty()) {
      std::size_t open_length = rest[0] == '"' ? 1 : 3;
      std::size_t at = i + open_length;
      while (at < text.size() && text[at] != '\n' && text.substr(at, close.size()) != close) {
        at += close == "\"" && text[at] == '\\' ? 2 : 1;
      }
      i = at;  // the closing quote or the line end; the loop steps past it
      continue;
    }
    bool ascii_hash = rest[0] == '#';
    if (ascii_hash || starts_with(rest, "＃")) {
      std::size_t end = text.find('\n', i);
      if (end == std::string_view::npos) end = text.size();
      std::size_t stop = end;
      while (stop > i && text[stop - 1] == '\r') --stop;
      out.push_back({span{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(stop)}});
      i = end;
    }
  }
  return out;
}

std::optional<ast::rubric_file> build_ast_zh(const node& root, const source_file& file,
                                             std::vector<ast::comment> comments, diagnostics& diags) {
  builder_zh b(file, comments, diags);
  ast::rubric_file out = b.file(root);
  if (!b.complete()) return std::nullopt;
  out.comments = std::move(comments);
  return out;
}

}  // namespace rubric::lang
