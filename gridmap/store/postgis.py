"""A project in a PostgreSQL/PostGIS schema (:class:`PostgisStore`), shared by many desks at once.

Tables (QGIS opens each as a layer: typed geometry columns with SRID 4490, primary key ``fid``):

- ``grids``: the grid columns, ``version`` (raised by a trigger on every change, also QGIS's), ``geom``
  MultiPolygon; GiST index.
- one table per record kind (``incidents``…): the kind's columns, ``geom`` Point (GiST), B-tree on ``grid_code``
  and ``id``, B-tree on the time (on incidents the aggregate index of ``reported_at``, see
  :data:`gridmap.store.pg_query.INDEXES`).
- ``grid_plans`` (the plans not in use, one row per grid with its ``plan``), ``gridmap_meta`` (key, jsonb value),
  ``edit_log`` (every grid edit: when, desk, who, what, the codes), ``audit_log`` (reveals of personal data).

Every save is one transaction writing only what changed since the project was loaded; appends never conflict;
grid edits are optimistic: they commit only if the grids they touch still have the version loaded, else they are
refused naming who changed them and when. Each commit sends ``NOTIFY gridmap`` (see :func:`notice`).
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from psycopg import sql

from gridmap.core.clock import now
from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.progress import ProgressFn, no_progress
from gridmap.store import pg_query, pg_roles
from gridmap.store.base import ProjectStore
from gridmap.store.dburl import DbUrl, connect, db_message, desk
from gridmap.store.paging import Marks
from gridmap.store.pgframes import SRID, copy_in, copy_out, ewkb_hex, pg_type, point_ewkb, select_list

GRIDS = "grids"
PLANS = "grid_plans"
META = "gridmap_meta"
EDIT_LOG = "edit_log"
AUDIT = "audit_log"
CHANNEL = "gridmap"
# PostgreSQL refuses a notification payload of 8000 bytes or more.
NOTIFY_LIMIT = 7900
GRID_COLUMNS = ("code", "name", "district", "street", "community", "households")
TABLES = (GRIDS, PLANS, META, EDIT_LOG, AUDIT, "record_totals")  # record_totals: see store/pg_query.py
# Columns the store adds to a record table; a record column of the same name cannot be stored.
RESERVED = ("fid", "geom")
# The key of the store's notes in ``project.stored``.
STORED = "postgis"
# meta["edit_log"] lives in the edit_log table, not in gridmap_meta.
EDIT_LOG_KEY = "edit_log"
# Rows appended at most in an order of their own (by grid): a day's import, not a whole layer being pushed.
SORTED_BATCH = 200_000


def _grid_ddl(table: sql.Composable, plan: bool) -> sql.Composable:
    return sql.SQL("""CREATE TABLE {t} (fid serial PRIMARY KEY, {plan} code text NOT NULL {unique},
        name text NOT NULL DEFAULT '', district text NOT NULL DEFAULT '', street text NOT NULL DEFAULT '',
        community text NOT NULL DEFAULT '', households integer, {version}
        geom geometry(MultiPolygon, {srid}))""").format(
        t=table, plan=sql.SQL("plan text NOT NULL," if plan else ""), unique=sql.SQL("" if plan else "UNIQUE"),
        version=sql.SQL("" if plan else "version integer NOT NULL DEFAULT 1,"), srid=sql.Literal(SRID))


def create_schema(cur, schema: str) -> None:
    """Create the project tables (no record table yet) in the new schema ``schema``."""
    def t(name):
        return sql.Identifier(schema, name)

    cur.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    cur.execute(_grid_ddl(t(GRIDS), plan=False))
    cur.execute(sql.SQL("CREATE INDEX ON {} USING gist (geom)").format(t(GRIDS)))
    # every change of a grid (GridMap's or another program's, e.g. QGIS) raises its version
    cur.execute(sql.SQL("""CREATE FUNCTION {f}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.version := OLD.version + 1; RETURN NEW; END $$""").format(f=t("grid_version")))
    cur.execute(sql.SQL("""CREATE TRIGGER grid_version BEFORE UPDATE ON {t} FOR EACH ROW
        WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION {f}()""").format(t=t(GRIDS), f=t("grid_version")))
    cur.execute(_grid_ddl(t(PLANS), plan=True))
    cur.execute(sql.SQL("CREATE TABLE {} (key text PRIMARY KEY, value jsonb NOT NULL)").format(t(META)))
    cur.execute(sql.SQL("""CREATE TABLE {} (fid bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(),
        desk text, who text, what text, description text, codes text[] NOT NULL DEFAULT '{{}}',
        entry jsonb NOT NULL)""").format(t(EDIT_LOG)))
    cur.execute(sql.SQL("CREATE INDEX ON {} USING gin (codes)").format(t(EDIT_LOG)))
    cur.execute(sql.SQL("""CREATE TABLE {} (fid bigserial PRIMARY KEY, at text, "user" text, host text,
        action text, layer text, records bigint, output text, reason text)""").format(t(AUDIT)))


def create_record_table(cur, schema: str, kind: str, frame: pd.DataFrame) -> dict[str, str]:
    """Create the table of record layer ``kind`` with ``frame``'s columns; returns its column types."""
    from gridmap.core.project.kinds import GRID, KINDS

    spec = KINDS.get(kind)
    bad = [c for c in frame.columns if c in RESERVED]
    if bad:
        raise GridMapError(tr("the {layer} layer has a column named {column}, which a database project keeps "
                              "for itself; rename it", layer=kind, column=bad[0]))
    types = {str(c): pg_type(frame[c].dtype) for c in frame.columns}
    table = sql.Identifier(schema, kind)
    columns = [sql.SQL("fid bigserial PRIMARY KEY")]
    columns += [sql.SQL("{} {}").format(sql.Identifier(c), sql.SQL(t)) for c, t in types.items()]
    points = spec is not None and spec.points
    if points:
        columns.append(sql.SQL("geom geometry(Point, {})").format(sql.Literal(SRID)))
    cur.execute(sql.SQL("CREATE TABLE {} ({})").format(table, sql.SQL(", ").join(columns)))
    if points:
        cur.execute(sql.SQL("CREATE INDEX ON {} USING gist (geom)").format(table))
    for col in ("id", GRID):
        if col in types:
            cur.execute(sql.SQL("CREATE INDEX ON {} ({})").format(table, sql.Identifier(col)))
    if spec is not None and spec.time in types and not any(keys[0] == spec.time
                                                           for keys, _ in pg_query.INDEXES.get(kind, ())):
        # a B-tree, not BRIN: the first and last time (the filter bar's range) are its two ends
        cur.execute(sql.SQL("CREATE INDEX ON {} ({})").format(table, sql.Identifier(spec.time)))
    pg_query.prepare_layer(cur, schema, kind)
    pg_roles.refresh(cur, schema)
    return types


