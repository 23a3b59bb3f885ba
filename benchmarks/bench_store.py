"""The project store on a large project: adding one day of incidents, ``gridmap info``, peak memory and the GUI
opening to its first paint.

    python benchmarks/bench_store.py [--store gpkg|postgis|both] [--incidents 5000000] [--day 17600]
                                     [--cache DIR] [--fresh] [--url postgresql://USER@HOST:PORT/DB]

PostGIS (``--store postgis``): see :mod:`bench_store_pg` (32,000,000 incidents for the goals).

GeoPackage: builds the sample city's 6,917 grids with ``--incidents`` incidents (assigned, saved whole) once into
a cache folder under the temporary directory (``--fresh`` rebuilds it) and a CSV of one day's reports (``--day``
new incidents reported on the day after the project's last, as cities export them each day), then measures in the same run, each on a fresh copy of the project:

- adding the day with ``gridmap.ops.add`` (in place: new rows appended in one SQLite transaction, the layer not
  read) against the old way (load every layer, merge, rewrite the whole file: :func:`old_add`), and the ratio;
- ``gridmap.ops.info`` in this process, and ``gridmap info`` as a command (a new process);
- the peak memory (max RSS) of processes running ``info``, ``add`` and the GUI opening the project;
- the GUI opening the project (``MainWindow.open_path``, offscreen) to the map's ``painted`` signal.

Goals on 2 cores at 5,000,000 incidents: add one day < 1 s, info < 1 s, first paint < 3 s, peak memory < 1 GB.
The default ``--incidents`` is small so that CI runs it quickly. No timing is asserted; figures are printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

GOALS = {"add": 1.0, "info": 1.0, "paint": 3.0, "memory": 1024.0}


def build_gpkg(cache: Path, incidents: int, day: int, fresh: bool) -> tuple[Path, Path]:
    """The sample-city project with ``incidents`` incidents and a CSV of ``day`` new ones reported on the day after
    its last (as a daily import adds the newest reports), built once."""
    import pandas as pd

    from gridmap.core.clock import RECORD_TIME_ZONE
    from gridmap.core.project.model import FORMAT_VERSION, Project
    from gridmap.core.records.assign import assign_layer, grids_fingerprint
    from gridmap.core.sample import city as sample
    from gridmap.store.gpkg import GpkgStore
    from gridmap.store.gpkg_query import prepare_layer

    cache.mkdir(parents=True, exist_ok=True)
    path, csv = cache / f"city_{incidents}.gpkg", cache / f"next_day_{day}.csv"
    grids = None
    if fresh or not path.exists():
        start = time.perf_counter()
        grids = sample.build_grids()
        records = sample.build_records(grids, incidents=incidents)["incidents"]
        records["reported_at"] = pd.to_datetime(records["reported_at"])
        project = Project(grids, {"format_version": FORMAT_VERSION, "name": "sample city"})
        project.layers["incidents"] = records
        assign_layer(project, "incidents")
        part = path.with_name(path.name + ".part.gpkg")
        part.unlink(missing_ok=True)
        GpkgStore(part).save(project)
        project = GpkgStore(part).load()  # assigned to the grids as stored (multipolygons)
        project.meta["assigned_to"] = grids_fingerprint(project.grids)
        GpkgStore(part).save(project)
        os.replace(part, path)
        del project, records
        csv.unlink(missing_ok=True)
        print(f"built the sample city with {incidents:,} incidents in {time.perf_counter() - start:.1f} s "
              f"(cached in {cache})")
    if not csv.exists():  # the day after the project's last: a daily import adds the newest reports
        with closing(sqlite3.connect(path)) as db:
            (last,) = db.execute("SELECT max(reported_at) FROM incidents").fetchone()
        next_day = (pd.Timestamp(last).tz_convert(RECORD_TIME_ZONE) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
        new = sample.build_records(grids if grids is not None else sample.build_grids(), seed=7,
                                   incidents=day)["incidents"]
        new["id"] = [f"D{i:06d}" for i in range(1, day + 1)]
        new["reported_at"] = next_day + " " + pd.Series(new["reported_at"], dtype=str).str[11:]
        sample.write_csv(new, "incidents", csv)
        print(f"a day of {day:,} incidents on {next_day} written to {csv}")
    with closing(sqlite3.connect(path)) as db, db:  # a cache built before them gets what a first save in place adds
        prepare_layer(db, "incidents")
    return path, csv


def fresh_copy(path: Path, work: Path) -> Path:
    """A copy of the project to change (the cache stays as built), flushed to disk so that what is timed next
    does not include writing the copy back."""
    work.mkdir(parents=True, exist_ok=True)
    copy = work / path.name
    shutil.copyfile(path, copy)
    with open(copy, "rb+") as f:
        os.fsync(f.fileno())
    return copy


def old_add(path: Path, csv: Path) -> None:
    """``gridmap add`` as it was: lock, load every layer, merge, and rewrite the whole file."""
    from gridmap.core.records.importing import RecordImportOptions, import_records
    from gridmap.store.gpkg import GpkgStore

    store = GpkgStore(path)
    with store.lock():
        project = store.load()
        for name in project.layers:
            project.layers[name]  # noqa: B018 - the old load read every layer
        import_records(project, RecordImportOptions(csv, "incidents"))
        project.stored = {}  # not "loaded here": written whole, as every save was
        store.save(project)


def measure_add(path: Path, csv: Path, work: Path) -> dict:
    """Seconds to add the day: in place (``ops.add``) and the old whole-file way, each on a fresh copy."""
    from gridmap import ops
    from gridmap.core.records.importing import RecordImportOptions

    copy = fresh_copy(path, work)
    start = time.perf_counter()
    result = ops.add(copy, RecordImportOptions(csv, "incidents"))
    new = time.perf_counter() - start
    assert result.new > 0, result
    copy = fresh_copy(path, work)
    start = time.perf_counter()
    old_add(copy, csv)
    old = time.perf_counter() - start
    return {"add": new, "add_old": old, "added": result.new}


def measure_info(path: Path) -> dict:
    """Seconds of ``ops.info`` in this process and of ``gridmap info`` as a command."""
    from gridmap import ops

    start = time.perf_counter()
    summary = ops.info(path).to_json()
    inside = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "gridmap", "info", str(path)], check=True, capture_output=True)
    return {"info": inside, "info_cmd": time.perf_counter() - start, "rows": summary["layers"],
            **whole_city_clusters(ops.open_project(path))}


def whole_city_clusters(project) -> dict:
    """The map's whole-city view of the incidents (zoom 9) as the window asks for it when the store serves them:
    the first view (the store's counts per grid asked) and a pan (counts kept); seconds and records drawn."""
    from functools import partial

    from gridmap.map.overlays import ServedLayer, View

    layers = project.layers
    served = ServedLayer("incidents", partial(layers.points_in, "incidents"),
                         partial(layers.record_counts, "incidents"), lambda: project.grids)
    west, south, east, north = project.grids.total_bounds
    out = {}
    for name, shift in (("clusters_first", 0.0), ("clusters_pan", 0.1 * (east - west))):
        start = time.perf_counter()
        payload, _ = served.payload(View(west + shift, south, east + shift, north, 9))
        out[name] = time.perf_counter() - start
    out["clustered"] = int(sum(payload.get("count", [])))
    return out


def open_to_first_paint(ref: str, settle_s: float = 0.0) -> float:
    """Seconds from the main window (offscreen, 1400x1000, no saved settings) opening the project ``ref`` as File →
    Open does (a file; a ``postgresql://`` URL as File → Open Database Project) to the map's ``painted`` signal,
    -1 if not within 120 s; then ``settle_s`` seconds more of the event loop (the record layers are read after the
    paint). Makes the QApplication: for a process of its own (the bench_store*.py children)."""
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from gridmap.store.dburl import is_db_url
    from gridmap.ui.map.scheme import register_scheme

    register_scheme()
    settings = tempfile.TemporaryDirectory(prefix="gridmap-bench-settings-")  # no recent files, no window state
    QCoreApplication.setOrganizationName("GridMapBench")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, settings.name)
    app = QApplication([])
    from gridmap.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1400, 1000)
    window.show()
    painted: list[float] = []
    window.map.painted.connect(lambda *_: painted.append(time.perf_counter()))
    start = time.perf_counter()
    if is_db_url(ref):
        window.open_url(ref)
    else:
        window.open_path(Path(ref))
    while not painted and time.perf_counter() - start < 120:
        app.processEvents()
        time.sleep(0.002)
    end = time.perf_counter() + settle_s
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)
    return painted[0] - start if painted else -1


