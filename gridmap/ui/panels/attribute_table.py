"""The attribute table: a filter box over a sortable table of the grids' attributes, with a row selection
that other views (the map) can follow and drive."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QWidget
from gridmap.ui.messages import plain_label
from gridmap.ui.table_model import ContainsFilterProxy, DataFrameModel, filtered_table_layout, table_view


class AttributeTable(QWidget):
    """Table of a DataFrame with a "Filter…" box matching any column and a row count.

    ``rowsSelected`` carries the frame's row positions the user selected; :meth:`select_rows` sets them
    without emitting it."""

    rowsSelected = Signal(list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = DataFrameModel(parent=self)
        self.proxy = ContainsFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter)
        self.count_label = plain_label(self)

        self.view = table_view(self.proxy, self)
        self._syncing = False
        self.view.selectionModel().selectionChanged.connect(self._on_selection)

        filtered_table_layout(self, self.filter_edit, self.count_label, self.view)
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

    def selected_rows(self) -> list[int]:
        rows = self.view.selectionModel().selectedRows()
        return sorted(self.proxy.mapToSource(index).row() for index in rows)

    def select_rows(self, rows) -> None:
        """Select the frame's rows ``rows`` (those the filter shows) and scroll to the first."""
        proxy_rows = sorted(r for r in (self.proxy.mapFromSource(self.model.index(int(row), 0)).row()
                                        for row in rows) if r >= 0)
        selection = QItemSelection()
        last = self.proxy.columnCount() - 1
        start = prev = None
        for r in proxy_rows + [None]:
            if start is not None and (r is None or r != prev + 1):
                selection.select(self.proxy.index(start, 0), self.proxy.index(prev, last))
                start = None
            if r is not None and start is None:
                start = r
            prev = r
        self._syncing = True
        try:
            self.view.selectionModel().select(selection, QItemSelectionModel.ClearAndSelect)
        finally:
            self._syncing = False
        if proxy_rows:
            self.view.scrollTo(self.proxy.index(proxy_rows[0], 0))

    def _on_selection(self, *_args) -> None:
        if not self._syncing:
            self.rowsSelected.emit(self.selected_rows())