def notice(cur, schema: str, what: str, kind: str | None = None, count: int | None = None,
           codes: list[str] | None = None) -> None:
    """``NOTIFY gridmap`` (sent when the transaction commits) with JSON ``{"schema", "what" (records, grids, plans
    or meta), "kind", "count", "codes", "desk", "pid" (the sending GridMap process, so that it ignores its own),
    "at"}``."""
    payload = {"schema": schema, "what": what, "kind": kind, "count": count, "codes": codes, "desk": desk(),
               "pid": os.getpid(), "at": now()}
    text = json.dumps(payload, ensure_ascii=False)
    if len(text.encode()) > NOTIFY_LIMIT:  # too many codes for one notification: null means "reload all grids"
        text = json.dumps({**payload, "codes": None}, ensure_ascii=False)
    cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, text))


@dataclass
class _Layer:
    """A record layer as it was read: its rows' fids, a hash of each row without the grid, the grids' hashes."""

    columns: tuple
    fids: np.ndarray
    rest: np.ndarray
    grid: np.ndarray


@dataclass
class _Loaded:
    """What :meth:`PostgisStore.load` read (kept in ``project.stored``), to save only what changed and to check
    grid versions."""

    url: str = ""
    grids: dict = field(default_factory=dict)  # code -> (version, row tuple)
    plans: object = None
    meta: dict = field(default_factory=dict)  # key -> JSON text
    edits: int = 0
    audit: int = 0
    layers: dict = field(default_factory=dict)  # name -> _Layer
    tables: dict = field(default_factory=dict)  # record table -> column types


def _grid_rows(grids) -> dict:
    """code -> the row as a comparable tuple (attributes and WKB)."""
    import shapely

    cols = [c for c in grids.columns if c != grids.geometry.name]
    wkb = shapely.to_wkb(grids.geometry.values, output_dimension=2)
    values = grids[cols].astype(object).where(grids[cols].notna(), None).itertuples(index=False, name=None)
    return {str(code): (*row, w) for code, row, w in zip(grids["code"], values, wkb)}


