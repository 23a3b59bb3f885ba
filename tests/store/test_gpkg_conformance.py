"""Project files and GeoPackage exports that older GIS (GDAL 3.6, QGIS 3.22) open without warnings: GeoPackage 1.2
and DATETIME values in UTC with a trailing Z; times round-trip exactly and older projects still load (issue 14,
item 11). ``ogrinfo`` is Debian's gdal-bin (installed by .ci/run)."""

import sqlite3
import subprocess

import pandas as pd
import pytest

from builders import small_grids

from gridmap import ops
from gridmap.core.project.model import ImportOptions
from gridmap.core.records.importing import RecordImportOptions

TIMES = ["2026-03-01 08:00:00", "2026-03-02 07:30:59", "2026-12-31 23:59:00"]


def ogrinfo_warnings(path) -> str:
    """What ``ogrinfo`` says on stderr opening ``path`` (summary), and reading every feature."""
    summary = subprocess.run(["ogrinfo", "-al", "-so", str(path)], capture_output=True, text=True, check=True)
    full = subprocess.run(["ogrinfo", "-al", "-q", str(path)], capture_output=True, text=True, check=True)
    assert "Feature Count" in summary.stdout
    return summary.stderr + full.stderr


@pytest.fixture
def project(tmp_path):
    source = tmp_path / "grids.geojson"
    small_grids().to_file(source, driver="GeoJSON")
    path = tmp_path / "台州.gpkg"
    ops.new(path, ImportOptions(source))
    csv = tmp_path / "事件.csv"
    csv.write_text("事件编号,经度,纬度,上报时间,事件类别\n"
                   + "".join(f"A{i + 1},121.3{i + 1},28.61,{t},盗窃\n" for i, t in enumerate(TIMES)), encoding="utf-8")
    assert ops.add(path, RecordImportOptions(csv, "incidents")).imported == 3
    ops.plan(path, ops.PlanOptions("save", name="第一版"))
    return path


def test_project_and_exports_open_without_warnings(project, tmp_path):
    ops.export(project, "incidents", tmp_path / "事件.gpkg")
    ops.export(project, "grids", tmp_path / "网格.gpkg")
    ops.plan(project, ops.PlanOptions("export", name="第一版", out=tmp_path / "方案.gpkg"))
    for path in (project, tmp_path / "事件.gpkg", tmp_path / "网格.gpkg", tmp_path / "方案.gpkg"):
        assert ogrinfo_warnings(path) == "", path.name
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA user_version").fetchone()[0] == 10200, path.name
    with sqlite3.connect(project) as db:
        stored = [v for (v,) in db.execute("SELECT reported_at FROM incidents ORDER BY id")]
    assert stored == ["2026-03-01T00:00:00.000Z", "2026-03-01T23:30:59.000Z", "2026-12-31T15:59:00.000Z"]  # UTC


def test_times_round_trip_exactly(project):
    times = ops.open_project(project).layers["incidents"].sort_values("id")["reported_at"]
    assert str(times.dtype) == "datetime64[ns]"
    assert times.tolist() == [pd.Timestamp(t) for t in TIMES]


def test_older_project_with_naive_times_still_loads(project):
    """GridMap wrote GeoPackage 1.4 and times without a zone before: they are read as they are."""
    with sqlite3.connect(project) as db:
        db.executemany("UPDATE incidents SET reported_at = ? WHERE id = ?",
                       [(t.replace(" ", "T"), f"A{i + 1}") for i, t in enumerate(TIMES)])
        db.execute("PRAGMA user_version = 10400")
    times = ops.open_project(project).layers["incidents"].sort_values("id")["reported_at"]
    assert times.tolist() == [pd.Timestamp(t) for t in TIMES]
