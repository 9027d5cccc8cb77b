#!/usr/bin/env python3
"""Every description in a command's help starts at one display column, in Chinese too.

  help_columns.py RUBRIC COMMAND...   runs `RUBRIC COMMAND --help --lang zh` for each command

A Chinese character takes two columns in a terminal and three bytes in UTF-8: help padded by bytes
(CLI11's own) starts a description after a Chinese name a column or more early. Here each option or
subcommand line's description is found after the name's run of two or more spaces (or at the first
character of a continuation line) and measured in columns as a terminal shows them.
"""
import re
import subprocess
import sys
import unicodedata


def columns(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def description_columns(help_text):
    """{column: [lines]} of the lines that start a description."""
    found = {}
    for line in help_text.splitlines():
        if line.startswith("  -") or (line.startswith("  ") and not line.startswith("   ") and " " not in line[2:3]):
            match = re.search(r"\S  +(?=\S)", line[2:])
            if not match:
                continue  # a name too long for the column: its description is on the next line
            start = 2 + match.end()
        elif line.startswith("   "):
            start = len(line) - len(line.lstrip(" "))
        else:
            continue
        found.setdefault(columns(line[:start]), []).append(line)
    return found


def main(rubric, commands):
    problems = 0
    for command in commands:
        args = [rubric] + ([command] if command != "-" else []) + ["--help", "--lang", "zh"]
        out = subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")
        found = description_columns(out)
        if len(found) != 1:
            problems += 1
            print(f"`{' '.join(args[1:])}`: descriptions start at columns {sorted(found)}:")
            for column, lines in sorted(found.items()):
                for line in lines:
                    print(f"  {column:3}  {line}")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
