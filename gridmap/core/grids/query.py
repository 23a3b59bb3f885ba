"""Finding grids by place: which grid contains a point, which grids meet a box (STRtree, built once)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely


class GridIndex:
    """A spatial index over the grids' geometry; results are row positions in ascending order."""

    def __init__(self, grids: gpd.GeoDataFrame):
        self._tree = shapely.STRtree(grids.geometry.values)

    def in_box(self, west: float, south: float, east: float, north: float) -> list[int]:
        """Rows of the grids that intersect the lon/lat box."""
        rows = self._tree.query(shapely.box(west, south, east, north), predicate="intersects")
        return np.sort(rows).tolist()

    def at(self, lon: float, lat: float) -> list[int]:
        """Rows of the grids that contain or touch the point (two or more only on a shared boundary)."""
        rows = self._tree.query(shapely.Point(lon, lat), predicate="intersects")
        return np.sort(rows).tolist()
