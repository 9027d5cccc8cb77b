#!/usr/bin/env bash
# Seeds the fuzzers' corpora from the rubrics, tests and examples in the repository.
#   scripts/fuzz-corpus.sh OUT_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: scripts/fuzz-corpus.sh OUT_DIR}
mkdir -p "$out/rubric" "$out/csv" "$out/jsonl" "$out/score"
seed() {  # seed DIR FILE...: copy under names that keep their path, so none collide
  local dir=$1
  shift
  for f in "$@"; do cp "$f" "$out/$dir/$(echo "${f#"$here"/}" | tr / _)"; done
}
seed rubric $(find "$here/rubrics" "$here/tests/golden/check" -name '*.rubric' -size -64k)
seed csv $(find "$here/examples" "$here/tests/golden/score/data" -name '*.csv' -size -64k)
seed jsonl $(find "$here/examples" -name '*.jsonl')
seq 1 400 | tr -d '\n' | head -c 600 > "$out/score/seed"
