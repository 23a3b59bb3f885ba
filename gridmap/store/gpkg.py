"""Where projects live. :class:`GpkgStore` keeps a project in one GeoPackage that GDAL and QGIS open:
a ``grids`` layer, the record layers, the grid plans not in use (layer ``grid_plans``, one row per grid with
its ``plan``), a ``gridmap_meta`` attribute table (key -> JSON value) and an ``audit_log`` attribute table
(one row per reveal of personal data, see :mod:`gridmap.core.project.privacy`).

Saves are atomic: the new file is written in a private folder beside the old one (a new folder with an
unpredictable name), flushed to disk and renamed over it, so a crash or kill during a save leaves the
previous project intact; the next save removes what a killed one left. A save keeps the file's permission bits
and refuses a read-only file. Loading reads and assigns nothing; the lock is :class:`~gridmap.store.base.ProjectLock`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import stat
import tempfile
from contextlib import closing
from pathlib import Path

from gridmap.core.clock import local_times, now, utc_times
from gridmap.core.errors import BoundaryFileGiven, GridMapError
from gridmap.core.i18n import tr
from gridmap.core.io.sqlite import META_TABLE, has_table, quoted, sqlite_uri
from gridmap.core.progress import ProgressFn, no_progress
from gridmap.store.gpkg_query import (TOTALS, add_totals_table, count_rows, page_fids, points_in, prepare_layer,
                                      record_counts, record_fids, time_range)
from gridmap.store.base import ProjectLock, ProjectStore

GRIDS = "grids"
PLANS = "grid_plans"
PLAN = "plan"
AUDIT = "audit_log"
# The standard columns of the grids layer.
GRID_COLUMNS = ("code", "name", "district", "street", "community", "households")
# The GeoPackage version written: 1.2, which GDAL 3.6 and QGIS 3.22 open without warnings (1.4 they warn about).
GPKG_OPTIONS = {"VERSION": "1.2"}
# The tables of a project file that are not record layers.
SPECIAL = (GRIDS, META_TABLE, PLANS, AUDIT, TOTALS)



def _kept_mode(path: Path) -> int | None:
    """The permission bits a save keeps (None for a new file); GridMapError if the file is read-only."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    if not st.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise GridMapError(tr("the project file is read-only; nothing was saved (make it writable or save it "
                              "under another name)"), path)
    return stat.S_IMODE(st.st_mode)


