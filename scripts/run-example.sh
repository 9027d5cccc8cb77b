#!/usr/bin/env bash
# The main job on the shipped example: set up, check the reference rubric, score the example
# community's year, and publish it as the website a council posts (公示).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh" "$here/build"
rubric="$here/build/rubric"
"$rubric" check "$here/rubrics/nanguo-xinjiayuan"
ex="$here/examples/nanguo"
"$rubric" score --rubric "$here/rubrics/nanguo-xinjiayuan" --units "$ex/units.csv" \
  --people "$ex/people.csv" --events "$ex/events.csv" --year 2023
# The same year from the Chinese data files, as the council keeps them: every month's bulletin,
# the year page, a page per unit and month for residents, and the rules in force.
ex="$here/examples/nanguo-zh"
site="$here/build/site-2023"
"$rubric" publish --rubric "$here/rubrics/nanguo-xinjiayuan" --units "$ex/units.csv" \
  --people "$ex/people.csv" --events "$ex/events.csv" --year 2023 --out "$site"
echo
echo "The published year, to open in any browser (用浏览器打开公示网页): file://$site/index.html"
