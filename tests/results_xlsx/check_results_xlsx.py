#!/usr/bin/env python3
"""`rubric score --format xlsx` and the spreadsheet options of `--format csv` (docs/output.md).

  check_results_xlsx.py RUBRIC CASE

matches_json   the workbook of each shipped example, read back by openpyxl (a second
               implementation of the format), holds what the JSON of the same run holds: every
               period, rank, unit, score, area subtotal, distinction, veto; the awards windows;
               the role holders. Numbers are numeric cells whose format shows exactly the
               decimals the column uses; the header row is frozen.
zh_labels      with --lang zh the headers, sheet names and labels are Chinese.
formula_text   a unit id `=HYPERLINK(...)` is a text cell with a leading ', never a formula.
deterministic  two runs a second apart write byte-identical files.
usage          --format xlsx without --out exits 2; --out naming an input exits 2, the input untouched.
out_file       --out replaces an existing file keeping its permissions; a failed run leaves it as it was.
bom            --bom output is EF BB BF followed by exactly the output without it.
split          the --split files hold the records of the single CSV, each kind with its columns.
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal

try:
    import openpyxl
except ImportError:  # Debian's python3-openpyxl (scripts/setup.sh) when python3 is another install
    sys.path.append("/usr/lib/python3/dist-packages")
    import openpyxl

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

EXAMPLES = [
    ["--rubric", "rubrics/nanguo-xinjiayuan", "--units", "examples/nanguo/units.csv", "--people",
     "examples/nanguo/people.csv", "--events", "examples/nanguo/events.csv", "--year", "2023"],
    ["--rubric", "rubrics/heping-village", "--units", "examples/heping/units.csv", "--people",
     "examples/heping/people.csv", "--events", "examples/heping/events.csv", "--year", "2024"],
    ["--rubric", "rubrics/lanting-hoa", "--units", "examples/lanting/units.csv", "--people",
     "examples/lanting/people.csv", "--events", "examples/lanting/events.csv", "--year", "2024"],
    ["--rubric", "rubrics/qingyuan-dorm", "--units", "examples/qingyuan/units.csv", "--people",
     "examples/qingyuan/people.csv", "--events", "examples/qingyuan/events.csv", "--year", "2024"],
]

failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def run(rubric, args, check=True):
    done = subprocess.run([rubric, "score", *args], cwd=ROOT, capture_output=True)
    if check and done.returncode != 0:
        sys.exit(f"rubric score {' '.join(args)} exited {done.returncode}: {done.stderr.decode()}")
    return done


def score_json(rubric, args):
    text = run(rubric, args + ["--format", "json"]).stdout.decode()
    return json.loads(text, parse_float=Decimal, parse_int=Decimal)


def workbook(rubric, args, folder, name="results.xlsx"):
    path = os.path.join(folder, name)
    run(rubric, args + ["--format", "xlsx", "--out", path])
    return openpyxl.load_workbook(path), path


def rows_of(sheet):
    return [list(row) for row in sheet.iter_rows()]


def number(cell, where):
    """A numeric cell's value as an exact decimal (Excel holds a double; its shortest text is exact)."""
    if cell.data_type != "n" or isinstance(cell.value, bool) or cell.value is None:
        fail(f"{where}: {cell.value!r} is not a number cell (type {cell.data_type})")
        return None
    return Decimal(repr(cell.value)).normalize()


def same_number(cell, expected, where):
    got = number(cell, where)
    if got is not None and got != Decimal(expected).normalize():
        fail(f"{where}: {got} where the JSON has {expected}")


def decimals(value):
    text = str(Decimal(value))
    return len(text.split(".")[1]) if "." in text else 0


def check_column_format(sheet, column, values, where):
    """The column's number format shows exactly the most decimals any of its values has."""
    wanted = max((decimals(v) for v in values), default=0)
    for row in range(2, sheet.max_row + 1):
        code = sheet.cell(row=row, column=column).number_format
        digits = code.split(";")[0].strip('+').split('"')[0]
        shown = len(digits.split(".")[1]) if "." in digits else 0
        if shown != wanted:
            fail(f"{where}: number format {code!r} shows {shown} decimals, the column uses {wanted}")
            return


def check_header(sheet, where):
    if sheet.freeze_panes != "A2":
        fail(f"{where}: the header row is not frozen (freeze_panes {sheet.freeze_panes})")


