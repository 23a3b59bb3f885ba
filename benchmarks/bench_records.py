"""Importing 1,000,000 incidents into the sample city: import, assignment vs geopandas.sjoin, peak memory, save/load,
and ``gridmap add`` of a file as the field sends it vs the same job in geopandas.

    python benchmarks/bench_records.py [--repeat 3] [--rows 1000000] [--cache DIR] [--fresh]

Builds the sample city's 6,917 grids (``sample.build_grids``) and a sample incident CSV as cities export it
(``sample.build_records`` + ``sample.write_csv``: GBK, Chinese headers, CRLF) in a cache folder under the
temporary directory (reused by later runs; ``--fresh`` rebuilds it), then measures in the same run, median of
``--repeat`` runs each:

(a) ``import_records`` of the CSV into the project: read and decode, check every row, parse times, assign grids,
    merge; and the read + check part alone (``read_records``);
(b) the assignment alone: ``GridLocator`` build + ``locate`` on the points, against ``geopandas.sjoin(points,
    grids, predicate="intersects")`` reduced to one grid per point with the same smallest-code rule, and how many
    points the two assign differently;
(c) the peak memory (max RSS) of a process that loads the project and imports the CSV, and of one that only
    loads the project, from ``resource.getrusage(RUSAGE_CHILDREN)``;
(d) ``GpkgStore.save`` of the project with the imported layer, and ``GpkgStore.load``;
(e) ``gridmap add`` (``ops.add``: lock, load the project, import, save) of the same incidents as an incident file
    from the field looks: GBK, times like ``2026/01/01 08:11``, GCJ-02 coordinates; against the same job in
    geopandas: ``pandas.read_csv`` (GBK), GCJ-02 to WGS84 with GridMap's own ``chinacoords``, the grids read with
    pyogrio, ``geopandas.sjoin``, ``pandas.to_datetime`` (format inferred) and a GeoPackage written with pyogrio;
    and ``gridmap add`` as a command (a new process: Python's start-up and imports included).

``--rows 20000 --repeat 1`` runs in CI (the "add ratio" check).

No timing is asserted; the figures are printed as a table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import shutil

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from gridmap import ops
from gridmap.core.geo.chinacoords import from_wgs84, to_wgs84
from gridmap.core.sample import city as sample
from gridmap.core.records.assign import GridLocator
from gridmap.core.project.model import FORMAT_VERSION, Project
from gridmap.core.records.importing import RecordImportOptions, import_records, read_records
from gridmap.store.gpkg import GpkgStore


def timed(fn, repeat: int) -> tuple[float, list[float], object]:
    """Median seconds over ``repeat`` calls, all the times, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, result


def prepare(cache: Path, incidents: int, fresh: bool) -> tuple[Path, Path]:
    """The grids-only project and the incident CSV, built once into ``cache``."""
    cache.mkdir(parents=True, exist_ok=True)
    base, csv = cache / "grids.gpkg", cache / f"incidents_{incidents}.csv"
    if fresh or not base.exists() or not csv.exists():
        start = time.perf_counter()
        grids = sample.build_grids()
        GpkgStore(base).save(Project(grids, {"format_version": FORMAT_VERSION}))
        records = sample.build_records(grids, incidents=incidents)["incidents"]
        tmp = csv.with_name(csv.name + ".part")
        sample.write_csv(records, "incidents", tmp)
        os.replace(tmp, csv)
        print(f"built the sample grids and {incidents:,} incidents in {time.perf_counter() - start:.1f} s "
              f"(cached in {cache})")
    return base, csv


def prepare_field(csv: Path) -> Path:
    """The incidents of ``csv`` as the field sends them: times as ``2026/01/01 08:11``, GCJ-02 coordinates."""
    field = csv.with_name(csv.stem + "_field.csv")
    if not field.exists() or field.stat().st_mtime < csv.stat().st_mtime:
        frame = pd.read_csv(csv, encoding="gbk", dtype=str, keep_default_na=False)
        frame["上报时间"] = pd.to_datetime(frame["上报时间"]).dt.strftime("%Y/%m/%d %H:%M")
        lon, lat = from_wgs84(frame["经度"].astype(float).to_numpy(), frame["纬度"].astype(float).to_numpy(), "gcj02")
        frame["经度"], frame["纬度"] = np.round(lon, 6), np.round(lat, 6)
        tmp = field.with_name(field.name + ".part")
        frame.to_csv(tmp, index=False, encoding="gbk", lineterminator="\r\n")
        os.replace(tmp, field)
    return field


