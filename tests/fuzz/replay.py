#!/usr/bin/env python3
"""Replays the fuzzers' findings (tests/fuzz/regressions/) through the `rubric` command, so the
normal suite keeps every input that once crashed or misbehaved. A file is named after the
harness that found it, `HARNESS-what.ext`, and replayed the way that harness ran it:

  fuzz_parse_check-*   `rubric check FILE`
  fuzz_format-*        `rubric fmt FILE`, then `rubric fmt` of the output gives the output again; printed
                       in each surface (`--surface zh|en`, or refused) and back, the same text
  fuzz_events_csv-*, fuzz_events_jsonl-*, fuzz_score-*
                       first line a community, the rest an events file: `rubric score` with the
                       community's rubric, roster and year (and --rejects)
  fuzz_rubric_tests-*  first line a community, the rest a test file: `rubric test` beside the
                       community's versions

Each must end with exit 0 (all is well) or 1 (errors reported), never by a signal, an abort or a
sanitizer report (exit 2 is misuse, and no input is misuse). fuzz_score inputs are valid events
and must score with exit 0.

  replay.py RUBRIC_BINARY
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def communities():
    """The harnesses' table of communities, read from fuzz_common.hpp so both stay the same."""
    text = open(os.path.join(HERE, "fuzz_common.hpp"), encoding="utf-8").read()
    rows = re.findall(r'\{"(\w+)", "([^"]+)", "([^"]+)", (\d+)\}', text)
    if not rows:
        sys.exit("replay: no communities found in fuzz_common.hpp")
    return {name: (rubric, examples, year) for name, rubric, examples, year in rows}


def split_input(data, table):
    """As fuzz_common.hpp's split_input: a known community's name on the first line, or nanguo."""
    first, newline, rest = data.partition(b"\n")
    name = first.decode("utf-8", "replace")
    if newline and name in table:
        return name, rest
    if not newline and name in table:
        return name, b""
    return "nanguo", data


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, timeout=120, **kwargs)


def replay(binary, path, table, work):
    name = os.path.basename(path)
    harness = name.split("-", 1)[0]
    data = open(path, "rb").read()
    allowed = (0, 1)
    if harness == "fuzz_parse_check":
        results = [run([binary, "check", path])]
    elif harness == "fuzz_format":
        first = run([binary, "fmt", path])
        results = [first]
        if first.returncode == 0:
            again_path = os.path.join(work, "formatted.rubric")
            open(again_path, "wb").write(first.stdout)
            again = run([binary, "fmt", again_path])
            results.append(again)
            if again.returncode == 0 and again.stdout != first.stdout:
                return "formatting the formatted text changes it again"
            # In each surface: printed (or refused, exit 1), and printed back, the canonical text.
            own = "zh" if re.match(r"(\s|#[^\n]*\n)*细则", first.stdout.decode("utf-8", "replace")) else "en"
            for surface in ("zh", "en"):
                translated = run([binary, "fmt", "--surface", surface, again_path])
                results.append(translated)
                if translated.returncode == 0:
                    translated_path = os.path.join(work, f"translated-{surface}.rubric")
                    open(translated_path, "wb").write(translated.stdout)
                    returned = run([binary, "fmt", "--surface", own, translated_path])
                    results.append(returned)
                    if returned.returncode == 0 and returned.stdout != first.stdout:
                        return f"printed in the {surface} surface and back, the text is not the same"
    elif harness in ("fuzz_events_csv", "fuzz_events_jsonl", "fuzz_score"):
        community, events = split_input(data, table)
        rubric, examples, year = table[community]
        ext = "jsonl" if harness == "fuzz_events_jsonl" else "csv"
        events_path = os.path.join(work, "events." + ext)
        open(events_path, "wb").write(events)
        rejects = os.path.join(work, "rejects.csv")
        if os.path.exists(rejects):
            os.remove(rejects)
        results = [run([binary, "score", "--rubric", os.path.join(ROOT, rubric),
                        "--units", os.path.join(ROOT, examples, "units.csv"),
                        "--people", os.path.join(ROOT, examples, "people.csv"),
                        "--events", events_path, "--year", year, "--format", "json",
                        "--rejects", rejects])]
        if harness == "fuzz_score":
            allowed = (0,)
    elif harness == "fuzz_rubric_tests":
        community, test_file = split_input(data, table)
        rubric = os.path.join(ROOT, table[community][0])
        folder = os.path.join(work, "rubric-" + community)
        os.makedirs(os.path.join(folder, "tests"), exist_ok=True)
        for f in os.listdir(rubric):
            if f.endswith(".rubric") and not os.path.exists(os.path.join(folder, f)):
                os.symlink(os.path.join(rubric, f), os.path.join(folder, f))
        open(os.path.join(folder, "tests", "replay.test"), "wb").write(test_file)
        results = [run([binary, "test", folder])]
    else:
        return f"no harness named {harness!r} (name regression inputs HARNESS-what.ext)"
    for r in results:
        stderr = r.stderr.decode("utf-8", "replace")
        if r.returncode not in allowed or "Sanitizer" in stderr or "runtime error" in stderr:
            return f"exit {r.returncode} (allowed {allowed}):\n{stderr[-2000:]}"
    return None


def main():
    binary = os.path.abspath(sys.argv[1])
    table = communities()
    folder = os.path.join(HERE, "regressions")
    inputs = sorted(os.listdir(folder))
    if not inputs:
        sys.exit("replay: no regression inputs")
    problems = []
    with tempfile.TemporaryDirectory() as work:
        for name in inputs:
            problem = replay(binary, os.path.join(folder, name), table, work)
            if problem:
                problems.append(f"{name}: {problem}")
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print(f"all {len(inputs)} fuzz regression inputs replayed cleanly")


if __name__ == "__main__":
    main()
