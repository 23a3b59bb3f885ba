"""The store test suite, run on both stores (``store`` fixture): round trip, incremental saves, kill -9."""

import signal
import subprocess
import sys
import textwrap
import time

import pandas as pd
import shapely

from builders import block_project

from gridmap.ops import open_project


def assert_same(a, b, modified=True):
    """Same grids, record layers, plans, metadata (``modified`` too unless False) and audit log (the values: a
    project built in memory has other text dtypes than one read back)."""
    assert list(a.grids.columns) == list(b.grids.columns)
    pd.testing.assert_frame_equal(pd.DataFrame(a.grids.drop(columns="geometry")),
                                  pd.DataFrame(b.grids.drop(columns="geometry")), check_dtype=False)
    assert shapely.equals(a.grids.geometry.values, b.grids.geometry.values).all()
    assert list(a.layers) == list(b.layers) or sorted(a.layers) == sorted(b.layers)
    for name in a.layers:
        pd.testing.assert_frame_equal(a.layers[name], b.layers[name], check_dtype=False, check_categorical=False)
    assert sorted(a.plans) == sorted(b.plans)
    for name in a.plans:
        assert list(a.plans[name]["code"]) == list(b.plans[name]["code"])
        assert shapely.equals(a.plans[name].geometry.values, b.plans[name].geometry.values).all()
    drop = set() if modified else {"modified"}
    assert {k: v for k, v in a.meta.items() if k not in drop} == {k: v for k, v in b.meta.items() if k not in drop}
    assert a.audit == b.audit


def test_round_trip(empty_store):
    store = empty_store
    project = block_project()
    store.save(project)
    again = store.load()
    assert again.layers.count("incidents") == 900 and not again.layers.is_read("incidents")  # counted, not read
    assert_same(project, again)
    assert again.meta["edit_log"][0]["who"] == "张三" and again.plans["现行"].crs.to_epsg() == 4490


def test_saves_only_what_changed(empty_store):
    store = empty_store
    store.save(block_project())
    project = store.load()
    incidents = project.layers["incidents"]
    incidents.loc[3, "grid_code"] = "331002001005"  # a record moved
    added = incidents.iloc[:2].assign(id=["N1", "N2"], category="火灾")
    project.layers["incidents"] = pd.concat([incidents, added], ignore_index=True)
    project.meta["city"] = "椒江区"
    project.grids.loc[0, "name"] = "网格一"
    store.save(project)
    again = store.load()
    assert_same(project, again)
    assert again.layers["incidents"].loc[3, "grid_code"] == "331002001005"
    assert list(again.layers["incidents"]["id"].iloc[-2:]) == ["N1", "N2"]
    # saved twice from the same load: the second save knows what the first wrote
    project.layers["incidents"] = project.layers["incidents"].iloc[:-1]
    store.save(project)
    assert store.load().layers.count("incidents") == 901


SAVER = textwrap.dedent("""
    import sys
    import geopandas as gpd, numpy as np, pandas as pd, shapely
    from gridmap.ops import store_of
    store = store_of(sys.argv[1])
    project = store.load()
    boxes = [shapely.box(120 + i % 200 * 0.001, 28 + i // 200 * 0.001, 120.001 + i % 200 * 0.001,
                         28.001 + i // 200 * 0.001).buffer(0.0002, 16) for i in range(20000)]
    project.grids = gpd.GeoDataFrame({"code": [f"X{i}" for i in range(20000)], "name": "n", "district": "d",
                                      "street": "s", "community": "c", "households": 1}, geometry=boxes, crs=4490)
    project.grids["households"] = project.grids["households"].astype("Int64")
    n = 300000
    more = pd.DataFrame({"id": pd.Series([f"K{i}" for i in range(n)], dtype="str"),
                         "category": pd.Series(["盗窃"] * n, dtype="str"),
                         "lon": np.full(n, 120.0005), "lat": np.full(n, 28.0005),
                         "grid_code": pd.Series(["X0"] * n, dtype="str")})
    project.layers["incidents"] = pd.concat([project.layers["incidents"], more], ignore_index=True)
    print("saving", flush=True)
    store.save(project)
    print("saved", flush=True)
""")


def _writing(store) -> bool:
    """The saver is inside its transaction (PostGIS) or writing its new file or table (GeoPackage)."""
    from gridmap.store.postgis import PostgisStore

    if isinstance(store, PostgisStore):
        import psycopg

        with psycopg.connect(**store.url.conninfo()) as conn:
            return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'GridMap' "
                                "AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction') "
                                "AND query LIKE %s", (f"%{store.schema}%",)).fetchone()[0] > 0
    return any(store.path.parent.glob(f".{store.path.name}*")) or store.path.with_name(
        store.path.name + "-journal").exists() or store.path.with_name(store.path.name + "-wal").exists()


def test_kill_during_save_leaves_old_or_new(empty_store):
    """kill -9 at moments of a long save: the project always loads as the old or the new one, never a mix."""
    store = empty_store
    store.save(block_project())
    states = []
    for delay in (0.0, 0.05, 0.15, 0.3, 0.6):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(getattr(store, "path", None) or store.url.url(True))],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "saving"
        deadline = time.monotonic() + 60
        while not _writing(store) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        proc.wait()
        project = open_project(store)
        grids, incidents = len(project.grids), project.layers.count("incidents")
        assert (grids, incidents) in ((9, 900), (20000, 300900)), (grids, incidents)
        states.append(grids)
        if grids == 20000:
            store.save(block_project())  # the old project again for the next kill
    assert 9 in states  # at least one kill came mid-save
