"""Point-in-grid assignment for millions of records.

**Boundary rule.** A point belongs to the grid whose area contains it. A point on a boundary (or corner)
shared by several grids, or on a grid's outer edge, goes to the grid with the **smallest code** among the
grids whose closed area contains it. A point in no grid (outside them all, in a hole or a gap) is unassigned.

**How.** :class:`GridLocator` lays a regular lattice of cells over the grids and, once per grid layout,
records each cell's centre label (the grid containing the centre, found with a scanline over the grids'
edges) and the edges crossing the cell. A point in a cell no edge crosses takes the cell's label. Otherwise
the segment from the cell centre to the point is tested against the cell's edges: for each grid crossed, the
crossing nearest the point tells whether the point is inside (the grid's interior lies left of its edges once
the rings are oriented). Points within 1e-9° (0.1 mm) of an edge, or whose segment passes through a vertex,
are decided exactly with GEOS and the rule above. All of it is NumPy over arrays, with no per-point Python.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import shapely

from gridmap.core.project import meta

# Points this close (degrees, about 0.1 mm) to an edge are decided exactly by GEOS.
NEAR = 1e-9
THREADS = min(4, os.cpu_count() or 1)
# Cell label for a centre inside more than one grid.
OVERLAP = -2
# Points per batch: bounds the temporary arrays to a few hundred MB at most.
BATCH = 250_000


class GridLocator:
    """Finds the grid (row index into ``geometries``) each point lies in; -1 for none.

    ``codes`` orders grids for the boundary rule (smallest code wins); ``cell`` is the lattice spacing in
    degrees (default: about a quarter of a typical grid's width)."""

    def __init__(self, geometries, codes, cell: float | None = None):
        geoms = np.asarray(geometries, dtype=object)
        self.geometries = geoms
        self.rank = np.argsort(np.argsort(np.asarray(codes, dtype=str), kind="stable"), kind="stable")
        self._tree = shapely.STRtree(geoms)
        x0, y0, x1, y1 = self._edges(geoms)
        if not len(geoms) or not len(x0):
            self.bounds = (0.0, 0.0, -1.0, -1.0)
            return
        minx, miny, maxx, maxy = (float(v) for v in shapely.total_bounds(geoms))
        if cell is None:
            typical = np.sqrt((maxx - minx) * (maxy - miny) / len(geoms))
            cell = max(typical / 16, max(maxx - minx, maxy - miny) / 4096)
        self.bounds = (minx, miny, maxx, maxy)
        self.cell = float(cell)
        self.ncols = int((maxx - minx) // cell) + 1
        self.nrows = int((maxy - miny) // cell) + 1
        self._index_edges()
        self._label_centres()

    def _edges(self, geoms) -> tuple[np.ndarray, ...]:
        """Every ring edge, oriented so that its grid's interior lies on its left, with the grid's row."""
        parts, part_of = shapely.get_parts(shapely.orient_polygons(geoms), return_index=True)
        rings, ring_of = shapely.get_rings(parts, return_index=True)
        coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
        same = coord_ring[1:] == coord_ring[:-1]
        start = np.flatnonzero(same)
        self.edge_grid = part_of[ring_of[coord_ring[start]]].astype(np.int32)
        x0, y0 = coords[start, 0], coords[start, 1]
        x1, y1 = coords[start + 1, 0], coords[start + 1, 1]
        keep = (x0 != x1) | (y0 != y1)
        self.edge_grid = self.edge_grid[keep]
        self.ex0, self.ey0, self.ex1, self.ey1 = x0[keep], y0[keep], x1[keep], y1[keep]
        self.elen = np.hypot(self.ex1 - self.ex0, self.ey1 - self.ey0)
        return self.ex0, self.ey0, self.ex1, self.ey1

    def _cells_of(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        minx, miny, _, _ = self.bounds
        col = np.floor((x - minx) / self.cell).astype(np.int64)
        row = np.floor((y - miny) / self.cell).astype(np.int64)
        return np.clip(col, 0, self.ncols - 1), np.clip(row, 0, self.nrows - 1)

    def _index_edges(self) -> None:
        """CSR lists of the edges that may cross each cell (bounding-box cells, then a line-distance test)."""
        x0, y0, x1, y1 = self.ex0, self.ey0, self.ex1, self.ey1
        c0, r0 = self._cells_of(np.minimum(x0, x1), np.minimum(y0, y1))
        c1, r1 = self._cells_of(np.maximum(x0, x1), np.maximum(y0, y1))
        w, h = c1 - c0 + 1, r1 - r0 + 1
        n = w * h
        edge = np.repeat(np.arange(len(x0)), n)
        k = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
        col = c0[edge] + k % w[edge]
        row = r0[edge] + k // w[edge]
        long = n[edge] > 1
        if long.any():  # drop bounding-box cells the edge's line misses
            minx, miny, _, _ = self.bounds
            cx = minx + (col[long] + 0.5) * self.cell
            cy = miny + (row[long] + 0.5) * self.cell
            e = edge[long]
            dx, dy = x1[e] - x0[e], y1[e] - y0[e]
            dist = np.abs(dx * (cy - y0[e]) - dy * (cx - x0[e])) / np.hypot(dx, dy)
            hit = np.ones(len(edge), dtype=bool)
            hit[long] = dist <= self.cell * 0.7072
            edge, col, row = edge[hit], col[hit], row[hit]
        cells = row * self.ncols + col
        order = np.argsort(cells, kind="stable")
        self.cell_edges = edge[order].astype(np.int32)
        self.offsets = np.zeros(self.ncols * self.nrows + 1, dtype=np.int64)
        np.cumsum(np.bincount(cells, minlength=self.ncols * self.nrows), out=self.offsets[1:])

    def _label_centres(self) -> None:
        """The grid containing each cell centre, from a scanline along each row of centres."""
        minx, miny, _, _ = self.bounds
        x0, y0, x1, y1 = self.ex0, self.ey0, self.ex1, self.ey1
        lo, hi = np.minimum(y0, y1), np.maximum(y0, y1)
        r_first = np.ceil((lo - miny) / self.cell - 0.5).astype(np.int64)
        r_last = np.ceil((hi - miny) / self.cell - 0.5).astype(np.int64) - 1  # half-open [lo, hi)
        r_first, r_last = np.maximum(r_first, 0), np.minimum(r_last, self.nrows - 1)
        n = np.maximum(r_last - r_first + 1, 0)
        edge = np.repeat(np.arange(len(x0)), n)
        row = r_first[edge] + np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
        yc = miny + (row + 0.5) * self.cell
        t = (yc - y0[edge]) / (y1[edge] - y0[edge])
        xc = x0[edge] + t * (x1[edge] - x0[edge])
        if not len(edge):  # no row of centres crosses an edge (a lattice coarser than the grids): all -1
            self.labels = np.full(self.nrows * self.ncols, -1, dtype=np.int32)
            return
        entering = y1[edge] < y0[edge]  # interior on the left of a downward edge is towards +x
        grid = self.edge_grid[edge]
        order = np.lexsort((entering, xc, row))
        row, xc, entering, grid = row[order], xc[order], entering[order], grid[order]
        # The label after each crossing: the last grid entered in the row, unless a later crossing left it.
        idx = np.arange(len(row))
        row_start = np.r_[True, row[1:] != row[:-1]]
        first_of_row = np.maximum.accumulate(np.where(row_start, idx, 0))
        last_in = np.maximum.accumulate(np.where(entering, idx, -1))
        last_in = np.where(last_in >= first_of_row, last_in, -1)
        cur = np.where(last_in >= 0, grid[np.maximum(last_in, 0)], -1)
        killed = np.cumsum((~entering) & (grid == cur))
        before = killed[np.maximum(last_in, 0)]
        # Depth (grids the row is inside) tells overlaps: a centre in several grids (or where the last grid
        # entered was left again inside another) is marked OVERLAP and its points are decided by GEOS.
        step = np.where(entering, 1, -1)
        depth = np.cumsum(step)
        depth -= (depth - step)[first_of_row]
        single = (depth == 1) & (last_in >= 0) & (killed == before)
        label_after = np.where(single, cur, np.where(depth == 0, -1, OVERLAP)).astype(np.int32)
        # Cell centres from each crossing on (same row) take its label, up to the next crossing.
        width = self.ncols + 1
        first_col = np.clip(np.ceil((xc - minx) / self.cell - 0.5).astype(np.int64), 0, self.ncols)
        key = row * width + first_col
        last_at_key = np.r_[key[1:] != key[:-1], True]
        marker = np.zeros(self.nrows * width, dtype=np.int64)
        marker[key[last_at_key]] = idx[last_at_key] + 1
        pos = np.arange(len(marker))
        filled = np.maximum.accumulate(np.where((marker > 0) | (pos % width == 0), pos, 0))
        source = marker[filled]
        labels = np.where(source > 0, label_after[np.maximum(source - 1, 0)], -1).astype(np.int32)
        self.labels = labels.reshape(self.nrows, width)[:, : self.ncols].ravel()

    def locate(self, x, y) -> np.ndarray:
        """Grid row for each point (lon ``x``, lat ``y``), -1 outside every grid or for NaN."""
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        out = np.full(len(x), -1, dtype=np.int32)
        if not len(x) or self.bounds[0] > self.bounds[2]:
            return out
        parts = max(-(-len(x) // BATCH), THREADS if len(x) > BATCH // 4 else 1)
        edges = np.linspace(0, len(x), parts + 1).astype(int)

        def run(k: int) -> None:
            a, b = edges[k], edges[k + 1]
            out[a:b] = self._locate(x[a:b], y[a:b])

        with ThreadPoolExecutor(THREADS) as pool:  # NumPy releases the GIL: batches run on all cores
            list(pool.map(run, range(len(edges) - 1)))
        return out

    def _locate(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        out = np.full(len(x), -1, dtype=np.int32)
        minx, miny, maxx, maxy = self.bounds
        inside = np.flatnonzero((x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy))
        if not len(inside):
            return out
        px, py = x[inside], y[inside]
        col, row = self._cells_of(px, py)
        cell = row * self.ncols + col
        label = self.labels[cell]
        start, count = self.offsets[cell], self.offsets[cell + 1] - self.offsets[cell]
        result = label.copy()
        busy = np.flatnonzero(count > 0)
        exact = label == OVERLAP
        if len(busy):
            self._walk(busy, px, py, col, row, label, start, count, result, exact)
        out[inside] = result
        if exact.any():
            out[inside[exact]] = self._exact(px[exact], py[exact])
        return out

    def _walk(self, busy, px, py, col, row, label, start, count, result, exact) -> None:
        """Decide the points in cells crossed by edges (see the module docstring)."""
        minx, miny, _, _ = self.bounds
        n = count[busy]
        point = np.repeat(busy, n)
        edge = self.cell_edges[np.repeat(start[busy] - np.cumsum(n) + n, n) + np.arange(n.sum())]
        ax, ay = px[point], py[point]
        dx = minx + (col[point] + 0.5) * self.cell - ax
        dy = miny + (row[point] + 0.5) * self.cell - ay
        x0, y0 = self.ex0[edge], self.ey0[edge]
        ex, ey = self.ex1[edge] - x0, self.ey1[edge] - y0
        # Segment point -> centre against the edge: t along it from the point, s along the edge. The
        # numerator of t is also the side of the edge the point is on (> 0: left, inside the edge's grid).
        denom = dx * ey - dy * ex
        side = ex * (ay - y0) - ey * (ax - x0)
        dlen = np.hypot(dx, dy)
        with np.errstate(divide="ignore", invalid="ignore"):  # a point at its cell's centre: dlen = denom = 0
            t = side / denom
            s = ((x0 - ax) * dy - (y0 - ay) * dx) / denom
            slack = NEAR / dlen
        cross = (t >= -slack) & (t <= 1) & (s >= 0) & (s <= 1)
        # Points on or next to the crossed edge, segments through a vertex, and a point on the line of an
        # edge parallel to its segment go to GEOS.
        tol = NEAR / self.elen[edge]
        doubt = cross & ((t <= slack) | (s <= tol) | (s >= 1 - tol))
        doubt |= (denom == 0) & (np.abs(side) <= NEAR * self.elen[edge])
        flagged = np.zeros(len(px), dtype=bool)
        flagged[point[doubt]] = True
        exact[flagged] = True
        keep = cross & ~flagged[point]
        point, grid, t, left = point[keep], self.edge_grid[edge[keep]], t[keep], side[keep] > 0
        # For each (point, grid) the crossing nearest the point decides; the left side means inside.
        many = np.bincount(point, minlength=len(px))
        multi = many[point] > 1
        if multi.any():
            order = np.lexsort((t[multi], grid[multi], point[multi]))
            mp, mg, ml = point[multi][order], grid[multi][order], left[multi][order]
            first = np.r_[True, (mp[1:] != mp[:-1]) | (mg[1:] != mg[:-1])]
            point = np.r_[point[~multi], mp[first]]
            grid = np.r_[grid[~multi], mg[first]]
            left = np.r_[left[~multi], ml[first]]
        crossed = np.flatnonzero(many)
        keeps_label = np.ones(len(px), dtype=bool)
        keeps_label[point[grid == label[point]]] = False
        big = len(self.rank) + 1
        best = np.full(len(px), big, dtype=np.int64)
        lab = label[crossed]
        best[crossed] = np.where((lab >= 0) & keeps_label[crossed], self.rank[np.maximum(lab, 0)], big)
        np.minimum.at(best, point[left], self.rank[grid[left]])
        by_rank = np.argsort(self.rank)
        result[crossed] = np.where(best[crossed] < big, by_rank[np.minimum(best[crossed], big - 2)], -1)

    def _exact(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """GEOS: the smallest-code grid whose closed area contains each point, or -1."""
        point, grid = self._tree.query(shapely.points(x, y), predicate="intersects")
        best = np.full(len(x), len(self.rank), dtype=np.int64)
        np.minimum.at(best, point, self.rank[grid])
        by_rank = np.argsort(self.rank)
        return np.where(best < len(self.rank), by_rank[np.minimum(best, len(self.rank) - 1)], -1).astype(np.int32)


def grid_locator(project) -> GridLocator:
    """The :class:`GridLocator` of the project's current grids, built once and kept in ``project.derived`` (which
    replacing the grids empties)."""
    locator = project.derived.get("locator")
    if locator is None:
        grids = project.grids
        locator = project.derived["locator"] = GridLocator(grids.geometry.values, grids["code"].to_numpy(dtype=str))
    return locator


def assign_layer(project, kind: str):
    """Set ``grid_code`` of every record of a layer: the grid its point lies in (``""`` for none), or for
    workers their listed grids that still exist; then the manual overrides, which always win. Visits take their
    target's grid (and follow it when persons or venues are re-assigned)."""
    import pandas as pd

    from gridmap.core.project.kinds import GRID, KINDS, worker_grids

    layer = project.layers[kind]
    codes = project.grids["code"].to_numpy(dtype=object)
    if kind == "visits":
        layer[GRID] = pd.Series(target_grids(project, layer), index=layer.index, dtype="str")
        return layer
    if KINDS[kind].points:
        rows = grid_locator(project).locate(layer["lon"].to_numpy(float), layer["lat"].to_numpy(float))
        grid = np.where(rows >= 0, codes[np.maximum(rows, 0)], "") if len(codes) else np.full(len(rows), "")
    else:
        known = set(codes)
        grid = np.array([";".join(c for c in worker_grids(v) if c in known) for v in layer[GRID]], dtype=object)
    overrides = meta.overrides(project.meta, kind)
    if overrides:
        known = set(codes)
        valid = {i: o["grid"] for i, o in overrides.items() if o["grid"] in known or o["grid"] == ""}
        where = layer["id"].map(valid)
        hit = where.notna().to_numpy()
        grid = np.asarray(grid, dtype=object)
        grid[hit] = where[hit].to_numpy(dtype=object)
    layer[GRID] = pd.Series(grid, index=layer.index, dtype="str")
    if kind in ("persons", "venues") and "visits" in project.layers:  # visits are in their targets' grids
        assign_layer(project, "visits")
    return layer


def index_in(values, keys) -> np.ndarray:
    """The position in ``keys`` (unique text) of each of the text ``values``, -1 where absent; hashed by Arrow."""
    import pyarrow as pa
    import pyarrow.compute as pc

    found = pc.index_in(pa.array(values, type=pa.string()), value_set=pa.array(keys, type=pa.string()))
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def target_grids(project, visits):
    """The grid of each visit's target (person or venue), ``""`` where the target is gone or in no grid, as a
    text array (taken from the targets' grids by position: no Python string per visit)."""
    import pandas as pd

    from gridmap.core.project.kinds import GRID, TARGET_KINDS

    pool, at, start = [np.array([""], dtype=object)], np.zeros(len(visits), dtype=np.int64), 1
    for kind in TARGET_KINDS:
        if kind not in project.layers:
            continue
        layer = project.layers[kind]
        mine = np.where((visits["target_kind"] == kind).to_numpy(dtype=bool),
                        index_in(visits["target_id"], layer["id"]), -1)
        at[mine >= 0] = start + mine[mine >= 0]
        pool.append(layer[GRID].to_numpy(dtype=object))
        start += len(layer)
    return pd.array(np.concatenate(pool), dtype="str").take(at)


def set_overrides(project, kind: str, ids, grid: str | None, reason: str = "") -> dict:
    """Assign records to ``grid`` by hand (None removes their overrides) and re-assign the layer. A reason is
    required to set one. Returns the previous overrides of these ids (for undo, see :func:`restore_overrides`)."""
    from gridmap.core.errors import GridMapError
    from gridmap.core.i18n import tr
    from gridmap.core.clock import now

    if grid is not None and grid != "" and grid not in set(project.grids["code"]):
        raise GridMapError(tr("no grid with code {code}", code=grid))
    if grid is not None and not reason.strip():
        raise GridMapError(tr("a manual assignment needs a reason"))
    ids = [str(i) for i in ids]
    previous = {i: meta.override(project.meta, kind, i) for i in ids}
    for i in ids:
        meta.set_override(project.meta, kind, i,
                          None if grid is None else {"grid": grid, "reason": reason.strip(), "at": now()})
    assign_layer(project, kind)
    return previous


def restore_overrides(project, kind: str, previous: dict) -> None:
    """Put back overrides returned by :func:`set_overrides` and re-assign the layer."""
    for i, old in previous.items():
        meta.set_override(project.meta, kind, i, old)
    assign_layer(project, kind)


def grids_fingerprint(grids) -> str:
    """A digest of the grids' codes and geometry: when it changes, records must be re-assigned."""
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    digest.update("\x1f".join(grids["code"].astype(str)).encode())
    for wkb in shapely.to_wkb(grids.geometry.values, output_dimension=2):
        digest.update(wkb)
    return digest.hexdigest()


def reassign_all(project) -> None:
    """Re-assign every record layer (after the grids changed) and remember which grids they match."""
    from gridmap.core.project.kinds import KINDS

    project.derived.pop("locator", None)  # built anew: the grids may have been changed in place
    for kind in KINDS:
        if kind in project.layers:
            assign_layer(project, kind)
    project.meta["assigned_to"] = grids_fingerprint(project.grids)


def ensure_assigned(project) -> bool:
    """Re-assign the records if the grids changed since they were assigned (edited elsewhere, e.g. in QGIS);
    True if it did."""
    from gridmap.core.project.kinds import KINDS

    if not any(k in project.layers for k in KINDS):
        return False
    if project.meta.get("assigned_to") == grids_fingerprint(project.grids):
        return False
    reassign_all(project)
    return True
