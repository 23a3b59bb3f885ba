"""Builders for real test files: shapefiles in various encodings and CRSs, written with GDAL."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely

NAMES = ["海门街道第一网格", "海门街道第二网格", "白云街道第一网格", "白云街道第二网格"]
CODES = ["331002001001", "331002001002", "331002002001", "331002002002"]


def grid_frame(crs=4490) -> gpd.GeoDataFrame:
    """Four 0.01° squares near 椒江区 sharing edges, with Chinese attributes, in ``crs``."""
    boxes = [shapely.box(121.40 + 0.01 * (i % 2), 28.65 + 0.01 * (i // 2),
                         121.41 + 0.01 * (i % 2), 28.66 + 0.01 * (i // 2)) for i in range(4)]
    frame = gpd.GeoDataFrame({
        "WGBM": CODES, "WGMC": NAMES, "QXMC": ["椒江区"] * 4,
        "JDMC": ["海门街道", "海门街道", "白云街道", "白云街道"], "SQMC": ["东山社区", "东山社区", "西山社区", "西山社区"],
        "HS": [320, 410, 380, 455],
    }, geometry=boxes, crs=4490)
    return frame.to_crs(crs)


def write_shp(frame: gpd.GeoDataFrame, path: Path, encoding: str = "GBK", cpg: bool = False,
              prj: bool = True, ldid: int | None = None) -> Path:
    """Write ``frame`` as a shapefile with attribute bytes in ``encoding``; drop the .cpg/.prj unless asked."""
    frame.to_file(path, encoding=encoding)
    if not cpg:
        path.with_suffix(".cpg").unlink(missing_ok=True)
    if not prj:
        path.with_suffix(".prj").unlink(missing_ok=True)
    dbf = path.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    data[29] = ldid or 0
    dbf.write_bytes(bytes(data))
    return path


def run_js(qtbot, view, script: str, timeout: int = 10000):
    """Evaluate the expression ``script`` in a QWebEngineView's page and return its value (through JSON)."""
    import json

    box = []
    view.page().runJavaScript(f"JSON.stringify(({script}))", 0, lambda result: box.append(result))
    qtbot.waitUntil(lambda: len(box) == 1, timeout=timeout)
    return json.loads(box[0]) if box[0] else None


def make_mbtiles(path, tiles: dict, metadata: dict | None = None):
    """A real MBTiles file holding ``tiles`` {(z, x, tms_row): bytes} and ``metadata``."""
    import sqlite3

    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
    db.executemany("INSERT INTO metadata VALUES (?, ?)", (metadata or {}).items())
    db.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", [(z, x, r, data) for (z, x, r), data in tiles.items()])
    db.commit()
    db.close()
    return path


def run_cli(capsys, *args) -> tuple[int, str, str]:
    """``gridmap ARGS`` in this process: (exit code, stdout, stderr)."""
    from gridmap.cli import main

    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def show_project(qtbot, project, size=(1400, 1000)):
    """A shown main window of ``size`` holding ``project`` (in memory, no file lock), once its grids are painted."""
    from gridmap.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.map.painted, timeout=30000):
        window.set_project(project, None)
    return window
