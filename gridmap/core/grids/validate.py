"""Validating a project's grids: what a planner must fix (errors) and what to look at (warnings).

Errors (``gridmap validate`` exits 1):

- ``overlap``: two grids share more than ``tolerance_m2``: a point there lies in both;
- ``gap``: a hole of more than ``tolerance_m2`` enclosed by the grids of one district (grids without a district
  count as one district);
- ``invalid_geometry``: a self-intersecting or empty grid (repaired for the other checks);
- ``duplicate_code``: one code on several grids.

Warnings:

- ``district_gap``: a hole enclosed by grids of several districts (a strip between them, or a place whose grids
  are missing); a gap open to the outside cannot be told from the city's edge and is not reported;
- ``multipart``: a grid of several separate parts, each bigger than a sliver (islands are real, stray pieces not);
- ``sliver``: a part of a grid (or a whole grid) smaller than ``sliver_m2`` or narrower than ``sliver_width_m``
  (see :func:`_width`), the leftovers of editing; it is not also counted as a part above;
- ``outside_grids``: per record layer, the records in no grid (those assigned to a grid by hand aside), located
  at one record of their densest square kilometre; "in which grid" is decided by
  :func:`gridmap.core.records.assign.grid_locator`, as for assigning records (``add``, ``stats``, the GUI);
- ``no_worker``: a grid that no worker lists, when the project has workers.

Shared edges of real data never match exactly: overlaps, gaps and parts of at most ``tolerance_m2`` (default
1 m²) are that floating-point noise and are not findings. Areas are measured in a Lambert azimuthal equal-area
projection centred on the grids; a location is a lon/lat point inside the problem (``point_on_surface``).
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import shapely
from pyproj import Transformer

from gridmap.core.records.assign import THREADS, grid_locator
from gridmap.core.geo.crs import CGCS2000, equal_area_crs
from gridmap.core.grids.build import polygonal_parts
from gridmap.core.i18n import tr
from gridmap.core.project import meta
from gridmap.core.project.kinds import GRID, KINDS, kind_label, worker_grids

CLUSTER_M = 1000.0  # cell size for locating the densest cluster of records outside every grid
TOUCH_M = 1e-3  # grids this close to a gap border it
OPENING_M = 1e-4  # spikes thinner than twice this are noise (see _width)
SHOWN_CODES = 6  # codes a message quotes before "…"


@dataclass
class Finding:
    """One problem: its ``kind``, the grid codes concerned, a (lon, lat) inside it, its area and a message."""

    kind: str
    grids: list[str]
    location: tuple[float, float] | None
    area_m2: float | None
    message: str

    def to_json(self) -> dict:
        return {"kind": self.kind, "grids": self.grids, "location": list(self.location) if self.location else None,
                "area_m2": self.area_m2, "message": self.message}


@dataclass
class Report:
    """The findings: errors to fix, warnings to look at."""

    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"errors": [f.to_json() for f in self.errors], "warnings": [f.to_json() for f in self.warnings]}


class _Grids:
    """The grids in lon/lat and in metres (repaired), which are invalid, their codes and districts, an STRtree of
    the metric ones, and the way back to lon/lat."""

    def __init__(self, project):
        grids = project.grids
        self.codes = grids["code"].astype(str).to_numpy()
        self.districts = grids["district"].fillna("").astype(str).to_numpy()
        lonlat = np.asarray(grids.geometry.values, dtype=object)
        self.lonlat = np.where(shapely.is_missing(lonlat), shapely.Polygon(), lonlat)
        self.invalid = shapely.is_empty(self.lonlat) | ~shapely.is_valid(self.lonlat)
        minx, miny, maxx, maxy = shapely.total_bounds(self.lonlat)
        laea = equal_area_crs(*np.nan_to_num([(minx + maxx) / 2, (miny + maxy) / 2]))  # NaN: no geometry at all
        self.to_metric = Transformer.from_crs(CGCS2000, laea, always_xy=True)
        self.to_lonlat = Transformer.from_crs(laea, CGCS2000, always_xy=True)
        metric = shapely.transform(self.lonlat, lambda xy: np.column_stack(self.to_metric.transform(*xy.T)))
        bad = ~shapely.is_valid(metric)
        metric[bad] = polygonal_parts(shapely.make_valid(metric[bad]))
        self.metric = metric
        self.tree = shapely.STRtree(metric)

    def where(self, geoms) -> list[tuple[float, float] | None]:
        """A lon/lat point inside each metric geometry (None for an empty one)."""
        points = shapely.point_on_surface(np.asarray(geoms, dtype=object))
        xy = np.full((len(points), 2), np.nan)
        coords, index = shapely.get_coordinates(points, return_index=True)
        xy[index] = coords
        lon, lat = self.to_lonlat.transform(xy[:, 0], xy[:, 1])
        return [None if np.isnan(x) else (round(float(x), 7), round(float(y), 7)) for x, y in zip(lon, lat)]


def _m2(area: float) -> str:
    return f"{area:,.1f}" if area >= 1 else f"{area:.2g}"


def _width(geoms, area, spiky: bool = False) -> np.ndarray:
    """The width of each polygon in metres: that of the rectangle with its area and perimeter (exact for a strip;
    it tells a misdrawn area from a thin mismatch along an edge). ``spiky``: the polygons come from overlaying
    grids, where noise along shared edges adds hair-thin spikes to the perimeter; an opening by 0.1 mm cuts them."""
    if spiky:
        geoms = shapely.buffer(shapely.buffer(geoms, -OPENING_M), OPENING_M)
    half = shapely.length(geoms) / 2
    return (half - np.sqrt(np.maximum(half**2 - 4 * area, 0))) / 2


def _metres(width: float) -> str:
    return f"{width:.3f}" if width < 1 else f"{width:,.1f}"


def _codes_text(codes: list[str]) -> str:
    shown = ", ".join(codes[:SHOWN_CODES])
    return tr("{codes}, … ({count} in all)", codes=shown, count=len(codes)) if len(codes) > SHOWN_CODES else shown


def validate(project, tolerance_m2: float = 1.0, sliver_m2: float = 100.0, sliver_width_m: float = 1.0) -> Report:
    """Check ``project``'s grids and records (see the module docstring for the kinds of findings)."""
    report = Report()
    if not len(project.grids):
        return report
    g = _Grids(project)
    report.errors += _invalid(g) + _duplicates(g) + _overlaps(g, tolerance_m2)
    gaps, district_gaps = _gaps(g, tolerance_m2)
    report.errors += gaps
    report.warnings += district_gaps + _parts(g, tolerance_m2, sliver_m2, sliver_width_m)
    report.warnings += _outside(g, project) + _no_worker(g, project)
    return report


