"""File → Print Map…: a :class:`~gridmap.core.printing.layout.PrintSpec` edited in a form, with a live preview of the page
rendered off the GUI thread, exported as PDF, PNG or JPEG (optionally one page per street or district) or sent
to a printer."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date
from pathlib import Path

import pandas as pd
from PySide6.QtCore import QDate, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDoubleSpinBox, QFileDialog, QFormLayout,
                               QFrame, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QMainWindow, QPushButton,
                               QScrollArea, QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

from gridmap.core.errors import GridMapError
from gridmap.core.printing.layout import PAPERS, PrintSpec
from gridmap.core.project.privacy import reveal_entry
from gridmap.ops import record_reveal
from gridmap.core.progress import ProgressFn
from gridmap.print.fonts import FONT_SUFFIXES, use_font_file
from gridmap.print.output import _safe, batch_units, print_pages, render_image, write_print
from gridmap.ui.dialogs.privacy_dialogs import RevealDialog
from gridmap.ui.messages import plain_label
from gridmap.ui.tasks import Task, _Worker

SETTINGS_KEY = "print/spec"
FOLDER_KEY = "print/folder"
FONT_KEY = "print/font"
PREVIEW_DPI = 50
PREVIEW_MAX_PX = 1400
"""The preview is rendered at PREVIEW_DPI, or less where that would make its long side longer than this."""
DELAY_MS = 300
"""The preview follows a change after this long without another one."""
NOT_REMEMBERED = ("title", "date", "rows", "bbox", "mask_private")
"""What the next dialog does not take over from the last spec: the title and date belong to one map, the
selection and the view to one moment, and phone numbers are masked until the user says otherwise each time."""
QT_PAPERS = {"A4": QPageSize.A4, "A3": QPageSize.A3, "A2": QPageSize.A2, "A1": QPageSize.A1, "A0": QPageSize.A0}


def preview_dpi(spec: PrintSpec) -> float:
    """The preview's resolution: PREVIEW_DPI, less for big paper."""
    return min(PREVIEW_DPI, PREVIEW_MAX_PX * 25.4 / max(spec.page_mm))


def write_each(project, spec: PrintSpec, out: Path, by: str, progress: ProgressFn) -> list[Path]:
    """One PDF file per street or district (``by``): ``NAME-UNIT.pdf``, named as a batch's images are."""
    units = batch_units(project, spec, by)
    paths: list[Path] = []
    for i, (name, unit) in enumerate(units):
        target = out.with_name(f"{out.stem}-{_safe(name)}{out.suffix}")
        paths += write_print(project, unit, target,
                             progress=lambda f, message, i=i: progress((i + f) / len(units), message))
    return paths


def remembered_spec() -> tuple[PrintSpec, str | None]:
    """The last dialog's spec (without what :data:`NOT_REMEMBERED` names) and batch, or the defaults."""
    try:
        saved = json.loads(QSettings().value(SETTINGS_KEY, "") or "{}")
    except (TypeError, ValueError):
        saved = {}
    if not isinstance(saved, dict):
        saved = {}
    batch = saved.pop("batch", None)
    names = {f.name for f in fields(PrintSpec)} - set(NOT_REMEMBERED)
    try:
        spec = PrintSpec(**{k: v for k, v in saved.items() if k in names})
    except (GridMapError, TypeError, ValueError):
        spec = PrintSpec()
    return spec, batch if batch in ("street", "district") else None


def remember_spec(spec: PrintSpec, batch: str | None) -> None:
    saved = {k: v for k, v in asdict(spec).items() if k not in NOT_REMEMBERED}
    saved["batch"] = batch
    QSettings().setValue(SETTINGS_KEY, json.dumps(saved, ensure_ascii=False))


def setup_printer(printer: QPrinter, spec: PrintSpec) -> None:
    """The printer's paper and orientation as the spec says."""
    printer.setPageSize(QPageSize(QT_PAPERS[spec.paper]))
    printer.setPageOrientation(QPageLayout.Landscape if spec.landscape else QPageLayout.Portrait)


