"""Records queried, not loaded, in a GeoPackage: the SQLite aggregates behind statistics, choropleths and the
time filter, and the points of the visible extent (clustered when zoomed out) — what :mod:`gridmap.store.pg_query`
does on PostGIS, returning the same frames.

Record times are stored as UTC text ``YYYY-MM-DDTHH:MM:SS.SSSZ`` (see :func:`gridmap.core.clock.utc_times`), so
a time range is a text comparison. A layer holding times in another form (an older project's naive times) is
not counted here: the functions return None and callers count the loaded layer.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pandas as pd

from gridmap.core.clock import RECORD_TIME_ZONE
from gridmap.core.io.sqlite import has_table, quoted, sqlite_uri
from gridmap.core.project.kinds import GRID, KINDS
from gridmap.core.records.filters import RecordFilter
from gridmap.store.paging import Marks, page_fids as paged_fids
from gridmap.store.pg_query import CLUSTER_BELOW, MAX_POINTS, cell_clusters, cell_degrees, point_rows

UTC_TEXT = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z"
"""The GLOB pattern of a stored record time."""

_WHOLE: dict[tuple, pd.DataFrame | None] = {}
"""Per (file, its size and modification time, layer): :func:`_whole`."""


def _connect(path: Path):
    return closing(sqlite3.connect(sqlite_uri(Path(path).absolute()), uri=True))


def _columns(db, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({quoted(table)})")}


def _text(column: str | None, columns: set[str]) -> str:
    """A text column as the loaded layer holds it (null as ""), NULL when the table lacks it."""
    return f"coalesce({quoted(column)}, '')" if column and column in columns else "NULL"


def _bound(value) -> str:
    """A filter bound (naive: China Standard Time) as stored UTC text, rounded up to the millisecond (the
    stored times' precision), so that ``time >= start`` and ``time < end`` hold in text as in time."""
    stamp = pd.Timestamp(value)
    stamp = (stamp.tz_localize(RECORD_TIME_ZONE) if stamp.tzinfo is None else stamp).tz_convert("UTC")
    return stamp.ceil("ms").strftime("%Y-%m-%dT%H:%M:%S.%f")[:23] + "Z"


def _where(kind: str, filt: RecordFilter | None, columns: set[str]) -> tuple[str, list]:
    """The SQL condition of ``filt`` on layer ``kind`` (parts on missing columns ignored, as
    :meth:`RecordFilter.mask` does) and its parameters."""
    spec = KINDS[kind]
    parts, params = ["1"], []
    if filt is not None:
        if spec.time and spec.time in columns:
            for bound, op in ((filt.start, ">="), (filt.end, "<")):
                if bound is not None:
                    parts.append(f"{quoted(spec.time)} {op} ?")
                    params.append(_bound(bound))
        for values, column in ((filt.categories, spec.category), (filt.statuses, spec.status)):
            if values is not None and column and column in columns:
                parts.append(f"{_text(column, columns)} IN (SELECT value FROM json_each(?))")
                params.append(json.dumps(sorted(values), ensure_ascii=False))
    return " AND ".join(parts), params


def _whole(db, path: Path, kind: str, columns: set[str]) -> pd.DataFrame | None:
    """The counts of every record of the layer (``grid_code, category, status, n``, with ``attrs["totals"]``:
    ``column, value, n`` of the values with records), None when its times are not all UTC text: read from
    :data:`TOTALS` when its triggers keep the layer's counts (see :func:`prepare_layer`), else one scan of the
    table (a file written before them); kept while the file is unchanged."""
    st = os.stat(path)
    key = (str(Path(path).absolute()), st.st_size, st.st_mtime_ns, kind)
    if key not in _WHOLE:
        spec = KINDS[kind]
        time = spec.time if spec.time and spec.time in columns else None
        odd = time and db.execute(f"SELECT 1 FROM {quoted(kind)} WHERE {_odd_time(time)} LIMIT 1").fetchone()
        fields = (("grid_code", GRID), ("category", spec.category), ("status", spec.status))
        if _counted(db, kind, columns):
            rows = db.execute(f"SELECT grid_code, category, status, n FROM {TOTALS} WHERE layer = ? AND n > 0",
                              (kind,)).fetchall()
        else:
            raw = [quoted(c) if c and c in columns else "NULL" for _, c in fields]
            rows = db.execute(f"SELECT {', '.join(raw)}, count(*) FROM {quoted(kind)} GROUP BY 1, 2, 3").fetchall()
        counts = pd.DataFrame(rows, columns=["grid_code", "category", "status", "n"]).astype({"n": "int64"})
        for field, column in fields:  # null counted as "", as the loaded layer holds it; no column: None
            counts[field] = counts[field].fillna("") if column and column in columns else None
        counts = counts.groupby(["grid_code", "category", "status"], dropna=False, as_index=False, sort=False)["n"].sum()
        parts = [counts.groupby(field, as_index=False, sort=True)["n"].sum().rename(columns={field: "value"})
                 .assign(column=field)[["column", "value", "n"]]
                 for field, column in fields[1:] if column and column in columns]
        totals = (pd.concat(parts, ignore_index=True) if parts
                  else pd.DataFrame({"column": [], "value": [], "n": []})).astype({"n": "int64"})
        counts.attrs["totals"] = totals[totals["n"] > 0].reset_index(drop=True)
        _WHOLE.clear()  # one file's state at a time
        _WHOLE[key] = None if odd else counts
    return _WHOLE[key]


def _odd_time(column: str) -> str:
    """The condition of a time not stored as UTC text (a literal pattern, so that the partial index of
    :func:`prepare_layer` answers it)."""
    return f"{quoted(column)} NOT GLOB '{UTC_TEXT}'"


def prepare_layer(db, kind: str) -> None:
    """What the queries here need of point layer ``kind`` in the main database, created if missing: an index of
    its times (time filters), one of its times not stored as UTC text (partial, normally empty: the check of
    :func:`record_counts` without a scan), one of its records outside every grid (partial, see
    :func:`_outside_index`), and its counts in :data:`TOTALS` kept by triggers (counted once here when missing or
    when the layer's columns changed). All are cheap to keep: a day's new rows go at the end of the first index,
    few or none into the partial ones, and add one to a row of the counts each (measured: an index on grid,
    category and status or on positions costs an in-place add of a day about 0.3 s each at 5,000,000 records,
    more right after it is built)."""
    if kind not in KINDS or not KINDS[kind].points:
        return
    columns, table, time = _columns(db, kind), quoted(kind), KINDS[kind].time
    _outside_index(db, kind, columns)
    if time and time in columns:
        for name, where in (("time", ""), ("odd_time", f" WHERE {_odd_time(time)}")):
            db.execute(f"CREATE INDEX IF NOT EXISTS {quoted(f'gridmap_{kind}_{name}')} ON {table} "
                       f"({quoted(time)}){where}")
    if _counted(db, kind, columns):
        return
    add_totals_table(db)
    for name in _counting_triggers(db, kind):
        db.execute(f"DROP TRIGGER {quoted(name)}")
    db.execute(f"DELETE FROM {TOTALS} WHERE layer = ?", (kind,))
    db.execute(f"INSERT INTO {TOTALS} SELECT ?, {', '.join(_kept(kind, columns))}, count(*) FROM {table} "
               "GROUP BY 2, 3, 4", (kind,))
    for sql in _triggers(kind, columns).values():
        db.execute(sql)


TOTALS = "gridmap_totals"
"""The table of every point layer's records per grid, category and status (``layer, grid_code, category,
status, n``; "" for null or no such column), kept by triggers on the layer's table (see :func:`prepare_layer`),
so that QGIS's or another program's edits keep it too."""

def add_totals_table(db) -> None:
    """Create :data:`TOTALS` in the main database, registered as an attribute table, unless it is there."""
    if not has_table(db, TOTALS):
        db.execute(f"CREATE TABLE main.{TOTALS} (layer TEXT NOT NULL, grid_code TEXT NOT NULL, category TEXT NOT "
                   "NULL, status TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (layer, grid_code, category, status))")
        if has_table(db, "gpkg_contents"):
            db.execute("INSERT INTO main.gpkg_contents (table_name, data_type, identifier, description) VALUES (?, "
                       "'attributes', ?, 'GridMap: records per layer, grid, category and status, kept by triggers')",
                       (TOTALS, TOTALS))


def _kept(kind: str, columns: set[str], row: str = "") -> list[str]:
    """The grid code, category and status of a row as :data:`TOTALS` keeps them (``row``: ``NEW.``/``OLD.`` in
    a trigger)."""
    spec = KINDS[kind]
    return [f"coalesce({row}{quoted(c)}, '')" if c and c in columns else "''"
            for c in (GRID, spec.category, spec.status)]


def _triggers(kind: str, columns: set[str]) -> dict[str, str]:
    """The triggers that keep layer ``kind``'s counts in :data:`TOTALS`, by name (their SQL depends on which of
    the counted columns the layer has)."""
    spec = KINDS[kind]
    layer = "'" + kind.replace("'", "''") + "'"

    def add(row: str) -> str:
        return (f"INSERT INTO {TOTALS} VALUES ({layer}, {', '.join(_kept(kind, columns, row))}, 1) "
                "ON CONFLICT (layer, grid_code, category, status) DO UPDATE SET n = n + 1;")

    def remove(row: str) -> str:
        grid, category, status = _kept(kind, columns, row)
        return (f"UPDATE {TOTALS} SET n = n - 1 WHERE layer = {layer} AND grid_code = {grid} "
                f"AND category = {category} AND status = {status};")

    name = f"gridmap_totals_{kind}"
    table = quoted(kind)
    out = {f"{name}_insert": f"CREATE TRIGGER {quoted(name + '_insert')} AFTER INSERT ON {table} BEGIN "
                             f"{add('NEW.')} END",
           f"{name}_delete": f"CREATE TRIGGER {quoted(name + '_delete')} AFTER DELETE ON {table} BEGIN "
                             f"{remove('OLD.')} END"}
    counted = [quoted(c) for c in (GRID, spec.category, spec.status) if c and c in columns]
    if counted:
        out[f"{name}_update"] = (f"CREATE TRIGGER {quoted(name + '_update')} AFTER UPDATE OF {', '.join(counted)} "
                                 f"ON {table} BEGIN {remove('OLD.')} {add('NEW.')} END")
    return out


def _counted(db, kind: str, columns: set[str]) -> bool:
    """Whether :data:`TOTALS` holds layer ``kind``'s counts: the table is there and so are the triggers that keep
    them for the layer's present columns (a table another program wrote anew has none)."""
    return _counting_triggers(db, kind) == _triggers(kind, columns) and has_table(db, TOTALS)


def _counting_triggers(db, kind: str) -> dict[str, str]:
    """The SQL of the triggers on layer ``kind`` named as :func:`_triggers` names them, by name."""
    return dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name "
                           "LIKE ?", (kind, f"gridmap_totals_{kind}_%")).fetchall())


