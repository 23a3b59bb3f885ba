"""``gridmap add`` and ``gridmap export`` as users run them: exact JSON, one stderr line and exit 2 on errors,
the project file untouched by a failed add, ID and phone numbers masked in exports unless revealed."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pyogrio
import pytest

from gridmap.cli import main
from gridmap.core.geo.chinacoords import from_wgs84
from builders import run_cli

from gridmap.store.gpkg import GpkgStore
from gridmap.ops import open_project
from builders import QUAD_CODES, QUAD_HEADER as HEADER, quad_grids as grids, write_lines as write

A, B, C, D = QUAD_CODES


def gridmap(*args):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "gridmap", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120)


@pytest.fixture
def project(tmp_path):
    source = tmp_path / "grids.geojson"
    grids().to_file(source, driver="GeoJSON")
    path = tmp_path / "城市.gpkg"
    assert main(["new", str(path), "--grids", str(source)]) == 0
    return path


INCIDENTS = [HEADER + ",事件描述",
             "SJ01,121.05,28.05,2026-01-05 08:30:00,盗窃,结案,电动车被盗",      # row 2: A
             "SJ02,121.15,28.05,2026/1/5 9:00,诈骗,上报,\"电信诈骗, 损失2万\"",  # row 3: B
             "SJ03,,28.05,2026-01-05,盗窃,结案,",                               # row 4: no lon
             "SJ04,abc,28.05,2026-01-05,盗窃,结案,",                            # row 5: not a number
             "SJ05,200,28.05,2026-01-05,盗窃,结案,",                            # row 6: out of range
             "SJ01,121.15,28.15,2026-01-05,盗窃,结案,",                         # row 7: duplicate id
             "SJ06,121.5,28.5,2026年1月6日,矛盾纠纷,受理,",                     # row 8: outside every grid
             "SJ07,121.15,28.15,昨天,盗窃,结案,",                               # row 9: bad time
             "SJ08,121.05,28.15,20260107,消防隐患,派遣,"]                       # row 10: C

REJECTED = [{"row": 4, "reason": "no coordinates"},
            {"row": 5, "reason": "coordinates are not numbers: 'abc', '28.05'"},
            {"row": 6, "reason": "coordinates out of range: 200.0, 28.05"},
            {"row": 7, "reason": "duplicate id SJ01 (first in row 2)"},
            {"row": 9, "reason": "unreadable time '昨天'"}]


def test_add_json(project, tmp_path):
    csv = write(tmp_path / "事件.csv", INCIDENTS, "gbk")
    done = gridmap("add", project, "--kind", "incidents", csv, "--json")
    assert done.returncode == 0 and done.stderr == ""
    data = json.loads(done.stdout)
    assert {k: data[k] for k in ("rows", "imported", "new", "updated", "rejected", "unassigned", "swapped")} == {
        "rows": 9, "imported": 4, "new": 4, "updated": 0, "rejected": 5, "unassigned": 1, "swapped": 0}
    assert data["rejected_rows"] == REJECTED
    assert data["kind"] == "incidents" and data["encoding"] == "GBK"
    assert data["columns"] == {"id": "事件编号", "lon": "经度", "lat": "纬度", "reported_at": "上报时间",
                               "category": "事件类别", "status": "办理状态", "description": "事件描述"}
    layer = open_project(project).layers["incidents"]
    assert dict(zip(layer["id"], layer["grid_code"])) == {"SJ01": A, "SJ02": B, "SJ06": "", "SJ08": C}
    assert layer["description"].tolist() == ["电动车被盗", "电信诈骗, 损失2万", "", ""]
    assert layer["reported_at"].tolist() == [pd.Timestamp("2026-01-05 08:30"), pd.Timestamp("2026-01-05 09:00"),
                                             pd.Timestamp("2026-01-06"), pd.Timestamp("2026-01-07")]
    info = json.loads(gridmap("info", project, "--json").stdout)
    assert info["layers"] == {"grids": 4, "incidents": 4}
    assert not list(tmp_path.glob(".*saving*"))
    GpkgStore(project).lock().release()  # add released the lock (its file stays)


def test_add_again_updates(project, tmp_path, capsys):
    csv = write(tmp_path / "事件.csv", INCIDENTS, "gbk")
    assert run_cli(capsys, "add", project, "--kind", "incidents", csv, "--json")[0] == 0
    code, out, err = run_cli(capsys, "add", project, "--kind", "incidents", csv, "--json")
    data = json.loads(out)
    assert (code, err) == (0, "")
    assert (data["rows"], data["imported"], data["new"], data["updated"], data["rejected"]) == (9, 4, 0, 4, 5)
    assert len(open_project(project).layers["incidents"]) == 4


def test_add_text_output(project, tmp_path, capsys):
    csv = write(tmp_path / "事件.csv", INCIDENTS, "gbk")
    code, out, _ = run_cli(capsys, "add", project, "--kind", "incidents", csv)
    assert code == 0
    assert out.splitlines() == [
        "incidents: 9 rows read, 4 imported (4 new, 0 updated), 5 rejected, 1 outside every grid",
        "  row 4: no coordinates", "  row 5: coordinates are not numbers: 'abc', '28.05'",
        "  row 6: coordinates out of range: 200.0, 28.05", "  row 7: duplicate id SJ01 (first in row 2)",
        "  row 9: unreadable time '昨天'"]


def test_add_with_column_options(project, tmp_path, capsys):
    """Headers nothing guesses, GCJ-02 coordinates and a given encoding."""
    wgs = {"K1": (121.097, 28.05, A), "K2": (121.197, 28.05, B), "K3": (121.097, 28.15, C), "K4": (121.15, 28.15, D)}
    lon, lat = from_wgs84(np.array([v[0] for v in wgs.values()]), np.array([v[1] for v in wgs.values()]), "gcj02")
    lines = ["单号,甲,乙,时刻,种类,进度,备注"] + [
        f"{i},{x:.8f},{y:.8f},2026-03-0{n} 10:00,盗窃,核查,高德坐标" for n, (i, x, y) in enumerate(zip(wgs, lon, lat), 1)]
    csv = write(tmp_path / "gaode.csv", lines, "gb18030")
    args = ["add", project, "--kind", "incidents", csv, "--lon-col", "甲", "--lat-col", "乙", "--id-col", "单号",
            "--time-col", "时刻", "--category-col", "种类", "--status-col", "进度", "--coords", "gcj02",
            "--encoding", "GB18030", "--json"]
    code, out, err = run_cli(capsys, *args)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["rows"], data["imported"], data["rejected"], data["unassigned"]) == (4, 4, 0, 0)
    assert data["encoding"] == "GB18030"
    assert data["columns"] == {"lon": "甲", "lat": "乙", "id": "单号", "reported_at": "时刻", "category": "种类",
                               "status": "进度"}
    layer = open_project(project).layers["incidents"]
    assert dict(zip(layer["id"], layer["grid_code"])) == {i: v[2] for i, v in wgs.items()}
    assert layer["status"].tolist() == ["核查"] * 4 and layer["备注"].tolist() == ["高德坐标"] * 4
    assert layer["reported_at"].tolist() == [pd.Timestamp(f"2026-03-0{n} 10:00") for n in range(1, 5)]
    np.testing.assert_allclose(layer["lon"], [v[0] for v in wgs.values()], atol=1e-7)
    # --col for the other roles; a venue's category is its type
    venues = write(tmp_path / "场所.csv", ["名字,经度,纬度,行当,老板", "小店,121.15,28.05,小餐饮,张三"])
    code, out, _ = run_cli(capsys, "add", project, "--kind", "venues", venues, "--col", "name=名字",
                       "--category-col", "行当", "--col", "owner=老板", "--json")
    assert code == 0 and json.loads(out)["columns"] == {"lon": "经度", "lat": "纬度", "name": "名字", "type": "行当",
                                                        "owner": "老板"}
    venue = open_project(project).layers["venues"]
    assert venue[["name", "type", "owner", "grid_code"]].values.tolist() == [["小店", "小餐饮", "张三", B]]


def test_add_projected_and_fix_swapped(project, tmp_path, capsys):
    from pyproj import Transformer

    x, y = Transformer.from_crs(4490, 4549, always_xy=True).transform([121.05, 121.15], [28.05, 28.15])
    gk = write(tmp_path / "gk.csv", ["编号,X,Y", f"G1,{x[0]:.3f},{y[0]:.3f}", f"G2,{x[1]:.3f},{y[1]:.3f}"])
    code, out, _ = run_cli(capsys, "add", project, "--kind", "venues", gk, "--coords", "EPSG:4549", "--json")
    assert code == 0 and (json.loads(out)["imported"], json.loads(out)["unassigned"]) == (2, 0)
    swapped = write(tmp_path / "swapped.csv", ["编号,经度,纬度", "S1,28.05,121.05", "S2,28.15,121.15"])
    code, out, _ = run_cli(capsys, "add", project, "--kind", "persons", swapped, "--fix-swapped", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["imported"], data["swapped"], data["rejected"], data["unassigned"]) == (2, 2, 0, 0)
    loaded = open_project(project)
    assert loaded.layers["venues"]["grid_code"].tolist() == [A, D]
    assert loaded.layers["persons"]["grid_code"].tolist() == [A, D]


def test_add_workers(project, tmp_path, capsys):
    csv = write(tmp_path / "网格员.csv", ["姓名,联系电话,工号,网格编码", f"张三,13812345678,W1,{A};{B}",
                                          f"李四,13900001111,W2,{C}、{D}", "王五,13700002222,W3,331002099001"], "gbk")
    code, out, _ = run_cli(capsys, "add", project, "--kind", "workers", csv, "--json")
    data = json.loads(out)
    assert code == 0 and (data["rows"], data["imported"], data["rejected"]) == (3, 2, 1)
    assert data["rejected_rows"] == [{"row": 4, "reason": "unknown grid code 331002099001"}]
    layer = open_project(project).layers["workers"]
    assert dict(zip(layer["id"], layer["grid_code"])) == {"W1": f"{A};{B}", "W2": f"{C};{D}"}


@pytest.mark.parametrize("case, message", [
    ("missing", "missing.csv: file not found"),
    ("column", "no column '坐标X'; columns: 事件编号, 经度, 纬度, 上报时间, 事件类别, 办理状态"),
    ("swapped", "longitude and latitude look swapped (2 rows, e.g. 28.05, 121.05); swap them (--fix-swapped)"),
    ("encoding", "cannot decode the file as UTF-8 at byte"),
    ("nocoords", "no longitude/latitude columns found; name them with --lon-col and --lat-col"),
    ("role", "--col expects ROLE=COLUMN, not '地址'"),
    ("badrole", "incidents have no column role 'colour'"),
    ("kind", "argument --kind: invalid choice: 'cars'"),
    ("project", "nothing.gpkg: project file not found"),
])
def test_add_errors_leave_the_project_unchanged(project, tmp_path, capsys, case, message):
    good = write(tmp_path / "事件.csv", INCIDENTS[:3], "gbk")
    assert run_cli(capsys, "add", project, "--kind", "incidents", good)[0] == 0
    before = project.read_bytes()
    files = sorted(p.name for p in tmp_path.iterdir())
    swapped = write(tmp_path / "swapped.csv", [HEADER, "X1,28.05,121.05,2026-01-05,盗窃,结案",
                                               "X2,28.15,121.15,2026-01-05,盗窃,结案"])
    args = {
        "missing": ["add", project, "--kind", "incidents", tmp_path / "missing.csv"],
        "column": ["add", project, "--kind", "incidents", good, "--lon-col", "坐标X"],
        "swapped": ["add", project, "--kind", "incidents", swapped],
        "encoding": ["add", project, "--kind", "incidents", good, "--encoding", "utf-8"],
        "nocoords": ["add", project, "--kind", "incidents", write(tmp_path / "n.csv", ["a,b", "1,2"])],
        "role": ["add", project, "--kind", "incidents", good, "--col", "地址"],
        "badrole": ["add", project, "--kind", "incidents", good, "--col", "colour=事件类别"],
        "kind": ["add", project, "--kind", "cars", good],
        "project": ["add", tmp_path / "nothing.gpkg", "--kind", "incidents", good],
    }[case]
    code, out, err = run_cli(capsys, *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("gridmap: ") and message in err, err
    assert project.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name not in ("swapped.csv", "n.csv")) == files


def test_add_error_as_a_process(project, tmp_path):
    before = project.read_bytes()
    swapped = write(tmp_path / "swapped.csv", [HEADER, "X1,28.05,121.05,2026-01-05,盗窃,结案"])
    done = gridmap("add", project, "--kind", "incidents", swapped, "--json")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (f"gridmap: {swapped}: longitude and latitude look swapped (1 rows, e.g. 28.05, 121.05); "
                           "swap them (--fix-swapped) or choose the columns\n")
    assert project.read_bytes() == before


# --- export -------------------------------------------------------------------------------------------------------

PERSONS = ["人员编号,姓名,身份证号,联系电话,人员类别,经度,纬度,帮扶责任人姓名,帮扶责任单位",
           "RY1,张三,331002199001011234,13812345678,刑满释放,121.05,28.05,李四,海门街道办事处",
           "RY2,王五,33100219851231002X,13900001111,吸毒,121.15,28.15,赵六,白云街道办事处"]


@pytest.fixture
def with_persons(project, tmp_path):
    csv = write(tmp_path / "人员.csv", PERSONS, "gbk")
    assert main(["add", str(project), "--kind", "persons", str(csv)]) == 0
    incidents = write(tmp_path / "事件.csv", INCIDENTS[:3], "gbk")
    assert main(["add", str(project), "--kind", "incidents", str(incidents)]) == 0
    return project


def test_export_csv_masks_id_and_phone_numbers(with_persons, tmp_path, capsys):
    out = tmp_path / "out" / "人员.csv"
    code, text, _ = run_cli(capsys, "export", with_persons, "--layer", "persons", "--out", out, "--json")
    assert code == 0 and json.loads(text) == {"out": str(out), "layer": "persons", "rows": 2, "masked": True}
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(out, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert frame["id_number"].tolist() == ["331002********1234", "331002********002X"]
    assert frame["phone"].tolist() == ["138****5678", "139****1111"]
    assert frame["id"].tolist() == ["RY1", "RY2"] and frame["name"].tolist() == ["张三", "王五"]
    assert frame["帮扶责任人姓名"].tolist() == ["李四", "赵六"]
    code, _, _ = run_cli(capsys, "export", with_persons, "--layer", "persons", "--out", tmp_path / "全.csv", "--reveal",
                         "--reason", "协查")
    full = pd.read_csv(tmp_path / "全.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert code == 0
    assert full["id_number"].tolist() == ["331002199001011234", "33100219851231002X"]
    assert full["phone"].tolist() == ["13812345678", "13900001111"]


def test_export_masks_an_id_that_is_the_id_number(project, tmp_path, capsys):
    """Key persons imported without an id are known by their ID number: the id column is masked too."""
    csv = write(tmp_path / "人员.csv", ["姓名,身份证号,经度,纬度", "张三,331002199001011234,121.05,28.05"], "gbk")
    assert run_cli(capsys, "add", project, "--kind", "persons", csv)[0] == 0
    assert run_cli(capsys, "export", project, "--layer", "persons", "--out", tmp_path / "p.csv")[0] == 0
    text = (tmp_path / "p.csv").read_text(encoding="utf-8-sig")
    assert "331002199001011234" not in text and text.count("331002********1234") == 2
    assert run_cli(capsys, "export", project, "--layer", "persons", "--out", tmp_path / "p.gpkg")[0] == 0
    frame = pyogrio.read_dataframe(tmp_path / "p.gpkg")
    assert frame["id"].tolist() == ["331002********1234"] == frame["id_number"].tolist()


@pytest.mark.parametrize("suffix", [".gpkg", ".shp"])
def test_export_geo_files(with_persons, tmp_path, capsys, suffix):
    out = tmp_path / f"重点人员{suffix}"
    code, _, err = run_cli(capsys, "export", with_persons, "--layer", "persons", "--out", out)
    assert code == 0 and err == ""
    frame = pyogrio.read_dataframe(out)
    assert frame.crs.to_epsg() == 4490 and frame.geom_type.tolist() == ["Point", "Point"]
    assert frame.geometry.x.tolist() == [121.05, 121.15] and frame.geometry.y.tolist() == [28.05, 28.15]
    assert frame["name"].tolist() == ["张三", "王五"] and frame["category"].tolist() == ["刑满释放", "吸毒"]
    assert frame["id_number"].tolist() == ["331002********1234", "331002********002X"]
    assert frame["phone"].tolist() == ["138****5678", "139****1111"]
    assert frame["grid_code"].tolist() == [A, D]
    if suffix == ".shp":
        assert out.with_suffix(".cpg").read_text() == "UTF-8"
        assert {out.with_suffix(s).exists() for s in (".shx", ".dbf", ".prj")} == {True}
        # DBF names hold 10 bytes: long Chinese names are cut between characters (3 in UTF-8), not inside
        # one (GDAL's cut left half a character: a file nothing could open), and kept apart
        assert frame["帮扶责"].tolist() == ["李四", "赵六"]
        assert frame["帮扶_1"].tolist() == ["海门街道办事处", "白云街道办事处"]
    else:
        assert frame["帮扶责任人姓名"].tolist() == ["李四", "赵六"]
        assert frame["帮扶责任单位"].tolist() == ["海门街道办事处", "白云街道办事处"]
    code, _, _ = run_cli(capsys, "export", with_persons, "--layer", "incidents", "--out", tmp_path / f"事件{suffix}")
    incidents = pyogrio.read_dataframe(tmp_path / f"事件{suffix}")
    assert code == 0 and incidents["category"].tolist() == ["盗窃", "诈骗"]
    times = incidents["reported_a" if suffix == ".shp" else "reported_at"]
    if suffix == ".gpkg":  # a GeoPackage holds UTC (with a trailing Z); the records' times are China time
        assert str(times.dt.tz) == "UTC"
        times = times.dt.tz_convert("Asia/Shanghai").dt.tz_localize(None)
    assert times.astype(str).tolist() == ["2026-01-05 08:30:00", "2026-01-05 09:00:00"]
    assert incidents["descriptio" if suffix == ".shp" else "description"].tolist() == ["电动车被盗", "电信诈骗, 损失2万"]


def test_export_errors(with_persons, tmp_path, capsys):
    for args, message in (
            (["--layer", "cars", "--out", tmp_path / "x.csv"], "no layer 'cars'; layers: grids, persons, incidents"),
            (["--layer", "persons", "--out", tmp_path / "x.xlsx"], "x.xlsx: unknown output format"),
    ):
        code, out, err = run_cli(capsys, "export", with_persons, *args)
        assert code == 2 and err.count("\n") == 1 and message in err, err
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "x.xlsx").exists()


def test_dbf_names():
    from gridmap.core.io.export import dbf_names

    assert dbf_names(["id", "description", "帮扶责任人姓名", "帮扶责任人电话", "帮扶责任", "ABCDEFGHIJK", "abcdefghijZ"]) == {
        "id": "id", "description": "descriptio", "帮扶责任人姓名": "帮扶责", "帮扶责任人电话": "帮扶_1",
        "帮扶责任": "帮扶_2", "ABCDEFGHIJK": "ABCDEFGHIJ", "abcdefghijZ": "abcdefgh_1"}