def _remove_stale_saves(path: Path) -> None:
    """Remove what killed saves of ``path`` left: their folders, and the temporary files and SQLite journals
    of older GridMap versions (``.<stem>.<pid>.saving.gpkg`` and its ``-journal``)."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.saving"
                         rf"|\.{re.escape(path.stem)}\.\d+\.saving\.gpkg(-journal|-wal|-shm)?")
    for stale in path.parent.iterdir():
        if not pattern.fullmatch(stale.name):
            continue
        try:
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale)
            else:
                stale.unlink()
        except OSError:
            pass


def _roll_back_killed_save(path: Path) -> None:
    """Undo what a save killed in its transaction left in ``path`` (a hot rollback journal, which GDAL, opening
    the file read-only, cannot roll back): SQLite rolls it back when the file is next read with write access."""
    if not Path(f"{path}-journal").exists() or not os.access(path, os.W_OK):
        return
    try:
        with closing(sqlite3.connect(path, timeout=1)) as db:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        pass  # a save is running (its journal is not hot): GDAL reads the committed state


def _fsync_dir(directory: Path) -> None:
    if os.name == "nt":
        return  # Windows cannot open a folder for fsync; MoveFileEx replaces atomically
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class GpkgStore(ProjectStore):
    """A project in a GeoPackage file."""

    def __init__(self, path: Path | str):
        self.path = Path(path)

    def exists(self) -> bool:
        return self.path.exists()

    def lock(self, new: bool = False) -> ProjectLock:
        """Lock the project file, which must exist unless ``new`` (a lock file is never left for a missing one)."""
        if not new:
            check_project_file(self.path)
        return ProjectLock(self.path).acquire()

    def load(self):
        import pyogrio

        from gridmap.core.project.model import Project, forget_source_paths

        from gridmap.core.io.reader import gdal_message, not_recognised

        check_project_file(self.path)
        _roll_back_killed_save(self.path)
        try:
            names = [str(n) for n in pyogrio.list_layers(self.path)[:, 0]]
        except Exception as err:
            if self.path.suffix.lower() != ".gpkg" or not_recognised(err):
                raise GridMapError(tr("not a GridMap project (a project is a GeoPackage, .gpkg, made by GridMap)"),
                                   self.path) from None
            raise GridMapError(tr("not a readable GeoPackage ({error})", error=gdal_message(err)),
                               self.path) from None
        if GRIDS not in names and META_TABLE not in names and names:
            raise BoundaryFileGiven(tr("is a boundary file, not a GridMap project"), self.path)
        if GRIDS not in names or META_TABLE not in names:
            raise GridMapError(tr("not a GridMap project (no grids layer or metadata)"), self.path)
        from gridmap.core.project.lazy import LazyLayers

        grids = pyogrio.read_dataframe(self.path, layer=GRIDS)
        missing = [c for c in GRID_COLUMNS if c not in grids.columns]
        if missing:
            raise GridMapError(tr("damaged project: the grids layer has no {columns} column",
                                  columns=", ".join(missing)), self.path)
        grids = _grid_columns(grids)
        plans = _read_plans(self.path) if PLANS in names else {}
        meta = _read_meta(self.path)
        forget_source_paths(meta)
        stored = _stored_state(self.path, grids, plans, meta, [n for n in names if n not in SPECIAL])
        layers = LazyLayers(names=stored["names"], loader=lambda name: self._read_tracked(name, stored),
                            counter=self.count_layer, aggregator=self.record_counts, pointer=self.points_in,
                            time_range=self.time_range, rows=self)
        project = Project(grids, meta, self.path, layers, plans, load_audit(self.path))
        project.stored = stored
        return project

    def _read_tracked(self, name: str, stored: dict):
        """A layer read for a loaded project, its fingerprint kept to tell at save whether it changed."""
        frame = self.read_layer(name)
        stored["layers"][name] = _fingerprint(frame)
        return frame

    def read_layer(self, name: str):
        return _read_layer(self.path, name)

    def count_layer(self, name: str) -> int:
        with closing(sqlite3.connect(sqlite_uri(self.path.absolute()), uri=True)) as db:
            row = db.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = ?", (name,)).fetchone() \
                if has_table(db, "gpkg_ogr_contents") else None
            if row is not None and row[0] is not None:
                return int(row[0])
            return int(db.execute(f"SELECT count(*) FROM {quoted(name)}").fetchone()[0])

    def record_counts(self, kind: str, filt=None):
        """Records of ``kind`` per grid, category and status passing ``filt``, counted by SQLite (see
        :func:`gridmap.store.gpkg_query.record_counts`)."""
        return record_counts(self.path, kind, filt)

    def points_in(self, kind: str, bbox, zoom: int, filt=None, outside: bool = False):
        """The points (or clusters) of ``kind`` in a lon/lat box (see :func:`gridmap.store.gpkg_query.points_in`)."""
        return points_in(self.path, kind, bbox, zoom, filt, outside)

    def time_range(self, kind: str):
        """The first and last record time of ``kind`` (see :func:`gridmap.store.gpkg_query.time_range`)."""
        return time_range(self.path, kind)

    def count_rows(self, kind: str, filt=None):
        """The records of ``kind`` passing ``filt``, counted by SQLite (see :meth:`ProjectStore.count_rows`)."""
        return count_rows(self.path, kind, filt)

    def read_rows(self, kind: str, filt=None, start: int = 0, limit: int = 100, order=None):
        """A page of the records of ``kind`` passing ``filt`` (see :meth:`ProjectStore.read_rows`): their fids
        found by keyset in SQLite (:func:`gridmap.store.gpkg_query.page_fids`), the rows read as the layer is."""
        fids = page_fids(self.path, kind, filt, start, limit, order)
        return None if fids is None else _rows_of(self.path, kind, fids)

    def read_record(self, kind: str, record_id: str):
        """The record of ``kind`` whose id is ``record_id`` (see :meth:`ProjectStore.read_record`)."""
        fids = record_fids(self.path, kind, record_id)
        return None if fids is None else _rows_of(self.path, kind, fids)

    def layer_names(self) -> list[str]:
        import pyogrio

        return [str(n) for n in pyogrio.list_layers(self.path)[:, 0] if str(n) not in SPECIAL]

    def stored_ids(self, kind: str, ids) -> set[str]:
        ids = [str(i) for i in ids]
        with closing(sqlite3.connect(sqlite_uri(self.path.absolute()), uri=True)) as db:
            if not has_table(db, kind):
                return set()
            return {str(i) for (i,) in db.execute(f"SELECT DISTINCT id FROM {quoted(kind)} WHERE id IN "
                                                  "(SELECT value FROM json_each(?))", (json.dumps(ids),))}

    def append_records(self, kind: str, frame, meta: dict) -> None:
        _kept_mode(self.path)
        check_project_file(self.path)
        meta = {**meta, "modified": now()}
        with closing(sqlite3.connect(sqlite_uri(self.path.absolute()), uri=True)) as db:
            exists = has_table(db, kind)
        self._transaction(meta, None, {} if exists else {kind: frame}, {kind: frame} if exists else {}, [])

    def save(self, project, progress: ProgressFn = no_progress) -> None:
        import pyogrio
        import pyogrio.errors

        self.path.parent.mkdir(parents=True, exist_ok=True)
        mode = _kept_mode(self.path)
        meta = {**project.meta, "modified": now()}
        _remove_stale_saves(self.path)  # saves run under the project lock
        if self._loaded_here(project):
            self._save_in_place(project, meta, progress)
            return
        layers = dict(project.layers.items())  # every layer, read from where it was loaded
        folder = None
        try:
            folder = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.", suffix=".saving", dir=self.path.parent))
            tmp = folder / self.path.name
            progress(0.1, tr("Writing grids"))
            pyogrio.write_dataframe(project.grids, tmp, layer=GRIDS, driver="GPKG", dataset_options=GPKG_OPTIONS)
            for i, (name, frame) in enumerate(layers.items()):
                progress(0.5 + 0.4 * i / len(layers), tr("Writing {name}", name=name))
                _write_layer(frame, tmp, name)
            if project.plans:
                _write_plans(project.plans, tmp)
            self._write_meta(tmp, meta)
            if project.audit:
                append_audit(tmp, project.audit)
            if mode is not None:
                os.chmod(tmp, mode)
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
            _fsync_dir(self.path.parent)
        except (OSError, sqlite3.Error, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as err:
            raise GridMapError(tr("cannot save; the previous file is unchanged ({error})",
                                  error=str(err).splitlines()[0] if str(err) else type(err).__name__),
                               self.path) from None
        finally:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
        project.meta = meta
        project.path = self.path
        project.stored = _stored_state(self.path, project.grids, project.plans, meta, list(layers))
        project.stored["layers"] = {name: _fingerprint(frame) for name, frame in layers.items()}
        progress(1.0, tr("Saved"))

    def _loaded_here(self, project) -> bool:
        """Whether ``project`` was loaded from (or last saved to) this very file, which is still there."""
        stored = project.stored
        return bool(stored) and stored.get("path") == str(self.path.resolve()) and \
            stored.get("file") == _file_id(self.path)

    def _save_in_place(self, project, meta: dict, progress: ProgressFn) -> None:
        """Write what changed since the load into the file, in one SQLite transaction."""
        stored = project.stored
        grids_same = _unchanged(project.grids, stored["grids"])
        plans = project.plans if _plans_fingerprint(project.plans) != stored["plans"] else None
        replace, append = {}, {}
        if not grids_same:
            replace[GRIDS] = project.grids
        for name, frame in project.layers.read().items():
            before = stored["layers"].get(name)
            if before is not None and _unchanged(frame, before):
                continue
            grown = before is not None and _grown(frame, before, grids_same and _same_key(
                meta, stored["meta"], "overrides"))
            if grown:
                append[name] = frame.iloc[before["n"]:]
            else:
                replace[name] = frame
        drop = [name for name in stored["names"] if name not in project.layers]
        progress(0.1, tr("Writing {name}", name=self.path.name))
        self._transaction(_meta_changes(meta, stored["meta"]), plans, replace, append, drop)
        for name, frame in project.layers.read().items():
            stored["layers"][name] = _fingerprint(frame)
        stored.update(grids=_fingerprint(project.grids), plans=_plans_fingerprint(project.plans),
                      meta=_meta_copy(meta), names=list(project.layers), file=_file_id(self.path))
        project.meta = meta
        project.path = self.path
        progress(1.0, tr("Saved"))

    def _transaction(self, meta: dict, plans: dict | None, replace: dict, append: dict, drop: list) -> None:
        """One SQLite transaction on the project file: the tables of ``replace`` (name -> frame) written anew,
        the rows of ``append`` added, the layers ``drop`` removed, ``plans`` (None: unchanged) written and the
        metadata keys of ``meta`` set (a value None removes a key). The new tables and rows are first written
        with GDAL to a GeoPackage in a private folder, then copied in; a kill leaves the old or the new state
        (SQLite's rollback journal)."""
        import pyogrio
        import pyogrio.errors

        folder = db = None
        try:
            folder = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.", suffix=".saving", dir=self.path.parent))
            source = folder / "changes.gpkg"
            written = False
            if GRIDS in replace:
                pyogrio.write_dataframe(replace[GRIDS], source, layer=GRIDS, driver="GPKG",
                                        dataset_options=GPKG_OPTIONS)
                written = True
            for name, frame in {**replace, **append}.items():
                if name != GRIDS:
                    _write_layer(frame, source, name)
                    written = True
            if plans:
                _write_plans(plans, source)
                written = True
            db = sqlite3.connect(self.path, isolation_level=None)
            db.execute("PRAGMA journal_mode = DELETE")
            db.execute("PRAGMA synchronous = FULL")
            if written:
                db.execute("ATTACH DATABASE ? AS src", (str(source),))
            db.execute("BEGIN IMMEDIATE")
            for name in drop:
                _drop_table(db, name)
            if plans is not None:
                _drop_table(db, PLANS)
                if plans:
                    _copy_table(db, PLANS)
            for name in replace:
                _drop_table(db, name)
                _copy_table(db, name)
            for name in append:
                _append_rows(db, name)
            for key, value in meta.items():
                if value is None:
                    db.execute(f"DELETE FROM {META_TABLE} WHERE key = ?", (key,))
                else:
                    db.execute(f"INSERT OR REPLACE INTO {META_TABLE} VALUES (?, ?)",
                               (key, json.dumps(value, ensure_ascii=False)))
            db.execute("COMMIT")
        except (OSError, sqlite3.Error, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as err:
            if db is not None and db.in_transaction:
                db.execute("ROLLBACK")
            raise GridMapError(tr("cannot save; the previous file is unchanged ({error})",
                                  error=str(err).splitlines()[0] if str(err) else type(err).__name__),
                               self.path) from None
        finally:
            if db is not None:
                db.close()
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)

    @staticmethod
    def _write_meta(path: Path, meta: dict) -> None:
        db = sqlite3.connect(path)
        try:
            with db:
                db.execute(f"CREATE TABLE {META_TABLE} (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
                db.executemany(f"INSERT INTO {META_TABLE} VALUES (?, ?)",
                               [(k, json.dumps(v, ensure_ascii=False)) for k, v in meta.items()])
                db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
                           "VALUES (?, 'attributes', ?, 'GridMap project metadata')", (META_TABLE, META_TABLE))
        finally:
            db.close()


def check_project_file(path: Path) -> None:
    """GridMapError if ``path`` is missing; :class:`BoundaryFileGiven` if it is a boundary file GridMap reads
    (a Shapefile, GeoJSON, KML or zip: a project is a GeoPackage)."""
    from gridmap.core.io.reader import SUPPORTED

    if not path.exists():
        raise GridMapError(tr("project file not found"), path)
    if path.suffix.lower() in SUPPORTED and path.suffix.lower() != ".gpkg" and path.is_file():
        raise BoundaryFileGiven(tr("is a boundary file, not a GridMap project"), path)


def append_audit(path: Path, entries: list[dict]) -> None:
    """Append audit rows to the project file ``path`` in one transaction (creating the table, registered as a
    GeoPackage attribute table, the first time)."""
    from gridmap.core.project.privacy import AUDIT_COLUMNS

    db = sqlite3.connect(path)
    try:
        with db:
            if not has_table(db, AUDIT):
                db.execute(f"CREATE TABLE {AUDIT} (fid INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT, user TEXT, "
                           "host TEXT, action TEXT, layer TEXT, records INTEGER, output TEXT, reason TEXT)")
                db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
                           "VALUES (?, 'attributes', ?, 'GridMap reveals of personal data')", (AUDIT, AUDIT))
            names, marks = ", ".join(AUDIT_COLUMNS), ", ".join("?" * len(AUDIT_COLUMNS))
            db.executemany(f"INSERT INTO {AUDIT} ({names}) VALUES ({marks})",
                           [tuple(e.get(c) for c in AUDIT_COLUMNS) for e in entries])
    except sqlite3.Error as err:
        raise GridMapError(tr("cannot record the reveal in the audit log ({error})", error=err), path) from None
    finally:
        db.close()


