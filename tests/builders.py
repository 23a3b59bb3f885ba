"""Shared test builders: real boundary files in various encodings and CRSs (written with GDAL), MBTiles, small
projects (a 3x3 block for edits, four squares for record import), and helpers to run the CLI and the map page."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from gridmap.core.project.model import Project

NAMES = ["海门街道第一网格", "海门街道第二网格", "白云街道第一网格", "白云街道第二网格"]
CODES = ["331002001001", "331002001002", "331002002001", "331002002002"]

DISTRICTS = [("331002", "椒江区", "海门街道"), ("331003", "黄岩区", "东城街道"), ("331004", "路桥区", "路南街道")]


def small_grids() -> gpd.GeoDataFrame:
    """12 rectangular grids near Taizhou with Chinese attribute names and values, in CGCS2000."""
    rows = []
    for i in range(12):
        county, district, street = DISTRICTS[i % 3]
        x, y = 121.30 + (i % 4) * 0.02, 28.60 + (i // 4) * 0.02
        rows.append({"网格编码": f"{county}001{i + 1:03d}", "网格名称": f"{street}第{i + 1}网格", "区县": district,
                     "街道": street, "社区": f"和平社区{i % 2 + 1}", "户数": 300 + i, "geometry": shapely.box(x, y, x + 0.02, y + 0.02)})
    return gpd.GeoDataFrame(rows, crs="EPSG:4490")


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


def incidents_overlay(qtbot, window) -> dict:
    """What the window's map page draws of the incidents (``GridMap.overlays()``; empty when nothing)."""
    return run_js(qtbot, window.map, "GridMap.overlays()").get("incidents") or {}


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


@pytest.fixture
def opened_window(qtbot, small_project):
    """The main window with ``small_project`` opened as File → Open opens it (locked), left unmodified and closed
    afterwards; a test module takes it as its ``window`` fixture: ``from builders import opened_window as window``."""
    from gridmap.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(small_project)
    yield window
    window.set_modified(False)
    window.close()


# Grid edits: a 3x3 block of grids with records.

X0, Y0, D = 121.40, 28.60, 0.01