def matches_json(rubric):
    for args in EXAMPLES:
        with tempfile.TemporaryDirectory() as tmp:
            data = score_json(rubric, args)
            book, _ = workbook(rubric, args, tmp)
            name = args[1]
            sheets = list(book.worksheets)
            cadence = [k for k in data if isinstance(data[k], list) and k not in ("years", "inputs")][0]
            word = cadence[:-1]
            area_labels, distinction_labels = data["area_labels"], data["distinction_labels"]
            for period in data[cadence]:
                sheet = sheets.pop(0)
                where = f"{name} sheet {sheet.title}"
                if sheet.title != period[word]:
                    fail(f"{where}: expected the sheet of {period[word]}")
                check_header(sheet, where)
                rows = rows_of(sheet)
                header = [c.value for c in rows[0]]
                body = rows[1:]
                if len(body) != len(period["units"]):
                    fail(f"{where}: {len(body)} rows for {len(period['units'])} units")
                col = {h: i for i, h in enumerate(header)}
                for row, unit in zip(body, period["units"]):
                    at = f"{where} unit {unit['unit']}"
                    if row[col["unit"]].value != unit["unit"] or row[col["unit"]].data_type != "s":
                        fail(f"{at}: unit cell {row[col['unit']].value!r}")
                    if unit["rank"] is None:
                        if row[col["rank"]].value is not None:
                            fail(f"{at}: rank {row[col['rank']].value!r} for an unranked unit")
                    else:
                        same_number(row[col["rank"]], unit["rank"], at + " rank")
                    same_number(row[col["score"]], unit["score"], at + " score")
                    same_number(row[col["deductions"]], unit["deductions"], at + " deductions")
                    for area, value in unit["areas"].items():
                        same_number(row[col[area_labels[area]]], value, f"{at} area {area}")
                    flags = ", ".join(distinction_labels[d] for d in unit["distinctions"]) or None
                    if row[col["flag"]].value != flags:
                        fail(f"{at}: distinctions {row[col['flag']].value!r}, expected {flags!r}")
                    reasons = ", ".join(unit["veto_reasons"]) or None
                    if row[col["veto"]].value != reasons:
                        fail(f"{at}: vetoes {row[col['veto']].value!r}, expected {reasons!r}")
                    if ("grade" in unit) != (row[col["grade"]].value is not None if "grade" in col else False):
                        fail(f"{at}: a grade in one and not the other")
                check_column_format(sheet, col["score"] + 1, [u["score"] for u in period["units"]], where + " score")
                for area in area_labels:
                    if area_labels[area] in col and all(area in u["areas"] for u in period["units"]):
                        check_column_format(sheet, col[area_labels[area]] + 1,
                                            [u["areas"][area] for u in period["units"]], f"{where} area {area}")
            if any(period.get("groups") for period in data[cadence]):
                sheet = sheets.pop(0)
                where = f"{name} sheet {sheet.title}"
                if sheet.title != "groups":
                    fail(f"{where}: expected the groups")
                check_header(sheet, where)
                rows = rows_of(sheet)
                col = {c.value: i for i, c in enumerate(rows[0])}
                # The table's order: each period's groups by rank, unranked ones last.
                expected = [(period[word], g) for period in data[cadence]
                            for g in sorted(period.get("groups", []), key=lambda g: g["rank"] or 1 << 32)]
                if len(rows) - 1 != len(expected):
                    fail(f"{where}: {len(rows) - 1} rows for {len(expected)} groups")
                for row, (label, g) in zip(rows[1:], expected):
                    at = f"{where} {label} group {g['group']}"
                    if (row[col[word]].value, row[col["group"]].value) != (label, g["group"]):
                        fail(f"{at}: the row of {row[col[word]].value} {row[col['group']].value}")
                    for key, header in (("rank", "rank"), ("members", "members"), ("score", "average score"),
                                        ("deductions", "deductions")):
                        if g[key] is None:
                            if row[col[header]].value is not None:
                                fail(f"{at}: {header} {row[col[header]].value!r} where the JSON has null")
                        else:
                            same_number(row[col[header]], g[key], f"{at} {header}")
                    flags = ", ".join(distinction_labels[d] for d in g["distinctions"])
                    if (row[col["flag"]].value or "") not in (flags, "vetoed"):
                        fail(f"{at}: distinctions {row[col['flag']].value!r}, expected {flags!r}")
            holders = []
            for window in data["years"]:
                sheet = sheets.pop(0)
                label = window.get("semester") or window.get("quarter") or str(window["year"])
                where = f"{name} sheet {sheet.title}"
                if sheet.title != f"{label} awards":
                    fail(f"{where}: expected the awards of {label}")
                check_header(sheet, where)
                rows = rows_of(sheet)
                col = {c.value: i for i, c in enumerate(rows[0])}
                if len(rows) - 1 != len(window["units"]):
                    fail(f"{where}: {len(rows) - 1} rows for {len(window['units'])} units")
                for row, unit in zip(rows[1:], window["units"]):
                    at = f"{where} unit {unit['unit']}"
                    if row[col["unit"]].value != unit["unit"]:
                        fail(f"{at}: unit cell {row[col['unit']].value!r}")
                    if unit["rank"] is not None:
                        same_number(row[col["rank"]], unit["rank"], at + " rank")
                    elif row[col["rank"]].value is not None:
                        fail(f"{at}: a rank for an unranked unit")
                    same_number(row[col["total score"]], unit["total_score"], at + " total score")
                    same_number(row[col["subsidy"]], unit["subsidy_percent"], at + " subsidy")
                    for d, count in unit["distinction_counts"].items():
                        if d in distinction_labels:
                            same_number(row[col[distinction_labels[d]]], count, f"{at} count of {d}")
                holders += [(label, h) for h in window["role_holders"]]
            if holders:
                sheet = sheets.pop(0)
                where = f"{name} sheet {sheet.title}"
                if sheet.title != "role holders":
                    fail(f"{where}: expected the role holders")
                check_header(sheet, where)
                rows = rows_of(sheet)
                col = {c.value: i for i, c in enumerate(rows[0])}
                if len(rows) - 1 != len(holders):
                    fail(f"{where}: {len(rows) - 1} rows for {len(holders)} role holders")
                for row, (label, h) in zip(rows[1:], holders):
                    at = f"{where} person {h['person']}"
                    got = (row[col["awards window"]].value, row[col["person"]].value, row[col["role"]].value,
                           row[col["unit"]].value, row[col["qualified"]].value)
                    want = (label, h["person"], h["role"], h["unit"], "yes" if h["qualified"] else "no")
                    if got != want:
                        fail(f"{at}: {got} where the JSON has {want}")
                    same_number(row[col["subsidy"]], h["subsidy_percent"], at + " subsidy")
            if sheets:
                fail(f"{name}: sheets the JSON has nothing for: {[s.title for s in sheets]}")


