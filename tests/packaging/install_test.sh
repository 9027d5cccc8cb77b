#!/usr/bin/env bash
# `cmake --install BUILD --prefix P` into a temporary prefix: the command, its manual page, bash
# completion and the documents are where users and tools look, and the installed command runs.
#   install_test.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: install_test.sh BUILD_DIR}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" > /dev/null
fail() { echo "install: $*" >&2; exit 1; }
for f in bin/rubric share/man/man1/rubric.1 share/bash-completion/completions/rubric \
         share/doc/rubric/README.md share/doc/rubric/language.md share/doc/rubric/output.md; do
  [ -s "$prefix/$f" ] || fail "missing or empty: $f"
done
[ -x "$prefix/bin/rubric" ] || fail "bin/rubric is not executable"
version=$("$prefix/bin/rubric" --version) || fail "the installed rubric --version failed"
[[ $version =~ ^rubric\ [0-9]+\.[0-9]+\.[0-9]+\ \(commit\ ([0-9a-f]{12}(-dirty)?|unknown)\)$ ]] \
  || fail "rubric --version printed '$version'"
# The manual page is the command's help: every subcommand appears, and man can format it.
for cmd in $("$prefix/bin/rubric" --help | sed -n '/^Subcommands:/,$s/^  \([a-z]\+\) .*/\1/p'); do
  grep -q "rubric $cmd" "$prefix/share/man/man1/rubric.1" || fail "the manual page lacks subcommand $cmd"
done
if command -v man > /dev/null; then
  MANWIDTH=80 man -l "$prefix/share/man/man1/rubric.1" 2>&1 | grep -q "rubric score" || fail "man cannot format rubric.1"
fi
bash -n "$prefix/share/bash-completion/completions/rubric" || fail "the completion script is not valid bash"
echo "installed into a temporary prefix: $version"
