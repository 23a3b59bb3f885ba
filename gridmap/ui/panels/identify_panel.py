"""The identify panel: the grid or record the user clicked.

A grid shows its attributes, area and centre, then what it holds (:func:`~gridmap.core.records.stats.grid_profile`,
following the filter bar): its grid workers, key persons, key venues and incidents with their counts and a
list of each (capped; activate one to identify it), and buttons to assign or remove workers. A record shows its
fields, ID and phone numbers masked unless revealed, its grid and any manual assignment."""

from __future__ import annotations

import html
import math

import geopandas as gpd
import pandas as pd
import shapely
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from gridmap.core.geo.crs import equal_area_crs
from gridmap.core.project.kinds import GRID, KINDS, masked, worker_grids
from gridmap.core.project.meta import override as record_override
from gridmap.core.records.stats import grid_profile
from gridmap.core.visits.history import visit_history, worker_visits
from gridmap.ui.panels.filter_bar import kind_labels
from gridmap.ui.labels import record_labels, role_labels

LIST_CAP = 50
"""Records listed per kind under a grid."""
KIND_ORDER = ("workers", "persons", "venues", "incidents")
TARGET = Qt.UserRole
"""Item data: ``("record", kind, row)`` or ``("grid", code)`` for items that can be activated."""
DETAILS = {"workers": ("role", "phone"), "persons": ("category", "risk_level"), "venues": ("type", "address"),
           "incidents": ("category", "status", "reported_at")}
"""Columns shown beside a listed record's name (or id)."""


def _day(value, time: bool = False) -> str:
    """A date (with the time of day when it has one and ``time``) as ``YYYY-MM-DD [HH:MM]``."""
    if value is None or pd.isna(value):
        return ""
    value = pd.Timestamp(value)
    return value.strftime("%Y-%m-%d %H:%M" if time and value != value.normalize() else "%Y-%m-%d")


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return str(value)


