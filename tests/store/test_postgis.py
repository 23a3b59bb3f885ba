"""The PostGIS store with many desks: optimistic grid edits, imports from several processes at once, NOTIFY on
every commit, and tables QGIS opens as layers (needs $GRIDMAP_TEST_PG)."""

import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from gridmap.core.errors import GridMapError
from gridmap.core.grids import edits
from gridmap.core.records.assign import grids_fingerprint, reassign_all
from gridmap.ops import open_project, store_of
from builders import D, X0, Y0
from builders import block_project

CODE = "331002001{:03d}".format


@pytest.fixture
def url(pg_url):
    store_of(pg_url).save(block_project())
    return pg_url


def test_conflicting_grid_edit_is_refused(url, monkeypatch):
    first, second, third = open_project(url), open_project(url), open_project(url)
    edits.apply_edit(first, edits.merge(first, [CODE(1), CODE(2)]), who="甲")
    monkeypatch.setenv("GRIDMAP_DESK", "指挥中心-1")
    store_of(url).save(first)
    stored = open_project(url)
    before = stored.layers["incidents"].copy()

    edits.apply_edit(second, edits.merge(second, [CODE(2), CODE(5)]), who="乙")  # 002 is gone since
    with pytest.raises(GridMapError, match=rf"grids {CODE(2)} were changed by 甲 at 指挥中心-1 at \d{{4}}-.*merge"):
        store_of(url).save(second)
    again = open_project(url)
    assert list(again.grids["code"]) == list(stored.grids["code"]) and CODE(5) in set(again.grids["code"])
    pd.testing.assert_frame_equal(again.layers["incidents"], before)  # nothing of the refused edit
    assert [e["who"] for e in again.meta["edit_log"]] == ["张三", "甲"]

    edits.apply_edit(third, edits.merge(third, [CODE(7), CODE(8)]), who="丙")  # other grids: commits
    store_of(url).save(third)
    last = open_project(url)
    assert CODE(8) not in set(last.grids["code"]) and CODE(2) not in set(last.grids["code"])
    assert (last.layers["incidents"]["grid_code"] == CODE(8)).sum() == 0
    stored_codes = last.layers["incidents"]["grid_code"].copy()
    reassign_all(last)  # the stored assignment is the one the stored grids give
    assert CODE(2) not in set(stored_codes) and stored_codes.equals(last.layers["incidents"]["grid_code"])
    assert list(third.grids["code"]) == list(last.grids["code"])  # the saving desk has the other desk's edit
    assert last.meta["assigned_to"] == grids_fingerprint(last.grids)  # so nothing is re-assigned on loading
    versions = _versions(url)
    assert versions[CODE(1)] == 2 and versions[CODE(7)] == 2 and versions[CODE(3)] == 1


def _versions(url) -> dict:
    import psycopg

    store = store_of(url)
    with psycopg.connect(**store.url.conninfo()) as conn:
        return dict(conn.execute(f"SELECT code, version FROM {store.schema}.grids").fetchall())


def test_edit_reassigns_records_another_desk_added(url):
    """Records imported by another desk after this one loaded are re-assigned in the edit's transaction."""
    project = open_project(url)
    edit = edits.merge(project, [CODE(1), CODE(2)])
    other = pd.DataFrame({"id": pd.Series(["L1", "L2"], dtype="str"), "category": pd.Series(["盗窃"] * 2, dtype="str"),
                          "lon": [X0 + 1.5 * D, X0 + 2.5 * D], "lat": [Y0 + 0.5 * D] * 2,
                          "grid_code": pd.Series([CODE(2), CODE(3)], dtype="str")})
    store_of(url).append_records("incidents", other, {})
    edits.apply_edit(project, edit)
    store_of(url).save(project)
    incidents = open_project(url).layers["incidents"].set_index("id")
    assert incidents.loc["L1", "grid_code"] == CODE(1) and incidents.loc["L2", "grid_code"] == CODE(3)
    assert len(incidents) == 902 and CODE(2) not in set(incidents["grid_code"])


