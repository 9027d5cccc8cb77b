#!/usr/bin/env python3
"""The recording template (`rubric template`) read back by a second implementation (openpyxl):
its headers, drop-down lists, date and number checks are the rubric's own, read here from the
rubric text independently of the program.

  template_workbook.py RUBRIC_BINARY CASE...     (CASE: a function name below, without `case_`)
"""
import csv
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import time

try:
    import openpyxl
except ImportError:  # Debian's python3-openpyxl (scripts/setup.sh) when python3 is another install
    sys.path.append("/usr/lib/python3/dist-packages")
    import openpyxl

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
NANGUO = os.path.join(ROOT, "rubrics", "nanguo-xinjiayuan")
NANGUO_ZH = os.path.join(ROOT, "examples", "nanguo-zh")


class Failed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failed(message)


def run(binary, args):
    proc = subprocess.run([binary] + args, cwd=ROOT, capture_output=True, timeout=60)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


# ---- the rubric's schema, read from its English text (rubrics/nanguo-xinjiayuan/en/) ------------

LABELLED = r'(\w+)(?: "([^"]*)")?'


def schema(path):
    """{kind: (label, [(attribute, label, type text)])} in order, and the kinds' order."""
    kinds, current = {}, None
    for line in open(path, encoding="utf-8"):
        m = re.match(r'^event ' + LABELLED, line)
        if m:
            current = m.group(1)
            kinds[current] = (m.group(2) or m.group(1), [])
            continue
        if not line.startswith("  ") or current is None:
            if line.strip() and not line.startswith("#"):
                current = None
            continue
        m = re.match(r'^  ' + LABELLED + r': (.*)$', line)
        if m:
            kinds[current][1].append((m.group(1), m.group(2) or m.group(1), m.group(3)))
    return kinds


def choices(type_text):
    """The labels of `one of a "x", b "y"` (the name where there is no label)."""
    body = type_text[len("one of "):].split(", default")[0].split(", optional")[0]
    return [m.group(2) or m.group(1) for m in re.finditer(LABELLED, body)]


def excel_serial(day):
    return (day - datetime.date(1899, 12, 30)).days


def validations(ws):
    """{column letter: DataValidation}, each covering rows 2 to the last."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        ref = str(dv.sqref)
        m = re.fullmatch(r"([A-Z]+)2:\1(\d+)", ref)
        expect(m, f"validation range {ref} is not one column from row 2")
        expect(int(m.group(2)) >= 1000, f"validation {ref} covers too few rows")
        out[m.group(1)] = dv
    return out


def list_values(wb, dv):
    """A list validation's values: inline, or the range of the lists sheet it refers to."""
    formula = dv.formula1
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    m = re.fullmatch(r"'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", formula)
    expect(m, f"list formula {formula} is neither inline nor a range")
    sheet = wb[m.group(1)]
    expect(sheet.sheet_state == "hidden", f"the lists sheet {m.group(1)} is not hidden")
    cells = sheet[f"{m.group(2)}{m.group(3)}:{m.group(4)}{m.group(5)}"]
    return [str(row[0].value) for row in cells]


def roster_ids(path, column):
    with open(path, encoding="utf-8-sig") as f:
        return [row[column] for row in csv.DictReader(f)]


def make(binary, tmp, period, *extra, name="t.xlsx", rubric=NANGUO, lang="zh"):
    out = os.path.join(tmp, name)
    code, _, err = run(binary, ["template", "--lang", lang, "--rubric", rubric, "--period", period, "--out", out] + list(extra))
    expect(code == 0, f"rubric template exited {code}: {err}")
    return out


# ---- cases ----------------------------------------------------------------------------------------

