#!/usr/bin/env python3
"""The published site, rendered in headless Chromium as a resident's phone (375 px) and the
notice board's A4 paper show it: the bulletin, the year page and residents' unit pages of an
example community, checked against `rubric score --format json` of the same inputs.

  site_pages.py RUBRIC_BINARY CASE OUT_DIR

CASE is one of CASES below. OUT_DIR receives the published site (OUT_DIR/site) and a screenshot
of each page at each width (OUT_DIR/screens/*.png): look at them, the checks cannot see whether
Chinese shows as glyphs or as empty boxes.

Every page, at 375 px: `<html lang>` set, no sideways scroll, tables with header cells, no script
(and none that ran). At A4 width in print media: no sideways overflow either. The bulletin: one
row per unit of the JSON, with its rank, score, each area's subtotal under the area's label, its
deductions, its flags (the distinction's label, on exactly the units that received it) and its veto
reasons. The year page: each unit's flags, rank and subsidy, each role holder. A unit page: the
unit, its score and rank, and no file path. The rules page (rubric.html): the checks every page
passes.
"""
import argparse
import decimal
import json
import os
import shutil
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402
from chromium import A4_WIDTH_PX, PHONE_WIDTH_PX, Browser, BrowserError  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))
PUBLISHED = "2024-01-05"  # a fixed publication date: the same site on every run

# name → (rubric folder, data folder, the period option, language of the pages)
CASES = {
    # The reference community as the council keeps it: Chinese rubric, Chinese data files.
    "nanguo-zh": ("rubrics/nanguo-xinjiayuan", "examples/nanguo-zh", ["--year", "2023"], "zh"),
    # An English community: a homeowners' association with escalating fines.
    "lanting-en": ("rubrics/lanting-hoa", "examples/lanting", ["--year", "2024"], "en"),
    # Unit ids, labels and reasons that try to run a script or break out of an attribute.
    "hostile": ("tests/browser/hostile/rubric", "tests/browser/hostile", ["--period", "2024-01"], "en"),
}


# What a ctest case checks (site_pages.py ... --aspect A); each is its own test, so that one
# failing does not hide the others.
ASPECTS = ("layout", "scripts", "content")


class Problems:
    def __init__(self):
        self.items = []  # (aspect, text)

    def add(self, aspect, where, problems):
        self.items += [(aspect, f"{where}: {p}") for p in problems]


def rubric(binary, args):
    proc = subprocess.run([binary] + args, cwd=ROOT, capture_output=True, timeout=300)
    if proc.returncode != 0:
        sys.exit(f"`rubric {' '.join(args)}` exited {proc.returncode}:\n{proc.stderr.decode('utf-8', 'replace')}")
    return proc.stdout.decode("utf-8")


def catalogue_words(lang):
    """The words the pages use for the ranking's columns, in the pages' language: the English
    text, or its translation in the catalogue (i18n/zh/*.po), so that a change of wording there
    does not break this test."""
    words = ["rank", "unit", "score", "deductions", "flag", "veto"]
    if lang == "en":
        return {w: w for w in words}
    try:
        import polib
    except ImportError:  # Debian's python3-polib when python3 is another install
        sys.path.append("/usr/lib/python3/dist-packages")
        import polib
    found = {}
    for po in sorted(os.listdir(os.path.join(ROOT, "i18n", "zh"))):
        if po.endswith(".po"):
            for entry in polib.pofile(os.path.join(ROOT, "i18n", "zh", po)):
                if entry.msgid in words and not entry.msgctxt and entry.msgstr:
                    found.setdefault(entry.msgid, entry.msgstr)
    missing = [w for w in words if w not in found]
    if missing:
        sys.exit(f"no Chinese for the column words {missing} in i18n/zh/*.po")
    return found


def number(text):
    try:
        return decimal.Decimal(text.replace("−", "-").lstrip("+"))
    except decimal.InvalidOperation:
        return None


def ranking_table(facts, words):
    for table in facts["tables"]:
        if words["score"] in table["header_cells"] and words["unit"] in table["header_cells"]:
            return table
    return None


