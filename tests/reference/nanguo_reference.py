#!/usr/bin/env python3
"""An independent implementation of the reference rubric, written from docs/reference-rubric.md
(the prose, not the rubric files and not the engine), used to check `rubric score`.

  nanguo_reference.py RUBRIC_BINARY RUBRIC_DIR DATA_DIR YEAR

Scores DATA_DIR/{units,people,events}.csv for YEAR by hand-written rules, runs
`rubric score --format json` on the same data, and compares every unit-month (score,
deductions, vetoed, rank, red flag), every unit-year (red flags, rank, subsidy) and every role
holder's subsidy. Exits 1 on the first difference, naming it.
"""
import csv
import json
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal


def version_of(month):  # (year, month) -> version id, or None before the pilot
    if month < (2023, 4):
        return None
    return "2023-04" if month < (2023, 9) else "2023-09"


def month_score(events, version):
    """events: the unit's events of one month. Returns (score, deductions, vetoed)."""
    disputes = commend = uncivil = admission = clutter = wire = Decimal(0)
    hours = Decimal(0)
    deductions = 0
    vetoed = False
    for e in events:
        kind = e["kind"]
        if kind == "dispute":
            amount = Decimal(-2) if e["resolved"] == "true" else Decimal(-5)
            disputes += amount
            deductions += 1
        elif kind == "commendation":
            commend += 3
        elif kind == "uncivil":
            uncivil -= 10
            deductions += 1
        elif kind == "admission":
            if version == "2023-09" or e["level"] == "key_university":
                admission += 5
        elif kind == "clutter":
            if version == "2023-09" and e["item"] in ("wheelchair", "stroller"):
                continue
            clutter -= 2 * int(e["count"] or "1")
            deductions += 1
        elif kind == "volunteer":
            hours += Decimal(e["hours"])
        elif kind == "flying_wire":
            wire -= 10
            deductions += 1
            if version == "2023-09":
                vetoed = True
    score = (Decimal(100) + max(disputes, Decimal(-15)) + min(commend, Decimal(9)) + uncivil + admission
             + max(clutter, Decimal(-10)) + wire + min(Decimal(int(hours // 2)), Decimal(10)))
    return score, deductions, vetoed


def competition(keys):
    """keys: {unit: sort key tuple (smaller is better)} -> {unit: rank}."""
    ordered = sorted(keys, key=lambda u: keys[u])
    ranks = {}
    for i, u in enumerate(ordered):
        ranks[u] = ranks[ordered[i - 1]] if i and keys[ordered[i - 1]] == keys[u] else i + 1
    return ranks


def main():
    binary, rubric_dir, data, year = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    units = [r["unit"] for r in csv.DictReader(open(f"{data}/units.csv", encoding="utf-8-sig"))]
    people = list(csv.DictReader(open(f"{data}/people.csv", encoding="utf-8-sig")))
    by_unit_month = defaultdict(list)
    reviews = defaultdict(list)
    for e in csv.DictReader(open(f"{data}/events.csv", encoding="utf-8-sig")):
        y, m, _ = map(int, e["date"].split("-"))
        if y != year or version_of((y, m)) is None:
            continue
        by_unit_month[(e["unit"], m)].append(e)
        if e["kind"] == "duty_review":
            reviews[e["person"]].append(e["result"])

    months = [m for m in range(1, 13) if version_of((year, m))]
    expected_months = {}
    flags = defaultdict(int)
    totals = defaultdict(Decimal)
    for m in months:
        version = version_of((year, m))
        rows = {u: month_score(by_unit_month[(u, m)], version) for u in units}
        eligible = {u: (-rows[u][0], rows[u][1]) for u in units if not rows[u][2]}
        ranks = competition(eligible)
        for u in units:
            score, deductions, vetoed = rows[u]
            rank = ranks.get(u)
            flag = rank is not None and rank <= 3
            flags[u] += flag
            totals[u] += score
            expected_months[(m, u)] = (score, deductions, vetoed, rank, flag)
    year_ranks = competition({u: (-flags[u], -totals[u]) for u in units})
    subsidy = {1: 30, 2: 20, 3: 10}
    role_percent = 20 if version_of((year, 12)) == "2023-09" else 10

    out = subprocess.run([binary, "score", "--rubric", rubric_dir, "--units", f"{data}/units.csv", "--people",
                          f"{data}/people.csv", "--events", f"{data}/events.csv", "--year", str(year),
                          "--format", "json"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"rubric score failed ({out.returncode}): {out.stderr}")
    result = json.loads(out.stdout, parse_float=Decimal)

    checked = 0
    for month in result["months"]:
        m = int(month["month"][5:])
        for unit in month["units"]:
            got = (Decimal(unit["score"]), unit["deductions"], unit["vetoed"], unit["rank"], unit["red_flag"])
            want = expected_months[(m, unit["unit"])]
            if got != want:
                sys.exit(f"{month['month']} unit {unit['unit']}: engine {got}, reference {want}")
            checked += 1
    if checked != len(units) * len(months):
        sys.exit(f"expected {len(units) * len(months)} unit-months, the engine gave {checked}")
    (y,) = result["years"]
    for unit in y["units"]:
        u = unit["unit"]
        want = (flags[u], year_ranks[u], subsidy.get(year_ranks[u], 0) if flags[u] > 0 else 0)
        got = (unit["red_flags"], unit["rank"], int(unit["subsidy_percent"]))
        if got != want:
            sys.exit(f"{year} unit {u}: engine {got}, reference {want}")
    for holder in y["role_holders"]:
        results = reviews[holder["person"]]
        qualifies = "fulfilled" in results and "not_fulfilled" not in results
        want = role_percent if qualifies else 0
        if int(holder["subsidy_percent"]) != want:
            sys.exit(f"{year} person {holder['person']}: engine {holder['subsidy_percent']}%, reference {want}%")
    if len(y["role_holders"]) != len(people):
        sys.exit("not every person on the roster is in role_holders")
    print(f"agree: {checked} unit-months, {len(units)} unit-years, {len(people)} role holders")


if __name__ == "__main__":
    main()
