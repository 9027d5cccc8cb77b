#include <catch2/catch.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include <memory>
#include <vector>

#include "lang/format.hpp"
#include "lang/grammar.hpp"
#include "lang/parse.hpp"

using namespace rubric::lang;

namespace {

const char* header = "rubric \"测试\" version \"1\" effective 2023-04-01\n";

// Diagnostics point into their file, so the files live as long as the test program.
parse_result parse_text(const std::string& text, source_file*& keep) {
  static std::vector<std::unique_ptr<source_file>> files;
  files.push_back(std::make_unique<source_file>("t.rubric", text));
  keep = files.back().get();
  return parse(*keep);
}

std::string first_message(const parse_result& r) { return r.diags.empty() ? "" : r.diags.front().message; }

}  // namespace

TEST_CASE("the grammar has no rule that can loop without consuming input", "[grammar]") {
  CHECK(tao::pegtl::analyze<grammar::rubric_file>() == 0);
}

// The shape of the tree is checked through its canonical print (lang/format.hpp), which writes
// every node and field the builder fills: a clause dropped, a field in the wrong place or a
// condition grouped differently prints differently. `same` marks rows whose text is canonical.
TEST_CASE("every construct parses to the tree it says", "[grammar]") {
  constexpr const char* same = nullptr;
  struct row {
    const char* construct;
    const char* text;
    std::size_t index;      // the statement's alternative in ast::statement
    const char* canonical;  // the tree printed, when it differs from the text
  };
  const row rows[] = {
      {"scoring", "scores each unit per month, starting at 100", 0, same},
      {"scoring without comma", "scores each household per month starting at 0.5", 0,
       "scores each household per month, starting at 0.5"},
      {"weekly scoring", "scores each unit per week, starting at 0", 0, same},
      {"role", "role unit_head \"单元长\"", 1, same},
      {"event without attributes", "event flying_wire \"飞线充电\"", 2, same},
      {"event without label", "event flying_wire", 2, same},
      {"bool attribute", "event dispute\n  resolved: true or false, default false", 2, same},
      {"integer with bounds", "event clutter\n  count: integer at least 1 at most 99, default 1", 2, same},
      {"decimal with open bounds", "event volunteer\n  hours: decimal above 0 below 24", 2, same},
      {"choice", "event admission\n  level: one of key_university, university, junior_college", 2, same},
      {"person, required", "event review\n  person: person, required", 2, "event review\n  person: person"},
      {"optional", "event review\n  note: one of a, b, optional", 2, same},
      {"date", "event wire\n  cleared: date, optional", 2, same},
      {"escaped label", "event e \"a \\\"b\\\" \\\\ c\"", 2, same},
      {"area", "area hygiene \"环境卫生\"", 3, same},
      {"area with a budget", "area hygiene \"环境卫生\" worth 20", 3, same},
      {"fixed amount", "rule r \"x\" in a\n  each commendation: +3", 4, same},
      {"alternative amounts", "rule r \"x\" in a\n  each dispute: -2 if resolved, otherwise -5", 4, same},
      {"three alternatives", "rule r \"x\" in a\n  each d: -2 if x, -3 if not y and z, otherwise -5", 4, same},
      {"amount times attribute", "rule r \"x\" in a\n  each clutter: -2 per count", 4, same},
      {"filter", "rule r \"x\" in a\n  each admission where level is key_university: +5", 4, same},
      {"filter one of", "rule r \"x\" in a\n  each admission where level is one of a, b: +5", 4, same},
      {"filter not", "rule r \"x\" in a\n  each admission where level is not a: +5", 4, same},
      {"filter numbers", "rule r \"x\" in a\n  each v where hours at least 2 and hours below 8 or (hours above 20): +1", 4,
       "rule r \"x\" in a\n  each v where hours at least 2 and hours below 8 or hours above 20: +1"},
      {"filter grouping kept", "rule r \"x\" in a\n  each v where not (a or b) and (c or d): +1", 4, same},
      {"filter yes/no and numbers", "rule r \"x\" in a\n  each v where resolved is true and hours above -1.5: +1", 4, same},
      {"recorded amount", "rule r \"x\" in a\n  each patrol: recorded points from -5 to 5", 4, same},
      {"escalating amount", "rule r \"x\" in a\n  each parking: escalating warning, -5, -10 within 12 months", 4, same},
      {"escalating within one period", "rule r \"x\" in a\n  each parking where paid: escalating -5 within 1 week", 4, same},
      {"daily amount", "rule r \"x\" in a\n  each wire: -2 per day until cleared", 4, same},
      {"aggregate", "rule r \"x\" in a\n  total hours of volunteer: +1 per full 2", 4, same},
      {"aggregate with filter", "rule r \"x\" in a\n  total hours of volunteer where hours above 1: +1 per full 2", 4, same},
      {"absence", "rule r \"x\" in a\n  no uncivil where act is noise: +2", 4, same},
      {"distinct", "rule r \"x\" in a\n  distinct criterion of inspection: +1", 4, same},
      {"average, weighted", "rule r \"x\" in a\n  average rating of review where rating above 0: 30%", 4, same},
      {"average, scaled", "rule r \"x\" in a\n  average rating of review: times 10", 4, same},
      {"cap", "rule r \"x\" in a\n  each c: -2\n  capped at -10 per month", 4, same},
      {"clauses in canonical order", "rule r \"x\" in a\n  capped at -10 per month\n  exempt \"y\" when z\n  each c: -2", 4,
       "rule r \"x\" in a\n  each c: -2\n  capped at -10 per month\n  exempt \"y\" when z"},
      {"count limits", "rule r \"x\" in a\n  each c: -2\n  counted at most once per year\n  counted at most 3 times per month", 4, same},
      {"exemption", "rule r \"x\" in a\n  each c: -2\n  exempt \"生活必需品\" when item is one of wheelchair, stroller", 4, same},
      {"veto", "veto v \"飞线充电一票否决\" when any flying_wire effect not eligible for red_flag this month", 5,
       "veto v \"飞线充电一票否决\"\n  when any flying_wire\n  effect not eligible for red_flag this month"},
      {"veto with filter", "veto v \"x\" when any uncivil where act is throwing_from_height\n  effect not eligible for red_flag this month", 5,
       "veto v \"x\"\n  when any uncivil where act is throwing_from_height\n  effect not eligible for red_flag this month"},
      {"veto effects", "veto v \"x\"\n  when any u\n  effect score set to 0 this and next year\n  effect lowest grade this month", 5, same},
      {"ranking", "ranking per month\n  order by score, higher first\n    then by deductions, fewer first\n  ties share a rank\n  award red_flag \"流动红旗\" to ranks 1 to 3", 6, same},
      {"ranking of some units, by floor",
       "ranking per month\n  only where building is a\n  only graded at least pass\n  within each floor\n  order by score, higher first\n  ties share a rank\n  award first \"x\" to rank 1\n  award last \"y\" to bottom 2\n  award best \"z\" to top 3",
       6, same},
      {"ranking of groups", "ranking per month\n  rank each building by its average score\n  order by score, higher first\n  ties share a rank", 6, same},
      {"awards", "awards per year\n  order by red_flag, more first then by total score, higher first\n  ties share a rank\n  subsidy 30% to rank 1\n  only with at least 1 red_flag", 7,
       "awards per year\n  order by red_flag, more first\n    then by total score, higher first\n  ties share a rank\n  only with at least 1 red_flag\n  subsidy 30% to rank 1"},
      {"awards: streaks and role holders",
       "awards per year\n  order by red_flag, more first\n  ties share a rank\n  award run \"x\" for 3 months in a row with red_flag\n  award single \"y\" for 1 month in a row with red_flag\n  award heads \"z\" to unit_head of ranks 1 to 2",
       7, same},
      {"role subsidy", "role_subsidy \"三长\" 10%\n  when at least 1 review where result is fulfilled\n  unless any review where result is not_fulfilled", 8, same},
      {"grades", "grades\n  excellent \"优秀\" at least 90\n  pass \"合格\" otherwise", 9, same},
      {"roster", "roster\n  building: one of a, b\n  households: integer at least 0", 10, same},
      {"comments everywhere", "# one\nrule r \"x\" in a # two\n  each c: -2 # three\n# four", 4, "rule r \"x\" in a\n  each c: -2"},
  };
  for (const auto& r : rows) {
    INFO(r.construct);
    source_file* file;
    auto result = parse_text(std::string(header) + r.text + "\n", file);
    INFO(first_message(result));
    REQUIRE(result.tree);
    REQUIRE(result.diags.empty());
    REQUIRE(result.tree->statements.size() == 1);
    CHECK(result.tree->statements.front().index() == r.index);
    std::string printed = format_meaning(*result.tree);
    CHECK(printed.substr(printed.find('\n') + 1) == std::string(r.canonical ? r.canonical : r.text) + "\n");
  }
}

