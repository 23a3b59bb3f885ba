"""Coordinate reference systems used in China: CGCS2000 and its Gauss-Krüger zones, and CRS inference.

EPSG codes of CGCS2000 Gauss-Krüger zones:
- 3° zones, zone number prefixed to the easting: EPSG:4513-4533 (zones 25-45, central meridian 3 × zone);
- 3° zones without prefix: EPSG:4534-4554 (central meridians 75°E-135°E);
- 6° zones, prefixed: EPSG:4491-4501 (zones 13-23, central meridian 6 × zone - 3);
- 6° zones without prefix: EPSG:4502-4512.
GridMap keeps projects in CGCS2000 geographic coordinates (EPSG:4490) and measures areas in a local
Lambert azimuthal equal-area projection.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from gridmap.core.i18n import tr

CGCS2000 = 4490
PROJECT_CRS = f"EPSG:{CGCS2000}"


def gk_epsg(width: int, central_meridian: float, prefixed: bool) -> int:
    """EPSG code of the CGCS2000 Gauss-Krüger zone of ``width`` (3 or 6) degrees at ``central_meridian``."""
    if width == 3 and central_meridian % 3 == 0 and 75 <= central_meridian <= 135:
        return int((4513 if prefixed else 4534) + (central_meridian - 75) // 3)
    if width == 6 and (central_meridian + 3) % 6 == 0 and 75 <= central_meridian <= 135:
        return int((4491 if prefixed else 4502) + (central_meridian - 75) // 6)
    raise ValueError(tr("no CGCS2000 {width}° Gauss-Krüger zone has central meridian {meridian}°E", width=width,
                        meridian=central_meridian))


def gk_zone_of(epsg: int) -> tuple[int, float, bool] | None:
    """(width, central meridian, prefixed) of a CGCS2000 Gauss-Krüger EPSG code, else None."""
    for first, width, prefixed in ((4513, 3, True), (4534, 3, False), (4491, 6, True), (4502, 6, False)):
        count = 21 if width == 3 else 11
        if first <= epsg < first + count:
            return width, 75.0 + (epsg - first) * width, prefixed
    return None


def _zone_from_prefix(prefix: int) -> int | None:
    """EPSG of the prefixed zone named by an easting's leading digits (3° zones 25-45, 6° zones 13-23)."""
    if 25 <= prefix <= 45:
        return 4513 + prefix - 25
    if 13 <= prefix <= 23:
        return 4491 + prefix - 13
    return None


_GK_SHORT = re.compile(r"^gk([36])\s*:\s*(zone\s*)?(\d+(?:\.\d+)?)$", re.IGNORECASE)


def parse_crs(text: str) -> CRS:
    """A CRS from user input: ``EPSG:4549``, ``4549``, ``gk3:120`` (3° zone at 120°E, no prefix),
    ``gk3:zone40`` (prefixed zone 40), ``gk6:123``, WKT or a PROJ string. ValueError when unknown."""
    text = text.strip()
    match = _GK_SHORT.match(text)
    try:
        if match:
            width, is_zone, number = int(match[1]), bool(match[2]), float(match[3])
            if is_zone:
                meridian = number * 3 if width == 3 else number * 6 - 3
                return CRS.from_epsg(gk_epsg(width, meridian, prefixed=True))
            return CRS.from_epsg(gk_epsg(width, number, prefixed=False))
        if text.isdigit():
            return CRS.from_epsg(int(text))
        return CRS.from_user_input(text)
    except (CRSError, ValueError) as err:
        raise ValueError(tr("unknown coordinate system {crs} ({error})", crs=repr(text), error=err)) from None


def epsg_of(crs: CRS) -> int | None:
    """The EPSG code of ``crs`` when pyproj can identify it (ESRI ``.prj`` files included)."""
    code = crs.to_epsg(min_confidence=70)
    if code is None and crs.is_projected:
        code = _epsg_from_gk_parameters(crs)
    return code


def _epsg_from_gk_parameters(crs: CRS) -> int | None:
    """Identify a Gauss-Krüger zone on CGCS2000 from its projection parameters (for unnamed ``.prj``)."""
    if "2000" not in (crs.geodetic_crs.name if crs.geodetic_crs else ""):
        return None
    params = {p.name.lower(): p.value for p in (crs.coordinate_operation.params if crs.coordinate_operation else [])}
    meridian = params.get("longitude of natural origin")
    easting = params.get("false easting")
    if meridian is None or easting is None or params.get("scale factor at natural origin", 1) != 1:
        return None
    prefixed = easting > 1_000_000
    for width in (3, 6):
        try:
            code = gk_epsg(width, meridian, prefixed)
        except ValueError:
            continue
        if not prefixed or CRS.from_epsg(code).to_dict().get("x_0") == easting:
            return code
    return None


