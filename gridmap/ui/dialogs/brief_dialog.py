"""File → Daily Brief…: the morning brief (每日简报) of a date as an A4 PDF (and its tables as XLSX), written on a
worker thread with progress, as printing is."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget)

from gridmap.ui.tasks import Task


class BriefDialog(QDialog):
    """The brief's date, district, language and files; OK writes them (``written(paths)`` when done)."""

    written = Signal(list)

    def __init__(self, project, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.project = project
        self.task: Task | None = None
        self.setWindowTitle(self.tr("Daily Brief"))
        form = QFormLayout(self)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("Morning of"), self.date)
        hint = QLabel(self.tr("The brief reports the day before and the month to date."))
        hint.setTextFormat(Qt.PlainText)
        form.addRow("", hint)
        self.district = QComboBox()
        self.district.addItem(self.tr("Whole project"), None)
        for name in sorted(set(project.grids["district"]) - {""}):
            self.district.addItem(name, name)
        form.addRow(self.tr("District"), self.district)
        self.lang = QComboBox()
        self.lang.addItem("中文", "zh")
        self.lang.addItem("English", "en")
        self.lang.setCurrentIndex(0 if lang == "zh" else 1)
        form.addRow(self.tr("Language"), self.lang)
        start = project.path.with_name(f"{project.path.stem}-brief.pdf") if project.path else Path.home() / "brief.pdf"
        self.out = QLineEdit(str(start))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.out)
        row.addWidget(browse)
        form.addRow(self.tr("PDF file"), row)
        self.xlsx = QCheckBox(self.tr("Also write its tables as XLSX beside it"))
        form.addRow("", self.xlsx)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.write)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Daily Brief"), self.out.text(), self.tr("PDF (*.pdf)"))
        if name:
            self.out.setText(name if name.lower().endswith(".pdf") else f"{name}.pdf")

    def options(self):
        from gridmap.ops.brief import BriefOptions

        out = Path(self.out.text().strip())
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        day = self.date.date()
        return BriefOptions(pd.Timestamp(day.year(), day.month(), day.day()), out, self.district.currentData(),
                            self.lang.currentData(), out.with_suffix(".xlsx") if self.xlsx.isChecked() else None)

    def write(self) -> Task:
        """Write the brief on a worker thread; the dialog closes when it is written."""
        from gridmap.print.brief import print_brief

        options, project = self.options(), self.project
        self.task = Task(self, self.tr("Daily Brief"), lambda progress: print_brief(project, options, progress))
        self.task.finished.connect(self._done)
        return self.task.start()

    def _done(self, result) -> None:
        self.written.emit([p for p in (result.out, result.xlsx) if p is not None])
        self.accept()
