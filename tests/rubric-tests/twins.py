#!/usr/bin/env python3
"""The reference rubric's tests are written in Chinese (rubrics/nanguo-xinjiayuan/tests); their
English twins are kept here (tests/rubric-tests/nanguo-en). Both must give the same results:

  twins.py RUBRIC_BINARY

1. each file and its twin hold the same number of tests, and `rubric test` passes them all;
2. a wrong check fails in both: in every file, the first numeric check (得分 N / score N, ...)
   is made one more, and each language must then fail exactly one test, with the same
   expected and actual values.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RUBRIC = os.path.join(ROOT, "rubrics", "nanguo-xinjiayuan")
TWINS = os.path.join(ROOT, "tests", "rubric-tests", "nanguo-en")
NUMERIC = {"zh": r"(得分|扣分次数|名次|补贴) (\d+)", "en": r"(score|deductions|rank|subsidy) (\d+)"}


def folder_with(tmp, name, tests):
    """A rubric folder: the reference rubric's versions and the given test files {name: text}."""
    path = os.path.join(tmp, name)
    os.makedirs(os.path.join(path, "tests"))
    for f in os.listdir(RUBRIC):
        if f.endswith(".rubric"):
            shutil.copy(os.path.join(RUBRIC, f), path)
    for f, text in tests.items():
        with open(os.path.join(path, "tests", f), "w", encoding="utf-8") as out:
            out.write(text)
    return path


def run(binary, folder):
    proc = subprocess.run([binary, "test", folder], capture_output=True, text=True)
    return proc.returncode, proc.stdout


def read_tests(folder):
    return {f: open(os.path.join(folder, f), encoding="utf-8").read()
            for f in sorted(os.listdir(folder)) if f.endswith(".test")}


def main():
    binary = sys.argv[1]
    failures = []
    chinese = read_tests(os.path.join(RUBRIC, "tests"))
    english = read_tests(TWINS)
    if sorted(chinese) != sorted(english):
        failures.append(f"the files differ: {sorted(chinese)} and {sorted(english)}")
    with tempfile.TemporaryDirectory() as tmp:
        for f in sorted(set(chinese) & set(english)):
            if not re.search(r"^测试 ", chinese[f], re.M) or re.search(r"^(test|expect|event) ", chinese[f], re.M):
                failures.append(f"{f} is not written in Chinese")
            results = {}
            for lang, text in (("zh", chinese[f]), ("en", english[f])):
                code, out = run(binary, folder_with(tmp, f"{lang}-{f}", {f: text}))
                results[lang] = (code, out.count("PASS  "), out.count("FAIL  "))
                wrong = re.sub(NUMERIC[lang], lambda m: f"{m[1]} {int(m[2]) + 1}", text, count=1)
                code, out = run(binary, folder_with(tmp, f"{lang}-wrong-{f}", {f: wrong}))
                got = re.findall(r"expected (\S+), got (\S+)", out)
                results[lang + "-wrong"] = (code, out.count("FAIL  "), got)
            if results["zh"] != results["en"] or results["zh"][0] != 0 or results["zh"][2] != 0:
                failures.append(f"{f}: Chinese {results['zh']}, English {results['en']} (exit, passed, failed)")
            if results["zh-wrong"] != results["en-wrong"] or results["zh-wrong"][:2] != (1, 1) or not results["zh-wrong"][2]:
                failures.append(f"{f} with a wrong check: Chinese {results['zh-wrong']}, English {results['en-wrong']}")
    for f in failures:
        print("FAIL:", f)
    if not failures:
        print(f"{len(chinese)} Chinese test files give the results of their English twins, and fail alike on a wrong check")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
