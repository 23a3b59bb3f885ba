"""GCJ-02 ("Mars coordinates", Amap/Tencent) and BD-09 (Baidu) conversions, vectorised with numpy.

The forward transforms (WGS84 -> GCJ-02 -> BD-09) are the published obfuscation formulas. They have no
closed-form inverse: :func:`gcj02_to_wgs84` iterates the forward transform until the round trip agrees to
better than ``1e-9`` degrees (about 0.1 mm), which takes 3-5 iterations; the residual error of the inverse
is therefore far below the accuracy of any boundary data (see ``tests/test_crs.py``). BD-09 -> GCJ-02 is
refined the same way.
Points outside China are returned unchanged, as the forward formula leaves them unchanged.
WGS84 and CGCS2000 (EPSG:4490) differ by well under a metre and are treated as the same here.
"""

from __future__ import annotations

import numpy as np
import shapely

_A = 6378245.0
_EE = 0.00669342162296594323
_X_PI = np.pi * 3000.0 / 180.0

COORDS = ("wgs84", "gcj02", "bd09")


def _in_china(lon, lat):
    return (lon > 72.004) & (lon < 137.8347) & (lat > 0.8293) & (lat < 55.8271)


def _offset(lon, lat):
    # The published formula, each sine and root computed once (the two share their 6x and 2x terms) and the
    # arithmetic in the same order, so the result is the formula's to the last bit.
    x, y = lon - 105.0, lat - 35.0
    shared = (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    root = np.sqrt(np.abs(x))
    dlat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * root
            + shared
            + (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
            + (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0)
    dlon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * root
            + shared
            + (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
            + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0)
    radlat = lat / 180.0 * np.pi
    magic = 1 - _EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * np.cos(radlat) * np.pi)
    inside = _in_china(lon, lat)
    return np.where(inside, dlon, 0.0), np.where(inside, dlat, 0.0)


def wgs84_to_gcj02(lon, lat):
    """WGS84 lon/lat arrays to GCJ-02."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    dlon, dlat = _offset(lon, lat)
    return lon + dlon, lat + dlat


def _invert(forward, lon, lat, start, tol: float = 1e-9, max_iter: int = 30):
    """Solve ``forward(x, y) == (lon, lat)`` by fixed-point iteration from ``start``; the offsets are smooth
    and small, so each step gains several digits."""
    x, y = start
    for _ in range(max_iter):
        flon, flat = forward(x, y)
        elon, elat = flon - lon, flat - lat
        x, y = x - elon, y - elat
        if np.all(np.abs(elon) < tol) and np.all(np.abs(elat) < tol):
            break
    return x, y


def gcj02_to_wgs84(lon, lat):
    """GCJ-02 lon/lat arrays to WGS84 by iterating the forward transform."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    return _invert(wgs84_to_gcj02, lon, lat, (lon, lat))


def gcj02_to_bd09(lon, lat):
    """GCJ-02 lon/lat arrays to BD-09."""
    x, y = np.asarray(lon, float), np.asarray(lat, float)
    z = np.sqrt(x * x + y * y) + 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * _X_PI)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def bd09_to_gcj02(lon, lat):
    """BD-09 lon/lat arrays to GCJ-02: Baidu's published approximate inverse (about 0.1 m off), refined by
    iterating the forward transform like :func:`gcj02_to_wgs84`."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    x, y = lon - 0.0065, lat - 0.006
    z = np.sqrt(x * x + y * y) - 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _X_PI)
    return _invert(gcj02_to_bd09, lon, lat, (z * np.cos(theta), z * np.sin(theta)))


def to_wgs84(lon, lat, coords: str):
    """Convert lon/lat arrays declared as ``coords`` (``wgs84``, ``gcj02`` or ``bd09``) to WGS84."""
    if coords == "wgs84":
        return np.asarray(lon, float), np.asarray(lat, float)
    if coords == "gcj02":
        return gcj02_to_wgs84(lon, lat)
    if coords == "bd09":
        return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))
    raise ValueError(f"unknown coordinate system {coords!r}; expected one of {', '.join(COORDS)}")


def geometries_to_wgs84(geoms, coords: str):
    """Convert an array of shapely geometries in lon/lat declared as ``coords`` to WGS84."""
    return geoms if coords == "wgs84" else _transform(geoms, lambda lon, lat: to_wgs84(lon, lat, coords))


def _transform(geoms, convert):
    """Apply ``convert(lon_array, lat_array) -> (lon, lat)`` to every coordinate of ``geoms``."""
    return shapely.transform(geoms, lambda xy: np.column_stack(convert(xy[:, 0], xy[:, 1])))


def from_wgs84(lon, lat, coords: str):
    """Convert WGS84 lon/lat arrays to ``coords`` (``wgs84``, ``gcj02`` or ``bd09``)."""
    if coords == "wgs84":
        return lon, lat
    if coords == "gcj02":
        return wgs84_to_gcj02(lon, lat)
    if coords == "bd09":
        return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))
    raise ValueError(f"unknown coordinate system {coords!r}; expected one of {', '.join(COORDS)}")


def geometries_from_wgs84(geoms, coords: str):
    """Convert an array of shapely geometries in WGS84 lon/lat to ``coords``."""
    return geoms if coords == "wgs84" else _transform(geoms, lambda lon, lat: from_wgs84(lon, lat, coords))
