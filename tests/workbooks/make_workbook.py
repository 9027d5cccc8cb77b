#!/usr/bin/env python3
"""Writes an Excel workbook from a CSV file with python3-openpyxl, a second implementation of the
format, the way staff would have typed the rows into Excel or WPS.

  make_workbook.py CSV OUT.xlsx [--by-month] [--text-dates] [--numbers-as-text N] [--formula]
                   [--shared-strings] [--date1904] [--long-numbers]

--by-month          one sheet per month (`2023-10`), with a notes sheet first, as staff keep them
--text-dates        dates as text cells (`2023-10-06`) instead of date cells
--numbers-as-text N every Nth number is a text cell (`'2` in Excel)
--formula           numbers are written as formulas (`=1+1`) with the value Excel saves with them
--shared-strings    text in the shared strings table, as Excel writes it (openpyxl writes inline text)
--date1904          the 1904 date system (`date1904` in xl/workbook.xml), as Excel for Mac used
--long-numbers      numbers with a fraction stored with 17 significant digits, as Excel stores doubles
"""
import argparse
import csv
import datetime
import re
import sys
import zipfile

try:
    import openpyxl
except ImportError:  # openpyxl comes from Debian (python3-openpyxl): the system's Python has it
    import os
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

NUMBER = re.compile(r"-?\d+(\.\d+)?")
DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def cell_value(text, column, args, counter):
    if column == 0 and DATE.fullmatch(text) and not args.text_dates:
        y, m, d = map(int, DATE.fullmatch(text).groups())
        return datetime.date(y, m, d)
    if column > 0 and NUMBER.fullmatch(text):
        counter[0] += 1
        if args.numbers_as_text and counter[0] % args.numbers_as_text == 0:
            return text  # a number stored as text
        value = float(text) if "." in text else int(text)
        if args.formula:
            return f"={text}+0"
        return value
    return text if text != "" else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("out")
    parser.add_argument("--by-month", action="store_true")
    parser.add_argument("--text-dates", action="store_true")
    parser.add_argument("--numbers-as-text", type=int, default=0)
    parser.add_argument("--formula", action="store_true")
    parser.add_argument("--shared-strings", action="store_true")
    parser.add_argument("--date1904", action="store_true")
    parser.add_argument("--long-numbers", action="store_true")
    args = parser.parse_args()

    with open(args.csv, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    book = openpyxl.Workbook()
    if args.date1904:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904
        book.epoch = CALENDAR_MAC_1904
    counter = [0]
    formulas = {}  # (sheet, cell) -> the value Excel would have saved
    if args.by_month:
        notes = book.active
        notes.title = "说明"
        notes.append(["填表说明", "每月一张表"])
        sheets = {}
        for row in body:
            month = row[0][:7] if DATE.match(row[0]) else "other"
            if month not in sheets:
                sheets[month] = book.create_sheet(month)
                sheets[month].append(header)
            sheets[month].append([cell_value(t, c, args, counter) for c, t in enumerate(row)])
    else:
        sheet = book.active
        sheet.title = "events"
        sheet.append(header)
        for row in body:
            sheet.append([cell_value(t, c, args, counter) for c, t in enumerate(row)])
    for ws in book.worksheets:
        for r in ws.iter_rows():
            for c in r:
                if isinstance(c.value, str) and c.value.startswith("=") and c.value.endswith("+0"):
                    formulas[(ws.title, c.coordinate)] = c.value[1:-2]
                if isinstance(c.value, datetime.date):
                    c.number_format = "yyyy/m/d"  # as Chinese-locale Excel shows dates
    book.save(args.out)
    rewrite(args, formulas)


def rewrite(args, formulas):
    """What openpyxl does not write as Excel does: saved formula values, shared strings, 17 digits."""
    if not (formulas or args.shared_strings or args.long_numbers):
        return
    with zipfile.ZipFile(args.out) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    book = parts["xl/workbook.xml"].decode()
    names = re.findall(r'<sheet [^>]*name="([^"]*)"', book)
    strings, index = [], {}

    def shared(match):
        text = match.group(2)
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return f'<c r="{match.group(1)}" t="s"><v>{index[text]}</v></c>'

    for number, name in enumerate(names, start=1):
        part = f"xl/worksheets/sheet{number}.xml"
        xml = parts[part].decode()
        for (sheet, cell), value in formulas.items():
            if sheet == name:
                xml = re.sub(rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f><v\s*/?>(</v>)?', rf"\1<f>\2</f><v>{value}</v>", xml)
        if args.long_numbers:
            xml = re.sub(r'(t="n"[^>]*>)<v>(-?\d+\.\d+)</v>', lambda m: f"{m.group(1)}<v>{float(m.group(2)):.17g}</v>",
                         xml)
        if args.shared_strings:
            xml = re.sub(r'<c r="([A-Z]+\d+)" t="inlineStr"><is><t>([^<]*)</t></is></c>', shared, xml)
        parts[part] = xml.encode()
    if args.shared_strings:
        items = "".join(f"<si><t>{s}</t></si>" for s in strings)
        parts["xl/sharedStrings.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
            f' count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>').encode()
        rels = parts["xl/_rels/workbook.xml.rels"].decode().replace(
            "</Relationships>",
            '<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        parts["xl/_rels/workbook.xml.rels"] = rels.encode()
        types = parts["[Content_Types].xml"].decode().replace(
            "</Types>",
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sharedStrings+xml"/></Types>')
        parts["[Content_Types].xml"] = types.encode()
    with zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


if __name__ == "__main__":
    main()
