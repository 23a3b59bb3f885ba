"""Reading vector files (Shapefile, zipped Shapefile, GeoPackage, GeoJSON, KML) with their encoding and CRS.

:func:`read_source` returns the rows with attributes decoded and the CRS set, and a :class:`SourceReport`
saying what was found and assumed. Nothing is written next to the user's files.
"""

from __future__ import annotations

import tempfile
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyogrio
import shapely

from gridmap.core.geo import crs as crsmod
from gridmap.core.io import shapefile
from gridmap.core.io.encoding import (EncodingInfo, dbf_text_values, detect_encoding, shapefile_encoding,
                                      undecodable_rows)
from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.problems import Problem, rows_text

FORMATS = {".shp": "ESRI Shapefile", ".gpkg": "GPKG", ".geojson": "GeoJSON", ".json": "GeoJSON",
           ".kml": "KML", ".kmz": "LIBKML"}
SUPPORTED = (*FORMATS, ".zip")
FORMAT_NAMES = {"ESRI Shapefile": "Shapefile", "GPKG": "GeoPackage", "LIBKML": "KMZ"}
SAMPLES = 3
# A zip is refused, before anything is unpacked, if its files add up to more than this, or to more than
# MAX_ZIP_RATIO times the zip's size once past MIN_ZIP_LIMIT (a zip bomb).
MAX_UNZIPPED_BYTES = 2 << 30
MAX_ZIP_RATIO = 100
MIN_ZIP_LIMIT = 64 << 20
# Seconds a GeoPackage layer that is an SQL view may take to count its rows before it is refused.
VIEW_SECONDS = 20.0


@dataclass
class FieldInfo:
    name: str
    type: str
    samples: list = field(default_factory=list)

    def to_json(self) -> dict:
        return {"name": self.name, "type": self.type, "samples": self.samples}


@dataclass
class SourceReport:
    """What a file holds and what was assumed to read it."""

    path: Path
    format: str
    layers: list[str]
    layer: str | None
    features: int = 0
    geometry_types: list[str] = field(default_factory=list)
    crs: object = None  # pyproj.CRS or None
    crs_inferred: bool = False
    crs_note: str = ""
    encoding: EncodingInfo | None = None
    fields: list[FieldInfo] = field(default_factory=list)
    bbox_wgs84: list[float] | None = None
    problems: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict:
        crs = crsmod.describe(self.crs)
        crs["inferred"] = self.crs_inferred
        if self.crs_note:
            crs["note"] = self.crs_note
        return {
            "path": str(self.path), "format": self.format, "layers": self.layers, "layer": self.layer,
            "features": self.features, "geometry_types": self.geometry_types, "crs": crs,
            "encoding": self.encoding.to_json() if self.encoding else None,
            "fields": [f.to_json() for f in self.fields], "bbox_wgs84": self.bbox_wgs84,
            "problems": [p.to_json() for p in self.problems],
        }


def _dataset(path: Path, workdir: Path) -> tuple[Path, str]:
    """The file GDAL should open and its format; a ``.zip`` is unpacked into ``workdir``."""
    if not path.exists():
        raise GridMapError(tr("file not found"), path)
    if path.is_dir():
        raise GridMapError(tr("is a folder; choose a .shp, .zip, .gpkg, .geojson or .kml file"), path)
    suffix = path.suffix.lower()
    if suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                _check_zip_size(archive, path)
                archive.extractall(workdir / "zip")
        except (zipfile.BadZipFile, OSError) as err:
            raise GridMapError(tr("cannot unpack the zip archive ({error})", error=err), path) from None
        found = sorted(p for p in (workdir / "zip").rglob("*") if p.suffix.lower() in FORMATS)
        if not found:
            raise GridMapError(tr("the zip archive holds no .shp, .gpkg, .geojson or .kml file"), path)
        if len(found) > 1:
            names = ", ".join(p.name for p in found)
            raise GridMapError(tr("the zip archive holds several datasets ({names}); unpack it and choose one",
                                  names=names), path)
        return found[0], FORMATS[found[0].suffix.lower()]
    if suffix == ".gpkg":
        check_views(path)
    if suffix not in FORMATS:
        raise GridMapError(tr("unsupported file type {suffix}; expected one of {supported}",
                              suffix=path.suffix or tr("(none)"), supported=", ".join(SUPPORTED)), path)
    if FORMATS[suffix] == "GeoJSON":
        return _feature_collection(path, workdir), "GeoJSON"
    return path, FORMATS[suffix]


