"""A record layer's first and last time, read by the store without reading the layer (the filter bar's days
of a layer the map is served per view): equal to those of the loaded layer, in a GeoPackage and on PostGIS."""

from __future__ import annotations

import pandas as pd
import pytest

from gridmap.store.postgis import PostgisStore
from builders import stored_in
from test_pg_sql import records_project


@pytest.fixture(params=["gpkg", "postgis"])
def saved(request, tmp_path):
    """:func:`records_project` (900 incidents over three months, some without a time) with a day of GPS fixes,
    saved in each store."""
    project = records_project()
    project.layers["tracks"] = pd.DataFrame({
        "id": pd.Series([f"W1@{i}" for i in range(50)], dtype="str"), "worker": pd.Series(["W1"] * 50, dtype="str"),
        "time": pd.Timestamp("2026-01-05 23:30:00.250") + pd.to_timedelta(range(50), unit="min"),
        "lon": [121.405] * 50, "lat": [28.605] * 50})
    return stored_in(request.param, project, tmp_path, request)


@pytest.mark.parametrize("kind, column", [("incidents", "reported_at"), ("tracks", "time")])
def test_the_time_range_is_the_loaded_layer_s_first_and_last_time(saved, kind, column):
    layers = saved.load().layers
    first, last = layers.time_range(kind)
    assert not layers.is_read(kind)  # asked of the store
    times = layers[kind][column]
    assert (first, last) == (times.min(), times.max())  # China Standard Time, to the millisecond
    assert first.tzinfo is None and first < last
    assert layers.time_range(kind) is None  # once read, the layer itself is looked at
    assert saved.time_range(kind) == (first, last)


def test_a_layer_without_times_has_no_time_range(saved):
    assert saved.time_range("persons") is None and saved.time_range("workers") is None
    assert saved.time_range("venues") is None  # no such layer


def test_postgis_reads_the_time_range_from_an_index(pg_url, pg_conn):
    """Not a scan of the table: each kind's time has a B-tree (a BRIN index cannot give the first time)."""
    store = PostgisStore(pg_url)
    project = records_project()
    project.layers["tracks"] = pd.DataFrame({"id": pd.Series(["W1@1"], dtype="str"), "worker": ["W1"],
                                             "time": [pd.Timestamp("2026-01-05")], "lon": [121.405], "lat": [28.605]})
    store.create(project)
    pg_conn.execute("SET enable_seqscan = off")  # what the planner picks for a big table, whatever its size here
    for table, column in (("incidents", "reported_at"), ("tracks", "time")):
        plan = "\n".join(r[0] for r in pg_conn.execute(
            f'EXPLAIN SELECT min("{column}"), max("{column}") FROM {store.schema}.{table}').fetchall())
        assert "Seq Scan" not in plan and "Index Only Scan" in plan, plan
