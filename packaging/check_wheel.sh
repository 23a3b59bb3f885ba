#!/usr/bin/env bash
# Build GridMap's sdist and wheel, install the wheel (not editable) into a fresh venv and run it from outside the
# source tree: --version, demo, print (a PDF whose text is Chinese) and snapshot, offscreen. Prints the wheel's size.
# Usage: packaging/check_wheel.sh [WORKDIR]   (default: a temporary folder, removed afterwards)
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -ge 1 ]; then work="$1"; mkdir -p "$work"; else work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi
work="$(cd "$work" && pwd)"

python3 -m build -q --outdir "$work/dist" "$src" >/dev/null
wheel=("$work"/dist/gridmap-*.whl)
echo "wheel: $(basename "${wheel[0]}") $(du -k "${wheel[0]}" | cut -f1) KiB; sdist: $(du -k "$work"/dist/*.tar.gz | cut -f1) KiB"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check "${wheel[0]}"
gridmap="$work/venv/bin/gridmap"

cd "$work"  # not the source tree: the installed package must find its own files
export QT_QPA_PLATFORM=offscreen QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox
installed="$("$work/venv/bin/python" -c 'import gridmap; print(gridmap.__file__)')"
case "$installed" in "$work/venv/"*) ;; *) echo "gridmap imported from $installed, not the venv" >&2; exit 1;; esac
"$gridmap" --version
"$gridmap" demo city
"$gridmap" print city/taizhou.gpkg --out city.pdf --paper A4
pdftotext city.pdf - | grep -q "台州市" || { echo "city.pdf: no Chinese text" >&2; exit 1; }
"$gridmap" snapshot city/taizhou.gpkg --out city.png --size 800x600
test -s city.png
# a database project: psycopg and its libpq load, and an unreachable server is one line and exit code 2
set +e; dberr="$("$gridmap" info "postgresql://gridmap:secret@127.0.0.1:1/none?schema=city" 2>&1)"; dbrc=$?; set -e
[ $dbrc = 2 ] && [[ "$dberr" == *"cannot connect to the database none on 127.0.0.1 port 1"* ]] && [[ "$dberr" != *secret* ]] \
  || { echo "database URL: exit $dbrc: $dberr" >&2; exit 1; }
echo "installed wheel: demo, print, snapshot and a database URL OK"
