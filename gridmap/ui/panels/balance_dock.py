"""The Workload dock (工作量均衡): per-grid households, key persons, venues, incidents in a period and area against
a household target range; grids out of range coloured on the map; and suggested boundary transfers between
neighbouring grids, previewed on the map one at a time for the planner to accept (an undoable grid edit) or
reject.

A preview shows the layout after the transfer coloured by status, the taker selected with the area it takes
outlined as a part of its own. Accepting applies it with
:class:`~gridmap.ui.editing.edit_tools.GridEditCommand`; then core is asked for the next suggestion, since a plan goes stale
once another edit is applied."""

from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shiboken6
from pyproj import Geod
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from gridmap.core.grids.balance import Suggestion, suggest_transfers, workload
from gridmap.core.errors import GridMapError
from gridmap.ui.editing.edit_tools import GridEditCommand
from gridmap.ui.panels.filter_bar import kind_labels
from gridmap.ui.labels import role_labels
from gridmap.ui.messages import plain_label, show_message
from gridmap.ui.table_model import DataFrameModel, table_view
from gridmap.ui.tasks import run_in_thread

if TYPE_CHECKING:
    from gridmap.ui.map.view import MapView
    from gridmap.ui.map.record_overlays import RecordOverlays
    from gridmap.ui.session import ProjectSession

LOW, IN_RANGE, HIGH = "#2c7bb6", "#a6dba0", "#d7191c"
"""Map colours of grids below, in and above the household range."""
GEOD = Geod(ellps="GRS80")


def outlier_classes(households, low: int, high: int) -> tuple[list[float], list[str]]:
    """Breaks and colours for :meth:`MapView.set_choropleth` that colour whole-number household counts below
    ``low`` blue, in ``[low, high]`` green and above ``high`` red (classes nobody is in are left out)."""
    h = np.asarray(households, dtype=float)
    h = h[np.isfinite(h)]
    breaks, colours = [float(high)], [IN_RANGE]
    if (h < low).any():
        breaks, colours = [low - 1.0, *breaks], [LOW, *colours]
    if (h > high).any():
        breaks, colours = [*breaks, float(h.max())], [*colours, HIGH]
    return breaks, colours


