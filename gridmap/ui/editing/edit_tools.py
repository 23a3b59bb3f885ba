"""Grid editing on the map: an Edit Grids toolbar and Edit menu entries for splitting, merging, transferring area,
reshaping an outer boundary, creating, deleting and recoding grids.

Each tool gathers what it needs (the selection, a line or polygon drawn on the map, a dialog), plans the edit
with :mod:`gridmap.core.grids.edits`, shows its impact and, on Apply, pushes it onto the session's undo stack. A
refused edit shows the reason. After an edit (and its undo) the session announces the new grids
(``gridsChanged``), which the map, layer panel, search, tables, statistics and Identify show; the edit log is
kept by core in the project. The tools' menu and toolbar entries are in :data:`gridmap.ui.actions.ACTIONS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import shapely
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import QStatusBar, QWidget

from gridmap.core.grids import edits
from gridmap.core.grids.edits import Edit
from gridmap.core.errors import GridMapError
from gridmap.ui.editing.edit_dialogs import RecodeDialog, TransferDialog, area_grids
from gridmap.ui.editing.impact_dialog import ImpactDialog
from gridmap.ui.messages import show_message

if TYPE_CHECKING:
    from gridmap.ui.map.view import MapView
    from gridmap.ui.session import ProjectSession


class GridEditCommand(QUndoCommand):
    """A planned grid edit: redo applies it, undo restores the grids and records exactly."""

    def __init__(self, session: ProjectSession, edit: Edit):
        super().__init__(edit.description)
        self.session, self.project, self.edit = session, session.project, edit

    def redo(self) -> None:
        edits.apply_edit(self.project, self.edit)
        self._announce(self.edit.after["code"])

    def undo(self) -> None:
        edits.revert_edit(self.project, self.edit)
        self._announce(self.edit.before["code"])

    def _announce(self, codes) -> None:
        self.session.grids_edited(codes, [kind for kind, count in self.edit.moved.items() if count])


class EditTools(QObject):
    """The grid edit tools, drawing on ``map`` and hinting in ``status`` (a status bar); dialogs open over
    ``parent``. ``dialog`` is the dialog last opened (impact, choice or refusal); ``actions`` are the tools'
    actions by name (the window's, from :data:`gridmap.ui.actions.ACTIONS`)."""

    TOOLS = ("split", "merge", "transfer", "reshape", "create", "delete", "recode")

    def __init__(self, session: ProjectSession, map_view: MapView, status: QStatusBar, parent: QWidget):
        super().__init__(parent)
        self.session, self.map, self.status = session, map_view, status
        self.dialog = None
        self.actions: dict[str, QAction] = {}
        self._pending: tuple[str, Callable[[list], Edit | None]] | None = None
        map_view.drawn.connect(self._on_drawn)
        map_view.drawingCancelled.connect(self._on_cancelled)
        session.gridsReplaced.connect(lambda _project: self._drop_drawing())

    def title(self) -> str:
        """The title of the tools' toolbar."""
        return self.tr("Edit Grids")

    # --- the tools -----------------------------------------------------------------------------------

    def start(self, name: str) -> None:
        """Run the tool ``name`` (one of :attr:`TOOLS`), dropping a drawing another tool was waiting for."""
        self._drop_drawing()
        getattr(self, name)()

    def _drop_drawing(self) -> None:
        self._pending = None
        self.map.cancel_drawing()

    def split(self) -> None:
        code = self._one(self.tr("Select the grid to split first."))
        if code is not None:
            self._draw("line", self.tr("Split Grid"), self.tr("Draw a line across grid {code}.").format(code=code),
                       lambda coords: edits.split(self.session.project, code, self._line(coords)))

    def merge(self) -> None:
        codes = self._codes()
        if len(codes) < 2:
            self._hint(self.tr("Select two or more adjacent grids to merge first."))
            return
        self._preview(self.tr("Merge Selected Grids"), lambda: edits.merge(self.session.project, codes))

    def transfer(self) -> None:
        if self._project():
            self._draw("polygon", self.tr("Transfer Area"), self.tr("Draw the area to transfer."),
                       self._choose_receiver)

    def reshape(self) -> None:
        code = self._one(self.tr("Select the grid to reshape first."))
        if code is not None:
            self._draw("polygon", self.tr("Reshape Outer Boundary"),
                       self.tr("Draw the new outline of grid {code}, snapping to the vertices of the boundaries it "
                               "shares.").format(code=code),
                       lambda coords: edits.reshape(self.session.project, code, self._polygon(coords)))

    def create(self) -> None:
        if self._project():
            self._draw("polygon", self.tr("Create Grid"), self.tr("Draw the new grid in unassigned area."),
                       lambda coords: edits.create(self.session.project, self._polygon(coords)))

    def delete(self) -> None:
        code = self._one(self.tr("Select the grid to delete first."))
        if code is not None:
            self._preview(self.tr("Delete Grid"), lambda: edits.delete(self.session.project, code))

    def recode(self) -> None:
        code = self._one(self.tr("Select the grid to rename or recode first."))
        if code is None:
            return
        grids = self.session.project.grids
        name = str(grids["name"].iat[self.session.selection[0]])
        self.dialog = dialog = RecodeDialog(code, name, self.parent())
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._preview(self.tr("Rename / Recode…"), lambda: edits.recode(
            self.session.project, code, dialog.code(), dialog.name())))
        dialog.open()

    def _choose_receiver(self, coords: list) -> None:
        area = self._polygon(coords)
        if not area_grids(self.session.project.grids, area)[0]:
            raise GridMapError(self.tr("the drawn area touches no grid"))
        codes = self._codes()
        self.dialog = dialog = TransferDialog(self.session.project.grids, area, codes[0] if len(codes) == 1 else None,
                                              self.parent())
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._preview(self.tr("Transfer Area"), lambda: edits.transfer(
            self.session.project, dialog.receiver(), area, dialog.sources())))
        dialog.rejected.connect(self.map.cancel_drawing)
        dialog.open()

    # --- planning and applying -----------------------------------------------------------------------

    @staticmethod
    def _line(coords: list) -> shapely.LineString:
        """The drawn line with its ends pushed out by a centimetre, so that a line ending on a grid's boundary
        (snapped to a vertex) cuts it."""
        xy = np.asarray(coords, float)
        for end, inner in ((0, 1), (-1, -2)):
            direction = xy[end] - xy[inner]
            length = float(np.hypot(*direction))
            if length:
                xy[end] += direction / length * edits.SNAP
        return shapely.LineString(xy)

    def _polygon(self, coords: list) -> shapely.Polygon:
        polygon = shapely.Polygon(coords)
        if not polygon.is_valid:
            raise GridMapError(self.tr("the drawn outline crosses itself"))
        return polygon

    def _project(self) -> bool:
        if self.session.project is None:
            self._hint(self.tr("Open a project first."))
        return self.session.project is not None

    def _codes(self) -> list[str]:
        return self.session.selected_codes()

    def _one(self, hint: str) -> str | None:
        """The code of the one selected grid; else None and ``hint`` in the status bar."""
        codes = self._codes()
        if len(codes) != 1:
            self._hint(hint if self.session.project is not None else self.tr("Open a project first."))
            return None
        return codes[0]

    def _hint(self, text: str, timeout: int = 8000) -> None:
        self.status.showMessage(text, timeout)

    def _draw(self, kind: str, title: str, hint: str, then: Callable[[list], Edit | None]) -> None:
        """Let the user draw; the vertices go to ``then``, which plans the edit (or asks more)."""
        self._pending = (title, then)
        self.map.start_drawing(kind)
        self._hint(hint + " " + self.tr("Click to add points, double-click or Enter to finish, Backspace to "
                                         "remove the last point, Esc to cancel."), 0)

    def _on_drawn(self, _kind: str, coords: list) -> None:
        if self._pending is None:
            return
        (title, then), self._pending = self._pending, None
        self.status.clearMessage()
        self._preview(title, lambda: then(coords))

    def _on_cancelled(self) -> None:
        if self._pending is not None:
            self._pending = None
            self._hint(self.tr("Drawing cancelled."))

    def _preview(self, title: str, plan: Callable[[], Edit | None]) -> None:
        """Plan the edit and show its impact (Apply pushes it onto the undo stack), or why it is refused; the
        drawing stays on the map until then."""
        try:
            edit = plan()
        except GridMapError as exc:
            self.dialog = show_message(self.parent(), title, self.tr("The edit is refused: {reason}").format(
                reason=exc))
            self.dialog.finished.connect(self.map.cancel_drawing)
            return
        if edit is None:  # the plan asked for more first
            return
        self.dialog = dialog = ImpactDialog(self.session.project, edit, self.parent())
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.session.push(GridEditCommand(self.session, edit)))
        dialog.finished.connect(self.map.cancel_drawing)
        dialog.open()
