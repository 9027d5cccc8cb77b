#!/usr/bin/env python3
"""`rubric diff --lang zh` between versions of a Chinese rubric shows no English word.

  diff_in_chinese.py RUBRIC_BINARY

Compares the reference rubric's versions (each way), and the small English versions of
tests/golden/diff/small translated with `fmt --surface zh` (amounts, caps, conditions,
exemptions, renames). Every run must differ (exit 1). In what it prints, an ASCII word passes only
when it is a file path, a date or version, a name in the full-width parentheses that follow a
label (the Chinese surface declares `楼道杂物（corridor_clutter）`), a name in backquotes, or a word
the compared Chinese rubric text itself writes outside such parentheses (a name declared without a
label). Anything else is English a Chinese reader would meet. Also checks that a file and its
`fmt --surface en` translation mean the same (exit 0).
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
REFERENCE = os.path.join("rubrics", "nanguo-xinjiayuan")
SMALL = os.path.join("tests", "golden", "diff", "small")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def run(binary, *args):
    return subprocess.run([binary, *args], capture_output=True, cwd=ROOT)


def own_words(paths):
    """The ASCII words the Chinese texts write outside declarations' parentheses and comments."""
    words = set()
    for path in paths:
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            for line in f:
                line = re.sub(r"#.*", "", line)
                line = re.sub(r"（[A-Za-z0-9_]+）", "", line)
                words.update(WORD.findall(line))
    return words


def english_in(output, allowed):
    found = []
    for number, line in enumerate(output.splitlines(), 1):
        rest = re.sub(r"\S*/\S*", " ", line)                 # paths
        rest = re.sub(r"（[A-Za-z0-9_]+）", " ", rest)       # a label's name, as the surface declares it
        rest = re.sub(r"`[^`]*`", " ", rest)                  # quoted names
        for word in WORD.findall(rest):
            if word not in allowed:
                found.append(f"line {number}: {word!r} in {line.strip()!r}")
    return found


def main(binary):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        pairs = [(os.path.join(REFERENCE, "2023-04.rubric"), os.path.join(REFERENCE, "2023-09.rubric")),
                 (os.path.join(REFERENCE, "2023-09.rubric"), os.path.join(REFERENCE, "2023-04.rubric"))]
        translated = {}
        for name in ("base", "caps_amounts", "conditions", "renamed"):
            proc = run(binary, "fmt", "--surface", "zh", os.path.join(SMALL, name + ".rubric"))
            if proc.returncode != 0:
                sys.exit(f"fmt --surface zh {name}.rubric failed:\n{proc.stderr.decode()}")
            translated[name] = os.path.join(tmp, name + ".rubric")
            with open(translated[name], "wb") as f:
                f.write(proc.stdout)
        pairs += [(translated["base"], translated[n]) for n in ("caps_amounts", "conditions", "renamed")]
        for old, new in pairs:
            proc = run(binary, "diff", "--lang", "zh", old, new)
            shown = f"diff --lang zh {os.path.basename(old)} {os.path.basename(new)}"
            if proc.returncode != 1:
                problems.append(f"{shown}: exit {proc.returncode}, not 1:\n{proc.stderr.decode()}")
                continue
            for found in english_in(proc.stdout.decode("utf-8"), own_words([old, new])):
                problems.append(f"{shown}: {found}")
        # A Chinese file and its English translation mean the same.
        for version in ("2023-04", "2023-09"):
            chinese = os.path.join(REFERENCE, version + ".rubric")
            english = os.path.join(tmp, version + "-en.rubric")
            with open(english, "wb") as f:
                f.write(run(binary, "fmt", "--surface", "en", chinese).stdout)
            proc = run(binary, "diff", "--lang", "zh", chinese, english)
            if proc.returncode != 0:
                problems.append(f"diff {version} and its English translation: exit {proc.returncode}, not 0:\n"
                                f"{proc.stdout.decode()}{proc.stderr.decode()}")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
