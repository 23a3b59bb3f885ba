"""Topology-safe grid edits: split, merge, transfer area, create, delete, reshape an outer boundary, recode.

Each operation *plans* an :class:`Edit` without touching the project: the grid rows it replaces, the rows that
replace them, the records that would change grid (the impact a planner sees before applying) and warnings.
An edit that would break the partition (an overlap, a new gap, an empty grid) is refused with a GridMapError
saying why. :func:`apply_edit` commits a plan and :func:`revert_edit` restores the exact previous state, so
the GUI's undo stack and ``gridmap edit`` share one implementation.

Geometry is edited in CGCS2000 lon/lat (planar operations keep the topology whatever the projection).
"""

from __future__ import annotations

import copy
import getpass
import math
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.ops

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.project import meta
from gridmap.core.project.kinds import GRID, KINDS, TARGET_KINDS, worker_grids

# Area (m²) below which a difference between the area before and after, or an overlap, is floating-point noise.
TOLERANCE_M2 = 1.0
# Metres per degree of latitude (and of longitude at the equator) on the CGCS2000 ellipsoid, near enough.
METRES_PER_DEGREE = 111_319.49
# Distance (degrees, about 1 cm) within which a moved piece is snapped onto the grid it joins.
SNAP = 1e-7


@dataclass
class Edit:
    """A planned edit: ``before`` (the affected rows, with their positions in ``project.grids`` as index) are
    replaced by ``after``; ``moves[kind]`` lists the records that change grid (``row`` position in the layer,
    ``id``, ``from``, ``to``)."""

    kind: str
    description: str
    before: gpd.GeoDataFrame
    after: gpd.GeoDataFrame
    moves: dict[str, pd.DataFrame] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    _previous: gpd.GeoDataFrame | None = field(default=None, repr=False)
    _previous_meta: dict | None = field(default=None, repr=False)

    @property
    def changed_grids(self) -> list[str]:
        return sorted(set(self.before["code"]) | set(self.after["code"]))

    @property
    def moved(self) -> dict[str, int]:
        return {kind: len(frame) for kind, frame in self.moves.items()}

    def impact(self) -> dict:
        """What ``--dry-run --json`` prints: ``changed_grids``, ``moved`` {kind: count}, the moves between grid
        pairs, households before and after, and warnings."""
        pairs = {kind: frame.groupby(["from", "to"]).size().reset_index(name="count").to_dict("records")
                 for kind, frame in self.moves.items() if len(frame)}
        return {"edit": self.kind, "description": self.description, "changed_grids": self.changed_grids,
                "removed": sorted(set(self.before["code"]) - set(self.after["code"])),
                "added": sorted(set(self.after["code"]) - set(self.before["code"])),
                "moved": self.moved, "moves": pairs,
                "households": {"before": _households(self.before), "after": _households(self.after)},
                "warnings": self.warnings}


def _households(rows: gpd.GeoDataFrame) -> dict[str, int | None]:
    return {code: (None if pd.isna(h) else int(h)) for code, h in zip(rows["code"], rows["households"])}


# --- planning ------------------------------------------------------------------------------------------------

def split(project, code: str, line) -> Edit:
    """Split grid ``code`` along ``line`` (a LineString, lon/lat, crossing the grid). The largest piece keeps
    the code; the others get the next free codes of the street; households are shared by area."""
    before = _rows(project, [code])
    polygon = before.geometry.iloc[0]
    line = _geometry(line, ("LineString", "MultiLineString"), tr("a line"))
    pieces = [p for p in shapely.get_parts(shapely.ops.split(polygon, line)) if p.area > 0]
    if len(pieces) < 2:
        raise GridMapError(tr("the line does not cut grid {code} in two; draw it across the grid from edge to "
                              "edge", code=code))
    pieces.sort(key=lambda p: -p.area)
    after = _derive(before.iloc[[0] * len(pieces)], pieces)
    after["code"] = [code] + _next_codes(project.grids, before.iloc[0], len(pieces) - 1)
    after["name"] = [before["name"].iloc[0]] + [f"{before['name'].iloc[0]}-{i + 1}" for i in range(1, len(pieces))]
    after["households"] = _share(before["households"].iloc[0], [p.area for p in pieces])
    return _plan(project, "split", tr("split grid {code} into {count}", code=code, count=len(pieces)),
                 before, after)


