"""A static overview of the project's grids painted with QPainter: outlines, fills coloured by district."""

from __future__ import annotations

import math

import numpy as np
import shapely
from geopandas import GeoDataFrame
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QWidget

# Qualitative palette (ColorBrewer Set3-like), readable under dark outlines.
_PALETTE = ["#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
            "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f"]


def _rings_path(geometries: np.ndarray, x_scale: float) -> QPainterPath:
    """One path holding every exterior and interior ring, in (lon·cos(lat0), -lat) coordinates."""
    path = QPainterPath()
    path.setFillRule(Qt.OddEvenFill)
    polygons = shapely.get_parts(geometries[~shapely.is_empty(geometries)])
    polygons = polygons[shapely.get_type_id(polygons) == 3]
    rings = shapely.get_rings(polygons)
    coords, ring_index = shapely.get_coordinates(rings, return_index=True)
    if not len(coords):
        return path
    splits = np.flatnonzero(np.diff(ring_index)) + 1
    xs = coords[:, 0] * x_scale
    ys = -coords[:, 1]
    for x_ring, y_ring in zip(np.split(xs, splits), np.split(ys, splits)):
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in zip(x_ring.tolist(), y_ring.tolist())]))
    return path


class OverviewWidget(QWidget):
    """Paints the grids fitted to the widget; a placeholder for the interactive map."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._fills: list[tuple[str, QColor, QPainterPath]] = []
        self._anchors: list[QPointF] = []
        self._bounds = QRectF()
        self.setMinimumSize(320, 240)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor("#eef3f7"))
        self.setPalette(palette)

    def set_grids(self, grids: GeoDataFrame | None) -> None:
        """Build the paths once; repainting only transforms them."""
        self._fills = []
        self._anchors = []
        self._bounds = QRectF()
        if grids is not None and len(grids):
            geoms = grids.geometry.to_numpy()
            min_y, max_y = grids.total_bounds[1], grids.total_bounds[3]
            x_scale = math.cos(math.radians((min_y + max_y) / 2))
            districts = grids["district"].fillna("").astype(str) if "district" in grids else None
            names = sorted(districts.unique()) if districts is not None else [""]
            for i, name in enumerate(names):
                subset = geoms if districts is None else geoms[(districts == name).to_numpy()]
                path = _rings_path(subset, x_scale)
                self._fills.append((name, QColor(_PALETTE[i % len(_PALETTE)]), path))
                centres = shapely.get_coordinates(shapely.centroid(subset))
                self._anchors.append(QPointF(float(np.median(centres[:, 0])) * x_scale,
                                             -float(np.median(centres[:, 1]))))
                self._bounds = self._bounds.united(path.boundingRect())
        self.update()

    def districts(self) -> list[str]:
        return [name for name, _, _ in self._fills]

    def _transform(self) -> QTransform:
        margin = 16
        width, height = self.width() - 2 * margin, self.height() - 2 * margin
        bounds = self._bounds
        scale = min(width / bounds.width(), height / bounds.height()) if bounds.width() and bounds.height() else 1.0
        transform = QTransform()
        transform.translate(margin + (width - bounds.width() * scale) / 2,
                            margin + (height - bounds.height() * scale) / 2)
        transform.scale(scale, scale)
        transform.translate(-bounds.left(), -bounds.top())
        return transform

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        if not self._fills:
            painter.setPen(self.palette().color(self.foregroundRole()))
            painter.drawText(self.rect(), Qt.AlignCenter, self.tr("No project open"))
            return
        transform = self._transform()
        outline = QPen(QColor(70, 82, 92, 150), 0)
        outline.setCosmetic(True)
        painter.setPen(outline)
        painter.setWorldTransform(transform)
        for _, colour, path in self._fills:
            painter.setBrush(colour)
            painter.drawPath(path)
        painter.resetTransform()
        self._paint_labels(painter, transform)
        self._paint_legend(painter)

    def _paint_labels(self, painter: QPainter, transform: QTransform) -> None:
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        for (name, _, _), anchor in zip(self._fills, self._anchors):
            if not name:
                continue
            centre = transform.map(anchor)
            rect = QRectF(centre.x() - 60, centre.y() - 10, 120, 20)
            painter.setPen(QPen(QColor(255, 255, 255, 220), 3))
            for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                painter.drawText(rect.translated(dx, dy), Qt.AlignCenter, name)
            painter.setPen(QColor("#1f2a33"))
            painter.drawText(rect, Qt.AlignCenter, name)

    def _paint_legend(self, painter: QPainter) -> None:
        names = [(name, colour) for name, colour, _ in self._fills if name]
        if not names:
            return
        painter.setFont(self.font())
        metrics = painter.fontMetrics()
        line = metrics.height() + 4
        width = max(metrics.horizontalAdvance(name) for name, _ in names) + 40
        box = QRectF(self.width() - width - 12, 12, width, line * len(names) + 12)
        painter.setPen(QColor("#9aa5ad"))
        painter.setBrush(QColor(255, 255, 255, 230))
        painter.drawRoundedRect(box, 4, 4)
        for i, (name, colour) in enumerate(names):
            y = box.top() + 6 + i * line
            painter.setPen(QColor("#5b6770"))
            painter.setBrush(colour)
            painter.drawRect(QRectF(box.left() + 8, y + 3, 16, line - 8))
            painter.setPen(QColor("#1f2a33"))
            painter.drawText(QRectF(box.left() + 30, y, width - 34, line), Qt.AlignVCenter | Qt.AlignLeft, name)
