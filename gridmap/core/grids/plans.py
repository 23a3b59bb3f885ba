"""Grid plans: named grid layouts kept in the project, to switch between, compare and hand out; and the
assignment table (record -> grid code) written to and read from CSV.

``project.grids`` is the plan named ``meta["plan"]`` (unnamed until first saved); ``project.plans`` holds the
other plans (stored in the project file's ``grid_plans`` layer). The plan in use is a working copy: edits
change it, and switching to another plan keeps the layout under its name, so nothing is lost. An unnamed
layout is never dropped: :func:`use_plan` refuses until it is saved. To try a variant, save the layout under
a new name, then edit. Workers list their grids per plan: each plan keeps its own lists
(``meta["plan_workers"]`` for the plans not in use).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.project.kinds import GRID, KINDS, mask_private, private_columns

CURRENT = "plan"
WORKERS = "plan_workers"
PLAN_FORMATS = (".shp", ".gpkg", ".geojson")
ASSIGNMENT_COLUMNS = ("kind", "id", "grid_code")


def plan_names(project) -> list[str]:
    """Every plan's name, sorted (the plan in use included)."""
    current = project.meta.get(CURRENT)
    return sorted({*project.plans, *([current] if current else [])})


def list_plans(project) -> list[dict]:
    """``name``, ``grids`` and ``in_use`` of every plan."""
    current = project.meta.get(CURRENT)
    return [{"name": n, "grids": len(layout(project, n)), "in_use": n == current} for n in plan_names(project)]


def layout(project, name: str) -> gpd.GeoDataFrame:
    """The grids of plan ``name`` (the project's grids for the plan in use)."""
    if name and name == project.meta.get(CURRENT):
        return project.grids
    if name not in project.plans:
        raise GridMapError(tr("no plan named {name}; plans: {names}", name=repr(name),
                              names=", ".join(plan_names(project)) or "-"))
    return project.plans[name]


def save_plan(project, name: str, replace: bool = False) -> dict:
    """Save the current layout as plan ``name``, which is then the plan in use (the plan in use before keeps a
    copy under its own name). A name another plan has is refused unless ``replace``."""
    name = (name or "").strip()
    if not name:
        raise GridMapError(tr("a plan needs a name"))
    current = project.meta.get(CURRENT)
    if name in project.plans and not replace:
        raise GridMapError(tr("a plan named {name} exists; choose another name or replace it (--replace)",
                              name=repr(name)))
    if current and current != name:
        _stash(project, current)
    project.plans.pop(name, None)
    project.meta.get(WORKERS, {}).pop(name, None)
    project.meta[CURRENT] = name
    return {"plan": name, "previous": current, "grids": len(project.grids), "plans": plan_names(project)}


def use_plan(project, name: str) -> dict:
    """Make plan ``name`` the project's grids and re-assign every record (manual assignments still win). The
    layout in use is kept under its plan name; an unnamed one is refused rather than lost. Returns ``plan``,
    ``previous``, ``grids`` and ``moved`` {kind: records whose grid changed}."""
    from gridmap.core.records.assign import reassign_all

    current = project.meta.get(CURRENT)
    if name != current:
        layout(project, name)
        if not current:
            raise GridMapError(tr("the current grids are not saved as a plan and would be lost; save them as a "
                                  "plan first"))
        before = {kind: layer[GRID].copy() for kind, layer in project.layers.items()}
        _stash(project, current)
        project.grids = project.plans.pop(name)
        lists = project.meta.get(WORKERS, {}).pop(name, None)
        if lists is not None and "workers" in project.layers:
            _set_worker_lists(project.layers["workers"], lists)
        project.meta[CURRENT] = name
        reassign_all(project)
        moved = {kind: int((project.layers[kind][GRID] != grids).sum()) for kind, grids in before.items()}
    else:
        moved = {kind: 0 for kind in project.layers}
    return {"plan": name, "previous": current, "grids": len(project.grids), "moved": moved}


def _stash(project, name: str) -> None:
    """Keep the current layout (and the workers' grid lists) as plan ``name``."""
    project.plans[name] = project.grids.copy()
    if "workers" in project.layers:
        workers = project.layers["workers"]
        project.meta.setdefault(WORKERS, {})[name] = dict(zip(workers["id"], workers[GRID]))


def _set_worker_lists(workers: pd.DataFrame, lists: dict) -> None:
    workers[GRID] = workers["id"].map(lists).fillna(workers[GRID]).astype("str")


