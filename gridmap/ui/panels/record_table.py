"""Record tables: the attribute-table dock's tabs, one per layer (the grids, then each record layer).

:class:`RecordTableModel` reads cells by position straight from the DataFrame's columns, so a million records
load at once; sorting (``argsort`` of one column) and the filter box (Arrow substring search) reorder or mask an
index array without a Python loop over the rows. ID and phone numbers are masked, only where shown, unless
revealed (View → Reveal ID and Phone Numbers); manual grid assignments show their reason in a column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QLineEdit, QMenu, QTabWidget, QWidget

from gridmap.core.project.kinds import KINDS, mask_private, private_columns
from gridmap.core.project.meta import overrides as kind_overrides
from gridmap.ui.panels.attribute_table import AttributeTable
from gridmap.ui.panels.filter_bar import kind_labels
from gridmap.ui.panels.served_table import ServedTable
from gridmap.ui.labels import record_labels
from gridmap.ui.messages import plain_label, plain_tooltip
from gridmap.ui.table_model import _display, filtered_table_layout, table_view

MANUAL = "__manual__"
"""Key of the column showing the reason of a record's manual grid assignment."""
BLOCK = 128
"""Rows of a private column masked at a time, in display order."""
FILTER_DELAY_MS = 250


def _degrees(value) -> str:
    return "" if value is None or pd.isna(value) else f"{value:.6f}"


def _contains(values, needle: str) -> np.ndarray:
    """Which cells of a column contain ``needle`` (case-insensitive), as text."""
    try:
        array = pa.array(values, from_pandas=True)
        if not pa.types.is_string(array.type) and not pa.types.is_large_string(array.type):
            array = pc.cast(array, pa.string())
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        array = pa.array(np.asarray(values, dtype=str))
    found = pc.match_substring(array, needle, ignore_case=True).fill_null(False)
    return found.to_numpy(zero_copy_only=False).astype(bool)


def _reasons(ids: pd.Series, overrides: dict):
    """The reason of each record's manual assignment (``""`` for none), looked up by Arrow."""
    keys = [str(k) for k in overrides]
    where = pc.index_in(pa.array(ids.array, from_pandas=True), value_set=pa.array(keys, pa.string()))
    reasons = pa.array([str(overrides[k].get("reason", "")) for k in keys], pa.string())
    return pd.arrays.ArrowExtensionArray(pc.take(reasons, where).fill_null(""))


