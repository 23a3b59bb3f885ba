"""The store test suite's fixtures, shared by every store: ``store`` is a project of 12 grids and 3 incidents in
each store the suite covers (the GeoPackage file here; other stores add their parameter)."""

import pytest

from builders import small_grids

from gridmap import ops
from gridmap.core.project.model import ImportOptions
from gridmap.core.records.importing import RecordImportOptions
from gridmap.store.gpkg import GpkgStore

INCIDENTS = "事件编号,经度,纬度,上报时间,事件类别\n" + "".join(
    f"A{i + 1},121.3{i + 1},28.61,2026-03-0{i + 1} 08:00:00,盗窃\n" for i in range(3))


def incidents_csv(path, rows: str = INCIDENTS):
    path.write_text(rows, encoding="utf-8")
    return path


def gpkg_project(tmp_path) -> GpkgStore:
    source = tmp_path / "grids.geojson"
    small_grids().to_file(source, driver="GeoJSON")
    path = tmp_path / "台州.gpkg"
    ops.new(path, ImportOptions(source))
    ops.add(path, RecordImportOptions(incidents_csv(tmp_path / "事件.csv"), "incidents"))
    return GpkgStore(path)


@pytest.fixture
def gpkg_store(tmp_path) -> GpkgStore:
    """The small project in a GeoPackage (for what only the GeoPackage store does)."""
    return gpkg_project(tmp_path)


STORES = {"gpkg": gpkg_project}


@pytest.fixture(params=list(STORES))
def store(request, tmp_path):
    """A stored project (12 grids, incidents A1-A3) in each kind of store."""
    return STORES[request.param](tmp_path)
