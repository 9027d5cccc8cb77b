#!/usr/bin/env python3
"""Golden-file tests: an input and its expected output side by side, grouped by stage.

  run_golden.py RUBRIC_BINARY CASE [--update]

A case is one of:
  check/NAME.rubric        `rubric check NAME.rubric`; expected output in NAME.expected
  check/NAME/              a folder of versions: `rubric check NAME/`; expected in NAME.expected
  STAGE/NAME.cmd           the arguments of one `rubric` call, one line; expected in NAME.expected

Commands run from the repository root, so paths in the output are relative and stable. The
expected file holds standard output, then standard error, then the exit status. In a .cmd line,
{tmp} is a fresh temporary folder, {huge} a 70 MB rubric file, {longrow} an events file with a
2 MB row, and a second line `then cat FILE`
appends FILE (relative to {tmp}) to the output. --update rewrites the expected file.
"""
import os
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def run(binary, case):
    case_path = os.path.join(ROOT, case)
    base, ext = os.path.splitext(case_path)
    expected_path = (case_path.rstrip("/") if os.path.isdir(case_path) else base) + ".expected"
    with tempfile.TemporaryDirectory() as tmp:
        then = []
        if ext == ".cmd":
            lines = [l for l in open(case_path, encoding="utf-8").read().splitlines() if l.strip()]
            if "{huge}" in lines[0]:
                with open(os.path.join(tmp, "huge.rubric"), "w") as f:
                    f.write('rubric "x" version "1" effective 2023-04-01\n')
                    f.write(("#" * 99 + "\n") * 700_000)
            if "{longrow}" in lines[0]:
                with open(os.path.join(tmp, "long.csv"), "w") as f:
                    f.write("date,unit,kind,resolved,act,level,item,count,hours,person,result\n")
                    f.write("2023-10-03,1-1,clutter,,,,bicycle,2,,," + " " * 2_000_000 + "\n")
                    f.write("2023-10-04,1-2,commendation,,,,,,,,\n")
            args = [a.replace("{tmp}", tmp).replace("{huge}", os.path.join(tmp, "huge.rubric"))
                    .replace("{longrow}", os.path.join(tmp, "long.csv")) for a in shlex.split(lines[0])]
            then = [l.split(None, 2)[2] for l in lines[1:] if l.startswith("then cat ")]
        else:
            args = ["check", os.path.relpath(case_path, ROOT)]
        proc = subprocess.run([binary] + args, cwd=ROOT, capture_output=True)
        out = proc.stdout.decode("utf-8", "replace")
        err = proc.stderr.decode("utf-8", "replace")
        actual = f"{out}--- stderr\n{err}--- exit {proc.returncode}\n"
        for name in then:
            with open(os.path.join(tmp, name), encoding="utf-8") as f:
                actual += f"--- {name}\n{f.read()}"
        actual = actual.replace(tmp, "{tmp}").replace(ROOT + "/", "")
    if "--update" in sys.argv:
        with open(expected_path, "w", encoding="utf-8") as f:
            f.write(actual)
        return True
    try:
        expected = open(expected_path, encoding="utf-8").read()
    except FileNotFoundError:
        print(f"no expected output {os.path.relpath(expected_path, ROOT)}; run with --update to create it")
        print(actual)
        return False
    if expected != actual:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                   "expected", "actual"))
        return False
    return True


if __name__ == "__main__":
    binary = os.path.abspath(sys.argv[1])
    sys.exit(0 if all(run(binary, c) for c in sys.argv[2:] if c != "--update") else 1)
