"""The statistics dock: record counts per grid, community, street or district for the filter bar's kind and
filter, with a totals line and Export…. Counting a city's million incidents runs on a worker thread."""

from __future__ import annotations

import math
from functools import partial
from pathlib import Path

import pandas as pd
from PySide6.QtCore import QCoreApplication, Qt, QThread, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from gridmap.core.errors import GridMapError
from gridmap.core.records.filters import RecordFilter
from gridmap.core.records.stats import overall_resolution_rate, record_stats, unit_grid_rows, write_stats
from gridmap.ui.panels.filter_bar import kind_labels
from gridmap.ui.labels import role_labels
from gridmap.ui.messages import plain_label, show_message
from gridmap.ui.table_model import DataFrameModel, table_view

SYNC_ROWS = 100_000
"""Layers with fewer records are counted on the GUI thread (a few milliseconds); larger ones on a worker."""

_RUNNING: set[QThread] = set()  # jobs whose panel may be gone; kept alive until their thread ends
_HOOKED = False


class _Job(QThread):
    """Runs ``fn()`` once, keeping its result or its exception."""

    def __init__(self, fn, token: int):
        super().__init__()
        self._fn = fn
        self.token = token
        self.result = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._fn()
        except Exception as exc:  # shown by the panel, never raised in the thread
            self.error = exc


def _release(job: _Job) -> None:
    job.wait()
    _RUNNING.discard(job)
    job.deleteLater()


def wait_for_jobs() -> None:
    """Block until every statistics job has ended (at quit: a running QThread must not be destroyed)."""
    for job in list(_RUNNING):
        job.wait()


def _wait_at_quit() -> None:
    """Make the application wait for running jobs when it quits (hooked once)."""
    global _HOOKED
    app = QCoreApplication.instance()
    if app is not None and not _HOOKED:
        app.aboutToQuit.connect(wait_for_jobs)
        _HOOKED = True


def _percent(value) -> str:
    """A rate as a percentage with one decimal; "—" for none (no record with a known status)."""
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.1%}"


