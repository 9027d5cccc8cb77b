#!/usr/bin/env bash
# Set up and run the whole test suite through ctest.
#   scripts/test.sh              the normal build, in build/
#   scripts/test.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer, in build-sanitize/;
#                                any report fails the run (built at -O1 with line tables, without
#                                the benchmarks, which are no tests)
#   scripts/test.sh --line-tables   the normal build with debug line tables only instead of full
#                                -g: the same code, a third less to compile (.ci/run; a new build/
#                                only: an existing one keeps its settings)
# The slowest tests start first (their COST), so the last minute is not one long test alone.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = "--sanitize" ]; then
  build="$here/build-sanitize"
  "$here/scripts/setup.sh" "$build" RelWithDebInfo -DRUBRIC_SANITIZE=ON -DRUBRIC_BENCH=OFF
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  # One leak inside a library, not ours, is suppressed by name (the file says which and why).
  export LSAN_OPTIONS=suppressions="$here/tests/sanitizer/lsan.supp"
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
elif [ "${1:-}" = "--line-tables" ]; then
  build="$here/build"
  "$here/scripts/setup.sh" "$build" RelWithDebInfo -DRUBRIC_LINE_TABLES=ON
else
  build="$here/build"
  "$here/scripts/setup.sh" "$build"
fi
cd "$build"
ctest --output-on-failure -j2
