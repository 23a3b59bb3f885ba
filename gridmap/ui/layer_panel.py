"""The layer panel: a tree of the project's layers with feature counts, grids broken down by district."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget


class LayerPanel(QTreeWidget):
    """Lists the grid layer (with its count) and, under it, the districts and their grid counts."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderLabels([self.tr("Layer"), self.tr("Features")])
        self.setColumnWidth(0, 180)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)

    def set_project(self, project) -> None:
        """Show ``project``'s layers; ``None`` clears the panel."""
        self.clear()
        if project is None:
            return
        grids = project.grids
        root = QTreeWidgetItem(self, [self.tr("Grids"), f"{len(grids):,}"])
        if "district" in grids:
            counts = grids["district"].fillna("").astype(str).value_counts().sort_index()
            for district, count in counts.items():
                QTreeWidgetItem(root, [district or self.tr("(no district)"), f"{count:,}"])
        root.setExpanded(True)
