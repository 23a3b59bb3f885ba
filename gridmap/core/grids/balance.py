"""Workload balance: a per-grid workload table against a household target range, the grid adjacency graph, and
suggested boundary transfers that bring grids out of range closer to it.

A suggestion moves a slice of one grid along the boundary it shares with a neighbour (the part of the giving
grid within some distance of the taking grid, the distance found so that the households moved — shared by
area, as :func:`edits.transfer` does — are what the pair needs). Each one is a planned
:func:`edits.transfer`, so it is validated like any edit. The suggestions of one call touch disjoint grids,
but a plan records grid positions, which applying another edit shifts: after applying one, call
:func:`suggest_transfers` again (passing the pairs the planner rejected as ``skip``), or plan a remaining one
afresh with ``edits.transfer(project, s.taker, s.area, [s.giver])``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gridmap.core.grids import edits
from gridmap.core.geo.crs import equal_area_crs
from gridmap.core.errors import GridMapError
from gridmap.core.records.filters import RecordFilter
from gridmap.core.project.kinds import GRID
from gridmap.core.records.stats import _grid_of

# Distance (m) within which two grid boundaries count as shared: well above the noise of real shared edges
# (about 1e-9°, 0.1 mm), well below any real gap.
TOUCH_M = 0.01
# Shortest shared boundary (m) that makes two grids neighbours (grids meeting at a corner are not).
MIN_SHARED_M = 1.0


def _metric(grids: gpd.GeoDataFrame) -> np.ndarray:
    """The grids' geometries in metres (an equal-area projection centred on them)."""
    minx, miny, maxx, maxy = grids.total_bounds
    return grids.geometry.to_crs(equal_area_crs((minx + maxx) / 2, (miny + maxy) / 2)).values


def distance(households, low: float, high: float) -> np.ndarray:
    """How far each household count lies outside ``[low, high]`` (0 inside, NaN for unknown)."""
    h = np.asarray(households, dtype=float)
    return np.maximum(low - h, 0) + np.maximum(h - high, 0)


def _households(grids: gpd.GeoDataFrame) -> np.ndarray:
    return pd.to_numeric(grids["households"], errors="coerce").to_numpy(float)


def _count(project, kind: str, filt: RecordFilter | None = None) -> np.ndarray:
    """Records of ``kind`` per grid row (passing ``filt``); zeros without the layer."""
    n = len(project.grids)
    counts = project.layers.record_counts(kind, filt) if kind in project.layers else None
    if counts is not None:  # counted by the store: the layer is not read
        per = counts.groupby("grid_code")["n"].sum()
        at = pd.Index(per.index.astype(str)).get_indexer(project.grids["code"].astype(str))
        return np.where(at >= 0, np.append(per.to_numpy(np.int64), 0)[at], 0).astype(np.int64)
    layer = project.layers.get(kind)
    if layer is None or not len(layer):
        return np.zeros(n, dtype=np.int64)
    grid = _grid_of(layer[GRID], project.grids["code"].to_numpy(object))
    keep = grid >= 0
    if filt is not None:
        keep &= filt.mask(layer, kind)
    return np.bincount(grid[keep], minlength=n)


def workload(project, start=None, end=None, low: float = 300, high: float = 500) -> pd.DataFrame:
    """One row per grid, in ``project.grids`` order: ``code``, ``name``, ``street``, ``community``,
    ``households``, ``persons``, ``venues``, ``incidents`` (reported in ``[start, end)`` when given),
    ``area_km2`` and ``status``: ``low`` / ``ok`` / ``high`` against the household range ``[low, high]``,
    ``unknown`` without a household count."""
    grids = project.grids
    h = _households(grids)
    window = RecordFilter(start=None if start is None else pd.Timestamp(start),
                          end=None if end is None else pd.Timestamp(end))
    out = pd.DataFrame({c: grids[c].to_numpy(object) for c in ("code", "name", "street", "community")})
    out["households"] = pd.array(grids["households"], dtype="Int64")
    out["persons"] = _count(project, "persons")
    out["venues"] = _count(project, "venues")
    out["incidents"] = _count(project, "incidents", window)
    out["area_km2"] = shapely.area(_metric(grids)) / 1e6 if len(grids) else np.zeros(0)
    out["status"] = np.select([np.isnan(h), h < low, h > high], ["unknown", "low", "high"], "ok")
    return out


def adjacency(grids: gpd.GeoDataFrame) -> list[tuple[int, int, float]]:
    """``(i, j, shared boundary in m)`` for every pair of grid rows ``i < j`` sharing more than
    :data:`MIN_SHARED_M` of boundary: the length of ``i``'s boundary within :data:`TOUCH_M` of ``j`` (so edges
    whose vertices differ by noise, or grids overlapping by a sliver, still count)."""
    return list(zip(*(v.tolist() for v in _neighbours(grids))))


