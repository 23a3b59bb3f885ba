"""Records queried, not loaded: the SQL aggregates behind statistics, choropleths and the time filter on a
PostGIS project, and the points of the visible extent (clustered by the server when zoomed out).

- :func:`record_counts`: records per ``grid_code, category, status`` passing a
  :class:`~gridmap.core.records.filters.RecordFilter` (one ``GROUP BY`` served by the indexes of
  :data:`INDEXES`), with the layer's totals per category and status (what orders the statistics columns), kept
  in ``<kind>_totals`` by statement triggers (:func:`install_totals`) so they are never counted from the table.
- :func:`points_in`: the points in a lon/lat box, or counts per snapped cell when zoomed out.

Every function reads through :func:`gridmap.store.pg_roles.readable`, so a viewer's queries go to the masked
view (a plain view: PostgreSQL pushes the filters into the table's indexes).
"""

from __future__ import annotations

import pandas as pd
from psycopg import sql

from gridmap.core.project.kinds import GRID, KINDS
from gridmap.core.records.filters import RecordFilter
from gridmap.store.pg_roles import readable

TOTALS = "{kind}_totals"
CLUSTER_BELOW = 15
"""Zoom levels below this get clusters, not points."""
MAX_POINTS = 20_000
"""Points returned at most for one box; more than this and the box is clustered whatever the zoom."""
CELL_PIXELS = 64
"""The side of a cluster cell on screen."""

INDEXES = {
    "incidents": ("CREATE INDEX IF NOT EXISTS {name} ON {table} (category, reported_at) INCLUDE (grid_code, status)",
                  "CREATE INDEX IF NOT EXISTS {name} ON {table} (reported_at) INCLUDE (grid_code, category, status)"),
}
"""Covering indexes for the aggregates (index-only scans): per category over a time range (per-street
statistics of a year for some categories), and over a time range alone (a month's choropleth)."""

TOTALS_FUNCTION = """
CREATE OR REPLACE FUNCTION {schema}.{function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO {schema}.{totals} AS t (field, value, n)
  SELECT field, value, sum(n) FROM ({changes}) AS changes
  GROUP BY field, value HAVING sum(n) <> 0 ORDER BY field, value
  ON CONFLICT (field, value) DO UPDATE SET n = t.n + excluded.n;
  RETURN NULL;
END $$"""
"""A statement trigger's function adding a statement's rows (``new_rows``, +1) and removing its old ones
(``old_rows``, -1) to the totals: one ``INSERT … ON CONFLICT`` per statement, keys in order so that concurrent
imports wait for each other and never deadlock."""

def _fields(kind: str) -> list[tuple[str, str]]:
    spec = KINDS[kind]
    return [(key, column) for key, column in (("category", spec.category), ("status", spec.status)) if column]


def install_totals(conn, schema: str, kind: str) -> None:
    """Create ``<kind>_totals`` (``field`` category or status, ``value``, ``n``) and the statement triggers
    keeping it on table ``schema.kind``, counting the rows already there."""
    s, table, totals = sql.Identifier(schema), sql.Identifier(kind), sql.Identifier(TOTALS.format(kind=kind))

    def rows(source: sql.Composable, sign: int) -> sql.Composable:
        return sql.SQL(" UNION ALL ").join(
            sql.SQL("SELECT {}::text AS field, coalesce({}::text, '') AS value, {}::bigint AS n FROM {}").format(
                sql.Literal(key), sql.Identifier(column), sql.Literal(sign), source)
            for key, column in _fields(kind))

    conn.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {}.{} (field text, value text, n bigint NOT NULL, "
                         "PRIMARY KEY (field, value))").format(s, totals))
    conn.execute(sql.SQL("COMMENT ON TABLE {}.{} IS 'GridMap: records per category and status, kept by triggers'")
                 .format(s, totals))
    new, old = rows(sql.Identifier("new_rows"), 1), rows(sql.Identifier("old_rows"), -1)
    events = {"insert": ("REFERENCING NEW TABLE AS new_rows", new),
              "delete": ("REFERENCING OLD TABLE AS old_rows", old),
              "update": ("REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
                         sql.SQL(" UNION ALL ").join([new, old]))}
    for op, (_, changes) in events.items():
        conn.execute(sql.SQL(TOTALS_FUNCTION).format(schema=s, function=sql.Identifier(f"{kind}_totals_{op}"),
                                                     totals=totals, changes=changes))
    conn.execute(sql.SQL("CREATE OR REPLACE FUNCTION {s}.{f}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                         "BEGIN DELETE FROM {s}.{t}; RETURN NULL; END $$").format(
        s=s, f=sql.Identifier(f"{kind}_totals_truncate"), t=totals))
    for op, refs in [*((op, refs) for op, (refs, _) in events.items()), ("truncate", "")]:
        name = sql.Identifier(f"{kind}_totals_{op}")
        conn.execute(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}.{}").format(name, s, table))
        conn.execute(sql.SQL("CREATE TRIGGER {name} AFTER {op} ON {s}.{t} {refs} FOR EACH STATEMENT "
                             "EXECUTE FUNCTION {s}.{name}()").format(
            name=name, op=sql.SQL(op.upper()), s=s, t=table, refs=sql.SQL(refs)))
    conn.execute(sql.SQL("DELETE FROM {}.{}").format(s, totals))
    conn.execute(sql.SQL("INSERT INTO {}.{} (field, value, n) SELECT field, value, sum(n) FROM ({}) AS r "
                         "GROUP BY field, value").format(s, totals, rows(sql.SQL("{}.{}").format(s, table), 1)))


