// Every syntax error message of the Chinese surface, keyed by the rule of lang/grammar_zh.hpp that
// failed after a commit point. English text, like every message (the catalogue translates it);
// the Chinese forms it quotes are the syntax itself.
#pragma once

#include "lang/grammar_zh.hpp"

namespace rubric::lang::grammar_zh {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

#define RUBRIC_ERROR(rule, text) \
  template <>                    \
  inline constexpr const char* error_message<rule> = text;

RUBRIC_ERROR(header, "expected the header: 细则「NAME」 版本「ID」 自 2023年9月1日 起施行")
RUBRIC_ERROR(title_label, "expected a title in 「」, like 「南国新家园 文明单元评比细则」")
RUBRIC_ERROR(version_label, "expected the version id in 「」, like 「2023-09」")
RUBRIC_ERROR(exempt_reason, "expected the exemption's reason in 「」, like 「轮椅、婴儿车属生活必需品」")
RUBRIC_ERROR(subsidy_title, "expected the subsidy's title in 「」, like 「三长物业费补贴」")
RUBRIC_ERROR(corner_close, "expected `」` to close the label; a label ends on the line it starts")
RUBRIC_ERROR(curly_close, "expected `”` to close the label; a label ends on the line it starts")
RUBRIC_ERROR(ascii_close, "expected `\"` to close the label; a label ends on the line it starts")
RUBRIC_ERROR(date, "expected a date, like 2023年9月1日 or 2023-09-01")
RUBRIC_ERROR(number, "expected a number, like 5, -2 or 0.5")
RUBRIC_ERROR(magnitude, "expected a number without a sign: `扣` deducts and `加` adds, like `扣 2 分`")
RUBRIC_ERROR(percent, "expected a percentage, like 30%")
RUBRIC_ERROR(share_percent, "expected a percentage of the units ranked, like 10%")
RUBRIC_ERROR(percent_sign, "expected `%` after the number")
RUBRIC_ERROR(period_word, "expected a period: 日, 周, 月, 季度, 半年 or 年")
RUBRIC_ERROR(window_unit, "expected 天, 周, 个月 or 年")
RUBRIC_ERROR(window_within, "expected `内`, as in `12 个月内`")
RUBRIC_ERROR(decl, "expected a label and its name, like `楼道杂物（clutter）`, or one name")
RUBRIC_ERROR(paren_name, "expected the name in parentheses after a quoted label, like 「违规停车(累进)」（repeat_parking）")
RUBRIC_ERROR(declared_name, "expected a name: letters, digits and `_`, not starting with a digit, and not a keyword")
RUBRIC_ERROR(close_paren, "expected `）` to close the parenthesis")
RUBRIC_ERROR(kind_ref, "expected an event kind, by its label or name")
RUBRIC_ERROR(attribute_ref, "expected an attribute, by its label or name")
RUBRIC_ERROR(area_ref, "expected an area, by its label or name")
RUBRIC_ERROR(distinction_ref, "expected a distinction, by its label or name, like 流动红旗")
RUBRIC_ERROR(role_ref, "expected a role, by its label or name, like 单元长")
RUBRIC_ERROR(grade_ref, "expected a grade, by its label or name, like 合格")
RUBRIC_ERROR(colon, "expected `：`")
RUBRIC_ERROR(comma, "expected `，`")
RUBRIC_ERROR(consequence_day, "expected `天`: a consequence's deadline is a number of days, like `限 7 天内`")
RUBRIC_ERROR(consequence_action, "expected the action in 「」, like 「通报批评」")
RUBRIC_ERROR(alternatives_comma, "expected `，` and the next alternative, or `，否则 AMOUNT`: the amount when no condition holds")
RUBRIC_ERROR(literal, "expected a value: a choice, a number, `是` or `否`")
RUBRIC_ERROR(attribute_type, "expected a type: 是或否, 整数, 小数, 人员, 日期, or choices like `轮椅、婴儿车 之一`")
RUBRIC_ERROR(kw_one_of, "expected `之一` after the choices, with a space before it: `轮椅、婴儿车 之一`")
RUBRIC_ERROR(attribute_option, "expected `默认 VALUE`, `可空` or `必填` after `，`")
RUBRIC_ERROR(condition, "expected a condition, like `已调解` or `物品 为 轮椅、婴儿车 之一`")
RUBRIC_ERROR(unary, "expected a condition after the operator")
RUBRIC_ERROR(conjunction, "expected a condition after `或`")
RUBRIC_ERROR(amount, "expected an amount, like `扣 5 分` or `每 数量 扣 2 分`")
RUBRIC_ERROR(amount_choices, "expected an amount, like `扣 5 分`, or alternatives like `已调解 的 扣 2 分，否则 扣 5 分`")
RUBRIC_ERROR(otherwise_amount, "expected `否则 AMOUNT`: the amount when no condition holds")
RUBRIC_ERROR(points, "expected an amount: `加 N 分`, `扣 N 分` or `计 N 分`")
RUBRIC_ERROR(kw_points, "expected `分`, as in `扣 2 分`")
RUBRIC_ERROR(escalation_steps, "expected the amounts, first time first, like `警告、扣 5 分、扣 10 分`")
RUBRIC_ERROR(escalation_window, "expected the look-back window, like `12 个月内`")
RUBRIC_ERROR(kw_until, "expected `直至 ATTRIBUTE`: the date attribute that ends the violation")
RUBRIC_ERROR(kw_scored_as, "expected `计分`, as in `按登记的 分值 计分，范围 -5 至 -2`")
RUBRIC_ERROR(kw_range, "expected `范围`, as in `范围 -5 至 -2`")
RUBRIC_ERROR(kw_to, "expected `至`")
RUBRIC_ERROR(kw_per_full, "expected `每满 STEP`, as in `每满 2 加 1 分`")
RUBRIC_ERROR(kw_per_item, "expected `每项`, as in `每项 加 2 分`")
RUBRIC_ERROR(average_factor, "expected the average's weight, like `按 30% 计`, or a scale, like `乘以 10`")
RUBRIC_ERROR(kw_count, "expected `计`, as in `按 30% 计`")
RUBRIC_ERROR(kw_in, "expected `属于 AREA`: the area this rule belongs to")
RUBRIC_ERROR(kw_when, "expected `条件：有 KIND`")
RUBRIC_ERROR(kw_any, "expected `有`, as in `条件：有 飞线充电`")
RUBRIC_ERROR(veto_effect, "expected the veto's effect, like `后果：当月 不得评为 流动红旗`")
RUBRIC_ERROR(effect_duration, "expected how long the effect lasts: `当月`, `当年` or `当年及次年`")
RUBRIC_ERROR(effect_action, "expected what the veto does: `不得评为 DISTINCTION`, `得分记为 N 分` or `评为最低等级`")
RUBRIC_ERROR(direction, "expected a direction: 从高到低, 从低到高, 从多到少 or 从少到多")
RUBRIC_ERROR(kw_sorted, "expected `排序`, as in `按 得分 从高到低 排序`")
RUBRIC_ERROR(order_term, "expected an ordering key and direction, like `扣分次数 从少到多`")
RUBRIC_ERROR(kw_award, "expected `授予`")
RUBRIC_ERROR(kw_won, "expected `获`, as in `连续 3 周获 流动红旗`")
RUBRIC_ERROR(kw_time_unit, "expected `次`")
RUBRIC_ERROR(person_test, "expected a test: `条件：至少 N 次 KIND` or `除非：有 KIND`")
RUBRIC_ERROR(kw_least, "expected `至少`")
RUBRIC_ERROR(kw_version, "expected `版本「ID」`")
RUBRIC_ERROR(kw_from_date, "expected `自 DATE 起施行`")
RUBRIC_ERROR(time_of_day, "expected the time the span ends, written HH:MM, as in `07:00 至 09:00`")
RUBRIC_ERROR(kw_in_force, "expected `起施行`")
RUBRIC_ERROR(kw_as_unit, "expected `为单位`, with a space before it: `以 单元（unit） 为单位`")
RUBRIC_ERROR(kw_by, "expected `按`, as in `按月评分`")
RUBRIC_ERROR(kw_scored, "expected `评分`, as in `按月评分`")
RUBRIC_ERROR(kw_base, "expected `基础分 N 分`")
RUBRIC_ERROR(kw_spend_part, "expected `分的部分可兑换`, as in `仅超出 100 分的部分可兑换`")
RUBRIC_ERROR(kw_of, "expected `的`, as in `兑换时扣减 兑换登记 的 积分`")
RUBRIC_ERROR(end_of_file,
             "expected a clause (每次, 无, 每月最多扣, 每年只计一次, 豁免, 按 … 排序, 其次按, 并列者名次相同, 第 N 名授予, "
             "仅限, 条件, 除非, 后果), a statement (以, 角色, 事件, 类别, 规则, 一票否决, 每月排名, 每年评奖, 履职补贴, "
             "等级, 花名册) or the end of the file")

#undef RUBRIC_ERROR

struct error_table {
  template <typename Rule>
  static constexpr const char* message = error_message<Rule>;
  template <typename Rule>
  static constexpr bool raise_on_failure = false;
};

}  // namespace rubric::lang::grammar_zh