def load_audit(path: Path) -> list[dict]:
    """The audit rows of the project file ``path``, oldest first (none when it has no audit log)."""
    from gridmap.core.project.privacy import AUDIT_COLUMNS

    with sqlite3.connect(sqlite_uri(Path(path).absolute()), uri=True) as db:
        if not has_table(db, AUDIT):
            return []
        rows = db.execute(f"SELECT {', '.join(AUDIT_COLUMNS)} FROM {AUDIT} ORDER BY fid").fetchall()
    return [dict(zip(AUDIT_COLUMNS, row)) for row in rows]


def _read_meta(path: Path) -> dict:
    """The ``gridmap_meta`` table as a dict; GridMapError naming the key whose value is not JSON."""
    try:
        with closing(sqlite3.connect(sqlite_uri(path.absolute()), uri=True)) as db:
            rows = db.execute(f"SELECT key, value FROM {META_TABLE}").fetchall()
    except sqlite3.Error as err:
        raise GridMapError(tr("damaged project: cannot read its metadata ({error})", error=err), path) from None
    meta = {}
    for key, value in rows:
        try:
            meta[str(key)] = json.loads(value)
        except (TypeError, ValueError):
            raise GridMapError(tr("damaged project: the metadata {key} is not valid JSON", key=repr(key)),
                               path) from None
    return meta


