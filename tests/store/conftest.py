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


def postgis_project(tmp_path, request):
    """The same project pushed into a new PostGIS schema (needs $GRIDMAP_TEST_PG)."""
    url = request.getfixturevalue("pg_url")
    ops.push(gpkg_project(tmp_path).path, url)
    return ops.store_of(url)


STORES = {"gpkg": lambda tmp_path, request: gpkg_project(tmp_path), "postgis": postgis_project}


@pytest.fixture(params=list(STORES))
def store(request, tmp_path):
    """A stored project (12 grids, incidents A1-A3) in each kind of store."""
    return STORES[request.param](tmp_path, request)


@pytest.fixture(params=list(STORES))
def empty_store(request, tmp_path):
    """An empty store of each kind (a GeoPackage path, a new PostGIS schema)."""
    if request.param == "gpkg":
        return ops.store_of(tmp_path / "城市.gpkg")
    return ops.store_of(request.getfixturevalue("pg_url"))


def block_project():
    """:func:`builders.block` with what a store keeps besides grids and records: a plan not in use, a reveal in
    the audit log, an edit in the edit log, private columns and a manual assignment in the metadata."""
    from builders import block
    from gridmap.core.grids.plans import save_plan
    from gridmap.core.project.meta import set_override
    from gridmap.core.records.assign import reassign_all

    project = block()
    save_plan(project, "现行")
    save_plan(project, "试点")  # 现行 kept as a plan not in use
    project.meta.update({"format_version": 1, "city": "台州市", "private_columns": {"workers": ["phone"]}})
    set_override(project.meta, "incidents", "E0", {"grid": "331002001002", "reason": "核实", "at": "2026-01-05"})
    reassign_all(project)
    project.meta["edit_log"] = [{"who": "张三", "when": "2026-01-05T08:00:00+00:00", "what": "split",
                                 "description": "split 331002001009", "before": ["331002001009"],
                                 "after": ["331002001009"], "moved": {}}]
    project.audit = [{"at": "2026-01-05T08:00:00+00:00", "user": "李四", "host": "desk-1", "action": "export",
                      "layer": "workers", "records": 9, "output": "workers.csv", "reason": "走访核对"}]
    return project