TEST_CASE("a rule's amount clause is the form written", "[grammar]") {
  auto amount_of = [](const std::string& clause) {
    source_file* file;
    auto result = parse_text(std::string(header) + "rule r \"x\" in a\n  " + clause + "\n", file);
    REQUIRE(result.tree);
    return std::get<ast::rule_decl>(result.tree->statements.front()).amount;
  };
  auto each_form = [&](const std::string& clause) { return std::get<ast::each_clause>(amount_of(clause)).amount.index(); };
  CHECK(std::holds_alternative<ast::total_clause>(amount_of("total hours of v: +1 per full 2")));
  CHECK(std::holds_alternative<ast::absence_clause>(amount_of("no v: +1")));
  CHECK(std::holds_alternative<ast::distinct_clause>(amount_of("distinct c of v: +1")));
  CHECK(std::holds_alternative<ast::average_clause>(amount_of("average h of v: 30%")));
  CHECK(each_form("each v: -2 if a, otherwise -5") == ast::each_amount(ast::fixed_amounts{}).index());
  CHECK(each_form("each v: recorded p from 1 to 2") == ast::each_amount(ast::recorded_amount{}).index());
  CHECK(each_form("each v: escalating -1 within 2 days") == ast::each_amount(ast::escalation{}).index());
  CHECK(each_form("each v: -1 per day until c") == ast::each_amount(ast::daily_amount{}).index());
  const auto average = std::get<ast::average_clause>(amount_of("average h of v: 30%"));
  CHECK(average.percent);
  CHECK(average.factor.value.to_string() == "0.3");
  const auto fixed = std::get<ast::fixed_amounts>(std::get<ast::each_clause>(amount_of("each v: -2 if a, otherwise -5 per n")).amount);
  REQUIRE(fixed.choices.size() == 2);
  CHECK(fixed.choices[0].when);
  CHECK_FALSE(fixed.choices[1].when);
  CHECK(fixed.choices[1].value.per_attribute->text == "n");
}

