#!/usr/bin/env python3
"""Determinism across processes: the binary, run twice on the same inputs, prints the same bytes.

  run_twice.py RUBRIC_BINARY

Each command runs in two separate processes, the second with a different environment (malloc
filling fresh memory with a pattern, another locale and time zone), so that output depending on
addresses, uninitialised memory, hash seeds or the environment shows up as a difference. Standard
output, standard error and the exit status must be byte-identical.
"""
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def data(rubric, example):
    return ["--rubric", f"rubrics/{rubric}", "--units", f"examples/{example}/units.csv",
            "--people", f"examples/{example}/people.csv", "--events", f"examples/{example}/events.csv"]


NANGUO = data("nanguo-xinjiayuan", "nanguo")
LANTING = data("lanting-hoa", "lanting")
QINGYUAN = data("qingyuan-dorm", "qingyuan")
HEPING = data("heping-village", "heping")
XINGLONG = data("xinglong-bank", "xinglong")

COMMANDS = [
    ["score", *NANGUO, "--year", "2023", "--format", "json"],
    ["score", *NANGUO, "--year", "2023", "--format", "csv"],
    ["score", *NANGUO, "--year", "2023"],
    ["score", *NANGUO, "--year", "2023", "--format", "json", "--jobs", "3"],
    ["explain", *NANGUO, "--month", "2023-10", "--unit", "2-3"],
    ["explain", *NANGUO, "--year", "2023", "--unit", "3-2"],
    ["score", *LANTING, "--year", "2024", "--format", "json"],
    ["score", *LANTING, "--year", "2024", "--format", "csv"],
    ["score", *LANTING, "--year", "2024"],
    ["explain", *LANTING, "--month", "2024-03", "--unit", "a-101"],
    ["score", *QINGYUAN, "--year", "2024", "--format", "json"],
    ["score", *HEPING, "--year", "2024", "--format", "json"],
    # A balance: redemptions from two readers are sorted into one order, whatever --jobs does.
    ["score", *XINGLONG, "--year", "2024", "--format", "json"],
    ["score", *XINGLONG, "--year", "2024", "--format", "json", "--jobs", "2"],
    ["explain", *XINGLONG, "--period", "2024-Q3", "--unit", "x1"],
    ["score", *HEPING, "--year", "2024"],
    ["impact", "--from", "rubrics/nanguo-xinjiayuan/2023-04.rubric", "--to", "rubrics/nanguo-xinjiayuan/2023-09.rubric",
     *NANGUO[2:], "--year", "2023", "--format", "json"],
]

SECOND_ENVIRONMENT = {"MALLOC_PERTURB_": "165", "LC_ALL": "C.UTF-8", "TZ": "Pacific/Kiritimati"}


def run(binary, args, extra_env):
    env = dict(os.environ, **extra_env)
    proc = subprocess.run([binary] + args, cwd=ROOT, capture_output=True, env=env)
    return proc.stdout, proc.stderr, proc.returncode


def main():
    binary = sys.argv[1]
    failures = 0
    for args in COMMANDS:
        first = run(binary, args, {})
        second = run(binary, args, SECOND_ENVIRONMENT)
        if first != second:
            failures += 1
            print(f"differs between two processes: rubric {' '.join(args)}")
            for name, a, b in zip(("stdout", "stderr", "exit"), first, second):
                if a != b:
                    print(f"  {name}: {len(a) if isinstance(a, bytes) else a} vs {len(b) if isinstance(b, bytes) else b}")
        elif first[2] != 0:
            failures += 1
            print(f"exit {first[2]}: rubric {' '.join(args)}\n{first[1].decode('utf-8', 'replace')}")
    if failures:
        sys.exit(1)
    print(f"{len(COMMANDS)} commands gave byte-identical output in two processes")


if __name__ == "__main__":
    main()
