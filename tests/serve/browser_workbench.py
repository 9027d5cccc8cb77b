#!/usr/bin/env python3
"""The workbench in headless Chromium, as the secretary uses it (tests/browser/chromium.py drives
the browser over the DevTools protocol; typing goes through Input.insertText, as an input method
delivers Chinese text).

    browser_workbench.py RUBRIC OUT_DIR

Types a misspelled kind into the 2023-09 version and waits for R2001 underlined at the word, with
its message in the list; puts the word back and waits for the underline to go; shows the diff and
the impact of 2023-09 against 2023-04 on the Chinese example events (7 flags gained, 7 lost, a
chart); changes the first line to a new version and saves it, then reads the file from disk.
Screenshots are left in OUT_DIR. Exits 1 with the failures listed.
"""
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "browser"))
from chromium import Browser  # noqa: E402
from workbench_server import Workbench  # noqa: E402

failures = []
DIAGNOSTIC_WAIT_S = 5  # far above what it takes (printed below): a slow shared machine


def expect(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)
    else:
        print("ok:", what)


def wait_until(page, expression, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.evaluate(expression):
            return True
        time.sleep(0.02)
    return False


def replace_in_editor(page, old, new):
    """Selects `old` in the textarea and types `new` over it."""
    found = page.evaluate(f"""(() => {{
        const source = document.getElementById('source');
        const at = source.value.indexOf({old!r});
        if (at < 0) return false;
        source.focus();
        source.setSelectionRange(at, at + {len(old)});
        return true;
    }})()""")
    if not found:
        failures.append(f"{old!r} is not in the editor")
        return
    page.browser.call("Input.insertText", {"text": new}, session=page.session)


def main():
    binary, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    with Workbench(binary, os.path.join(out, "work")) as bench, Browser(os.path.join(out, "profile")) as browser:
        page = browser.open(f"http://127.0.0.1:{bench.port}/", width=1600, height=1100)
        expect(wait_until(page, "document.getElementById('source').value.includes('版本「2023-09」')"),
               "the latest version, 2023-09, opens in the editor")
        expect(wait_until(page, "document.getElementById('status').className === 'ok'"), "it checks clean")
        expect(page.evaluate("document.documentElement.lang") == "zh-CN", "the page is in Chinese")
        expect(page.evaluate("document.getElementById('versions').innerText").count("施行日期") == 2,
               "both versions are listed with their dates")
        expect(page.evaluate("document.querySelectorAll('#highlight .kw').length") > 50, "keywords are highlighted")

        # A misspelled kind: underlined where it is written, with its message and hint.
        started = time.monotonic()
        replace_in_editor(page, "每次 不文明行为：扣 10 分", "每次 不文明形为：扣 10 分")
        shown = wait_until(page, "[...document.querySelectorAll('#highlight .error')].map(e => e.textContent).join('') === '不文明形为'",
                           DIAGNOSTIC_WAIT_S)
        took = time.monotonic() - started
        expect(shown, "the misspelled kind is underlined")
        print(f"diagnostic shown {took * 1000:.0f} ms after typing (including the 40 ms pause and the protocol's round trips)")
        item = page.evaluate("(document.querySelector('#diagnostics li[data-code=R2001]') || {}).innerText || ''")
        expect("R2001" in item and "不文明形为" in item, f"the list says R2001 and names the word: {item!r}")
        page.screenshot(os.path.join(out, "1-misspelled-kind.png"))

        replace_in_editor(page, "不文明形为", "不文明行为")
        expect(wait_until(page, "document.querySelectorAll('#highlight .error').length === 0 && "
                                "document.getElementById('status').className === 'ok'", DIAGNOSTIC_WAIT_S),
               "fixed: the underline and the message go")
        page.screenshot(os.path.join(out, "2-fixed.png"))

        # The 2023-09 amendment as a draft against 2023-04.
        page.evaluate("(() => { document.querySelector('#versions li[data-id=\"2023-09\"] button').click(); return true; })()")
        expect(wait_until(page, "document.getElementById('base').selectedOptions[0].textContent.startsWith('2023-04')"),
               "opening 2023-09 compares it with 2023-04")
        page.evaluate("(() => { document.getElementById('diff').click(); return true; })()")
        expect(wait_until(page, "document.getElementById('diff-text').textContent.length > 100"), "the diff is shown")
        diff = page.evaluate("document.getElementById('diff-text').textContent")
        expect("升学" in diff, f"the diff names the changed admission rule: {diff[:200]!r}")
        page.evaluate("(() => { document.getElementById('impact').click(); return true; })()")
        expect(wait_until(page, "document.getElementById('impact-summary').textContent.length > 0", 60), "the impact is shown")
        summary = page.evaluate("document.getElementById('impact-summary').textContent")
        expect("新得流动红旗 7" in summary and "失去流动红旗 7" in summary, f"impact: 7 flags gained, 7 lost: {summary!r}")
        expect(page.evaluate("document.querySelectorAll('#impact-chart svg.chart').length") == 2, "two charts of flags")
        page.screenshot(os.path.join(out, "3-diff-and-impact.png"))

        # Save as a new version: the first line says the new id and date.
        replace_in_editor(page, "版本「2023-09」 自 2023年9月1日", "版本「2024-01」 自 2024年1月1日")
        expect(wait_until(page, "document.getElementById('save-id').value === '2024-01' && "
                                "document.getElementById('save-effective').value === '2024-01-01'"),
               "the save form takes the new id and date from the first line")
        page.evaluate("(() => { document.getElementById('save').click(); return true; })()")
        expect(wait_until(page, "document.getElementById('save-result').textContent.includes('2024-01.rubric')"),
               "the page says where it was saved")
        saved = os.path.join(bench.folder, "2024-01.rubric")
        text = page.evaluate("document.getElementById('source').value")
        expect(os.path.exists(saved) and open(saved, encoding="utf-8").read() == text, "the new file on disk holds the draft")
        expect(wait_until(page, "document.querySelectorAll('#versions li').length === 3"), "the listing shows the new version")
        # Saving it again is refused: a version is never replaced.
        page.evaluate("(() => { document.getElementById('save').click(); return true; })()")
        expect(wait_until(page, "document.getElementById('save-result').className === 'failed'"), "saving twice is refused")
        # The scores and one unit's explanation.
        page.evaluate("(() => { document.querySelector('#scores-table th.unit').click(); return true; })()")
        expect(wait_until(page, "document.getElementById('explain-text').textContent.length > 20"), "a unit's explanation")
        page.screenshot(os.path.join(out, "4-saved.png"))
        expect(not page.exceptions(), f"no script error: {page.exceptions()[:1]}")

    if failures:
        print(f"{len(failures)} failures")
        return 1
    print(f"all browser checks passed; screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