def compare_plans(project, a: str, b: str) -> dict:
    """What changes from plan ``a`` to plan ``b``: grids ``added``, ``removed``, ``geometry_changed`` (more than
    1 m² of area changed hands) and ``attributes_changed``, all of them in ``changed_grids``; the records that
    would change grid, ``moved`` {kind: count} and ``moves`` {kind: [{from, to, count}]}."""
    from gridmap.core.geo.crs import equal_area_crs
    from gridmap.core.grids.edits import TOLERANCE_M2

    old, new = layout(project, a), layout(project, b)
    old_codes, new_codes = set(old["code"]), set(new["code"])
    common = [c for c in old["code"] if c in new_codes]
    left, right = old.set_index("code").loc[common], new.set_index("code").loc[common]
    moved_area = shapely.symmetric_difference(left.geometry.values, right.geometry.values)
    minx, miny, maxx, maxy = old.total_bounds if len(old) else (0, 0, 0, 0)
    m2 = gpd.GeoSeries(moved_area, crs=old.crs).to_crs(equal_area_crs((minx + maxx) / 2, (miny + maxy) / 2)).area
    columns = [c for c in dict.fromkeys([*old.columns, *new.columns])
               if c not in ("code", old.geometry.name, new.geometry.name)]
    differs = (_text(left, columns) != _text(right, columns)).any(axis=1).to_numpy()
    found = {"added": sorted(new_codes - old_codes), "removed": sorted(old_codes - new_codes),
             "geometry_changed": sorted(np.array(common, dtype=object)[m2.to_numpy() > TOLERANCE_M2]),
             "attributes_changed": sorted(np.array(common, dtype=object)[differs])}
    before, after = _assignment(project, a), _assignment(project, b)
    moves = {}
    for kind in before:
        changed = (before[kind] != after[kind]).to_numpy()
        pairs = pd.DataFrame({"from": before[kind].to_numpy(object)[changed],
                              "to": after[kind].to_numpy(object)[changed]})
        moves[kind] = pairs.groupby(["from", "to"]).size().reset_index(name="count").to_dict("records")
    return {"a": a, "b": b, "grids": {"a": len(old), "b": len(new)},
            "changed_grids": sorted({code for codes in found.values() for code in codes}), **found,
            "moved": {kind: sum(p["count"] for p in pairs) for kind, pairs in moves.items()}, "moves": moves}


def _text(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return frame.reindex(columns=columns).astype("string").fillna("")


def _assignment(project, name: str) -> dict[str, pd.Series]:
    """Every record's grid code under plan ``name`` (for the plan in use: as assigned)."""
    from gridmap.core.records.assign import assign_layer
    from gridmap.core.project.model import Project

    kinds = [kind for kind in KINDS if kind in project.layers]  # visits after the targets whose grid they take
    if name == project.meta.get(CURRENT):
        return {kind: project.layers[kind][GRID] for kind in kinds}
    layers = {kind: project.layers[kind][["id", GRID, *(("lon", "lat") if KINDS[kind].points else ()),
                                          *(("target_kind", "target_id") if kind == "visits" else ())]].copy()
              for kind in kinds}
    lists = project.meta.get(WORKERS, {}).get(name)
    if lists is not None and "workers" in layers:
        _set_worker_lists(layers["workers"], lists)
    other = Project(layout(project, name), project.meta, layers=layers)
    return {kind: assign_layer(other, kind)[GRID] for kind in kinds}


def export_plan(project, name: str, path: Path | str, encoding: str = "UTF-8") -> Path:
    """Write plan ``name``'s grids to ``path`` atomically: Shapefile (attributes in ``encoding``, UTF-8 or GBK,
    with a ``.cpg`` either way), GeoPackage or GeoJSON."""
    from gridmap.core.io.export import write_frame

    path = Path(path)
    if path.suffix.lower() not in PLAN_FORMATS:
        raise GridMapError(tr("unknown plan format; use .shp, .gpkg or .geojson"), path)
    return write_frame(layout(project, name), "grids", path, encoding)


def export_assignment(project, path: Path | str, reveal: bool = False) -> int:
    """Write the assignment table (``kind``, ``id``, ``grid_code`` of every incident, key person and venue) to
    ``path`` as CSV, UTF-8 with a BOM, atomically; ids that are ID numbers are masked unless ``reveal``.
    Returns the rows written."""
    from gridmap.core.io.export import write_frame

    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise GridMapError(tr("an assignment table is written as .csv"), path)
    parts = []
    for kind in (k for k in KINDS if k in project.layers and KINDS[k].points):
        layer = project.layers[kind]
        private = "id" in private_columns(project.meta, kind)
        ids = layer["id"] if reveal or not private else mask_private(layer["id"])
        parts.append(pd.DataFrame({"kind": kind, "id": ids.to_numpy(object),
                                   "grid_code": layer[GRID].to_numpy(object)}))
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=list(ASSIGNMENT_COLUMNS))
    write_frame(table, "assignment", path)
    return len(table)


