"""Offline installation: ``packaging/wheelhouse.sh`` resolves every wheel GridMap needs for a Windows desk (win_amd64,
Python 3.11) from binary wheels alone, and the README tells how to install from the folder with no internet."""

import configparser
import re
import subprocess
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parents[2]


def test_windows_wheelhouse_resolves(tmp_path):
    run = subprocess.run(["bash", str(ROOT / "packaging" / "wheelhouse.sh"), "--dry-run", "win_amd64", "3.11",
                          str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    wheels = {}
    for line in run.stdout.split():
        name, _, _, tags = parse_wheel_filename(line)
        wheels[name] = {tag.platform for tag in tags}
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    needed = {canonicalize_name(Requirement(line).name) for line in config["options"]["install_requires"].splitlines()
              if line.strip() and not line.lstrip().startswith("#")}
    assert {"gridmap", "pyside6-essentials", "pyside6-addons", "shiboken6"} | needed <= set(wheels)
    assert all(platforms <= {"win_amd64", "any"} for platforms in wheels.values()), wheels
    assert wheels["pyogrio"] == {"win_amd64"}  # GDAL and PROJ come inside the wheels: nothing to install by hand


def test_readme_tells_the_offline_install():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "packaging/wheelhouse.sh" in readme
    assert re.search(r"pip install --no-index --find-links \S+ gridmap", readme)
