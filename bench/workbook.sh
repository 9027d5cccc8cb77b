#!/usr/bin/env bash
# A 1,000,000-row workbook against the same events as CSV: generates a community
# (bench/gen_events.py), writes its events as an .xlsx the way Excel does (one sheet per month,
# text in the shared strings table, dates as date cells, numbers as numbers; the sheet XML written
# here and zipped with Python's zipfile), scores both in one run each and prints the time ratio
# and the peak resident memory. Targets (issue 12): within 3x the CSV's time, under 300 MB.
# Processor time (user + system, all threads) is printed too: on a shared machine wall time
# mostly measures the wait for a core, and processor time is what can be compared there.
# Not a timed test: the figures go in docs/performance.md ("Workbooks").
#   bench/workbook.sh [RUBRIC_BINARY] [WORK_DIR] [ROWS] [JOBS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-$here/build/rubric}
work=${2:-/tmp/rubric-workbook-bench}
rows=${3:-1000000}
jobs=${4:-1}
mkdir -p "$work"
community="$work/community-$rows"
if [ ! -f "$community/events.csv" ]; then
  python3 "$here/bench/gen_events.py" "$community" --units 360 --events "$rows" --start 2023-04 --months 9 --seed 1
fi
book="$community/events.xlsx"
if [ ! -f "$book" ]; then
  python3 - "$community/events.csv" "$book" <<'EOF'
import csv, datetime, sys, zipfile
from xml.sax.saxutils import escape
source, out = sys.argv[1], sys.argv[2]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
with open(source, encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    by_month = {}
    for row in reader:
        by_month.setdefault(row[0][:7], []).append(row)
strings, index = [], {}
def shared(text):
    if text not in index:
        index[text] = len(strings)
        strings.append(text)
    return index[text]
epoch = datetime.date(1899, 12, 30)
def letter(c):
    return chr(65 + c)
def cells(number, row, is_header=False):
    out = []
    for c, text in enumerate(row):
        ref = f"{letter(c)}{number}"
        if text == "":
            continue
        if c == 0 and not is_header:
            serial = (datetime.date.fromisoformat(text) - epoch).days
            out.append(f'<c r="{ref}" s="1"><v>{serial}</v></c>')
        elif not is_header and text.lstrip("-").replace(".", "", 1).isdigit():
            out.append(f'<c r="{ref}"><v>{text}</v></c>')
        else:
            out.append(f'<c r="{ref}" t="s"><v>{shared(text)}</v></c>')
    return f'<row r="{number}">{"".join(out)}</row>'
months = sorted(by_month)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    for n, month in enumerate(months, start=1):
        with z.open(f"xl/worksheets/sheet{n}.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}"><sheetData>'.encode())
            f.write(cells(1, header, True).encode())
            batch = []
            for r, row in enumerate(by_month[month], start=2):
                batch.append(cells(r, row))
                if len(batch) == 10000:
                    f.write("".join(batch).encode())
                    batch = []
            f.write(("".join(batch) + "</sheetData></worksheet>").encode())
    items = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">{items}</sst>')
    z.writestr("xl/styles.xml", f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/>'
                                '<xf numFmtId="14"/></cellXfs></styleSheet>')
    sheets = "".join(f'<sheet name="{m}" sheetId="{n}" r:id="rId{n}"/>' for n, m in enumerate(months, start=1))
    z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{sheets}</sheets></workbook>')
    rels = "".join(f'<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                   for n in range(1, len(months) + 1))
    rels += f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    rels += f'<Relationship Id="rIdY" Type="{REL}/styles" Target="styles.xml"/>'
    z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
    z.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
EOF
fi
echo "rows: $rows; CSV $(du -h "$community/events.csv" | cut -f1), workbook $(du -h "$book" | cut -f1); --jobs $jobs"
declare -A seconds processor rss
for events in "$community/events.csv" "$book"; do
  /usr/bin/time -v "$binary" score --rubric "$here/rubrics/nanguo-xinjiayuan" --units "$community/units.csv" \
    --people "$community/people.csv" --events "$events" --year 2023 --format json --jobs "$jobs" \
    > "$work/out-$(basename "$events").json" 2> "$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  wall=$(grep "Elapsed (wall clock)" "$work/stderr" | awk '{print $NF}')
  seconds[$events]=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  processor[$events]=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/stderr")
  rss[$events]=$(grep "Maximum resident set size" "$work/stderr" | awk '{print int($NF / 1024)}')
  echo "$(basename "$events"): ${seconds[$events]} s, processor ${processor[$events]} s, peak ${rss[$events]} MB"
done
# The same results but for the events file's own name and digest in `inputs`.
python3 - "$work/out-events.csv.json" "$work/out-events.xlsx.json" <<'EOF' || { echo "the workbook scores differently" >&2; exit 1; }
import json, sys
def results(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    for item in data["inputs"]:
        if item["role"] == "events":
            item.pop("path"), item.pop("sha256")
    return data
sys.exit(0 if results(sys.argv[1]) == results(sys.argv[2]) else 1)
EOF
awk -v x="${seconds[$book]}" -v c="${seconds[$community/events.csv]}" 'BEGIN { printf "workbook / CSV time: %.2f (target under 3)\n", x / c }'
awk -v x="${processor[$book]}" -v c="${processor[$community/events.csv]}" \
  'BEGIN { printf "workbook / CSV processor time: %.2f (all threads; the reading and unpacking threads overlap the rest)\n", x / c }'
echo "same results from both: yes"
