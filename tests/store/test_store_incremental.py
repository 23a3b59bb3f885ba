"""The store interface, for every store: record layers read lazily, counted without reading, saves that write
only what changed (new rows appended, changed layers rewritten), ``gridmap add`` appending without reading the
layer, and kill -9 during an in-place append or grids rewrite leaving the old or the new state."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pandas as pd
import pyogrio
import pytest

from builders import incidents_csv

from gridmap import ops
from gridmap.core.errors import GridMapError
from gridmap.core.records.importing import RecordImportOptions
from gridmap.store.gpkg import GpkgStore


def unreadable(store):
    """``store`` as the same kind of store, refusing to read a record layer."""
    class Unreadable(type(store)):
        def read_layer(self, name):
            raise AssertionError(f"read the layer {name}")

    copy = Unreadable.__new__(Unreadable)
    copy.__dict__.update(store.__dict__)
    return copy


def test_load_reads_no_record_layer_and_counts_them(store):
    project = unreadable(store).load()
    assert list(project.layers) == ["incidents"] and not project.layers.is_read("incidents")
    assert project.layer_counts() == {"grids": 12, "incidents": 3}
    assert project.summary()["layers"] == {"grids": 12, "incidents": 3}
    assert ops.info(unreadable(store)).to_json()["layers"] == {"grids": 12, "incidents": 3}
    assert store.count_layer("incidents") == 3 and store.layer_names() == ["incidents"]
    assert list(store.load().layers["incidents"]["id"]) == ["A1", "A2", "A3"]  # read on first access


def test_add_appends_without_reading_the_layer(store, tmp_path):
    csv = incidents_csv(tmp_path / "新.csv", "事件编号,经度,纬度,上报时间,事件类别\n"
                        "B1,121.31,28.61,2026-04-01 08:00:00,火情\nB2,100.0,28.61,2026-04-02 08:00:00,火情\n")
    result = ops.add(unreadable(store), RecordImportOptions(csv, "incidents"))
    assert (result.imported, result.new, result.updated, result.unassigned) == (2, 2, 0, 1)
    layer = store.load().layers["incidents"]
    assert list(layer["id"]) == ["A1", "A2", "A3", "B1", "B2"]
    assert list(layer["grid_code"])[3:] == [layer["grid_code"][0], ""]
    assert store.stored_ids("incidents", ["A2", "B2", "C9"]) == {"A2", "B2"}


def test_add_with_known_ids_updates_them(store, tmp_path):
    csv = incidents_csv(tmp_path / "改.csv", "事件编号,经度,纬度,上报时间,事件类别\n"
                        "A2,121.32,28.61,2026-03-02 08:00:00,火情\nC1,121.33,28.61,2026-04-02 08:00:00,火情\n")
    result = ops.add(store, RecordImportOptions(csv, "incidents"))
    assert (result.new, result.updated) == (1, 1)
    layer = store.load().layers["incidents"]
    assert list(layer["id"]) == ["A1", "A3", "A2", "C1"] and list(layer["category"]) == ["盗窃", "盗窃", "火情", "火情"]


def fids(path, table):
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT fid, id FROM {table} ORDER BY fid").fetchall()


def test_gpkg_save_in_place_writes_only_what_changed(gpkg_store, tmp_path):
    store = gpkg_store
    inode = os.stat(store.path).st_ino
    before = fids(store.path, "incidents")
    project = store.load()
    layer = project.layers["incidents"]
    project.layers["incidents"] = pd.concat([layer, layer.assign(id=["D1", "D2", "D3"])], ignore_index=True)
    project.layers["notes"] = pd.DataFrame({"text": ["网格员已走访"]})  # a layer created by an in-place save
    project.meta["city"] = "台州"
    store.save(project)
    assert os.stat(store.path).st_ino == inode  # written in place, not replaced
    after = fids(store.path, "incidents")
    assert after[:3] == before and [i for _, i in after[3:]] == ["D1", "D2", "D3"]  # the old rows kept, 3 appended
    project.grids = project.grids.assign(name="改名")  # grids rewritten; incidents unchanged: untouched
    del project.layers["notes"]
    store.save(project)
    assert fids(store.path, "incidents") == after and os.stat(store.path).st_ino == inode
    again = store.load()
    assert set(again.grids["name"]) == {"改名"} and again.meta["city"] == "台州" and list(again.layers) == ["incidents"]
    assert list(again.layers["incidents"]["id"]) == ["A1", "A2", "A3", "D1", "D2", "D3"]
    assert {str(n) for n in pyogrio.list_layers(store.path)[:, 0]} >= {"grids", "incidents", "gridmap_meta"}
    assert pyogrio.read_info(store.path, layer="incidents")["features"] == 6
    if subprocess.run(["which", "ogrinfo"], capture_output=True).returncode == 0:
        run = subprocess.run(["ogrinfo", "-al", "-q", str(store.path)], capture_output=True, text=True, check=True)
        assert run.stderr == ""
    again.meta["city"] = "温岭"
    os.chmod(store.path, 0o444)  # the in-place save refuses a read-only file too
    try:
        with pytest.raises(GridMapError, match="read-only; nothing was saved"):
            store.save(again)
    finally:
        os.chmod(store.path, 0o644)
    assert store.load().meta["city"] == "台州"


APPENDER = textwrap.dedent("""
    import sys
    import numpy as np, pandas as pd
    from gridmap.store.gpkg import GpkgStore
    store = GpkgStore(sys.argv[1])
    project = store.load()
    layer = project.layers["incidents"]
    n = 100_000
    print("appending", flush=True)
    for i in range(1000):
        rows = pd.DataFrame({c: np.repeat(layer[c].to_numpy()[:1], n) for c in layer.columns})
        rows["id"] = [f"K{i}-{j}" for j in range(n)]
        store.append_records("incidents", rows, {**project.meta, "batch": i})
