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
from gridmap.core.io.sqlite import META_TABLE, sqlite_uri
from gridmap.core.progress import ProgressFn, no_progress
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
SPECIAL = (GRIDS, META_TABLE, PLANS, AUDIT)



def _quoted(name: str) -> str:
    """An SQL identifier, quoted."""
    return '"' + name.replace('"', '""') + '"'


def _has_table(db, name: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


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
        layers = LazyLayers(names=[n for n in names if n not in SPECIAL], loader=self.read_layer,
                            counter=self.count_layer)
        return Project(grids, meta, self.path, layers, plans, load_audit(self.path))

    def read_layer(self, name: str):
        return _read_layer(self.path, name)

    def count_layer(self, name: str) -> int:
        with closing(sqlite3.connect(sqlite_uri(self.path.absolute()), uri=True)) as db:
            row = db.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = ?", (name,)).fetchone() \
                if _has_table(db, "gpkg_ogr_contents") else None
            if row is not None and row[0] is not None:
                return int(row[0])
            return int(db.execute(f"SELECT count(*) FROM {_quoted(name)}").fetchone()[0])

    def layer_names(self) -> list[str]:
        import pyogrio

        return [str(n) for n in pyogrio.list_layers(self.path)[:, 0] if str(n) not in SPECIAL]

    def stored_ids(self, kind: str, ids) -> set[str]:
        ids = [str(i) for i in ids]
        with closing(sqlite3.connect(sqlite_uri(self.path.absolute()), uri=True)) as db:
            if not _has_table(db, kind):
                return set()
            db.execute("CREATE TEMP TABLE wanted (id TEXT PRIMARY KEY)")
            db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((i,) for i in ids))
            return {str(i) for (i,) in db.execute(f"SELECT DISTINCT CAST(t.id AS TEXT) FROM {_quoted(kind)} t "
                                                  "JOIN wanted w ON w.id = CAST(t.id AS TEXT)")}

    def append_records(self, kind: str, frame, meta: dict) -> None:
        project = self.load()
        project.layers[kind] = frame if kind not in project.layers else \
            __import__("pandas").concat([project.layers[kind], frame], ignore_index=True)
        project.meta = dict(meta)
        self.save(project)

    def save(self, project, progress: ProgressFn = no_progress) -> None:
        import pyogrio
        import pyogrio.errors

        self.path.parent.mkdir(parents=True, exist_ok=True)
        mode = _kept_mode(self.path)
        meta = {**project.meta, "modified": now()}
        _remove_stale_saves(self.path)  # saves run under the project lock
        folder = None
        try:
            folder = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.", suffix=".saving", dir=self.path.parent))
            tmp = folder / self.path.name
            progress(0.1, tr("Writing grids"))
            pyogrio.write_dataframe(project.grids, tmp, layer=GRIDS, driver="GPKG", dataset_options=GPKG_OPTIONS)
            for i, (name, frame) in enumerate(project.layers.items()):
                progress(0.5 + 0.4 * i / len(project.layers), tr("Writing {name}", name=name))
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
        progress(1.0, tr("Saved"))

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
            if not db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (AUDIT,)).fetchone():
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
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (AUDIT,)).fetchone():
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
                            geometry_type="Unknown", promote_to_multi=False)


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
    if name in KINDS and KINDS[name].points:
        pyogrio.write_arrow(table.append_column("geom", _point_wkb(frame["lon"], frame["lat"])), path, layer=name,
                            driver="GPKG", geometry_name="geom", geometry_type="Point", crs="EPSG:4490",
                            layer_options={"SPATIAL_INDEX": "NO"})
    else:
        pyogrio.write_arrow(table, path, layer=name, driver="GPKG")


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


def _read_layer(path: Path, name: str):
    """A stored layer as a DataFrame (record layers: text columns as text, without the point geometry)."""
    import pandas as pd
    import pyogrio

    from gridmap.core.project.kinds import GRID, KINDS

    frame = local_times(pyogrio.read_dataframe(path, layer=name, use_arrow=True, read_geometry=name not in KINDS))
    if name in KINDS:
        frame = pd.DataFrame(frame)
        for col in ("id", GRID, *KINDS[name].columns):
            if col in frame.columns and col != KINDS[name].time:
                frame[col] = frame[col].astype("str").where(frame[col].notna(), "")  # pandas 2: None -> "None"
        if KINDS[name].time in frame.columns:
            frame[KINDS[name].time] = frame[KINDS[name].time].astype("datetime64[ns]")
    return frame

