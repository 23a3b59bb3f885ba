"""Coordinate systems: Gauss-Krüger zones with and without prefix, missing .prj, GCJ-02/BD-09 input."""

import numpy as np
import pytest
import shapely

from gridmap.core.geo.chinacoords import gcj02_to_bd09, gcj02_to_wgs84, to_wgs84, wgs84_to_gcj02
from gridmap.core.geo.crs import gk_epsg, gk_zone_of, infer_crs, parse_crs
from gridmap.core.errors import GridMapError
from gridmap.core.project.model import ImportOptions, import_grids
from builders import grid_frame, write_shp


def _same_shapes(project, tolerance_deg=1e-7):
    expected = grid_frame().geometry.values
    got = project.grids.geometry.values
    assert len(got) == len(expected)
    return all(shapely.hausdorff_distance(a, b) < tolerance_deg for a, b in zip(got, expected))


@pytest.mark.parametrize("epsg", [4528, 4549, 4490, 4326, 3857, 4499, 4510])
def test_declared_crs_is_read_and_converted(tmp_path, epsg):
    path = write_shp(grid_frame(epsg), tmp_path / "grids.shp")
    project, problems = import_grids(ImportOptions(path))
    assert _same_shapes(project)
    assert project.meta["sources"][0]["crs"] == f"EPSG:{epsg}"
    assert not project.meta["sources"][0]["crs_inferred"]


def test_prefixed_zone_inferred_without_prj(tmp_path):
    path = write_shp(grid_frame(4528), tmp_path / "grids.shp", prj=False)
    project, problems = import_grids(ImportOptions(path))
    source = project.meta["sources"][0]
    assert source["crs"] == "EPSG:4528" and source["crs_inferred"]
    assert any(p.kind == "crs_missing" and "zone prefix 40" in p.message for p in problems)
    assert _same_shapes(project)


def test_six_degree_prefixed_zone_inferred(tmp_path):
    path = write_shp(grid_frame(4501 - 2), tmp_path / "grids.shp", prj=False)  # 6° zone 21, CM 123°E
    project, _ = import_grids(ImportOptions(path))
    assert project.meta["sources"][0]["crs"] == "EPSG:4499"
    assert _same_shapes(project)


def test_unprefixed_zone_needs_central_meridian(tmp_path):
    path = write_shp(grid_frame(4549), tmp_path / "grids.shp", prj=False)
    with pytest.raises(GridMapError, match="central meridian"):
        import_grids(ImportOptions(path))
    project, _ = import_grids(ImportOptions(path, crs="gk3:120"))
    assert _same_shapes(project)


def test_degrees_without_prj_are_cgcs2000(tmp_path):
    path = write_shp(grid_frame(), tmp_path / "grids.shp", prj=False)
    project, _ = import_grids(ImportOptions(path))
    assert project.meta["sources"][0]["crs"] == "EPSG:4490" and project.meta["sources"][0]["crs_inferred"]
    assert _same_shapes(project)


def test_prefix_mixup_in_prj_is_fixed(tmp_path):
    """A .prj naming the unprefixed zone on prefixed eastings (a common export mistake)."""
    path = write_shp(grid_frame(4528), tmp_path / "grids.shp")
    path.with_suffix(".prj").write_text(parse_crs("EPSG:4549").to_wkt("WKT1_ESRI"))
    project, problems = import_grids(ImportOptions(path))
    assert project.meta["sources"][0]["crs"] == "EPSG:4528"
    assert any(p.kind == "crs_mismatch" for p in problems)
    assert _same_shapes(project)


def test_declared_gcj02_is_converted(tmp_path):
    frame = grid_frame()
    lonlat = lambda xy: np.column_stack(wgs84_to_gcj02(xy[:, 0], xy[:, 1]))
    frame.geometry = shapely.transform(frame.geometry.values, lonlat)
    path = write_shp(frame, tmp_path / "gcj.shp")
    plain, _ = import_grids(ImportOptions(path))
    assert not _same_shapes(plain, 1e-3)  # about 500 m off if not declared
    project, _ = import_grids(ImportOptions(path, coords="gcj02"))
    assert _same_shapes(project, 1e-8)


def test_gcj02_refused_for_projected_source(tmp_path):
    path = write_shp(grid_frame(4528), tmp_path / "grids.shp")
    with pytest.raises(GridMapError, match="GCJ02 coordinates are longitude/latitude"):
        import_grids(ImportOptions(path, coords="gcj02"))


def test_gcj02_inverse_residual():
    """The iterative inverse round-trips to well under a millimetre across Taizhou."""
    lon, lat = np.meshgrid(np.linspace(120.2, 122.0, 40), np.linspace(28.0, 29.4, 40))
    back = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert np.abs(back[0] - lon).max() < 1e-8 and np.abs(back[1] - lat).max() < 1e-8
    offset = np.hypot(*(np.subtract(wgs84_to_gcj02(lon, lat), (lon, lat)))) * 111_000
    assert 300 < offset.min() and offset.max() < 800  # GCJ-02 is a few hundred metres off in Zhejiang


def test_bd09_inverse_residual():
    lon, lat = np.meshgrid(np.linspace(120.2, 122.0, 20), np.linspace(28.0, 29.4, 20))
    back = to_wgs84(*gcj02_to_bd09(*wgs84_to_gcj02(lon, lat)), "bd09")
    assert np.hypot(back[0] - lon, back[1] - lat).max() * 111_000 < 0.001  # within a millimetre


def test_outside_china_unchanged():
    assert wgs84_to_gcj02(np.array([2.35]), np.array([48.85]))[0][0] == 2.35


@pytest.mark.filterwarnings("ignore:You will likely lose important projection information")
def test_gk_tables():
    assert gk_epsg(3, 120, True) == 4528 and gk_epsg(3, 120, False) == 4549 and gk_epsg(3, 123, False) == 4550
    assert gk_epsg(6, 123, True) == 4499 and gk_epsg(6, 117, False) == 4509
    for code in list(range(4491, 4555)):
        width, meridian, prefixed = gk_zone_of(code)
        crs = parse_crs(f"EPSG:{code}").to_dict()
        assert crs["lon_0"] == meridian and (crs["x_0"] > 1e6) == prefixed
    with pytest.raises(ValueError):
        gk_epsg(3, 121.5, False)


def test_parse_crs_shorthands():
    assert parse_crs("gk3:120").to_epsg() == 4549
    assert parse_crs("gk3:zone40").to_epsg() == 4528
    assert parse_crs("4490").to_epsg() == 4490
    with pytest.raises(ValueError, match="unknown coordinate system"):
        parse_crs("EPSG:99999999")


def test_infer_unknown_ranges():
    assert infer_crs((5e7, 1e7, 6e7, 2e7)).crs is None
    assert infer_crs((121.0, 28.0, 121.5, 28.5)).crs.to_epsg() == 4490
