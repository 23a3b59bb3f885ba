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
