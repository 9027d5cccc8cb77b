#include "lang/time_of_day.hpp"
#include "lang/format.hpp"

#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "lang/format_surface.hpp"
#include "lang/overloaded.hpp"

namespace rubric::lang {

namespace {

struct out_line {
  span source;      // the source text this line prints
  int indent = 0;   // in steps of two spaces
  std::string text;
  bool starts_statement = false;
};

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string period_word(ast::period p) { return std::string(ast::to_string(p)); }

std::string literal_text(const ast::literal& l) {
  switch (l.type) {
    case ast::literal::kind::boolean: return l.flag ? "true" : "false";
    case ast::literal::kind::number: return l.num.text;
    case ast::literal::kind::word: return l.word.text;
  }
  return "";
}

std::string bound_text(const ast::bound& b) {
  const char* word = b.kind == ast::bound_kind::at_least  ? "at least"
                     : b.kind == ast::bound_kind::at_most ? "at most"
                     : b.kind == ast::bound_kind::above   ? "above"
                                                          : "below";
  return fmt::format("{} {}", word, b.limit.text);
}

// Precedence: or (0) < and (1) < not and atoms (2).
std::string nested_condition_text(const ast::condition& c, int context) {
  using op = ast::condition::op;
  auto join = [&](const char* word, int level) {
    std::string out;
    for (std::size_t i = 0; i < c.operands.size(); ++i) {
      if (i) out += fmt::format(" {} ", word);
      out += nested_condition_text(c.operands[i], level + 1 > 2 ? 2 : level + (c.operands[i].kind == c.kind ? 0 : 1));
    }
    return level < context ? fmt::format("({})", out) : out;
  };
  switch (c.kind) {
    case op::any_of: return join("or", 0);
    case op::all_of: return join("and", 1);
    case op::negate: return fmt::format("not {}", nested_condition_text(c.operands.front(), 2));
    case op::truthy: return c.attribute.text;
    case op::equals: return fmt::format("{} is {}", c.attribute.text, literal_text(c.values.front()));
    case op::not_equals: return fmt::format("{} is not {}", c.attribute.text, literal_text(c.values.front()));
    case op::one_of: {
      std::vector<std::string> values;
      for (const auto& v : c.values) values.push_back(literal_text(v));
      return fmt::format("{} is one of {}", c.attribute.text, fmt::join(values, ", "));
    }
    case op::compare: return fmt::format("{} {}", c.attribute.text, bound_text(*c.comparison));
    case op::on_days: return fmt::format("on {}", c.day_word);
    case op::time_span:
      switch (c.time_form) {
        case ast::condition::span_form::between:
          return fmt::format("between {} and {}", lang::clock_text(c.from_second), lang::clock_text(c.until_second));
        case ast::condition::span_form::after: return fmt::format("after {}", lang::clock_text(c.from_second));
        case ast::condition::span_form::before: return fmt::format("before {}", lang::clock_text(c.until_second));
      }
      return "";
  }
  return "";
}

}  // namespace

std::string condition_text(const ast::condition& c) { return nested_condition_text(c, 0); }

namespace {

std::string where_text(const std::optional<ast::condition>& filter) {
  return filter ? fmt::format(" where {}", condition_text(*filter)) : std::string();
}

std::string amount_text(const ast::amount& a) {
  return a.per_attribute ? fmt::format("{} per {}", a.points.text, a.per_attribute->text) : a.points.text;
}

std::string each_amount_text(const ast::each_amount& amount) {
  return std::visit(
      overloaded{
          [](const ast::fixed_amounts& fixed) {
            std::string amounts;
            for (const auto& c : fixed.choices) {
              if (!amounts.empty()) amounts += ", ";
              if (c.when) amounts += fmt::format("{} if {}", amount_text(c.value), condition_text(*c.when));
              else amounts += (fixed.choices.size() > 1 ? "otherwise " : "") + amount_text(c.value);
            }
            return amounts;
          },
          [](const ast::recorded_amount& r) {
            return fmt::format("recorded {} from {} to {}", r.attribute.text, r.low.text, r.high.text);
          },
          [](const ast::escalation& e) {
            std::vector<std::string> steps;
            for (const auto& s : e.steps) steps.push_back(s ? s->text : "warning");
            return fmt::format("escalating {} within {} {}{}", fmt::join(steps, ", "), e.window.text,
                               period_word(e.window_unit.value),
                               e.window.value == decimal::from_units(decimal::scale) ? "" : "s");
          },
          [](const ast::daily_amount& daily) { return fmt::format("{} per day until {}", daily.points.text, daily.until.text); },
      },
      amount);
}

}  // namespace

std::string worth_text(const ast::rule_amount& amount) {
  return std::visit(
      overloaded{
          [](const ast::each_clause& e) { return each_amount_text(e.amount); },
          [](const ast::total_clause& t) { return fmt::format("{} per full {} of {}", t.points.text, t.step.text, t.attribute.text); },
          [](const ast::absence_clause& a) { return a.points.text; },
          [](const ast::distinct_clause& x) { return fmt::format("{} per different {}", x.points.text, x.attribute.text); },
          [](const ast::average_clause& a) {
            return a.percent ? fmt::format("{}% of the average {}", a.written.text, a.attribute.text)
                             : fmt::format("{} times the average {}", a.written.text, a.attribute.text);
          },
      },
      amount);
}

namespace {

// A rule's amount clause on one line, in canonical layout.
std::string amount_clause_text(const ast::rule_amount& amount) {
  return std::visit(
      overloaded{
          [](const ast::each_clause& e) {
            return fmt::format("each {}{}: {}", e.kind.text, where_text(e.filter), each_amount_text(e.amount));
          },
          [](const ast::total_clause& t) {
            return fmt::format("total {} of {}{}: {} per full {}", t.attribute.text, t.kind.text, where_text(t.filter),
                               t.points.text, t.step.text);
          },
          [](const ast::absence_clause& a) { return fmt::format("no {}{}: {}", a.kind.text, where_text(a.filter), a.points.text); },
          [](const ast::distinct_clause& x) {
            return fmt::format("distinct {} of {}{}: {}", x.attribute.text, x.kind.text, where_text(x.filter), x.points.text);
          },
          [](const ast::average_clause& a) {
            return fmt::format("average {} of {}{}: {}", a.attribute.text, a.kind.text, where_text(a.filter),
                               a.percent ? a.written.text + "%" : "times " + a.written.text);
          },
      },
      amount);
}

std::string direction_text(ast::direction d) {
  switch (d) {
    case ast::direction::higher: return "higher";
    case ast::direction::lower: return "lower";
    case ast::direction::more: return "more";
    case ast::direction::fewer: return "fewer";
  }
  return "higher";
}

// The English surface (docs/language.md).
class english_writer final : public format_detail::clause_writer {
 public:
  std::string header(const ast::header& h) const override {
    return fmt::format("rubric {} version {} effective {:04}-{:02}-{:02}", quoted(h.title.text), quoted(h.version.text),
                       h.effective.year, h.effective.month, h.effective.day);
  }
  std::string scoring(const ast::scoring_decl& d) const override {
    return fmt::format("scores each {}{} per {}, starting at {}", d.entity.text, d.title ? " " + quoted(d.title->text) : "",
                       period_word(d.period.value), d.base.text);
  }
  std::string role(const ast::role_decl& d) const override { return fmt::format("role {} {}", d.id.text, quoted(d.title.text)); }
  std::string area(const ast::area_decl& d) const override {
    return fmt::format("area {} {}{}", d.id.text, quoted(d.title.text), d.budget ? " worth " + d.budget->text : "");
  }
  std::string roster_keyword() const override { return "roster"; }
  std::string grades_keyword() const override { return "grades"; }
  std::string grade(const ast::grade_decl& g) const override {
    return fmt::format("{} {} {}", g.id.text, quoted(g.title.text), g.at_least ? "at least " + g.at_least->text : "otherwise");
  }
  std::string event_head(const ast::event_decl& d) const override {
    return d.title ? fmt::format("event {} {}", d.id.text, quoted(d.title->text)) : fmt::format("event {}", d.id.text);
  }
  std::string attribute(const ast::attribute_decl& a) const override {
    std::string type;
    switch (a.type.kind) {
      case ast::type_kind::boolean: type = "true or false"; break;
      case ast::type_kind::integer: type = "integer"; break;
      case ast::type_kind::decimal: type = "decimal"; break;
      case ast::type_kind::person: type = "person"; break;
      case ast::type_kind::date: type = "date"; break;
      case ast::type_kind::choice: {
        std::vector<std::string> choices;
        for (const auto& c : a.type.choices) choices.push_back(c.title ? c.id.text + " " + quoted(c.title->text) : c.id.text);
        type = fmt::format("one of {}", fmt::join(choices, ", "));
        break;
      }
    }
    for (const auto& b : a.type.bounds) type += fmt::format(" {}", bound_text(b));
    if (a.default_value) type += fmt::format(", default {}", literal_text(*a.default_value));
    if (a.optional) type += ", optional";
    return fmt::format("{}{}: {}", a.id.text, a.title ? " " + quoted(a.title->text) : "", type);
  }

