"""What the map page draws, as compact JSON: grid geometry, labels and colours (no Qt).

Geometry is sent once per project (and again only when the display coordinates change or a grid is edited),
quantised to 1e-6° (about 0.1 m) and delta-encoded; codes, names and label points travel beside it as plain
arrays in row order, and styles as colour indices, so that restyling or selecting never resends geometry.
"""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import shapely

from gridmap.core.geo.chinacoords import from_wgs84, geometries_from_wgs84

DIGITS = 6
PRECISION = 10.0 ** -DIGITS
"""Coordinate rounding for the page, in degrees (about 0.1 m)."""

def display_geometries(grids: gpd.GeoDataFrame, coords: str = "wgs84") -> np.ndarray:
    """The grids' geometry in the basemap's coordinates (``wgs84`` or ``gcj02``)."""
    return geometries_from_wgs84(grids.geometry.values, coords)


def encode_geometries(geoms: np.ndarray) -> dict:
    """Polygonal geometries as compact JSON: TopoJSON's quantisation and delta encoding without the topology.

    ``xy`` holds the coordinates as integers of 1e-6° (about 0.1 m), each the difference from the previous
    point; ``rings``, ``parts`` and ``geoms`` are offsets (points per ring, rings per polygon, polygons per
    geometry), as in GeoArrow. The page decodes it with a running sum."""
    if len(geoms) == 0:
        return {"xy": [], "rings": [0], "parts": [0], "geoms": [0]}
    _, xy, offsets = shapely.to_ragged_array(geoms)
    quantised = np.round(xy * 10 ** DIGITS).astype(np.int64)
    delta = np.diff(quantised, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    geom_parts = offsets[2] if len(offsets) == 3 else np.arange(len(offsets[1]))
    return {"xy": delta.ravel().tolist(), "rings": offsets[0].tolist(), "parts": offsets[1].tolist(),
            "geoms": geom_parts.tolist()}


def label_points(geoms: np.ndarray) -> tuple[list, list]:
    """A point inside each geometry for its label, and the width and height of its bounding box, as flat
    lists (x0, y0, x1, y1, ...): thousands of little lists would wake Python's garbage collector."""
    points = shapely.get_coordinates(shapely.point_on_surface(geoms)).round(DIGITS)
    bounds = shapely.bounds(geoms)
    span = np.column_stack([bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1]]).round(DIGITS)
    return points.ravel().tolist(), span.ravel().tolist()


def grid_payload(grids: gpd.GeoDataFrame, coords: str = "wgs84") -> str:
    """JSON text for the page: ``shapes`` (see :func:`encode_geometries`), ``code``, ``name``, ``label``
    points and ``span`` (bounding box width, height; both flat, see :func:`label_points`), in row order."""
    geoms = display_geometries(grids, coords)
    label, span = label_points(geoms)
    return json.dumps({
        "shapes": encode_geometries(geoms),
        "code": grids["code"].astype(str).tolist(),
        "name": grids["name"].fillna("").astype(str).tolist(),
        "label": label,
        "span": span,
    }, ensure_ascii=False, separators=(",", ":"))


def display_bounds(grids: gpd.GeoDataFrame, rows=None, coords: str = "wgs84") -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of the given rows (all when None) in display coordinates."""
    geoms = grids.geometry.values if rows is None else grids.geometry.values[np.asarray(rows, dtype=int)]
    if len(geoms) == 0:
        return None
    return display_extent(shapely.total_bounds(geoms), coords)


def display_extent(extent, coords: str = "wgs84") -> list[list[float]]:
    """A WGS84 ``[west, south, east, north]`` as Leaflet's ``[[south, west], [north, east]]`` in display
    coordinates."""
    (x0, x1), (y0, y1) = from_wgs84(np.array([extent[0], extent[2]], float), np.array([extent[1], extent[3]], float),
                                    coords)
    return [[round(float(y0), DIGITS), round(float(x0), DIGITS)], [round(float(y1), DIGITS), round(float(x1), DIGITS)]]
