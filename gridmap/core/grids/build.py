"""Turning a layer read from a user's file into GridMap's grids, with every row accounted for.

Grids are polygons in CGCS2000 lon/lat (EPSG:4490) with the standard columns ``code, name, district, street,
community, households``, then the source's other columns. Rows without geometry are left out and listed,
invalid polygons repaired and listed, Z dropped; missing, empty or duplicate codes are errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gridmap.core.geo.chinacoords import COORDS, geometries_to_wgs84
from gridmap.core.geo.crs import CGCS2000, label
from gridmap.core.io.fields import ROLES, FieldMapping
from gridmap.core.i18n import tr
from gridmap.core.problems import Problem, rows_text


@dataclass
class GridCheck:
    """The grids made from a layer (None when errors prevent it), notes on what was changed, and errors."""

    grids: gpd.GeoDataFrame | None
    notes: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    def all_problems(self) -> list[Problem]:
        return self.errors + self.notes


# Longest edge (metres) of a projected grid before it is converted to lon/lat.
DENSIFY_M = 200.0
# More households than any grid has (a grid has a few hundred): such a value is a damaged field.
MAX_HOUSEHOLDS = 10_000_000

def _rows(mask) -> list[int]:
    return [int(i) + 1 for i in np.flatnonzero(mask)]


def polygonal_parts(geoms) -> np.ndarray:
    """Each geometry's polygonal part: make_valid and intersections can add points and lines beside the
    polygons. An empty polygon where nothing polygonal is left."""
    geoms = np.array(geoms, dtype=object)
    for i in np.flatnonzero(~np.isin(shapely.get_type_id(geoms), [3, 6])):  # not Polygon or MultiPolygon
        parts = shapely.get_parts(geoms[i])
        parts = parts[shapely.get_dimensions(parts) == 2]
        geoms[i] = shapely.union_all(parts) if len(parts) else shapely.Polygon()
    return geoms


def code_text(values: pd.Series) -> pd.Series:
    """Codes as text: numbers read from DBF numeric fields lose their ``.0``; blanks become NA."""
    def one(v):
        if v is None or (isinstance(v, float) and not np.isfinite(v)):
            return pd.NA
        if isinstance(v, (float, np.floating)) and float(v).is_integer():
            return str(int(v))
        text = str(v).strip()
        return text if text else pd.NA
    return values.map(one).astype("string")


def _geometry(frame: gpd.GeoDataFrame, coords: str, check: GridCheck) -> np.ndarray:
    """Clean geometries in EPSG:4490, and a mask of the rows kept."""
    geoms = np.asarray(frame.geometry.values, dtype=object)
    keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if (~keep).any():
        check.notes.append(Problem("empty_geometry", tr("{rows}: no geometry, left out", rows=rows_text(_rows(~keep))),
                                   _rows(~keep)))
    types = shapely.get_type_id(geoms)
    polygonal = np.isin(types, [3, 6, 7])  # Polygon, MultiPolygon, GeometryCollection (repairable)
    if keep.any() and not (polygonal & keep).any():
        found = ", ".join(sorted(set(frame.geom_type[keep].dropna())))
        check.errors.append(Problem("not_polygons", tr("grids must be polygons; this layer has {types} geometries",
                                                        types=found)))
        return keep & False
    wrong = keep & ~polygonal
    if wrong.any():
        check.notes.append(Problem("not_polygon", tr("{rows}: not polygons, left out", rows=rows_text(_rows(wrong))),
                                   _rows(wrong)))
    keep &= polygonal
    geoms = np.where(keep, shapely.force_2d(geoms), None)
    finite = _finite(geoms)
    bad = keep & ~finite
    if bad.any():
        check.notes.append(Problem("bad_coordinates", tr("{rows}: coordinates are not numbers, left out",
                                                         rows=rows_text(_rows(bad))), _rows(bad)))
    keep &= finite
    invalid = keep & ~shapely.is_valid(np.where(keep, geoms, shapely.Polygon()))
    if invalid.any():
        repaired = polygonal_parts(shapely.make_valid(geoms[invalid].astype(object)))
        geoms[invalid] = repaired
        lost = np.zeros(len(geoms), bool)
        lost[np.flatnonzero(invalid)] = shapely.is_empty(repaired)
        check.notes.append(Problem("invalid_geometry", tr("{rows}: invalid polygons repaired",
                                                          rows=rows_text(_rows(invalid))), _rows(invalid)))
        if lost.any():
            check.notes.append(Problem("degenerate_geometry", tr("{rows}: no area left after repair, left out",
                                                                 rows=rows_text(_rows(lost))), _rows(lost)))
        keep &= ~lost
    frame_crs = frame.crs
    if frame_crs is None:
        check.errors.append(Problem("crs_unknown", tr("the coordinate system is unknown; choose it "
                                                      "(command line: --crs)")))
        return keep  # the codes can still be checked
    source = geoms[keep]
    if frame_crs.is_projected:
        # A straight edge in the projection is a curve in lon/lat: densified first, two grids whose shared edge
        # has a corner on one side only (a T junction) still share it after conversion, within millimetres.
        unit = frame_crs.axis_info[0].unit_conversion_factor or 1.0
        source = shapely.segmentize(source, DENSIFY_M / unit)
    kept = gpd.GeoSeries(source, crs=frame_crs).to_crs(CGCS2000).values
    if coords != "wgs84":
        if not frame_crs.is_geographic:
            check.errors.append(Problem("coords_projected", tr("{coords} coordinates are longitude/latitude but "
                                                               "the layer is in {crs}", coords=coords.upper(),
                                                               crs=label(frame_crs))))
            return keep & False
        kept = geometries_to_wgs84(np.asarray(kept, dtype=object), coords)
    out = np.full(len(geoms), None, dtype=object)
    out[keep] = np.asarray(kept, dtype=object)
    xy_ok = _lonlat_range(out)
    outside = keep & ~xy_ok
    if outside.any():
        check.notes.append(Problem("bad_coordinates", tr("{rows}: coordinates outside longitude/latitude range, "
                                                         "left out", rows=rows_text(_rows(outside))), _rows(outside)))
        keep &= xy_ok
    frame["__geom"] = out
    return keep


def _finite(geoms: np.ndarray) -> np.ndarray:
    """Per geometry: are all its coordinates finite numbers?"""
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    bad = np.bincount(index[~np.isfinite(coords).all(axis=1)], minlength=len(geoms)) > 0
    return ~bad


def _lonlat_range(geoms: np.ndarray) -> np.ndarray:
    """Per geometry: within longitude/latitude range (missing geometries pass)."""
    minx, miny, maxx, maxy = shapely.bounds(geoms).T
    with np.errstate(invalid="ignore"):
        ok = (minx >= -180) & (maxx <= 180) & (miny >= -90) & (maxy <= 90)
    return ok | shapely.is_missing(geoms)


def _codes(frame, mapping: FieldMapping, keep, check: GridCheck) -> pd.Series | None:
    if mapping.code is None:
        names = ", ".join(c for c in frame.columns if c not in (frame.geometry.name, "__geom"))
        check.errors.append(Problem("no_code_field", tr("no grid code field found; choose it (command line: "
                                                        "--code-field); fields: {fields}", fields=names)))
        return None
    codes = code_text(frame[mapping.code])
    empty = keep & codes.isna().to_numpy()
    if empty.any():
        check.errors.append(Problem("empty_code", tr("{rows}: the code field {field} is empty",
                                                     rows=rows_text(_rows(empty)), field=mapping.code), _rows(empty)))
    dup = np.zeros(len(codes), bool)
    kept = keep & ~codes.isna().to_numpy()
    dup[kept] = codes[kept].duplicated(keep=False).to_numpy()
    if dup.any():
        values = ", ".join(sorted(set(codes[dup]))[:5])
        check.errors.append(Problem("duplicate_code", tr("{rows}: duplicate codes in {field} ({values})",
                                                         rows=rows_text(_rows(dup)), field=mapping.code,
                                                         values=values), _rows(dup)))
    return codes


def _households(values: pd.Series, keep, field: str, check: GridCheck) -> pd.Series:
    """Household counts as Int64 (blank or text: empty); an error for numbers no grid has (inf, 1e30)."""
    numbers = pd.to_numeric(values, errors="coerce")
    bad = keep & ~(numbers.isna() | (numbers.abs() <= MAX_HOUSEHOLDS)).to_numpy()
    if bad.any():
        check.errors.append(Problem("bad_households", tr("{rows}: the households field {field} holds {value}, not a "
                                                         "number of households", rows=rows_text(_rows(bad)),
                                                         field=field, value=values[bad].iloc[0]), _rows(bad)))
        return numbers.where(~bad).astype("Float64").round().astype("Int64")
    return numbers.round().astype("Int64")


def check_grids(frame: gpd.GeoDataFrame, mapping: FieldMapping, coords: str = "wgs84") -> GridCheck:
    """Check and convert a layer read by :func:`gridmap.core.io.reader.read_source` into grids."""
    if coords not in COORDS:
        raise ValueError(f"coords must be one of {', '.join(COORDS)}")
    frame = frame.copy()
    check = GridCheck(None)
    keep = _geometry(frame, coords, check)
    codes = _codes(frame, mapping, keep, check)
    if check.errors:
        return check
    columns = {"code": codes}
    for role in ROLES[1:]:
        source = getattr(mapping, role)
        if role == "households":
            columns[role] = (_households(frame[source], keep, source, check) if source
                             else pd.Series(pd.NA, index=frame.index, dtype="Int64"))
        else:
            columns[role] = (frame[source].astype("string").str.strip().fillna("") if source
                             else pd.Series("", index=frame.index, dtype="string"))
    if check.errors:
        return check
    used = {getattr(mapping, r) for r in ROLES} | {frame.geometry.name, "__geom"}
    for name in frame.columns:
        if name not in used:
            columns[name if name not in ROLES else f"src_{name}"] = frame[name]
    data = pd.DataFrame(columns)[keep].reset_index(drop=True)
    check.grids = gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(frame["__geom"][keep].to_numpy(),
                                                                 crs=CGCS2000), crs=CGCS2000)
    return check