def _invalid(g: _Grids) -> list[Finding]:
    out = []
    for k in np.flatnonzero(g.invalid):
        reason = tr("no geometry") if shapely.is_empty(g.lonlat[k]) else shapely.is_valid_reason(g.lonlat[k])
        spot = re.search(r"\[(\S+) (\S+)\]", reason)
        location = (round(float(spot[1]), 7), round(float(spot[2]), 7)) if spot else g.where([g.metric[k]])[0]
        out.append(Finding("invalid_geometry", [g.codes[k]], location, None,
                           tr("grid {code} has invalid geometry: {reason}", code=g.codes[k], reason=reason)))
    return out


def _duplicates(g: _Grids) -> list[Finding]:
    values, first, counts = np.unique(g.codes, return_index=True, return_counts=True)
    repeated = np.flatnonzero(counts > 1)
    return [Finding("duplicate_code", [values[k]] * int(counts[k]), location, None,
                    tr("code {code} is used by {count} grids", code=values[k], count=int(counts[k])))
            for k, location in zip(repeated, g.where(g.metric[first[repeated]]))]


def _overlaps(g: _Grids, tolerance_m2: float) -> list[Finding]:
    i, j = g.tree.query(g.metric, predicate="intersects")
    i, j = i[i < j], j[i < j]
    inner = shapely.relate_pattern(g.metric[i], g.metric[j], "T********")  # interiors meet: not just touching
    i, j = i[inner], j[inner]
    shared = polygonal_parts(shapely.intersection(g.metric[i], g.metric[j]))
    area = shapely.area(shared)
    big = np.flatnonzero(area > tolerance_m2)
    out = []
    for k, location, width in zip(big, g.where(shared[big]), _width(shared[big], area[big], spiky=True)):
        a, b = sorted((g.codes[i[k]], g.codes[j[k]]))
        out.append(Finding("overlap", [a, b], location, round(float(area[k]), 3),
                           tr("grids {a} and {b} overlap by {area} m², about {width} m wide", a=a, b=b,
                              area=_m2(area[k]), width=_metres(width))))
    return sorted(out, key=lambda f: f.grids)