class BalancePanel(QWidget):
    """The workload table with its range and period, the outlier colouring on ``map_view`` (handing the
    colouring back to ``overlays`` when done), and the transfer suggestions, for the project of ``session``."""

    def __init__(self, session: ProjectSession, map_view: MapView, overlays: RecordOverlays,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.map, self.overlays = session, map_view, overlays
        self.frame: pd.DataFrame | None = None
        self.suggestion: Suggestion | None = None
        self.rejected: set[tuple[str, str]] = set()
        self.suggesting = False
        self._preview: gpd.GeoDataFrame | None = None
        self._ours = False  # the map shows this panel's colouring
        self._stashed = None  # the statistic colouring it replaced

        self.low = self._spin(300)
        self.high = self._spin(500)
        self.low.setMaximum(self.high.value())
        self.high.setMinimum(self.low.value())
        self.low.valueChanged.connect(self.high.setMinimum)
        self.high.valueChanged.connect(self.low.setMaximum)
        self.period = QCheckBox(self.tr("Incidents from"), self)
        self.start = QDateEdit(QDate.currentDate().addYears(-1), self)
        self.end = QDateEdit(QDate.currentDate(), self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            edit.dateChanged.connect(self.refresh)
        self.period.toggled.connect(self.start.setEnabled)
        self.period.toggled.connect(self.end.setEnabled)
        self.period.toggled.connect(self.refresh)
        self.outliers = QCheckBox(self.tr("Show outliers on the map"), self)
        self.outliers.toggled.connect(self._apply_colours)
        self.suggest_button = QPushButton(self.tr("Suggest Transfers"), self)
        self.suggest_button.clicked.connect(self.suggest)
        self.model = DataFrameModel(parent=self)
        self.view = table_view(self.model, self)
        self.view.doubleClicked.connect(self._on_double_click)
        self.summary = plain_label(self)
        self.summary.setWordWrap(True)

        self.box = QGroupBox(self.tr("Suggested transfer"), self)
        self.text = plain_label(self.box)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.accept_button = QPushButton(self.tr("Accept"), self.box)
        self.reject_button = QPushButton(self.tr("Reject"), self.box)
        self.stop_button = QPushButton(self.tr("Stop"), self.box)
        self.accept_button.clicked.connect(self.accept)
        self.reject_button.clicked.connect(self.reject)
        self.stop_button.clicked.connect(self.stop)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.reject_button, self.stop_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        inner = QVBoxLayout(self.box)
        inner.addWidget(self.text)
        inner.addLayout(buttons)
        self.box.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for widgets in ((QLabel(self.tr("Households from"), self), self.low, QLabel(self.tr("to"), self), self.high,
                         self.outliers, self.suggest_button),
                        (self.period, self.start, QLabel(self.tr("to"), self), self.end)):
            row = QHBoxLayout()
            for widget in widgets:
                row.addWidget(widget)
            row.addStretch(1)
            layout.addLayout(row)
        body = QHBoxLayout()
        body.addWidget(self.view, 3)
        body.addWidget(self.box, 2)
        layout.addLayout(body, 1)
        layout.addWidget(self.summary)

        session.undo_stack.indexChanged.connect(self._on_edited)
        session.gridsReplaced.connect(self.set_project)
        self.set_project(session.project)

    def title(self) -> str:
        """The title of the panel's dock."""
        return self.tr("Workload")

    def _spin(self, value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(0, 1_000_000)
        spin.setValue(value)
        spin.valueChanged.connect(self._on_range)
        return spin

    def status_words(self) -> dict[str, str]:
        return {"low": self.tr("Low"), "ok": self.tr("In range"), "high": self.tr("High"),
                "unknown": self.tr("Unknown")}

    def column_labels(self) -> dict[str, str]:
        roles = role_labels()
        kinds = kind_labels()
        return {"code": roles["code"], "name": roles["name"], "street": roles["street"],
                "community": roles["community"], "households": roles["households"], "persons": kinds["persons"],
                "venues": kinds["venues"], "incidents": kinds["incidents"], "area_km2": self.tr("Area (km²)"),
                "status": self.tr("Status")}

    # --- the table and the colouring ---------------------------------------------------------------------

    def set_project(self, project) -> None:
        """Show ``project``'s workload (the map was reset with it: no preview, no colouring of ours)."""
        self.suggestion, self._preview, self.suggesting = None, None, False
        self._ours, self._stashed = False, None
        self.box.hide()
        self.suggest_button.setEnabled(project is not None)
        self.refresh()

    def refresh(self) -> None:
        """Compute the workload table again (range, period or grids changed) and recolour the map."""
        project = self.session.project
        if project is None:
            self.frame = None
            self.model.set_frame(pd.DataFrame())
            self.summary.clear()
            return
        start = end = None
        if self.period.isChecked():
            start = self.start.date().toPython()
            end = self.end.date().addDays(1).toPython()  # the end day included
        self.frame = workload(project, start, end, self.low.value(), self.high.value())
        words = self.status_words()
        self.model.set_frame(self.frame, self.column_labels(),
                             {"status": lambda v: words.get(v, v), "area_km2": lambda v: f"{v:.3f}"})
        self.view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.view.resizeColumnsToContents()
        counts = self.frame["status"].value_counts()
        self.summary.setText(self.tr("{grids} grids: {low} below the range, {ok} in range, {high} above it, "
                                     "{unknown} without households").format(
            grids=f"{len(self.frame):,}", **{k: f"{int(counts.get(k, 0)):,}" for k in words}))
        self._apply_colours()

    def _on_range(self) -> None:
        if self.suggesting:
            self._end_preview()
            self.refresh()
            self._next()
        else:
            self.refresh()

    def _apply_colours(self) -> None:
        """Colour the grids by status (those of the preview, else the project's when asked), or give the map its
        colouring back."""
        project = self.session.project
        if project is None or self.map.grids is None or len(self.map.grids) != len(project.grids):
            return  # the map is about to show other grids
        if self.suggestion is not None:
            households = self._preview_households()
        elif self.outliers.isChecked():
            households = pd.to_numeric(project.grids["households"], errors="coerce").to_numpy(float)
        else:
            if self._ours:
                self._ours, stashed, self._stashed = False, self._stashed, None
                if stashed is not None:
                    self.overlays.set_choropleth(stashed)
                else:
                    self.map.set_choropleth(None)
            return
        if not self._ours:
            self._ours, self._stashed = True, self.overlays.choropleth
            self.overlays.set_choropleth(None)
        low, high = self.low.value(), self.high.value()
        breaks, colours = outlier_classes(households, low, high)
        self.map.set_choropleth(households, breaks, colours,
                                  self.tr("Households (target {low}–{high})").format(low=low, high=high))

    def _on_double_click(self, index) -> None:
        if self.frame is not None and index.isValid():
            rows = [self.model.original_row(index.row())]
            self.session.set_selection(rows)
            self.map.zoom_to(rows)

    def _on_edited(self, _index: int) -> None:
        """An edit was applied or undone: recount, and plan the next transfer afresh (a cleared stack is a
        new project or plan, which :meth:`set_project` shows)."""
        stack = self.session.undo_stack
        if self.session.project is None or not shiboken6.isValid(stack) or not stack.count():  # or the window goes
            return
        self._end_preview()
        self.refresh()
        if self.suggesting:
            self._next()

    # --- suggestions -------------------------------------------------------------------------------------

    def suggest(self) -> None:
        """Suggest Transfers: show the best transfer (no pair rejected yet)."""
        if self.session.project is not None:
            self.rejected, self.suggesting = set(), True
            self._next()

    def accept(self) -> None:
        """Apply the transfer shown (undoable); the next one follows once it is applied."""
        if self.suggestion is not None:
            edit, self.suggestion, self._preview = self.suggestion.edit, None, None  # the edit shows the real grids
            self.session.push(GridEditCommand(self.session, edit))

    def reject(self) -> None:
        """Skip the transfer shown (that pair is not suggested again) and show the next."""
        if self.suggestion is not None:
            self.rejected.add((self.suggestion.giver, self.suggestion.taker))
            self._next()

    def stop(self) -> None:
        """End the suggestions and show the project's grids again."""
        self.suggesting = False
        self._end_preview()
        self.box.hide()
        self._apply_colours()

    def _next(self) -> None:
        project, low, high = self.session.project, self.low.value(), self.high.value()
        try:
            found = run_in_thread(lambda: suggest_transfers(project, low, high, 1, skip=set(self.rejected)), self)
        except GridMapError as exc:
            show_message(self, self.tr("Suggest Transfers"), str(exc))
            found = []
        if not found:
            self.stop()
            self.summary.setText(self.tr("No more transfers to suggest.") + " " + self.summary.text())
            return
        self._show(found[0])

    def _show(self, suggestion: Suggestion) -> None:
        """Preview ``suggestion`` on the map and describe it."""
        grids = self.session.project.grids
        self.suggestion = suggestion
        giver, taker = pd.Index(grids["code"]).get_indexer([suggestion.giver, suggestion.taker])
        before = suggestion.edit.before.set_index("code").geometry
        moved = shapely.get_parts(shapely.intersection(before[suggestion.giver], suggestion.area))
        geoms = np.asarray(grids.geometry.values, dtype=object).copy()
        geoms[giver] = suggestion.edit.after.set_index("code").geometry[suggestion.giver]
        # the taker with the moved area as a part of its own: the map outlines it, and the boundary before
        geoms[taker] = shapely.multipolygons([*shapely.get_parts(before[suggestion.taker]),
                                              *moved[shapely.get_dimensions(moved) == 2]])
        self._preview = grids.copy()
        self._preview[grids.geometry.name] = gpd.GeoSeries(geoms, index=grids.index, crs=grids.crs)
        self.map.replace_grids(self._preview)
        self.map.set_selection(self.session.selection)  # replace_grids cleared it on the map only
        self._apply_colours()
        self.session.set_selection([taker])
        self.map.zoom_to([giver, taker])
        self.text.setText(self.describe(suggestion))
        self.box.show()

    def _preview_households(self) -> np.ndarray:
        grids = self.session.project.grids
        households = pd.to_numeric(grids["households"], errors="coerce").to_numpy(float)
        for code, (_before, after) in self.suggestion.households.items():
            households[pd.Index(grids["code"]).get_loc(code)] = after
        return households

    def _end_preview(self) -> None:
        """Show the project's grids again instead of a preview (if one is shown)."""
        self.suggestion = None
        if self._preview is not None and self.map.grids is self._preview:
            self.map.replace_grids(self.session.project.grids)
            self.map.set_selection(self.session.selection)
        self._preview = None

    def describe(self, s: Suggestion) -> str:
        """The suggestion in words: the area and households moved, both grids before → after, the records that
        change grid and the distance from the range."""
        names = dict(zip(s.edit.before["code"], s.edit.before["name"].astype(str)))
        moved = s.households[s.giver][0] - s.households[s.giver][1]
        km2 = abs(GEOD.geometry_area_perimeter(s.area)[0]) / 1e6
        lines = [self.tr("Move {km2} km² with {households} households from {giver} to its neighbour {taker}.")
                 .format(km2=f"{km2:.3f}", households=f"{moved:,}", giver=s.giver, taker=s.taker)]
        for code in (s.giver, s.taker):
            before, after = s.households[code]
            lines.append(self.tr("{code} {name}: {before} → {after} households").format(
                code=code, name=names.get(code, ""), before=f"{before:,}", after=f"{after:,}"))
        kinds = kind_labels()
        records = [f"{kinds.get(kind, kind)} {count:,}" for kind, count in s.edit.moved.items() if count]
        lines.append(self.tr("Records changing grid: {records}").format(records=", ".join(records) or "—"))
        lines.append(self.tr("Households outside the range: {before} before, {after} after.").format(
            before=f"{s.before:,}", after=f"{s.after:,}"))
        return "\n".join(lines)