TEST_CASE("a rule with no amount clause, or two, is refused while parsing (R2017)", "[grammar]") {
  source_file* file;
  auto none = parse_text(std::string(header) + "rule r \"x\" in a\n  capped at -10 per month\n", file);
  CHECK_FALSE(none.tree);
  REQUIRE(none.diags.size() == 1);
  CHECK(none.diags[0].kind == diag_kind::rule_body_invalid);
  CHECK(none.diags[0].message == "rule `r` says no amount");
  auto two = parse_text(std::string(header) + "rule r \"x\" in a\n  each c: -2\n  no d: +1\n", file);
  CHECK_FALSE(two.tree);
  REQUIRE(two.diags.size() == 1);
  CHECK(two.diags[0].message == "rule `r` has a second amount clause");
  CHECK(file->locate(two.diags[0].where.begin).line == 4);
}

TEST_CASE("spans cover the construct and not the comment after it", "[grammar]") {
  std::string text = std::string(header) + "rule r \"楼道\" in a\n  each c: -2   # note\n\n";
  source_file* file;
  auto result = parse_text(text, file);
  REQUIRE(result.tree);
  const auto& rule = std::get<ast::rule_decl>(result.tree->statements.front());
  CHECK(text.substr(rule.where.begin, rule.where.end - rule.where.begin) == "rule r \"楼道\" in a\n  each c: -2");
  CHECK(text.substr(rule.title.where.begin, rule.title.where.end - rule.title.where.begin) == "\"楼道\"");
  CHECK(rule.title.text == "楼道");
  REQUIRE(result.tree->comments.size() == 1);
  auto c = result.tree->comments.front().where;
  CHECK(text.substr(c.begin, c.end - c.begin) == "# note");
  auto at = file->locate(ast::amount_span(rule.amount).begin);
  CHECK(at.line == 3);
  CHECK(at.column == 3);
}

TEST_CASE("a `#` inside a label is not a comment", "[grammar]") {
  source_file* file;
  auto result = parse_text(std::string(header) + "area a \"#1 楼\"\n", file);
  REQUIRE(result.tree);
  CHECK(result.tree->comments.empty());
  CHECK(std::get<ast::area_decl>(result.tree->statements.front()).title.text == "#1 楼");
}

TEST_CASE("syntax errors say what was expected, where", "[grammar]") {
  struct row {
    const char* text;
    const char* message;
    std::uint32_t line, column;
  };
  const row rows[] = {
      {"area a", "expected a label in double quotes", 2, 7},
      {"area a \"x", "expected `\"` to close the label", 2, 10},
      {"rule r \"x\" hygiene", "expected `in AREA`", 2, 12},
      {"rule r \"x\" in a\n  each c -2", "expected `:`", 3, 10},
      {"rule r \"x\" in a\n  each c: -2 if x", "alternatives end with the amount when no condition holds: add `, otherwise AMOUNT`", 3, 18},
      {"rule r \"x\" in a\n  each c: -2 if x, -3", "the last alternative is the amount when no condition holds: write `otherwise -3`", 3, 20},
      {"rule r \"x\" in a\n  at most -10", "expected a clause", 3, 3},
      {"veto v \"x\" when any c", "expected the veto's effect", 2, 22},
      {"event e\n  n: text", "expected an attribute type", 3, 6},
      {"event e\n  n: true or maybe", "expected `false`", 3, 14},
      {"event 9", "expected a name", 2, 7},  // a keyword there is R1010: test_reserved_words.cpp
      {"awards per decade", "expected a period", 2, 12},
  };
  for (const auto& r : rows) {
    INFO(r.text);
    source_file* file;
    auto result = parse_text(std::string(header) + r.text + "\n", file);
    REQUIRE(result.diags.size() == 1);
    const auto& d = result.diags.front();
    CHECK(d.kind == diag_kind::syntax_error);
    CHECK_THAT(d.message, Catch::StartsWith(r.message));
    auto at = file->locate(d.where.begin);
    CHECK(at.line == r.line);
    CHECK(at.column == r.column);
  }
}

