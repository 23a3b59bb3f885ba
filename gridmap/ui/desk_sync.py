"""Other desks' changes, seen: while a database project is open, a background thread LISTENs on its own connection
for the store's notifications (``NOTIFY gridmap``, one per commit, see :func:`gridmap.store.postgis.notice`). A
notification from another GridMap process about this project re-reads the project on a worker thread; the
changed record layers and grids replace the shown ones (the tables, the map, the statistics follow through the
session's signals) and the status bar says what came from which desk ("3,120 new incidents from 指挥中心-2"). While
the project has unsaved changes nothing is replaced (the status bar says so)."""

from __future__ import annotations

import json
import os
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from gridmap.core.errors import GridMapError
from gridmap.core.project.kinds import KINDS, kind_label
from gridmap.ops import open_project
from gridmap.store.dburl import connect
from gridmap.store.postgis import CHANNEL
from gridmap.ui.session import ProjectSession, stored_layers

WAIT_S = 0.5
"""How long the listening thread waits for a notification before it checks whether to stop."""
GATHER_MS = 150
"""How long notifications are gathered before the project is read again (one commit sends a few)."""
RETRY_S = 5.0
"""How long it waits before connecting again after the connection was lost."""


class DeskSync(QObject):
    """Keeps the session's project (stored in the database ``store``) in step with the other desks' commits."""

    message = Signal(str)
    """A line for the status bar."""

    refreshed = Signal(list)
    """The notifications (payload dicts) whose changes are now shown."""

    _heard = Signal(dict)
    _read = Signal(object, object)

    def __init__(self, session: ProjectSession, store, parent: QObject | None = None):
        super().__init__(parent)
        self.session, self.store = session, store
        self._stop = threading.Event()
        self._pending: list[dict] = []
        self._reader: threading.Thread | None = None
        self._heard.connect(self._on_heard)
        self._read.connect(self._on_read)
        session.dirtyChanged.connect(self._on_dirty)
        self._listener = threading.Thread(target=self._listen, daemon=True)
        self._listener.start()

    def stop(self) -> None:
        """Stop listening (and wait for a re-read under way)."""
        self._stop.set()
        self._listener.join()
        if self._reader is not None:
            self._reader.join()

    # --- the listening thread ---------------------------------------------------------------------------------

    def _listen(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with connect(self.store.url, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=WAIT_S):
                            self._take(note.payload)
            except (GridMapError, psycopg.Error) as exc:
                self._heard.emit({"error": str(exc)})
                self._stop.wait(RETRY_S)

    def _take(self, text: str) -> None:
        try:
            payload = json.loads(text)
        except ValueError:
            return
        if isinstance(payload, dict) and payload.get("schema") == self.store.schema \
                and payload.get("pid") != os.getpid():
            self._heard.emit(payload)

    # --- on the GUI thread -------------------------------------------------------------------------------------

    def _on_heard(self, payload: dict) -> None:
        if "error" in payload:
            self.message.emit(self.tr("Not listening to other desks: {error}").format(error=payload["error"]))
            return
        self._pending.append(payload)
        QTimer.singleShot(GATHER_MS, self._read_again)  # the notifications of one commit, read once

    def _on_dirty(self, dirty: bool) -> None:
        if not dirty:  # saved: what other desks changed meanwhile is shown now
            self._read_again()

    def _read_again(self) -> None:
        if self._reader is not None or not self._pending or self._stop.is_set():
            return
        if self.session.is_modified():
            self.message.emit(self.tr("{changes} (shown once your changes are saved)").format(
                changes=self.describe(self._pending)))
            return
        notes, self._pending = self._pending, []
        project = self.session.project
        grids = any(n.get("what") == "grids" for n in notes)
        kinds = sorted({n["kind"] for n in notes if n.get("what") == "records" and n.get("kind")})

        def read() -> None:
            try:
                if grids:  # records of moved areas were re-assigned too: all is read again
                    fresh = open_project(self.store)
                    read = project.layers.is_read  # the others: read when needed
                    self._read.emit(notes, (fresh, {k: fresh.layers[k] if k in project.layers and read(k) else None
                                                    for k in fresh.layers}, fresh.meta))
                else:
                    self._read.emit(notes, (None, *stored_layers(project, self.store, kinds)))
            except GridMapError as exc:
                self._read.emit(notes, str(exc))

        self._reader = threading.Thread(target=read, daemon=True)
        self._reader.start()

    def _on_read(self, notes: list, fresh) -> None:
        self._reader.join()
        self._reader = None
        project = self.session.project
        if isinstance(fresh, str):
            self.message.emit(fresh)
        elif project is None:
            return
        elif self.session.is_modified():  # changed meanwhile: shown once saved
            self._pending[:0] = notes
        else:
            fresh, layers, meta = fresh
            if fresh is not None:
                project.grids = fresh.grids
            self.session.reload_records(layers, meta)
            if fresh is not None:
                self.session.grids_edited(sorted({c for n in notes for c in (n.get("codes") or [])}), [])
            self.message.emit(self.describe(notes))
            self.refreshed.emit(notes)
        self._read_again()

    def describe(self, notes: list) -> str:
        """What the notifications ``notes`` changed, by desk, for the status bar (a change of the metadata alone
        is named only when nothing else changed: it goes with every import)."""
        changes, other = [], []
        for n in notes:
            desk = str(n.get("desk") or "?")
            if n.get("what") == "records" and n.get("kind"):
                kind = kind_label(n["kind"]) if n["kind"] in KINDS else str(n["kind"])
                changes.append(self.tr("{count} new {kind} from {desk}").format(
                    count=f"{int(n.get('count') or 0):,}", kind=kind, desk=desk))
            elif n.get("what") == "grids":
                changes.append(self.tr("grids changed by {desk}").format(desk=desk))
            else:
                other.append(self.tr("project changed by {desk}").format(desk=desk))
        return "; ".join(dict.fromkeys(changes or other))
