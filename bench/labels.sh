#!/usr/bin/env bash
# Do labels slow the reading of events? Scores the 10-million-event community three ways, round
# by round so that all see the same machine load:
#   before  the engine built from BASE (a commit before data files took labels), names file
#   names   this tree's engine, the file written with names
#   labels  this tree's engine, the same file written with labels (gen_events.py --labels)
#   bench/labels.sh BASE [WORK_DIR] [EVENTS]   (defaults: /tmp/rubric-bench, 10000000)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
base=${1:?the commit to compare with, e.g. f87b036}
work=${2:-/tmp/rubric-bench}
events=${3:-10000000}
gen="$here/bench/gen_events.py"
names="$work/events-$events"
labels="$work/events-$events-labels"
[ -f "$names/events.csv" ] || python3 "$gen" "$names" --units 30000 --events "$events" --start 2024-01 --months 12
[ -f "$labels/events.csv" ] || python3 "$gen" "$labels" --units 30000 --events "$events" --start 2024-01 --months 12 --labels

# This tree, and BASE exported beside it, each in Release.
new_build="$here/build-release"
old_src="$work/base-$base"
old_build="$old_src/build-release"
if [ ! -d "$old_src" ]; then
  mkdir -p "$old_src"
  git -C "$here" archive "$base" | tar -x -C "$old_src"
fi
for pair in "$here:$new_build" "$old_src:$old_build"; do
  src=${pair%%:*} build=${pair#*:}
  [ -f "$build/build.ninja" ] || cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRUBRIC_TESTS=OFF >/dev/null
  cmake --build "$build" -j2 --target score_bench >/dev/null
done

cd "$here"  # score_bench reads rubrics/nanguo-xinjiayuan from here
# Besides score_bench's wall-clock figure, the processor time the run used (user + system): on a
# shared machine a run waits for a core, and the wait is not the engine's.
TIMEFORMAT='        cpu %U s user + %S s system'
for round in 1 2 3; do
  echo "round $round"
  printf 'before  '; time "$old_build/bench/score_bench" --data "$names" --year 2024 --jobs 1
  printf 'names   '; time "$new_build/bench/score_bench" --data "$names" --year 2024 --jobs 1
  printf 'labels  '; time "$new_build/bench/score_bench" --data "$labels" --year 2024 --jobs 1
done
