"""Records queried, not loaded: the SQL aggregates behind statistics, choropleths and the time filter on a
PostGIS project, and the points of the visible extent (clustered by the server when zoomed out).

- :func:`record_counts`: records per ``grid_code, category, status`` passing a
  :class:`~gridmap.core.records.filters.RecordFilter` (one ``GROUP BY`` served by the indexes of
  :data:`INDEXES`), with the layer's totals per category and status (what orders the statistics columns), kept
  in ``record_totals`` by statement triggers (:func:`install_totals`) so they are never counted from the table.
- :func:`points_in`: the points in a lon/lat box, or counts per snapped cell when zoomed out.

Every function reads through :func:`gridmap.store.pg_roles.readable`, so a viewer's queries go to the masked
view (a plain view: PostgreSQL pushes the filters into the table's indexes).
"""

from __future__ import annotations

import pandas as pd
from psycopg import sql

from gridmap.core.clock import RECORD_TIME_ZONE  # records' times are China Standard Time
from gridmap.core.project.kinds import GRID, KINDS
from gridmap.core.records.filters import RecordFilter
from gridmap.store.paging import Marks, page_fids as paged_fids
from gridmap.store.pgframes import copy_out
from gridmap.store.pg_roles import readable

TOTALS = "record_totals"
"""Records per layer, category, status and grid cell (``layer, field, value, n``), kept by triggers."""
CLUSTER_BELOW = 15
"""Zoom levels below this get clusters, not points."""
MAX_POINTS = 20_000
"""Points returned at most for one box; more than this and the box is clustered whatever the zoom."""
CELL_PIXELS = 64
"""The side of a cluster cell on screen."""

INDEXES = {
    "incidents": ((("category", "reported_at"), ("grid_code", "status")),
                  (("reported_at",), ("grid_code", "category", "status"))),
}
"""Covering indexes for the aggregates (index-only scans): per category over a time range (per-street
statistics of a year for some categories), and over a time range alone (a month's choropleth)."""

TOTALS_FUNCTION = """
CREATE OR REPLACE FUNCTION {schema}.{function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO {schema}.{totals} AS t (layer, field, value, n)
  SELECT {layer}, field, value, sum(n) FROM ({changes}) AS changes
  GROUP BY field, value HAVING sum(n) <> 0 ORDER BY field, value
  ON CONFLICT (layer, field, value) DO UPDATE SET n = t.n + excluded.n;
  RETURN NULL;
END $$"""
"""A statement trigger's function adding a statement's rows (``new_rows``, +1) and removing its old ones
(``old_rows``, -1) to the totals: one ``INSERT … ON CONFLICT`` per statement, keys in order so that concurrent
imports wait for each other and never deadlock."""

def cell_degrees(zoom: int) -> float:
    """The side in degrees of a cluster cell (:data:`CELL_PIXELS` screen pixels) at ``zoom``."""
    return 360.0 / 2 ** zoom / 256 * CELL_PIXELS


def point_rows(rows, extra: list[str]) -> pd.DataFrame:
    """The records of a box as :func:`points_in` gives them: ``lon, lat``, the ``extra`` columns, ``n`` = 1,
    ``attrs["clustered"]`` False."""
    out = pd.DataFrame(rows, columns=["lon", "lat", *extra])
    out["n"] = 1
    out.attrs["clustered"] = False
    return out


def cell_clusters(rows, column: str | None) -> pd.DataFrame:
    """Clusters from ``rows`` of ``(cell x, cell y, category, n, sum of lon, sum of lat)`` per cell and category:
    one row per cell, ``lon, lat`` (the mean), ``n`` and, under ``column`` (when the layer has categories), the
    cell's dominant category (most records; ties to the first in text order), ``attrs["clustered"]`` True."""
    cells = pd.DataFrame(rows, columns=["cx", "cy", "category", "n", "sx", "sy"]).astype(
        {"n": "int64", "sx": float, "sy": float})
    cells["category"] = cells["category"].fillna("").astype(str)
    sums = cells.groupby(["cx", "cy"], sort=True)[["n", "sx", "sy"]].sum()
    top = cells.sort_values(["cx", "cy", "n", "category"], ascending=[True, True, False, True]).drop_duplicates(
        ["cx", "cy"]).set_index(["cx", "cy"])["category"]
    out = pd.DataFrame({"lon": (sums["sx"] / sums["n"]).to_numpy(float), "lat": (sums["sy"] / sums["n"]).to_numpy(float),
                        "n": sums["n"].to_numpy("int64")})
    if column:
        out[column] = top.reindex(sums.index).to_numpy(object)
    out.attrs["clustered"] = True
    return out