def _outside(columns: set[str]) -> str:
    """The condition of a record outside every grid (grid code empty or null; every record when the table has no
    grid code): the very expression of the partial index of :func:`_outside_index`, so that SQLite reads it."""
    return f"coalesce({quoted(GRID)}, '') = ''" if GRID in columns else "1"


def _outside_index(db, kind: str, columns: set[str]) -> None:
    """The partial index of the positions of point layer ``kind``'s records outside every grid (normally a few,
    none in a planned city), created if missing: what :func:`points_in` reads them from when the map clusters
    them zoomed out, without a scan of the layer."""
    if {GRID, "lon", "lat"} <= columns:
        db.execute(f"CREATE INDEX IF NOT EXISTS {quoted(f'gridmap_{kind}_outside')} ON {quoted(kind)} "
                   f"(lon, lat) WHERE {_outside(columns)}")


def _served(db, kind: str) -> set[str] | None:
    """The columns of point layer ``kind``'s table, None when it is not one."""
    if kind not in KINDS or not KINDS[kind].points:
        return None
    columns = _columns(db, kind)
    return columns if {"lon", "lat"} <= columns else None


def _passes_nothing(kind: str, filt: RecordFilter, columns: set[str]) -> bool:
    """Whether ``filt`` passes no record of layer ``kind``: no category or no status chosen (on a column the
    layer has; see :func:`_where`)."""
    spec = KINDS[kind]
    return any(values is not None and not values and column and column in columns
               for values, column in ((filt.categories, spec.category), (filt.statuses, spec.status)))