  std::string rule_head(const ast::rule_decl& d) const override {
    return fmt::format("rule {} {} in {}", d.id.text, quoted(d.title.text), d.area.text);
  }
  std::string amount_clause(const ast::rule_amount& amount) const override { return amount_clause_text(amount); }
  std::string cap(const ast::cap_clause& c) const override {
    return fmt::format("capped at {} per {}", c.limit.text, period_word(c.period.value));
  }
  std::string count_limit(const ast::count_limit& l) const override {
    return fmt::format("counted at most {} per {}", l.once ? std::string("once") : l.times.text + " times",
                       period_word(l.period.value));
  }
  std::string exemption(const ast::rule_decl&, const ast::exemption& x) const override {
    return fmt::format("exempt {} when {}", quoted(x.reason.text), condition_text(x.when));
  }

  std::string consequence(const ast::consequence& c) const override {
    std::string out = "consequence " + quoted(c.action.text);
    if (c.within_days) out += " within " + c.within_days->text + (c.within_days->text == "1" ? " day" : " days");
    return out;
  }
  std::string veto_head(const ast::veto_decl& d) const override {
    return fmt::format("veto {} {}", d.id.text, quoted(d.reason.text));
  }
  std::string veto_when(const ast::veto_decl& d) const override {
    return fmt::format("when any {}{}", d.kind.text, where_text(d.filter));
  }
  std::string veto_effect(const ast::veto_effect& e) const override {
    std::string action = e.what == ast::veto_effect::action::not_eligible ? "not eligible for " + e.distinction.text
                         : e.what == ast::veto_effect::action::score_set  ? "score set to " + e.score.text
                                                                          : std::string("lowest grade");
    return fmt::format("effect {} this {}{}", action, e.and_next ? "and next " : "", period_word(e.duration.value));
  }

