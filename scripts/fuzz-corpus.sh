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
mkdir -p "$out/rubric" "$out/format" "$out/csv" "$out/jsonl" "$out/score" "$out/tests"

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
  esac
done
seq 1 400 | tr -d '\n' | head -c 600 > "$out/score/seed"
for dir in rubric format csv jsonl score tests; do
  echo "fuzz-corpus: $dir: $(find "$out/$dir" -type f | wc -l) seeds" >&2
done
