#!/usr/bin/env bash
# Build the bundled desktop app (packaging/build.py: dist/GridMap/) and run it from a folder outside the source tree,
# offscreen: --version, demo, print (a PDF whose text is Chinese) and snapshot (a PNG that is not blank). Prints the
# bundle's size and the frozen app's start-up time. Catches packaging errors (a module, a library or data file the
# bundle lacks) on Linux; the Windows build uses the same spec (.github/workflows/windows.yml).
# Usage: packaging/check_frozen.sh [WORKDIR]   (default: a temporary folder, removed afterwards; the app is built
# in the source tree's dist/ and build/)
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -ge 1 ]; then work="$1"; mkdir -p "$work"; else work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi
work="$(cd "$work" && pwd)"

python3 -m pip install -q --disable-pip-version-check "pyinstaller>=6.0"  # as setup.cfg's "packaging" extra
python3 "$src/packaging/build.py" --dist "$src/dist" --work "$src/build"
app="$src/dist/GridMap/GridMap"

cd "$work"  # not the source tree: the bundle must carry its own files
unset PYTHONPATH
export QT_QPA_PLATFORM=offscreen QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox
start=$(date +%s.%N)
"$app" --version
echo "frozen --version: $(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" \
  "$start" "$(date +%s.%N)") s"
"$app" demo city
"$app" print city/taizhou.gpkg --out city.pdf --paper A4
pdftotext city.pdf - | grep -q "台州市" || { echo "city.pdf: no Chinese text" >&2; exit 1; }
"$app" snapshot city/taizhou.gpkg --out city.png --size 800x600 --json
python3 - city.png <<'PY'
import sys
from PySide6.QtGui import QImage

image = QImage(sys.argv[1])
colours = {image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}
if image.isNull() or len(colours) < 64:
    sys.exit(f"{sys.argv[1]}: blank or unreadable ({len(colours)} colours)")
PY
# a database project: psycopg and its libpq load, and an unreachable server is one line and exit code 2
set +e; dberr="$("$app" info "postgresql://gridmap:secret@127.0.0.1:1/none?schema=city" 2>&1)"; dbrc=$?; set -e
[ $dbrc = 2 ] && [[ "$dberr" == *"cannot connect to the database none on 127.0.0.1 port 1"* ]] && [[ "$dberr" != *secret* ]] \
  || { echo "database URL: exit $dbrc: $dberr" >&2; exit 1; }
echo "frozen app: --version, demo, print, snapshot and a database URL OK"
