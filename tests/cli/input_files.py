#!/usr/bin/env python3
"""Input files the command must refuse or survive, which golden files cannot set up: FIFOs,
--rejects pointed at an input or at a file it must not replace, headers too large to hold.

  input_files.py RUBRIC_BINARY CASE...     (CASE: a function name below, without `case_`)
"""
import os
import resource
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
NANGUO = os.path.join(ROOT, "examples", "nanguo")
RUBRIC = os.path.join(ROOT, "rubrics", "nanguo-xinjiayuan")
HEADER = "date,unit,kind,resolved,act,level,item,count,hours,person,result\n"
REJECTS_HEADER = "file,line,column,code,reason,row\n"


class Failed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failed(message)


def run(binary, args, memory_limit=None, timeout=30):
    def limit():
        if memory_limit and not os.environ.get("RUBRIC_NO_MEMORY_LIMIT"):
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    try:
        proc = subprocess.run([binary] + args, cwd=ROOT, capture_output=True, timeout=timeout, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        raise Failed(f"`rubric {' '.join(args)}` did not finish in {timeout} s (waiting on a FIFO?)")
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def score_args(events, units=None, people=None, rubric=RUBRIC, extra=()):
    args = ["score", "--rubric", rubric, "--units", units or os.path.join(NANGUO, "units.csv"),
            "--people", people or os.path.join(NANGUO, "people.csv"), "--month", "2023-10"]
    for e in events:
        args += ["--events", e]
    return args + list(extra)


def bad_rows_file(tmp, count, name="bad.csv"):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(HEADER)
        f.write("2023-10-03,1-1,commendation,,,,,,,,\n")
        for _ in range(count):
            f.write("2023-10-04,9-9,commendation,,,,,,,,\n")
    return path


# ---- FIFOs and other files that are not regular ------------------------------------------------

def fifo_refused(binary, tmp, where):
    fifo = os.path.join(tmp, "fifo")
    os.mkfifo(fifo)
    events = os.path.join(NANGUO, "events.csv")
    args = {"events": score_args([fifo]), "units": score_args([events], units=fifo),
            "people": score_args([events], people=fifo), "rubric": score_args([events], rubric=fifo),
            "check": ["check", fifo]}[where]
    status, out, err = run(binary, args, timeout=20)
    expect(status == 2, f"exit {status}, expected 2; stderr: {err}")
    expect("FIFO" in err and fifo in err, f"the error does not name the FIFO: {err}")
    expect(out == "", f"results were printed: {out}")


def case_fifo_events(binary, tmp): fifo_refused(binary, tmp, "events")
def case_fifo_units(binary, tmp): fifo_refused(binary, tmp, "units")
def case_fifo_people(binary, tmp): fifo_refused(binary, tmp, "people")
def case_fifo_rubric(binary, tmp): fifo_refused(binary, tmp, "rubric")
def case_fifo_check(binary, tmp): fifo_refused(binary, tmp, "check")


# ---- --rejects never destroys a file -----------------------------------------------------------

def case_rejects_is_the_events_file(binary, tmp):
    events = os.path.join(tmp, "events.csv")
    shutil.copy(os.path.join(NANGUO, "events-bad.csv"), events)
    before = open(events, "rb").read()
    status, out, err = run(binary, score_args([events], extra=["--rejects", events]))
    expect(status == 2, f"exit {status}, expected 2; stderr: {err}")
    expect("an input of this run" in err, f"no reason given: {err}")
    expect(open(events, "rb").read() == before, "the events file was changed")
    # Another name for the same file (a hard link) is the same file.
    link = os.path.join(tmp, "link.csv")
    os.link(events, link)
    status, out, err = run(binary, score_args([events], extra=["--rejects", link, "--force"]))
    expect(status == 2, f"a hard link: exit {status}, expected 2; stderr: {err}")
    expect(open(events, "rb").read() == before, "the events file was changed through a hard link")


def case_rejects_is_a_roster(binary, tmp):
    units = os.path.join(tmp, "units.csv")
    shutil.copy(os.path.join(NANGUO, "units.csv"), units)
    before = open(units, "rb").read()
    status, out, err = run(binary, score_args([os.path.join(NANGUO, "events-bad.csv")], units=units,
                                              extra=["--rejects", units, "--force"]))
    expect(status == 2, f"exit {status}, expected 2; stderr: {err}")
    expect("an input of this run" in err, f"no reason given: {err}")
    expect(open(units, "rb").read() == before, "the unit roster was changed")


def case_rejects_other_file_needs_force(binary, tmp):
    precious = os.path.join(tmp, "minutes.csv")
    with open(precious, "w") as f:
        f.write("meeting,decision\n2023-10-01,paint the corridor\n")
    before = open(precious, "rb").read()
    events = [os.path.join(NANGUO, "events-bad.csv")]
    status, out, err = run(binary, score_args(events, extra=["--rejects", precious]))
    expect(status == 2, f"exit {status}, expected 2; stderr: {err}")
    expect("--force" in err, f"the message does not say how to replace it: {err}")
    expect(open(precious, "rb").read() == before, "a file that is not a rejects file was replaced")
    status, out, err = run(binary, score_args(events, extra=["--rejects", precious, "--force"]))
    expect(status == 1, f"with --force: exit {status}, expected 1; stderr: {err}")
    expect(open(precious).read().startswith(REJECTS_HEADER), "with --force the file was not replaced")


def case_rejects_previous_rejects_file_is_replaced(binary, tmp):
    rejects = os.path.join(tmp, "rejects.csv")
    with open(rejects, "w") as f:
        f.write(REJECTS_HEADER + "old.csv,2,1,E1005,old,row\n")
    status, out, err = run(binary, score_args([os.path.join(NANGUO, "events-bad.csv")], extra=["--rejects", rejects]))
    expect(status == 1, f"exit {status}, expected 1; stderr: {err}")
    text = open(rejects).read()
    expect(text.startswith(REJECTS_HEADER) and "old.csv" not in text and "events-bad.csv" in text,
           f"the previous rejects file was not replaced: {text}")
    expect(not [n for n in os.listdir(tmp) if ".partial" in n], "a temporary file was left behind")


def case_rejects_kept_when_the_rubric_has_errors(binary, tmp):
    rejects = os.path.join(tmp, "rejects.csv")
    with open(rejects, "w") as f:
        f.write(REJECTS_HEADER + "old.csv,2,1,E1005,old,row\n")
    before = open(rejects, "rb").read()
    broken = os.path.join(ROOT, "tests", "golden", "check", "fail_R2001_unknown_kind.rubric")
    status, out, err = run(binary, score_args([os.path.join(NANGUO, "events-bad.csv")], rubric=broken,
                                              extra=["--rejects", rejects]))
    expect(status == 1, f"exit {status}, expected 1; stderr: {err}")
    expect(open(rejects, "rb").read() == before, "a run that read no row replaced the rejects file")


# ---- Headers: a problem with the whole file, and no quadratic memory --------------------------

def long_header_file(tmp):
    path = os.path.join(tmp, "long-header.csv")
    with open(path, "w") as f:
        f.write("date,unit,kind," + "x" * (1 << 21) + "\n")
        f.write("2023-10-03,1-1,commendation,\n")
    return path


def header_problem_withholds(binary, tmp, rejects):
    extra = ["--rejects", os.path.join(tmp, "rejects.csv")] if rejects else []
    status, out, err = run(binary, score_args([long_header_file(tmp)], extra=extra))
    expect(status == 1, f"exit {status}, expected 1; stderr: {err}")
    expect(out == "", f"results were printed without the file's rows: {out}")
    expect("E1003" in err and "header" in err, f"the header is not named as the problem: {err}")


def case_header_too_long(binary, tmp): header_problem_withholds(binary, tmp, False)
def case_header_too_long_rejects(binary, tmp): header_problem_withholds(binary, tmp, True)


def case_header_of_100k_columns(binary, tmp):
    path = os.path.join(tmp, "wide.csv")
    with open(path, "w") as f:
        f.write("date,unit,kind," + ",".join(f"c{i}" for i in range(100_000)) + "\n")
    # A copy of the header per column would need about 70 GB; one finding needs one copy.
    status, out, err = run(binary, score_args([path]), memory_limit=1 << 30)
    expect(status == 1, f"exit {status}, expected 1; stderr: {err[:2000]}")
    expect(err.count("E1003") == 1, f"{err.count('E1003')} header findings, expected one")
    expect("99995 more" in err, f"the other columns are not counted: {err[:2000]}")
    expect(len(err) < 4000, f"{len(err)} bytes of messages for one header")


# ---- Findings are capped per file, counted in full --------------------------------------------

def case_findings_capped_per_file(binary, tmp):
    first = bad_rows_file(tmp, 250, "first.csv")
    second = bad_rows_file(tmp, 3, "second.csv")
    rejects = os.path.join(tmp, "rejects.csv")
    status, out, err = run(binary, score_args([first, second], extra=["--rejects", rejects, "--format", "json"]))
    expect(status == 1, f"exit {status}, expected 1")
    expect(err.count(first + ":") == 100, f"{err.count(first + ':')} findings of the first file shown, expected 100")
    expect(f"... and 150 more in {first} not shown" in err, "no count of the findings not shown")
    expect(err.count(second + ":") == 3, "the second file's findings are not all shown")
    expect("253 errors, 0 warnings in the data" in err, "the summary does not count every finding")
    expect('"rows_rejected": 253' in out, "the JSON counts do not count every rejected row")
    expect(open(rejects).read().count("\n") == 254, "the rejects file does not hold every rejected row")


def main():
    binary = os.path.abspath(sys.argv[1])
    ok = True
    for name in sys.argv[2:]:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                globals()["case_" + name](binary, tmp)
                print(f"ok: {name}")
            except Failed as e:
                print(f"FAILED: {name}: {e}")
                ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