def _fields(kind: str, columns: set[str]) -> list[tuple[str, str]]:
    """(field, column) of the kind's category and status columns the table has."""
    spec = KINDS[kind]
    return [(key, column) for key, column in (("category", spec.category), ("status", spec.status))
            if column and column in columns]


CELL = "cell"
"""The totals' field counting records per grid code, category and status (``value``: the three joined by
:data:`CELL_SEPARATOR`): what the statistics, the choropleth and the map's zoomed-out clusters of the whole layer
are read from, not counted from the table."""
CELL_SEPARATOR = "\x1f"


def _cell_value(kind: str, fields: dict[str, str]) -> sql.Composable:
    """The SQL of a record's :data:`CELL` value (its grid code, category and status joined)."""
    parts = [sql.SQL("coalesce({}::text, '')").format(sql.Identifier(c)) if c else sql.SQL("''")
             for c in (GRID, fields.get("category"), fields.get("status"))]
    return sql.SQL("concat_ws({}, {})").format(sql.Literal(CELL_SEPARATOR), sql.SQL(", ").join(parts))


def _cell_totals(conn, schema: str, kind: str) -> pd.DataFrame | None:
    """``grid_code, category, status, n`` of the whole layer from its :data:`CELL` totals (read with COPY, the
    text columns as categoricals), None when the totals have none (a schema made before them, or a layer without
    grid codes)."""
    totals = sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(TOTALS))
    known = conn.execute(sql.SQL("SELECT 1 FROM {} WHERE layer = %s AND field = %s LIMIT 1").format(totals),
                         (kind, CELL)).fetchone()
    if known is None and (row_count(conn, schema, kind) or 0):
        return None
    part = [sql.SQL("split_part(value, {}, {})").format(sql.Literal(CELL_SEPARATOR), sql.Literal(i))
            for i in (1, 2, 3)]
    query = sql.SQL("SELECT {}, {}, {}, n FROM {} WHERE layer = {} AND field = {} AND n > 0").format(
        *part, totals, sql.Literal(kind), sql.Literal(CELL))
    counts = copy_out(conn, query, {"grid_code": "text", "category": "text", "status": "text", "n": "bigint"})
    fields = {key for key, _ in _fields(kind, _columns(conn, schema, kind))}
    for key in ("grid_code", "category", "status"):
        counts[key] = counts[key].astype("category") if key == "grid_code" or key in fields else None
    return counts.astype({"n": "int64"})


