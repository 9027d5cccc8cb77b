#!/usr/bin/env python3
"""A data set written with labels scores byte-identically to the same data written with names.

  same_scores.py RUBRIC_BINARY

examples/nanguo-zh is examples/nanguo converted by its from_names.py (Chinese headers, kinds,
choices and roles by their labels, 是/否): this checks that the shipped files are exactly that
conversion, that they really use labels, and that `score` prints the same bytes for both in every
output format, from CSV and from JSON Lines. The same holds for a larger generated community
(bench/gen_events.py with and without --labels, same seed).
"""
import filecmp
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
NAMES = os.path.join(ROOT, "examples", "nanguo")
LABELS = os.path.join(ROOT, "examples", "nanguo-zh")
RUBRIC = os.path.join(ROOT, "rubrics", "nanguo-xinjiayuan")
FILES = ("units.csv", "people.csv", "events.csv", "events.jsonl")


def score(binary, data, events, fmt, year="2023"):
    args = [binary, "score", "--rubric", RUBRIC, "--units", os.path.join(data, "units.csv"),
            "--people", os.path.join(data, "people.csv"), "--year", year, "--format", fmt]
    for e in events:
        args += ["--events", os.path.join(data, e)]
    if "events.csv" not in events:  # the JSON Lines file holds October only
        args.append("--allow-empty")
    proc = subprocess.run(args, capture_output=True)
    # The JSON names its input files and their hashes, which differ by construction: the figures must not.
    stdout = re.sub(rb'\n  "inputs": \[.*?\n  \],', b"", proc.stdout, flags=re.S) if fmt == "json" else proc.stdout
    return proc.returncode, stdout, proc.stderr


def main():
    binary = sys.argv[1]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(LABELS, "from_names.py"), NAMES, tmp], check=True)
        for name in FILES:
            if not filecmp.cmp(os.path.join(tmp, name), os.path.join(LABELS, name), shallow=False):
                failures.append(f"examples/nanguo-zh/{name} is not from_names.py's conversion of examples/nanguo/{name}")
    with open(os.path.join(LABELS, "events.csv"), encoding="utf-8") as f:
        header = f.readline().strip()
        kinds = {line.split(",")[2] for line in f}
    if header != "日期,单元,类型,已调解,行为,层次,物品,数量,时长,人员,结果" or any(k.isascii() for k in kinds):
        failures.append("examples/nanguo-zh/events.csv does not use the labels")
    for events in (["events.csv"], ["events.jsonl"], ["events.csv", "events.jsonl"]):
        for fmt in ("table", "json", "csv"):
            by_names = score(binary, NAMES, events, fmt)
            by_labels = score(binary, LABELS, events, fmt)
            if by_names[0] != 0 or by_labels[0] != 0:
                failures.append(f"{events} {fmt}: exit {by_names[0]} with names, {by_labels[0]} with labels:\n"
                                f"{by_labels[2].decode('utf-8', 'replace')}")
            elif by_names[1] != by_labels[1]:
                failures.append(f"{events} {fmt}: the output with labels differs from the output with names")
    with tempfile.TemporaryDirectory() as tmp:
        gen = os.path.join(ROOT, "bench", "gen_events.py")
        for name, extra in (("names", []), ("labels", ["--labels"])):
            subprocess.run([sys.executable, gen, os.path.join(tmp, name), "--units", "60", "--events", "20000",
                            "--start", "2024-01", "--months", "12"] + extra, check=True)
        for fmt in ("table", "json", "csv"):
            by_names = score(binary, os.path.join(tmp, "names"), ["events.csv"], fmt, "2024")
            by_labels = score(binary, os.path.join(tmp, "labels"), ["events.csv"], fmt, "2024")
            if by_names[0] != 0 or by_names != by_labels:
                failures.append(f"generated community, {fmt}: exit {by_names[0]} with names, {by_labels[0]} with labels, "
                                f"outputs {'equal' if by_names[1] == by_labels[1] else 'differ'}")
    for f in failures:
        print("FAIL:", f)
    if not failures:
        print("the data set written with labels scores byte-identically to the one written with names")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
