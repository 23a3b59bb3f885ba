"""A split and a transfer on the sample city with 1,000,000 incidents: plan (impact), apply (grids replaced,
affected records re-assigned) and the grid statistics refreshed, against the obvious way (re-assign every record
with GridLocator and recount every grid with record_stats).

    python benchmarks/bench_edits.py [--repeat 5] [--incidents 1000000] [--cache DIR]

Reuses the cached grids and incident CSV of ``bench_records.py`` (built on first use). No timing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_records import fresh_project, prepare  # noqa: E402

from gridmap.core.grids import edits  # noqa: E402
from gridmap.core.records.assign import assign_layer  # noqa: E402
from gridmap.core.records.importing import RecordImportOptions, import_records  # noqa: E402
from gridmap.core.records.stats import record_stats, refresh_grid_stats  # noqa: E402


def split_line(project, code: str):
    geom = project.grids.geometry[project.grids["code"] == code].iloc[0]
    x0, y0, x1, y1 = geom.bounds
    c = geom.centroid
    return shapely.LineString([(x0 - 0.01, c.y), (x1 + 0.01, c.y)])


def transfer_area(project, source: str, target: str):
    grids = project.grids.set_index("code").geometry
    shared = shapely.intersection(grids[source], shapely.buffer(grids[target], 1e-7))
    return shapely.buffer(shared, 0.0008), [source]


def run(project, make, table) -> tuple[float, float, float, dict]:
    t0 = time.perf_counter()
    edit = make()
    t1 = time.perf_counter()
    edits.apply_edit(project, edit)
    t2 = time.perf_counter()
    refresh_grid_stats(project, table, "incidents", edit.changed_grids)
    t3 = time.perf_counter()
    edits.revert_edit(project, edit)
    return t1 - t0, t2 - t1, t3 - t2, edit.moved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "gridmap-bench-records")
    args = parser.parse_args()
    base, csv = prepare(args.cache, args.incidents, False)
    project = fresh_project(base)
    import_records(project, RecordImportOptions(csv, "incidents"))
    table = record_stats(project, "incidents", "grid")
    busiest = project.layers["incidents"]["grid_code"].value_counts().index[0]
    neighbours = project.grids["code"][shapely.touches(project.grids.geometry.values,
                                                       project.grids.geometry[project.grids["code"] == busiest]
                                                       .iloc[0])].tolist()
    cases = {
        f"split {busiest} (the busiest grid)": lambda: edits.split(project, busiest, split_line(project, busiest)),
        f"transfer {busiest} -> {neighbours[0]}": lambda: edits.transfer(
            project, neighbours[0], *transfer_area(project, busiest, neighbours[0])),
    }
    print(f"{len(project.layers['incidents']):,} incidents, {len(project.grids):,} grids, "
          f"median of {args.repeat}\n")
    for name, make in cases.items():
        runs = [run(project, make, table) for _ in range(args.repeat + 1)][1:]  # the first warms up
        plan, apply, stats = (statistics.median(r[i] for r in runs) for i in range(3))
        total = statistics.median(sum(r[:3]) for r in runs)
        print(f"{name}: moves {runs[0][3]}")
        print(f"  plan (impact) {plan * 1000:6.0f} ms   apply {apply * 1000:6.0f} ms   "
              f"stats refresh {stats * 1000:6.0f} ms   total {total * 1000:6.0f} ms (goal < 200 ms)")
    t0 = time.perf_counter()
    project.grids_changed()
    assign_layer(project, "incidents")
    t1 = time.perf_counter()
    record_stats(project, "incidents", "grid")
    t2 = time.perf_counter()
    print(f"\nthe obvious way: re-assign every record {1000 * (t1 - t0):.0f} ms + recount every grid "
          f"{1000 * (t2 - t1):.0f} ms = {1000 * (t2 - t0):.0f} ms")


if __name__ == "__main__":
    main()
