"""The PostGIS benchmark's data: the sample city's grids and incident places (``bench_source``), and years of
incidents generated on the server (``INSERT … SELECT generate_series``, one table per year in the project's
schema, with the columns of its incidents table and a CHECK on its year, so that :func:`build_project` attaches
it as a partition without copying or scanning it).
"""

from __future__ import annotations

import time

from psycopg import sql

from gridmap.core.sample.city import INCIDENT_CATEGORIES, SOURCES, STATUSES

SOURCE = "bench_source"
DAY = 17_600
"""Incidents a day in Taizhou (6.43 million a year)."""
CANDIDATES = 300_000
"""Distinct incident places: random points in the grids, in proportion to households."""


def _pick(table: dict) -> sql.Composable:
    """A SQL CASE choosing a key of ``table`` with its weights from the column ``r``."""
    weights = {k: (v[0] if isinstance(v, tuple) else v) for k, v in table.items()}
    total, edge, parts = sum(weights.values()), 0.0, []
    for key, weight in list(weights.items())[:-1]:
        edge += weight / total
        parts.append(sql.SQL("WHEN r < {} THEN {}").format(sql.Literal(round(edge, 6)), sql.Literal(key)))
    return sql.SQL("CASE {} ELSE {} END").format(sql.SQL(" ").join(parts), sql.Literal(list(weights)[-1]))


def load_grids(conn, grids) -> None:
    """The sample city's grids into ``bench_source.grids`` and the incident places into
    ``bench_source.places`` (``i`` 1..:data:`CANDIDATES`, address, grid code, point)."""
    conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(SOURCE)))
    conn.execute(f"DROP TABLE IF EXISTS {SOURCE}.grids, {SOURCE}.places")
    conn.execute(f"CREATE TABLE {SOURCE}.grids (code text, name text, district text, street text, community text, "
                 "households integer, geom geometry)")
    with conn.cursor().copy(f"COPY {SOURCE}.grids FROM STDIN") as copy:
        for row, wkb in zip(grids[["code", "name", "district", "street", "community", "households"]]
                            .itertuples(index=False), grids.geometry.to_wkb(hex=True)):
            copy.write_row([*row[:5], int(row[5]), wkb])
    conn.execute(f"ALTER TABLE {SOURCE}.grids ALTER geom TYPE geometry(MultiPolygon, 4490) "
                 "USING ST_Multi(ST_SetSRID(geom, 4490))")
    conn.execute(f"""
        CREATE TABLE {SOURCE}.places AS
        SELECT row_number() OVER (ORDER BY code, p.path) AS i, g.district || g.street || g.community
               || (1 + (p.path[1] % 299)) || '号' AS address, g.code AS grid_code, p.geom
        FROM (SELECT *, greatest(1, round(households::float8 * {CANDIDATES}
                                          / sum(households) OVER ()))::int AS k FROM {SOURCE}.grids) AS g,
             LATERAL ST_Dump(ST_GeneratePoints(g.geom, g.k, 2026)) AS p""")
    conn.execute(f"ALTER TABLE {SOURCE}.places ADD PRIMARY KEY (i)")


def year_table(year: int) -> str:
    return f"incidents_{year}"


def generate_year(conn, schema: str, year: int, n: int, first_fid: int) -> None:
    """``n`` incidents reported through ``year`` (in time order), fids from ``first_fid``, into
    ``<schema>.incidents_<year>``; older than a month: 99.5 % closed."""
    places = conn.execute(f"SELECT count(*) FROM {SOURCE}.places").fetchone()[0]
    table = sql.Identifier(schema, year_table(year))
    conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(table))
    conn.execute(sql.SQL(
        "CREATE TABLE {} (fid bigint NOT NULL, id text, category text, reported_at timestamptz, status text, "
        "source text, address text, description text, lon double precision, lat double precision, "
        "grid_code text, geom geometry(Point, 4490), "
        "CONSTRAINT {} CHECK (reported_at IS NOT NULL AND reported_at >= {} AND reported_at < {}))").format(
        table, sql.Identifier(f"incidents_{year}_year"), sql.Literal(f"{year}-01-01"),
        sql.Literal(f"{year + 1}-01-01")))
    templates = {c: t for c, (_, t) in INCIDENT_CATEGORIES.items()}
    describe = sql.SQL("CASE category {} END").format(sql.SQL(" ").join(
        sql.SQL("WHEN {} THEN ({}::text[])[1 + (g % {})]").format(sql.Literal(c), sql.Literal(t), sql.Literal(len(t)))
        for c, t in templates.items()))
    open_statuses = sql.Literal(STATUSES[:-1])
    conn.execute(sql.SQL("""
        INSERT INTO {table}
        SELECT {first} + g, 'SJ' || {year} || lpad(g::text, 8, '0'), category, reported_at,
               CASE WHEN r2 < CASE WHEN reported_at < {year_end}::timestamptz - interval '30 days' THEN 0.995
                                   ELSE 0.4 END THEN '结案'
                    ELSE ({open}::text[])[1 + (g % 6)] END,
               source, p.address, p.address || {describe}, ST_X(p.geom), ST_Y(p.geom), p.grid_code, p.geom
        FROM (SELECT g, {category} AS category, {source} AS source, r2,
                     {year_start}::timestamptz + (g + r) / {n} * interval '365 days' AS reported_at,
                     1 + (g::bigint * 2654435761 % {places}) AS place
              FROM (SELECT g, random() AS r, random() AS r2 FROM generate_series(0, {n} - 1) AS g) AS s) AS x
        JOIN {places_table} AS p ON p.i = x.place""").format(
        table=table, first=sql.Literal(first_fid), year=sql.Literal(year), n=sql.Literal(n),
        year_start=sql.Literal(f"{year}-01-01"), year_end=sql.Literal(f"{year + 1}-01-01"), open=open_statuses,
        describe=describe, category=_pick(INCIDENT_CATEGORIES), source=_pick(SOURCES),
        places=sql.Literal(places), places_table=sql.Identifier(SOURCE, "places")))


