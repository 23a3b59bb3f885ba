"""The ``store`` fixture: the same store tests run on a GeoPackage file and on a PostGIS schema."""

import pytest

from builders import block


def block_project():
    """:func:`builders.block` with what a store keeps besides grids and records: a plan not in use, a reveal in
    the audit log, an edit in the edit log, private columns and a manual assignment in the metadata."""
    from gridmap.core.grids.plans import save_plan
    from gridmap.core.project.meta import set_override

    project = block()
    save_plan(project, "现行")
    save_plan(project, "试点")  # 现行 kept as a plan not in use
    project.meta.update({"format_version": 1, "city": "台州市", "private_columns": {"workers": ["phone"]}})
    set_override(project.meta, "incidents", "E0", {"grid": "331002001002", "reason": "核实", "at": "2026-01-05"})
    project.meta["edit_log"] = [{"who": "张三", "when": "2026-01-05T08:00:00+00:00", "what": "split",
                                 "description": "split 331002001009", "before": ["331002001009"],
                                 "after": ["331002001009"], "moved": {}}]
    project.audit = [{"at": "2026-01-05T08:00:00+00:00", "user": "李四", "host": "desk-1", "action": "export",
                      "layer": "workers", "records": 9, "output": "workers.csv", "reason": "走访核对"}]
    return project


@pytest.fixture(params=["gpkg", "postgis"])
def store(request, tmp_path):
    """An empty store of each kind (a GeoPackage path, a new PostGIS schema)."""
    from gridmap.ops import store_of

    if request.param == "gpkg":
        return store_of(tmp_path / "城市.gpkg")
    return store_of(request.getfixturevalue("pg_url"))
