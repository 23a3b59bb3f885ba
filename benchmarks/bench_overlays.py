"""Record overlay payloads for 1,000,000 incidents on the sample city's 6,917 grids (no Qt).

What the map view computes on its worker thread each time the view, a filter or a style changes
(:meth:`gridmap.map.overlays.PointLayer.payload`) and the JSON it sends to the page, for a 1200x800 view of the
whole city (clusters; heat map), of one district (clusters) and of the busiest blocks (individual points),
with a filter passing about half of the records. The layer is prepared once (categories, Web Mercator
positions) before timing, as the view does on first use; that preparation is timed too, and the GCJ-02
positions for a GCJ-02 basemap.

Goal (issue): the map stays interactive with 1M incidents: a payload well under 100 ms.
Prints best and median of ``--repeat`` runs; asserts no timing.

    python benchmarks/bench_overlays.py [--incidents 1000000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import numpy as np
import pandas as pd
import shapely

from gridmap.core.sample.city import build_grids, build_records
from gridmap.map.overlays import PointLayer, View

SIZE = (1200, 800)


def view_of(bounds, size=SIZE) -> View:
    """The view Leaflet shows when it fits ``bounds`` (w, s, e, n) into ``size`` pixels (fractional zoom)."""
    w, s, e, n = bounds
    x = (e - w) / 360
    y = abs(np.log(np.tan(np.pi / 4 + np.radians(n) / 2)) - np.log(np.tan(np.pi / 4 + np.radians(s) / 2))) / (2 * np.pi)
    zoom = float(np.floor(4 * np.log2(min(size[0] / (256 * x), size[1] / (256 * y)))) / 4)
    return View(w, s, e, n, zoom)


def timed(fn, repeat: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    grids = build_grids()
    start = time.perf_counter()
    frame = build_records(grids, incidents=args.incidents)["incidents"]
    frame["reported_at"] = pd.to_datetime(frame["reported_at"])
    print(f"{len(frame):,} incidents built in {time.perf_counter() - start:.1f} s")
    mask = (frame["reported_at"] >= "2026-07-01").to_numpy()  # about half the year

    layer = PointLayer("incidents", frame)
    start = time.perf_counter()
    layer.classes()
    layer.positions("wgs84")
    print(f"prepare (categories, positions), once per layer: {1000 * (time.perf_counter() - start):.0f} ms")
    start = time.perf_counter()
    layer.positions("gcj02")
    print(f"prepare GCJ-02 positions, once per basemap change: {1000 * (time.perf_counter() - start):.0f} ms")
    layer.positions("wgs84")

    city = view_of(shapely.total_bounds(grids.geometry.values))
    district = view_of(shapely.total_bounds(grids.geometry.values[(grids["district"] == "椒江区").to_numpy()]))
    counts, xe, ye = np.histogram2d(frame["lon"], frame["lat"], bins=200)  # the busiest spot of the city
    i, j = np.unravel_index(np.argmax(counts), counts.shape)
    cx, cy = (xe[i] + xe[i + 1]) / 2, (ye[j] + ye[j + 1]) / 2
    blocks = view_of((cx - 0.006, cy - 0.004, cx + 0.006, cy + 0.004))
    cases = [("whole city, clusters", city, "points"), ("whole city, heat map", city, "heat"),
             ("one district, clusters", district, "points"), ("busiest blocks, points", blocks, "points")]
    print(f"\n{'view':<24} {'zoom':>5} {'mode':<9} {'records':>9} {'payload ms':>16} {'JSON ms':>8} {'JSON KB':>8}")
    for name, view, style in cases:
        times, payload = timed(lambda: layer.payload(view, mask, style), args.repeat)
        dump, text = timed(lambda: json.dumps(payload, ensure_ascii=False, separators=(",", ":")), args.repeat)
        shown = sum(payload.get("count") or payload.get("w") or []) or len(payload.get("cat", []))
        print(f"{name:<24} {view.zoom:>5.2f} {payload['mode']:<9} {shown:>9,} "
              f"{1000 * statistics.median(times):>7.1f} (best {1000 * min(times):.1f}) "
              f"{1000 * statistics.median(dump):>8.1f} {len(text.encode()) / 1024:>8.0f}")


if __name__ == "__main__":
    main()
