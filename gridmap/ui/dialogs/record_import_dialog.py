"""The "Import Records" dialog: what ``gridmap add`` does, with a decoded preview, the column mapping and a dry
run that lists the rows that would be rejected, before anything changes."""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QListWidget, QListWidgetItem, QPushButton, QSplitter, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from gridmap.core.errors import GridMapError
from gridmap.core.records.assign import grid_locator
from gridmap.core.records.importing import (RecordImportOptions, _check_worker_grids, guess_columns, guess_kind,
                                        import_records, read_records, roles)
from gridmap.core.project.privacy import detect_private
from gridmap.core.project.kinds import GRID, KINDS, private_columns
from gridmap.core.io.tables import read_table
from gridmap.core.progress import scaled
from gridmap.ops import add, open_project
from gridmap.ui.panels.filter_bar import kind_labels
from gridmap.ui.labels import record_labels
from gridmap.ui.messages import plain_label
from gridmap.ui.dialogs.source_dialog import SourceDialog
from gridmap.ui.tasks import Task, run_in_thread

RECORD_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".gpx")
"""Files that are always records (dropping one on the window imports records)."""
POINT_SUFFIXES = (".shp", ".zip", ".gpkg", ".geojson", ".json", ".kml")
PREVIEW_ROWS = 50
SHOWN_REJECTS = 200
CHECK_DELAY_MS = 300
ENCODINGS = ("UTF-8", "GBK", "GB18030", "Big5")
PROJECTED = ("EPSG:4549", "EPSG:4550", "EPSG:4528", "EPSG:4529")


@dataclass
class DryRun:
    """What importing would do: the check's result (None when the file cannot be imported as set, see
    ``error``), how many records would be imported and how many of them lie outside every grid, and how many
    rows have longitude and latitude exchanged."""

    result: object = None
    to_import: int = 0
    outside: int = 0
    swapped: int = 0
    error: str = ""


def dry_run(project, options: RecordImportOptions, progress) -> DryRun:
    """Read and check ``options.path`` as :func:`import_records` would, without changing ``project``."""
    bounds = project.grids.total_bounds if len(project.grids) else None
    try:
        records, result = read_records(options, bounds, progress)
    except GridMapError as exc:
        if options.fix_swapped or not KINDS[options.kind].points:
            raise
        try:  # most rows swapped: the import refuses, unless told to swap them
            swapped = read_records(replace(options, fix_swapped=True), bounds)[1].swapped
        except GridMapError:
            swapped = 0
        if not swapped:
            raise
        return DryRun(swapped=swapped, error=str(exc))
    if KINDS[options.kind].points:
        rows = grid_locator(project).locate(records["lon"].to_numpy(float), records["lat"].to_numpy(float))
        outside = int((rows < 0).sum())
    else:
        records = _check_worker_grids(project, records, result)
        outside = int((records[GRID] == "").sum())
    swapped = result.swapped or result.swapped_rejected
    return DryRun(result, len(records), outside, swapped)


def staged_import(project, options: RecordImportOptions, progress):
    """Import into a copy of ``project`` (so that cancelling changes nothing; no layer is read but the one
    imported into and those the import checks against); the new layer and the result."""
    staged = copy.copy(project)
    staged.layers = project.layers.copy()
    staged.meta = dict(project.meta)
    result = import_records(staged, options, progress)
    return staged.layers[options.kind], result


def stored_import(store, options: RecordImportOptions, progress):
    """Import straight into ``store`` (see :func:`~gridmap.ui.session.held_store`): the same
    :func:`gridmap.ops.add` as ``gridmap add``, for a layer the store serves (never read into memory); no layer,
    the result and the stored metadata after it (private columns, imported files)."""
    result = add(store, options, scaled(progress, 0.0, 0.95))
    return None, result, open_project(store).meta