TEST_CASE("hostile input gets a clear error, never a crash", "[grammar]") {
  source_file* file;
  SECTION("invalid UTF-8") {
    auto r = parse_text(std::string(header) + "area a \"\xC3\x28\"\n", file);
    REQUIRE(r.diags.size() == 1);
    CHECK(r.diags.front().kind == diag_kind::invalid_utf8);
    CHECK(file->locate(r.diags.front().where.begin).line == 2);
  }
  SECTION("a NUL byte") {
    auto r = parse_text(std::string(header) + std::string("area a \"x\0\"\n", 12), file);
    REQUIRE(r.diags.size() == 1);
    CHECK(r.diags.front().kind == diag_kind::nul_byte);
  }
  SECTION("nesting ten thousand deep") {
    std::string deep = std::string(10000, '(') + "x" + std::string(10000, ')');
    auto r = parse_text(std::string(header) + "rule r \"x\" in a\n  each c where " + deep + ": -2\n", file);
    REQUIRE(r.diags.size() == 1);
    CHECK(r.diags.front().kind == diag_kind::nesting_too_deep);
  }
  SECTION("`not` ten thousand deep") {
    std::string deep;
    for (int i = 0; i < 10000; ++i) deep += "not ";
    auto r = parse_text(std::string(header) + "rule r \"x\" in a\n  each c where " + deep + "x: -2\n", file);
    REQUIRE(r.diags.size() == 1);
    CHECK(r.diags.front().kind == diag_kind::nesting_too_deep);
  }
  SECTION("a file cut at every byte parses or fails cleanly") {
    std::string text = std::string(header) +
                       "scores each unit per month, starting at 100\nevent c\n  n: integer at least 1, default 1\n"
                       "rule r \"楼道\" in a\n  each c: -2 if n at least 2, otherwise -1\n  capped at -10 per month\n";
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
      auto r = parse_text(text.substr(0, cut), file);
      CHECK((r.tree.has_value() || !r.diags.empty()));
    }
  }
  SECTION("a BOM and CRLF line ends are accepted") {
    auto r = parse_text("\xEF\xBB\xBF" + std::string(header).replace(std::string(header).size() - 1, 1, "\r\n") +
                            "area a \"x\"\r\n",
                        file);
    CHECK(r.diags.empty());
    CHECK(r.tree);
  }
  SECTION("a line of a million characters") {
    auto r = parse_text(std::string(header) + "area a \"" + std::string(1000000, 'x') + "\"\n", file);
    CHECK(r.diags.empty());
  }
  SECTION("a hundred thousand rules") {
    std::string text = std::string(header);
    for (int i = 0; i < 100000; ++i) text += "rule r" + std::to_string(i) + " \"x\" in a\n  each c: -1\n";
    auto r = parse_text(text, file);
    REQUIRE(r.tree);
    CHECK(r.tree->statements.size() == 100000);
  }
}

TEST_CASE("conditions keep their structure: or, and, not, parentheses", "[grammar]") {
  source_file* file;
  auto r = parse_text(std::string(header) + "rule r \"x\" in a\n  each c where (a or b) and not (c and d) or e: -1\n", file);
  REQUIRE(r.tree);
  const auto& filter = *ast::amount_filter(std::get<ast::rule_decl>(r.tree->statements.front()).amount);
  using op = ast::condition::op;
  REQUIRE(filter.kind == op::any_of);
  REQUIRE(filter.operands.size() == 2);
  const auto& left = filter.operands[0];
  REQUIRE(left.kind == op::all_of);
  REQUIRE(left.operands.size() == 2);
  CHECK(left.operands[0].kind == op::any_of);
  CHECK(left.operands[0].operands.size() == 2);
  CHECK(left.operands[1].kind == op::negate);
  CHECK(left.operands[1].operands[0].kind == op::all_of);
  CHECK(filter.operands[1].kind == op::truthy);
  CHECK(filter.operands[1].attribute.text == "e");
}
