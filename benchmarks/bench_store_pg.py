"""PostGIS at command-center scale (issue 12): the sample city's 6,917 grids and five years of incidents
(32,000,000 by default; ``--incidents`` for a quick run), generated on the server.

Prints: per-street statistics for one year with a category filter (goal < 1 s), the per-grid choropleth of one
month (< 1 s), adding one day of 17,600 incidents (< 2 s), GUI open to first paint (< 3 s), the client's peak
memory (< 1 GB), and the same per-street aggregate done by loading the year into geopandas
(``geopandas.read_postgis`` + groupby), with the ratio.

The project is kept in the database between runs (schema ``bench_<incidents>``; ``--fresh`` rebuilds it).
Usage: ``python benchmarks/bench_store_pg.py [--url postgresql://USER@HOST:PORT/DB] [--incidents N] [--fresh]``
(default URL: ``$GRIDMAP_BENCH_PG``, else ``$GRIDMAP_TEST_PG``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
YEARS = [2021, 2022, 2023, 2024, 2025]
YEAR = 2025
THEFT_ROBBERY_FRAUD = frozenset({"盗窃", "抢劫", "诈骗"})
GB = 1024 ** 3


def _child(mode: str, url: str) -> dict:
    """Run one measurement in a fresh Python (its own peak memory); its JSON result."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "QTWEBENGINE_CHROMIUM_FLAGS": os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", mode, "--url", url], env=env, capture_output=True,
                          text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{mode} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - started
    return result


def _peak() -> float:
    """This process's peak resident memory in bytes (ru_maxrss: kB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)


def child_queries(url: str) -> dict:
    """Open the project as the app does, then per-street statistics of a year (theft, robbery, fraud) and a
    month's choropleth (best of 3 each, each counted by the database: the project's kept counts dropped), then add one day (17,600 incidents) with ``gridmap.ops.add``."""
    import pandas as pd

    from gridmap.core.records.importing import RecordImportOptions
    from gridmap.core.records.stats import day_filter, grid_statistic, record_stats
    from gridmap.core.sample.city import _incidents, write_csv
    from gridmap.ops import add, open_project
    import numpy as np

    from bench_store import whole_city_clusters  # this folder is on the path when run as a script

    out: dict = {}
    started = time.perf_counter()
    project = open_project(url)
    out["open_s"] = time.perf_counter() - started
    year = day_filter(pd.Timestamp(f"{YEAR}-01-01"), pd.Timestamp(f"{YEAR}-12-31"), categories=THEFT_ROBBERY_FRAUD)
    month = day_filter(pd.Timestamp(f"{YEAR}-06-01"), pd.Timestamp(f"{YEAR}-06-30"))
    for name, fn in (("street_year_s", lambda: record_stats(project, "incidents", "street", year)),
                     ("choropleth_month_s", lambda: grid_statistic(project, "incidents", {"incidents": month}))):
        times = []
        for _ in range(3):
            project.layers.stored_changed("incidents")  # the counts the project keeps dropped: the database counts
            t = time.perf_counter()
            value = fn()
            times.append(time.perf_counter() - t)
        out[name] = min(times)
        out[name.replace("_s", "_total")] = int(np.nansum(value["total"] if name.startswith("street") else value))
    street = record_stats(project, "incidents", "street", year)
    out["street_table"] = street[["code", "name", "total"]].to_json(orient="records", force_ascii=False)
    out.update(whole_city_clusters(project))
    out["layer_read"] = project.layers.is_read("incidents")
    day = _incidents(np.random.default_rng(7), project.grids, 17_600)
    # the day after the five years: a daily import adds the newest reports
    day["reported_at"] = f"{YEAR + 1}-01-01 " + pd.Series(day["reported_at"]).str[11:]
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(day, "incidents", Path(folder) / "day.csv")
        t = time.perf_counter()
        add(url, RecordImportOptions(path, "incidents", coords="wgs84"))
        out["add_day_s"] = time.perf_counter() - t
    out["peak_bytes"] = _peak()
    return out


def child_geopandas(url: str) -> dict:
    """The per-street aggregate the way a script would do it: read the year into geopandas, then groupby."""
    import geopandas as gpd
    import psycopg

    from gridmap.store.dburl import DbUrl, connect

    db = DbUrl.parse(url)
    started = time.perf_counter()
    conn = connect(db)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas prefers SQLAlchemy; a DBAPI connection works
        frame = gpd.read_postgis(
            f"SELECT id, category, status, grid_code, reported_at, geom FROM {db.schema}.incidents "
            f"WHERE reported_at >= '{YEAR}-01-01 00:00+08' AND reported_at < '{YEAR + 1}-01-01 00:00+08'",
            conn, geom_col="geom")
        grids = gpd.read_postgis(f"SELECT code, district, street, geom FROM {db.schema}.grids", conn,
                                 geom_col="geom")
    loaded = time.perf_counter() - started
    part = frame[frame["category"].isin(THEFT_ROBBERY_FRAUD)].merge(
        grids[["code", "district", "street"]], left_on="grid_code", right_on="code", how="left")
    table = part.groupby(["district", "street", "category"]).size().unstack(fill_value=0)
    conn.close()
    del psycopg
    return {"rows": len(frame), "load_s": loaded, "total_s": time.perf_counter() - started,
            "total": int(table.to_numpy().sum()), "peak_bytes": _peak()}


def child_gui(url: str) -> dict:
    """The main window opening the project as File → Open Database Project does (see
    :func:`bench_store.open_to_first_paint`): seconds to the map's first paint, and the peak memory."""
    from bench_store import open_to_first_paint  # this folder is on the path when run as a script

    return {"paint_s": open_to_first_paint(url), "peak_bytes": _peak()}


