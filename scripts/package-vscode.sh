#!/usr/bin/env bash
# Packages the VS Code extension (editors/vscode) into a .vsix with @vscode/vsce from npm.
#   scripts/package-vscode.sh [OUT.vsix]     (default: editors/vscode/rubric-VERSION.vsix)
#   scripts/package-vscode.sh --deps         only install the npm packages (the editor tests)
# npm installs the pinned packages of editors/vscode/package-lock.json into
# editors/vscode/node_modules (never committed) the first time, and again when the lock changes.
# Exit 2 when node or npm is missing (scripts/setup.sh installs them) or packaging fails.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
extension="$here/editors/vscode"
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "package-vscode: $tool is not installed (scripts/setup.sh installs it)" >&2; exit 2; }
done

cd "$extension"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2 || { echo "package-vscode: npm ci failed" >&2; exit 2; }
fi
[ "${1:-}" = --deps ] && exit 0

# The grammar's keyword lists must be those of the parser (editors/generate.py writes them).
python3 "$here/editors/generate.py" --check || exit 2

version=$(node -p 'require("./package.json").version')
out=${1:-"$extension/rubric-$version.vsix"}
case "$out" in /*) ;; *) out="$OLDPWD/$out" ;; esac
# The project ships no licence file for vsce to copy and names no public repository: without these
# flags vsce would stop and ask.
node_modules/.bin/vsce package --skip-license --allow-missing-repository --out "$out" >&2 || { echo "package-vscode: vsce failed" >&2; exit 2; }
echo "$out"