class RecordTableModel(QAbstractTableModel):
    """One record layer's rows in display order (sorted and filtered positions into the frame)."""

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.revealed = False
        self._frame = pd.DataFrame()
        self._keys: list[str] = []
        self._arrays: list = []
        self._headers: list[str] = []
        self._private: set[int] = set()
        self._sort = (-1, Qt.AscendingOrder)
        self._sorted: np.ndarray | None = None
        self._needle = ""
        self._mask: np.ndarray | None = None
        self._order = np.arange(0)
        self._masked: dict[tuple[int, int], np.ndarray] = {}

    # --- content -------------------------------------------------------------------------------------

    def set_frame(self, frame: pd.DataFrame, overrides: dict | None = None, private=None) -> None:
        """Show ``frame`` (a record layer) with its manual assignments ``{id: {grid, reason, at}}`` and its
        ``private`` columns masked (default: the kind's standard ones); the sort column and the filter text
        stay."""
        self.beginResetModel()
        self._frame = frame
        self._keys = [str(c) for c in frame.columns]
        self._arrays = [frame[c].array for c in frame.columns]
        if KINDS[self.kind].points:
            self._keys.append(MANUAL)
            self._arrays.append(_reasons(frame["id"], overrides or {}))
        labels = {**record_labels(), MANUAL: self.tr("Manual assignment")}
        self._headers = [labels.get(k, k) for k in self._keys]
        private = set(KINDS[self.kind].private if private is None else private)
        self._private = {i for i, k in enumerate(self._keys) if k in private}
        column, order = self._sort
        self._sorted = self._sort_order(column, order) if 0 <= column < len(self._keys) else None
        self._mask = self._filter_mask()
        self._update_order()
        self.endResetModel()

    def frame(self) -> pd.DataFrame:
        return self._frame

    def set_revealed(self, revealed: bool) -> None:
        """Show ID and phone numbers in full (True) or masked."""
        self.beginResetModel()
        self.revealed = revealed
        self._mask = self._filter_mask()
        self._update_order()
        self.endResetModel()

    def set_filter_text(self, text: str) -> None:
        """Show the rows where any (shown) cell contains ``text``, case-insensitive; empty shows all."""
        self.beginResetModel()
        self._needle = text.strip()
        self._mask = self._filter_mask()
        self._update_order()
        self.endResetModel()

    def total(self) -> int:
        return len(self._frame)

    def original_row(self, row: int) -> int:
        """The position in the frame of the row shown at ``row``."""
        return int(self._order[row])

    def display_row(self, position: int) -> int:
        """The row showing frame position ``position`` (-1 when the filter hides it)."""
        found = np.flatnonzero(self._order == position)
        return int(found[0]) if len(found) else -1

    def _update_order(self) -> None:
        order = self._sorted if self._sorted is not None else np.arange(len(self._frame))
        self._order = order if self._mask is None else order[self._mask[order]]
        self._masked.clear()

    def _filter_mask(self) -> np.ndarray | None:
        if not self._needle:
            return None
        hit = np.zeros(len(self._frame), dtype=bool)
        for i, values in enumerate(self._arrays):
            if self._keys[i] not in ("lon", "lat") and (self.revealed or i not in self._private):
                hit |= _contains(values, self._needle)
        return hit

    # --- Qt model ------------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.ToolTipRole, Qt.TextAlignmentRole):
            return None
        column, row = index.column(), index.row()
        key = self._keys[column]
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter) if key in ("lon", "lat") else None
        if column in self._private and not self.revealed:
            text = self._masked_cell(column, row)
        else:
            value = self._arrays[column][self._order[row]]
            text = _degrees(value) if key in ("lon", "lat") else _display(value)
        return plain_tooltip(text) if role == Qt.ToolTipRole else text

    def _masked_cell(self, column: int, row: int) -> str:
        block = row // BLOCK
        cells = self._masked.get((column, block))
        if cells is None:
            positions = self._order[block * BLOCK:(block + 1) * BLOCK]
            cells = mask_private(pd.Series(self._arrays[column].take(positions))).to_numpy(dtype=object)
            self._masked[(column, block)] = cells
        return cells[row % BLOCK]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return self._headers[section] if section < len(self._headers) else None
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        self._sort = (column, order)
        if not 0 <= column < len(self._keys):
            return
        self.layoutAboutToBeChanged.emit()
        old = self._order
        self._sorted = self._sort_order(column, order)
        self._update_order()
        new_row = np.full(len(self._frame), -1, dtype=np.int64)
        new_row[self._order] = np.arange(len(self._order))
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(int(new_row[old[p.row()]]), p.column()) for p in persistent])
        self.layoutChanged.emit()

    def _sort_order(self, column: int, order: Qt.SortOrder) -> np.ndarray:
        """Frame positions sorted by one column (stable, missing values last); private columns by their
        masked text unless revealed, so the order tells nothing the cells do not."""
        values = self._arrays[column]
        if column in self._private and not self.revealed:
            values = mask_private(pd.Series(values)).array
        try:
            return np.asarray(values.argsort(ascending=order == Qt.AscendingOrder, kind="stable"))
        except TypeError:  # mixed types in an object column: by text
            text = pd.array(np.asarray(values, dtype=str))
            return np.asarray(text.argsort(ascending=order == Qt.AscendingOrder, kind="stable"))


class RecordTable(QWidget):
    """A filter box over one record layer's table, with a context menu for manual grid assignment.

    Signals carry frame row positions."""

    activated = Signal(int)
    assignRequested = Signal(list)
    clearRequested = Signal(list)

    def __init__(self, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.overrides: dict = {}
        self.model = RecordTableModel(kind, self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter…"))
        self.filter_edit.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(self._timer.start)
        self.count_label = plain_label(self)

        self.view = table_view(self.model, self)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.view.setContextMenuPolicy(Qt.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_menu)
        self.view.activated.connect(lambda index: self.activated.emit(self.model.original_row(index.row())))

        filtered_table_layout(self, self.filter_edit, self.count_label, self.view)

    def set_frame(self, frame: pd.DataFrame, overrides: dict | None = None, private=None) -> None:
        first = self.model.columnCount() == 0
        self.overrides = overrides or {}
        self.model.set_frame(frame, self.overrides, private)
        if first:
            self.view.resizeColumnsToContents()
        self._update_count()

    def set_revealed(self, revealed: bool) -> None:
        self.model.set_revealed(revealed)
        self._update_count()

    def apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_filter_text(self.filter_edit.text())
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{shown} of {total} rows").format(
            shown=f"{self.model.rowCount():,}", total=f"{self.model.total():,}"))

    def selected_rows(self) -> list[int]:
        """Frame positions of the selected rows."""
        return sorted(self.model.original_row(i.row()) for i in self.view.selectionModel().selectedRows())

    def select_row(self, position: int) -> None:
        """Select and show the record at frame position ``position`` (if the filter shows it)."""
        row = self.model.display_row(position)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))

    def context_menu(self, rows: list[int]) -> QMenu:
        """The menu for the records at frame positions ``rows``: Identify, and for point records the manual
        grid assignment."""
        menu = QMenu(self)
        identify = menu.addAction(self.tr("Identify"), lambda: self.activated.emit(rows[0]))
        identify.setEnabled(len(rows) == 1)
        if KINDS[self.kind].points:
            menu.addSeparator()
            menu.addAction(self.tr("Assign to Grid…"), lambda: self.assignRequested.emit(rows))
            ids = self.model.frame()["id"].to_numpy(object)[rows]
            clear = menu.addAction(self.tr("Clear Manual Assignment"), lambda: self.clearRequested.emit(rows))
            clear.setEnabled(any(str(i) in self.overrides for i in ids))
        return menu

    def _show_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        row = self.model.original_row(index.row())
        selected = self.selected_rows()
        menu = self.context_menu(selected if row in selected else [row])
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()


