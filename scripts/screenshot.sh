#!/usr/bin/env bash
# Remakes the README's picture of the bulletin (docs/images/bulletin-phone.png): the example
# community's bulletin (公示) for October 2023, published from its Chinese data files, as a
# phone 375 CSS pixels wide shows the top of it (at twice the pixels, as phones draw it).
#   scripts/screenshot.sh [OUT.png]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$here/docs/images/bulletin-phone.png"}
RUBRIC_TARGETS=rubric "$here/scripts/setup.sh" "$here/build"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
ex="$here/examples/nanguo-zh"
"$here/build/rubric" publish --rubric "$here/rubrics/nanguo-xinjiayuan" --units "$ex/units.csv" \
  --people "$ex/people.csv" --events "$ex/events.csv" --period 2023-10 --published 2023-11-01 \
  --out "$scratch/site" 2>/dev/null

# Chromium refuses to run as root with its sandbox; the page is our own, with no script.
sandbox=()
[ "$(id -u)" -ne 0 ] || sandbox=(--no-sandbox)
mkdir -p "$(dirname "$out")"
chromium --headless=new "${sandbox[@]}" --disable-gpu --hide-scrollbars --no-first-run \
  --user-data-dir="$scratch/profile" --window-size=375,900 --force-device-scale-factor=2 \
  --screenshot="$out" "file://$scratch/site/index.html" >"$scratch/chromium.log" 2>&1 \
  || { cat "$scratch/chromium.log" >&2; exit 1; }
echo "wrote $out"