class RecordImportDialog(SourceDialog):
    """Choose a record file and its kind, check how it decodes, map its columns, check and import it.

    Emits ``imported(kind, layer, result)`` with the layer's new DataFrame once the worker finished; the
    window puts it into the project. The dialog then closes; errors are shown and it stays open."""

    imported = Signal(str, object, object)
    stored = Signal(str, object, object)
    """``(kind, result, meta)``: records imported straight into the store (a layer it serves), with the stored
    metadata after the import."""

    def __init__(self, project, parent: QWidget | None = None, source: Path | None = None, store=None):
        super().__init__(parent)
        self.project = project
        self.store = store
        """Where records of a layer the store serves are imported (see :func:`stored_import`); None while the
        project has unsaved changes (they are refused: save first)."""
        self.setWindowTitle(self.tr("Import Records"))
        self.resize(960, 760)
        self.table = None
        self.check: DryRun | None = None
        self._check_task: Task | None = None
        self._check_again = False
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.run_check)

        source_row = self._make_source_row(
            self.tr("CSV, Excel (.xlsx) or a point layer (Shapefile, GeoPackage…)"), self.tr("Choose Record File"),
            self.tr("Record files ({patterns})"), RECORD_SUFFIXES + POINT_SUFFIXES)

        self.kind_combo = QComboBox(self)
        for kind, text in kind_labels().items():
            self.kind_combo.addItem(text, kind)
        self.kind_combo.currentIndexChanged.connect(self._on_kind)

        self._make_encoding_combo(ENCODINGS)
        self.detected_label = plain_label(self)
        self.detected_label.setWordWrap(True)

        self._make_coords_combo().setEditable(True)
        for code in PROJECTED:
            self.coords_combo.addItem(code, code)
        self.coords_combo.setToolTip(self.tr("Or type the EPSG code of projected coordinates, e.g. EPSG:4549"))
        self.coords_combo.activated.connect(self.schedule_check)
        self.coords_combo.lineEdit().editingFinished.connect(self.schedule_check)

        form = QFormLayout()
        form.addRow(self.tr("File:"), source_row)
        form.addRow(self.tr("Records:"), self.kind_combo)
        form.addRow(self.tr("Encoding:"), self.encoding_combo)
        form.addRow(self.tr("Detected:"), self.detected_label)
        form.addRow(self.tr("Coordinates:"), self.coords_combo)

        self.mapping_table = QTableWidget(0, 2, self)
        self.mapping_table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Column in the file")])
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        self.role_combos: dict[str, QComboBox] = {}
        self.private_list = QListWidget(self)
        self.private_list.setToolTip(self.tr("Ticked columns hold ID or phone numbers: they are masked in tables, "
                                             "Identify and exports unless revealed"))
        self.private_list.itemChanged.connect(self._on_private_changed)
        self._detected: set[str] = set()
        self._private_choice: dict[str, bool] = {}

        preview_box = self._make_preview_box()

        self.check_label = plain_label(self)
        self.check_label.setWordWrap(True)
        self.swap_check = QCheckBox(self.tr("Swap longitude and latitude where they look swapped"), self)
        self.swap_check.setVisible(False)
        self.swap_check.toggled.connect(self.schedule_check)
        self.rejected_list = QListWidget(self)
        check_button = QPushButton(self.tr("Check Again"), self)
        check_button.clicked.connect(self.run_check)
        check_top = QHBoxLayout()
        check_top.addWidget(self.check_label, 1)
        check_top.addWidget(check_button)

        mapping_box = QGroupBox(self.tr("Column mapping"), self)
        mapping_layout = QVBoxLayout(mapping_box)
        mapping_layout.addWidget(self.mapping_table, 2)
        mapping_layout.addWidget(QLabel(self.tr("Private columns (ID and phone numbers, masked):"), self))
        mapping_layout.addWidget(self.private_list, 1)
        check_box = QGroupBox(self.tr("Check"), self)
        check_layout = QVBoxLayout(check_box)
        check_layout.addLayout(check_top)
        check_layout.addWidget(self.swap_check)
        check_layout.addWidget(self.rejected_list)
        top = QSplitter(Qt.Horizontal, self)
        top.addWidget(mapping_box)
        top.addWidget(preview_box)
        top.setSizes([320, 640])
        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(check_box)
        splitter.setSizes([420, 220])

        self._make_buttons(self.tr("Import"), self.start_import)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self._fill_mapping()
        self._set_ok_enabled(False)
        if source is not None:
            self.set_source(Path(source))

    # --- the file ------------------------------------------------------------------------------------

    def kind(self) -> str:
        return self.kind_combo.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def coords(self) -> str:
        text = self.coords_combo.currentText().strip()
        index = self.coords_combo.findText(text)
        return self.coords_combo.itemData(index) if index >= 0 else text

    def mapping(self) -> dict[str, str]:
        return {role: combo.currentData() for role, combo in self.role_combos.items() if combo.currentData()}

    def options(self) -> RecordImportOptions:
        marks = self.private_marks()
        return RecordImportOptions(path=self.source_path(), kind=self.kind(), columns=self.mapping(),
                                   coords=self.coords(), encoding=self.encoding(),
                                   fix_swapped=self.swap_check.isChecked(),
                                   private=[c for c, on in marks.items() if on],
                                   public=[c for c, on in marks.items() if not on and c not in self._always_private()])

    def private_marks(self) -> dict[str, bool]:
        """Each column of the file: whether it is to be private (as ticked)."""
        items = [self.private_list.item(i) for i in range(self.private_list.count())]
        return {item.data(Qt.UserRole): item.checkState() == Qt.Checked for item in items}

    def set_private(self, column: str, private: bool) -> None:
        """Tick (or untick) the file's ``column`` as private."""
        for i in range(self.private_list.count()):
            item = self.private_list.item(i)
            if item.data(Qt.UserRole) == column:
                item.setCheckState(Qt.Checked if private else Qt.Unchecked)

    def _always_private(self) -> set[str]:
        mapping = self.mapping()
        return {mapping[role] for role in KINDS[self.kind()].private if role in mapping}

    def _fill_private(self) -> None:
        """One checkable row per column of the file, ticked where it holds (or its name says) ID or phone
        numbers, is a standard private field (always ticked) or the project marks it; the user's ticks stay."""
        columns = [c for c in self.table.frame.columns if not c.startswith("__")] if self.table is not None else []
        always = self._always_private()
        marked = set(private_columns(self.project.meta, self.kind()))
        self.private_list.blockSignals(True)
        self.private_list.clear()
        for column in columns:
            item = QListWidgetItem(column, self.private_list)
            item.setData(Qt.UserRole, column)
            on = column in always or self._private_choice.get(column, column in self._detected or column in marked)
            item.setCheckState(Qt.Checked if on else Qt.Unchecked)
            if column in always:
                item.setFlags(item.flags() & ~Qt.ItemIsEnabled)
        self.private_list.blockSignals(False)

    def _on_private_changed(self, item: QListWidgetItem) -> None:
        self._private_choice[item.data(Qt.UserRole)] = item.checkState() == Qt.Checked
        self.schedule_check()

    def _reload(self) -> None:
        """Read the file (on a worker thread) with the chosen encoding: preview, encoding, mapping, then check."""
        path = self.source_path()
        if path is None:
            return
        new_file, self._loaded_source = str(path) != self._loaded_source, str(path)
        try:
            table = run_in_thread(lambda: read_table(path, self.encoding()), self)
        except GridMapError as exc:
            self.table = None
            self.preview_model.set_frame(pd.DataFrame())
            self.detected_label.setText(self.tr("Cannot read this file."))
            self._show_error(str(exc))
            return
        self.table = table
        if new_file:
            self._detected = set(detect_private(table.frame, [c for c in table.frame.columns
                                                               if not c.startswith("__")]))
            self._private_choice = {}
        self.preview_model.set_frame(table.frame.drop(columns=[c for c in table.frame.columns if c.startswith("__")])
                                     .head(PREVIEW_ROWS))
        self.preview.resizeColumnsToContents()
        self.detected_label.setText(self._describe(table))
        if table.crs is not None:
            self.coords_combo.setCurrentIndex(0)
        if new_file:
            self.kind_combo.blockSignals(True)
            self.set_kind(guess_kind(path, list(table.frame.columns)))
            self.kind_combo.blockSignals(False)
        self._fill_mapping()
        self.schedule_check()

    def _describe(self, table) -> str:
        rows = self.tr("{rows} rows").format(rows=f"{len(table.frame):,}")
        if table.encoding is None:
            return rows
        name = table.encoding.name
        encoding = self.tr("{name} (detected)").format(name=name) if table.encoding.detected else name
        return self.tr("{rows} · encoding {encoding}").format(rows=rows, encoding=encoding)

    def _on_kind(self) -> None:
        self._fill_mapping()
        self.schedule_check()

    def _fill_mapping(self) -> None:
        """One row per field of the kind, each with the file's columns to choose from, pre-filled with the guess."""
        kind = self.kind()
        self.coords_combo.setEnabled(KINDS[kind].points)
        columns = [c for c in self.table.frame.columns if not c.startswith("__")] if self.table is not None else []
        guess = guess_columns(kind, columns)
        labels = record_labels()
        self.role_combos = {}
        self.mapping_table.setRowCount(0)
        for i, role in enumerate(roles(kind)):
            combo = QComboBox(self.mapping_table)
            combo.addItem(self.tr("(none)"), None)
            for column in columns:
                combo.addItem(column, column)
            combo.setCurrentIndex(max(combo.findData(guess.get(role)), 0) if role in guess else 0)
            combo.currentIndexChanged.connect(self._fill_private)
            combo.currentIndexChanged.connect(self.schedule_check)
            self.mapping_table.insertRow(i)
            self.mapping_table.setCellWidget(i, 1, combo)
            item = QTableWidgetItem(labels.get(role, role))
            item.setFlags(Qt.ItemIsEnabled)
            self.mapping_table.setItem(i, 0, item)
            self.role_combos[role] = combo
        self._fill_private()

    # --- checking ------------------------------------------------------------------------------------

    def schedule_check(self, *_args) -> None:
        """Check again shortly (changes made meanwhile are checked together)."""
        self._set_ok_enabled(False)
        self._check_timer.start()

    def is_checking(self) -> bool:
        return self._check_task is not None or self._check_timer.isActive()

    def run_check(self) -> None:
        """Dry run on a worker thread: rows read, to import, rejected (with the first reasons), outside."""
        self._check_timer.stop()
        if self.table is None:
            return
        if self._check_task is not None:
            self._check_again = True
            return
        options, project = self.options(), self.project
        self._set_ok_enabled(False)
        self.check_label.setText(self.tr("Checking…"))
        self._check_task = Task(self, self.tr("Checking records"), lambda progress: dry_run(project, options, progress),
                                show_errors=False)
        self._check_task.finished.connect(self._show_check)
        self._check_task.failed.connect(self._show_error)
        self._check_task.cancelled.connect(lambda: self._show_error(self.tr("Check cancelled.")))
        self._check_task.start()

    def _check_done(self) -> bool:
        """Forget the finished check task; True when another check was asked for meanwhile (and started)."""
        self._check_task = None
        if self._check_again:
            self._check_again = False
            self.run_check()
            return True
        return False

    def _show_check(self, check: DryRun) -> None:
        if self._check_done():
            return
        self.check = check
        if check.swapped:
            self.swap_check.show()
        self.rejected_list.clear()
        if check.result is None:
            self.check_label.setText(check.error)
            self._set_ok_enabled(False)
            return
        result = check.result
        text = self.tr("{rows} rows read · {imported} to import · {rejected} rejected · {outside} outside every "
                       "grid").format(rows=f"{result.rows:,}", imported=f"{check.to_import:,}",
                                      rejected=f"{result.rejected:,}", outside=f"{check.outside:,}")
        if result.swapped:
            text += " · " + self.tr("{count} swapped").format(count=f"{result.swapped:,}")
        self.check_label.setText(text)
        for row, reason in result.rejected_rows[:SHOWN_REJECTS]:
            self.rejected_list.addItem(self.tr("Row {row}: {reason}").format(row=row, reason=reason))
        if len(result.rejected_rows) > SHOWN_REJECTS:
            self.rejected_list.addItem(self.tr("… and {count} more").format(
                count=f"{len(result.rejected_rows) - SHOWN_REJECTS:,}"))
        self._set_ok_enabled(check.to_import > 0 and not self._check_timer.isActive())

    def _show_error(self, message: str) -> None:
        if self._check_task is not None and self._check_done():
            return
        self.check = None
        self.check_label.setText(message)
        self.rejected_list.clear()
        self._set_ok_enabled(False)

    def rejected_texts(self) -> list[str]:
        return [self.rejected_list.item(i).text() for i in range(self.rejected_list.count())]

    # --- importing -----------------------------------------------------------------------------------

    def start_import(self) -> None:
        """Import on a worker thread (progress and Cancel); on success emit ``imported`` (or ``stored``: into a
        layer the store serves) and close."""
        if self._task is not None or self.table is None:
            return
        options, project, store = self.options(), self.project, self.store
        if KINDS[options.kind].points and project.layers.serves_points(options.kind):  # too many to hold: added in the store
            if store is None:
                self._show_error(self.tr("Save the project first: {layer} records are added straight to the stored "
                                         "project (there are too many to hold in memory).")
                                 .format(layer=self.kind_combo.currentText()))
                return
            self._start_task(self.tr("Importing records"), lambda progress: stored_import(store, options, progress))
            return
        self._start_task(self.tr("Importing records"), lambda progress: staged_import(project, options, progress))

    def is_busy(self) -> bool:
        return super().is_busy() or self._check_task is not None

    def _can_accept(self) -> bool:
        return self.check is not None and self.check.to_import > 0

    def done(self, result: int) -> None:
        """Close once no worker runs (a running check is waited for) and let go of the file's rows."""
        if self._task is not None:
            return
        if self._check_task is not None:
            self._check_task.wait()
        self.table = None
        super().done(result)

    def _on_done(self, outcome) -> None:
        if outcome[0] is None:
            _, result, meta = outcome
            self.stored.emit(result.kind, result, meta)
            return
        layer, result = outcome
        self.imported.emit(result.kind, layer, result)
