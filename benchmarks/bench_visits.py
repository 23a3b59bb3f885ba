"""Visits on the sample city: 1,000,000 visits imported and joined to their targets, and the overdue list of the whole
city for a day, each against the obvious pandas way measured in the same run.

    python benchmarks/bench_visits.py [--repeat 3] [--rows 1000000] [--cache DIR] [--fresh]

Builds the sample city (``gridmap demo``: 6,917 grids, about 9,000 key persons, 18,000 venues, 13,500 workers and
85,000 visits) and a visits CSV of ``--rows`` visits to its targets over a year, as a 网格通-style app exports it
(GBK, Chinese headers, GCJ-02 check-ins), in a cache folder (reused; ``--fresh`` rebuilds), then measures:

(a) ``import_records`` of the CSV into the project (in memory): read and decode, check every row, parse times,
    check each target exists, flag far check-ins, join each visit to its target's grid, merge; against pandas:
    ``read_csv`` (GBK, its fastest engine: pyarrow), ``to_datetime`` (the format given), GCJ-02 to WGS84 with GridMap's ``chinacoords``, ``merge`` with the persons
    and the venues (grid, position), the distance with NumPy;
(b) the overdue list of every key person and venue for a day (``visit_status`` + ``overdue_list``, the project's
    100,000-odd visits plus the imported million) against pandas: ``groupby(...).max()`` of the visits before the
    day, ``merge`` with the targets, the rule days by ``merge`` per rule field and ``min``, each grid's worker by
    ``explode`` of the workers' grid lists, the overdue rows sorted.

Each side is run ``--repeat`` times in turn (GridMap, pandas, GridMap…) so both see the same load; printed: the
best, median and worst wall time, the median CPU time of the process (all threads: less sensitive than wall time
to other jobs on the machine, but it counts Arrow's worker threads), the goal and the ratio of the medians.
No timing is asserted.
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from gridmap.core.geo.chinacoords import to_wgs84
from gridmap.core.project.kinds import worker_grids
from gridmap.core.records.importing import RecordImportOptions, import_records
from gridmap.core.sample import city as sample
from gridmap.core.visits.due import overdue_list, visit_status
from gridmap.core.visits.rules import visit_rules
from gridmap.ops import build_demo, open_project

DAY = pd.Timestamp("2027-01-01")


def timed_pair(ours, theirs, repeat: int):
    """Wall and CPU seconds of ``repeat`` runs of each, run in turn (GridMap, pandas, GridMap…) so that both
    see the same load on a shared machine; with each one's last result."""
    times = {"GridMap": [], "pandas": []}
    results = {}
    for _ in range(repeat):
        for name, fn in (("GridMap", ours), ("pandas", theirs)):
            wall, cpu = time.perf_counter(), time.process_time()
            results[name] = fn()
            times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return times, results["GridMap"], results["pandas"]


def report(label: str, times: dict, goal: float, ours_note: str, theirs_note: str) -> None:
    """Best, median and worst wall time of each side, their median CPU time, the goal and the ratio."""
    def line(name, note):
        wall = sorted(w for w, _ in times[name])
        cpu = statistics.median(c for _, c in times[name])
        return (f"    {name:8s} wall best {wall[0]:.3f} s, median {statistics.median(wall):.3f} s, "
                f"worst {wall[-1]:.3f} s; CPU median {cpu:.3f} s  ({note})")

    ours = statistics.median(w for w, _ in times["GridMap"])
    theirs = statistics.median(w for w, _ in times["pandas"])
    print(f"{label}\n{line('GridMap', ours_note)}\n{line('pandas', theirs_note)}\n"
          f"    goal < {goal} s: {'met' if ours < goal else 'NOT met'} (median); "
          f"pandas / GridMap = {theirs / ours:.2f}x (medians; above 1: GridMap faster)")


def prepare(cache: Path, rows: int, fresh: bool) -> tuple[Path, Path]:
    """The sample project and a CSV of ``rows`` visits to its targets, built once into ``cache``."""
    cache.mkdir(parents=True, exist_ok=True)
    project = build_demo(cache, force=fresh)
    csv = cache / f"visits_{rows}.csv"
    if fresh or not csv.exists():
        loaded = open_project(project)
        targets = visit_status(loaded, DAY)
        rng = np.random.default_rng(15)
        pick = rng.integers(0, len(targets), rows)
        seconds = rng.integers(0, 365 * 86400, rows)
        when = (DAY - pd.Timedelta(days=365)).to_datetime64() + seconds.astype("timedelta64[s]")
        lon = targets["lon"].to_numpy(float)[pick] + rng.normal(0, 0.0004, rows)
        lat = targets["lat"].to_numpy(float)[pick] + rng.normal(0, 0.0004, rows)
        frame = pd.DataFrame({
            "id": np.char.add("BZ", np.arange(rows).astype(str)),
            "target_id": targets["target_id"].to_numpy(object)[pick],
            "target_kind": np.where(targets["target_kind"].to_numpy(object)[pick] == "persons", "重点人员", "重点场所"),
            "worker": targets["worker"].to_numpy(object)[pick],
            "worker_id": targets["worker_id"].to_numpy(object)[pick],
            "visited_at": pd.Series(when).dt.strftime("%Y-%m-%d %H:%M:%S"),
            "result": rng.choice(["正常", "发现问题", "未见到本人"], rows, p=[0.9, 0.05, 0.05]),
            "note": "", "lon": lon.round(6), "lat": lat.round(6)})
        tmp = csv.with_name(csv.name + ".part")
        sample.write_csv(frame, "visits", tmp)
        os.replace(tmp, csv)
    return project, csv


