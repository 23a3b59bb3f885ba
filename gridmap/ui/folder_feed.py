"""File → Watch Folder…: the live feed of :mod:`gridmap.ops.watch` in the window. A timer looks at the folder;
the imports (the same :func:`gridmap.ops.add` as ``gridmap watch``) run on a worker thread under the window's own
project lock, then the layers they changed are read again into the open project (nothing to save) and the status
bar says what came in. While the project has unsaved changes the feed waits (an import saves the project)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from gridmap.core.errors import GridMapError
from gridmap.ops.watch import FolderWatch
from gridmap.ui.session import ProjectSession, held_store, stored_layers

POLL_MS = 2000


class FolderFeed(QObject):
    """Imports the files dropped into ``folder`` into the session's project, stored in ``store``."""

    imported = Signal(list)
    """The outcomes (:class:`gridmap.ops.watch.Outcome`) of one look at the folder that took files."""

    message = Signal(str)
    """A line for the status bar."""

    _done = Signal(object, object)

    def __init__(self, session: ProjectSession, store, folder: Path, parent: QObject | None = None,
                 interval_ms: int = POLL_MS):
        super().__init__(parent)
        self.session, self.folder = session, Path(folder)
        self._watch = FolderWatch(held_store(store), self.folder)
        self._store = store
        self._thread: threading.Thread | None = None
        self._waiting_told = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._look)
        self._done.connect(self._on_done)
        self._timer.start()

    def stop(self) -> None:
        """Stop looking; an import under way finishes (waited for)."""
        self._timer.stop()
        if self._thread is not None:
            self._thread.join()

    def is_busy(self) -> bool:
        return self._thread is not None

    def _look(self) -> None:
        if self._thread is not None or self.session.project is None:
            return
        if self.session.is_modified():
            if not self._waiting_told:
                self._waiting_told = True
                self.message.emit(self.tr("Watch folder: waiting until the project is saved"))
            return
        self._waiting_told = False
        self._thread = threading.Thread(target=self._work, daemon=True)
        self._thread.start()

    def _work(self) -> None:
        """On the worker thread: import what is ready, then read the changed layers again."""
        try:
            outcomes = self._watch.poll()
            kinds = sorted({o.kind for o in outcomes if o.status == "imported"})
            fresh = stored_layers(self.session.project, self._store, kinds) if kinds else None
            self._done.emit(outcomes, fresh)
        except (GridMapError, OSError) as exc:
            self._done.emit([], str(exc))

    def _on_done(self, outcomes: list, fresh) -> None:
        self._thread.join()
        self._thread = None
        if isinstance(fresh, str):
            self.message.emit(self.tr("Watch folder: {error}").format(error=fresh))
            return
        if fresh is not None and self.session.project is not None:
            self.session.reload_records(*fresh)
        taken = [o for o in outcomes if o.status != "waiting"]
        if taken:
            self.imported.emit(taken)
            self.message.emit(self.describe(taken))

    def describe(self, outcomes: list) -> str:
        """The status bar's line for the files just taken."""
        parts = []
        for o in outcomes:
            if o.status == "imported":
                parts.append(self.tr("{file}: {count} records imported").format(
                    file=o.file.name, count=f"{o.result.imported:,}"))
            elif o.status == "duplicate":
                parts.append(self.tr("{file}: imported before, skipped").format(file=o.file.name))
            else:
                parts.append(self.tr("{file}: failed, see failed/{log}").format(
                    file=o.file.name, log=o.log.name if o.log else ""))
        return self.tr("Watch folder: {files}").format(files="; ".join(parts))