def record_counts(path: Path, kind: str, filt: RecordFilter | None = None) -> pd.DataFrame | None:
    """``grid_code, category, status, n`` of the records of point layer ``kind`` passing ``filt`` (one
    ``GROUP BY``), with ``attrs["totals"]`` (``column, value, n`` over the whole layer); None when the layer is
    not a point layer or holds times not stored as UTC text."""
    with _connect(path) as db:
        columns = _served(db, kind)
        if columns is None:
            return None
        whole = _whole(db, path, kind, columns)
        if whole is None or filt is None or filt.is_empty:
            return None if whole is None else whole.copy()
        if _passes_nothing(kind, filt, columns):  # e.g. only the totals are asked for: no scan
            counts = whole.iloc[:0].reset_index(drop=True)
            counts.attrs["totals"] = whole.attrs["totals"]
            return counts
        spec = KINDS[kind]
        where, params = _where(kind, filt, columns)
        selected = ", ".join(_text(c, columns) for c in (GRID, spec.category, spec.status))
        rows = db.execute(f"SELECT {selected}, count(*) FROM {quoted(kind)} WHERE {where} GROUP BY 1, 2, 3",
                          params).fetchall()
    counts = pd.DataFrame(rows, columns=["grid_code", "category", "status", "n"]).astype({"n": "int64"})
    counts.attrs["totals"] = whole.attrs["totals"]
    return counts