def test_four_desks_import_at_once(url, tmp_path):
    """4 processes each add 50,000 incidents at the same time: exactly 200,000 more rows, each assigned."""
    rng = np.random.default_rng(12)
    files = []
    for desk in range(4):
        n = 50_000
        frame = pd.DataFrame({"事件编号": [f"D{desk}-{i}" for i in range(n)],
                              "经度": X0 + rng.uniform(0.0005, 3 * D - 0.0005, n).round(6),
                              "纬度": Y0 + rng.uniform(0.0005, 3 * D - 0.0005, n).round(6),
                              "上报时间": "2026-01-05 08:00:00", "事件类别": "盗窃", "办理状态": "上报"})
        files.append(tmp_path / f"desk{desk}.csv")
        frame.to_csv(files[-1], index=False)
    procs = [subprocess.Popen([sys.executable, "-m", "gridmap", "add", url, "--kind", "incidents", str(f), "--json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
    results = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [r[1] for r in results]
    incidents = open_project(url).layers["incidents"]
    assert len(incidents) == 900 + 200_000 and incidents["id"].is_unique
    new = incidents[incidents["id"].str.startswith("D")]
    assert len(new) == 200_000 and (new["grid_code"] != "").all()
    assert set(new["grid_code"]) == {CODE(i) for i in range(1, 10)}


def test_notify_on_every_commit(url, pg_conn, monkeypatch):
    monkeypatch.setenv("GRIDMAP_DESK", "指挥中心-2")
    pg_conn.execute("LISTEN gridmap")
    store = store_of(url)
    rows = pd.DataFrame({"id": pd.Series(["M1", "M2", "M3"], dtype="str"), "lon": [X0 + D / 2] * 3,
                         "lat": [Y0 + D / 2] * 3, "grid_code": pd.Series([CODE(1)] * 3, dtype="str")})
    store.append_records("incidents", rows, {})
    project = open_project(url)
    edits.apply_edit(project, edits.merge(project, [CODE(4), CODE(5)]))
    store.save(project)
    got = [json.loads(n.payload) for n in pg_conn.notifies(timeout=5, stop_after=4)]
    records = [n for n in got if n["what"] == "records"]
    grids = [n for n in got if n["what"] == "grids"]
    assert records[0] == {"schema": store.schema, "what": "records", "kind": "incidents", "count": 3, "codes": None,
                          "desk": "指挥中心-2", "pid": os.getpid(), "at": records[0]["at"]}
    assert grids[0]["codes"] == [CODE(4), CODE(5)] and grids[0]["desk"] == "指挥中心-2"
    assert all(n["schema"] == store.schema for n in got)


def test_qgis_opens_every_table(url, pg_conn):
    """Typed geometry columns with SRID 4490 and a primary key on every table."""
    schema = store_of(url).schema
    geometry = {(t, g): (k, s) for t, g, k, s in pg_conn.execute(
        "SELECT f_table_name, f_geometry_column, type, srid FROM geometry_columns WHERE f_table_schema = %s",
        (schema,)).fetchall()}
    assert geometry == {("grids", "geom"): ("MULTIPOLYGON", 4490), ("grid_plans", "geom"): ("MULTIPOLYGON", 4490),
                        ("incidents", "geom"): ("POINT", 4490), ("incidents_masked", "geom"): ("POINT", 4490)}
    tables = {t for (t,) in pg_conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s "
                                            "AND table_type = 'BASE TABLE'", (schema,)).fetchall()}
    keyed = {t for (t,) in pg_conn.execute("""SELECT tc.table_name FROM information_schema.table_constraints tc
        WHERE tc.table_schema = %s AND tc.constraint_type = 'PRIMARY KEY'""", (schema,)).fetchall()}
    assert tables == keyed == {"grids", "grid_plans", "gridmap_meta", "edit_log", "audit_log", "incidents", "workers",
                               "record_totals"}
    indexes = " ".join(d for (d,) in pg_conn.execute("SELECT indexdef FROM pg_indexes WHERE schemaname = %s",
                                                      (schema,)).fetchall())
    assert "USING gist (geom)" in indexes and "USING btree (grid_code)" in indexes