GUI_SCRIPT = (f"import sys; sys.path.insert(0, {str(Path(__file__).resolve().parent)!r}); "
              "from bench_store import open_to_first_paint; "
              "print(open_to_first_paint(sys.argv[1], float(sys.argv[2])), flush=True)")

PEAK_SCRIPTS = {
    "info": "import sys; from gridmap import ops; ops.info(sys.argv[1])",
    "add": "import sys; from gridmap import ops; from gridmap.core.records.importing import RecordImportOptions; "
           "ops.add(sys.argv[1], RecordImportOptions(sys.argv[2], 'incidents'))",
}


def peak_mb(args: list[str]) -> tuple[float, str]:
    """Max RSS (MB) of a fresh process running ``args`` (via getrusage(RUSAGE_CHILDREN) in a watcher process, so
    that earlier children of this one do not count), and what it printed."""
    watcher = ("import resource, subprocess, sys; "
               "out = subprocess.run(sys.argv[1:], check=True, capture_output=True, text=True).stdout; "
               "print(out.strip()); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "QTWEBENGINE_CHROMIUM_FLAGS": os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")}
    done = subprocess.run([sys.executable, "-c", watcher, *args], check=True, capture_output=True, text=True, env=env)
    *out, kb = done.stdout.split("\n")[:-1] if done.stdout.endswith("\n") else done.stdout.split("\n")
    return int(kb) / 1024 / (1024 if sys.platform == "darwin" else 1), "\n".join(out)


