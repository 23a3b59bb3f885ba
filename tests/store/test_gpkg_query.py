"""GeoPackage: records queried in SQLite, not loaded: statistics from counts equal to those of the loaded layer,
and the points of a box (or clusters), as on PostGIS."""

from __future__ import annotations

import pandas as pd
import pytest

from gridmap.core.records.filters import RecordFilter
from gridmap.store.gpkg import GpkgStore
from test_pg_sql import FILTERS, assert_counted_like_loaded, assert_points_in_a_box_or_clusters, records_project


@pytest.fixture
def stored(tmp_path):
    project = records_project()
    store = GpkgStore(tmp_path / "记录.gpkg")
    store.save(project)
    project = store.load()
    project.layers["incidents"]  # read: what the store counts is compared with counting it
    return project, store


@pytest.mark.parametrize("f", range(len(FILTERS)))
def test_statistics_counted_in_sqlite_equal_those_of_the_loaded_layer(stored, f):
    project, store = stored
    assert_counted_like_loaded(project, store, FILTERS[f])


def test_a_time_range_counts_to_the_second_in_china_time(stored):
    project, store = stored
    layer = project.layers["incidents"]
    at = layer["reported_at"].dropna().sort_values().iloc[100]
    for filt in (RecordFilter(start=at), RecordFilter(end=at), RecordFilter(start=at, end=at + pd.Timedelta(seconds=1)),
                 RecordFilter(start=at + pd.Timedelta(microseconds=1))):
        assert store.record_counts("incidents", filt)["n"].sum() == filt.mask(layer, "incidents").sum() > 0


def test_points_in_a_box_or_clusters(stored):
    assert_points_in_a_box_or_clusters(*stored)


def test_a_point_layer_is_written_with_its_time_indexes_which_the_queries_use(stored, tmp_path):
    import sqlite3
    from contextlib import closing

    from gridmap import ops
    from gridmap.store.gpkg_query import UTC_TEXT

    _, store = stored
    with closing(sqlite3.connect(store.path)) as db:
        indexes = {row[1]: row[4] for row in db.execute("PRAGMA index_list(incidents)")}
        assert indexes.get("gridmap_incidents_time") == 0 and indexes.get("gridmap_incidents_odd_time") == 1
        plans = {what: " ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + query, params))
                 for what, (query, params) in {
                     "odd": (f"SELECT 1 FROM incidents WHERE reported_at NOT GLOB '{UTC_TEXT}' LIMIT 1", []),
                     "range": ("SELECT count(*) FROM incidents WHERE reported_at >= ? AND reported_at < ?",
                               ["2025-12-01", "2026-01-01"])}.items()}
    assert "gridmap_incidents_odd_time" in plans["odd"] and "gridmap_incidents_time" in plans["range"], plans
    before = store.path.read_bytes()
    ops.info(store.path)
    store.record_counts("incidents")
    assert store.path.read_bytes() == before  # opened for info or queries: never written