def merge(project, codes: list[str]) -> Edit:
    """Merge adjacent grids into the first; households are summed."""
    codes = list(dict.fromkeys(codes))
    if len(codes) < 2:
        raise GridMapError(tr("choose at least two grids to merge"))
    before = _rows(project, codes)
    union = shapely.union_all(shapely.snap(before.geometry.values, before.geometry.values[0], SNAP))
    if len(shapely.get_parts(union)) > 1:
        raise GridMapError(tr("grids {codes} do not form one connected area; merge adjacent grids only",
                              codes=", ".join(codes)))
    after = _derive(before.iloc[[0]], [union])
    after["households"] = _sum(before["households"])
    return _plan(project, "merge", tr("merge {codes} into {code}", codes=", ".join(codes), code=codes[0]),
                 before, after)


def transfer(project, to: str, area, sources: list[str] | None = None) -> Edit:
    """Move the part of polygon ``area`` inside the ``sources`` grids (default: every grid it overlaps but
    ``to``) to neighbouring grid ``to``: the topology-safe way to move a boundary. Households move with the
    share of area."""
    area = _geometry(area, ("Polygon", "MultiPolygon"), tr("a polygon"))
    grids = project.grids
    if sources is None:  # grids that only touch the area are not sources: they would be listed as changed
        hits = np.flatnonzero(shapely.intersects(grids.geometry.values, area))
        sources = [c for c, g in zip(grids["code"].iloc[hits], grids.geometry.values[hits])
                   if c != to and _m2(project, shapely.intersection(g, area)) > TOLERANCE_M2]
    sources = [c for c in dict.fromkeys(sources) if c != to]
    before = _rows(project, [to, *sources])
    target = before.geometry.iloc[0]
    kept, moved, shares = [], [], []
    for geom in before.geometry.iloc[1:]:
        part = shapely.intersection(geom, area)
        moved.append(part)
        kept.append(shapely.difference(geom, area))
        shares.append(part.area / geom.area if geom.area else 0.0)
    moving = [m for m in moved if _m2(project, m) > TOLERANCE_M2]
    if not moving:
        raise GridMapError(tr("the area takes nothing from grids {codes}", codes=", ".join(sources) or "-"))
    joined = shapely.union_all([target, *(shapely.snap(m, target, SNAP) for m in moving)])
    if len(shapely.get_parts(joined)) > len(shapely.get_parts(target)):
        raise GridMapError(tr("the area does not touch grid {code}; it can only take area next to it", code=to))
    after = _derive(before, [joined, *kept])
    homes = before["households"].iloc[1:].astype("Float64").fillna(0).to_numpy(float)
    taken = np.round(homes * np.array(shares))
    after["households"] = _ints([before["households"].iloc[0] + taken.sum() if pd.notna(before["households"].iloc[0])
                                 else taken.sum(), *(homes - taken)], before["households"])
    empty = [c for c, g in zip(after["code"].iloc[1:], kept) if _m2(project, g) <= TOLERANCE_M2]
    if empty:
        raise GridMapError(tr("the area takes all of grid {codes}; merge it instead", codes=", ".join(empty)))
    return _plan(project, "transfer", tr("move area from {codes} to {code}", codes=", ".join(sources), code=to),
                 before, after)


