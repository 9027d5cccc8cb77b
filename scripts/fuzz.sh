#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (tests/fuzz/, -DRUBRIC_FUZZ=ON, in build-fuzz/), seeds
# their corpora (scripts/fuzz-corpus.sh), replays every input of tests/fuzz/regressions/, then runs
# each harness for SECONDS. Any crash, leak, timeout or out-of-memory fails the run; the input is
# left in build-fuzz/findings/. See docs/fuzzing.md.
#   scripts/fuzz.sh [--parallel N] [SECONDS] [HARNESS...]
#     SECONDS    per harness (default 60)
#     HARNESS    fuzz_parse_check fuzz_format fuzz_events_csv fuzz_events_jsonl fuzz_score
#                fuzz_rubric_tests fuzz_workbook (default: all)
#     --parallel run N harnesses at a time (default 1), each under `nice`
# Prints, per harness: seconds, runs (executions) and corpus size, as docs/fuzzing.md records them.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
parallel=1
if [ "${1:-}" = "--parallel" ]; then parallel=${2:?}; shift 2; fi
seconds=${1:-60}
[ $# -eq 0 ] || shift
all=(fuzz_parse_check fuzz_format fuzz_events_csv fuzz_events_jsonl fuzz_score fuzz_rubric_tests fuzz_workbook)
harnesses=("${all[@]}")
[ $# -eq 0 ] || harnesses=("$@")

build="$here/build-fuzz"
RUBRIC_EXTRA_PACKAGES="clang libclang-rt-14-dev" RUBRIC_TARGETS=fuzzers \
  "$here/scripts/setup.sh" "$build" RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DRUBRIC_FUZZ=ON -DRUBRIC_TESTS=OFF -DRUBRIC_BENCH=OFF

corpus_of() {  # the corpus folder a harness reads (scripts/fuzz-corpus.sh)
  case $1 in
    fuzz_parse_check) echo rubric ;; fuzz_format) echo format ;; fuzz_events_csv) echo csv ;;
    fuzz_events_jsonl) echo jsonl ;; fuzz_score) echo score ;; fuzz_rubric_tests) echo tests ;;
    fuzz_workbook) echo workbook ;;
    *) echo "fuzz: unknown harness $1" >&2; exit 2 ;;
  esac
}

seeds="$build/seeds" corpus="$build/corpus" findings="$build/findings" logs="$build/logs"
rm -rf "$seeds"
"$here/scripts/fuzz-corpus.sh" "$seeds" 2>/dev/null
mkdir -p "$corpus" "$findings" "$logs" "$build/tmp"
export TMPDIR="$build/tmp"  # the harnesses' scratch files
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# The grammar's keywords and literals, both surfaces', so the rubric harnesses need not guess them
# byte by byte (libFuzzer's dictionary wants bytes above 0x7F escaped).
python3 - "$here/lang/grammar.hpp" "$here/lang/grammar_zh.hpp" > "$build/rubric.dict" <<'PY'
import re, sys
words = set()
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    words.update(re.findall(r'(?:RUBRIC_KEYWORD\(\w+, |RUBRIC_WORD\(|ZH_KEYWORD\(\w+, |ZH_WORD\(\w+, |ZH\()"([^"\\]+)"', text))
for word in sorted(words):
    print('"' + "".join(c if c.isascii() and c.isprintable() else "".join(f"\\x{b:02X}" for b in c.encode()) for c in word) + '"')
PY
dict_of() {
  case $1 in fuzz_parse_check | fuzz_format) echo "-dict=$build/rubric.dict" ;; esac
}

# The regressions first: an input that once failed must pass before any new fuzzing.
failed=0
for harness in "${harnesses[@]}"; do
  mapfile -t inputs < <(find "$here/tests/fuzz/regressions" -name "$harness-*" | sort)
  [ ${#inputs[@]} -gt 0 ] || continue
  if "$build/tests/fuzz/$harness" -runs=1 "${inputs[@]}" > "$logs/$harness-regressions.log" 2>&1; then
    echo "fuzz: $harness: ${#inputs[@]} regression inputs pass"
  else
    echo "fuzz: $harness: a regression input fails again:" >&2
    tail -n 30 "$logs/$harness-regressions.log" >&2
    failed=1
  fi
done
[ $failed -eq 0 ] || exit 1

run_one() {  # run_one HARNESS: fuzz for $seconds; prints one summary line, leaves HARNESS.status
  local harness=$1 dir
  dir=$(corpus_of "$harness")
  mkdir -p "$corpus/$dir-$harness"
  local log="$logs/$harness.log" status=0
  nice "$build/tests/fuzz/$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    $(dict_of "$harness") -print_final_stats=1 -artifact_prefix="$findings/$harness-" \
    "$corpus/$dir-$harness" "$seeds/$dir" > "$log" 2>&1 || status=$?
  local runs size
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  size=$(find "$corpus/$dir-$harness" -type f | wc -l)
  if [ $status -ne 0 ]; then
    echo "fuzz: $harness: FAILED (exit $status) after ${runs:-?} runs; input in $findings/, log $log" >&2
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|ALARM|Test unit written)' "$log" | head -n 10 >&2 || true
  else
    echo "fuzz: $harness: ${seconds} s, ${runs:-?} runs, corpus $size inputs, no findings"
  fi
  echo $status > "$logs/$harness.status"
}

for harness in "${harnesses[@]}"; do
  corpus_of "$harness" > /dev/null
  rm -f "$logs/$harness.status"
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do sleep 1; done
  run_one "$harness" &
done
wait
for harness in "${harnesses[@]}"; do
  [ "$(cat "$logs/$harness.status" 2>/dev/null)" = 0 ] || failed=1
done
exit $failed
