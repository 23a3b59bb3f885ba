"""Dialogs about personal data: the reason asked before ID and phone numbers are revealed, and the project's
audit log of reveals (Help → Audit Log…)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QLineEdit, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)


class RevealDialog(QDialog):
    """Asks why ID and phone numbers are to be shown in full; OK only once a reason is typed."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(text, self)
        label.setTextFormat(Qt.PlainText)
        label.setWordWrap(True)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("Reason (recorded in the project's audit log)"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.reason().strip()))

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    @classmethod
    def ask(cls, parent: QWidget, title: str, text: str) -> str | None:
        """The reason the user typed, or None when they cancelled."""
        dialog = cls(title, text, parent)
        try:
            return dialog.reason() if dialog.exec() == QDialog.Accepted and dialog.reason() else None
        finally:
            dialog.deleteLater()


class AuditLogDialog(QDialog):
    """The project's audit log: one row per reveal, newest first."""

    def __init__(self, rows: list[dict], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audit Log"))
        self.resize(900, 400)
        headers = {"at": self.tr("When"), "user": self.tr("User"), "host": self.tr("Computer"),
                   "action": self.tr("Action"), "layer": self.tr("Layer"), "records": self.tr("Records"),
                   "output": self.tr("File"), "reason": self.tr("Reason")}
        self.table = QTableWidget(len(rows), len(headers), self)
        self.table.setHorizontalHeaderLabels(list(headers.values()))
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, row in enumerate(reversed(rows)):
            for j, key in enumerate(headers):
                value = row.get(key)
                self.table.setItem(i, j, QTableWidgetItem("" if value is None else str(value)))
        empty = QLabel(self.tr("No reveals recorded."), self)
        empty.setVisible(not rows)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(empty)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def texts(self) -> list[list[str]]:
        """The table's cells as shown, row by row."""
        return [[self.table.item(i, j).text() for j in range(self.table.columnCount())]
                for i in range(self.table.rowCount())]