def create(project, area, street: str | None = None, name: str = "") -> Edit:
    """A new grid from polygon ``area`` where no grid is (the part of it already in grids is left out); it
    belongs to ``street`` (default: the street of the grid sharing most of its boundary) and gets the next
    free code there."""
    area = _geometry(area, ("Polygon", "MultiPolygon"), tr("a polygon"))
    grids = project.grids
    near = np.flatnonzero(shapely.intersects(grids.geometry.values, shapely.buffer(area, SNAP * 10)))
    free = shapely.difference(area, shapely.union_all(grids.geometry.values[near])) if len(near) else area
    if _m2(project, free) <= TOLERANCE_M2:
        raise GridMapError(tr("the polygon lies inside existing grids; a new grid needs unassigned area"))
    if not len(near):
        raise GridMapError(tr("the polygon touches no grid; draw it next to the grids it belongs with"))
    shared = shapely.length(shapely.intersection(grids.geometry.values[near], shapely.buffer(free, SNAP * 10)))
    model = grids.iloc[[near[int(np.argmax(shared))]]]
    if street is not None:
        in_street = grids.index[grids["street"] == street]
        if not len(in_street):
            raise GridMapError(tr("no street named {street}", street=street))
        model = grids.loc[[in_street[0]]]
    after = _derive(model.iloc[[0]], [free])
    after["code"] = _next_codes(grids, model.iloc[0], 1)
    after["name"] = name or f"{model['street'].iloc[0]}{model['community'].iloc[0]}新网格"
    after["households"] = pd.array([pd.NA], dtype="Int64")
    before = grids.iloc[[]]
    return _plan(project, "create", tr("create grid {code}", code=after["code"].iloc[0]), before, after)


def delete(project, code: str) -> Edit:
    """Remove grid ``code``; its area and records become unassigned."""
    before = _rows(project, [code])
    return _plan(project, "delete", tr("delete grid {code}", code=code), before, before.iloc[[]])


def reshape(project, code: str, polygon) -> Edit:
    """Give grid ``code`` a new outline that differs only where it borders no other grid: every boundary it
    shares with a neighbour stays, and it may not overlap any grid."""
    polygon = _geometry(polygon, ("Polygon", "MultiPolygon"), tr("a polygon"))
    before = _rows(project, [code])
    old = before.geometry.iloc[0]
    grids = project.grids
    others = np.flatnonzero(shapely.intersects(grids.geometry.values, shapely.buffer(shapely.union(old, polygon),
                                                                                      SNAP * 10)))
    others = others[grids["code"].to_numpy(object)[others] != code]
    for i in others:
        neighbour = grids.geometry.values[i]
        if _m2(project, shapely.intersection(polygon, neighbour)) > TOLERANCE_M2:
            raise GridMapError(tr("the new outline overlaps grid {other}", other=grids["code"].iloc[i]))
        lost = shapely.difference(shapely.intersection(shapely.boundary(old), shapely.buffer(neighbour, SNAP)),
                                  shapely.buffer(polygon, SNAP * 10))
        if shapely.length(lost) > SNAP * 100:
            raise GridMapError(tr("the new outline moves the boundary shared with grid {other}; transfer area "
                                  "instead", other=grids["code"].iloc[i]))
    after = _derive(before, [polygon])
    return _plan(project, "reshape", tr("reshape the outer boundary of {code}", code=code), before, after)


def recode(project, code: str, new_code: str | None = None, new_name: str | None = None) -> Edit:
    """Change a grid's code (unique in the project) and/or name; records and workers follow the code."""
    before = _rows(project, [code])
    after = _derive(before, [before.geometry.iloc[0]])
    if new_code is not None and new_code != code:
        new_code = new_code.strip()
        if not new_code or new_code in set(project.grids["code"]):
            raise GridMapError(tr("code {code} is empty or already used", code=new_code))
        after["code"] = new_code
    if new_name is not None:
        after["name"] = new_name.strip()
    return _plan(project, "recode", tr("recode {code}", code=code), before, after)


# --- helpers -------------------------------------------------------------------------------------------------

def _rows(project, codes: list[str]) -> gpd.GeoDataFrame:
    grids = project.grids
    where = pd.Index(grids["code"]).get_indexer(codes)
    missing = [c for c, i in zip(codes, where) if i < 0]
    if missing:
        raise GridMapError(tr("no grid with code {code}", code=", ".join(missing)))
    rows = grids.iloc[where].copy()
    rows.index = where
    return rows


def _geometry(value, types: tuple[str, ...], what: str):
    geom = shapely.from_wkt(value) if isinstance(value, str) else value
    if geom is None or geom.geom_type not in types or geom.is_empty or not geom.is_valid:
        raise GridMapError(tr("expected {what} in lon/lat, not {value}", what=what,
                              value=str(value)[:60] if value is not None else "nothing"))
    return geom


