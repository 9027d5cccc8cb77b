#!/usr/bin/env python3
"""The hand-written Chinese translation of the reference version 2023-09 (tests/zh/nanguo-zh)
scores the example data exactly like the shipped English text: every number, rank, distinction
and finding the same. Only the versions' file digests differ, since the files do.

  score_same.py RUBRIC_BINARY
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def score(binary, rubric_folder):
    data = os.path.join(ROOT, "examples", "nanguo")
    proc = subprocess.run([binary, "score", "--rubric", rubric_folder, "--units", os.path.join(data, "units.csv"),
                           "--people", os.path.join(data, "people.csv"), "--events", os.path.join(data, "events.csv"),
                           "--year", "2023", "--format", "json"], capture_output=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(f"scoring {rubric_folder} failed ({proc.returncode}):\n{proc.stderr.decode()}")
    return json.loads(proc.stdout), proc.stderr


def without_digests(value):
    if isinstance(value, dict):
        return {k: without_digests(v) for k, v in value.items() if not k.endswith("sha256")}
    if isinstance(value, list):
        return [without_digests(v) for v in value]
    return value


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        english = os.path.join(tmp, "nanguo-en")
        os.mkdir(english)
        shutil.copy(os.path.join(ROOT, "rubrics", "nanguo-xinjiayuan", "en", "2023-09.rubric"), english)
        en, en_findings = score(binary, english)
        zh, zh_findings = score(binary, os.path.join(ROOT, "tests", "zh", "nanguo-zh"))
    if without_digests(en) != without_digests(zh):
        sys.exit("the Chinese text scores differently from the English one")
    if en_findings != zh_findings:
        sys.exit("the Chinese text gives other findings than the English one")
    months = len(zh.get("months", []))
    if months < 4:
        sys.exit(f"expected the months from 2023-09 scored, got {months}")
    print(f"same results for {months} months and the year-end awards")


if __name__ == "__main__":
    main()