def geopandas_add(csv: Path, base: Path, out: Path) -> int:
    """``gridmap add``'s job done in geopandas: read, convert, join, parse times, write; the rows written."""
    frame = pd.read_csv(csv, encoding="gbk", dtype=str, keep_default_na=False)
    lon, lat = to_wgs84(frame["经度"].astype(float).to_numpy(), frame["纬度"].astype(float).to_numpy(), "gcj02")
    frame["上报时间"] = pd.to_datetime(frame["上报时间"])
    points = gpd.GeoDataFrame(frame, geometry=shapely.points(lon, lat), crs=4490)
    grids = pyogrio.read_dataframe(base, layer="grids", columns=["code"])
    joined = gpd.sjoin(points, grids, how="left", predicate="intersects")
    joined = joined[~joined.index.duplicated()].drop(columns="index_right")
    pyogrio.write_dataframe(joined, out, layer="incidents", driver="GPKG")
    return len(joined)


def fresh_project(base: Path) -> Project:
    project = GpkgStore(base).load()
    project.layers = {}
    return project


def smallest_code(point_index: np.ndarray, grid_codes: np.ndarray, n: int) -> np.ndarray:
    """One code per point: the smallest of the codes matched, "" for none."""
    out = np.full(n, "", dtype=object)
    if len(point_index):
        frame = pd.DataFrame({"p": point_index, "c": grid_codes}).groupby("p", sort=False)["c"].min()
        out[frame.index.to_numpy()] = frame.to_numpy(dtype=object)
    return out


PEAK_SCRIPT = textwrap.dedent("""
    import sys
    from gridmap.core.records.importing import RecordImportOptions, import_records
    from gridmap.store.gpkg import GpkgStore
    project = GpkgStore(sys.argv[1]).load()
    if sys.argv[2] != "-":
        result = import_records(project, RecordImportOptions(sys.argv[2], "incidents"))
        assert result.imported > 0
""")


