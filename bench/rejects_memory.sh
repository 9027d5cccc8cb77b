#!/usr/bin/env bash
# Memory for rejected rows is bounded: scores a file of 2 million bad rows (unknown units, with
# --rejects, so every row is rejected and written out) and prints the peak resident memory.
# The target is under 100 MB (docs/performance.md, "Rejected rows").
#   bench/rejects_memory.sh [RUBRIC_BINARY] [WORK_DIR] [ROWS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-$here/build/cli/rubric}
work=${2:-/tmp/rubric-rejects-bench}
rows=${3:-2000000}
mkdir -p "$work"
events="$work/bad-$rows.csv"
if [ ! -f "$events" ]; then
  python3 - "$events" "$rows" <<'EOF'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("date,unit,kind,resolved,act,level,item,count,hours,person,result\n")
    f.write("2023-10-03,1-1,commendation,,,,,,,,\n")
    line = "2023-10-04,9-9,uncivil,,noise,,,,,,\n"
    for start in range(0, rows, 100_000):
        f.write(line * min(100_000, rows - start))
EOF
fi
for jobs in 1 2; do
  /usr/bin/time -v "$binary" score --rubric "$here/rubrics/nanguo-xinjiayuan" --units "$here/examples/nanguo/units.csv" \
    --people "$here/examples/nanguo/people.csv" --events "$events" --month 2023-10 --jobs "$jobs" \
    --rejects "$work/rejects.csv" >/dev/null 2>"$work/stderr" || true
  rss=$(grep "Maximum resident set size" "$work/stderr" | awk '{print $NF}')
  seconds=$(grep "Elapsed (wall clock)" "$work/stderr" | awk '{print $NF}')
  echo "$rows bad rows, --jobs $jobs: max RSS $((rss / 1024)) MB, $seconds wall, $(($(wc -l < "$work/rejects.csv") - 1)) rows in --rejects"
done
