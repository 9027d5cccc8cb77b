#!/usr/bin/env bash
# Installs the Debian packages the project needs (only those missing), then configures and
# builds. Idempotent and quiet when everything is present.
#   scripts/setup.sh [BUILD_DIR] [CMAKE_BUILD_TYPE] [EXTRA_CMAKE_ARGS...]
# RUBRIC_EXTRA_PACKAGES: more Debian packages for this build (scripts/fuzz.sh: clang, libFuzzer);
# RUBRIC_TARGETS: build only these targets instead of everything.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-"$here/build"}
build_type=${2:-RelWithDebInfo}
shift $(( $# < 2 ? $# : 2 ))

packages=(build-essential cmake ninja-build tao-pegtl-dev libboost1.81-dev libboost-locale1.81-dev libfmt-dev catch2
          libcli11-dev nlohmann-json3-dev libutf8proc-dev libssl-dev python3 help2man git dpkg-dev file gettext
          python3-polib
          # workbooks in and out (docs/events.md, docs/output.md), the publication archive, and
          # what the tests read them back and render them with (a second implementation, a browser)
          libminizip-dev libexpat1-dev libxlsxwriter-dev libsqlite3-dev pkg-config
          # ISA-L's igzip: inflates a workbook's parts (engine/events/workbook.cpp)
          libisal-dev
          python3-openpyxl chromium fonts-noto-cjk poppler-utils
          # the editor support's tests (editors/, tests/editors): Vim with syntax highlighting
          vim
          ${RUBRIC_EXTRA_PACKAGES:-})
# ...and node with npm for the VS Code extension, unless a node with its npm is there already
# (a NodeSource node includes npm, and Debian's npm package would conflict with it).
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" "$@" >/dev/null
fi
# The VS Code extension's npm packages (editors/vscode/node_modules, pinned by its lock file).
"$here/scripts/package-vscode.sh" --deps || echo "setup: the npm packages of editors/vscode are not installed; the editor tests need them" >&2

targets=()
for t in ${RUBRIC_TARGETS:-}; do targets+=(--target "$t"); done
# The progress lines are dropped; with pipefail a failed build fails this script (grep finding
# nothing to print is not a failure).
cmake --build "$build_dir" -j2 "${targets[@]}" | { grep -v '^\[' || true; }