def _feature_collection(path: Path, workdir: Path) -> Path:
    """``path``, or for a bare JSON array of features (as some collections of Chinese boundaries are) a copy in
    ``workdir`` wrapped as the FeatureCollection GDAL reads."""
    import json

    with open(path, "rb") as f:
        start = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start.startswith(b"["):
        return path
    try:
        features = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as err:
        raise GridMapError(tr("cannot read: not a GeoJSON file ({error})", error=err), path) from None
    bad = next((i for i, f in enumerate(features) if not (isinstance(f, dict) and f.get("type") == "Feature")), None)
    if bad is not None:
        raise GridMapError(tr("cannot read: item {item} of the GeoJSON array is not a Feature",
                              item=bad + 1), path)
    copy = workdir / "wrapped" / (path.stem + ".geojson")
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
                    encoding="utf-8")
    return copy


def _check_zip_size(archive: zipfile.ZipFile, path: Path) -> None:
    """GridMapError if the files in ``archive`` add up to more than the limit (zipfile never unpacks more than
    a member's declared size)."""
    total = sum(info.file_size for info in archive.infolist())
    limit = min(MAX_UNZIPPED_BYTES, max(MIN_ZIP_LIMIT, MAX_ZIP_RATIO * path.stat().st_size))
    if total > limit:
        raise GridMapError(tr("the zip archive would unpack to {size} MB, more than the {limit} MB allowed; "
                              "unpack it yourself and choose the file", size=total >> 20, limit=limit >> 20), path)


def check_views(path: Path) -> None:
    """GridMapError if a layer of the GeoPackage ``path`` is an SQL view that cannot be counted within
    :data:`VIEW_SECONDS` (a view can compute rows without end; GDAL would read it forever)."""
    import sqlite3
    import time
    from contextlib import closing

    from gridmap.core.io.sqlite import quoted, sqlite_uri

    try:
        with closing(sqlite3.connect(sqlite_uri(path.absolute()), uri=True)) as db:
            views = [name for (name,) in db.execute(
                "SELECT c.table_name FROM gpkg_contents c JOIN sqlite_master m ON m.name = c.table_name "
                "WHERE m.type = 'view'")]
            for view in views:
                deadline = time.monotonic() + VIEW_SECONDS
                db.set_progress_handler(lambda: time.monotonic() > deadline, 10000)
                try:
                    db.execute(f"SELECT COUNT(*) FROM {quoted(view)}").fetchone()
                except sqlite3.OperationalError as err:
                    if time.monotonic() > deadline:
                        raise GridMapError(tr("layer {layer} is an SQL view that did not finish within {seconds} s; "
                                              "it may never end", layer=repr(view), seconds=int(VIEW_SECONDS)),
                                           path) from None
                    raise GridMapError(tr("cannot read layer {layer}: {error}", layer=repr(view), error=err),
                                       path) from None
    except sqlite3.DatabaseError:
        return  # not a GeoPackage SQLite can read: GDAL says what is wrong


