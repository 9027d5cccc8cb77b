#!/usr/bin/env python3
"""Runs every ```sh block of docs/council-guide.md, in order, in a scratch copy of the
repository's rubrics and examples, with the built `rubric` first on PATH. A block must exit 0,
or the status named by an `<!-- expect exit N -->` line just before it.

  run_guide.py RUBRIC_BINARY
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def main():
    binary = os.path.abspath(sys.argv[1])
    text = open(os.path.join(ROOT, "docs", "council-guide.md"), encoding="utf-8").read()
    blocks = re.findall(r"(?:<!-- expect exit (\d+) -->\n)?```sh\n(.*?)```", text, re.S)
    if not blocks:
        sys.exit("no commands found in the guide")
    with tempfile.TemporaryDirectory() as work:
        for folder in ("rubrics", "examples"):
            shutil.copytree(os.path.join(ROOT, folder), os.path.join(work, folder))
        env = dict(os.environ, PATH=os.path.dirname(binary) + os.pathsep + os.environ["PATH"])
        for expected, script in blocks:
            expected = int(expected or 0)
            proc = subprocess.run(["bash", "-c", script], cwd=work, env=env, capture_output=True, text=True)
            if proc.returncode != expected:
                print(f"guide block exited {proc.returncode}, expected {expected}:\n{script}")
                print(proc.stdout)
                print(proc.stderr)
                sys.exit(1)
    print(f"all {len(blocks)} command blocks of the guide ran as written")


if __name__ == "__main__":
    main()