def case_headers_and_lists_are_the_schema(binary, tmp):
    """Headers are 日期/单元/类型 and the attributes' labels; every list is the schema's or the roster's."""
    path = make(binary, tmp, "2023-10", "--units", os.path.join(NANGUO_ZH, "units.csv"),
                "--people", os.path.join(NANGUO_ZH, "people.csv"))
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    kinds = schema(os.path.join(NANGUO, "en", "2023-09.rubric"))
    attributes = []
    for label, attrs in kinds.values():
        for a in attrs:
            if a[0] not in [x[0] for x in attributes]:
                attributes.append(a)
    headers = [c.value for c in ws[1]]
    expect(headers == ["日期", "单元", "类型"] + [a[1] for a in attributes], f"headers {headers}")
    expect(ws.freeze_panes == "A2", f"the header row is not frozen: {ws.freeze_panes}")
    checks = validations(ws)
    letter = {h: openpyxl.utils.get_column_letter(i + 1) for i, h in enumerate(headers)}

    def listed(header):
        dv = checks[letter[header]]
        expect(dv.type == "list", f"{header}: {dv.type} is not a list")
        return list_values(wb, dv)

    expect(listed("类型") == [label for label, _ in kinds.values()], f"kinds {listed('类型')}")
    expect(listed("单元") == roster_ids(os.path.join(NANGUO_ZH, "units.csv"), "单元"), "units")
    expect(listed("人员") == list(dict.fromkeys(roster_ids(os.path.join(NANGUO_ZH, "people.csv"), "人员"))), "people")
    for name, label, type_text in attributes:
        if type_text.startswith("one of"):
            expect(listed(label) == choices(type_text), f"{label}: {listed(label)} is not {choices(type_text)}")
        if type_text.startswith("true or false"):
            expect(listed(label) == ["是", "否"], f"{label}: {listed(label)}")
    # Numbers as the schema bounds them: 数量 integer at least 1, 时长 decimal above 0.
    count, hours = checks[letter["数量"]], checks[letter["时长"]]
    expect((count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "1"), f"数量 {count}")
    expect((hours.type, hours.operator, hours.formula1) == ("decimal", "greaterThan", "0"), f"时长 {hours}")
    # Dates within the period.
    date = checks["A"]
    expect(date.type == "date" and date.operator in (None, "between"), f"date check {date.type} {date.operator}")
    expect((int(date.formula1), int(date.formula2)) ==
           (excel_serial(datetime.date(2023, 10, 1)), excel_serial(datetime.date(2023, 10, 31))),
           f"date bounds {date.formula1}..{date.formula2}")
    # Required columns are marked: a header style of their own and an input message.
    required = {"日期", "单元", "类型", "行为", "层次", "物品", "时长", "人员", "结果"}
    fill = {h: ws.cell(1, i + 1).fill.fgColor.rgb for i, h in enumerate(headers)}
    for h in headers:
        expect((fill[h] == fill["日期"]) == (h in required), f"{h}: required style {fill[h]}")
        expect(("必填" in (checks[letter[h]].promptTitle or "")) == (h in required), f"{h}: prompt {checks[letter[h]].promptTitle}")
    # Wide enough for the header and every listed value (a Chinese character is two columns).
    for h in headers:
        width = ws.column_dimensions[letter[h]].width
        expect(width >= 2 * len(h), f"{h}: width {width}")
    # The version is said, and the rules and kinds sheets are there, in Chinese.
    rules = wb.worksheets[1]
    said = " ".join(str(c.value) for row in rules.iter_rows() for c in row if c.value)
    expect("版本 2023-09" in said, "the rules sheet does not name the version")
    expect("楼道杂物：" not in said and "每次扣 2 分，乘以数量" in said, "the rules sheet does not state the rules")
    what = " ".join(str(c.value) for row in wb.worksheets[2].iter_rows() for c in row if c.value)
    expect("轮椅、婴儿车、自行车、家具、纸箱、其他之一" in what, "the kinds sheet does not list the choices")


def case_version_in_force_on_the_first_day(binary, tmp):
    """May 2023 is recorded under the pilot, 2023-04: its schema has no exemption, its sheet says so."""
    path = make(binary, tmp, "2023-05")
    wb = openpyxl.load_workbook(path)
    said = " ".join(str(c.value) for row in wb.worksheets[1].iter_rows() for c in row if c.value)
    expect("版本 2023-04" in said and "2023-05-01 至 2023-05-31" in said, f"rules sheet: {said[:200]}")
    expect("不算" not in said, "the pilot has no exemption")


