"""The open project as the GUI sees it: the project, the grid selection, the undo stack, the dirty flag, whether
ID and phone numbers are revealed, and the record filters, with typed signals for every change.

Panels and tools get the session (and the few widgets they act on, such as the map) instead of the main window;
they change the project through it and listen to its signals, and the window only lays them out."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from contextlib import nullcontext

import numpy as np
import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from gridmap.core.project.privacy import reveal_entry
from gridmap.ops import record_reveal
from gridmap.core.project.kinds import set_private_columns
from gridmap.core.records.filters import RecordFilter


class ProjectSession(QObject):
    """One open project (or none) and the state of the GUI around it."""

    gridsReplaced = Signal(object)
    """Another project (or None) is shown, or the open one again after its grids were replaced (another plan):
    the selection is empty (without :attr:`selectionChanged`), the undo stack cleared and nothing is unsaved."""

    gridsChanged = Signal(list)
    """An undoable grid edit was applied or undone: the codes of the grids it left (selected once the records
    it moved were announced with :attr:`recordsChanged`)."""

    recordsChanged = Signal(str)
    """A record layer changed (imported, assigned by hand, workers edited, moved by a grid edit): its kind."""

    visitRulesChanged = Signal()
    """The project's visit rules changed (an undoable edit applied or undone)."""

    selectionChanged = Signal(list)
    """The selected grids' row positions changed."""

    dirtyChanged = Signal(bool)
    """Whether the project has unsaved changes changed."""

    filterChanged = Signal(str, object)
    """The record filter of a kind changed: (kind, RecordFilter); also when a project's filters start over."""

    privacyChanged = Signal(bool)
    """ID and phone numbers are now revealed (True) or masked again."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.project = None
        self.selection: list[int] = []
        self.undo_stack = QUndoStack(self)
        self.revealed = False
        """Whether ID and phone numbers are shown in full (off at start, never saved)."""
        self.reveal_reason = ""
        self._dirty = False
        self._modified = False
        self._new_values: set[str] = set()
        self._filter_source: Callable[[str], RecordFilter] | None = None
        self.undo_stack.cleanChanged.connect(lambda _clean: self._check_modified())

    # --- the project -----------------------------------------------------------------------------------

    def set_project(self, project) -> None:
        """Show ``project`` (None: none), or the open one again after its grids were replaced; emits
        :attr:`gridsReplaced`."""
        self.project = project
        self.selection = []
        self._new_values.clear()
        self.undo_stack.clear()
        self._dirty = False
        self._check_modified()
        self.gridsReplaced.emit(project)

    def push(self, command: QUndoCommand) -> None:
        """Do ``command`` (an undoable change of the project) and put it on the undo stack."""
        self.undo_stack.push(command)

    def is_modified(self) -> bool:
        """Whether the project has changes not saved yet."""
        return self._dirty or not self.undo_stack.isClean()

    def set_modified(self, modified: bool = True) -> None:
        """Mark the project changed, or saved (False: the undo stack's current state is the saved one)."""
        self._dirty = modified
        if not modified:
            self.undo_stack.setClean()
        self._check_modified()

    def _check_modified(self) -> None:
        if not shiboken6.isValid(self.undo_stack):  # the session goes
            return
        modified = self.is_modified()
        if modified != self._modified:
            self._modified = modified
            self.dirtyChanged.emit(modified)

    # --- grids -----------------------------------------------------------------------------------------

    def set_selection(self, rows: Iterable[int]) -> None:
        """Select grids by row position (emits :attr:`selectionChanged` when the selection changes)."""
        rows = sorted({int(r) for r in rows})
        if rows == self.selection:
            return
        self.selection = rows
        self.selectionChanged.emit(rows)

    def selected_codes(self) -> list[str]:
        """The codes of the selected grids (none without a project)."""
        if self.project is None:
            return []
        return self.project.grids["code"].astype(str).to_numpy()[self.selection].tolist()

    def grids_edited(self, codes: Iterable[str], moved: Iterable[str]) -> None:
        """The project's grids were changed by an edit (applied or undone) that moved records of the kinds
        ``moved``: announce it and select the grids ``codes``."""
        codes = [str(c) for c in codes]
        self.set_selection([])
        self.gridsChanged.emit(codes)
        for kind in moved:
            self.records_changed(kind)
        grids = self.project.grids
        self.set_selection(np.flatnonzero(grids["code"].isin(codes).to_numpy()).tolist())

    # --- records ---------------------------------------------------------------------------------------

    def records_changed(self, kind: str, new_values: bool = False) -> None:
        """The project's ``kind`` layer changed; ``new_values``: it may hold new categories or dates (an
        import), so the filters start over. Emits :attr:`recordsChanged`."""
        if new_values:
            self._new_values.add(kind)
        layers = self.project.layers if self.project is not None else {}
        if kind in layers and not layers.is_read(kind):
            layers.stored_changed(kind)  # changed in the store: its counts are asked again
        self.recordsChanged.emit(kind)
        self._new_values.discard(kind)

    def has_new_values(self, kind: str) -> bool:
        """Whether the change of ``kind`` being announced may bring new categories or dates (an import)."""
        return kind in self._new_values

    def add_layer(self, kind: str, frame, private: list[str]) -> None:
        """Put imported ``kind`` records (with their private columns) into the project, marked unsaved."""
        self.project.layers[kind] = frame
        set_private_columns(self.project.meta, kind, private)
        self.set_modified(True)
        self.records_changed(kind, new_values=True)

    def reload_records(self, layers: dict, meta: dict | None = None) -> None:
        """Show ``layers`` (kind → records, see :func:`stored_layers`) as stored now, after another process or the
        folder feed added records; with ``meta``, the stored private columns and ledger of imported files
        replace the project's. The project stays as modified as it was."""
        from gridmap.core.project.kinds import PRIVATE_KEY
        from gridmap.core.records.ledger import IMPORTED

        for key in (IMPORTED, PRIVATE_KEY):
            if meta is not None and key in meta:
                self.project.meta[key] = meta[key]
        for kind, frame in layers.items():
            if frame is None:  # not read here: read, or asked of the store, when next needed
                self.project.layers.stored_changed(kind)
            else:
                self.project.layers[kind] = frame
            self.records_changed(kind, new_values=True)

    def set_filter_source(self, source: Callable[[str], RecordFilter]) -> None:
        """Where :meth:`record_filter` reads the filters (the filter bar)."""
        self._filter_source = source

    def record_filter(self, kind: str) -> RecordFilter:
        """The current filter for ``kind`` records (time window, categories, statuses)."""
        return self._filter_source(kind) if self._filter_source is not None else RecordFilter()

    # --- privacy ---------------------------------------------------------------------------------------

    def set_revealed(self, revealed: bool, reason: str | None = None) -> None:
        """Reveal ID and phone numbers (with the ``reason`` given, when asked) or mask them again."""
        if reason is not None:
            self.reveal_reason = reason
        if revealed != self.revealed:
            self.revealed = revealed
            self.privacyChanged.emit(revealed)

    def audit_reveal(self, action: str, layer: str, records: int, output=None) -> None:
        """Record in the project's audit log that numbers were shown or written in full (with the reason given
        when they were revealed); raises GridMapError when the row cannot be written."""
        record_reveal(self.project, reveal_entry(action, layer, records, output, self.reveal_reason))


def held_store(store):
    """``store`` for the window that holds its project's lock while the project is open: imports on a worker
    thread (the folder feed, an import into a layer the store serves) do not take the lock again."""
    held = copy.copy(store)
    held.lock = lambda new=False: nullcontext()
    return held


def stored_layers(project, store, kinds) -> tuple[dict, dict | None]:
    """The record layers ``kinds`` of ``project`` as ``store`` holds them now (read on a worker thread; None for
    a layer not read here, new or served by the store: it is read, or asked of the store, when next needed), and
    the stored meta when a layer is new, not read or has new columns (they may be private: the meta says which)."""
    from gridmap.ops import open_project

    layers = project.layers
    frames = {kind: layers.reread(kind) if kind in layers and layers.is_read(kind) else None for kind in kinds}
    fresh = any(frame is None or set(frame.columns) - set(layers[kind].columns) for kind, frame in frames.items())
    return frames, open_project(store).meta if fresh else None
