"""Grid validation on grids drawn in the tests: exact areas and places, noise that is not a finding, the CLI."""

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import Point, Polygon, box

from gridmap.cli import main
from gridmap.core.project.model import Project
from gridmap.store.gpkg import GpkgStore
from gridmap.core.grids.validate import validate

# Grids are drawn in metres in CGCS2000 Gauss-Krüger zone CM 120°E (EPSG:4549), near 椒江区, then turned into
# lon/lat; edges are split every 10 m first so that straight edges stay within micrometres of each other.
X0, Y0 = 637_000.0, 3_172_000.0
TO_LONLAT = Transformer.from_crs(4549, 4490, always_xy=True)


def lonlat(geom):
    return shapely.transform(shapely.segmentize(geom, 10.0), lambda xy: np.column_stack(TO_LONLAT.transform(*xy.T)))


def m_box(x0, y0, x1, y1):
    """A rectangle in metres from the origin (X0, Y0)."""
    return box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def project(geoms, codes=None, districts=None, layers=None, meta=None, metres=True) -> Project:
    codes = codes or [f"33100200100{i + 1}" for i in range(len(geoms))]
    grids = gpd.GeoDataFrame({
        "code": codes, "name": [f"第{i + 1}网格" for i in range(len(geoms))],
        "district": districts or ["椒江区"] * len(geoms), "street": "海门街道", "community": "东山社区",
        "households": pd.array([400] * len(geoms), dtype="Int64"),
    }, geometry=[lonlat(g) if metres else g for g in geoms], crs=4490)
    return Project(grids, meta or {}, None, layers or {})


def kinds(findings):
    return [f.kind for f in findings]


def contains(geom_m, location) -> bool:
    return lonlat(geom_m).contains(Point(location))


def test_overlap_area_and_location():
    report = validate(project([m_box(0, 0, 100, 100), m_box(90, 20, 190, 120)]))
    assert kinds(report.errors) == ["overlap"] and report.warnings == []
    overlap = report.errors[0]
    assert overlap.grids == ["331002001001", "331002001002"]
    assert overlap.area_m2 == pytest.approx(10 * 80, rel=0.01)
    assert contains(m_box(90, 20, 100, 100), overlap.location)
    assert overlap.message.endswith(f"overlap by {overlap.area_m2:.1f} m², about 10.0 m wide")


def test_overlap_under_tolerance_is_not_a_finding():
    grids = [m_box(0, 0, 100, 100), m_box(99.5, 0, 199.5, 100)]  # 0.5 m × 100 m = 50 m²
    assert kinds(validate(project(grids)).errors) == ["overlap"]
    tiny = [m_box(0, 0, 100, 100), m_box(99.995, 0, 199.995, 100)]  # 0.005 m × 100 m = 0.5 m²
    report = validate(project(tiny))
    assert report.errors == [] and report.warnings == []
    assert kinds(validate(project(tiny), tolerance_m2=0.1).errors) == ["overlap"]