def _layer_hashes(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    from gridmap.core.project.kinds import GRID

    rest = frame.drop(columns=[GRID], errors="ignore")
    rest_hash = pd.util.hash_pandas_object(rest, index=False).to_numpy() if len(rest.columns) else \
        np.zeros(len(frame), np.uint64)
    grid = pd.util.hash_pandas_object(frame[GRID], index=False).to_numpy() if GRID in frame else \
        np.zeros(len(frame), np.uint64)
    return rest_hash, grid


def _record_texts(frame: pd.DataFrame, name: str, types: dict[str, str]) -> pd.DataFrame:
    """A record layer's text columns as the GeoPackage store reads them: without nulls."""
    from gridmap.core.project.kinds import GRID, KINDS

    if name in KINDS:
        for col in ("id", GRID, *KINDS[name].columns):
            if col in frame.columns and types[col] == "text":
                frame[col] = frame[col].astype("str").where(frame[col].notna(), "")
    return frame


def _signature(frame: pd.DataFrame) -> tuple:
    return tuple((str(c), str(frame[c].dtype)) for c in frame.columns)


class PostgisStore(ProjectStore):
    """A project in the schema ``url.schema`` of a PostgreSQL database with PostGIS."""

    def __init__(self, url: str | DbUrl):
        self.url = url if isinstance(url, DbUrl) else DbUrl.parse(url)
        self.schema = self.url.schema
        self._marks = Marks()  # where pages of rows ended (see read_rows)

    @property
    def label(self) -> str:
        """The project as messages name it: its URL, password masked."""
        return self.url.masked()

    def __repr__(self) -> str:
        return f"PostgisStore({self.label!r})"

    def lock(self, new: bool = False):
        """No process-wide lock: concurrency comes from transactions."""
        return nullcontext(self)

    # --- connections ---------------------------------------------------------------------------------------

    @contextmanager
    def _transaction(self, read_only: bool = False):
        """A cursor in one transaction (committed at the end of the block, rolled back on an error); database
        errors as one GridMapError line naming the project."""
        import psycopg

        conn = connect(self.url)
        try:
            if read_only:
                conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
                conn.read_only = True
            with conn.transaction(), conn.cursor() as cur:
                yield cur
        except psycopg.Error as err:
            raise GridMapError(tr("database error; nothing was changed ({error})", error=db_message(err)),
                               self.label) from None
        finally:
            conn.close()

    def _t(self, name: str) -> sql.Identifier:
        return sql.Identifier(self.schema, name)

    def _tables(self, cur) -> dict[str, dict[str, str]]:
        """The schema's tables and their columns' types (in column order)."""
        cur.execute("""SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = %s AND c.relkind IN ('r', 'p') ORDER BY c.relname, a.attnum""", (self.schema,))
        tables: dict[str, dict[str, str]] = {}
        for table, column, type_ in cur.fetchall():
            tables.setdefault(table, {})[column] = "timestamptz" if type_.startswith("timestamp with") else type_
        return tables

    def _record_tables(self, tables: dict) -> dict[str, dict[str, str]]:
        """The record tables and their stored columns (without fid and geom)."""
        return {name: {c: t for c, t in cols.items() if c not in RESERVED}
                for name, cols in tables.items() if name not in TABLES}

    def exists(self) -> bool:
        """True if the schema holds a GridMap project."""
        with self._transaction(read_only=True) as cur:
            tables = self._tables(cur)
        return GRIDS in tables and META in tables

    # --- loading ---------------------------------------------------------------------------------------------

    def load(self):
        """The project: grids, plans, metadata (with the edit log) and audit log; record layers read on first
        access."""
        from gridmap.core.project.lazy import LazyLayers
        from gridmap.core.project.model import Project

        with self._transaction(read_only=True) as cur:
            tables = self._tables(cur)
            if GRIDS not in tables or META not in tables:
                raise GridMapError(tr("no GridMap project in schema {schema} (copy one there with gridmap push)",
                                      schema=self.schema), self.label)
            loaded = _Loaded(self.url.saved(), tables=self._record_tables(tables))
            grids, versions = self._read_grids(cur, GRIDS, tables[GRIDS])
            plans = self._read_plans(cur, tables[PLANS])
            cur.execute(sql.SQL("SELECT key, value FROM {}").format(self._t(META)))
            meta = {k: v for k, v in cur.fetchall()}
            loaded.meta = {k: json.dumps(v, sort_keys=True) for k, v in meta.items()}
            cur.execute(sql.SQL("SELECT entry FROM {} ORDER BY fid").format(self._t(EDIT_LOG)))
            edits = [row[0] for row in cur.fetchall()]
            if edits:
                meta[EDIT_LOG_KEY] = edits
            loaded.edits = len(edits)
            audit = self._read_audit(cur) if pg_roles.may_read(cur, self.schema, AUDIT) else []
            loaded.audit = len(audit)
            counts = {name: self._count(cur, name) for name in loaded.tables}
        loaded.grids = {code: (versions[code], row) for code, row in _grid_rows(grids).items()}
        loaded.plans = {name: _grid_rows(frame) for name, frame in plans.items()}

        def read(name: str) -> pd.DataFrame:  # noted in ``loaded``: the rows this project knows
            with self._transaction(read_only=True) as cur:
                return self._read_layer(cur, name, self._record_tables(self._tables(cur))[name], loaded)

        def count(name: str) -> int:  # counted at load, then asked again (LazyLayers keeps it until it changes)
            return counts.pop(name) if name in counts else self.count_layer(name)

        layers = LazyLayers(names=list(loaded.tables), loader=read, counter=count, aggregator=self.record_counts,
                            pointer=self.points_in, time_range=self.time_range, rows=self)
        project = Project(grids, meta, None, layers, plans, audit)
        project.stored[STORED] = loaded
        return project

    def read_layer(self, name: str) -> pd.DataFrame:
        """The record layer ``name`` as it is now."""
        with self._transaction(read_only=True) as cur:
            tables = self._record_tables(self._tables(cur))
            if name not in tables:
                raise GridMapError(tr("the project has no layer {name}", name=name), self.label)
            return self._read_layer(cur, name, tables[name], _Loaded())

    def count_layer(self, name: str) -> int:
        with self._transaction(read_only=True) as cur:
            return self._count(cur, name)

    def _count(self, cur, name: str) -> int:
        """The rows of a layer: from the totals the triggers keep (see :mod:`gridmap.store.pg_query`), else
        counted."""
        known = pg_query.row_count(cur, self.schema, name)
        if known is not None:
            return known
        cur.execute(sql.SQL("SELECT count(*) FROM {}").format(self._t(pg_roles.readable(cur, self.schema, name))))
        return int(cur.fetchone()[0])

    def layer_names(self) -> list[str]:
        with self._transaction(read_only=True) as cur:
            return list(self._record_tables(self._tables(cur)))

    def stored_ids(self, kind: str, ids) -> set[str]:
        """Which of ``ids`` the layer ``kind`` holds (one query on its ``id`` index)."""
        with self._transaction(read_only=True) as cur:
            if kind not in self._record_tables(self._tables(cur)):
                return set()
            cur.execute(sql.SQL("SELECT DISTINCT id::text FROM {} WHERE id::text = ANY(%s)").format(self._t(kind)),
                        ([str(i) for i in ids],))
            return {r[0] for r in cur.fetchall()}

    def _read_grids(self, cur, table: str, types: dict[str, str], where: sql.Composable = sql.SQL("")):
        """A grid table as a GeoDataFrame (standard columns first, no fid/version) and the versions by code."""
        import geopandas as gpd
        import shapely

        from gridmap.store.gpkg import _grid_columns

        columns = {c: t for c, t in types.items() if c not in ("fid", "version", "geom")}
        version = sql.SQL("version") if "version" in types else sql.SQL("1")
        cur.execute(sql.SQL("SELECT {}, {}, ST_AsBinary(geom) FROM {} {} ORDER BY fid").format(
            select_list(columns), version, self._t(table), where))
        rows = cur.fetchall()
        frame = pd.DataFrame([r[:-2] for r in rows], columns=list(columns))
        for c, t in columns.items():
            if t in ("integer", "bigint"):
                frame[c] = frame[c].astype("Int64")
            elif t == "double precision":
                frame[c] = frame[c].astype("float64")
        geoms = shapely.from_wkb([r[-1] for r in rows]) if rows else []
        grids = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs=f"EPSG:{SRID}").values,
                                 crs=f"EPSG:{SRID}")
        grids = grids.rename_geometry("geometry") if grids.geometry.name != "geometry" else grids
        versions = {str(r[columns_index]): r[-2] for r in rows for columns_index in [list(columns).index("code")]}
        return _grid_columns(grids), versions

    def _read_plans(self, cur, types: dict[str, str]) -> dict:
        frame, _ = self._read_grids(cur, PLANS, types)
        return {str(name): part.drop(columns="plan").reset_index(drop=True)
                for name, part in frame.groupby("plan", sort=False)}

    def _read_audit(self, cur) -> list[dict]:
        from gridmap.core.project.privacy import AUDIT_COLUMNS

        cur.execute(sql.SQL("SELECT {} FROM {} ORDER BY fid").format(
            sql.SQL(", ").join(map(sql.Identifier, AUDIT_COLUMNS)), self._t(AUDIT)))
        return [dict(zip(AUDIT_COLUMNS, row)) for row in cur.fetchall()]

    def audit_rows(self) -> list[dict]:
        """The audit log's rows, oldest first (nothing else is read)."""
        with self._transaction(read_only=True) as cur:
            if AUDIT not in self._tables(cur):
                raise GridMapError(tr("no GridMap project in schema {schema} (copy one there with gridmap push)",
                                      schema=self.schema), self.label)
            return self._read_audit(cur)

    def _read_layer(self, cur, name: str, types: dict[str, str], loaded: _Loaded) -> pd.DataFrame:
        """A record layer (as the GeoPackage store reads one: text columns without nulls), noting its fids."""
        query = sql.SQL("SELECT fid, {} FROM {} ORDER BY fid").format(  # a viewer reads the masked view
            select_list(types), self._t(pg_roles.readable(cur, self.schema, name)))
        frame = copy_out(cur, query, {"fid": "bigint", **types})
        fids = frame.pop("fid").to_numpy("int64")
        frame = _record_texts(frame, name, types)
        rest, grid = _layer_hashes(frame)
        loaded.layers[name] = _Layer(_signature(frame), fids, rest, grid)
        return frame

    # --- saving ----------------------------------------------------------------------------------------------

    def save(self, project, progress: ProgressFn = no_progress) -> None:
        """Write what changed since :meth:`load` in one transaction: grids (only if the rows touched still have
        the version loaded), plans, metadata keys, new edit-log and audit rows, and the record layers changed
        (rows appended, grids re-assigned or, otherwise, the rows loaded replaced)."""
        loaded = project.stored.get(STORED)
        if loaded is None or loaded.url != self.url.saved():
            self.create(project, force=True, progress=progress)  # from elsewhere: everything
            return
        meta = {**project.meta, "modified": now()}
        with self._transaction() as cur:
            progress(0.1, tr("Writing grids"))
            codes = self._save_grids(cur, project, loaded, meta)
            progress(0.3, tr("Writing {name}", name=PLANS))
            self._save_plans(cur, project, loaded)
            names = [n for n in project.layers if project.layers.is_read(n)]
            for i, name in enumerate(names):
                progress(0.3 + 0.6 * i / max(len(names), 1), tr("Writing {name}", name=name))
                self._save_layer(cur, name, project.layers[name], loaded)
            for name in [n for n in loaded.tables if n not in project.layers]:
                cur.execute(sql.SQL("DROP TABLE {}").format(self._t(name)))
                loaded.tables.pop(name)
                loaded.layers.pop(name, None)
                notice(cur, self.schema, "records", name, 0)
            if codes:
                self._reassign_unseen(cur, project, loaded, codes)
            self._save_meta(cur, meta, loaded)
            self._append_edits(cur, meta.get(EDIT_LOG_KEY) or [], loaded)
            self._append_audit(cur, project.audit[loaded.audit:])
        loaded.audit = len(project.audit)
        project.meta = meta
        progress(1.0, tr("Saved"))

    def _save_grids(self, cur, project, loaded: _Loaded, meta: dict) -> list[str]:
        """Write the grid rows that changed, after checking their versions; the codes touched."""
        rows = _grid_rows(project.grids)
        old = loaded.grids
        removed = [c for c in old if c not in rows]
        added = [c for c in rows if c not in old]
        changed = [c for c in rows if c in old and rows[c] != old[c][1]]
        touched = removed + changed + added
        if not touched:
            return []
        cur.execute(sql.SQL("SELECT code, version FROM {} WHERE code = ANY(%s) FOR UPDATE").format(self._t(GRIDS)),
                    (touched,))
        now_versions = dict(cur.fetchall())
        stale = [c for c in removed + changed if now_versions.get(c) != old[c][0]] + \
                [c for c in added if c in now_versions]
        if stale:
            self._refuse(cur, stale)
        grids = project.grids
        index = pd.Index(grids["code"].astype(str))
        extra = [c for c in grids.columns if c != grids.geometry.name and c not in GRID_COLUMNS]
        self._ensure_columns(cur, GRIDS, grids[extra])
        if removed:
            cur.execute(sql.SQL("DELETE FROM {} WHERE code = ANY(%s)").format(self._t(GRIDS)), (removed,))
        cols = [c for c in grids.columns if c != grids.geometry.name]
        if changed:
            part = grids.iloc[index.get_indexer(changed)]
            self._copy_grids(cur, "_changed", part, cols)
            cur.execute(sql.SQL("UPDATE {t} g SET {sets}, geom = c.geom FROM _changed c WHERE g.code = c.code")
                        .format(t=self._t(GRIDS), sets=sql.SQL(", ").join(
                            sql.SQL("{0} = c.{0}").format(sql.Identifier(c)) for c in cols if c != "code")))
        if added:
            part = grids.iloc[index.get_indexer(added)]
            copy_in(cur, self._t(GRIDS), part[cols], {"geom": ewkb_hex(part.geometry.values, multi=True)})
        self._sync_grids(cur, project, meta)
        cur.execute(sql.SQL("SELECT code, version FROM {}").format(self._t(GRIDS)))
        versions = dict(cur.fetchall())
        # grids another desk removed stay as loaded: a later change to them is refused
        loaded.grids = {code: (versions[code], row) if code in versions else old[code]
                        for code, row in _grid_rows(project.grids).items()}
        notice(cur, self.schema, "grids", None, len(touched), sorted(touched))
        return touched

    def _copy_grids(self, cur, name: str, part, cols: list[str]) -> None:
        """``part`` of the grids copied into a new temporary table ``name``."""
        cur.execute(sql.SQL("CREATE TEMP TABLE {} ON COMMIT DROP AS SELECT {} , geom FROM {} LIMIT 0").format(
            sql.Identifier(name), sql.SQL(", ").join(map(sql.Identifier, cols)), self._t(GRIDS)))
        copy_in(cur, sql.Identifier(name), part[cols], {"geom": ewkb_hex(part.geometry.values, multi=True)})

    def _sync_grids(self, cur, project, meta: dict) -> None:
        """Take the grids as stored now (in stored order, with other desks' edits) and, if the records were
        assigned to the grids in memory, say that they are assigned to these: each desk's commit re-assigned the
        records of the grids it changed (the grids' fingerprint covers their order)."""
        from gridmap.core.records.assign import grids_fingerprint

        grids = project.grids
        stored, _ = self._read_grids(cur, GRIDS, self._tables_of(cur, GRIDS))
        if list(grids["code"]) == list(stored["code"]) and _grid_rows(grids) == _grid_rows(stored):
            return
        assigned = meta.get("assigned_to") == grids_fingerprint(grids)
        project.grids = stored
        if assigned:
            meta["assigned_to"] = grids_fingerprint(stored)

    def _refuse(self, cur, codes: list[str]) -> None:
        """Refuse a grid edit on grids changed since loading, naming the last change to them."""
        cur.execute(sql.SQL("""SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), desk, who,
            what, description FROM {} WHERE codes && %s ORDER BY fid DESC LIMIT 1""").format(self._t(EDIT_LOG)),
            (codes,))
        last = cur.fetchone()
        shown = ", ".join(sorted(codes)[:5]) + ("…" if len(codes) > 5 else "")
        if last is None:
            message = tr("grids {codes} were changed by another program since this project was loaded; nothing "
                         "was saved: reload the project and edit again", codes=shown)
        else:
            at, where, who, what, description = last
            message = tr("grids {codes} were changed by {who} at {desk} at {at} ({what}: {description}) since "
                         "this project was loaded; nothing was saved: reload the project and edit again",
                         codes=shown, who=who or "?", desk=where or "?", at=at, what=what or "?",
                         description=description or "")
        raise GridMapError(message, self.label)

    def _save_plans(self, cur, project, loaded: _Loaded) -> None:
        plans = {name: _grid_rows(frame) for name, frame in project.plans.items()}
        if plans == loaded.plans:
            return
        cur.execute(sql.SQL("DELETE FROM {}").format(self._t(PLANS)))
        for name, frame in project.plans.items():
            cols = [c for c in frame.columns if c != frame.geometry.name]
            self._ensure_columns(cur, PLANS, frame[[c for c in cols if c not in GRID_COLUMNS]])
            copy_in(cur, self._t(PLANS), frame[cols].assign(plan=name),
                    {"geom": ewkb_hex(frame.geometry.values, multi=True)})
        loaded.plans = plans
        notice(cur, self.schema, "plans", None, len(plans))

    def _ensure_columns(self, cur, table: str, frame: pd.DataFrame) -> dict[str, str]:
        """Add the columns of ``frame`` that ``table`` lacks; the table's columns' types."""
        types = self._tables_of(cur, table)
        for col in frame.columns:
            if col in RESERVED and table not in (GRIDS, PLANS):
                raise GridMapError(tr("the {layer} layer has a column named {column}, which a database project "
                                      "keeps for itself; rename it", layer=table, column=col))
            if str(col) not in types:
                # IF NOT EXISTS: another desk's import may add the same column at the same time
                cur.execute(sql.SQL("ALTER TABLE {} ADD COLUMN IF NOT EXISTS {} {}").format(
                    self._t(table), sql.Identifier(str(col)), sql.SQL(pg_type(frame[col].dtype))))
                types[str(col)] = pg_type(frame[col].dtype)
                pg_query.columns_added(cur, self.schema, table, [str(col)])
                pg_roles.refresh(cur, self.schema)  # the masked view shows the new column
        return types

    def _tables_of(self, cur, table: str) -> dict[str, str]:
        """The columns of ``table`` and their types."""
        cur.execute("""SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
            WHERE a.attrelid = to_regclass(%s) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""",
                    (self._t(table).as_string(cur),))
        return {c: ("timestamptz" if t.startswith("timestamp with") else t) for c, t in cur.fetchall()}

    def _save_layer(self, cur, name: str, frame: pd.DataFrame, loaded: _Loaded) -> None:
        """Write a record layer's changes: nothing, appended rows, re-assigned grids, or all rows loaded replaced."""
        from gridmap.core.project.kinds import GRID

        state = loaded.layers.get(name)
        if name not in loaded.tables:
            loaded.tables[name] = create_record_table(cur, self.schema, name, frame)
            self._insert(cur, name, frame, loaded)
            notice(cur, self.schema, "records", name, len(frame))
            return
        if state is None:  # replaced without being read: the new frame is the layer
            cur.execute(sql.SQL("DELETE FROM {}").format(self._t(name)))
            self._insert(cur, name, frame, loaded)
            notice(cur, self.schema, "records", name, len(frame))
            return
        n = len(state.fids)
        rest, grid = _layer_hashes(frame)
        same_shape = _signature(frame) == state.columns and len(frame) >= n
        if same_shape and np.array_equal(rest[:n], state.rest):
            moved = np.flatnonzero(grid[:n] != state.grid)
            if len(moved):
                part = pd.DataFrame({"fid": state.fids[moved], GRID: frame[GRID].iloc[moved].to_numpy(object)})
                cur.execute("CREATE TEMP TABLE _moved (fid bigint, grid_code text) ON COMMIT DROP")
                copy_in(cur, sql.Identifier("_moved"), part)
                cur.execute(sql.SQL("UPDATE {} t SET grid_code = m.grid_code FROM _moved m WHERE t.fid = m.fid")
                            .format(self._t(name)))
                cur.execute("DROP TABLE _moved")
            tail = frame.iloc[n:]
            if len(tail):
                self._insert(cur, name, tail, loaded, keep=state)
            state.grid = grid
            if len(moved) or len(tail):
                notice(cur, self.schema, "records", name, len(tail))
            return
        cur.execute(sql.SQL("DELETE FROM {} WHERE fid = ANY(%s)").format(self._t(name)), (state.fids.tolist(),))
        self._insert(cur, name, frame, loaded)
        notice(cur, self.schema, "records", name, len(frame))

    def _insert(self, cur, name: str, frame: pd.DataFrame, loaded: _Loaded, keep: _Layer | None = None) -> None:
        """COPY ``frame`` into layer ``name`` with fids taken from its sequence (remembered, so that a later save
        of the same project knows these rows); ``keep``: the rows loaded before them."""
        types = self._ensure_columns(cur, name, frame)
        loaded.tables[name] = {c: t for c, t in types.items() if c not in RESERVED}
        fids = self._copy_rows(cur, name, frame)
        rest, grid = _layer_hashes(frame)
        if keep is not None:
            keep.fids, keep.rest = np.concatenate([keep.fids, fids]), np.concatenate([keep.rest, rest])
        else:
            loaded.layers[name] = _Layer(_signature(frame), fids, rest, grid)

    def _copy_rows(self, cur, name: str, frame: pd.DataFrame) -> np.ndarray:
        """COPY ``frame`` into layer ``name`` (its columns there already); the fids given to its rows, taken from
        the table's sequence in the frame's order. A batch of up to :data:`SORTED_BATCH` rows goes in by grid and
        position, so that consecutive index insertions (grid code B-tree, GiST) touch neighbouring pages: a fifth
        faster on a large table whose indexes the server's buffers cannot hold."""
        from gridmap.core.project.kinds import GRID, KINDS

        cur.execute("SELECT array_agg(nextval(pg_get_serial_sequence(%s, 'fid'))) FROM generate_series(1, %s)",
                    (self._t(name).as_string(cur), len(frame)))
        fids = np.array(cur.fetchone()[0] or [], dtype="int64")
        extra = {"fid": fids}
        if name in KINDS and KINDS[name].points:
            extra["geom"] = point_ewkb(frame["lon"], frame["lat"])
        if GRID in frame.columns and 1 < len(frame) <= SORTED_BATCH:
            keys = [frame[GRID].to_numpy(str)] + ([frame["lon"].to_numpy(float)] if "geom" in extra else [])
            order = np.lexsort(keys[::-1])
            frame, extra = frame.iloc[order], {k: v[order] for k, v in extra.items()}
        copy_in(cur, self._t(name), frame, extra)
        return fids

    def _reassign_unseen(self, cur, project, loaded: _Loaded, codes: list[str]) -> None:
        """Assign, against the grids just written, the records in the changed grids that this project did not
        load (imported by other desks since): the records loaded were re-assigned by the edit itself."""
        from gridmap.core.project.kinds import KINDS
        from gridmap.core.project.meta import overrides

        for name in loaded.tables:
            if name not in KINDS or not KINDS[name].points:
                continue
            cur.execute(sql.SQL("""SELECT t.fid, t.id FROM {t} t WHERE t.grid_code = ANY(%(codes)s)
                OR EXISTS (SELECT 1 FROM {g} g WHERE g.code = ANY(%(codes)s) AND ST_Intersects(g.geom, t.geom))""")
                        .format(t=self._t(name), g=self._t(GRIDS)), {"codes": codes})
            rows = cur.fetchall()
            state = loaded.layers.get(name)
            seen = state.fids if state is not None else np.array([], "int64")
            manual = overrides(project.meta, name)
            fids = [fid for fid, rid in rows if rid not in manual and not np.isin(fid, seen)]
            if fids:
                cur.execute(sql.SQL("""UPDATE {t} t SET grid_code = coalesce((SELECT g.code FROM {g} g
                    WHERE ST_Covers(g.geom, t.geom) ORDER BY g.fid LIMIT 1), '') WHERE t.fid = ANY(%s)""")
                            .format(t=self._t(name), g=self._t(GRIDS)), (fids,))

    def _save_meta(self, cur, meta: dict, loaded: _Loaded) -> None:
        texts = {k: json.dumps(v, sort_keys=True) for k, v in meta.items() if k != EDIT_LOG_KEY}
        changed = {k: t for k, t in texts.items() if loaded.meta.get(k) != t}
        removed = [k for k in loaded.meta if k not in texts]
        if changed:
            cur.executemany(sql.SQL("""INSERT INTO {} (key, value) VALUES (%s, %s::jsonb)
                ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value""").format(self._t(META)),
                            [(k, json.dumps(meta[k], ensure_ascii=False)) for k in changed])
        if removed:
            cur.execute(sql.SQL("DELETE FROM {} WHERE key = ANY(%s)").format(self._t(META)), (removed,))
        if "private_columns" in changed or "private_columns" in removed:
            pg_roles.refresh(cur, self.schema)  # the masked views mask the columns marked private
        loaded.meta = texts
        if set(changed) - {"modified"} or removed:
            notice(cur, self.schema, "meta", None, len(changed) + len(removed))

    def _append_edits(self, cur, entries: list[dict], loaded: _Loaded) -> None:
        new = entries[loaded.edits:]
        if new:
            cur.executemany(sql.SQL("""INSERT INTO {} (desk, who, what, description, codes, entry)
                VALUES (%s, %s, %s, %s, %s, %s::jsonb)""").format(self._t(EDIT_LOG)),
                            [(desk(), e.get("who"), e.get("what"), e.get("description"),
                              sorted({*map(str, e.get("before") or []), *map(str, e.get("after") or [])}),
                              json.dumps(e, ensure_ascii=False)) for e in new])
        loaded.edits = len(entries)

    def _append_audit(self, cur, entries: list[dict]) -> None:
        from gridmap.core.project.privacy import AUDIT_COLUMNS

        if entries:
            cur.executemany(sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
                self._t(AUDIT), sql.SQL(", ").join(map(sql.Identifier, AUDIT_COLUMNS)),
                sql.SQL(", ").join(sql.Placeholder() * len(AUDIT_COLUMNS))),
                [tuple(e.get(c) for c in AUDIT_COLUMNS) for e in entries])

    def append_audit(self, entries: list[dict], project=None) -> None:
        """Append audit rows at once, in their own transaction (``project``: the project they are about, loaded
        from here, which then holds them already)."""
        with self._transaction() as cur:
            self._append_audit(cur, entries)
        loaded = project.stored.get(STORED) if project is not None else None
        if loaded is not None:
            loaded.audit += len(entries)

    # --- appending and creating ----------------------------------------------------------------------------

    def append_records(self, kind: str, frame: pd.DataFrame, meta: dict | None = None) -> None:
        """Append already-assigned rows of ``kind`` (and write the ``meta`` keys but the edit log) in one
        transaction; appends from many desks at once never conflict."""
        meta = {k: v for k, v in (meta or {}).items() if k != EDIT_LOG_KEY}
        with self._transaction() as cur:
            if kind not in self._record_tables(self._tables(cur)):
                cur.execute(sql.SQL("LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE").format(self._t(META)))
                if kind not in self._record_tables(self._tables(cur)):
                    create_record_table(cur, self.schema, kind, frame)
            self._ensure_columns(cur, kind, frame)
            self._copy_rows(cur, kind, frame)
            if meta:
                cur.executemany(sql.SQL("""INSERT INTO {} (key, value) VALUES (%s, %s::jsonb)
                    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value""").format(self._t(META)),
                                [(k, json.dumps(v, ensure_ascii=False)) for k, v in meta.items()])
            notice(cur, self.schema, "records", kind, len(frame))

    def record_counts(self, kind: str, filt=None):
        """Records of ``kind`` per grid code, category and status passing ``filt``, counted by the database
        (see :func:`gridmap.store.pg_query.record_counts`)."""
        with self._transaction(read_only=True) as cur:
            return pg_query.record_counts(cur, self.schema, kind, filt)

    def points_in(self, kind: str, bbox, zoom: int, filt=None, outside: bool = False):
        """Points of ``kind`` in a lon/lat box, clustered by the database when zoomed out (see
        :func:`gridmap.store.pg_query.points_in`)."""
        with self._transaction(read_only=True) as cur:
            return pg_query.points_in(cur, self.schema, kind, bbox, zoom, filt, outside)

    def time_range(self, kind: str):
        """The first and last record time of ``kind``, read from an index (see
        :func:`gridmap.store.pg_query.time_range`)."""
        with self._transaction(read_only=True) as cur:
            return pg_query.time_range(cur, self.schema, kind)

    def count_rows(self, kind: str, filt=None):
        """The records of ``kind`` passing ``filt``, counted by the database (see :meth:`ProjectStore.count_rows`)."""
        with self._transaction(read_only=True) as cur:
            return pg_query.count_rows(cur, self.schema, kind, filt)

    def read_rows(self, kind: str, filt=None, start: int = 0, limit: int = 100, order=None):
        """A page of the records of ``kind`` passing ``filt`` (see :meth:`ProjectStore.read_rows`), found by
        keyset (:func:`gridmap.store.pg_query.page_fids`) and read as :meth:`read_layer` reads the layer (a
        viewer's through the masked view)."""
        with self._transaction(read_only=True) as cur:
            fids = pg_query.page_fids(cur, self.schema, kind, filt, start, limit, order, self._marks)
            return None if fids is None else self._rows_of(cur, kind, fids)

    def read_record(self, kind: str, record_id: str):
        """The record of ``kind`` whose id is ``record_id`` (see :meth:`ProjectStore.read_record`)."""
        with self._transaction(read_only=True) as cur:
            if kind not in self._record_tables(self._tables(cur)):
                return None
            fid = pg_query.record_fid(cur, self.schema, kind, record_id)
            return self._rows_of(cur, kind, [] if fid is None else [fid])

    def _rows_of(self, cur, kind: str, fids: list[int]) -> pd.DataFrame:
        """The rows of layer ``kind`` with the fids ``fids``, in that order, as :meth:`_read_layer` reads them."""
        types = self._record_tables(self._tables(cur))[kind]
        query = sql.SQL("SELECT fid, {} FROM {} WHERE fid = ANY({})").format(
            select_list(types), self._t(pg_roles.readable(cur, self.schema, kind)), sql.Literal(fids))
        frame = _record_texts(copy_out(cur, query, {"fid": "bigint", **types}), kind, types)
        at = pd.Index(frame.pop("fid").to_numpy("int64")).get_indexer(fids)
        return frame.iloc[at[at >= 0]].reset_index(drop=True)

    def create(self, project, force: bool = False, progress: ProgressFn = no_progress) -> dict[str, int]:
        """Copy ``project`` whole into the schema in one transaction (refused if the schema exists, unless
        ``force``: then it is replaced); the counts written."""
        with self._transaction() as cur:
            cur.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (self.schema,))
            if cur.fetchone():
                if not force:
                    raise GridMapError(tr("schema {schema} exists; use --force to replace it",
                                          schema=self.schema), self.label)
                cur.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(self.schema)))
            cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")
            if not cur.fetchone():
                raise GridMapError(tr("the database has no PostGIS: run CREATE EXTENSION postgis in it first"),
                                   self.label)
            create_schema(cur, self.schema)
            loaded = _Loaded(self.url.saved(), plans={})
            meta = dict(project.meta)
            progress(0.05, tr("Writing grids"))
            self._save_grids(cur, project, loaded, meta)
            self._save_plans(cur, project, loaded)
            names = list(project.layers)
            for i, name in enumerate(names):
                progress(0.1 + 0.85 * i / max(len(names), 1), tr("Writing {name}", name=name))
                self._save_layer(cur, name, project.layers[name], loaded)
            self._save_meta(cur, meta, loaded)
            self._append_edits(cur, meta.get(EDIT_LOG_KEY) or [], loaded)
            self._append_audit(cur, project.audit)
            loaded.audit = len(project.audit)
            pg_roles.refresh(cur, self.schema)
        project.meta = meta
        project.stored[STORED] = loaded
        progress(1.0, tr("Saved"))
        return {"grids": len(project.grids), "plans": len(project.plans),
                **{name: project.layers.count(name) for name in project.layers}}