@dataclass
class AssignmentImport:
    """What :func:`import_assignment` did: rows read, records ``applied`` (assigned by hand), rows
    ``unchanged`` (the record is already in that grid) and rejected rows (row number, reason); ``previous``
    holds the overrides replaced, per kind, for :func:`gridmap.core.records.assign.restore_overrides` (undo)."""

    rows: int = 0
    applied: int = 0
    unchanged: int = 0
    rejected_rows: list[tuple[int, str]] = field(default_factory=list)
    previous: dict[str, dict] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"rows": self.rows, "applied": self.applied, "unchanged": self.unchanged,
                "rejected": len(self.rejected_rows),
                "rejected_rows": [{"row": r, "reason": why} for r, why in self.rejected_rows]}


def import_assignment(project, path: Path | str) -> AssignmentImport:
    """Read an assignment table (CSV or XLSX with ``kind``, ``id``, ``grid_code``) and assign by hand, with the
    reason "imported from <file>", every record it puts in another grid than the one it is in; rows that
    already agree are left alone (not pinned). Bad rows are rejected with their row number (the header is row
    1) and reason; a file that cannot be read changes nothing."""
    from gridmap.core.records.assign import restore_overrides, set_overrides
    from gridmap.core.io.tables import read_table

    path = Path(path)
    table = read_table(path)
    missing = [c for c in ASSIGNMENT_COLUMNS if c not in table.frame.columns]
    if missing:
        raise GridMapError(tr("no column {columns}; an assignment table has the columns kind, id, grid_code",
                              columns=", ".join(missing)), path)
    current = {kind: dict(zip(layer["id"], layer[GRID])) for kind, layer in project.layers.items()
               if kind in KINDS and KINDS[kind].points}
    codes = set(project.grids["code"])
    result = AssignmentImport(rows=len(table.frame))
    first: dict[tuple[str, str], int] = {}
    todo: dict[tuple[str, str], list[str]] = {}
    cells = (table.frame[c].str.strip() for c in ASSIGNMENT_COLUMNS)
    for row, kind, rid, grid in zip(table.rows.tolist(), *cells):
        reason = _bad_row(kind, rid, grid, current, codes, first.get((kind, rid)))
        first.setdefault((kind, rid), row)
        if reason:
            result.rejected_rows.append((row, reason))
        elif grid == current[kind][rid]:
            result.unchanged += 1
        else:
            todo.setdefault((kind, grid), []).append(rid)
    why = tr("imported from {file}", file=path.name)
    try:
        for (kind, grid), ids in todo.items():
            result.previous.setdefault(kind, {}).update(set_overrides(project, kind, ids, grid, why))
            result.applied += len(ids)
    except BaseException:
        for kind, previous in result.previous.items():
            restore_overrides(project, kind, previous)
        raise
    return result


def _bad_row(kind: str, rid: str, grid: str, current: dict, codes: set, seen: int | None) -> str | None:
    """Why an assignment row cannot be applied, or None."""
    if not kind or not rid:
        return tr("empty kind or id")
    if kind not in current:
        return tr("unknown kind {kind}; expected {kinds}", kind=repr(kind), kinds=", ".join(current) or "-")
    if seen is not None:
        return tr("{kind} {id} repeats row {row}", kind=kind, id=rid, row=seen)
    if rid not in current[kind]:
        if "*" in rid:
            return tr("the id {id} is masked; export the assignment with ID numbers revealed", id=rid)
        return tr("no {kind} record with id {id}", kind=kind, id=rid)
    if grid == current[kind][rid]:
        return None
    if not grid:
        return tr("empty grid code")
    if grid not in codes:
        return tr("no grid with code {code}", code=grid)
    return None
