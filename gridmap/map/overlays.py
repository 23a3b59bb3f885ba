"""Record layers over the grids (incidents, key persons, key venues) as compact JSON for the map page (no Qt).

The page never receives a whole layer: for the current view (grown by :data:`PAD` on each side, so that a
small pan needs nothing new) it gets the records that pass the filter as individual points while there are at
most :data:`MAX_POINTS` of them, else as clusters (counts per square of :data:`CLUSTER_PX` screen pixels, with
their centroid and dominant category), or as binned weights for a heat map. All of it is numpy over arrays
prepared once per layer, so a million records take tens of milliseconds. Positions travel like the grids'
geometry: integers of 1e-6° in the basemap's coordinates (GCJ-02 shifted for a GCJ-02 basemap),
delta-encoded, ``[dx0, dy0, dx1, dy1, …]``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd
import shapely

from gridmap.core.geo.chinacoords import from_wgs84, to_wgs84
from gridmap.core.i18n import tr
from gridmap.core.project.kinds import KINDS, kind_label
from gridmap.map.layers import DIGITS
from gridmap.store.pg_query import CLUSTER_BELOW, cell_clusters, cell_degrees



class PointStyle(StrEnum):
    """How a record layer is drawn: each record, clusters of them, or a heat map."""

    POINTS = "points"
    CLUSTERS = "clusters"
    HEAT = "heat"


STYLES = tuple(s.value for s in PointStyle)
MAX_POINTS = 20_000
"""Most individual points sent for one view; more become clusters."""
CLUSTER_PX = 64
HEAT_PX = 9
HEAT_RADIUS = 18
"""Heat map: binning cell and blur radius, in screen pixels (leaflet.heat sums points into radius/2 cells)."""
HEAT_HEADROOM = 4.0
"""Full heat is this many times the weight of the busiest cells (98th percentile): each pixel sums the blurred
weights of a dozen neighbouring cells, so lower would paint every dense area the same red."""
PAD = 0.25
"""How far beyond the view (a fraction of its width and height, each side) records are sent."""

SHAPES = {"incidents": "circle", "persons": "diamond", "venues": "square", "tracks": "circle"}
PALETTES = {
    # Tableau 10, ColorBrewer Set1 and Paired, their greys left out for OTHER
    "incidents": ("#e15759", "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#edc948", "#76b7b2", "#ff9da7", "#9c755f"),
    "persons": ("#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#ffff33", "#a65628", "#f781bf"),
    "venues": ("#1f78b4", "#e31a1c", "#33a02c", "#ff7f00", "#6a3d9a", "#b15928", "#a6cee3", "#fb9a99", "#b2df8a",
               "#fdbf6f", "#cab2d6", "#ffff99"),
    "tracks": ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759", "#76b7b2", "#edc948", "#ff9da7", "#9c755f"),
}
"""Category colours per kind, most frequent category first; categories beyond the palette share OTHER."""
OTHER = "#9d9d9d"
STATUS_COLOURS = {"on_time": "#1a9850", "due_soon": "#fdae61", "overdue": "#d73027", "never": "#762a83"}
"""Targets drawn by visit status: green on time, orange due soon, red overdue, purple never visited."""


@dataclass(frozen=True)
class View:
    """What the page shows: its bounds in display coordinates and its (fractional) zoom."""

    west: float
    south: float
    east: float
    north: float
    zoom: float

    @property
    def scale(self) -> float:
        """World size in screen pixels at this zoom."""
        return 256.0 * 2.0 ** self.zoom

    def window(self, pad: float = PAD) -> tuple[float, float, float, float]:
        """The view grown by ``pad`` of its size on each side, in Web Mercator units (0–1, y down)."""
        (x0, x1), (y1, y0) = mercator(np.array([self.west, self.east]), np.array([self.south, self.north]))
        dx, dy = (x1 - x0) * pad, (y1 - y0) * pad
        return x0 - dx, y0 - dy, x1 + dx, y1 + dy


def mercator(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Lon/lat in degrees to Web Mercator in world units (0–1 from the antimeridian and from the north)."""
    phi = np.radians(np.clip(lat, -85.0511287798, 85.0511287798))
    return (np.asarray(lon, float) + 180.0) / 360.0, 0.5 - np.log(np.tan(np.pi / 4 + phi / 2)) / (2 * np.pi)


