"""The GridMap project: grids (and, later, records) in CGCS2000 lon/lat, plus metadata.

:func:`import_grids` reads a boundary file into a new project (:func:`gridmap.ops.new` saves it). The model
imports neither the store nor the assignment: what is derived from the grids lives in ``Project.derived``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

import geopandas as gpd
import shapely

from gridmap import __version__
from gridmap.core.clock import now
from gridmap.core.geo.chinacoords import COORDS
from gridmap.core.geo.crs import PROJECT_CRS, equal_area_crs, label, working_gk_epsg
from gridmap.core.errors import GridMapError
from gridmap.core.io.fields import ROLES, FieldMapping, guess_mapping
from gridmap.core.i18n import tr
from gridmap.core.problems import Problem
from gridmap.core.project.lazy import LazyLayers
from gridmap.core.progress import ProgressFn, no_progress

FORMAT_VERSION = 1


@dataclass
class Project:
    """Grids (GeoDataFrame in EPSG:4490, standard columns first), record layers by name, metadata, the
    grid plans not in use by name (see :mod:`gridmap.core.grids.plans`) and the audit log of reveals (see
    :mod:`gridmap.core.project.privacy`)."""

    grids: gpd.GeoDataFrame
    meta: dict = field(default_factory=dict)
    path: Path | None = None
    layers: LazyLayers = field(default_factory=LazyLayers)
    plans: dict[str, gpd.GeoDataFrame] = field(default_factory=dict)
    audit: list[dict] = field(default_factory=list)
    derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    """What is derived from the grids (e.g. the assignment's locator), emptied whenever ``grids`` is replaced."""
    stored: dict = field(default_factory=dict, repr=False, compare=False)
    """What the store that loaded the project remembers of it (to save only what changed); opaque to core."""

    def __setattr__(self, name, value):
        if name == "layers" and not isinstance(value, LazyLayers):
            value = LazyLayers(value)  # a plain dict of frames: all in memory
        super().__setattr__(name, value)
        if name == "grids":  # the grids setter: what was derived from the old grids is gone
            super().__setattr__("derived", {})

    def layer_counts(self) -> dict[str, int]:
        """Rows per layer (record layers not in memory are counted by the store, not read)."""
        return {"grids": len(self.grids), **{name: self.layers.count(name) for name in self.layers}}

    def gk_epsg(self) -> int:
        """EPSG code of the Gauss-Krüger zone for showing projected coordinates (see :func:`working_gk_epsg`)."""
        sources = self.meta.get("sources") or [{}]
        lon = float(sum(self.grids.total_bounds[::2]) / 2) if len(self.grids) else 120.0
        return working_gk_epsg(lon, sources[0].get("crs"))

    def summary(self) -> dict:
        """Counts and area for ``gridmap info`` and the status bar."""
        grids = self.grids
        streets = grids.loc[grids["street"] != "", ["district", "street"]].drop_duplicates()
        return {
            "path": str(self.path) if self.path else None,
            "grids": len(grids),
            "crs": PROJECT_CRS,
            "districts": int(grids.loc[grids["district"] != "", "district"].nunique()),
            "streets": len(streets),
            "communities": int(grids.loc[grids["community"] != "", ["street", "community"]]
                               .drop_duplicates().shape[0]),
            "households": int(grids["households"].sum()) if grids["households"].notna().any() else None,
            "area_km2": round(area_m2(grids) / 1e6, 3),
            "bbox": [round(float(v), 6) for v in grids.total_bounds] if len(grids) else None,
            "layers": self.layer_counts(),
            "format_version": self.meta.get("format_version"),
            "modified": self.meta.get("modified"),
        }


def area_m2(grids: gpd.GeoDataFrame) -> float:
    """Total area of lon/lat grids in m², measured in an equal-area projection centred on them."""
    if not len(grids):
        return 0.0
    minx, miny, maxx, maxy = grids.total_bounds
    laea = equal_area_crs((minx + maxx) / 2, (miny + maxy) / 2)
    return float(shapely.area(grids.geometry.to_crs(laea).values).sum())


@dataclass
class ImportOptions:
    """How to read a boundary file: all optional but the path (None = from the file or detected)."""

    path: Path
    layer: str | None = None
    encoding: str | None = None
    crs: str | None = None
    coords: str = "wgs84"
    mapping: FieldMapping | None = None
    strict: bool = False  # text that does not decode in the encoding is an error, not a problem


def _role_name(role: str) -> str:
    """A field role as messages name it (``code``, ``households``…), translated."""
    return {"code": tr("code"), "name": tr("name"), "district": tr("district"), "street": tr("street"),
            "community": tr("community"), "households": tr("households")}[role]


def import_grids(options: ImportOptions, progress: ProgressFn = no_progress) -> tuple[Project, list[Problem]]:
    """Read a boundary file into a new (unsaved) project; GridMapError names the file and the problem."""
    from gridmap.core.grids.build import check_grids
    from gridmap.core.io.reader import read_source

    path = Path(options.path)
    if options.coords not in COORDS:
        raise GridMapError(tr("unknown coordinates {coords}; expected one of {expected}", coords=repr(options.coords),
                              expected=", ".join(COORDS)), path)
    progress(0.05, tr("Reading {name}", name=path.name))
    frame, report = read_source(path, options.layer, options.encoding, options.crs, options.strict)
    progress(0.5, tr("Checking grids"))
    columns = [c for c in frame.columns if c != frame.geometry.name]
    mapping = guess_mapping(columns).merged(options.mapping)
    for role in ROLES:
        chosen = getattr(mapping, role)
        if chosen is not None and chosen not in columns:
            raise GridMapError(tr("no field {field} for the {role}; fields: {fields}", field=repr(chosen),
                                  role=_role_name(role), fields=", ".join(columns)), path)
    if report.crs is None:
        raise GridMapError(report.crs_note, path)
    check = check_grids(frame, mapping, options.coords)
    if check.errors:
        first = check.errors[0].message
        if len(check.errors) > 1:
            first = tr("{problem} (and {count} more problems)", problem=first, count=len(check.errors) - 1)
        raise GridMapError(first, path)
    stamp = now()
    meta = {
        "format_version": FORMAT_VERSION, "app": f"GridMap {__version__}", "created": stamp, "modified": stamp,
        "crs": PROJECT_CRS,
        "sources": [{
            "name": path.name, "sha256": file_sha256(path), "format": report.format, "layer": report.layer,
            "features": report.features, "imported": len(check.grids),
            "encoding": report.encoding.to_json() if report.encoding else None,
            "crs": label(report.crs), "crs_inferred": report.crs_inferred, "coords": options.coords,
            "imported_at": stamp,
        }],
        "field_mapping": mapping.to_dict(),
    }
    return Project(check.grids, meta), report.problems + check.notes


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex (a project names its source file by name and hash, never by its
    absolute path, which can tell who made it and where)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def forget_source_paths(meta: dict) -> None:
    """Replace the absolute source paths older projects stored by the file names."""
    for source in meta.get("sources") or []:
        if isinstance(source, dict) and "path" in source:
            source.setdefault("name", PureWindowsPath(str(source["path"])).name)
            del source["path"]

