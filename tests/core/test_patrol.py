"""GPS tracks imported as the ``tracks`` layer (CSV with Chinese headers in GBK, GPX) and patrol per grid and
day: exact minutes and fixes on a hand-made track, covered share against the buffer's area."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Transformer

from builders import D, X0, Y0, block, write_lines
from gridmap.core.records.importing import RecordImportOptions, import_records
from gridmap.core.visits.patrol import patrol_by_grid

MID = Y0 + D / 2  # the middle of the first row of grids


def track_lines() -> list[str]:
    """张三 walks east through grid 001 (9 fixes 30 s apart: 4 minutes), is off for 10 minutes, then walks in
    grid 002 (4 fixes a minute apart: 3 minutes); 李四 has one lone fix in grid 005 and one on another day;
    one fix outside every grid and one with an unreadable time."""
    rows = ["网格员,定位时间,经度,纬度"]
    rows += [f"张三,2026-03-01 08:{i // 2:02d}:{30 * (i % 2):02d},{X0 + 0.001 * (i + 1):.6f},{MID}" for i in range(9)]
    rows += [f"张三,2026-03-01 08:{14 + i}:00,{X0 + 0.012 + 0.002 * i:.6f},{MID}" for i in range(4)]
    rows += [f"李四,2026/3/1 9:00,{X0 + 0.015},{Y0 + 0.015}", f"李四,2026-03-02 09:00:00,{X0 + 0.015},{Y0 + 0.015}",
             f"李四,2026-03-01 10:00:00,{X0 - 0.5},{Y0}", "李四,昨天,121.4,28.6"]
    return rows


@pytest.fixture
def project(tmp_path):
    project = block()
    path = write_lines(tmp_path / "轨迹.csv", track_lines(), encoding="gbk")
    result = import_records(project, RecordImportOptions(path, "tracks"))
    assert (result.rows, result.imported, result.rejected, result.unassigned) == (17, 16, 1, 1)
    assert result.rejected_rows == [(18, "unreadable time '昨天'")]
    return project


def test_tracks_layer(project):
    tracks = project.layers["tracks"]
    assert list(tracks.columns[:6]) == ["id", "worker", "time", "lon", "lat", "grid_code"]
    assert tracks["time"].dtype == "datetime64[ns]"
    assert tracks["grid_code"].value_counts().to_dict() == {"331002001001": 9, "331002001002": 4,
                                                            "331002001005": 2, "": 1}
    assert tracks["id"].is_unique


def test_patrol_exact(project):
    out = patrol_by_grid(project, pd.Timestamp("2026-03-01"))
    assert out[["grid_code", "workers", "fixes", "minutes"]].to_dict("records") == [
        {"grid_code": "331002001001", "workers": 1, "fixes": 9, "minutes": 4.0},
        {"grid_code": "331002001002", "workers": 1, "fixes": 4, "minutes": 3.0},
        {"grid_code": "331002001005", "workers": 1, "fixes": 1, "minutes": 0.0}]
    gk = Transformer.from_crs(4490, project.gk_epsg(), always_xy=True)
    area = [shapely.area(shapely.transform(project.grids.geometry.values[i],
                                           lambda xy: np.column_stack(gk.transform(xy[:, 0], xy[:, 1]))))
            for i in (0, 1, 4)]
    (x0, y0), (x1, y1) = gk.transform(X0 + 0.001, MID), gk.transform(X0 + 0.009, MID)
    stadium = math.hypot(x1 - x0, y1 - y0) * 100 + math.pi * 50 ** 2  # a 100 m wide band with round ends
    (a0, b0), (a1, b1) = gk.transform(X0 + 0.012, MID), gk.transform(X0 + 0.018, MID)
    expected = [stadium / area[0], (math.hypot(a1 - a0, b1 - b0) * 100 + math.pi * 50 ** 2) / area[1],
                math.pi * 50 ** 2 / area[2]]
    assert out["covered_share"].tolist() == pytest.approx(expected, rel=3e-3)  # the buffer is a polygon
    assert patrol_by_grid(project, pd.Timestamp("2026-03-02"))["fixes"].tolist() == [1]
    assert patrol_by_grid(project, pd.Timestamp("2026-03-03")).empty


def test_gap_limit(project):
    """With a 15-minute limit the 10-minute break is patrol too, credited to grid 001 where it started."""
    out = patrol_by_grid(project, pd.Timestamp("2026-03-01"), gap_minutes=15)
    assert out["minutes"].tolist() == [14.0, 3.0, 0.0]


def test_gpx(tmp_path):
    project = block()
    points = "".join(f'<trkpt lat="{MID}" lon="{X0 + 0.001 * (i + 1)}"><time>2026-03-01T00:0{i}:00Z</time></trkpt>'
                     for i in range(5))
    path = tmp_path / "track.gpx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="t" '
                    'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>王五</name><trkseg>'
                    f"{points}</trkseg></trk></gpx>", encoding="utf-8")
    result = import_records(project, RecordImportOptions(path, "tracks"))
    assert (result.imported, result.rejected) == (5, 0)
    tracks = project.layers["tracks"]
    assert set(tracks["worker"]) == {"王五"}
    assert str(tracks["time"].min()) == "2026-03-01 08:00:00"  # UTC in the file, China Standard Time here
    assert patrol_by_grid(project, pd.Timestamp("2026-03-01"))["minutes"].tolist() == [4.0]


def test_a_fix_is_its_worker_at_its_time(tmp_path):
    """Fixes have no ids in the file: a fix's id is its worker and time, so the same fix twice is rejected and a
    file imported again updates its fixes."""
    project = block()
    lines = ["网格员,定位时间,经度,纬度", f"张三,2026-03-01 08:00,{X0 + 0.001},{MID}",
             f"张三,2026/3/1 8:00:00,{X0 + 0.002},{MID}", f"李四,2026-03-01 08:00:00,{X0 + 0.003},{MID}"]
    path = write_lines(tmp_path / "轨迹.csv", lines)
    result = import_records(project, RecordImportOptions(path, "tracks"))
    assert result.rejected_rows == [(3, "duplicate id 张三@20260301080000 (first in row 2)")]
    assert project.layers["tracks"]["id"].tolist() == ["张三@20260301080000", "李四@20260301080000"]
    again = import_records(project, RecordImportOptions(path, "tracks"))
    assert (again.new, again.updated, len(project.layers["tracks"])) == (0, 2, 2)