def install_totals(conn, schema: str, kind: str) -> None:
    """Create :data:`TOTALS` if missing and the statement triggers keeping the rows of layer ``kind`` in it
    (``field`` category or status, ``value``, ``n``), counting the rows already there. Run again when the
    table gains its category or status column (:func:`columns_added`). A table with neither gets no totals."""
    s, table, totals = sql.Identifier(schema), sql.Identifier(kind), sql.Identifier(TOTALS)
    fields = _fields(kind, _columns(conn, schema, kind))
    if not any(key == "category" for key, _ in fields):
        return

    values = [(key, sql.SQL("coalesce({}::text, '')").format(sql.Identifier(column))) for key, column in fields]
    if GRID in _columns(conn, schema, kind):
        values.append((CELL, _cell_value(kind, dict(fields))))

    def rows(source: sql.Composable, sign: int) -> sql.Composable:
        return sql.SQL(" UNION ALL ").join(
            sql.SQL("SELECT {}::text AS field, {} AS value, {}::bigint AS n FROM {}").format(
                sql.Literal(key), value, sql.Literal(sign), source)
            for key, value in values)

    conn.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {}.{} (layer text, field text, value text, n bigint NOT NULL, "
                         "PRIMARY KEY (layer, field, value))").format(s, totals))
    conn.execute(sql.SQL("COMMENT ON TABLE {}.{} IS 'GridMap: records per category and status, kept by triggers'")
                 .format(s, totals))
    new, old = rows(sql.Identifier("new_rows"), 1), rows(sql.Identifier("old_rows"), -1)
    events = {"insert": ("REFERENCING NEW TABLE AS new_rows", new),
              "delete": ("REFERENCING OLD TABLE AS old_rows", old),
              "update": ("REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
                         sql.SQL(" UNION ALL ").join([new, old]))}
    for op, (_, changes) in events.items():
        conn.execute(sql.SQL(TOTALS_FUNCTION).format(schema=s, function=sql.Identifier(f"{kind}_totals_{op}"),
                                                     totals=totals, changes=changes, layer=sql.Literal(kind)))
    conn.execute(sql.SQL("CREATE OR REPLACE FUNCTION {s}.{f}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                         "BEGIN DELETE FROM {s}.{t} WHERE layer = {layer}; RETURN NULL; END $$").format(
        s=s, f=sql.Identifier(f"{kind}_totals_truncate"), t=totals, layer=sql.Literal(kind)))
    for op, refs in [*((op, refs) for op, (refs, _) in events.items()), ("truncate", "")]:
        name = sql.Identifier(f"{kind}_totals_{op}")
        conn.execute(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}.{}").format(name, s, table))
        conn.execute(sql.SQL("CREATE TRIGGER {name} AFTER {op} ON {s}.{t} {refs} FOR EACH STATEMENT "
                             "EXECUTE FUNCTION {s}.{name}()").format(
            name=name, op=sql.SQL(op.upper()), s=s, t=table, refs=sql.SQL(refs)))
    conn.execute(sql.SQL("DELETE FROM {}.{} WHERE layer = %s").format(s, totals), (kind,))
    conn.execute(sql.SQL("INSERT INTO {}.{} (layer, field, value, n) SELECT %s, field, value, sum(n) FROM ({}) AS r "
                         "GROUP BY field, value").format(s, totals, rows(sql.SQL("{}.{}").format(s, table), 1)),
                 (kind,))


def prepare_layer(conn, schema: str, kind: str) -> None:
    """What a new record table gets beyond the store's DDL: the aggregate indexes and the totals triggers."""
    install_indexes(conn, schema, kind)
    if kind in KINDS and KINDS[kind].points:
        install_totals(conn, schema, kind)


def columns_added(conn, schema: str, kind: str, added) -> None:
    """After columns were added to the table of layer ``kind``: the totals and indexes that need them."""
    spec = KINDS.get(kind)
    if spec is not None and {spec.category, spec.status, spec.time} & set(added):
        install_indexes(conn, schema, kind)
        if spec.points:
            install_totals(conn, schema, kind)


def install_indexes(conn, schema: str, kind: str) -> None:
    """The covering indexes of :data:`INDEXES` (key columns, included columns) for layer ``kind``, those whose
    key columns the table has."""
    columns = _columns(conn, schema, kind)
    for i, (keys, include) in enumerate(INDEXES.get(kind, ())):
        if not set(keys) <= columns:
            continue
        included = [c for c in include if c in columns]
        conn.execute(sql.SQL("CREATE INDEX IF NOT EXISTS {} ON {} ({}) {}").format(
            sql.Identifier(f"{kind}_agg_{i}"), sql.Identifier(schema, kind),
            sql.SQL(", ").join(map(sql.Identifier, keys)),
            sql.SQL("INCLUDE ({})").format(sql.SQL(", ").join(map(sql.Identifier, included))) if included
            else sql.SQL("")))


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
                    params.append(_instant(bound))
        for values, column in ((filt.categories, spec.category), (filt.statuses, spec.status)):
            if values is not None and column and column in columns:
                parts.append(sql.SQL("{} = ANY(%s)").format(sql.Identifier(column)))
                params.append(sorted(values))
    return sql.SQL(" AND ").join(parts), params


