"""PostGIS: roles (masked views, audited reveals) and records queried in SQL (statistics from counts, points in
a box). Needs a server: GRIDMAP_TEST_PG=postgresql://USER@HOST:PORT/DB (skipped without it)."""

from __future__ import annotations

import os
import uuid

import numpy as np
import pandas as pd
import psycopg
import pytest

from builders import block, run_cli
from gridmap.core.project.kinds import mask_private
from gridmap.core.project.lazy import LazyLayers
from gridmap.core.project.model import Project
from gridmap.core.records.assign import assign_layer
from gridmap.core.records.stats import LEVELS, day_filter, grid_statistic, record_stats

SERVER = os.environ.get("GRIDMAP_TEST_PG")
pytestmark = pytest.mark.skipif(not SERVER, reason="GRIDMAP_TEST_PG is not set")

CATEGORIES = ["盗窃", "诈骗", "矛盾纠纷", "消防隐患", ""]
STATUSES = ["上报", "受理", "结案", "结案", "结案", ""]


def records_project() -> Project:
    """The 3×3 block with 900 incidents in varied categories, statuses and times (some outside every grid,
    some without a time), and key persons with ID and phone numbers."""
    project = block()
    rng = np.random.default_rng(12)
    incidents = project.layers["incidents"]
    n = len(incidents)
    incidents["category"] = pd.Series(rng.choice(CATEGORIES, n), dtype="str")
    incidents["status"] = pd.Series(rng.choice(STATUSES, n), dtype="str")
    times = pd.Timestamp("2025-11-20") + pd.to_timedelta(rng.integers(0, 90 * 86400, n), unit="s")
    incidents["reported_at"] = pd.Series(times).where(rng.random(n) > 0.05)
    incidents.loc[:40, "lon"] += 0.2  # outside every grid
    assign_layer(project, "incidents")
    persons = pd.DataFrame({
        "id": pd.Series(["331002199001011234", "RY12", "331003198507072345"], dtype="str"),
        "name": pd.Series(["张三", "李四", "王五"], dtype="str"),
        "id_number": pd.Series(["331002199001011234", "", "331003198507072345"], dtype="str"),
        "phone": pd.Series(["13812345678", "0576-88881234", "123"], dtype="str"),
        "category": pd.Series(["吸毒", "刑满释放", "吸毒"], dtype="str"),
        "lon": [121.405, 121.415, 121.425], "lat": [28.605, 28.605, 28.605]})
    project.layers["persons"] = persons
    assign_layer(project, "persons")
    return project