def bulletin_problems(facts, period, labels, words):
    """The ranking of the bulletin against the JSON of the same period."""
    table = ranking_table(facts, words)
    if table is None:
        return [f"no ranking table (a table with the columns `{words['unit']}` and `{words['score']}`)"]
    header = table["header_cells"]
    column = {name: header.index(name) for name in header}
    problems = []
    if len(table["body"]) != len(period["units"]):
        problems.append(f"the ranking has {len(table['body'])} rows, the JSON {len(period['units'])} units")
    for unit in period["units"]:
        rows = [r for r in table["body"] if len(r) == len(header) and r[column[words["unit"]]] == unit["unit"]]
        if len(rows) != 1:
            problems.append(f"unit {unit['unit']!r}: {len(rows)} rows in the ranking, expected 1")
            continue
        row = rows[0]

        def cell(name):
            return row[column[name]]

        def expect(what, shown, wanted):
            if shown != wanted:
                problems.append(f"unit {unit['unit']!r}: {what} shown as {shown!r}, the JSON says {wanted!r}")

        expect("score", number(cell(words["score"])), decimal.Decimal(str(unit["score"])))
        expect("rank", cell(words["rank"]), "-" if unit["rank"] is None else str(unit["rank"]))
        expect("deductions", cell(words["deductions"]), str(unit["deductions"]))
        for area, value in unit["areas"].items():
            label = labels["areas"][area]
            if label not in column:
                problems.append(f"no column for the area {area} under its label {label!r}")
                continue
            expect(f"area {label}", number(cell(label)), decimal.Decimal(str(value)))
        flags_shown = cell(words["flag"])
        for distinction, label in labels["distinctions"].items():
            received = distinction in unit["distinctions"]
            if received != (label in flags_shown):
                problems.append(f"unit {unit['unit']!r}: the flag column shows {flags_shown!r}, but the unit "
                                f"{'received' if received else 'did not receive'} {label!r}")
        vetoes_shown = cell(words["veto"])
        for reason in unit["veto_reasons"]:
            if reason not in vetoes_shown:
                problems.append(f"unit {unit['unit']!r}: the veto {reason!r} is not shown (the cell says {vetoes_shown!r})")
        if not unit["veto_reasons"] and vetoes_shown:
            problems.append(f"unit {unit['unit']!r}: not vetoed, but the veto column says {vetoes_shown!r}")
    return problems


def year_problems(facts, year):
    """The year page: each unit's flags, rank and subsidy, and each role holder."""
    problems = []
    rows = [r for t in facts["tables"] for r in t["body"]]
    for unit in year["units"]:
        matching = [r for r in rows if unit["unit"] in r]
        if not matching:
            problems.append(f"unit {unit['unit']!r} is not in any table of the year page")
            continue
        row = matching[0]
        wanted = [str(unit["red_flags"])]
        if unit.get("rank") is not None:
            wanted.append(str(unit["rank"]))
        if unit.get("subsidy_percent"):
            wanted.append(f"{unit['subsidy_percent']}%")
        for value in wanted:
            if value not in row:
                problems.append(f"unit {unit['unit']!r}: {value!r} not in its row {row}")
    for holder in year.get("role_holders", []):
        # Those who receive something; the page may leave out the others.
        if holder.get("subsidy_percent"):
            holder_rows = [r for r in rows if holder["person"] in r]
            if not holder_rows:
                problems.append(f"role holder {holder['person']!r} has a subsidy but is in no table of the year page")
            elif f"{holder['subsidy_percent']}%" not in holder_rows[0]:
                problems.append(f"role holder {holder['person']!r}: no subsidy {holder['subsidy_percent']}% in {holder_rows[0]}")
        elif holder.get("titles") and holder["person"] not in facts["text"]:
            problems.append(f"role holder {holder['person']!r} received {holder['titles']} but is not on the year page")
    return problems


def unit_page_problems(facts, unit, data_files):
    """A resident's page: the unit and its figures, in words, with no file path."""
    problems = []
    text = facts["text"]
    if unit["unit"] not in text:
        problems.append(f"the unit {unit['unit']!r} is not named")
    if str(unit["score"]) not in text:
        problems.append(f"the score {unit['score']} is not shown")
    for path in data_files:
        if os.path.basename(path) in text:
            problems.append(f"the file name {os.path.basename(path)!r} is shown to the resident")
    return problems


def shoot(browser, path, screens, name, lang, problems, print_media=False):
    """Open one page at phone width (or A4 in print media), run the checks every page passes,
    save a screenshot; the facts of the page for the checks of its kind."""
    width = A4_WIDTH_PX if print_media else PHONE_WIDTH_PX
    page = browser.open("file://" + path, width, print_media=print_media)
    facts = checks.page_facts(page)
    where = f"{os.path.relpath(path, os.path.dirname(screens))} at {'A4' if print_media else str(width) + ' px'}"
    problems.add("layout", where, checks.lang_problems(facts, lang) + checks.table_header_problems(facts))
    problems.add("scripts", where, checks.script_problems(facts, page, path))
    if print_media:
        # The print layout has no viewport meta to honour: only the overflow counts.
        if facts["scroll_width"] > facts["client_width"]:
            problems.add("layout", where, [f"the page is {facts['scroll_width']} px wide on {width} px of paper; "
                                           f"sticking out: {', '.join(facts['sticking_out'])}"])
    else:
        problems.add("layout", where, checks.horizontal_scroll_problems(facts, width))
    page.screenshot(os.path.join(screens, f"{name}-{'a4' if print_media else str(width)}.png"))
    page.close()
    return facts