def _neighbours(grids: gpd.GeoDataFrame, rows: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
    """:func:`adjacency` as three arrays, or only the pairs holding one of the grid ``rows``."""
    geoms = _metric(grids) if len(grids) else np.zeros(0, dtype=object)
    rows = np.arange(len(geoms)) if rows is None else np.asarray(rows, dtype=np.int64)
    k, j = shapely.STRtree(geoms).query(geoms[rows], predicate="dwithin", distance=TOUCH_M)
    i = rows[k]
    pair = (i < j) | ((i > j) & ~np.isin(j, rows))  # each pair once
    i, j = np.minimum(i, j)[pair], np.maximum(i, j)[pair]
    near = shapely.buffer(geoms, TOUCH_M, quad_segs=1)
    shared = shapely.length(shapely.intersection(shapely.boundary(geoms[i]), near[j]))
    keep = shared > MIN_SHARED_M
    return i[keep], j[keep], shared[keep]


@dataclass
class Suggestion:
    """A planned transfer of ``area`` (lon/lat) from grid ``giver`` to its neighbour ``taker``:
    ``households`` {code: (before, after)}, and the pair's total distance from the range ``before`` and
    ``after`` (see :func:`distance`)."""

    edit: edits.Edit
    giver: str
    taker: str
    area: shapely.Geometry
    households: dict[str, tuple[int, int]]
    before: int
    after: int


def _amount(give: np.ndarray, take: np.ndarray, low: float, high: float) -> np.ndarray:
    """Households to move from ``give`` to ``take`` (0: none): as many as needed to bring the pair's
    distance from the range to its least, with neither leaving the range nor crossing it, then as close to
    equal as that allows."""
    most = np.minimum(give - low, high - take)
    least = np.minimum(np.maximum.reduce([give - high, low - take, np.ones_like(give)]), most)
    return np.where(most >= 1, np.clip(np.round((give - take) / 2), least, most), 0)


def _slice(giver, taker, share: float, households: float):
    """The part of ``giver`` within some distance of ``taker`` (its pieces touching ``taker``) holding
    ``share`` of its area, to within a tenth of a household; None if no distance gives it."""
    whole = shapely.area(giver)
    x0, y0, x1, y1 = shapely.bounds(giver)
    near, far = 0.0, float(np.hypot(x1 - x0, y1 - y0))
    for _ in range(60):
        width = (near + far) / 2
        parts = shapely.get_parts(shapely.intersection(giver, shapely.buffer(taker, width)))
        piece = shapely.union_all(parts[shapely.dwithin(parts, taker, edits.SNAP * 10)])
        got = shapely.area(piece) / whole
        if abs(got - share) * households < 0.1:
            return piece
        near, far = (width, far) if got < share else (near, width)
    return None


def _plan(project, g: int, b: int, moving: int, low: float, high: float) -> Suggestion | None:
    """The transfer of ``moving`` households from grid row ``g`` to row ``b``, or None when it cannot be
    drawn or would leave either grid in more parts than before."""
    grids = project.grids
    giver, taker = grids.geometry.values[g], grids.geometry.values[b]
    homes = float(grids["households"].iloc[g])
    area = _slice(giver, taker, moving / homes, homes)
    if area is None:
        return None
    codes = grids["code"].iloc[[g, b]].tolist()
    try:
        edit = edits.transfer(project, codes[1], area, [codes[0]])
    except GridMapError:
        return None
    old, new = (rows.set_index("code") for rows in (edit.before, edit.after))
    if any(len(shapely.get_parts(new.geometry[c])) > len(shapely.get_parts(old.geometry[c])) for c in codes):
        return None
    households = {c: (int(old["households"][c]), int(new["households"][c])) for c in codes}
    before, after = (int(distance([v[k] for v in households.values()], low, high).sum()) for k in (0, 1))
    return Suggestion(edit, codes[0], codes[1], area, households, before, after)


def suggest_transfers(project, low: float = 300, high: float = 500, max_suggestions: int = 20,
                      skip: Iterable[tuple[str, str]] = (), same_street: bool = True) -> list[Suggestion]:
    """Up to ``max_suggestions`` transfers between neighbouring grids that bring grids out of the household
    range ``[low, high]`` closer to it, largest improvement first, each grid in one suggestion at most.

    Every neighbouring pair is a candidate in the direction where a grid above the range gives or a grid
    below it takes; the grid in range (if any) stays in range, neither crosses the range, and the moved slice
    must leave both grids in one piece. Grids of one community go first at equal improvement; with
    ``same_street`` only grids of the same district and street trade area (other transfers would move an
    administrative boundary). ``skip`` holds ``(giver, taker)`` code pairs not to suggest (the ones
    rejected)."""
    grids = project.grids
    h = _households(grids)
    i, j, shared = _neighbours(grids, np.flatnonzero((h < low) | (h > high)))
    give, take, length = np.concatenate([i, j]), np.concatenate([j, i]), np.concatenate([shared, shared])
    unit = {c: grids[c].to_numpy(object) for c in ("district", "street", "community")}
    street = (unit["district"][give] == unit["district"][take]) & (unit["street"][give] == unit["street"][take])
    ok = ~np.isnan(h[give]) & ~np.isnan(h[take]) & ((h[give] > high) | (h[take] < low))
    if same_street:
        ok &= street
    give, take, length = give[ok], take[ok], length[ok]
    community = street[ok] & (unit["community"][give] == unit["community"][take])
    moving = _amount(h[give], h[take], low, high)
    gain = distance(h[give], low, high) + distance(h[take], low, high) \
        - distance(h[give] - moving, low, high) - distance(h[take] + moving, low, high)
    order = np.lexsort((-length, ~community, -gain))
    codes = grids["code"].to_numpy(object)
    skip, used, out = set(skip), set(), []
    for k in order:
        g, b = int(give[k]), int(take[k])
        if moving[k] < 1 or g in used or b in used or (codes[g], codes[b]) in skip:
            continue
        suggestion = _plan(project, g, b, int(moving[k]), low, high)
        if suggestion is None:
            continue
        out.append(suggestion)
        used |= {g, b}
        if len(out) >= max_suggestions:
            break
    return out
