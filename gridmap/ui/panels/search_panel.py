"""The search panel: find grids by code or name as you type."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from gridmap.core.grids.search import GridSearch, text_column
from gridmap.ui.messages import plain_label

LIMIT = 100
ROW_ROLE = Qt.UserRole  # int: the grid's row position


class SearchPanel(QWidget):
    """A search box over the grids' codes and names (also communities and streets) with the best matches
    listed under it. Clicking or activating a result emits ``activated([row])``; Enter in the box emits
    ``activated`` with the rows of every match, listed or not."""

    activated = Signal(list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grids: pd.DataFrame | None = None
        self.index: GridSearch | None = None
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Search code or name…"))
        self.edit.setClearButtonEnabled(True)
        self.count_label = plain_label(self)
        self.results = QListWidget(self)
        # long names wrap (a dock is narrow) rather than being cut with "…"; the tooltip has the whole line too
        self.results.setWordWrap(True)
        self.results.setTextElideMode(Qt.ElideNone)
        self.results.setResizeMode(QListWidget.Adjust)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.count_label)
        layout.addWidget(self.results)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self.update_results)
        self.edit.textChanged.connect(self.timer.start)
        self.edit.returnPressed.connect(self._activate_all)
        self.results.itemClicked.connect(self._activate_item)
        self.results.itemActivated.connect(self._activate_item)

    def set_grids(self, grids: pd.DataFrame | None) -> None:
        """Search ``grids`` (None: nothing) and refresh the results for the current text."""
        self.grids = grids
        self.index = GridSearch(grids) if grids is not None else None
        self.update_results()

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected, ready to type over."""
        self.edit.setFocus(Qt.ShortcutFocusReason)
        self.edit.selectAll()

    def update_results(self) -> None:
        """List the best matches of the current text now (typing does this after a short pause)."""
        self.timer.stop()
        self.results.clear()
        text = self.edit.text()
        if self.index is None or not text.strip():
            self.count_label.setText("")
            return
        result = self.index.search(text, LIMIT)
        if result.total > len(result.rows):
            self.count_label.setText(self.tr("showing {shown} of {total}").format(
                shown=f"{len(result.rows):,}", total=f"{result.total:,}"))
        else:
            self.count_label.setText(self.tr("{count} results").format(count=f"{result.total:,}"))
        shown = self.grids.iloc[result.rows]
        columns = [text_column(shown, c).tolist() for c in ("code", "name", "street", "district")]
        for row, code, name, street, district in zip(result.rows, *columns):
            place = ", ".join(part for part in (street, district) if part)
            item = QListWidgetItem("  ".join(part for part in (code, name, f"— {place}" if place else "") if part))
            item.setToolTip(item.text())
            item.setData(ROW_ROLE, row)
            self.results.addItem(item)

    def _activate_item(self, item: QListWidgetItem) -> None:
        self.activated.emit([item.data(ROW_ROLE)])

    def _activate_all(self) -> None:
        if self.timer.isActive():
            self.update_results()
        if self.index is not None:
            rows = self.index.search(self.edit.text(), None).rows
            if rows:
                self.activated.emit(rows)
