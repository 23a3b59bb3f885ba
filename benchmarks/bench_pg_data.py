"""The PostGIS benchmark's data: the sample city's grids and incident places (``bench_source``), and years of
incidents generated on the server (``INSERT … SELECT generate_series``) into a project GridMap created.
"""

from __future__ import annotations

import time

from psycopg import sql

from gridmap.core.sample.city import INCIDENT_CATEGORIES, SOURCES, STATUSES

SOURCE = "bench_source"
DAY = 17_600
"""Incidents a day in Taizhou (6.43 million a year)."""
READY = "GridMap benchmark project, complete"
"""The schema's comment once :func:`build_project` finished (a cached project is used only then)."""
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


def generate_year(conn, schema: str, year: int, n: int, first_fid: int) -> None:
    """Insert ``n`` incidents reported through ``year`` (China Standard Time, in time order; fids from
    ``first_fid``) into ``<schema>.incidents``; older than a month: 99.5 % closed."""
    from datetime import datetime

    from gridmap.core.clock import RECORD_TIME_ZONE

    places = conn.execute(f"SELECT count(*) FROM {SOURCE}.places").fetchone()[0]
    start, end = (datetime(y, 1, 1, tzinfo=RECORD_TIME_ZONE) for y in (year, year + 1))
    templates = {c: t for c, (_, t) in INCIDENT_CATEGORIES.items()}
    describe = sql.SQL("CASE category {} END").format(sql.SQL(" ").join(
        sql.SQL("WHEN {} THEN ({}::text[])[1 + (g % {})]").format(sql.Literal(c), sql.Literal(t), sql.Literal(len(t)))
        for c, t in templates.items()))
    conn.execute(sql.SQL("""
        INSERT INTO {table} (fid, id, category, reported_at, status, source, address, description, lon, lat,
                             grid_code, geom)
        SELECT {first} + g, 'SJ' || {year} || lpad(g::text, 8, '0'), category, reported_at,
               CASE WHEN r2 < CASE WHEN reported_at < {end}::timestamptz - interval '30 days' THEN 0.995
                                   ELSE 0.4 END THEN '结案'
                    ELSE ({open}::text[])[1 + (g % 6)] END,
               source, p.address, p.address || {describe}, ST_X(p.geom), ST_Y(p.geom), p.grid_code, p.geom
        FROM (SELECT g, {category} AS category, {source} AS source, r2,
                     {start}::timestamptz + (g + r) / {n} * ({end}::timestamptz - {start}::timestamptz) AS reported_at,
                     1 + (g::bigint * 2654435761 % {places}) AS place
              FROM (SELECT g, random() AS r, random() AS r2 FROM generate_series(0, {n} - 1) AS g) AS s) AS x
        JOIN {places_table} AS p ON p.i = x.place""").format(
        table=sql.Identifier(schema, "incidents"), first=sql.Literal(first_fid), year=sql.Literal(year),
        n=sql.Literal(n), start=sql.Literal(start), end=sql.Literal(end), open=sql.Literal(STATUSES[:-1]),
        describe=describe, category=_pick(INCIDENT_CATEGORIES), source=_pick(SOURCES),
        places=sql.Literal(places), places_table=sql.Identifier(SOURCE, "places")))


def build_project(url: str, grids, years: list[int], per_year: int, log=print) -> None:
    """The benchmark project at ``url``: the sample city's grids and workers pushed by GridMap (an empty
    incidents layer makes its table, indexes and triggers), then every year generated into it with the indexes
    and the totals triggers set aside (rebuilt after: the way a bulk load is done), the totals counted, the
    fid sequence moved past the rows, VACUUM ANALYZE."""
    import pandas as pd

    from gridmap.core.project.model import Project
    from gridmap.core.records.assign import reassign_all
    from gridmap.core.sample.city import build_records
    from gridmap.store.dburl import DbUrl, connect
    from gridmap.store.pg_query import install_totals
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
    reassign_all(project)  # the generated incidents are in the grids their grid_code names
    PostgisStore(url).create(project, force=True)
    db = DbUrl.parse(url)
    schema = db.schema
    table = sql.Identifier(schema, "incidents")
    conn = connect(db, autocommit=True)
    try:
        conn.execute("SET maintenance_work_mem = '512MB'")
        indexes = [r[0] for r in conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = %s AND tablename = 'incidents' "
            "AND indexname NOT LIKE '%%pkey'", (schema,)).fetchall()]
        for name in conn.execute("SELECT indexname FROM pg_indexes WHERE schemaname = %s AND tablename = 'incidents' "
                                 "AND indexname NOT LIKE '%%pkey'", (schema,)).fetchall():
            conn.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(schema, name[0])))
        conn.execute(sql.SQL("ALTER TABLE {} DISABLE TRIGGER USER").format(table))
        for i, year in enumerate(years):
            with conn.transaction():
                generate_year(conn, schema, year, per_year, 1 + i * per_year)
            log(f"  generated {year} ({time.perf_counter() - started:.0f} s)")
        for definition in indexes:
            conn.execute(definition)
        log(f"  indexes built ({time.perf_counter() - started:.0f} s)")
        conn.execute(sql.SQL("ALTER TABLE {} ENABLE TRIGGER USER").format(table))
        with conn.transaction():
            install_totals(conn, schema, "incidents")
            conn.execute(sql.SQL("SELECT setval(pg_get_serial_sequence({}, 'fid'), (SELECT max(fid) FROM {}))")
                         .format(sql.Literal(f"{schema}.incidents"), table))
        conn.execute(sql.SQL("VACUUM ANALYZE {}").format(table))
        conn.execute(sql.SQL("COMMENT ON SCHEMA {} IS {}").format(sql.Identifier(schema), sql.Literal(READY)))
        log(f"  project ready ({time.perf_counter() - started:.0f} s)")
    finally:
        conn.close()
