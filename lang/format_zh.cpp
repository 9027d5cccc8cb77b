// The Chinese surface's words for every clause, as docs/zh/语言.md gives them. A declaration is
// written `标签（name）` (the name once when it is its own label); a reference is written as its
// declaration's label, resolved in the namespace the parser resolves it in (the attributes of the
// kind a clause counts, the choices of one attribute, the roster's columns, ...), and as its name
// when the label would not lead back to it: no label, or a label two declarations share.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "lang/time_of_day.hpp"
#include "lang/format_surface.hpp"
#include "lang/grammar_zh.hpp"
#include "lang/i18n.hpp"
#include "lang/surface/identifier.hpp"
#include "lang/overloaded.hpp"

namespace rubric::lang::format_detail {

namespace {

// Whether a label can stand bare where a name can: an identifier of the language (UAX #31, in
// NFC, lang/surface/identifier.hpp). A reserved word reads as the keyword, except as a declared
// label right before its `（name）` (`人员（person）：人员`).
bool identifier_like(const std::string& text) {
  return !text.empty() && surface::identifier_length(text) == text.size() && surface::to_nfc(text) == text;
}
bool reads_as_name(const std::string& text) { return identifier_like(text) && !grammar_zh::is_reserved_word(text); }

// Free text (a title, a version, an exemption's reason): in 「」, or in ASCII quotes with escapes
// when it holds what 「」 cannot.
std::string quoted_text(const std::string& text) {
  if (text.find("」") == std::string::npos && text.find('\n') == std::string::npos) return "「" + text + "」";
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

// A label where a name could stand: bare when it reads as one, quoted otherwise.
std::string label_word(const std::string& label) { return reads_as_name(label) ? label : quoted_text(label); }
// A label right before its declaration's `（name）`, where a reserved word may stand bare.
std::string declared_label(const std::string& label) { return identifier_like(label) ? label : quoted_text(label); }

// A declaration whose label is required: `标签（name）`, or the name alone when it is its label.
std::string declared(const ast::name& id, const std::string& label) {
  if (label == id.text && reads_as_name(label)) return label;
  return fmt::format("{}（{}）", declared_label(label), id.text);
}
// A declaration whose label may be absent: the name alone means it has none.
std::string declared(const ast::name& id, const std::optional<ast::label>& label) {
  return label ? fmt::format("{}（{}）", declared_label(label->text), id.text) : id.text;
}

// The references of one namespace: each declared name printed as its label when the label leads
// back to it alone.
class namespace_labels {
 public:
  void declare(const std::string& id, const std::optional<std::string>& label) {
    if (!names_.insert(id).second) {
      // A duplicate (R2006): which one a label means is then anyone's guess, so a translation is
      // refused, and the references are written by name.
      duplicates_.insert(id);
      if (label) ++label_uses_[*label];
      return;
    }
    declarations_.push_back({id, label});
    if (label) ++label_uses_[*label];
  }
  // Call after the last declaration.
  void settle() {
    for (const auto& [id, label] : declarations_) {
      bool unique = label && label_uses_[*label] == 1 && (names_.count(*label) == 0 || *label == id);
      printed_[id] = unique ? label_word(*label) : id;
    }
  }
  std::string of(const std::string& id) const {
    auto found = printed_.find(id);
    if (found != printed_.end()) return found->second;
    // Undeclared: as written, for the checker; unless it is another declaration's label, which
    // the Chinese surface would read as a reference to that one.
    if (label_uses_.count(id) != 0) misread_.insert(id);
    return id;
  }
  // The undeclared names printed that read as labels in Chinese.
  const std::set<std::string>& misread() const { return misread_; }
  const std::set<std::string>& duplicates() const { return duplicates_; }

 private:
  struct declaration {
    std::string id;
    std::optional<std::string> label;
  };
  std::vector<declaration> declarations_;
  std::set<std::string> names_;
  std::map<std::string, int> label_uses_;
  std::map<std::string, std::string> printed_;
  mutable std::set<std::string> misread_;
  std::set<std::string> duplicates_;
};

std::optional<std::string> label_text(const std::optional<ast::label>& l) {
  return l ? std::optional<std::string>(l->text) : std::nullopt;
}

// The attributes of one kind of event, or the roster's columns, with their choices.
struct schema {
  namespace_labels attributes;
  std::map<std::string, namespace_labels> choices;  // by attribute name

  void declare(const std::vector<ast::attribute_decl>& declared_attributes) {
    for (const auto& a : declared_attributes) {
      attributes.declare(a.id.text, label_text(a.title));
      if (a.type.kind != ast::type_kind::choice || choices.count(a.id.text) != 0) continue;
      auto& values = choices[a.id.text];
      for (const auto& c : a.type.choices) values.declare(c.id.text, label_text(c.title));
      values.settle();
    }
    attributes.settle();
  }
  std::string attribute(const ast::name& n) const { return attributes.of(n.text); }
  void gather_misread(std::set<std::string>& out) const {
    out.insert(attributes.misread().begin(), attributes.misread().end());
    for (const auto& [attribute, values] : choices) out.insert(values.misread().begin(), values.misread().end());
  }
  void gather_duplicates(std::set<std::string>& out) const {
    out.insert(attributes.duplicates().begin(), attributes.duplicates().end());
    for (const auto& [attribute, values] : choices) out.insert(values.duplicates().begin(), values.duplicates().end());
  }
  std::string choice(const std::string& attribute, const std::string& value) const {
    auto found = choices.find(attribute);
    return found == choices.end() ? value : found->second.of(value);
  }
};

std::string period_word(ast::period p) {
  switch (p) {
    case ast::period::day: return "日";
    case ast::period::week: return "周";
    case ast::period::month: return "月";
    case ast::period::quarter: return "季度";
    case ast::period::semester: return "半年";
    case ast::period::year: return "年";
  }
  return "月";
}

// The unit of a look-back window or a streak's length: `12 个月内`, `连续 3 周`.
std::string length_unit(ast::period p) {
  switch (p) {
    case ast::period::day: return "天";
    case ast::period::month: return "个月";
    default: return period_word(p);
  }
}

std::string bound_word(ast::bound_kind kind) {
  switch (kind) {
    case ast::bound_kind::at_least: return "至少";
    case ast::bound_kind::at_most: return "至多";
    case ast::bound_kind::above: return "大于";
    case ast::bound_kind::below: return "小于";
  }
  return "至少";
}

std::string bound_text(const ast::bound& b) { return fmt::format("{} {}", bound_word(b.kind), b.limit.text); }

// An amount of points: `加 3 分` for +3, `扣 5 分` for -5, `计 3 分` for 3 (the sign as written).
std::string points_text(const ast::number& n) {
  std::string_view text = n.text;
  if (!text.empty() && text.front() == '+') return fmt::format("加 {} 分", text.substr(1));
  if (!text.empty() && text.front() == '-') return fmt::format("扣 {} 分", text.substr(1));
  return fmt::format("计 {} 分", text);
}
// A keyword and what follows it: one space, or none before a full-width parenthesis
// (`并非（A 或 B）`), as docs/zh/语言.md spaces them.
std::string keyword_then(std::string_view keyword, const std::string& text) {
  return std::string(keyword) + (text.rfind("（", 0) == 0 ? "" : " ") + text;
}

std::string direction_text(ast::direction d) {
  switch (d) {
    case ast::direction::higher: return "从高到低";
    case ast::direction::lower: return "从低到高";
    case ast::direction::more: return "从多到少";
    case ast::direction::fewer: return "从少到多";
  }
  return "从高到低";
}

class chinese final : public clause_writer {
 public:
  explicit chinese(const ast::rubric_file& tree) {
    for (const auto& s : tree.statements) {
      std::visit(overloaded{
                     [&](const ast::role_decl& d) { roles_.declare(d.id.text, d.title.text); },
                     [&](const ast::area_decl& d) { areas_.declare(d.id.text, d.title.text); },
                     [&](const ast::event_decl& d) {
                       kinds_.declare(d.id.text, label_text(d.title));
                       if (kind_schemas_.count(d.id.text) == 0) kind_schemas_[d.id.text].declare(d.attributes);
                     },
                     [&](const ast::roster_decl& d) { roster_.declare(d.columns); },
                     [&](const ast::grades_decl& d) {
                       for (const auto& g : d.grades) standings_.declare(g.id.text, g.title.text);
                     },
                     [&](const ast::ranking_decl& d) {
                       for (const auto& x : d.distinctions) standings_.declare(x.id.text, x.title.text);
                     },
                     [&](const ast::awards_decl& d) {
                       for (const auto& x : d.distinctions) standings_.declare(x.id.text, x.title.text);
                     },
                     [](const auto&) {},
                 },
                 s);
    }
    roles_.settle();
    areas_.settle();
    kinds_.settle();
    standings_.settle();
  }

  std::string header(const ast::header& h) const override {
    return fmt::format("细则{} 版本{} 自 {:04}年{}月{}日 起施行", quoted_text(h.title.text), quoted_text(h.version.text),
                       h.effective.year, h.effective.month, h.effective.day);
  }
  std::string scoring(const ast::scoring_decl& d) const override {
    return fmt::format("以 {} 为单位，按{}评分，基础分 {} 分", declared(d.entity, d.title), period_word(d.period.value),
                       d.base.text);
  }
  std::string role(const ast::role_decl& d) const override { return "角色 " + declared(d.id, d.title.text); }
  std::string area(const ast::area_decl& d) const override {
    return fmt::format("类别 {}{}", declared(d.id, d.title.text), d.budget ? fmt::format("，满分 {} 分", d.budget->text) : "");
  }
  std::string roster_keyword() const override { return "花名册"; }
  std::string grades_keyword() const override { return "等级"; }
  std::string grade(const ast::grade_decl& g) const override {
    return fmt::format("{} {}", declared(g.id, g.title.text), g.at_least ? fmt::format("至少 {} 分", g.at_least->text) : "其余");
  }
  std::string event_head(const ast::event_decl& d) const override { return "事件 " + declared(d.id, d.title); }
  std::string attribute(const ast::attribute_decl& a) const override {
    std::string type;
    switch (a.type.kind) {
      case ast::type_kind::boolean: type = "是或否"; break;
      case ast::type_kind::integer: type = "整数"; break;
      case ast::type_kind::decimal: type = "小数"; break;
      case ast::type_kind::person: type = "人员"; break;
      case ast::type_kind::date: type = "日期"; break;
      case ast::type_kind::choice: {
        std::vector<std::string> choices;
        for (const auto& c : a.type.choices) choices.push_back(declared(c.id, c.title));
        type = fmt::format("{} 之一", fmt::join(choices, "、"));
        break;
      }
    }
    for (const auto& b : a.type.bounds) type += "，" + bound_text(b);
    if (a.default_value) {
      // A default choice is one of this attribute's own choices.
      namespace_labels own_choices;
      for (const auto& c : a.type.choices) own_choices.declare(c.id.text, label_text(c.title));
      own_choices.settle();
      const auto& v = *a.default_value;
      type += "，默认 " + (v.type == ast::literal::kind::word ? own_choices.of(v.word.text) : literal_text(v, nullptr, ""));
      misread_defaults_.insert(own_choices.misread().begin(), own_choices.misread().end());
    }
    if (a.optional) type += "，可空";
    return fmt::format("{}：{}", declared(a.id, a.title), type);
  }

  std::string rule_head(const ast::rule_decl& d) const override {
    return fmt::format("规则 {} 属于 {}", declared(d.id, d.title.text), areas_.of(d.area.text));
  }
  std::string amount_clause(const ast::rule_amount& amount) const override {
    return std::visit(
        overloaded{
            [&](const ast::each_clause& e) {
              const schema* s = schema_of(e.kind);
              return fmt::format("每次 {}{}：{}", kinds_.of(e.kind.text), where_text(e.filter, s), each_amount_text(e.amount, s));
            },
            [&](const ast::total_clause& t) {
              const schema* s = schema_of(t.kind);
              return fmt::format("{} 的 {} 合计{}：每满 {} {}", kinds_.of(t.kind.text), attribute_of(s, t.attribute),
                                 where_text(t.filter, s), t.step.text, points_text(t.points));
            },
            [&](const ast::absence_clause& a) {
              return fmt::format("无 {}{}：{}", kinds_.of(a.kind.text), where_text(a.filter, schema_of(a.kind)),
                                 points_text(a.points));
            },
            [&](const ast::distinct_clause& x) {
              const schema* s = schema_of(x.kind);
              return fmt::format("{} 的 不同 {}{}：每项 {}", kinds_.of(x.kind.text), attribute_of(s, x.attribute),
                                 where_text(x.filter, s), points_text(x.points));
            },
            [&](const ast::average_clause& a) {
              const schema* s = schema_of(a.kind);
              return fmt::format("{} 的 {} 平均{}：{}", kinds_.of(a.kind.text), attribute_of(s, a.attribute),
                                 where_text(a.filter, s),
                                 a.percent ? fmt::format("按 {}% 计", a.written.text) : "乘以 " + a.written.text);
            },
        },
        amount);
  }
  std::string cap(const ast::cap_clause& c) const override {
    return fmt::format("每{}最多{}", period_word(c.period.value), points_text(c.limit));
  }
  std::string count_limit(const ast::count_limit& l) const override {
    return l.once ? fmt::format("每{}只计一次", period_word(l.period.value))
                  : fmt::format("每{}最多计 {} 次", period_word(l.period.value), l.times.text);
  }
  std::string exemption(const ast::rule_decl& rule, const ast::exemption& x) const override {
    return fmt::format("豁免{}：{}", quoted_text(x.reason.text), condition_text(x.when, schema_of(ast::counted_kind(rule.amount))));
  }

  std::string consequence(const ast::consequence& c) const override {
    std::string out = "处理" + quoted_text(c.action.text);
    if (c.within_days) out += "，限 " + c.within_days->text + " 天内";
    return out;
  }
  std::string veto_head(const ast::veto_decl& d) const override { return "一票否决 " + declared(d.id, d.reason.text); }
  std::string veto_when(const ast::veto_decl& d) const override {
    return fmt::format("条件：有 {}{}", kinds_.of(d.kind.text), where_text(d.filter, schema_of(d.kind)));
  }
  std::string veto_effect(const ast::veto_effect& e) const override {
    std::string when = "当" + period_word(e.duration.value) + (e.and_next ? "及次" + period_word(e.duration.value) : "");
    std::string action = e.what == ast::veto_effect::action::not_eligible ? "不得评为 " + standings_.of(e.distinction.text)
                         : e.what == ast::veto_effect::action::score_set  ? fmt::format("得分记为 {} 分", e.score.text)
                                                                          : std::string("评为最低等级");
    return fmt::format("后果：{} {}", when, action);
  }

  std::string ranking_head(const ast::ranking_decl& d) const override {
    return fmt::format("每{}排名", period_word(d.period.value));
  }
  std::string awards_head(const ast::awards_decl& d) const override {
    return fmt::format("每{}评奖", period_word(d.period.value));
  }
  std::string roster_filter(const ast::condition& c) const override {
    return keyword_then("仅限", condition_text(c, &roster_));
  }
  std::string min_grade(const ast::name& grade) const override { return "仅限等级不低于 " + standings_.of(grade.text); }
  std::string within(const ast::name& column) const override {
    return fmt::format("按 {} 分别排名", roster_.attribute(column));
  }
  std::string group(const ast::name& column) const override {
    return fmt::format("按 {} 的平均分排名", roster_.attribute(column));
  }
  std::string order_term(const ast::order_term& t, bool first) const override {
    std::string key = t.total                     ? std::string("总分")
                      : t.key.text == "score"      ? std::string("得分")
                      : t.key.text == "deductions" ? std::string("扣分次数")
                                                   : standings_.of(t.key.text);
    return first ? fmt::format("按 {} {} 排序", key, direction_text(t.dir))
                 : fmt::format("其次按 {} {}", key, direction_text(t.dir));
  }
  std::string ties() const override { return "并列者名次相同"; }
  std::string distinction(const ast::distinction_decl& x) const override {
    using placement = ast::distinction_decl::placement;
    std::string title = declared(x.id, x.title.text);
    if (x.place == placement::streak) {
      const auto& r = *x.run;
      return fmt::format("连续 {} {}获 {} 授予 {}", r.length.text, length_unit(r.unit.value), standings_.of(r.distinction.text),
                         title);
    }
    if (is_share(x.place)) {
      const char* which = x.place == placement::top_share ? "前" : x.place == placement::next_share ? "其后" : "后";
      return fmt::format("{} {}% 授予 {}", which, x.share.text, title);
    }
    std::string ranks = x.place == placement::top      ? fmt::format("前 {} 名", x.last_rank.text)
                        : x.place == placement::bottom ? fmt::format("后 {} 名", x.last_rank.text)
                        : x.single_rank                ? fmt::format("第 {} 名", x.first_rank.text)
                                                       : fmt::format("第 {} 至 {} 名", x.first_rank.text, x.last_rank.text);
    if (x.role) return fmt::format("{}的 {} 授予 {}", ranks, roles_.of(x.role->text), title);
    return fmt::format("{}授予 {}", ranks, title);
  }
  std::string eligibility(const ast::eligibility_clause& e) const override {
    return fmt::format("仅限至少获 {} 次 {}", e.at_least.text, standings_.of(e.distinction.text));
  }
  std::string subsidy(const ast::subsidy_clause& s) const override {
    return fmt::format("第 {} 名补贴 {}%", s.rank.text, s.percent.text);
  }

  std::string role_subsidy_head(const ast::role_award_decl& d) const override {
    return fmt::format("履职补贴{} {}%", quoted_text(d.title.text), d.percent.text);
  }
  std::string person_test(const ast::person_test& t) const override {
    std::string counted = kinds_.of(t.kind.text) + where_text(t.filter, schema_of(t.kind));
    return t.forbids ? "除非：有 " + counted : fmt::format("条件：至少 {} 次 {}", t.at_least.text, counted);
  }
  std::string balance_head(const ast::balance_decl& d) const override { return "余额 " + declared(d.id, d.title.text); }
  std::string balance_redemption(const ast::balance_decl& d) const override {
    return fmt::format("兑换时扣减 {} 的 {}", kinds_.of(d.redemption_kind->text),
                       attribute_of(schema_of(*d.redemption_kind), *d.redemption_attribute));
  }
  std::string balance_spend_floor(const ast::number& floor) const override {
    return fmt::format("仅超出 {} 分的部分可兑换", floor.text);
  }
  std::string balance_reset(const ast::period_ref& every) const override {
    return fmt::format("每{}清零", period_word(every.value));
  }

  std::vector<std::string> problems() const override {
    std::set<std::string> misread = misread_defaults_;
    for (const auto* labels : {&roles_, &areas_, &kinds_, &standings_}) misread.insert(labels->misread().begin(), labels->misread().end());
    for (const auto& [kind, s] : kind_schemas_) s.gather_misread(misread);
    roster_.gather_misread(misread);
    std::set<std::string> duplicates;
    for (const auto* labels : {&roles_, &areas_, &kinds_, &standings_}) duplicates.insert(labels->duplicates().begin(), labels->duplicates().end());
    for (const auto& [kind, s] : kind_schemas_) s.gather_duplicates(duplicates);
    roster_.gather_duplicates(duplicates);
    std::vector<std::string> out;
    for (const auto& id : duplicates) {
      out.push_back(i18n::tr("`{}` is declared twice, so a label cannot say which one it means", id));
    }
    for (const auto& id : misread) {
      out.push_back(i18n::tr("`{}` names nothing declared, and written in Chinese it would name what is labelled `{}`", id, id));
    }
    return out;
  }

 private:
  mutable std::set<std::string> misread_defaults_;
  namespace_labels roles_, areas_, kinds_;
  namespace_labels standings_;  // distinctions and grades: both are keys of the awards' order
  std::map<std::string, schema> kind_schemas_;
  schema roster_;

  const schema* schema_of(const ast::name& kind) const {
    auto found = kind_schemas_.find(kind.text);
    return found == kind_schemas_.end() ? nullptr : &found->second;
  }
  static std::string attribute_of(const schema* s, const ast::name& attribute) {
    return s ? s->attribute(attribute) : attribute.text;
  }

  static std::string literal_text(const ast::literal& l, const schema* s, const std::string& attribute) {
    switch (l.type) {
      case ast::literal::kind::boolean: return l.flag ? "是" : "否";
      case ast::literal::kind::number: return l.num.text;
      case ast::literal::kind::word: return s ? s->choice(attribute, l.word.text) : l.word.text;
    }
    return "";
  }

  // Precedence as in the English surface: 或 (0) < 且 (1) < 并非 and atoms (2); the same
  // parentheses, so a condition reads back as the same tree.
  static std::string nested_condition_text(const ast::condition& c, int context, const schema* s) {
    using op = ast::condition::op;
    auto join = [&](const char* word, int level) {
      std::string out;
      for (std::size_t i = 0; i < c.operands.size(); ++i) {
        if (i) out += fmt::format(" {} ", word);
        out += nested_condition_text(c.operands[i], level + 1 > 2 ? 2 : level + (c.operands[i].kind == c.kind ? 0 : 1), s);
      }
      return level < context ? fmt::format("（{}）", out) : out;
    };
    std::string attribute = attribute_of(s, c.attribute);
    switch (c.kind) {
      case op::any_of: return join("或", 0);
      case op::all_of: return join("且", 1);
      case op::negate: return keyword_then("并非", nested_condition_text(c.operands.front(), 2, s));
      case op::truthy: return attribute;
      case op::equals: return fmt::format("{} 为 {}", attribute, literal_text(c.values.front(), s, c.attribute.text));
      case op::not_equals: return fmt::format("{} 不为 {}", attribute, literal_text(c.values.front(), s, c.attribute.text));
      case op::one_of: {
        std::vector<std::string> values;
        for (const auto& v : c.values) values.push_back(literal_text(v, s, c.attribute.text));
        return fmt::format("{} 为 {} 之一", attribute, fmt::join(values, "、"));
      }
      case op::compare: return fmt::format("{} {}", attribute, bound_text(*c.comparison));
      case op::on_days: return lang::chinese_day_word(c.day_word);
      case op::time_span:
        switch (c.time_form) {
          case ast::condition::span_form::between:
            return fmt::format("{} 至 {}", lang::clock_text(c.from_second), lang::clock_text(c.until_second));
          case ast::condition::span_form::after: return fmt::format("{} 以后", lang::clock_text(c.from_second));
          case ast::condition::span_form::before: return fmt::format("{} 以前", lang::clock_text(c.until_second));
        }
        return "";
    }
    return "";
  }
  static std::string condition_text(const ast::condition& c, const schema* s) { return nested_condition_text(c, 0, s); }
  static std::string where_text(const std::optional<ast::condition>& filter, const schema* s) {
    return filter ? fmt::format("（{}）", keyword_then("限", condition_text(*filter, s))) : std::string();
  }

  static std::string amount_text(const ast::amount& a, const schema* s) {
    return a.per_attribute ? fmt::format("每 {} {}", attribute_of(s, *a.per_attribute), points_text(a.points))
                           : points_text(a.points);
  }
  static std::string each_amount_text(const ast::each_amount& amount, const schema* s) {
    return std::visit(
        overloaded{
            [&](const ast::fixed_amounts& fixed) {
              std::string amounts;
              for (const auto& c : fixed.choices) {
                if (!amounts.empty()) amounts += "，";
                if (c.when) amounts += fmt::format("{} 的 {}", condition_text(*c.when, s), amount_text(c.value, s));
                else amounts += (fixed.choices.size() > 1 ? "否则 " : "") + amount_text(c.value, s);
              }
              return amounts;
            },
            [&](const ast::recorded_amount& r) {
              return fmt::format("按登记的 {} 计分，范围 {} 至 {}", attribute_of(s, r.attribute), r.low.text, r.high.text);
            },
            [&](const ast::escalation& e) {
              std::vector<std::string> steps;
              for (const auto& step : e.steps) steps.push_back(step ? points_text(*step) : "警告");
              return fmt::format("累进 {}，{} {}内", fmt::join(steps, "、"), e.window.text, length_unit(e.window_unit.value));
            },
            [&](const ast::daily_amount& daily) {
              return fmt::format("每日 {}，直至 {}", points_text(daily.points), attribute_of(s, daily.until));
            },
        },
        amount);
  }
};

}  // namespace

std::unique_ptr<clause_writer> chinese_writer(const ast::rubric_file& tree) { return std::make_unique<chinese>(tree); }

}  // namespace rubric::lang::format_detail