def _derive(model: gpd.GeoDataFrame, geometries) -> gpd.GeoDataFrame:
    out = model.copy()
    out.index = range(len(out))
    out = out.set_geometry(gpd.GeoSeries(list(geometries), crs=model.crs).values)
    return out


def _m2(project, geom) -> float:
    """Area of a lon/lat geometry in m², from degrees at its latitude (within 0.5% over a grid's size: enough to
    tell findings from the noise below :data:`TOLERANCE_M2`)."""
    if geom is None or geom.is_empty:
        return 0.0
    _, south, _, north = shapely.bounds(geom)
    return float(shapely.area(geom)) * METRES_PER_DEGREE ** 2 * math.cos(math.radians((south + north) / 2))


def _share(total, weights) -> pd.array:
    """``total`` households split by ``weights`` with whole numbers summing to it (largest remainders)."""
    if pd.isna(total):
        return pd.array([pd.NA] * len(weights), dtype="Int64")
    exact = int(total) * np.asarray(weights, float) / float(np.sum(weights))
    out = np.floor(exact).astype(int)
    out[np.argsort(-(exact - out))[: int(total) - out.sum()]] += 1
    return pd.array(out, dtype="Int64")


def _sum(values: pd.Series) -> pd.array:
    return pd.array([pd.NA if values.isna().all() else int(values.fillna(0).sum())], dtype="Int64")


def _ints(values, like: pd.Series) -> pd.array:
    return pd.array([int(round(v)) for v in values], dtype="Int64") if like.notna().any() else \
        pd.array([pd.NA] * len(values), dtype="Int64")


def _next_codes(grids: gpd.GeoDataFrame, model: pd.Series, count: int) -> list[str]:
    """The next ``count`` free codes in ``model``'s street: its codes' shared prefix and a number after the
    highest, as wide as theirs (``331002001`` + ``046``)."""
    codes = grids.loc[(grids["district"] == model["district"]) & (grids["street"] == model["street"]), "code"]
    codes = [c for c in codes if c.isdigit()] or [model["code"]]
    width = max(len(c) for c in codes)
    taken = set(grids["code"])
    prefix = codes[0][: width - 3] if all(len(c) == width and c[: width - 3] == codes[0][: width - 3]
                                           for c in codes) and width > 3 else ""
    number = max(int(c[len(prefix):]) for c in codes if c[len(prefix):].isdigit()) + 1
    out = []
    while len(out) < count:
        candidate = f"{prefix}{number:0{width - len(prefix)}d}"
        if candidate not in taken:
            out.append(candidate)
        number += 1
    return out


def _plan(project, kind: str, description: str, before: gpd.GeoDataFrame, after: gpd.GeoDataFrame) -> Edit:
    """Check that ``after`` keeps the partition, then work out the records that change grid."""
    warnings = _check(project, kind, before, after)
    edit = Edit(kind, description, before, after, warnings=warnings)
    edit.moves = _moves(project, edit)
    return edit


def _check(project, kind: str, before: gpd.GeoDataFrame, after: gpd.GeoDataFrame) -> list[str]:
    geoms = after.geometry.values
    bad = [c for c, g in zip(after["code"], geoms) if not shapely.is_valid(g) or _m2(project, g) <= TOLERANCE_M2]
    if bad:
        raise GridMapError(tr("the edit would leave grid {codes} empty or invalid", codes=", ".join(bad)))
    if kind in ("split", "merge", "transfer", "recode"):
        lost = shapely.symmetric_difference(shapely.union_all(before.geometry.values), shapely.union_all(geoms))
        if _m2(project, lost) > TOLERANCE_M2:
            raise GridMapError(tr("the edit would change the area the grids cover by {area} m²",
                                  area=round(_m2(project, lost), 1)))
    grids = project.grids
    others = np.setdiff1d(np.arange(len(grids)), before.index.to_numpy())
    old_union = shapely.union_all(before.geometry.values) if len(before) else None
    for code, geom in zip(after["code"], geoms):
        for i in others[shapely.intersects(grids.geometry.values[others], geom)]:
            neighbour = grids.geometry.values[i]
            overlap = _m2(project, shapely.intersection(neighbour, geom))
            had = _m2(project, shapely.intersection(neighbour, old_union)) if old_union is not None else 0.0
            if overlap - had > TOLERANCE_M2:  # an overlap the data already had is validation's business
                raise GridMapError(tr("grid {code} would overlap grid {other} by {area} m²", code=code,
                                      other=grids["code"].iloc[i], area=round(overlap - had, 1)))
    for i in range(len(geoms)):
        for j in range(i + 1, len(geoms)):
            if _m2(project, shapely.intersection(geoms[i], geoms[j])) > TOLERANCE_M2:
                raise GridMapError(tr("grids {code} and {other} would overlap", code=after["code"].iloc[i],
                                      other=after["code"].iloc[j]))
    return [tr("grid {code} would be in {count} parts", code=c, count=len(shapely.get_parts(g)))
            for c, g in zip(after["code"], geoms) if len(shapely.get_parts(g)) > 1]


