"""Small dialogs for editing records: assign records to a grid by hand (with a reason), and assign a grid
worker to a grid (an existing one or a new one)."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QCompleter, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QRadioButton, QVBoxLayout, QWidget)

from gridmap.core.project.kinds import GRID, mask_private, worker_grids
from gridmap.ui.messages import plain_label

ROLES = ("网格长", "专职网格员", "兼职网格员", "网格志愿者")
"""Roles offered for a new grid worker (the layer's own roles come first)."""


class AssignGridDialog(QDialog):
    """Asks for a grid code (completed from the project's grids) and a reason, both required."""

    def __init__(self, grids: pd.DataFrame, count: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign to Grid"))
        self._names = dict(zip(grids["code"].astype(str), grids["name"].astype(str)))
        self.code_edit = QLineEdit(self)
        self.code_edit.setPlaceholderText(self.tr("Grid code"))
        completer = QCompleter(sorted(self._names), self)
        completer.setFilterMode(Qt.MatchContains)
        self.code_edit.setCompleter(completer)
        self.name_label = plain_label(self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("Why this grid (required)"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Grid:"), self.code_edit)
        form.addRow("", self.name_label)
        form.addRow(self.tr("Reason:"), self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Assign {count} records to a grid by hand; the assignment stays when "
                                         "records are assigned again.").format(count=f"{count:,}"), self))
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.code_edit.textChanged.connect(self._update)
        self.reason_edit.textChanged.connect(self._update)
        self._update()

    def grid(self) -> str:
        return self.code_edit.text().strip()

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def _update(self) -> None:
        name = self._names.get(self.grid())
        self.name_label.setText(name if name is not None else (self.tr("No such grid") if self.grid() else ""))
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(name is not None and bool(self.reason()))


class WorkerDialog(QDialog):
    """Choose the worker to assign to grid ``code``: an existing worker not yet in it, or a new one."""

    def __init__(self, workers: pd.DataFrame | None, code: str, revealed: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign Worker to Grid {code}").format(code=code))
        self.existing_radio = QRadioButton(self.tr("Existing worker:"), self)
        self.new_radio = QRadioButton(self.tr("New worker:"), self)
        group = QButtonGroup(self)
        group.addButton(self.existing_radio)
        group.addButton(self.new_radio)
        self.worker_combo = QComboBox(self)
        if workers is not None and len(workers):
            phones = workers["phone"].astype(str) if revealed else mask_private(workers["phone"])
            for row, (name, role, phone, grids) in enumerate(zip(workers["name"], workers["role"], phones,
                                                                 workers[GRID])):
                if code not in worker_grids(grids):
                    self.worker_combo.addItem(" · ".join(str(v) for v in (name, role, phone) if str(v)), row)
        self.name_edit = QLineEdit(self)
        self.phone_edit = QLineEdit(self)
        self.role_combo = QComboBox(self)
        self.role_combo.setEditable(True)
        known = [str(r) for r in workers["role"].unique() if str(r)] if workers is not None else []
        self.role_combo.addItems(known + [r for r in ROLES if r not in known])
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.existing_radio, self.worker_combo)
        form.addRow(self.new_radio)
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Phone:"), self.phone_edit)
        form.addRow(self.tr("Role:"), self.role_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        has_existing = self.worker_combo.count() > 0
        self.existing_radio.setEnabled(has_existing)
        (self.existing_radio if has_existing else self.new_radio).setChecked(True)
        for signal in (group.buttonToggled, self.name_edit.textChanged):
            signal.connect(self._update)
        self._update()

    def existing_row(self) -> int | None:
        """The chosen existing worker's row position, or None for a new worker."""
        return self.worker_combo.currentData() if self.existing_radio.isChecked() else None

    def new_worker(self) -> dict[str, str]:
        return {"name": self.name_edit.text().strip(), "phone": self.phone_edit.text().strip(),
                "role": self.role_combo.currentText().strip()}

    def _update(self, *_args) -> None:
        new = self.new_radio.isChecked()
        self.worker_combo.setEnabled(not new)
        for widget in (self.name_edit, self.phone_edit, self.role_combo):
            widget.setEnabled(new)
        ok = bool(self.name_edit.text().strip()) if new else self.worker_combo.currentIndex() >= 0
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(ok)
