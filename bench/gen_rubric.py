#!/usr/bin/env python3
"""Writes a large, realistic rubric for timing `rubric check`, in either surface.

    bench/gen_rubric.py OUT.rubric [--lines 2000] [--surface zh|en]

The rubric is shaped like the reference one (rubrics/nanguo-xinjiayuan), only longer: events with
choices, yes-or-no and count fields, areas, rules with conditions (`if ..., otherwise`), per-count
points, monthly caps and exemptions, vetoes, a monthly ranking with a distinction and yearly
awards. Rules and vetoes are added until the file has at least the lines asked for; it checks
clean (bench/check_bench.cpp refuses a rubric with errors). Deterministic: the same arguments
give the same bytes.
"""
import argparse

EVENTS = 40
AREAS = 12
CHOICES = 6


def header_zh(lines):
    lines += [
        "# 生成的大型细则：用于测量 rubric check 的速度。",
        "",
        "细则「大型细则 测试」 版本「2024-01」 自 2024年1月1日 起施行",
        "",
        "以 单元（unit） 为单位，按月评分，基础分 100 分",
        "",
        "角色 楼栋长（building_head）",
        "",
    ]
    for e in range(EVENTS):
        choices = "、".join(f"选项{e}之{c}（c{e}_{c}）" for c in range(CHOICES))
        lines += [
            f"事件 事项{e}（ev{e}）",
            f"  已处理{e}（done{e}）：是或否，默认 否",
            f"  类型{e}（sort{e}）：{choices} 之一",
            f"  数量{e}（count{e}）：整数，至少 1，默认 1",
            "",
        ]
    for a in range(AREAS):
        lines.append(f"类别 类别{a}（area{a}）")
    lines.append("")


def header_en(lines):
    lines += [
        "# A generated large rubric: for timing rubric check.",
        "",
        'rubric "Large rubric test" version "2024-01" effective 2024-01-01',
        "",
        'scores each unit "单元" per month, starting at 100',
        "",
        'role building_head "楼栋长"',
        "",
    ]
    for e in range(EVENTS):
        choices = ", ".join(f'c{e}_{c} "选项{e}之{c}"' for c in range(CHOICES))
        lines += [
            f'event ev{e} "事项{e}"',
            f'  done{e} "已处理{e}": true or false, default false',
            f'  sort{e} "类型{e}": one of {choices}',
            f'  count{e} "数量{e}": integer at least 1, default 1',
            "",
        ]
    for a in range(AREAS):
        lines.append(f'area area{a} "类别{a}"')
    lines.append("")


def rule_zh(lines, r):
    e, a = r % EVENTS, r % AREAS
    lines.append(f"规则 规则{r}（rule{r}） 属于 类别{a}")
    shape = r % 3
    if shape == 0:
        lines.append(f"  每次 事项{e}：已处理{e} 的 扣 {1 + r % 3} 分，否则 扣 {4 + r % 3} 分")
        lines.append(f"  每月最多扣 {15 + r % 5} 分")
    elif shape == 1:
        lines.append(f"  每次 事项{e}：每 数量{e} 扣 {1 + r % 4} 分")
        lines.append(f"  每月最多扣 {10 + r % 7} 分")
    else:
        lines.append(f"  每次 事项{e}：加 {1 + r % 5} 分")
        lines.append(f"  每月最多加 {9 + r % 4} 分")
    if r % 2 == 0:
        lines.append(f"  # 第 {r} 条：生活必需品不予扣分。")
        lines.append(f"  豁免「第 {r} 条的豁免」：类型{e} 为 选项{e}之0、选项{e}之1 之一")
    lines.append("")


def rule_en(lines, r):
    e, a = r % EVENTS, r % AREAS
    lines.append(f'rule rule{r} "规则{r}" in area{a}')
    shape = r % 3
    if shape == 0:
        lines.append(f"  each ev{e}: -{1 + r % 3} if done{e}, otherwise -{4 + r % 3}")
        lines.append(f"  capped at -{15 + r % 5} per month")
    elif shape == 1:
        lines.append(f"  each ev{e}: -{1 + r % 4} per count{e}")
        lines.append(f"  capped at -{10 + r % 7} per month")
    else:
        lines.append(f"  each ev{e}: +{1 + r % 5}")
        lines.append(f"  capped at +{9 + r % 4} per month")
    if r % 2 == 0:
        lines.append(f"  # rule {r}: necessities are not penalised.")
        lines.append(f'  exempt "第 {r} 条的豁免" when sort{e} is one of c{e}_0, c{e}_1')
    lines.append("")


def veto_zh(lines, v):
    lines += [
        f"一票否决 否决{v}（veto{v}）",
        f"  条件：有 事项{v % EVENTS}",
        "  后果：当月 不得评为 流动红旗",
        "",
    ]


def veto_en(lines, v):
    lines += [
        f'veto veto{v} "否决{v}"',
        f"  when any ev{v % EVENTS}",
        "  effect not eligible for red_flag this month",
        "",
    ]


def footer_zh(lines):
    lines += [
        "每月排名",
        "  按 得分 从高到低 排序",
        "    其次按 扣分次数 从少到多",
        "  并列者名次相同",
        "  第 1 至 3 名授予 流动红旗（red_flag）",
        "",
        "每年评奖",
        "  按 流动红旗 从多到少 排序",
        "    其次按 总分 从高到低",
        "  并列者名次相同",
        "  仅限至少获 1 次 流动红旗",
        "  第 1 名补贴 30%",
        "  第 2 名补贴 20%",
        "  第 3 名补贴 10%",
    ]


def footer_en(lines):
    lines += [
        "ranking per month",
        "  order by score, higher first",
        "    then by deductions, fewer first",
        "  ties share a rank",
        '  award red_flag "流动红旗" to ranks 1 to 3',
        "",
        "awards per year",
        "  order by red_flag, more first",
        "    then by total score, higher first",
        "  ties share a rank",
        "  only with at least 1 red_flag",
        "  subsidy 30% to rank 1",
        "  subsidy 20% to rank 2",
        "  subsidy 10% to rank 3",
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--lines", type=int, default=2000)
    ap.add_argument("--surface", choices=["zh", "en"], default="zh")
    args = ap.parse_args()
    zh = args.surface == "zh"
    header, rule, veto, footer = (header_zh, rule_zh, veto_zh, footer_zh) if zh else (header_en, rule_en, veto_en, footer_en)
    lines = []
    header(lines)
    footer_lines = []
    footer(footer_lines)
    r = v = 0
    # One veto per ten rules, until the rubric is as long as asked.
    while len(lines) + len(footer_lines) < args.lines:
        if r % 10 == 9:
            veto(lines, v)
            v += 1
        rule(lines, r)
        r += 1
    lines += footer_lines
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
