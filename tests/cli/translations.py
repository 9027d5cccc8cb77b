#!/usr/bin/env python3
"""Every shipped rubric file translated into the other surface of the language, through the
`rubric` command (issue 11 §2):

- `fmt --surface zh|en` translates it, and translating back gives the file byte for byte;
- the translation is canonical, checks clean (no error, no warning), and is the same rubric:
  `rubric diff` finds no difference (exit 0) and `rubric impact` on the community's data changes
  nothing;
- an English copy kept beside a Chinese rubric (`rubrics/NAME/en/`) is the exact translation of
  the Chinese version of the same name.

  translations.py RUBRIC_BINARY
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# The data each community's rubric is scored on, and its year.
DATA = {
    "nanguo-xinjiayuan": ("examples/nanguo", "2023"),
    "lanting-hoa": ("examples/lanting", "2024"),
    "qingyuan-dorm": ("examples/qingyuan", "2024"),
    "heping-village": ("examples/heping", "2024"),
    "xinglong-bank": ("examples/xinglong", "2024"),
}

failures = []


def rubric(*args):
    return subprocess.run([sys.argv[1], *args], cwd=ROOT, capture_output=True)


def fail(path, what, proc=None):
    detail = f"\n{proc.stderr.decode('utf-8', 'replace')}" if proc is not None else ""
    failures.append(f"{path}: {what}{detail}")


def surface_of(text):
    """The surface a file's first statement is written in."""
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "＃")):
            return "zh" if line.startswith("细则") else "en"
    return "en"


def translate(path, tmp):
    relative = os.path.relpath(path, ROOT)
    community = relative.split(os.sep)[1]
    original = open(path, "rb").read()
    own = surface_of(original.decode("utf-8"))
    other = "zh" if own == "en" else "en"

    proc = rubric("fmt", "--surface", other, relative)
    if proc.returncode != 0:
        return fail(relative, f"fmt --surface {other} exits {proc.returncode}", proc)
    translation = os.path.join(tmp, community, other, os.path.basename(path))
    os.makedirs(os.path.dirname(translation), exist_ok=True)
    with open(translation, "wb") as f:
        f.write(proc.stdout)
    if surface_of(proc.stdout.decode("utf-8")) != other:
        fail(relative, f"fmt --surface {other} did not print the {other} surface")

    back = rubric("fmt", "--surface", own, translation)
    if back.returncode != 0 or back.stdout != original:
        fail(relative, f"{other} → {own} does not give back the file byte for byte", back)
    if rubric("fmt", "--check", translation).returncode != 0:
        fail(relative, f"the {other} translation is not canonical: formatting it changes it")

    check = rubric("check", translation)
    if check.returncode != 0 or b"warning" in check.stderr:
        fail(relative, f"the {other} translation does not check clean", check)

    diff = rubric("diff", relative, translation)
    if diff.returncode != 0:
        fail(relative, f"rubric diff between the file and its translation exits {diff.returncode}: "
             + diff.stdout.decode("utf-8", "replace"), diff)

    data, year = DATA[community]
    impact = rubric("impact", "--from", relative, "--to", translation, "--units", f"{data}/units.csv",
                    "--people", f"{data}/people.csv", "--events", f"{data}/events.csv", "--year", year,
                    "--allow-empty", "--format", "json")
    if impact.returncode != 0:
        return fail(relative, f"rubric impact exits {impact.returncode}", impact)
    result = json.loads(impact.stdout)
    if any(result["summary"].values()) or result["changes"]:
        fail(relative, f"rubric impact between the file and its translation changes something: {result['summary']}")


def english_copies():
    """Each rubrics/NAME/en/V.rubric is `fmt --surface en` of rubrics/NAME/V.rubric."""
    copies = sorted(glob.glob(os.path.join(ROOT, "rubrics", "*", "en", "*.rubric")))
    for copy in copies:
        relative = os.path.relpath(copy, ROOT)
        chinese = os.path.join(os.path.dirname(os.path.dirname(copy)), os.path.basename(copy))
        if not os.path.exists(chinese):
            fail(relative, "no Chinese version of the same name beside the en/ folder")
            continue
        proc = rubric("fmt", "--surface", "en", os.path.relpath(chinese, ROOT))
        if proc.returncode != 0 or proc.stdout != open(copy, "rb").read():
            fail(relative, f"is not the exact English translation of {os.path.relpath(chinese, ROOT)}", proc)
    return len(copies)


def main():
    files = sorted(glob.glob(os.path.join(ROOT, "rubrics", "*", "*.rubric"))
                   + glob.glob(os.path.join(ROOT, "rubrics", "*", "en", "*.rubric")))
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            translate(path, tmp)
    copies = english_copies()
    if len(files) < 5:
        fail("rubrics", f"only {len(files)} shipped rubric files found")
    for f in failures:
        print(f)
    if not failures:
        print(f"{len(files)} rubric files translate both ways losslessly; {copies} English copies are exact")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