  std::string ranking_head(const ast::ranking_decl& d) const override {
    return fmt::format("ranking per {}", period_word(d.period.value));
  }
  std::string awards_head(const ast::awards_decl& d) const override {
    return fmt::format("awards per {}", period_word(d.period.value));
  }
  std::string roster_filter(const ast::condition& c) const override { return "only where " + condition_text(c); }
  std::string min_grade(const ast::name& grade) const override { return "only graded at least " + grade.text; }
  std::string within(const ast::name& column) const override { return "within each " + column.text; }
  std::string group(const ast::name& column) const override {
    return fmt::format("rank each {} by its average score", column.text);
  }
  std::string order_term(const ast::order_term& t, bool first) const override {
    return fmt::format("{} by {}{}, {} first", first ? "order" : "then", t.total ? "total " : "", t.key.text,
                       direction_text(t.dir));
  }
  std::string ties() const override { return "ties share a rank"; }
  std::string distinction(const ast::distinction_decl& x) const override {
    using placement = ast::distinction_decl::placement;
    if (x.place == placement::streak) {
      const auto& r = *x.run;
      return fmt::format("award {} {} for {} {}{} in a row with {}", x.id.text, quoted(x.title.text), r.length.text,
                         period_word(r.unit.value), r.length.value == decimal::from_units(decimal::scale) ? "" : "s",
                         r.distinction.text);
    }
    std::string ranks = x.place == placement::top_share      ? "top " + x.share.text + "%"
                        : x.place == placement::next_share   ? "next " + x.share.text + "%"
                        : x.place == placement::bottom_share ? "bottom " + x.share.text + "%"
                        : x.place == placement::top          ? "top " + x.last_rank.text
                        : x.place == placement::bottom       ? "bottom " + x.last_rank.text
                        : x.single_rank                ? "rank " + x.first_rank.text
                                                       : fmt::format("ranks {} to {}", x.first_rank.text, x.last_rank.text);
    return fmt::format("award {} {} to {}{}", x.id.text, quoted(x.title.text), x.role ? x.role->text + " of " : "", ranks);
  }
  std::string eligibility(const ast::eligibility_clause& e) const override {
    return fmt::format("only with at least {} {}", e.at_least.text, e.distinction.text);
  }
  std::string subsidy(const ast::subsidy_clause& s) const override {
    return fmt::format("subsidy {}% to rank {}", s.percent.text, s.rank.text);
  }

