"""Item 11: a project names its source file by name and hash, never by its absolute path (which can tell who made
it and where: ``C:\\Users\\张三\\Desktop\\…``); older projects that stored the path keep working without it."""

from __future__ import annotations

import hashlib
import json
import sqlite3

from gridmap.store.gpkg import GpkgStore
from gridmap.ops import open_project


def _raw_meta(path) -> str:
    with sqlite3.connect(path) as db:
        return "\n".join(v for _, v in db.execute("SELECT key, value FROM gridmap_meta"))


def test_source_stored_by_name_and_hash(small_project, tmp_path):
    source = tmp_path / "grids.geojson"
    raw = _raw_meta(small_project)
    assert str(tmp_path) not in raw and json.dumps(str(tmp_path))[1:-1] not in raw
    stored = open_project(small_project).meta["sources"][0]
    assert stored["name"] == "grids.geojson" and "path" not in stored
    assert stored["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()


def test_old_project_with_a_path_loses_it_on_save(small_project):
    with sqlite3.connect(small_project) as db:
        sources = [{"path": "C:\\Users\\张三\\Desktop\\网格.shp", "crs": "EPSG:4490"}]
        db.execute("UPDATE gridmap_meta SET value = ? WHERE key = 'sources'", (json.dumps(sources),))
    store = GpkgStore(small_project)
    project = store.load()
    assert project.meta["sources"][0]["name"] == "网格.shp"
    store.save(project)
    assert "张三" not in _raw_meta(small_project)
    assert open_project(small_project).meta["sources"][0] == {"name": "网格.shp", "crs": "EPSG:4490"}