class IdentifyPanel(QWidget):
    """Shows one grid or one record: a heading, then a field/value tree.

    ``recordActivated(kind, row)`` and ``gridActivated(code)`` ask to identify a listed record or a record's
    grid; ``assignWorkerRequested(code)`` and ``unassignWorkerRequested(code, worker row)`` come from the
    buttons."""

    recordActivated = Signal(str, int)
    gridActivated = Signal(str)
    assignWorkerRequested = Signal(str)
    unassignWorkerRequested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = None
        self.filters = None
        self.revealed = False
        self.record: tuple[str, int] | None = None
        self.visit_status = lambda: None
        """Returns the :func:`~gridmap.core.visits.due.visit_status` table the Visits dock shows (or None): the
        status of a key person or venue, and a worker's targets."""
        self.code: str | None = None
        self._grids = None
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.RichText)  # markup of our own; every value in it is escaped
        self.heading.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.currentItemChanged.connect(self._update_buttons)
        self.assign_button = QPushButton(self.tr("Assign Worker…"), self)
        self.assign_button.clicked.connect(lambda: self.assignWorkerRequested.emit(self.code))
        self.unassign_button = QPushButton(self.tr("Remove Worker"), self)
        self.unassign_button.clicked.connect(self._unassign)
        buttons = QHBoxLayout()
        buttons.addWidget(self.assign_button)
        buttons.addWidget(self.unassign_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self.show_grid(None, None)

    def set_project(self, project, filters=None) -> None:
        """Identify in ``project``; ``filters(kind)`` gives the RecordFilter the grid's records are counted with."""
        self.project, self.filters = project, filters
        self.show_grid(None, None)

    def set_revealed(self, revealed: bool) -> None:
        """Show ID and phone numbers in full (True) or masked."""
        self.revealed = revealed
        self.refresh()

    def refresh(self) -> None:
        """Show the current grid or record again (after its records changed)."""
        if self.record is not None:
            self.show_record(*self.record)
        elif self._grids is not None:
            self.show_grid(self._grids, self.row)

    def _clear(self) -> None:
        self.tree.clear()
        self.record = self.code = self._grids = self.row = None
        self._update_buttons()

    # --- a grid --------------------------------------------------------------------------------------

    def show_grid(self, grids: gpd.GeoDataFrame | None, row: int | None) -> None:
        """Show row ``row`` of ``grids`` (and, for the project's grids, what it holds); None shows a hint."""
        self._clear()
        if grids is None or row is None or row >= len(grids):
            self.heading.setText(self.tr("Click a grid on the map to see its attributes."))
            return
        self._grids, self.row = grids, row
        record = grids.iloc[row]
        self.heading.setText(f"<b>{html.escape(str(record['code']))}</b> {html.escape(str(record['name']))}")
        labels = role_labels()
        for column in grids.columns:
            if column != grids.geometry.name:
                QTreeWidgetItem(self.tree, [labels.get(column, column), _text(record[column])])
        geom = record.geometry
        centre = shapely.point_on_surface(geom)
        area = gpd.GeoSeries([geom], crs=grids.crs).to_crs(equal_area_crs(centre.x, centre.y)).area.iloc[0]
        QTreeWidgetItem(self.tree, [self.tr("Area"), self.tr("{area} km²").format(area=f"{area / 1e6:,.3f}")])
        QTreeWidgetItem(self.tree, [self.tr("Centre"), f"{centre.x:.6f}°E  {centre.y:.6f}°N"])
        QTreeWidgetItem(self.tree, [self.tr("Parts"), str(shapely.get_num_geometries(geom))])
        if self.project is not None and grids is self.project.grids:
            self.code = str(record["code"])
            self._add_profile(self.code)
        self._update_buttons()

    def _add_profile(self, code: str) -> None:
        layers = self.project.layers
        filters = {k: self.filters(k) for k in KINDS if k in layers} if self.filters is not None else None
        profile = grid_profile(self.project, code, filters)
        names = kind_labels()
        for kind in KIND_ORDER:
            entry = profile.get(kind)
            if entry is None:
                continue
            total = entry["total"]
            summary = f"{total:,}"
            if kind == "incidents" and total:
                rate = entry["resolution_rate"]  # NaN: no incident with a known status
                summary += " · " + self.tr("{rate} resolved").format(rate="—" if math.isnan(rate) else f"{rate:.1%}")
            section = QTreeWidgetItem(self.tree, [names[kind], summary])
            if entry["categories"]:
                QTreeWidgetItem(section, [self.tr("Categories"), self._counts(entry["categories"])])
            if entry.get("statuses"):
                QTreeWidgetItem(section, [self.tr("Statuses"), self._counts(entry["statuses"])])
            rows = entry["rows"][:LIST_CAP]
            for row, (title, detail) in zip(rows, self._lines(kind, rows)):
                item = QTreeWidgetItem(section, [title, detail])
                item.setData(0, TARGET, ("record", kind, row))
            self._more(section, len(rows), total)
            section.setExpanded(True)

    @staticmethod
    def _counts(counts: dict[str, int]) -> str:
        return " · ".join(f"{name} {count:,}" for name, count in counts.items())

    def _lines(self, kind: str, rows: list[int]) -> list[tuple[str, str]]:
        """(title, details) of the records at ``rows``: the name (or id), then the kind's main columns."""
        part = self._shown(kind, self.project.layers[kind].iloc[rows])
        title = part["name"] if "name" in part.columns else part["id"]
        details = [part[c].map(_text) for c in DETAILS[kind] if c in part.columns]
        return [(_text(t), " · ".join(v for v in values if v))
                for t, *values in zip(title, *details)]

    def _shown(self, kind: str, part: pd.DataFrame) -> pd.DataFrame:
        return part if self.revealed else masked(part, kind, self.project.meta)

    def listed(self, kind: str) -> list[str]:
        """Titles of the ``kind`` records listed under the grid shown."""
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        children = [item.child(j) for item in items for j in range(item.childCount())]
        return [c.text(0) for c in children if (self._target(c) or ())[:2] == ("record", kind)]

    def _unassign(self) -> None:
        target = self._target(self.tree.currentItem())
        if target and target[:2] == ("record", "workers"):
            self.unassignWorkerRequested.emit(self.code, target[2])

    def _update_buttons(self, *_args) -> None:
        on_grid = self.code is not None
        target = self._target(self.tree.currentItem()) or ()
        self.assign_button.setVisible(on_grid)
        self.unassign_button.setVisible(on_grid)
        self.unassign_button.setEnabled(target[:2] == ("record", "workers"))

    # --- a record ------------------------------------------------------------------------------------

    def show_record(self, kind: str, row: int, frame: pd.DataFrame | None = None) -> None:
        """Show the ``kind`` record at row position ``row`` of its layer (or of ``frame``: records the store
        gave for the map's view or a table, the whole record then read from the store by its id), with its
        grid."""
        self._clear()
        given = frame
        if frame is None:
            frame = self.project.layers.get(kind) if self.project is not None else None
        elif self.project is not None and "id" in frame.columns and 0 <= row < len(frame):
            whole = self.project.layers.read_record(kind, str(frame["id"].iat[row]))
            if whole is not None and len(whole):
                frame, row = whole, 0
        if frame is None or not 0 <= row < len(frame):
            self.heading.setText(self.tr("Click a grid on the map to see its attributes."))
            return
        self.record = (kind, row) if given is None else None  # a served point is not shown again on refresh
        record = self._shown(kind, frame.iloc[[row]]).iloc[0]
        title = _text(record["name"]) if "name" in record.index else ""
        self.heading.setText(f"<b>{html.escape(kind_labels()[kind])}</b> {html.escape(_text(record['id']))} "
                             f"{html.escape(title)}")
        labels = record_labels()
        for column in frame.columns:
            if column != GRID:
                value = record[column]
                text = f"{value:.6f}" if column in ("lon", "lat") and pd.notna(value) else _text(value)
                QTreeWidgetItem(self.tree, [labels.get(column, column), text])
        self._add_grids(kind, record, _text(frame["id"].iat[row]))
        if kind in ("persons", "venues"):
            self._add_history(kind, _text(frame["id"].iat[row]))
        elif kind == "workers":
            self._add_work(_text(frame["id"].iat[row]), _text(frame["name"].iat[row]) if "name" in frame else "")

    def status_words(self) -> dict[str, str]:
        return {"on_time": self.tr("On time"), "due_soon": self.tr("Due soon"), "overdue": self.tr("Overdue"),
                "never": self.tr("Never visited")}

    def _add_history(self, kind: str, target_id: str) -> None:
        """A key person's or venue's visit status on the Visits dock's day and its visits, latest first."""
        status = self.visit_status()
        if status is not None:
            mine = status[(status["target_kind"] == kind).to_numpy() & (status["target_id"] == target_id).to_numpy()]
            if len(mine):
                entry = mine.iloc[0]
                text = self.status_words().get(entry["status"], entry["status"])
                if entry["status"] == "overdue":
                    text += " · " + self.tr("{days} days overdue").format(days=int(entry["days_overdue"]))
                if pd.notna(entry["due"]):
                    text += " · " + self.tr("due {day}").format(day=_day(entry["due"]))
                QTreeWidgetItem(self.tree, [self.tr("Visit status"), text])
                QTreeWidgetItem(self.tree, [self.tr("Visit every"), self.tr("{days} days").format(
                    days=int(entry["interval_days"]))])
        history = visit_history(self.project, kind, target_id)
        section = QTreeWidgetItem(self.tree, [self.tr("Visits"), f"{len(history):,}"])
        self._add_visits(section, history, lambda visit: (_text(visit.worker), _text(visit.result), _text(visit.note)))

    def _add_work(self, worker_id: str, name: str) -> None:
        """A worker's targets (the key persons and venues of the grids they are responsible for) with their
        status on the Visits dock's day, and the visits they made, latest first."""
        status = self.visit_status()
        kinds = kind_labels()
        if status is not None:
            mine = status[(status["worker_id"] == worker_id).to_numpy()]
            words = self.status_words()
            counts = mine["status"].value_counts()
            summary = " · ".join(f"{words[k]} {int(counts[k]):,}" for k in words if counts.get(k, 0))
            section = QTreeWidgetItem(self.tree, [self.tr("Visit targets"), f"{len(mine):,}  {summary}".strip()])
            order = mine.assign(late=mine["status"].map({"overdue": 0, "never": 1, "due_soon": 2, "on_time": 3}))
            order = order.sort_values(["late", "days_overdue"], ascending=[True, False], kind="stable")
            for target in order.head(LIST_CAP).itertuples(index=False):
                item = QTreeWidgetItem(section, [_text(target.name) or self._id(target.target_kind, target.target_id),
                                                 f"{kinds.get(target.target_kind, '')} · "
                                                 f"{words.get(target.status, target.status)}"])
                rows = self._layer_rows(target.target_kind, [target.target_id])
                if rows:
                    item.setData(0, TARGET, ("record", target.target_kind, rows[0]))
            self._more(section, min(len(mine), LIST_CAP), len(mine))
            section.setExpanded(True)
        visits = worker_visits(self.project, worker_id, name)
        section = QTreeWidgetItem(self.tree, [self.tr("Visits made"), f"{len(visits):,}"])
        self._add_visits(section, visits, lambda visit: (
            kinds.get(visit.target_kind, ""), self._target_name(visit.target_kind, visit.target_id),
            _text(visit.result), _text(visit.note)))

    def _add_visits(self, section: QTreeWidgetItem, visits: pd.DataFrame, parts) -> None:
        """The first :data:`LIST_CAP` of ``visits`` under ``section``: the day, then ``parts(visit)`` (the texts
        shown, empty ones left out), a check-in far from its target said so."""
        for visit in visits.head(LIST_CAP).itertuples(index=False):
            details = " · ".join(v for v in parts(visit) if v)
            if visit.far:
                details += " · " + self.tr("check-in far from the target")
            QTreeWidgetItem(section, [_day(visit.visited_at, True), details])
        self._more(section, min(len(visits), LIST_CAP), len(visits))
        section.setExpanded(True)

    def _more(self, section: QTreeWidgetItem, shown: int, total: int) -> None:
        """The line saying how many of ``total`` items were not listed under ``section`` (none when all were)."""
        if total > shown:
            QTreeWidgetItem(section, ["", self.tr("… and {count} more").format(count=f"{total - shown:,}")])

    def _layer_rows(self, kind: str, ids: list[str]) -> list[int]:
        if kind not in self.project.layers:
            return []
        at = pd.Index(self.project.layers[kind]["id"].astype(str)).get_indexer_for([str(i) for i in ids])
        return [int(a) for a in at if a >= 0]

    def _id(self, kind: str, value: str) -> str:
        """A target id as shown: masked where the kind's ids are private, unless revealed."""
        if self.revealed or kind not in KINDS:
            return _text(value)
        return _text(masked(pd.DataFrame({"id": [value]}), kind, self.project.meta)["id"].iat[0])

    def _target_name(self, kind: str, target_id: str) -> str:
        rows = self._layer_rows(kind, [target_id])
        layer = self.project.layers[kind] if rows else None
        if layer is not None and "name" in layer.columns and _text(layer["name"].iat[rows[0]]):
            return _text(layer["name"].iat[rows[0]])
        return self._id(kind, target_id)

    def _add_grids(self, kind: str, record: pd.Series, record_id: str) -> None:
        """The record's grid(s) (activate one to identify it) and its manual assignment."""
        grids = self.project.grids
        names = dict(zip(grids["code"].astype(str), grids["name"].astype(str)))
        codes = worker_grids(record[GRID]) if not KINDS[kind].points else [c for c in [_text(record[GRID])] if c]
        for code in codes:
            item = QTreeWidgetItem(self.tree, [self.tr("Grid"), f"{code} {names.get(code, '')}".strip()])
            item.setData(0, TARGET, ("grid", code))
        if not codes:
            QTreeWidgetItem(self.tree, [self.tr("Grid"), self.tr("outside every grid")])
        override = record_override(self.project.meta, kind, record_id)
        if override:
            QTreeWidgetItem(self.tree, [self.tr("Manual assignment"), self.tr("{grid}: {reason} ({at})").format(
                grid=override.get("grid", ""), reason=override.get("reason", ""), at=override.get("at", ""))])

    # --- both ----------------------------------------------------------------------------------------

    @staticmethod
    def _target(item: QTreeWidgetItem | None):
        data = item.data(0, TARGET) if item is not None else None
        return tuple(data) if data else None

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        target = self._target(item)
        if target and target[0] == "record":
            self.recordActivated.emit(target[1], target[2])
        elif target and target[0] == "grid":
            self.gridActivated.emit(target[1])

    def field_values(self) -> dict[str, str]:
        """What the panel shows, as {field label: value text} (top level only)."""
        return {self.tree.topLevelItem(i).text(0): self.tree.topLevelItem(i).text(1)
                for i in range(self.tree.topLevelItemCount())}
