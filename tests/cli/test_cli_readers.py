"""The readers from the command line (issue 14): a wrong --encoding and --strict, bare-array GeoJSON, GDAL's
advice never shown, a boundary file given as a project."""

import json

import pytest

from builders import grid_frame, write_shp

from test_cli import gridmap


@pytest.fixture
def utf8_shp(tmp_path):
    frame = grid_frame()
    frame["WGMC"] = ["嵊泗县", "岱山县", "定海区", "普陀区"]
    return write_shp(frame, tmp_path / "浙江省.shp", encoding="UTF-8")


def test_wrong_encoding_is_reported_without_a_raw_warning(utf8_shp, tmp_path):
    run = gridmap("inspect", utf8_shp, "--encoding", "GBK")
    assert run.returncode == 0 and run.stderr == ""
    assert "! 4 records do not decode as GBK (rows 1, 2, 3, 4)" in run.stdout and "looks like UTF-8" in run.stdout
    run = gridmap("new", tmp_path / "p.gpkg", "--grids", utf8_shp, "--encoding", "GBK", "--json")
    assert run.returncode == 0 and run.stderr == ""
    assert [p["rows"] for p in json.loads(run.stdout)["problems"] if p["kind"] == "encoding_errors"] == [[1, 2, 3, 4]]


@pytest.mark.parametrize("command", ["inspect", "new"])
def test_strict_wrong_encoding_exits_2(utf8_shp, tmp_path, command):
    target = [utf8_shp] if command == "inspect" else [tmp_path / "p.gpkg", "--grids", utf8_shp]
    run = gridmap(command, *target, "--encoding", "GBK", "--strict")
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "4 records do not decode as GBK" in run.stderr
    assert not (tmp_path / "p.gpkg").exists()


def bare_array(path):
    """A GeoJSON that is a bare array of features, as rooma1989/china_geo_data publishes (no FeatureCollection)."""
    features = [{"type": "Feature", "properties": {"adcode": 331002 + i, "name": name},
                 "geometry": {"type": "Polygon", "coordinates": [[[121.4 + i * 0.1, 28.6], [121.5 + i * 0.1, 28.6],
                                                                  [121.5 + i * 0.1, 28.7], [121.4 + i * 0.1, 28.7],
                                                                  [121.4 + i * 0.1, 28.6]]]}}
                for i, name in enumerate(["椒江区", "黄岩区"])]
    path.write_text(json.dumps(features, ensure_ascii=False), encoding="utf-8")
    return path


def test_bare_array_geojson_makes_a_project(tmp_path):
    source = bare_array(tmp_path / "台州市.json")
    before = source.read_bytes()
    run = gridmap("new", tmp_path / "p.gpkg", "--grids", source, "--code-field", "adcode", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["grids"] == 2
    assert source.read_bytes() == before  # read through a wrapped copy elsewhere
    assert sorted(p.name for p in tmp_path.iterdir() if "json" in p.suffix) == ["台州市.json"]


@pytest.mark.parametrize("args", [["info", "README.md"], ["inspect", "notes.geojson"], ["validate", "README.md"],
                                  ["new", "p.gpkg", "--grids", "notes.geojson"]])
def test_gdal_driver_advice_is_never_shown(tmp_path, args):
    (tmp_path / "README.md").write_text("# not a map\n", encoding="utf-8")
    (tmp_path / "notes.geojson").write_text("# not a map either\n", encoding="utf-8")
    run = gridmap(*args, cwd=tmp_path)
    assert run.returncode == 2 and run.stderr.count("\n") == 1
    assert "DRIVER" not in run.stderr and "prefix" not in run.stderr and "CSV:" not in run.stderr
    assert "not a GridMap project" in run.stderr or "cannot read: not a GeoJSON file" in run.stderr


@pytest.mark.parametrize("command", [["info"], ["validate"], ["stats"], ["audit"], ["export-html", "--out", "m.html"],
                                     ["add", "--kind", "incidents", "x.csv"], ["edit", "delete", "--grid", "A"]])
def test_boundary_file_given_as_a_project(tmp_path, command):
    write_shp(grid_frame(), tmp_path / "taizhou_grids.shp")
    args = [command[0], "taizhou_grids.shp", *command[1:]]
    if command[0] == "edit":
        args = ["edit", "taizhou_grids.shp", *command[1:]]
    run = gridmap(*args, cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == ("gridmap: taizhou_grids.shp is a boundary file; create a project with: "
                          "gridmap new PROJECT.gpkg --grids taizhou_grids.shp\n")
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".dbf", ".prj", ".shp", ".shx"]  # no lock file left


def test_geopackage_of_boundaries_given_as_a_project(tmp_path):
    grid_frame().to_file(tmp_path / "taizhou.gpkg", driver="GPKG")
    run = gridmap("info", "taizhou.gpkg", cwd=tmp_path)
    assert run.returncode == 2 and "taizhou.gpkg is a boundary file; create a project with: gridmap new PROJECT.gpkg " \
                                   "--grids taizhou.gpkg" in run.stderr
