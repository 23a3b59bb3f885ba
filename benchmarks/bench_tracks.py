"""Importing a city day of GPS tracks (1.7 million fixes: 6,000 workers, one fix per 30 s) into the sample city.

    python benchmarks/bench_tracks.py [--repeat 3] [--workers 6000] [--fixes 284] [--cache DIR] [--fresh]

Builds the sample city's 6,917 grids and a track CSV as a worker app exports it (GBK, Chinese headers 网格员,
定位时间, 经度, 纬度; each worker walks from a random place in the city at about 1.2 m/s, one fix every 30 s from
08:00), cached under the temporary directory (``--fresh`` rebuilds). Then, in the same run, median of ``--repeat``:

(a) ``gridmap add PROJECT tracks.csv --kind tracks`` as ``ops.add`` (lock, load the project, read, check, parse the
    times, assign grids, save);
(b) the same job the obvious way in geopandas: ``pandas.read_csv`` (GBK), ``pandas.to_datetime``, a points
    GeoDataFrame, ``geopandas.sjoin(points, grids, predicate="intersects")`` and a GeoPackage written with pyogrio;
(c) ``patrol_by_grid`` for the day on the imported project.

No timing is asserted; the figures and the ratio are printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from gridmap import ops
from gridmap.core.project.model import FORMAT_VERSION, Project
from gridmap.core.records.importing import RecordImportOptions
from gridmap.core.sample import city as sample
from gridmap.store.gpkg import GpkgStore


def timed(fn, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, result


def prepare(cache: Path, workers: int, fixes: int, fresh: bool) -> tuple[Path, Path]:
    """The grids-only project and the track CSV, built once into ``cache``."""
    cache.mkdir(parents=True, exist_ok=True)
    base, csv = cache / "grids.gpkg", cache / f"tracks_{workers}x{fixes}.csv"
    if fresh or not base.exists() or not csv.exists():
        start = time.perf_counter()
        grids = sample.build_grids()
        GpkgStore(base).save(Project(grids, {"format_version": FORMAT_VERSION}))
        rng = np.random.default_rng(15)
        place = sample._places(rng, grids, workers)
        heading = rng.uniform(0, 2 * np.pi, workers)[:, None] + np.cumsum(rng.normal(0, 0.4, (workers, fixes)), axis=1)
        metres = 36 * np.cumsum(np.stack([np.cos(heading), np.sin(heading)]), axis=2)
        lon = place["lon"].to_numpy()[:, None] + metres[0] / (111_320 * np.cos(np.radians(28.7)))
        lat = place["lat"].to_numpy()[:, None] + metres[1] / 110_540
        clock = pd.Timestamp("2026-03-01 08:00") + pd.to_timedelta(np.arange(fixes) * 30, unit="s")
        names = np.char.add("网格员", np.arange(workers).astype(str))
        stamps = np.tile(clock.strftime("%Y-%m-%d %H:%M:%S"), workers)
        frame = pd.DataFrame({"网格员": np.repeat(names, fixes), "定位时间": stamps,
                              "经度": np.round(lon.ravel(), 6), "纬度": np.round(lat.ravel(), 6)})
        tmp = csv.with_name(csv.name + ".part")
        frame.to_csv(tmp, index=False, encoding="gbk", lineterminator="\r\n")
        os.replace(tmp, csv)
        print(f"built the sample grids and {len(frame):,} fixes in {time.perf_counter() - start:.1f} s ({cache})")
    return base, csv


def geopandas_add(csv: Path, base: Path, out: Path) -> int:
    frame = pd.read_csv(csv, encoding="gbk", dtype=str, keep_default_na=False)
    frame["定位时间"] = pd.to_datetime(frame["定位时间"])
    points = gpd.GeoDataFrame(frame, geometry=shapely.points(frame["经度"].astype(float), frame["纬度"].astype(float)),
                              crs=4490)
    grids = pyogrio.read_dataframe(base, layer="grids", columns=["code"])
    joined = gpd.sjoin(points, grids, how="left", predicate="intersects")
    joined = joined[~joined.index.duplicated()].drop(columns="index_right")
    pyogrio.write_dataframe(joined, out, layer="tracks", driver="GPKG")
    return len(joined)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=6000)
    parser.add_argument("--fixes", type=int, default=284, help="fixes per worker (284 x 6,000 = 1.7 million)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "gridmap-bench-tracks")
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    base, csv = prepare(args.cache, args.workers, args.fixes, args.fresh)
    work = Path(tempfile.mkdtemp(prefix="bench-tracks-"))
    try:
        project = work / "city.gpkg"

        def gridmap_add():
            shutil.copy(base, project)
            return ops.add(project, RecordImportOptions(csv, "tracks"))

        def gp_add():
            out = work / "geopandas.gpkg"
            out.unlink(missing_ok=True)
            return geopandas_add(csv, base, out)

        t_add, all_add, result = timed(gridmap_add, args.repeat)
        t_gp, all_gp, rows = timed(gp_add, args.repeat)
        start = time.perf_counter()
        patrol = ops.patrol(project, pd.Timestamp("2026-03-01"))
        t_patrol = time.perf_counter() - start
        print(f"fixes: {result.rows:,} ({result.imported:,} imported, {result.unassigned:,} outside every grid)")
        print(f"(a) gridmap add --kind tracks (load, import, save): {t_add:.2f} s  "
              f"runs {[round(t, 2) for t in all_add]}")
        print(f"(b) geopandas read_csv + to_datetime + sjoin + write: {t_gp:.2f} s  "
              f"runs {[round(t, 2) for t in all_gp]} ({rows:,} rows)")
        print(f"    ratio geopandas / gridmap: {t_gp / t_add:.2f}x")
        print(f"(c) patrol_by_grid for the day: {t_patrol:.2f} s ({len(patrol.frame):,} grids patrolled, "
              f"{patrol.frame['minutes'].sum():,.0f} minutes)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
