"""The "New project from boundaries" dialog: what ``gridmap new`` does, with a decoded preview."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QSplitter, QStyle,
                               QVBoxLayout, QWidget)

from gridmap.core.geo.crs import label as crs_label
from gridmap.core.errors import GridMapError
from gridmap.core.io.fields import ROLES, FieldMapping, guess_mapping
from gridmap.core.grids.build import check_grids
from gridmap.core.project.model import ImportOptions
from gridmap.core.io.reader import list_layers, read_source
from gridmap import ops
from gridmap.ui.labels import role_labels
from gridmap.ui.messages import ask, plain_label, show_message
from gridmap.ui.dialogs.source_dialog import SourceDialog

SOURCE_SUFFIXES = (".shp", ".zip", ".gpkg", ".geojson", ".json", ".kml")
PREVIEW_ROWS = 50
ENCODINGS = ("UTF-8", "GBK", "GB18030", "Big5", "CP1252", "ISO-8859-1")
CRS_CHOICES = ("EPSG:4490", "EPSG:4326", "EPSG:4528", "EPSG:4549", "EPSG:4550", "EPSG:4527", "EPSG:4529",
               "EPSG:3857")


class ImportDialog(SourceDialog):
    """Choose a boundary file, check how it decodes, map its fields and create a project (.gpkg).

    Emits ``project_created(project, problems)`` after the worker wrote the project; the dialog then closes.
    Errors are shown and the dialog stays open.
    """

    project_created = Signal(object, list)

    def __init__(self, parent: QWidget | None = None, source: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Project from Boundaries"))
        self.resize(900, 680)
        self._columns: list[str] = []
        self._frame = None
        self._report = None

        source_row = self._make_source_row(self.tr("Shapefile, zipped shapefile, GeoPackage, GeoJSON or KML"),
                                           self.tr("Choose Boundary File"), self.tr("Boundary files ({patterns})"),
                                           SOURCE_SUFFIXES)

        self.layer_combo = QComboBox(self)
        self.layer_combo.setEnabled(False)
        self.layer_combo.currentIndexChanged.connect(self._reload)

        self._make_encoding_combo(ENCODINGS)

        self.crs_combo = QComboBox(self)
        self.crs_combo.setEditable(True)
        self.crs_combo.addItem(self.tr("Auto (from file)"), None)
        crs_names = {"EPSG:4490": self.tr("CGCS2000"), "EPSG:4326": self.tr("WGS 84"),
                     "EPSG:4528": self.tr("CGCS2000 3° GK zone 40 (prefixed)"),
                     "EPSG:4549": self.tr("CGCS2000 3° GK CM 120°E"), "EPSG:4550": self.tr("CGCS2000 3° GK CM 123°E"),
                     "EPSG:4527": self.tr("CGCS2000 3° GK zone 39 (prefixed)"),
                     "EPSG:4529": self.tr("CGCS2000 3° GK zone 41 (prefixed)"),
                     "EPSG:3857": self.tr("Web Mercator")}
        for code in CRS_CHOICES:
            self.crs_combo.addItem(f"{code} — {crs_names[code]}", code)
        self.crs_combo.setToolTip(self.tr("Type an EPSG code (EPSG:4549), gk3:120 for the 3° Gauss-Krüger zone at "
                                          "120°E without zone prefix, gk3:zone40 for a prefixed zone, or WKT"))
        self.crs_combo.activated.connect(self._reload)
        self.crs_combo.lineEdit().editingFinished.connect(self._reload)

        self._make_coords_combo().currentIndexChanged.connect(self._recheck)

        self.detected_label = plain_label(self)
        self.detected_label.setWordWrap(True)
        self.detected_label.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.output_edit = QLineEdit(self)
        browse_output = QPushButton(self.tr("Browse…"), self)
        browse_output.clicked.connect(self._browse_output)

        output_row = QHBoxLayout()
        output_row.addWidget(self.output_edit, 1)
        output_row.addWidget(browse_output)

        form = QFormLayout()
        form.addRow(self.tr("Source file:"), source_row)
        form.addRow(self.tr("Layer:"), self.layer_combo)
        form.addRow(self.tr("Encoding:"), self.encoding_combo)
        form.addRow(self.tr("Coordinate system:"), self.crs_combo)
        form.addRow(self.tr("Coordinates:"), self.coords_combo)
        form.addRow(self.tr("Detected:"), self.detected_label)

        mapping_box = QGroupBox(self.tr("Field mapping"), self)
        mapping_grid = QGridLayout(mapping_box)
        labels = role_labels()
        self.role_combos: dict[str, QComboBox] = {}
        for i, role in enumerate(ROLES):
            combo = QComboBox(mapping_box)
            self.role_combos[role] = combo
            combo.currentIndexChanged.connect(self._recheck)
            mapping_grid.addWidget(QLabel(labels[role], mapping_box), i // 3, (i % 3) * 2)
            mapping_grid.addWidget(combo, i // 3, (i % 3) * 2 + 1)
            mapping_grid.setColumnStretch((i % 3) * 2 + 1, 1)

        preview_box = self._make_preview_box()
        self.problems_list = QListWidget(self)

        problems_box = QGroupBox(self.tr("Problems"), self)
        QVBoxLayout(problems_box).addWidget(self.problems_list)
        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(preview_box)
        splitter.addWidget(problems_box)
        splitter.setSizes([400, 120])

        self._make_buttons(self.tr("Create Project"), self._create)

        output_form = QFormLayout()
        output_form.addRow(self.tr("Project file:"), output_row)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(mapping_box)
        layout.addWidget(splitter, 1)
        layout.addLayout(output_form)
        layout.addWidget(self.buttons)
        self._set_ok_enabled(False)

        if source is not None:
            self.set_source(Path(source))

    # --- choosing the source -------------------------------------------------------------------------

    def _open_source(self, path: Path) -> None:
        """Fill the dialog for ``path``: its layers, a default output path, then the preview."""
        if not self.output_edit.text().strip():
            stem = path.stem if path.suffix.lower() != ".gpkg" else f"{path.stem}_project"
            self.output_edit.setText(str(path.with_name(f"{stem}.gpkg")))
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        try:
            layers = list_layers(path)
        except GridMapError as exc:
            layers = []
            self._show_failure(str(exc))
        for layer in layers:
            self.layer_combo.addItem(layer, layer)
        self.layer_combo.setEnabled(len(layers) > 1)
        self.layer_combo.blockSignals(False)
        if layers:
            self._reload()

    def _on_browsed(self) -> None:
        self.output_edit.clear()

    def _browse_output(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save Project As"), self.output_edit.text(),
                                              self.tr("GridMap projects (*.gpkg)"))
        if name:
            self.output_edit.setText(name if name.lower().endswith(".gpkg") else f"{name}.gpkg")

    # --- reading options -----------------------------------------------------------------------------

    def crs(self) -> str | None:
        text = self.crs_combo.currentText().strip()
        index = self.crs_combo.findText(text)
        if index >= 0:
            return self.crs_combo.itemData(index)
        return text or None

    def mapping(self) -> FieldMapping:
        return FieldMapping(**{role: combo.currentData() for role, combo in self.role_combos.items()})

    def options(self) -> ImportOptions:
        return ImportOptions(path=self.source_path(), layer=self.layer_combo.currentData(),
                             encoding=self.encoding(), crs=self.crs(), coords=self.coords_combo.currentData(),
                             mapping=self.mapping())

    def _reload(self) -> None:
        """Re-read the source with the current layer/encoding/CRS and refresh preview, mapping and problems."""
        path = self.source_path()
        if path is None:
            return
        self._loaded_source = str(path)
        QGuiApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            frame, report = read_source(path, layer=self.layer_combo.currentData(), encoding=self.encoding(),
                                        crs=self.crs())
        except GridMapError as exc:
            self._show_failure(str(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._frame, self._report = frame, report
        attributes = frame.drop(columns=frame.geometry.name)
        self.preview_model.set_frame(attributes.head(PREVIEW_ROWS))
        self.preview.resizeColumnsToContents()
        self._fill_mapping([str(c) for c in attributes.columns])
        self.detected_label.setText(self._describe(report))
        self._recheck()
        self._set_ok_enabled(True)

    def _recheck(self) -> None:
        """Run the grid checks with the current field mapping and coordinates; list errors, then notes."""
        if self._frame is None:
            return
        check = check_grids(self._frame, self.mapping(), self.coords_combo.currentData())
        self.problems_list.clear()
        error_icon = self.style().standardIcon(QStyle.SP_MessageBoxCritical)
        warning_icon = self.style().standardIcon(QStyle.SP_MessageBoxWarning)
        note_icon = self.style().standardIcon(QStyle.SP_MessageBoxInformation)
        for problem in check.errors:
            self.problems_list.addItem(QListWidgetItem(error_icon, problem.message))
        for problem in self._report.problems + check.notes:
            icon = warning_icon if problem.kind == "encoding_errors" else note_icon
            self.problems_list.addItem(QListWidgetItem(icon, problem.message))

    def _describe(self, report) -> str:
        if report.encoding is None:
            encoding = self.tr("not applicable")
        elif report.encoding.detected:
            encoding = self.tr("{name} (detected)").format(name=report.encoding.name)
        else:
            encoding = report.encoding.name
        if report.crs is None:
            crs = self.tr("unknown")
        elif report.crs_inferred:
            crs = self.tr("{name} (inferred)").format(name=crs_label(report.crs))
        else:
            crs = crs_label(report.crs)
        return self.tr("{format} · {features} features ({types}) · encoding {encoding} · CRS {crs}").format(
            format=report.format, features=f"{report.features:,}", types=", ".join(report.geometry_types),
            encoding=encoding, crs=crs)

    def _fill_mapping(self, columns: list[str]) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        guess = guess_mapping(columns)
        for role, combo in self.role_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(none)"), None)
            for column in columns:
                combo.addItem(column, column)
            chosen = getattr(guess, role)
            combo.setCurrentIndex(combo.findData(chosen) if chosen else 0)
            combo.blockSignals(False)

    def _show_failure(self, message: str) -> None:
        self._frame = self._report = None
        self.preview_model.set_frame(pd.DataFrame())
        self.detected_label.setText(self.tr("Cannot read this file."))
        self.problems_list.clear()
        self.problems_list.addItem(message)
        self._set_ok_enabled(False)

    # --- creating the project ------------------------------------------------------------------------

    def output_path(self) -> Path | None:
        text = self.output_edit.text().strip()
        return Path(text) if text else None

    def _create(self) -> None:
        out = self.output_path()
        if self.source_path() is None or out is None:
            show_message(self, self.windowTitle(), self.tr("Choose a source file and a project file."))
            return
        force = False
        if out.exists():
            answer = ask(self, self.windowTitle(), self.tr("{name} exists. Replace it?").format(name=out.name))
            if answer != QMessageBox.Yes:
                return
            force = True
        options = self.options()
        self._start_task(self.tr("Creating project"),
                         lambda progress: ops.new(out, options, force=force, progress=progress))

    def _on_done(self, result) -> None:
        self.project_created.emit(result.project, list(result.problems))
