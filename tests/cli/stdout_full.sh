#!/bin/sh
# stdout_full.sh RUBRIC ARGS...: runs `RUBRIC ARGS...` with standard output on /dev/full (every
# write fails with ENOSPC) and passes only when the command says so and exits 2.
rubric=$1
shift
[ -w /dev/full ] || { echo "no /dev/full here"; exit 77; }
err=$("$rubric" "$@" 2>&1 >/dev/full)
status=$?
if [ "$status" -ne 2 ]; then
  echo "expected exit 2 with standard output on /dev/full, got $status"
  printf '%s\n' "$err"
  exit 1
fi
case "$err" in
  *"cannot write to standard output"*) exit 0 ;;
  *) echo "no message about standard output:"; printf '%s\n' "$err"; exit 1 ;;
esac
