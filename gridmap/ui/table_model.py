"""A fast read-only Qt table model over a pandas DataFrame, and a "contains" filter proxy for it."""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QTableView, QVBoxLayout, QWidget

from gridmap.ui.messages import plain_tooltip


def _display(value: Any) -> str:
    """The text shown for one cell: empty for missing values, integral floats without decimals."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.6g}"
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


class DataFrameModel(QAbstractTableModel):
    """Rows of a DataFrame (geometry columns dropped); cells are formatted lazily on request.

    Sorting reorders an index array only, so 7,000+ rows sort instantly; numeric columns sort numerically.
    """

    def __init__(self, frame: pd.DataFrame | None = None, parent=None):
        super().__init__(parent)
        self._columns: list[str] = []
        self._formats: list[Callable[[Any], str]] = []
        self._arrays: list[np.ndarray] = []
        self._numeric: list[bool] = []
        self._order = np.arange(0)
        self._text: pd.Series | None = None
        if frame is not None:
            self.set_frame(frame)

    def set_frame(self, frame: pd.DataFrame, labels: dict[str, str] | None = None,
                  formats: dict[str, Callable[[Any], str]] | None = None) -> None:
        """Show ``frame``; ``labels`` gives display headers for some columns (others show their names), ``formats``
        the text of their cells (others as :func:`_display`; sorting still uses the values)."""
        self.beginResetModel()
        frame = frame[[c for c in frame.columns if not isinstance(frame[c].dtype, _geometry_dtypes())]]
        self._columns = [(labels or {}).get(str(c), str(c)) for c in frame.columns]
        self._formats = [(formats or {}).get(str(c), _display) for c in frame.columns]
        self._arrays = [frame[c].to_numpy() for c in frame.columns]
        self._numeric = [pd.api.types.is_numeric_dtype(frame[c].dtype) and not pd.api.types.is_bool_dtype(frame[c].dtype)
                         for c in frame.columns]
        self._order = np.arange(len(frame))
        self._text = None
        self.endResetModel()

    def original_row(self, row: int) -> int:
        """The position in the DataFrame of the row currently shown at ``row``."""
        return int(self._order[row])

    def row_texts(self) -> pd.Series:
        """Each DataFrame row's cells joined and case-folded, indexed by original position (built once)."""
        if self._text is None:
            parts = [pd.Series([_display(v) for v in array]) for array in self._arrays]
            joined = parts[0].str.cat(parts[1:], sep="\t") if parts else pd.Series([""] * len(self._order))
            self._text = joined.str.casefold()
        return self._text

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if role == Qt.DisplayRole:
            return self._formats[column](self._arrays[column][self._order[index.row()]])
        if role == Qt.ToolTipRole:
            return plain_tooltip(self._formats[column](self._arrays[column][self._order[index.row()]]))
        if role == Qt.TextAlignmentRole and self._numeric[column]:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return self._columns[section] if section < len(self._columns) else None
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        values = pd.Series(self._arrays[column])
        if not self._numeric[column]:
            values = values.map(_display)
        ascending = order == Qt.AscendingOrder
        sorted_index = values.sort_values(ascending=ascending, kind="stable", na_position="last").index.to_numpy()
        self.layoutAboutToBeChanged.emit()
        old_order = self._order
        self._order = sorted_index
        new_row = np.empty(len(sorted_index), dtype=np.int64)
        new_row[sorted_index] = np.arange(len(sorted_index))
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(int(new_row[old_order[p.row()]]), p.column()) for p in persistent])
        self.layoutChanged.emit()


def _geometry_dtypes() -> tuple[type, ...]:
    try:
        from geopandas.array import GeometryDtype
    except ImportError:  # geopandas is a dependency, but the model itself only needs pandas
        return ()
    return (GeometryDtype,)


class ContainsFilterProxy(QSortFilterProxyModel):
    """Shows rows where any cell contains the filter text (case-insensitive, any script).

    Sorting is delegated to :class:`DataFrameModel` so it stays vectorised.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._mask: np.ndarray | None = None

    def setSourceModel(self, model: DataFrameModel) -> None:
        super().setSourceModel(model)
        model.modelReset.connect(self._clear_mask)

    def _clear_mask(self) -> None:
        self._mask = None

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        needle = text.strip().casefold()
        model = self.sourceModel()
        self._mask = None if not needle else model.row_texts().str.contains(needle, regex=False).to_numpy()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        return self._mask is None or bool(self._mask[self.sourceModel().original_row(source_row)])

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


def table_view(model, parent: QWidget) -> QTableView:
    """A read-only, sortable table view over ``model`` that selects whole rows, with compact rows and columns
    fitted to their first 100 rows: the look of every GridMap table."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(parent.fontMetrics().height() + 6)
    # fit columns to their first rows, not all of them (which takes half a second on a city's 7,000 grids)
    view.horizontalHeader().setResizeContentsPrecision(100)
    return view


def filtered_table_layout(widget: QWidget, filter_edit, count_label, view: QTableView) -> None:
    """The filter box and row count above the table, the layout of the attribute and record tables."""
    top = QHBoxLayout()
    top.addWidget(filter_edit, 1)
    top.addWidget(count_label)
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addLayout(top)
    layout.addWidget(view)
