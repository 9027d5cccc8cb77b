#!/usr/bin/env python3
"""Workbooks written by openpyxl from the shipped examples' CSV files score byte-identically to
the CSV files, in JSON and as a table.

  round_trip.py RUBRIC_BINARY

Each example is written several ways (make_workbook.py): date cells and text dates, one sheet or
one sheet per month after a notes sheet, numbers stored as text, formulas with their saved values,
shared strings, 17-digit numbers, the 1904 date system; the rosters as workbooks too.
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
MAKE = os.path.join(HERE, "make_workbook.py")

# example, rubric, year
EXAMPLES = [
    ("nanguo", "nanguo-xinjiayuan", "2023"),
    ("nanguo-zh", "nanguo-xinjiayuan", "2023"),
    ("heping", "heping-village", "2024"),
    ("lanting", "lanting-hoa", "2024"),
    ("qingyuan", "qingyuan-dorm", "2024"),
]
WAYS = {
    "nanguo": [["--by-month", "--numbers-as-text", "3", "--shared-strings"], ["--text-dates", "--formula"],
               ["--date1904", "--long-numbers"]],
    "nanguo-zh": [["--by-month", "--shared-strings"], ["--text-dates", "--numbers-as-text", "2"]],
    "heping": [["--shared-strings", "--formula"], ["--text-dates", "--date1904"]],
    "lanting": [["--by-month"], ["--numbers-as-text", "2", "--text-dates"]],
    "qingyuan": [["--long-numbers", "--shared-strings"], ["--by-month", "--date1904", "--formula"]],
}


def make(source, out, options):
    subprocess.run([sys.executable, MAKE, source, out] + options, check=True)


def score(binary, rubric, units, people, events, year, fmt):
    args = [binary, "score", "--rubric", os.path.join(ROOT, "rubrics", rubric), "--units", units, "--people", people,
            "--events", events, "--year", year, "--format", fmt]
    proc = subprocess.run(args, capture_output=True)
    out = proc.stdout
    if fmt == "json" and proc.returncode == 0:
        out = same_data(out).encode()
    return proc.returncode, out, proc.stderr


def same_data(json_text):
    """The JSON with each input file named by its role and row count only: the same events in
    another file (another name, format or encoding) have another path and SHA-256 by construction,
    but must have the same rows and give the same figures."""
    data = json.loads(json_text)
    data["inputs"] = [{"role": i["role"], "rows": i["rows"]} for i in data.get("inputs", [])]
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def main():
    binary = sys.argv[1]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for example, rubric, year in EXAMPLES:
            data = os.path.join(ROOT, "examples", example)
            units, people = os.path.join(data, "units.csv"), os.path.join(data, "people.csv")
            expected = {fmt: score(binary, rubric, units, people, os.path.join(data, "events.csv"), year, fmt)
                        for fmt in ("json", "table")}
            for fmt, (code, out, err) in expected.items():
                if code != 0 or not out:
                    failures.append(f"{example}: the CSV does not score cleanly ({fmt}): {err.decode()}")
            for n, options in enumerate(WAYS[example]):
                # Named .dat: a workbook is known by its content, not its name.
                events = os.path.join(tmp, f"{example}-{n}.xlsx" if n % 2 == 0 else f"{example}-{n}.dat")
                make(os.path.join(data, "events.csv"), events, options)
                for fmt, want in expected.items():
                    got = score(binary, rubric, units, people, events, year, fmt)
                    if got[0] != want[0] or got[1] != want[1]:
                        failures.append(f"{example} {' '.join(options)} ({fmt}): the workbook scores differently "
                                        f"(exit {got[0]}, expected {want[0]}):\n{got[2].decode()[:2000]}")
            # The rosters as workbooks.
            units_book, people_book = os.path.join(tmp, f"{example}-units.xlsx"), os.path.join(tmp, f"{example}-people.xlsx")
            make(units, units_book, ["--shared-strings"])
            make(people, people_book, [])
            got = score(binary, rubric, units_book, people_book, os.path.join(data, "events.csv"), year, "json")
            if got[:2] != expected["json"][:2]:
                failures.append(f"{example}: rosters as workbooks score differently:\n{got[2].decode()[:2000]}")
        # Decimals a double cannot hold exactly (8.3 is stored as 8.3000000000000007): read as typed.
        source = os.path.join(ROOT, "examples", "qingyuan", "events.csv")
        with open(source, encoding="utf-8") as f:
            text = f.read().replace(".5,", ".3,").replace(",9,", ",0.1,")
        tenths = os.path.join(tmp, "qingyuan-tenths.csv")
        with open(tenths, "w", encoding="utf-8") as f:
            f.write(text)
        data = os.path.join(ROOT, "examples", "qingyuan")
        units, people = os.path.join(data, "units.csv"), os.path.join(data, "people.csv")
        book = os.path.join(tmp, "qingyuan-tenths.xlsx")
        make(tenths, book, ["--long-numbers"])
        want = score(binary, "qingyuan-dorm", units, people, tenths, "2024", "json")
        got = score(binary, "qingyuan-dorm", units, people, book, "2024", "json")
        if want[0] != 0 or got[:2] != want[:2]:
            failures.append(f"17-digit decimals do not score as typed (exit {got[0]}):\n{got[2].decode()[:2000]}")
    for failure in failures:
        print(failure)
    if failures:
        sys.exit(1)
    print(f"{len(EXAMPLES)} examples: every workbook scores as its CSV")


if __name__ == "__main__":
    main()
