"""Reading map tiles from MBTiles files and ``{z}/{x}/{y}.png`` folders, read-only (no Qt)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.io.sqlite import sqlite_uri
from gridmap.map.basemaps import MAX_ZOOM, Basemap

TILE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")


class TileSource:
    """Tiles addressed like XYZ web tiles (y grows southwards); usable as a context manager."""

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The encoded image of tile z/x/y, or None where there is no tile."""
        raise NotImplementedError

    def metadata(self) -> dict:
        """What the source says about itself: name, format, bounds (w, s, e, n), minzoom, maxzoom when known."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the file handles (Windows cannot delete or move a file that is open)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class MBTiles(TileSource):
    """An MBTiles file (SQLite, TMS rows), opened read-only and shared between threads."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise GridMapError(tr("MBTiles file not found"), self.path)
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(sqlite_uri(self.path.absolute()), uri=True, check_same_thread=False)
        except sqlite3.Error as err:
            raise GridMapError(tr("cannot open the MBTiles file: {error}", error=err), self.path) from None
        try:
            self._check()
        except GridMapError:
            self._db.close()
            raise

    def _check(self) -> None:
        try:
            found = self._db.execute("SELECT 1 FROM sqlite_master WHERE name = 'tiles' AND type IN ('table', 'view')"
                                     ).fetchone()
            if found:
                self._db.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 0")
        except sqlite3.Error as err:
            raise GridMapError(tr("not an MBTiles file: {error}", error=err), self.path) from None
        if not found:
            raise GridMapError(tr("not an MBTiles file (it has no tiles table)"), self.path)

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.Error as err:
                raise GridMapError(tr("cannot read tiles: {error}", error=err), self.path) from None

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        if z < 0:
            return None
        rows = self._query("SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                           (z, x, (1 << z) - 1 - y))
        return bytes(rows[0][0]) if rows and rows[0][0] is not None else None

    def metadata(self) -> dict:
        has_table = self._query("SELECT 1 FROM sqlite_master WHERE name = 'metadata'")
        raw = dict(self._query("SELECT name, value FROM metadata")) if has_table else {}
        meta = {str(k): v for k, v in raw.items() if v is not None}
        try:
            meta["bounds"] = tuple(float(v) for v in meta["bounds"].split(","))
            if len(meta["bounds"]) != 4:
                del meta["bounds"]
        except (KeyError, ValueError, AttributeError):
            meta.pop("bounds", None)
        for key in ("minzoom", "maxzoom"):
            try:
                meta[key] = int(float(meta[key]))
            except (KeyError, ValueError, TypeError):
                meta.pop(key, None)
        if "minzoom" not in meta or "maxzoom" not in meta:
            low, high = self._query("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles")[0]
            if low is not None:
                meta.setdefault("minzoom", int(low))
                meta.setdefault("maxzoom", int(high))
        meta.setdefault("name", self.path.stem)
        return meta

    def close(self) -> None:
        with self._lock:
            self._db.close()


class TileFolder(TileSource):
    """A folder of ``{z}/{x}/{y}.png`` (or .jpg, .jpeg, .webp) tiles, XYZ rows."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_dir():
            raise GridMapError(tr("tile folder not found"), self.path)

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        base = self.path / str(int(z)) / str(int(x))
        for suffix in TILE_SUFFIXES:
            file = base / f"{int(y)}{suffix}"
            if file.is_file():
                return file.read_bytes()
        return None

    def metadata(self) -> dict:
        zooms = [int(p.name) for p in self.path.iterdir() if p.is_dir() and p.name.isdigit()]
        meta = {"name": self.path.name}
        if zooms:
            meta.update(minzoom=min(zooms), maxzoom=max(zooms))
        return meta


def open_tiles(basemap: Basemap) -> TileSource:
    """The tile source of a local basemap (an MBTiles file or a tile folder)."""
    if basemap.kind == "mbtiles":
        return MBTiles(basemap.source)
    if basemap.kind == "folder":
        return TileFolder(basemap.source)
    raise GridMapError(tr("{name} is not a local tile source", name=basemap.name))


def content_type(data: bytes) -> str:
    """The MIME type of an encoded tile image, from its first bytes."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


def local_basemap(path: str | Path) -> Basemap:
    """A basemap for an MBTiles file or a tile folder, named and zoom-limited from what it says about itself."""
    path = Path(path)
    kind = "folder" if path.is_dir() else "mbtiles"
    with open_tiles(Basemap(name=path.name or str(path), kind=kind, source=str(path))) as tiles:
        meta = tiles.metadata()
    max_zoom = max(0, min(meta.get("maxzoom", 18), MAX_ZOOM))
    return Basemap(name=str(meta.get("name") or path.stem), kind=kind, source=str(path),
                   attribution=str(meta.get("attribution", "")), min_zoom=max(0, min(meta.get("minzoom", 0), max_zoom)),
                   max_zoom=max_zoom)