def case_long_lists_go_to_a_hidden_sheet(binary, tmp):
    """120 units are more than Excel's 255 characters: the list is a range of the hidden lists sheet."""
    units = [f"{b}-{u:02}" for b in range(1, 13) for u in range(1, 11)]
    roster = os.path.join(tmp, "units.csv")
    with open(roster, "w", encoding="utf-8") as f:
        f.write("unit\n" + "".join(u + "\n" for u in units))
    path = make(binary, tmp, "2023-10", "--units", roster)
    wb = openpyxl.load_workbook(path)
    dv = validations(wb.worksheets[0])["B"]
    expect(not dv.formula1.startswith('"'), f"a {len(','.join(units))}-character list is inline")
    expect(list_values(wb, dv) == units, "the lists sheet does not hold the units")
    # Short lists stay inline.
    expect(validations(wb.worksheets[0])["C"].formula1.startswith('"'), "the kinds are not inline")


def case_english_rubric_and_messages(binary, tmp):
    """An English rubric's own columns are date/unit/kind and its yes/no true/false."""
    path = make(binary, tmp, "2023-10", rubric=os.path.join(NANGUO, "en"), lang="en")
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    expect(headers[:4] == ["date", "unit", "kind", "已调解"], f"headers {headers}")
    expect(list_values(wb, validations(ws)["D"]) == ["true", "false"], "yes/no")
    expect(wb.sheetnames == ["events", "rules", "what to record"], f"sheets {wb.sheetnames}")


def case_weekly_period(binary, tmp):
    """A weekly rubric's template accepts the days of that ISO week, Monday to Sunday."""
    path = make(binary, tmp, "2024-W40", rubric=os.path.join(ROOT, "rubrics", "qingyuan-dorm"))
    date = validations(openpyxl.load_workbook(path).worksheets[0])["A"]
    expect((int(date.formula1), int(date.formula2)) ==
           (excel_serial(datetime.date(2024, 9, 30)), excel_serial(datetime.date(2024, 10, 6))),
           f"week bounds {date.formula1}..{date.formula2}")


def case_labels_that_would_mislead_are_names(binary, tmp):
    """A label two kinds share, or an attribute labelled like an events file's own column, is
    written by name; an attribute recorded as different types by its kinds gets no check."""
    folder = os.path.join(tmp, "r")
    os.mkdir(folder)
    with open(os.path.join(folder, "2024-01.rubric"), "w", encoding="utf-8") as f:
        f.write('''rubric "t" version "2024-01" effective 2024-01-01
scores each unit per month, starting at 100
event a "甲"
  result "结果": one of good "好", bad "差"
  day "日期": date, optional
event b "乙"
  result "结果": one of bad "差", ugly "丑"
  n "次数": integer above 0 below 10
event c "乙"
event d "丁"
  result: integer at least 0
area x "X"
rule r "R" in x
  each a: -1
''')
    path = make(binary, tmp, "2024-02", rubric=folder, lang="en")
    ws = openpyxl.load_workbook(path).worksheets[0]
    headers = [c.value for c in ws[1]]
    expect(headers == ["date", "unit", "kind", "结果", "day", "次数"], f"headers {headers}")
    checks = validations(ws)
    expect(checks["C"].formula1 == '"甲,b,c,丁"', f"kinds {checks['C'].formula1}")
    expect(checks["D"].type in (None, "any"), f"a column of two types is checked as {checks['D'].type}")
    n = checks["F"]
    expect((n.type, n.formula1, n.formula2) == ("whole", "1", "9"), f"above 0 below 10: {n.type} {n.formula1}..{n.formula2}")


def case_existing_file_needs_force(binary, tmp):
    out = os.path.join(tmp, "kept.xlsx")
    with open(out, "w") as f:
        f.write("the staff's own work")
    code, _, err = run(binary, ["template", "--rubric", NANGUO, "--period", "2023-10", "--out", out])
    expect(code == 2 and "--force" in err, f"exit {code}: {err}")
    expect(open(out).read() == "the staff's own work", "the existing file was changed")
    code, _, err = run(binary, ["template", "--rubric", NANGUO, "--period", "2023-10", "--out", out, "--force"])
    expect(code == 0, f"--force: exit {code}: {err}")
    openpyxl.load_workbook(out)
    expect(sorted(os.listdir(tmp)) == ["kept.xlsx"], f"files left behind: {os.listdir(tmp)}")