class LayerTables(QTabWidget):
    """The grids' attribute table, then one :class:`RecordTable` per record layer present.

    A layer the store serves gets a :class:`~gridmap.ui.panels.served_table.ServedTable` (rows paged from the
    store). Signals carry the record kind and frame row positions (``servedActivated``: a served record as a
    one-row frame); ``gridMenuRequested(row, global position)`` asks for the grids table's context menu."""

    recordActivated = Signal(str, int)
    servedActivated = Signal(str, object)
    assignRequested = Signal(str, list)
    clearRequested = Signal(str, list)
    gridMenuRequested = Signal(int, QPoint)

    def __init__(self, grid_table: AttributeTable, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid_table = grid_table
        self.tables: dict[str, RecordTable] = {}
        self.revealed = False
        self.addTab(grid_table, self.tr("Grids"))
        view = grid_table.view
        view.setContextMenuPolicy(Qt.CustomContextMenu)
        view.customContextMenuRequested.connect(self._grid_menu)

    def set_project(self, project, filters=None) -> None:
        """One tab per record layer of ``project`` (None: only the grids' tab); ``filters(kind)``: the filter
        bar's filter, which the tables of served layers apply."""
        layers = project.layers if project is not None else {}
        for kind in KINDS:
            meta = project.meta if project is not None else {}
            if kind in layers and layers.serves_points(kind):
                self.show_served(kind, layers, filters(kind) if filters is not None else None,
                                 private_columns(meta, kind))
                continue
            self.update_layer(kind, layers.get(kind), kind_overrides(meta, kind), private_columns(meta, kind))

    def show_served(self, kind: str, layers, filt=None, private=None) -> None:
        """Show the layer ``kind`` the store serves (not read) in its tab, its rows paged from the store."""
        table = self.tables.get(kind)
        if table is not None and not isinstance(table, ServedTable):
            self.update_layer(kind, None)
            table = None
        if table is None:
            table = self.tables[kind] = ServedTable(kind, self)
            table.model.set_revealed(self.revealed)
            table.activated.connect(lambda frame, k=kind: self.servedActivated.emit(k, frame))
            self.insertTab(self._position(kind), table, "")
        table.set_layers(layers, filt, private)
        self.setTabText(self.indexOf(table), f"{kind_labels()[kind]} ({table.model.total:,})")

    def set_filter(self, kind: str, filt) -> None:
        """The filter bar's filter of ``kind`` changed: a served layer's table shows the records passing it."""
        table = self.tables.get(kind)
        if isinstance(table, ServedTable):
            table.set_filter(filt)

    def _position(self, kind: str) -> int:
        return 1 + sum(k in self.tables for k in list(KINDS)[:list(KINDS).index(kind)])

    def update_layer(self, kind: str, frame: pd.DataFrame | None, overrides: dict | None = None,
                     private=None) -> None:
        """Show ``frame`` in ``kind``'s tab, adding the tab if needed, with its ``private`` columns masked
        unless revealed; None removes it."""
        table = self.tables.get(kind)
        if table is not None and frame is not None and not isinstance(table, RecordTable):
            self.update_layer(kind, None)  # a served layer now read
            table = None
        if frame is None:
            if table is not None:
                self.removeTab(self.indexOf(table))
                del self.tables[kind]
                table.deleteLater()
            return
        if table is None:
            table = self.tables[kind] = RecordTable(kind, self)
            table.model.set_revealed(self.revealed)
            table.activated.connect(lambda row, k=kind: self.recordActivated.emit(k, row))
            table.assignRequested.connect(lambda rows, k=kind: self.assignRequested.emit(k, rows))
            table.clearRequested.connect(lambda rows, k=kind: self.clearRequested.emit(k, rows))
            self.insertTab(self._position(kind), table, "")
        table.set_frame(frame, overrides, private)
        self.setTabText(self.indexOf(table), f"{kind_labels()[kind]} ({len(frame):,})")

    def current_layer(self) -> str:
        """The layer of the tab shown: ``grids`` or a record kind."""
        widget = self.currentWidget()
        return next((kind for kind, table in self.tables.items() if table is widget), "grids")

    def set_revealed(self, revealed: bool) -> None:
        self.revealed = revealed
        for table in self.tables.values():
            table.set_revealed(revealed)

    def show_record(self, kind: str, row: int) -> None:
        """Bring ``kind``'s tab forward with the record at frame position ``row`` selected."""
        table = self.tables.get(kind)
        if isinstance(table, RecordTable):
            self.setCurrentWidget(table)
            table.select_row(row)

    def _grid_menu(self, pos: QPoint) -> None:
        index = self.grid_table.view.indexAt(pos)
        if index.isValid():
            row = self.grid_table.proxy.mapToSource(index).row()
            self.gridMenuRequested.emit(row, self.grid_table.view.viewport().mapToGlobal(pos))