def _grid_columns(grids):
    """Grids as read back: codes as text, the standard text columns without nulls, households as Int64."""
    from gridmap.core.grids.build import code_text

    grids["code"] = code_text(grids["code"])
    for column in ("name", "district", "street", "community"):
        grids[column] = grids[column].astype("string").fillna("")
    grids["households"] = grids["households"].astype("Int64")
    return grids


def _write_plans(plans: dict, path: Path) -> None:
    """All plans in one layer, each polygon kept as it is (no promotion to multipolygons)."""
    import pandas as pd
    import pyogrio

    frames = [frame.assign(**{PLAN: name})[[PLAN, *frame.columns]] for name, frame in plans.items()]
    pyogrio.write_dataframe(pd.concat(frames, ignore_index=True), path, layer=PLANS, driver="GPKG",
                            geometry_type="Unknown", promote_to_multi=False,
                            dataset_options=None if path.exists() else GPKG_OPTIONS)


def _read_plans(path: Path) -> dict:
    import pyogrio

    frame = pyogrio.read_dataframe(path, layer=PLANS)
    return {str(name): _grid_columns(part.drop(columns=PLAN).reset_index(drop=True))
            for name, part in frame.groupby(PLAN, sort=False)}


def _write_layer(frame, path: Path, name: str) -> None:
    """A record layer: points (lon/lat) as a point layer QGIS shows, other tables as attribute tables."""
    import pyarrow as pa
    import pyogrio

    from gridmap.core.project.kinds import KINDS

    table = pa.Table.from_pandas(utc_times(frame), preserve_index=False)
    options = None if path.exists() else GPKG_OPTIONS
    if name in KINDS and KINDS[name].points:
        pyogrio.write_arrow(table.append_column("geom", _point_wkb(frame["lon"], frame["lat"])), path, layer=name,
                            driver="GPKG", geometry_name="geom", geometry_type="Point", crs="EPSG:4490",
                            layer_options={"SPATIAL_INDEX": "NO"}, dataset_options=options)
    else:
        pyogrio.write_arrow(table, path, layer=name, driver="GPKG", dataset_options=options)
    with closing(sqlite3.connect(path)) as db, db:
        if "id" in frame.columns:  # duplicate ids are looked up, not read (see GpkgStore.stored_ids)
            db.execute(f"CREATE INDEX {quoted(f'idx_{name}_id')} ON {quoted(name)} (id)")
        prepare_layer(db, name)  # copied with the table by _copy_table


