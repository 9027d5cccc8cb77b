#!/usr/bin/env bash
# `cpack -G DEB` from the build: the package declares the libraries the command needs (Depends,
# from dpkg-shlibdeps), holds the command, manual page, completion and documents under /usr,
# and its command runs when unpacked.
#   deb_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: deb_test.sh BUILD_DIR}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "deb: $*" >&2; exit 1; }
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" > "$work/cpack.log" 2>&1) \
  || { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb=$(find "$work/out" -maxdepth 1 -name 'rubric_*.deb')
[ -n "$deb" ] || fail "no rubric_*.deb in cpack's output"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libc6 libstdc++6 libfmt9 libssl3 libutf8proc2; do
  [[ $depends == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/rubric ./usr/share/man/man1/rubric.1 ./usr/share/bash-completion/completions/rubric \
         ./usr/share/doc/rubric/README.md; do
  grep -q " $f\$" <<< "$contents" || fail "the package lacks $f"
done
dpkg-deb -x "$deb" "$work/root"
"$work/root/usr/bin/rubric" --version | grep -q '^rubric ' || fail "the packaged command does not run"
"$work/root/usr/bin/rubric" check "$(dirname "$0")/../../rubrics/nanguo-xinjiayuan" 2> /dev/null \
  || fail "the packaged command cannot check the reference rubric"
echo "$(basename "$deb"): Depends: $depends"
