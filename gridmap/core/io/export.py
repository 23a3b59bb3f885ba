"""Writing a project layer to a file others open: CSV (UTF-8 with BOM, for Excel), GeoPackage, Shapefile or
GeoJSON.

ID and phone numbers are masked unless the caller explicitly asks to reveal them. The write is atomic: the
file (or a Shapefile's set of files) appears complete or not at all. A Shapefile's attributes are UTF-8 (with a
``.cpg`` saying so) or GBK (a ``.cpg`` saying ``936`` and the DBF's code page byte set to CP936: GDAL and QGIS
read the ``.cpg``, older software the byte). A GeoPackage is version 1.2 with its times in UTC (a trailing ``Z``),
which GDAL 3.6 and QGIS 3.22 read without warnings.
"""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio.errors
import shapely

from gridmap.core.clock import utc_times
from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.outputs import neutralised, refuse_project, staging
from gridmap.core.project.kinds import KINDS, masked

FORMATS = {".csv": "CSV", ".gpkg": "GPKG", ".shp": "ESRI Shapefile", ".geojson": "GeoJSON"}
SHAPEFILE_ENCODINGS = {"UTF-8": "UTF-8", "UTF8": "UTF-8", "GBK": "GBK", "CP936": "GBK", "936": "GBK"}
# The DBF language driver byte (offset 29) for CP936.
LDID_CP936 = 77


def layer_frame(project, name: str, reveal: bool = False) -> pd.DataFrame:
    """The layer ``name`` (``grids`` or a record kind) as written, private columns masked unless ``reveal``."""
    if name == "grids":
        return project.grids
    if name not in project.layers:
        raise GridMapError(tr("no layer {layer}; layers: {layers}", layer=repr(name),
                              layers=", ".join(["grids", *project.layers])))
    frame = project.layers[name]
    return frame if reveal or name not in KINDS else masked(frame, name, project.meta)


def export_layer(project, name: str, out: Path | str, reveal: bool = False) -> Path:
    """Write layer ``name`` to ``out``; the format follows the suffix (.csv, .gpkg, .shp, .geojson)."""
    return write_frame(layer_frame(project, name, reveal), name, out)


def write_frame(frame: pd.DataFrame, name: str, out: Path | str, encoding: str = "UTF-8") -> Path:
    """Write ``frame`` (rows of layer ``name``) to ``out`` atomically, in the format of its suffix;
    ``encoding`` (UTF-8 or GBK) is a Shapefile's attribute encoding."""
    out = Path(out)
    driver = FORMATS.get(out.suffix.lower())
    if driver is None:
        raise GridMapError(tr("unknown output format; use .csv, .gpkg, .shp or .geojson"), out)
    encoding = SHAPEFILE_ENCODINGS.get(encoding.upper().replace("_", "-"))
    if encoding is None:
        raise GridMapError(tr("unknown Shapefile encoding; use UTF-8 or GBK"), out)
    if driver == "ESRI Shapefile" and encoding == "GBK":
        _check_gbk(frame, out)
    refuse_project(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with staging(out.parent) as folder:
            target = folder / out.name
            if driver == "CSV":
                table = pd.DataFrame(frame.drop(columns="geometry")) if "geometry" in frame.columns else frame
                neutralised(table).to_csv(target, index=False, encoding="utf-8-sig")
            else:
                _write_geo(frame, name, target, driver, encoding)
            for part in sorted(folder.iterdir()):
                os.replace(part, out.with_suffix(part.suffix) if driver == "ESRI Shapefile" else out)
    except OSError as err:
        raise GridMapError(tr("cannot write the file ({error})", error=err.strerror or err), out) from None
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as err:  # e.g. the disk is full
        raise GridMapError(tr("cannot write the file ({error})", error=str(err).splitlines()[0]), out) from None
    return out


def _write_geo(frame: pd.DataFrame, name: str, target: Path, driver: str, encoding: str) -> None:
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
        frame = frame.rename(columns=dbf_names([c for c in frame.columns if c != frame.geometry.name],
                                               encoding=encoding))
    options = {}
    if driver == "GPKG":  # GeoPackage 1.2 and UTC times, which GDAL 3.6 and QGIS 3.22 read without warnings
        frame, options = utc_times(frame), {"dataset_options": {"VERSION": "1.2"}}
    frame.to_file(target, driver=driver, engine="pyogrio",
                  encoding=("CP936" if encoding == "GBK" else "UTF-8") if driver == "ESRI Shapefile" else None,
                  **options)
    if driver == "ESRI Shapefile" and encoding == "GBK":
        target.with_suffix(".cpg").write_text("936", encoding="ascii")
        with open(target.with_suffix(".dbf"), "r+b") as dbf:
            dbf.seek(29)
            dbf.write(bytes([LDID_CP936]))


def _check_gbk(frame: pd.DataFrame, out: Path) -> None:
    """Refuse text GBK cannot hold (GDAL would drop those characters with only a warning)."""
    for column in frame.columns:
        text = pd.api.types.is_string_dtype(frame[column])
        for value in [column, *(frame[column].dropna().unique() if text else ())]:
            try:
                str(value).encode("gbk")
            except UnicodeEncodeError:
                raise GridMapError(tr("{value} (field {field}) has characters GBK cannot hold; export as UTF-8",
                                      value=repr(value), field=column), out) from None


def dbf_names(columns: list[str], size: int = 10, encoding: str = "UTF-8") -> dict[str, str]:
    """Shapefile field names for ``columns``: at most ``size`` bytes in ``encoding``, cut between characters
    (GDAL cuts bytes, leaving half a Chinese character that makes the file unreadable), and unique ignoring
    case (``地址_1``…)."""
    def cut(text: str, limit: int) -> str:
        return text.encode(encoding, "replace")[:limit].decode(encoding, "ignore")

    names, seen = {}, set()
    for column in columns:
        name, k = cut(column, size), 1
        while name.upper() in seen:
            suffix = f"_{k}"
            name, k = cut(column, size - len(suffix)) + suffix, k + 1
        seen.add(name.upper())
        names[column] = name
    return names
