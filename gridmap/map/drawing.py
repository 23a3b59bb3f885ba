"""Vertices drawn on the map, put back exactly on the grid vertices they were snapped to (no Qt).

The page snaps to grid vertices as it has them: rounded to 1e-6° and, over a GCJ-02 basemap, shifted there and
back; a snapped vertex therefore arrives within a fraction of a micro-degree of the real one.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

SNAP_DEGREES = 2e-6
"""A drawn vertex this close (about 0.2 m) to a grid vertex is taken to be that vertex."""

KINDS = ("line", "polygon")


def snap_to_vertices(grids: gpd.GeoDataFrame | None, lon, lat, tolerance: float = SNAP_DEGREES) -> list[list[float]]:
    """The vertices as [[lon, lat], ...], each within ``tolerance`` degrees of a grid vertex moved onto the
    nearest one."""
    out = np.column_stack([np.asarray(lon, float), np.asarray(lat, float)])
    if grids is None or not len(grids) or not len(out):
        return out.tolist()
    geoms = grids.geometry.values
    point_at, grid_at = grids.sindex.query(shapely.points(out), predicate="dwithin", distance=tolerance)
    for i in np.unique(point_at):
        vertices = shapely.get_coordinates(geoms[grid_at[point_at == i]])
        distance = np.hypot(*(vertices - out[i]).T)
        if distance.min() <= tolerance:
            out[i] = vertices[np.argmin(distance)]
    return out.tolist()