def shown_as_text(facts, texts):
    """Ids and labels from the data, hostile or not, appear in the page's text as written: not
    swallowed as markup, not cut at a quote."""
    return [f"{text!r} is not shown as text" for text in texts if text not in facts["text"]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("case", choices=sorted(CASES))
    parser.add_argument("out")
    parser.add_argument("--aspect", choices=ASPECTS, action="append",
                        help="check only this (repeatable; default: every aspect)")
    args = parser.parse_args()
    binary, case, out = args.binary, args.case, os.path.abspath(args.out)
    aspects = args.aspect or ASPECTS
    rubric_dir, data_dir, period_args, lang = CASES[case]
    data = [os.path.join(data_dir, f) for f in ("units.csv", "people.csv", "events.csv")]
    inputs = ["--rubric", rubric_dir, "--units", data[0], "--people", data[1], "--events", data[2]] + period_args
    site, screens = os.path.join(out, "site"), os.path.join(out, "screens")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(screens)
    rubric(binary, ["publish"] + inputs + ["--out", site, "--published", PUBLISHED])
    result = json.loads(rubric(binary, ["score"] + inputs + ["--format", "json"]))
    labels = {"areas": result["area_labels"], "distinctions": result["distinction_labels"]}
    words = catalogue_words(lang)
    # "months" (or "weeks", "quarters", ... after the rubric's cadence) and its singular.
    list_key = next(k for k, v in result.items() if isinstance(v, list) and k not in ("years", "inputs"))
    periods, period_key = result[list_key], list_key[:-1]

    # The bulletin with the most to show: a veto if any period has one, else the last period.
    shown = next((p for p in periods if any(u["veto_reasons"] for u in p["units"])), periods[-1])
    year = result["years"][0] if result["years"] else None
    bulletin = os.path.join(site, f"{shown[period_key]}.html" if year else "index.html")
    # Unit pages: the period's first flag winner, and a vetoed unit when there is one.
    unit_rows = [next((u for u in shown["units"] if u["distinctions"]), shown["units"][0])]
    unit_rows += [u for u in shown["units"] if u["veto_reasons"]][:1]

    problems = Problems()
    try:
        with Browser(os.path.join(out, "profile")) as browser:
            for print_media in (False, True):
                facts_of_bulletin = shoot(browser, bulletin, screens, "bulletin", lang, problems, print_media)
                where = f"bulletin {shown[period_key]}"
                problems.add("content", where, bulletin_problems(facts_of_bulletin, shown, labels, words))
                problems.add("scripts", where, shown_as_text(facts_of_bulletin, [u["unit"] for u in shown["units"]]
                                                             + [r for u in shown["units"] for r in u["veto_reasons"]]
                                                             + [result["rubric"]["name"]]))
                # The rules in force, in plain words: the common checks, and the title as text.
                rules = os.path.join(site, "rubric.html")
                if os.path.exists(rules):
                    facts = shoot(browser, rules, screens, "rules", lang, problems, print_media)
                    problems.add("scripts", "the rules page", shown_as_text(facts, [result["rubric"]["name"]]))
                else:
                    problems.add("content", "the site", ["no rubric.html (the rules in force)"])
                if year:
                    facts = shoot(browser, os.path.join(site, "index.html"), screens, "year", lang, problems, print_media)
                    problems.add("content", f"year page {year['year']}", year_problems(facts, year))
                for i, unit in enumerate(unit_rows):
                    # The unit's page, by the link on its name in the bulletin.
                    href = next((href for text, href in facts_of_bulletin["links"] if text == unit["unit"]), None)
                    if href is None:
                        problems.add("content", f"unit {unit['unit']!r}", ["the bulletin has no link on its name"])
                        continue
                    path = os.path.join(os.path.dirname(bulletin), urllib.parse.unquote(href))
                    if not os.path.exists(path):
                        problems.add("content", f"unit {unit['unit']!r}", [f"its link {href!r} leads to no page"])
                        continue
                    facts = shoot(browser, path, screens, f"unit-{i + 1}", lang, problems, print_media)
                    where = f"unit page of {unit['unit']!r}"
                    problems.add("content", where, unit_page_problems(facts, unit, data))
                    problems.add("scripts", where, shown_as_text(facts, [unit["unit"]]))
    except BrowserError as error:
        sys.exit(f"browser: {error}")
    found = [text for aspect, text in problems.items if aspect in aspects]
    for problem in found:
        print("FAIL", problem)
    print(f"{case}, {' and '.join(aspects)}: {len(found)} problem(s); screenshots in {screens}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
