"""The sample city: the real Taizhou county boundaries subdivided into about 6,900 synthetic grids.

:func:`build_demo` writes the source files the way users receive them (a GBK shapefile without ``.cpg`` in
Gauss-Krüger zone 40, GBK/UTF-8 CSVs with Chinese headers, venues and visits' check-ins in GCJ-02) and imports them with
:func:`gridmap.ops.new` and :func:`gridmap.ops.add`, the same path a user's own files take.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from gridmap.core.progress import ProgressFn, no_progress, scaled

PROJECT_NAME = "taizhou.gpkg"
CITY = "台州市"


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
    from gridmap.core.project.model import ImportOptions
    from gridmap.core.records.importing import RecordImportOptions
    from gridmap.core.sample.city import CSV_FORMATS, write_sources
    from gridmap.ops.project import new
    from gridmap.ops.records import add

    path = sample_project_path(directory)
    if path.exists() and not force:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    sources = write_sources(path.parent, progress=scaled(progress, 0.0, 0.6))
    new(path, ImportOptions(sources["grids"]), force=True, progress=scaled(progress, 0.6, 0.75),
        meta={"city": CITY})  # the city names printed maps
    for i, kind in enumerate(("incidents", "persons", "venues", "workers", "tracks")):
        options = RecordImportOptions(sources[kind], kind, coords=CSV_FORMATS[kind][1])
        add(path, options, scaled(progress, 0.75 + 0.04 * i, 0.79 + 0.04 * i))
    visits = write_visits(path)
    add(path, RecordImportOptions(visits, "visits", coords=CSV_FORMATS["visits"][1]), scaled(progress, 0.95, 1.0))
    return path


def write_visits(path: Path) -> Path:
    """The sample's visits file (as a 网格通-style app exports it, beside the project), made for the key persons,
    venues and workers of the project ``path``."""
    from gridmap.core.sample.city import TODAY, build_visits, write_csv
    from gridmap.core.visits.due import visit_status
    from gridmap.ops.project import open_project

    out = path.parent / "visits.csv"
    tmp = path.parent / ".visits.csv.part"
    write_csv(build_visits(visit_status(open_project(path), TODAY)), "visits", tmp)
    os.replace(tmp, out)
    return out


@dataclass
class DemoResult:
    """The sample project's file."""

    project: Path

    def to_json(self) -> dict:
        return {"project": str(self.project)}


def demo(directory: Path | None = None, force: bool = False, progress: ProgressFn = no_progress) -> DemoResult:
    """Build the sample Taizhou city project (unless it is there, or ``force``).

    Parameters
    ----------
    directory : path, optional
        Folder for the sample (default: the user's GridMap data folder).
    force : bool, default False
        Rebuild it even if it exists.
    progress : callable, optional

    Returns
    -------
    DemoResult
    """
    return DemoResult(build_demo(directory, progress, force))
