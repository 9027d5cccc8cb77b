// A version in plain words (lang/describe): every rule form, veto, grade, ranking, awards clause
// and kind, in Chinese and in English, by labels (a name only where there is no label).
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "lang/check/checked.hpp"
#include "lang/describe.hpp"
#include "lang/i18n.hpp"

using namespace rubric;

namespace {

// Sets the message language for one test and restores English after it.
struct chosen_language {
  explicit chosen_language(i18n::language lang) { i18n::set_language(lang); }
  ~chosen_language() { i18n::set_language(i18n::language::en); }
};

// A monthly version with the events every test below counts, then `body`.
constexpr const char* schema = R"(rubric "测试细则" version "1" effective 2024-01-01
scores each unit "单元" per month, starting at 100
role unit_head "单元长"
roster
  building "楼栋": one of a "甲栋", b "乙栋"
  households: integer at least 0
event clutter "楼道杂物"
  item "物品": one of wheelchair "轮椅", stroller "婴儿车", boxes "纸箱"
  count "数量": integer at least 1, default 1
event dispute "矛盾纠纷"
  resolved "已调解": true or false, default false
event commendation "好人好事"
event inspection "巡查扣分"
  points "扣分": decimal at least -10 at most 0
event parking "违规停车"
event fire_exit "消防通道堵塞"
  cleared "清除日期": date, optional
event volunteer "志愿服务"
  hours "时长": decimal above 0
event complaint "业主投诉"
event criterion_met "星级评定"
  criterion "评定项目": one of tidy_yard "庭院整洁", thrift "勤俭节约"
event check "卫生检查"
  score: decimal at least 0 at most 10
event duty_review "三长履职评议"
  person "人员": person
  result "结果": one of fulfilled "履职", not_fulfilled "未履职"
event wire "飞线充电"
area hygiene "环境卫生"
area safety "消防安全" worth 40
)";

struct described {
  std::unique_ptr<lang::version_result> result;
  lang::version_description d;
};

described describe(const std::string& body) {
  described out;
  out.result = std::make_unique<lang::version_result>(
      lang::check_version(std::make_shared<const lang::source_file>("t.rubric", std::string(schema) + body)));
  std::string problems;
  for (const auto& diag : out.result->diags) problems += diag.message + "\n";
  INFO(problems);
  REQUIRE(out.result->version);
  out.d = lang::describe(*out.result->version);
  return out;
}

// The one rule of `body`, described in `lang`.
lang::described_rule rule_in(i18n::language lang, const std::string& body) {
  chosen_language chosen(lang);
  auto result = describe(body);
  REQUIRE(result.d.rules.size() == 1);
  return result.d.rules.front();
}

using i18n::language;

}  // namespace

TEST_CASE("describe: a fixed amount per event, with a cap and an exemption, reads like the council's own 细则") {
  const char* body = R"(rule corridor_clutter "楼道杂物" in hygiene
  each clutter: -2
  capped at -10 per month
  exempt "轮椅、婴儿车属生活必需品" when item is one of wheelchair, stroller
)";
  auto zh = rule_in(language::zh, body);
  CHECK(zh.sentence == "楼道杂物：每次扣 2 分，每月最多扣 10 分；轮椅、婴儿车不算（轮椅、婴儿车属生活必需品）");
  CHECK(zh.area == "环境卫生");
  CHECK(zh.kind == "楼道杂物");
  CHECK(zh.amount == "每次扣 2 分");
  CHECK(zh.caps == std::vector<std::string>{"每月最多扣 10 分"});
  REQUIRE(zh.exemptions.size() == 1);
  CHECK(zh.exemptions[0].reason == "轮椅、婴儿车属生活必需品");
  CHECK(zh.exemptions[0].condition == "物品为轮椅、婴儿车之一");
  CHECK(zh.deducts);
  auto en = rule_in(language::en, body);
  CHECK(en.sentence ==
        "楼道杂物: 2 points off each time, at most 10 deducted per month; 轮椅, 婴儿车 do not count (轮椅、婴儿车属生活必需品)");
}

TEST_CASE("describe: the kind is named when the rule's label does not say it, and an award reads as one") {
  const char* body = "rule good_deed \"好人好事奖励\" in hygiene\n  each commendation: +3\n  capped at +9 per month\n";
  auto zh = rule_in(language::zh, body);
  CHECK(zh.sentence == "好人好事奖励：每次好人好事加 3 分，每月最多加 9 分");
  CHECK_FALSE(zh.deducts);
  auto en = rule_in(language::en, body);
  CHECK(en.sentence == "好人好事奖励: 3 points added for each 好人好事, at most 9 awarded per month");
  CHECK(rule_in(language::en, "rule one \"一分\" in hygiene\n  each commendation: +1\n").amount == "1 point added for each 好人好事");
}