def measure_memory_and_paint(path: Path, csv: Path, work: Path) -> dict:
    """Peak memory of ``info``, ``add`` and the GUI opening the project; the GUI's seconds to first paint."""
    out = {"mem_info": peak_mb([sys.executable, "-c", PEAK_SCRIPTS["info"], str(path)])[0]}
    copy = fresh_copy(path, work)
    out["mem_add"] = peak_mb([sys.executable, "-c", PEAK_SCRIPTS["add"], str(copy), str(csv)])[0]
    mem, printed = peak_mb([sys.executable, "-c", GUI_SCRIPT, str(copy), "20"])
    out["mem_gui"], out["paint"] = mem, float(printed.split()[-1])
    return out


def bench_gpkg(args) -> dict:
    path, csv = build_gpkg(args.cache, args.incidents, args.day, args.fresh)
    work = Path(tempfile.mkdtemp(prefix="gridmap-bench-store-"))
    try:
        return {**measure_add(path, csv, work), **measure_info(path), **measure_memory_and_paint(path, csv, work)}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(store: str, figures: dict, incidents: int) -> None:
    def line(what, value, unit, goal=None):
        mark = "" if goal is None else ("  ok" if 0 <= value < goal else f"  GOAL {goal:g} {unit} MISSED")
        print(f"  {what:<42} {value:>10.2f} {unit}{mark}")

    print(f"{store}, {incidents:,} incidents:")
    line(f"add one day ({figures['added']:,} reports), in place", figures["add"], "s", GOALS["add"])
    line("add one day, old whole-file rewrite", figures["add_old"], "s")
    print(f"  {'ratio old / in place':<42} {figures['add_old'] / figures['add']:>10.1f} x")
    line("info (ops.info, this process)", figures["info"], "s", GOALS["info"])
    line("gridmap info (a new process)", figures["info_cmd"], "s")
    line("GUI open to first paint", figures["paint"], "s", GOALS["paint"])
    line(f"whole-city clusters ({figures['clustered']:,}), first view", figures["clusters_first"], "s")
    line("whole-city clusters, a pan", figures["clusters_pan"], "s")
    for key, what in (("mem_info", "info"), ("mem_add", "add"), ("mem_gui", "GUI open (records read after)")):
        line(f"peak memory, {what}", figures[key], "MB", GOALS["memory"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=("gpkg", "postgis", "both"), default="gpkg")
    parser.add_argument("--incidents", type=int, default=200_000, help="incidents in the project (5,000,000 for "
                                                                       "the goals)")
    parser.add_argument("--day", type=int, default=17_600, help="incidents added (one day of reports)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "gridmap-bench-store")
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached project")
    parser.add_argument("--url", default=os.environ.get("GRIDMAP_BENCH_PG") or os.environ.get("GRIDMAP_TEST_PG"),
                        help="PostGIS: postgresql://USER@HOST:PORT/DB (32,000,000 incidents for the goals; the "
                             "project stays in schema bench_<incidents>, see bench_store_pg.py)")
    args = parser.parse_args()
    if args.store in ("gpkg", "both"):
        report("GeoPackage", bench_gpkg(args), args.incidents)
    if args.store in ("postgis", "both"):
        from bench_store_pg import run_postgis  # this folder is on the path when run as a script

        run_postgis(args.url, args.incidents, args.fresh)


if __name__ == "__main__":
    main()
