"""Patrols (巡查) from the GPS tracks of grid workers: minutes on patrol and the share of each grid covered, per day.

A worker's fixes of a day, in time order, make a patrol while consecutive fixes are at most ``gap_minutes``
apart; a longer gap (the app off, a lunch break) splits it into runs and is not counted. **Minutes** of a grid:
the time between consecutive fixes of a run, credited to the grid of the earlier fix. **Covered share**: the
part of the grid's area within ``buffer_m`` metres of a run's line (a lone fix counts as a point), measured in
the project's Gauss-Krüger zone.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from gridmap.core.project.kinds import GRID, RecordKind

GAP_MINUTES = 5.0
"""Consecutive fixes further apart than this are not one patrol."""
BUFFER_M = 50.0
"""A grid's area within this distance of a track counts as patrolled."""
COLUMNS = ("grid_code", "workers", "fixes", "minutes", "covered_share")


def day_tracks(project, day) -> pd.DataFrame:
    """The fixes of ``day`` (a date; the whole day) of the project's tracks, sorted by worker and time."""
    return fixes_of(project.layers[RecordKind.TRACKS] if RecordKind.TRACKS in project.layers else None, day)


def fixes_of(layer: pd.DataFrame | None, day) -> pd.DataFrame:
    """The fixes of ``day`` in the tracks ``layer``, sorted by worker and time (an empty frame without any)."""
    if layer is None or not len(layer):
        return pd.DataFrame({"worker": pd.Series([], dtype="str"), "time": pd.Series([], dtype="datetime64[ns]"),
                             "lon": pd.Series([], dtype=float), "lat": pd.Series([], dtype=float),
                             GRID: pd.Series([], dtype="str")})
    start = pd.Timestamp(day).normalize()
    times = layer["time"]
    mine = layer[((times >= start) & (times < start + pd.Timedelta(days=1))).to_numpy()]
    return mine.sort_values(["worker", "time"], kind="stable").reset_index(drop=True)


def runs(tracks: pd.DataFrame, gap_minutes: float = GAP_MINUTES) -> np.ndarray:
    """The run number of each fix of ``tracks`` (sorted by worker and time): a new run at each new worker and after
    each gap longer than ``gap_minutes``."""
    if not len(tracks):
        return np.zeros(0, dtype=np.int64)
    worker = tracks["worker"].to_numpy(dtype=object)
    seconds = tracks["time"].to_numpy("datetime64[ns]").astype(np.int64) / 1e9
    new = np.r_[True, (worker[1:] != worker[:-1]) | (np.diff(seconds) > gap_minutes * 60)]
    return np.cumsum(new) - 1


def run_lines(tracks: pd.DataFrame, run: np.ndarray) -> np.ndarray:
    """One geometry per run in the coordinates of ``tracks``' lon/lat: a line, or a point for a lone fix."""
    if not len(tracks):
        return np.zeros(0, dtype=object)
    xy = np.column_stack([tracks["lon"].to_numpy(float), tracks["lat"].to_numpy(float)])
    sizes = np.bincount(run)
    lines = np.empty(len(sizes), dtype=object)
    long = sizes >= 2
    keep = long[run]
    if keep.any():
        _, index = np.unique(run[keep], return_inverse=True)
        lines[long] = shapely.linestrings(xy[keep], indices=index)
    if (~long).any():
        first = np.searchsorted(run, np.flatnonzero(~long))
        lines[~long] = shapely.points(xy[first])
    return lines


def patrol_by_grid(project, day, gap_minutes: float = GAP_MINUTES, buffer_m: float = BUFFER_M) -> pd.DataFrame:
    """Per grid patrolled on ``day``: ``grid_code``, ``workers`` (distinct), ``fixes``, ``minutes`` on patrol and
    ``covered_share`` (0-1, see the module docstring); grids with neither fixes nor coverage are left out. Sorted
    by grid code."""
    tracks = day_tracks(project, day)
    if not len(tracks) or not len(project.grids):
        return pd.DataFrame({c: pd.Series([], dtype="str" if c == GRID else float) for c in COLUMNS})
    run = runs(tracks, gap_minutes)
    seconds = tracks["time"].to_numpy("datetime64[ns]").astype(np.int64) / 1e9
    grid = tracks[GRID].to_numpy(dtype=object)
    step = np.r_[run[1:] == run[:-1], False]  # fix i and i+1 are one run
    credited = np.zeros(len(tracks))
    credited[:-1] = np.where(step[:-1], np.diff(seconds), 0.0)
    inside = grid != ""
    by = pd.DataFrame({GRID: grid[inside], "worker": tracks["worker"].to_numpy(dtype=object)[inside],
                       "seconds": credited[inside]})
    counts = by.groupby(GRID).agg(workers=("worker", "nunique"), fixes=("worker", "size"), seconds=("seconds", "sum"))
    covered = _covered(project, tracks, run, buffer_m)
    out = counts.join(covered, how="outer")
    out["workers"] = out["workers"].fillna(0).astype(int)
    out["fixes"] = out["fixes"].fillna(0).astype(int)
    out["minutes"] = (out["seconds"].fillna(0) / 60).round(1)
    out["covered_share"] = out["covered_share"].fillna(0.0).round(6)
    out = out.reset_index(names=GRID).sort_values(GRID, kind="stable").reset_index(drop=True)
    out[GRID] = out[GRID].astype("str")
    return out[list(COLUMNS)]


def _covered(project, tracks: pd.DataFrame, run: np.ndarray, buffer_m: float) -> pd.DataFrame:
    """``covered_share`` indexed by the codes of the grids the buffered runs reach."""
    from pyproj import Transformer

    transform = Transformer.from_crs(4490, project.gk_epsg(), always_xy=True).transform
    x, y = transform(tracks["lon"].to_numpy(float), tracks["lat"].to_numpy(float))
    metric = tracks.assign(lon=x, lat=y)
    buffers = shapely.buffer(run_lines(metric, run), buffer_m, quad_segs=16)
    grids = shapely.transform(project.grids.geometry.values, lambda xy: np.column_stack(transform(xy[:, 0], xy[:, 1])))
    piece, grid = shapely.STRtree(buffers).query(grids, predicate="intersects")[::-1]
    parts = shapely.intersection(buffers[piece], grids[grid])
    order = np.argsort(grid, kind="stable")
    grid, parts = grid[order], parts[order]
    hit, first, count = np.unique(grid, return_index=True, return_counts=True)
    covered = shapely.area(parts[first])
    for k in np.flatnonzero(count > 1):  # overlapping runs in one grid count once
        covered[k] = shapely.area(shapely.union_all(parts[first[k]:first[k] + count[k]]))
    codes = project.grids["code"].to_numpy(dtype=object)[hit]
    return pd.DataFrame({"covered_share": covered / shapely.area(grids[hit])}, index=pd.Index(codes, name=GRID))