def test_shared_edges_with_floating_point_noise_are_clean():
    rng = np.random.default_rng(7)
    cells = [shapely.segmentize(box(121.40 + 0.01 * (i % 3), 28.65 + 0.01 * (i // 3),
                                    121.41 + 0.01 * (i % 3), 28.66 + 0.01 * (i // 3)), 0.0005) for i in range(9)]
    noisy = [Polygon(np.asarray(c.exterior.coords)[:-1] + rng.uniform(-1e-9, 1e-9, (len(c.exterior.coords) - 1, 2)))
             for c in cells]
    report = validate(project(noisy, metres=False))
    assert report.errors == [] and report.warnings == []
    noise = validate(project(noisy, metres=False), tolerance_m2=0).errors  # the noise is there: ~0.03 m² an edge
    assert {f.kind for f in noise} >= {"overlap"} and max(f.area_m2 for f in noise) < 0.1


def ring_around(hole, districts=None):
    """Four grids around the 100 m square hole (100, 100)-(200, 200) when ``hole``, else around a fifth grid."""
    grids = [m_box(0, 200, 300, 300), m_box(0, 0, 300, 100), m_box(0, 100, 100, 200), m_box(200, 100, 300, 200)]
    return project(grids if hole else grids + [m_box(100, 100, 200, 200)], districts=districts)


def test_gap_inside_a_district():
    report = validate(ring_around(hole=True))
    assert kinds(report.errors) == ["gap"] and report.warnings == []
    gap = report.errors[0]
    assert gap.area_m2 == pytest.approx(100 * 100, rel=0.01)
    assert gap.grids == ["331002001001", "331002001002", "331002001003", "331002001004"]
    assert contains(m_box(100, 100, 200, 200), gap.location)
    assert validate(ring_around(hole=False)).errors == []
    slit = project([m_box(0, 200, 300, 300), m_box(0, 0, 300, 100), m_box(0, 100, 150, 200),
                    m_box(150.05, 100, 300, 200)])  # a gap 5 cm wide: 5 m², well above the noise
    (gap,) = validate(slit).errors
    assert gap.kind == "gap" and gap.area_m2 == pytest.approx(5, rel=0.01) and "about 0.050 m wide" in gap.message


def test_gap_between_districts_is_a_warning_not_an_error():
    report = validate(ring_around(hole=True, districts=["椒江区", "椒江区", "路桥区", "路桥区"]))
    assert report.errors == [] and kinds(report.warnings) == ["district_gap"]
    assert report.warnings[0].area_m2 == pytest.approx(10_000, rel=0.01)
    assert "椒江区, 路桥区" in report.warnings[0].message
    # A strip between two districts open at both ends is no hole at all; an enclave fills its hole.
    strip = project([m_box(0, 0, 100, 100), m_box(105, 0, 205, 100)], districts=["椒江区", "路桥区"])
    assert validate(strip).errors == [] and validate(strip).warnings == []
    enclave = ring_around(hole=False, districts=["椒江区"] * 4 + ["路桥区"])
    assert validate(enclave).errors == [] and validate(enclave).warnings == []


def test_invalid_bow_tie():
    bow_tie = Polygon([(121.40, 28.65), (121.41, 28.66), (121.41, 28.65), (121.40, 28.66)])
    report = validate(project([bow_tie, box(121.42, 28.65, 121.43, 28.66)], metres=False))
    assert kinds(report.errors) == ["invalid_geometry"] and report.warnings == []  # not also "multipart"
    invalid = report.errors[0]
    assert invalid.grids == ["331002001001"] and "Self-intersection" in invalid.message
    assert invalid.location == pytest.approx((121.405, 28.655))
    missing = project([m_box(0, 0, 100, 100), m_box(100, 0, 200, 100)])
    missing.grids.loc[1, "geometry"] = None
    assert [f.to_json() for f in validate(missing).errors] == [{
        "kind": "invalid_geometry", "grids": ["331002001002"], "location": None, "area_m2": None,
        "message": "grid 331002001002 has invalid geometry: no geometry"}]


def test_multipart_grid():
    two = shapely.MultiPolygon([m_box(0, 0, 100, 100), m_box(300, 0, 350, 100)])
    report = validate(project([two, m_box(100, 0, 200, 100)]))
    assert report.errors == [] and kinds(report.warnings) == ["multipart"]
    multipart = report.warnings[0]
    assert multipart.grids == ["331002001001"] and "2 separate parts" in multipart.message
    assert multipart.area_m2 == pytest.approx(5000, rel=0.01)  # the parts besides the largest
    assert contains(m_box(300, 0, 350, 100), multipart.location)


def test_slivers_small_or_thin():
    small = shapely.MultiPolygon([m_box(0, 0, 100, 100), m_box(150, 0, 155, 5)])  # 25 m² apart
    thin = shapely.MultiPolygon([m_box(0, 100, 100, 200), m_box(0, 250, 400, 250.5)])  # 200 m², 0.5 m wide
    report = validate(project([small, thin]))
    assert report.errors == [] and kinds(report.warnings) == ["sliver", "sliver"]  # not also "multipart"
    first, second = report.warnings
    assert first.grids == ["331002001001"] and first.area_m2 == pytest.approx(25, rel=0.01)
    assert contains(m_box(150, 0, 155, 5), first.location)
    assert second.grids == ["331002001002"] and second.area_m2 == pytest.approx(200, rel=0.01)
    assert kinds(validate(project([small, thin]), sliver_m2=10, sliver_width_m=0.1).warnings) == ["multipart"] * 2


def test_duplicate_codes():
    report = validate(project([m_box(0, 0, 100, 100), m_box(100, 0, 200, 100), m_box(200, 0, 300, 100)],
                              codes=["331002001001", "331002001002", "331002001001"]))
    assert kinds(report.errors) == ["duplicate_code"]
    assert report.errors[0].grids == ["331002001001", "331002001001"]
    assert contains(m_box(0, 0, 100, 100), report.errors[0].location)


def incidents(points):
    lon, lat = TO_LONLAT.transform(X0 + np.array([p[0] for p in points]), Y0 + np.array([p[1] for p in points]))
    return pd.DataFrame({"id": [f"SJ{i}" for i in range(len(points))], "lon": lon, "lat": lat,
                         "grid_code": ""})


def test_records_outside_every_grid():
    points = [(50, 50), (150, 50), (120, 80),  # inside
              (500, 500), (505, 503), (2000, 2000),  # outside: two together, one far
              (3000, 3000)]  # outside but assigned to a grid by hand
    meta = {"overrides": {"incidents": {"SJ6": {"grid": "331002001001", "reason": "补录", "at": ""}}}}
    report = validate(project([m_box(0, 0, 100, 100), m_box(100, 0, 200, 100)],
                              layers={"incidents": incidents(points)}, meta=meta))
    assert report.errors == [] and kinds(report.warnings) == ["outside_grids"]
    outside = report.warnings[0]
    assert outside.message.startswith("3 incidents") and outside.grids == [] and outside.area_m2 is None
    assert outside.location in [tuple(round(v, 7) for v in TO_LONLAT.transform(X0 + x, Y0 + y))
                                for x, y in [(500, 500), (505, 503)]]


def test_grids_without_a_worker():
    grids = [m_box(100 * i, 0, 100 * (i + 1), 100) for i in range(4)]
    workers = pd.DataFrame({"id": ["W1", "W2"], "name": ["张三", "李四"], "grid_code": ["331002001001;331002001002",
                                                                                      "331002001003"]})
    report = validate(project(grids, layers={"workers": workers}))
    assert kinds(report.warnings) == ["no_worker"] and report.warnings[0].grids == ["331002001004"]
    assert contains(grids[3], report.warnings[0].location)
    assert validate(project(grids)).warnings == []  # no workers layer: nothing to say


def save(tmp_path, proj) -> str:
    path = tmp_path / "p.gpkg"
    GpkgStore(path).save(proj)
    return str(path)


def test_cli_json_and_exit_codes(tmp_path, capsys):
    path = save(tmp_path, project([m_box(0, 0, 100, 100), m_box(90, 0, 190, 100),
                                   shapely.MultiPolygon([m_box(190, 0, 290, 100), m_box(400, 0, 500, 100)])]))
    assert main(["validate", path, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"errors", "warnings"}
    (overlap,), (multipart,) = data["errors"], data["warnings"]
    assert set(overlap) == {"kind", "grids", "location", "area_m2", "message"}
    assert overlap["kind"] == "overlap" and overlap["grids"] == ["331002001001", "331002001002"]
    assert overlap["area_m2"] == pytest.approx(1000, rel=0.01) and len(overlap["location"]) == 2
    assert multipart["kind"] == "multipart"
    assert main(["validate", path, "--tolerance", "2000"]) == 0
    text = capsys.readouterr().out
    assert "0 errors, 1 warnings" in text and "warning multipart at 121." in text and "331002001003" in text


def test_cli_clean_project_and_user_errors(tmp_path, capsys):
    path = save(tmp_path, project([m_box(0, 0, 100, 100), m_box(100, 0, 200, 100)]))
    assert main(["validate", path]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out
    assert main(["validate", str(tmp_path / "missing.gpkg")]) == 2
    assert "missing.gpkg" in capsys.readouterr().err
    assert main(["validate", path, "--tolerance", "-1"]) == 2