def _instant(value):
    """A filter bound (a naive time is China Standard Time, as records' times are) as an aware datetime."""
    stamp = pd.Timestamp(value)
    return stamp.to_pydatetime() if stamp.tzinfo else stamp.tz_localize(RECORD_TIME_ZONE).to_pydatetime()


AGGREGATE_SETTINGS = "SET LOCAL work_mem = '64MB'; SET LOCAL jit = off"
"""For the aggregates' transaction: a year's groups hashed in memory (not spilled to disk in batches), and no
JIT compilation (slower than the query it compiles)."""


def _has_totals(conn, schema: str, kind: str) -> bool:
    """Whether the triggers keeping the totals of layer ``kind`` are installed."""
    return conn.execute("SELECT 1 FROM pg_trigger WHERE tgname = %s AND tgrelid = to_regclass(%s)",
                        (f"{kind}_totals_insert", f'"{schema}"."{kind}"')).fetchone() is not None


def row_count(conn, schema: str, kind: str) -> int | None:
    """The rows of layer ``kind`` from its totals (every row counts once under ``category``), None without."""
    if kind not in KINDS or not KINDS[kind].points or not _has_totals(conn, schema, kind):
        return None
    row = conn.execute(sql.SQL("SELECT coalesce(sum(n), 0) FROM {}.{} WHERE layer = %s AND field = 'category'")
                       .format(sql.Identifier(schema), sql.Identifier(TOTALS)), (kind,)).fetchone()
    return int(row[0])


def record_counts(conn, schema: str, kind: str, filt: RecordFilter | None = None) -> pd.DataFrame | None:
    """``grid_code, category, status, n`` of the records of point layer ``kind`` passing ``filt``, with
    ``attrs["totals"]`` (``column, value, n`` over the whole layer); None when the layer has no totals table
    (a schema made before them) or is not a point layer."""
    if kind not in KINDS or not KINDS[kind].points:
        return None
    if not _has_totals(conn, schema, kind):
        return None
    counts = _cell_totals(conn, schema, kind) if filt is None or filt.is_empty else None
    if counts is None:
        relation = readable(conn, schema, kind)
        columns = _columns(conn, schema, relation)
        where, params = _where(kind, filt, columns)
        conn.execute(AGGREGATE_SETTINGS)
        selected = [sql.Identifier(c) if c and c in columns else sql.SQL("NULL::text")
                    for c in (GRID, KINDS[kind].category, KINDS[kind].status)]
        query = sql.SQL("SELECT {}, {}, {}, count(*) FROM {}.{} WHERE {} GROUP BY 1, 2, 3").format(
            *selected, sql.Identifier(schema), sql.Identifier(relation), where)
        rows = conn.execute(query, params).fetchall()
        counts = pd.DataFrame(rows, columns=["grid_code", "category", "status", "n"]).astype({"n": "int64"})
    totals = conn.execute(sql.SQL("SELECT field, value, n FROM {}.{} WHERE layer = %s AND field <> %s AND n > 0")
                          .format(sql.Identifier(schema), sql.Identifier(TOTALS)), (kind, CELL)).fetchall()
    counts.attrs["totals"] = pd.DataFrame(totals, columns=["column", "value", "n"]).astype({"n": "int64"})
    return counts


