#!/usr/bin/env python3
"""Writes the reference data set (examples/nanguo) as a Chinese council keeps it: column headers,
event kinds, choices and roles by their labels in rubrics/nanguo-xinjiayuan, 是/否 for yes/no.

  examples/nanguo-zh/from_names.py [SOURCE_DIR [TARGET_DIR]]

Scoring the result gives byte-identical results to the source (tests/labels/same_scores.py).
The labels below are those the rubric declares (`item "物品": one of wheelchair "轮椅", ...`).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

COLUMNS = {"date": "日期", "unit": "单元", "kind": "类型", "person": "人员", "role": "角色",
           "resolved": "已调解", "act": "行为", "level": "层次", "item": "物品", "count": "数量",
           "hours": "时长", "result": "结果"}
# In people.csv `person` is the person's id column (人员); in an events file it is the attribute
# `person "人员"` of duty_review. Both read 人员.
KINDS = {"dispute": "矛盾纠纷", "commendation": "好人好事", "uncivil": "不文明行为", "admission": "升学",
         "clutter": "楼道杂物", "volunteer": "志愿服务", "flying_wire": "飞线充电", "duty_review": "三长履职评议"}
CHOICES = {
    "act": {"throwing_from_height": "高空抛物", "littering": "乱扔垃圾", "noise": "噪音扰民", "other": "其他"},
    "level": {"key_university": "重点大学", "university": "普通本科", "junior_college": "大专"},
    "item": {"wheelchair": "轮椅", "stroller": "婴儿车", "bicycle": "自行车", "furniture": "家具", "boxes": "纸箱",
             "other": "其他"},
    "result": {"fulfilled": "履职", "not_fulfilled": "未履职"},
}
ROLES = {"building_head": "楼栋长", "unit_head": "单元长", "floor_head": "楼层长"}
YES_NO = {"true": "是", "false": "否"}


def cell(column, value):
    if column == "kind":
        return KINDS.get(value, value)
    if column in CHOICES:
        return CHOICES[column].get(value, value)
    if column == "role":
        return ROLES.get(value, value)
    if column == "resolved":
        return YES_NO.get(value.lower(), value)
    return value


def convert_csv(source, target):
    # The reference files hold no quoted cells, so a split on commas is exact.
    with open(source, encoding="utf-8") as f:
        lines = f.read().splitlines()
    header = lines[0].split(",")
    out = [",".join(COLUMNS.get(c, c) for c in header)]
    for line in lines[1:]:
        cells = line.split(",")
        assert len(cells) == len(header) and '"' not in line, line
        out.append(",".join(cell(c, v) for c, v in zip(header, cells)))
    with open(target, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def convert_jsonl(source, target):
    out = []
    with open(source, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            converted = {}
            for key, value in row.items():
                if isinstance(value, bool):
                    value = "true" if value else "false"
                if isinstance(value, str):
                    value = cell(key, value)
                converted[COLUMNS.get(key, key)] = value
            out.append(json.dumps(converted, ensure_ascii=False))
    with open(target, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "nanguo")
    target = sys.argv[2] if len(sys.argv) > 2 else HERE
    for name in ("units.csv", "people.csv", "events.csv"):
        convert_csv(os.path.join(source, name), os.path.join(target, name))
    convert_jsonl(os.path.join(source, "events.jsonl"), os.path.join(target, "events.jsonl"))


if __name__ == "__main__":
    main()
