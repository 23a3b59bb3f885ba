"""Colours for grids that are not classified: a palette colour per district, or per street with neighbours
never sharing one (no Qt)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from gridmap.core.style.choices import COLOUR_BY, ColourBy

PALETTE = ("#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
           "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f")
"""Fill colours (ColorBrewer Set3): distinct from each other, light enough for dark labels on top."""
PLAIN = "#9ecae1"
"""The one fill colour of :attr:`ColourBy.NONE`."""


def grid_colours(grids: gpd.GeoDataFrame, by: str = ColourBy.DISTRICT) -> dict:
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
