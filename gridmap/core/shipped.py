"""The files GridMap ships: ``resources/`` (the map page's assets, translations) and ``maps/`` (the sample city's
county boundaries), found with :mod:`importlib.resources`.

Installed from a wheel or an sdist they are the packages ``gridmap._resources`` and ``gridmap._maps`` (setup.cfg
maps the two top-level folders onto them); the bundled app (packaging/gridmap.spec) puts them at the same places,
``gridmap/_resources`` and ``gridmap/_maps`` in the bundle. In a source checkout, run in place or installed editable,
they are the folders next to the ``gridmap`` package, so a checkout always uses its own files.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _shipped(folder: str) -> Path:
    package = resources.files("gridmap")
    installed = package.joinpath(f"_{folder}")
    if installed.is_dir():
        # GridMap is never installed zipped (setup.cfg: zip_safe = False): Qt and GDAL need real paths. The folder,
        # not an import of gridmap._resources or _maps: the bundled app has the files, not the two (empty) packages.
        return Path(str(installed))
    return Path(str(package)).parent / folder


def resources_dir() -> Path:
    """``resources/``: ``web/`` (Leaflet, GridMap's page script) and ``translations/`` (the compiled ``.qm``)."""
    return _shipped("resources")


def maps_dir() -> Path:
    """``maps/``: ``taizhou/counties.geojson`` and the licence of its source."""
    return _shipped("maps")
