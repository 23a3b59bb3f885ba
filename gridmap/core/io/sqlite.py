"""SQLite helpers shared by core and the store: read-only URIs, quoted names, whether a table exists, and the name
of a project's metadata table."""

from __future__ import annotations

from pathlib import PurePath

META_TABLE = "gridmap_meta"
"""The attribute table holding a GridMap project's metadata (a GeoPackage with it is a project)."""


def sqlite_uri(path: PurePath) -> str:
    """A read-only SQLite URI for the absolute ``path``; a Windows network share becomes
    ``file:////server/share/...``, as SQLite refuses a URI authority other than localhost."""
    uri = path.as_uri()
    if not uri.startswith("file:///"):
        uri = "file:////" + uri.removeprefix("file://")
    return uri + "?mode=ro"


def quoted(name: str) -> str:
    """``name`` as an SQL identifier, quoted (a double quote in it doubled)."""
    return '"' + name.replace('"', '""') + '"'


def has_table(db, name: str, schema: str = "main") -> bool:
    """Whether the database ``schema`` of the connection ``db`` has the table ``name``."""
    return db.execute(f"SELECT 1 FROM {quoted(schema)}.sqlite_master WHERE type = 'table' AND name = ?",
                      (name,)).fetchone() is not None
