"""The identify panel: every attribute of the grid the user clicked, plus its area and centre."""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
import shapely
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from gridmap.core.crs import equal_area_crs
from gridmap.ui.labels import role_labels


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return str(value)


class IdentifyPanel(QWidget):
    """Shows one grid: a heading with its code and name, then a field/value list."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree)
        self.show_grid(None, None)

    def show_grid(self, grids: gpd.GeoDataFrame | None, row: int | None) -> None:
        """Show row ``row`` of ``grids``; None shows a hint instead."""
        self.tree.clear()
        self.row = row
        if grids is None or row is None:
            self.heading.setText(self.tr("Click a grid on the map to see its attributes."))
            return
        record = grids.iloc[row]
        self.heading.setText(f"<b>{record['code']}</b> {record['name']}")
        labels = role_labels()
        for column in grids.columns:
            if column != grids.geometry.name:
                QTreeWidgetItem(self.tree, [labels.get(column, column), _text(record[column])])
        geom = record.geometry
        centre = shapely.point_on_surface(geom)
        area = gpd.GeoSeries([geom], crs=grids.crs).to_crs(equal_area_crs(centre.x, centre.y)).area.iloc[0]
        QTreeWidgetItem(self.tree, [self.tr("Area"), self.tr("{area} km²").format(area=f"{area / 1e6:,.3f}")])
        QTreeWidgetItem(self.tree, [self.tr("Centre"), f"{centre.x:.6f}°E  {centre.y:.6f}°N"])
        QTreeWidgetItem(self.tree, [self.tr("Parts"), str(shapely.get_num_geometries(geom))])

    def field_values(self) -> dict[str, str]:
        """What the panel shows, as {field label: value text}."""
        return {self.tree.topLevelItem(i).text(0): self.tree.topLevelItem(i).text(1)
                for i in range(self.tree.topLevelItemCount())}
