#!/usr/bin/env bash
# Set up and run the whole test suite through ctest.
#   scripts/test.sh              the normal build, in build/
#   scripts/test.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer, in build-sanitize/;
#                                any report fails the run
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = "--sanitize" ]; then
  build="$here/build-sanitize"
  "$here/scripts/setup.sh" "$build" RelWithDebInfo -DRUBRIC_SANITIZE=ON
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  # One leak inside a library, not ours, is suppressed by name (the file says which and why).
  export LSAN_OPTIONS=suppressions="$here/tests/sanitizer/lsan.supp"
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
  build="$here/build"
  "$here/scripts/setup.sh" "$build"
fi
cd "$build"
ctest --output-on-failure -j2
