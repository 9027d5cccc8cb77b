#!/usr/bin/env python3
"""Findings in a workbook name the cell as staff find it, `events.xlsx[10月]!C14`, in messages and in
--rejects; `FILE.xlsx#Sheet` reads one sheet, and a sheet that is not there is named with the ones
that are.

  places.py RUBRIC_BINARY

The workbook is written by openpyxl: a notes sheet, then `10月` with twelve good rows and one bad
row each of an unknown kind (C14), the day Excel counts that never was (serial 60, A15), a formula
never computed (H16), a value beyond the header (L17) and a formula's error value (H18).
"""
import datetime
import os
import subprocess
import sys
import tempfile

try:
    import openpyxl
except ImportError:  # openpyxl comes from Debian (python3-openpyxl): the system's Python has it
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "examples", "nanguo")

EXPECTED_ERRORS = 'events.xlsx[10月]!C14: error[E1006]: `cluter` is not an event kind of version 2023-09, in force on 2023-10-14; its kinds are: `dispute` (矛盾纠纷), `commendation` (好人好事), `uncivil` (不文明行为), `admission` (升学), `clutter` (楼道杂物), `volunteer` (志愿服务), `flying_wire` (飞线充电), `duty_review` (三长履职评议); did you mean `clutter` (楼道杂物)?\n  | 2023-10-14,1-2,cluter,,,,,,,,\nevents.xlsx[10月]!A15: error[E1004]: the date cell holds 60, which Excel shows as 1900-02-29, a day that never was (1900 was not a leap year)\n  | 60,1-2,commendation,,,,,,,,\nevents.xlsx[10月]!H16: error[E1009]: the cell has a formula whose value was never saved (the file was written by a program); open the workbook in Excel or WPS and save it\n  | 2023-10-16,1-2,clutter,,,,bicycle,,,,\nevents.xlsx[10月]!L17: error[E1002]: the row has a value in column L, but the header names only 11 columns (A to K)\n  | 2023-10-17,1-2,commendation,,,,,,,,\nevents.xlsx[10月]!H18: error[E1009]: the cell holds #N/A, the error of a formula; correct the formula or type the value\n  | 2023-10-18,1-2,clutter,,,,bicycle,#N/A,,,\n5 errors, 0 warnings in the data\nrubric: no results: fix the rows above, or pass --rejects FILE to score the valid rows\n'

EXPECTED_REJECTS = 'file,line,column,code,reason,row\nevents.xlsx[10月]!C14,14,3,E1006,"`cluter` is not an event kind of version 2023-09, in force on 2023-10-14; its kinds are: `dispute` (矛盾纠纷), `commendation` (好人好事), `uncivil` (不文明行为), `admission` (升学), `clutter` (楼道杂物), `volunteer` (志愿服务), `flying_wire` (飞线充电), `duty_review` (三长履职评议); did you mean `clutter` (楼道杂物)?","2023-10-14,1-2,cluter,,,,,,,,"\nevents.xlsx[10月]!A15,15,1,E1004,"the date cell holds 60, which Excel shows as 1900-02-29, a day that never was (1900 was not a leap year)","60,1-2,commendation,,,,,,,,"\nevents.xlsx[10月]!H16,16,8,E1009,the cell has a formula whose value was never saved (the file was written by a program); open the workbook in Excel or WPS and save it,"2023-10-16,1-2,clutter,,,,bicycle,,,,"\nevents.xlsx[10月]!L17,17,12,E1002,"the row has a value in column L, but the header names only 11 columns (A to K)","2023-10-17,1-2,commendation,,,,,,,,"\nevents.xlsx[10月]!H18,18,8,E1009,"the cell holds #N/A, the error of a formula; correct the formula or type the value","2023-10-18,1-2,clutter,,,,bicycle,#N/A,,,"\n'


def write_workbook(path):
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["每月一张表"])
    sheet = book.create_sheet("10月")
    sheet.append("date,unit,kind,resolved,act,level,item,count,hours,person,result".split(","))
    for day in range(2, 14):
        sheet.append([datetime.date(2023, 10, day), "1-1", "commendation"])
    sheet.append([datetime.date(2023, 10, 14), "1-2", "cluter"])
    sheet.append([60, "1-2", "commendation"])
    sheet["A15"].number_format = "yyyy-mm-dd"
    sheet.append(["2023-10-16", "1-2", "clutter", None, None, None, "bicycle", "=1+1"])
    sheet.append(["2023-10-17", "1-2", "commendation", None, None, None, None, None, None, None, None, "备注"])
    sheet.append(["2023-10-18", "1-2", "clutter", None, None, None, "bicycle", "#N/A"])
    book.save(path)


def score(binary, cwd, events, *extra):
    args = [binary, "score", "--rubric", os.path.join(ROOT, "rubrics", "nanguo-xinjiayuan"), "--units",
            os.path.join(DATA, "units.csv"), "--people", os.path.join(DATA, "people.csv"), "--events", events,
            "--month", "2023-10"] + list(extra)
    proc = subprocess.run(args, capture_output=True, cwd=cwd)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def main():
    binary = os.path.abspath(sys.argv[1])
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        write_workbook(os.path.join(tmp, "events.xlsx"))
        code, _, err = score(binary, tmp, "events.xlsx")
        if code != 1 or err != EXPECTED_ERRORS:
            failures.append(f"messages (exit {code}):\n{err}\nexpected:\n{EXPECTED_ERRORS}")
        code, _, err = score(binary, tmp, "events.xlsx", "--rejects", "rejects.csv")
        with open(os.path.join(tmp, "rejects.csv"), encoding="utf-8") as f:
            rejects = f.read()
        if rejects != EXPECTED_REJECTS:
            failures.append(f"--rejects:\n{rejects}\nexpected:\n{EXPECTED_REJECTS}")
        code, _, err = score(binary, tmp, "events.xlsx#10月")
        if code != 1 or err != EXPECTED_ERRORS:
            failures.append(f"events.xlsx#10月 (exit {code}):\n{err}")
        code, _, err = score(binary, tmp, "events.xlsx#11月")
        want = "events.xlsx#11月: error[E1000]: the workbook `events.xlsx` has no sheet `11月`; its sheets are: `说明`, `10月`\n"
        if code != 2 or not err.startswith(want):
            failures.append(f"events.xlsx#11月 (exit {code}):\n{err}\nexpected it to start:\n{want}")
        # A sheet is part of its workbook: given whole and by the sheet, every row would count twice;
        # and the workbook behind `#10月` is an input that --out must not overwrite.
        code, _, err = score(binary, tmp, "events.xlsx#10月", "--events", "events.xlsx")
        if code != 2 or "E1021" not in err:
            failures.append(f"events.xlsx#10月 and events.xlsx (exit {code}): expected E1021, exit 2:\n{err}")
        before = open(os.path.join(tmp, "events.xlsx"), "rb").read()
        code, _, err = score(binary, tmp, "events.xlsx#10月", "--rejects", "r.csv", "--format", "xlsx", "--out",
                             "events.xlsx")
        if code != 2 or open(os.path.join(tmp, "events.xlsx"), "rb").read() != before:
            failures.append(f"--out events.xlsx with --events events.xlsx#10月 (exit {code}): the input is not kept:\n{err}")
    for failure in failures:
        print(failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
