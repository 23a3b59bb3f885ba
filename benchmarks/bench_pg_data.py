"""The PostGIS benchmark's data: the sample city's grids and years of incidents generated on the server
(``INSERT … SELECT generate_series``, one table per year), kept in a source schema between runs.

Each year table has the columns of a project's incidents table and a CHECK on its year, so that
:func:`attach` makes it a partition of a project's ``incidents`` without copying or scanning it.
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


def generate_year(conn, year: int, n: int, first_fid: int) -> None:
    """``n`` incidents reported through ``year`` (in time order), fids from ``first_fid``, into
    ``bench_source.incidents_<year>``; older than a month: 99.5 % closed."""
    places = conn.execute(f"SELECT count(*) FROM {SOURCE}.places").fetchone()[0]
    table = sql.Identifier(SOURCE, year_table(year))
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


def generate(conn, years: list[int], per_year: int, log=print) -> None:
    """Every year's table (committed one by one: a long run interrupted keeps the years done)."""
    for i, year in enumerate(years):
        started = time.perf_counter()
        with conn.transaction():
            generate_year(conn, year, per_year, i * per_year)
        log(f"  generated {per_year:,} incidents of {year} in {time.perf_counter() - started:.0f} s")
