"""The project file: a GeoPackage GDAL opens, atomic saves that survive kill -9, and the open-project lock."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pyogrio
import pytest

from gridmap.core.errors import GridMapError, ProjectLocked
from gridmap.core.project.model import ImportOptions
from gridmap.ops import new as new_project
from gridmap.store.gpkg import GpkgStore, ProjectLock
from gridmap.ops import open_project
from builders import CODES, NAMES, grid_frame, write_shp


@pytest.fixture
def project_path(tmp_path):
    shp = write_shp(grid_frame(4528), tmp_path / "grids.shp")
    path = tmp_path / "城市.gpkg"
    new_project(path, ImportOptions(shp))
    return path


def test_round_trip_and_gdal_readable(project_path):
    project = open_project(project_path)
    assert list(project.grids["code"]) == CODES and list(project.grids["name"]) == NAMES
    assert project.grids.crs.to_epsg() == 4490
    assert project.meta["format_version"] == 1
    source = project.meta["sources"][0]
    assert source["encoding"] == {"name": "GBK", "detected": True, "source": "detected"}
    assert source["crs"] == "EPSG:4528" and project.meta["field_mapping"]["code"] == "WGBM"
    layers = {name: kind for name, kind in pyogrio.list_layers(project_path)}
    assert layers["grids"] in ("Polygon", "MultiPolygon") and "gridmap_meta" in layers
    with sqlite3.connect(project_path) as db:
        (kind,) = db.execute("SELECT data_type FROM gpkg_contents WHERE table_name='gridmap_meta'").fetchone()
    assert kind == "attributes"


def test_refuses_overwrite_without_force(project_path, tmp_path):
    shp = tmp_path / "grids.shp"
    before = project_path.read_bytes()
    with pytest.raises(GridMapError, match="already exists; use --force"):
        new_project(project_path, ImportOptions(shp))
    assert project_path.read_bytes() == before
    new_project(project_path, ImportOptions(shp), force=True)
    assert len(open_project(project_path).grids) == 4


def test_failed_overwrite_keeps_previous(project_path, tmp_path):
    bad = tmp_path / "bad.shp"
    bad.write_bytes(b"")
    before = project_path.read_bytes()
    with pytest.raises(GridMapError):
        new_project(project_path, ImportOptions(bad), force=True)
    assert project_path.read_bytes() == before
    assert [p.name for p in tmp_path.glob(".*saving*")] == []


def test_not_a_project(tmp_path):
    path = tmp_path / "plain.gpkg"
    grid_frame().to_file(path, driver="GPKG")
    with pytest.raises(GridMapError, match="not a GridMap project"):
        open_project(path)


SAVER = textwrap.dedent("""
    import sys
    import geopandas as gpd, shapely
    from gridmap.store.gpkg import GpkgStore
    store = GpkgStore(sys.argv[1])
    project = store.load()
    boxes = [shapely.box(120 + i % 200 * 0.001, 28 + i // 200 * 0.001, 120.001 + i % 200 * 0.001,
                         28.001 + i // 200 * 0.001).buffer(0.0002, 16) for i in range(20000)]
    project.grids = gpd.GeoDataFrame({"code": [f"X{i}" for i in range(20000)], "name": "n", "district": "d",
                                      "street": "s", "community": "c", "households": 1}, geometry=boxes, crs=4490)
    print("saving", flush=True)
    while True:
        store.save(project)
""")


def test_kill_during_save_leaves_previous_intact(project_path):
    """kill -9 at moments of a long save: the file always opens as the old or the new project."""
    saving = lambda: list(project_path.parent.glob(".*.saving/*.gpkg"))
    interrupted, old = 0, 0
    for delay in (0.0, 0.02, 0.05, 0.1, 0.2):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(project_path)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "saving"
        deadline = time.monotonic() + 30
        while not saving() and time.monotonic() < deadline:  # the temporary file is being written
            time.sleep(0.002)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        proc.wait()
        interrupted += bool(saving())  # killed while writing
        project = open_project(project_path)
        assert len(project.grids) in (4, 20000)
        old += len(project.grids) == 4
    assert interrupted >= 3 and old >= 1  # the first kill came before any save completed


HOLDER = textwrap.dedent("""
    import sys, time
    from gridmap.store.gpkg import GpkgStore
    lock = GpkgStore(sys.argv[1]).lock()
    print("locked", flush=True)
    time.sleep(60)
""")


def test_lock_held_by_another_process(project_path, tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(project_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(ProjectLocked, match=f"open in another GridMap \\(pid {proc.pid} on"):
            GpkgStore(project_path).lock()
        with pytest.raises(ProjectLocked):
            new_project(project_path, ImportOptions(tmp_path / "grids.shp"), force=True)
    finally:
        proc.kill()
        proc.wait()
    lock = GpkgStore(project_path).lock()  # the OS released the dead holder's lock
    lock.release()
    assert lock.path.exists()  # kept: every process locks the same file


def test_lock_in_process_is_exclusive(project_path):
    with ProjectLock(project_path).acquire():
        if os.name != "nt":  # flock is per open file: a second open in the same process conflicts too
            with pytest.raises(ProjectLocked):
                ProjectLock(project_path).acquire()
    ProjectLock(project_path).acquire().release()


def test_save_keeps_other_layers(project_path):
    import pandas as pd

    store = GpkgStore(project_path)
    project = store.load()
    project.layers["notes"] = pd.DataFrame({"text": ["网格员已走访", "待核查"]})
    store.save(project)
    again = store.load()
    assert list(again.layers["notes"]["text"]) == ["网格员已走访", "待核查"]
    assert again.summary()["layers"] == {"grids": 4, "notes": 2}


def test_save_failure_is_reported_and_changes_nothing(project_path, tmp_path):
    """A save that cannot complete (here: the target is a folder) says so and leaves no temporary file."""
    project = open_project(project_path)
    modified = project.meta["modified"]
    target = tmp_path / "folder.gpkg"
    target.mkdir()
    with pytest.raises(GridMapError, match="folder.gpkg: cannot save; the previous file is unchanged"):
        GpkgStore(target).save(project)
    assert project.meta["modified"] == modified and project.path == project_path
    assert not list(tmp_path.glob(".folder.*"))
