#!/usr/bin/env python3
"""Hostile and broken workbooks get a clear error within bounded memory and time: never a crash,
a hang or memory that grows with what the file claims.

  hostile.py RUBRIC_BINARY [CASE...]

Each case is a small zip made here with Python's zipfile (a few are large but quick: stored, or
one repeated block). `rubric score` runs under a memory limit and a timeout; the case passes when
it exits with the expected code, says the expected thing, and its peak memory stays under the bound.
"""
import os
import resource
import struct
import subprocess
import sys
import tempfile
import threading
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
RUBRIC = os.path.join(ROOT, "rubrics", "nanguo-xinjiayuan")
DATA = os.path.join(ROOT, "examples", "nanguo")
MEMORY_LIMIT = 1 << 30   # address space of the run
PEAK_BOUND_MB = 300      # resident memory the run may reach
TIMEOUT = 120

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = (f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            f'<sheet name="10月" sheetId="1" r:id="rId1"/></sheets></workbook>')


def workbook_rels(shared_strings=False):
    extra = f'<Relationship Id="rId9" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>' if shared_strings else ""
    return (f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>{extra}</Relationships>')


def row(number, cells):
    inner = "".join(f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{text}</t></is></c>' for i, text in enumerate(cells))
    return f'<row r="{number}">{inner}</row>'


HEADER_ROW = row(1, ["date", "unit", "kind"])
EVENT_ROW = lambda n: row(n, ["2023-10-05", "1-1", "commendation"])  # noqa: E731


def sheet(rows):
    return f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'


def write(path, parts, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def base_parts(sheet_xml=None, **rels):
    parts = {"_rels/.rels": PACKAGE_RELS, "xl/workbook.xml": WORKBOOK, "xl/_rels/workbook.xml.rels": workbook_rels(**rels)}
    if sheet_xml is not None:
        parts["xl/worksheets/sheet1.xml"] = sheet_xml
    return parts


# Each case: writes the file; gives (expected exit code, text the error must contain).
def zip_bomb_ratio(path):
    # 400 MB of spaces between two rows: deflate packs them about 1000:1.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in base_parts().items():
            z.writestr(name, data)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(sheet(HEADER_ROW).split("</sheetData>")[0].encode())
            block = b" " * (1 << 20)
            for _ in range(400):
                f.write(block)
            f.write(f"{EVENT_ROW(2)}</sheetData></worksheet>".encode())
    return 1, "times its packed size"


def zip_bomb_declared_size(path):
    # An entry whose directory says it unpacks to almost 4 GiB: refused before a byte is unpacked.
    write(path, base_parts(sheet(HEADER_ROW + EVENT_ROW(2))))
    data = bytearray(open(path, "rb").read())
    name = b"xl/worksheets/sheet1.xml"
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_length] == name:
            struct.pack_into("<I", data, at + 24, 0xFFFFFFF0)  # the uncompressed size
            break
        at = data.find(b"PK\x01\x02", at + 4)
    open(path, "wb").write(bytes(data))
    return 1, "unpacks to more than"


def huge_shared_strings(path):
    # 300 MB of distinct-looking shared strings, stored (not compressed, so no ratio to catch it).
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, data in base_parts(sheet(HEADER_ROW + EVENT_ROW(2)), shared_strings=True).items():
            z.writestr(name, data)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0"?><sst xmlns="{MAIN}">'.encode())
            block = "".join(f"<si><t>{i:08d}-shared-text-of-a-cell</t></si>" for i in range(25000)).encode()
            for _ in range(300 * (1 << 20) // len(block)):
                f.write(block)
            f.write(b"</sst>")
    return 1, "table of shared text"


def no_workbook_part(path):
    write(path, {"[Content_Types].xml": "<Types/>", "docProps/app.xml": "<Properties/>"})
    return 1, "has no `xl/workbook.xml`"


def sheet_part_missing(path):
    write(path, base_parts())
    return 1, "sheet `10月` should be in `xl/worksheets/sheet1.xml`, which the file does not have"


def sheet_not_in_rels(path):
    parts = base_parts(sheet(HEADER_ROW))
    parts["xl/workbook.xml"] = WORKBOOK.replace('r:id="rId1"', 'r:id="rId7"')
    write(path, parts)
    return 1, "sheet `10月` is listed, but `xl/_rels/workbook.xml.rels` does not say where it is"


def entity_expansion(path):
    laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + "]>"
    xml = sheet(HEADER_ROW + row(2, ["2023-10-05", "&lol9;", "commendation"])).replace(
        '<?xml version="1.0"?>', '<?xml version="1.0"?>' + laughs)
    write(path, base_parts(xml))
    return 1, "declares a DOCTYPE"


def entity_in_workbook_part(path):
    parts = base_parts(sheet(HEADER_ROW))
    parts["xl/workbook.xml"] = WORKBOOK.replace('<?xml version="1.0"?>',
                                                '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>')
    write(path, parts)
    return 1, "part `xl/workbook.xml` declares a DOCTYPE"


def sheet_entries(data, name=b"xl/worksheets/sheet1.xml"):
    """The offsets of the sheet's local header and central directory entry in the zip's bytes."""
    local = central = None
    at = data.find(b"PK\x03\x04")
    while at >= 0 and local is None:
        if data[at + 30:at + 30 + struct.unpack_from("<H", data, at + 26)[0]] == name:
            local = at
        at = data.find(b"PK\x03\x04", at + 4)
    at = data.find(b"PK\x01\x02")
    while at >= 0 and central is None:
        if data[at + 46:at + 46 + struct.unpack_from("<H", data, at + 28)[0]] == name:
            central = at
        at = data.find(b"PK\x01\x02", at + 4)
    return local, central


def checksum_mismatch(path):
    # The sheet unpacks whole, but its bytes are not the ones the zip's checksum was taken of.
    write(path, base_parts(sheet(HEADER_ROW + EVENT_ROW(2))))
    data = bytearray(open(path, "rb").read())
    local, central = sheet_entries(data)
    for crc_at in (local + 14, central + 16):
        struct.pack_into("<I", data, crc_at, struct.unpack_from("<I", data, crc_at)[0] ^ 1)
    open(path, "wb").write(bytes(data))
    return 1, "part `xl/worksheets/sheet1.xml` of the workbook is damaged: its checksum does not match"


def damaged_deflate(path):
    # The sheet's packed bytes start with a block of the type deflate reserves: nothing unpacks.
    write(path, base_parts(sheet(HEADER_ROW + EVENT_ROW(2))))
    data = bytearray(open(path, "rb").read())
    local, _ = sheet_entries(data)
    name_length, extra_length = struct.unpack_from("<HH", data, local + 26)
    data[local + 30 + name_length + extra_length] = 0x07  # final block, type 3
    open(path, "wb").write(bytes(data))
    return 1, "part `xl/worksheets/sheet1.xml` of the workbook is damaged: it cannot be unpacked"


def malformed_xml(path):
    write(path, base_parts(sheet(HEADER_ROW + EVENT_ROW(2)).replace("</row></sheetData>", "</sheetData>")))
    return 1, "is not well-formed XML (line 1, column"


def truncated_zip(path):
    write(path, base_parts(sheet(HEADER_ROW + EVENT_ROW(2))))
    data = open(path, "rb").read()
    open(path, "wb").write(data[:len(data) // 2])
    return 1, "it is damaged: its list of contents cannot be read"


def old_xls(path):
    open(path, "wb").write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(2048))
    return 1, "an old Excel workbook (.xls) or one saved with a password"


def ods(path):
    write(path, {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office:document-content/>"})
    return 1, "OpenDocument spreadsheet (.ods)"


def rows_1048576(path):
    # The most rows a sheet can have, streamed: scored in bounded memory.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in base_parts().items():
            z.writestr(name, data)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(sheet(HEADER_ROW).split("</sheetData>")[0].encode())
            batch = []
            for n in range(2, 1048577):
                batch.append(f'<row r="{n}"><c r="A{n}" s="0" t="inlineStr"><is><t>2023-10-05</t></is></c>'
                             f'<c r="B{n}" t="inlineStr"><is><t>1-1</t></is></c>'
                             f'<c r="C{n}" t="inlineStr"><is><t>commendation</t></is></c></row>')
                if len(batch) == 20000:
                    f.write("".join(batch).encode())
                    batch = []
            f.write(("".join(batch) + "</sheetData></worksheet>").encode())
    return 0, None


CASES = [zip_bomb_ratio, zip_bomb_declared_size, huge_shared_strings, no_workbook_part, sheet_part_missing,
         sheet_not_in_rels, entity_expansion, entity_in_workbook_part, malformed_xml, truncated_zip, old_xls, ods,
         rows_1048576, checksum_mismatch, damaged_deflate]


# AddressSanitizer reserves terabytes of shadow address space and doubles the heap: under it
# (RUBRIC_NO_MEMORY_LIMIT, set by tests/workbooks/CMakeLists.txt) no address-space limit or peak
# bound can hold; the normal build keeps both.
BOUNDED = not os.environ.get("RUBRIC_NO_MEMORY_LIMIT")


def limit_memory():
    if BOUNDED:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_measured(args):
    """Runs `args` under the memory limit; its exit code, standard error and peak memory in MB."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, stdout=out, stderr=err, preexec_fn=limit_memory)
        timer = threading.Timer(TIMEOUT, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # the run's own peak, not the largest child's so far
        timed_out = not timer.is_alive()
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if timed_out:
            raise subprocess.TimeoutExpired(args, TIMEOUT)
        err.seek(0)
        return proc.returncode, err.read(), usage.ru_maxrss / 1024


def main():
    binary = sys.argv[1]
    wanted = sys.argv[2:]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            if wanted and case.__name__ not in wanted:
                continue
            path = os.path.join(tmp, case.__name__ + ".xlsx")
            code, says = case(path)
            args = [binary, "score", "--rubric", RUBRIC, "--units", os.path.join(DATA, "units.csv"), "--people",
                    os.path.join(DATA, "people.csv"), "--events", path, "--month", "2023-10", "--format", "json"]
            try:
                returncode, stderr, peak_mb = run_measured(args)
            except subprocess.TimeoutExpired:
                failures.append(f"{case.__name__}: no answer within {TIMEOUT} s")
                continue
            finally:
                os.remove(path)
            err = stderr.decode(errors="replace")
            if returncode != code:
                failures.append(f"{case.__name__}: exit {returncode}, expected {code}:\n{err[:1500]}")
            elif says and says not in err:
                failures.append(f"{case.__name__}: the error does not say `{says}`:\n{err[:1500]}")
            elif "rubric:" in err and "no results" not in err and code:
                failures.append(f"{case.__name__}: an internal error rather than a finding:\n{err[:1500]}")
            if BOUNDED and peak_mb > PEAK_BOUND_MB:
                failures.append(f"{case.__name__}: peak memory {peak_mb:.0f} MB, more than {PEAK_BOUND_MB} MB")
            print(f"{case.__name__}: exit {returncode}, peak {peak_mb:.0f} MB: {err.strip().splitlines()[0] if err.strip() else 'scored'}")
    for failure in failures:
        print("FAIL", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
