"""The bundled app's layout: PyInstaller puts ``resources/`` and ``maps/`` at ``gridmap/_resources`` and
``gridmap/_maps`` as plain folders (namespace packages to importlib, no ``__init__``), and GridMap finds its files
there. The full check (build the app, run --version, demo, print and snapshot) is ``packaging/check_frozen.sh`` in
CI."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_data_folders_without_packages_are_found(tmp_path):
    bundle = tmp_path / "bundle"
    shutil.copytree(ROOT / "gridmap", bundle / "gridmap", ignore=shutil.ignore_patterns("__pycache__"))
    geojson = bundle / "gridmap" / "_maps" / "taizhou" / "counties.geojson"
    geojson.parent.mkdir(parents=True)
    shutil.copy(ROOT / "maps" / "taizhou" / "counties.geojson", geojson)
    (bundle / "gridmap" / "_resources" / "web").mkdir(parents=True)
    found = subprocess.run(
        [sys.executable, "-c", "from gridmap.core.shipped import maps_dir, resources_dir; "
                               "print(maps_dir()); print(resources_dir())"],
        cwd=bundle, env={**os.environ, "PYTHONPATH": str(bundle)}, capture_output=True, text=True, check=True)
    maps, resources = (Path(line) for line in found.stdout.splitlines())
    assert maps == bundle / "gridmap" / "_maps"
    assert (maps / "taizhou" / "counties.geojson").is_file()
    assert resources == bundle / "gridmap" / "_resources"
