#!/usr/bin/env bash
# The main job on the shipped example: set up, check the reference rubric, score the example
# community's year.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh" "$here/build"
rubric="$here/build/rubric"
"$rubric" check "$here/rubrics/nanguo-xinjiayuan"
ex="$here/examples/nanguo"
"$rubric" score --rubric "$here/rubrics/nanguo-xinjiayuan" --units "$ex/units.csv" \
  --people "$ex/people.csv" --events "$ex/events.csv" --year 2023