def _gaps(g: _Grids, tolerance_m2: float) -> tuple[list[Finding], list[Finding]]:
    """Holes in the union of all grids, split by whether the grids around them are of one district or more."""
    names = np.unique(g.districts)
    with ThreadPoolExecutor(THREADS) as pool:  # GEOS releases the GIL: districts are unioned in parallel
        unions = list(pool.map(lambda name: shapely.union_all(g.metric[g.districts == name]), names))
    rings = [ring for part in shapely.get_parts(shapely.union_all(unions)) for ring in part.interiors]
    holes = shapely.polygons(np.array(rings, dtype=object)) if rings else np.array([], dtype=object)
    area = shapely.area(holes)
    holes, area = holes[area > tolerance_m2], area[area > tolerance_m2]
    hole, grid = g.tree.query(holes, predicate="dwithin", distance=TOUCH_M)
    gaps, district_gaps = [], []
    for k, (location, width) in enumerate(zip(g.where(holes), _width(holes, area, spiky=True))):
        around = sorted(g.codes[grid[hole == k]])
        districts = sorted(set(g.districts[grid[hole == k]]))
        if len(districts) == 1:
            gaps.append(Finding("gap", around, location, round(float(area[k]), 3),
                                tr("gap of {area} m², about {width} m wide, between grids {grids}",
                                   area=_m2(area[k]), width=_metres(width), grids=_codes_text(around))))
        else:
            district_gaps.append(Finding("district_gap", around, location, round(float(area[k]), 3),
                                         tr("gap of {area} m², about {width} m wide, between districts "
                                            "{districts} (grids {grids})", area=_m2(area[k]), width=_metres(width),
                                            districts=", ".join(districts), grids=_codes_text(around))))
    return sorted(gaps, key=lambda f: f.grids), sorted(district_gaps, key=lambda f: f.grids)


def _parts(g: _Grids, tolerance_m2: float, sliver_m2: float, sliver_width_m: float) -> list[Finding]:
    """Slivers, then grids of several parts bigger than slivers (invalid grids aside: their repair splits them)."""
    parts, owner = shapely.get_parts(g.metric, return_index=True)
    area = shapely.area(parts)
    real = (area > tolerance_m2) & ~g.invalid[owner]
    sliver = real & ((area < sliver_m2) | (_width(parts, area) < sliver_width_m))
    out = [Finding("sliver", [g.codes[owner[k]]], location, round(float(area[k]), 3),
                   tr("grid {code} has a sliver of {area} m²", code=g.codes[owner[k]], area=_m2(area[k])))
           for k, location in zip(np.flatnonzero(sliver), g.where(parts[sliver]))]
    whole = real & ~sliver
    for grid in np.flatnonzero(np.bincount(owner[whole], minlength=len(g.codes)) > 1):
        mine = np.flatnonzero(whole & (owner == grid))
        mine = mine[np.argsort(area[mine])]
        out.append(Finding("multipart", [g.codes[grid]], g.where(parts[mine[:1]])[0],
                           round(float(area[mine[:-1]].sum()), 3),
                           tr("grid {code} has {count} separate parts", code=g.codes[grid], count=len(mine))))
    return out


def _outside(g: _Grids, project) -> list[Finding]:
    """One finding per point layer with records in no grid, at one record of their densest cluster."""
    out = []
    overrides = meta.all_overrides(project.meta)
    for kind, layer in project.layers.items():
        if kind not in KINDS or not KINDS[kind].points or not len(layer):
            continue
        lon, lat = layer["lon"].to_numpy(float), layer["lat"].to_numpy(float)
        check = np.isfinite(lon) & np.isfinite(lat) & ~layer["id"].astype(str).isin(list(overrides.get(kind, {})))
        lon, lat = lon[check], lat[check]
        outside = grid_locator(project).locate(lon, lat) < 0
        if not outside.any():
            continue
        lon, lat = lon[outside], lat[outside]
        x, y = g.to_metric.transform(lon, lat)
        cell = np.floor(x / CLUSTER_M).astype(np.int64) * 2**32 + np.floor(y / CLUSTER_M).astype(np.int64)
        _, which, counts = np.unique(cell, return_inverse=True, return_counts=True)
        members = np.flatnonzero(which == counts.argmax())
        pick = members[np.argmin(np.hypot(x[members] - x[members].mean(), y[members] - y[members].mean()))]
        out.append(Finding("outside_grids", [], (round(float(lon[pick]), 7), round(float(lat[pick]), 7)), None,
                           tr("{count} {records} outside every grid", count=len(x), records=kind_label(kind))))
    return out


def _no_worker(g: _Grids, project) -> list[Finding]:
    workers = project.layers.get("workers")
    if workers is None or not len(workers):
        return []
    staffed = {code for value in workers[GRID] for code in worker_grids(value)}
    alone = np.flatnonzero([code not in staffed for code in g.codes])
    return [Finding("no_worker", [g.codes[k]], location, None, tr("grid {code} has no worker", code=g.codes[k]))
            for k, location in zip(alone, g.where(g.metric[alone]))]