def case_unwritable_folder(binary, tmp):
    out = os.path.join(tmp, "no-such-folder", "t.xlsx")
    code, _, err = run(binary, ["template", "--rubric", NANGUO, "--period", "2023-10", "--out", out])
    expect(code == 2 and "no-such-folder" in err, f"exit {code}: {err}")
    if os.geteuid() != 0:  # root writes anywhere
        locked = os.path.join(tmp, "locked")
        os.mkdir(locked, 0o555)
        code, _, err = run(binary, ["template", "--rubric", NANGUO, "--period", "2023-10", "--out",
                                    os.path.join(locked, "t.xlsx")])
        expect(code == 2 and "locked" in err, f"read-only folder: exit {code}: {err}")


def case_deterministic(binary, tmp):
    """The same template twice, a second apart, is the same workbook byte for byte."""
    first = make(binary, tmp, "2023-10", name="a.xlsx")
    time.sleep(2.1)  # zip entry times count in steps of 2 seconds
    second = make(binary, tmp, "2023-10", name="b.xlsx")
    expect(open(first, "rb").read() == open(second, "rb").read(), "two runs wrote different workbooks")
    created = openpyxl.load_workbook(first).properties.created
    expect(created.date() == datetime.date(2023, 10, 1), f"stamped {created}, not the period's first day")


def case_filled_by_script_scores_as_the_csv(binary, tmp):
    """Template -> rows filled in by openpyxl as Excel would store them (dates as dates, numbers as
    numbers) -> `rubric score --events filled.xlsx`: no finding, and the results of the same events
    as CSV."""
    units, people = os.path.join(NANGUO_ZH, "units.csv"), os.path.join(NANGUO_ZH, "people.csv")
    path = make(binary, tmp, "2023-10", "--units", units, "--people", people)
    with open(os.path.join(NANGUO_ZH, "events.csv"), encoding="utf-8-sig") as f:
        rows = [row for row in csv.DictReader(f) if row["日期"].startswith("2023-10")]
    expect(len(rows) > 10, f"only {len(rows)} events in October")
    month_csv = os.path.join(tmp, "2023-10.csv")
    with open(month_csv, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    numeric = {"数量": int, "时长": float}
    for r, row in enumerate(rows, start=2):
        for column, header in enumerate(headers, start=1):
            text = row.get(header, "")
            if text == "":
                continue
            if header == "日期":
                value = datetime.date.fromisoformat(text)
            elif header in numeric:
                value = numeric[header](text)
            else:
                value = text
            ws.cell(r, column, value)
    filled = os.path.join(tmp, "filled.xlsx")
    wb.save(filled)

    def score(events):
        return run(binary, ["score", "--rubric", NANGUO, "--units", units, "--people", people, "--events", events,
                            "--month", "2023-10", "--format", "json"])

    code, from_xlsx, err = score(filled)
    expect(code == 0 and err == "", f"the filled workbook: exit {code}: {err}")
    code, from_csv, err = score(month_csv)
    expect(code == 0, f"the CSV: exit {code}: {err}")
    expect(same_data(from_xlsx) == same_data(from_csv),
           "the workbook scores differently from the CSV of the same events")


def same_data(json_text):
    """The JSON with each input file named by its role and row count only: the same events in
    another file (another name, format or encoding) have another path and SHA-256 by construction,
    but must have the same rows and give the same figures."""
    data = json.loads(json_text)
    data["inputs"] = [{"role": i["role"], "rows": i["rows"]} for i in data.get("inputs", [])]
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def main():
    binary = os.path.abspath(sys.argv[1])
    failed = 0
    for case in sys.argv[2:]:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                globals()["case_" + case](binary, tmp)
                print(f"ok {case}")
            except Failed as e:
                print(f"FAILED {case}: {e}")
                failed += 1
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
