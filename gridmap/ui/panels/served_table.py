"""The attribute table of a layer the store serves (too large to read, see
:meth:`~gridmap.core.project.lazy.LazyLayers.serves_points`): its rows read from the store a page at a time as
the view scrolls, on a worker thread, so a slow query never blocks the window.

The filter bar's filter applies (counted and paged by the store). The rows come in insertion order, or newest
first (click the time column's header); other columns do not sort, since that would sort the whole layer. ID
and phone numbers are masked as in a loaded layer's table unless revealed (View → Reveal ID and Phone Numbers,
audited as for every layer). The table is read-only: a served layer's records are not edited in the window.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLineEdit, QWidget

from gridmap.core.errors import GridMapError
from gridmap.core.project.kinds import KINDS, mask_private
from gridmap.ui.labels import record_labels
from gridmap.ui.messages import plain_label, plain_tooltip
from gridmap.ui.table_model import _display, filtered_table_layout, table_view

PAGE = 200
"""Rows read from the store at a time."""
KEPT_PAGES = 64
"""Pages kept in memory (the least recently shown are dropped)."""


def _degrees(value) -> str:
    return "" if value is None or pd.isna(value) else f"{value:.6f}"


class _Fetcher(QObject):
    """Runs the store's queries on one worker thread, the latest request first; ``done(generation, key, result)``
    arrives on the GUI thread (``result`` a GridMapError when the query failed)."""

    done = Signal(int, object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lock = threading.Lock()
        self._wanted: OrderedDict = OrderedDict()
        self._thread: threading.Thread | None = None

    def ask(self, generation: int, key, fn) -> None:
        with self._lock:
            self._wanted[(generation, key)] = fn
            self._wanted.move_to_end((generation, key))
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, daemon=True)
                self._thread.start()

    def forget(self) -> None:
        """Drop the requests not started yet."""
        with self._lock:
            self._wanted.clear()

    def _work(self) -> None:
        while True:
            with self._lock:
                if not self._wanted:
                    self._thread = None
                    return
                (generation, key), fn = self._wanted.popitem(last=True)
            try:
                result = fn()
            except GridMapError as exc:
                result = exc
            except Exception as exc:  # reported, and the thread goes on with the next request
                result = GridMapError(self.tr("Cannot read the rows ({error})").format(error=exc))
            try:
                self.done.emit(generation, key, result)
            except RuntimeError:  # the table was closed meanwhile
                return


class ServedTableModel(QAbstractTableModel):
    """The rows of a served layer passing a filter, read from ``layers`` (the project's
    :class:`~gridmap.core.project.lazy.LazyLayers`) a page at a time."""

    counted = Signal()
    failed = Signal(str)

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.revealed = False
        self.layers = None
        self.filt = None
        self.order: str | None = None
        self.total = 0
        self._count = 0
        self._keys: list[str] = []
        self._headers: list[str] = []
        self._private: set[int] = set()
        self._private_names: set[str] = set(KINDS[kind].private)
        self._pages: OrderedDict[int, list] = OrderedDict()
        self._pending: set[int] = set()
        self._generation = 0
        self._fetcher = _Fetcher(self)
        self._fetcher.done.connect(self._arrived)

    def set_layers(self, layers, filt=None, private=None) -> None:
        """Show the ``kind`` layer of ``layers`` with ``filt`` applied and its ``private`` columns masked."""
        self.layers = layers
        self._private_names = set(KINDS[self.kind].private if private is None else private)
        self.total = layers.count(self.kind)
        self.set_filter(filt)

    def set_filter(self, filt) -> None:
        """Show the records passing ``filt`` (None: all): counted, then paged, by the store."""
        self.filt = None if filt is None or filt.is_empty else filt
        self._restart()

    def set_order(self, order: str | None) -> None:
        """Insertion order (None) or newest first (``"time"``)."""
        self.order = order
        self._restart()

    def set_revealed(self, revealed: bool) -> None:
        self.beginResetModel()
        self.revealed = revealed
        for entry in self._pages.values():
            entry[1] = None  # the cells are made again, masked or not
        self.endResetModel()

    def time_column(self) -> int:
        """The column of the layer's time (-1: none)."""
        time = KINDS[self.kind].time
        return self._keys.index(time) if time in self._keys else -1

    def _restart(self) -> None:
        """Count anew and read the first page (the rows shown stay until they come)."""
        self._generation += 1
        self._fetcher.forget()
        self._pending.clear()
        layers, kind, filt, order = self.layers, self.kind, self.filt, self.order
        if layers is None:
            return
        self._fetcher.ask(self._generation, "count", lambda: (
            layers.count_rows(kind, filt), layers.read_rows(kind, filt, 0, PAGE, order)))

    def _arrived(self, generation: int, key, result) -> None:
        if generation != self._generation:
            return
        if isinstance(result, GridMapError):
            self._pending.discard(key)
            self.failed.emit(str(result))
            return
        if result is None or (key == "count" and (result[0] is None or result[1] is None)):
            return  # the layer was read meanwhile: its table shows the loaded layer
        if key == "count":
            count, first = result
            self.beginResetModel()
            self._count = int(count)
            self._keys = [str(c) for c in first.columns]
            labels = record_labels()
            self._headers = [labels.get(k, k) for k in self._keys]
            self._private = {i for i, k in enumerate(self._keys) if k in self._private_names}
            self._pages = OrderedDict({0: [first, None]})
            self.endResetModel()
            self.counted.emit()
            return
        self._pending.discard(key)
        self._pages[key] = [result, None]
        while len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)
        last = min((key + 1) * PAGE, self._count) - 1
        if last >= key * PAGE and self._keys:
            self.dataChanged.emit(self.index(key * PAGE, 0), self.index(last, len(self._keys) - 1))

    def _page(self, page: int):
        """The page's [rows, their cells as shown] (None while it is read: asked for)."""
        entry = self._pages.get(page)
        if entry is None:
            if page in self._pending:
                return None
            layers, kind, filt, order = self.layers, self.kind, self.filt, self.order
            self._pending.add(page)
            self._fetcher.ask(self._generation, page, lambda: layers.read_rows(kind, filt, page * PAGE, PAGE, order))
            return None
        self._pages.move_to_end(page)
        if entry[1] is None:
            entry[1] = [self._cells(i, entry[0].iloc[:, i]) for i in range(len(self._keys))]
        return entry

    def _cells(self, column: int, values: pd.Series) -> list[str]:
        key = self._keys[column]
        if column in self._private and not self.revealed:
            return mask_private(values).tolist()
        if key in ("lon", "lat"):
            return [_degrees(v) for v in values]
        return [_display(v) for v in values]

    def row_frame(self, row: int) -> pd.DataFrame | None:
        """The record shown at ``row`` as a one-row frame (None while its page is read)."""
        entry = self._pages.get(row // PAGE)
        return None if entry is None else entry[0].iloc[[row % PAGE]].reset_index(drop=True)

    # --- Qt model ------------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.ToolTipRole, Qt.TextAlignmentRole):
            return None
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter) if self._keys[index.column()] in ("lon", "lat") else None
        entry = self._page(index.row() // PAGE)
        if entry is None:
            return "…" if role == Qt.DisplayRole else None
        cells = entry[1][index.column()]
        at = index.row() % PAGE
        text = cells[at] if at < len(cells) else ""
        return plain_tooltip(text) if role == Qt.ToolTipRole else text

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Vertical:
            return str(section + 1) if role == Qt.DisplayRole else None
        if section >= len(self._headers):
            return None
        if role == Qt.DisplayRole:
            return self._headers[section]
        if role == Qt.ToolTipRole:
            return self.tr("Click to show the newest first") if section == self.time_column() else self.tr(
                "This layer is too large to read whole: it is read from the store a page at a time, and only "
                "its time column sorts it")
        return None


class ServedTable(QWidget):
    """A served layer's table: the row count (of the filter bar's filter) above the paged rows.
    ``activated(frame)``: a row was activated (its record, one row)."""

    activated = Signal(object)

    def __init__(self, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.model = ServedTableModel(kind, self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter…"))
        self.filter_edit.setEnabled(False)  # a text search would read the whole layer
        self.filter_edit.setToolTip(self.tr("This layer is too large to search as text: filter it by time, "
                                            "category and status in the filter bar"))
        self.count_label = plain_label(self)
        self.view = table_view(self.model, self)
        self.view.setSortingEnabled(False)
        header = self.view.horizontalHeader()
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._sort_by)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.view.activated.connect(self._activated)
        self.model.counted.connect(self._counted)
        self.model.failed.connect(self.count_label.setText)
        filtered_table_layout(self, self.filter_edit, self.count_label, self.view)
        self._first = True

    def set_layers(self, layers, filt=None, private=None) -> None:
        self.model.set_layers(layers, filt, private)
        self.count_label.setText(self.tr("Counting…"))

    def set_filter(self, filt) -> None:
        self.model.set_filter(filt)
        self.count_label.setText(self.tr("Counting…"))

    def set_revealed(self, revealed: bool) -> None:
        self.model.set_revealed(revealed)

    def _counted(self) -> None:
        if self._first:
            self._first = False
            self.view.resizeColumnsToContents()
        time = self.model.time_column()
        header = self.view.horizontalHeader()
        header.setSortIndicatorShown(self.model.order == "time")
        if self.model.order == "time":
            header.setSortIndicator(time, Qt.DescendingOrder)
        self.count_label.setText(self.tr("{shown} of {total} rows").format(
            shown=f"{self.model.rowCount():,}", total=f"{self.model.total:,}"))

    def _sort_by(self, section: int) -> None:
        """The time column's header toggles newest first and insertion order; the others do not sort."""
        if section == self.model.time_column():
            self.model.set_order(None if self.model.order == "time" else "time")
            self.count_label.setText(self.tr("Counting…"))

    def _activated(self, index: QModelIndex) -> None:
        frame = self.model.row_frame(index.row())
        if frame is not None:
            self.activated.emit(frame)
