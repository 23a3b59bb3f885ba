"""The Visits dock (走访): for a day, the key persons and venues overdue for a visit (sortable, filtered by street
and worker; double-click zooms to the target and selects its grid), coverage per grid, street, district or
worker, and the map coloured by coverage or overdue targets, with the targets drawn by visit status.

The status of a city's targets takes a few tenths of a second, so it is computed on a worker thread."""

from __future__ import annotations

import math
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout,
                               QWidget)

from gridmap.core.project.kinds import TARGET_KINDS
from gridmap.core.visits.due import overdue_list, totals, visit_coverage, visit_status
from gridmap.core.visits.history import default_day
from gridmap.ui.labels import role_labels
from gridmap.ui.map.record_overlays import ChoroplethSpec
from gridmap.ui.messages import plain_label
from gridmap.ui.panels.filter_bar import kind_labels
from gridmap.ui.panels.stats_dock import _RUNNING, _Job, _release, _wait_at_quit
from gridmap.ui.table_model import DataFrameModel, table_view

if TYPE_CHECKING:
    from gridmap.ui.map.record_overlays import RecordOverlays
    from gridmap.ui.map.view import MapView
    from gridmap.ui.session import ProjectSession

VISIT_STATISTICS = ("visit_coverage", "visit_overdue")
TARGET_SPAN = 0.004
"""Half the width, in degrees, of the view a double-clicked target is shown in (a few blocks)."""
ALL = ""


def _day_text(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _whole(value) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{int(value):,}"


def _coverage(value) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.1f}%"


