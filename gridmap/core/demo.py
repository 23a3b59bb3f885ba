"""The sample city: the real Taizhou county boundaries subdivided into about 6,900 synthetic grids.

:func:`build_demo` writes the source files the way users receive them (a GBK shapefile without ``.cpg`` in
Gauss-Krüger zone 40, GBK/UTF-8 CSVs) and imports the shapefile with :func:`~gridmap.core.project.new_project`,
the same path a user's own files take.
"""

from __future__ import annotations

import os
from pathlib import Path

from gridmap.core.progress import ProgressFn, no_progress, scaled

PROJECT_NAME = "taizhou.gpkg"


def data_dir() -> Path:
    """GridMap's per-user data folder (``GRIDMAP_DATA_DIR`` overrides)."""
    if os.environ.get("GRIDMAP_DATA_DIR"):
        return Path(os.environ["GRIDMAP_DATA_DIR"])
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "GridMap"
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "gridmap"


def default_sample_dir() -> Path:
    return data_dir() / "sample"


def sample_project_path(directory: Path | None = None) -> Path:
    return (directory or default_sample_dir()) / PROJECT_NAME


def build_demo(directory: Path | None = None, progress: ProgressFn = no_progress, force: bool = False) -> Path:
    """Build the sample project in ``directory`` (default :func:`default_sample_dir`) unless it is there."""
    from gridmap.core.project import ImportOptions, new_project
    from gridmap.core.sample import write_sources

    path = sample_project_path(directory)
    if path.exists() and not force:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    sources = write_sources(path.parent, progress=scaled(progress, 0.0, 0.7))
    new_project(path, ImportOptions(sources["grids"]), force=True, progress=scaled(progress, 0.7, 1.0))
    return path