def zh_labels(rubric):
    args = EXAMPLES[0] + ["--lang", "zh"]
    with tempfile.TemporaryDirectory() as tmp:
        data = score_json(rubric, args)
        book, _ = workbook(rubric, args, tmp)
        first = book.worksheets[0]
        header = [c.value for c in next(first.iter_rows())]
        expected = ["名次", "单元", "得分", *data["area_labels"].values(), "扣分次数", "获评荣誉", "一票否决"]
        if header != expected:
            fail(f"zh header {header}, expected {expected}")
        titles = [s.title for s in book.worksheets]
        if "2023 评比" not in titles or "人员补贴" not in titles:
            fail(f"zh sheet names {titles}")
        holders = book["人员补贴"]
        roles = {row[2].value for row in holders.iter_rows(min_row=2)}
        if not roles or any(r.isascii() for r in roles):
            fail(f"zh role holders show role ids, not labels: {roles}")
        flags = {row[header.index("获评荣誉")].value for row in first.iter_rows(min_row=2)} - {None}
        if flags != {"流动红旗"}:
            fail(f"zh distinctions {flags}")


def formula_text(rubric):
    hostile = '=HYPERLINK("http://example.com","x")'
    with tempfile.TemporaryDirectory() as tmp:
        units = os.path.join(tmp, "units.csv")
        with open(os.path.join(ROOT, "examples/nanguo/units.csv"), encoding="utf-8") as f:
            text = f.read()
        with open(units, "w", encoding="utf-8") as f:
            f.write(text + '"' + hostile.replace('"', '""') + '"\n')
        args = list(EXAMPLES[0])
        args[args.index("--units") + 1] = units
        args[args.index("--year"):] = ["--month", "2023-10"]
        book, path = workbook(rubric, args, tmp)
        cells = [c for row in book.worksheets[0].iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)]
        if len(cells) != 1:
            fail(f"formula_text: {len(cells)} cells name HYPERLINK")
        for c in cells:
            if c.data_type != "s" or c.value != "'" + hostile:
                fail(f"formula_text: cell {c.coordinate} is {c.data_type} {c.value!r}, expected the text '{hostile}")
        import zipfile
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/") and b"<f>" in z.read(name):
                    fail(f"formula_text: {name} holds a formula")


def deterministic(rubric):
    with tempfile.TemporaryDirectory() as tmp:
        _, first = workbook(rubric, EXAMPLES[0], tmp, "first.xlsx")
        time.sleep(2.1)  # zip entries carry times to two seconds
        _, second = workbook(rubric, EXAMPLES[0], tmp, "second.xlsx")
        with open(first, "rb") as a, open(second, "rb") as b:
            if a.read() != b.read():
                fail("deterministic: two runs wrote different bytes")