def _point_wkb(lon, lat):
    """Little-endian WKB points as an Arrow binary array, built with NumPy (null where a coordinate is NaN)."""
    import numpy as np
    import pyarrow as pa

    n = len(lon)
    wkb = np.zeros(n, dtype=[("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])
    wkb["order"], wkb["type"] = 1, 1
    wkb["x"], wkb["y"] = np.asarray(lon, float), np.asarray(lat, float)
    valid = ~(np.isnan(wkb["x"]) | np.isnan(wkb["y"]))
    offsets = np.concatenate([[0], np.cumsum(np.where(valid, wkb.itemsize, 0))]).astype(np.int32)
    bitmap = None if valid.all() else pa.py_buffer(np.packbits(valid, bitorder="little").tobytes())
    return pa.Array.from_buffers(pa.binary(), n, [bitmap, pa.py_buffer(offsets.tobytes()),
                                                  pa.py_buffer(wkb[valid].tobytes())])


# The text columns of a record layer that repeat few values, read as categoricals (sorted categories).
CODED = ("category", "status", "source", "risk_level", "type", "grid_code")
# Rows read at a time (a layer is read in batches so that only one batch is ever held twice).
READ_BATCH = 200_000


def _rows_of(path: Path, name: str, fids: list[int]):
    """The rows of record layer ``name`` with the fids ``fids``, in that order, as :func:`_read_layer` reads them."""
    import numpy as np

    frame = _read_layer(path, name, sorted(fids)) if fids else _read_layer(path, name, [0])
    return frame.iloc[np.argsort(np.argsort(fids))].reset_index(drop=True) if fids else frame


def _read_layer(path: Path, name: str, fids: list[int] | None = None):
    """A stored layer as a DataFrame (``fids``: only those rows, in fid order). Record layers: without the point
    geometry, read in batches into compact columns: text as Arrow-backed strings (nulls as ""), the repetitive
    ones of :data:`CODED` as categoricals (not the workers', whose grid lists are edited in place)."""
    import pandas as pd
    import pyarrow as pa
    import pyogrio

    from gridmap.core.project.kinds import GRID, KINDS

    if name not in KINDS:
        return local_times(pyogrio.read_dataframe(path, layer=name, use_arrow=True))
    spec = KINDS[name]
    text = {"id", GRID, *spec.columns} - {spec.time}
    coded = set(CODED) & text if spec.points else set()
    chunks: dict[str, list] = {}
    times: dict[str, list] = {}
    with pyogrio.open_arrow(path, layer=name, read_geometry=False, batch_size=READ_BATCH, use_pyarrow=True,
                            datetime_as_string=True, fids=fids) as (meta, reader):
        schema, dated = reader.schema, {f for f, t in zip(meta["fields"], meta["dtypes"]) if t.startswith("datetime")}
        for batch in reader:
            for column, values in zip(batch.schema.names, batch.columns):
                if column in dated:  # parsed as pyogrio.read_dataframe parses them
                    times.setdefault(column, []).append(_times(values.to_pandas()))
                    continue
                if column in text:
                    values = _text_values(values).fill_null("")
                    if column in coded:
                        values = values.dictionary_encode()
                # a copy: GDAL's batch stays in memory as long as any of its columns does
                chunks.setdefault(column, []).append(pa.concat_arrays([values]))
    columns = {}
    for column in [c for c in schema.names if c not in dated]:  # each column's chunks freed once converted
        values = pa.chunked_array(chunks.pop(column, []), type=_read_type(schema.field(column).type,
                                                                            column in text, column in coded))
        columns[column] = _series(values)
    frame = pd.DataFrame(columns, copy=False)
    del columns
    for column in schema.names:
        if column in dated:
            parts = times.pop(column, [])
            values = pd.concat(parts, ignore_index=True) if parts else pd.Series([], dtype="datetime64[ns]")
            frame.insert(schema.names.index(column), column, values)
    if spec.time in frame.columns:
        frame[spec.time] = frame[spec.time].astype("datetime64[ns]")
    return frame


def _series(values):
    """A pandas column of an Arrow column without copying text: strings stay Arrow-backed, dictionaries become
    categoricals with sorted categories."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    if pa.types.is_dictionary(values.type):
        chunks = values.chunks
        categories = sorted({str(c) for chunk in chunks for c in chunk.dictionary.to_pylist()})
        where = {c: i for i, c in enumerate(categories)}
        codes = [np.array([where[str(c)] for c in chunk.dictionary.to_pylist()], dtype=np.int32)[
            chunk.indices.to_numpy(zero_copy_only=False)] for chunk in chunks]
        codes = np.concatenate(codes) if codes else np.zeros(0, np.int32)
        return pd.Series(pd.Categorical.from_codes(codes, pd.Index(categories, dtype="str")))
    if pa.types.is_string(values.type):
        return pd.Series(pd.arrays.ArrowStringArray(values, dtype=pd.StringDtype("pyarrow", na_value=np.nan)))
    return values.to_pandas()


def _times(values):
    """ISO times read as text, parsed as :func:`pyogrio.read_dataframe` parses them, as naive China times."""
    from pyogrio.geopandas import _try_parse_datetime

    return local_times(_try_parse_datetime(values, False, True).to_frame()).iloc[:, 0]


def _text_values(values):
    """An Arrow column as text, as pandas' ``astype(str)`` writes its values."""
    import pyarrow as pa

    if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
        return values.cast(pa.string())
    series = values.to_pandas()
    return pa.array(series.astype("str").where(series.notna(), None).tolist(), type=pa.string())


def _read_type(kind, is_text: bool, is_coded: bool):
    import pyarrow as pa

    if is_coded:
        return pa.dictionary(pa.int32(), pa.string())
    return pa.string() if is_text else kind


# The GeoPackage tables that describe a layer, by its ``table_name``.
_REGISTRY = ("gpkg_contents", "gpkg_geometry_columns", "gpkg_extensions", "gpkg_ogr_contents")


def _drop_table(db, name: str) -> None:
    """Remove the table ``name`` of the main database with its spatial index and registrations (if any)."""
    for (index,) in db.execute("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name LIKE ? ESCAPE '\\' "
                               "AND sql LIKE 'CREATE VIRTUAL TABLE%'", (_like(f"rtree_{name}_") + "%",)).fetchall():
        db.execute(f"DROP TABLE main.{quoted(index)}")
    db.execute(f"DROP TABLE IF EXISTS main.{quoted(name)}")
    if has_table(db, TOTALS):
        db.execute(f"DELETE FROM main.{TOTALS} WHERE layer = ?", (name,))
    for table in _REGISTRY:
        if has_table(db, table):
            db.execute(f"DELETE FROM main.{table} WHERE lower(table_name) = lower(?)", (name,))


def _copy_table(db, name: str) -> None:
    """Copy the table ``name`` from the attached ``src`` database into the main one: the table, its rows, its
    spatial index, indexes and triggers (created after the rows, so GDAL's triggers need not run here) and its
    GeoPackage registrations."""
    master = "SELECT name, sql FROM src.sqlite_master WHERE type = ? AND tbl_name = ? AND sql IS NOT NULL"
    (sql,) = db.execute("SELECT sql FROM src.sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
    db.execute(sql)
    db.execute(f"INSERT INTO main.{quoted(name)} SELECT * FROM src.{quoted(name)}")
    for (rtree, sql) in db.execute("SELECT name, sql FROM src.sqlite_master WHERE type = 'table' AND name LIKE ? "
                                   "ESCAPE '\\' AND sql LIKE 'CREATE VIRTUAL TABLE%'",
                                   (_like(f"rtree_{name}_") + "%",)).fetchall():
        db.execute(sql)
        db.execute(f"INSERT INTO main.{quoted(rtree)} SELECT * FROM src.{quoted(rtree)}")
    if has_table(db, TOTALS, "src"):
        add_totals_table(db)
        db.execute(f"INSERT INTO main.{TOTALS} SELECT * FROM src.{TOTALS} WHERE layer = ?", (name,))
    for kind in ("index", "trigger"):
        for _, sql in db.execute(master, (kind, name)).fetchall():
            db.execute(sql)
    for table in _REGISTRY:
        if has_table(db, table) and has_table(db, table, "src"):
            db.execute(f"INSERT INTO main.{table} SELECT * FROM src.{table} WHERE table_name = ?", (name,))
        elif has_table(db, table, "src"):
            (sql,) = db.execute("SELECT sql FROM src.sqlite_master WHERE name = ?", (table,)).fetchone()
            db.execute(sql)
            db.execute(f"INSERT INTO main.{table} SELECT * FROM src.{table} WHERE table_name = ?", (name,))
    db.execute("INSERT OR IGNORE INTO main.gpkg_spatial_ref_sys SELECT * FROM src.gpkg_spatial_ref_sys")


def _append_rows(db, name: str) -> None:
    """Add the rows of ``src.name`` to ``main.name`` (columns matched by name; new columns added), keeping the
    feature count and the extent GDAL and QGIS read."""
    columns = {row[1]: row[2] for row in db.execute(f"PRAGMA src.table_info({quoted(name)})") if row[1] != "fid"}
    have = {row[1] for row in db.execute(f"PRAGMA main.table_info({quoted(name)})")}
    for column, kind in columns.items():
        if column not in have:
            db.execute(f"ALTER TABLE main.{quoted(name)} ADD COLUMN {quoted(column)} {kind}")
    names = ", ".join(quoted(c) for c in columns)
    db.execute(f"INSERT INTO main.{quoted(name)} ({names}) SELECT {names} FROM src.{quoted(name)} ORDER BY fid")
    extent = db.execute("SELECT min_x, min_y, max_x, max_y, last_change FROM src.gpkg_contents WHERE table_name = ?",
                        (name,)).fetchone()
    if extent is not None and None not in extent[:4]:
        db.execute("UPDATE main.gpkg_contents SET min_x = min(coalesce(min_x, ?1), ?1), "
                   "min_y = min(coalesce(min_y, ?2), ?2), max_x = max(coalesce(max_x, ?3), ?3), max_y = max(coalesce(max_y, ?4), ?4), last_change = ?5 "
                   "WHERE table_name = ?6", (*extent, name))
    if "id" in columns:
        db.execute(f"CREATE INDEX IF NOT EXISTS main.{quoted(f'idx_{name}_id')} ON {quoted(name)} (id)")
    prepare_layer(db, name)  # a file written before them gets them on its first save in place


def _like(text: str) -> str:
    """``text`` as a literal LIKE pattern (escape character backslash)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _file_id(path: Path):
    """The identity of the file at ``path`` (a whole-file save replaces it with another)."""
    st = os.stat(path)
    return [st.st_dev, st.st_ino]


def _meta_copy(meta: dict) -> dict:
    return {k: json.dumps(v, ensure_ascii=False, sort_keys=True) for k, v in meta.items()}


def _same_key(meta: dict, before: dict, key: str) -> bool:
    return json.dumps(meta.get(key), ensure_ascii=False, sort_keys=True) == before.get(key, "null")


def _meta_changes(meta: dict, before: dict) -> dict:
    """The keys of ``meta`` changed since ``before`` (see :func:`_meta_copy`); removed keys map to None."""
    now_ = _meta_copy(meta)
    changed = {k: meta[k] for k, v in now_.items() if before.get(k) != v}
    return {**changed, **{k: None for k in before if k not in meta}}


def _stored_state(path: Path, grids, plans: dict, meta: dict, names: list[str]) -> dict:
    """What a save compares with to write only what changed (kept in ``Project.stored``)."""
    return {"path": str(path.resolve()), "file": _file_id(path), "grids": _fingerprint(grids),
            "plans": _plans_fingerprint(plans), "meta": _meta_copy(meta), "names": list(names), "layers": {}}


# Frames up to this many rows are fingerprinted by all their values; larger ones by a sample of rows plus the
# identity of their column arrays (changes to a layer replace its columns or the frame, see assign_layer).
FULL_HASH_ROWS = 50_000
_SAMPLE = 16_384


def _positions(n: int):
    import numpy as np

    if n <= FULL_HASH_ROWS:
        return np.arange(n)
    return np.unique(np.concatenate([np.arange(1000), np.linspace(0, n - 1, _SAMPLE).astype(np.int64),
                                     np.arange(n - 1000, n)]))


def _digest(frame, positions) -> str:
    """A digest of the values of ``frame``'s rows at ``positions`` (geometry by its WKB)."""
    import hashlib

    import pandas as pd
    import shapely

    part = pd.DataFrame(frame.iloc[positions]).reset_index(drop=True)
    digest = hashlib.blake2b(digest_size=16)
    for column in part.columns:
        values = part[column]
        if str(values.dtype) == "geometry":
            values = pd.Series(shapely.to_wkb(values.values, output_dimension=2), dtype=object)
        digest.update(str(column).encode())
        digest.update(pd.util.hash_pandas_object(values, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def _fingerprint(frame) -> dict:
    """A frame's fingerprint: rows, columns, a digest of its values (all or a sample) and weak references to the
    frame and its column arrays (which an edit that keeps the frame replaces)."""
    import weakref

    n = len(frame)
    refs = []
    try:
        refs = [weakref.ref(block.values) for block in frame._mgr.blocks]
        refs.append(weakref.ref(frame))
    except TypeError:
        refs = None
    return {"n": n, "columns": [str(c) for c in frame.columns], "digest": _digest(frame, _positions(n)),
            "refs": refs}


def _unchanged(frame, before: dict) -> bool:
    if len(frame) != before["n"] or [str(c) for c in frame.columns] != before["columns"]:
        return False
    if before["n"] > FULL_HASH_ROWS:
        refs = before["refs"]
        current = [block.values for block in frame._mgr.blocks] + [frame]
        if refs is None or len(refs) != len(current) or any(r() is not v for r, v in zip(refs, current)):
            return False
    return _digest(frame, _positions(before["n"])) == before["digest"]


def _grown(frame, before: dict, assignment_same: bool) -> bool:
    """Whether ``frame`` is the layer of ``before`` with rows added at its end and its old rows unchanged (for a
    large layer sampled, and only if what assigns grids to its rows did not change)."""
    n = before["n"]
    if len(frame) <= n or [str(c) for c in frame.columns] != before["columns"]:
        return False
    if n > FULL_HASH_ROWS and not assignment_same:
        return False
    return _digest(frame.iloc[:n], _positions(n)) == before["digest"]


def _plans_fingerprint(plans: dict) -> list:
    return [[name, _fingerprint(frame)["digest"]] for name, frame in plans.items()]
