"""Editing records: importing them, manual grid assignment and grid workers, as undoable commands on the
session's undo stack (Edit → Undo / Redo).

Commands hold the project they were made for and tell the session with ``records_changed(kind)`` after every
change, so tables, Identify, the map and the statistics follow."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from gridmap.core.records.assign import assign_layer, restore_overrides, set_overrides
from gridmap.core.project.kinds import GRID, empty_layer, worker_grids
from gridmap.ui.messages import show_message
from gridmap.ui.dialogs.record_dialogs import AssignGridDialog, WorkerDialog
from gridmap.ui.dialogs.record_import_dialog import RecordImportDialog

if TYPE_CHECKING:
    from gridmap.ui.session import ProjectSession

SUMMARY_REJECTS = 50
"""Rejected rows listed in the details of the import summary."""


class OverrideCommand(QUndoCommand):
    """Assign records to a grid by hand (``grid`` None: clear their manual assignment)."""

    def __init__(self, session: ProjectSession, kind: str, ids: list[str], grid: str | None, reason: str,
                 text: str):
        super().__init__(text)
        self.session, self.project, self.kind = session, session.project, kind
        self.ids, self.grid, self.reason = ids, grid, reason
        self.previous: dict = {}

    def redo(self) -> None:
        self.previous = set_overrides(self.project, self.kind, self.ids, self.grid, self.reason)
        self.session.records_changed(self.kind)

    def undo(self) -> None:
        restore_overrides(self.project, self.kind, self.previous)
        self.session.records_changed(self.kind)


class WorkersCommand(QUndoCommand):
    """Replace the workers layer by an edited copy (undo puts the old one back) and re-assign it."""

    def __init__(self, session: ProjectSession, after: pd.DataFrame, text: str):
        super().__init__(text)
        self.session, self.project = session, session.project
        self.before, self.after = self.project.layers.get("workers"), after

    def redo(self) -> None:
        self._set(self.after)

    def undo(self) -> None:
        self._set(self.before)

    def _set(self, frame: pd.DataFrame | None) -> None:
        if frame is None:
            self.project.layers.pop("workers", None)
        else:
            self.project.layers["workers"] = frame
            assign_layer(self.project, "workers")
        self.session.records_changed("workers")


def with_worker_grid(workers: pd.DataFrame, row: int, code: str, add: bool) -> pd.DataFrame:
    """A copy of ``workers`` with grid ``code`` added to (or removed from) the worker at ``row``."""
    out = workers.copy()
    codes = [c for c in worker_grids(out[GRID].iat[row]) if c != code]
    out.iloc[row, out.columns.get_loc(GRID)] = ";".join(codes + [code] if add else codes)
    return out


def with_new_worker(workers: pd.DataFrame | None, name: str, phone: str, role: str, code: str) -> pd.DataFrame:
    """A copy of ``workers`` (None: no layer yet) with a new worker in grid ``code`` and a fresh id."""
    base = workers if workers is not None else empty_layer("workers")
    taken, n = set(base["id"].astype(str)), len(base) + 1
    while f"W{n:05d}" in taken:
        n += 1
    row = {**{c: "" for c in base.columns}, "id": f"W{n:05d}", "name": name, "phone": phone, "role": role,
           GRID: code}
    return pd.concat([base, pd.DataFrame([row]).astype({c: base[c].dtype for c in row})], ignore_index=True)


class RecordActions(QObject):
    """Record editing in ``session``: import, manual grid assignment and grid workers; dialogs open over
    ``parent``."""

    def __init__(self, session: ProjectSession, parent: QWidget):
        super().__init__(parent)
        self.session = session

    # --- importing -----------------------------------------------------------------------------------

    def import_dialog(self, source: Path | None = None, store=None) -> RecordImportDialog | None:
        """Open the record import dialog (window-modal, non-blocking) for the open project; ``store``: where it is
        stored, held by the window (see :func:`~gridmap.ui.session.held_store`), for a layer the store serves."""
        if self.session.project is None:
            return None
        saved = store is not None and not self.session.is_modified()
        dialog = RecordImportDialog(self.session.project, self.parent(), source, store if saved else None)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.imported.connect(self._on_imported)
        dialog.stored.connect(self._on_stored)
        dialog.open()
        return dialog

    def _on_imported(self, kind: str, frame: pd.DataFrame, result) -> None:
        self.session.add_layer(kind, frame, result.private_columns)
        self._tell(result, result.summary())

    def _on_stored(self, kind: str, result, meta: dict) -> None:
        self.session.reload_records({kind: None}, meta)
        self._tell(result, result.summary() + "\n" + self.tr(
            "Added to the stored project (saved: the store serves this layer, it is not held in memory)."))

    def _tell(self, result, text: str) -> None:
        details = "\n".join(self.tr("Row {row}: {reason}").format(row=r, reason=why)
                            for r, why in result.rejected_rows[:SUMMARY_REJECTS])
        show_message(self.parent(), self.tr("Import Records"), text, details, QMessageBox.Information)

    # --- manual grid assignment ------------------------------------------------------------------------

    def _ids(self, kind: str, rows: list[int]) -> list[str]:
        return self.session.project.layers[kind]["id"].astype(str).to_numpy()[rows].tolist()

    def assign_dialog(self, kind: str, rows: list[int]) -> AssignGridDialog:
        """Ask for a grid and a reason, then assign the records at ``rows`` to it (undoable)."""
        dialog = AssignGridDialog(self.session.project.grids, len(rows), self.parent())
        dialog.accepted.connect(lambda: self.assign(kind, rows, dialog.grid(), dialog.reason()))
        dialog.open()
        return dialog

    def assign(self, kind: str, rows: list[int], grid: str, reason: str) -> None:
        text = self.tr("Assign {count} records to grid {code}").format(count=len(rows), code=grid)
        self.session.push(OverrideCommand(self.session, kind, self._ids(kind, rows), grid, reason, text))

    def clear(self, kind: str, rows: list[int]) -> None:
        """Clear the manual grid assignment of the records at ``rows`` (undoable)."""
        text = self.tr("Clear manual assignment of {count} records").format(count=len(rows))
        self.session.push(OverrideCommand(self.session, kind, self._ids(kind, rows), None, "", text))

    # --- grid workers --------------------------------------------------------------------------------

    def worker_dialog(self, code: str) -> WorkerDialog:
        """Choose an existing or a new worker and assign them to grid ``code`` (undoable)."""
        dialog = WorkerDialog(self.session.project.layers.get("workers"), code, self.session.revealed,
                              self.parent())
        dialog.accepted.connect(lambda: self._assign_chosen(dialog, code))
        dialog.open()
        return dialog

    def _assign_chosen(self, dialog: WorkerDialog, code: str) -> None:
        row = dialog.existing_row()
        if row is None:
            self.add_worker(code, **dialog.new_worker())
        else:
            self.assign_worker(code, row)

    def assign_worker(self, code: str, row: int) -> None:
        workers = self.session.project.layers["workers"]
        text = self.tr("Assign {name} to grid {code}").format(name=workers["name"].iat[row], code=code)
        self.session.push(WorkersCommand(self.session, with_worker_grid(workers, row, code, True), text))

    def unassign_worker(self, code: str, row: int) -> None:
        workers = self.session.project.layers["workers"]
        text = self.tr("Remove {name} from grid {code}").format(name=workers["name"].iat[row], code=code)
        self.session.push(WorkersCommand(self.session, with_worker_grid(workers, row, code, False), text))

    def add_worker(self, code: str, name: str, phone: str = "", role: str = "") -> None:
        after = with_new_worker(self.session.project.layers.get("workers"), name, phone, role, code)
        text = self.tr("Add worker {name} to grid {code}").format(name=name, code=code)
        self.session.push(WorkersCommand(self.session, after, text))

    def grid_menu(self, row: int) -> QMenu:
        """The grids table's context menu for the grid at ``row``: assign a worker, or remove one of its workers."""
        code = str(self.session.project.grids["code"].iat[row])
        menu = QMenu(self.parent())
        menu.addAction(self.tr("Assign Worker…"), lambda: self.worker_dialog(code))
        remove = menu.addMenu(self.tr("Remove Worker"))
        workers = self.session.project.layers.get("workers")
        mine = [] if workers is None else [i for i, v in enumerate(workers[GRID]) if code in worker_grids(v)]
        for i in mine:
            remove.addAction(str(workers["name"].iat[i]), lambda i=i: self.unassign_worker(code, i))
        remove.setEnabled(bool(mine))
        return menu

    def show_grid_menu(self, row: int, pos: QPoint) -> None:
        menu = self.grid_menu(row)
        menu.exec(pos)
        menu.deleteLater()
