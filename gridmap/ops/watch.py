"""The live feed behind ``gridmap watch`` and File → Watch Folder…: every CSV or XLSX dropped into a folder is
imported into a project by :func:`gridmap.ops.add` (the kind from an option, else from the file's name and
columns), then moved to ``done/`` or ``failed/`` in that folder with ``<file>.log`` beside it (the counts and the
rejected rows with their reasons, or the error).

A file is taken once its size and modification time did not change between two polls (a file still being copied
or exported is left for a later poll), and not while Excel or LibreOffice hold their lock file for it. The
project's ledger of imported files (:mod:`gridmap.core.records.ledger`), written in the import's transaction,
keeps a file from being imported twice: a copy dropped again, or a file left in the folder by a restart between
the import and the move, goes to ``done/`` with a log saying when it was imported.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gridmap.core.clock import now
from gridmap.core.errors import GridMapError, ProjectLocked
from gridmap.core.i18n import tr
from gridmap.core.io.tables import read_table
from gridmap.core.progress import ProgressFn, no_progress
from gridmap.core.project.kinds import kind_label
from gridmap.core.records.importing import ImportResult, RecordImportOptions, guess_kind
from gridmap.core.records.ledger import AlreadyImported, file_digest
from gridmap.ops.project import ProjectRef
from gridmap.ops.records import add

WATCHED_SUFFIXES = (".csv", ".xlsx")
DONE = "done"
FAILED = "failed"


@dataclass
class Outcome:
    """What became of one file: ``status`` is "imported", "duplicate", "failed" or "waiting" (the project was
    busy; the file stays for the next poll)."""

    file: Path
    status: str
    kind: str | None = None
    result: ImportResult | None = None
    error: str = ""
    moved_to: Path | None = None
    log: Path | None = None

    def to_json(self) -> dict:
        out = {"file": self.file.name, "status": self.status, "kind": self.kind,
               "moved_to": str(self.moved_to) if self.moved_to else None, "log": str(self.log) if self.log else None}
        if self.result is not None:
            out.update({key: value for key, value in self.result.to_json().items()
                        if key in ("rows", "imported", "new", "updated", "rejected", "unassigned")})
        if self.error:
            out["error"] = self.error
        return out

    def summary(self) -> str:
        if self.status == "imported":
            return tr("{file}: {summary}", file=self.file.name, summary=self.result.summary())
        return tr("{file}: {error}", file=self.file.name, error=self.error)


class FolderWatch:
    """Watches ``folder`` for record files to import into the project ``ref``; call :meth:`poll` repeatedly."""

    def __init__(self, ref: ProjectRef, folder: Path | str, kind: str | None = None, coords: str = "wgs84"):
        self.ref, self.folder, self.kind, self.coords = ref, Path(folder), kind, coords
        if not self.folder.is_dir():
            raise GridMapError(tr("not a folder"), self.folder)
        self._seen: dict[Path, tuple[int, int]] = {}
        self.busy = False
        """Whether a file is being imported now."""

    def ready(self) -> list[Path]:
        """The files whose size and time are the same as at the previous call (none the first time), oldest first."""
        now_seen: dict[Path, tuple[int, int]] = {}
        for path in sorted(self.folder.iterdir()):
            name = path.name
            if name.startswith((".", "~$")) or path.suffix.lower() not in WATCHED_SUFFIXES or not path.is_file():
                continue
            if (self.folder / f"~${name}").exists() or (self.folder / f".~lock.{name}#").exists():
                continue  # open in Excel or LibreOffice
            try:
                st = path.stat()
            except OSError:
                continue
            now_seen[path] = (st.st_size, st.st_mtime_ns)
        ready = [p for p, mark in now_seen.items() if mark[0] > 0 and self._seen.get(p) == mark]
        self._seen = now_seen
        return sorted(ready, key=lambda p: (now_seen[p][1], p.name))  # in the order they came

    def poll(self, progress: ProgressFn = no_progress) -> list[Outcome]:
        """Import the files that are ready; their outcomes (a file left for later is "waiting")."""
        outcomes = []
        for path in self.ready():
            self.busy = True
            try:
                outcomes.append(self.take(path, progress))
            finally:
                self.busy = False
        return outcomes

    def take(self, path: Path, progress: ProgressFn = no_progress) -> Outcome:
        """Import ``path``, then move it to ``done/`` or ``failed/`` with its log (not when the project is
        locked by another process: the file stays)."""
        outcome = Outcome(path, "failed", self.kind)
        digest = ""
        try:
            digest = file_digest(path)
            if outcome.kind is None:
                outcome.kind = guess_kind(path, [str(c) for c in read_table(path).frame.columns])
            options = RecordImportOptions(path, outcome.kind, coords=self.coords)
            outcome.result = add(self.ref, options, progress, digest=digest)
            outcome.status = "imported"
        except ProjectLocked as exc:  # the file stays, ready again at the next poll
            return Outcome(path, "waiting", outcome.kind, error=exc.message)
        except AlreadyImported as exc:
            outcome.status, outcome.error = "duplicate", exc.message
        except GridMapError as exc:
            outcome.error = exc.message
        except (OSError, ValueError) as exc:  # an unreadable file must not stop the feed
            outcome.error = tr("cannot read the file ({error})", error=exc)
        try:
            outcome.moved_to = _move(path, self.folder / (FAILED if outcome.status == "failed" else DONE))
            outcome.log = outcome.moved_to.with_name(outcome.moved_to.name + ".log")
            _write_text(outcome.log, _log_text(outcome, digest))
        except OSError as exc:
            outcome.error = (outcome.error + "; " if outcome.error else "") + tr(
                "cannot move the file ({error})", error=exc.strerror or exc)
        return outcome


def _move(path: Path, folder: Path) -> Path:
    """Move ``path`` into ``folder`` (created if missing) under a name not taken there: ``a.csv``, ``a (2).csv``…"""
    folder.mkdir(exist_ok=True)
    target, n = folder / path.name, 1
    while target.exists() or target.with_name(target.name + ".log").exists():
        n += 1
        target = folder / f"{path.stem} ({n}){path.suffix}"
    path.rename(target)
    return target


def _write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8 with a BOM, which Notepad on Chinese Windows reads right) atomically."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="\r\n") as out:
            out.write(text)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def _log_text(outcome: Outcome, digest: str) -> str:
    lines = [tr("file: {name}", name=outcome.file.name), tr("at: {at}", at=now()),
             tr("kind: {kind}", kind=kind_label(outcome.kind) if outcome.kind else "-"), f"sha256: {digest or '-'}"]
    if outcome.status == "imported":
        result = outcome.result
        lines += [tr("imported: {summary}", summary=result.summary())]
        lines += [tr("row {row}: {reason}", row=row, reason=why) for row, why in result.rejected_rows]
    elif outcome.status == "duplicate":
        lines.append(tr("not imported: {error}", error=outcome.error))
    else:
        lines.append(tr("failed: {error}", error=outcome.error))
    return "\n".join(lines) + "\n"