def block() -> Project:
    """9 square grids of 0.01° (codes 331002001001-009, row by row from the south-west), 100 households
    each, one street; 10 incidents per grid on a regular lattice inside; one worker per grid."""
    rows = []
    for i in range(9):
        x, y = X0 + (i % 3) * D, Y0 + (i // 3) * D
        rows.append({"code": f"331002001{i + 1:03d}", "name": f"网格{i + 1}", "district": "椒江区",
                     "street": "海门街道", "community": "东山社区", "households": 100,
                     "geometry": shapely.box(x, y, x + D, y + D)})
    grids = gpd.GeoDataFrame(rows, crs=4490)
    grids["households"] = grids["households"].astype("Int64")
    project = Project(grids, {"sources": [{"crs": "EPSG:4490"}]})
    lon, lat = np.meshgrid(X0 + D * (np.arange(30) + 0.5) / 10, Y0 + D * (np.arange(30) + 0.5) / 10)
    incidents = pd.DataFrame({"id": pd.Series([f"E{i}" for i in range(900)], dtype="str"),
                              "category": pd.Series(["盗窃"] * 900, dtype="str"),
                              "lon": lon.ravel(), "lat": lat.ravel()})
    workers = pd.DataFrame({"id": pd.Series([f"W{i}" for i in range(9)], dtype="str"),
                            "name": pd.Series([f"员{i}" for i in range(9)], dtype="str"),
                            "grid_code": pd.Series(list(grids["code"]), dtype="str")})
    project.layers = {"incidents": incidents, "workers": workers}
    from gridmap.core.records.assign import assign_layer
    assign_layer(project, "incidents")
    assign_layer(project, "workers")
    return project


def counts(project) -> dict[str, int]:
    return project.layers["incidents"]["grid_code"].value_counts().to_dict()


# Record import: four squares.

QUAD_CODES = ("331002001001", "331002001002", "331002002001", "331002002002")
"""Four 0.1° squares near 121°E 28°N in code order: A B (south row, west to east), C D (north row)."""
QUAD_HEADER = "事件编号,经度,纬度,上报时间,事件类别,办理状态"


def quad_grids() -> gpd.GeoDataFrame:
    """The four squares of :data:`QUAD_CODES` with Chinese names, 300 households each, in CGCS2000."""
    boxes = [shapely.box(121.0 + 0.1 * (i % 2), 28.0 + 0.1 * (i // 2), 121.1 + 0.1 * (i % 2), 28.1 + 0.1 * (i // 2))
             for i in range(4)]
    return gpd.GeoDataFrame({"code": list(QUAD_CODES), "name": ["甲网格", "乙网格", "丙网格", "丁网格"],
                             "district": "椒江区", "street": ["海门街道"] * 2 + ["白云街道"] * 2,
                             "community": "东山社区", "households": pd.array([300] * 4, dtype="Int64")},
                            geometry=boxes, crs=4490)


# Visits in the four squares (tests/core/test_visits.py): key persons, venues, workers and their visits.
PERSONS = ["人员编号,姓名,人员类别,风险等级,经度,纬度",
           "RY01,张一,刑满释放,高,121.05,28.05",     # A, 7 days (high risk)
           "RY02,张二,吸毒,中,121.15,28.05",         # B, 30 days, never visited
           "RY03,张三,社区矫正,低,121.05,28.15"]     # C, 7 days (社区矫正 is stricter than low risk)
VENUES = ["场所编号,场所名称,场所类型,经度,纬度",
          "CS01,鑫源化工有限公司,危化品企业,121.15,28.15",  # D, 30 days
          "CS02,如意小吃店,小餐饮,121.16,28.16"]            # D, default 90 days
WORKERS = ["工号,姓名,网格编码,角色",
           f"W1,网格员一,{QUAD_CODES[0]};{QUAD_CODES[1]},专职网格员",
           f"W2,网格员二,{QUAD_CODES[2]};{QUAD_CODES[3]},兼职网格员",
           f"W3,网格员三,{QUAD_CODES[3]},专职网格员"]              # D: the full-time W3 before the part-time W2
VISITS = ["走访编号,走访对象编号,走访对象类型,走访人,走访时间,走访结果,备注,签到经度,签到纬度",
          "Z1,RY01,重点人员,网格员一,2026-03-01 09:00,正常,,121.05,28.05",
          "Z2,RY01,重点人员,网格员一,2026-03-09 10:00,正常,,121.051,28.05",   # about 98 m away: not far
          "Z3,RY03,,网格员二,2026/3/1 15:00,未见到本人,,,",                     # kind found by the id
          "Z4,CS01,重点场所,网格员三,2026-03-01,发现问题,=1+2,121.2,28.2",      # about 7 km away: far
          "Z5,CS02,场所,网格员三,2026年3月1日 11时00分,正常,,,",
          "Z6,RY99,重点人员,网格员一,2026-03-02,正常,,,",                       # no such person
          "Z7,RY01,重点场所,网格员一,2026-03-02,正常,,,",                       # RY01 is not a venue
          "Z8,RY02,外星人,网格员一,2026-03-02,正常,,,"]                         # unknown kind


def write_lines(path, lines: list[str], encoding: str = "utf-8", end: str = "\r\n"):
    """``lines`` written to ``path`` in ``encoding`` with ``end`` after each."""
    path.write_bytes((end.join(lines) + end).encode(encoding))
    return path


def png(value: int) -> bytes:
    """A real 1×1 grey PNG whose pixel is ``value`` (so tiles differ)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes([0, value]))) + chunk(b"IEND", b""))


def reopen(qtbot, ref, size=(1200, 800)):
    """A new main window of ``size`` showing the project at ``ref`` (a file, or a ``postgresql://`` URL), once its
    grids are painted."""
    from gridmap.store.dburl import is_db_url
    from gridmap.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    with qtbot.waitSignal(window.map.painted, timeout=30000):
        assert window.open_url(ref) if is_db_url(ref) else window.open_path(ref)
    return window


def checked(qtbot, dialog):
    """``dialog`` (an import dialog) once its background check of the file is done."""
    qtbot.waitUntil(lambda: not dialog.is_checking(), timeout=20000)
    return dialog


# --- stores (the store test suite's projects) -------------------------------------------------------

INCIDENTS = "事件编号,经度,纬度,上报时间,事件类别\n" + "".join(
    f"A{i + 1},121.3{i + 1},28.61,2026-03-0{i + 1} 08:00:00,盗窃\n" for i in range(3))


def incidents_csv(path, rows: str = INCIDENTS):
    path.write_text(rows, encoding="utf-8")
    return path


def gpkg_project(tmp_path):
    """A GeoPackage project of 12 grids and incidents A1-A3."""
    from gridmap import ops
    from gridmap.core.project.model import ImportOptions
    from gridmap.core.records.importing import RecordImportOptions
    from gridmap.store.gpkg import GpkgStore

    source = tmp_path / "grids.geojson"
    small_grids().to_file(source, driver="GeoJSON")
    path = tmp_path / "台州.gpkg"
    ops.new(path, ImportOptions(source))
    ops.add(path, RecordImportOptions(incidents_csv(tmp_path / "事件.csv"), "incidents"))
    return GpkgStore(path)


SERVED_CATEGORIES, SERVED_STATUSES = ("盗窃", "诈骗", "矛盾纠纷"), ("上报", "受理", "结案")


def served_city(tmp_path):
    """A GeoPackage project of the 12 small grids and 40 incidents over 80 days in every grid row, three
    categories and three statuses, some at 00:30 (the day before in UTC): the tests of layers a store serves."""
    from gridmap import ops
    from gridmap.core.project.model import ImportOptions
    from gridmap.core.records.importing import RecordImportOptions

    rows = ["事件编号,经度,纬度,上报时间,事件类别,办理状态"]
    for i in range(40):
        at = pd.Timestamp("2026-01-01 00:30") + pd.Timedelta(days=2 * i, hours=6 * (i % 4))
        rows.append(f"E{i},{121.305 + (i % 8) * 0.01:.3f},{28.605 + (i % 5) * 0.012:.3f},{at:%Y-%m-%d %H:%M},"
                    f"{SERVED_CATEGORIES[i % 3]},{SERVED_STATUSES[(i // 3) % 3]}")
    source = tmp_path / "grids.geojson"
    small_grids().to_file(source, driver="GeoJSON")
    path = tmp_path / "台州.gpkg"
    ops.new(path, ImportOptions(source))
    ops.add(path, RecordImportOptions(incidents_csv(tmp_path / "事件.csv", "\n".join(rows) + "\n"), "incidents"))
    return path


def served_city_in(kind: str, tmp_path, request):
    """:func:`served_city` in a GeoPackage (``kind`` "gpkg": its path) or pushed into a new PostGIS schema
    ("postgis": its URL; needs $GRIDMAP_TEST_PG)."""
    from gridmap import ops

    path = served_city(tmp_path)
    if kind == "gpkg":
        return path
    url = request.getfixturevalue("pg_url")
    ops.push(path, url)
    return url


def stored_in(kind: str, project: Project, tmp_path, request):
    """``project`` saved in a new GeoPackage (``kind`` "gpkg") or created in a new PostGIS schema ("postgis";
    needs $GRIDMAP_TEST_PG): its store."""
    from gridmap.store.gpkg import GpkgStore
    from gridmap.store.postgis import PostgisStore

    if kind == "gpkg":
        store = GpkgStore(tmp_path / "记录.gpkg")
        store.save(project)
    else:
        store = PostgisStore(request.getfixturevalue("pg_url"))
        store.create(project)
    return store


def postgis_project(tmp_path, request):
    """The same project pushed into a new PostGIS schema (needs $GRIDMAP_TEST_PG)."""
    from gridmap import ops

    url = request.getfixturevalue("pg_url")
    ops.push(gpkg_project(tmp_path).path, url)
    return ops.store_of(url)


def block_project():
    """:func:`builders.block` with what a store keeps besides grids and records: a plan not in use, a reveal in
    the audit log, an edit in the edit log, private columns and a manual assignment in the metadata."""
    from gridmap.core.grids.plans import save_plan
    from gridmap.core.project.meta import set_override
    from gridmap.core.records.assign import reassign_all

    project = block()
    save_plan(project, "现行")
    save_plan(project, "试点")  # 现行 kept as a plan not in use
    project.meta.update({"format_version": 1, "city": "台州市", "private_columns": {"workers": ["phone"]}})
    set_override(project.meta, "incidents", "E0", {"grid": "331002001002", "reason": "核实", "at": "2026-01-05"})
    reassign_all(project)
    project.meta["edit_log"] = [{"who": "张三", "when": "2026-01-05T08:00:00+00:00", "what": "split",
                                 "description": "split 331002001009", "before": ["331002001009"],
                                 "after": ["331002001009"], "moved": {}}]
    project.audit = [{"at": "2026-01-05T08:00:00+00:00", "user": "李四", "host": "desk-1", "action": "export",
                      "layer": "workers", "records": 9, "output": "workers.csv", "reason": "走访核对"}]
    return project


# The morning brief: a hand-made month.

def centre(grid: int) -> str:
    """``lon,lat`` of the centre of grid ``grid`` (1-9) of :func:`block`."""
    return f"{X0 + ((grid - 1) % 3) * D + D / 2:.6f},{Y0 + ((grid - 1) // 3) * D + D / 2:.6f}"


BRIEF_INCIDENTS = ["事件编号,经度,纬度,上报时间,事件类别,办理状态",
                   f"E1,{centre(1)},2026-03-14 09:00,盗窃,结案",
                   f"E2,{centre(1)},2026-03-14 10:00,诈骗,受理",
                   f"E3,{centre(2)},2026-03-14 11:00,矛盾纠纷,结案",
                   f"E4,{centre(2)},2026-03-05 08:00,矛盾纠纷,结案",
                   f"E5,{centre(3)},2026-03-01 00:00,入室盗窃,受理",
                   f"E6,{centre(3)},2026-02-28 23:59,环境卫生,结案",   # before the month
                   f"E7,{centre(4)},2026-03-15 08:00,抢劫,上报"]       # the brief's own morning


def brief_project(tmp_path, incidents=BRIEF_INCIDENTS):
    """:func:`block` with the incidents ``incidents``, two high-risk persons (P1 visited on 2026-03-10, P2 on
    2026-03-01), workers for grids 001-008 and two grid edits logged (February and 2026-03-10), imported from
    files written in ``tmp_path``."""
    from gridmap.core.records.importing import RecordImportOptions, import_records

    project = block()
    del project.layers["incidents"], project.layers["workers"]
    files = {
        "incidents": write_lines(tmp_path / "事件.csv", incidents, encoding="gbk"),
        "persons": write_lines(tmp_path / "人员.csv", ["人员编号,姓名,人员类别,风险等级,经度,纬度",
                                                      f"P1,张甲,刑满释放,高风险,{centre(1)}",
                                                      f"P2,李乙,刑满释放,高风险,{centre(2)}"]),
        "workers": write_lines(tmp_path / "网格员.csv", ["工号,姓名,网格编码,角色"] + [
            f"W{i},员{i},33100200100{i},专职网格员" for i in range(1, 9)]),  # grid 009 has none
        "visits": write_lines(tmp_path / "走访.csv", ["走访编号,走访对象编号,走访人,走访时间,走访结果",
                                                     "V1,P1,员1,2026-03-10 09:00,正常",
                                                     "V2,P2,员2,2026-03-01 09:00,正常"]),
    }
    for kind, path in files.items():
        result = import_records(project, RecordImportOptions(path, kind))
        assert result.rejected == 0, result.rejected_rows
    project.meta["city"] = "台州市"
    project.meta["edit_log"] = [
        {"who": "指挥中心", "when": "2026-02-20T02:00:00+00:00", "what": "merge", "description": "合并 A 与 B",
         "before": ["331002001001", "331002001002"], "after": ["331002001001"], "moved": {}},
        {"who": "指挥中心", "when": "2026-03-10T02:00:00+00:00", "what": "split", "description": "拆分网格 005",
         "before": ["331002001005"], "after": ["331002001005", "331002001010"], "moved": {}}]
    return project
