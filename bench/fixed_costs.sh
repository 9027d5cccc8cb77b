#!/usr/bin/env bash
# The fixed costs of a run, measured separately (issue 16): on the 1-million-event community,
# three rounds alternating the special-purpose baseline with the engine's breakdown (roster,
# events, inputs' SHA-256, ranking and years, and each report rendered on its own, in bytes per
# second), one and two threads; then `rubric check` of a generated 2,000-line rubric in each
# surface, in-process (best and median of 50) and end to end (three runs of the command).
#   bench/fixed_costs.sh [WORK_DIR]    (default /tmp/rubric-bench)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/rubric-bench}
build="$here/build-release"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRUBRIC_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j2 --target score_bench check_bench handwritten_baseline rubric >/dev/null
dir="$work/events-1000000"
[ -f "$dir/events.csv" ] || python3 "$here/bench/gen_events.py" "$dir" --units 30000 --events 1000000 --start 2024-01 --months 12
for round in 1 2 3; do
  echo "round $round"
  /usr/bin/time -f "baseline: %e s wall, %U + %S processor s" "$build/bench/handwritten_baseline" "$dir"
  for jobs in 1 2; do
    (cd "$here" && "$build/bench/score_bench" --data "$dir" --year 2024 --jobs "$jobs" --breakdown)
  done
done
for surface in zh en; do
  rubric_file="$work/check-2000-$surface.rubric"
  python3 "$here/bench/gen_rubric.py" "$rubric_file" --lines 2000 --surface "$surface"
  "$build/bench/check_bench" "$rubric_file" --runs 50
  for round in 1 2 3; do
    /usr/bin/time -f "rubric check ($surface, end to end): %e s wall, %U s user, %S s system" \
      "$build/rubric" check "$rubric_file" 2>&1 | grep -v "^checked"
  done
done
