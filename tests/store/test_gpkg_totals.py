"""GeoPackage: a point layer's counts per grid, category and status kept in ``gridmap_totals`` by triggers, so that
a project's first count needs no scan of its records: right after a save, an append, a layer written anew, another
program's inserts, updates and deletes, a column added; a file written before them is counted by a scan and gets
them on its first save in place, never on open."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from gridmap import ops
from gridmap.store.gpkg import GpkgStore
from gridmap.store.gpkg_query import TOTALS
from test_pg_sql import records_project


@pytest.fixture
def stored(tmp_path):
    project = records_project()
    store = GpkgStore(tmp_path / "记录.gpkg")
    store.save(project)
    return store


def kept(path) -> dict:
    with closing(sqlite3.connect(path)) as db:
        return {(g, c, s): n for g, c, s, n in db.execute(
            f"SELECT grid_code, category, status, n FROM {TOTALS} WHERE layer = 'incidents' AND n > 0")}


def truth(path) -> dict:
    with closing(sqlite3.connect(path)) as db:
        return {(g, c, s): n for g, c, s, n in db.execute(
            "SELECT coalesce(grid_code, ''), coalesce(category, ''), coalesce(status, ''), count(*) FROM incidents "
            "GROUP BY 1, 2, 3")}


def counted(store) -> dict:
    counts = store.record_counts("incidents")
    return {(g, c, s): n for g, c, s, n in counts.itertuples(index=False)}


def test_a_saved_layer_has_its_counts_and_the_store_reads_them(stored):
    assert kept(stored.path) == truth(stored.path) and sum(kept(stored.path).values()) == 900
    with closing(sqlite3.connect(stored.path)) as db:  # the counts are read from the table, not the records
        db.execute(f"UPDATE {TOTALS} SET n = n + 1000 WHERE layer = 'incidents' AND status = '结案'")
        db.commit()
    counts = counted(stored)
    assert counts == kept(stored.path) != truth(stored.path)
    assert "gridmap_totals" not in stored.layer_names()


def test_other_programs_inserts_updates_and_deletes_keep_the_counts(stored):
    with closing(sqlite3.connect(stored.path)) as db, db:  # as QGIS would edit the table
        db.execute("INSERT INTO incidents (id, lon, lat, grid_code, category, status) "
                   "SELECT 'Q' || id, lon, lat, grid_code, category, status FROM incidents WHERE fid <= 50")
        db.execute("INSERT INTO incidents (id, lon, lat) VALUES ('Q-null', 121.4, 28.6)")
        db.execute("UPDATE incidents SET status = '核查' WHERE id LIKE 'Q%' AND status = '上报'")
        db.execute("UPDATE incidents SET grid_code = '331002001002', category = NULL WHERE id IN ('E4', 'E5')")
        db.execute("UPDATE incidents SET lon = lon + 0.001 WHERE fid <= 10")  # not a counted column
        db.execute("DELETE FROM incidents WHERE id IN ('E1', 'E2', 'E3')")
    assert kept(stored.path) == truth(stored.path)
    assert sum(kept(stored.path).values()) == 900 + 51 - 3 and kept(stored.path)[("", "", "")] >= 1
    assert counted(stored) == truth(stored.path)


def test_appends_and_a_layer_written_anew_keep_the_counts(stored, tmp_path):
    project = stored.load()
    extra = project.layers["incidents"].iloc[:100].copy()
    extra["id"] = "X" + extra["id"]
    stored.append_records("incidents", extra, project.meta)
    assert kept(stored.path) == truth(stored.path) and sum(kept(stored.path).values()) == 1000
    with closing(sqlite3.connect(stored.path)) as db, db:
        db.execute("INSERT INTO incidents (id, grid_code, category, status) VALUES ('Q1', 'G', '盗窃', '上报')")
    assert kept(stored.path) == truth(stored.path) and kept(stored.path)[("G", "盗窃", "上报")] == 1

    project = stored.load()
    layer = project.layers["incidents"]
    project.layers["incidents"] = layer[layer["status"] != "结案"].assign(category="盗窃").reset_index(drop=True)
    stored.save(project)  # records removed and changed: the layer is written anew
    assert kept(stored.path) == truth(stored.path)
    assert {c for _, c, _ in kept(stored.path)} == {"盗窃"} and not any(s == "结案" for *_, s in kept(stored.path))

    del project.layers["incidents"]
    stored.save(project)
    assert kept(stored.path) == {}


def test_a_column_added_by_an_append_is_counted(tmp_path):
    project = records_project()
    project.layers["incidents"] = project.layers["incidents"].drop(columns=["status"])
    store = GpkgStore(tmp_path / "无状态.gpkg")
    store.save(project)
    assert {s for *_, s in kept(store.path)} == {""}
    project = store.load()
    extra = records_project().layers["incidents"].iloc[:30].assign(id=lambda f: "S" + f["id"])
    store.append_records("incidents", extra, project.meta)
    assert kept(store.path) == truth(store.path) and {s for *_, s in kept(store.path)} > {""}


def test_an_older_file_is_counted_by_a_scan_and_gets_its_counts_on_its_first_save(stored):
    with closing(sqlite3.connect(stored.path)) as db, db:  # as written before the counts were kept
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
                                  "'gridmap_totals_%'").fetchall():
            db.execute(f'DROP TRIGGER "{name}"')
        db.execute(f"DROP TABLE {TOTALS}")
        db.execute("DELETE FROM gpkg_contents WHERE table_name = ?", (TOTALS,))
    before = stored.path.read_bytes()
    ops.info(stored.path)
    assert counted(stored) == truth(stored.path)
    assert stored.path.read_bytes() == before  # opened and counted: never written

    project = stored.load()
    extra = project.layers["incidents"].iloc[:10].assign(id=lambda f: "Y" + f["id"])
    stored.append_records("incidents", extra, project.meta)
    assert kept(stored.path) == truth(stored.path) and sum(kept(stored.path).values()) == 910
    with closing(sqlite3.connect(stored.path)) as db:
        assert db.execute("SELECT data_type FROM gpkg_contents WHERE table_name = ?", (TOTALS,)).fetchone() == \
            ("attributes",)


def test_counts_follow_a_whole_file_save_elsewhere(stored, tmp_path):
    project = stored.load()
    project.layers["incidents"]
    other = GpkgStore(tmp_path / "副本.gpkg")
    other.save(project)
    assert kept(other.path) == truth(other.path) == truth(stored.path) == counted(other)