TEST_CASE("describe: alternatives, an amount times an attribute, and a filter") {
  const char* tiers = "rule neighbour_dispute \"邻里纠纷\" in hygiene\n  each dispute: -2 if resolved, otherwise -5\n";
  CHECK(rule_in(language::zh, tiers).sentence == "邻里纠纷：每次矛盾纠纷：已调解的扣 2 分，否则扣 5 分");
  CHECK(rule_in(language::en, tiers).sentence == "邻里纠纷: for each 矛盾纠纷, 2 points off if 已调解, otherwise 5 points off");
  const char* per = "rule corridor_clutter \"楼道杂物\" in hygiene\n  each clutter where item is boxes: -2 per count\n";
  auto zh = rule_in(language::zh, per);
  CHECK(zh.condition == "物品为纸箱");
  CHECK(zh.sentence == "楼道杂物：每次扣 2 分，乘以数量（仅限物品为纸箱的）");
  CHECK(rule_in(language::en, per).sentence == "楼道杂物: 2 points off each time, times 数量 (only where 物品 is 纸箱)");
  const char* nested = "rule r \"规则\" in hygiene\n  each clutter where not (item is boxes or count at least 3): -1\n";
  CHECK(rule_in(language::zh, nested).condition == "不是 （物品为纸箱 或 数量 至少 3）");
  CHECK(rule_in(language::en, nested).condition == "not (物品 is 纸箱 or 数量 at least 3)");
}

TEST_CASE("describe: recorded amounts, escalation and daily amounts") {
  const char* recorded = "rule inspection_finding \"巡查发现问题\" in hygiene\n  each inspection: recorded points from -5 to -2\n";
  CHECK(rule_in(language::zh, recorded).amount == "按登记的扣分计分，从 -5 到 -2");
  CHECK(rule_in(language::en, recorded).amount == "the points recorded as 扣分, from -5 to -2");
  const char* escalating =
      "rule repeat_parking \"违规停车(累进)\" in hygiene\n  each parking: escalating warning, -5, -20 within 12 months\n";
  CHECK(rule_in(language::zh, escalating).amount ==
        "12 个月内每次违规停车：第 1 次警告，第 2 次扣 5 分，第 3 次起每次扣 20 分");
  CHECK(rule_in(language::en, escalating).amount ==
        "for each 违规停车 within 12 months: time 1: a warning, time 2: 5 points off, from time 3 on, 20 points off each time");
  const char* daily = "rule blocked \"消防通道堵塞\" in safety\n  each fire_exit: -2 per day until cleared\n  capped at -20 per month\n";
  CHECK(rule_in(language::zh, daily).sentence == "消防通道堵塞：每天扣 2 分，直至清除日期，每月最多扣 20 分");
  CHECK(rule_in(language::en, daily).sentence == "消防通道堵塞: 2 points off a day until 清除日期, at most 20 deducted per month");
}

TEST_CASE("describe: totals, absence, distinct values and averages over the period") {
  const char* total = "rule volunteer_hours \"志愿服务时长\" in hygiene\n  total hours of volunteer: +1 per full 2\n";
  CHECK(rule_in(language::zh, total).amount == "志愿服务的时长合计每满 2 加 1 分");
  CHECK(rule_in(language::en, total).amount == "1 point added per full 2 of the total 时长 of 志愿服务");
  const char* absence = "rule no_complaints \"无投诉月\" in hygiene\n  no complaint: +2\n";
  CHECK(rule_in(language::zh, absence).amount == "当月没有业主投诉的，加 2 分");
  CHECK(rule_in(language::en, absence).amount == "2 points added for a month with no 业主投诉");
  const char* distinct = "rule stars \"星级文明户\" in hygiene\n  distinct criterion of criterion_met: +2\n";
  CHECK(rule_in(language::zh, distinct).amount == "星级评定每有一种不同的评定项目，加 2 分");
  CHECK(rule_in(language::en, distinct).amount == "2 points added for each different 评定项目 of 星级评定");
  // An attribute without a label is named.
  const char* weighted = "rule inspected \"检查\" in hygiene\n  average score of check: 50%\n";
  CHECK(rule_in(language::zh, weighted).amount == "卫生检查的score平均值按 50% 计");
  CHECK(rule_in(language::en, weighted).amount == "the average score of 卫生检查, counted at 50%");
  const char* scaled = "rule weekly \"周均分\" in hygiene\n  average score of check: times 10\n";
  CHECK(rule_in(language::zh, scaled).amount == "卫生检查的score平均值，乘以10");
  CHECK(rule_in(language::en, scaled).amount == "the average score of 卫生检查, times 10");
}