class PrintDialog(QDialog):
    """The print form and the page preview for ``project``; ``selection`` (grid rows) and ``view`` (the map's
    west, south, east, north in lon/lat) are what the selected-grids and current-view extents print.

    :meth:`spec` is the form as a PrintSpec and :meth:`set_spec` fills the form; :meth:`export_pdf`,
    :meth:`export_image` and :meth:`print_to` take their path or printer directly (the buttons ask for them).
    """

    previewed = Signal()
    """A preview finished (or failed); :meth:`preview_image` and the status label show the outcome."""

    exported = Signal(list)
    """An export or print finished: the files written (empty for a printer)."""

    def __init__(self, project, parent: QWidget | None = None, selection=(), view=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print Map"))
        self.resize(1100, 760)
        self.project = project
        self._selection = tuple(int(r) for r in selection)
        self._view = tuple(float(v) for v in view) if view is not None else None
        self._loading = False
        self._reveal_reason = ""
        self._generation = 0  # bumped on every change: a preview of an older generation is stale
        self._worker: _Worker | None = None
        self._pending = False
        self._image: QImage | None = None
        self._pages = 1
        self._tasks: list[Task] = []
        grids = project.grids.sort_values("code") if "code" in project.grids else project.grids
        self._districts = [d for d in pd.unique(grids["district"].astype(str)) if d]
        self._streets = {d: [s for s in pd.unique(grids.loc[grids["district"].astype(str) == d, "street"].astype(str))
                             if s] for d in self._districts}

        # --- the form ---
        self.template_combo = self._combo({
            "overview": self.tr("District overview"), "workers": self.tr("Grid worker notice map"),
            "incidents": self.tr("Incident map for a period"), "venues": self.tr("Key venues map")})
        self.paper_combo = self._combo({p: p for p in PAPERS})
        self.orientation_combo = self._combo({"portrait": self.tr("Portrait"), "landscape": self.tr("Landscape")})
        self.margin_spin = QDoubleSpinBox(self)
        self.margin_spin.setDecimals(0)
        self.margin_spin.setSuffix(self.tr(" mm"))
        self.margin_spin.valueChanged.connect(self._changed)
        self.dpi_spin = QSpinBox(self)
        self.dpi_spin.setRange(72, 1200)
        self.dpi_spin.setSingleStep(50)
        self.dpi_spin.setSuffix(self.tr(" dpi"))
        self.dpi_spin.setToolTip(self.tr("The resolution of PNG and JPEG images and of the basemap in a PDF"))
        self.dpi_spin.valueChanged.connect(self._changed)

        self.extent_combo = self._combo({
            "all": self.tr("Whole city"), "view": self.tr("Current map view"), "district": self.tr("A district"),
            "street": self.tr("A street / town"),
            "selection": self.tr("Selected grids ({count})").format(count=len(self._selection))})
        self._enable_item(self.extent_combo, "view", self._view is not None)
        self._enable_item(self.extent_combo, "selection", bool(self._selection))
        self.district_combo = self._combo({d: d for d in self._districts})
        self.district_combo.currentIndexChanged.connect(self._fill_streets)
        self.street_combo = QComboBox(self)
        self.street_combo.currentIndexChanged.connect(self._changed)

        self.title_edit = self._line_edit(self.tr("Automatic: the template and the area"))
        self.subtitle_edit = self._line_edit(self.tr("No subtitle"))
        self.date_edit = self._line_edit(self.tr("No date"))
        self.author_edit = self._line_edit(self.tr("e.g. the office that made the map"))

        self.legend_check = self._check(self.tr("Legend"))
        self.scale_bar_check = self._check(self.tr("Scale bar"))
        self.north_arrow_check = self._check(self.tr("North arrow"))
        self.labels_combo = self._combo({"code": self.tr("Grid code"), "name": self.tr("Grid name"),
                                         "worker": self.tr("Grid worker"), "none": self.tr("No labels")})
        self.mask_check = QCheckBox(self.tr("Mask phone numbers"), self)
        self.mask_check.setChecked(True)
        self.mask_check.setToolTip(self.tr("Print grid workers' phone numbers as 138****5678"))
        self.mask_check.toggled.connect(self._on_mask_toggled)

        self.heat_combo = self._combo({"choropleth": self.tr("Incidents per grid (choropleth)"),
                                       "heat": self.tr("Heat map")})
        self.lang_combo = self._combo({"zh": self.tr("Chinese"), "en": self.tr("English")})
        self.lang_combo.setToolTip(self.tr("The language of the text the map prints for itself (automatic title, "
                                           "legend, notes), whatever the language of GridMap"))
        self.start_edit, self.end_edit = QDateEdit(self), QDateEdit(self)
        first, last = self._incident_days()
        for edit, day in ((self.start_edit, first), (self.end_edit, last)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.dateChanged.connect(self._changed)

        self.basemap_edit = QLineEdit(self)
        self.basemap_edit.setReadOnly(True)
        self.basemap_edit.setPlaceholderText(self.tr("None"))
        mbtiles_button = QPushButton(self.tr("MBTiles…"), self)
        mbtiles_button.clicked.connect(self._choose_mbtiles)
        folder_button = QPushButton(self.tr("Tile Folder…"), self)
        folder_button.clicked.connect(self._choose_tile_folder)
        self.clear_basemap_button = QPushButton(self.tr("None"), self)
        self.clear_basemap_button.clicked.connect(lambda: self.set_basemap(None))
        self.font_edit = QLineEdit(self)
        self.font_edit.setReadOnly(True)
        self.font_edit.setPlaceholderText(self.tr("An installed Chinese font"))
        font_button = QPushButton(self.tr("Font File…"), self)
        font_button.setToolTip(self.tr("Print with a font file (.ttf, .otf, .ttc), such as your organisation's "
                                       "standard Chinese font"))
        font_button.clicked.connect(self._choose_font)
        installed_font_button = QPushButton(self.tr("Installed"), self)
        installed_font_button.clicked.connect(lambda: self.set_font_file(None))

        self.batch_combo = self._combo({"": self.tr("One page"), "street": self.tr("One page per street / town"),
                                        "district": self.tr("One page per district")})
        self.batch_combo.setToolTip(self.tr("Exports and printing make one page per unit in the extent; images "
                                            "are one file each"))
        self.separate_check = QCheckBox(self.tr("One PDF file per page"), self)
        self.separate_check.setToolTip(self.tr("Off: one PDF holding every page"))
        self.separate_check.toggled.connect(self._changed)

        page_box = QGroupBox(self.tr("Page"), self)
        page_form = QFormLayout(page_box)
        page_form.addRow(self.tr("Template:"), self.template_combo)
        page_form.addRow(self.tr("Paper:"), self.paper_combo)
        page_form.addRow(self.tr("Orientation:"), self.orientation_combo)
        page_form.addRow(self.tr("Margins:"), self.margin_spin)
        page_form.addRow(self.tr("Image resolution:"), self.dpi_spin)
        page_form.addRow(self.tr("Pages:"), self.batch_combo)
        page_form.addRow("", self.separate_check)

        extent_box = QGroupBox(self.tr("Map Extent"), self)
        extent_form = QFormLayout(extent_box)
        extent_form.addRow(self.tr("Extent:"), self.extent_combo)
        extent_form.addRow(self.tr("District:"), self.district_combo)
        extent_form.addRow(self.tr("Street / town:"), self.street_combo)
        period = QHBoxLayout()
        period.addWidget(self.start_edit)
        period.addWidget(QLabel("–", self))
        period.addWidget(self.end_edit)
        self.period_label = QLabel(self.tr("Incidents from:"), self)
        extent_form.addRow(self.period_label, period)
        self.heat_label = QLabel(self.tr("Incidents as:"), self)
        extent_form.addRow(self.heat_label, self.heat_combo)

        text_box = QGroupBox(self.tr("Text"), self)
        text_form = QFormLayout(text_box)
        text_form.addRow(self.tr("Title:"), self.title_edit)
        text_form.addRow(self.tr("Subtitle:"), self.subtitle_edit)
        text_form.addRow(self.tr("Date:"), self.date_edit)
        text_form.addRow(self.tr("Unit / author:"), self.author_edit)
        text_form.addRow(self.tr("Map language:"), self.lang_combo)
        font_row = QHBoxLayout()
        font_row.addWidget(self.font_edit, 1)
        font_row.addWidget(font_button)
        font_row.addWidget(installed_font_button)
        text_form.addRow(self.tr("Font:"), font_row)

        content_box = QGroupBox(self.tr("Content"), self)
        content_form = QFormLayout(content_box)
        checks = QHBoxLayout()
        for check in (self.legend_check, self.scale_bar_check, self.north_arrow_check):
            checks.addWidget(check)
        checks.addStretch(1)
        content_form.addRow(checks)
        content_form.addRow(self.tr("Grid labels:"), self.labels_combo)
        content_form.addRow(self.mask_check)
        basemap = QHBoxLayout()
        basemap.addWidget(self.basemap_edit, 1)
        for button in (mbtiles_button, folder_button, self.clear_basemap_button):
            basemap.addWidget(button)
        content_form.addRow(self.tr("Basemap:"), basemap)

        form_widget = QWidget(self)
        form_layout = QVBoxLayout(form_widget)
        for box in (page_box, extent_box, text_box, content_box):
            form_layout.addWidget(box)
        form_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(form_widget)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setMinimumWidth(form_widget.sizeHint().width() + 24)

        # --- the preview and the buttons ---
        self.preview = QLabel(self)
        self.preview.setAlignment(Qt.AlignCenter)
        self.preview.setMinimumSize(QSize(320, 240))
        self.preview.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Ignored)
        self.preview.setStyleSheet("background: #8a8f96;")
        self.status_label = plain_label(self)
        self.status_label.setWordWrap(True)
        self.pdf_button = QPushButton(self.tr("Export PDF…"), self)
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.image_button = QPushButton(self.tr("Export Image…"), self)
        self.image_button.clicked.connect(lambda: self.export_image())
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.clicked.connect(self.print_map)
        close_button = QPushButton(self.tr("Close"), self)
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        for button in (self.pdf_button, self.image_button, self.print_button, close_button):
            buttons.addWidget(button)
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addLayout(buttons)
        body = QHBoxLayout(self)
        body.addWidget(scroll)
        body.addLayout(right, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._render_preview)

        spec, batch = remembered_spec()
        self.set_spec(spec, batch)
        font = QSettings().value(FONT_KEY, "")
        if font and Path(font).is_file():
            self.set_font_file(font)

    # --- widgets -------------------------------------------------------------------------------------------

    def _combo(self, items: dict[str, str]) -> QComboBox:
        combo = QComboBox(self)
        for key, text in items.items():
            combo.addItem(text, key)
        combo.currentIndexChanged.connect(self._changed)
        return combo

    def _line_edit(self, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self._changed)
        return edit

    def _check(self, text: str) -> QCheckBox:
        check = QCheckBox(text, self)
        check.toggled.connect(self._changed)
        return check

    @staticmethod
    def _enable_item(combo: QComboBox, key: str, enabled: bool) -> None:
        item = combo.model().item(combo.findData(key))
        item.setEnabled(enabled)

    @staticmethod
    def _select(combo: QComboBox, key) -> bool:
        index = combo.findData(key)
        if index < 0 or not combo.model().item(index).isEnabled():
            return False
        combo.setCurrentIndex(index)
        return True

    def _incident_days(self) -> tuple[date, date]:
        """The incidents' first and last day (the last year if there are none)."""
        incidents = self.project.layers.get("incidents")
        times = (incidents["reported_at"].dropna() if incidents is not None and "reported_at" in incidents
                 else pd.Series([], dtype="datetime64[ns]"))
        if len(times):
            return times.min().date(), times.max().date()
        today = date.today()
        return today.replace(year=today.year - 1), today

    def _fill_streets(self) -> None:
        current = self.street_combo.currentData()
        self.street_combo.blockSignals(True)
        self.street_combo.clear()
        for street in self._streets.get(self.district_combo.currentData(), []):
            self.street_combo.addItem(street, street)
        self.street_combo.setCurrentIndex(max(0, self.street_combo.findData(current)))
        self.street_combo.blockSignals(False)
        self._changed()

    def _update_enabled(self) -> None:
        extent = self.extent_combo.currentData()
        self.district_combo.setEnabled(extent in ("district", "street"))
        self.street_combo.setEnabled(extent == "street")
        template = self.template_combo.currentData()
        self.mask_check.setEnabled(template == "workers")
        for widget in (self.period_label, self.start_edit, self.end_edit, self.heat_label, self.heat_combo):
            widget.setEnabled(template == "incidents")
        self.clear_basemap_button.setEnabled(bool(self.basemap_edit.text()))
        self.separate_check.setEnabled(self.batch() is not None)

    def _on_mask_toggled(self, on: bool) -> None:
        reason = None if on or self._loading else RevealDialog.ask(
            self, self.tr("Print Phone Numbers"),
            self.tr("Print grid workers' phone numbers in full? Whoever sees the printed map can read them; print "
                    "them only for a notice that must show them. Type why: each map printed with them is recorded "
                    "in the project's audit log."))
        if not on and not self._loading and reason is None:
            self.mask_check.blockSignals(True)
            self.mask_check.setChecked(True)
            self.mask_check.blockSignals(False)
            return
        self._reveal_reason = reason or ""
        self._changed()

    def _choose_mbtiles(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Basemap MBTiles File"), self._folder(),
                                              self.tr("MBTiles files (*.mbtiles);;All files (*)"))
        if name:
            self.set_basemap(name)

    def _choose_tile_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Basemap Tile Folder"), self._folder())
        if name:
            self.set_basemap(name)

    def _choose_font(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in FONT_SUFFIXES)
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Font File"), self._folder(),
                                              self.tr("Font files ({patterns})").format(patterns=patterns))
        if name:
            self.set_font_file(name)

    def set_font_file(self, path: str | Path | None) -> bool:
        """Print with the font file at ``path`` (.ttf, .otf, .ttc), or with an installed Chinese font (None);
        remembered for the next dialog. False, with the reason in the status line, when it is no font file."""
        try:
            family = use_font_file(path)
        except GridMapError as exc:
            self.status_label.setText(str(exc))
            return False
        self.font_edit.setText(f"{family} ({Path(path).name})" if path else "")
        QSettings().setValue(FONT_KEY, str(path) if path else "")
        self._changed()
        return True

    def set_basemap(self, path: str | Path | None) -> None:
        """Print over the local tiles at ``path`` (an MBTiles file or a {z}/{x}/{y} folder), or None."""
        self.basemap_edit.setText(str(path) if path else "")
        self._changed()

    # --- the spec ------------------------------------------------------------------------------------------

    def spec(self) -> PrintSpec:
        """The form as a PrintSpec (raises GridMapError if it is not a valid one)."""
        extent = self.extent_combo.currentData()
        template = self.template_combo.currentData()
        incidents = template == "incidents"
        return PrintSpec(
            template=template, paper=self.paper_combo.currentData(),
            landscape=self.orientation_combo.currentData() == "landscape", margin_mm=self.margin_spin.value(),
            dpi=self.dpi_spin.value(), extent=extent,
            district=self.district_combo.currentData() if extent in ("district", "street") else None,
            street=self.street_combo.currentData() if extent == "street" else None,
            rows=self._selection if extent == "selection" else (),
            bbox=self._view if extent == "view" else None,
            title=self.title_edit.text().strip(), subtitle=self.subtitle_edit.text().strip(),
            date=self.date_edit.text().strip(), author=self.author_edit.text().strip(),
            legend=self.legend_check.isChecked(), scale_bar=self.scale_bar_check.isChecked(),
            north_arrow=self.north_arrow_check.isChecked(), labels=self.labels_combo.currentData(),
            mask_private=self.mask_check.isChecked(), basemap=self.basemap_edit.text() or None,
            start=self.start_edit.date().toString("yyyy-MM-dd") if incidents else None,
            end=self.end_edit.date().toString("yyyy-MM-dd") if incidents else None,
            heat=incidents and self.heat_combo.currentData() == "heat", lang=self.lang_combo.currentData())

    def batch(self) -> str | None:
        """'street' or 'district' for one page per unit, None for one page."""
        return self.batch_combo.currentData() or None

    def set_spec(self, spec: PrintSpec, batch: str | None = None) -> None:
        """Fill the form from ``spec`` (an extent the dialog cannot offer falls back to the whole city)."""
        self._loading = True
        try:
            self._select(self.template_combo, spec.template)
            self._select(self.paper_combo, spec.paper)
            self._select(self.orientation_combo, "landscape" if spec.landscape else "portrait")
            self._set_margin_range(spec.paper)
            self.margin_spin.setValue(spec.margin_mm)
            self.dpi_spin.setValue(spec.dpi)
            if spec.district in self._districts:
                self._select(self.district_combo, spec.district)
            self._fill_streets()
            if spec.street:
                self._select(self.street_combo, spec.street)
            if spec.rows and spec.extent == "selection":
                self._selection = tuple(spec.rows)
                self._enable_item(self.extent_combo, "selection", True)
                self.extent_combo.setItemText(self.extent_combo.findData("selection"), self.tr(
                    "Selected grids ({count})").format(count=len(self._selection)))
            if spec.bbox is not None and spec.extent == "view":
                self._view = tuple(spec.bbox)
                self._enable_item(self.extent_combo, "view", True)
            available = {"district": bool(self._districts), "street": self.street_combo.count() > 0}
            if not available.get(spec.extent, True) or not self._select(self.extent_combo, spec.extent):
                self._select(self.extent_combo, "all")
            self.title_edit.setText(spec.title)
            self.subtitle_edit.setText(spec.subtitle)
            self.date_edit.setText(spec.date)
            self.author_edit.setText(spec.author)
            self.legend_check.setChecked(spec.legend)
            self.scale_bar_check.setChecked(spec.scale_bar)
            self.north_arrow_check.setChecked(spec.north_arrow)
            self._select(self.labels_combo, spec.labels)
            self.mask_check.setChecked(spec.mask_private)
            for edit, day in ((self.start_edit, spec.start), (self.end_edit, spec.end)):
                if day and QDate.fromString(day[:10], "yyyy-MM-dd").isValid():
                    edit.setDate(QDate.fromString(day[:10], "yyyy-MM-dd"))
            self._select(self.heat_combo, "heat" if spec.heat else "choropleth")
            self._select(self.lang_combo, spec.lang)
            self.basemap_edit.setText(spec.basemap if spec.basemap and Path(spec.basemap).exists() else "")
            self._select(self.batch_combo, batch or "")
        finally:
            self._loading = False
        self._changed()

    def _set_margin_range(self, paper: str) -> None:
        """Margins up to what still fits the paper (PrintSpec allows less than a quarter of the short side)."""
        self.margin_spin.setRange(0, min(PAPERS[paper]) / 4 - 1)

    def _changed(self, *_args) -> None:
        if self._loading:
            return
        self._set_margin_range(self.paper_combo.currentData())
        self._update_enabled()
        self._generation += 1
        self.status_label.setText(self.tr("Rendering…"))
        self._timer.start()

    # --- the preview ---------------------------------------------------------------------------------------

    def preview_image(self) -> QImage | None:
        """The last preview of the page (of the first page in a batch), or None."""
        return self._image

    def pages(self) -> int:
        """How many pages the last preview's spec makes (more than one for a batch)."""
        return self._pages

    def is_rendering(self) -> bool:
        """Whether a preview is due or being rendered."""
        return self._timer.isActive() or self._worker is not None

    def _render_preview(self) -> None:
        if self._worker is not None:  # one render at a time; the latest spec follows this one
            self._pending = True
            return
        generation = self._generation
        try:
            spec = self.spec()
        except GridMapError as exc:
            self._show_preview(None, 0, str(exc))
            return
        project, batch = self.project, self.batch()

        def render(_progress):
            units = batch_units(project, spec, batch) if batch else [("", spec)]
            if not units:
                raise GridMapError(self.tr("The extent holds no grids to print."))
            return render_image(project, units[0][1], dpi=preview_dpi(spec)), len(units)

        worker = _Worker(render, self)
        worker.finished.connect(lambda: self._preview_done(worker, generation))
        self._worker = worker
        worker.start()

    def _preview_done(self, worker: _Worker, generation: int) -> None:
        worker.wait()
        worker.deleteLater()
        self._worker = None
        if self._pending:
            self._pending = False
            if not self._timer.isActive():
                self._render_preview()
        if generation != self._generation:
            return  # stale: a newer spec is being rendered or due
        if worker.error is None:
            image, pages = worker.result
            self._show_preview(image, pages)
        elif isinstance(worker.error, GridMapError):
            self._show_preview(None, 0, str(worker.error))
        else:
            self._show_preview(None, 0, self.tr("The preview failed: {error}").format(error=worker.error))

    def _show_preview(self, image: QImage | None, pages: int, error: str = "") -> None:
        self._image, self._pages = image, pages
        self._scale_preview()
        if error:
            self.status_label.setText(error)
        elif pages > 1:
            self.status_label.setText(self.tr("Page 1 of {pages}").format(pages=pages))
        else:
            self.status_label.setText(self.tr("1 page"))
        for button in (self.pdf_button, self.image_button, self.print_button):
            button.setEnabled(not error)
        self.previewed.emit()

    def _scale_preview(self) -> None:
        if self._image is None or self._image.isNull():
            self.preview.clear()
            return
        size = self.preview.size() - QSize(16, 16)
        self.preview.setPixmap(QPixmap.fromImage(self._image).scaled(
            size.expandedTo(QSize(1, 1)), Qt.KeepAspectRatio, Qt.SmoothTransformation))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._scale_preview()

    # --- output --------------------------------------------------------------------------------------------

    def _folder(self) -> str:
        folder = QSettings().value(FOLDER_KEY, "")
        if folder and Path(folder).is_dir():
            return str(folder)
        return str(self.project.path.parent) if self.project.path is not None else str(Path.home())

    def _suggested(self, suffix: str) -> str:
        stem = self.title_edit.text().strip() or (self.project.path.stem if self.project.path else "map")
        stem = "".join(c for c in stem if c not in '\\/:*?"<>|') or "map"
        return str(Path(self._folder()) / (stem + suffix))

    def _ask_path(self, title: str, filters: str, suffixes: tuple[str, ...]) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, title, self._suggested(suffixes[0]), filters)
        if not name:
            return None
        path = Path(name if name.lower().endswith(suffixes) else name + suffixes[0])
        QSettings().setValue(FOLDER_KEY, str(path.parent))
        return path

    def export_pdf(self, path: str | Path | None = None) -> Task | None:
        """Write a vector PDF to ``path`` (asked for if None) in the background; a batch is one page per unit."""
        if path is None:
            path = self._ask_path(self.tr("Export PDF"), self.tr("PDF files (*.pdf)"), (".pdf",))
        return self._export(Path(path)) if path is not None else None

    def export_image(self, path: str | Path | None = None) -> Task | None:
        """Write a PNG or JPEG image (by the suffix) at the chosen resolution to ``path`` (asked for if None) in
        the background; a batch is one file per unit."""
        if path is None:
            path = self._ask_path(self.tr("Export Image"), self.tr("PNG images (*.png);;JPEG images (*.jpg *.jpeg)"),
                                  (".png", ".jpg", ".jpeg"))
        return self._export(Path(path)) if path is not None else None

    def _export(self, path: Path) -> Task | None:
        spec = self._output_spec(path.resolve())
        if spec is None:
            return None
        project, batch = self.project, self.batch()
        if batch and self.separate_check.isChecked() and path.suffix.lower() == ".pdf":
            task = Task(self, self.tr("Export Map"), lambda progress: write_each(project, spec, path, batch, progress))
        else:
            task = Task(self, self.tr("Export Map"),
                        lambda progress: write_print(project, spec, path, batch=batch, progress=progress))
        pdf_pages = self._pages if batch and path.suffix.lower() == ".pdf" and not self.is_rendering() else None
        task.finished.connect(lambda paths: self._done([Path(p) for p in paths], pages=pdf_pages))
        return self._start(task)

    def print_map(self) -> None:
        """Print…: the system print dialog, set to the spec's paper and orientation, then print there."""
        spec = self._output_spec(audit=False)
        if spec is None:
            return
        printer = QPrinter(QPrinter.HighResolution)
        setup_printer(printer, spec)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> Task | None:
        """Print the map (every page of a batch) on ``printer`` in the background."""
        spec = self._output_spec(printer.outputFileName() or printer.printerName())
        if spec is None:
            return None
        project, batch = self.project, self.batch()
        self._printer = printer  # alive until the task is done
        task = Task(self, self.tr("Print Map"), lambda _progress: print_pages(project, spec, printer, batch=batch))
        name = printer.outputFileName() if printer.outputFormat() == QPrinter.PdfFormat else ""
        task.finished.connect(lambda pages: self._done([Path(name)] if name else [], printer.printerName(), pages))
        return self._start(task)

    def _output_spec(self, output=None, audit: bool = True) -> PrintSpec | None:
        """The spec to print or export to ``output``; with phone numbers in full, first recorded in the audit
        log (unless not ``audit``)."""
        try:
            spec = self.spec()
            if audit and spec.template == "workers" and not spec.mask_private:
                workers = self.project.layers.get("workers")
                record_reveal(self.project, reveal_entry("print", "workers", 0 if workers is None else len(workers),
                                                         output, self._reveal_reason))
        except GridMapError as exc:
            self.status_label.setText(str(exc))
            return None
        remember_spec(spec, self.batch())
        return spec

    def _start(self, task: Task) -> Task:
        self._tasks.append(task)
        for signal in (task.finished, task.failed, task.cancelled):
            signal.connect(lambda *_args, task=task: self._tasks.remove(task) if task in self._tasks else None)
        task.cancelled.connect(lambda: self._report(self.tr("Cancelled.")))
        return task.start()

    def _done(self, paths: list[Path], printer: str = "", pages: int | None = None) -> None:
        if not paths:
            message = self.tr("Sent {pages} page(s) to {printer}").format(
                pages=pages or 1, printer=printer or self.tr("the printer"))
        elif len(paths) == 1:
            message = self.tr("Wrote {path}").format(path=paths[0])
            if pages and pages > 1:
                message = self.tr("Wrote {path} ({pages} pages)").format(path=paths[0], pages=pages)
        else:
            message = self.tr("Wrote {count} files to {folder}").format(count=len(paths), folder=paths[0].parent)
        self._report(message)
        self.exported.emit(paths)

    def _report(self, message: str) -> None:
        self.status_label.setText(message)
        window = self.parent()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 10000)

    def is_busy(self) -> bool:
        """Whether an export or a print is running."""
        return bool(self._tasks)

    def wait(self) -> None:
        """Block until the preview and every export end (before the dialog goes)."""
        self._timer.stop()
        if self._worker is not None:
            self._worker.wait()
        for task in list(self._tasks):
            task.wait()

    def done(self, result: int) -> None:
        try:
            remember_spec(self.spec(), self.batch())
        except GridMapError:
            pass
        self.wait()
        super().done(result)
