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

PALETTE = ("#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
           "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f")
"""Fill colours (ColorBrewer Set3): distinct from each other, light enough for dark labels on top."""

COLOUR_BY = ("district", "street", "none")
PLAIN = "#9ecae1"


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


def grid_colours(grids: gpd.GeoDataFrame, by: str = "district") -> dict:
    """Fill colour per grid and a legend: ``{"palette", "index" (per grid), "legend" [[label, colour]]}``.

    Districts get one palette colour each, in code order. Streets are coloured so that neighbouring streets
    never share a colour (greedy colouring of the street adjacency graph); the legend then lists none of them.
    """
    if by not in COLOUR_BY:
        raise ValueError(f"unknown colouring {by!r}; expected one of {', '.join(COLOUR_BY)}")
    n = len(grids)
    if by == "none" or n == 0:
        return {"palette": [PLAIN], "index": [0] * n, "legend": []}
    order = grids["code"].astype(str).to_numpy()
    if by == "district":
        keys = grids["district"].fillna("").astype(str).to_numpy()
        first = {}
        for key, code in zip(keys, order):
            first[key] = min(first.get(key, code), code)
        ranked = sorted(first, key=first.get)
        slot = {key: i % len(PALETTE) for i, key in enumerate(ranked)}
        index = np.array([slot[k] for k in keys], dtype=int)
        legend = [[key, PALETTE[slot[key]]] for key in ranked]
        return {"palette": list(PALETTE), "index": index.tolist(), "legend": legend}
    keys = (grids["district"].fillna("").astype(str) + "\x1f" + grids["street"].fillna("").astype(str)).to_numpy()
    groups, group_of = np.unique(keys, return_inverse=True)
    colour = _colour_graph(len(groups), _neighbour_groups(grids.geometry.values, group_of))
    return {"palette": list(PALETTE), "index": colour[group_of].tolist(), "legend": []}


def _neighbour_groups(geoms: np.ndarray, group_of: np.ndarray) -> np.ndarray:
    """Pairs of distinct groups that have touching grids."""
    tree = shapely.STRtree(geoms)
    a, b = tree.query(geoms, predicate="intersects")
    pairs = np.column_stack([group_of[a], group_of[b]])
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    return np.unique(np.sort(pairs, axis=1), axis=0)


def _colour_graph(n: int, edges: np.ndarray) -> np.ndarray:
    """Greedy graph colouring, most-connected first, cycling the palette when it runs out."""
    neighbours: list[set[int]] = [set() for _ in range(n)]
    for u, v in edges:
        neighbours[u].add(v)
        neighbours[v].add(u)
    colour = np.full(n, -1, dtype=int)
    for node in sorted(range(n), key=lambda k: -len(neighbours[k])):
        used = {colour[m] for m in neighbours[node]}
        colour[node] = next((c for c in range(len(PALETTE)) if c not in used), node % len(PALETTE))
    return colour


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