class VisitsPanel(QWidget):
    """The day, the totals, the overdue list and the coverage table of ``session``'s project; the map colouring
    through ``overlays`` and the zooming on ``map_view``. ``targetActivated(kind, row)`` asks to identify a
    target (its row position in its layer)."""

    targetActivated = Signal(str, int)

    def __init__(self, session: ProjectSession, map_view: MapView, overlays: RecordOverlays,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.map, self.overlays = session, map_view, overlays
        self.status: pd.DataFrame | None = None
        self.overdue: pd.DataFrame | None = None
        self.shown: pd.DataFrame | None = None
        self.coverage: pd.DataFrame | None = None
        self.overdue_rows_in_status = np.zeros(0, dtype=np.int64)
        self._job: _Job | None = None
        self._request = 0
        self._hid_incidents = False

        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.dateChanged.connect(self._on_date)
        self._day_chosen = False  # the user picked the day: a project's visits arriving later keep it
        self.colour = QComboBox(self)
        for key, text in (("", self.tr("Not by visits")), ("visit_coverage", self.tr("Visit coverage (%)")),
                          ("visit_overdue", self.tr("Overdue targets"))):
            self.colour.addItem(text, key)
        self.colour.currentIndexChanged.connect(self._apply_colours)
        self.by_status = QCheckBox(self.tr("Targets by visit status"), self)
        self.by_status.toggled.connect(self._apply_status)
        self.summary = plain_label(self)
        self.summary.setWordWrap(True)

        self.street = QComboBox(self)
        self.worker = QComboBox(self)
        for combo in (self.street, self.worker):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
            combo.currentIndexChanged.connect(self._show_overdue)
        self.count = plain_label(self)
        self.overdue_model = DataFrameModel(parent=self)
        self.overdue_view = table_view(self.overdue_model, self)
        self.overdue_view.doubleClicked.connect(self._on_overdue_double_click)
        overdue_page = QWidget(self)
        filters = QHBoxLayout()
        for widget in (QLabel(self.tr("Street:"), self), self.street, QLabel(self.tr("Worker:"), self), self.worker):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count)
        page = QVBoxLayout(overdue_page)
        page.setContentsMargins(0, 4, 0, 0)
        page.addLayout(filters)
        page.addWidget(self.overdue_view)

        self.by = QComboBox(self)
        for key, text in self.unit_labels().items():
            self.by.addItem(text, key)
        self.by.currentIndexChanged.connect(self._show_coverage)
        self.coverage_model = DataFrameModel(parent=self)
        self.coverage_view = table_view(self.coverage_model, self)
        self.coverage_view.doubleClicked.connect(self._on_coverage_double_click)
        coverage_page = QWidget(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Per:"), self))
        row.addWidget(self.by)
        row.addStretch(1)
        page = QVBoxLayout(coverage_page)
        page.setContentsMargins(0, 4, 0, 0)
        page.addLayout(row)
        page.addWidget(self.coverage_view)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(overdue_page, self.tr("Overdue"))
        self.tabs.addTab(coverage_page, self.tr("Coverage"))
        top = QHBoxLayout()
        for widget in (QLabel(self.tr("Date:"), self), self.date, QLabel(self.tr("Map:"), self), self.colour,
                       self.by_status):
            top.addWidget(widget)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

        session.gridsReplaced.connect(self.set_project)
        session.gridsChanged.connect(lambda _codes: self.refresh())
        session.recordsChanged.connect(self._on_records)
        session.visitRulesChanged.connect(self.refresh)
        session.privacyChanged.connect(lambda _on: self._show_overdue())
        _wait_at_quit()
        self.set_project(session.project)

    def title(self) -> str:
        """The title of the panel's dock."""
        return self.tr("Visits")

    def unit_labels(self) -> dict[str, str]:
        return {"grid": self.tr("Grid"), "street": self.tr("Street / town"), "district": self.tr("District"),
                "worker": self.tr("Grid worker")}

    def status_words(self) -> dict[str, str]:
        return {"on_time": self.tr("On time"), "due_soon": self.tr("Due soon"), "overdue": self.tr("Overdue"),
                "never": self.tr("Never visited")}

    def column_labels(self) -> dict[str, str]:
        roles = role_labels()
        return {"target_kind": self.tr("Kind"), "target_id": self.tr("ID"), "name": self.tr("Name"),
                "category": self.tr("Category"), "grid_code": self.tr("Grid"), "grid_name": self.tr("Grid name"),
                "community": roles["community"], "street": roles["street"], "district": roles["district"],
                "worker": self.tr("Grid worker"), "worker_id": self.tr("Worker ID"),
                "last_visit": self.tr("Last visit"), "due": self.tr("Due"), "days_overdue": self.tr("Days overdue"),
                "status": self.tr("Status"), "targets": self.tr("Targets"), "on_time": self.tr("On time"),
                "due_soon": self.tr("Due soon"), "overdue": self.tr("Overdue"), "never": self.tr("Never visited"),
                "coverage": self.tr("Coverage")}

    def day(self) -> pd.Timestamp:
        """The day shown: the state at its start (visits before it count)."""
        return pd.Timestamp(self.date.date().toPython())

    def set_day(self, day) -> None:
        day = pd.Timestamp(day)
        self.date.setDate(QDate(day.year, day.month, day.day))

    def is_busy(self) -> bool:
        return self._job is not None

    # --- computing -----------------------------------------------------------------------------------

    def set_project(self, project) -> None:
        """Show ``project`` on its :func:`~gridmap.core.visits.history.default_day` (None: nothing)."""
        self.colour.blockSignals(True)
        self.colour.setCurrentIndex(0)  # the map was reset with the project
        self.colour.blockSignals(False)
        self.by_status.blockSignals(True)
        self.by_status.setChecked(False)
        self.by_status.blockSignals(False)
        self._hid_incidents = False
        self._day_chosen = False
        if project is not None:
            self._show_default_day(project)
        self.refresh()

    def _show_default_day(self, project) -> None:
        self.date.blockSignals(True)
        self.set_day(default_day(project))
        self.date.blockSignals(False)

    def _on_date(self) -> None:
        self._day_chosen = True
        self.refresh()

    def records_read(self) -> None:
        """The project's record layers were read after its grids were shown: its default day may be another."""
        self._on_records("visits")

    def _on_records(self, kind: str) -> None:
        if kind == "visits" and not self._day_chosen and self.session.project is not None:
            self._show_default_day(self.session.project)
        if kind in (*TARGET_KINDS, "visits", "workers"):
            self.refresh()

    def refresh(self) -> None:
        """Compute the day's status again (the day, the rules, the targets, their visits or the grids changed)."""
        self._request += 1
        project = self.session.project
        if project is None:
            self._show(None)
            return
        if self._job is None:  # else the running job starts the latest request when it ends
            self._job = _Job(partial(visit_status, project, self.day()), self._request)
            _RUNNING.add(self._job)
            self._job.finished.connect(partial(_release, self._job))
            self._job.finished.connect(self._on_job_done)
            self._job.start()
            self.summary.setText(self.tr("Computing…"))

    def _on_job_done(self) -> None:
        job, self._job = self._job, None
        if job.token != self._request:
            self.refresh()
        elif job.error is not None:
            self._show(None, str(job.error))
        else:
            self._show(job.result)

    # --- showing -------------------------------------------------------------------------------------

    def _show(self, status: pd.DataFrame | None, error: str = "") -> None:
        self.status = status
        project = self.session.project
        self.overdue = overdue_list(status, project.meta) if status is not None else None
        if status is not None:  # the status row of each overdue target, in overdue_list's order
            late = status.reset_index(drop=True)
            late = late[late["status"].isin(["overdue", "never"])]
            self.overdue_rows_in_status = late.sort_values(
                ["days_overdue", "target_kind", "target_id"], ascending=[False, True, True], na_position="last",
                kind="stable").index.to_numpy()
        for combo, column in ((self.street, "street"), (self.worker, "worker")):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("All"), ALL)
            if self.overdue is not None:
                for value in sorted(v for v in self.overdue[column].unique() if v):
                    combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self._show_overdue()
        self._show_coverage()
        self.summary.setText(error or self.totals_text())
        self._apply_colours()
        self._apply_status()

    def totals_text(self) -> str:
        if self.status is None:
            return ""
        t = totals(self.status)
        return self.tr("{targets} targets on {day}: {on_time} visited on time ({coverage}), {due_soon} of them due "
                       "soon; {overdue} overdue, {never} never visited").format(
            targets=f"{t['targets']:,}", day=self.day().strftime("%Y-%m-%d"), on_time=f"{t['on_time']:,}",
            coverage=_coverage(t["coverage"]), due_soon=f"{t['due_soon']:,}", overdue=f"{t['overdue']:,}",
            never=f"{t['never']:,}")

    def _show_overdue(self) -> None:
        """The overdue list, filtered by the street and worker chosen; ids shown in full only when revealed."""
        frame = self.overdue
        if frame is None:
            self.shown = None
            self.overdue_model.set_frame(pd.DataFrame())
            self.count.clear()
            return
        keep = np.ones(len(frame), dtype=bool)
        for combo, column in ((self.street, "street"), (self.worker, "worker")):
            if combo.currentData():
                keep &= (frame[column] == combo.currentData()).to_numpy()
        shown = frame[keep].copy()
        shown["status_row"] = self.overdue_rows_in_status[keep]
        if self.session.revealed:  # the list masks private ids; the status table holds them in full
            shown["target_id"] = self.status["target_id"].to_numpy(dtype=object)[shown["status_row"].to_numpy()]
        shown = shown.reset_index(drop=True)
        self.shown = shown
        kinds, words = kind_labels(), self.status_words()
        columns = ["target_kind", "target_id", "name", "grid_code", "worker", "last_visit", "due", "days_overdue",
                   "status", "category", "street"]
        self.overdue_model.set_frame(shown[columns], self.column_labels(), {
            "target_kind": lambda v: kinds.get(v, v), "status": lambda v: words.get(v, v),
            "last_visit": _day_text, "due": _day_text, "days_overdue": _whole})
        self.overdue_view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.overdue_view.resizeColumnsToContents()
        self.count.setText(self.tr("{shown} of {total} targets").format(shown=f"{len(shown):,}",
                                                                        total=f"{len(frame):,}"))

    def unit(self) -> str:
        return self.by.currentData()

    def _show_coverage(self) -> None:
        project = self.session.project
        if self.status is None or project is None:
            self.coverage = None
            self.coverage_model.set_frame(pd.DataFrame())
            return
        self.coverage = visit_coverage(self.status, self.unit(), project)
        self.coverage_model.set_frame(self.coverage, self.column_labels(), {"coverage": _coverage})
        self.coverage_view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.coverage_view.resizeColumnsToContents()

    def overdue_rows(self) -> list[list[str]]:
        """The overdue list as shown (after sorting and filtering), as the cells' texts."""
        model = self.overdue_model
        return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]

    # --- the map -------------------------------------------------------------------------------------

    def _apply_colours(self) -> None:
        """Colour the grids by the statistic chosen for the day shown, or leave the colouring to the others."""
        key = self.colour.currentData()
        current = self.overlays.choropleth
        if not key:
            if current is not None and current.statistic in VISIT_STATISTICS:
                self.overlays.set_choropleth(None)
            if self.session.project is not None:
                self._hide_incidents()
            return
        if self.session.project is None:
            return
        title = self.tr("{statistic} on {day}").format(statistic=self.colour.currentText(),
                                                       day=self.day().strftime("%Y-%m-%d"))
        self.overlays.set_choropleth(ChoroplethSpec(key, "natural_breaks", 5, title, self.day()))
        self._hide_incidents()

    def _apply_status(self) -> None:
        """Draw the targets by visit status, each as a point (the overdue and never visited on top), with the
        incidents hidden while they are; or give the layers back as they were."""
        project = self.session.project
        panel = self.overlays.layer_panel
        if not self.by_status.isChecked() or self.status is None:
            if self.overlays.visit_status is not None:
                self.overlays.set_visit_status(None)
                for kind in TARGET_KINDS:
                    if kind in project.layers:
                        self.overlays.set_style(kind, "clusters")
            self._hide_incidents()
            return
        first = self.overlays.visit_status is None
        self.overlays.set_visit_status(self.status)
        if not first:
            return
        for kind in TARGET_KINDS:
            if kind in project.layers:
                self.overlays.set_style(kind, "points")
                panel.set_record_visible(kind, True)
        self._hide_incidents()

    def _hide_incidents(self) -> None:
        """Hide the incidents (whose clusters would cover the grids and targets) while the map shows visits, and
        show them again after, if they were shown before."""
        project = self.session.project
        if project is None:
            return
        ours = bool(self.colour.currentData()) or self.overlays.visit_status is not None
        if ours and not self._hid_incidents and "incidents" in project.layers and self.map.layer_visible("incidents"):
            self.overlays.layer_panel.set_record_visible("incidents", False)
            self._hid_incidents = True
        elif not ours and self._hid_incidents:
            self.overlays.layer_panel.set_record_visible("incidents", True)
            self._hid_incidents = False

    def _on_overdue_double_click(self, index) -> None:
        if self.shown is not None and index.isValid():
            self.zoom_to_target(int(self.shown["status_row"].iat[self.overdue_model.original_row(index.row())]))

    def zoom_to_target(self, status_row: int) -> None:
        """Select the grid of the target at ``status_row`` of :attr:`status`, zoom the map to the target (to its
        grid when it has no position) and identify it."""
        project = self.session.project
        target = self.status.iloc[status_row]
        grids = np.flatnonzero(project.grids["code"].astype(str).to_numpy() == str(target["grid_code"])).tolist()
        self.session.set_selection(grids)
        lon, lat = float(target["lon"]), float(target["lat"])
        if math.isfinite(lon) and math.isfinite(lat):
            self.map.set_extent([lon - TARGET_SPAN, lat - TARGET_SPAN, lon + TARGET_SPAN, lat + TARGET_SPAN])
        elif grids:
            self.map.zoom_to(grids)
        kind = str(target["target_kind"])
        rows = np.flatnonzero(project.layers[kind]["id"].astype(str).to_numpy() == str(target["target_id"]))
        if len(rows):
            self.targetActivated.emit(kind, int(rows[0]))

    def _on_coverage_double_click(self, index) -> None:
        if self.coverage is None or not index.isValid():
            return
        unit = self.coverage.iloc[self.coverage_model.original_row(index.row())]
        grids = self.session.project.grids
        by = self.unit()
        if by == "worker":
            mine = self.status[(self.status["worker_id"] == unit["worker_id"]).to_numpy()]
            codes = set(mine["grid_code"])
            match = grids["code"].astype(str).isin(codes).to_numpy()
        else:
            keys = {"grid": [("code", "grid_code")], "street": [("district", "district"), ("street", "street")],
                    "district": [("district", "district")]}[by]
            match = np.logical_and.reduce([grids[g].astype(str).to_numpy() == str(unit[c]) for g, c in keys])
        rows = np.flatnonzero(match).tolist()
        if rows:
            self.session.set_selection(rows)
            self.map.zoom_to(rows)
