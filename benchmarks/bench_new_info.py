"""`gridmap new` on the sample city's shapefile vs a bare geopandas.read_file; `gridmap info` end to end.

Goals (issue 2): `new` within 1.5x of read_file; `info` under 1 s. Prints best-of-N wall times and ratios.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd

from gridmap.core.project.model import ImportOptions, import_grids
from gridmap.core.sample.city import write_sources
from gridmap.ops import new


def best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shp = write_sources(tmp)["grids"]
        project = tmp / "bench.gpkg"
        grids = len(gpd.read_file(shp))
        t_read = best(lambda: gpd.read_file(shp))
        t_import = best(lambda: import_grids(ImportOptions(shp)))
        t_new = best(lambda: new(project, ImportOptions(shp), force=True))
        t_info_cmd = best(lambda: subprocess.run([sys.executable, "-m", "gridmap", "info", str(project), "--json"],
                                                 check=True, capture_output=True))
        t_python = best(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
    print(f"grids: {grids}")
    print(f"geopandas.read_file (no encoding detection, no checks): {t_read * 1000:8.1f} ms")
    print(f"gridmap new (detect GBK + CRS, check, convert to EPSG:4490, write .gpkg): {t_new * 1000:8.1f} ms")
    print(f"  of which reading (detect GBK + CRS, decode, check, convert to EPSG:4490): {t_import * 1000:8.1f} ms "
          f"= {t_import / t_read:.2f}x read_file")
    print(f"ratio new / read_file: {t_new / t_read:.2f}x (goal <= 1.5x)")
    print(f"gridmap info --json, whole command incl. Python start-up: {t_info_cmd * 1000:8.1f} ms "
          f"(goal < 1000 ms; bare Python start-up {t_python * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