def install_indexes(conn, schema: str, kind: str) -> None:
    """The covering indexes of :data:`INDEXES` for layer ``kind``."""
    for i, template in enumerate(INDEXES.get(kind, ())):
        conn.execute(sql.SQL(template).format(name=sql.Identifier(f"{kind}_agg_{i}"),
                                              table=sql.Identifier(schema, kind)))


def _columns(conn, schema: str, relation: str) -> set[str]:
    return {r[0] for r in conn.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
        (f'"{schema}"."{relation}"',)).fetchall()}


def _where(kind: str, filt: RecordFilter | None, columns: set[str]) -> tuple[sql.Composable, list]:
    """The SQL condition of ``filt`` on layer ``kind`` (parts on missing columns ignored, as
    :meth:`RecordFilter.mask` does) and its parameters."""
    spec = KINDS[kind]
    parts: list[sql.Composable] = [sql.SQL("TRUE")]
    params: list = []
    if filt is not None:
        if spec.time and spec.time in columns:
            for bound, op in ((filt.start, ">="), (filt.end, "<")):
                if bound is not None:
                    parts.append(sql.SQL("{} " + op + " %s").format(sql.Identifier(spec.time)))
                    params.append(pd.Timestamp(bound).to_pydatetime())
        for values, column in ((filt.categories, spec.category), (filt.statuses, spec.status)):
            if values is not None and column and column in columns:
                parts.append(sql.SQL("{} = ANY(%s)").format(sql.Identifier(column)))
                params.append(sorted(values))
    return sql.SQL(" AND ").join(parts), params


def record_counts(conn, schema: str, kind: str, filt: RecordFilter | None = None) -> pd.DataFrame | None:
    """``grid_code, category, status, n`` of the records of point layer ``kind`` passing ``filt``, with
    ``attrs["totals"]`` (``column, value, n`` over the whole layer); None when the layer has no totals table
    (a schema made before them) or is not a point layer."""
    if kind not in KINDS or not KINDS[kind].points:
        return None
    totals_name = TOTALS.format(kind=kind)
    if conn.execute("SELECT to_regclass(%s)", (f'"{schema}"."{totals_name}"',)).fetchone()[0] is None:
        return None
    relation = readable(conn, schema, kind)
    columns = _columns(conn, schema, relation)
    where, params = _where(kind, filt, columns)
    selected = [sql.Identifier(c) if c and c in columns else sql.SQL("NULL::text")
                for c in (GRID, KINDS[kind].category, KINDS[kind].status)]
    query = sql.SQL("SELECT {}, {}, {}, count(*) FROM {}.{} WHERE {} GROUP BY 1, 2, 3").format(
        *selected, sql.Identifier(schema), sql.Identifier(relation), where)
    rows = conn.execute(query, params).fetchall()
    counts = pd.DataFrame(rows, columns=["grid_code", "category", "status", "n"]).astype({"n": "int64"})
    totals = conn.execute(sql.SQL("SELECT field, value, n FROM {}.{} WHERE n > 0").format(
        sql.Identifier(schema), sql.Identifier(totals_name))).fetchall()
    counts.attrs["totals"] = pd.DataFrame(totals, columns=["column", "value", "n"]).astype({"n": "int64"})
    return counts


def points_in(conn, schema: str, kind: str, bbox: tuple[float, float, float, float], zoom: int,
              filt: RecordFilter | None = None) -> pd.DataFrame | None:
    """The records of point layer ``kind`` in the lon/lat box ``bbox`` (west, south, east, north) passing
    ``filt``: at zoom :data:`CLUSTER_BELOW` or more and at most :data:`MAX_POINTS` of them, one row per record
    (``id, lon, lat, n`` = 1, category, status and grid code); otherwise one row per cell of
    :data:`CELL_PIXELS` screen pixels holding records (``lon, lat`` = their mean, ``n`` = how many).
    ``attrs["clustered"]`` tells which."""
    if kind not in KINDS or not KINDS[kind].points:
        return None
    relation = readable(conn, schema, kind)
    columns = _columns(conn, schema, relation)
    where, params = _where(kind, filt, columns)
    box = sql.SQL("geom && ST_MakeEnvelope(%s, %s, %s, %s, 4490)")
    target = sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(relation))
    if zoom >= CLUSTER_BELOW:
        spec = KINDS[kind]
        extra = [c for c in ("id", spec.category, spec.status, GRID) if c and c in columns]
        query = sql.SQL("SELECT ST_X(geom), ST_Y(geom), {} FROM {} WHERE {} AND {} LIMIT %s").format(
            sql.SQL(", ").join(map(sql.Identifier, extra)), target, box, where)
        rows = conn.execute(query, [*bbox, *params, MAX_POINTS + 1]).fetchall()
        if len(rows) <= MAX_POINTS:
            out = pd.DataFrame(rows, columns=["lon", "lat", *extra])
            out["n"] = 1
            out.attrs["clustered"] = False
            return out
    cell = 360.0 / 2 ** zoom / 256 * CELL_PIXELS
    query = sql.SQL("SELECT avg(ST_X(geom)), avg(ST_Y(geom)), count(*) FROM {} WHERE {} AND {} "
                    "GROUP BY floor(ST_X(geom) / %s), floor(ST_Y(geom) / %s)").format(target, box, where)
    rows = conn.execute(query, [*bbox, *params, cell, cell]).fetchall()
    out = pd.DataFrame(rows, columns=["lon", "lat", "n"]).astype({"lon": float, "lat": float, "n": "int64"})
    out.attrs["clustered"] = True
    return out