def usage(rubric):
    done = run(rubric, EXAMPLES[0] + ["--format", "xlsx"], check=False)
    if done.returncode != 2 or b"--out" not in done.stderr:
        fail(f"usage: --format xlsx without --out exited {done.returncode}: {done.stderr.decode()}")
    with tempfile.TemporaryDirectory() as tmp:
        events = os.path.join(tmp, "events.csv")
        with open(os.path.join(ROOT, "examples/nanguo/events.csv"), "rb") as f:
            original = f.read()
        with open(events, "wb") as f:
            f.write(original)
        os.link(events, os.path.join(tmp, "another-name.xlsx"))
        args = list(EXAMPLES[0])
        args[args.index("--events") + 1] = events
        done = run(rubric, args + ["--format", "xlsx", "--out", os.path.join(tmp, "another-name.xlsx")], check=False)
        if done.returncode != 2 or b"an input of this run" not in done.stderr:
            fail(f"usage: --out naming an input exited {done.returncode}: {done.stderr.decode()}")
        with open(events, "rb") as f:
            if f.read() != original:
                fail("usage: the input named by --out was changed")
        for extra in (["--bom"], ["--split", tmp]):
            done = run(rubric, args + ["--format", "json"] + extra, check=False)
            if done.returncode != 2:
                fail(f"usage: {extra[0]} with --format json exited {done.returncode}")


def out_file(rubric):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "results.xlsx")
        with open(path, "wb") as f:
            f.write(b"last month")
        os.chmod(path, 0o640)
        args = list(EXAMPLES[0])
        args[args.index("--events") + 1] = os.path.join(tmp, "missing.csv")
        done = run(rubric, args + ["--format", "xlsx", "--out", path], check=False)
        with open(path, "rb") as f:
            if done.returncode == 0 or f.read() != b"last month":
                fail(f"out_file: a failed run (exit {done.returncode}) changed --out")
        run(rubric, EXAMPLES[0] + ["--format", "xlsx", "--out", path])
        with open(path, "rb") as f:
            if f.read(4) != b"PK\x03\x04":
                fail("out_file: --out was not replaced by a workbook")
        if os.stat(path).st_mode & 0o777 != 0o640:
            fail(f"out_file: --out lost its permissions: {oct(os.stat(path).st_mode & 0o777)}")
        if [n for n in os.listdir(tmp) if n != "results.xlsx"]:
            fail(f"out_file: left behind {os.listdir(tmp)}")


def bom(rubric):
    for args in EXAMPLES:
        plain = run(rubric, args + ["--format", "csv"]).stdout
        marked = run(rubric, args + ["--format", "csv", "--bom"]).stdout
        if marked != b"\xef\xbb\xbf" + plain:
            fail(f"bom: {args[1]}: the output with --bom is not EF BB BF and the output without it")
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "results.csv")
            run(rubric, args + ["--format", "csv", "--bom", "--out", out])
            with open(out, "rb") as f:
                if f.read() != marked:
                    fail(f"bom: {args[1]}: --out wrote other bytes than standard output")


def split(rubric):
    kinds = {"role_holder": "role_holders.csv"}
    for args in EXAMPLES:
        single = list(csv.DictReader(io.StringIO(run(rubric, args + ["--format", "csv"]).stdout.decode())))
        with tempfile.TemporaryDirectory() as tmp:
            folder = os.path.join(tmp, "results")
            done = run(rubric, args + ["--format", "csv", "--split", folder])
            if done.stdout:
                fail(f"split: {args[1]}: results on standard output too")
            files = {}
            for name in ("periods.csv", "awards.csv", "role_holders.csv", "findings.csv"):
                with open(os.path.join(folder, name), encoding="utf-8", newline="") as f:
                    files[name] = list(csv.DictReader(f))
            split_rows = files["periods.csv"] + files["awards.csv"] + files["role_holders.csv"]
            if len(split_rows) != len(single):
                fail(f"split: {args[1]}: {len(split_rows)} rows in the files, {len(single)} in the single CSV")
            periods = {r["record"] for r in files["periods.csv"]}
            expected_order = ([r for r in single if r["record"] in periods]
                              + [r for r in single if r["record"] not in periods and r["record"] != "role_holder"]
                              + [r for r in single if r["record"] == "role_holder"])
            for got, want in zip(split_rows, expected_order):
                for key, value in want.items():
                    if key in got and got[key] != value:
                        fail(f"split: {args[1]}: {key} {got[key]!r} where the single CSV has {value!r}")
                        break
                else:
                    missing = [k for k, v in want.items() if v and k not in got]
                    if missing:
                        fail(f"split: {args[1]}: a {want['record']} row lost {missing}")
            if len({r["record"] for r in files["awards.csv"]} & periods):
                fail(f"split: {args[1]}: period rows in awards.csv")


def main():
    rubric, case = sys.argv[1], sys.argv[2]
    {"matches_json": matches_json, "zh_labels": zh_labels, "formula_text": formula_text,
     "deterministic": deterministic, "usage": usage, "out_file": out_file, "bom": bom, "split": split}[case](rubric)
    if failures:
        sys.exit(f"{len(failures)} failure(s)")
    print("ok")


if __name__ == "__main__":
    main()
