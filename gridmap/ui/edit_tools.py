"""Grid editing on the map: an Edit Grids toolbar and Edit menu entries for splitting, merging, transferring area,
reshaping an outer boundary, creating, deleting and recoding grids.

Each tool gathers what it needs (the selection, a line or polygon drawn on the map, a dialog), plans the edit
with :mod:`gridmap.core.grids.edits`, shows its impact and, on Apply, pushes it onto the window's undo stack. A
refused edit shows the reason. After an edit (and its undo) the map, layer panel, search, tables, statistics
and Identify show the new grids; the edit log is kept by core in the project.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QToolBar

from gridmap.core.grids import edits
from gridmap.core.grids.edits import Edit
from gridmap.core.errors import GridMapError
from gridmap.ui.edit_dialogs import RecodeDialog, TransferDialog, area_grids
from gridmap.ui.impact_dialog import ImpactDialog
from gridmap.ui.labels import role_labels
from gridmap.ui.messages import show_message


class GridEditCommand(QUndoCommand):
    """A planned grid edit: redo applies it, undo restores the grids and records exactly."""

    def __init__(self, tools: EditTools, edit: Edit):
        super().__init__(edit.description)
        self.tools, self.project, self.edit = tools, tools.window.project, edit

    def redo(self) -> None:
        edits.apply_edit(self.project, self.edit)
        self.tools.show_edited(self.edit, self.edit.after["code"])

    def undo(self) -> None:
        edits.revert_edit(self.project, self.edit)
        self.tools.show_edited(self.edit, self.edit.before["code"])


class EditTools(QObject):
    """The window's grid edit tools. ``dialog`` is the dialog last opened (impact, choice or refusal)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.dialog = None
        self._pending: tuple[str, Callable[[list], Edit | None]] | None = None
        self.toolbar = QToolBar(self.tr("Edit Grids"), window)
        self.toolbar.setObjectName("editToolBar")
        window.addToolBar(Qt.TopToolBarArea, self.toolbar)
        window.view_menu.addAction(self.toolbar.toggleViewAction())
        tools = [(self.tr("Split Grid"), self.split, self.tr("Split the selected grid along a line drawn across it")),
                 (self.tr("Merge Selected Grids"), self.merge, self.tr("Merge the selected adjacent grids into one")),
                 (self.tr("Transfer Area"), self.transfer,
                  self.tr("Move the part of a drawn area inside some grids to a neighbouring grid")),
                 (self.tr("Reshape Outer Boundary"), self.reshape,
                  self.tr("Draw a new outline for the selected grid; only boundaries it shares with no other grid "
                          "may move")),
                 (self.tr("Create Grid"), self.create, self.tr("A new grid from a polygon drawn in unassigned area")),
                 (self.tr("Delete Grid"), self.delete, self.tr("Delete the selected grid; its area and records "
                                                               "become unassigned")),
                 (self.tr("Rename / Recode…"), self.recode, self.tr("Change the selected grid's code or name"))]
        self.actions = {}
        window.edit_menu.addSeparator()
        for text, slot, tip in tools:
            action = self.toolbar.addAction(text, lambda checked=False, tool=slot: self._start(tool))
            action.setStatusTip(tip)
            action.setToolTip(tip)
            window.edit_menu.addAction(action)
            self.actions[slot.__name__] = action
        window.map.drawn.connect(self._on_drawn)
        window.map.drawingCancelled.connect(self._on_cancelled)
        window.projectChanged.connect(lambda _project: self._drop_drawing())

    # --- the tools -----------------------------------------------------------------------------------

    def _start(self, tool: Callable[[], None]) -> None:
        """Run ``tool``, dropping a drawing another tool was waiting for."""
        self._drop_drawing()
        tool()

    def _drop_drawing(self) -> None:
        self._pending = None
        self.window.map.cancel_drawing()

    def split(self) -> None:
        code = self._one(self.tr("Select the grid to split first."))
        if code is not None:
            self._draw("line", self.tr("Split Grid"), self.tr("Draw a line across grid {code}.").format(code=code),
                       lambda coords: edits.split(self.window.project, code, self._line(coords)))

    def merge(self) -> None:
        codes = self._codes()
        if len(codes) < 2:
            self._hint(self.tr("Select two or more adjacent grids to merge first."))
            return
        self._preview(self.tr("Merge Selected Grids"), lambda: edits.merge(self.window.project, codes))

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
                       lambda coords: edits.reshape(self.window.project, code, self._polygon(coords)))

    def create(self) -> None:
        if self._project():
            self._draw("polygon", self.tr("Create Grid"), self.tr("Draw the new grid in unassigned area."),
                       lambda coords: edits.create(self.window.project, self._polygon(coords)))

    def delete(self) -> None:
        code = self._one(self.tr("Select the grid to delete first."))
        if code is not None:
            self._preview(self.tr("Delete Grid"), lambda: edits.delete(self.window.project, code))

    def recode(self) -> None:
        code = self._one(self.tr("Select the grid to rename or recode first."))
        if code is None:
            return
        grids = self.window.project.grids
        name = str(grids["name"].iat[self.window.selection[0]])
        self.dialog = dialog = RecodeDialog(code, name, self.window)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._preview(self.tr("Rename / Recode…"), lambda: edits.recode(
            self.window.project, code, dialog.code(), dialog.name())))
        dialog.open()

    def _choose_receiver(self, coords: list) -> None:
        area = self._polygon(coords)
        if not area_grids(self.window.project.grids, area)[0]:
            raise GridMapError(self.tr("the drawn area touches no grid"))
        codes = self._codes()
        self.dialog = dialog = TransferDialog(self.window.project.grids, area, codes[0] if len(codes) == 1 else None,
                                              self.window)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._preview(self.tr("Transfer Area"), lambda: edits.transfer(
            self.window.project, dialog.receiver(), area, dialog.sources())))
        dialog.rejected.connect(self.window.map.cancel_drawing)
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
        if self.window.project is None:
            self._hint(self.tr("Open a project first."))
        return self.window.project is not None

    def _codes(self) -> list[str]:
        if self.window.project is None:
            return []
        return self.window.project.grids["code"].astype(str).to_numpy()[self.window.selection].tolist()

    def _one(self, hint: str) -> str | None:
        """The code of the one selected grid; else None and ``hint`` in the status bar."""
        codes = self._codes()
        if len(codes) != 1:
            self._hint(hint if self.window.project is not None else self.tr("Open a project first."))
            return None
        return codes[0]

    def _hint(self, text: str, timeout: int = 8000) -> None:
        self.window.statusBar().showMessage(text, timeout)

    def _draw(self, kind: str, title: str, hint: str, then: Callable[[list], Edit | None]) -> None:
        """Let the user draw; the vertices go to ``then``, which plans the edit (or asks more)."""
        self._pending = (title, then)
        self.window.map.start_drawing(kind)
        self._hint(hint + " " + self.tr("Click to add points, double-click or Enter to finish, Backspace to "
                                         "remove the last point, Esc to cancel."), 0)

    def _on_drawn(self, _kind: str, coords: list) -> None:
        if self._pending is None:
            return
        (title, then), self._pending = self._pending, None
        self.window.statusBar().clearMessage()
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
            self.dialog = show_message(self.window, title, self.tr("The edit is refused: {reason}").format(
                reason=exc))
            self.dialog.finished.connect(self.window.map.cancel_drawing)
            return
        if edit is None:  # the plan asked for more first
            return
        self.dialog = dialog = ImpactDialog(self.window.project, edit, self.window)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.window.undo_stack.push(GridEditCommand(self, edit)))
        dialog.finished.connect(self.window.map.cancel_drawing)
        dialog.open()

    def show_edited(self, edit: Edit, codes) -> None:
        """The project's grids changed by ``edit`` (applied or undone): show them everywhere and select the grids
        ``codes``."""
        window = self.window
        grids = window.project.grids
        window.set_selection([])
        window.map.replace_grids(grids)
        window.table.set_frame(grids.drop(columns=grids.geometry.name), role_labels())
        window.search.set_grids(grids)
        window.layer_panel.set_grids(grids)
        window.count_label.setText(QCoreApplication.translate("MainWindow", "{count} grids").format(
            count=f"{len(grids):,}"))
        moved = [kind for kind, count in edit.moved.items() if count]
        for kind in moved:
            window.records_changed(kind)
        if not moved:
            window.stats.refresh()
        if window.overlays.choropleth is not None:
            window.overlays.set_choropleth(window.overlays.choropleth)
        rows = np.flatnonzero(grids["code"].isin(list(codes)).to_numpy()).tolist()
        window.set_selection(rows)
        if window.identify.record is None:
            window.identify.show_grid(grids if rows else None, rows[0] if rows else None)
