#!/usr/bin/env python3
"""Runs every ```sh block of a guide (docs/council-guide.md, docs/zh/议事指南.md), in order, in a
scratch copy of the repository's rubrics and examples, with the built `rubric` first on PATH, so
that the guide stays true.

- A block runs under `bash -e -o pipefail`: it must exit 0, or the status named by an
  `<!-- expect exit N -->` line just before it; a command that fails in the middle of a block
  fails the block.
- A ```text block announced by `<!-- output includes -->` shows what the ```sh block before it
  prints: each of its lines (but `…`, which stands for lines left out) must be a line of that
  block's output (standard output, then standard error), in the same order.
- With `--lang zh`, every command of the guide that runs `rubric` must ask for Chinese itself
  (`--lang zh`, or `LANG=zh_CN.UTF-8` before it): the guide is for a reader who reads no English.

The blocks run as on a machine whose locale says nothing (LC_ALL, LC_MESSAGES and LANGUAGE
unset, LANG=C.UTF-8), so that the developer's own locale changes nothing.

  run_guide.py RUBRIC_BINARY GUIDE.md [--lang zh]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

EXPECT_EXIT = re.compile(r"<!-- expect exit (\d+) -->")
OUTPUT_INCLUDES = "<!-- output includes -->"
ELLIPSIS = "…"


class Block:
    def __init__(self, line, script, expected_exit):
        self.line = line            # where the block starts in the guide, for messages
        self.script = script
        self.expected_exit = expected_exit
        self.output_lines = None    # the lines an `output includes` block says it prints


def read_blocks(path):
    """The guide's ```sh blocks with their expected exit status and shown output."""
    blocks, fence, body, start = [], None, [], 0
    expected_exit, wants_output = 0, False
    for number, line in enumerate(open(path, encoding="utf-8").read().splitlines(), 1):
        if fence is not None:
            if line.strip() == "```":
                if fence == "sh":
                    blocks.append(Block(start, "\n".join(body) + "\n", expected_exit))
                    expected_exit = 0
                elif fence == "output":
                    blocks[-1].output_lines = body
                fence, body = None, []
            else:
                body.append(line)
            continue
        marker = EXPECT_EXIT.fullmatch(line.strip())
        if marker:
            expected_exit = int(marker.group(1))
        elif line.strip() == OUTPUT_INCLUDES:
            if not blocks:
                sys.exit(f"{path}:{number}: `{OUTPUT_INCLUDES}` before any ```sh block")
            wants_output = True
        elif line.startswith("```sh"):
            fence, start = "sh", number
        elif line.startswith("```") and wants_output:
            if blocks[-1].output_lines is not None:
                sys.exit(f"{path}:{number}: a second output block for the command block of line {blocks[-1].line}")
            fence, wants_output = "output", False
        elif line.strip() and wants_output and not line.startswith("```"):
            sys.exit(f"{path}:{number}: `{OUTPUT_INCLUDES}` must be followed by a ``` block")
    if fence is not None:
        sys.exit(f"{path}:{start}: a ``` block is not closed")
    return blocks


def commands_missing_language(block, lang):
    """The lines of a block that run `rubric` without asking for the language `lang`."""
    missing = []
    for line in block.script.splitlines():
        if re.search(r"(^|[\s;|&(])rubric\s", line) and not line.lstrip().startswith("#"):
            if f"--lang {lang}" not in line and not re.search(rf"\bLANG={lang}\S*\s+rubric\s", line):
                missing.append(line)
    return missing


def missing_output(shown, printed):
    """The shown lines that the output lacks, in order; an ellipsis skips any number of lines."""
    printed = [line.rstrip() for line in printed.splitlines()]
    at = 0
    for line in shown:
        if line.strip() in ("", ELLIPSIS):
            continue
        try:
            at = printed.index(line.rstrip(), at) + 1
        except ValueError:
            return line
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("guide")
    parser.add_argument("--lang", help="every `rubric` command must ask for this language")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    blocks = read_blocks(args.guide)
    if not blocks:
        sys.exit(f"no commands found in {args.guide}")

    failures = []
    if args.lang:
        for block in blocks:
            for line in commands_missing_language(block, args.lang):
                failures.append(f"{args.guide}:{block.line}: `rubric` without `--lang {args.lang}`: {line.strip()}")
    if failures:
        sys.exit("\n".join(failures))

    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env["LANG"] = "C.UTF-8"
    env["PATH"] = os.path.dirname(binary) + os.pathsep + os.environ["PATH"]
    with tempfile.TemporaryDirectory() as work:
        for folder in ("rubrics", "examples"):
            shutil.copytree(os.path.join(ROOT, folder), os.path.join(work, folder))
        for block in blocks:
            proc = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", block.script], cwd=work, env=env,
                                  capture_output=True, text=True)
            printed = proc.stdout + proc.stderr
            # What a failure shows: all of standard output, the end of standard error (a block
            # may warn about hundreds of rows).
            shown = proc.stdout + "".join(proc.stderr.splitlines(True)[-40:])
            if proc.returncode != block.expected_exit:
                print(f"{args.guide}:{block.line}: the block exited {proc.returncode}, "
                      f"expected {block.expected_exit}:\n{block.script}\n{shown}")
                return 1
            if block.output_lines is not None:
                lacking = missing_output(block.output_lines, printed)
                if lacking is not None:
                    print(f"{args.guide}:{block.line}: the guide shows a line the block does not print "
                          f"(or not in this order):\n  {lacking}\nThe block:\n{block.script}\nIt printed:\n{shown}")
                    return 1
    print(f"all {len(blocks)} command blocks of {os.path.relpath(args.guide, ROOT)} ran as written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
