#!/usr/bin/env python3
"""Tests of `rubric publish`: the pages it writes, read as a browser's parser reads them.

  run_publish.py RUBRIC golden CASE [--update]   the files a case names equal their expected copies
  run_publish.py RUBRIC determinism              two runs on the same inputs and date: identical sites
  run_publish.py RUBRIC json                     every unit, score, rank and flag of `score --format
                                                 json` is in the bulletin's ranking, in both languages
  run_publish.py RUBRIC escaping                 ids and labels that are markup are shown as text
  run_publish.py RUBRIC charts                   the SVG charts parse as drawn: a bar per unit, a line per unit
  run_publish.py RUBRIC refusals                 --out that is a file, or a folder of other things

A golden case is tests/publish/golden/NAME.cmd: its first line the arguments of `rubric publish`
(without --out, which is a fresh folder), then one line per file of the site to compare; the
expected copies are in tests/publish/golden/NAME/. --update rewrites them. Commands run from the
repository root.
"""
import filecmp
import html.parser
import json
import os
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GOLDEN = os.path.join(ROOT, "tests", "publish", "golden")
NANGUO_ZH = ["--rubric", "rubrics/nanguo-xinjiayuan", "--units", "examples/nanguo-zh/units.csv",
             "--people", "examples/nanguo-zh/people.csv", "--events", "examples/nanguo-zh/events.csv"]
MARKUP = ["--rubric", "tests/publish/data/markup/rubric", "--units", "tests/publish/data/markup/units.csv",
          "--people", "tests/publish/data/markup/people.csv", "--events", "tests/publish/data/markup/events.csv"]


def publish(binary, args, out, expect=0):
    proc = subprocess.run([binary, "publish", *args, "--out", out], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != expect:
        sys.exit(f"rubric publish {' '.join(args)} exited {proc.returncode}, not {expect}:\n{proc.stderr}")
    return proc


class Page(html.parser.HTMLParser):
    """The parts of a page the checks read: elements met, text, links, and the ranking's rows."""

    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.links, self.lang = [], [], [], None
        self.open_only = []  # elements written as a start tag without `/>`: SVG takes what follows as their children
        self.self_closed = []
        self.rows, self.headers = [], []
        self._stack, self._row, self._cell, self._in_ranking, self._closing = [], None, None, False, False
        with open(path, encoding="utf-8") as f:
            self.feed(f.read())
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag == "table" and "ranking" in attrs.get("class", "").split():
            self._in_ranking = True
        if self._in_ranking and tag == "tr":
            self._row = []
        if self._in_ranking and tag in ("td", "th") and self._row is not None:
            self._cell = []
        if tag not in ("meta", "link", "br", "line", "polyline", "rect", "circle", "input", "img"):
            self._stack.append(tag)
        elif tag in ("line", "polyline") and not self._closing:
            self.open_only.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.self_closed.append(tag)
        self._closing = True
        self.handle_starttag(tag, attrs)
        self._closing = False
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def handle_endtag(self, tag):
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()
        if self._in_ranking and tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        if self._in_ranking and tag == "tr" and self._row is not None:
            if not self.headers:
                self.headers = self._row
            else:
                self.rows.append(self._row)
            self._row = None
        if tag == "table":
            self._in_ranking = False

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def golden(binary, case, update):
    lines = [l for l in open(os.path.join(GOLDEN, case + ".cmd"), encoding="utf-8").read().splitlines() if l.strip()]
    args, files = shlex.split(lines[0]), lines[1:]
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        publish(binary, args, site)
        for name in files:
            actual = open(os.path.join(site, name), encoding="utf-8").read()
            expected_path = os.path.join(GOLDEN, case, name)
            if update:
                os.makedirs(os.path.dirname(expected_path), exist_ok=True)
                with open(expected_path, "w", encoding="utf-8") as f:
                    f.write(actual)
                continue
            expected = open(expected_path, encoding="utf-8").read()
            if actual != expected:
                import difflib
                sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                           f"expected {case}/{name}", f"actual {case}/{name}"))
                ok = False
    return ok


