"""An optional basemap under a printed map: local web-mercator tiles (an MBTiles file or a ``{z}/{x}/{y}``
folder) resampled into the page's Gauss-Krüger frame, so that it lines up with the grids at the true scale."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtGui import QImage
from pyproj import Transformer

from gridmap.core.geo.chinacoords import from_wgs84
from gridmap.core.geo.crs import PROJECT_CRS
from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.printing.model import PrintModel
from gridmap.map.tiles import local_basemap, open_tiles

MAX_DPI = 200.0
"""Tiles hold no more detail than this; a finer PDF or PNG gets the same image scaled."""
MAX_TILES = 600
TILE = 256
EARTH = 40075016.686
"""The web-mercator equator, in metres."""


def basemap_image(model: PrintModel, dpi: float) -> QImage | None:
    """The basemap of ``model.spec.basemap`` covering the map frame, or None without one."""
    if not model.spec.basemap:
        return None
    basemap = local_basemap(model.spec.basemap)
    res = min(dpi, MAX_DPI)
    _, _, fw, fh = model.frame.rect
    width, height = max(int(fw / 25.4 * res), 1), max(int(fh / 25.4 * res), 1)
    lon, lat = _lonlat(model, width, height)
    if basemap.coords != "wgs84":
        lon, lat = from_wgs84(lon, lat, basemap.coords)
    ground = model.frame.scale * 0.0254 / res  # metres per output pixel
    zoom = math.ceil(math.log2(EARTH * math.cos(math.radians(float(np.mean(lat)))) / TILE / ground))
    zoom = min(max(zoom, basemap.min_zoom), basemap.max_zoom)
    while True:
        px, py = _mercator_pixels(lon, lat, zoom)
        tx0, ty0 = int(px.min() // TILE), int(py.min() // TILE)
        tx1, ty1 = int(px.max() // TILE), int(py.max() // TILE)
        if (tx1 - tx0 + 1) * (ty1 - ty0 + 1) <= MAX_TILES or zoom <= basemap.min_zoom:
            break
        zoom -= 1
    with open_tiles(basemap) as tiles:
        mosaic = _mosaic(tiles, zoom, tx0, ty0, tx1, ty1)
    col = np.clip((px - tx0 * TILE).astype(int), 0, mosaic.shape[1] - 1)
    row = np.clip((py - ty0 * TILE).astype(int), 0, mosaic.shape[0] - 1)
    out = np.ascontiguousarray(mosaic[row, col])
    return QImage(out.tobytes(), width, height, width * 4, QImage.Format_ARGB32_Premultiplied).copy()


def _lonlat(model: PrintModel, width: int, height: int) -> tuple[np.ndarray, np.ndarray]:
    """Lon/lat of every output pixel's centre: projected exactly on a coarse lattice, interpolated between
    (the projection is smooth at this scale)."""
    x0, y0, x1, y1 = model.frame.bounds
    step = 8
    cols = np.linspace(0, width, width // step + 2)
    rows = np.linspace(0, height, height // step + 2)
    gx, gy = np.meshgrid(x0 + cols / width * (x1 - x0), y1 - rows / height * (y1 - y0))
    lon, lat = Transformer.from_crs(model.frame.epsg, PROJECT_CRS, always_xy=True).transform(gx, gy)
    ci, ri = np.arange(width) + 0.5, np.arange(height) + 0.5

    def spread(values: np.ndarray) -> np.ndarray:
        across = np.array([np.interp(ci, cols, line) for line in values])
        return np.array([np.interp(ri, rows, line) for line in across.T]).T

    return spread(lon), spread(lat)


def _mercator_pixels(lon: np.ndarray, lat: np.ndarray, zoom: int) -> tuple[np.ndarray, np.ndarray]:
    size = TILE * 2 ** zoom
    phi = np.radians(np.clip(lat, -85.05, 85.05))
    return (lon + 180.0) / 360.0 * size, (1 - np.log(np.tan(phi) + 1 / np.cos(phi)) / math.pi) / 2 * size


def _mosaic(tiles, zoom: int, tx0: int, ty0: int, tx1: int, ty1: int) -> np.ndarray:
    """The tiles tx0..tx1 × ty0..ty1 of ``zoom`` side by side as premultiplied ARGB (uint8, h × w × 4);
    white where a tile is missing."""
    out = np.full(((ty1 - ty0 + 1) * TILE, (tx1 - tx0 + 1) * TILE, 4), 255, np.uint8)
    for ty in range(ty0, ty1 + 1):
        for tx in range(tx0, tx1 + 1):
            data = tiles.tile(zoom, tx % (2 ** zoom), ty)
            if data is None:
                continue
            image = QImage.fromData(data)
            if image.isNull():
                raise GridMapError(tr("tile {zoom}/{x}/{y} is not an image", zoom=zoom, x=tx, y=ty),
                                   getattr(tiles, "path", None))
            image = image.convertToFormat(QImage.Format_ARGB32_Premultiplied).scaled(TILE, TILE)
            pixels = np.frombuffer(image.constBits(), np.uint8, TILE * TILE * 4).reshape(TILE, TILE, 4)
            out[(ty - ty0) * TILE:(ty - ty0 + 1) * TILE, (tx - tx0) * TILE:(tx - tx0 + 1) * TILE] = pixels
    return out
