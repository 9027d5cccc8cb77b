#!/usr/bin/env python3
"""The row scanner (engine/events/workbook.cpp) reads a sheet's rows as expat does.

  scanner.py RUBRIC_BINARY

The scanner reads the rows of <sheetData> itself and hands a sheet back to expat, from its start,
at anything it does not read (a comment is one). So each sheet here is scored three ways: as
written (the scanner reads it, or hands it back where it must), with a comment just inside
<sheetData> (expat reads every row), and with a comment halfway down (the scanner hands over half
the rows, expat skips them and reads the rest). The three results, findings and exit codes must
be byte-identical. The sheets write the events of examples/nanguo in the ways writers do and
some they rarely do; the broken ones must be refused, with expat's message, all three ways.
"""
import csv
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
RUBRIC = os.path.join(ROOT, "rubrics", "nanguo-xinjiayuan")
DATA = os.path.join(ROOT, "examples", "nanguo")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MARK = "<!-- handed to expat -->"

with open(os.path.join(DATA, "events.csv"), encoding="utf-8") as f:
    HEADER, *ROWS = list(csv.reader(f))


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def serial(date):
    return (datetime.date.fromisoformat(date) - datetime.date(1899, 12, 30)).days


def letter(column):
    return chr(65 + column)


def excel_like(strings):
    """Shared strings, date cells, numbers: how Excel and WPS write a sheet."""
    def shared(text):
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    def cells(number, row, header):
        out = []
        for c, text in enumerate(row):
            if text == "":
                continue
            ref = f"{letter(c)}{number}"
            if c == 0 and not header:
                out.append(f'<c r="{ref}" s="1"><v>{serial(text)}</v></c>')
            elif not header and text.isdigit():
                out.append(f'<c r="{ref}" s="0" t="n"><v>{text}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="s"><v>{shared(text)}</v></c>')
        return f'<row r="{number}" spans="1:{len(row)}" x14ac:dyDescent="0.25">{"".join(out)}</row>'
    return [cells(1, HEADER, True)] + [cells(n, row, False) for n, row in enumerate(ROWS, start=2)]


def inline_references(strings):
    """Inline strings with references, white space kept, cells out of order, rows and cells without
    `r`, empty elements, single quotes, spaces around `=`, line breaks between elements."""
    out = []
    for n, row in enumerate([HEADER] + ROWS, start=1):
        cells = []
        for c, text in enumerate(row):
            if text == "":
                cells.append(f"<c r='{letter(c)}{n}'/>" if n % 3 else "<c><v/></c>")
                continue
            if n > 1 and c == 0 and n % 2:
                cells.append(f'<c r="{letter(c)}{n}" s = "1" ><f>DATE(2023,1,1)</f><v>{serial(text)}</v></c>')
                continue
            value = "".join(f"&#{ord(ch)};" if ch == "-" else f"&#x{ord(ch):X};" if ord(ch) > 127 else ch for ch in text)
            value = value.replace("a", "&#97;", 1).replace("o", "&#x6f;", 1)
            cells.append(f'<c r="{letter(c)}{n}" t="inlineStr"><is><t xml:space="preserve">{value}</t></is></c>')
        if n % 4 == 0:
            cells.reverse()  # cells out of column order: read sorted
        row_start = f'<row r="{n}">' if n % 5 else "<row>"
        out.append(row_start + "\n  " + "\r\n  ".join(cells) + "\n</row>\n")
    return out


def formulas_and_types(strings):
    """Text formulas (`t="str"`), booleans and errors in unused columns, ISO dates (`t="d"`),
    numbers Excel stores with 17 digits, a phonetic-free shared string table with entities."""
    out = []
    for n, row in enumerate([HEADER] + ROWS, start=1):
        cells = []
        for c, text in enumerate(row):
            ref = f"{letter(c)}{n}"
            if text == "":
                continue
            if n > 1 and c == 0:
                cells.append(f'<c r="{ref}" t="d"><v>{text}T00:00:00</v></c>')
            elif n > 1 and text.isdigit():
                stored = f"{int(text) - 1}.9999999999999998" if n % 2 else text
                cells.append(f'<c r="{ref}"><v>{stored}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="str"><f>"{escape(text)}"</f><v>{escape(text)}</v></c>')
        out.append(f'<row r="{n}">{"".join(cells)}</row>')
    return out


def chinese_header(strings):
    """The Chinese column names of examples/nanguo-zh in shared strings with `&amp;`-style text."""
    with open(os.path.join(ROOT, "examples", "nanguo-zh", "events.csv"), encoding="utf-8-sig") as f:
        header, *rows = list(csv.reader(f))

    def shared(text):
        if text not in strings:
            strings.append(text)
        return strings.index(text)
    out = []
    for n, row in enumerate([header] + rows, start=1):
        cells = "".join(f'<c r="{letter(c)}{n}" t="s"><v>{shared(t)}</v></c>' for c, t in enumerate(row) if t)
        out.append(f'<row r="{n}">{cells}</row>')
    return out