def determinism(binary):
    with tempfile.TemporaryDirectory() as tmp:
        first, second = os.path.join(tmp, "first"), os.path.join(tmp, "second")
        args = NANGUO_ZH + ["--year", "2023", "--published", "2024-01-05"]
        publish(binary, args, first)
        publish(binary, args, second)
        names = []
        for folder, _, files in os.walk(first):
            names += [os.path.relpath(os.path.join(folder, f), first) for f in files]
        others = []
        for folder, _, files in os.walk(second):
            others += [os.path.relpath(os.path.join(folder, f), second) for f in files]
        if sorted(names) != sorted(others):
            print("the two sites hold different files:", sorted(set(names) ^ set(others)))
            return False
        _, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
        if mismatch or errors:
            print("files that differ between two runs:", mismatch + errors)
            return False
        print(f"{len(names)} files identical in two runs")
        return True


def json_matches(binary):
    ok = True
    for lang in ("zh", "en"):
        for period in ("2023-10", "2023-12", "2023-05"):
            proc = subprocess.run([binary, "score", *NANGUO_ZH, "--period", period, "--format", "json"], cwd=ROOT,
                                  capture_output=True, text=True, check=True)
            data = json.loads(proc.stdout, parse_float=str, parse_int=str)
            month = data["months"][0]
            with tempfile.TemporaryDirectory() as tmp:
                site = os.path.join(tmp, "site")
                publish(binary, NANGUO_ZH + ["--period", period, "--published", "2024-01-05", "--lang", lang], site)
                page = Page(os.path.join(site, "index.html"))
            areas = len(data["area_labels"])
            flag_column = 3 + areas + 1  # rank, unit, score, the areas, deductions, then the flags
            rows = {row[1]: row for row in page.rows}
            if len(page.rows) != len(month["units"]):
                print(f"{lang} {period}: {len(page.rows)} rows in the bulletin, {len(month['units'])} units in the JSON")
                ok = False
            for unit in month["units"]:
                row = rows.get(unit["unit"])
                if row is None:
                    print(f"{lang} {period}: unit {unit['unit']} is not in the bulletin")
                    ok = False
                    continue
                rank = str(unit["rank"]) if unit["rank"] is not None else "-"
                flagged = bool(row[flag_column])
                expected_flag = bool(unit["distinctions"])
                if row[2] != str(unit["score"]) or row[0] != rank or flagged != expected_flag:
                    print(f"{lang} {period}: unit {unit['unit']}: bulletin {row[0]} {row[2]} flag={flagged}, "
                          f"JSON {rank} {unit['score']} flag={expected_flag}")
                    ok = False
                for area, label in data["area_labels"].items():
                    column = page.headers.index(label)
                    value = str(unit["areas"][area])
                    shown = row[column].lstrip("+")
                    if shown != value:
                        print(f"{lang} {period}: unit {unit['unit']} {label}: bulletin {row[column]}, JSON {value}")
                        ok = False
            if page.lang != ("zh-CN" if lang == "zh" else "en"):
                print(f"{lang} {period}: <html lang> is {page.lang}")
                ok = False
    return ok


def escaping(binary):
    ok = True
    units = ["<script>alert(1)</script>", "a\"b'c&d", "../etc", "1-1"]
    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        publish(binary, MARKUP + ["--period", "2023-10", "--published", "2023-11-01"], site)
        pages = []
        for folder, _, files in os.walk(site):
            pages += [os.path.join(folder, f) for f in files if f.endswith(".html")]
        for path in pages:
            # Every unit page stays inside units/, whatever its id.
            if not os.path.realpath(path).startswith(os.path.realpath(site) + os.sep):
                print(f"{path} is outside the site")
                ok = False
            page = Page(path)
            # The tags the ids and labels spell; none is markup the program writes itself.
            for tag in ("script", "img", "b", "i", "u", "em", "blink", "mess", "deed", "clutter"):
                if tag in page.tags:
                    print(f"{os.path.relpath(path, site)}: data became a <{tag}> element")
                    ok = False
        bulletin = Page(os.path.join(site, "index.html"))
        text = "".join(bulletin.text)
        for unit in units:
            if unit not in [row[1] for row in bulletin.rows]:
                print(f"unit {unit!r} is not shown as text in the ranking")
                ok = False
        for label in ("<img src=x onerror=alert(1)>", "hygiene & 'order'", "<i>Markup</i> & 'quotes' council",
                      "<blink>flag</blink>"):
            if label not in text:
                print(f"label {label!r} is not shown as text on the bulletin")
                ok = False
        for link in bulletin.links:
            if link.startswith("units/") and not os.path.exists(os.path.join(site, link)):
                print(f"link {link} leads nowhere")
                ok = False
        unit_page = Page(os.path.join(site, "units", "a_22b_27c_26d", "2023-10.html"))
        unit_text = "".join(unit_page.text)
        for expected in ("clutter & <mess>", "corridor & <clutter>", "<em>needed</em> & allowed", "<u>chair</u>"):
            if expected not in unit_text:
                print(f"{expected!r} is not shown as text on the unit page")
                ok = False
    return ok


