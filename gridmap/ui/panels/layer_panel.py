"""The layer panel: the project's layers with feature counts, the grids broken down by district, street,
community and grid."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QMenu, QTreeWidget, QTreeWidgetItem, QWidget

from gridmap.core.grids.hierarchy import build_hierarchy
from gridmap.core.project.kinds import KINDS
from gridmap.ui.panels.filter_bar import kind_labels

ROWS_ROLE = Qt.UserRole  # list[int]: the grid row positions under an item (None for other layers)
CHILDREN_ROLE = Qt.UserRole + 1  # list[Node]: the hierarchy nodes of an item's children, until created
KIND_ROLE = Qt.UserRole + 2  # str: the record kind of a record layer's item


class LayerPanel(QTreeWidget):
    """Lists the grid layer with its district → street → community → grid tree (children are created when
    first expanded), then the other layers. Double-click or the context menu asks to zoom to or select the
    grids under the chosen items."""

    zoomRequested = Signal(list)
    selectRequested = Signal(list)
    gridsVisibilityChanged = Signal(bool)
    """The check box of the grid layer was toggled."""
    recordLayerToggled = Signal(str, bool)
    """The check box of a record layer (kind) was toggled."""
    styleRequested = Signal(str, str)
    """A record layer (kind) should be drawn as points, clusters or heat."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderLabels([self.tr("Layer"), self.tr("Features")])
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setExpandsOnDoubleClick(False)
        self.setSelectionMode(QTreeWidget.ExtendedSelection)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.itemExpanded.connect(self._add_children)
        self.itemDoubleClicked.connect(self._zoom_to_item)
        self.customContextMenuRequested.connect(self._show_menu)
        self.itemChanged.connect(self._on_item_changed)
        self._grids_item: QTreeWidgetItem | None = None

    def set_project(self, project) -> None:
        """Show ``project``'s layers; ``None`` clears the panel."""
        self.clear()
        self._grids_item = None
        if project is None:
            return
        grids = project.grids
        root = QTreeWidgetItem(self, [self.tr("Grids"), f"{len(grids):,}"])
        root.setFlags(root.flags() | Qt.ItemIsUserCheckable)
        root.setCheckState(0, Qt.Checked)
        self._grids_item = root
        root.setData(0, ROWS_ROLE, list(range(len(grids))))
        root.setData(0, CHILDREN_ROLE, build_hierarchy(grids))
        self._add_children(root)
        root.setExpanded(True)
        for name, count in project.layer_counts().items():
            if name != "grids":
                self._record_item(name, count)

    def set_grids(self, grids) -> None:
        """Show edited grids under the grid layer; the record layers stay as they are."""
        root = self._grids_item
        if root is None:
            return
        self.blockSignals(True)
        root.takeChildren()
        root.setText(1, f"{len(grids):,}")
        root.setData(0, ROWS_ROLE, list(range(len(grids))))
        root.setData(0, CHILDREN_ROLE, build_hierarchy(grids))
        self.blockSignals(False)
        self._add_children(root)

    def _record_item(self, kind: str, count: int) -> None:
        """A new top-level item for a record layer (point layers get a ticked check box)."""
        item = QTreeWidgetItem(self, [kind_labels().get(kind, kind), f"{count:,}"])
        item.setData(0, KIND_ROLE, kind)
        if kind in KINDS and KINDS[kind].points:
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(0, Qt.Checked)

    def update_record_layer(self, kind: str, count: int | None) -> None:
        """Show a record layer's new count; add its item (ticked: emits :attr:`recordLayerToggled`) if it is
        new, remove it if ``count`` is None."""
        item = next((self.topLevelItem(i) for i in range(self.topLevelItemCount())
                     if self.topLevelItem(i).data(0, KIND_ROLE) == kind), None)
        if count is None:
            if item is not None:
                self.takeTopLevelItem(self.indexOfTopLevelItem(item))
        elif item is not None:
            item.setText(1, f"{count:,}")
        else:
            self.blockSignals(True)
            self._record_item(kind, count)
            self.blockSignals(False)
            if kind in KINDS and KINDS[kind].points:
                self.recordLayerToggled.emit(kind, True)

    def set_grids_visible(self, visible: bool) -> None:
        """Tick or untick the grid layer (without emitting :attr:`gridsVisibilityChanged` if unchanged)."""
        if self._grids_item is not None:
            self._grids_item.setCheckState(0, Qt.Checked if visible else Qt.Unchecked)

    def set_record_visible(self, kind: str, visible: bool) -> None:
        """Tick or untick a record layer's check box (emits :attr:`recordLayerToggled` when it changes)."""
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item.data(0, KIND_ROLE) == kind and KINDS[kind].points:
                item.setCheckState(0, Qt.Checked if visible else Qt.Unchecked)

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0:
            return
        if item is self._grids_item:
            self.gridsVisibilityChanged.emit(item.checkState(0) == Qt.Checked)
        elif item.data(0, KIND_ROLE) in KINDS and KINDS[item.data(0, KIND_ROLE)].points:
            self.recordLayerToggled.emit(item.data(0, KIND_ROLE), item.checkState(0) == Qt.Checked)

    def rows(self, items: list[QTreeWidgetItem]) -> list[int]:
        """The grid row positions under ``items``, ascending, each once."""
        return sorted({row for item in items for row in item.data(0, ROWS_ROLE) or []})

    def context_menu(self, items: list[QTreeWidgetItem]) -> QMenu | None:
        """The menu for ``items`` ("Zoom to", "Select grids"; for a point record layer its drawing style), or
        None if there is nothing to offer."""
        kind = items[0].data(0, KIND_ROLE) if len(items) == 1 else None
        if kind in KINDS and KINDS[kind].points:
            menu = QMenu(self)
            for style, text in (("points", self.tr("Points (clustered when dense)")),
                                ("clusters", self.tr("Clusters")), ("heat", self.tr("Heat map"))):
                menu.addAction(text, lambda s=style: self.styleRequested.emit(kind, s))
            return menu
        rows = self.rows(items)
        if not rows:
            return None
        menu = QMenu(self)
        menu.addAction(self.tr("Zoom to"), lambda: self.zoomRequested.emit(rows))
        menu.addAction(self.tr("Select grids"), lambda: self.selectRequested.emit(rows))
        return menu

    def _add_children(self, item: QTreeWidgetItem) -> None:
        nodes = item.data(0, CHILDREN_ROLE)
        if not nodes:
            return
        item.setData(0, CHILDREN_ROLE, None)
        children = []
        for child in nodes:
            count = "" if child.level == "grid" else f"{len(child.rows):,}"
            child_item = QTreeWidgetItem([child.label or self.tr("(none)"), count])
            child_item.setData(0, ROWS_ROLE, child.rows.tolist())
            if child.children:
                child_item.setData(0, CHILDREN_ROLE, child.children)
                child_item.setChildIndicatorPolicy(QTreeWidgetItem.ShowIndicator)
            children.append(child_item)
        item.addChildren(children)

    def _zoom_to_item(self, item: QTreeWidgetItem) -> None:
        rows = self.rows([item])
        if rows:
            self.zoomRequested.emit(rows)

    def _show_menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is None:
            return
        items = self.selectedItems() if item.isSelected() else [item]
        menu = self.context_menu(items)
        if menu is not None:
            menu.exec(self.viewport().mapToGlobal(pos))
            menu.deleteLater()
