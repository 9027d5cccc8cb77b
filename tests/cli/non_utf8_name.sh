#!/bin/sh
# non_utf8_name.sh RUBRIC SOURCE_DIR: a file name that is not UTF-8 (byte 0xff) does not abort
# JSON output; the JSON is valid and shows the byte as U+FFFD, and text output shows it as \xff.
rubric=$1
source_dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
bad=$(printf '%s/\377' "$tmp")
mkdir "$bad"
cp "$source_dir/tests/golden/check/fail_R2001_unknown_kind.rubric" "$bad/v.rubric"
cp "$source_dir/rubrics/nanguo-xinjiayuan/2023-04.rubric" "$bad/2023-04.rubric"
cp "$source_dir/rubrics/nanguo-xinjiayuan/2023-09.rubric" "$bad/2023-09.rubric"

"$rubric" check --format json "$bad/v.rubric" >"$tmp/check.json" 2>"$tmp/err"
status=$?
[ "$status" -eq 1 ] || fail "check --format json exited $status, not 1: $(cat "$tmp/err")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1], encoding="utf-8")); assert "\ufffd/v.rubric" in d["diagnostics"][0]["file"], d' \
  "$tmp/check.json" || fail "check --format json: not valid JSON with U+FFFD"

"$rubric" check "$bad/v.rubric" 2>"$tmp/err"
[ $? -eq 1 ] || fail "check exited $?"
grep -q '\\xff/v.rubric' "$tmp/err" || fail "check: the path is not shown escaped: $(cat "$tmp/err")"

"$rubric" diff --format json "$bad/2023-04.rubric" "$bad/2023-09.rubric" >"$tmp/diff.json" 2>"$tmp/err"
status=$?
[ "$status" -eq 1 ] || fail "diff --format json exited $status, not 1: $(cat "$tmp/err")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1], encoding="utf-8")); assert "\ufffd/2023-04.rubric" in d["from"]["file"], d["from"]' \
  "$tmp/diff.json" || fail "diff --format json: not valid JSON with U+FFFD"
exit 0
