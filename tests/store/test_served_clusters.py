"""Served layers drawn like loaded ones: the stores' clusters carry each cell's dominant category and the map
colours them (and single points) with the legend's class of that category, on both stores."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from gridmap.core.i18n import tr
from gridmap.map.overlays import PointLayer, ServedLayer, View
from gridmap.store.gpkg import GpkgStore
from gridmap.store.pg_query import CELL_PIXELS
from builders import stored_in
from test_pg_sql import records_project


@pytest.fixture(params=["gpkg", "postgis"])
def served(request, tmp_path):
    """The 900 incidents of :func:`records_project` in a store, and the layer as loaded from it."""
    store = stored_in(request.param, records_project(), tmp_path, request)
    return store, store.load().layers["incidents"]


def dominant(layer: pd.DataFrame, zoom: int) -> dict[tuple[int, int], tuple[int, str]]:
    """Records and dominant category (most records, ties to the first in text order) per cluster cell."""
    cell = 360.0 / 2 ** zoom / 256 * CELL_PIXELS
    frame = pd.DataFrame({"cx": np.floor(layer["lon"] / cell).astype(int), "cy": np.floor(layer["lat"] / cell).astype(int),
                          "category": layer["category"].fillna("").astype(str)})
    per = frame.groupby(["cx", "cy", "category"]).size().rename("n").reset_index()
    top = per.sort_values(["n", "category"], ascending=[False, True]).drop_duplicates(["cx", "cy"])
    total = per.groupby(["cx", "cy"])["n"].sum()
    return {(cx, cy): (int(total[(cx, cy)]), c) for cx, cy, c in top[["cx", "cy", "category"]].itertuples(index=False)}


def test_served_clusters_and_points_are_coloured_by_category_like_loaded_ones(served):
    store, layer = served
    got = []

    def fetch(*args):
        got.append(store.points_in("incidents", *args))
        return got[-1]

    layer_classes = PointLayer("incidents", layer).classes()[1]  # labels, most frequent category first
    classes = {label: i for i, label in enumerate(layer_classes)}
    served_layer = ServedLayer("incidents", fetch, lambda filt: store.record_counts("incidents", filt))
    zoom = 14
    cell = 360.0 / 2 ** zoom / 256 * CELL_PIXELS
    edge = np.minimum(*(np.abs(v / cell - np.round(v / cell)) for v in (layer["lon"], layer["lat"])))
    assert edge.min() > 1e-9  # no record on a cell's edge, where rounding could put it either side
    view = View(121.38, 28.58, 121.65, 28.65, zoom)
    payload, rows = served_layer.payload(view)
    clusters = got[-1]
    assert payload["mode"] == "clusters" and rows is None and clusters["n"].sum() == len(layer)
    expected = dominant(layer, zoom)
    seen = {(math.floor(lon / cell), math.floor(lat / cell)): (n, c)
            for lon, lat, n, c in clusters[["lon", "lat", "n", "category"]].itertuples(index=False)}
    assert seen == expected
    assert len({c for _, c in expected.values()}) > 1  # cells of different colours
    assert payload["cat"] == [classes[c or tr("(no category)")] for c in clusters["category"]]

    payload, rows = served_layer.payload(View(121.41, 28.61, 121.414, 28.614, 17))
    assert payload["mode"] == "points" and len(rows) > 1
    assert payload["cat"] == [classes[c or tr("(no category)")] for c in rows["category"].fillna("")]


def test_zoomed_out_clusters_are_the_stores_counts_placed_at_their_grids_and_the_records_outside_them(served):
    """Zoomed out, the clusters are the store's counts per grid (with the filter) at a point inside each grid
    and, only when the counts hold records outside every grid, the store's clusters of those in the box (one
    more query): gathered per cell with the dominant category, equal to those counted in pandas, the records of
    the box all drawn."""
    import shapely

    from gridmap.core.records.stats import day_filter
    from gridmap.map.overlays import inverse_mercator

    store, layer = served
    grids = store.load().grids
    asked = []

    def fetch(*args, **kwargs):
        asked.append(kwargs)
        return store.points_in("incidents", *args, **kwargs)

    served_layer = ServedLayer("incidents", fetch, lambda filt: store.record_counts("incidents", filt), lambda: grids)
    filt = day_filter(pd.Timestamp("2025-12-01"), pd.Timestamp("2026-01-31"), categories=frozenset({"盗窃", "诈骗"}))
    outside = layer["grid_code"].fillna("").eq("")
    days = layer["reported_at"].dt.normalize()
    quiet = next(d for d in sorted(days.dropna().unique()) if (days[~outside] == d).any() and not (days[outside] == d).any())
    zoom = 12
    cell = 360.0 / 2 ** zoom / 256 * CELL_PIXELS
    points = shapely.get_coordinates(shapely.point_on_surface(grids.geometry.values))
    anchor = pd.DataFrame({"lon": points[:, 0], "lat": points[:, 1]}, index=grids["code"].astype(str))
    wide, cut = View(121.3, 28.5, 121.7, 28.7, zoom), View(121.35, 28.5, 121.562, 28.7, zoom)  # cut: east 121.615
    for f, view in ((None, wide), (filt, wide), (None, cut), (filt, cut), (day_filter(quiet, quiet), wide)):
        asked.clear()
        payload, rows = served_layer.payload(view, f)
        x0, y0, x1, y1 = view.window()
        (west, east), (south, north) = inverse_mercator(np.array([x0, x1]), np.array([y1, y0]))
        kept = layer[filt.mask(layer, "incidents")] if f is filt else layer[f.mask(layer, "incidents")] if f else layer
        inside = kept[kept["grid_code"].astype(str).isin(anchor.index)]
        placed = anchor.loc[inside["grid_code"].astype(str)].reset_index(drop=True).assign(
            category=inside["category"].to_numpy())
        strays = kept[kept["grid_code"].fillna("").eq("")][["lon", "lat", "category"]]
        drawn = pd.concat([placed, strays], ignore_index=True)
        drawn = drawn[drawn["lon"].between(west, east) & drawn["lat"].between(south, north)]
        expected = dominant(drawn, zoom)
        assert payload["mode"] == "clusters" and rows is None
        cells = [(math.floor(lon / cell), math.floor(lat / cell)) for lon, lat in
                 zip(*np.array(payload["xy"]).reshape(-1, 2).cumsum(axis=0).T / 1e6)]
        index = served_layer.legend(f)[0]  # category -> the legend's class
        assert {c: (n, k) for c, n, k in zip(cells, payload["count"], payload["cat"])} == \
            {c: (n, index[category]) for c, (n, category) in expected.items()}
        assert sum(payload["count"]) == len(drawn) and len(set(payload["cat"])) > 1
        assert asked == ([{"outside": True}] if len(strays) else [])  # no record outside: nothing more asked
        shown = len(drawn) - len(placed)  # the records outside every grid drawn (every grid is in the box)
        assert (0 < shown < len(strays)) if view is cut else shown == len(strays)  # cut: those in the box
        assert (len(strays) > 0) == (f in (None, filt))  # the quiet day's filter passes none


def test_a_geopackage_reads_the_records_outside_every_grid_from_their_partial_index(tmp_path, monkeypatch):
    """The zoomed-out query of the records outside every grid reads the partial index of them (none of the
    others: a city's millions are not scanned for its few strays), with a filter too."""
    import sqlite3
    from contextlib import closing

    from gridmap.core.records.stats import day_filter
    from gridmap.store import gpkg_query

    store = GpkgStore(tmp_path / "served.gpkg")
    store.save(records_project())
    with closing(sqlite3.connect(store.path)) as db:
        assert {row[1]: row[4] for row in db.execute("PRAGMA index_list(incidents)")}["gridmap_incidents_outside"] == 1
    run, connect = [], gpkg_query._connect

    def traced(path):  # the statements run, their parameters written in
        db = connect(path)
        db.thing.set_trace_callback(run.append)
        return db

    monkeypatch.setattr(gpkg_query, "_connect", traced)
    filt = day_filter(pd.Timestamp("2025-12-01"), pd.Timestamp("2026-01-31"), categories=frozenset({"盗窃", "诈骗"}))
    for f in (None, filt):
        run.clear()
        clusters = store.points_in("incidents", (121.3, 28.5, 121.7, 28.7), 12, f, outside=True)
        assert clusters.attrs["clustered"] and clusters["n"].sum() > 0
        with closing(sqlite3.connect(store.path)) as db:
            plan = " ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + run[-1]))
        assert "USING INDEX gridmap_incidents_outside" in plan, (run[-1], plan)


def test_postgis_reads_the_records_outside_every_grid_from_the_grid_code_index(pg_url, pg_conn):
    """The condition of a record outside every grid (grid code empty or null) is answered by the B-tree of
    ``grid_code`` (a coalesce() of it would be a scan of the table)."""
    from psycopg import sql

    from gridmap.store import pg_query
    from gridmap.store.postgis import PostgisStore

    store = PostgisStore(pg_url)
    store.create(records_project())
    run = []

    class Recording:  # the test database's connection, keeping the queries run
        def execute(self, query, params=None):
            run.append((query, params))
            return pg_conn.execute(query, params)

    pg_conn.execute(f"ANALYZE {store.schema}.incidents")
    clusters = pg_query.points_in(Recording(), store.schema, "incidents", (121.3, 28.5, 121.7, 28.7), 12, outside=True)
    assert clusters["n"].sum() == store.load().layers["incidents"]["grid_code"].fillna("").eq("").sum() > 0
    query, params = run[-1]
    plan = "\n".join(row[0] for row in pg_conn.execute(sql.SQL("EXPLAIN ") + query, params).fetchall())
    assert "incidents_grid_code_idx" in plan and "Seq Scan" not in plan, plan