def peak_rss_mb(*args: str) -> float:
    """Max RSS (MB) of a fresh Python process running PEAK_SCRIPT, via getrusage(RUSAGE_CHILDREN) in a
    watcher process (so that earlier children of this process do not count)."""
    watcher = ("import resource, subprocess, sys; "
               "subprocess.run(sys.argv[1:], check=True); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", watcher, sys.executable, "-c", PEAK_SCRIPT, *args],
                          check=True, capture_output=True, text=True)
    kb = int(done.stdout.split()[-1])
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is shown")
    parser.add_argument("--rows", type=int, default=1_000_000, help="incidents in the CSV")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "gridmap-bench-records",
                        help="folder for the generated grids and CSV (reused between runs)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached files")
    args = parser.parse_args()
    base, csv = prepare(args.cache, args.rows, args.fresh)
    field = prepare_field(csv)
    rows: list[tuple[str, str, str]] = []

    def row(what: str, seconds: float | None, extra: str = "") -> None:
        rows.append((what, f"{seconds:8.2f} s" if seconds is not None else "", extra))

    # (a) import, and read + check alone
    options = RecordImportOptions(csv, "incidents")
    bounds = GpkgStore(base).load().grids.total_bounds
    t_read, _, _ = timed(lambda: read_records(options, bounds), args.repeat)
    projects = [fresh_project(base) for _ in range(args.repeat)]
    t_import, all_import, result = timed(lambda: import_records(projects.pop(), options), args.repeat)
    project = fresh_project(base)
    result = import_records(project, options)
    layer = project.layers["incidents"]
    print(f"CSV: {csv.stat().st_size / 1e6:.0f} MB, {result.rows:,} rows, {result.imported:,} imported, "
          f"{result.rejected:,} rejected, {result.unassigned:,} unassigned; encoding {result.encoding}")
    row("(a) import_records: read + check + assign + merge", t_import,
        f"{result.rows / t_import / 1e6:.2f} M rows/s; runs " + ", ".join(f"{t:.2f}" for t in all_import))
    row("    of which read + check (read_records)", t_read)

    # (b) assignment alone vs geopandas.sjoin
    grids = project.grids
    geoms, codes = grids.geometry.values, grids["code"].to_numpy(dtype=str)
    x, y = layer["lon"].to_numpy(float), layer["lat"].to_numpy(float)

    def locator_run():
        return GridLocator(geoms, codes).locate(x, y)

    t_loc, _, found = timed(locator_run, args.repeat)
    t_build, _, locator = timed(lambda: GridLocator(geoms, codes), args.repeat)
    t_locate, _, _ = timed(lambda: locator.locate(x, y), args.repeat)
    ours = np.where(found >= 0, codes[np.maximum(found, 0)], "").astype(object)
    t_points, _, points = timed(lambda: gpd.GeoDataFrame(geometry=shapely.points(x, y), crs=grids.crs), args.repeat)
    target = grids[["code", "geometry"]]

    def sjoin_run():
        joined = gpd.sjoin(points, target, how="inner", predicate="intersects")
        return joined

    t_sjoin, _, joined = timed(sjoin_run, args.repeat)
    t_rule, _, theirs = timed(lambda: smallest_code(joined.index.to_numpy(), joined["code"].to_numpy(dtype=object),
                                                    len(points)), args.repeat)
    disagree = int((ours != theirs).sum())
    on_boundary = int(joined.index.duplicated().sum())
    row("(b) GridLocator build + locate", t_loc, f"build {t_build:.2f} s + locate {t_locate:.2f} s")
    row("    geopandas.sjoin(intersects) + smallest-code rule", t_sjoin + t_rule,
        f"sjoin {t_sjoin:.2f} s + rule {t_rule:.2f} s (making the points GeoDataFrame, not counted: "
        f"{t_points:.2f} s)")
    row("    sjoin / GridLocator", None, f"{(t_sjoin + t_rule) / t_loc:.1f}x; {disagree} disagreements in "
                                         f"{len(x):,} points ({on_boundary} points on a shared boundary)")

    # (c) peak memory
    peak_import = peak_rss_mb(str(base), str(csv))
    peak_base = peak_rss_mb(str(base), "-")
    row("(c) peak RSS, load project + import", None, f"{peak_import:,.0f} MB")
    row("    peak RSS, load project only", None, f"{peak_base:,.0f} MB (import adds {peak_import - peak_base:,.0f} MB)")

    # (d) save and load
    with tempfile.TemporaryDirectory(dir=args.cache) as tmp:
        out = Path(tmp) / "bench.gpkg"
        t_save, _, _ = timed(lambda: GpkgStore(out).save(project), args.repeat)
        size = out.stat().st_size
        t_load, _, loaded = timed(lambda: GpkgStore(out).load(), args.repeat)
        assert len(loaded.layers["incidents"]) == len(layer)
    row("(d) GpkgStore.save (grids + incidents)", t_save, f"{size / 1e6:.0f} MB file")
    row("    GpkgStore.load", t_load)

    # (e) gridmap add of the field's file vs the same job in geopandas
    with tempfile.TemporaryDirectory(dir=args.cache) as tmp:
        copies = [Path(tmp) / f"add{i}.gpkg" for i in range(args.repeat + 1)]
        for copy in copies:
            shutil.copy(base, copy)
        options = RecordImportOptions(field, "incidents", coords="gcj02")
        t_add, all_add, added = timed(lambda: ops.add(copies.pop(), options), args.repeat)
        assert added.imported == args.rows and not added.rejected, added.summary()
        outs = iter(Path(tmp) / f"gpd{i}.gpkg" for i in range(args.repeat))
        t_gpd, all_gpd, written = timed(lambda: geopandas_add(field, base, next(outs)), args.repeat)
        assert written == args.rows
        command = [sys.executable, "-m", "gridmap", "add", str(copies.pop()), str(field), "--kind", "incidents",
                   "--coords", "gcj02"]
        t_cmd, _, _ = timed(lambda: subprocess.run(command, check=True, capture_output=True), 1)
    row(f"(e) gridmap add (ops.add), field file ({field.stat().st_size / 1e6:.0f} MB)", t_add,
        f"{args.rows / t_add / 1e6:.2f} M rows/s; runs " + ", ".join(f"{t:.2f}" for t in all_add))
    row("    geopandas: read_csv + GCJ-02 + sjoin + to_datetime + GPKG", t_gpd,
        "runs " + ", ".join(f"{t:.2f}" for t in all_gpd))
    row("    add ratio: geopandas / gridmap add", None, f"{t_gpd / t_add:.2f}x")
    row("    gridmap add as a command (new process)", t_cmd)

    width = max(len(r[0]) for r in rows)
    print(f"\n{len(layer):,} incidents, {len(grids):,} grids, median of {args.repeat}, {os.cpu_count()} CPUs\n")
    for what, seconds, extra in rows:
        print(f"{what:<{width}}  {seconds:>10}  {extra}")


if __name__ == "__main__":
    main()
