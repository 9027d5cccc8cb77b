// The Chinese surface (docs/zh/语言.md): every construct written in Chinese gives the tree its
// English text gives (compared field by field, spans aside: tests/unit/ast_dump.hpp), references by
// label become names, and the mistakes of mixing surfaces are reported.
#include <catch2/catch.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ast_dump.hpp"
#include "lang/check/checked.hpp"
#include "lang/grammar_zh.hpp"
#include "lang/parse.hpp"
#include "lang/surface/identifier.hpp"
#include "lang/surface/surface.hpp"

using namespace rubric::lang;

namespace {

// Diagnostics point into their file, so the files live as long as the test program.
parse_result parse_text(const std::string& text) {
  static std::vector<std::unique_ptr<source_file>> files;
  files.push_back(std::make_unique<source_file>("t.rubric", text));
  return parse(*files.back());
}

std::string messages(const parse_result& r) {
  std::string out;
  for (const auto& d : r.diags) out += std::string(d.code()) + " " + d.message + "\n";
  return out;
}

// The dump of a parse that must succeed without diagnostics.
std::string tree_of(const std::string& text) {
  parse_result r = parse_text(text);
  INFO(text);
  INFO(messages(r));
  REQUIRE(r.tree);
  CHECK(r.diags.empty());
  return rubric::test::dump(*r.tree);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The same declarations in both surfaces, with labels, for the constructs below to refer to.
const char* zh_schema =
    "细则「测试」 版本「1」 自 2023年4月1日 起施行\n"
    "以 单元（unit） 为单位，按月评分，基础分 100 分\n"
    "角色 单元长（unit_head）\n"
    "花名册\n"
    "  楼栋（building）：甲栋（a）、乙栋（b） 之一\n"
    "  户数（households）：整数，至少 0\n"
    "事件 矛盾纠纷（dispute）\n"
    "  已调解（resolved）：是或否，默认 否\n"
    "事件 楼道杂物（clutter）\n"
    "  物品（item）：轮椅（wheelchair）、婴儿车（stroller）、其他（other） 之一，默认 其他\n"
    "  数量（count）：整数，至少 1，至多 99，默认 1\n"
    "  清除日期（cleared）：日期，可空\n"
    "  分值（points）：小数，至少 -10，至多 0，必填\n"
    "事件 履职评议（review）\n"
    "  人员（person）：人员\n"
    "  结果（result）：履职（fulfilled）、未履职（not_fulfilled） 之一\n"
    "事件 commendation\n"
    "类别 环境卫生（hygiene），满分 30 分\n"
    "等级\n"
    "  优秀（excellent） 至少 90 分\n"
    "  合格（pass） 至少 60 分\n"
    "  不合格（fail） 其余\n";
const char* en_schema =
    "rubric \"测试\" version \"1\" effective 2023-04-01\n"
    "scores each unit \"单元\" per month, starting at 100\n"
    "role unit_head \"单元长\"\n"
    "roster\n"
    "  building \"楼栋\": one of a \"甲栋\", b \"乙栋\"\n"
    "  households \"户数\": integer at least 0\n"
    "event dispute \"矛盾纠纷\"\n"
    "  resolved \"已调解\": true or false, default false\n"
    "event clutter \"楼道杂物\"\n"
    "  item \"物品\": one of wheelchair \"轮椅\", stroller \"婴儿车\", other \"其他\", default other\n"
    "  count \"数量\": integer at least 1 at most 99, default 1\n"
    "  cleared \"清除日期\": date, optional\n"
    "  points \"分值\": decimal at least -10 at most 0, required\n"
    "event review \"履职评议\"\n"
    "  person \"人员\": person\n"
    "  result \"结果\": one of fulfilled \"履职\", not_fulfilled \"未履职\"\n"
    "event commendation\n"
    "area hygiene \"环境卫生\" worth 30\n"
    "grades\n"
    "  excellent \"优秀\" at least 90\n"
    "  pass \"合格\" at least 60\n"
    "  fail \"不合格\" otherwise\n";

struct row {
  const char* construct;
  const char* zh;
  const char* en;
};

}  // namespace

TEST_CASE("the Chinese grammar has no rule that can loop without consuming input", "[zh]") {
  CHECK(tao::pegtl::analyze<grammar_zh::rubric_file>() == 0);
}

TEST_CASE("the declarations give the same tree in both surfaces", "[zh]") {
  parse_result zh = parse_text(zh_schema);
  parse_result en = parse_text(en_schema);
  INFO(messages(zh));
  REQUIRE(zh.tree);
  REQUIRE(en.tree);
  CHECK(zh.tree->written_in == ast::surface::zh);
  CHECK(en.tree->written_in == ast::surface::en);
  CHECK(rubric::test::dump(*zh.tree) == rubric::test::dump(*en.tree));
}

TEST_CASE("every construct in Chinese gives the tree of its English text", "[zh]") {
  const row rows[] = {
      {"a fixed award", "规则 好人好事（good_deed） 属于 环境卫生\n  每次 commendation：加 3 分",
       "rule good_deed \"好人好事\" in hygiene\n  each commendation: +3"},
      {"a fixed deduction, a label equal to the name", "规则 楼道杂物 属于 环境卫生\n  每次 楼道杂物：扣 5 分",
       "rule 楼道杂物 \"楼道杂物\" in hygiene\n  each clutter: -5"},
      {"an amount as written", "规则 r 属于 环境卫生\n  每次 楼道杂物：计 0 分", "rule r \"r\" in hygiene\n  each clutter: 0"},
      {"an unsigned amount", "规则 r 属于 环境卫生\n  每次 楼道杂物：计 3 分", "rule r \"r\" in hygiene\n  each clutter: 3"},
      {"an amount per attribute", "规则 r 属于 环境卫生\n  每次 楼道杂物：每 数量 扣 2 分",
       "rule r \"r\" in hygiene\n  each clutter: -2 per count"},
      {"alternatives", "规则 r 属于 环境卫生\n  每次 矛盾纠纷：已调解 的 扣 2 分，否则 扣 5 分",
       "rule r \"r\" in hygiene\n  each dispute: -2 if resolved, otherwise -5"},
      {"severity tiers",
       "规则 r 属于 环境卫生\n  每次 楼道杂物：物品 为 轮椅 的 扣 10 分，物品 为 婴儿车 的 每 数量 扣 5 分，否则 计 0 分",
       "rule r \"r\" in hygiene\n  each clutter: -10 if item is wheelchair, -5 per count if item is stroller, otherwise 0"},
      {"a filter", "规则 r 属于 环境卫生\n  每次 楼道杂物（限 物品 为 其他）：加 5 分",
       "rule r \"r\" in hygiene\n  each clutter where item is other: +5"},
      {"a recorded amount", "规则 r 属于 环境卫生\n  每次 楼道杂物：按登记的 分值 计分，范围 -5 至 -2",
       "rule r \"r\" in hygiene\n  each clutter: recorded points from -5 to -2"},
      {"escalation", "规则 r 属于 环境卫生\n  每次 楼道杂物：累进 警告、扣 5 分、扣 10 分，12 个月内",
       "rule r \"r\" in hygiene\n  each clutter: escalating warning, -5, -10 within 12 months"},
      {"escalation in days", "规则 r 属于 环境卫生\n  每次 楼道杂物：累进 扣 1 分，30 天内",
       "rule r \"r\" in hygiene\n  each clutter: escalating -1 within 30 days"},
      {"a continuing violation", "规则 r 属于 环境卫生\n  每次 楼道杂物：每日 扣 2 分，直至 清除日期\n  每月最多扣 20 分",
       "rule r \"r\" in hygiene\n  each clutter: -2 per day until cleared\n  capped at -20 per month"},
      {"a total", "规则 r 属于 环境卫生\n  楼道杂物 的 数量 合计：每满 2 加 1 分\n  每月最多加 10 分",
       "rule r \"r\" in hygiene\n  total count of clutter: +1 per full 2\n  capped at +10 per month"},
      {"a total with a filter", "规则 r 属于 环境卫生\n  楼道杂物 的 数量 合计（限 物品 为 轮椅）：每满 2 加 1 分",
       "rule r \"r\" in hygiene\n  total count of clutter where item is wheelchair: +1 per full 2"},
      {"absence", "规则 r 属于 环境卫生\n  无 矛盾纠纷（限 已调解）：加 2 分", "rule r \"r\" in hygiene\n  no dispute where resolved: +2"},
      {"stars", "规则 r 属于 环境卫生\n  楼道杂物 的 不同 物品：每项 加 2 分",
       "rule r \"r\" in hygiene\n  distinct item of clutter: +2"},
      {"a weighted average", "规则 r 属于 环境卫生\n  楼道杂物 的 分值 平均：按 50% 计",
       "rule r \"r\" in hygiene\n  average points of clutter: 50%"},
      {"a scaled average", "规则 r 属于 环境卫生\n  楼道杂物 的 分值 平均（限 数量 至少 2）：乘以 10",
       "rule r \"r\" in hygiene\n  average points of clutter where count at least 2: times 10"},
      {"caps and count limits",
       "规则 r 属于 环境卫生\n  每次 楼道杂物：扣 3 分\n  每日最多扣 3 分\n  每周最多扣 6 分\n  每季度最多计 9 分\n  每年只计一次\n  每月最多计 3 次",
       "rule r \"r\" in hygiene\n  each clutter: -3\n  capped at -3 per day\n  capped at -6 per week\n  capped at 9 per quarter\n"
       "  counted at most once per year\n  counted at most 3 times per month"},
      {"an exemption", "规则 r 属于 环境卫生\n  每次 楼道杂物：扣 2 分\n  豁免「轮椅、婴儿车属生活必需品」：物品 为 轮椅、婴儿车 之一",
       "rule r \"r\" in hygiene\n  each clutter: -2\n  exempt \"轮椅、婴儿车属生活必需品\" when item is one of wheelchair, stroller"},
      {"every condition",
       "规则 r 属于 环境卫生\n  每次 楼道杂物：扣 2 分\n  豁免 例外：（数量 至少 3 且 物品 不为 其他） 或 并非 数量 大于 5 或 数量 小于 2 且 数量 至多 4 或 数量 为 7",
       "rule r \"r\" in hygiene\n  each clutter: -2\n  exempt \"例外\" when (count at least 3 and item is not other) or not count above 5 "
       "or count below 2 and count at most 4 or count is 7"},
      {"yes and no", "规则 r 属于 环境卫生\n  每次 矛盾纠纷（限 已调解 为 是 或 已调解 不为 否）：扣 1 分",
       "rule r \"r\" in hygiene\n  each dispute where resolved is true or resolved is not false: -1"},
      {"a veto", "一票否决 飞线充电一票否决（veto1）\n  条件：有 楼道杂物（限 物品 为 其他）\n  后果：当月 得分记为 0 分\n  后果：当年及次年 不得评为 流动红旗\n  后果：当周 评为最低等级\n"
                 "每月排名\n  按 得分 从高到低 排序\n  并列者名次相同\n  第 1 至 3 名授予 流动红旗（red_flag）",
       "veto veto1 \"飞线充电一票否决\"\n  when any clutter where item is other\n  effect score set to 0 this month\n"
       "  effect not eligible for red_flag this and next year\n  effect lowest grade this week\n"
       "ranking per month\n  order by score, higher first\n  ties share a rank\n  award red_flag \"流动红旗\" to ranks 1 to 3"},
      {"a ranking with every clause",
       "每月排名\n  仅限 楼栋 为 甲栋 且 户数 至少 4\n  仅限等级不低于 合格\n  按 楼栋 分别排名\n  按 得分 从高到低 排序\n    其次按 扣分次数 从少到多\n"
       "  并列者名次相同\n  第 1 名授予 第一（first）\n  后 2 名授予 黄牌（last）\n  前 3 名授予 「最佳(三)」（best）\n  第 1 名的 单元长 授予 最佳单元长（best_head）",
       "ranking per month\n  only where building is a and households at least 4\n  only graded at least pass\n  within each building\n"
       "  order by score, higher first\n    then by deductions, fewer first\n  ties share a rank\n  award first \"第一\" to rank 1\n"
       "  award last \"黄牌\" to bottom 2\n  award best \"最佳(三)\" to top 3\n  award best_head \"最佳单元长\" to unit_head of rank 1"},
      {"groups ranked by their average", "每季度排名\n  按 楼栋 的平均分排名\n  按 得分 从低到高 排序\n  并列者名次相同",
       "ranking per quarter\n  rank each building by its average score\n  order by score, lower first\n  ties share a rank"},
      {"awards",
       "每月排名\n  按 得分 从高到低 排序\n  并列者名次相同\n  第 1 至 3 名授予 流动红旗（red_flag）\n"
       "每年评奖\n  按 流动红旗 从多到少 排序\n    其次按 总分 从高到低\n    其次按 优秀 从多到少\n  并列者名次相同\n  仅限至少获 1 次 流动红旗\n"
       "  仅限至少获 6 次 优秀\n  仅限 楼栋 为 乙栋\n  第 1 名补贴 30%\n  连续 3 个月获 流动红旗 授予 三连冠（three）\n"
       "  第 1 至 2 名的 单元长 授予 最佳（heads）",
       "ranking per month\n  order by score, higher first\n  ties share a rank\n  award red_flag \"流动红旗\" to ranks 1 to 3\n"
       "awards per year\n  order by red_flag, more first\n    then by total score, higher first\n    then by excellent, more first\n"
       "  ties share a rank\n  only with at least 1 red_flag\n  only with at least 6 excellent\n  only where building is b\n"
       "  subsidy 30% to rank 1\n  award three \"三连冠\" for 3 months in a row with red_flag\n"
       "  award heads \"最佳\" to unit_head of ranks 1 to 2"},
      {"the role-holder subsidy",
       "履职补贴「三长物业费补贴」 20%\n  条件：至少 1 次 履职评议（限 结果 为 履职）\n  除非：有 履职评议（限 结果 为 未履职）",
       "role_subsidy \"三长物业费补贴\" 20%\n  when at least 1 review where result is fulfilled\n  unless any review where result is not_fulfilled"},
      {"ASCII punctuation and full-width digits",
       "规则 r 属于 hygiene\n  每次 clutter(限 item 为 wheelchair):数量 至少 ３ 的 扣 ２ 分,否则 扣 5 分",
       "rule r \"r\" in hygiene\n  each clutter where item is wheelchair: -2 if count at least 3, otherwise -5"},
      {"keywords touching numbers", "规则 r 属于 环境卫生\n  每次 楼道杂物：扣2分\n  每月最多扣10分",
       "rule r \"r\" in hygiene\n  each clutter: -2\n  capped at -10 per month"},
      {"an attribute whose name begins with a keyword",
       "规则 r 属于 环境卫生\n  每次 楼道杂物：每日state 为 是 的 扣 10 分，累进x 为 是 的 扣 1 分，按登记的y 为 是 的 扣 2 分，否则 计 0 分",
       "rule r \"r\" in hygiene\n  each clutter: -10 if 每日state is true, -1 if 累进x is true, -2 if 按登记的y is true, otherwise 0"},
      {"quoted labels", "规则 「违规(累进)」（repeat） 属于 「环境卫生」\n  每次 “楼道杂物”：扣 1 分",
       "rule repeat \"违规(累进)\" in hygiene\n  each clutter: -1"},
  };
  for (const auto& r : rows) {
    INFO(r.construct);
    CHECK(tree_of(std::string(zh_schema) + r.zh + "\n") == tree_of(std::string(en_schema) + r.en + "\n"));
  }
}

TEST_CASE("the header's date may be written the ISO way, numbers keep ASCII text", "[zh]") {
  std::string zh = "细则「T」 版本「1」 自 2023-04-01 起施行\n以 unit 为单位，按周评分，基础分 －０.５ 分\n";
  parse_result r = parse_text(zh);
  INFO(messages(r));
  REQUIRE(r.tree);
  CHECK(r.tree->head.effective.month == 4);
  const auto& scoring = std::get<ast::scoring_decl>(r.tree->statements.at(0));
  CHECK(scoring.base.text == "-0.5");
  CHECK_FALSE(scoring.title);  // one word at an optional label is the name alone
  CHECK(scoring.period.value == ast::period::week);
}

TEST_CASE("a label resolves in its context: the kind's attributes and choices, the roster's columns", "[zh]") {
  // `其他` is a choice label of two attributes of two kinds; each condition finds its own.
  std::string zh =
      "细则「T」 版本「1」 自 2023年4月1日 起施行\n以 unit 为单位，按月评分，基础分 100 分\n"
      "事件 甲（a）\n  种类（sort）：其他（other_a）、x 之一\n"
      "事件 乙（b）\n  种类（sort）：其他（other_b）、y 之一\n"
      "类别 区（area1）\n"
      "规则 r1 属于 区\n  每次 甲（限 种类 为 其他）：扣 1 分\n"
      "规则 r2 属于 区\n  每次 乙（限 种类 为 其他）：扣 1 分\n";
  parse_result r = parse_text(zh);
  INFO(messages(r));
  REQUIRE(r.tree);
  auto value_of = [&](std::size_t statement) {
    const auto& rule = std::get<ast::rule_decl>(r.tree->statements.at(statement));
    return std::get<ast::each_clause>(rule.amount).filter->values.at(0).word.text;
  };
  CHECK(value_of(4) == "other_a");
  CHECK(value_of(5) == "other_b");
}

TEST_CASE("a name wins over a label; an unknown label is left as written", "[zh]") {
  std::string zh =
      "细则「T」 版本「1」 自 2023年4月1日 起施行\n以 unit 为单位，按月评分，基础分 100 分\n"
      "事件 b（a）\n事件 c（b）\n类别 区（area1）\n"
      "规则 r1 属于 区\n  每次 b：扣 1 分\n"
      "规则 r2 属于 区\n  每次 不存在：扣 1 分\n";
  parse_result r = parse_text(zh);
  REQUIRE(r.tree);
  CHECK(std::get<ast::each_clause>(std::get<ast::rule_decl>(r.tree->statements.at(4)).amount).kind.text == "b");
  CHECK(std::get<ast::each_clause>(std::get<ast::rule_decl>(r.tree->statements.at(5)).amount).kind.text == "不存在");
}

TEST_CASE("names are Unicode identifiers in both surfaces, compared in NFC", "[zh]") {
  CHECK(surface::identifier_length("楼道杂物：") == std::string("楼道杂物").size());
  CHECK(surface::identifier_length("_x1 ") == 3);
  CHECK(surface::identifier_length("1x") == 0);
  CHECK(surface::identifier_length("：x") == 0);
  // An English file may name things in Chinese; a decomposed é is the composed one.
  std::string composed = "caf\xC3\xA9", decomposed = "cafe\xCC\x81";
  std::string en = "rubric \"T\" version \"1\" effective 2023-04-01\nscores each unit per month, starting at 100\n"
                   "event 楼道杂物\nevent " + decomposed + "\n";
  parse_result r = parse_text(en);
  INFO(messages(r));
  REQUIRE(r.tree);
  CHECK(std::get<ast::event_decl>(r.tree->statements.at(1)).id.text == "楼道杂物");
  CHECK(std::get<ast::event_decl>(r.tree->statements.at(2)).id.text == composed);
  // An English keyword followed by a Chinese letter is a name, not the keyword.
  CHECK_FALSE(parse_text("rubric \"T\" version \"1\" effective 2023-04-01\nscores each unit per month, starting at 100\n"
                         "event楼道 \"x\"\n").tree);
}

TEST_CASE("a label is bare when it reads back as one word", "[zh]") {
  CHECK(surface::is_bare_word_zh("流动红旗"));
  CHECK(surface::is_bare_word_zh("red_flag"));
  CHECK_FALSE(surface::is_bare_word_zh("违规停车(累进)"));
  CHECK_FALSE(surface::is_bare_word_zh("南国 细则"));
  CHECK_FALSE(surface::is_bare_word_zh("人员"));  // a keyword
  CHECK_FALSE(surface::is_bare_word_zh("3楼"));
  CHECK_FALSE(surface::is_bare_word_zh(""));
}

TEST_CASE("keywords of a surface cannot be names in it", "[zh]") {
  std::string head = "细则「T」 版本「1」 自 2023年4月1日 起施行\n";
  CHECK_FALSE(parse_text(head + "事件 规则\n").tree);
  CHECK_FALSE(parse_text(head + "事件 之一\n").tree);
  CHECK(parse_text(head + "事件 规则书\n").tree);  // a name may contain a keyword
  CHECK(parse_text(head + "事件 x\n  人员（person）：人员\n").tree);  // a keyword label before （name）
}

TEST_CASE("mixed surfaces and full-width punctuation are clear errors", "[zh]") {
  parse_result zh = parse_text("细则「T」 版本「1」 自 2023年4月1日 起施行\nevent clutter \"x\"\n");
  REQUIRE(zh.diags.size() == 1);
  CHECK(zh.diags[0].kind == diag_kind::mixed_surface);
  CHECK(zh.diags[0].message.find("`event`") != std::string::npos);
  CHECK(zh.diags[0].message.find("事件") != std::string::npos);

  parse_result en = parse_text("rubric \"T\" version \"1\" effective 2023-04-01\n每月排名\n");
  REQUIRE(en.diags.size() == 1);
  CHECK(en.diags[0].kind == diag_kind::mixed_surface);
  CHECK(en.diags[0].message.find("ranking per PERIOD") != std::string::npos);

  parse_result full = parse_text("rubric \"T：ok\" version \"1\" effective 2023-04-01 # ：ok\nscores each unit per month，starting at 100\n");
  REQUIRE(full.diags.size() == 1);  // the label and the comment may hold any character
  CHECK(full.diags[0].kind == diag_kind::fullwidth_in_english);
  CHECK(full.diags[0].message == "full-width comma `，`; use `,`");
}

TEST_CASE("the Chinese nanguo 2023-09 is its English text and checks clean", "[zh]") {
  std::string dir = std::string(RUBRIC_SOURCE_DIR) + "/tests/zh/";
  std::string zh_text = read_file(dir + "nanguo-zh/2023-09.rubric");
  std::string en_text = read_file(dir + "nanguo-en/2023-09.rubric");
  REQUIRE_FALSE(zh_text.empty());
  CHECK(tree_of(zh_text) == tree_of(en_text));
  auto checked = check_version(std::make_shared<source_file>("2023-09.rubric", zh_text));
  std::string problems;
  for (const auto& d : checked.diags) problems += std::string(d.code()) + " " + d.message + "\n";
  CHECK(problems.empty());
}
