#!/usr/bin/env python3
"""Every command in the README's ```sh blocks works as written. Commands that run the built
command (`build/rubric ...`, continued over `\\`-ended lines) are run from a scratch copy of the
repository's rubrics and examples with `build/rubric` being the binary under test; each must exit
0, or the status its trailing comment names (`# exits 1: ...`). Scripts of the repository must
exist and be executable (they set up and build: running them here would run this suite inside
itself); installing and packaging commands are run by the `install:` tests.

  run_readme.py RUBRIC_BINARY
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def commands(readme):
    for block in re.findall(r"```sh\n(.*?)```", readme, re.S):
        lines = block.split("\n")
        command = ""
        for line in lines:
            command += line
            if command.rstrip().endswith("\\"):
                command = command.rstrip()[:-1] + " "
                continue
            if command.strip():
                yield command.strip()
            command = ""


def main():
    binary = os.path.abspath(sys.argv[1])
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    found = list(commands(readme))
    ran = 0
    problems = []
    with tempfile.TemporaryDirectory() as work:
        for folder in ("rubrics", "examples"):
            shutil.copytree(os.path.join(ROOT, folder), os.path.join(work, folder))
        os.makedirs(os.path.join(work, "build"))
        os.symlink(binary, os.path.join(work, "build", "rubric"))
        for command in found:
            program = command.split()[0]
            if program == "build/rubric":
                expected = re.search(r"#.*\bexits? (\d)", command)
                expected = int(expected.group(1)) if expected else 0
                proc = subprocess.run(["bash", "-c", command], cwd=work, capture_output=True, text=True)
                ran += 1
                if proc.returncode != expected:
                    problems.append(f"exit {proc.returncode}, expected {expected}: {command}\n{proc.stderr[-1500:]}")
            elif program in ("cmake", "cpack", "sudo", "cd"):
                continue  # installing and packaging: install_test.sh, deb_test.sh
            elif program.startswith("scripts/") or program.startswith(".ci/"):
                if not os.access(os.path.join(ROOT, program), os.X_OK):
                    problems.append(f"not an executable script of the repository: {command}")
            else:
                problems.append(f"neither build/rubric nor a script of the repository: {command}")
    if ran == 0:
        problems.append("no build/rubric command found in the README")
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print(f"{ran} README commands ran as written, of {len(found)}")


if __name__ == "__main__":
    main()