""")

REWRITER = textwrap.dedent("""
    import sys
    import geopandas as gpd, shapely
    from gridmap.store.gpkg import GpkgStore
    store = GpkgStore(sys.argv[1])
    project = store.load()
    boxes = [shapely.box(121 + i % 200 * 0.001, 28 + i // 200 * 0.001, 121.001 + i % 200 * 0.001,
                         28.001 + i // 200 * 0.001).buffer(0.0002, 16) for i in range(20000)]
    print("rewriting", flush=True)
    for i in range(1000):
        project.grids = gpd.GeoDataFrame({"code": [f"X{j}" for j in range(20000)], "name": f"v{i}", "district": "d",
                                          "street": "s", "community": "c", "households": 1}, geometry=boxes, crs=4490)
        store.save(project)
""")


def kill_during(path, script: str, ready: str, check) -> int:
    """Run ``script`` on ``path`` and kill -9 it at moments of its in-place transactions; ``check(store)`` after
    each kill. Returns how many kills came while a transaction was open (its rollback journal there)."""
    journal = path.with_name(path.name + "-journal")
    interrupted = 0
    for delay in (0.0, 0.01, 0.03, 0.08, 0.15, 0.3):
        proc = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
        assert proc.stdout.readline().strip() == ready
        deadline = time.monotonic() + 60
        while not journal.exists() and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        proc.wait()
        interrupted += journal.exists()
        check(GpkgStore(path))
    return interrupted


def test_kill_during_in_place_append(gpkg_store, tmp_path):
    store = gpkg_store

    def check(store):
        project = store.load()
        layer = project.layers["incidents"]
        batches = (len(layer) - 3) // 100_000
        assert len(layer) == 3 + 100_000 * batches  # whole batches only
        assert project.meta.get("batch", -1) == batches - 1 and project.layer_counts()["incidents"] == len(layer)
        assert layer["id"].is_unique

    assert kill_during(store.path, APPENDER, "appending", check) >= 3


def test_kill_during_in_place_grids_rewrite(gpkg_store, tmp_path):
    store = gpkg_store

    def check(store):
        grids = store.load().grids
        assert len(grids) in (12, 20000)
        assert len(grids) == 12 or grids["name"].nunique() == 1  # one version's grids, never a mix

    assert kill_during(store.path, REWRITER, "rewriting", check) >= 3