def time_range(conn, schema: str, kind: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last time of layer ``kind`` as naive China Standard Time, None when it has no timed record
    or no time column of a time type: ``min`` and ``max``, each read from an end of a B-tree on the time column
    (:data:`INDEXES` on incidents, :func:`gridmap.store.postgis.create_record_table` on other kinds)."""
    spec = KINDS.get(kind)
    if spec is None or spec.time is None or conn.execute(
            "SELECT to_regclass(%s)", (f'"{schema}"."{kind}"',)).fetchone()[0] is None:
        return None
    relation = readable(conn, schema, kind)
    row = conn.execute("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = %s::regclass "
                       "AND attname = %s AND NOT attisdropped", (f'"{schema}"."{relation}"', spec.time)).fetchone()
    if row is None or not row[0].startswith("timestamp"):
        return None
    first, last = conn.execute(sql.SQL("SELECT min({t}), max({t}) FROM {}.{}").format(
        sql.Identifier(schema), sql.Identifier(relation), t=sql.Identifier(spec.time))).fetchone()
    if first is None:
        return None
    return _local(first), _local(last)


def _local(value) -> pd.Timestamp:
    """A database time as a naive China Standard Time Timestamp (as :func:`gridmap.store.pgframes.copy_out` reads
    a layer's times)."""
    stamp = pd.Timestamp(value)
    return stamp.tz_convert(RECORD_TIME_ZONE).tz_localize(None) if stamp.tzinfo else stamp


def _outside(columns: set[str]) -> sql.Composable:
    """The condition of a record outside every grid (grid code empty or null; every record when the table has no
    grid code), written as two index conditions on the B-tree of ``grid_code`` (a bitmap OR of both)."""
    if GRID not in columns:
        return sql.SQL("TRUE")
    return sql.SQL("({grid} = '' OR {grid} IS NULL)").format(grid=sql.Identifier(GRID))


def points_in(conn, schema: str, kind: str, bbox: tuple[float, float, float, float], zoom: int,
              filt: RecordFilter | None = None, outside: bool = False) -> pd.DataFrame | None:
    """The records of point layer ``kind`` in the lon/lat box ``bbox`` (west, south, east, north) passing
    ``filt``: at zoom :data:`CLUSTER_BELOW` or more and at most :data:`MAX_POINTS` of them, one row per record
    (``id, lon, lat, n`` = 1, category, status and grid code); otherwise one row per cell of
    :data:`CELL_PIXELS` screen pixels holding records (see :func:`cell_clusters`: ``lon, lat`` = their mean,
    ``n`` = how many, and the dominant category). ``attrs["clustered"]`` tells which. ``outside``: only the records
    outside every grid (see :func:`_outside`)."""
    if kind not in KINDS or not KINDS[kind].points:
        return None
    relation = readable(conn, schema, kind)
    columns = _columns(conn, schema, relation)
    where, params = _where(kind, filt, columns)
    if outside:
        where = sql.SQL("{} AND {}").format(_outside(columns), where)
    box = sql.SQL("geom && ST_MakeEnvelope(%s, %s, %s, %s, 4490)")
    target = sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(relation))
    if zoom >= CLUSTER_BELOW:
        spec = KINDS[kind]
        extra = [c for c in ("id", spec.category, spec.status, GRID) if c and c in columns]
        query = sql.SQL("SELECT ST_X(geom), ST_Y(geom), {} FROM {} WHERE {} AND {} LIMIT %s").format(
            sql.SQL(", ").join(map(sql.Identifier, extra)), target, box, where)
        rows = conn.execute(query, [*bbox, *params, MAX_POINTS + 1]).fetchall()
        if len(rows) <= MAX_POINTS:
            return point_rows(rows, extra)
    cell = cell_degrees(zoom)
    column = KINDS[kind].category if KINDS[kind].category in columns else None
    category = sql.SQL("coalesce({}::text, '')").format(sql.Identifier(column)) if column else sql.SQL("''")
    query = sql.SQL("SELECT floor(ST_X(geom) / %s), floor(ST_Y(geom) / %s), {}, count(*), sum(ST_X(geom)), "
                    "sum(ST_Y(geom)) FROM {} WHERE {} AND {} GROUP BY 1, 2, 3").format(category, target, box, where)
    return cell_clusters(conn.execute(query, [cell, cell, *bbox, *params]).fetchall(), column)


def count_rows(conn, schema: str, kind: str, filt: RecordFilter | None = None) -> int | None:
    """The records of point layer ``kind`` passing ``filt`` (the layer's totals when nothing is filtered);
    None when it is not a point layer."""
    if kind not in KINDS or not KINDS[kind].points:
        return None
    if filt is None or filt.is_empty:
        known = row_count(conn, schema, kind)
        if known is not None:
            return known
    relation = readable(conn, schema, kind)
    where, params = _where(kind, filt, _columns(conn, schema, relation))
    return int(conn.execute(sql.SQL("SELECT count(*) FROM {}.{} WHERE {}").format(
        sql.Identifier(schema), sql.Identifier(relation), where), params).fetchone()[0])


def _pager(conn, target: sql.Composable, kind: str, filt: RecordFilter | None, columns: set[str],
           order: str | None):
    """``fetch`` and ``count`` of :func:`gridmap.store.paging.page_fids` on ``target`` (the layer's table or
    masked view): by fid on the primary key, newest first on the time's B-tree (:data:`INDEXES`)."""
    where, params = _where(kind, filt, columns)
    t = sql.Identifier(KINDS[kind].time or "")

    def condition(phase: int, after: tuple | None) -> tuple[sql.Composable, list]:
        if order is None:
            return (sql.SQL("fid > %s"), [after[0]]) if after else (sql.SQL("TRUE"), [])
        if phase == 0:  # ``t <= %s`` first: the index's condition
            return (sql.SQL("{t} IS NOT NULL AND {t} <= %s AND ({t} < %s OR fid < %s)").format(t=t),
                    [after[0], after[0], after[1]]) if after else (sql.SQL("{} IS NOT NULL").format(t), [])
        return (sql.SQL("{} IS NULL AND fid < %s").format(t), [after[0]]) if after else \
            (sql.SQL("{} IS NULL").format(t), [])

    def fetch(phase: int, after: tuple | None, skip: int, limit: int) -> list[tuple]:
        cond, extra = condition(phase, after)
        keys, by = (sql.SQL("fid"), sql.SQL("fid")) if order is None else \
            (sql.SQL("{}, fid").format(t), sql.SQL("{} DESC, fid DESC").format(t)) if phase == 0 else \
            (sql.SQL("fid"), sql.SQL("fid DESC"))
        return conn.execute(sql.SQL("SELECT {} FROM {} WHERE {} AND {} ORDER BY {} LIMIT %s OFFSET %s").format(
            keys, target, where, cond, by), [*params, *extra, limit, skip]).fetchall()

    def count(phase: int, after: tuple | None) -> int:
        cond, extra = condition(phase, after)
        return conn.execute(sql.SQL("SELECT count(*) FROM {} WHERE {} AND {}").format(target, where, cond),
                            [*params, *extra]).fetchone()[0]

    return fetch, count


def page_fids(conn, schema: str, kind: str, filt: RecordFilter | None, start: int, limit: int,
              order: str | None = None, marks: Marks | None = None) -> list[int] | None:
    """The fids of the records of point layer ``kind`` passing ``filt`` at positions ``start`` to ``start +
    limit`` in ``order`` (None: by fid; ``"time"``: newest first, then those without a time), by keyset from
    the end of the page read before it (``marks``, kept while the layer's row count stays); None when it is
    not a point layer."""
    if kind not in KINDS or not KINDS[kind].points:
        return None
    relation = readable(conn, schema, kind)
    columns = _columns(conn, schema, relation)
    if order is not None and KINDS[kind].time not in columns:
        order = None
    fetch, count = _pager(conn, sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(relation)), kind,
                          filt, columns, order)
    version = row_count(conn, schema, kind)
    return paged_fids(fetch, count, order, start, limit, marks if version is not None else None,
                            (kind, filt, order, version))


def record_fid(conn, schema: str, kind: str, record_id: str) -> int | None:
    """The fid of the first record of layer ``kind`` whose ``id`` is ``record_id`` (on the id index)."""
    relation = readable(conn, schema, kind)
    if "id" not in _columns(conn, schema, relation):
        return None
    row = conn.execute(sql.SQL("SELECT fid FROM {}.{} WHERE id::text = %s ORDER BY fid LIMIT 1").format(
        sql.Identifier(schema), sql.Identifier(relation)), (str(record_id),)).fetchone()
    return None if row is None else int(row[0])
