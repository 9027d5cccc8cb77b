#!/usr/bin/env bash
# The bash completion script against the built command: it offers every subcommand, every
# option of every subcommand (read from the command's help, so none can be forgotten), the
# choices of --format, and files of the right kind.
#   completion_test.sh RUBRIC_BINARY COMPLETION_SCRIPT
set -uo pipefail
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
source "${2:?usage: completion_test.sh RUBRIC_BINARY COMPLETION_SCRIPT}"
cd "$(dirname "$0")/../.."
failed=0

complete_line() {  # complete_line "WORDS": the completions of the last word ("" after a space)
  local words
  read -ra words <<< "$1"
  [[ -z $1 || $1 == *" " ]] && words+=("")
  COMP_WORDS=("$binary" "${words[@]}")
  COMP_CWORD=${#words[@]}
  COMPREPLY=()
  _rubric
  printf '%s\n' "${COMPREPLY[@]}" | sort
}
expect() {  # expect "WORDS" WANTED...: each wanted word is offered
  local words=$1 got
  shift
  got=$(complete_line "$words")
  for want in "$@"; do
    if ! grep -qxF -- "$want" <<< "$got"; then
      echo "completing 'rubric $words' does not offer '$want' (offers: $(tr '\n' ' ' <<< "$got"))"
      failed=1
    fi
  done
}
refuse() {  # refuse "WORDS" UNWANTED...: none is offered
  local words=$1 got
  shift
  got=$(complete_line "$words")
  for unwanted in "$@"; do
    if grep -qxF -- "$unwanted" <<< "$got"; then
      echo "completing 'rubric $words' offers '$unwanted'"
      failed=1
    fi
  done
}

subcommands=$("$binary" --help | sed -n '/^Subcommands:$/,/^$/s/^  \([a-z]\+\) .*/\1/p')
[ -n "$subcommands" ] || { echo "no subcommands in rubric --help"; exit 1; }
expect "" $subcommands --version --help
expect "sc" score
for cmd in $subcommands; do
  options=$("$binary" "$cmd" --help | grep -o '^  \(-[a-z],\)\?--[a-z-]\+' | sed 's/.*,//; s/^ *//')
  expect "$cmd --" $options
done
expect "score --format " table json csv
expect "check --format " text json
expect "fmt --surface " zh en
refuse "fmt --surface " rubrics
refuse "score --format " examples
expect "check rubrics/nanguo-x" rubrics/nanguo-xinjiayuan
expect "fmt rubrics/nanguo-xinjiayuan/2023-0" rubrics/nanguo-xinjiayuan/2023-04.rubric rubrics/nanguo-xinjiayuan/2023-09.rubric
expect "score --events examples/nanguo/events" examples/nanguo/events.csv examples/nanguo/events.jsonl
expect "score --units examples/nanguo/" examples/nanguo/units.csv
refuse "score --units examples/nanguo/" examples/nanguo/events.jsonl
refuse "explain --unit " rubrics examples
expect "fmt --check rubrics/la" rubrics/lanting-hoa
[ $failed -eq 0 ] && echo "completion offers every subcommand and option"
exit $failed
