#!/usr/bin/env bash
# Seeds the fuzzers' corpora from everything in the repository that is an input: every rubric
# folder's versions and tests, the golden tests' rubrics and data, every example data set (as
# CSV and as JSON Lines), and the fuzzers' own regression inputs.
#   scripts/fuzz-corpus.sh OUT_DIR
# The event and rubric-test harnesses read a community's name on the input's first line (see
# tests/fuzz/fuzz_common.hpp): a rubric folder `NAME-...` belongs to community NAME, whose data
# set is examples/NAME/.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: scripts/fuzz-corpus.sh OUT_DIR}
mkdir -p "$out/rubric" "$out/format" "$out/csv" "$out/jsonl" "$out/score" "$out/tests" "$out/workbook"

name_of() { echo "${1#"$here"/}" | tr / _; }  # a seed's name keeps its path, so none collide
seed() {  # seed DIR FILE...
  local dir=$1
  shift
  for f in "$@"; do cp "$f" "$out/$dir/$(name_of "$f")"; done
}
seed_for() {  # seed_for DIR COMMUNITY FILE...: the community's name line, then the file
  local dir=$1 community=$2
  shift 2
  for f in "$@"; do { echo "$community"; cat "$f"; } > "$out/$dir/$(name_of "$f")"; done
}
community_of_data() {  # the community whose schema a golden data file was written for
  case "$(basename "$1")" in
    lanting*) echo lanting ;; qingyuan*) echo qingyuan ;; heping*) echo heping ;; *) echo nanguo ;;
  esac
}

mapfile -t rubrics < <(find "$here/rubrics" "$here/tests/golden" "$here/tests/fuzz/regressions" "$here/tests/zh" \
                         -name '*.rubric' -size -64k | sort)
seed rubric "${rubrics[@]}"
seed format "${rubrics[@]}"

for folder in "$here"/rubrics/*/; do
  community=$(basename "$folder")
  community=${community%%-*}
  mapfile -t tests < <(find "$folder" -name '*.test' | sort)
  [ ${#tests[@]} -eq 0 ] || seed_for tests "$community" "${tests[@]}"
  [ -d "$here/examples/$community" ] || { echo "fuzz-corpus: no examples/$community for $folder" >&2; exit 1; }
  for f in $(find "$here/examples/$community" -name '*.csv' ! -name units.csv ! -name people.csv | sort); do
    seed_for csv "$community" "$f"
    # The same rows as JSON Lines, so the JSON reader meets every community's schema too.
    python3 - "$f" "$community" > "$out/jsonl/$(name_of "$f").jsonl" <<'PY' || true
import csv, json, re, sys
path, community = sys.argv[1], sys.argv[2]
print(community)
def value(text):  # numbers and yes/no as JSON writes them, the rest as strings
    if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text) or text in ("true", "false"):
        return text
    return json.dumps(text, ensure_ascii=False)
with open(path, newline="", encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        cells = [f"{json.dumps(k)}: {value(v)}" for k, v in row.items() if k and v]
        print("{" + ", ".join(cells) + "}")
PY
  done
  for f in $(find "$here/examples/$community" -name '*.jsonl' | sort); do seed_for jsonl "$community" "$f"; done
done
for f in $(find "$here/tests/golden" -path '*/data/*' \( -name '*.csv' -o -name '*.jsonl' \) -size -64k | sort); do
  ext=${f##*.}
  seed_for "$ext" "$(community_of_data "$f")" "$f"
done
mapfile -t golden_tests < <(find "$here/tests/golden" -name '*.test' | sort)
[ ${#golden_tests[@]} -eq 0 ] || seed_for tests nanguo "${golden_tests[@]}"
for f in "$here"/tests/fuzz/regressions/*; do  # fuzz_HARNESS-what.ext: seeds its harness's corpus
  case "$(basename "$f")" in
    fuzz_events_csv-*) cp "$f" "$out/csv/" ;; fuzz_events_jsonl-*) cp "$f" "$out/jsonl/" ;;
    fuzz_score-*) cp "$f" "$out/score/" ;; fuzz_rubric_tests-*) cp "$f" "$out/tests/" ;;
    fuzz_workbook-*) cp "$f" "$out/workbook/" ;;
  esac
done
# Workbook seeds (tests/fuzz/fuzz_workbook.cpp): a sheet's XML, then after a NUL byte the shared
# strings: inline and shared text, a date cell (style 1), a formula with its value, a boolean.
main='xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
sheet_rows='<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>item</t></is></c><c r="E1" t="inlineStr"><is><t>count</t></is></c><c r="F1" t="inlineStr"><is><t>resolved</t></is></c></row>'
sheet_rows+='<row r="2"><c r="A2" s="1"><v>45205</v></c><c r="B2" t="inlineStr"><is><t>1-1</t></is></c><c r="C2" t="s"><v>3</v></c><c r="D2" t="inlineStr"><is><t>bicycle</t></is></c><c r="E2"><f>1+1</f><v>2</v></c></row>'
sheet_rows+='<row r="3"><c r="A3" t="str"><v>2023-10-07</v></c><c r="B3" t="inlineStr"><is><t>1-2</t></is></c><c r="C3" t="inlineStr"><is><t>dispute</t></is></c><c r="F3" t="b"><v>1</v></c></row>'
shared='<sst '"$main"'><si><t>date</t></si><si><t>unit</t></si><si><r><t>ki</t></r><r><t>nd</t></r><rPh><t>x</t></rPh></si><si><t>clutter</t></si></sst>'
printf '%s\0%s' "<worksheet $main><sheetData>$sheet_rows</sheetData></worksheet>" "$shared" > "$out/workbook/shared-strings"
printf '%s' "<worksheet $main><sheetData>${sheet_rows//t=\"s\"><v>0<\/v>/t=\"inlineStr\"><is><t>date<\/t><\/is>}</sheetData></worksheet>" > "$out/workbook/inline"
seq 1 400 | tr -d '\n' | head -c 600 > "$out/score/seed"
for dir in rubric format csv jsonl score tests workbook; do
  echo "fuzz-corpus: $dir: $(find "$out/$dir" -type f | wc -l) seeds" >&2
done
