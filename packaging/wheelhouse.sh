#!/usr/bin/env bash
# Download GridMap's wheel and every wheel it needs for a target platform into one folder (the wheelhouse), to carry
# to a desk with no internet, which then installs with:
#     pip install --no-index --find-links wheelhouse gridmap
# Run it on any machine with internet and Python 3.11+ (the `build` package: pip install build).
# Usage: packaging/wheelhouse.sh [--dry-run] [PLATFORM [PYTHON [FOLDER]]]
#   PLATFORM  a wheel platform tag (default win_amd64; e.g. manylinux_2_28_x86_64, macosx_11_0_arm64)
#   PYTHON    the target's Python version (default 3.11)
#   FOLDER    where the wheels go (default ./wheelhouse)
#   --dry-run resolve the dependencies for the platform and list the wheels, without downloading them
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
dry_run=0
if [ "${1:-}" = "--dry-run" ]; then dry_run=1; shift; fi
platform="${1:-win_amd64}"
python="${2:-3.11}"
out="${3:-wheelhouse}"

mkdir -p "$out"
python3 -m build -q --wheel --outdir "$out" "$src" >/dev/null
wheel=("$out"/gridmap-*.whl)
target=(--only-binary=:all: --platform "$platform" --python-version "$python" --implementation cp)
if [ "$dry_run" = 1 ]; then
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
  python3 -m pip install -q --disable-pip-version-check --dry-run --ignore-installed --target "$tmp" \
    --report "$tmp/report.json" "${target[@]}" "${wheel[0]}"
  python3 -c 'import json, sys, urllib.parse
for item in json.load(open(sys.argv[1]))["install"]:
    print(urllib.parse.unquote(item["download_info"]["url"].rsplit("/", 1)[-1]))' "$tmp/report.json"
else
  python3 -m pip download -q --disable-pip-version-check "${target[@]}" -d "$out" "${wheel[0]}"
  ls "$out"
  echo "$(ls "$out" | wc -l) wheels, $(du -sh "$out" | cut -f1) in $out: pip install --no-index --find-links $out gridmap"
fi