  std::string role_subsidy_head(const ast::role_award_decl& d) const override {
    return fmt::format("role_subsidy {} {}%", quoted(d.title.text), d.percent.text);
  }
  std::string person_test(const ast::person_test& t) const override {
    return t.forbids ? fmt::format("unless any {}{}", t.kind.text, where_text(t.filter))
                     : fmt::format("when at least {} {}{}", t.at_least.text, t.kind.text, where_text(t.filter));
  }
  std::string balance_head(const ast::balance_decl& d) const override {
    return fmt::format("balance {} {}", d.id.text, quoted(d.title.text));
  }
  std::string balance_redemption(const ast::balance_decl& d) const override {
    return fmt::format("redeemed by {} spending {}", d.redemption_kind->text, d.redemption_attribute->text);
  }
  std::string balance_spend_floor(const ast::number& floor) const override {
    return fmt::format("spend only above {}", floor.text);
  }
  std::string balance_reset(const ast::period_ref& every) const override {
    return fmt::format("reset every {}", period_word(every.value));
  }
};

// Which lines a tree prints as, with their spans and indentation; the words come from the writer.
class printer {
 public:
  explicit printer(const format_detail::clause_writer& words) : words_(words) {}

  std::vector<out_line> lines;
  std::vector<std::string> topics;  // beside `lines`: what each says (printed_line::topic)

  void line(span source, int indent, std::string text, bool statement = false) {
    lines.push_back({source, indent, std::move(text), statement});
    topics.push_back(statement ? "header" : topic_);
  }

  void orders(const std::vector<std::vector<ast::order_term>>& orders) {
    about("order");
    for (const auto& order : orders) {
      for (std::size_t i = 0; i < order.size(); ++i) line(order[i].where, i ? 2 : 1, words_.order_term(order[i], i == 0));
    }
  }

  void header(const ast::header& h) { line(h.where, 0, words_.header(h), true); }

  void statement(const ast::statement& s) {
    std::visit([&](const auto& d) { print(d); }, s);
  }

