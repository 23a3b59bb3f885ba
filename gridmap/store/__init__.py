"""Where projects live: the store interface (:mod:`gridmap.store.base`) and the GeoPackage store
(:mod:`gridmap.store.gpkg`). Stores only read and write; operations on projects are in :mod:`gridmap.ops`."""

from gridmap.store.base import ProjectLock, ProjectStore
from gridmap.store.gpkg import GpkgStore

__all__ = ["GpkgStore", "ProjectLock", "ProjectStore"]
