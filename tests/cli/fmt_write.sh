#!/bin/sh
# fmt_write.sh RUBRIC SOURCE_DIR: `rubric fmt --write` replaces a file whole or not at all.
#  1. it keeps the file's permissions;
#  2. a write that fails part way (a file size limit stands in for a full disk) exits 2 and
#     leaves the file byte for byte as it was, with no temporary file left behind;
#  3. in a folder the user cannot write to, it exits 2 and leaves the file as it was.
rubric=$1
source_dir=$2
unformatted=$source_dir/tests/golden/diff/2023-09-relaid.rubric
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cp "$unformatted" "$tmp/kept.rubric"
chmod 640 "$tmp/kept.rubric"
"$rubric" fmt --write "$tmp/kept.rubric" || fail "fmt --write exited $?"
[ "$(stat -c %a "$tmp/kept.rubric")" = 640 ] || fail "permissions changed to $(stat -c %a "$tmp/kept.rubric")"
"$rubric" fmt --check "$tmp/kept.rubric" >/dev/null || fail "the file written is not canonical"

mkdir "$tmp/full"
cp "$unformatted" "$tmp/full/cut.rubric"
# 2 blocks of 512 bytes: the formatted text is longer, so the write fails with EFBIG.
(trap '' XFSZ; ulimit -f 2; "$rubric" fmt --write "$tmp/full/cut.rubric" 2>"$tmp/err")
status=$?
[ "$status" -eq 2 ] || fail "a failed write exited $status, not 2"
cmp -s "$unformatted" "$tmp/full/cut.rubric" || fail "a failed write changed the file"
[ "$(ls -A "$tmp/full")" = cut.rubric ] || fail "left behind: $(ls -A "$tmp/full")"
grep -q "cut.rubric" "$tmp/err" || fail "the message does not name the file: $(cat "$tmp/err")"

mkdir "$tmp/locked"
cp "$unformatted" "$tmp/locked/locked.rubric"
chmod 644 "$tmp/locked/locked.rubric"
chmod 555 "$tmp/locked"
chmod 755 "$tmp"
if [ "$(id -u)" -eq 0 ]; then
  # root writes anywhere: run as nobody, for whom the folder is read-only.
  command -v setpriv >/dev/null || { echo "read-only folder case skipped: root without setpriv"; exit 0; }
  as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
  as_user=""
fi
$as_user "$rubric" fmt --write "$tmp/locked/locked.rubric" 2>"$tmp/err"
status=$?
[ "$status" -eq 2 ] || fail "a read-only folder exited $status, not 2: $(cat "$tmp/err")"
cmp -s "$unformatted" "$tmp/locked/locked.rubric" || fail "a read-only folder: the file changed"
exit 0