@pytest.fixture
def pg_url():
    """A fresh schema's project URL, dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:10]}"
    yield f"{SERVER}?schema={schema}"
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture
def stored(pg_url):
    from gridmap.store.postgis import PostgisStore

    project = records_project()
    store = PostgisStore(pg_url)
    store.create(project)
    return project, store


def counted(project: Project, store) -> Project:
    """``project`` whose incidents can only be counted by ``store`` (reading them fails the test)."""
    def unread(name):
        raise AssertionError(f"the {name} layer was read")

    layers = LazyLayers({"workers": project.layers["workers"]}, names=["incidents"], loader=unread,
                        aggregator=store.record_counts)
    return Project(project.grids, project.meta, None, layers)


FILTERS = [None, day_filter(pd.Timestamp("2025-12-01"), pd.Timestamp("2025-12-31")),
           day_filter(None, pd.Timestamp("2026-01-10"), categories=frozenset({"盗窃", "诈骗"})),
           day_filter(pd.Timestamp("2026-01-01"), None, statuses=frozenset({"结案"})),
           day_filter(categories=frozenset())]


def assert_counted_like_loaded(project: Project, store, filt) -> None:
    """Statistics at every level and the open-incidents choropleth counted by ``store`` equal those of the loaded
    layer of ``project``, for ``filt``."""
    sql_project = counted(project, store)
    for by in LEVELS:
        expected = record_stats(project, "incidents", by, filt)
        got = record_stats(sql_project, "incidents", by, filt)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
        assert got.attrs == expected.attrs
    filters = {"incidents": filt}
    np.testing.assert_array_equal(grid_statistic(sql_project, "open_incidents", filters),
                                  grid_statistic(project, "open_incidents", filters))


@pytest.mark.parametrize("f", range(len(FILTERS)))
def test_statistics_counted_in_sql_equal_those_of_the_loaded_layer(stored, f):
    project, store = stored
    assert_counted_like_loaded(project, store, FILTERS[f])


def test_totals_follow_appends_updates_and_deletes(stored):
    project, store = stored
    extra = project.layers["incidents"].iloc[:100].copy()
    extra["id"] = "X" + extra["id"]
    store.append_records("incidents", extra, project.meta)
    with psycopg.connect(SERVER, autocommit=True) as conn:
        schema = store.schema
        conn.execute(f"UPDATE {schema}.incidents SET status = '核查' WHERE id LIKE 'X%%' AND status = '上报'")
        conn.execute(f"DELETE FROM {schema}.incidents WHERE id IN ('E1', 'E2', 'E3')")
        conn.execute(f"UPDATE {schema}.incidents SET grid_code = '331002001002' WHERE id IN ('E4', 'E5')")
        truth = dict(((f, v), n) for f, v, n in conn.execute(
            f"SELECT 'category', coalesce(category, ''), count(*) FROM {schema}.incidents GROUP BY 2 UNION ALL "
            f"SELECT 'status', coalesce(status, ''), count(*) FROM {schema}.incidents GROUP BY 2").fetchall())
        cells = conn.execute(f"SELECT coalesce(grid_code, ''), coalesce(category, ''), coalesce(status, ''), "
                             f"count(*) FROM {schema}.incidents GROUP BY 1, 2, 3").fetchall()
        kept = conn.execute(f"SELECT value, n FROM {schema}.record_totals WHERE layer = 'incidents' "
                            f"AND field = 'cell' AND n > 0").fetchall()
    assert dict(kept) == {"\x1f".join((g, c, s)): n for g, c, s, n in cells}
    counts = store.record_counts("incidents")  # the whole layer: from the totals, per grid, category and status
    totals = counts.attrs["totals"]
    assert {(c, v): n for c, v, n in totals.itertuples(index=False)} == {k: v for k, v in truth.items() if v}
    assert truth[("status", "核查")] > 0
    assert {(g or "", c or "", s or ""): n for g, c, s, n in counts.itertuples(index=False)} == \
        {(g, c, s): n for g, c, s, n in cells}


def assert_points_in_a_box_or_clusters(project: Project, store) -> None:
    """``store``'s points of a box (zoomed in) and its clusters (zoomed out) are the incidents of the loaded layer
    of ``project`` in the box passing a filter."""
    layer = project.layers["incidents"]
    box = (121.40, 28.60, 121.415, 28.615)
    filt = day_filter(categories=frozenset({"盗窃"}))
    inside = layer[(layer["lon"] >= box[0]) & (layer["lon"] <= box[2]) & (layer["lat"] >= box[1])
                   & (layer["lat"] <= box[3]) & filt.mask(layer, "incidents")]
    points = store.points_in("incidents", box, 17, filt)
    assert not points.attrs["clustered"] and sorted(points["id"]) == sorted(inside["id"])
    assert list(points.columns) == ["lon", "lat", "id", "category", "status", "grid_code", "n"]
    clusters = store.points_in("incidents", box, 11, filt)
    assert clusters.attrs["clustered"] and len(clusters) < len(inside) and clusters["n"].sum() == len(inside)


def test_points_in_a_box_or_clusters(stored):
    assert_points_in_a_box_or_clusters(*stored)


MASK_CASES = ["331002199001011234", "13812345678", "0576-88881234", "RY12", "123456789", "1234567", "12345678",
              "abc", "", "33100219900101123X", "电话13812345678"]


def test_masking_in_sql_is_gridmaps(stored):
    _, store = stored
    with psycopg.connect(SERVER) as conn:
        got = [conn.execute(f"SELECT {store.schema}.mask_private(%s)", (v,)).fetchone()[0] for v in MASK_CASES]
    assert got == mask_private(pd.Series(MASK_CASES)).tolist()


@pytest.fixture
def logins():
    """Two login roles (a viewer and a privacy officer to be), dropped afterwards."""
    names = [f"gm_{role}_{uuid.uuid4().hex[:8]}" for role in ("viewer", "officer")]
    with psycopg.connect(SERVER, autocommit=True) as conn:
        for name in names:
            conn.execute(f"CREATE ROLE {name} LOGIN")
    yield names
    with psycopg.connect(SERVER, autocommit=True) as conn:
        for name in names:
            conn.execute(f"DROP OWNED BY {name}")
            conn.execute(f"DROP ROLE {name}")


def as_user(url: str, user: str) -> str:
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{user}@{rest.split('@', 1)[-1]}"


def test_viewer_reads_masked_numbers_and_officer_reveals_are_audited_by_the_database(stored, pg_url, logins,
                                                                                        capsys):
    from gridmap.store.postgis import PostgisStore

    project, store = stored
    viewer, officer = logins
    schema = store.schema
    code, out, err = run_cli(capsys, "grant", pg_url, "--viewer", viewer, "--sql")
    assert code == 0 and f'CREATE VIEW "{schema}"."persons_masked"' in out and f'TO "{viewer}";' in out, err
    with psycopg.connect(as_user(SERVER, viewer)) as conn:  # --sql printed, changed nothing
        assert not conn.execute("SELECT pg_has_role(%s, %s, 'MEMBER')",
                                (viewer, f"gridmap_{conn.info.dbname}_viewer")).fetchone()[0]
    code, out, err = run_cli(capsys, "grant", pg_url, "--viewer", viewer, "--privacy-officer", officer, "--json")
    assert code == 0, err
    with psycopg.connect(as_user(SERVER, viewer)) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f"SELECT phone FROM {schema}.persons")
    seen = PostgisStore(as_user(pg_url, viewer)).load()
    persons = seen.layers["persons"]
    assert persons["phone"].tolist() == mask_private(project.layers["persons"]["phone"]).tolist()
    assert persons["id_number"].tolist()[0] == "331002********1234" and seen.audit == []
    assert len(seen.layers["incidents"]) == len(project.layers["incidents"])

    with psycopg.connect(as_user(SERVER, officer), autocommit=True) as conn:  # as from psql
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f"SELECT phone FROM {schema}.persons")
        with pytest.raises(psycopg.errors.RaiseException):
            conn.execute(f"SELECT * FROM {schema}.reveal_persons('  ')")
        rows = [r[0] for r in conn.execute(f"SELECT * FROM {schema}.reveal_persons('核查走访')").fetchall()]
        assert sorted(r["phone"] for r in rows) == sorted(project.layers["persons"]["phone"])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f"DELETE FROM {schema}.audit_log")
    with psycopg.connect(SERVER) as conn:
        audit = conn.execute(f'SELECT "user", action, layer, records, reason FROM {schema}.audit_log').fetchall()
    assert audit == [(officer, "reveal", "persons", 3, "核查走访")]