def cleanup_day(url: str) -> None:
    """Remove the day the run added (reported from the last day of :data:`YEAR` on, with the sample's new ids;
    the cached project stays as generated)."""
    from gridmap.store.dburl import DbUrl, connect

    db = DbUrl.parse(url)
    conn = connect(db, autocommit=True)
    try:
        conn.execute(f"DELETE FROM {db.schema}.incidents WHERE reported_at >= '{YEAR}-12-31 00:00+08' "
                     f"AND id LIKE 'SJ2026%%'")
    finally:
        conn.close()


def ensure_project(url: str, incidents: int, fresh: bool) -> None:
    import psycopg

    import bench_pg_data as data  # this folder is on the path when run as a script
    from gridmap.core.sample.city import build_grids
    from gridmap.store.dburl import DbUrl, connect

    db = DbUrl.parse(url)
    conn = connect(db, autocommit=True)
    try:
        ready = conn.execute("SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = %s",
                             (db.schema,)).fetchone() == (data.READY,)
        if fresh:
            conn.execute(f"DROP SCHEMA IF EXISTS {db.schema} CASCADE")
            ready = False
        places = conn.execute("SELECT to_regclass(%s)", (f"{data.SOURCE}.places",)).fetchone()[0]
    finally:
        conn.close()
    if ready:
        print(f"{db.schema}: cached (--fresh rebuilds it)")
        return
    grids = build_grids()
    if places is None:
        with psycopg.connect(**db.conninfo(), autocommit=True) as c, c.transaction():
            data.load_grids(c, grids)
    print(f"building {db.schema}: {incidents:,} incidents over {len(YEARS)} years")
    data.build_project(url, grids, YEARS, incidents // len(YEARS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("GRIDMAP_BENCH_PG") or os.environ.get("GRIDMAP_TEST_PG"))
    parser.add_argument("--incidents", type=int, default=32_000_000)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--child", choices=("queries", "geopandas", "gui"))
    args = parser.parse_args()
    if not args.url:
        raise SystemExit("give --url postgresql://USER@HOST:PORT/DB (or set GRIDMAP_BENCH_PG)")
    if args.child:
        fn = {"queries": child_queries, "geopandas": child_geopandas, "gui": child_gui}[args.child]
        print(json.dumps(fn(args.url)))
        return
    run_postgis(args.url, args.incidents, args.fresh)


def _server(url: str) -> str:
    """The server's version and the settings the figures depend on most (a day's import touches more pages
    than the default 128 MB of shared buffers hold)."""
    from gridmap.store.dburl import DbUrl, connect

    conn = connect(DbUrl.parse(url), autocommit=True)
    try:
        version = conn.execute("SHOW server_version").fetchone()[0].split()[0]
        buffers = conn.execute("SHOW shared_buffers").fetchone()[0]
    finally:
        conn.close()
    return f"PostgreSQL {version}, shared_buffers {buffers}"


def run_postgis(server: str | None, incidents: int, fresh: bool) -> None:
    """Build (or reuse) the project of ``incidents`` on ``server`` and print the figures."""
    if not server:
        raise SystemExit("PostGIS: give --url postgresql://USER@HOST:PORT/DB (or set GRIDMAP_BENCH_PG)")
    url = f"{server.split('?', 1)[0]}?schema=bench_{incidents}"
    ensure_project(url, incidents, fresh)
    try:
        q = _child("queries", url)
    finally:
        cleanup_day(url)
    gui = _child("gui", url)
    gp = _child("geopandas", url)
    mark = lambda ok: "ok" if ok else "MISSED"  # noqa: E731
    print(f"PostGIS, {incidents:,} incidents ({len(YEARS)} years), 6,917 grids; server {_server(url)}")
    print(f"  open the project (grids, meta; records not read): {q['open_s']:.2f} s; incidents read whole: "
          f"{q['layer_read']}")
    print(f"  per-street statistics, {YEAR}, theft/robbery/fraud ({q['street_year_total']:,} records): "
          f"{q['street_year_s']:.3f} s  [goal < 1 s: {mark(q['street_year_s'] < 1)}]")
    print(f"  per-grid choropleth, June {YEAR} ({q['choropleth_month_total']:,} records): "
          f"{q['choropleth_month_s']:.3f} s  [goal < 1 s: {mark(q['choropleth_month_s'] < 1)}]")
    print(f"  whole-city clusters at zoom 9 ({q['clustered']:,} records, from the counts per grid): first view "
          f"{q['clusters_first']:.2f} s, a pan {q['clusters_pan']:.2f} s")
    print(f"  adding the next day (17,600 incidents of {YEAR + 1}-01-01, gridmap.ops.add): {q['add_day_s']:.2f} s  "
          f"[goal < 2 s: {mark(q['add_day_s'] < 2)}]")
    print(f"  GUI open to first paint (grids; the record layers read after it or served per view): "
          f"{gui['paint_s']:.2f} s  [goal < 3 s: {mark(0 <= gui['paint_s'] < 3)}]")
    peak = max(q["peak_bytes"], gui["peak_bytes"])
    print(f"  client peak memory: queries {q['peak_bytes'] / GB:.2f} GB, GUI {gui['peak_bytes'] / GB:.2f} GB  "
          f"[goal < 1 GB: {mark(peak < GB)}]")
    same = gp["total"] == q["street_year_total"]
    print(f"  geopandas.read_postgis of {YEAR} ({gp['rows']:,} rows) + groupby: {gp['total_s']:.1f} s "
          f"(read {gp['load_s']:.1f} s), peak {gp['peak_bytes'] / GB:.2f} GB; same total: {same}; "
          f"SQL aggregate {gp['total_s'] / q['street_year_s']:.0f}x faster")


if __name__ == "__main__":
    main()