@dataclass(frozen=True)
class CrsGuess:
    """A CRS chosen for a layer: the CRS (None when it cannot be known), whether it was inferred, and why."""

    crs: CRS | None
    inferred: bool
    note: str = ""


def looks_geographic(bounds) -> bool:
    minx, miny, maxx, maxy = bounds
    return -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


def infer_crs(bounds) -> CrsGuess:
    """Guess a CRS from coordinate ranges: degrees -> CGCS2000; an 8-digit easting -> the prefixed
    Gauss-Krüger zone its leading digits name; a 6-digit easting -> unknown (the central meridian is needed)."""
    minx, miny, maxx, maxy = bounds
    if not all(math.isfinite(v) for v in bounds):
        return CrsGuess(None, True, tr("coordinates are not finite numbers"))
    if looks_geographic(bounds):
        return CrsGuess(CRS.from_epsg(CGCS2000), True, tr("coordinates are degrees: assumed CGCS2000 (EPSG:4490)"))
    if 0 <= miny and maxy < 10_000_000 and minx >= 10_000_000 and maxx < 100_000_000:
        prefix = int(minx // 1_000_000)
        code = _zone_from_prefix(prefix)
        if code is not None and int(maxx // 1_000_000) == prefix:
            width, meridian, _ = gk_zone_of(code)
            return CrsGuess(CRS.from_epsg(code), True,
                            tr("eastings carry zone prefix {zone}: assumed CGCS2000 {width}° Gauss-Krüger zone "
                               "{zone}, central meridian {meridian}°E (EPSG:{code})", zone=prefix, width=width,
                               meridian=f"{meridian:g}", code=code))
    if 0 <= miny and maxy < 10_000_000 and 100_000 <= minx and maxx < 1_000_000:
        return CrsGuess(None, True, tr("eastings look like Gauss-Krüger without a zone prefix: the central "
                                       "meridian is needed, e.g. gk3:120 (EPSG:4549) or gk3:123 (EPSG:4550) "
                                       "(command line: --crs)"))
    return CrsGuess(None, True, tr("the coordinate system cannot be inferred from the coordinate ranges"))


def reconcile(crs: CRS, bounds) -> CrsGuess:
    """Check a declared CRS against the coordinates; fix the common Gauss-Krüger prefix mix-up."""
    code = epsg_of(crs)
    zone = gk_zone_of(code) if code else None
    if zone is None:
        return CrsGuess(crs, False)
    width, meridian, prefixed = zone
    has_prefix = bounds[0] >= 10_000_000
    if has_prefix == prefixed:
        return CrsGuess(crs, False)
    fixed = gk_epsg(width, meridian, has_prefix)
    if has_prefix and _zone_from_prefix(int(bounds[0] // 1_000_000)) != fixed:
        return CrsGuess(crs, False)
    if has_prefix:
        note = tr("the declared EPSG:{code} does not match eastings that carry the zone prefix: using "
                  "EPSG:{fixed}", code=code, fixed=fixed)
    else:
        note = tr("the declared EPSG:{code} does not match eastings that lack the zone prefix: using "
                  "EPSG:{fixed}", code=code, fixed=fixed)
    return CrsGuess(CRS.from_epsg(fixed), True, note)


def describe(crs: CRS | None) -> dict:
    """``{"epsg": int|None, "name": str|None}`` for reports."""
    if crs is None:
        return {"epsg": None, "name": None}
    return {"epsg": epsg_of(crs), "name": crs.name}


def label(crs: CRS | None) -> str:
    """Short text for a CRS: ``EPSG:4549`` or its name."""
    if crs is None:
        return tr("unknown")
    code = epsg_of(crs)
    return f"EPSG:{code}" if code else crs.name


def bounds_to_wgs84(bounds, crs: CRS) -> list[float]:
    """A bounding box transformed to lon/lat (CGCS2000/WGS84), rounded to 6 decimals."""
    transformer = Transformer.from_crs(crs, CGCS2000, always_xy=True)
    return [round(v, 6) for v in transformer.transform_bounds(*bounds)]


def equal_area_crs(lon: float, lat: float) -> CRS:
    """A Lambert azimuthal equal-area projection centred on (lon, lat), for measuring areas in m²."""
    return CRS.from_proj4(f"+proj=laea +lat_0={lat:.4f} +lon_0={lon:.4f} +ellps=GRS80 +units=m +no_defs")


def working_gk_epsg(lon: float, source: str | None = None) -> int:
    """The Gauss-Krüger zone to show coordinates in: the source file's own zone when it had one, else the
    CGCS2000 3° zone (prefixed eastings) whose central meridian is nearest to ``lon``."""
    if source and source.startswith("EPSG:") and source[5:].isdigit() and gk_zone_of(int(source[5:])):
        return int(source[5:])
    return gk_epsg(3, min(max(round(lon / 3) * 3, 75), 135), prefixed=True)