class StatsPanel(QWidget):
    """Level chooser, the statistics table (sortable) with a totals line, and Export….

    ``unitActivated(rows)`` carries the grid row positions of a unit the user double-clicked."""

    unitActivated = Signal(list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = None
        self.kind: str | None = None
        self.filter = RecordFilter()
        self.frame: pd.DataFrame | None = None
        self._job: _Job | None = None
        self._request = 0

        self.level_combo = QComboBox(self)
        for key, text in self.level_labels().items():
            self.level_combo.addItem(text, key)
        self.level_combo.currentIndexChanged.connect(self.refresh)
        self.title_label = plain_label(self)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.clicked.connect(self.export_dialog)
        self.model = DataFrameModel(parent=self)
        self.view = table_view(self.model, self)
        self.view.doubleClicked.connect(self._on_double_click)
        self.totals_label = plain_label(self)
        self.totals_label.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.level_combo)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addWidget(self.totals_label)
        _wait_at_quit()
        self.refresh()

    def level_labels(self) -> dict[str, str]:
        return {"grid": self.tr("Grid"), "community": self.tr("Community / village"),
                "street": self.tr("Street / town"), "district": self.tr("District")}

    def level(self) -> str:
        return self.level_combo.currentData()

    def set_level(self, level: str) -> None:
        self.level_combo.setCurrentIndex(self.level_combo.findData(level))

    def set_project(self, project) -> None:
        """Count in ``project`` (None: show nothing) once a kind is chosen with :meth:`set_filter`."""
        self.project = project
        self.kind = None
        self.refresh()

    def set_filter(self, kind: str, filt: RecordFilter) -> None:
        """Count ``kind`` records passing ``filt`` (the filter bar's ``filterChanged`` connects here)."""
        self.kind, self.filter = kind, filt
        self.refresh()

    def is_busy(self) -> bool:
        return self._job is not None

    # --- counting ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Count again (the project's records changed, or the level)."""
        self._request += 1
        self._count()

    def _count(self) -> None:
        if self.project is None or not self.kind or self.kind not in self.project.layers:
            self._show(None)
            return
        fn = partial(record_stats, self.project, self.kind, self.level(), self.filter)
        if self.project.layers.count(self.kind) < SYNC_ROWS:  # a layer not in memory is counted by its store
            try:
                self._show(fn())
            except GridMapError as exc:
                self._show(None, str(exc))
            return
        if self._job is None:  # else the running job starts the latest request when it ends
            self._job = _Job(fn, self._request)
            _RUNNING.add(self._job)
            self._job.finished.connect(partial(_release, self._job))
            self._job.finished.connect(self._on_job_done)
            self._job.start()
            self.totals_label.setText(self.tr("Counting…"))

    def _on_job_done(self) -> None:
        job, self._job = self._job, None
        if job.token != self._request:
            self._count()
        elif job.error is not None:
            self._show(None, str(job.error))
        else:
            self._show(job.result)

    # --- showing -------------------------------------------------------------------------------------

    def _show(self, frame: pd.DataFrame | None, error: str = "") -> None:
        self.frame = frame
        self.model.set_frame(frame if frame is not None else pd.DataFrame(), self.column_labels(),
                             {"resolution_rate": _percent})
        self.view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.view.resizeColumnsToContents()
        self.export_button.setEnabled(frame is not None)
        self.title_label.setText(kind_labels().get(self.kind or "", ""))
        self.totals_label.setText(error or self.totals_text())

    def column_labels(self) -> dict[str, str]:
        """Headers of the standard columns (categories and statuses show their own names)."""
        roles = role_labels()
        return {"code": self.tr("Code"), "name": self.tr("Name"), "total": self.tr("Total"),
                "closed": self.tr("Closed"), "resolution_rate": self.tr("Resolution rate"),
                "district": roles["district"], "street": roles["street"], "community": roles["community"],
                "workers": self.tr("Grid workers")}

    def totals_text(self) -> str:
        """Units, records (and those outside every grid), closed and the resolution rate over all units."""
        frame = self.frame
        if frame is None:
            return ""
        outside = (frame["code"] == "").to_numpy() & (self.level() == "grid")  # grids always have a code
        units = frame[~outside]
        total = int(units["total"].sum())
        text = self.tr("{units} units · {total} records").format(units=f"{len(units):,}", total=f"{total:,}")
        if outside.any():
            count = int(frame.loc[outside, "total"].sum())
            text += " · " + self.tr("{count} outside every grid").format(count=f"{count:,}")
        if "closed" in frame.columns:
            closed = int(units["closed"].sum())
            text += " · " + self.tr("{closed} closed, resolution rate {rate}").format(
                closed=f"{closed:,}", rate=_percent(overall_resolution_rate(frame, ~outside)))
        return text

    def export(self, path: Path | str) -> Path:
        """Write the statistics to ``path``: .csv or .xlsx headed as shown (translated), .json with the column
        names as keys (for scripts)."""
        return write_stats(self.frame, path, labels=self.column_labels())

    def export_dialog(self) -> None:
        if self.frame is None:
            return
        folder = Path(self.project.path).parent if self.project is not None and self.project.path else Path.home()
        types = [self.tr("Excel workbooks (*.xlsx)"), self.tr("CSV files (*.csv)"), self.tr("JSON files (*.json)")]
        stem = f"{kind_labels()[self.kind]}-{self.level_labels()[self.level()]}"
        start = folder / (stem.replace(" / ", "-").replace("/", "-") + ".xlsx")  # 街道/乡镇 is no folder
        name, chosen = QFileDialog.getSaveFileName(self, self.tr("Export Statistics"), str(start), ";;".join(types))
        if not name:
            return
        if Path(name).suffix.lower() not in (".xlsx", ".csv", ".json"):
            name += "." + chosen.rsplit("*.", 1)[-1].rstrip(")")
        try:
            path = self.export(name)
        except GridMapError as exc:
            show_message(self, self.tr("Export Statistics"), str(exc))
            return
        self.totals_label.setText(self.tr("Exported {name}").format(name=path.name))

    def _on_double_click(self, index) -> None:
        if self.frame is None or self.project is None or not index.isValid():
            return
        unit = self.frame.iloc[self.model.original_row(index.row())].to_dict()
        rows = unit_grid_rows(self.project.grids, self.level(), unit).tolist()
        if rows:
            self.unitActivated.emit(rows)