  static std::string key_of(const ast::statement& s) {
    struct visitor {
      std::string operator()(const ast::scoring_decl&) const { return "scoring"; }
      std::string operator()(const ast::role_decl& d) const { return fmt::format("role {}", d.id.text); }
      std::string operator()(const ast::event_decl& d) const { return fmt::format("event {}", d.id.text); }
      std::string operator()(const ast::area_decl& d) const { return fmt::format("area {}", d.id.text); }
      std::string operator()(const ast::rule_decl& d) const { return fmt::format("rule {}", d.id.text); }
      std::string operator()(const ast::veto_decl& d) const { return fmt::format("veto {}", d.id.text); }
      std::string operator()(const ast::ranking_decl&) const { return "ranking"; }
      std::string operator()(const ast::awards_decl&) const { return "awards"; }
      std::string operator()(const ast::role_award_decl&) const { return "role_subsidy"; }
      std::string operator()(const ast::grades_decl&) const { return "grades"; }
      std::string operator()(const ast::roster_decl&) const { return "roster"; }
      std::string operator()(const ast::balance_decl& d) const { return fmt::format("balance {}", d.id.text); }
    };
    return std::visit(visitor{}, s);
  }
  static std::string label_of(const ast::statement& s) {
    struct visitor {
      std::string operator()(const ast::role_decl& d) const { return d.title.text; }
      std::string operator()(const ast::event_decl& d) const { return d.title ? d.title->text : ""; }
      std::string operator()(const ast::area_decl& d) const { return d.title.text; }
      std::string operator()(const ast::rule_decl& d) const { return d.title.text; }
      std::string operator()(const ast::veto_decl& d) const { return d.reason.text; }
      std::string operator()(const ast::role_award_decl& d) const { return d.title.text; }
      std::string operator()(const ast::scoring_decl&) const { return ""; }
      std::string operator()(const ast::ranking_decl&) const { return ""; }
      std::string operator()(const ast::awards_decl&) const { return ""; }
      std::string operator()(const ast::grades_decl&) const { return ""; }
      std::string operator()(const ast::roster_decl&) const { return ""; }
      std::string operator()(const ast::balance_decl& d) const { return d.title.text; }
    };
    return std::visit(visitor{}, s);
  }

 private:
  const format_detail::clause_writer& words_;
  std::string topic_;

  // What the lines printed next say (printed_line::topic).
  void about(std::string topic) { topic_ = std::move(topic); }
  void attributes(const std::vector<ast::attribute_decl>& attributes) {
    for (const auto& a : attributes) {
      about("attribute " + a.id.text);
      line(a.where, 1, words_.attribute(a));
    }
  }