def _moves(project, edit: Edit) -> dict[str, pd.DataFrame]:
    """Records whose grid changes: point records in or around the edited area are located again among the
    new grids and their unchanged neighbours (same boundary rule, overrides still win); workers follow
    removed and recoded grids; visits follow their targets."""
    from gridmap.core.records.assign import GridLocator

    old_codes = set(edit.before["code"])
    removed = old_codes - set(edit.after["code"])
    renamed = {}
    if edit.kind == "merge":
        renamed = {c: edit.after["code"].iloc[0] for c in removed}
    elif edit.kind == "recode":
        renamed = {edit.before["code"].iloc[0]: edit.after["code"].iloc[0]}
    grids = project.grids
    area = shapely.union_all([*edit.before.geometry.values, *edit.after.geometry.values])
    west, south, east, north = shapely.bounds(area)
    keep = np.setdiff1d(np.arange(len(grids)), edit.before.index.to_numpy())
    near = keep[shapely.intersects(grids.geometry.values[keep], shapely.box(west, south, east, north))]
    geoms = np.concatenate([edit.after.geometry.values, grids.geometry.values[near]])
    codes = np.concatenate([edit.after["code"].to_numpy(object), grids["code"].to_numpy(object)[near]])
    locator = GridLocator(geoms, codes.astype(str)) if len(geoms) else None
    valid_codes = (set(grids["code"]) - removed) | set(edit.after["code"])
    out = {}
    for kind, layer in project.layers.items():
        overrides = meta.overrides(project.meta, kind)
        if KINDS.get(kind) and KINDS[kind].points:
            lon, lat = layer["lon"].to_numpy(float), layer["lat"].to_numpy(float)
            inside = (lon >= west) & (lon <= east) & (lat >= south) & (lat <= north)
            rows = np.flatnonzero(inside | layer[GRID].isin(list(old_codes)).to_numpy())
            current = layer[GRID].iloc[rows].to_numpy(object)
            found = locator.locate(lon[rows], lat[rows]) if locator is not None else np.full(len(rows), -1)
            new = np.where(found >= 0, codes[np.maximum(found, 0)], "").astype(object)
            ids = layer["id"].iloc[rows].to_numpy(object)
            for k in (np.flatnonzero(pd.Index(ids).isin(list(overrides))) if overrides else ()):
                grid = overrides[ids[k]]["grid"]
                if grid in valid_codes:
                    new[k] = renamed.get(grid, grid)
        elif kind == "workers" and removed:
            rows = np.arange(len(layer))
            current = layer[GRID].to_numpy(object)
            new = np.array([";".join(dict.fromkeys(renamed.get(c, c) for c in worker_grids(v)
                                                   if c not in removed or c in renamed)) for v in current],
                           dtype=object)
            ids = layer["id"].to_numpy(object)
        else:
            continue
        changed = new != current
        out[kind] = pd.DataFrame({"row": rows[changed], "id": ids[changed], "from": current[changed],
                                  "to": new[changed]})
    if "visits" in project.layers:
        out["visits"] = _visit_moves(project.layers["visits"], out)
    return out


