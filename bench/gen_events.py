#!/usr/bin/env python3
"""Generate a synthetic community for the reference rubric (docs/reference-rubric.md).

Writes units.csv, people.csv and events.csv into OUT. Deterministic for a given seed.

  gen_events.py OUT [--units 36] [--events 2000] [--start 2023-04] [--months 9] [--seed 1] [--labels]

events.csv columns: date,unit,kind,resolved,act,level,item,count,hours,person,result
(an empty cell means the attribute is absent). Rows are in no particular date order.
With --labels the same community (same seed, same rows) is written as a Chinese council keeps
it: headers, kinds, choices and roles by the labels of rubrics/nanguo-xinjiayuan, 是/否 for
yes/no (docs/events.md); it scores byte-identically to the one written with names.
"""
import argparse
import calendar
import csv
import os
import random

KINDS = [  # (kind, weight)
    ("clutter", 30), ("volunteer", 20), ("commendation", 14), ("dispute", 10),
    ("duty_review", 10), ("uncivil", 5), ("admission", 5), ("flying_wire", 2),
]
ITEMS = ["wheelchair", "stroller", "bicycle", "furniture", "boxes", "other"]
ACTS = ["throwing_from_height", "littering", "noise", "other"]
LEVELS = ["key_university", "university", "junior_college"]
ROLES = ["building_head", "unit_head", "floor_head"]
COLUMNS = ["date", "unit", "kind", "resolved", "act", "level", "item", "count",
           "hours", "person", "result"]
# --labels: the words of the reference rubric's labels.
LABELS = {
    "date": "日期", "unit": "单元", "kind": "类型", "resolved": "已调解", "act": "行为", "level": "层次",
    "item": "物品", "count": "数量", "hours": "时长", "person": "人员", "result": "结果", "role": "角色",
    "clutter": "楼道杂物", "volunteer": "志愿服务", "commendation": "好人好事", "dispute": "矛盾纠纷",
    "duty_review": "三长履职评议", "uncivil": "不文明行为", "admission": "升学", "flying_wire": "飞线充电",
    "wheelchair": "轮椅", "stroller": "婴儿车", "bicycle": "自行车", "furniture": "家具", "boxes": "纸箱",
    "throwing_from_height": "高空抛物", "littering": "乱扔垃圾", "noise": "噪音扰民",
    "key_university": "重点大学", "university": "普通本科", "junior_college": "大专",
    "fulfilled": "履职", "not_fulfilled": "未履职", "true": "是", "false": "否",
    "building_head": "楼栋长", "unit_head": "单元长", "floor_head": "楼层长",
}
# `other` is a choice of two attributes, with the same label in both.
LABELS["other"] = "其他"


def unit_ids(n):
    per_building = 3
    return [f"{i // per_building + 1}-{i % per_building + 1}" for i in range(n)]


def months(start, count):
    y, m = map(int, start.split("-"))
    for _ in range(count):
        yield y, m
        m += 1
        if m == 13:
            y, m = y + 1, 1


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--units", type=int, default=36)
    p.add_argument("--events", type=int, default=2000)
    p.add_argument("--start", default="2023-04")
    p.add_argument("--months", type=int, default=9)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--labels", action="store_true", help="headers, kinds, choices and roles by their labels")
    a = p.parse_args()
    rng = random.Random(a.seed)
    # Words are translated as they are written, after every random choice: the rows stay the same.
    word = (lambda w: LABELS.get(w, w)) if a.labels else (lambda w: w)
    os.makedirs(a.out, exist_ok=True)

    units = unit_ids(a.units)
    people = []  # (person, role, unit)
    for u in units:
        b = u.split("-")[0]
        people.append((f"p{u}-u", "unit_head", u))
        people.append((f"p{u}-f", "floor_head", u))
        if u.endswith("-1"):
            people.append((f"p{b}-b", "building_head", u))
    people_by_unit = {}
    for person, _, u in people:
        people_by_unit.setdefault(u, []).append(person)

    with open(os.path.join(a.out, "units.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([word("unit")])
        w.writerows([u] for u in units)
    with open(os.path.join(a.out, "people.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([word("person"), word("role"), word("unit")])
        w.writerows((person, word(role), unit) for person, role, unit in people)

    month_list = list(months(a.start, a.months))
    kinds = [k for k, _ in KINDS]
    weights = [wt for _, wt in KINDS]
    with open(os.path.join(a.out, "events.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([word(c) for c in COLUMNS])
        for _ in range(a.events):
            y, m = rng.choice(month_list)
            day = rng.randint(1, calendar.monthrange(y, m)[1])
            unit = rng.choice(units)
            kind = rng.choices(kinds, weights)[0]
            row = dict.fromkeys(COLUMNS, "")
            row.update(date=f"{y:04d}-{m:02d}-{day:02d}", unit=unit, kind=kind)
            if kind == "dispute":
                row["resolved"] = rng.choice(["true", "false", ""])
            elif kind == "uncivil":
                row["act"] = rng.choice(ACTS)
            elif kind == "admission":
                row["level"] = rng.choice(LEVELS)
            elif kind == "clutter":
                row["item"] = rng.choice(ITEMS)
                row["count"] = rng.choice(["", "1", "2", "3"])
            elif kind == "volunteer":
                row["hours"] = rng.choice(["0.5", "1", "1.5", "2", "3", "4"])
            elif kind == "duty_review":
                row["person"] = rng.choice(people_by_unit[unit])
                row["result"] = "not_fulfilled" if rng.random() < 0.05 else "fulfilled"
            w.writerow([row[c] if c in ("date", "unit", "person", "count", "hours") else word(row[c])
                        for c in COLUMNS])


if __name__ == "__main__":
    main()