def list_layers(path: Path | str) -> list[str]:
    """Names of the layers in a file (a Shapefile has one)."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="gridmap-") as tmp:
        dataset, fmt = _dataset(path, Path(tmp))
        return _layers(path, dataset, fmt)


def _layers(path: Path, dataset: Path, fmt: str) -> list[str]:
    try:
        return [str(name) for name in pyogrio.list_layers(dataset)[:, 0]]
    except Exception as err:  # GDAL raises several types for unreadable files
        if not_recognised(err):
            raise GridMapError(tr("cannot read: not a {format} file", format=FORMAT_NAMES.get(fmt, fmt)),
                               path) from None
        raise GridMapError(tr("cannot read: {error}", error=gdal_message(err)), path) from None


def not_recognised(err: Exception) -> bool:
    """True when GDAL's error says it does not recognise the file's format."""
    return "not recognized as being in a supported file format" in str(err)


def gdal_message(err: Exception) -> str:
    """GDAL's error as users may read it: its first line without temporary paths, and never GDAL's advice to
    prefix the path with a driver name (GridMap chooses the driver; the prefix would then be "not found")."""
    text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    text = text.split("; It might help to specify the correct driver")[0]
    return text.replace(str(Path(tempfile.gettempdir())), "<temp>")


def _decoding_problem(dbf: Path, enc: EncodingInfo) -> Problem | None:
    """A problem naming the rows whose text does not decode in ``enc`` (GDAL would drop or garble bytes of
    them silently), suggesting the detected encoding when that one decodes them all; None if all decode."""
    data = dbf.read_bytes()
    rows = undecodable_rows(data, enc.name)
    if not rows:
        return None
    message = tr("{count} records do not decode as {encoding} ({rows}): their text would be garbled",
                 count=len(rows), encoding=enc.name, rows=rows_text(rows))
    detected = detect_encoding(dbf_text_values(data))
    if detected.name != enc.name and not undecodable_rows(data, detected.name):
        message = tr("{problem}; the file looks like {detected}: choose that encoding or leave it to detection",
                     problem=message, detected=detected.name)
    return Problem("encoding_errors", message, rows)


def read_source(path: Path | str, layer: str | None = None, encoding: str | None = None,
                crs: str | None = None, strict: bool = False):
    """Read a layer: ``(GeoDataFrame, SourceReport)``. The frame's CRS is the file's, the user's ``crs``
    or an inferred one (None if it cannot be known; the report says so). Raises GridMapError on bad input,
    and with ``strict`` on text that does not decode in the encoding used."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="gridmap-") as tmp:
        dataset, fmt = _dataset(path, Path(tmp))
        problems: list[Problem] = []
        enc = None
        if fmt == "ESRI Shapefile":
            dataset, problems = shapefile.prepare(dataset, Path(tmp))
            try:
                enc = shapefile_encoding(shapefile.sibling(dataset, ".dbf"), encoding)
            except ValueError as err:
                raise GridMapError(str(err), path) from None
            decoding = _decoding_problem(shapefile.sibling(dataset, ".dbf"), enc)
            if decoding is not None and strict:
                raise GridMapError(decoding.message, path)
            problems += [decoding] * (decoding is not None)
        elif encoding:
            problems.append(Problem("encoding_ignored", tr("{format} files are UTF-8 by definition; the encoding "
                                                           "{encoding} was not used", format=fmt, encoding=encoding)))
        layers = _layers(path, dataset, fmt)
        if not layers:
            raise GridMapError(tr("the file holds no layer"), path)
        if layer is not None and layer not in layers:
            raise GridMapError(tr("no layer named {layer}; layers: {layers}", layer=repr(layer),
                                  layers=", ".join(layers)), path)
        chosen = layer or layers[0]
        try:
            with warnings.catch_warnings():  # GDAL's "could not be converted" (once a process): see _decoding_problem
                warnings.filterwarnings("ignore", "One or several characters couldn't be converted", RuntimeWarning)
                frame = pyogrio.read_dataframe(dataset, layer=chosen, encoding=enc.name if enc else None)
        except Exception as err:
            raise GridMapError(tr("cannot read layer {layer}: {error}", layer=repr(chosen),
                                  error=gdal_message(err)), path) from None
    report = SourceReport(path=path, format=fmt, layers=layers, layer=chosen, features=len(frame),
                          encoding=enc, problems=problems)
    _settle_crs(frame, report, crs)
    report.geometry_types = sorted({t for t in frame.geom_type.dropna().unique()})
    report.fields = [_field_info(frame[c]) for c in frame.columns if c != frame.geometry.name]
    return frame, report


def _settle_crs(frame, report: SourceReport, user_crs: str | None) -> None:
    """Set the frame's CRS from the user, the file or the coordinates, and record how in the report."""
    geoms = frame.geometry.values
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    bounds = shapely.total_bounds(geoms[present]) if present.any() else np.array([np.nan] * 4)
    if user_crs:
        try:
            guess = crsmod.CrsGuess(crsmod.parse_crs(user_crs), False, tr("given by the user"))
        except ValueError as err:
            raise GridMapError(str(err), report.path) from None
    elif frame.crs is not None:
        guess = crsmod.reconcile(frame.crs, bounds)
    else:
        guess = crsmod.infer_crs(bounds)
        report.problems.append(Problem("crs_missing", tr("the file declares no coordinate system: {note}",
                                                          note=guess.note)))
    if guess.inferred and frame.crs is not None:
        report.problems.append(Problem("crs_mismatch", guess.note))
    frame.set_crs(guess.crs, allow_override=True, inplace=True)
    report.crs, report.crs_inferred, report.crs_note = guess.crs, guess.inferred, guess.note
    if guess.crs is not None and np.isfinite(bounds).all():
        try:
            report.bbox_wgs84 = crsmod.bounds_to_wgs84(bounds, guess.crs)
        except Exception:  # coordinates outside the CRS's domain: reported by the grid checks
            report.bbox_wgs84 = None


def _field_info(column) -> FieldInfo:
    values = column.dropna()
    samples = []
    for value in values.unique()[:SAMPLES]:
        value = value.item() if hasattr(value, "item") else value
        samples.append(value if isinstance(value, (int, float, str, bool)) else str(value))
    return FieldInfo(str(column.name), str(column.dtype), samples)


def inspect_source(path: Path | str, layer: str | None = None, encoding: str | None = None,
                   crs: str | None = None, strict: bool = False) -> SourceReport:
    """Read a file and report on it as grids: the read report plus the grid checks' findings."""
    from gridmap.core.io.fields import guess_mapping
    from gridmap.core.grids.build import check_grids

    frame, report = read_source(path, layer, encoding, crs, strict)
    mapping = guess_mapping([c for c in frame.columns if c != frame.geometry.name])
    report.problems.extend(check_grids(frame, mapping).all_problems())
    return report