  void print(const ast::roster_decl& d) {
    line({d.where.begin, d.where.begin + 6}, 0, words_.roster_keyword(), true);  // the keyword
    attributes(d.columns);
  }
  void print(const ast::scoring_decl& d) { line(d.where, 0, words_.scoring(d), true); }
  void print(const ast::role_decl& d) { line(d.where, 0, words_.role(d), true); }
  void print(const ast::area_decl& d) { line(d.where, 0, words_.area(d), true); }
  void print(const ast::grades_decl& d) {
    line({d.where.begin, d.where.begin + 6}, 0, words_.grades_keyword(), true);  // the keyword
    for (const auto& g : d.grades) {
      about("grade " + g.id.text);
      line(g.consequences.empty() ? g.where : span{g.where.begin, g.consequences.front().where.begin}, 1,
           words_.grade(g));
      for (const auto& c : g.consequences) line(c.where, 2, words_.consequence(c));
    }
  }
  void print(const ast::balance_decl& d) {
    line({d.where.begin, d.title.where.end}, 0, words_.balance_head(d), true);
    about("redeemed");
    if (d.redemption_kind) line(d.redemption_where, 1, words_.balance_redemption(d));
    about("spend");
    if (d.spend_above) line(d.spend_where, 1, words_.balance_spend_floor(*d.spend_above));
    about("reset");
    if (d.reset) line(d.reset_where, 1, words_.balance_reset(*d.reset));
  }
  void print(const ast::event_decl& d) {
    line({d.where.begin, d.title ? d.title->where.end : d.id.where.end}, 0, words_.event_head(d), true);
    attributes(d.attributes);
  }
  void print(const ast::rule_decl& d) {
    line({d.where.begin, d.area.where.end}, 0, words_.rule_head(d), true);
    about("amount");
    line(ast::amount_span(d.amount), 1, words_.amount_clause(d.amount));
    about("capped");
    for (const auto& c : d.caps) line(c.where, 1, words_.cap(c));
    about("counted");
    for (const auto& l : d.limits) line(l.where, 1, words_.count_limit(l));
    about("exempt");
    for (const auto& x : d.exemptions) line(x.where, 1, words_.exemption(d, x));
    about("consequence");
    for (const auto& c : d.consequences) line(c.where, 1, words_.consequence(c));
  }
  void print(const ast::veto_decl& d) {
    line({d.where.begin, d.reason.where.end}, 0, words_.veto_head(d), true);
    about("when");
    line({d.kind.where.begin, d.filter ? d.filter->where.end : d.kind.where.end}, 1, words_.veto_when(d));
    about("effect");
    for (const auto& e : d.effects) line(e.where, 1, words_.veto_effect(e));
    about("consequence");
    for (const auto& c : d.consequences) line(c.where, 1, words_.consequence(c));
  }
  void print(const ast::ranking_decl& d) {
    line({d.where.begin, d.period.where.end}, 0, words_.ranking_head(d), true);
    // Who is ranked, and in which groups, before how.
    about("only");
    for (const auto& f : d.filters) line(f.where, 1, words_.roster_filter(f));
    for (const auto& g : d.min_grades) line(g.where, 1, words_.min_grade(g));
    about("within");
    for (const auto& w : d.within) line(w.where, 1, words_.within(w));
    about("rank");
    for (const auto& g : d.groups) line(g.where, 1, words_.group(g));
    orders(d.orders);
    about("ties");
    for (const auto& t : d.tie_clauses) line(t, 1, words_.ties());
    distinctions(d.distinctions);
  }
  void print(const ast::awards_decl& d) {
    line({d.where.begin, d.period.where.end}, 0, words_.awards_head(d), true);
    orders(d.orders);
    about("ties");
    for (const auto& t : d.tie_clauses) line(t, 1, words_.ties());
    about("only");
    for (const auto& f : d.filters) line(f.where, 1, words_.roster_filter(f));
    for (const auto& e : d.eligibility) line(e.where, 1, words_.eligibility(e));
    for (const auto& s : d.subsidies) {
      about("subsidy " + s.rank.text);
      line(s.where, 1, words_.subsidy(s));
    }
    distinctions(d.distinctions);
  }
  void distinctions(const std::vector<ast::distinction_decl>& distinctions) {
    for (const auto& x : distinctions) {
      about("award " + x.id.text);
      line(x.where, 1, words_.distinction(x));
    }
  }
  void print(const ast::role_award_decl& d) {
    line({d.where.begin, d.percent.where.end}, 0, words_.role_subsidy_head(d), true);
    for (const auto& t : d.tests) {
      about(t.forbids ? "unless" : "when");
      line(t.where, 1, words_.person_test(t));
    }
  }
};

std::vector<out_line> print_tree(const ast::rubric_file& tree, ast::surface surface,
                                 std::vector<std::string>* problems = nullptr) {
  std::unique_ptr<format_detail::clause_writer> words;
  if (surface == ast::surface::zh) words = format_detail::chinese_writer(tree);
  else words = std::make_unique<english_writer>();
  printer p(*words);
  p.header(tree.head);
  for (const auto& s : tree.statements) p.statement(s);
  if (problems) *problems = words->problems();
  return std::move(p.lines);
}

}  // namespace

std::vector<std::string> printing_problems(const ast::rubric_file& tree, ast::surface surface) {
  std::vector<std::string> problems;
  print_tree(tree, surface, &problems);
  return problems;
}

std::vector<printed_statement> print_statements(const ast::rubric_file& tree, ast::surface surface) {
  std::vector<printed_statement> out;
  english_writer words;
  std::unique_ptr<format_detail::clause_writer> shown_words;
  if (surface == ast::surface::zh) shown_words = format_detail::chinese_writer(tree);
  for (const auto& s : tree.statements) {
    printer canonical(words);
    canonical.statement(s);
    // Both writers print the same lines in the same order (lang/format_surface.hpp).
    printer shown(shown_words ? *shown_words : words);
    if (shown_words) shown.statement(s);
    printed_statement printed{printer::key_of(s), printer::label_of(s), {}};
    for (std::size_t i = 0; i < canonical.lines.size(); ++i) {
      auto& l = canonical.lines[i];
      std::string text_shown = shown_words ? std::move(shown.lines[i].text) : l.text;
      printed.lines.push_back({l.source, l.indent, std::move(l.text), std::move(text_shown), canonical.topics[i]});
    }
    out.push_back(std::move(printed));
  }
  return out;
}

std::string format_meaning(const ast::rubric_file& tree, ast::surface surface) {
  std::string out;
  for (const auto& l : print_tree(tree, surface)) out += std::string(static_cast<std::size_t>(l.indent) * 2, ' ') + l.text + "\n";
  return out;
}

std::string format(const ast::rubric_file& tree, const source_file& file) { return format(tree, file, tree.written_in); }

std::string format(const ast::rubric_file& tree, const source_file& file, ast::surface surface) {
  auto lines = print_tree(tree, surface);
  std::string_view text = file.text();
  auto line_of = [&](std::uint32_t offset) { return file.locate(offset).line; };
  auto last_line_of = [&](span s) { return line_of(s.end > s.begin ? s.end - 1 : s.begin); };

  // Attach each comment: after code on its line (trailing), else before the next line (leading).
  std::vector<std::vector<ast::comment>> leading(lines.size() + 1);
  std::vector<std::string> trailing(lines.size());
  auto comment_text = [&](const ast::comment& c) {
    std::string comment(text.substr(c.where.begin, c.where.end - c.where.begin));
    // The full-width `＃` a Chinese input method types is written `#`, the mark both surfaces read.
    if (comment.rfind("＃", 0) == 0) comment.replace(0, std::string_view("＃").size(), "#");
    while (!comment.empty() && (comment.back() == ' ' || comment.back() == '\t' || comment.back() == '\r')) {
      comment.pop_back();
    }
    return comment;
  };
  for (const auto& c : tree.comments) {
    std::uint32_t line = line_of(c.where.begin);
    auto line_start = static_cast<std::size_t>(c.where.begin - (file.locate(c.where.begin).column - 1));
    bool own_line = text.substr(line_start, c.where.begin - line_start).find_first_not_of(" \t\xEF\xBB\xBF") ==
                    std::string_view::npos;
    if (!own_line) {
      std::size_t best = lines.size();
      for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].source.begin < c.where.begin && last_line_of(lines[i].source) == line) best = i;
      }
      if (best < lines.size()) {
        trailing[best] += (trailing[best].empty() ? "" : " ") + comment_text(c);
        continue;
      }
    }
    std::size_t next = lines.size();
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].source.begin > c.where.begin) {
        next = i;
        break;
      }
    }
    leading[next].push_back(c);
  }

  // Blank lines between statements (and before a statement's comments) are kept where the
  // author put them, several collapsing to one; inside a statement there are none.
  std::string out;
  std::uint32_t previous_end = 0;
  bool started = false;
  auto gap_has_blank = [&](std::uint32_t begin) {
    if (!started || begin < previous_end) return false;
    std::string_view gap = text.substr(previous_end, begin - previous_end);
    return std::count(gap.begin(), gap.end(), '\n') >= 2;
  };
  auto emit_comments = [&](const std::vector<ast::comment>& comments, const std::string& indent, bool statement_level) {
    for (const auto& c : comments) {
      if (statement_level && gap_has_blank(c.where.begin)) out += "\n";
      out += indent + comment_text(c) + "\n";
      previous_end = c.where.end;
      started = true;
    }
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const out_line& l = lines[i];
    std::string indent(static_cast<std::size_t>(l.indent) * 2, ' ');
    bool statement_level = l.starts_statement;
    if (i == 1) {  // the header always stands apart from what follows
      out += "\n";
      started = false;
    }
    emit_comments(leading[i], indent, statement_level);
    if (statement_level && gap_has_blank(l.source.begin)) out += "\n";
    out += indent + l.text;
    if (!trailing[i].empty()) out += fmt::format("  {}", trailing[i]);
    out += "\n";
    previous_end = l.source.end;
    started = true;
  }
  emit_comments(leading[lines.size()], "", true);
  return out;
}

}  // namespace rubric::lang