def sheet(rows, mark_at=None):
    """The sheet part; `mark_at`: the row before which a comment hands the rows to expat."""
    rows = list(rows)
    if mark_at is not None:
        rows.insert(mark_at, MARK)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}" '
            f'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">'
            f'<dimension ref="A1:K{len(rows)}"/><sheetData>{"".join(rows)}</sheetData>'
            f'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')


def write(path, sheet_xml, strings):
    items = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                  f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                                      f'<sheet name="10月" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                   f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
                   f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>')
        z.writestr("xl/styles.xml", f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><cellXfs count="2">'
                                    f'<xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>')
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst xmlns="{MAIN}">{items}</sst>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)


# Broken sheets: a row, then the damage, then more rows. Expat's message for each.
BROKEN = {
    "mismatched end tag": ('<row r="40"><c r="A40"><v>1</c></row>', "mismatched tag"),
    "`]]>` in a value": ('<row r="40"><c r="A40" t="inlineStr"><is><t>a]]>b</t></is></c></row>', "not well-formed"),
    "undefined entity": ('<row r="40"><c r="A40" t="inlineStr"><is><t>&nbsp;</t></is></c></row>', "undefined entity"),
    "duplicate attribute": ('<row r="40"><c r="A40" r="B40"><v>1</v></c></row>', "duplicate attribute"),
    "bad UTF-8": ('<row r="40"><c r="A40" t="inlineStr"><is><t>\udcff</t></is></c></row>', "not well-formed"),
    "reference to NUL": ('<row r="40"><c r="A40" t="inlineStr"><is><t>&#0;</t></is></c></row>', "reference to invalid character"),
    "no space between attributes": ('<row r="40"><c r="A40"t="s"><v>1</v></c></row>', "not well-formed"),
    "unclosed row at the end": ('<row r="40"><c r="A40"><v>1</v></c>', "mismatched tag"),
}


def score(binary, path):
    """Exit code, results and findings, less what the comment changes: the file's digest and, in
    expat's message, the column (the comment is on the line)."""
    args = [binary, "score", "--rubric", RUBRIC, "--units", os.path.join(DATA, "units.csv"), "--people",
            os.path.join(DATA, "people.csv"), "--events", path, "--year", "2023", "--format", "json"]
    run = subprocess.run(args, capture_output=True)
    out = run.stdout
    if run.returncode == 0:
        results = json.loads(out)
        for item in results["inputs"]:
            item.pop("sha256", None)
        out = json.dumps(results, ensure_ascii=False, sort_keys=True).encode()
    err = re.sub(rb"not well-formed XML \(line (\d+), column \d+", rb"not well-formed XML (line \1, column C", run.stderr)
    return run.returncode, out, err


def main():
    binary = sys.argv[1]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = [(build.__name__, build, None) for build in (excel_like, inline_references, formulas_and_types, chinese_header)]
        cases += [(name, excel_like, damage) for name, damage in BROKEN.items()]
        first_results = None  # every sheet that is not broken holds the same events
        for name, build, damage in cases:
            results = []
            for mark_at in (None, 0, 25):
                strings = []
                rows = build(strings)
                if damage:
                    rows.insert(30, damage[0])
                path = os.path.join(tmp, "events.xlsx")  # one name: findings name the file
                write(path, sheet(rows, mark_at).encode("utf-8", "surrogateescape"), strings)
                results.append(score(binary, path))
            code, out, err = results[0]
            for other, mark_at in zip(results[1:], (0, 25)):
                if other != results[0]:
                    failures.append(f"{name}: the scanner's result differs from expat's (comment at row {mark_at}):\n"
                                    f"exit {code} / {other[0]}\n{err.decode()[:800]}\n---\n{other[2].decode()[:800]}")
            if damage:
                said = err.decode(errors="replace")
                if code != 1 or "not well-formed XML (line" not in said or damage[1] not in said:
                    failures.append(f"{name}: expected expat's refusal ({damage[1]}), got exit {code}:\n{said[:800]}")
            elif code != 0 or b'"counts"' not in out:
                failures.append(f"{name}: not scored (exit {code}):\n{err.decode()[:800]}")
            else:
                first_results = first_results or out
                if out != first_results:
                    failures.append(f"{name}: scores otherwise than {cases[0][0]}, with the same events")
            print(f"{name}: exit {code}, {len(out)} bytes of results, the same three ways"
                  if not failures or not failures[-1].startswith(name) else f"{name}: FAILED")
    for failure in failures:
        print("FAIL", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
