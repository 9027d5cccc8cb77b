#!/usr/bin/env python3
"""The browser checks themselves, on hand-written pages (tests/browser/pages/): the good page
passes every check, and each bad page fails exactly the check made for it. A check that could
not fail would let a broken published page through.

  harness_selftest.py OUT_DIR     (screenshots of the good page are written there)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402
from chromium import PHONE_WIDTH_PX, Browser, BrowserError  # noqa: E402

PAGES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pages")

# page → the one check that must find a problem in it (None: no check may)
EXPECTED = {
    "good.html": None,
    "overflow.html": "horizontal scroll",
    "no-viewport.html": "horizontal scroll",
    "no-lang.html": "lang",
    "headerless-table.html": "table headers",
    "script-runs.html": "scripts",
}


def run_checks(facts, page, path):
    return {
        "lang": checks.lang_problems(facts, "zh"),
        "horizontal scroll": checks.horizontal_scroll_problems(facts, PHONE_WIDTH_PX),
        "table headers": checks.table_header_problems(facts),
        "scripts": checks.script_problems(facts, page, path),
    }


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    failures = []
    try:
        with Browser(os.path.join(out, "profile")) as browser:
            for name, expected in EXPECTED.items():
                path = os.path.join(PAGES, name)
                page = browser.open("file://" + path, PHONE_WIDTH_PX)
                found = {check: problems for check, problems in run_checks(checks.page_facts(page), page, path).items()
                         if problems}
                if name == "good.html":
                    page.screenshot(os.path.join(out, "good-375.png"))
                page.close()
                wanted = {expected} if expected else set()
                if set(found) != wanted:
                    failures.append(f"{name}: expected {'the ' + expected + ' check to fail' if expected else 'no problem'}, "
                                    f"found {found or 'no problem'}")
                else:
                    print(f"ok  {name}: {'; '.join(found[expected]) if expected else 'no problem'}")
    except BrowserError as error:
        sys.exit(f"browser: {error}")
    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
