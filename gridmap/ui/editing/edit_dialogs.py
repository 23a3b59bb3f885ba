"""Small dialogs the grid edit tools ask with: the grids of an area transfer, a grid's new code and name."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QVBoxLayout, QWidget)

from gridmap.core.grids.edits import SNAP

COVERED = 1e-10
"""Square degrees (about 1 m²) of a grid a drawn area must cover to take from it."""


def area_grids(grids: gpd.GeoDataFrame, area) -> tuple[list[str], list[str]]:
    """The codes of the grids ``area`` touches or covers, and of those it covers part of."""
    geoms = grids.geometry.values
    near = np.flatnonzero(shapely.intersects(geoms, shapely.buffer(area, SNAP * 10)))
    codes = grids["code"].astype(str).to_numpy()
    covered = near[shapely.area(shapely.intersection(geoms[near], area)) > COVERED]
    return codes[near].tolist(), codes[covered].tolist()


class TransferDialog(QDialog):
    """Choose the grid that receives a drawn area (any grid it touches) and the grids that give it (those it
    covers part of; all but the receiver at first)."""

    def __init__(self, grids: gpd.GeoDataFrame, area, selected: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transfer Area"))
        near, covered = area_grids(grids, area)
        names = dict(zip(grids["code"].astype(str), grids["name"].astype(str)))
        self.receiver_combo = QComboBox(self)
        for code in near:
            self.receiver_combo.addItem(f"{code} {names[code]}", code)
        self.source_list = QListWidget(self)
        for code in covered:
            item = QListWidgetItem(f"{code} {names[code]}", self.source_list)
            item.setData(Qt.UserRole, code)
            item.setCheckState(Qt.Checked)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Receiving grid:"), self.receiver_combo)
        form.addRow(self.tr("Take from:"), self.source_list)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The part of the drawn area inside the ticked grids moves to the "
                                         "receiving grid."), self))
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.receiver_combo.currentIndexChanged.connect(self._update)
        self.source_list.itemChanged.connect(self._update)
        self.set_receiver(selected if selected in near else (near[0] if near else None))

    def receiver(self) -> str:
        return self.receiver_combo.currentData() or ""

    def set_receiver(self, code: str | None) -> None:
        """Choose the receiving grid; it is no longer offered as a source."""
        self.receiver_combo.setCurrentIndex(self.receiver_combo.findData(code))
        self._update()

    def sources(self) -> list[str]:
        return [item.data(Qt.UserRole) for item in self._items() if item.checkState() == Qt.Checked]

    def _items(self) -> list[QListWidgetItem]:
        return [self.source_list.item(i) for i in range(self.source_list.count())]

    def _update(self) -> None:
        self.source_list.blockSignals(True)
        for item in self._items():
            receiving = item.data(Qt.UserRole) == self.receiver()
            item.setFlags(item.flags() & ~Qt.ItemIsEnabled if receiving else item.flags() | Qt.ItemIsEnabled)
            if receiving:
                item.setCheckState(Qt.Unchecked)
        self.source_list.blockSignals(False)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.receiver() and self.sources()))


class RecodeDialog(QDialog):
    """A grid's new code and name."""

    def __init__(self, code: str, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rename / Recode Grid {code}").format(code=code))
        self.code_edit = QLineEdit(code, self)
        self.name_edit = QLineEdit(name, self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Code:"), self.code_edit)
        form.addRow(self.tr("Name:"), self.name_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.code_edit.textChanged.connect(
            lambda text: self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(text.strip())))

    def code(self) -> str:
        return self.code_edit.text().strip()

    def name(self) -> str:
        return self.name_edit.text().strip()
