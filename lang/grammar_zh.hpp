// The Chinese surface of the rubric language (docs/zh/语言.md) as pure PEGTL types. It gives the same
// syntax tree as the English grammar (lang/grammar.hpp): lang/ast_builder_zh.cpp builds it, and
// grammar_zh_errors.hpp holds the messages.
//
// Layout: as in English, every token consumes the blanks and comments after it. Keywords may touch
// what follows them (`每月最多扣10分`); a name runs to the next blank or punctuation, so a name is
// followed by a blank before a keyword (`规则 楼道杂物 属于 环境卫生`). Clauses that begin with a
// name (`志愿服务 的 时长 合计`) commit only once their keyword is seen, so that the parser can try
// the next alternative; clauses that begin with their own keyword commit at once.
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

#include <tao/pegtl.hpp>

#include "lang/grammar_words.hpp"

namespace rubric::lang::grammar_zh {

namespace p = tao::pegtl;
using grammar::identifier_char;
using grammar::unicode_identifier;

#define ZH(text) TAO_PEGTL_STRING(text)

// ---- blanks and comments ---------------------------------------------------------------------
struct ideographic_space : ZH("　") {};
struct comment : p::seq<p::sor<p::one<'#'>, ZH("＃")>, p::until<p::eolf>> {};
struct skip : p::star<p::sor<p::plus<p::space>, ideographic_space, comment>> {};
template <typename Rule>
struct token : p::seq<Rule, skip> {};

// ---- keywords ----------------------------------------------------------------------------------
// Every keyword of the surface; a name may not be one of these words (it may contain them).
inline constexpr auto reserved_words = std::to_array<std::string_view>({
    "细则", "版本", "自", "起施行", "以", "为单位", "按", "评分", "基础分", "分", "角色", "事件", "花名册", "类别",
    "满分", "规则", "属于", "每次", "每", "每日", "每项", "每满", "加", "扣", "计", "的", "否则", "限", "按登记的",
    "计分", "范围", "至", "累进", "警告", "天内", "周内", "个月内", "年内", "直至", "合计", "无", "不同", "平均",
    "乘以", "最多", "只计一次", "次", "豁免", "为", "不为", "之一", "至少", "至多", "大于", "小于", "且", "或",
    "并非", "是", "否", "是或否", "整数", "小数", "人员", "日期", "默认", "可空", "必填", "一票否决", "条件", "有",
    "后果", "当", "及次", "不得评为", "得分记为", "评为最低等级", "等级", "其余", "排名", "排序", "其次按",
    "从高到低", "从低到高", "从多到少", "从少到多", "得分", "扣分次数", "总分", "并列者名次相同", "第", "名授予",
    "名的", "名补贴", "前", "后", "授予", "连续", "获", "仅限", "仅限等级不低于", "仅限至少获", "分别排名",
    "的平均分排名", "评奖", "履职补贴", "除非", "日", "周", "月", "季度", "半年", "年", "天", "个月", "最多计",
    "最多加", "最多扣", "名", "记为", "不低于", "至少获", "评为", "处理", "其后", "余额", "兑换时扣减", "仅超出",
    "分的部分可兑换", "清零", "工作日", "周末", "周一", "周二", "周三", "周四",
    "周五", "周六", "周日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日", "以后", "之后",
    "以前", "之前", "之间"});
inline bool is_reserved_word(std::string_view word) {
  return std::find(reserved_words.begin(), reserved_words.end(), word) != reserved_words.end();
}

#define ZH_KEYWORD(name, text) \
  struct kw_##name : token<ZH(text)> {};
// Keywords that stand alone between names or values are whole words: `是否调解` is a name, not
// `是` + `否调解`.
#define ZH_WORD(name, text) \
  struct kw_##name : token<p::seq<ZH(text), p::not_at<identifier_char>>> {};
ZH_KEYWORD(rubric, "细则")
ZH_KEYWORD(version, "版本")
ZH_KEYWORD(from_date, "自")
ZH_KEYWORD(in_force, "起施行")
ZH_KEYWORD(take, "以")
ZH_KEYWORD(as_unit, "为单位")
ZH_KEYWORD(by, "按")
ZH_KEYWORD(scored, "评分")
ZH_KEYWORD(base, "基础分")
ZH_KEYWORD(points, "分")
ZH_KEYWORD(role, "角色")
ZH_KEYWORD(event, "事件")
ZH_KEYWORD(roster, "花名册")
ZH_KEYWORD(area, "类别")
ZH_KEYWORD(worth, "满分")
ZH_KEYWORD(rule, "规则")
ZH_KEYWORD(in, "属于")
ZH_KEYWORD(each, "每次")
ZH_KEYWORD(per, "每")
ZH_KEYWORD(per_day, "每日")
ZH_KEYWORD(per_item, "每项")
ZH_KEYWORD(per_full, "每满")
ZH_KEYWORD(add, "加")
ZH_KEYWORD(deduct, "扣")
ZH_KEYWORD(count, "计")
ZH_WORD(of, "的")
ZH_KEYWORD(otherwise, "否则")
ZH_KEYWORD(where, "限")
ZH_KEYWORD(recorded, "按登记的")
ZH_KEYWORD(scored_as, "计分")
ZH_KEYWORD(range, "范围")
ZH_KEYWORD(to, "至")
ZH_KEYWORD(escalating, "累进")
ZH_KEYWORD(warning, "警告")
ZH_KEYWORD(until, "直至")
ZH_KEYWORD(total, "合计")
ZH_KEYWORD(no, "无")
ZH_KEYWORD(distinct, "不同")
ZH_KEYWORD(average, "平均")
ZH_KEYWORD(times, "乘以")
ZH_KEYWORD(at_most, "最多")
ZH_KEYWORD(once, "只计一次")
ZH_KEYWORD(counted_at_most, "最多计")
ZH_KEYWORD(time_unit, "次")
ZH_KEYWORD(exempt, "豁免")
ZH_WORD(is, "为")
ZH_WORD(is_not, "不为")
ZH_KEYWORD(one_of, "之一")
ZH_KEYWORD(least, "至少")
ZH_KEYWORD(most, "至多")
ZH_KEYWORD(above, "大于")
ZH_KEYWORD(below, "小于")
ZH_WORD(and, "且")
ZH_WORD(or, "或")
ZH_KEYWORD(not, "并非")
ZH_WORD(true, "是")
ZH_WORD(false, "否")
ZH_KEYWORD(bool, "是或否")
ZH_KEYWORD(integer, "整数")
ZH_KEYWORD(decimal, "小数")
ZH_KEYWORD(person, "人员")
ZH_KEYWORD(date, "日期")
ZH_KEYWORD(default, "默认")
ZH_KEYWORD(optional, "可空")
ZH_KEYWORD(required, "必填")
ZH_KEYWORD(veto, "一票否决")
ZH_KEYWORD(when, "条件")
ZH_KEYWORD(any, "有")
ZH_KEYWORD(effect, "后果")
ZH_KEYWORD(consequence, "处理")
ZH_KEYWORD(this, "当")
ZH_KEYWORD(and_next, "及次")
ZH_KEYWORD(not_eligible, "不得评为")
ZH_KEYWORD(score_set, "得分记为")
ZH_KEYWORD(lowest_grade, "评为最低等级")
ZH_KEYWORD(grades, "等级")
ZH_KEYWORD(grade_otherwise, "其余")
ZH_KEYWORD(ranking, "排名")
ZH_KEYWORD(sorted, "排序")
ZH_KEYWORD(then, "其次按")
ZH_KEYWORD(higher, "从高到低")
ZH_KEYWORD(lower, "从低到高")
ZH_KEYWORD(more, "从多到少")
ZH_KEYWORD(fewer, "从少到多")
ZH_WORD(score, "得分")
ZH_WORD(deductions, "扣分次数")
ZH_WORD(total_score, "总分")
ZH_KEYWORD(ties, "并列者名次相同")
ZH_KEYWORD(rank_nth, "第")
ZH_KEYWORD(top, "前")
ZH_KEYWORD(bottom, "后")
ZH_KEYWORD(place_award, "名授予")
ZH_KEYWORD(share_next, "其后")
ZH_KEYWORD(place_of, "名的")
ZH_KEYWORD(place_subsidy, "名补贴")
ZH_KEYWORD(award, "授予")
ZH_KEYWORD(streak, "连续")
ZH_KEYWORD(won, "获")
ZH_KEYWORD(only, "仅限")
ZH_KEYWORD(only_graded, "仅限等级不低于")
ZH_KEYWORD(only_with, "仅限至少获")
ZH_KEYWORD(within, "分别排名")
ZH_KEYWORD(group_average, "的平均分排名")
ZH_KEYWORD(awards, "评奖")
ZH_KEYWORD(role_subsidy, "履职补贴")
ZH_KEYWORD(unless, "除非")
ZH_KEYWORD(balance, "余额")
ZH_KEYWORD(redeemed, "兑换时扣减")
ZH_KEYWORD(spend_above, "仅超出")
ZH_KEYWORD(spend_part, "分的部分可兑换")
ZH_KEYWORD(reset, "清零")
#undef ZH_KEYWORD
#undef ZH_WORD

// ---- punctuation: full-width as an input method types it, ASCII accepted too ----------------------
struct colon : token<p::sor<ZH("："), p::one<':'>>> {};
struct comma : token<p::sor<ZH("，"), p::one<','>>> {};
struct enumeration_comma : token<p::sor<ZH("、"), p::one<','>>> {};
struct open_paren : token<p::sor<ZH("（"), p::one<'('>>> {};
struct close_paren : token<p::sor<ZH("）"), p::one<')'>>> {};

// ---- names and labels ----------------------------------------------------------------------------
struct identifier : unicode_identifier<is_reserved_word> {};
struct name_token : token<identifier> {};

// 「…」, “…” or "…" (the last with the English escapes); a label ends on the line it starts.
struct corner_close : ZH("」") {};
struct curly_close : ZH("”") {};
struct ascii_close : p::one<'"'> {};
struct line_end : p::one<'\n', '\r'> {};
struct corner_label : p::seq<ZH("「"), p::star<p::not_at<p::sor<corner_close, line_end>>, p::any>, p::must<corner_close>> {};
struct curly_label : p::seq<ZH("“"), p::star<p::not_at<p::sor<curly_close, line_end>>, p::any>, p::must<curly_close>> {};
struct ascii_escape : p::seq<p::one<'\\'>, p::one<'"', '\\', 'n'>> {};
struct ascii_label : p::seq<p::one<'"'>, p::star<p::sor<ascii_escape, p::not_one<'"', '\\', '\n', '\r'>>>, p::must<ascii_close>> {};
struct quoted : token<p::sor<corner_label, curly_label, ascii_label>> {};

// Free text (a title, a version, a reason): quoted, or one word.
struct label : p::sor<quoted, name_token> {};
struct title_label : label {};

// A declaration: `楼道杂物（clutter）` (label, then the name), `「违规停车(累进)」（repeat_parking）`,
// or one word that is the name (and the label, where a label is required).
struct declared_name : name_token {};
struct paren_name : p::if_must<open_paren, declared_name, close_paren> {};
struct decl_quoted : quoted {};
struct decl_word : name_token {};
// Before `（name）` a one-word label may be a keyword too (`人员（person）：人员`): the parenthesis
// says it is a label. A reference to it is then quoted: `「人员」`.
inline bool nothing_reserved(std::string_view) { return false; }
struct decl_keyword_label : token<unicode_identifier<nothing_reserved>> {};
struct decl : p::sor<p::seq<decl_quoted, p::must<paren_name>>, p::seq<decl_keyword_label, paren_name>,
                     p::seq<decl_word, p::opt<paren_name>>> {};

// A reference: the declaration's label or its name; a label that is not one word is quoted.
struct reference : p::sor<quoted, name_token> {};
struct kind_ref : reference {};
struct attribute_ref : reference {};
struct area_ref : reference {};
struct distinction_ref : reference {};
struct value_ref : reference {};
struct role_ref : reference {};
struct grade_ref : reference {};
struct order_key_ref : reference {};

// ---- numbers and dates ---------------------------------------------------------------------------
struct fullwidth_digit : p::seq<p::one<'\xEF'>, p::one<'\xBC'>, p::range<'\x90', '\x99'>> {};
struct digit : p::sor<p::digit, fullwidth_digit> {};
struct sign : p::sor<p::one<'+', '-'>, ZH("＋"), ZH("－")> {};
struct point : p::sor<p::one<'.'>, ZH("．")> {};
// A number may touch the keyword after it (`扣2分`), but not a Latin letter (`3a` is a typo).
struct unsigned_text : p::seq<p::plus<digit>, p::opt<point, p::plus<digit>>, p::not_at<p::sor<p::identifier_other, point>>> {};
struct number : token<p::seq<p::opt<sign>, unsigned_text>> {};
// The amount of `加 3 分` and `扣 5 分`: the verb gives the sign.
struct magnitude : token<unsigned_text> {};
struct percent_sign : p::sor<p::one<'%'>, ZH("％")> {};
struct percent : token<p::seq<p::opt<sign>, p::plus<digit>, p::opt<point, p::plus<digit>>, p::must<percent_sign>>> {};
struct iso_date : p::seq<p::rep<4, digit>, p::one<'-'>, p::rep<2, digit>, p::one<'-'>, p::rep<2, digit>, p::not_at<digit>> {};
struct chinese_date
    : p::seq<p::rep<4, digit>, ZH("年"), p::rep_min_max<1, 2, digit>, ZH("月"), p::rep_min_max<1, 2, digit>, ZH("日")> {};
struct date : token<p::sor<chinese_date, iso_date>> {};

// 季度 and 半年 before 年 and 日, so the longer word wins.
struct period_word : token<p::sor<ZH("季度"), ZH("半年"), ZH("日"), ZH("周"), ZH("月"), ZH("年")>> {};
// A look-back window or a streak: 天, 周, 个月, 年.
struct window_unit : token<p::sor<ZH("天"), ZH("周"), ZH("个月"), ZH("年")>> {};
struct window_within : token<ZH("内")> {};

// ---- header and declarations -----------------------------------------------------------------
struct version_label : label {};
struct header : p::if_must<kw_rubric, title_label, kw_version, version_label, kw_from_date, date, kw_in_force> {};
struct scoring_decl : p::if_must<kw_take, decl, kw_as_unit, comma, kw_by, period_word, kw_scored, comma, kw_base, number,
                                 kw_points> {};
struct role_decl : p::if_must<kw_role, decl> {};

struct bound_at_least : p::if_must<kw_least, number> {};
struct bound_at_most : p::if_must<kw_most, number> {};
struct bound_above : p::if_must<kw_above, number> {};
struct bound_below : p::if_must<kw_below, number> {};
struct bound : p::sor<bound_at_least, bound_at_most, bound_above, bound_below> {};
struct bounds : p::star<comma, bound> {};

struct type_bool : kw_bool {};
struct type_integer : p::seq<kw_integer, bounds> {};
struct type_decimal : p::seq<kw_decimal, bounds> {};
struct choice_item : decl {};
struct choice_list : p::list<choice_item, enumeration_comma> {};
struct type_choice : p::seq<choice_list, p::must<kw_one_of>> {};
struct type_person : kw_person {};
struct type_date : kw_date {};
struct attribute_type : p::sor<type_bool, type_integer, type_decimal, type_person, type_date, type_choice> {};
struct literal_true : kw_true {};
struct literal_false : kw_false {};
struct literal : p::sor<literal_true, literal_false, number, value_ref> {};
struct default_option : p::if_must<kw_default, literal> {};
struct optional_option : kw_optional {};
struct required_option : kw_required {};
struct attribute_option : p::sor<default_option, optional_option, required_option> {};
struct attribute_decl : p::seq<decl, colon, p::must<attribute_type>, p::star<comma, p::must<attribute_option>>> {};
struct event_decl : p::if_must<kw_event, decl, p::star<attribute_decl>> {};

struct area_budget : p::seq<comma, kw_worth, p::must<number, kw_points>> {};
struct area_decl : p::if_must<kw_area, decl, p::opt<area_budget>> {};

// ---- conditions --------------------------------------------------------------------------------
struct condition;
struct value_list : p::list<value_ref, enumeration_comma> {};
struct is_one_of : p::seq<kw_is, value_list, kw_one_of> {};
struct is_not : p::if_must<kw_is_not, literal> {};
struct is_value : p::if_must<kw_is, literal> {};
struct comparator : p::sor<is_one_of, is_not, is_value, bound> {};
struct comparison : p::seq<attribute_ref, p::opt<comparator>> {};
struct parenthesized : p::if_must<open_paren, condition, close_paren> {};
// ---- date and time of the event (docs/zh/语言.md, "日期与时间") ----
// `工作日`, `周末`, `周一`…`周日` (or `星期一`…); `07:00至09:00`, `23:00以后`, `07:00以前`. The same
// tree as English `on weekdays`, `between 07:00 and 09:00`, `after 23:00`, `before 07:00`.
struct time_of_day : token<p::seq<p::rep_min_max<1, 2, p::digit>, p::one<':'>, p::rep<2, p::digit>, p::not_at<p::digit>>> {};
struct day_word : token<p::seq<p::sor<ZH("工作日"), ZH("周末"), ZH("周一"), ZH("周二"), ZH("周三"), ZH("周四"), ZH("周五"),
                                      ZH("周六"), ZH("周日"), ZH("星期一"), ZH("星期二"), ZH("星期三"), ZH("星期四"),
                                      ZH("星期五"), ZH("星期六"), ZH("星期日")>,
                               p::not_at<identifier_char>>> {};
struct on_days : p::seq<day_word> {};
struct time_between : p::seq<time_of_day, kw_to, p::must<time_of_day>, p::opt<token<ZH("之间")>>> {};
struct time_after : p::seq<time_of_day, p::sor<token<ZH("以后")>, token<ZH("之后")>>> {};
struct time_before : p::seq<time_of_day, p::sor<token<ZH("以前")>, token<ZH("之前")>>> {};
struct when_condition : p::sor<on_days, time_between, time_after, time_before> {};
struct unary;
struct negation : p::if_must<kw_not, unary> {};
struct unary : p::sor<negation, parenthesized, when_condition, comparison> {};
struct conjunction : p::seq<unary, p::star<kw_and, p::must<unary>>> {};
struct disjunction : p::seq<conjunction, p::star<kw_or, p::must<conjunction>>> {};
struct condition : p::seq<disjunction> {};
// `（限 C）` after the kind: only the events that meet C.
struct where_clause : p::seq<open_paren, kw_where, p::must<condition, close_paren>> {};

// ---- rules -------------------------------------------------------------------------------------
// `加 3 分` is +3, `扣 5 分` is -5, `计 N 分` is N as written (`计 0 分`).
struct points_add : p::if_must<kw_add, magnitude, kw_points> {};
struct points_deduct : p::if_must<kw_deduct, magnitude, kw_points> {};
struct points_as_written : p::seq<kw_count, number, p::must<kw_points>> {};
struct points : p::sor<points_add, points_deduct, points_as_written> {};
struct per_attribute : p::seq<kw_per, attribute_ref> {};
struct amount : p::seq<p::opt<per_attribute>, points> {};
struct guarded_amount : p::seq<condition, kw_of, p::must<amount>> {};
struct otherwise_amount : p::if_must<kw_otherwise, amount> {};
// Its own rule so that a missing `，否则 …` is reported as such (lang/parse.cpp).
struct alternatives_comma : comma {};
struct alternatives : p::seq<guarded_amount, p::must<alternatives_comma>, p::star<guarded_amount, p::must<alternatives_comma>>,
                             p::must<otherwise_amount>> {};
// These commit only once past their keyword's next word: a condition's attribute may be a name that
// begins with the keyword (`每日state 为 not_done 的 扣 10 分`).
struct recorded_amount : p::seq<kw_recorded, attribute_ref, kw_scored_as, p::must<comma, kw_range, number, kw_to, number>> {};
struct escalation_warning : kw_warning {};
struct escalation_step : p::sor<escalation_warning, points> {};
struct escalation_steps : p::list<escalation_step, enumeration_comma> {};
struct escalation_window : p::seq<number, window_unit, p::must<window_within>> {};
struct escalating_amount : p::seq<kw_escalating, escalation_steps, p::must<comma, escalation_window>> {};
struct daily_amount : p::seq<kw_per_day, points, p::must<comma, kw_until, attribute_ref>> {};
struct amount_choices : p::sor<recorded_amount, escalating_amount, daily_amount, alternatives, amount> {};
struct each_clause : p::if_must<kw_each, kind_ref, p::opt<where_clause>, colon, amount_choices> {};
// Clauses that begin with the kind commit at their own keyword.
struct total_clause : p::seq<kind_ref, kw_of, attribute_ref, kw_total,
                             p::must<p::opt<where_clause>, colon, kw_per_full, number, points>> {};
struct distinct_clause : p::seq<kind_ref, kw_of, kw_distinct,
                                p::must<attribute_ref, p::opt<where_clause>, colon, kw_per_item, points>> {};
struct times_factor : p::if_must<kw_times, number> {};
struct weight_factor : p::if_must<kw_by, percent, kw_count> {};
struct average_factor : p::sor<weight_factor, times_factor> {};
struct average_clause : p::seq<kind_ref, kw_of, attribute_ref, kw_average, p::must<p::opt<where_clause>, colon, average_factor>> {};
struct absence_clause : p::if_must<kw_no, kind_ref, p::opt<where_clause>, colon, points> {};
// `每月最多扣 10 分`, `每年只计一次`, `每月最多计 3 次`.
struct times_once : kw_once {};
struct times_count : p::seq<kw_counted_at_most, number, kw_time_unit> {};
struct count_limit_clause : p::seq<kw_per, period_word, p::sor<times_once, times_count>> {};
struct cap_clause : p::seq<kw_per, period_word, kw_at_most, points> {};
struct exempt_reason : label {};
struct exempt_clause : p::if_must<kw_exempt, exempt_reason, colon, condition> {};
// An action the council takes, with its deadline: `处理「限期整改」，限 7 天内`.
struct consequence_action : label {};
struct consequence_day : token<ZH("天")> {};
struct consequence_deadline : p::seq<comma, p::must<kw_where, number, consequence_day, window_within>> {};
struct consequence_clause : p::if_must<kw_consequence, consequence_action, p::opt<consequence_deadline>> {};
struct rule_clause : p::sor<total_clause, distinct_clause, average_clause, each_clause, absence_clause,
                            count_limit_clause, cap_clause, exempt_clause, consequence_clause> {};
struct rule_decl : p::seq<kw_rule, p::must<decl, kw_in, area_ref>, p::star<rule_clause>> {};

// ---- vetoes ------------------------------------------------------------------------------------
struct effect_not_eligible : p::if_must<kw_not_eligible, distinction_ref> {};
struct effect_score_set : p::if_must<kw_score_set, number, kw_points> {};
struct effect_lowest_grade : kw_lowest_grade {};
struct effect_action : p::sor<effect_not_eligible, effect_score_set, effect_lowest_grade> {};
struct next_period : p::if_must<kw_and_next, period_word> {};
struct effect_duration : p::if_must<kw_this, period_word, p::opt<next_period>> {};
struct veto_effect : p::if_must<kw_effect, colon, effect_duration, effect_action> {};
struct veto_decl : p::if_must<kw_veto, decl, kw_when, colon, kw_any, kind_ref, p::opt<where_clause>, veto_effect,
                              p::star<veto_effect>, p::star<consequence_clause>> {};

// ---- rankings and awards -----------------------------------------------------------------------
struct key_score : kw_score {};
struct key_deductions : kw_deductions {};
struct key_total_score : kw_total_score {};
struct order_key : p::sor<key_score, key_deductions, key_total_score, order_key_ref> {};
struct direction_higher : kw_higher {};
struct direction_lower : kw_lower {};
struct direction_more : kw_more {};
struct direction_fewer : kw_fewer {};
struct direction : p::sor<direction_higher, direction_lower, direction_more, direction_fewer> {};
struct order_term : p::seq<order_key, p::must<direction>> {};
struct first_term : p::seq<kw_by, order_key, direction> {};
struct then_term : p::if_must<kw_then, order_term> {};
struct order_clause : p::seq<first_term, p::must<kw_sorted>, p::star<then_term>> {};
struct tie_clause : kw_ties {};
struct ranks_range : p::seq<kw_rank_nth, number, kw_to, p::must<number>> {};
struct ranks_single : p::seq<kw_rank_nth, number> {};
struct ranks_top : p::if_must<kw_top, number> {};
struct ranks_bottom : p::if_must<kw_bottom, number> {};
struct rank_spec : p::sor<ranks_range, ranks_single, ranks_top, ranks_bottom> {};
// `第 1 名的 单元长 授予 …`: the holders of a role in the units so placed.
struct role_target : p::if_must<kw_place_of, role_ref, kw_award> {};
struct placed_award : p::seq<rank_spec, p::sor<kw_place_award, role_target>, p::must<decl>> {};
struct streak_target : p::if_must<kw_streak, number, window_unit, kw_won, distinction_ref, kw_award> {};
struct streak_award : p::seq<streak_target, p::must<decl>> {};
// `前 5% 授予 金奖（gold）`, `其后 10% 授予 …`, `后 10% 授予 …`: a percentage of the units ranked;
// `其后` follows the places of the shares before it.
struct share_percent : token<p::seq<p::plus<digit>, p::opt<point, p::plus<digit>>, percent_sign>> {};
struct share_top : p::seq<kw_top, share_percent> {};
struct share_bottom : p::seq<kw_bottom, share_percent> {};
struct share_next : p::if_must<kw_share_next, share_percent> {};
struct share_award : p::seq<p::sor<share_top, share_bottom, share_next>, p::must<kw_award, decl>> {};
struct distinction_decl : p::sor<share_award, placed_award, streak_award> {};
struct roster_filter : p::if_must<kw_only, condition> {};
struct within_clause : p::seq<kw_by, attribute_ref, kw_within> {};
struct group_clause : p::seq<kw_by, attribute_ref, kw_group_average> {};
struct grade_filter : p::if_must<kw_only_graded, grade_ref> {};
struct ranking_clause : p::sor<within_clause, group_clause, order_clause, tie_clause, distinction_decl, grade_filter,
                               roster_filter> {};
struct ranking_decl : p::seq<kw_per, period_word, kw_ranking, p::star<ranking_clause>> {};

struct subsidy_clause : p::seq<kw_rank_nth, number, kw_place_subsidy, p::must<percent>> {};
struct eligibility_clause : p::if_must<kw_only_with, number, kw_time_unit, distinction_ref> {};
struct awards_clause : p::sor<order_clause, tie_clause, subsidy_clause, distinction_decl, eligibility_clause,
                              roster_filter> {};
struct awards_decl : p::seq<kw_per, period_word, kw_awards, p::star<awards_clause>> {};

struct at_least_test : p::seq<kw_when, colon, kw_least, p::must<number, kw_time_unit, kind_ref>, p::opt<where_clause>> {};
struct unless_test : p::if_must<kw_unless, colon, kw_any, kind_ref, p::opt<where_clause>> {};
struct person_test : p::sor<at_least_test, unless_test> {};
struct subsidy_title : label {};
struct role_award_decl : p::if_must<kw_role_subsidy, subsidy_title, percent, person_test, p::star<person_test>> {};

// ---- the unit roster's columns and the grades ----------------------------------------------------
struct roster_decl : p::seq<kw_roster, p::star<attribute_decl>> {};
struct grade_at_least : p::if_must<kw_least, number, kw_points> {};
struct grade_otherwise : kw_grade_otherwise {};
struct grade_line : p::seq<decl, p::sor<grade_at_least, grade_otherwise>, p::star<consequence_clause>> {};
struct grades_decl : p::seq<kw_grades, p::star<grade_line>> {};

// ---- a balance carried across periods (积分银行) ----------------------------------------------------
// `兑换时扣减 兑换登记 的 积分`, `仅超出 100 分的部分可兑换`, `每年清零`. The reset starts with `每`, as
// a ranking (`每月排名`) does: it commits only at `清零`.
struct redemption_clause : p::if_must<kw_redeemed, kind_ref, kw_of, attribute_ref> {};
struct spend_floor_clause : p::if_must<kw_spend_above, number, kw_spend_part> {};
struct reset_clause : p::seq<kw_per, period_word, kw_reset> {};
struct balance_clause : p::sor<redemption_clause, spend_floor_clause, reset_clause> {};
struct balance_decl : p::if_must<kw_balance, decl, p::star<balance_clause>> {};

// ---- the file ----------------------------------------------------------------------------------
struct statement : p::sor<scoring_decl, role_decl, event_decl, area_decl, rule_decl, veto_decl, ranking_decl,
                          awards_decl, role_award_decl, grades_decl, roster_decl, balance_decl> {};
struct end_of_file : p::eof {};
struct byte_order_mark : ZH("\xEF\xBB\xBF") {};
struct rubric_file : p::seq<p::opt<byte_order_mark>, skip, p::must<header>, p::star<statement>, p::must<end_of_file>> {};

#undef ZH

}  // namespace rubric::lang::grammar_zh
