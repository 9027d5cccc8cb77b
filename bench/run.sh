#!/usr/bin/env bash
# Generates the two benchmark communities (if absent) and scores each with one and two threads,
# alternating with the special-purpose baseline so that ratios come from one run.
#   bench/run.sh [WORK_DIR]    (default /tmp/rubric-bench; data from bench/gen_events.py)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/rubric-bench}
gen="$here/bench/gen_events.py"
build="$here/build-release"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRUBRIC_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j2 --target score_bench handwritten_baseline rubric >/dev/null
for n in 1000000 10000000; do
  dir="$work/events-$n"
  [ -f "$dir/events.csv" ] || python3 "$gen" "$dir" --units 30000 --events "$n" --start 2024-01 --months 12
  # The yardstick and the engine alternate, so both see the same machine load.
  for round in 1 2 3; do
    "$build/bench/handwritten_baseline" "$dir"
    for jobs in 1 2; do
      (cd "$here" && "$build/bench/score_bench" --data "$dir" --year 2024 --jobs "$jobs")
    done
  done
done