def time_range(path: Path, kind: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last time of point layer ``kind`` as naive China Standard Time, None when it has no timed
    record or is not counted here (see :func:`record_counts`): a ``min`` and a ``max`` query, each one step
    of an index on the time column."""
    with _connect(path) as db:
        columns = _served(db, kind)
        time = KINDS[kind].time if columns is not None else None
        if time is None or time not in columns or _whole(db, path, kind, columns) is None:
            return None
        first, last = (db.execute(f"SELECT {fn}({quoted(time)}) FROM {quoted(kind)}").fetchone()[0]
                       for fn in ("min", "max"))  # one aggregate per query: SQLite reads each from an index
    if first is None:
        return None
    return pd.Timestamp(first).tz_convert(RECORD_TIME_ZONE).tz_localize(None), \
        pd.Timestamp(last).tz_convert(RECORD_TIME_ZONE).tz_localize(None)


def points_in(path: Path, kind: str, bbox: tuple[float, float, float, float], zoom: int,
              filt: RecordFilter | None = None, outside: bool = False) -> pd.DataFrame | None:
    """The records of point layer ``kind`` in the lon/lat box ``bbox`` (west, south, east, north) passing
    ``filt``, as :func:`gridmap.store.pg_query.points_in` gives them: one row per record (``lon, lat``, ``id``,
    category, status, grid code, ``n`` = 1) at zoom :data:`CLUSTER_BELOW` or more and at most
    :data:`MAX_POINTS` of them, else one row per cell of :data:`CELL_PIXELS` screen pixels (``lon, lat`` = the
    mean, ``n`` and the dominant category, see :func:`~gridmap.store.pg_query.cell_clusters`).
    ``attrs["clustered"]`` tells which. ``outside``: only the records outside every grid (grid code empty or
    null, read from their partial index, see :func:`_outside_index`). None when not served (see
    :func:`record_counts`)."""
    with _connect(path) as db:
        columns = _served(db, kind)
        if columns is None or _whole(db, path, kind, columns) is None:
            return None
        where, params = _where(kind, filt, columns)
        if outside:
            where = f"{_outside(columns)} AND {where}"
        box = "lon >= ? AND lon <= ? AND lat >= ? AND lat <= ?"
        box_params = [bbox[0], bbox[2], bbox[1], bbox[3]]
        table = quoted(kind)
        if zoom >= CLUSTER_BELOW:
            spec = KINDS[kind]
            extra = [c for c in ("id", spec.category, spec.status, GRID) if c and c in columns]
            selected = ", ".join(_text(c, columns) for c in extra)
            rows = db.execute(f"SELECT lon, lat, {selected} FROM {table} WHERE {box} AND {where} LIMIT ?",
                              [*box_params, *params, MAX_POINTS + 1]).fetchall()
            if len(rows) <= MAX_POINTS:
                return point_rows(rows, extra)
        cell = cell_degrees(zoom)
        column = KINDS[kind].category if KINDS[kind].category in columns else None
        x, y = f"(lon - {math.floor(bbox[0] / cell) * cell!r}) / ?", f"(lat - {math.floor(bbox[1] / cell) * cell!r}) / ?"
        rows = db.execute(f"SELECT CAST({x} AS INTEGER), CAST({y} AS INTEGER), {_text(column, columns)}, count(*), "
                          f"sum(lon), sum(lat) FROM {table} WHERE {box} AND {where} GROUP BY 1, 2, 3",
                          [cell, cell, *box_params, *params]).fetchall()
    return cell_clusters(rows, column)


def count_rows(path: Path, kind: str, filt: RecordFilter | None = None) -> int | None:
    """The records of point layer ``kind`` passing ``filt``; None when not served (see :func:`record_counts`)."""
    counts = record_counts(path, kind, filt)
    return None if counts is None else int(counts["n"].sum())


def _pager(db, kind: str, filt: RecordFilter | None, columns: set[str], order: str | None):
    """``fetch`` and ``count`` of :func:`gridmap.store.paging.page_fids` on layer ``kind``'s table."""
    where, params = _where(kind, filt, columns)
    table, t = quoted(kind), quoted(KINDS[kind].time or "")

    def condition(phase: int, after: tuple | None) -> tuple[str, list]:
        if order is None:  # by fid, ascending
            return ("fid > ?", [after[0]]) if after else ("1", [])
        if phase == 0:  # newest first: the rows with a time
            return (f"{t} IS NOT NULL AND ({t} < ? OR ({t} = ? AND fid < ?))", [after[0], after[0], after[1]]) \
                if after else (f"{t} IS NOT NULL", [])
        return (f"{t} IS NULL AND fid < ?", [after[0]]) if after else (f"{t} IS NULL", [])

    def fetch(phase: int, after: tuple | None, skip: int, limit: int) -> list[tuple]:
        cond, extra = condition(phase, after)
        keys, by = ("fid", "fid") if order is None else (f"{t}, fid", f"{t} DESC, fid DESC") if phase == 0 \
            else ("fid", "fid DESC")
        return db.execute(f"SELECT {keys} FROM {table} WHERE {where} AND {cond} ORDER BY {by} LIMIT ? OFFSET ?",
                          [*params, *extra, limit, skip]).fetchall()

    def count(phase: int, after: tuple | None) -> int:
        cond, extra = condition(phase, after)
        return db.execute(f"SELECT count(*) FROM {table} WHERE {where} AND {cond}", [*params, *extra]).fetchone()[0]

    return fetch, count


_MARKS: dict[str, Marks] = {}
"""Page marks per file (see :class:`gridmap.store.paging.Marks`)."""


def page_fids(path: Path, kind: str, filt: RecordFilter | None, start: int, limit: int,
              order: str | None = None) -> list[int] | None:
    """The fids of the records of point layer ``kind`` passing ``filt`` at positions ``start`` to ``start +
    limit`` in ``order`` (None: insertion order; ``"time"``: newest first, then those without a time), found by
    keyset from the end of the page read before it; None when not served (see :func:`record_counts`)."""
    with _connect(path) as db:
        columns = _served(db, kind)
        if columns is None or _whole(db, path, kind, columns) is None:
            return None
        if order is not None and KINDS[kind].time not in columns:
            order = None
        st = os.stat(path)
        fetch, count = _pager(db, kind, filt, columns, order)
        marks = _MARKS.setdefault(str(Path(path).absolute()), Marks())
        return paged_fids(fetch, count, order, start, limit, marks,
                                (kind, filt, order, (st.st_size, st.st_mtime_ns)))


def record_fids(path: Path, kind: str, record_id: str) -> list[int] | None:
    """The fid of the first record of point layer ``kind`` whose ``id`` is ``record_id`` (on the id index), as
    a list (empty: none); None when the layer is not a point layer with ids."""
    with _connect(path) as db:
        columns = _served(db, kind)
        if columns is None or "id" not in columns:
            return None
        row = db.execute(f"SELECT fid FROM {quoted(kind)} WHERE id = ? ORDER BY fid LIMIT 1",
                         [str(record_id)]).fetchone()
    return [] if row is None else [int(row[0])]
