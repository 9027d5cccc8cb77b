#!/usr/bin/env python3
"""The guide runner fails where a guide is no longer true: a block that fails (also in its
middle), an exit status other than the one announced, an output line the block does not print,
and, for the Chinese guide, a `rubric` command that does not ask for Chinese. A true guide passes.

  test_run_guide.py RUBRIC_BINARY
"""
import os
import subprocess
import sys
import tempfile

RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run_guide.py")
FENCE = "```"

# (what the case shows, the guide, extra arguments, whether the runner must pass)
CASES = [
    ("a true guide passes",
     f"{FENCE}sh\necho one\necho two\necho three\n{FENCE}\n\n<!-- output includes -->\n{FENCE}text\none\n…\nthree\n{FENCE}\n"
     f"\n<!-- expect exit 2 -->\n{FENCE}sh\nrubric --lang zh check no-such-folder\n{FENCE}\n"
     f"\n{FENCE}sh\nLANG=zh_CN.UTF-8 rubric --version\n{FENCE}\n",
     ["--lang", "zh"], True),
    ("a failing block fails",
     f"{FENCE}sh\ntrue\n{FENCE}\n\n{FENCE}sh\nfalse\n{FENCE}\n", [], False),
    ("a command failing in the middle of a block fails",
     f"{FENCE}sh\nfalse\ntrue\n{FENCE}\n", [], False),
    ("a failure inside a pipe fails",
     f"{FENCE}sh\nfalse | cat\n{FENCE}\n", [], False),
    ("an exit status other than the announced one fails",
     f"<!-- expect exit 1 -->\n{FENCE}sh\ntrue\n{FENCE}\n", [], False),
    ("an output line the block does not print fails",
     f"{FENCE}sh\necho 通过\n{FENCE}\n\n<!-- output includes -->\n{FENCE}text\n未通过\n{FENCE}\n", [], False),
    ("output lines out of order fail",
     f"{FENCE}sh\necho one; echo two\n{FENCE}\n\n<!-- output includes -->\n{FENCE}text\ntwo\none\n{FENCE}\n", [], False),
    ("a rubric command without --lang zh fails in a Chinese guide",
     f"{FENCE}sh\nrubric --version\n{FENCE}\n", ["--lang", "zh"], False),
    ("a guide without commands fails",
     "nothing to run here\n", [], False),
]


def main():
    binary = sys.argv[1]
    wrong = []
    with tempfile.TemporaryDirectory() as tmp:
        for number, (name, guide, extra, must_pass) in enumerate(CASES):
            path = os.path.join(tmp, f"guide-{number}.md")
            with open(path, "w", encoding="utf-8") as f:
                f.write(guide)
            proc = subprocess.run([sys.executable, RUNNER, binary, path, *extra], capture_output=True, text=True)
            if (proc.returncode == 0) != must_pass:
                wrong.append(f"{name}: the runner exited {proc.returncode}\n{proc.stdout}{proc.stderr}")
    for w in wrong:
        print(w)
    if not wrong:
        print(f"the guide runner judged all {len(CASES)} guides right")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