def gridmap_import(base, csv: Path):
    project = copy.copy(base)
    project.layers = dict(base.layers)
    project.layers.pop("visits", None)
    project.meta = copy.deepcopy(base.meta)
    return import_records(project, RecordImportOptions(csv, "visits", coords="gcj02")), project


def pandas_import(base, csv: Path) -> pd.DataFrame:
    """The same job the obvious pandas way, each step with its fastest option; no row is checked."""
    names = sample.CSV_HEADERS["visits"]
    frame = pd.read_csv(csv, encoding="gbk", dtype=str, engine="pyarrow").rename(columns={v: k for k, v in names.items()})
    frame["visited_at"] = pd.to_datetime(frame["visited_at"], format="%Y-%m-%d %H:%M:%S")
    lon, lat = to_wgs84(frame["lon"].astype(float).to_numpy(), frame["lat"].astype(float).to_numpy(), "gcj02")
    frame["lon"], frame["lat"] = lon, lat
    frame["target_kind"] = frame["target_kind"].map({"重点人员": "persons", "重点场所": "venues"})
    targets = pd.concat([base.layers[k][["id", "lon", "lat", "grid_code"]].assign(target_kind=k)
                         for k in ("persons", "venues")]).rename(columns={"id": "target_id", "lon": "tlon",
                                                                          "lat": "tlat"})
    joined = frame.merge(targets, on=["target_kind", "target_id"], how="left", validate="many_to_one")
    joined = joined[joined["grid_code"].notna()]
    dlat = np.radians(joined["tlat"] - joined["lat"])
    dlon = np.radians(joined["tlon"] - joined["lon"])
    a = np.sin(dlat / 2) ** 2 + np.cos(np.radians(joined["lat"])) * np.cos(np.radians(joined["tlat"])) \
        * np.sin(dlon / 2) ** 2
    joined["far"] = 2 * 6_371_008.8 * np.arcsin(np.sqrt(a)) > 500
    return joined


def gridmap_overdue(project):
    return overdue_list(visit_status(project, DAY), project.meta)


def pandas_overdue(project) -> pd.DataFrame:
    rules = visit_rules(project.meta)
    visits = project.layers["visits"]
    last = (visits[visits["visited_at"] < DAY].groupby(["target_kind", "target_id"])["visited_at"].max()
            .rename("last_visit").reset_index())
    parts = []
    for kind in ("persons", "venues"):
        layer = project.layers[kind]
        targets = layer[["id", "name", "grid_code"] + [c for c in ("category", "risk_level", "type")
                                                        if c in layer.columns]].copy()
        targets["target_kind"] = kind
        days = []
        for field in ("risk_level", "category", "type"):
            table = pd.DataFrame([(r.value.removesuffix("风险") if field == "risk_level" else r.value, r.days)
                                  for r in rules.rules if r.field == field and r.target_kind == kind],
                                 columns=[field, f"days_{field}"])
            if len(table):
                days.append(targets[[field]].merge(table, on=field, how="left")[f"days_{field}"])
        targets["interval_days"] = pd.concat(days, axis=1).min(axis=1).fillna(rules.default[kind]).to_numpy()
        parts.append(targets.rename(columns={"id": "target_id"}))
    targets = pd.concat(parts, ignore_index=True).merge(last, on=["target_kind", "target_id"], how="left")
    workers = project.layers["workers"].assign(grid=project.layers["workers"]["grid_code"].map(worker_grids))
    workers = workers.explode("grid").drop_duplicates("grid")[["grid", "name"]].rename(columns={"name": "worker"})
    targets = targets.merge(workers, left_on="grid_code", right_on="grid", how="left")
    targets["due"] = targets["last_visit"].dt.normalize() + pd.to_timedelta(targets["interval_days"], unit="D")
    targets["days_overdue"] = (DAY - targets["due"]).dt.days
    late = targets[(targets["days_overdue"] > 0) | targets["last_visit"].isna()]
    return late.sort_values("days_overdue", ascending=False, na_position="last")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "gridmap-bench-visits")
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    path, csv = prepare(args.cache, args.rows, args.fresh)
    base = open_project(path)
    print(f"sample city: {len(base.grids):,} grids, {len(base.layers['persons']):,} persons, "
          f"{len(base.layers['venues']):,} venues, {len(base.layers['visits']):,} visits; CSV of {args.rows:,} visits "
          f"({csv.stat().st_size / 1e6:.0f} MB)")
    if hasattr(os, "getloadavg"):
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (figures grow with it)")
    times, (result, imported), joined = timed_pair(lambda: gridmap_import(base, csv),
                                                   lambda: pandas_import(base, csv), args.repeat)
    report(f"(a) import + join {args.rows:,} visits", times, 5.0,
           f"{result.imported:,} imported, {result.rejected:,} rejected, {result.far:,} far",
           f"{len(joined):,} joined, no checks")
    imported.layers["visits"] = pd.concat([base.layers["visits"], imported.layers["visits"]], ignore_index=True)
    times, listed, late = timed_pair(lambda: gridmap_overdue(imported), lambda: pandas_overdue(imported),
                                     args.repeat)
    report(f"(b) overdue list for {DAY.date()} over {len(imported.layers['visits']):,} visits", times, 0.5,
           f"{len(listed):,} targets", f"{len(late):,} targets")

if __name__ == "__main__":
    main()
