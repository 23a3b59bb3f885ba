"""The store test suite's fixtures, shared by every store: ``store`` is a project of 12 grids and 3 incidents in
each store the suite covers (the GeoPackage file here; other stores add their parameter)."""

import pytest

from builders import gpkg_project, postgis_project

from gridmap import ops

@pytest.fixture
def gpkg_store(tmp_path):
    """The small project in a GeoPackage (for what only the GeoPackage store does)."""
    return gpkg_project(tmp_path)


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
