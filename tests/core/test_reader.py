"""Reading formats and refusing broken files with a message that names the file and the problem."""

import os
import shutil
import zipfile

import pyogrio
import pytest
import shapely

from gridmap.core.errors import GridMapError
from gridmap.core.project.model import ImportOptions, import_grids
from gridmap.core.io.reader import inspect_source, list_layers, read_source
from builders import CODES, NAMES, grid_frame, write_shp


@pytest.fixture
def shp(tmp_path):
    return write_shp(grid_frame(4528), tmp_path / "grids.shp")


def _snapshot(directory):
    return {p.name: p.read_bytes() for p in directory.iterdir()}


def test_source_files_are_never_modified(shp):
    before = _snapshot(shp.parent)
    inspect_source(shp)
    import_grids(ImportOptions(shp))
    assert _snapshot(shp.parent) == before


def test_missing_shx_is_rebuilt_in_a_copy(shp):
    shp.with_suffix(".shx").unlink()
    before = _snapshot(shp.parent)
    project, problems = import_grids(ImportOptions(shp))
    assert list(project.grids["name"]) == NAMES
    assert any(p.kind == "missing_shx" for p in problems)
    assert _snapshot(shp.parent) == before  # no .shx written next to the user's file


def test_missing_dbf(shp):
    shp.with_suffix(".dbf").unlink()
    with pytest.raises(GridMapError, match=r"grids\.dbf is missing") as err:
        read_source(shp)
    assert "grids.shp" in str(err.value)


def test_zero_byte_shp(shp):
    shp.write_bytes(b"")
    with pytest.raises(GridMapError, match=r"empty \(0 bytes\)"):
        read_source(shp)


def test_truncated_shp(shp):
    data = shp.read_bytes()
    shp.write_bytes(data[: len(data) - 40])
    with pytest.raises(GridMapError, match="truncated"):
        read_source(shp)


def test_random_bytes(tmp_path):
    path = tmp_path / "noise.shp"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(GridMapError, match="not a shapefile"):
        read_source(path)


def test_random_bytes_geopackage(tmp_path):
    path = tmp_path / "noise.gpkg"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(GridMapError, match="noise.gpkg: cannot read"):
        read_source(path)


def test_dbf_with_fewer_records(shp, tmp_path):
    other = write_shp(grid_frame(4528).iloc[:3], tmp_path / "other.shp")
    shutil.copyfile(other.with_suffix(".dbf"), shp.with_suffix(".dbf"))
    with pytest.raises(GridMapError, match="4 shapes but the .dbf has 3 records"):
        read_source(shp)


def test_truncated_dbf(shp):
    dbf = shp.with_suffix(".dbf")
    dbf.write_bytes(dbf.read_bytes()[:-30])
    with pytest.raises(GridMapError, match=".dbf attribute file is truncated"):
        read_source(shp)


def test_point_layer_as_grids(tmp_path):
    frame = grid_frame()
    frame.geometry = shapely.centroid(frame.geometry.values)
    path = write_shp(frame, tmp_path / "points.shp")
    with pytest.raises(GridMapError, match="grids must be polygons; this layer has Point"):
        import_grids(ImportOptions(path))


def test_duplicate_and_empty_codes_listed_with_rows(tmp_path):
    frame = grid_frame()
    frame.loc[3, "WGBM"] = CODES[0]
    frame.loc[2, "WGBM"] = ""
    path = write_shp(frame, tmp_path / "dup.shp")
    report = inspect_source(path)
    kinds = {p.kind: p.rows for p in report.problems}
    assert kinds["duplicate_code"] == [1, 4] and kinds["empty_code"] == [3]
    with pytest.raises(GridMapError, match=r"dup.shp: row 3: the code field WGBM is empty \(and 1 more"):
        import_grids(ImportOptions(path))


def test_every_row_accounted_for(tmp_path):
    frame = grid_frame()
    bowtie = shapely.Polygon([(121.40, 28.65), (121.41, 28.66), (121.41, 28.65), (121.40, 28.66)])
    frame.loc[1, "geometry"] = bowtie
    frame.loc[2, "geometry"] = None
    frame.geometry = shapely.force_3d(frame.geometry.values)
    path = write_shp(frame, tmp_path / "messy.shp")
    project, problems = import_grids(ImportOptions(path))
    found = {p.kind: p.rows for p in problems}
    assert found["empty_geometry"] == [3] and found["invalid_geometry"] == [2]
    assert list(project.grids["code"]) == [CODES[0], CODES[1], CODES[3]]
    assert project.grids.geometry.is_valid.all() and not project.grids.geometry.has_z.any()


def test_zipped_shapefile(shp, tmp_path):
    archive = tmp_path / "grids.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in shp.parent.glob("grids.*"):
            if part.suffix != ".zip":
                z.write(part, f"边界/{part.name}")
    frame, report = read_source(archive)
    assert report.format == "ESRI Shapefile" and report.encoding.name == "GBK"
    assert list(frame["WGMC"]) == NAMES


def test_bad_zip(tmp_path):
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(GridMapError, match="broken.zip: cannot unpack"):
        read_source(path)


def test_geopackage_layers(tmp_path):
    path = tmp_path / "many.gpkg"
    frame = grid_frame()
    frame.iloc[:2].to_file(path, layer="旧网格", driver="GPKG")
    frame.to_file(path, layer="新网格", driver="GPKG")
    assert list_layers(path) == ["旧网格", "新网格"]
    project, _ = import_grids(ImportOptions(path, layer="新网格"))
    assert len(project.grids) == 4 and list(project.grids["name"]) == NAMES
    with pytest.raises(GridMapError, match="no layer named 'x'; layers: 旧网格, 新网格"):
        read_source(path, layer="x")


@pytest.mark.parametrize("suffix, driver", [(".geojson", "GeoJSON"), (".kml", "KML")])
def test_geojson_and_kml(tmp_path, suffix, driver):
    path = tmp_path / f"grids{suffix}"
    frame = grid_frame()
    if driver == "KML":
        frame = frame.rename(columns={"WGMC": "Name"})
    pyogrio.write_dataframe(frame, path, driver=driver)
    project, _ = import_grids(ImportOptions(path))
    assert list(project.grids["code"]) == CODES and list(project.grids["name"]) == NAMES


def test_unsupported_and_missing(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(GridMapError, match="unsupported file type .txt"):
        read_source(tmp_path / "a.txt")
    with pytest.raises(GridMapError, match="file not found"):
        read_source(tmp_path / "nothing.shp")


def test_user_field_mapping_and_numeric_codes(tmp_path):
    from gridmap.core.io.fields import FieldMapping

    frame = grid_frame().rename(columns={"WGBM": "BH", "WGMC": "MINGCHENG"})
    frame["BH"] = frame["BH"].astype("int64")
    path = write_shp(frame, tmp_path / "odd.shp")
    with pytest.raises(GridMapError, match="no grid code field found"):
        import_grids(ImportOptions(path))
    project, _ = import_grids(ImportOptions(path, mapping=FieldMapping(code="BH", name="MINGCHENG")))
    assert list(project.grids["code"]) == CODES and list(project.grids["name"]) == NAMES
    with pytest.raises(GridMapError, match="no field 'NOPE' for the name"):
        import_grids(ImportOptions(path, mapping=FieldMapping(code="BH", name="NOPE")))