def _visit_moves(visits: pd.DataFrame, moves: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Visits follow their targets' ``moves``."""
    current = visits[GRID].to_numpy(object)
    new = current.copy()
    kinds, ids = visits["target_kind"].to_numpy(object), visits["target_id"].to_numpy(object)
    for kind in TARGET_KINDS:
        moved = moves.get(kind)
        if moved is None or not len(moved):
            continue
        mine = np.flatnonzero(kinds == kind)
        at = pd.Index(moved["id"].to_numpy(object)).get_indexer(ids[mine])
        new[mine[at >= 0]] = moved["to"].to_numpy(object)[at[at >= 0]]
    rows = np.flatnonzero(new != current)
    return pd.DataFrame({"row": rows, "id": visits["id"].to_numpy(object)[rows], "from": current[rows],
                         "to": new[rows]})


# --- applying ------------------------------------------------------------------------------------------------

def apply_edit(project, edit: Edit, who: str | None = None) -> None:
    """Commit a planned edit: replace the grid rows, move the records, update overrides of a recoded or merged
    grid, and log it (who, when, what, codes before and after) in ``meta["edit_log"]``."""
    from gridmap.core.records.assign import grids_fingerprint
    from gridmap.core.clock import now

    grids = project.grids
    positions = pd.Index(grids["code"]).get_indexer(edit.before["code"])
    if (positions < 0).any() or not all(shapely.equals_exact(grids.geometry.values[positions],
                                                             edit.before.geometry.values, 0)):
        raise GridMapError(tr("the grids changed since this edit was planned; plan it again"))
    edit._previous, edit._previous_meta = grids, copy.deepcopy(project.meta)
    keep = np.setdiff1d(np.arange(len(grids)), positions)
    after = edit.after.set_crs(grids.crs, allow_override=True)
    # the first new row takes the place of the first row it replaces; the rest go at the end
    head = keep[keep < positions.min()] if len(positions) else keep
    tail = keep[keep > positions.min()] if len(positions) else np.array([], dtype=int)
    pieces = [grids.iloc[head], after.iloc[:1], grids.iloc[tail], after.iloc[1:]] if len(positions) else \
        [grids, after]
    project.grids = gpd.GeoDataFrame(pd.concat(pieces, ignore_index=True), geometry=grids.geometry.name,
                                     crs=grids.crs)
    _move(project, edit, "to")
    _rename_overrides(project, edit)
    project.meta["assigned_to"] = grids_fingerprint(project.grids)
    project.meta.setdefault("edit_log", []).append({
        "who": who or _user(), "when": now(), "what": edit.kind, "description": edit.description,
        "before": sorted(edit.before["code"]), "after": sorted(edit.after["code"]), "moved": edit.moved})


def revert_edit(project, edit: Edit) -> None:
    """Undo :func:`apply_edit` exactly: the previous grids, record assignments, overrides and log."""
    if edit._previous is None:
        raise GridMapError(tr("this edit has not been applied"))
    project.grids = edit._previous
    project.meta = edit._previous_meta
    _move(project, edit, "from")
    edit._previous = edit._previous_meta = None


def _move(project, edit: Edit, side: str) -> None:
    """Set the moved records' grid to their ``to`` (apply) or ``from`` (revert) grid."""
    for kind, moves in edit.moves.items():
        layer = project.layers.get(kind)
        if not len(moves) or layer is None:
            continue
        rows = moves["row"].to_numpy()
        if rows.max() >= len(layer) or (layer["id"].iloc[rows].to_numpy(object) != moves["id"].to_numpy(object)).any():
            rows = pd.Index(layer["id"]).get_indexer(moves["id"])  # records were imported since: find them by id
            moves = moves[rows >= 0]
            rows = rows[rows >= 0]
        column = layer[GRID].copy()
        column.iloc[rows] = moves[side].to_numpy(object)
        layer[GRID] = column


def _rename_overrides(project, edit: Edit) -> None:
    if edit.kind not in ("merge", "recode"):
        return
    target = edit.after["code"].iloc[0]
    old = set(edit.before["code"]) - {target}
    for table in meta.all_overrides(project.meta).values():
        for value in table.values():
            if value["grid"] in old:
                value["grid"] = target


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name on some Windows services
        return ""