def _local_check(conn, schema: str, year: int) -> None:
    """Make the year table's CHECK the partition bound GridMap uses (China Standard Time years; the table was
    generated in the server's zone): rows outside it are dropped, so ATTACH PARTITION need not scan."""
    from gridmap.store.pg_query import year_bounds

    start, end = year_bounds(year)
    table = sql.Identifier(schema, year_table(year))
    conn.execute(sql.SQL("DELETE FROM {} WHERE reported_at >= {} OR reported_at < {}").format(
        table, sql.Literal(end), sql.Literal(start)))
    conn.execute(sql.SQL("ALTER TABLE {} DROP CONSTRAINT IF EXISTS {}").format(
        table, sql.Identifier(f"incidents_{year}_year")))
    conn.execute(sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} CHECK (reported_at IS NOT NULL AND reported_at >= {} "
                         "AND reported_at < {})").format(table, sql.Identifier(f"incidents_{year}_local"),
                                                         sql.Literal(start), sql.Literal(end)))


def build_project(url: str, grids, years: list[int], per_year: int, log=print) -> None:
    """The benchmark project at ``url``: the sample city's grids and workers pushed by GridMap (an empty
    incidents layer: the partitioned table), then each year generated in the project's schema and attached as
    its partition (indexes built on attach), the totals counted, the fid sequence moved past the rows,
    VACUUM ANALYZE."""
    import pandas as pd

    from gridmap.core.project.model import Project
    from gridmap.core.records.assign import assign_layer
    from gridmap.core.sample.city import build_records
    from gridmap.store.dburl import DbUrl, connect
    from gridmap.store.pg_query import install_totals, year_bounds
    from gridmap.store.postgis import PostgisStore

    started = time.perf_counter()
    empty = pd.DataFrame({c: pd.Series([], dtype="str") for c in ("id", "category")})
    empty["reported_at"] = pd.Series([], dtype="datetime64[ns]")
    for c in ("status", "source", "address", "description"):
        empty[c] = pd.Series([], dtype="str")
    empty["lon"], empty["lat"] = pd.Series([], dtype="float64"), pd.Series([], dtype="float64")
    empty["grid_code"] = pd.Series([], dtype="str")
    project = Project(grids, {"city": "台州市"}, None, {"incidents": empty,
                                                      "workers": build_records(grids, incidents=1)["workers"]})
    assign_layer(project, "workers")
    PostgisStore(url).create(project, force=True)
    db = DbUrl.parse(url)
    schema = db.schema
    conn = connect(db, autocommit=True)
    try:
        conn.execute("SET maintenance_work_mem = '512MB'")
        for i, year in enumerate(years):
            with conn.transaction():
                generate_year(conn, schema, year, per_year, i * per_year)
                _local_check(conn, schema, year)
                start, end = year_bounds(year)
                conn.execute(sql.SQL("ALTER TABLE {} ATTACH PARTITION {} FOR VALUES FROM ({}) TO ({})").format(
                    sql.Identifier(schema, "incidents"), sql.Identifier(schema, year_table(year)),
                    sql.Literal(start), sql.Literal(end)))
            log(f"  generated and attached {year} ({time.perf_counter() - started:.0f} s)")
        with conn.transaction():
            install_totals(conn, schema, "incidents")
            conn.execute(sql.SQL("SELECT setval(pg_get_serial_sequence({}, 'fid'), (SELECT max(fid) FROM {}))")
                         .format(sql.Literal(f"{schema}.incidents"), sql.Identifier(schema, "incidents")))
        conn.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(schema, "incidents")))
        log(f"  project ready ({time.perf_counter() - started:.0f} s)")
    finally:
        conn.close()
