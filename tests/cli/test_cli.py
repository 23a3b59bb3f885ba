"""The gridmap command as a user runs it: real processes, JSON on stdout, one line on stderr and exit 2."""

import json
import os
import subprocess
import sys

import pytest

from builders import CODES, grid_frame, write_shp

from gridmap.ops import open_project


def gridmap(*args, cwd=None):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "gridmap", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env=env, timeout=120)


@pytest.fixture
def shp(tmp_path):
    return write_shp(grid_frame(4528), tmp_path / "网格.shp", prj=False)


def test_inspect_json(shp):
    run = gridmap("inspect", shp, "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    for key in ("format", "layers", "features", "geometry_types", "crs", "encoding", "fields", "bbox_wgs84",
                "problems"):
        assert key in data
    assert data["format"] == "ESRI Shapefile" and data["features"] == 4
    assert data["crs"] == {**data["crs"], "epsg": 4528, "inferred": True}
    assert data["encoding"] == {"name": "GBK", "detected": True, "source": "detected"}
    fields = {f["name"]: f for f in data["fields"]}
    assert fields["WGMC"]["samples"][0] == "海门街道第一网格"
    lon0, lat0, lon1, lat1 = data["bbox_wgs84"]
    assert 121.39 < lon0 < lon1 < 121.43 and 28.64 < lat0 < lat1 < 28.68


def test_inspect_geojson_has_no_encoding(tmp_path):
    path = tmp_path / "g.geojson"
    grid_frame().to_file(path, driver="GeoJSON")
    data = json.loads(gridmap("inspect", path, "--json").stdout)
    assert data["encoding"] is None and data["crs"]["epsg"] in (4326, 4490)


def test_new_info_and_force(shp, tmp_path):
    project = tmp_path / "p.gpkg"
    run = gridmap("new", project, "--grids", shp, "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["grids"] == 4 and data["source"]["crs"] == "EPSG:4528"
    info = json.loads(gridmap("info", project, "--json").stdout)
    assert info["grids"] == 4 and info["crs"] == "EPSG:4490"
    assert info["districts"] == 1 and info["streets"] == 2 and info["layers"] == {"grids": 4}
    # 0.02° × 0.02° at 28.66°N: 1.954 km east-west × 2.217 km north-south = 4.33 km²
    assert 4.31 < info["area_km2"] < 4.36
    again = gridmap("new", project, "--grids", shp)
    assert again.returncode == 2 and again.stderr.count("\n") == 1 and "already exists" in again.stderr
    assert gridmap("new", project, "--grids", shp, "--force").returncode == 0


def test_new_with_field_options_and_coords(tmp_path):
    frame = grid_frame().rename(columns={"WGBM": "BIANMA", "WGMC": "MC2"})
    src = write_shp(frame, tmp_path / "odd.shp")
    project = tmp_path / "odd.gpkg"
    run = gridmap("new", project, "--grids", src, "--code-field", "BIANMA", "--name-field", "MC2",
                  "--coords", "gcj02", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["field_mapping"]["code"] == "BIANMA"
    assert json.loads(run.stdout)["source"]["coords"] == "gcj02"


@pytest.mark.parametrize("args, needle", [
    (("inspect", "missing.shp"), "missing.shp: file not found"),
    (("inspect",), "inspect: the following arguments are required: file"),
    (("new", "x.gpkg"), "the following arguments are required: --grids"),
    (("new", "x.txt", "--grids", "a.shp"), "x.txt: a project file must end in .gpkg"),
    (("info", "nothing.gpkg"), "nothing.gpkg: project file not found"),
    (("inspect", "z.shp", "--crs", "EPSG:0"), "unknown coordinate system"),
    (("inspect", "z.shp", "--encoding", "klingon"), "unknown encoding 'klingon'"),
    (("new", "y.gpkg", "--grids", "z.shp", "--coords", "mars"), "invalid choice: 'mars'"),
])
def test_user_errors_exit_2_with_one_line(tmp_path, args, needle):
    write_shp(grid_frame(), tmp_path / "z.shp")
    (tmp_path / "a.shp").write_bytes(b"")
    run = gridmap(*args, cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.startswith("gridmap: ") and run.stderr.count("\n") == 1, run.stderr
    assert needle in run.stderr and "Traceback" not in run.stderr
    assert run.stdout == ""


def test_broken_file_message_names_file(tmp_path):
    bad = tmp_path / "坏.shp"
    bad.write_bytes(os.urandom(500))
    run = gridmap("new", tmp_path / "p.gpkg", "--grids", bad)
    assert run.returncode == 2 and "坏.shp: not a shapefile" in run.stderr
    assert not (tmp_path / "p.gpkg").exists()


def test_duplicate_codes_refused(tmp_path):
    frame = grid_frame()
    frame.loc[1, "WGBM"] = CODES[0]
    src = write_shp(frame, tmp_path / "dup.shp")
    run = gridmap("new", tmp_path / "p.gpkg", "--grids", src)
    assert run.returncode == 2 and "rows 1, 2: duplicate codes in WGBM (331002001001)" in run.stderr


def test_demo_builds_sample(tmp_path):
    run = gridmap("demo", tmp_path / "sample", "--json")
    assert run.returncode == 0, run.stderr
    path = json.loads(run.stdout)["project"]
    info = json.loads(gridmap("info", path, "--json").stdout)
    assert 6800 <= info["grids"] <= 7000 and info["districts"] == 9 and info["streets"] > 100
    assert 9000 < info["area_km2"] < 11000  # Taizhou's land area is about 9,400-10,000 km²
    layers = info["layers"]
    assert layers["incidents"] == 20000 and layers["venues"] > 15000 and layers["workers"] > 13000
    project = open_project(path)
    for kind in ("incidents", "persons", "venues"):  # venues come in GCJ-02 and are converted back
        assert (project.layers[kind]["grid_code"] == "").sum() == 0, kind


def test_help_and_version():
    run = gridmap("--help")
    assert run.returncode == 0 and all(c in run.stdout for c in ("inspect", "new", "info", "demo"))
    assert gridmap("--version").stdout.startswith("GridMap ")
