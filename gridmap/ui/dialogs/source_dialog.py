"""What the import dialogs share: a source file to choose (line edit and Browse…), its decoded preview, an
encoding choice, the OK button and one worker task that does the import and closes the dialog when done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QGroupBox, QHBoxLayout, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout)

from gridmap.ui.table_model import DataFrameModel
from gridmap.ui.tasks import Task


class SourceDialog(QDialog):
    """Base of the import dialogs. Subclasses build their widgets with the ``_make_…`` helpers (in the order
    that is their tab order), read the source in ``_reload`` and hand the finished task's result on in
    ``_on_done``; ``_open_source`` and ``_can_accept`` may be overridden."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._task: Task | None = None
        self._loaded_source: str | None = None
        self._browse_title = ""
        self._browse_filter = ""
        self._browse_suffixes: tuple[str, ...] = ()

    # --- building --------------------------------------------------------------------------------------

    def _make_source_row(self, placeholder: str, browse_title: str, browse_filter: str,
                         suffixes: tuple[str, ...]) -> QHBoxLayout:
        """``source_edit`` and its Browse… button; ``browse_filter`` has a ``{patterns}`` placeholder."""
        self._browse_title, self._browse_filter, self._browse_suffixes = browse_title, browse_filter, suffixes
        self.source_edit = QLineEdit(self)
        self.source_edit.setPlaceholderText(placeholder)
        self.source_edit.editingFinished.connect(self._on_source_edited)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse_source)
        row = QHBoxLayout()
        row.addWidget(self.source_edit, 1)
        row.addWidget(browse)
        return row

    def _make_encoding_combo(self, names: tuple[str, ...]) -> QComboBox:
        """``encoding_combo``: Auto-detect, then ``names``; choosing one reads the source again."""
        self.encoding_combo = QComboBox(self)
        self.encoding_combo.addItem(self.tr("Auto-detect"), None)
        for name in names:
            self.encoding_combo.addItem(name, name)
        self.encoding_combo.currentIndexChanged.connect(self._reload)
        return self.encoding_combo

    def _make_coords_combo(self) -> QComboBox:
        """``coords_combo`` with the geographic coordinate systems (WGS84, GCJ-02, BD-09)."""
        self.coords_combo = QComboBox(self)
        self.coords_combo.addItem(self.tr("WGS84 / CGCS2000"), "wgs84")
        self.coords_combo.addItem(self.tr("GCJ-02 (Amap/Tencent)"), "gcj02")
        self.coords_combo.addItem(self.tr("BD-09 (Baidu)"), "bd09")
        return self.coords_combo

    def _make_preview_box(self) -> QGroupBox:
        """``preview_model`` and its ``preview`` table in a group box."""
        self.preview_model = DataFrameModel(parent=self)
        self.preview = QTableView(self)
        self.preview.setModel(self.preview_model)
        self.preview.setAlternatingRowColors(True)
        self.preview.setWordWrap(False)
        self.preview.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        box = QGroupBox(self.tr("Preview (first rows, decoded)"), self)
        QVBoxLayout(box).addWidget(self.preview)
        return box

    def _make_buttons(self, ok_text: str, accepted) -> QDialogButtonBox:
        """``buttons``: OK (named ``ok_text``, calling ``accepted``) and Cancel."""
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText(ok_text)
        self.buttons.accepted.connect(accepted)
        self.buttons.rejected.connect(self.reject)
        return self.buttons

    # --- the source ------------------------------------------------------------------------------------

    def source_path(self) -> Path | None:
        text = self.source_edit.text().strip()
        return Path(text) if text else None

    def set_source(self, path: Path) -> None:
        self.source_edit.setText(str(path))
        self._open_source(path)

    def _open_source(self, path: Path) -> None:
        """Read a newly chosen source."""
        self._reload()

    def _reload(self) -> None:
        raise NotImplementedError

    def _on_source_edited(self) -> None:
        path = self.source_path()
        if path is not None and str(path) != self._loaded_source:
            self.set_source(path)

    def _browse_source(self) -> None:
        patterns = " ".join(f"*{s}" for s in self._browse_suffixes)
        name, _ = QFileDialog.getOpenFileName(self, self._browse_title, self.source_edit.text(),
                                              self._browse_filter.format(patterns=patterns))
        if name:
            self._on_browsed()
            self.set_source(Path(name))

    def _on_browsed(self) -> None:
        """A file was chosen with Browse… (before it is read)."""

    def encoding(self) -> str | None:
        return self.encoding_combo.currentData()

    # --- the task ----------------------------------------------------------------------------------------

    def _set_ok_enabled(self, enabled: bool) -> None:
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(enabled and self._task is None)

    def _can_accept(self) -> bool:
        """Whether OK is enabled again after the task failed or was cancelled."""
        return True

    def _start_task(self, title: str, fn) -> None:
        """Run ``fn(progress)`` on a worker (progress and Cancel); on success ``_on_done(result)``, then close."""
        self._set_ok_enabled(False)
        self._task = Task(self, title, fn)
        self._task.finished.connect(self._on_task_finished)
        self._task.failed.connect(self._on_task_stopped)
        self._task.cancelled.connect(self._on_task_stopped)
        self._task.start()

    def is_busy(self) -> bool:
        return self._task is not None

    def _on_task_stopped(self, *_args) -> None:
        self._task = None
        self._set_ok_enabled(self._can_accept())

    def _on_task_finished(self, result) -> None:
        self._task = None
        self._on_done(result)
        self.accept()

    def _on_done(self, result) -> None:
        raise NotImplementedError