def inverse_mercator(x, y) -> tuple[np.ndarray, np.ndarray]:
    lat = np.degrees(2 * np.arctan(np.exp((0.5 - np.asarray(y)) * 2 * np.pi)) - np.pi / 2)
    return np.asarray(x) * 360.0 - 180.0, lat


def encode_xy(lon, lat) -> list[int]:
    """Positions as delta-encoded integers of 1e-6°, interleaved (the page decodes them with a running sum)."""
    q = np.round(np.column_stack([lon, lat]) * 10 ** DIGITS).astype(np.int64)
    return np.diff(q, axis=0, prepend=np.zeros((1, 2), np.int64)).ravel().tolist()


class PointLayer:
    """One point layer prepared for the map: a category class and colour per record and the positions per
    display coordinate system, computed on first use and kept (safe to share between threads)."""

    def __init__(self, kind: str, frame: pd.DataFrame, classes: tuple[np.ndarray, list[str], list[str]] | None = None):
        """``classes`` (as :meth:`classes` returns them) colour the records otherwise than by category, e.g.
        :func:`status_classes`."""
        if not KINDS[kind].points or not {"lon", "lat"} <= set(frame.columns):
            raise ValueError(f"{kind} records have no lon/lat position")
        if classes is not None and len(classes[0]) != len(frame):
            raise ValueError(f"{len(classes[0])} classes for {len(frame)} records")
        self.kind, self.frame = kind, frame
        self._lock = threading.Lock()
        self._classes: tuple[np.ndarray, list[str], list[str]] | None = classes
        self._positions: dict[str, tuple[np.ndarray, ...]] = {}

    def __len__(self) -> int:
        return len(self.frame)

    def classes(self) -> tuple[np.ndarray, list[str], list[str]]:
        """The class of each record (int16), and each class's label and colour."""
        with self._lock:
            if self._classes is None:
                self._classes = self._make_classes()
            return self._classes

    def _make_classes(self) -> tuple[np.ndarray, list[str], list[str]]:
        column = KINDS[self.kind].category
        values = self.frame[column] if column in self.frame else pd.Series("", index=self.frame.index)
        if isinstance(values.dtype, pd.CategoricalDtype) and not values.hasnans:  # no text copy of the column
            values = values.cat.remove_unused_categories()
            codes, uniques = values.cat.codes.to_numpy(), [str(c) for c in values.cat.categories]
        else:
            codes, uniques = pd.factorize(values.fillna("").astype(str), sort=False)
        counts = np.bincount(codes, minlength=len(uniques))
        order = sorted(range(len(uniques)), key=lambda i: (-counts[i], uniques[i]))
        palette = PALETTES[self.kind]
        rank = np.empty(len(uniques), dtype=np.int16)
        rank[order] = np.minimum(np.arange(len(order)), len(palette))
        labels = [uniques[i] or tr("(no category)") for i in order[:len(palette)]]
        colours = list(palette[:len(labels)])
        if len(order) > len(palette):
            labels.append(tr("other"))
            colours.append(OTHER)
        return rank[codes] if len(codes) else np.zeros(0, np.int16), labels, colours

    def positions(self, coords: str = "wgs84") -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Display lon, lat and Web Mercator x, y of every record (NaN where it has no position)."""
        with self._lock:
            if coords not in self._positions:
                lon = pd.to_numeric(self.frame["lon"], errors="coerce").to_numpy(float)
                lat = pd.to_numeric(self.frame["lat"], errors="coerce").to_numpy(float)
                lon, lat = from_wgs84(lon, lat, coords)
                self._positions = {coords: (lon, lat, *mercator(lon, lat))}  # one coordinate system at a time
            return self._positions[coords]

    def payload(self, view: View, mask: np.ndarray | None = None, style: str = "points",
                coords: str = "wgs84") -> dict:
        """What the page draws of the records passing ``mask`` (all when None) for ``view``.

        Every mode has ``kind``, ``title``, ``shape``, ``colours`` (per class), ``legend`` ([label, colour,
        count] of the classes with records passing the mask, over the whole layer) and ``total`` (those
        records, with a position). Then, by ``mode``:

        - ``points``: ``xy`` (see :func:`encode_xy`), ``row`` (row positions in the frame, delta-encoded) and
          ``cat`` (class per point);
        - ``clusters``: ``xy`` (centroids), ``count``, ``cat`` (dominant class) and ``row`` (the record of a
          one-record cluster, else -1), one entry per occupied square of :data:`CLUSTER_PX` pixels;
        - ``heat``: ``xy`` (cell centres), ``w`` (records per cell of :data:`HEAT_PX` pixels), ``max`` (the
          weight drawn at full heat), ``radius`` and ``zoom`` (the zoom the weights are for).
        """
        if style not in STYLES:
            raise ValueError(f"unknown style {style!r}; expected one of {', '.join(STYLES)}")
        lon, lat, x, y = self.positions(coords)
        cls, labels, colours = self.classes()
        keep = np.isfinite(x) if mask is None else np.asarray(mask, bool) & np.isfinite(x)
        counts = np.bincount(cls[keep], minlength=len(labels))
        x0, y0, x1, y1 = view.window()
        rows = np.flatnonzero(keep & (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1))
        out = {"kind": self.kind, "title": kind_label(self.kind), "shape": SHAPES[self.kind], "colours": colours,
               "legend": [[labels[i], colours[i], int(counts[i])] for i in np.flatnonzero(counts)],
               "total": int(counts.sum())}
        if style == "heat":
            out.update(mode="heat", **_heat(x[rows], y[rows], view))
        elif style == "points" and len(rows) <= MAX_POINTS:
            out.update(mode="points", xy=encode_xy(lon[rows], lat[rows]), row=np.diff(rows, prepend=0).tolist(),
                       cat=cls[rows].tolist())
        else:
            out.update(mode="clusters", **_clusters(x[rows], y[rows], cls[rows], rows, len(labels), view))
        return out


def _cells(x: np.ndarray, y: np.ndarray, size: float) -> tuple[np.ndarray, int, int, int]:
    """The square of ``size`` world units each point is in, numbered from 0 over the points' extent, with
    the column and row of square 0 and the number of columns."""
    cx, cy = np.floor(x / size).astype(np.int64), np.floor(y / size).astype(np.int64)
    if len(cx) == 0:
        return cx, 0, 0, 1
    cx0, cy0 = int(cx.min()), int(cy.min())
    nx = int(cx.max()) - cx0 + 1
    return (cy - cy0) * nx + (cx - cx0), cx0, cy0, nx


def _clusters(x, y, cls, rows, classes: int, view: View) -> dict:
    cell, *_ = _cells(x, y, CLUSTER_PX / view.scale)
    classes = max(classes, 1)  # an empty layer has none
    count = np.bincount(cell)
    occupied = np.flatnonzero(count)
    n = count[occupied]
    cx, cy = np.bincount(cell, x)[occupied] / n, np.bincount(cell, y)[occupied] / n
    dominant = np.bincount(cell * classes + cls, minlength=len(count) * classes).reshape(-1, classes).argmax(1)
    single = np.where(n == 1, np.bincount(cell, rows.astype(float))[occupied], -1).astype(np.int64)
    return {"xy": encode_xy(*inverse_mercator(cx, cy)), "count": n.tolist(), "cat": dominant[occupied].tolist(),
            "row": single.tolist()}


def _heat(x, y, view: View) -> dict:
    size = HEAT_PX / view.scale
    cell, cx0, cy0, nx = _cells(x, y, size)
    count = np.bincount(cell)
    occupied = np.flatnonzero(count)
    w = count[occupied]
    cx, cy = (occupied % nx + cx0 + 0.5) * size, (occupied // nx + cy0 + 0.5) * size
    top = HEAT_HEADROOM * float(np.quantile(w, 0.98)) if len(w) else 1.0
    return {"xy": encode_xy(*inverse_mercator(cx, cy)), "w": w.tolist(), "max": max(top, 1.0),
            "radius": HEAT_RADIUS, "zoom": view.zoom}


def status_classes(frame: pd.DataFrame, kind: str, status: pd.DataFrame) -> tuple[np.ndarray, list[str], list[str]]:
    """Classes for :class:`PointLayer` that colour the ``kind`` targets of ``frame`` by their visit status (a
    :func:`gridmap.core.visits.due.visit_status` table, matched by id): on time, due soon, overdue, never
    visited."""
    labels = {"on_time": tr("on time"), "due_soon": tr("due soon"), "overdue": tr("overdue"),
              "never": tr("never visited")}
    mine = status[(status["target_kind"] == kind).to_numpy()].drop_duplicates("target_id")
    at = pd.Index(mine["target_id"].astype(str)).get_indexer(frame["id"].astype(str))
    codes = pd.Categorical(mine["status"], categories=list(STATUS_COLOURS)).codes.astype(np.int16)
    cls = np.where(at >= 0, np.append(codes, -1)[at], len(STATUS_COLOURS)).astype(np.int16)
    cls[cls < 0] = len(STATUS_COLOURS)
    names, colours = [labels[k] for k in STATUS_COLOURS], list(STATUS_COLOURS.values())
    if (cls == len(STATUS_COLOURS)).any():
        names.append(tr("other"))
        colours.append(OTHER)
    return cls, names, colours


def track_lines(tracks: pd.DataFrame | None, day=None, coords: str = "wgs84",
                gap_minutes: float | None = None) -> dict | None:
    """The page's payload of the GPS tracks of ``day`` (default the last day with fixes) as lines, one per patrol run
    (see :mod:`gridmap.core.visits.patrol`), coloured by worker: ``day``, ``xy`` (:func:`encode_xy` of the display
    positions), ``sizes`` (points per line) and ``colour`` (per line). None when there are no fixes."""
    from gridmap.core.visits.patrol import GAP_MINUTES, fixes_of, runs

    if tracks is None or not len(tracks) or tracks["time"].isna().all():
        return None
    day = pd.Timestamp(day if day is not None else tracks["time"].max()).normalize()
    fixes = fixes_of(tracks, day)
    if not len(fixes):
        return None
    run = runs(fixes, GAP_MINUTES if gap_minutes is None else gap_minutes)
    lon, lat = from_wgs84(fixes["lon"].to_numpy(float), fixes["lat"].to_numpy(float), coords)
    palette = PALETTES["tracks"]
    worker = pd.factorize(fixes["worker"].to_numpy(dtype=object))[0]
    first = np.flatnonzero(np.r_[True, run[1:] != run[:-1]])
    return {"day": f"{day:%Y-%m-%d}", "xy": encode_xy(lon, lat), "sizes": np.bincount(run).tolist(),
            "colour": [palette[w % len(palette)] for w in worker[first].tolist()]}


class ServedLayer:
    """A point layer the store serves per view (a project whose layer is not read into memory): each payload asks
    ``counts(filt)`` (:meth:`ProjectStore.record_counts`: records per grid, category and status) for the legend
    and, zoomed out (below :data:`~gridmap.store.pg_query.CLUSTER_BELOW`), draws its clusters from those counts
    placed at their grids (``grids()``: the project's grids, see :func:`grid_clusters`) with, when the counts hold
    records outside every grid, the store's clusters of those in the view (``fetch(bbox, zoom, filt,
    outside=True)``); zoomed in it asks ``fetch(bbox, zoom, filt)`` (:meth:`ProjectStore.points_in`) for the
    records in the view (or the store's clusters of a crowded view). Counts are kept per filter: a layer
    whose records change gets a new ServedLayer."""

    def __init__(self, kind: str, fetch, counts, grids=None):
        if not KINDS[kind].points:
            raise ValueError(f"{kind} records have no lon/lat position")
        self.kind, self.fetch, self._count, self.grids = kind, fetch, counts, grids
        self._counted: dict = {}
        self._anchors: tuple[int, pd.DataFrame] | None = None

    def counts(self, filt=None) -> pd.DataFrame | None:
        """The store's counts of the records passing ``filt`` (asked once per filter)."""
        if filt not in self._counted:
            self._counted = {filt: self._count(filt)}  # the last filter's: a new filter is asked again
        return self._counted[filt]

    def anchors(self) -> pd.DataFrame | None:
        """``grid_code, lon, lat``: a point inside each grid (kept while the grids are the same frame)."""
        grids = self.grids() if self.grids is not None else None
        if grids is None or not len(grids):
            return None
        if self._anchors is None or self._anchors[0] != id(grids):
            points = shapely.get_coordinates(shapely.point_on_surface(grids.geometry.values))
            self._anchors = id(grids), pd.DataFrame({"grid_code": grids["code"].astype(str).to_numpy(object),
                                                     "lon": points[:, 0], "lat": points[:, 1]})
        return self._anchors[1]

    def legend(self, filt=None) -> tuple[dict[str, int], list[str], list[str], list[int]]:
        """Each category's class, and each class's label, colour and count of the records passing ``filt``."""
        counts = self.counts(filt)
        if counts is None or not len(counts):
            return {}, [], [], []
        per = counts.assign(category=counts["category"].fillna("").astype(str)).groupby("category")["n"].sum()
        order = sorted(per.index, key=lambda c: (-int(per[c]), c))
        palette = PALETTES[self.kind]
        index = {c: min(i, len(palette)) for i, c in enumerate(order)}
        labels = [c or tr("(no category)") for c in order[:len(palette)]]
        colours, n = list(palette[:len(labels)]), [int(per[c]) for c in order[:len(palette)]]
        if len(order) > len(palette):
            labels.append(tr("other"))
            colours.append(OTHER)
            n.append(int(per[order[len(palette):]].sum()))
        return index, labels, colours, n

    def payload(self, view: View, filt=None, style: str = "clusters",
                coords: str = "wgs84") -> tuple[dict, pd.DataFrame | None]:
        """What the page draws of the records passing ``filt`` for ``view`` (the keys of
        :meth:`PointLayer.payload`; a cluster's class is its dominant category's, as the store gives it; one-record
        clusters carry no row), and the points sent (None when clusters:
        ``row`` are positions in it)."""
        if style not in STYLES:
            raise ValueError(f"unknown style {style!r}; expected one of {', '.join(STYLES)}")
        index, labels, colours, counts = self.legend(filt)
        out = {"kind": self.kind, "title": kind_label(self.kind), "shape": SHAPES[self.kind], "colours": colours,
               "legend": [[label, colour, n] for label, colour, n in zip(labels, colours, counts) if n],
               "total": int(sum(counts))}
        x0, y0, x1, y1 = view.window()
        lon, lat = inverse_mercator(np.array([x0, x1]), np.array([y1, y0]))
        lon, lat = to_wgs84(lon, lat, coords)
        bbox = (float(lon[0]), float(lat[0]), float(lon[1]), float(lat[1]))
        anchors, counted = (self.anchors(), self.counts(filt)) if view.zoom < CLUSTER_BELOW else (None, None)
        if anchors is not None and counted is not None:
            strays = self.fetch(bbox, int(view.zoom), filt, outside=True) if _has_outside(counted) else None
            found = grid_clusters(counted, anchors, bbox, int(view.zoom), KINDS[self.kind].category, strays)
        else:
            found = self.fetch(bbox, int(view.zoom), filt)
        if found is None:  # the layer was read meanwhile; its next payload comes from memory
            found = pd.DataFrame({"lon": [], "lat": [], "n": []})
            found.attrs["clustered"] = True
        x, y = from_wgs84(found["lon"].to_numpy(float), found["lat"].to_numpy(float), coords)
        column = KINDS[self.kind].category
        values = found[column].fillna("").astype(str) if column in found else pd.Series("", index=found.index)
        cat = values.map(index).fillna(len(PALETTES[self.kind])).astype(int).tolist()  # as the legend's classes
        if found.attrs.get("clustered") or style == "heat":
            n = found["n"].to_numpy(np.int64)
            if style == "heat":
                top = HEAT_HEADROOM * float(np.quantile(n, 0.98)) if len(n) else 1.0
                out.update(mode="heat", xy=encode_xy(x, y), w=n.tolist(), max=max(top, 1.0), radius=HEAT_RADIUS,
                           zoom=view.zoom)
            else:
                out.update(mode="clusters", xy=encode_xy(x, y), count=n.tolist(), cat=cat, row=[-1] * len(n))
            return out, None
        found = found.reset_index(drop=True)
        out.update(mode="points", xy=encode_xy(x, y), row=np.diff(np.arange(len(found)), prepend=0).tolist(), cat=cat)
        return out, found


def _has_outside(counts: pd.DataFrame) -> bool:
    """Whether ``counts`` (see :meth:`ProjectStore.record_counts`) hold records outside every grid."""
    return bool(counts["n"][counts["grid_code"].astype(object).fillna("").astype(str).eq("").to_numpy()].sum())


def grid_clusters(counts: pd.DataFrame, anchors: pd.DataFrame, bbox: tuple[float, float, float, float], zoom: int,
                  column: str | None, outside: pd.DataFrame | None = None) -> pd.DataFrame:
    """Clusters of a served layer zoomed out, from its counts per grid (``counts``: ``grid_code, category, n``,
    see :meth:`ProjectStore.record_counts`) placed at each grid's point (``anchors``), the grids in the lon/lat box
    ``bbox`` gathered in cells of :data:`~gridmap.store.pg_query.CELL_PIXELS` screen pixels at ``zoom`` as the
    stores' clusters are, with the store's clusters of the records outside every grid (``outside``, of the same
    cells; counted under their dominant category): ``lon, lat, n`` and the cell's dominant category under
    ``column``. No record is read: a city's five years are as quick as a day's."""
    per = counts.assign(category=counts["category"].astype(object).fillna("").astype(str),
                        grid_code=counts["grid_code"].astype(object).fillna("").astype(str))
    per = per.groupby(["grid_code", "category"], as_index=False, sort=False)["n"].sum()
    per = per[per["n"] > 0].merge(anchors, on="grid_code")
    west, south, east, north = bbox
    per = per[(per["lon"] >= west) & (per["lon"] <= east) & (per["lat"] >= south) & (per["lat"] <= north)]
    if outside is not None and len(outside):
        strays = pd.DataFrame({"lon": outside["lon"].to_numpy(float), "lat": outside["lat"].to_numpy(float),
                               "n": outside["n"].to_numpy(np.int64),
                               "category": outside[column].fillna("").astype(str).to_numpy(object)
                               if column in outside else ""})
        per = pd.concat([per[["lon", "lat", "n", "category"]], strays], ignore_index=True)
    cell = cell_degrees(zoom)
    rows = zip(np.floor(per["lon"] / cell).astype(np.int64), np.floor(per["lat"] / cell).astype(np.int64),
               per["category"], per["n"], per["n"] * per["lon"], per["n"] * per["lat"])
    return cell_clusters(list(rows), column)
