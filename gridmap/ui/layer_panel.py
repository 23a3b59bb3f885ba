"""The layer panel: a tree of the project's layers with feature counts, grids broken down by district."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget


class LayerPanel(QTreeWidget):
    """Lists the grid layer (with its count), its districts and grid counts under it, then the other layers."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderLabels([self.tr("Layer"), self.tr("Features")])
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeToContents)
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
        for name, count in project.layer_counts().items():
            if name != "grids":
                QTreeWidgetItem(self, [name, f"{count:,}"])
