#!/usr/bin/env python3
"""CSV files saved as Excel and WPS on Chinese Windows save them score as the UTF-8 files do.

  same_scores.py RUBRIC_BINARY

Every shipped example's CSV files (events, units and people) are written at test time in
GB18030, UTF-16LE with a byte order mark and UTF-16BE without one (Python's codecs), and scored;
the JSON output must be byte-identical to that of the UTF-8 files once its "notes" are removed,
the exit code the same, and every converted file named in one note (E1030) on standard error and
in the JSON, which is all that standard error gains. Then, on the command line: --encoding
forces an encoding, a wrong one is a clear error, a zip file is never called GBK, and an invalid
GB18030 sequence is named by its line.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = sys.argv[1]

EXAMPLES = [  # folder, rubric, period option
    ("examples/nanguo", "rubrics/nanguo-xinjiayuan", ["--year", "2023"]),
    ("examples/nanguo-zh", "rubrics/nanguo-xinjiayuan", ["--year", "2023"]),
    ("examples/heping", "rubrics/heping-village", ["--year", "2024"]),
    ("examples/lanting", "rubrics/lanting-hoa", ["--year", "2024"]),
    ("examples/qingyuan", "rubrics/qingyuan-dorm", ["--year", "2024"]),
]
ENCODINGS = {  # name in the file, how Python writes it, what the note says
    "gb18030": (lambda text: text.encode("gb18030"), "GB18030"),
    "utf-16le-bom": (lambda text: b"\xff\xfe" + text.encode("utf-16-le"), "UTF-16LE"),
    "utf-16be": (lambda text: text.encode("utf-16-be"), "UTF-16BE"),
}
failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def score(rubric, units, people, events, period, *extra):
    args = [BINARY, "score", "--rubric", os.path.join(ROOT, rubric), "--units", units, "--people", people,
            "--events", events, *period, "--format", "json", "--lang", "en", *extra]
    return subprocess.run(args, capture_output=True, cwd=ROOT)


def without_notes(output):
    data = json.loads(output)
    notes = data.pop("notes", [])
    # Another encoding is another file: its path and SHA-256 differ by construction, its rows not.
    data["inputs"] = [{"role": i["role"], "rows": i["rows"]} for i in data.get("inputs", [])]
    return json.dumps(data, ensure_ascii=False, sort_keys=True), notes


def check_examples(tmp):
    for folder, rubric, period in EXAMPLES:
        files = {name: os.path.join(ROOT, folder, name + ".csv") for name in ("units", "people", "events")}
        base = score(rubric, files["units"], files["people"], files["events"], period)
        if base.returncode != 0:
            fail(f"{folder}: the UTF-8 files exit {base.returncode}: {base.stderr.decode()}")
            continue
        base_json, base_notes = without_notes(base.stdout)
        if base_notes:
            fail(f"{folder}: UTF-8 files gave notes {base_notes}")
        for encoding, (encode, shown) in ENCODINGS.items():
            converted, changed = {}, []
            for name, path in files.items():
                text = open(path, encoding="utf-8-sig").read()
                converted[name] = os.path.join(tmp, f"{os.path.basename(folder)}-{name}-{encoding}.csv")
                with open(converted[name], "wb") as out:
                    out.write(encode(text))
                if encode(text) != text.encode("utf-8"):  # ASCII is GB18030 and UTF-8 alike: no note
                    changed.append(converted[name])
            run = score(rubric, converted["units"], converted["people"], converted["events"], period)
            where = f"{folder} in {encoding}"
            if run.returncode != base.returncode:
                fail(f"{where}: exit {run.returncode}, UTF-8 exits {base.returncode}: {run.stderr.decode()}")
                continue
            got_json, notes = without_notes(run.stdout)
            if got_json != base_json:
                fail(f"{where}: the JSON differs from the UTF-8 files' beyond the notes")
            noted = sorted(n["file"] for n in notes if n["code"] == "E1030" and shown in n["message"])
            if noted != sorted(changed) or len(notes) != len(changed):
                fail(f"{where}: the JSON notes {notes}, expected one E1030 naming {shown} per file")
            stderr = run.stderr.decode()
            for path in changed:
                if f"{path}: note[E1030]: the file is not UTF-8; it was read as {shown}" not in stderr:
                    fail(f"{where}: standard error does not note {path}: {stderr}")
            for name, path in converted.items():  # the findings of the UTF-8 run name the UTF-8 files
                stderr = stderr.replace(path, files[name])
            others = [line for line in stderr.splitlines() if "note[E1030]" not in line]
            if others != base.stderr.decode().splitlines():
                fail(f"{where}: standard error says more than the notes: {others}")


def check_command_line(tmp):
    folder, rubric, period = "examples/nanguo-zh", "rubrics/nanguo-xinjiayuan", ["--year", "2023"]
    # --encoding is the encoding of every data file: the rosters too.
    gb, utf16 = {}, {}
    for name in ("units", "people", "events"):
        text = open(os.path.join(ROOT, folder, name + ".csv"), encoding="utf-8").read()
        gb[name] = os.path.join(tmp, f"{name}-gb.csv")
        open(gb[name], "wb").write(text.encode("gb18030"))
        utf16[name] = os.path.join(tmp, f"{name}-utf16.csv")
        open(utf16[name], "wb").write(text.encode("utf-16-le"))  # no byte order mark
    units, people = (os.path.join(ROOT, folder, n + ".csv") for n in ("units", "people"))

    base = score(rubric, units, people, os.path.join(ROOT, folder, "events.csv"), period)
    forced = score(rubric, gb["units"], gb["people"], gb["events"], period, "--encoding", "gbk")
    if forced.returncode != 0 or without_notes(forced.stdout)[0] != without_notes(base.stdout)[0]:
        fail(f"--encoding gbk: exit {forced.returncode}, {forced.stderr.decode()}")
    elif "read as GBK, as --encoding says" not in forced.stderr.decode():
        fail(f"--encoding gbk: no note: {forced.stderr.decode()}")
    forced = score(rubric, utf16["units"], utf16["people"], utf16["events"], period, "--encoding", "utf-16")
    if forced.returncode != 0 or without_notes(forced.stdout)[0] != without_notes(base.stdout)[0]:
        fail(f"--encoding utf-16 without a mark: exit {forced.returncode}, {forced.stderr.decode()}")

    wrong = score(rubric, utf16["units"], utf16["people"], utf16["events"], period, "--encoding", "gb18030")
    if wrong.returncode != 1 or "--encoding says GB18030, but the file has zero bytes" not in wrong.stderr.decode():
        fail(f"--encoding gb18030 on UTF-16: exit {wrong.returncode}, {wrong.stderr.decode()}")
    wrong = score(rubric, gb["units"], gb["people"], gb["events"], period, "--encoding", "utf-16le")
    if wrong.returncode != 1 or "the file is not UTF-16" not in wrong.stderr.decode():
        fail(f"--encoding utf-16le on GB18030: exit {wrong.returncode}, {wrong.stderr.decode()}")
    wrong = score(rubric, units, people, gb["events"], period, "--encoding", "latin-1")
    if wrong.returncode != 2 or "`latin-1` is not an encoding rubric reads" not in wrong.stderr.decode():
        fail(f"--encoding latin-1: exit {wrong.returncode}, {wrong.stderr.decode()}")

    # A workbook: a zip whose entries hold GBK-looking bytes is never taken for GBK text.
    workbook = os.path.join(tmp, "events.xlsx")
    with zipfile.ZipFile(workbook, "w", zipfile.ZIP_STORED) as z:
        z.writestr("xl/sharedStrings.xml", open(gb["events"], "rb").read())
    run = score(rubric, units, people, workbook, period)
    stderr = run.stderr.decode()
    if run.returncode == 0 or re.search("GB18030|GBK|iconv", stderr) or "zip" not in stderr:
        fail(f"a zip file: exit {run.returncode}, {stderr}")

    # An invalid GB18030 sequence (a lead byte, then a line end) is named by its line.
    lines = open(gb["events"], "rb").read().split(b"\n")
    lines[4] = lines[4] + b"\x81"
    broken = os.path.join(tmp, "events-broken.csv")
    open(broken, "wb").write(b"\n".join(lines))
    run = score(rubric, units, people, broken, period)
    if run.returncode != 1 or not re.search(r"events-broken\.csv:5:\d+: error\[E1001\]: the file cannot be read as "
                                            r"GB18030: byte \d+ of the file \(81 0A", run.stderr.decode()):
        fail(f"an invalid GB18030 sequence: exit {run.returncode}, {run.stderr.decode()}")


with tempfile.TemporaryDirectory() as tmp:
    check_examples(tmp)
    check_command_line(tmp)
if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("GB18030 and UTF-16 files score as the UTF-8 files; --encoding, zip files and bad bytes are handled")