TEST_CASE("describe: caps at several cadences and count limits") {
  const char* body = R"(rule noise "噪音投诉" in hygiene
  each complaint: -3
  capped at -3 per day
  capped at -12 per month
  counted at most 5 times per month
)";
  auto zh = rule_in(language::zh, body);
  CHECK(zh.caps == std::vector<std::string>{"每日最多扣 3 分", "每月最多扣 12 分"});
  CHECK(zh.limits == std::vector<std::string>{"每月最多计 5 次"});
  auto en = rule_in(language::en, body);
  CHECK(en.sentence == "噪音投诉: 3 points off for each 业主投诉, at most 3 deducted per day, at most 12 deducted per month, "
                       "counted at most 5 times per month");
  auto once = rule_in(language::zh, "rule drill \"消防演练\" in safety\n  each commendation: +5\n  counted at most once per year\n");
  CHECK(once.limits == std::vector<std::string>{"每年只计一次"});
}

TEST_CASE("describe: vetoes with each effect and duration") {
  const char* body = R"(veto wire_veto "飞线充电一票否决"
  when any wire
  effect score set to 0 this month
  effect not eligible for red_flag this and next year
veto clutter_veto "堆放一票否决"
  when any clutter where item is boxes
  effect lowest grade this year
grades
  good "良好" at least 80
  fail "不合格" otherwise
ranking per month
  order by score, higher first
  ties share a rank
  award red_flag "流动红旗" to top 3
)";
  {
    chosen_language zh(language::zh);
    auto d = describe(body).d;
    REQUIRE(d.vetoes.size() == 2);
    CHECK(d.vetoes[0].sentence == "飞线充电一票否决：有飞线充电的，当月得分记为 0，本年度及下一年度不得评为“流动红旗”");
    CHECK(d.vetoes[1].condition == "物品为纸箱");
    CHECK(d.vetoes[1].sentence == "堆放一票否决：有楼道杂物（物品为纸箱）的，本年度内记为最低等级");
    CHECK(d.grades == std::vector<std::string>{"良好：80 分及以上", "不合格：其余"});
  }
  auto d = describe(body).d;
  CHECK(d.vetoes[0].effects == std::vector<std::string>{"score set to 0 this month", "not eligible for `流动红旗` this and next year"});
  CHECK(d.vetoes[1].sentence == "堆放一票否决: a unit with any 楼道杂物 recorded where 物品 is 纸箱: lowest grade for the rest of the year");
  CHECK(d.grades == std::vector<std::string>{"良好: at least 80 points", "不合格: any other score"});
}

TEST_CASE("describe: the ranking, the awards and the role-holder subsidy") {
  const char* body = R"(grades
  good "良好" at least 80
  fail "不合格" otherwise
ranking per month
  only where building is a and households at least 4
  only graded at least good
  within each building
  order by score, higher first
    then by deductions, fewer first
  ties share a rank
  award red_flag "流动红旗" to ranks 1 to 3
  award yellow_card "黄牌警示" to bottom 1
awards per year
  order by red_flag, more first
    then by total score, higher first
  ties share a rank
  only with at least 2 red_flag
  subsidy 30% to rank 1
  award best_unit_head "最佳单元长" to unit_head of rank 1
  award streak "三连冠" for 3 months in a row with red_flag
role_subsidy "三长物业费补贴" 20%
  when at least 1 duty_review where result is fulfilled
  unless any duty_review where result is not_fulfilled
)";
  {
    chosen_language zh(language::zh);
    auto d = describe(body).d;
    CHECK(d.ranking == std::vector<std::string>{
                           "每月按得分（从高到低），其次按扣分次数（从少到多）排名",
                           "各项都相同的，名次并列",
                           "仅楼栋为甲栋 且 households 至少 4的参加排名",
                           "仅等级不低于“良好”的参加排名",
                           "按楼栋分别排名",
                           "第 1 至 3 名授予“流动红旗”",
                           "后 1 名授予“黄牌警示”",
                       });
    CHECK(d.awards == std::vector<std::string>{
                          "每年评奖，按流动红旗次数（从多到少），其次按总分（从高到低）排名",
                          "各项都相同的，名次并列",
                          "至少获得 2 次“流动红旗”的，方可获得补贴",
                          "第 1 名补贴物业费 30%",
                          "第 1 名的单元长授予“最佳单元长”",
                          "连续 3 个月获“流动红旗”的，授予“三连冠”",
                      });
    CHECK(d.role_subsidy == "三长物业费补贴：全年至少 1 次三长履职评议（结果为履职） 且 没有三长履职评议（结果为未履职）的，补贴物业费 20%");
  }
  auto d = describe(body).d;
  CHECK(d.ranking[0] == "units are ranked each month by score (higher first), then by deductions (fewer first)");
  CHECK(d.ranking[2] == "only units where 楼栋 is 甲栋 and households at least 4 are ranked");
  CHECK(d.awards[2] == "only units with \"流动红旗\" at least 2 times get a subsidy");
  CHECK(d.awards[5] == "awarded: \"三连冠\" to units with \"流动红旗\" 3 months in a row");
  CHECK(d.role_subsidy == "三长物业费补贴: 20% for every role holder with, over the year, at least 1 三长履职评议 where 结果 is 履职 "
                          "and no 三长履职评议 where 结果 is 未履职");
}