def charts(binary):
    """The charts are drawn as a browser parses them: every empty SVG element self-closed, one bar
    per unit with its exact score as text, one line per unit on the year page."""
    ok = True
    proc = subprocess.run([binary, "score", *NANGUO_ZH, "--period", "2023-10", "--format", "json"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    units = json.loads(proc.stdout, parse_float=str, parse_int=str)["months"][0]["units"]
    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        publish(binary, NANGUO_ZH + ["--year", "2023", "--published", "2024-01-05"], site)
        for name in ("index.html", "2023-10.html"):
            page = Page(os.path.join(site, name))
            if page.open_only:
                print(f"{name}: SVG elements not self-closed (what follows becomes their children): {page.open_only}")
                ok = False
        year = Page(os.path.join(site, "index.html"))
        if year.self_closed.count("polyline") != len(units):
            print(f"the year page draws {year.self_closed.count('polyline')} lines for {len(units)} units")
            ok = False
        bulletin = Page(os.path.join(site, "2023-10.html"))
        if bulletin.tags.count("rect") != len(units):
            print(f"the bulletin's chart has {bulletin.tags.count('rect')} bars for {len(units)} units")
            ok = False
        text = "".join(bulletin.text)
        for unit in units:
            if f"{unit['unit']}: {unit['score']}" not in text:
                print(f"the chart does not show {unit['unit']}'s score {unit['score']}")
                ok = False
    return ok


def refusals(binary):
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        args = NANGUO_ZH + ["--period", "2023-10", "--published", "2023-11-01", "--lang", "en"]
        plain = os.path.join(tmp, "plain.txt")
        open(plain, "w").write("keep me\n")
        proc = publish(binary, args, plain, expect=2)
        if "is not a folder" not in proc.stderr or open(plain).read() != "keep me\n":
            print("a file given as --out was not refused, or was changed:", proc.stderr)
            ok = False
        other = os.path.join(tmp, "documents")
        os.makedirs(other)
        open(os.path.join(other, "letter.txt"), "w").write("keep me\n")
        proc = publish(binary, args, other, expect=2)
        if "--force" not in proc.stderr or not os.path.exists(os.path.join(other, "letter.txt")):
            print("a folder of other files given as --out was not refused:", proc.stderr)
            ok = False
        site = os.path.join(tmp, "site")
        publish(binary, args, site)
        open(os.path.join(site, "stale.html"), "w").write("old\n")
        publish(binary, args, site)  # a previous site is replaced as a whole
        if os.path.exists(os.path.join(site, "stale.html")):
            print("publishing again kept a file of the previous site")
            ok = False
        publish(binary, args, other + "/", expect=2)
        publish(binary, args + ["--force"], other)
        if os.path.exists(os.path.join(other, "letter.txt")) or not os.path.exists(os.path.join(other, "index.html")):
            print("--force did not replace the folder")
            ok = False
        proc = publish(binary, NANGUO_ZH + ["--period", "2023-10", "--published", "2023-13-01"], os.path.join(tmp, "x"), expect=2)
        if os.path.exists(os.path.join(tmp, "x")):
            print("a bad --published date still wrote a site")
            ok = False
        proc = publish(binary, NANGUO_ZH + ["--period", "2025-10"], os.path.join(tmp, "empty"), expect=1)
        if os.path.exists(os.path.join(tmp, "empty")):
            print("a period without events still wrote a site")
            ok = False
    return ok


if __name__ == "__main__":
    binary = os.path.abspath(sys.argv[1])
    what = sys.argv[2]
    if what == "golden":
        result = all(golden(binary, case, "--update" in sys.argv) for case in sys.argv[3:] if case != "--update")
    else:
        result = {"determinism": determinism, "json": json_matches, "escaping": escaping, "refusals": refusals,
                  "charts": charts}[what](binary)
    sys.exit(0 if result else 1)
