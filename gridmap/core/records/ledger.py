"""The ledger of imported files: ``meta["imported_files"][sha256] = {"name", "kind", "imported", "at"}``, one
entry per record file the live feed imported, keyed by the SHA-256 of its content. It is written in the same
transaction as the import, so a file counts as imported exactly when its records are stored, and a copy of it
dropped again (under any name, after any restart) is recognised."""

from __future__ import annotations

import hashlib
from pathlib import Path

from gridmap.core.clock import now
from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr

IMPORTED = "imported_files"


class AlreadyImported(GridMapError):
    """The file's content was imported before: ``entry`` is the ledger's entry for it."""

    def __init__(self, entry: dict, path: Path | None = None):
        super().__init__(tr("already imported as {name} at {at}; not imported again", name=entry.get("name", "?"),
                            at=entry.get("at", "?")), path)
        self.entry = entry


def file_digest(path: Path | str) -> str:
    """The SHA-256 of a file's content, in hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def earlier_import(meta: dict, digest: str) -> dict | None:
    """The ledger's entry for content ``digest``, or None."""
    entry = (meta.get(IMPORTED) or {}).get(digest)
    return entry if isinstance(entry, dict) else None


def note_import(meta: dict, digest: str, name: str, kind: str, imported: int) -> None:
    """Record an import of content ``digest`` (the file ``name``, ``imported`` records of ``kind``). The ledger
    mapping is replaced, not changed in place, so a copy of the project's meta stays as it was."""
    meta[IMPORTED] = {**(meta.get(IMPORTED) or {}),
                      digest: {"name": name, "kind": kind, "imported": imported, "at": now()}}