TEST_CASE("describe: groups ranked by their average, and area budgets") {
  const char* body = R"(ranking per month
  rank each building by its average score
  order by score, higher first
  ties share a rank
  award red_flag "红旗小组" to top 1
)";
  chosen_language zh(language::zh);
  auto d = describe(body).d;
  CHECK(d.ranking.front() == "每月按楼栋分组，以组内平均分排名");
  CHECK(d.ranking.back() == "前 1 名授予“红旗小组”");
  REQUIRE(d.areas.size() == 2);
  CHECK(d.areas[0].sentence == "环境卫生");
  CHECK(d.areas[1].sentence == "消防安全：满分 40 分，扣完为止");
  CHECK(d.scoring == "以单元为单位，每月评分一次，基础分 100 分");
}

TEST_CASE("describe: each kind with what to record: labels, types, choices, bounds, required or not") {
  {
    chosen_language zh(language::zh);
    auto d = describe("").d;
    const auto& clutter = d.kinds[0];
    CHECK(clutter.label == "楼道杂物");
    REQUIRE(clutter.attributes.size() == 2);
    const auto& item = clutter.attributes[0];
    CHECK(item.name == "item");
    CHECK(item.label == "物品");
    CHECK(item.type == lang::ast::type_kind::choice);
    CHECK(item.choice_names == std::vector<std::string>{"wheelchair", "stroller", "boxes"});
    CHECK(item.choice_labels == std::vector<std::string>{"轮椅", "婴儿车", "纸箱"});
    CHECK(item.required);
    const auto& count = clutter.attributes[1];
    CHECK_FALSE(count.required);
    CHECK(count.min == decimal::from_units(decimal::scale));
    CHECK_FALSE(count.max);
    CHECK(count.default_text == "1");
    CHECK(clutter.sentence == "楼道杂物：物品：轮椅、婴儿车、纸箱之一，必填；数量：整数，至少 1，可不填（默认1）");
    CHECK(d.kinds[1].sentence == "矛盾纠纷：已调解：是或否，可不填（默认否）");
    CHECK(d.kinds[2].sentence == "好人好事：只登记日期和单元");
    CHECK(d.kinds[3].attributes[0].type_text == "小数，至少 -10，至多 0");
    CHECK(d.kinds[5].attributes[0].sentence == "清除日期：日期，可不填");
    CHECK(d.kinds[6].attributes[0].min_exclusive);
    CHECK(d.kinds[6].attributes[0].type_text == "小数，大于 0");
  }
  auto d = describe("").d;
  CHECK(d.kinds[0].sentence == "楼道杂物: 物品: one of 轮椅, 婴儿车, 纸箱; required; 数量: whole number, at least 1; may be left "
                               "empty (then 1)");
  CHECK(d.kinds[1].sentence == "矛盾纠纷: 已调解: true or false; may be left empty (then false)");
  // An attribute without a label is named by its name.
  CHECK(d.kinds[9].attributes[0].label == "score");
}

TEST_CASE("describe: a kind lists the rules, vetoes and role subsidy that count it") {
  const char* body = R"(rule clutter_rule "楼道杂物" in hygiene
  each clutter: -2
veto clutter_veto "堆放一票否决"
  when any clutter
  effect score set to 0 this month
role_subsidy "三长物业费补贴" 20%
  when at least 1 duty_review where result is fulfilled
)";
  auto d = describe(body).d;
  CHECK(d.kinds[0].rules == std::vector<std::string>{"楼道杂物"});
  CHECK(d.kinds[0].vetoes == std::vector<std::string>{"堆放一票否决"});
  CHECK(d.kinds[10].rules == std::vector<std::string>{"三长物业费补贴"});
  CHECK(d.kinds[2].rules.empty());
}
