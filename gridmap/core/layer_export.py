"""Writing a project layer to a file others open: CSV (UTF-8 with BOM, for Excel), GeoPackage or Shapefile.

ID and phone numbers are masked unless the caller explicitly asks to reveal them. The write is atomic: the
file (or a Shapefile's set of files) appears complete or not at all.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.records import KINDS, masked

FORMATS = {".csv": "CSV", ".gpkg": "GPKG", ".shp": "ESRI Shapefile", ".geojson": "GeoJSON"}
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


def layer_frame(project, name: str, reveal: bool = False) -> pd.DataFrame:
    """The layer ``name`` (``grids`` or a record kind) as written, private columns masked unless ``reveal``."""
    if name == "grids":
        return project.grids
    if name not in project.layers:
        raise GridMapError(tr("no layer {layer}; layers: {layers}", layer=repr(name),
                              layers=", ".join(["grids", *project.layers])))
    frame = project.layers[name]
    return frame if reveal or name not in KINDS else masked(frame, name)


def export_layer(project, name: str, out: Path | str, reveal: bool = False) -> Path:
    """Write layer ``name`` to ``out``; the format follows the suffix (.csv, .gpkg, .shp, .geojson)."""
    out = Path(out)
    driver = FORMATS.get(out.suffix.lower())
    if driver is None:
        raise GridMapError(tr("unknown output format; use .csv, .gpkg, .shp or .geojson"), out)
    frame = layer_frame(project, name, reveal)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out.parent))
    try:
        target = staging / out.name
        if driver == "CSV":
            table = pd.DataFrame(frame.drop(columns="geometry")) if "geometry" in frame.columns else frame
            table.to_csv(target, index=False, encoding="utf-8-sig")
        else:
            _write_geo(frame, name, target, driver)
        for part in sorted(staging.iterdir()):
            os.replace(part, out.with_suffix(part.suffix) if driver == "ESRI Shapefile" else out)
    except OSError as err:
        raise GridMapError(tr("cannot write the file ({error})", error=err.strerror or err), out) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def _write_geo(frame: pd.DataFrame, name: str, target: Path, driver: str) -> None:
    if not isinstance(frame, gpd.GeoDataFrame):
        if name in KINDS and KINDS[name].points:
            geometry = shapely.points(frame["lon"].to_numpy(float), frame["lat"].to_numpy(float))
        else:
            geometry = None
        frame = gpd.GeoDataFrame(frame, geometry=geometry, crs=4490 if geometry is not None else None)
    if driver == "ESRI Shapefile":
        for col in frame.columns:
            if pd.api.types.is_datetime64_any_dtype(frame[col]):
                frame = frame.assign(**{col: frame[col].dt.strftime("%Y-%m-%d %H:%M:%S")})
        frame = frame.rename(columns=dbf_names([c for c in frame.columns if c != frame.geometry.name]))
    frame.to_file(target, driver=driver, engine="pyogrio", encoding="UTF-8" if driver == "ESRI Shapefile" else None)


def dbf_names(columns: list[str], size: int = 10) -> dict[str, str]:
    """Shapefile field names for ``columns``: at most ``size`` UTF-8 bytes, cut between characters (GDAL cuts
    bytes, leaving half a Chinese character that makes the file unreadable), and unique ignoring case
    (``地址_1``…)."""
    def cut(text: str, limit: int) -> str:
        return text.encode("utf-8")[:limit].decode("utf-8", "ignore")

    names, seen = {}, set()
    for column in columns:
        name, k = cut(column, size), 1
        while name.upper() in seen:
            suffix = f"_{k}"
            name, k = cut(column, size - len(suffix)) + suffix, k + 1
        seen.add(name.upper())
        names[column] = name
    return names
