"""The attribute table: a filter box over a sortable table of the grids' attributes."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from gridmap.ui.table_model import ContainsFilterProxy, DataFrameModel


class AttributeTable(QWidget):
    """Table of a DataFrame with a "Filter…" box matching any column and a row count."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = DataFrameModel(parent=self)
        self.proxy = ContainsFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter)
        self.count_label = QLabel(self)

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.view.setWordWrap(False)

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self._update_count()

    def set_frame(self, frame: pd.DataFrame | None, labels: dict[str, str] | None = None) -> None:
        self.model.set_frame(frame if frame is not None else pd.DataFrame(), labels)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self._on_filter(self.filter_edit.text())
        self.view.resizeColumnsToContents()

    def _on_filter(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{shown} of {total} rows").format(
            shown=f"{self.proxy.rowCount():,}", total=f"{self.model.rowCount():,}"))
